/* SPDX-License-Identifier: GPL-2.0 */
/* Virtual router objects: creation, lookup, reconfiguration, destruction. */
#ifndef _MWG_ROUTER_H
#define _MWG_ROUTER_H

#include <linux/netlink.h>

#include "vrrp.h"

struct mwg_if *mwg_if_find_rcu(const struct net_device *dev);
struct mwg_vr *mwg_vr_lookup_rcu(const struct mwg_if *mif, u8 family,
				 u8 vrid);
struct mwg_vr *mwg_vr_by_vip_rcu(const struct mwg_if *mif, u8 family,
				 const void *addr);
bool mwg_vr_has_vip(const struct mwg_vr *vr, const void *addr);

struct mwg_if *mwg_if_find_rtnl(const struct net_device *dev);
struct mwg_vr *mwg_vr_find_rtnl(struct net *net, int ifindex, u8 family,
				u8 vrid);
void mwg_vr_default_config(struct mwg_vr_config *cfg);
int mwg_vr_config_validate(const struct mwg_vr_config *cfg, u8 family,
			   struct netlink_ext_ack *extack);
struct mwg_vip_list *mwg_vip_list_alloc(unsigned int count, gfp_t gfp);
int mwg_vip_list_validate(const struct mwg_vip_list *vips, u8 family,
			  struct netlink_ext_ack *extack);
int mwg_vr_create(struct net_device *dev, u8 family, u8 vrid,
		  const struct mwg_vr_config *cfg, struct mwg_vip_list *vips,
		  struct netlink_ext_ack *extack);
int mwg_vr_reconfigure(struct mwg_vr *vr, const struct mwg_vr_config *cfg,
		       struct mwg_vip_list *vips,
		       struct mwg_tracked_list *tracked);
void mwg_vr_unlink(struct mwg_vr *vr, bool dev_gone);
void mwg_vr_link_changed(struct mwg_vr *vr);
void mwg_router_tracked_changed(struct net_device *dev);
void mwg_router_dev_changed(struct net_device *dev);
void mwg_router_dev_going_down(struct net_device *dev);
void mwg_router_links_changed(struct net *net);
void mwg_router_links_work(struct work_struct *work);
void mwg_router_dev_gone(struct net_device *dev);
void mwg_router_scanners_changed(struct mwg_net *mn);
void mwg_router_bfd_down(struct net_device *dev, u8 family,
			 const union mwg_addr *peer);

void mwg_vr_finish(struct mwg_vr *vr);
void mwg_router_destroy_all(struct mwg_net *mn);

int mwg_router_init(void);
void mwg_router_exit(void);
void mwg_vr_release(struct kobject *kobj);

u8 mwg_vr_effective_priority(const struct mwg_vr *vr, u32 live_scanners);

/**
 * mwg_vr_put() - Drop a reference on a VR.
 * @vr: the VR.
 *
 * The VR's kobject counts its references; the last one frees the VR after
 * an RCU grace period (mwg_vr_release()).
 */
static inline void mwg_vr_put(struct mwg_vr *vr)
{
	kobject_put(&vr->kobj);
}

#endif /* _MWG_ROUTER_H */
