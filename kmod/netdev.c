// SPDX-License-Identifier: GPL-2.0
/*
 * Interface events (RFC 5798 6.4.1 / 6.4.2 "Shutdown"): a VR speaks only
 * while its interface is up, has carrier and a primary address; otherwise
 * it is in Initialize.  An interface going down administratively lets a
 * master resign with priority 0 first; one being unregistered (or moved to
 * another namespace) takes its VRs with it.
 */
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/notifier.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <linux/rtnetlink.h>

#include "bfd.h"
#include "netdev.h"
#include "router.h"

/*
 * Unregistering a notifier replays DOWN and UNREGISTER for every device;
 * those must not tear VRs down as if their devices were vanishing: module
 * unload destroys them itself, resigning and withdrawing VIPs.
 */
static bool mwg_netdev_live;

static int mwg_netdev_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (!READ_ONCE(mwg_netdev_live))
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_UP:
	case NETDEV_CHANGE:
	case NETDEV_DOWN:
		mwg_router_dev_changed(dev);
		mwg_router_tracked_changed(dev);
		break;
	case NETDEV_GOING_DOWN:
		/* Still up: a master can resign before the link goes. */
		mwg_router_dev_going_down(dev);
		break;
	case NETDEV_UNREGISTER:
		mwg_bfd_dev_gone(dev);
		mwg_router_dev_gone(dev);
		/* Unlisted by now: its trackers find it gone, so down. */
		mwg_router_tracked_changed(dev);
		break;
	}
	return NOTIFY_DONE;
}

/*
 * A primary (IPv4) or link-local (IPv6) address added or removed changes
 * whether VRs can speak.
 */
static int mwg_inetaddr_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct in_ifaddr *ifa = ptr;

	if (!READ_ONCE(mwg_netdev_live))
		return NOTIFY_DONE;
	if (event == NETDEV_UP || event == NETDEV_DOWN)
		mwg_router_dev_changed(ifa->ifa_dev->dev);
	return NOTIFY_DONE;
}

/*
 * IPv6 address events come on an atomic chain, also from softirq (an
 * address made by a Router Advertisement) and without RTNL: the namespace
 * re-checks its links from a work item instead.
 */
static int mwg_inet6addr_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct inet6_ifaddr *ifa = ptr;

	if (!READ_ONCE(mwg_netdev_live))
		return NOTIFY_DONE;
	if (event == NETDEV_UP || event == NETDEV_DOWN)
		mwg_router_links_changed(dev_net(ifa->idev->dev));
	return NOTIFY_DONE;
}

static struct notifier_block mwg_netdev_notifier = {
	.notifier_call = mwg_netdev_event,
};

static struct notifier_block mwg_inetaddr_notifier = {
	.notifier_call = mwg_inetaddr_event,
};

static struct notifier_block mwg_inet6addr_notifier = {
	.notifier_call = mwg_inet6addr_event,
};

/**
 * mwg_netdev_init() - Follow interface and address events.
 *
 * Description: The netdevice, IPv4 address and IPv6 address notifiers start,
 * stop and tear down VRs and BFD sessions as their links change.
 *
 * Context: Module init, process context, without RTNL.
 * Return: 0, or the error of a registration, with none left registered.
 */
int mwg_netdev_init(void)
{
	int err;

	WRITE_ONCE(mwg_netdev_live, true);
	err = register_netdevice_notifier(&mwg_netdev_notifier);
	if (err)
		return err;
	err = register_inetaddr_notifier(&mwg_inetaddr_notifier);
	if (err)
		goto err_netdev;
	err = register_inet6addr_notifier(&mwg_inet6addr_notifier);
	if (err)
		goto err_inetaddr;
	return 0;

err_inetaddr:
	unregister_inetaddr_notifier(&mwg_inetaddr_notifier);
err_netdev:
	unregister_netdevice_notifier(&mwg_netdev_notifier);
	return err;
}

/**
 * mwg_netdev_exit() - Stop following interface and address events.
 *
 * Description: Unregistering the netdevice notifier replays DOWN and UNREGISTER
 * for every device; the handlers ignore those, as they do every event from here
 * on, because module unload tears the VRs down itself, resigning and
 * withdrawing the VIPs.
 *
 * Context: Module exit or failed init, process context, without RTNL.
 */
void mwg_netdev_exit(void)
{
	WRITE_ONCE(mwg_netdev_live, false);
	unregister_inet6addr_notifier(&mwg_inet6addr_notifier);
	unregister_inetaddr_notifier(&mwg_inetaddr_notifier);
	unregister_netdevice_notifier(&mwg_netdev_notifier);
}
