// SPDX-License-Identifier: GPL-2.0
/*
 * The receive filter of the VR's interface.
 *
 * A NIC drops in hardware (or in its emulation) every unicast frame whose
 * destination is not in its filter, before the ingress hook of arp.c can
 * see it: clients that learnt a VIP at the virtual MAC would reach nobody.
 * So the virtual MAC enters the interface's unicast address list, which the
 * driver programs into the filter; a driver without unicast filtering
 * (no IFF_UNICAST_FLT) is put into promiscuous mode by the core instead,
 * as for a macvlan.
 *
 * A VR that speaks from the interface's own MAC (cfg.vmac off) needs no
 * entry: its frames come to an address the filter already holds.
 *
 * For the VR's whole lifetime, not only while it is master: a takeover
 * happens in softirq, and several drivers program their filter from a work
 * item (virtio-net sends it over its control queue), so an address added
 * at the takeover would reach the filter some time after the gratuitous
 * ARPs that send clients to it.  A backup receives the frames to the
 * virtual MAC and the stack drops them as PACKET_OTHERHOST, as it does on
 * a hub or a bridge port.
 *
 * IPv6 neighbour solicitations for a VIP go to its solicited-node group,
 * which the interface joins only once the VIP is a local address (accept
 * mode, and only after the takeover's work item ran): the VR joins those
 * groups itself for its lifetime, so that nd.c sees every solicitation.
 * The VRRP group itself (224.0.0.18, ff02::12) is joined by af_inet*.c.
 */
#include <linux/netdevice.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>

#include "rxfilter.h"

static int mwg_rxfilter_vip_join(struct net_device *dev,
				 const struct mwg_vip *vip)
{
	struct in6_addr group;

	addrconf_addr_solict_mult(&vip->addr.v6, &group);
	return ipv6_dev_mc_inc(dev, &group);
}

static void mwg_rxfilter_vip_leave(struct net_device *dev,
				   const struct mwg_vip *vip)
{
	struct in6_addr group;

	/* Gone with the device's IPv6 state when it is unregistered. */
	if (!__in6_dev_get(dev))
		return;
	addrconf_addr_solict_mult(&vip->addr.v6, &group);
	ipv6_dev_mc_dec(dev, &group);
}

/**
 * mwg_rxfilter_vips_join() - Join the solicited-node groups of IPv6 VIPs.
 * @dev: the VR's interface.
 * @family: the VR's family; nothing to do for AF_INET.
 * @vips: the VIPs.
 *
 * So that nd.c sees every Neighbor Solicitation for a VIP, which the
 * interface would join for itself only once the VIP is a local address (a
 * master's in accept mode, after its address work ran).  For a VR's list at
 * creation, and for a list that replaces another, before it is used.
 *
 * Context: RTNL held.
 * Return: 0, or the error of a join, with none of @vips' groups joined.
 */
int mwg_rxfilter_vips_join(struct net_device *dev, u8 family,
			   const struct mwg_vip_list *vips)
{
	unsigned int i;
	int err;

	ASSERT_RTNL();
	if (family != AF_INET6)
		return 0;
	for (i = 0; i < vips->count; i++) {
		err = mwg_rxfilter_vip_join(dev, &vips->vip[i]);
		if (err)
			goto err_leave;
	}
	return 0;

err_leave:
	while (i--)
		mwg_rxfilter_vip_leave(dev, &vips->vip[i]);
	return err;
}

/**
 * mwg_rxfilter_vips_leave() - Leave what mwg_rxfilter_vips_join() joined.
 * @dev: the VR's interface.
 * @family: the VR's family; nothing to do for AF_INET.
 * @vips: the VIPs.
 *
 * A device being unregistered has lost its IPv6 state, and the groups with
 * it: there is nothing left to leave then.
 *
 * Context: RTNL held.
 */
void mwg_rxfilter_vips_leave(struct net_device *dev, u8 family,
			     const struct mwg_vip_list *vips)
{
	unsigned int i;

	ASSERT_RTNL();
	if (family != AF_INET6)
		return;
	for (i = 0; i < vips->count; i++)
		mwg_rxfilter_vip_leave(dev, &vips->vip[i]);
}

/**
 * mwg_rxfilter_vmac_add() - Add the VR's virtual MAC to the unicast filter.
 * @vr: the VR.
 *
 * The NIC then passes frames to the virtual MAC (a driver without unicast
 * filtering is put in promiscuous mode instead).  For as long as the VR
 * uses the virtual MAC, not only while it is master: a filter programmed at
 * the takeover could lag behind the gratuitous ARPs that send clients to
 * the MAC.
 *
 * Context: RTNL held.
 * Return: 0, or the error of dev_uc_add().
 */
int mwg_rxfilter_vmac_add(struct mwg_vr *vr)
{
	ASSERT_RTNL();
	return dev_uc_add(vr->dev, vr->vmac);
}

/**
 * mwg_rxfilter_vmac_del() - Take the VR's virtual MAC out of the filter.
 * @vr: the VR.
 *
 * Context: RTNL held.
 */
void mwg_rxfilter_vmac_del(struct mwg_vr *vr)
{
	ASSERT_RTNL();
	dev_uc_del(vr->dev, vr->vmac);
}

/**
 * mwg_rxfilter_bind() - Have the receive filter take the VR's frames.
 * @vr: the new VR, its configuration and VIPs set, not yet published.
 *
 * Its virtual MAC, when it uses one, and its IPv6 VIPs' solicited-node
 * groups.
 *
 * Context: RTNL held.
 * Return: 0, or an error, with nothing left added.
 */
int mwg_rxfilter_bind(struct mwg_vr *vr)
{
	const struct mwg_vip_list *vips = rtnl_dereference(vr->vips);
	int err;

	if (vr->cfg.vmac) {
		err = mwg_rxfilter_vmac_add(vr);
		if (err)
			return err;
	}
	err = mwg_rxfilter_vips_join(vr->dev, vr->family, vips);
	if (err && vr->cfg.vmac)
		mwg_rxfilter_vmac_del(vr);
	return err;
}

/**
 * mwg_rxfilter_unbind() - Undo mwg_rxfilter_bind().
 * @vr: the VR, dead.
 *
 * Called after the VR's priority-0 advert has left and it has left the
 * VRRP group, so that nothing it still sends waits on an answer to the
 * virtual MAC.
 *
 * Context: RTNL held.
 */
void mwg_rxfilter_unbind(struct mwg_vr *vr)
{
	const struct mwg_vip_list *vips = rtnl_dereference(vr->vips);

	mwg_rxfilter_vips_leave(vr->dev, vr->family, vips);
	if (vr->cfg.vmac)
		mwg_rxfilter_vmac_del(vr);
}
