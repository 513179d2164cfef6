// SPDX-License-Identifier: GPL-2.0
/*
 * Advert transmission.  A multicast advert is built here and handed straight
 * to the device queue with the virtual MAC as source: it is link-local
 * multicast with TTL 255 and needs neither routing nor the local output
 * path, and skipping both keeps the takeover path short and free of
 * sleeping.  In unicast mode each peer gets its own copy through the IP
 * stack instead, so that routing, netfilter and IPsec policies apply; it
 * leaves from the interface's own MAC, as any routed packet does.
 */
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/ipv6.h>
#include <linux/ip.h>
#include <linux/pkt_sched.h>
#include <linux/skbuff.h>

#include "af.h"
#include "send.h"
#include "trace.h"

static unsigned int mwg_l3_len(const struct mwg_vr *vr)
{
	return vr->family == AF_INET6 ? sizeof(struct ipv6hdr) :
					sizeof(struct iphdr);
}

/*
 * The advert at @priority from @saddr to @daddr, its IP header pushed; NULL
 * without memory.  The checksum's pseudo-header holds @daddr (always on
 * IPv6, on IPv4 VRRPv3 as configured): each unicast copy has its own.
 */
static struct sk_buff *mwg_advert_skb(const struct mwg_vr *vr,
				      const struct mwg_vip_list *vips,
				      u8 priority, const union mwg_addr *saddr,
				      const union mwg_addr *daddr)
{
	struct net_device *dev = vr->dev;
	struct mwg_pseudo pseudo, *ppseudo = NULL;
	struct mwg_advert adv = {};
	struct sk_buff *skb;
	unsigned int i, len, hroom;
	u8 *msg;

	adv.version = vr->cfg.version;
	adv.vrid = vr->vrid;
	adv.priority = priority;
	adv.naddrs = (u8)vips->count;
	adv.addr_len = mwg_addr_len(vr->family);
	adv.interval_cs = mwg_interval_from_ms(vr->cfg.version,
					       vr->cfg.advert_interval_ms);
	len = mwg_advert_len(adv.version, adv.addr_len, adv.naddrs);

	hroom = LL_RESERVED_SPACE(dev) + mwg_l3_len(vr);
	skb = alloc_skb(hroom + len + dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, hroom);
	msg = skb_put(skb, len);
	for (i = 0; i < vips->count; i++)
		memcpy(msg + MWG_VRRP_HDR_LEN + i * adv.addr_len,
		       vips->vip[i].addr.raw, adv.addr_len);
	adv.addrs = msg + MWG_VRRP_HDR_LEN;

	if (vr->family == AF_INET6 || vr->cfg.checksum == MWG_VRRP_CSUM_PSEUDO) {
		pseudo.saddr = saddr->raw;
		pseudo.daddr = daddr->raw;
		pseudo.addr_len = adv.addr_len;
		ppseudo = &pseudo;
	}
	mwg_advert_build(msg, len, &adv, ppseudo);
	skb_reset_transport_header(skb);
	vr->af->push_l3(skb, saddr, daddr, len);

	skb->dev = dev;
	skb->protocol = vr->af->ethertype;
	skb->priority = TC_PRIO_CONTROL;
	return skb;
}

/* To the VRRP group, from the VR's MAC; consumes @skb. */
static int mwg_xmit_multicast(const struct mwg_vr *vr, struct sk_buff *skb)
{
	if (dev_hard_header(skb, vr->dev, ntohs(vr->af->ethertype),
			    vr->af->group_mac, mwg_vr_mac(vr), skb->len) < 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	return dev_queue_xmit(skb);
}

/**
 * mwg_send_advert() - Send one advert.
 * @vr: the VR.
 * @priority: the priority to advertise: the effective one, or 0 to resign.
 *
 * To the VRRP group, straight to the device queue from mwg_vr_mac(); in
 * unicast mode one copy per peer through the IP stack instead.  From the
 * interface's primary address, and not at all without one.  Counted once,
 * however many copies carried it.
 *
 * Context: &mwg_vr.lock held, so that no transition interleaves with a
 * send; softirq or BHs off.  Takes the RCU read lock.
 */
void mwg_send_advert(struct mwg_vr *vr, u8 priority)
{
	const struct mwg_vr_config *cfg = &vr->cfg;
	const struct mwg_vip_list *vips;
	union mwg_addr saddr;
	struct sk_buff *skb;
	unsigned int i;
	int err;

	lockdep_assert_held(&vr->lock);
	rcu_read_lock();
	if (!vr->af->primary_addr(vr, &saddr))
		goto out;
	vips = rcu_dereference_protected(vr->vips, lockdep_is_held(&vr->lock));

	if (!cfg->n_peers) {
		skb = mwg_advert_skb(vr, vips, priority, &saddr, vr->af->group);
		if (!skb)
			goto out;
		err = mwg_xmit_multicast(vr, skb);
		trace_mwg_vrrp_advert_tx(vr, priority, err);
	}
	for (i = 0; i < cfg->n_peers; i++) {
		skb = mwg_advert_skb(vr, vips, priority, &saddr,
				     &cfg->peers[i].addr);
		if (!skb)
			goto out;
		err = vr->af->output_unicast(vr, skb, &saddr,
					     &cfg->peers[i].addr);
		/* Congestion (NET_XMIT_CN) still sent it; a drop did not. */
		if (net_xmit_eval(err))
			vr->stats.unicast_send_errors++;
		trace_mwg_vrrp_advert_tx(vr, priority, err);
	}
	/* One advert per interval, however many copies carried it. */
	vr->stats.sent_advertisements++;
	if (priority == 0)
		vr->stats.sent_pri_zero_packets++;
out:
	rcu_read_unlock();
}
