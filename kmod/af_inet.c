// SPDX-License-Identifier: GPL-2.0
/* VRRP over IPv4: group 224.0.0.18, source = the primary address. */
#include <linux/igmp.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <net/ip.h>
#include <net/route.h>

#include "af.h"
#include "arp.h"
#include "router.h"

static const u8 mwg_inet_group_mac[ETH_ALEN] = {
	0x01, 0x00, 0x5e, 0x00, 0x00, 0x12
};

static const union mwg_addr mwg_inet_group = {
	.v4 = htonl(0xe0000012),	/* 224.0.0.18 */
};

/*
 * RFC 5798 5.1.1.1: the primary IPv4 address of the interface.  Our own
 * VIPs are local addresses on a master and must never be taken for it.
 */
static bool mwg_inet_primary_addr(const struct mwg_vr *vr,
				  union mwg_addr *out)
{
	struct in_device *in_dev = __in_dev_get_rcu(vr->dev);
	const struct in_ifaddr *ifa;

	if (!in_dev)
		return false;
	in_dev_for_each_ifa_rcu(ifa, in_dev) {
		if (ifa->ifa_flags & IFA_F_SECONDARY)
			continue;
		if (ifa->ifa_scope >= RT_SCOPE_HOST)
			continue;
		if (mwg_vr_has_vip(vr, &ifa->ifa_local))
			continue;
		memset(out, 0, sizeof(*out));
		out->v4 = ifa->ifa_local;
		return true;
	}
	return false;
}

static void mwg_inet_push_l3(struct sk_buff *skb, const union mwg_addr *saddr,
			     const union mwg_addr *daddr, unsigned int len)
{
	struct iphdr *iph;

	skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = sizeof(*iph) >> 2;
	iph->tos = IPTOS_PREC_INTERNETCONTROL;
	iph->tot_len = htons(sizeof(*iph) + len);
	iph->id = 0;
	iph->frag_off = htons(IP_DF);
	iph->ttl = MWG_VRRP_TTL;
	iph->protocol = MWG_IPPROTO_VRRP;
	iph->saddr = saddr->v4;
	iph->daddr = daddr->v4;
	ip_send_check(iph);
}

static int mwg_inet_output_unicast(const struct mwg_vr *vr,
				   struct sk_buff *skb,
				   const union mwg_addr *saddr,
				   const union mwg_addr *daddr)
{
	struct net *net = dev_net(vr->dev);
	struct flowi4 fl4 = {
		.flowi4_oif	= vr->dev->ifindex,
		.flowi4_proto	= MWG_IPPROTO_VRRP,
		.saddr		= saddr->v4,
		.daddr		= daddr->v4,
	};
	struct rtable *rt;

	/* With a protocol in the flow, this looks up IPsec policies too. */
	rt = ip_route_output_flow(net, &fl4, NULL);
	if (IS_ERR(rt)) {
		kfree_skb(skb);
		return PTR_ERR(rt);
	}
	skb_dst_set(skb, &rt->dst);
	return ip_local_out(net, NULL, skb);
}

static int mwg_inet_join(struct net_device *dev)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	if (!in_dev)
		return -ENODEV;
	ip_mc_inc_group(in_dev, mwg_inet_group.v4);
	return 0;
}

static void mwg_inet_leave(struct net_device *dev)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	if (in_dev)
		ip_mc_dec_group(in_dev, mwg_inet_group.v4);
}

const struct mwg_af_ops mwg_af_inet = {
	.family		= AF_INET,
	.vmac_prefix	= 0x01,
	.ethertype	= htons(ETH_P_IP),
	.group_mac	= mwg_inet_group_mac,
	.group		= &mwg_inet_group,
	.primary_addr	= mwg_inet_primary_addr,
	.push_l3	= mwg_inet_push_l3,
	.output_unicast	= mwg_inet_output_unicast,
	.join		= mwg_inet_join,
	.leave		= mwg_inet_leave,
	.announce	= mwg_arp_announce,
};

/**
 * mwg_af_get() - The address-family operations of a family.
 * @family: AF_INET or AF_INET6.
 *
 * Return: &mwg_af_inet or &mwg_af_inet6; NULL for any other family.
 */
const struct mwg_af_ops *mwg_af_get(u8 family)
{
	switch (family) {
	case AF_INET:
		return &mwg_af_inet;
	case AF_INET6:
		return &mwg_af_inet6;
	default:
		return NULL;
	}
}
