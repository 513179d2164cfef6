// SPDX-License-Identifier: GPL-2.0
/*
 * mwg_vrrp: VRRPv3 (RFC 5798 / RFC 9568) in the kernel for web-gateway
 * director clusters.  Module init and exit only; each step of one undoes
 * the matching step of the other, in reverse order.
 */
/*
 * No "mwg_vrrp: " prefix here, unlike the module's other files: the load
 * and unload lines read "mwg_vrrp <version> loaded" and "mwg_vrrp
 * unloaded", without a colon, and selftests/module_dmesg.sh and operators
 * look for them as they are.  So this file's lines name the module
 * themselves.
 */
#define pr_fmt(fmt) fmt

#include <linux/module.h>
#include <linux/slab.h>

#include "log.h"
#include "netdev.h"
#include "netlink.h"
#include "receive.h"
#include "router.h"
#include "vrrp.h"

#ifdef MWG_TEST_LEAK
/*
 * Only in the copy "make check-debug" builds with -DMWG_TEST_LEAK: objects
 * leaked on purpose, which the lane's kmemleak scans must report, or the
 * lane fails (a scan that finds nothing proves nothing by itself). Several
 * objects, each marked: a stale copy of one pointer on a stack or in freed
 * memory can hide one object from kmemleak, not all of them. Not __init,
 * so that the report's backtraces still name this function once the init
 * text is freed.
 */
#define MWG_TEST_LEAK_OBJECTS	8
#define MWG_TEST_LEAK_SIZE	700

static noinline void mwg_test_leak(void)
{
	char *p;
	int i;

	for (i = 0; i < MWG_TEST_LEAK_OBJECTS; i++) {
		p = kzalloc(MWG_TEST_LEAK_SIZE, GFP_KERNEL);
		if (!p)
			break;
		snprintf(p, MWG_TEST_LEAK_SIZE, "MWG_TEST_LEAK canary %d", i);
	}
	pr_info("mwg_vrrp: MWG_TEST_LEAK build, %d objects leaked\n", i);
}
#endif

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
	mwg_test_leak();
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
	/* The state lines of the last VRs destroyed above. */
	mwg_log_exit();
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
