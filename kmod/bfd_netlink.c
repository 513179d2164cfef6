// SPDX-License-Identifier: GPL-2.0
/*
 * The BFD commands of the "mwg_vrrp" family (BFD_ADD, _SET, _DEL, _GET) and
 * the BFD_EVENT notification.  The family's policy (netlink.c) checks types
 * and ranges; these handlers check the rest and answer every refusal with
 * an extack message.  A refused request changes nothing.
 */
#include <linux/ipv6.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/genetlink.h>
#include <net/route.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include "bfd.h"
#include "log.h"
#include "netlink.h"

/* The session named by a request: interface and peer. */
struct mwg_bfd_key {
	struct net_device *dev;
	u8 family;
	union mwg_addr peer;
};

static int mwg_bfd_parse_addr(const struct nlattr *a, u8 *family,
			      union mwg_addr *addr,
			      struct netlink_ext_ack *extack)
{
	int len = nla_len(a);

	if (len != 4 && len != 16) {
		NL_SET_ERR_MSG_ATTR(extack, a, "address must be 4 or 16 bytes");
		return -EINVAL;
	}
	if (*family && *family != (len == 4 ? AF_INET : AF_INET6)) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "local and peer addresses of different families");
		return -EINVAL;
	}
	*family = len == 4 ? AF_INET : AF_INET6;
	memset(addr, 0, sizeof(*addr));
	nla_memcpy(addr->raw, a, len);
	return 0;
}

static bool mwg_bfd_unicast(u8 family, const union mwg_addr *a)
{
	if (family == AF_INET)
		return !ipv4_is_zeronet(a->v4) && !ipv4_is_multicast(a->v4) &&
		       !ipv4_is_lbcast(a->v4) && !ipv4_is_loopback(a->v4);
	return !ipv6_addr_any(&a->v6) && !ipv6_addr_is_multicast(&a->v6) &&
	       !ipv6_addr_loopback(&a->v6);
}

/* Packets from any other source would not route: refuse it up front. */
static bool mwg_bfd_local_addr(struct net_device *dev, u8 family,
			       const union mwg_addr *a)
{
	struct net *net = dev_net(dev);

	if (family == AF_INET)
		return inet_addr_type(net, a->v4) == RTN_LOCAL;
	return ipv6_chk_addr(net, &a->v6, NULL, 0);
}

static int mwg_bfd_parse_key(struct genl_info *info, struct mwg_bfd_key *key)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **tb = info->attrs;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, MWG_VRRP_A_IFINDEX) ||
	    GENL_REQ_ATTR_CHECK(info, MWG_VRRP_A_BFD_PEER))
		return -EINVAL;
	key->family = 0;
	err = mwg_bfd_parse_addr(tb[MWG_VRRP_A_BFD_PEER], &key->family,
				 &key->peer, extack);
	if (err)
		return err;
	if (!mwg_bfd_unicast(key->family, &key->peer)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[MWG_VRRP_A_BFD_PEER],
				    "peer is not a unicast address");
		return -EINVAL;
	}
	key->dev = __dev_get_by_index(genl_info_net(info),
				      nla_get_u32(tb[MWG_VRRP_A_IFINDEX]));
	if (!key->dev) {
		NL_SET_ERR_MSG_ATTR(extack, tb[MWG_VRRP_A_IFINDEX],
				    "no such interface in this namespace");
		return -ENODEV;
	}
	return 0;
}

static void mwg_bfd_apply_config(struct nlattr **tb,
				 struct mwg_bfd_config *cfg)
{
	if (tb[MWG_VRRP_A_BFD_TX_US])
		cfg->tx_us = nla_get_u32(tb[MWG_VRRP_A_BFD_TX_US]);
	if (tb[MWG_VRRP_A_BFD_RX_US])
		cfg->rx_us = nla_get_u32(tb[MWG_VRRP_A_BFD_RX_US]);
	if (tb[MWG_VRRP_A_BFD_MULT])
		cfg->multiplier = nla_get_u8(tb[MWG_VRRP_A_BFD_MULT]);
	if (tb[MWG_VRRP_A_BFD_HOLDDOWN_MS])
		cfg->holddown_ms = nla_get_u32(tb[MWG_VRRP_A_BFD_HOLDDOWN_MS]);
}

/**
 * mwg_bfd_nl_add() - The BFD_ADD command: create a session.
 * @skb: the request.
 * @info: its attributes and extack.
 *
 * Needs the interface, not a loopback, and the peer, a unicast address; a
 * local address, if given, must be one of the namespace's, in the peer's
 * family.  Intervals, multiplier and hold-down time not given come from
 * the module's defaults.
 *
 * Context: genl doit, process context.  Takes RTNL.
 * Return: 0, or a negative errno with a message in the extack.
 */
int mwg_bfd_nl_add(struct sk_buff *skb, struct genl_info *info)
{
	struct mwg_net *mn = mwg_net(genl_info_net(info));
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **tb = info->attrs;
	union mwg_addr local = {};
	struct mwg_bfd_config cfg;
	struct mwg_bfd_key key;
	int err;

	rtnl_lock();
	err = mwg_bfd_parse_key(info, &key);
	if (err)
		goto out;
	if (tb[MWG_VRRP_A_BFD_LOCAL]) {
		u8 family = key.family;

		err = mwg_bfd_parse_addr(tb[MWG_VRRP_A_BFD_LOCAL], &family,
					 &local, extack);
		if (err)
			goto out;
		if (!mwg_bfd_unicast(family, &local) ||
		    !mwg_bfd_local_addr(key.dev, family, &local)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[MWG_VRRP_A_BFD_LOCAL],
					    "local address is not an address of this namespace");
			err = -EADDRNOTAVAIL;
			goto out;
		}
	}
	if (key.dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG_ATTR(extack, tb[MWG_VRRP_A_IFINDEX],
				    "BFD single hop needs a real link");
		err = -EINVAL;
		goto out;
	}
	mwg_bfd_default_config(&cfg);
	mwg_bfd_apply_config(tb, &cfg);
	err = mwg_bfd_config_validate(&cfg, extack);
	if (err)
		goto out;
	err = mwg_bfd_session_create(mn, key.dev, key.family, &key.peer,
				     &local, &cfg, extack);
out:
	rtnl_unlock();
	return err;
}

static struct mwg_bfd_session *mwg_bfd_nl_find(struct genl_info *info,
					       int *err)
{
	struct mwg_bfd_session *s;
	struct mwg_bfd_key key;

	*err = mwg_bfd_parse_key(info, &key);
	if (*err)
		return NULL;
	s = mwg_bfd_find(mwg_net(genl_info_net(info)), key.dev, &key.peer,
			 key.family);
	if (!s) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "no BFD session to this peer on the interface");
		*err = -ENOENT;
	}
	return s;
}

/**
 * mwg_bfd_nl_set() - The BFD_SET command: change a session's timers.
 * @skb: the request.
 * @info: its attributes and extack.
 *
 * The attributes given replace the session's values and the others stay;
 * the local address cannot change.  The result is checked as a whole
 * before mwg_bfd_session_reconfigure() applies it.
 *
 * Context: genl doit, process context.  Takes RTNL.
 * Return: 0, or a negative errno (-ENOENT for no such session) with a
 * message in the extack.
 */
int mwg_bfd_nl_set(struct sk_buff *skb, struct genl_info *info)
{
	struct mwg_bfd_config cfg;
	struct mwg_bfd_session *s;
	int err;

	rtnl_lock();
	s = mwg_bfd_nl_find(info, &err);
	if (!s)
		goto out;
	if (info->attrs[MWG_VRRP_A_BFD_LOCAL]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[MWG_VRRP_A_BFD_LOCAL],
				    "the local address of a session is fixed");
		err = -EINVAL;
		goto out;
	}
	spin_lock_bh(&s->lock);
	cfg = s->cfg;
	spin_unlock_bh(&s->lock);
	mwg_bfd_apply_config(info->attrs, &cfg);
	err = mwg_bfd_config_validate(&cfg, info->extack);
	if (!err)
		mwg_bfd_session_reconfigure(s, &cfg);
out:
	rtnl_unlock();
	return err;
}

/**
 * mwg_bfd_nl_del() - The BFD_DEL command: destroy a session.
 * @skb: the request.
 * @info: its attributes and extack.
 *
 * Context: genl doit, process context.  Takes RTNL.
 * Return: 0, or a negative errno (-ENOENT for no such session) with a
 * message in the extack.
 */
int mwg_bfd_nl_del(struct sk_buff *skb, struct genl_info *info)
{
	struct mwg_bfd_session *s;
	int err;

	rtnl_lock();
	s = mwg_bfd_nl_find(info, &err);
	if (s)
		mwg_bfd_session_destroy(s);
	rtnl_unlock();
	return err;
}

static int mwg_bfd_put_stat(struct sk_buff *skb, int attr, u64 v)
{
	return nla_put_u64_64bit(skb, attr, v, MWG_BFD_STATS_A_PAD);
}

/*
 * The counters of a session, in attribute order: MWG_BFD_STATS_COUNTERS,
 * from the netlink spec via scripts/gen-names.
 */
#define MWG_BFD_NL_STAT(attr_, name_) \
	{ .attr = attr_, .off = offsetof(struct mwg_bfd_stats, name_) },

static const struct {
	u16 attr;
	u16 off;
} mwg_bfd_nl_stats[] = {
	MWG_BFD_STATS_COUNTERS(MWG_BFD_NL_STAT)
};

static_assert(ARRAY_SIZE(mwg_bfd_nl_stats) * sizeof(u64) ==
	      sizeof(struct mwg_bfd_stats));

static int mwg_bfd_put_stats(struct sk_buff *skb,
			     const struct mwg_bfd_stats *st)
{
	struct nlattr *nest = nla_nest_start(skb, MWG_VRRP_A_BFD_STATS);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(mwg_bfd_nl_stats); i++) {
		const u64 *v = (const void *)st + mwg_bfd_nl_stats[i].off;

		if (mwg_bfd_put_stat(skb, mwg_bfd_nl_stats[i].attr, *v)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* s->lock held: one consistent picture of the session. */
static int mwg_bfd_fill_locked(struct sk_buff *skb, struct mwg_bfd_session *s,
			       bool event, u8 old)
{
	const struct mwg_bfd_config *cfg = &s->cfg;

	if (nla_put_u32(skb, MWG_VRRP_A_IFINDEX, s->dev->ifindex) ||
	    nla_put_string(skb, MWG_VRRP_A_IFNAME, s->dev->name) ||
	    nla_put_u8(skb, MWG_VRRP_A_FAMILY, s->family) ||
	    mwg_nl_put_addr(skb, MWG_VRRP_A_BFD_PEER, s->family, &s->peer) ||
	    mwg_nl_put_addr(skb, MWG_VRRP_A_BFD_LOCAL, s->family, &s->local) ||
	    nla_put_u8(skb, MWG_VRRP_A_BFD_STATE, s->state) ||
	    nla_put_u8(skb, MWG_VRRP_A_BFD_DIAG, s->diag) ||
	    nla_put_u8(skb, MWG_VRRP_A_BFD_REMOTE_STATE, s->remote_state) ||
	    nla_put_u32(skb, MWG_VRRP_A_BFD_LOCAL_DISC, s->local_disc) ||
	    nla_put_u32(skb, MWG_VRRP_A_BFD_REMOTE_DISC, s->remote_disc))
		return -EMSGSIZE;
	if (event)
		return nla_put_u8(skb, MWG_VRRP_A_BFD_OLD_STATE, old) ||
		       nla_put_u64_64bit(skb, MWG_VRRP_A_TIME_NS,
					 ktime_get_real_ns(), MWG_VRRP_A_PAD) ?
		       -EMSGSIZE : 0;
	if (nla_put_u32(skb, MWG_VRRP_A_BFD_TX_US, cfg->tx_us) ||
	    nla_put_u32(skb, MWG_VRRP_A_BFD_RX_US, cfg->rx_us) ||
	    nla_put_u8(skb, MWG_VRRP_A_BFD_MULT, cfg->multiplier) ||
	    nla_put_u32(skb, MWG_VRRP_A_BFD_HOLDDOWN_MS, cfg->holddown_ms) ||
	    nla_put_u8(skb, MWG_VRRP_A_BFD_REMOTE_DIAG, s->remote_diag) ||
	    nla_put_u32(skb, MWG_VRRP_A_BFD_REMOTE_TX_US, s->remote_tx_us) ||
	    nla_put_u32(skb, MWG_VRRP_A_BFD_REMOTE_RX_US, s->remote_rx_us) ||
	    nla_put_u8(skb, MWG_VRRP_A_BFD_REMOTE_MULT, s->remote_mult) ||
	    nla_put_u32(skb, MWG_VRRP_A_BFD_TX_INTERVAL_US,
			s->tx_interval_us) ||
	    nla_put_u64_64bit(skb, MWG_VRRP_A_BFD_DETECT_US,
			      s->remote_mult ?
			      mwg_bfd_detect_us(s->act_rx_us, s->remote_tx_us,
						s->remote_mult) : 0,
			      MWG_VRRP_A_PAD) ||
	    mwg_bfd_put_stats(skb, &s->stats))
		return -EMSGSIZE;
	return 0;
}

static int mwg_bfd_fill(struct sk_buff *skb, struct mwg_bfd_session *s,
			u32 portid, u32 seq, int flags)
{
	void *hdr;
	int err;

	hdr = genlmsg_put(skb, portid, seq, &mwg_genl_family, flags,
			  MWG_VRRP_CMD_BFD_GET);
	if (!hdr)
		return -EMSGSIZE;
	spin_lock_bh(&s->lock);
	err = mwg_bfd_fill_locked(skb, s, false, 0);
	spin_unlock_bh(&s->lock);
	if (err) {
		genlmsg_cancel(skb, hdr);
		return err;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/**
 * mwg_bfd_nl_get() - The BFD_GET command for one session.
 * @skb: the request.
 * @info: its attributes and extack.
 *
 * The reply holds the session's configuration, state, the remote's values
 * and the counters, read under the session lock as one picture.
 *
 * Context: genl doit, process context.  Takes RTNL.
 * Return: 0, or a negative errno.
 */
int mwg_bfd_nl_get(struct sk_buff *skb, struct genl_info *info)
{
	struct mwg_bfd_session *s;
	struct sk_buff *msg;
	int err;

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	s = mwg_bfd_nl_find(info, &err);
	if (s)
		err = mwg_bfd_fill(msg, s, info->snd_portid, info->snd_seq, 0);
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/**
 * mwg_bfd_nl_dump() - The BFD_GET dump: every session of the namespace.
 * @skb: the message to fill.
 * @cb: the dump's state; args[0] counts the sessions sent already.
 *
 * Each session as mwg_bfd_nl_get() replies it, from the session list read
 * under RCU.
 *
 * Context: genl dumpit, process context.  Takes the RCU read lock and each
 * session's lock in turn.
 * Return: @skb->len, as dumpit callbacks do.
 */
int mwg_bfd_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mwg_net *mn = mwg_net(sock_net(skb->sk));
	long skip = cb->args[0], idx = 0;
	struct mwg_bfd_session *s;

	rcu_read_lock();
	list_for_each_entry_rcu(s, &mn->bfd.sessions, node) {
		if (idx < skip) {
			idx++;
			continue;
		}
		if (mwg_bfd_fill(skb, s, NETLINK_CB(cb->skb).portid,
				 cb->nlh->nlmsg_seq, NLM_F_MULTI))
			break;
		idx++;
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	return skb->len;
}

/**
 * mwg_bfd_notify() - Report a session's state change.
 * @s: the session, its new state set.
 * @old: the state it left (enum mwg_bfd_wire_state).
 *
 * A log line, written later by log.c's work item so that a takeover this
 * Down may start is not held up by the console, and a BFD_EVENT on the
 * namespace's events group when anyone listens.
 *
 * Context: @s->lock held; softirq or BHs off.
 */
void mwg_bfd_notify(struct mwg_bfd_session *s, u8 old)
{
	struct net *net = dev_net(s->dev);
	struct sk_buff *skb;
	void *hdr;

	lockdep_assert_held(&s->lock);
	/* Before the VRs are told of a Down: a line that waits (log.c). */
	if (s->family == AF_INET)
		mwg_log_deferred("%s BFD peer %pI4: %s -> %s (diag %u)\n",
				 s->dev->name, &s->peer.v4,
				 mwg_bfd_state_name(old),
				 mwg_bfd_state_name(s->state), s->diag);
	else
		mwg_log_deferred("%s BFD peer %pI6c: %s -> %s (diag %u)\n",
				 s->dev->name, &s->peer.v6,
				 mwg_bfd_state_name(old),
				 mwg_bfd_state_name(s->state), s->diag);

	skb = mwg_nl_event_new(net, GFP_ATOMIC);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &mwg_genl_family, 0,
			  MWG_VRRP_CMD_BFD_EVENT);
	if (!hdr || mwg_bfd_fill_locked(skb, s, true, old)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	mwg_nl_event_send(skb, net, GFP_ATOMIC);
}
