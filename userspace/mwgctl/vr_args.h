/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arguments of "mwgctl vr add|set|del|show" into a struct mwg_vr.
 */
#ifndef MWGCTL_VR_ARGS_H
#define MWGCTL_VR_ARGS_H

#include "args.h"
#include "mwg.h"

enum vr_cmd {
	VR_CMD_ADD,
	VR_CMD_SET,
	VR_CMD_DEL,
	VR_CMD_SHOW,
};

struct vr_args {
	/*
	 * The attributes to send (or, for show, to filter on).  IFINDEX is
	 * not set here: the device is resolved by name later, in the
	 * namespace the request goes to.
	 */
	struct mwg_vr vr;
	const char *dev;
	/*
	 * "track-if IF": resolved like dev, into TRACK_IFINDEX; "none" sets
	 * TRACK_IFINDEX 0 here already (tracking nothing).
	 */
	const char *track_dev;
};

/*
 * Parse the words after "vr add" (etc.).  The family is taken from the
 * VIPs unless given.  0, or -1 with a message in a->err.
 */
int vr_args_parse(enum vr_cmd cmd, struct args *a, struct vr_args *out);

/* Is @word one of the keywords of "vr @cmd"?  Ends a "vip A B C" list. */
bool vr_args_is_keyword(enum vr_cmd cmd, const char *word);

#endif /* MWGCTL_VR_ARGS_H */
