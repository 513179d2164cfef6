/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MWG_NETLINK_H
#define _MWG_NETLINK_H

#include <net/genetlink.h>

#include "vrrp.h"

enum mwg_nl_mcgrp {
	MWG_NL_MCGRP_EVENTS,
};

extern struct genl_family mwg_genl_family;

int mwg_nl_put_addr(struct sk_buff *skb, int attr, u8 family,
		    const union mwg_addr *addr);
struct sk_buff *mwg_nl_event_new(struct net *net, gfp_t gfp);
void mwg_nl_event_send(struct sk_buff *skb, struct net *net, gfp_t gfp);
int mwg_netlink_init(void);
void mwg_netlink_exit(void);

#endif /* _MWG_NETLINK_H */
