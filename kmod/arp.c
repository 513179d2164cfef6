// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual MAC on the link.
 *
 * A master announces each IPv4 VIP with a gratuitous ARP whose sender is
 * the virtual MAC, answers ARP requests for its VIPs with the virtual MAC,
 * and receives frames sent to the virtual MAC.  A backup does none of it.
 *
 * All of this happens in a netdev ingress hook on the VR's interface, in
 * softirq, so it follows the state at once: there is no address or
 * neighbour entry to change when a VR takes over or steps down.  The hook
 * runs before the IP and ARP layers, which lets it
 *   - turn frames to the virtual MAC of a master into PACKET_HOST: without
 *     it software devices (veth, bridge) mark them PACKET_OTHERHOST and IP
 *     drops them, whatever the unicast filter says;
 *   - answer an ARP request for a VIP itself and drop it, because the
 *     kernel's own reply would carry the interface MAC.
 *
 * A second hook, on ARP output, puts the virtual MAC in the ARP packets a
 * master sends with a VIP as sender address (its own resolution of a
 * client, answering from the VIP): otherwise each of them would teach the
 * client the interface MAC for the VIP, and a takeover would have to undo
 * it.
 *
 * A VR without the virtual MAC (cfg.vmac off) announces and answers with
 * the interface's own MAC instead (mwg_vr_mac()), from the same hook; it
 * has nothing to rewrite on output and no frame to the virtual MAC to
 * take.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netfilter.h>
#include <linux/netfilter_arp.h>
#include <linux/netfilter_netdev.h>
#include <net/arp.h>

#include "arp.h"
#include "nd.h"
#include "router.h"

/**
 * mwg_arp_announce() - Announce an IPv4 VIP with a gratuitous ARP.
 * @vr: the VR, master of @vip.
 * @vip: the VIP.
 *
 * An RFC 5227 announcement, a request with the VIP as sender and target,
 * from mwg_vr_mac(): the link's neighbours and switches learn where the VIP
 * is now.  The announce operation of IPv4 VRs.
 *
 * Context: &mwg_vr.lock held; softirq or BHs off.
 */
void mwg_arp_announce(struct mwg_vr *vr, const struct mwg_vip *vip)
{
	struct sk_buff *skb;

	/* RFC 5227 announcement: a request with sender = target = VIP. */
	skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, vip->addr.v4, vr->dev,
			 vip->addr.v4, NULL, mwg_vr_mac(vr), NULL);
	if (skb)
		arp_xmit(skb);
}

struct mwg_arp_eth_ipv4 {
	struct arphdr hdr;
	u8 sha[ETH_ALEN];
	__be32 sip;
	u8 tha[ETH_ALEN];
	__be32 tip;
} __packed;

static unsigned int mwg_ingress_arp(const struct mwg_if *mif,
				    struct sk_buff *skb)
{
	const struct mwg_arp_eth_ipv4 *arp;
	struct mwg_vr *vr;

	if (!pskb_may_pull(skb, sizeof(*arp)))
		return NF_ACCEPT;
	arp = (const struct mwg_arp_eth_ipv4 *)skb_network_header(skb);
	if (arp->hdr.ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->hdr.ar_pro != htons(ETH_P_IP) ||
	    arp->hdr.ar_hln != ETH_ALEN || arp->hdr.ar_pln != 4 ||
	    arp->hdr.ar_op != htons(ARPOP_REQUEST))
		return NF_ACCEPT;

	vr = mwg_vr_by_vip_rcu(mif, AF_INET, &arp->tip);
	if (!vr)
		return NF_ACCEPT;
	/* Another node's announcement for the VIP: let the cache learn it. */
	if (arp->sip == arp->tip)
		return NF_ACCEPT;
	if (READ_ONCE(vr->state) == MWG_VRRP_STATE_MASTER)
		arp_send(ARPOP_REPLY, ETH_P_ARP, arp->sip, mif->dev, arp->tip,
			 arp->sha, mwg_vr_mac(vr), arp->sha);
	return NF_DROP;
}

static bool mwg_is_vmac(const u8 *mac)
{
	return mac[0] == 0x00 && mac[1] == 0x00 && mac[2] == 0x5e &&
	       mac[3] == 0x00 && (mac[4] == 0x01 || mac[4] == 0x02);
}

static unsigned int mwg_ingress_hook(void *priv, struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	const struct mwg_if *mif = priv;

	if (skb->pkt_type == PACKET_OTHERHOST && skb_mac_header_was_set(skb)) {
		const u8 *dst = eth_hdr(skb)->h_dest;

		if (mwg_is_vmac(dst)) {
			u8 family = dst[4] == 0x01 ? AF_INET : AF_INET6;
			struct mwg_vr *vr = mwg_vr_lookup_rcu(mif, family,
							      dst[5]);

			if (vr && READ_ONCE(vr->state) == MWG_VRRP_STATE_MASTER &&
			    READ_ONCE(vr->cfg.vmac))
				skb->pkt_type = PACKET_HOST;
		}
	}
	if (skb->protocol == htons(ETH_P_ARP))
		return mwg_ingress_arp(mif, skb);
	if (skb->protocol == htons(ETH_P_IPV6))
		return mwg_nd_ingress(mif, skb);
	return NF_ACCEPT;
}

static unsigned int mwg_arp_out_hook(void *priv, struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	const struct mwg_if *mif = priv;
	struct mwg_arp_eth_ipv4 *arp;
	struct ethhdr *eth;
	struct mwg_vr *vr;

	if (state->out != mif->dev || skb_network_offset(skb) != ETH_HLEN ||
	    skb_ensure_writable(skb, ETH_HLEN + sizeof(*arp)))
		return NF_ACCEPT;
	arp = (struct mwg_arp_eth_ipv4 *)skb_network_header(skb);
	if (arp->hdr.ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->hdr.ar_pro != htons(ETH_P_IP) ||
	    arp->hdr.ar_hln != ETH_ALEN || arp->hdr.ar_pln != 4)
		return NF_ACCEPT;
	vr = mwg_vr_by_vip_rcu(mif, AF_INET, &arp->sip);
	/* With the interface's MAC there is nothing to rewrite. */
	if (!vr || READ_ONCE(vr->state) != MWG_VRRP_STATE_MASTER ||
	    !READ_ONCE(vr->cfg.vmac))
		return NF_ACCEPT;
	eth = (struct ethhdr *)skb->data;
	ether_addr_copy(arp->sha, vr->vmac);
	ether_addr_copy(eth->h_source, vr->vmac);
	return NF_ACCEPT;
}

/**
 * mwg_arp_hooks_register() - Register the netfilter hooks of an interface.
 * @mif: the interface's new state, not yet published.
 *
 * Three hooks: NF_NETDEV_INGRESS on its device (answers ARP and neighbour
 * solicitations for VIPs, takes frames to the virtual MAC), NF_ARP_OUT
 * (the virtual MAC in a master's own ARP packets) and nd.c's
 * NF_INET_LOCAL_OUT (the same for its neighbour discovery messages).  The
 * two output hooks see the whole namespace's traffic and check the device
 * themselves.
 *
 * Context: RTNL held; process context.
 * Return: 0, or the error of the hook that failed, with none registered.
 */
int mwg_arp_hooks_register(struct mwg_if *mif)
{
	struct net *net = dev_net(mif->dev);
	int err;

	mif->ingress = (struct nf_hook_ops) {
		.hook		= mwg_ingress_hook,
		.pf		= NFPROTO_NETDEV,
		.hooknum	= NF_NETDEV_INGRESS,
		.dev		= mif->dev,
		.priv		= mif,
	};
	mif->arp_out = (struct nf_hook_ops) {
		.hook		= mwg_arp_out_hook,
		.pf		= NFPROTO_ARP,
		.hooknum	= NF_ARP_OUT,
		.priv		= mif,
	};
	mwg_nd_hook_init(mif);
	err = nf_register_net_hook(net, &mif->ingress);
	if (err)
		return err;
	err = nf_register_net_hook(net, &mif->arp_out);
	if (err)
		goto err_ingress;
	err = nf_register_net_hook(net, &mif->nd_out);
	if (err)
		goto err_arp_out;
	return 0;

err_arp_out:
	nf_unregister_net_hook(net, &mif->arp_out);
err_ingress:
	nf_unregister_net_hook(net, &mif->ingress);
	return err;
}

/**
 * mwg_arp_hooks_unregister() - Unregister the hooks of an interface.
 * @mif: the interface's state, unpublished already.
 *
 * A hook may still be running on another CPU when this returns: the caller
 * frees @mif only after an RCU grace period.
 *
 * Context: RTNL held; process context.
 */
void mwg_arp_hooks_unregister(struct mwg_if *mif)
{
	struct net *net = dev_net(mif->dev);

	nf_unregister_net_hook(net, &mif->nd_out);
	nf_unregister_net_hook(net, &mif->arp_out);
	nf_unregister_net_hook(net, &mif->ingress);
}
