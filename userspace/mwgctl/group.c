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

static int put_members(struct nl_msg *msg, const struct group_args *g,
		       const uint32_t *ifindex)
{
	struct nlattr *members, *m;
	unsigned int i;

	members = nla_nest_start(msg, MWG_VRRP_A_GROUP_MEMBERS);
	if (!members)
		return -EMSGSIZE;
	for (i = 0; i < g->count; i++) {
		m = nla_nest_start(msg, MWG_VRRP_A_GROUP_MEMBER);
		if (!m ||
		    nla_put_u32(msg, MWG_VRRP_GROUP_MEMBER_A_IFINDEX,
				ifindex[i]) ||
		    nla_put_u8(msg, MWG_VRRP_GROUP_MEMBER_A_VRID,
			       g->member[i].vrid) ||
		    nla_put_u8(msg, MWG_VRRP_GROUP_MEMBER_A_FAMILY, g->family))
			return -EMSGSIZE;
		nla_nest_end(msg, m);
	}
	nla_nest_end(msg, members);
	return 0;
}

static int group_change(struct mwgctl *ctl, enum group_cmd cmd, int argc,
			char **argv)
{
	uint32_t ifindex[2 * MWG_VRRP_GROUP_MEMBERS_MAX];
	struct mwg_session *s;
	struct group_args g;
	struct nl_msg *msg;
	struct args a;
	unsigned int i;

	args_init(&a, argc, argv, ctl->no_check);
	if (group_args_parse(cmd, &a, &g) < 0)
		return mwgctl_usage_error(ctl, "%s", a.err);
	for (i = 0; i < g.count; i++) {
		ifindex[i] = if_nametoindex(g.member[i].dev);
		if (!ifindex[i]) {
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
	if (!msg || nla_put_string(msg, MWG_VRRP_A_GROUP_NAME, g.name) ||
	    (cmd == GROUP_CMD_ADD && put_members(msg, &g, ifindex) < 0)) {
		if (msg)
			nlmsg_free(msg);
		return mwgctl_fail(ctl, NULL, strerror(ENOMEM));
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

struct group_member {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	uint8_t vrid;
	uint8_t family;
	bool has_state;
	uint8_t state;
};

struct group {
	char name[MWG_VRRP_GROUP_NAME_MAX];
	unsigned int count;
	struct group_member member[MWG_VRRP_GROUP_MEMBERS_MAX];
};

struct group_list {
	struct group *items;
	unsigned int count;
	unsigned int cap;
};

static void parse_member(const struct nlattr *nest, struct group_member *m)
{
	struct nlattr *tb[MWG_VRRP_GROUP_MEMBER_A_MAX + 1];

	memset(m, 0, sizeof(*m));
	if (nla_parse_nested(tb, MWG_VRRP_GROUP_MEMBER_A_MAX,
			     (struct nlattr *)nest, NULL) < 0)
		return;
	if (tb[MWG_VRRP_GROUP_MEMBER_A_IFINDEX])
		m->ifindex = nla_get_u32(tb[MWG_VRRP_GROUP_MEMBER_A_IFINDEX]);
	if (tb[MWG_VRRP_GROUP_MEMBER_A_VRID])
		m->vrid = nla_get_u8(tb[MWG_VRRP_GROUP_MEMBER_A_VRID]);
	if (tb[MWG_VRRP_GROUP_MEMBER_A_FAMILY])
		m->family = nla_get_u8(tb[MWG_VRRP_GROUP_MEMBER_A_FAMILY]);
	if (tb[MWG_VRRP_GROUP_MEMBER_A_IFNAME])
		nla_strlcpy(m->ifname, tb[MWG_VRRP_GROUP_MEMBER_A_IFNAME],
			    sizeof(m->ifname));
	else
		snprintf(m->ifname, sizeof(m->ifname), "if%u", m->ifindex);
	if (tb[MWG_VRRP_GROUP_MEMBER_A_STATE]) {
		m->state = nla_get_u8(tb[MWG_VRRP_GROUP_MEMBER_A_STATE]);
		m->has_state = true;
	}
}

static int collect(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[MWG_VRRP_A_MAX + 1], *nest;
	struct group_list *list = arg;
	struct group *items, *g;
	int rem;

	if (mwg_msg_cmd(msg) != MWG_VRRP_CMD_GROUP_GET ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, MWG_VRRP_A_MAX, NULL) < 0 ||
	    !tb[MWG_VRRP_A_GROUP_NAME])
		return 0;
	items = mwgctl_list_grow(list->items, &list->cap, list->count,
				 sizeof(*items));
	if (!items)
		return -ENOMEM;
	list->items = items;
	g = &list->items[list->count++];
	memset(g, 0, sizeof(*g));
	nla_strlcpy(g->name, tb[MWG_VRRP_A_GROUP_NAME], sizeof(g->name));
	if (!tb[MWG_VRRP_A_GROUP_MEMBERS])
		return 0;
	nla_for_each_nested(nest, tb[MWG_VRRP_A_GROUP_MEMBERS], rem) {
		if (g->count == MWG_VRRP_GROUP_MEMBERS_MAX)
			break;
		parse_member(nest, &g->member[g->count++]);
	}
	return 0;
}

static const char *member_state(const struct group_member *m)
{
	return m->has_state ? mwg_state_name(m->state) : "absent";
}

static void print_json(struct mwgctl *ctl, const struct group_list *list)
{
	struct mwg_json *j = mwgctl_json(ctl);
	unsigned int i, k;

	mwg_json_begin_array(j);
	for (i = 0; i < list->count; i++) {
		const struct group *g = &list->items[i];

		mwg_json_begin_object(j);
		mwg_json_kv_string(j, "name", g->name);
		mwg_json_key(j, "members");
		mwg_json_begin_array(j);
		for (k = 0; k < g->count; k++) {
			const struct group_member *m = &g->member[k];

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
		const struct group *grp = &list.items[i];

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
