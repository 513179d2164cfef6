/* SPDX-License-Identifier: GPL-2.0 */
/* Neighbour discovery for IPv6 VIPs: unsolicited NA, answers to NS. */
#ifndef _MWG_ND_H
#define _MWG_ND_H

#include "vrrp.h"

void mwg_nd_announce(struct mwg_vr *vr, const struct mwg_vip *vip);
unsigned int mwg_nd_ingress(const struct mwg_if *mif, struct sk_buff *skb);

void mwg_nd_hook_init(struct mwg_if *mif);

/* af_inet6.c */
void mwg_inet6_push_header(struct sk_buff *skb, const struct in6_addr *saddr,
			   const struct in6_addr *daddr, u8 nexthdr,
			   unsigned int len);

#endif /* _MWG_ND_H */
