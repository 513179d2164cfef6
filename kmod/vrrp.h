/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mwg_vrrp core objects.
 *
 *   struct mwg_net  one per network namespace: the interfaces that carry
 *                   virtual routers, namespace-wide drop counters.
 *   struct mwg_if   one per net_device with at least one VR: the VR table
 *                   indexed by family and VRID, the netdev ingress hook
 *                   (ARP for VIPs, frames to the virtual MAC), the sysfs
 *                   directory /sys/class/net/<dev>/mwg_vrrp/.
 *   struct mwg_vr   one virtual router: configuration, RFC 5798 state,
 *                   timers, counters, sysfs directory <vrid>.
 *   struct mwg_bfd_net  in mwg_net: the namespace's BFD sessions and their
 *                   sockets; sessions and their locking are in bfd.h.
 *
 * Locking
 *
 *   RTNL serialises every configuration change: creating and destroying
 *   interfaces and VRs, publishing them in the RCU tables below, VIP list
 *   replacement, sysfs directories, multicast membership and netfilter hook
 *   registration.  Generic netlink handlers and sysfs stores take it.
 *
 *   The receive path, the ingress hook and the hrtimers run in softirq and
 *   find mwg_if and mwg_vr through RCU only (mwg_net.ifs, mwg_if.vrs[][],
 *   mwg_vr.vips).  Unpublished objects are freed after a grace period.
 *
 *   mwg_vr.lock is a BH spinlock guarding the protocol state of one VR:
 *   state, dead, running, cfg, eff_prio, the learned master, timer arming
 *   decisions and the counters.  Softirq code takes it with spin_lock(),
 *   process context with spin_lock_bh().  Adverts and gratuitous ARPs are
 *   sent with it held so that no transition can interleave with a send.
 *   It never nests with another VR's lock and is never taken under it:
 *   a sync group's members move one after the other (group.h).
 *
 *   mwg_vr.addr_mutex serialises the VIP address work (addr.c), which runs
 *   in process context without RTNL because it talks rtnetlink.
 *
 * Lifetime
 *
 *   A VR is created and published under RTNL.  Destruction has two phases:
 *   mwg_vr_unlink() under RTNL marks it dead (no timer re-arms after that),
 *   resigns with priority 0 where a link remains and unpublishes it;
 *   mwg_vr_finish() without RTNL cancels timers and work, withdraws the
 *   VIP addresses it installed and drops the last reference, which frees it
 *   after an RCU grace period.  The VR holds a reference on its device
 *   until then.
 */
#ifndef _MWG_VRRP_H
#define _MWG_VRRP_H

#include <linux/hashtable.h>
#include <linux/hrtimer.h>
#include <linux/in6.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "mwg_vrrp.h"
#include "mwg_vrrp_names.h"
#include "proto.h"
#include "scanners.h"

#define MWG_VRRP_MODULE_VERSION	"0.1.0"

#define MWG_IF_HASH_BITS	4
#define MWG_FAMILIES		2	/* index 0: IPv4, 1: IPv6 */

union mwg_addr {
	__be32 v4;
	struct in6_addr v6;
	u8 raw[16];
};

struct mwg_vip {
	union mwg_addr addr;
	u8 prefixlen;
};

/* Masters remembered per VR, to tell a new one (fsm.c, rogue events). */
#define MWG_VR_SEEN_MAX		8

/* Replaced whole, never edited in place: readers in softirq use RCU. */
struct mwg_vip_list {
	struct rcu_head rcu;
	unsigned int count;
	struct mwg_vip vip[];
};

/* An entry of an address list: allow (a prefix), unicast peers (a host). */
struct mwg_prefix {
	union mwg_addr addr;		/* host bits cleared */
	u8 prefixlen;
};

/* An object a daemon tracks for a VR, as it last reported it. */
struct mwg_tracked {
	char name[MWG_VRRP_TRACKED_NAME_MAX];
	u8 demote;
	bool fault;
};

/* Replaced whole, as the VIP list is; read under vr->lock or RTNL. */
struct mwg_tracked_list {
	struct rcu_head rcu;
	unsigned int count;
	struct mwg_tracked obj[];
};

/* What the operator sets (genl, sysfs); the defaults come from modparams. */
struct mwg_vr_config {
	u8 priority;
	u8 version;
	u8 checksum;		/* enum mwg_vrrp_checksum */
	bool preempt;
	bool accept;
	/*
	 * The virtual MAC (true) or the interface's; the ARP/ND hooks read it
	 * without vr->lock, through mwg_vr_mac().
	 */
	bool vmac;
	u32 advert_interval_ms;
	u32 preempt_delay_ms;
	u32 garp_repeat;
	u32 garp_interval_ms;
	u32 garp_refresh_s;
	u32 track_scanners;
	u8 track_weight;
	/* Another interface the VR follows (0: none); 0 weight: Initialize. */
	u32 track_ifindex;
	u8 track_if_weight;
	bool track_bfd;
	/* The BFD peer to track; unset: the master learned from adverts. */
	bool bfd_peer_set;
	union mwg_addr bfd_peer;
	/* No entry: adverts from any source. */
	u8 n_allow;
	struct mwg_prefix allow[MWG_VRRP_MAX_ALLOW];
	/* No entry: multicast; else adverts go to, and come from, these. */
	u8 n_peers;
	struct mwg_prefix peers[MWG_VRRP_MAX_PEERS];
};

/*
 * The counters as the netlink spec lists them (the X-macros of
 * mwg_vrrp_names.h, from scripts/gen-names): same names, same order.
 * The netlink and sysfs tables are expanded from the X-macros, so each
 * names every field the spec lists, and netlink.c and bfd_netlink.c
 * assert that a struct has no other counter: a counter the spec adds or
 * drops fails the build until the struct follows.
 */

/* RFC 6527 vrrpv3StatisticsTable, plus what we send. */
struct mwg_vr_stats {
	u64 master_transitions;
	u64 rcvd_advertisements;
	u64 adv_interval_errors;
	u64 ip_ttl_errors;
	u64 rcvd_pri_zero_packets;
	u64 sent_pri_zero_packets;
	u64 rcvd_invalid_type_packets;
	u64 address_list_errors;
	u64 packet_length_errors;
	u64 sent_advertisements;
	u64 checksum_errors;
	u64 version_errors;
	u64 auth_type_errors;
	u64 rcvd_not_allowed;
	u64 unicast_send_errors;
	u64 rogue_adverts;
	u8 new_master_reason;	/* not a counter: last */
};

/*
 * A namespace's drops before a VR or a BFD session was found, the BFD
 * ones (bfd_net.c, RFC 5880 6.8.6) named bfd_*: MWG_VRRP_NS_STATS_COUNTERS.
 */
struct mwg_net_stats {
	atomic64_t checksum_errors;
	atomic64_t version_errors;
	atomic64_t vrid_errors;
	atomic64_t packet_length_errors;
	atomic64_t ip_ttl_errors;
	atomic64_t bfd_version_errors;
	atomic64_t bfd_length_errors;
	atomic64_t bfd_mult_errors;
	atomic64_t bfd_multipoint_errors;
	atomic64_t bfd_disc_errors;
	atomic64_t bfd_auth_errors;
	atomic64_t bfd_ttl_errors;
	atomic64_t bfd_no_session;
};

#define MWG_BFD_HASH_BITS	6

/*
 * The BFD sessions of a namespace (bfd.c) and the UDP sockets on port 3784
 * that receive for them (bfd_net.c), opened with the first session and
 * closed with the last.  The tables are written under RTNL and read in
 * softirq under RCU.
 */
struct mwg_bfd_net {
	struct socket *sock4;			/* RTNL */
	struct socket *sock6;			/* RTNL */
	struct list_head sessions;		/* RCU, RTNL */
	struct list_head dirs;			/* sysfs per device, RTNL */
	DECLARE_HASHTABLE(by_disc, MWG_BFD_HASH_BITS);	/* RCU, RTNL */
	unsigned int count;			/* RTNL */
};

struct mwg_af_ops;
struct mwg_group;

struct mwg_net {
	struct net *net;
	struct hlist_head ifs[1 << MWG_IF_HASH_BITS];	/* RCU, RTNL */
	struct mwg_net_stats stats;
	struct mwg_scanner_table scanners;	/* scanners.c */
	struct work_struct links_work;	/* IPv6 address events, router.c */
	bool alive;			/* false once the exit began */
	u32 live_scanners;		/* scanners.count, RTNL */
	unsigned int nr_vrs;		/* VRs of the namespace, RTNL */
	struct mwg_bfd_net bfd;
	struct list_head groups;	/* sync groups, group.h; RCU, RTNL */
};

struct mwg_if {
	struct hlist_node node;			/* in mwg_net.ifs */
	struct mwg_net *mn;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	struct mwg_vr __rcu *vrs[MWG_FAMILIES][256];
	struct hlist_head vr_list;		/* RCU, RTNL: for ARP lookup */
	unsigned int nr_vrs;			/* RTNL */
	struct nf_hook_ops ingress;		/* arp.c */
	struct nf_hook_ops arp_out;		/* arp.c */
	struct nf_hook_ops nd_out;		/* nd.c */
	struct kobject *kobj;			/* .../<dev>/mwg_vrrp */
	struct rcu_head rcu;
};

struct mwg_vr {
	struct kobject kobj;			/* .../mwg_vrrp/<vrid>; refcount */
	struct hlist_node if_node;		/* in mwg_if.vr_list */
	struct mwg_if *mif;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	const struct mwg_af_ops *af;
	u8 vrid;
	u8 family;				/* AF_INET or AF_INET6 */
	u8 vmac[ETH_ALEN];

	/* Protocol state below, up to the counters: see Locking above. */
	spinlock_t lock;
	enum mwg_vrrp_state state;
	bool dead;
	bool running;		/* link up, carrier, a primary address */
	bool track_if_down;	/* cfg.track_ifindex is down */
	/*
	 * The masters this VR has followed or yielded to, newest over the
	 * oldest, and when the next rogue event may go (jiffies).
	 */
	union mwg_addr seen[MWG_VR_SEEN_MAX];
	u8 n_seen;
	u8 seen_next;
	unsigned long rogue_event_after;
	/* What vr->tracked adds up to; written under RTNL and the lock. */
	u8 tracked_demote;
	bool tracked_fault;
	struct mwg_vr_config cfg;
	u8 eff_prio;
	u16 master_adver_cs;	/* learned from the master, or ours */
	union mwg_addr master_ip;
	bool master_known;
	ktime_t preempt_since;	/* first lower-priority advert, or 0 */
	unsigned int garp_left;
	struct hrtimer adver_timer;
	struct hrtimer master_down_timer;
	struct hrtimer garp_timer;
	struct mwg_vr_stats stats;
	struct mwg_vip_list __rcu *vips;
	struct mwg_tracked_list __rcu *tracked;	/* NULL: none reported */
	/* The last state change, for replies; changed_at 0: none yet. */
	ktime_t changed_at;		/* or the creation, monotonic */
	u64 changed_real_ns;		/* CLOCK_REALTIME of the change */
	u8 changed_from;		/* enum mwg_vrrp_state */
	u8 changed_reason;		/* enum mwg_vrrp_reason */
	bool changed;

	u8 group_move;		/* enum mwg_group_move, to pass on */

	bool mdt_is_skew;	/* the down timer runs for Skew_Time */
	bool dev_gone;		/* device unregistering: leave addresses */

	/* Serialises addr.c's work on the VIP addresses below. */
	struct mutex addr_mutex;
	/* addr_mutex: the VIPs we added as local addresses, and scratch. */
	struct mwg_vip installed[MWG_VRRP_MAX_VIPS];
	unsigned int n_installed;
	struct mwg_vip want[MWG_VRRP_MAX_VIPS];
	struct work_struct addr_work;
	struct work_struct finish_work;
	struct list_head gc_node;	/* batch destruction, RTNL */
	struct mwg_group __rcu *group;	/* its sync group; RCU, RTNL */
	struct rcu_head rcu;
};

/**
 * mwg_vr_mac() - The source MAC of what the VR sends for its VIPs.
 * @vr: the VR.
 *
 * For adverts, gratuitous ARPs, NAs and the answers for the VIPs: the
 * virtual MAC, or the interface's own when cfg.vmac is off.  Lockless
 * readers see the mode before or after a change, both of which are whole
 * MAC addresses.
 *
 * Context: Any context, without &mwg_vr.lock.
 * Return: the MAC address.
 */
static inline const u8 *mwg_vr_mac(const struct mwg_vr *vr)
{
	return READ_ONCE(vr->cfg.vmac) ? vr->vmac : vr->dev->dev_addr;
}

/* Ordered workqueue for address changes and deferred destruction. */
extern struct workqueue_struct *mwg_wq;

/* netns.c */
extern unsigned int mwg_net_id;
struct mwg_net *mwg_net(const struct net *net);
int mwg_netns_init(void);
void mwg_netns_exit(void);
int mwg_netns_routers_init(void);
void mwg_netns_routers_exit(void);

/**
 * mwg_family_index() - The index of a family in &mwg_if.vrs.
 * @family: AF_INET or AF_INET6.
 *
 * Return: 1 for AF_INET6, 0 otherwise.
 */
static inline int mwg_family_index(u8 family)
{
	return family == AF_INET6;
}

/**
 * mwg_addr_len() - The length of an address of a family.
 * @family: AF_INET or AF_INET6.
 *
 * Return: 16 for AF_INET6, 4 otherwise.
 */
static inline u8 mwg_addr_len(u8 family)
{
	return family == AF_INET6 ? 16 : 4;
}

#endif /* _MWG_VRRP_H */
