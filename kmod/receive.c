// SPDX-License-Identifier: GPL-2.0
/*
 * Advert reception: IP protocol 112 handed to us by the IPv4 or IPv6 layer
 * after local delivery (raw sockets, e.g. another VRRP daemon, got their copy
 * first).  Runs in softirq.  Every drop the RFCs require is counted: per VR
 * once the VRID is known, per namespace before that.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/protocol.h>
#include <net/ipv6.h>

#include "af.h"
#include "fsm.h"
#include "group.h"
#include "receive.h"
#include "router.h"

static void mwg_rx_count_drop(struct mwg_vr *vr, enum mwg_parse_result res)
{
	struct mwg_vr_stats *st = &vr->stats;

	switch (res) {
	case MWG_PARSE_LENGTH:
		st->packet_length_errors++;
		break;
	case MWG_PARSE_VERSION:
		st->version_errors++;
		break;
	case MWG_PARSE_TYPE:
		st->rcvd_invalid_type_packets++;
		break;
	case MWG_PARSE_CHECKSUM:
		st->checksum_errors++;
		break;
	case MWG_PARSE_ADDR_COUNT:
	case MWG_PARSE_NOT_LINKLOCAL:
		st->address_list_errors++;
		break;
	case MWG_PARSE_INTERVAL:
		st->adv_interval_errors++;
		break;
	case MWG_PARSE_AUTH_TYPE:
		st->auth_type_errors++;
		break;
	case MWG_PARSE_OK:
	case MWG_PARSE_CARP:
		break;
	}
}

static const char *const mwg_parse_result_names[] = {
	[MWG_PARSE_OK]		= "ok",
	[MWG_PARSE_LENGTH]	= "bad length",
	[MWG_PARSE_VERSION]	= "bad version",
	[MWG_PARSE_TYPE]	= "bad type",
	[MWG_PARSE_CHECKSUM]	= "bad checksum",
	[MWG_PARSE_ADDR_COUNT]	= "no addresses",
	[MWG_PARSE_INTERVAL]	= "zero interval",
	[MWG_PARSE_AUTH_TYPE]	= "authentication not supported",
	[MWG_PARSE_CARP]	= "carp",
	[MWG_PARSE_NOT_LINKLOCAL] = "first address not link-local",
};

/* Whether a prefix of @list (@n entries) holds @saddr. */
static bool mwg_rx_in_list(u8 family, const struct mwg_prefix *list,
			   unsigned int n, const union mwg_addr *saddr)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct mwg_prefix *p = &list[i];

		if (family == AF_INET ?
		    !((saddr->v4 ^ p->addr.v4) &
		      inet_make_mask(p->prefixlen)) :
		    ipv6_prefix_equal(&saddr->v6, &p->addr.v6, p->prefixlen))
			return true;
	}
	return false;
}

/*
 * Whether the VR takes an advert from @saddr to @daddr: in unicast mode
 * only from its peers and addressed to us, not to the group (an IPsec
 * policy on the peers' unicast adverts would not cover a multicast spoof),
 * and only from its allow list when it has one.  vr->lock held (the lists
 * are in cfg).
 */
static bool mwg_rx_allowed(const struct mwg_vr *vr, const union mwg_addr *saddr,
			   const union mwg_addr *daddr)
{
	const struct mwg_vr_config *cfg = &vr->cfg;

	if (cfg->n_peers &&
	    (!memcmp(daddr->raw, vr->af->group->raw,
		     mwg_addr_len(vr->family)) ||
	     !mwg_rx_in_list(vr->family, cfg->peers, cfg->n_peers, saddr)))
		return false;
	return !cfg->n_allow ||
	       mwg_rx_in_list(vr->family, cfg->allow, cfg->n_allow, saddr);
}

/*
 * The common part for both families: @msg/@len is the VRRP message, @saddr
 * and @daddr the IP addresses (for the checksum), @ttl the TTL/hop limit.
 */
static void mwg_rx_advert(struct net_device *dev, u8 family, const u8 *msg,
			  unsigned int len, const union mwg_addr *saddr,
			  const union mwg_addr *daddr, u8 ttl, const u8 *mac)
{
	struct mwg_net *mn = mwg_net(dev_net(dev));
	struct mwg_pseudo pseudo = {
		.saddr = saddr->raw,
		.daddr = daddr->raw,
		.addr_len = mwg_addr_len(family),
	};
	enum mwg_parse_result res;
	enum mwg_csum_form form;
	struct mwg_advert adv;
	struct mwg_if *mif;
	struct mwg_vr *vr;

	res = mwg_advert_parse(msg, len, &pseudo, &adv, &form);
	if (res == MWG_PARSE_CARP)
		return;
	if (len < 2) {
		atomic64_inc(&mn->stats.packet_length_errors);
		return;
	}

	mif = mwg_if_find_rcu(dev);
	vr = mif ? mwg_vr_lookup_rcu(mif, family, adv.vrid) : NULL;
	if (!vr) {
		if (res == MWG_PARSE_CHECKSUM)
			atomic64_inc(&mn->stats.checksum_errors);
		else if (res == MWG_PARSE_VERSION)
			atomic64_inc(&mn->stats.version_errors);
		else if (res == MWG_PARSE_LENGTH)
			atomic64_inc(&mn->stats.packet_length_errors);
		else if (ttl != MWG_VRRP_TTL)
			atomic64_inc(&mn->stats.ip_ttl_errors);
		else
			atomic64_inc(&mn->stats.vrid_errors);
		return;
	}

	spin_lock(&vr->lock);
	if (vr->dead)
		goto unlock;
	/*
	 * RFC 5798 5.1.1.3 guards multicast adverts against off-link senders.
	 * In unicast mode only the listed peers are heard, at any TTL: peers
	 * may sit behind a router, and keepalived sends its IPv6 unicast
	 * adverts at the default hop limit.
	 */
	if (ttl != MWG_VRRP_TTL && !vr->cfg.n_peers) {
		vr->stats.ip_ttl_errors++;
		net_info_ratelimited("%s vrid %u: dropped advert with TTL %u\n",
				     dev->name, vr->vrid, ttl);
		goto unlock;
	}
	if (res == MWG_PARSE_OK && adv.version != vr->cfg.version)
		res = MWG_PARSE_VERSION;
	if (res != MWG_PARSE_OK) {
		mwg_rx_count_drop(vr, res);
		net_info_ratelimited("%s vrid %u: dropped advert: %s\n",
				     dev->name, vr->vrid,
				     mwg_parse_result_names[res]);
		goto unlock;
	}
	/* A source outside the list never moves the VR: not even a priority 0. */
	if (!mwg_rx_allowed(vr, saddr, daddr)) {
		vr->stats.rcvd_not_allowed++;
		if (family == AF_INET)
			net_info_ratelimited("%s vrid %u: dropped advert from %pI4 (priority %u): source not allowed\n",
					     dev->name, vr->vrid, &saddr->v4,
					     adv.priority);
		else
			net_info_ratelimited("%s vrid %u: dropped advert from %pI6c (priority %u): source not allowed\n",
					     dev->name, vr->vrid, &saddr->v6,
					     adv.priority);
		goto unlock;
	}
	mwg_fsm_rx_advert(vr, &adv, saddr, mac);
unlock:
	mwg_group_unlock(vr);
}

/*
 * Both protocol handlers: @skb's data is the VRRP message, the IP header
 * before it.  Adverts are small; a linear copy keeps the parser simple.
 */
static int mwg_rx(struct sk_buff *skb, u8 family)
{
	union mwg_addr saddr = {}, daddr = {};
	unsigned int len = skb->len;
	const u8 *mac = NULL;
	u8 ttl;

	if (len > MWG_VRRP_MAX_PKT || !pskb_may_pull(skb, len)) {
		atomic64_inc(&mwg_net(dev_net(skb->dev))->stats.packet_length_errors);
		goto drop;
	}
	if (family == AF_INET) {
		const struct iphdr *iph = ip_hdr(skb);

		saddr.v4 = iph->saddr;
		daddr.v4 = iph->daddr;
		ttl = iph->ttl;
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		saddr.v6 = ip6h->saddr;
		daddr.v6 = ip6h->daddr;
		ttl = ip6h->hop_limit;
	}

	/* The sender's MAC, for a rogue master's report. */
	if (skb->dev->type == ARPHRD_ETHER && skb_mac_header_was_set(skb) &&
	    skb_mac_header_len(skb) >= ETH_HLEN)
		mac = eth_hdr(skb)->h_source;

	rcu_read_lock();
	mwg_rx_advert(skb->dev, family, skb->data, len, &saddr, &daddr, ttl,
		      mac);
	rcu_read_unlock();
drop:
	consume_skb(skb);
	return 0;
}

static int mwg_rx_inet(struct sk_buff *skb)
{
	return mwg_rx(skb, AF_INET);
}

static int mwg_rx_inet6(struct sk_buff *skb)
{
	return mwg_rx(skb, AF_INET6);
}

/*
 * The IP layer checks inbound IPsec policies before the handler runs: an
 * operator who protects unicast adverts with a transport-mode policy gets
 * clear-text ones (a spoof) dropped there.
 */
static const struct net_protocol mwg_inet_protocol = {
	.handler	= mwg_rx_inet,
};

static const struct inet6_protocol mwg_inet6_protocol = {
	.handler	= mwg_rx_inet6,
	.flags		= INET6_PROTO_FINAL,
};

/**
 * mwg_receive_init() - Handle IP protocol 112 for IPv4 and IPv6.
 *
 * Description: Adverts reach the module through protocol handlers, after local
 * delivery (raw sockets, such as another VRRP daemon's, got their copy first).
 * Either registration fails only if another module already handles protocol
 * 112.
 *
 * Context: Module init.
 * Return: 0, or -EBUSY with neither handler registered.
 */
int mwg_receive_init(void)
{
	if (inet_add_protocol(&mwg_inet_protocol, MWG_IPPROTO_VRRP) < 0)
		return -EBUSY;
	if (inet6_add_protocol(&mwg_inet6_protocol, MWG_IPPROTO_VRRP) < 0) {
		inet_del_protocol(&mwg_inet_protocol, MWG_IPPROTO_VRRP);
		return -EBUSY;
	}
	return 0;
}

/**
 * mwg_receive_exit() - Give IP protocol 112 back.
 *
 * Context: Module exit or failed init, process context.
 */
void mwg_receive_exit(void)
{
	inet6_del_protocol(&mwg_inet6_protocol, MWG_IPPROTO_VRRP);
	inet_del_protocol(&mwg_inet_protocol, MWG_IPPROTO_VRRP);
}
