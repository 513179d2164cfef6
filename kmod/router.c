// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual router lifetime: interfaces that carry VRs, creation, lookup,
 * reconfiguration and the two-phase destruction described in vrrp.h.
 */
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/addrconf.h>

#include "addr.h"
#include "af.h"
#include "arp.h"
#include "fsm.h"
#include "group.h"
#include "notify.h"
#include "router.h"
#include "rxfilter.h"
#include "sysfs.h"
#include "timers.h"

struct workqueue_struct *mwg_wq;

/* Defaults for new VRs; a request or a sysfs write overrides each. */
static unsigned int default_priority = 100;
module_param(default_priority, uint, 0644);
MODULE_PARM_DESC(default_priority, "Priority of a new VR (1-255)");

static unsigned int default_advert_interval_ms = 1000;
module_param(default_advert_interval_ms, uint, 0644);
MODULE_PARM_DESC(default_advert_interval_ms,
		 "Advertisement interval of a new VR in ms (10-40950)");

static bool default_preempt = true;
module_param(default_preempt, bool, 0644);
MODULE_PARM_DESC(default_preempt, "Preempt mode of a new VR");

static bool default_accept = true;
module_param(default_accept, bool, 0644);
MODULE_PARM_DESC(default_accept,
		 "Accept mode of a new VR: the master owns its VIPs locally");

static bool default_vmac = true;
module_param(default_vmac, bool, 0644);
MODULE_PARM_DESC(default_vmac,
		 "A new VR speaks from the virtual MAC (else the interface's own)");

static unsigned int default_garp_repeat = 2;
module_param(default_garp_repeat, uint, 0644);
MODULE_PARM_DESC(default_garp_repeat,
		 "Gratuitous ARPs sent after the first one on takeover");

static unsigned int default_garp_interval_ms = 500;
module_param(default_garp_interval_ms, uint, 0644);
MODULE_PARM_DESC(default_garp_interval_ms,
		 "Interval between repeated gratuitous ARPs in ms");

static unsigned int default_checksum = MWG_VRRP_CSUM_PSEUDO;
module_param(default_checksum, uint, 0644);
MODULE_PARM_DESC(default_checksum,
		 "VRRPv3 IPv4 checksum form: 0 pseudo-header, 1 RFC 9568");

/*
 * VRs per network namespace: anyone who may create a user namespace can
 * create VRs in a network namespace of their own, each with hrtimers that
 * fire every 10 ms at best; the cap bounds what one namespace can ask of
 * the machine. Its memory is charged to the creator's cgroup as well.
 */
static unsigned int max_vrs_per_netns = 1024;
module_param(max_vrs_per_netns, uint, 0644);
MODULE_PARM_DESC(max_vrs_per_netns,
		 "VRs one network namespace may hold (VR_NEW beyond: ENOSPC)");

static u32 mwg_if_hash(int ifindex)
{
	return hash_32((u32)ifindex, MWG_IF_HASH_BITS);
}

/**
 * mwg_if_find_rcu() - The module's state of an interface.
 * @dev: the interface.
 *
 * Context: RCU read side.
 * Return: the &struct mwg_if of @dev, or NULL when @dev has no VR.
 */
struct mwg_if *mwg_if_find_rcu(const struct net_device *dev)
{
	struct mwg_net *mn = mwg_net(dev_net(dev));
	struct mwg_if *mif;

	hlist_for_each_entry_rcu(mif, &mn->ifs[mwg_if_hash(dev->ifindex)], node)
		if (mif->dev == dev)
			return mif;
	return NULL;
}

/**
 * mwg_if_find_rtnl() - The module's state of an interface, for configuration.
 * @dev: the interface.
 *
 * Context: RTNL held.
 * Return: the &struct mwg_if of @dev, or NULL when @dev has no VR.
 */
struct mwg_if *mwg_if_find_rtnl(const struct net_device *dev)
{
	struct mwg_net *mn = mwg_net(dev_net(dev));
	struct mwg_if *mif;

	ASSERT_RTNL();
	hlist_for_each_entry(mif, &mn->ifs[mwg_if_hash(dev->ifindex)], node)
		if (mif->dev == dev)
			return mif;
	return NULL;
}

/**
 * mwg_vr_lookup_rcu() - The VR of a family and VRID on an interface.
 * @mif: the interface.
 * @family: AF_INET or AF_INET6.
 * @vrid: the VRID.
 *
 * Context: RCU read side.
 * Return: the VR, or NULL.  It may be dead: its lock tells.
 */
struct mwg_vr *mwg_vr_lookup_rcu(const struct mwg_if *mif, u8 family, u8 vrid)
{
	return rcu_dereference(mif->vrs[mwg_family_index(family)][vrid]);
}

/**
 * mwg_vr_has_vip() - Whether an address is one of the VR's VIPs.
 * @vr: the VR.
 * @addr: 4 or 16 bytes, as the VR's family.
 *
 * Context: RCU read side, or RTNL held.
 * Return: true when it is.
 */
bool mwg_vr_has_vip(const struct mwg_vr *vr, const void *addr)
{
	const struct mwg_vip_list *vips = rcu_dereference_check(vr->vips,
						lockdep_rtnl_is_held());
	unsigned int i, alen = mwg_addr_len(vr->family);

	for (i = 0; i < vips->count; i++)
		if (!memcmp(vips->vip[i].addr.raw, addr, alen))
			return true;
	return false;
}

/**
 * mwg_vr_by_vip_rcu() - The VR on an interface that has an address as VIP.
 * @mif: the interface.
 * @family: AF_INET or AF_INET6.
 * @addr: 4 or 16 bytes, as @family.
 *
 * For the ARP and neighbour discovery hooks, which tell per packet whose
 * VIP it is about.
 *
 * Context: RCU read side.
 * Return: the first such VR, or NULL.
 */
struct mwg_vr *mwg_vr_by_vip_rcu(const struct mwg_if *mif, u8 family,
				 const void *addr)
{
	struct mwg_vr *vr;

	hlist_for_each_entry_rcu(vr, &mif->vr_list, if_node)
		if (vr->family == family && mwg_vr_has_vip(vr, addr))
			return vr;
	return NULL;
}

/**
 * mwg_vr_find_rtnl() - The VR a request names.
 * @net: the namespace.
 * @ifindex: the VR's interface.
 * @family: AF_INET or AF_INET6.
 * @vrid: the VRID.
 *
 * Context: RTNL held.
 * Return: the VR, or NULL when the interface or the VR does not exist.
 */
struct mwg_vr *mwg_vr_find_rtnl(struct net *net, int ifindex, u8 family,
				u8 vrid)
{
	struct net_device *dev = __dev_get_by_index(net, ifindex);
	struct mwg_if *mif;

	if (!dev)
		return NULL;
	mif = mwg_if_find_rtnl(dev);
	if (!mif)
		return NULL;
	return rtnl_dereference(mif->vrs[mwg_family_index(family)][vrid]);
}

static struct mwg_if *mwg_if_create(struct net_device *dev,
				    struct netlink_ext_ack *extack)
{
	struct mwg_net *mn = mwg_net(dev_net(dev));
	struct mwg_if *mif;
	int err;

	mif = kzalloc(sizeof(*mif), GFP_KERNEL_ACCOUNT);
	if (!mif)
		return ERR_PTR(-ENOMEM);
	mif->mn = mn;
	mif->dev = dev;
	INIT_HLIST_HEAD(&mif->vr_list);

	mif->kobj = kobject_create_and_add("mwg_vrrp", &dev->dev.kobj);
	if (!mif->kobj) {
		err = -ENOMEM;
		goto err_free;
	}
	err = mwg_arp_hooks_register(mif);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot hook the interface's ARP and ingress paths");
		goto err_kobj;
	}
	netdev_hold(dev, &mif->dev_tracker, GFP_KERNEL);
	hlist_add_head_rcu(&mif->node, &mn->ifs[mwg_if_hash(dev->ifindex)]);
	return mif;

err_kobj:
	kobject_put(mif->kobj);
err_free:
	kfree(mif);
	return ERR_PTR(err);
}

static void mwg_if_free_rcu(struct rcu_head *head)
{
	struct mwg_if *mif = container_of(head, struct mwg_if, rcu);

	netdev_put(mif->dev, &mif->dev_tracker);
	kfree(mif);
}

static void mwg_if_destroy(struct mwg_if *mif)
{
	hlist_del_rcu(&mif->node);
	mwg_arp_hooks_unregister(mif);
	kobject_put(mif->kobj);
	call_rcu(&mif->rcu, mwg_if_free_rcu);
}

/**
 * mwg_vr_default_config() - Fill in the configuration of a new VR.
 * @cfg: the configuration.
 *
 * VRRPv3 and the default_* module parameters, which a request or a sysfs
 * write overrides; everything else zero: no tracking, no unicast peers, no
 * allow list.
 */
void mwg_vr_default_config(struct mwg_vr_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->priority = clamp_t(unsigned int, default_priority, 1, 255);
	cfg->version = 3;
	cfg->checksum = default_checksum ? MWG_VRRP_CSUM_RFC9568 :
					   MWG_VRRP_CSUM_PSEUDO;
	cfg->preempt = default_preempt;
	cfg->accept = default_accept;
	cfg->vmac = default_vmac;
	cfg->advert_interval_ms = default_advert_interval_ms;
	cfg->garp_repeat = default_garp_repeat;
	cfg->garp_interval_ms = default_garp_interval_ms;
}

/**
 * mwg_vr_config_validate() - Check a VR configuration as a whole.
 * @cfg: the configuration.
 * @family: the VR's family (VRRPv2 is IPv4 only).
 * @extack: where a refusal is explained; NULL from sysfs.
 *
 * What no netlink policy can check alone: ranges that depend on the
 * version (10-40950 ms in steps of 10 for v3, 1-255 whole seconds for v2),
 * and values from the module parameters or a sysfs write, which no policy
 * has seen.
 *
 * Return: 0, or -EINVAL with a message in @extack.
 */
int mwg_vr_config_validate(const struct mwg_vr_config *cfg, u8 family,
			   struct netlink_ext_ack *extack)
{
	u32 ms = cfg->advert_interval_ms;

	if (cfg->priority < 1) {
		NL_SET_ERR_MSG_MOD(extack, "priority must be 1-255");
		return -EINVAL;
	}
	if (cfg->version != 2 && cfg->version != 3) {
		NL_SET_ERR_MSG_MOD(extack, "version must be 2 or 3");
		return -EINVAL;
	}
	if (cfg->version == 2 && family != AF_INET) {
		NL_SET_ERR_MSG_MOD(extack, "VRRPv2 is IPv4 only");
		return -EINVAL;
	}
	if (cfg->version == 3 &&
	    (ms < MWG_VRRP_ADVERT_MS_MIN || ms > MWG_VRRP_ADVERT_MS_MAX ||
	     ms % 10)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "advert interval must be 10-40950 ms, a multiple of 10");
		return -EINVAL;
	}
	if (cfg->version == 2 &&
	    (ms < 1000 || ms > MWG_VRRP_V2_ADVERT_MS_MAX || ms % 1000)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "VRRPv2 advert interval must be whole seconds, 1-255 s");
		return -EINVAL;
	}
	if (cfg->checksum > MWG_VRRP_CSUM_RFC9568) {
		NL_SET_ERR_MSG_MOD(extack, "unknown checksum form");
		return -EINVAL;
	}
	if (cfg->preempt_delay_ms > MWG_VRRP_PREEMPT_DELAY_MS_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "preempt delay above one hour");
		return -EINVAL;
	}
	if (cfg->garp_repeat > MWG_VRRP_GARP_REPEAT_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "garp repeat above 100");
		return -EINVAL;
	}
	if (cfg->garp_interval_ms < MWG_VRRP_GARP_INTERVAL_MS_MIN ||
	    cfg->garp_interval_ms > MWG_VRRP_GARP_INTERVAL_MS_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "garp interval must be 1-60000 ms");
		return -EINVAL;
	}
	if (cfg->garp_refresh_s > MWG_VRRP_GARP_REFRESH_S_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "garp refresh above one day");
		return -EINVAL;
	}
	if (cfg->track_scanners > MWG_VRRP_SCANNERS_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "track-scanners above the table size");
		return -EINVAL;
	}
	return 0;
}

/**
 * mwg_vip_list_alloc() - Allocate a zeroed VIP list.
 * @count: the number of VIPs.
 * @gfp: allocation flags.
 *
 * Return: the list, its count set, or NULL.
 */
struct mwg_vip_list *mwg_vip_list_alloc(unsigned int count, gfp_t gfp)
{
	struct mwg_vip_list *vips;

	vips = kzalloc(struct_size(vips, vip, count), gfp);
	if (vips)
		vips->count = count;
	return vips;
}

static bool mwg_vip_usable(const struct mwg_vip *vip, u8 family)
{
	if (family == AF_INET)
		return vip->prefixlen <= 32 &&
		       !ipv4_is_zeronet(vip->addr.v4) &&
		       !ipv4_is_multicast(vip->addr.v4) &&
		       !ipv4_is_lbcast(vip->addr.v4) &&
		       !ipv4_is_loopback(vip->addr.v4);
	return vip->prefixlen <= 128 &&
	       !ipv6_addr_any(&vip->addr.v6) &&
	       !ipv6_addr_is_multicast(&vip->addr.v6) &&
	       !ipv6_addr_loopback(&vip->addr.v6);
}

/**
 * mwg_vip_list_validate() - Check a VR's VIP list.
 * @vips: the list.
 * @family: the VR's family.
 * @extack: where a refusal is explained.
 *
 * One to MWG_VRRP_MAX_VIPS distinct usable unicast addresses (not zero,
 * multicast, broadcast or loopback), each with a prefix length the family
 * allows; an IPv6 list begins with a link-local address, which RFC 5798
 * 5.2.9 wants first in the advert.
 *
 * Return: 0, or -EINVAL with a message in @extack.
 */
int mwg_vip_list_validate(const struct mwg_vip_list *vips, u8 family,
			  struct netlink_ext_ack *extack)
{
	unsigned int i, j, alen = mwg_addr_len(family);

	if (!vips->count) {
		NL_SET_ERR_MSG_MOD(extack, "at least one virtual IP is required");
		return -EINVAL;
	}
	if (vips->count > MWG_VRRP_MAX_VIPS) {
		NL_SET_ERR_MSG_MOD(extack, "too many virtual IPs (max 32)");
		return -EINVAL;
	}
	/* RFC 5798 5.2.9: an IPv6 advert lists the link-local VIP first. */
	if (family == AF_INET6 &&
	    !(ipv6_addr_type(&vips->vip[0].addr.v6) & IPV6_ADDR_LINKLOCAL)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the first IPv6 virtual IP must be link-local");
		return -EINVAL;
	}
	for (i = 0; i < vips->count; i++) {
		if (!mwg_vip_usable(&vips->vip[i], family)) {
			NL_SET_ERR_MSG_MOD(extack,
					   "virtual IP is not a usable unicast address");
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			if (!memcmp(vips->vip[i].addr.raw, vips->vip[j].addr.raw,
				    alen)) {
				NL_SET_ERR_MSG_MOD(extack, "duplicate virtual IP");
				return -EINVAL;
			}
		}
	}
	return 0;
}

/**
 * mwg_vr_effective_priority() - The priority the VR advertises and decides by.
 * @vr: the VR.
 * @live_scanners: the namespace's live scanners now.
 *
 * The configured priority, less the track weight while fewer than
 * track_scanners scanners are live, less the tracked interface's weight
 * while it is down, less what the daemon's tracked objects demote; 1 at
 * least.  The address owner keeps 255: it holds the VIPs as its own.
 *
 * Context: &mwg_vr.lock held, or the VR not yet published.
 * Return: the effective priority, 1-255.
 */
u8 mwg_vr_effective_priority(const struct mwg_vr *vr, u32 live_scanners)
{
	const struct mwg_vr_config *cfg = &vr->cfg;
	int prio = cfg->priority;

	/* The address owner keeps 255: it holds the VIPs as its own. */
	if (cfg->priority == MWG_VRRP_PRIO_OWNER)
		return cfg->priority;
	if (cfg->track_scanners && live_scanners < cfg->track_scanners)
		prio -= cfg->track_weight;
	if (vr->track_if_down)
		prio -= cfg->track_if_weight;
	prio -= vr->tracked_demote;
	return max(prio, 1);
}

static void mwg_vr_free_rcu(struct rcu_head *head)
{
	struct mwg_vr *vr = container_of(head, struct mwg_vr, rcu);

	kfree(rcu_dereference_protected(vr->vips, true));
	kfree(rcu_dereference_protected(vr->tracked, true));
	netdev_put(vr->dev, &vr->dev_tracker);
	kfree(vr);
}

/**
 * mwg_vr_release() - Free a VR once its last reference went.
 * @kobj: &mwg_vr.kobj.
 *
 * The release of the VR's kobject.  Readers may still see the VR under
 * RCU, so its memory, its VIP and tracked lists and its device reference go
 * after a grace period.
 */
void mwg_vr_release(struct kobject *kobj)
{
	struct mwg_vr *vr = container_of(kobj, struct mwg_vr, kobj);

	mutex_destroy(&vr->addr_mutex);
	call_rcu(&vr->rcu, mwg_vr_free_rcu);
}

static void mwg_vr_finish_work(struct work_struct *work)
{
	mwg_vr_finish(container_of(work, struct mwg_vr, finish_work));
}

static bool mwg_dev_usable(struct net_device *dev, u8 family,
			   struct netlink_ext_ack *extack)
{
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN ||
	    (dev->flags & IFF_LOOPBACK)) {
		NL_SET_ERR_MSG_MOD(extack, "interface is not an Ethernet device");
		return false;
	}
	if (family == AF_INET && !__in_dev_get_rtnl(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "interface has IPv4 disabled");
		return false;
	}
	if (family == AF_INET6 && !__in6_dev_get(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "interface has IPv6 disabled");
		return false;
	}
	return true;
}

/**
 * mwg_vr_create() - Create, publish and start a VR.
 * @dev: the interface.
 * @family: AF_INET or AF_INET6.
 * @vrid: the VRID.
 * @cfg: a configuration mwg_vr_config_validate() accepted.
 * @vips: a list mwg_vip_list_validate() accepted; taken, also on failure.
 * @extack: where a refusal is explained.
 *
 * The interface, an Ethernet device with @family enabled, gets its
 * &struct mwg_if and hooks with its first VR.  The VR gets its sysfs
 * directory, joins the VRRP group, binds the receive filter, is published,
 * takes back a place a sync group kept for it and starts as its link
 * allows.
 *
 * Context: RTNL held; process context.
 * Return: 0; -ENOSPC beyond max_vrs_per_netns, -EAFNOSUPPORT, -EINVAL for
 * an unusable interface, -ENODEV while the namespace or module goes away,
 * -EEXIST for a VRID in use on @dev, or the error of a step that failed.
 */
int mwg_vr_create(struct net_device *dev, u8 family, u8 vrid,
		  const struct mwg_vr_config *cfg, struct mwg_vip_list *vips,
		  struct netlink_ext_ack *extack)
{
	const struct mwg_af_ops *af = mwg_af_get(family);
	struct mwg_net *mn = mwg_net(dev_net(dev));
	struct mwg_if *mif;
	struct mwg_vr *vr;
	bool new_if = false;
	int err;

	ASSERT_RTNL();
	err = -ENOSPC;
	if (mn->nr_vrs >= READ_ONCE(max_vrs_per_netns)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the namespace holds max_vrs_per_netns VRs already");
		goto err_vips;
	}
	err = -EAFNOSUPPORT;
	if (!af) {
		NL_SET_ERR_MSG_MOD(extack, "address family not supported");
		goto err_vips;
	}
	err = -EINVAL;
	if (!mwg_dev_usable(dev, family, extack))
		goto err_vips;
	/* Set before mwg_router_destroy_all() takes RTNL: none come after. */
	err = -ENODEV;
	if (!READ_ONCE(mwg_net(dev_net(dev))->alive)) {
		NL_SET_ERR_MSG_MOD(extack, "the module or namespace is going away");
		goto err_vips;
	}

	mif = mwg_if_find_rtnl(dev);
	if (mif && rtnl_dereference(mif->vrs[mwg_family_index(family)][vrid])) {
		NL_SET_ERR_MSG_MOD(extack, "this VRID already exists on the interface");
		err = -EEXIST;
		goto err_vips;
	}
	if (!mif) {
		mif = mwg_if_create(dev, extack);
		if (IS_ERR(mif)) {
			err = PTR_ERR(mif);
			goto err_vips;
		}
		new_if = true;
	}

	vr = kzalloc(sizeof(*vr), GFP_KERNEL_ACCOUNT);
	if (!vr) {
		err = -ENOMEM;
		goto err_if;
	}
	vr->mif = mif;
	vr->dev = dev;
	vr->af = af;
	vr->vrid = vrid;
	vr->family = family;
	vr->vmac[0] = 0x00;
	vr->vmac[1] = 0x00;
	vr->vmac[2] = 0x5e;
	vr->vmac[3] = 0x00;
	vr->vmac[4] = af->vmac_prefix;
	vr->vmac[5] = vrid;
	spin_lock_init(&vr->lock);
	vr->state = MWG_VRRP_STATE_INIT;
	vr->changed_at = ktime_get();
	vr->cfg = *cfg;
	vr->eff_prio = mwg_vr_effective_priority(vr, mif->mn->live_scanners);
	RCU_INIT_POINTER(vr->vips, vips);
	mutex_init(&vr->addr_mutex);
	INIT_WORK(&vr->addr_work, mwg_addr_work);
	INIT_WORK(&vr->finish_work, mwg_vr_finish_work);
	INIT_LIST_HEAD(&vr->gc_node);
	mwg_timers_init(vr);
	netdev_hold(dev, &vr->dev_tracker, GFP_KERNEL);

	/* From here on the kobject owns vr and its VIPs. */
	err = mwg_sysfs_vr_add(vr);
	if (err)
		goto err_put;
	err = af->join(dev);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot join the VRRP multicast group");
		kobject_del(&vr->kobj);
		goto err_put;
	}
	err = mwg_rxfilter_bind(vr);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack,
				   "cannot add the virtual MAC or the VIPs' groups to the interface's filter");
		af->leave(dev);
		kobject_del(&vr->kobj);
		goto err_put;
	}

	rcu_assign_pointer(mif->vrs[mwg_family_index(family)][vrid], vr);
	hlist_add_head_rcu(&vr->if_node, &mif->vr_list);
	mif->nr_vrs++;
	mn->nr_vrs++;
	mwg_group_vr_added(vr);
	mwg_vr_link_changed(vr);
	return 0;

err_put:
	mwg_vr_put(vr);		/* frees the VIPs with the VR */
	vips = NULL;
err_if:
	if (new_if)
		mwg_if_destroy(mif);
err_vips:
	kfree(vips);
	return err;
}

/* Install @tracked (vr->lock held) and return the list it replaces. */
static struct mwg_tracked_list *
mwg_vr_set_tracked(struct mwg_vr *vr, struct mwg_tracked_list *tracked)
{
	struct mwg_tracked_list *old;
	unsigned int i, demote = 0;
	bool fault = false;

	for (i = 0; i < tracked->count; i++) {
		demote += tracked->obj[i].demote;
		fault |= tracked->obj[i].fault;
	}
	vr->tracked_demote = min(demote, 255U);
	vr->tracked_fault = fault;
	old = rcu_dereference_protected(vr->tracked,
					lockdep_is_held(&vr->lock));
	rcu_assign_pointer(vr->tracked, tracked);
	return old;
}

/**
 * mwg_vr_reconfigure() - Apply a new configuration to a VR.
 * @vr: the VR.
 * @cfg: a configuration mwg_vr_config_validate() accepted.
 * @vips: a new VIP list, or NULL to keep the VR's; taken, also on failure.
 * @tracked: a new list of tracked objects, or NULL to keep the VR's;
 *           taken, also on failure.
 *
 * Only the receive filter's part can fail (the VIPs' solicited-node
 * groups, the virtual MAC's entry), and it comes first, so a failure
 * changes nothing.  A change of ownership (priority 255 or not) or of
 * version restarts the VR from Initialize; a master applies any other
 * change at once (mwg_fsm_config_changed()).  The lists replaced are freed
 * after a grace period.
 *
 * Context: RTNL held; process context.
 * Return: 0, or the receive filter's error.
 */
int mwg_vr_reconfigure(struct mwg_vr *vr, const struct mwg_vr_config *cfg,
		       struct mwg_vip_list *vips,
		       struct mwg_tracked_list *tracked)
{
	struct mwg_tracked_list *old_tracked = NULL;
	struct mwg_vip_list *old = NULL;
	struct mwg_vr_config old_cfg;
	bool restart, vmac_on, vmac_off;
	int err;

	ASSERT_RTNL();
	/*
	 * The new VIPs' groups before they are used, the old ones' after;
	 * the same for the virtual MAC's filter entry.
	 */
	if (vips) {
		err = mwg_rxfilter_vips_join(vr->dev, vr->family, vips);
		if (err)
			goto err_free;
	}
	vmac_on = cfg->vmac && !vr->cfg.vmac;
	vmac_off = !cfg->vmac && vr->cfg.vmac;
	if (vmac_on) {
		err = mwg_rxfilter_vmac_add(vr);
		if (err)
			goto err_leave;
	}
	spin_lock_bh(&vr->lock);
	/* Ownership and version change what the VR is: start it afresh. */
	restart = (cfg->priority == MWG_VRRP_PRIO_OWNER) !=
		  (vr->cfg.priority == MWG_VRRP_PRIO_OWNER) ||
		  cfg->version != vr->cfg.version;
	if (restart)
		mwg_fsm_shutdown(vr, MWG_VRRP_REASON_RECONFIGURED);
	old_cfg = vr->cfg;
	vr->cfg = *cfg;
	if (tracked)
		old_tracked = mwg_vr_set_tracked(vr, tracked);
	vr->eff_prio = mwg_vr_effective_priority(vr, vr->mif->mn->live_scanners);
	if (vips) {
		old = rcu_dereference_protected(vr->vips, true);
		rcu_assign_pointer(vr->vips, vips);
	}
	if (restart)
		mwg_fsm_startup(vr);
	else
		mwg_fsm_config_changed(vr, &old_cfg, !!vips);
	mwg_group_unlock_bh(vr);
	if (old) {
		mwg_rxfilter_vips_leave(vr->dev, vr->family, old);
		kfree_rcu(old, rcu);
	}
	if (old_tracked)
		kfree_rcu(old_tracked, rcu);
	if (vmac_off)
		mwg_rxfilter_vmac_del(vr);
	/* Another tracked interface or weight: what they allow now. */
	mwg_vr_link_changed(vr);
	return 0;

err_leave:
	if (vips)
		mwg_rxfilter_vips_leave(vr->dev, vr->family, vips);
err_free:
	kfree(vips);
	kfree(tracked);
	return err;
}

/* Whether the VR can speak VRRP on its link right now. */
static bool mwg_vr_link_ok(const struct mwg_vr *vr)
{
	union mwg_addr addr;
	bool ok;

	if (!netif_running(vr->dev) || !netif_carrier_ok(vr->dev))
		return false;
	rcu_read_lock();
	ok = vr->af->primary_addr(vr, &addr);
	rcu_read_unlock();
	return ok;
}

/*
 * The interface the VR tracks, if any, is up.  RTNL held, which is what
 * keeps cfg.track_ifindex still here (it changes under RTNL too).
 */
static bool mwg_vr_track_if_ok(const struct mwg_vr *vr)
{
	u32 ifindex = vr->cfg.track_ifindex;
	struct net_device *dev;

	ASSERT_RTNL();
	if (!ifindex)
		return true;
	dev = __dev_get_by_index(dev_net(vr->dev), ifindex);
	return dev && netif_running(dev) && netif_carrier_ok(dev);
}

/**
 * mwg_vr_link_changed() - Re-evaluate what the VR's links allow.
 * @vr: the VR.
 *
 * The VR runs while its own link is up, has carrier and a primary address.
 * A tracked interface with a weight lowers the effective priority while it
 * is down; one without holds the VR in Initialize, and a master there
 * resigns with priority 0 first: its own link still carries the advert.  A
 * fault of an object the daemon tracks does the same.  A dead VR stays as
 * it is.
 *
 * Context: RTNL held, which keeps cfg.track_ifindex still; process context.
 * Takes &mwg_vr.lock.
 */
void mwg_vr_link_changed(struct mwg_vr *vr)
{
	bool link = mwg_vr_link_ok(vr);
	bool track = mwg_vr_track_if_ok(vr);
	bool ok;
	u8 prio;

	spin_lock_bh(&vr->lock);
	if (vr->dead)
		goto out;
	if (vr->track_if_down == track) {
		vr->track_if_down = !track;
		prio = mwg_vr_effective_priority(vr, vr->mif->mn->live_scanners);
		if (prio != vr->eff_prio) {
			vr->eff_prio = prio;
			mwg_fsm_config_changed(vr, NULL, false);
		}
	}
	ok = link && (track || vr->cfg.track_if_weight) && !vr->tracked_fault;
	if (ok == vr->running)
		goto out;
	if (ok) {
		vr->running = true;
		mwg_fsm_startup(vr);
	} else if (link) {
		mwg_fsm_shutdown(vr, vr->tracked_fault ? MWG_VRRP_REASON_TRACKED :
						       MWG_VRRP_REASON_TRACK_IF);
		vr->running = false;
	} else {
		vr->running = false;
		mwg_fsm_shutdown(vr, MWG_VRRP_REASON_LINK_DOWN);
	}
out:
	mwg_group_unlock_bh(vr);
}

/**
 * mwg_router_dev_changed() - An interface's state or addresses changed.
 * @dev: the interface.
 *
 * Each VR on @dev re-evaluates whether it can run (mwg_vr_link_changed()).
 *
 * Context: RTNL held (netdevice and IPv4 address notifiers, the links
 * work).
 */
void mwg_router_dev_changed(struct net_device *dev)
{
	struct mwg_if *mif = mwg_if_find_rtnl(dev);
	struct mwg_vr *vr;

	if (!mif)
		return;
	hlist_for_each_entry(vr, &mif->vr_list, if_node)
		mwg_vr_link_changed(vr);
}

/**
 * mwg_router_tracked_changed() - An interface VRs may track changed state.
 * @dev: the interface.
 *
 * The namespace's VRs that track @dev re-evaluate (mwg_vr_link_changed()).
 * Also called once @dev, being unregistered, is no longer listed: they find
 * it gone, so down.
 *
 * Context: RTNL held.
 */
void mwg_router_tracked_changed(struct net_device *dev)
{
	struct mwg_net *mn = mwg_net(dev_net(dev));
	struct mwg_if *mif;
	struct mwg_vr *vr;
	unsigned int bkt;

	ASSERT_RTNL();
	hash_for_each(mn->ifs, bkt, mif, node)
		hlist_for_each_entry(vr, &mif->vr_list, if_node)
			if (vr->cfg.track_ifindex == dev->ifindex)
				mwg_vr_link_changed(vr);
}

/**
 * mwg_router_links_work() - Re-check every link of a namespace.
 * @work: &mwg_net.links_work.
 *
 * The deferred half of mwg_router_links_changed().
 *
 * Context: Process context on mwg_wq.  Takes RTNL.
 */
void mwg_router_links_work(struct work_struct *work)
{
	struct mwg_net *mn = container_of(work, struct mwg_net, links_work);
	struct mwg_if *mif;
	unsigned int bkt;

	rtnl_lock();
	hash_for_each(mn->ifs, bkt, mif, node)
		mwg_router_dev_changed(mif->dev);
	rtnl_unlock();
}

/**
 * mwg_router_links_changed() - A link's addresses changed out of RTNL's reach.
 * @net: the namespace.
 *
 * IPv6 address events come on an atomic chain, also from softirq and
 * without RTNL: the namespace's links are re-checked from a work item
 * (mwg_router_links_work()).  Nothing is queued once the namespace's
 * routers are being destroyed.
 *
 * Context: Any context.
 */
void mwg_router_links_changed(struct net *net)
{
	struct mwg_net *mn = mwg_net(net);

	if (READ_ONCE(mn->alive))
		queue_work(mwg_wq, &mn->links_work);
}

/**
 * mwg_router_dev_going_down() - An interface is about to go down.
 * @dev: the interface, still up.
 *
 * Each VR on it shuts down while its link can still carry a master's
 * priority-0 advert, so that a backup takes over after Skew_Time.
 *
 * Context: RTNL held (NETDEV_GOING_DOWN).
 */
void mwg_router_dev_going_down(struct net_device *dev)
{
	struct mwg_if *mif = mwg_if_find_rtnl(dev);
	struct mwg_vr *vr;

	if (!mif)
		return;
	hlist_for_each_entry(vr, &mif->vr_list, if_node) {
		spin_lock_bh(&vr->lock);
		mwg_fsm_shutdown(vr, MWG_VRRP_REASON_LINK_DOWN);
		vr->running = false;
		mwg_group_unlock_bh(vr);
	}
}

/**
 * mwg_router_scanners_changed() - The number of live scanners changed.
 * @mn: the namespace, its live_scanners updated.
 *
 * Each VR recomputes its effective priority; a master whose priority moved
 * advertises it at once.
 *
 * Context: RTNL held.  Takes each VR's lock in turn.
 */
void mwg_router_scanners_changed(struct mwg_net *mn)
{
	struct mwg_if *mif;
	struct mwg_vr *vr;
	unsigned int bkt;

	ASSERT_RTNL();
	hash_for_each(mn->ifs, bkt, mif, node) {
		hlist_for_each_entry(vr, &mif->vr_list, if_node) {
			spin_lock_bh(&vr->lock);
			u8 prio = mwg_vr_effective_priority(vr,
							    mn->live_scanners);

			if (prio != vr->eff_prio) {
				vr->eff_prio = prio;
				mwg_fsm_config_changed(vr, NULL, false);
			}
			spin_unlock_bh(&vr->lock);
		}
	}
}

/**
 * mwg_router_bfd_down() - A BFD session went Down: tell the VRs on its link.
 * @dev: the session's interface.
 * @family: the session's family.
 * @peer: its peer.
 *
 * Each VR of @family on @dev decides under its own lock whether @peer was
 * its master (mwg_fsm_bfd_down()).
 *
 * Context: Softirq, RCU read side; no BFD session lock held, as a VR's lock
 * never nests with one.
 */
void mwg_router_bfd_down(struct net_device *dev, u8 family,
			 const union mwg_addr *peer)
{
	struct mwg_if *mif = mwg_if_find_rcu(dev);
	struct mwg_vr *vr;

	if (!mif)
		return;
	hlist_for_each_entry_rcu(vr, &mif->vr_list, if_node) {
		if (vr->family != family)
			continue;
		spin_lock(&vr->lock);
		mwg_fsm_bfd_down(vr, peer);
		mwg_group_unlock(vr);
	}
}

/**
 * mwg_vr_unlink() - The first half of a VR's destruction.
 * @vr: the VR.
 * @dev_gone: its device is being unregistered: it can send nothing more,
 *            and its addresses go with it.
 *
 * Shuts the VR down (a master resigns with priority 0 while its link can
 * carry the advert), marks it dead so that no timer is armed again,
 * empties its sync group place, leaves the VRRP group, unbinds the receive
 * filter after that last advert, unpublishes the VR and removes its sysfs
 * directory.  The interface's state goes with its last VR.
 * mwg_vr_finish() does the rest, out of RTNL.
 *
 * Context: RTNL held; process context.
 */
void mwg_vr_unlink(struct mwg_vr *vr, bool dev_gone)
{
	struct mwg_if *mif = vr->mif;

	ASSERT_RTNL();
	spin_lock_bh(&vr->lock);
	vr->dev_gone = dev_gone;
	if (dev_gone)
		vr->running = false;
	mwg_fsm_shutdown(vr, MWG_VRRP_REASON_SHUTDOWN);
	vr->dead = true;
	mwg_group_unlock_bh(vr);
	mwg_group_vr_removed(vr);

	vr->af->leave(vr->dev);
	/* After the priority-0 advert above: see rxfilter.c. */
	mwg_rxfilter_unbind(vr);
	RCU_INIT_POINTER(mif->vrs[mwg_family_index(vr->family)][vr->vrid],
			 NULL);
	hlist_del_rcu(&vr->if_node);
	kobject_del(&vr->kobj);
	mif->mn->nr_vrs--;
	if (--mif->nr_vrs == 0)
		mwg_if_destroy(mif);
}

/**
 * mwg_vr_finish() - The second half of a VR's destruction.
 * @vr: a VR mwg_vr_unlink() unlinked.
 *
 * Cancels its timers and address work, withdraws the VIP addresses it
 * added and drops the reference its creation took; the last reference
 * frees it (mwg_vr_release()).
 *
 * Context: Process context, may sleep; without RTNL, since withdrawing the
 * addresses talks rtnetlink.
 */
void mwg_vr_finish(struct mwg_vr *vr)
{
	might_sleep();
	mwg_timers_cancel_sync(vr);
	cancel_work_sync(&vr->addr_work);
	mwg_addr_withdraw_all(vr);
	mwg_vr_put(vr);
}

/**
 * mwg_router_dev_gone() - An interface is being unregistered.
 * @dev: the interface.
 *
 * Its VRs are unlinked now and finished from mwg_wq, out of RTNL.
 *
 * Context: RTNL held (NETDEV_UNREGISTER).
 */
void mwg_router_dev_gone(struct net_device *dev)
{
	struct mwg_if *mif = mwg_if_find_rtnl(dev);
	struct hlist_node *tmp;
	struct mwg_vr *vr;

	if (!mif)
		return;
	/* mif goes away with its last VR: iterate safely. */
	hlist_for_each_entry_safe(vr, tmp, &mif->vr_list, if_node) {
		mwg_vr_unlink(vr, true);
		queue_work(mwg_wq, &vr->finish_work);
	}
}

/**
 * mwg_router_destroy_all() - Destroy every VR and sync group of a namespace.
 * @mn: the namespace.
 *
 * At namespace exit and module unload, before anything else of the module
 * goes.  The namespace is marked dying first, so that no VR is created and
 * no links work queued after that; then every VR is unlinked under RTNL
 * (masters resign), the groups deleted, and every VR finished out of RTNL.
 *
 * Context: Process context, may sleep, without RTNL: takes it.
 */
void mwg_router_destroy_all(struct mwg_net *mn)
{
	struct hlist_node *tmp, *vtmp;
	struct mwg_vr *vr, *next;
	struct mwg_if *mif;
	unsigned int bkt;
	LIST_HEAD(gc);

	/* The atomic notifier runs under RCU: after a grace period none
	 * can queue the work any more.
	 */
	WRITE_ONCE(mn->alive, false);
	synchronize_rcu();
	cancel_work_sync(&mn->links_work);

	rtnl_lock();
	hash_for_each_safe(mn->ifs, bkt, tmp, mif, node) {
		hlist_for_each_entry_safe(vr, vtmp, &mif->vr_list, if_node) {
			mwg_vr_unlink(vr, false);
			list_add_tail(&vr->gc_node, &gc);
		}
	}
	mwg_group_destroy_all(mn);
	rtnl_unlock();

	list_for_each_entry_safe(vr, next, &gc, gc_node) {
		list_del(&vr->gc_node);
		mwg_vr_finish(vr);
	}
}

/**
 * mwg_router_init() - Allocate mwg_wq.
 *
 * Description: The module's ordered workqueue: VIP address work, deferred
 * destruction, the links work and the scanners' expiry.
 *
 * Context: Module init.
 * Return: 0, or -ENOMEM.
 */
int mwg_router_init(void)
{
	mwg_wq = alloc_ordered_workqueue("mwg_vrrp", WQ_MEM_RECLAIM);
	return mwg_wq ? 0 : -ENOMEM;
}

/**
 * mwg_router_exit() - Destroy mwg_wq once the work on it has run.
 *
 * Context: Module exit or failed init, process context.
 */
void mwg_router_exit(void)
{
	destroy_workqueue(mwg_wq);
}
