/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address-family operations: what differs between VRRP over IPv4 and over
 * IPv6 below the VRRP message (proto.c handles the message and v2 vs v3).
 */
#ifndef _MWG_AF_H
#define _MWG_AF_H

#include "vrrp.h"

struct mwg_af_ops {
	u8 family;
	u8 vmac_prefix;			/* 00:00:5e:00:PP:VRID */
	__be16 ethertype;
	const u8 *group_mac;		/* where adverts go on the link */
	const union mwg_addr *group;	/* 224.0.0.18 or ff02::12 */

	/* The source of our adverts; RCU read side held.  False if none. */
	bool (*primary_addr)(const struct mwg_vr *vr, union mwg_addr *out);
	/* Push the IP header in front of @len bytes of VRRP message. */
	void (*push_l3)(struct sk_buff *skb, const union mwg_addr *saddr,
			const union mwg_addr *daddr, unsigned int len);
	/*
	 * Route @skb (IP header pushed) to the unicast @daddr out of the
	 * VR's interface and hand it to the local output path: netfilter
	 * and IPsec policies apply.  Consumes @skb; returns what
	 * ip_local_out() does (a NET_XMIT_* code), or < 0 without a route.
	 */
	int (*output_unicast)(const struct mwg_vr *vr, struct sk_buff *skb,
			      const union mwg_addr *saddr,
			      const union mwg_addr *daddr);
	/* Join or leave the VRRP group on @dev; RTNL held. */
	int (*join)(struct net_device *dev);
	void (*leave)(struct net_device *dev);
	/* Announce @vip with the virtual MAC: gratuitous ARP or NA. */
	void (*announce)(struct mwg_vr *vr, const struct mwg_vip *vip);
};

extern const struct mwg_af_ops mwg_af_inet;
extern const struct mwg_af_ops mwg_af_inet6;

const struct mwg_af_ops *mwg_af_get(u8 family);

#endif /* _MWG_AF_H */
