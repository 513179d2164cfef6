// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl -n NETNS: run in a named network namespace, as "ip -n" does.
 *
 * Every request of mwgctl concerns the namespace its netlink socket lives
 * in, and interface names are resolved in the caller's namespace too, so
 * entering the namespace before anything is opened is all it takes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mwgctl.h"

/* Where "ip netns add" mounts its namespaces. */
#define NETNS_RUN_DIR	"/run/netns"

int mwgctl_enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd, rc, saved;

	/* A path (/proc/PID/ns/net) is taken as it is, a name from ip(8). */
	if (strchr(name, '/')) {
		snprintf(path, sizeof(path), "%s", name);
	} else {
		if (!name[0] || !strcmp(name, ".") || !strcmp(name, "..")) {
			errno = EINVAL;
			return -1;
		}
		snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", name);
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = setns(fd, CLONE_NEWNET);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}
