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

struct mwg_if *mwg_if_find_rcu(const struct net_device *dev)
{
	struct mwg_net *mn = mwg_net(dev_net(dev));
	struct mwg_if *mif;

	hlist_for_each_entry_rcu(mif, &mn->ifs[mwg_if_hash(dev->ifindex)], node)
		if (mif->dev == dev)
			return mif;
	return NULL;
}

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

struct mwg_vr *mwg_vr_lookup_rcu(const struct mwg_if *mif, u8 family, u8 vrid)
{
	return rcu_dereference(mif->vrs[mwg_family_index(family)][vrid]);
}

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

struct mwg_vr *mwg_vr_by_vip_rcu(const struct mwg_if *mif, u8 family,
				 const void *addr)
{
	struct mwg_vr *vr;

	hlist_for_each_entry_rcu(vr, &mif->vr_list, if_node)
		if (vr->family == family && mwg_vr_has_vip(vr, addr))
			return vr;
	return NULL;
}

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

/* The last reference is gone: readers may still see vr until a grace period. */
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

/*
 * Re-evaluate what the VR's own link and the interface it tracks allow.
 * A tracked interface with a weight lowers the effective priority; one
 * without holds the VR in Initialize, and a master there resigns with
 * priority 0 first: its own link still carries the advert.  A fault of a
 * userspace-tracked object does the same.
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

void mwg_router_dev_changed(struct net_device *dev)
{
	struct mwg_if *mif = mwg_if_find_rtnl(dev);
	struct mwg_vr *vr;

	if (!mif)
		return;
	hlist_for_each_entry(vr, &mif->vr_list, if_node)
		mwg_vr_link_changed(vr);
}

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

/* Work: re-check every link of a namespace (see mwg_router_links_changed). */
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

/* Any context: a link's addresses changed where RTNL cannot be taken. */
void mwg_router_links_changed(struct net *net)
{
	struct mwg_net *mn = mwg_net(net);

	if (READ_ONCE(mn->alive))
		queue_work(mwg_wq, &mn->links_work);
}

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

/* Softirq, RCU read side, no BFD session lock held. */
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

void mwg_vr_finish(struct mwg_vr *vr)
{
	might_sleep();
	mwg_timers_cancel_sync(vr);
	cancel_work_sync(&vr->addr_work);
	mwg_addr_withdraw_all(vr);
	mwg_vr_put(vr);
}

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

int mwg_router_init(void)
{
	mwg_wq = alloc_ordered_workqueue("mwg_vrrp", WQ_MEM_RECLAIM);
	return mwg_wq ? 0 : -ENOMEM;
}

void mwg_router_exit(void)
{
	destroy_workqueue(mwg_wq);
}
