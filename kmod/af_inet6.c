// SPDX-License-Identifier: GPL-2.0
/*
 * VRRP over IPv6 (RFC 5798 5.1.2): group ff02::12, hop limit 255, source =
 * the interface's link-local address, virtual MAC 00:00:5e:00:02:VRID.
 */
#include <linux/ipv6.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/xfrm.h>

#include "af.h"
#include "nd.h"
#include "router.h"

static const u8 mwg_inet6_group_mac[ETH_ALEN] = {
	0x33, 0x33, 0x00, 0x00, 0x00, 0x12
};

static const union mwg_addr mwg_inet6_group = {
	.v6 = { { { 0xff, 0x02, [15] = 0x12 } } },
};

/*
 * The first link-local address that is not one of our VIPs.  A tentative
 * one counts: the kernel announces no end of duplicate address detection
 * to modules, and a VR waiting for it would not start until the next
 * address event; a link-local address that failed DAD does not count.
 */
static bool mwg_inet6_primary_addr(const struct mwg_vr *vr,
				   union mwg_addr *out)
{
	struct inet6_dev *idev = __in6_dev_get(vr->dev);
	const struct inet6_ifaddr *ifp;
	bool found = false;

	if (!idev)
		return false;
	read_lock_bh(&idev->lock);
	list_for_each_entry(ifp, &idev->addr_list, if_list) {
		if (ifp->scope != IFA_LINK ||
		    (ifp->flags & IFA_F_DADFAILED))
			continue;
		if (mwg_vr_has_vip(vr, &ifp->addr))
			continue;
		memset(out, 0, sizeof(*out));
		out->v6 = ifp->addr;
		found = true;
		break;
	}
	read_unlock_bh(&idev->lock);
	return found;
}

/**
 * mwg_inet6_push_header() - Push an IPv6 header with hop limit 255.
 * @skb: the packet, its data at the upper-layer header, with headroom.
 * @saddr: the source address.
 * @daddr: the destination address.
 * @nexthdr: the upper-layer protocol (VRRP, ICMPv6).
 * @len: the upper-layer length, the header's payload length.
 *
 * For adverts and nd.c's Neighbor Advertisements alike: receivers of both
 * drop what arrives with a hop limit other than 255 (RFC 5798 5.1.2.3, RFC
 * 4861 7.1.2), as it did not come from the link.
 */
void mwg_inet6_push_header(struct sk_buff *skb, const struct in6_addr *saddr,
			   const struct in6_addr *daddr, u8 nexthdr,
			   unsigned int len)
{
	struct ipv6hdr *ip6h;

	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(len);
	ip6h->nexthdr = nexthdr;
	ip6h->hop_limit = MWG_VRRP_TTL;
	ip6h->saddr = *saddr;
	ip6h->daddr = *daddr;
}

static void mwg_inet6_push_l3(struct sk_buff *skb, const union mwg_addr *saddr,
			      const union mwg_addr *daddr, unsigned int len)
{
	mwg_inet6_push_header(skb, &saddr->v6, &daddr->v6, MWG_IPPROTO_VRRP,
			      len);
}

static int mwg_inet6_output_unicast(const struct mwg_vr *vr,
				    struct sk_buff *skb,
				    const union mwg_addr *saddr,
				    const union mwg_addr *daddr)
{
	struct net *net = dev_net(vr->dev);
	struct flowi6 fl6 = {
		.flowi6_oif	= vr->dev->ifindex,
		.flowi6_proto	= MWG_IPPROTO_VRRP,
		.saddr		= saddr->v6,
		.daddr		= daddr->v6,
	};
	struct dst_entry *dst;
	int err;

	dst = ip6_route_output(net, NULL, &fl6);
	err = dst->error;
	if (err) {
		dst_release(dst);
		kfree_skb(skb);
		return err;
	}
	dst = xfrm_lookup(net, dst, flowi6_to_flowi(&fl6), NULL, 0);
	if (IS_ERR(dst)) {
		kfree_skb(skb);
		return PTR_ERR(dst);
	}
	skb_dst_set(skb, dst);
	return ip6_local_out(net, NULL, skb);
}

static int mwg_inet6_join(struct net_device *dev)
{
	return ipv6_dev_mc_inc(dev, &mwg_inet6_group.v6);
}

static void mwg_inet6_leave(struct net_device *dev)
{
	if (__in6_dev_get(dev))
		ipv6_dev_mc_dec(dev, &mwg_inet6_group.v6);
}

const struct mwg_af_ops mwg_af_inet6 = {
	.family		= AF_INET6,
	.vmac_prefix	= 0x02,
	.ethertype	= htons(ETH_P_IPV6),
	.group_mac	= mwg_inet6_group_mac,
	.group		= &mwg_inet6_group,
	.primary_addr	= mwg_inet6_primary_addr,
	.push_l3	= mwg_inet6_push_l3,
	.output_unicast	= mwg_inet6_output_unicast,
	.join		= mwg_inet6_join,
	.leave		= mwg_inet6_leave,
	.announce	= mwg_nd_announce,
};
