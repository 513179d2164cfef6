/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Children of the daemon (hooks, tracking scripts): started without a
 * shell, in a process group of their own so that a timeout kills what they
 * started too, with stdin from /dev/null and stdout into mwgd's stderr.
 */
#ifndef MWGD_SPAWN_H
#define MWGD_SPAWN_H

#include <sys/types.h>

/*
 * Fork and execute @argv[0] with @argv; NULL @prepare or a function the
 * child calls before exec (to set variables, say).  The child's pid, or -1
 * with errno.  The caller reaps it (SIGCHLD).
 */
pid_t mwgd_spawn(char *const argv[], void (*prepare)(void *), void *arg);

#endif /* MWGD_SPAWN_H */
