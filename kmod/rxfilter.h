/* SPDX-License-Identifier: GPL-2.0 */
/* What a VR needs the interface's receive filter to let through. */
#ifndef _MWG_RXFILTER_H
#define _MWG_RXFILTER_H

#include "vrrp.h"

int mwg_rxfilter_bind(struct mwg_vr *vr);
void mwg_rxfilter_unbind(struct mwg_vr *vr);

int mwg_rxfilter_vmac_add(struct mwg_vr *vr);
void mwg_rxfilter_vmac_del(struct mwg_vr *vr);

int mwg_rxfilter_vips_join(struct net_device *dev, u8 family,
			   const struct mwg_vip_list *vips);
void mwg_rxfilter_vips_leave(struct net_device *dev, u8 family,
			     const struct mwg_vip_list *vips);

#endif /* _MWG_RXFILTER_H */
