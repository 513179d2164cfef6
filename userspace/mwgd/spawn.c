// SPDX-License-Identifier: GPL-2.0
/*
 * Starting a child: see spawn.h.  The daemon's own descriptors are
 * close-on-exec, and everything above stderr is closed besides, so that no
 * child holds a socket or a capture of the daemon's.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "spawn.h"

/* close_range(2) where the kernel has it, a loop where it has not. */
static void close_from(int first)
{
	long max;
	int fd;

#ifdef SYS_close_range
	if (!syscall(SYS_close_range, first, ~0U, 0))
		return;
#endif
	max = sysconf(_SC_OPEN_MAX);
	for (fd = first; fd < (max > 0 ? max : 1024); fd++)
		close(fd);
}

/* In the child: never returns. */
static void exec_child(char *const argv[], void (*prepare)(void *), void *arg)
{
	sigset_t none;
	int fd;

	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	fd = open("/dev/null", O_RDONLY);
	if (fd > 0) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	/* What it prints lands in mwgd's log, not on a caller's pipe. */
	dup2(STDERR_FILENO, STDOUT_FILENO);
	close_from(STDERR_FILENO + 1);
	if (prepare)
		prepare(arg);
	execv(argv[0], argv);
	fprintf(stderr, "mwgd: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

pid_t mwgd_spawn(char *const argv[], void (*prepare)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid)
		return pid;
	exec_child(argv, prepare, arg);
	return -1;	/* not reached */
}
