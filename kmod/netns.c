// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state.  Everything the module keeps lives in a
 * struct mwg_net, so that several cluster nodes can run in one kernel and
 * containers get their own routers.
 */
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "bfd.h"
#include "vrrp.h"
#include "router.h"
#include "scanners.h"

unsigned int mwg_net_id __read_mostly;

/**
 * mwg_net() - The module's state of a network namespace.
 * @net: the namespace.
 *
 * Return: its &struct mwg_net.
 */
struct mwg_net *mwg_net(const struct net *net)
{
	return net_generic(net, mwg_net_id);
}

static int __net_init mwg_net_init(struct net *net)
{
	struct mwg_net *mn = mwg_net(net);

	mn->net = net;
	hash_init(mn->ifs);
	INIT_LIST_HEAD(&mn->groups);
	INIT_WORK(&mn->links_work, mwg_router_links_work);
	WRITE_ONCE(mn->alive, true);
	mwg_bfd_init_net(mn);
	return mwg_scanners_init_net(mn);
}

static void __net_exit mwg_net_exit(struct net *net)
{
	struct mwg_net *mn = mwg_net(net);

	mwg_bfd_exit_net(mn);
	mwg_scanners_exit_net(mn);
}

/*
 * The routers of a namespace go first, before anything else of the module
 * is torn down: these ops are registered last (mwg_netns_routers_init() at
 * the end of module init), so their exit runs first, both when a namespace
 * is dismantled (pernet exits run in reverse order of registration) and at
 * module unload (mwg_netns_routers_exit() at the start of module exit).
 * Every VR is then dead, its timers stopped and a master resigned with
 * priority 0 while adverts are still received: a backup cannot see its
 * master fall silent and take over during rmmod.  Device ops exit before
 * the namespace's devices go away, so masters can still speak on their
 * links.
 */
static void __net_exit mwg_net_routers_exit(struct net *net)
{
	mwg_router_destroy_all(mwg_net(net));
}

static struct pernet_operations mwg_net_routers_ops = {
	.exit = mwg_net_routers_exit,
};

static struct pernet_operations mwg_net_ops = {
	.init = mwg_net_init,
	.exit = mwg_net_exit,
	.id   = &mwg_net_id,
	.size = sizeof(struct mwg_net),
};

/**
 * mwg_netns_init() - Give every network namespace its &struct mwg_net.
 *
 * Description: Existing namespaces and new ones alike, each with an empty
 * scanner table and no BFD session.
 *
 * Context: Module init.
 * Return: 0, or the error of register_pernet_device().
 */
int mwg_netns_init(void)
{
	return register_pernet_device(&mwg_net_ops);
}

/**
 * mwg_netns_exit() - Take every namespace's &struct mwg_net away.
 *
 * Description: With the namespaces' BFD sessions and scanner tables.
 *
 * Context: Module exit or failed init, process context.
 */
void mwg_netns_exit(void)
{
	unregister_pernet_device(&mwg_net_ops);
}

/**
 * mwg_netns_routers_init() - Register the pernet exit that destroys the VRs.
 *
 * Description: Last at module init, so that this exit runs first when a
 * namespace is dismantled (see mwg_net_routers_exit()).
 *
 * Context: Module init.
 * Return: 0, or the error of register_pernet_device().
 */
int mwg_netns_routers_init(void)
{
	return register_pernet_device(&mwg_net_routers_ops);
}

/**
 * mwg_netns_routers_exit() - Destroy the VRs of every namespace.
 *
 * Description: First at module unload, while the rest of the module still
 * works: every VR is destroyed while adverts are still received, masters
 * resigning with priority 0 (see mwg_net_routers_exit()).
 *
 * Context: Module exit or failed init, process context.
 */
void mwg_netns_routers_exit(void)
{
	unregister_pernet_device(&mwg_net_routers_ops);
}
