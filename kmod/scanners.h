/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The live-scanner table of a namespace: what mwgd's discovery found, each
 * entry leased so that nothing outlives a daemon that stopped refreshing.
 */
#ifndef _MWG_SCANNERS_H
#define _MWG_SCANNERS_H

#include <linux/list.h>
#include <linux/rhashtable-types.h>
#include <linux/workqueue.h>

#include "mwg_vrrp.h"

#define MWG_SCANNER_ID_LEN	16

/* One scanner as a request describes it. */
struct mwg_scanner_info {
	u8 node_id[MWG_SCANNER_ID_LEN];
	u8 family;
	u8 addr[16];
	char name[MWG_VRRP_SCANNER_NAME_MAX];
	u16 ports[MWG_VRRP_SCANNER_MAX_PORTS];
	u8 nports;
	u32 load;
	u32 capacity;
	u32 lease_ms;
};

/*
 * Locking: RTNL guards the table, its list and count, like all the
 * module's configuration; the hash is an rhashtable for its resizing.
 */
struct mwg_scanner_table {
	struct rhashtable ht;
	struct list_head list;		/* in arrival order, for dumps */
	unsigned int count;
	u64 seq;			/* marks entries a REPLACE carried */
	struct delayed_work expire_work;
	unsigned long next_expiry;	/* jiffies the work is armed for */
	bool ready;
};

struct mwg_net;
struct sk_buff;
struct netlink_callback;
struct netlink_ext_ack;

int mwg_scanners_init_net(struct mwg_net *mn);
void mwg_scanners_exit_net(struct mwg_net *mn);

int mwg_scanners_set(struct mwg_net *mn, const struct mwg_scanner_info *infos,
		     unsigned int n, bool replace,
		     struct netlink_ext_ack *extack);
int mwg_scanners_del(struct mwg_net *mn, const struct mwg_scanner_info *infos,
		     unsigned int n, struct netlink_ext_ack *extack);
int mwg_scanners_dump(struct mwg_net *mn, struct sk_buff *skb,
		      struct netlink_callback *cb);

#endif /* _MWG_SCANNERS_H */
