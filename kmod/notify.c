// SPDX-License-Identifier: GPL-2.0
/*
 * State-change events on the "events" multicast group of the namespace,
 * and a log line (written later, log.c).  Called on the takeover path after the adverts and ARPs
 * have left: the message is only built when someone listens.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_ether.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <net/genetlink.h>

#include "group.h"
#include "log.h"
#include "netlink.h"
#include "notify.h"

/* MWG_VRRP_STATE_NAMES and _REASON_NAMES: the spec's, via scripts/gen-names. */
#define MWG_NAME(constant, name) \
	[constant] = #name,

static const char *const mwg_state_names[] = {
	MWG_VRRP_STATE_NAMES(MWG_NAME)
};

static const char *const mwg_reason_names[] = {
	MWG_VRRP_REASON_NAMES(MWG_NAME)
};

/**
 * mwg_state_name() - The name of a VR state, for the log and sysfs.
 * @state: the state.
 *
 * Return: "init", "backup" or "master"; "unknown" out of range.
 */
const char *mwg_state_name(enum mwg_vrrp_state state)
{
	return state < ARRAY_SIZE(mwg_state_names) ? mwg_state_names[state] :
						      "unknown";
}

/**
 * mwg_reason_name() - The name of a state change's reason.
 * @reason: the reason.
 *
 * For the log line of a state change and sysfs' new_master_reason.
 *
 * Return: its name, e.g. "master_down"; "unknown" out of range.
 */
const char *mwg_reason_name(enum mwg_vrrp_reason reason)
{
	return reason < ARRAY_SIZE(mwg_reason_names) ?
	       mwg_reason_names[reason] : "unknown";
}

/* The attributes that name @vr in an event. */
static int mwg_notify_put_vr(struct sk_buff *skb, const struct mwg_vr *vr)
{
	if (nla_put_u32(skb, MWG_VRRP_A_IFINDEX, vr->dev->ifindex) ||
	    nla_put_string(skb, MWG_VRRP_A_IFNAME, vr->dev->name) ||
	    nla_put_u8(skb, MWG_VRRP_A_VRID, vr->vrid) ||
	    nla_put_u8(skb, MWG_VRRP_A_FAMILY, vr->family) ||
	    nla_put_u8(skb, MWG_VRRP_A_STATE, vr->state) ||
	    nla_put_u64_64bit(skb, MWG_VRRP_A_TIME_NS, ktime_get_real_ns(),
			      MWG_VRRP_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int mwg_notify_fill(struct sk_buff *skb, const struct mwg_vr *vr,
			   enum mwg_vrrp_state old, enum mwg_vrrp_reason reason)
{
	void *hdr;

	hdr = genlmsg_put(skb, 0, 0, &mwg_genl_family, 0,
			  MWG_VRRP_CMD_VR_EVENT);
	if (!hdr)
		return -EMSGSIZE;
	if (mwg_notify_put_vr(skb, vr) ||
	    nla_put_u8(skb, MWG_VRRP_A_OLD_STATE, old) ||
	    nla_put_u8(skb, MWG_VRRP_A_REASON, reason) ||
	    nla_put_u8(skb, MWG_VRRP_A_EFFECTIVE_PRIORITY, vr->eff_prio))
		goto cancel;
	if (vr->master_known &&
	    mwg_nl_put_addr(skb, MWG_VRRP_A_MASTER_IP, vr->family,
			    &vr->master_ip))
		goto cancel;
	if (mwg_group_put_name(skb, vr))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static const u8 mwg_no_mac[ETH_ALEN];

static const char *const mwg_rogue_names[] = {
	[MWG_VRRP_ROGUE_UNSEEN]		= "a master never seen on this VR",
	[MWG_VRRP_ROGUE_OWNER_CLAIM]	= "priority 255 for VIPs this VR owns",
};

static int mwg_notify_rogue_fill(struct sk_buff *skb, const struct mwg_vr *vr,
				 const union mwg_addr *sender, const u8 *mac,
				 u8 priority, enum mwg_vrrp_rogue why)
{
	void *hdr;

	hdr = genlmsg_put(skb, 0, 0, &mwg_genl_family, 0,
			  MWG_VRRP_CMD_ROGUE_EVENT);
	if (!hdr)
		return -EMSGSIZE;
	if (mwg_notify_put_vr(skb, vr) ||
	    nla_put_u8(skb, MWG_VRRP_A_PRIORITY, priority) ||
	    nla_put_u8(skb, MWG_VRRP_A_ROGUE, why) ||
	    mwg_nl_put_addr(skb, MWG_VRRP_A_MASTER_IP, vr->family, sender) ||
	    (mac && nla_put(skb, MWG_VRRP_A_SOURCE_MAC, ETH_ALEN, mac))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/**
 * mwg_notify_rogue() - Report an advert that looks like a rogue master.
 * @vr: the VR that received it.
 * @sender: its source address.
 * @mac: its source MAC, or NULL when unknown.
 * @priority: the priority it advertised.
 * @why: what makes it suspect.
 *
 * Counted always (rogue_adverts); reported at most once a second per VR,
 * with a rate-limited warning in the log and a ROGUE_EVENT on the
 * namespace's events group when anyone listens.
 *
 * Context: &mwg_vr.lock held; softirq (receive).
 */
void mwg_notify_rogue(struct mwg_vr *vr, const union mwg_addr *sender,
		      const u8 *mac, u8 priority, enum mwg_vrrp_rogue why)
{
	struct net *net = dev_net(vr->dev);
	struct sk_buff *skb;

	vr->stats.rogue_adverts++;
	if (time_before(jiffies, vr->rogue_event_after))
		return;
	vr->rogue_event_after = jiffies + HZ;
	if (vr->family == AF_INET)
		net_warn_ratelimited("%s vrid %u: possible rogue master %pI4 (MAC %pM, priority %u): %s\n",
				     vr->dev->name, vr->vrid, &sender->v4,
				     mac ?: mwg_no_mac,
				     priority, mwg_rogue_names[why]);
	else
		net_warn_ratelimited("%s vrid %u: possible rogue master %pI6c (MAC %pM, priority %u): %s\n",
				     vr->dev->name, vr->vrid, &sender->v6,
				     mac ?: mwg_no_mac,
				     priority, mwg_rogue_names[why]);

	skb = mwg_nl_event_new(net, GFP_ATOMIC);
	if (!skb)
		return;
	if (mwg_notify_rogue_fill(skb, vr, sender, mac, priority, why)) {
		nlmsg_free(skb);
		return;
	}
	mwg_nl_event_send(skb, net, GFP_ATOMIC);
}

/**
 * mwg_notify_state() - Report a VR's state change.
 * @vr: the VR, its new state set.
 * @old: the state it left.
 * @reason: why it moved.
 *
 * A log line, "<dev> vrid <vrid> <family>: <old> -> <new> (<reason>)",
 * written later by log.c's work item so that the console does not hold up
 * the takeover, and an event on the namespace's events group when anyone
 * listens.  On a takeover, called after its adverts and ARPs have left.
 *
 * Context: &mwg_vr.lock held; softirq or BHs off.
 */
void mwg_notify_state(struct mwg_vr *vr, enum mwg_vrrp_state old,
		      enum mwg_vrrp_reason reason)
{
	struct net *net = dev_net(vr->dev);
	struct sk_buff *skb;

	mwg_log_deferred("%s vrid %u %s: %s -> %s (%s)\n",
			 vr->dev->name, vr->vrid,
			 vr->family == AF_INET6 ? "inet6" : "inet",
			 mwg_state_name(old), mwg_state_name(vr->state),
			 mwg_reason_name(reason));

	skb = mwg_nl_event_new(net, GFP_ATOMIC);
	if (!skb)
		return;
	if (mwg_notify_fill(skb, vr, old, reason)) {
		nlmsg_free(skb);
		return;
	}
	mwg_nl_event_send(skb, net, GFP_ATOMIC);
}
