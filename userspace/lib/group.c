// SPDX-License-Identifier: GPL-2.0
/*
 * Sync groups on the wire: the members of GROUP_NEW, and GROUP_GET
 * replies, for mwgctl's "group" commands and mwgd's [group] sections.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "mwg.h"

static void parse_member(const struct nlattr *nest, struct mwg_group_member *m)
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

int mwg_group_parse(struct nl_msg *msg, struct mwg_group *g)
{
	struct nlattr *tb[MWG_VRRP_A_MAX + 1], *nest;
	int rem;

	memset(g, 0, sizeof(*g));
	if (mwg_msg_cmd(msg) != MWG_VRRP_CMD_GROUP_GET ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, MWG_VRRP_A_MAX, NULL) < 0 ||
	    !tb[MWG_VRRP_A_GROUP_NAME])
		return -EINVAL;
	nla_strlcpy(g->name, tb[MWG_VRRP_A_GROUP_NAME], sizeof(g->name));
	if (!tb[MWG_VRRP_A_GROUP_MEMBERS])
		return 0;
	nla_for_each_nested(nest, tb[MWG_VRRP_A_GROUP_MEMBERS], rem) {
		if (g->count == sizeof(g->member) / sizeof(g->member[0]))
			break;
		parse_member(nest, &g->member[g->count++]);
	}
	return 0;
}

int mwg_group_put(struct nl_msg *msg, const char *name,
		  const struct mwg_group *g)
{
	struct nlattr *members, *m;
	unsigned int i;

	if (nla_put_string(msg, MWG_VRRP_A_GROUP_NAME, name))
		return -EMSGSIZE;
	members = nla_nest_start(msg, MWG_VRRP_A_GROUP_MEMBERS);
	if (!members)
		return -EMSGSIZE;
	for (i = 0; i < g->count; i++) {
		m = nla_nest_start(msg, MWG_VRRP_A_GROUP_MEMBER);
		if (!m ||
		    nla_put_u32(msg, MWG_VRRP_GROUP_MEMBER_A_IFINDEX,
				g->member[i].ifindex) ||
		    nla_put_u8(msg, MWG_VRRP_GROUP_MEMBER_A_VRID,
			       g->member[i].vrid) ||
		    nla_put_u8(msg, MWG_VRRP_GROUP_MEMBER_A_FAMILY,
			       g->member[i].family))
			return -EMSGSIZE;
		nla_nest_end(msg, m);
	}
	nla_nest_end(msg, members);
	return 0;
}

static bool has_member(const struct mwg_group *g,
		       const struct mwg_group_member *m)
{
	unsigned int i;

	for (i = 0; i < g->count; i++)
		if (g->member[i].ifindex == m->ifindex &&
		    g->member[i].vrid == m->vrid &&
		    g->member[i].family == m->family)
			return true;
	return false;
}

bool mwg_group_equal(const struct mwg_group *a, const struct mwg_group *b)
{
	unsigned int i;

	if (strcmp(a->name, b->name) || a->count != b->count)
		return false;
	for (i = 0; i < a->count; i++)
		if (!has_member(b, &a->member[i]))
			return false;
	return true;
}
