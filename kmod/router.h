/* SPDX-License-Identifier: GPL-2.0 */
/* Virtual router objects: creation, lookup, reconfiguration, destruction. */
#ifndef _MWG_ROUTER_H
#define _MWG_ROUTER_H

#include <linux/netlink.h>

#include "vrrp.h"

/* RCU read side (softirq). */
struct mwg_if *mwg_if_find_rcu(const struct net_device *dev);
struct mwg_vr *mwg_vr_lookup_rcu(const struct mwg_if *mif, u8 family,
				 u8 vrid);
/* The VR on @mif with @addr (4 or 16 bytes, as @family) among its VIPs. */
struct mwg_vr *mwg_vr_by_vip_rcu(const struct mwg_if *mif, u8 family,
				 const void *addr);
/* RCU read side or RTNL. */
bool mwg_vr_has_vip(const struct mwg_vr *vr, const void *addr);

/* RTNL held. */
struct mwg_if *mwg_if_find_rtnl(const struct net_device *dev);
struct mwg_vr *mwg_vr_find_rtnl(struct net *net, int ifindex, u8 family,
				u8 vrid);
void mwg_vr_default_config(struct mwg_vr_config *cfg);
int mwg_vr_config_validate(const struct mwg_vr_config *cfg, u8 family,
			   struct netlink_ext_ack *extack);
struct mwg_vip_list *mwg_vip_list_alloc(unsigned int count, gfp_t gfp);
int mwg_vip_list_validate(const struct mwg_vip_list *vips, u8 family,
			  struct netlink_ext_ack *extack);
/* Takes @vips, also when it fails. */
int mwg_vr_create(struct net_device *dev, u8 family, u8 vrid,
		  const struct mwg_vr_config *cfg, struct mwg_vip_list *vips,
		  struct netlink_ext_ack *extack);
/*
 * Takes @vips, also when it fails: only the receive filter's part can fail
 * (the VIPs' solicited-node groups, the virtual MAC's entry).
 */
int mwg_vr_reconfigure(struct mwg_vr *vr, const struct mwg_vr_config *cfg,
		       struct mwg_vip_list *vips,
		       struct mwg_tracked_list *tracked);
void mwg_vr_unlink(struct mwg_vr *vr, bool dev_gone);
void mwg_vr_link_changed(struct mwg_vr *vr);
/* RTNL: @dev changed state; the VRs that track it re-evaluate. */
void mwg_router_tracked_changed(struct net_device *dev);
void mwg_router_dev_changed(struct net_device *dev);
void mwg_router_dev_going_down(struct net_device *dev);
void mwg_router_links_changed(struct net *net);
void mwg_router_links_work(struct work_struct *work);
void mwg_router_dev_gone(struct net_device *dev);
void mwg_router_scanners_changed(struct mwg_net *mn);
/* Softirq, RCU read side: the BFD session to @peer on @dev went Down. */
void mwg_router_bfd_down(struct net_device *dev, u8 family,
			 const union mwg_addr *peer);

/* No RTNL: may sleep, talks rtnetlink. */
void mwg_vr_finish(struct mwg_vr *vr);
void mwg_router_destroy_all(struct mwg_net *mn);

int mwg_router_init(void);
void mwg_router_exit(void);
void mwg_vr_release(struct kobject *kobj);

/* Effective priority from the configured one and scanner tracking. */
u8 mwg_vr_effective_priority(const struct mwg_vr *vr, u32 live_scanners);

static inline void mwg_vr_hold(struct mwg_vr *vr)
{
	kobject_get(&vr->kobj);
}

static inline void mwg_vr_put(struct mwg_vr *vr)
{
	kobject_put(&vr->kobj);
}

#endif /* _MWG_ROUTER_H */
