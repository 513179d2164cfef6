// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl scanner show: the live-scanner table, as the kernel holds it.
 * The whole dump is collected before anything is printed, so a failure
 * half way leaves stdout empty instead of half a list.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mwgctl.h"

struct scanner_list {
	struct mwg_scanner *items;
	unsigned int count;
	unsigned int cap;
};

static int collect_one(const struct mwg_scanner *sc, void *arg)
{
	struct scanner_list *list = arg;
	struct mwg_scanner *items;

	items = mwgctl_list_grow(list->items, &list->cap, list->count,
				 sizeof(*items));
	if (!items)
		return -ENOMEM;
	list->items = items;
	list->items[list->count++] = *sc;
	return 0;
}

static int on_scanners(struct nl_msg *msg, void *arg)
{
	int rc;

	if (mwg_msg_cmd(msg) != MWG_VRRP_CMD_SCANNER_GET)
		return 0;
	rc = mwg_scanners_foreach(msg, collect_one, arg);
	return rc < 0 ? rc : 0;
}

int cmd_scanner_show(struct mwgctl *ctl, int argc, char **argv)
{
	struct scanner_list list = { 0 };
	struct mwg_session *s;
	unsigned int i;
	int rc;

	if (argc > 0)
		return mwgctl_usage_error(ctl, "unexpected \"%s\"", argv[0]);
	s = mwgctl_session(ctl);
	if (!s)
		return MWGCTL_FAILED;

	rc = mwgctl_dump(ctl, s, MWG_VRRP_CMD_SCANNER_GET, on_scanners, &list);
	if (rc)
		goto out;

	if (ctl->json) {
		struct mwg_json *j = mwgctl_json(ctl);

		mwg_json_begin_array(j);
		for (i = 0; i < list.count; i++)
			mwg_scanner_print_json(j, &list.items[i]);
		mwg_json_end_array(j);
		putchar('\n');
	} else {
		for (i = 0; i < list.count; i++)
			mwg_scanner_print_text(stdout, &list.items[i]);
	}
out:
	free(list.items);
	return rc;
}
