// SPDX-License-Identifier: GPL-2.0
/*
 * GROUP_NEW, GROUP_DEL and GROUP_GET of the genl family (netlink.c holds
 * the policies): sync groups as uapi/mwg_vrrp.h describes them.  A refused
 * request changes nothing and says why in the extack.
 */
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "group.h"
#include "netlink.h"
#include "router.h"

static int mwg_group_nl_name(struct genl_info *info, const char **name)
{
	struct nlattr *attr = info->attrs[MWG_VRRP_A_GROUP_NAME];

	if (GENL_REQ_ATTR_CHECK(info, MWG_VRRP_A_GROUP_NAME))
		return -EINVAL;
	*name = nla_data(attr);
	if (!**name) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "the group name is empty");
		return -EINVAL;
	}
	if (strlen(*name) >= MWG_VRRP_GROUP_NAME_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "the group name is longer than 31 bytes");
		return -ENAMETOOLONG;
	}
	return 0;
}

/* One MWG_VRRP_A_GROUP_MEMBER into the next place of @g. */
static int mwg_group_nl_member(struct net *net, struct mwg_group *g,
			       const struct nlattr *nest,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[MWG_VRRP_GROUP_MEMBER_A_MAX + 1];
	struct mwg_group_member *m = &g->member[g->count];
	struct net_device *dev;
	struct mwg_vr *vr;
	unsigned int i;
	int err;

	/* The nest was validated with the family's policy already. */
	err = nla_parse_nested(tb, MWG_VRRP_GROUP_MEMBER_A_MAX, nest, NULL,
			       extack);
	if (err)
		return err;
	if (!tb[MWG_VRRP_GROUP_MEMBER_A_IFINDEX] ||
	    !tb[MWG_VRRP_GROUP_MEMBER_A_VRID]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a member needs an interface and a VRID");
		return -EINVAL;
	}
	m->ifindex = nla_get_u32(tb[MWG_VRRP_GROUP_MEMBER_A_IFINDEX]);
	m->vrid = nla_get_u8(tb[MWG_VRRP_GROUP_MEMBER_A_VRID]);
	m->family = tb[MWG_VRRP_GROUP_MEMBER_A_FAMILY] ?
		    nla_get_u8(tb[MWG_VRRP_GROUP_MEMBER_A_FAMILY]) : AF_INET;
	if (m->family != AF_INET && m->family != AF_INET6) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "family must be AF_INET or AF_INET6");
		return -EAFNOSUPPORT;
	}
	dev = __dev_get_by_index(net, m->ifindex);
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "no such interface in this namespace");
		return -ENODEV;
	}
	for (i = 0; i < g->count; i++) {
		if (g->member[i].ifindex == m->ifindex) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "two members on the same interface");
			return -EINVAL;
		}
	}
	vr = mwg_vr_find_rtnl(net, m->ifindex, m->family, m->vrid);
	if (!vr) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "no such VRID on the interface");
		return -ENOENT;
	}
	if (rtnl_dereference(vr->group)) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "the VR belongs to another group already");
		return -EBUSY;
	}
	RCU_INIT_POINTER(m->vr, vr);
	g->count++;
	return 0;
}

/**
 * mwg_group_nl_new() - The GROUP_NEW command: form a sync group.
 * @skb: the request.
 * @info: its attributes and extack.
 *
 * A new name of 1-31 bytes and 1-8 members, each an existing VR of the
 * namespace on an interface of its own, named by interface, family and
 * VRID.  mwg_group_add() makes the members' states consistent.
 *
 * Context: genl doit, process context.  Takes RTNL.
 * Return: 0, or a negative errno with a message in the extack.
 */
int mwg_group_nl_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct net *net = genl_info_net(info);
	const struct nlattr *nest;
	struct mwg_group *g;
	const char *name;
	int err, rem;

	err = mwg_group_nl_name(info, &name);
	if (err)
		return err;
	if (!info->attrs[MWG_VRRP_A_GROUP_MEMBERS]) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "a group needs at least one member");
		return -EINVAL;
	}
	g = kzalloc(sizeof(*g), GFP_KERNEL_ACCOUNT);
	if (!g)
		return -ENOMEM;
	strscpy(g->name, name, sizeof(g->name));

	rtnl_lock();
	nla_for_each_nested(nest, info->attrs[MWG_VRRP_A_GROUP_MEMBERS], rem) {
		if (nla_type(nest) != MWG_VRRP_A_GROUP_MEMBER) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "GROUP_MEMBERS holds GROUP_MEMBER nests only");
			err = -EINVAL;
			goto err_free;
		}
		if (g->count == MWG_VRRP_GROUP_MEMBERS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "a group has 8 members at most");
			err = -E2BIG;
			goto err_free;
		}
		err = mwg_group_nl_member(net, g, nest, extack);
		if (err)
			goto err_free;
	}
	if (!g->count) {
		NL_SET_ERR_MSG_MOD(extack, "a group needs at least one member");
		err = -EINVAL;
		goto err_free;
	}
	/* mwg_group_add() owns @g from here. */
	err = mwg_group_add(mwg_net(net), g, extack);
	rtnl_unlock();
	return err;

err_free:
	rtnl_unlock();
	kfree(g);
	return err;
}

/**
 * mwg_group_nl_del() - The GROUP_DEL command: dissolve a sync group.
 * @skb: the request.
 * @info: its attributes and extack.
 *
 * Its members stay as they are and move alone from now on.
 *
 * Context: genl doit, process context.  Takes RTNL.
 * Return: 0, or a negative errno (-ENOENT for no such group) with a message
 * in the extack.
 */
int mwg_group_nl_del(struct sk_buff *skb, struct genl_info *info)
{
	struct mwg_group *g;
	const char *name;
	int err;

	err = mwg_group_nl_name(info, &name);
	if (err)
		return err;
	rtnl_lock();
	g = mwg_group_find(mwg_net(genl_info_net(info)), name);
	if (g) {
		mwg_group_del(g);
	} else {
		NL_SET_ERR_MSG_MOD(info->extack, "no such group");
		err = -ENOENT;
	}
	rtnl_unlock();
	return err;
}

static int mwg_group_nl_put_member(struct sk_buff *skb, struct net *net,
				   const struct mwg_group_member *m)
{
	const struct mwg_vr *vr = rcu_dereference(m->vr);
	struct net_device *dev = dev_get_by_index_rcu(net, m->ifindex);
	struct nlattr *nest;

	nest = nla_nest_start(skb, MWG_VRRP_A_GROUP_MEMBER);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, MWG_VRRP_GROUP_MEMBER_A_IFINDEX, m->ifindex) ||
	    nla_put_u8(skb, MWG_VRRP_GROUP_MEMBER_A_VRID, m->vrid) ||
	    nla_put_u8(skb, MWG_VRRP_GROUP_MEMBER_A_FAMILY, m->family) ||
	    (dev && nla_put_string(skb, MWG_VRRP_GROUP_MEMBER_A_IFNAME,
				   dev->name)) ||
	    (vr && nla_put_u8(skb, MWG_VRRP_GROUP_MEMBER_A_STATE,
			      READ_ONCE(vr->state)))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int mwg_group_nl_fill(struct sk_buff *skb, struct net *net,
			     const struct mwg_group *g, u32 portid, u32 seq)
{
	struct nlattr *members;
	unsigned int i;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &mwg_genl_family, NLM_F_MULTI,
			  MWG_VRRP_CMD_GROUP_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, MWG_VRRP_A_GROUP_NAME, g->name))
		goto cancel;
	members = nla_nest_start(skb, MWG_VRRP_A_GROUP_MEMBERS);
	if (!members)
		goto cancel;
	for (i = 0; i < g->count; i++)
		if (mwg_group_nl_put_member(skb, net, &g->member[i]))
			goto cancel;
	nla_nest_end(skb, members);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/**
 * mwg_group_nl_dump() - The GROUP_GET dump: every sync group of the namespace.
 * @skb: the message to fill.
 * @cb: the dump's state; args[0] counts the groups sent already.
 *
 * Each group with its members' keys and interface names, and the state of
 * each member whose place is not empty.
 *
 * Context: genl dumpit, process context.  Takes the RCU read lock.
 * Return: @skb->len, as dumpit callbacks do.
 */
int mwg_group_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct mwg_net *mn = mwg_net(net);
	long skip = cb->args[0], idx = 0;
	struct mwg_group *g;

	rcu_read_lock();
	list_for_each_entry_rcu(g, &mn->groups, node) {
		if (idx < skip) {
			idx++;
			continue;
		}
		if (mwg_group_nl_fill(skb, net, g, NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq))
			break;
		idx++;
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	return skb->len;
}
