// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl vr add|set|del|show.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mwgctl.h"
#include "vr_args.h"

void mwgctl_fill_ifname(struct mwg_vr *vr)
{
	if (mwg_vr_has(vr, MWG_VRRP_A_IFNAME) && vr->ifname[0])
		return;
	if (mwg_vr_has(vr, MWG_VRRP_A_IFINDEX) &&
	    if_indextoname(vr->ifindex, vr->ifname))
		mwg_vr_mark(vr, MWG_VRRP_A_IFNAME);
}

void vr_list_free(struct vr_list *list)
{
	free(list->items);
	memset(list, 0, sizeof(*list));
}

static int collect_vr(struct nl_msg *msg, void *arg)
{
	struct vr_list *list = arg;
	struct mwg_vr *items;

	if (mwg_msg_cmd(msg) != MWG_VRRP_CMD_VR_GET)
		return 0;
	items = mwgctl_list_grow(list->items, &list->cap, list->count,
				 sizeof(*items));
	if (!items)
		return -ENOMEM;
	list->items = items;
	if (mwg_vr_parse(msg, &list->items[list->count]) < 0)
		return 0;
	mwgctl_fill_ifname(&list->items[list->count]);
	list->count++;
	return 0;
}

int mwgctl_dump_vrs(struct mwg_session *s, struct vr_list *list)
{
	struct nl_msg *msg;

	memset(list, 0, sizeof(*list));
	msg = mwg_msg_new(s, MWG_VRRP_CMD_VR_GET, NLM_F_DUMP);
	if (!msg) {
		mwg_error_set_errno(&s->err, ENOMEM);
		return -ENOMEM;
	}
	return mwg_request(s, msg, collect_vr, list);
}

static int parse_args(struct mwgctl *ctl, enum vr_cmd cmd, int argc,
		      char **argv, struct vr_args *va)
{
	struct args a;

	args_init(&a, argc, argv, ctl->no_check);
	if (vr_args_parse(cmd, &a, va) < 0)
		return mwgctl_usage_error(ctl, "%s", a.err);
	return 0;
}

/* The devices (the VR's, the tracked one), named in the caller's namespace. */
static int resolve_dev(struct mwgctl *ctl, struct vr_args *va)
{
	char text[80];

	if (va->track_dev) {
		va->vr.track_ifindex = if_nametoindex(va->track_dev);
		if (!va->vr.track_ifindex) {
			snprintf(text, sizeof(text),
				 "cannot find device \"%s\" to track",
				 va->track_dev);
			return mwgctl_fail(ctl, NULL, text);
		}
		mwg_vr_mark(&va->vr, MWG_VRRP_A_TRACK_IFINDEX);
	}
	if (!va->dev)
		return 0;
	va->vr.ifindex = if_nametoindex(va->dev);
	if (!va->vr.ifindex) {
		snprintf(text, sizeof(text), "cannot find device \"%s\"",
			 va->dev);
		return mwgctl_fail(ctl, NULL, text);
	}
	mwg_vr_mark(&va->vr, MWG_VRRP_A_IFINDEX);
	return 0;
}

/*
 * set/del without a family and without VIPs to infer one from: a VR is
 * keyed by (dev, family, vrid), but users think of "vrid 5 on d0".  Pick
 * the family of the one VR that matches; when none does, send no family and
 * let the kernel answer; when both do, the user has to choose.
 */
static int infer_family(struct mwgctl *ctl, struct mwg_session *s,
			struct vr_args *va)
{
	struct vr_list list;
	unsigned int i, matches = 0;
	uint8_t family = 0;

	if (mwg_vr_has(&va->vr, MWG_VRRP_A_FAMILY) ||
	    !mwg_vr_has(&va->vr, MWG_VRRP_A_IFINDEX) ||
	    !mwg_vr_has(&va->vr, MWG_VRRP_A_VRID))
		return 0;
	if (mwgctl_dump_vrs(s, &list) < 0) {
		vr_list_free(&list);
		return mwgctl_fail_session(ctl, s);
	}
	for (i = 0; i < list.count; i++) {
		const struct mwg_vr *vr = &list.items[i];

		if (vr->ifindex == va->vr.ifindex && vr->vrid == va->vr.vrid) {
			family = vr->family;
			matches++;
		}
	}
	vr_list_free(&list);

	if (matches > 1)
		return mwgctl_usage_error(ctl, "dev %s vrid %u exists for inet and inet6: add \"family inet\" or \"family inet6\"",
					  va->dev, va->vr.vrid);
	if (matches == 1) {
		va->vr.family = family;
		mwg_vr_mark(&va->vr, MWG_VRRP_A_FAMILY);
	}
	return 0;
}

static int run_config(struct mwgctl *ctl, enum vr_cmd cmd, uint8_t genl_cmd,
		      int argc, char **argv)
{
	struct mwg_session *s;
	struct vr_args va;
	struct nl_msg *msg;
	int rc;

	rc = parse_args(ctl, cmd, argc, argv, &va);
	if (rc)
		return rc;
	rc = resolve_dev(ctl, &va);
	if (rc)
		return rc;
	s = mwgctl_session(ctl);
	if (!s)
		return MWGCTL_FAILED;

	if (cmd != VR_CMD_ADD) {
		rc = infer_family(ctl, s, &va);
		if (rc)
			return rc;
	}

	msg = mwg_msg_new(s, genl_cmd, 0);
	if (!msg || mwg_vr_put(msg, &va.vr) < 0) {
		nlmsg_free(msg);
		return mwgctl_fail(ctl, NULL, "cannot build the request");
	}
	return mwgctl_change(ctl, s, msg);
}

int cmd_vr_add(struct mwgctl *ctl, int argc, char **argv)
{
	return run_config(ctl, VR_CMD_ADD, MWG_VRRP_CMD_VR_NEW, argc, argv);
}

int cmd_vr_set(struct mwgctl *ctl, int argc, char **argv)
{
	return run_config(ctl, VR_CMD_SET, MWG_VRRP_CMD_VR_SET, argc, argv);
}

int cmd_vr_del(struct mwgctl *ctl, int argc, char **argv)
{
	return run_config(ctl, VR_CMD_DEL, MWG_VRRP_CMD_VR_DEL, argc, argv);
}

static bool vr_matches(const struct vr_args *filter, const struct mwg_vr *vr)
{
	if (mwg_vr_has(&filter->vr, MWG_VRRP_A_IFINDEX) &&
	    filter->vr.ifindex != vr->ifindex)
		return false;
	if (mwg_vr_has(&filter->vr, MWG_VRRP_A_VRID) &&
	    filter->vr.vrid != vr->vrid)
		return false;
	if (mwg_vr_has(&filter->vr, MWG_VRRP_A_FAMILY) &&
	    filter->vr.family != vr->family)
		return false;
	return true;
}

int cmd_vr_show(struct mwgctl *ctl, int argc, char **argv)
{
	struct mwg_json *j = NULL;
	struct mwg_session *s;
	struct vr_list list;
	struct vr_args filter;
	unsigned int i, shown = 0;
	int rc;

	rc = parse_args(ctl, VR_CMD_SHOW, argc, argv, &filter);
	if (rc)
		return rc;
	/* A filter on a device that does not exist is a mistake, say so. */
	rc = resolve_dev(ctl, &filter);
	if (rc)
		return rc;
	s = mwgctl_session(ctl);
	if (!s)
		return MWGCTL_FAILED;
	if (mwgctl_dump_vrs(s, &list) < 0) {
		rc = mwgctl_fail_session(ctl, s);
		goto out;
	}

	if (ctl->json) {
		j = mwgctl_json(ctl);
		mwg_json_begin_array(j);
	}
	for (i = 0; i < list.count; i++) {
		const struct mwg_vr *vr = &list.items[i];

		if (!vr_matches(&filter, vr))
			continue;
		if (j) {
			mwg_vr_print_json(j, vr);
		} else {
			struct mwg_vr text = *vr;

			/* Counters in text with -s, as "ip -s"; JSON has them. */
			if (!ctl->stats)
				mwg_attrs_del(&text.have, MWG_VRRP_A_STATS);
			if (shown)
				putchar('\n');
			mwg_vr_print_text(stdout, &text);
		}
		shown++;
	}
	if (j) {
		mwg_json_end_array(j);
		putchar('\n');
	}
out:
	vr_list_free(&list);
	return rc;
}
