// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl bfd add|set|del|show: BFD sessions between directors.
 *
 *   bfd add dev IF peer ADDR [local ADDR] [tx-us N] [rx-us N]
 *           [multiplier M] [holddown-ms N]
 *
 * A session is named by its link and peer.  "show" collects the whole dump
 * before printing, so a failure half way leaves stdout empty.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bfd_args.h"
#include "mwgctl.h"

static int bfd_change(struct mwgctl *ctl, enum bfd_cmd cmd, uint8_t nlcmd,
		      int argc, char **argv)
{
	struct mwg_session *s;
	struct bfd_args b;
	struct nl_msg *msg;
	struct args a;
	unsigned int ifindex;

	args_init(&a, argc, argv, ctl->no_check);
	if (bfd_args_parse(cmd, &a, &b) < 0)
		return mwgctl_usage_error(ctl, "%s", a.err);
	ifindex = if_nametoindex(b.dev);
	if (!ifindex)
		return mwgctl_fail(ctl, NULL, "no such interface");
	s = mwgctl_session(ctl);
	if (!s)
		return MWGCTL_FAILED;
	msg = mwg_msg_new(s, nlcmd, 0);
	if (!msg || bfd_args_put(msg, &b, ifindex) < 0) {
		if (msg)
			nlmsg_free(msg);
		return mwgctl_fail(ctl, NULL, strerror(ENOMEM));
	}
	return mwgctl_change(ctl, s, msg);
}

int cmd_bfd_add(struct mwgctl *ctl, int argc, char **argv)
{
	return bfd_change(ctl, BFD_ADD, MWG_VRRP_CMD_BFD_ADD, argc, argv);
}

int cmd_bfd_set(struct mwgctl *ctl, int argc, char **argv)
{
	return bfd_change(ctl, BFD_SET, MWG_VRRP_CMD_BFD_SET, argc, argv);
}

int cmd_bfd_del(struct mwgctl *ctl, int argc, char **argv)
{
	return bfd_change(ctl, BFD_DEL, MWG_VRRP_CMD_BFD_DEL, argc, argv);
}

struct bfd_list {
	struct mwg_bfd *items;
	unsigned int count;
	unsigned int cap;
	unsigned int ifindex;		/* filter; 0: any */
	const struct bfd_args *filter;
};

static int collect(struct nl_msg *msg, void *arg)
{
	struct bfd_list *list = arg;
	struct mwg_bfd *items;
	struct mwg_bfd b;

	if (mwg_msg_cmd(msg) != MWG_VRRP_CMD_BFD_GET || mwg_bfd_parse(msg, &b))
		return 0;
	if (list->ifindex && b.ifindex != list->ifindex)
		return 0;
	if (list->filter->have_peer &&
	    (b.peer.family != list->filter->peer.family ||
	     memcmp(b.peer.bytes, list->filter->peer.bytes,
		    mwg_addr_len(&b.peer))))
		return 0;
	items = mwgctl_list_grow(list->items, &list->cap, list->count,
				 sizeof(*items));
	if (!items)
		return -ENOMEM;
	list->items = items;
	list->items[list->count++] = b;
	return 0;
}

int cmd_bfd_show(struct mwgctl *ctl, int argc, char **argv)
{
	struct bfd_list list = { 0 };
	struct mwg_session *s;
	struct bfd_args b;
	struct args a;
	unsigned int i;
	int rc;

	args_init(&a, argc, argv, ctl->no_check);
	if (bfd_args_parse(BFD_SHOW, &a, &b) < 0)
		return mwgctl_usage_error(ctl, "%s", a.err);
	list.filter = &b;
	if (b.dev) {
		list.ifindex = if_nametoindex(b.dev);
		if (!list.ifindex)
			return mwgctl_fail(ctl, NULL, "no such interface");
	}
	s = mwgctl_session(ctl);
	if (!s)
		return MWGCTL_FAILED;
	rc = mwgctl_dump(ctl, s, MWG_VRRP_CMD_BFD_GET, collect, &list);
	if (rc)
		goto out;
	if (ctl->json) {
		struct mwg_json *j = mwgctl_json(ctl);

		mwg_json_begin_array(j);
		for (i = 0; i < list.count; i++)
			mwg_bfd_print_json(j, &list.items[i]);
		mwg_json_end_array(j);
		putchar('\n');
	} else {
		for (i = 0; i < list.count; i++)
			mwg_bfd_print_text(stdout, &list.items[i]);
	}
out:
	free(list.items);
	return rc;
}
