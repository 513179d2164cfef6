// SPDX-License-Identifier: GPL-2.0
/*
 * Advert transmission.  Adverts are built here and handed straight to the
 * device queue with the virtual MAC as source: they are link-local
 * multicast with TTL 255 and need neither routing nor the local output path,
 * and skipping both keeps the takeover path short and free of sleeping.
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

void mwg_send_advert(struct mwg_vr *vr, u8 priority)
{
	struct net_device *dev = vr->dev;
	const struct mwg_vip_list *vips;
	struct mwg_pseudo pseudo, *ppseudo = NULL;
	struct mwg_advert adv = {};
	union mwg_addr saddr;
	struct sk_buff *skb;
	unsigned int i, len, hroom;
	u8 *msg;
	int err;

	lockdep_assert_held(&vr->lock);
	rcu_read_lock();
	if (!vr->af->primary_addr(vr, &saddr))
		goto out;
	vips = rcu_dereference_protected(vr->vips, lockdep_is_held(&vr->lock));

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
		goto out;
	skb_reserve(skb, hroom);
	msg = skb_put(skb, len);
	for (i = 0; i < vips->count; i++)
		memcpy(msg + MWG_VRRP_HDR_LEN + i * adv.addr_len,
		       vips->vip[i].addr.raw, adv.addr_len);
	adv.addrs = msg + MWG_VRRP_HDR_LEN;

	/* IPv6 always has the pseudo-header; IPv4 VRRPv3 as configured. */
	if (vr->family == AF_INET6 || vr->cfg.checksum == MWG_VRRP_CSUM_PSEUDO) {
		pseudo.saddr = saddr.raw;
		pseudo.daddr = vr->af->group->raw;
		pseudo.addr_len = adv.addr_len;
		ppseudo = &pseudo;
	}
	mwg_advert_build(msg, len, &adv, ppseudo);
	skb_reset_transport_header(skb);
	vr->af->push_l3(skb, &saddr, len);

	skb->dev = dev;
	skb->protocol = vr->af->ethertype;
	skb->priority = TC_PRIO_CONTROL;
	if (dev_hard_header(skb, dev, ntohs(vr->af->ethertype),
			    vr->af->group_mac, vr->vmac, skb->len) < 0) {
		kfree_skb(skb);
		goto out;
	}
	err = dev_queue_xmit(skb);
	trace_mwg_vrrp_advert_tx(vr, priority, err);
	vr->stats.sent_advertisements++;
	if (priority == 0)
		vr->stats.sent_pri_zero_packets++;
out:
	rcu_read_unlock();
}
