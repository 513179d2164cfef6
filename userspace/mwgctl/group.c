// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl group add|del|show: sync groups, VRs that are MASTER together.
 *
 *   group add NAME vr IF:VRID [vr IF:VRID...] [family inet|inet6]
 *   group del NAME
 *   group show
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "group_args.h"
#include "mwgctl.h"

static int group_change(struct mwgctl *ctl, enum group_cmd cmd, int argc,
			char **argv)
{
	struct mwg_session *s;
	struct group_args g;
	struct mwg_group grp;
	struct nl_msg *msg;
	struct args a;
	unsigned int i;
	int err;

	args_init(&a, argc, argv, ctl->no_check);
	if (group_args_parse(cmd, &a, &g) < 0)
		return mwgctl_usage_error(ctl, "%s", a.err);
	memset(&grp, 0, sizeof(grp));
	for (i = 0; i < g.count; i++) {
		struct mwg_group_member *m = &grp.member[grp.count++];

		m->ifindex = if_nametoindex(g.member[i].dev);
		m->vrid = g.member[i].vrid;
		m->family = g.family;
		if (!m->ifindex) {
			char what[IF_NAMESIZE + 8];

			snprintf(what, sizeof(what), "vr %s", g.member[i].dev);
			return mwgctl_fail(ctl, what, "no such interface");
		}
	}
	s = mwgctl_session(ctl);
	if (!s)
		return MWGCTL_FAILED;
	msg = mwg_msg_new(s, cmd == GROUP_CMD_ADD ? MWG_VRRP_CMD_GROUP_NEW :
						    MWG_VRRP_CMD_GROUP_DEL, 0);
	if (!msg)
		return mwgctl_fail(ctl, NULL, strerror(ENOMEM));
	if (cmd == GROUP_CMD_ADD)
		err = mwg_group_put(msg, g.name, &grp);
	else
		err = nla_put_string(msg, MWG_VRRP_A_GROUP_NAME, g.name) ?
		      -EMSGSIZE : 0;
	if (err) {
		nlmsg_free(msg);
		return mwgctl_fail(ctl, NULL, strerror(-err));
	}
	return mwgctl_change(ctl, s, msg);
}

int cmd_group_add(struct mwgctl *ctl, int argc, char **argv)
{
	return group_change(ctl, GROUP_CMD_ADD, argc, argv);
}

int cmd_group_del(struct mwgctl *ctl, int argc, char **argv)
{
	return group_change(ctl, GROUP_CMD_DEL, argc, argv);
}

struct group_list {
	struct mwg_group *items;
	unsigned int count;
	unsigned int cap;
};

static int collect(struct nl_msg *msg, void *arg)
{
	struct group_list *list = arg;
	struct mwg_group *items;

	items = mwgctl_list_grow(list->items, &list->cap, list->count,
				 sizeof(*items));
	if (!items)
		return -ENOMEM;
	list->items = items;
	if (mwg_group_parse(msg, &list->items[list->count]) == 0)
		list->count++;
	return 0;
}

static const char *member_state(const struct mwg_group_member *m)
{
	return m->has_state ? mwg_state_name(m->state) : "absent";
}

static void print_json(struct mwgctl *ctl, const struct group_list *list)
{
	struct mwg_json *j = mwgctl_json(ctl);
	unsigned int i, k;

	mwg_json_begin_array(j);
	for (i = 0; i < list->count; i++) {
		const struct mwg_group *g = &list->items[i];

		mwg_json_begin_object(j);
		mwg_json_kv_string(j, "name", g->name);
		mwg_json_key(j, "members");
		mwg_json_begin_array(j);
		for (k = 0; k < g->count; k++) {
			const struct mwg_group_member *m = &g->member[k];

			mwg_json_begin_object(j);
			mwg_json_kv_string(j, "dev", m->ifname);
			mwg_json_kv_uint(j, "ifindex", m->ifindex);
			mwg_json_kv_uint(j, "vrid", m->vrid);
			mwg_json_kv_string(j, "family",
					   mwg_family_name(m->family));
			mwg_json_kv_string(j, "state", member_state(m));
			mwg_json_end_object(j);
		}
		mwg_json_end_array(j);
		mwg_json_end_object(j);
	}
	mwg_json_end_array(j);
	putchar('\n');
}

int cmd_group_show(struct mwgctl *ctl, int argc, char **argv)
{
	struct group_list list = { 0 };
	struct mwg_session *s;
	struct group_args g;
	struct args a;
	unsigned int i, k;
	int rc;

	args_init(&a, argc, argv, ctl->no_check);
	if (group_args_parse(GROUP_CMD_SHOW, &a, &g) < 0)
		return mwgctl_usage_error(ctl, "%s", a.err);
	s = mwgctl_session(ctl);
	if (!s)
		return MWGCTL_FAILED;
	rc = mwgctl_dump(ctl, s, MWG_VRRP_CMD_GROUP_GET, collect, &list);
	if (rc)
		goto out;
	if (ctl->json) {
		print_json(ctl, &list);
		goto out;
	}
	for (i = 0; i < list.count; i++) {
		const struct mwg_group *grp = &list.items[i];

		printf("group %s\n", grp->name);
		for (k = 0; k < grp->count; k++)
			printf("\tvr %s:%u %s %s\n", grp->member[k].ifname,
			       grp->member[k].vrid,
			       mwg_family_name(grp->member[k].family),
			       member_state(&grp->member[k]));
	}
out:
	free(list.items);
	return rc;
}
