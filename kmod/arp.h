/* SPDX-License-Identifier: GPL-2.0 */
/* Address resolution for VIPs: gratuitous ARP, answers, VIP gating. */
#ifndef _MWG_ARP_H
#define _MWG_ARP_H

#include "vrrp.h"

void mwg_arp_announce(struct mwg_vr *vr, const struct mwg_vip *vip);

int mwg_arp_hooks_register(struct mwg_if *mif);
void mwg_arp_hooks_unregister(struct mwg_if *mif);

#endif /* _MWG_ARP_H */
