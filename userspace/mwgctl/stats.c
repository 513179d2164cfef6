// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl stats: GET_INFO (module version, counters of packets that match
 * no VR in this namespace) followed by each VR's own counters.
 */
#include <errno.h>
#include <string.h>

#include "mwgctl.h"

static int on_info(struct nl_msg *msg, void *arg)
{
	if (mwg_msg_cmd(msg) != MWG_VRRP_CMD_GET_INFO)
		return 0;
	return mwg_info_parse(msg, arg) < 0 ? -EINVAL : 0;
}

static void print_text(const struct mwg_info *info, const struct vr_list *vrs)
{
	char dev[IF_NAMESIZE + 16];
	unsigned int i;

	mwg_info_print_text(stdout, info);
	for (i = 0; i < vrs->count; i++) {
		const struct mwg_vr *vr = &vrs->items[i];

		printf("dev %s vrid %u %s:\n", mwg_vr_dev(vr, dev, sizeof(dev)),
		       vr->vrid, mwg_family_name(vr->family));
		mwg_vr_stats_print_text(stdout, &vr->stats, "\t");
	}
}

static void print_json(struct mwgctl *ctl, const struct mwg_info *info,
		       const struct vr_list *vrs)
{
	struct mwg_json *j = mwgctl_json(ctl);
	char dev[IF_NAMESIZE + 16];
	unsigned int i;

	mwg_json_begin_object(j);
	mwg_info_print_json_fields(j, info);
	mwg_json_key(j, "vrs");
	mwg_json_begin_array(j);
	for (i = 0; i < vrs->count; i++) {
		const struct mwg_vr *vr = &vrs->items[i];

		mwg_json_begin_object(j);
		mwg_json_kv_string(j, "dev", mwg_vr_dev(vr, dev, sizeof(dev)));
		mwg_json_kv_uint(j, "ifindex", vr->ifindex);
		mwg_json_kv_uint(j, "vrid", vr->vrid);
		mwg_json_kv_string(j, "family", mwg_family_name(vr->family));
		mwg_json_key(j, "stats");
		mwg_vr_stats_print_json(j, &vr->stats);
		mwg_json_end_object(j);
	}
	mwg_json_end_array(j);
	mwg_json_end_object(j);
	putchar('\n');
}

int cmd_stats(struct mwgctl *ctl, int argc, char **argv)
{
	struct mwg_info info;
	struct mwg_session *s;
	struct vr_list vrs = { 0 };
	struct nl_msg *msg;
	int rc = MWGCTL_OK;

	if (argc > 0)
		return mwgctl_usage_error(ctl, "unexpected \"%s\"", argv[0]);
	s = mwgctl_session(ctl);
	if (!s)
		return MWGCTL_FAILED;

	memset(&info, 0, sizeof(info));
	msg = mwg_msg_new(s, MWG_VRRP_CMD_GET_INFO, 0);
	if (!msg) {
		rc = mwgctl_fail(ctl, NULL, strerror(ENOMEM));
		goto out;
	}
	if (mwg_request(s, msg, on_info, &info) < 0 ||
	    mwgctl_dump_vrs(s, &vrs) < 0) {
		rc = mwgctl_fail_session(ctl, s);
		goto out;
	}

	if (ctl->json)
		print_json(ctl, &info, &vrs);
	else
		print_text(&info, &vrs);
out:
	vr_list_free(&vrs);
	return rc;
}
