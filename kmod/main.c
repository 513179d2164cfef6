// SPDX-License-Identifier: GPL-2.0
/*
 * mwg_vrrp: VRRPv3 (RFC 5798 / RFC 9568) in the kernel for web-gateway
 * director clusters.  Module init and exit only; each step of one undoes
 * the matching step of the other, in reverse order.
 */
#include <linux/module.h>

#include "netdev.h"
#include "netlink.h"
#include "receive.h"
#include "router.h"
#include "vrrp.h"

static int __init mwg_init(void)
{
	int err;

	err = mwg_router_init();
	if (err)
		return err;
	err = mwg_netns_init();
	if (err)
		goto err_router;
	err = mwg_netdev_init();
	if (err)
		goto err_netns;
	err = mwg_receive_init();
	if (err)
		goto err_netdev;
	err = mwg_netlink_init();
	if (err)
		goto err_receive;
	/* Last in, first out: unload destroys every VR before the rest. */
	err = mwg_netns_routers_init();
	if (err)
		goto err_netlink;

#ifdef MWG_TEST_LEAK
	/*
	 * Only in the copy "make check-debug" builds with -DMWG_TEST_LEAK:
	 * one object leaked on purpose, which the lane's kmemleak scan must
	 * report, or the lane fails (a scan that finds nothing proves
	 * nothing by itself).
	 */
	pr_info("mwg_vrrp: MWG_TEST_LEAK build, leaking %p\n",
		kstrdup("mwg_vrrp MWG_TEST_LEAK", GFP_KERNEL));
#endif
	pr_info("mwg_vrrp " MWG_VRRP_MODULE_VERSION " loaded\n");
	return 0;

err_netlink:
	mwg_netlink_exit();
err_receive:
	mwg_receive_exit();
err_netdev:
	mwg_netdev_exit();
err_netns:
	mwg_netns_exit();
err_router:
	mwg_router_exit();
	return err;
}

static void __exit mwg_exit(void)
{
	mwg_netns_routers_exit();
	mwg_netlink_exit();
	mwg_receive_exit();
	mwg_netdev_exit();
	mwg_netns_exit();
	mwg_router_exit();
	/* call_rcu() callbacks of freed VRs must not outlive our text. */
	rcu_barrier();
	pr_info("mwg_vrrp unloaded\n");
}

module_init(mwg_init);
module_exit(mwg_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("In-kernel VRRPv3 for web-gateway director clusters");
MODULE_VERSION(MWG_VRRP_MODULE_VERSION);
MODULE_ALIAS_GENL_FAMILY(MWG_VRRP_GENL_NAME);
