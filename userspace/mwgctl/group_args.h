/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arguments of "mwgctl group add|del|show".
 */
#ifndef MWGCTL_GROUP_ARGS_H
#define MWGCTL_GROUP_ARGS_H

#include <net/if.h>
#include <stdint.h>

#include "args.h"
#include "mwg.h"

enum group_cmd {
	GROUP_CMD_ADD,
	GROUP_CMD_DEL,
	GROUP_CMD_SHOW,
};

/* A member as written, IF:VRID; the interface is resolved later. */
struct group_member_arg {
	char dev[IF_NAMESIZE];
	uint8_t vrid;
};

struct group_args {
	const char *name;
	/* Room past the kernel's limit so that its refusal can be tested. */
	struct group_member_arg member[2 * MWG_VRRP_GROUP_MEMBERS_MAX];
	unsigned int count;
	uint8_t family;			/* of every member; AF_INET default */
};

/*
 * "add NAME vr IF:VRID [vr IF:VRID...] [family inet|inet6]", "del NAME",
 * "show": the words after the command.  0, or -1 with a message in a->err.
 */
int group_args_parse(enum group_cmd cmd, struct args *a,
		     struct group_args *out);

#endif /* MWGCTL_GROUP_ARGS_H */
