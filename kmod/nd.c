// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 counterpart of arp.c.  A master announces each IPv6 VIP with an
 * unsolicited Neighbor Advertisement (Router and Override set, target
 * link-layer address = virtual MAC) and answers Neighbor Solicitations for
 * its VIPs itself, from the ingress hook, dropping them so the kernel does
 * not answer with the interface MAC.  A backup drops solicitations for the
 * VIPs, except duplicate address detection probes, which it lets through.
 *
 * A local-output hook puts the virtual MAC in the link-layer address
 * option of neighbour discovery messages the kernel sends for a master's
 * VIPs: solicitations with a VIP as source (resolving a client it answers
 * from the VIP) and advertisements for a VIP.  Otherwise receivers would
 * store the VIP against the interface MAC.
 *
 * A VR without the virtual MAC (cfg.vmac off) uses the interface's own MAC
 * in its advertisements and answers, and rewrites nothing on output.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>

#include "af.h"
#include "nd.h"
#include "router.h"

static const u8 mwg_all_nodes_mac[ETH_ALEN] = {
	0x33, 0x33, 0x00, 0x00, 0x00, 0x01
};

/* An NA message with a target link-layer address option. */
struct mwg_na {
	struct icmp6hdr icmph;
	struct in6_addr target;
	u8 opt_type;
	u8 opt_len;			/* in units of 8 bytes */
	u8 lladdr[ETH_ALEN];
} __packed;

static void mwg_nd_send_na(struct mwg_vr *vr, const struct in6_addr *daddr,
			   const u8 *dmac, const struct in6_addr *target,
			   bool solicited)
{
	struct net_device *dev = vr->dev;
	union mwg_addr saddr;
	struct sk_buff *skb;
	struct mwg_na *na;
	unsigned int hroom = LL_RESERVED_SPACE(dev) + sizeof(struct ipv6hdr);

	if (!vr->af->primary_addr(vr, &saddr))
		return;
	skb = alloc_skb(hroom + sizeof(*na) + dev->needed_tailroom,
			GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, hroom);
	na = skb_put_zero(skb, sizeof(*na));
	na->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	na->icmph.icmp6_router = 1;
	na->icmph.icmp6_solicited = solicited;
	na->icmph.icmp6_override = 1;
	na->target = *target;
	na->opt_type = ND_OPT_TARGET_LL_ADDR;
	na->opt_len = 1;
	ether_addr_copy(na->lladdr, mwg_vr_mac(vr));
	na->icmph.icmp6_cksum = csum_ipv6_magic(&saddr.v6, daddr, sizeof(*na),
						IPPROTO_ICMPV6,
						csum_partial(na, sizeof(*na), 0));
	skb_reset_transport_header(skb);
	mwg_inet6_push_header(skb, &saddr.v6, daddr, IPPROTO_ICMPV6,
			      sizeof(*na));
	skb->dev = dev;
	skb->protocol = htons(ETH_P_IPV6);
	if (dev_hard_header(skb, dev, ETH_P_IPV6, dmac, mwg_vr_mac(vr),
			    skb->len) < 0) {
		kfree_skb(skb);
		return;
	}
	dev_queue_xmit(skb);
}

/**
 * mwg_nd_announce() - Announce an IPv6 VIP with an unsolicited NA.
 * @vr: the VR, master of @vip.
 * @vip: the VIP.
 *
 * To all nodes, from the interface's link-local address (none is sent
 * without one), with Router and Override set and mwg_vr_mac() as target
 * link-layer address: neighbours replace what they held for the VIP.  The
 * announce operation of IPv6 VRs.
 *
 * Context: &mwg_vr.lock held; softirq or BHs off.  Takes the RCU read lock.
 */
void mwg_nd_announce(struct mwg_vr *vr, const struct mwg_vip *vip)
{
	rcu_read_lock();
	mwg_nd_send_na(vr, &in6addr_linklocal_allnodes, mwg_all_nodes_mac,
		       &vip->addr.v6, false);
	rcu_read_unlock();
}

/**
 * mwg_nd_ingress() - The ingress hook's part for IPv6 frames.
 * @mif: the interface the frame arrived on.
 * @skb: the frame, its data at the IPv6 header.
 *
 * A Neighbor Solicitation for a VIP on @mif is answered by the master
 * (a solicited NA with mwg_vr_mac()) and dropped, so that the kernel does
 * not answer with the interface's MAC; a backup drops it unanswered.
 * Duplicate address detection probes, from ::, go through.
 *
 * Context: Softirq, RCU read side (arp.c's ingress hook).
 * Return: NF_DROP for a solicitation for a VIP that is no such probe,
 * NF_ACCEPT for anything else.
 */
unsigned int mwg_nd_ingress(const struct mwg_if *mif, struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h;
	const struct nd_msg *ns;
	struct mwg_vr *vr;

	if (!pskb_may_pull(skb, sizeof(*ip6h) + sizeof(*ns)))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	ns = (const struct nd_msg *)(ip6h + 1);
	if (ip6h->nexthdr != IPPROTO_ICMPV6 || ip6h->hop_limit != 255 ||
	    ns->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION)
		return NF_ACCEPT;

	vr = mwg_vr_by_vip_rcu(mif, AF_INET6, &ns->target);
	if (!vr)
		return NF_ACCEPT;
	/* DAD probes come from ::; leave them to the kernel. */
	if (ipv6_addr_any(&ip6h->saddr))
		return NF_ACCEPT;
	if (READ_ONCE(vr->state) == MWG_VRRP_STATE_MASTER)
		mwg_nd_send_na(vr, &ip6h->saddr, eth_hdr(skb)->h_source,
			       &ns->target, true);
	return NF_DROP;
}

/* The address a neighbour discovery message speaks for, and its option. */
static const struct in6_addr *mwg_nd_owner(const struct ipv6hdr *ip6h,
					   const struct nd_msg *msg, u8 *opt)
{
	switch (msg->icmph.icmp6_type) {
	case NDISC_NEIGHBOUR_SOLICITATION:
		*opt = ND_OPT_SOURCE_LL_ADDR;
		return &ip6h->saddr;
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
		*opt = ND_OPT_TARGET_LL_ADDR;
		return &msg->target;
	default:
		return NULL;
	}
}

static unsigned int mwg_nd_out_hook(void *priv, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	unsigned int off = skb_network_offset(skb) + sizeof(struct ipv6hdr);
	const struct mwg_if *mif = priv;
	const struct in6_addr *owner;
	struct ipv6hdr *ip6h;
	struct nd_msg *msg;
	struct mwg_vr *vr;
	unsigned int len;
	u8 want;

	/* Cheap tests first: this hook sees all IPv6 output of the netns. */
	if (state->out != mif->dev || ipv6_hdr(skb)->nexthdr != IPPROTO_ICMPV6)
		return NF_ACCEPT;
	len = skb->len - off;
	if (skb->len < off + sizeof(*msg) || len > 256 ||
	    skb_ensure_writable(skb, skb->len))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	msg = (struct nd_msg *)(skb_network_header(skb) + sizeof(*ip6h));
	owner = mwg_nd_owner(ip6h, msg, &want);
	if (!owner)
		return NF_ACCEPT;
	vr = mwg_vr_by_vip_rcu(mif, AF_INET6, owner);
	/* With the interface's MAC there is nothing to rewrite. */
	if (!vr || READ_ONCE(vr->state) != MWG_VRRP_STATE_MASTER ||
	    !READ_ONCE(vr->cfg.vmac))
		return NF_ACCEPT;

	for (off = sizeof(*msg); off + 8 <= len;) {
		u8 *opt = (u8 *)msg + off;

		if (!opt[1])
			break;
		if (opt[0] == want && opt[1] == 1) {
			ether_addr_copy(opt + 2, vr->vmac);
			msg->icmph.icmp6_cksum = 0;
			msg->icmph.icmp6_cksum =
				csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len,
						IPPROTO_ICMPV6,
						csum_partial(msg, len, 0));
			skb->ip_summed = CHECKSUM_NONE;
			break;
		}
		off += opt[1] * 8;
	}
	return NF_ACCEPT;
}

/**
 * mwg_nd_hook_init() - Fill in the neighbour discovery output hook.
 * @mif: the interface's new state.
 *
 * The NF_INET_LOCAL_OUT hook, last in priority, that puts the virtual MAC
 * in the link-layer address option of the neighbour discovery messages the
 * kernel sends for a master's VIPs.  mwg_arp_hooks_register() registers it
 * with the other two, so that all three come and go together.
 */
void mwg_nd_hook_init(struct mwg_if *mif)
{
	mif->nd_out = (struct nf_hook_ops) {
		.hook		= mwg_nd_out_hook,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= NF_IP6_PRI_LAST,
		.priv		= mif,
	};
}
