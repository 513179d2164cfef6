// SPDX-License-Identifier: GPL-2.0
/*
 * Live-scanner table.  mwgd pushes the scanners its discovery protocol
 * found, in batches; each entry carries a lease that mwgd renews while the
 * scanner keeps answering.  When the daemon dies its entries run out on
 * their own, with an event each, so the table never shows a stale scanner
 * for longer than its lease.  The number of live scanners feeds the
 * priority tracking of the VRs (router.c).
 */
#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "netlink.h"
#include "router.h"
#include "scanners.h"
#include "trace.h"
#include "vrrp.h"

struct mwg_scanner {
	struct rhash_head node;
	struct list_head list;
	struct rcu_head rcu;
	struct mwg_scanner_info info;
	unsigned long refreshed;	/* jiffies */
	unsigned long expires;		/* jiffies */
	u64 seq;
};

static const struct rhashtable_params mwg_scanner_params = {
	.key_len	= MWG_SCANNER_ID_LEN,
	.key_offset	= offsetof(struct mwg_scanner, info.node_id),
	.head_offset	= offsetof(struct mwg_scanner, node),
	.automatic_shrinking = true,
};

/* What an event adds to an entry: it appeared, or went (how). */
struct mwg_scanner_change {
	bool live;
	bool expired;
};

static int mwg_scanner_fill(struct sk_buff *skb, const struct mwg_scanner *s,
			    u32 portid, u32 seq, int flags, u8 cmd,
			    const struct mwg_scanner_change *change)
{
	const struct mwg_scanner_info *info = &s->info;
	unsigned long now = jiffies;
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &mwg_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, MWG_VRRP_A_SCANNER);
	if (!nest ||
	    nla_put(skb, MWG_VRRP_SCANNER_A_NODE_ID, MWG_SCANNER_ID_LEN,
		    info->node_id) ||
	    nla_put(skb, MWG_VRRP_SCANNER_A_ADDR,
		    info->family == AF_INET6 ? 16 : 4, info->addr) ||
	    nla_put_string(skb, MWG_VRRP_SCANNER_A_NAME, info->name) ||
	    nla_put(skb, MWG_VRRP_SCANNER_A_PORTS,
		    info->nports * sizeof(u16), info->ports) ||
	    nla_put_u32(skb, MWG_VRRP_SCANNER_A_LOAD, info->load) ||
	    nla_put_u32(skb, MWG_VRRP_SCANNER_A_CAPACITY, info->capacity) ||
	    nla_put_u32(skb, MWG_VRRP_SCANNER_A_LEASE_MS,
			time_after(s->expires, now) ?
			jiffies_to_msecs(s->expires - now) : 0) ||
	    nla_put_u32(skb, MWG_VRRP_SCANNER_A_AGE_MS,
			jiffies_to_msecs(now - s->refreshed)))
		goto cancel;
	if (change &&
	    (nla_put_u8(skb, MWG_VRRP_SCANNER_A_LIVE, change->live) ||
	     (change->expired &&
	      nla_put_flag(skb, MWG_VRRP_SCANNER_A_EXPIRED))))
		goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* An entry appeared (@live) or went away (@expired: by its lease). */
static void mwg_scanner_notify(struct mwg_net *mn, const struct mwg_scanner *s,
			       bool live, bool expired)
{
	struct mwg_scanner_change change = { .live = live, .expired = expired };
	struct sk_buff *skb;

	skb = mwg_nl_event_new(mn->net, GFP_KERNEL);
	if (!skb)
		return;
	if (mwg_scanner_fill(skb, s, 0, 0, 0, MWG_VRRP_CMD_SCANNER_EVENT,
			     &change)) {
		nlmsg_free(skb);
		return;
	}
	mwg_nl_event_send(skb, mn->net, GFP_KERNEL);
}

static void mwg_scanners_count_changed(struct mwg_net *mn)
{
	if (mn->live_scanners == mn->scanners.count)
		return;
	trace_mwg_vrrp_scanners(mn->net, mn->live_scanners,
				mn->scanners.count);
	mn->live_scanners = mn->scanners.count;
	mwg_router_scanners_changed(mn);
}

static void mwg_scanner_remove(struct mwg_net *mn, struct mwg_scanner *s,
			       bool expired)
{
	struct mwg_scanner_table *t = &mn->scanners;

	rhashtable_remove_fast(&t->ht, &s->node, mwg_scanner_params);
	list_del(&s->list);
	t->count--;
	mwg_scanner_notify(mn, s, false, expired);
	kfree_rcu(s, rcu);
}

/* Arm the expiry work for @when unless it is armed for earlier already. */
static void mwg_scanners_arm(struct mwg_scanner_table *t, unsigned long when)
{
	unsigned long now = jiffies;

	if (delayed_work_pending(&t->expire_work) &&
	    !time_before(when, t->next_expiry))
		return;
	t->next_expiry = when;
	mod_delayed_work(mwg_wq, &t->expire_work,
			 time_after(when, now) ? when - now : 0);
}

static void mwg_scanners_expire(struct work_struct *work)
{
	struct mwg_scanner_table *t = container_of(to_delayed_work(work),
						   struct mwg_scanner_table,
						   expire_work);
	struct mwg_net *mn = container_of(t, struct mwg_net, scanners);
	struct mwg_scanner *s, *tmp;
	unsigned long now, next = 0;
	bool have_next = false;

	rtnl_lock();
	now = jiffies;
	list_for_each_entry_safe(s, tmp, &t->list, list) {
		if (!time_after(s->expires, now)) {
			mwg_scanner_remove(mn, s, true);
		} else if (!have_next || time_before(s->expires, next)) {
			next = s->expires;
			have_next = true;
		}
	}
	mwg_scanners_count_changed(mn);
	if (have_next && t->ready)
		mwg_scanners_arm(t, next);
	rtnl_unlock();
}

/**
 * mwg_scanners_set() - Add or refresh live scanners, or replace the table.
 * @mn: the namespace.
 * @infos: the entries, validated already.
 * @n: their number.
 * @replace: @infos are the whole table: every other entry goes.
 * @extack: where a refusal is explained.
 *
 * Entries are keyed by node id: a new one is added with an event, a known
 * one updated, and either way its lease runs from now.  The expiry work is
 * armed for the earliest lease, and a change in the number of live
 * scanners reaches the VRs' priority tracking.  Without @replace, a batch
 * that cannot fit is refused before anything changes; a batch that runs
 * out of memory keeps the entries it got to, and with @replace removes
 * nothing.
 *
 * Context: RTNL held; process context.
 * Return: 0, -ENOSPC when the table would hold more than
 * MWG_VRRP_SCANNERS_MAX, or the error of an insertion.
 */
int mwg_scanners_set(struct mwg_net *mn, const struct mwg_scanner_info *infos,
		     unsigned int n, bool replace,
		     struct netlink_ext_ack *extack)
{
	struct mwg_scanner_table *t = &mn->scanners;
	unsigned long now = jiffies, first = 0;
	struct mwg_scanner *s, *tmp;
	unsigned int i, fresh = 0;
	int err = 0;

	ASSERT_RTNL();
	/* Refuse a batch that cannot fit before changing anything. */
	for (i = 0; i < n; i++)
		if (!rhashtable_lookup_fast(&t->ht, infos[i].node_id,
					    mwg_scanner_params))
			fresh++;
	if (!replace && t->count + fresh > MWG_VRRP_SCANNERS_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "live-scanner table is full");
		return -ENOSPC;
	}

	t->seq++;
	for (i = 0; i < n; i++) {
		const struct mwg_scanner_info *info = &infos[i];
		unsigned long expires = now + msecs_to_jiffies(info->lease_ms);
		bool added = false;

		s = rhashtable_lookup_fast(&t->ht, info->node_id,
					   mwg_scanner_params);
		if (!s) {
			s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT);
			if (!s) {
				err = -ENOMEM;
				break;
			}
			s->info = *info;
			err = rhashtable_insert_fast(&t->ht, &s->node,
						     mwg_scanner_params);
			if (err) {
				kfree(s);
				break;
			}
			list_add_tail(&s->list, &t->list);
			t->count++;
			added = true;
		}
		/* The node id is the key; everything else may change. */
		s->info = *info;
		s->refreshed = now;
		s->expires = expires;
		s->seq = t->seq;
		if (!first || time_before(expires, first))
			first = expires;
		if (added)
			mwg_scanner_notify(mn, s, true, false);
	}

	if (replace && !err) {
		list_for_each_entry_safe(s, tmp, &t->list, list)
			if (s->seq != t->seq)
				mwg_scanner_remove(mn, s, false);
	}
	if (first)
		mwg_scanners_arm(t, first);
	mwg_scanners_count_changed(mn);
	return err;
}

/**
 * mwg_scanners_del() - Remove live scanners.
 * @mn: the namespace.
 * @infos: the entries to remove, by node id; unknown ones are ignored.
 * @n: their number; 0 removes every entry.
 * @extack: not used.
 *
 * Each removal sends an event; a change in the number of live scanners
 * reaches the VRs' priority tracking.
 *
 * Context: RTNL held.
 * Return: 0.
 */
int mwg_scanners_del(struct mwg_net *mn, const struct mwg_scanner_info *infos,
		     unsigned int n, struct netlink_ext_ack *extack)
{
	struct mwg_scanner_table *t = &mn->scanners;
	struct mwg_scanner *s, *tmp;
	unsigned int i;

	ASSERT_RTNL();
	if (!n) {
		list_for_each_entry_safe(s, tmp, &t->list, list)
			mwg_scanner_remove(mn, s, false);
	}
	for (i = 0; i < n; i++) {
		s = rhashtable_lookup_fast(&t->ht, infos[i].node_id,
					   mwg_scanner_params);
		if (s)
			mwg_scanner_remove(mn, s, false);
	}
	mwg_scanners_count_changed(mn);
	return 0;
}

/**
 * mwg_scanners_dump() - The SCANNER_GET dump: the table in arrival order.
 * @mn: the namespace.
 * @skb: the message to fill.
 * @cb: the dump's state; args[0] counts the entries sent already.
 *
 * Context: genl dumpit, process context.  Takes RTNL.
 * Return: @skb->len, as dumpit callbacks do.
 */
int mwg_scanners_dump(struct mwg_net *mn, struct sk_buff *skb,
		      struct netlink_callback *cb)
{
	struct mwg_scanner_table *t = &mn->scanners;
	long skip = cb->args[0], idx = 0;
	struct mwg_scanner *s;

	rtnl_lock();
	list_for_each_entry(s, &t->list, list) {
		if (idx < skip) {
			idx++;
			continue;
		}
		if (mwg_scanner_fill(skb, s, NETLINK_CB(cb->skb).portid,
				     cb->nlh->nlmsg_seq, NLM_F_MULTI,
				     MWG_VRRP_CMD_SCANNER_GET, NULL))
			break;
		idx++;
	}
	rtnl_unlock();
	cb->args[0] = idx;
	return skb->len;
}

/**
 * mwg_scanners_init_net() - Set up a new namespace's live-scanner table.
 * @mn: the namespace's state.
 *
 * Context: Process context (pernet init).
 * Return: 0, or the error of rhashtable_init().
 */
int mwg_scanners_init_net(struct mwg_net *mn)
{
	struct mwg_scanner_table *t = &mn->scanners;
	int err;

	INIT_LIST_HEAD(&t->list);
	INIT_DELAYED_WORK(&t->expire_work, mwg_scanners_expire);
	err = rhashtable_init(&t->ht, &mwg_scanner_params);
	if (err)
		return err;
	t->ready = true;
	return 0;
}

/**
 * mwg_scanners_exit_net() - Free a namespace's live-scanner table.
 * @mn: the namespace's state, going away.
 *
 * The table is marked not ready under RTNL first, so that a running expiry
 * does not arm its work again, and the work is cancelled for good; the
 * entries are then freed without events.
 *
 * Context: Process context (pernet exit), without RTNL: takes it.
 */
void mwg_scanners_exit_net(struct mwg_net *mn)
{
	struct mwg_scanner_table *t = &mn->scanners;
	struct mwg_scanner *s, *tmp;

	rtnl_lock();
	t->ready = false;
	rtnl_unlock();
	cancel_delayed_work_sync(&t->expire_work);

	rtnl_lock();
	list_for_each_entry_safe(s, tmp, &t->list, list) {
		rhashtable_remove_fast(&t->ht, &s->node, mwg_scanner_params);
		list_del(&s->list);
		kfree_rcu(s, rcu);
	}
	t->count = 0;
	mn->live_scanners = 0;
	rtnl_unlock();
	rhashtable_destroy(&t->ht);
}
