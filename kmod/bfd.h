/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BFD sessions between directors: RFC 5880 asynchronous mode, single hop
 * (RFC 5881), IPv4 and IPv6, entirely in the kernel.
 *
 *   bfd.c          session objects, the state machine and Poll Sequence,
 *                  the two hrtimers, the hand-off to VRRP
 *   bfd_net.c      the UDP sockets of a namespace (receive in softirq
 *                  through encap_rcv) and transmission of built packets
 *   bfd_netlink.c  the BFD commands and events of the genl family
 *   bfd_sysfs.c    /sys/class/net/<dev>/mwg_bfd/<peer>/
 *   bfd_proto.c    the packet format and arithmetic (pure)
 *
 * Locking
 *
 *   RTNL serialises configuration: creating, changing and destroying
 *   sessions, publishing them in mwg_bfd_net.sessions and .by_disc, and
 *   opening and closing the sockets.
 *
 *   mwg_bfd_session.lock is a BH spinlock over the protocol state below it.
 *   Receive and the timers take it in softirq with spin_lock(), process
 *   context with spin_lock_bh().  Packets are sent with it held.  It never
 *   nests with a VR's lock: a Down is passed to VRRP after it is released.
 *
 * Lifetime
 *
 *   Published under RTNL; mwg_bfd_session_destroy() unpublishes it, marks
 *   it dead (no timer re-arms after that), cancels both timers, removes its
 *   sysfs directory and drops its reference; the last one (a sysfs reader
 *   may hold one) frees it after an RCU grace period, dropping its device
 *   reference then.
 */
#ifndef _MWG_BFD_H
#define _MWG_BFD_H

#include <linux/hrtimer.h>
#include <linux/netlink.h>
#include <net/genetlink.h>

#include "bfd_proto.h"
#include "vrrp.h"

/* MWG_BFD_STATS_COUNTERS: as the netlink spec lists them (see vrrp.h). */
struct mwg_bfd_stats {
	u64 tx_packets;
	u64 rx_packets;
	u64 rx_ttl_errors;
	u64 rx_wrong_if;
	u64 tx_errors;
	u64 up;
	u64 down;
	u64 detect_expired;
	u64 polls;
	u64 vrrp_signals;
	u64 damped;
};

/* What the operator sets. */
struct mwg_bfd_config {
	u32 tx_us;		/* bfd.DesiredMinTxInterval while Up */
	u32 rx_us;		/* bfd.RequiredMinRxInterval */
	u8 multiplier;		/* bfd.DetectMult */
	u32 holddown_ms;
};

/* /sys/class/net/<dev>/mwg_bfd/: one per device with sessions. */
struct mwg_bfd_dir {
	struct list_head node;			/* in mwg_bfd_net.dirs, RTNL */
	struct net_device *dev;
	struct kobject *kobj;
	unsigned int users;			/* sessions on dev, RTNL */
};

struct mwg_bfd_session {
	struct kobject kobj;			/* .../mwg_bfd/<peer>; refcount */
	struct mwg_bfd_dir *dir;
	struct list_head node;			/* in mwg_bfd_net.sessions */
	struct hlist_node disc_node;		/* in mwg_bfd_net.by_disc */
	struct mwg_net *mn;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	u8 family;
	union mwg_addr peer;
	union mwg_addr local;			/* any: chosen by the route */
	__be16 src_port;			/* 49152-65535, one per session */
	u32 local_disc;

	/* Protocol state below: see Locking above. */
	spinlock_t lock;
	bool dead;
	struct mwg_bfd_config cfg;
	u8 state;				/* enum mwg_bfd_wire_state */
	u8 diag;
	/* Intervals in force; a Poll Sequence moves them to cfg's values. */
	u32 act_tx_us;
	u32 act_rx_us;
	bool polling;
	u32 remote_disc;
	u8 remote_state;
	u8 remote_diag;
	u8 remote_mult;
	u32 remote_tx_us;
	u32 remote_rx_us;
	u32 tx_interval_us;			/* agreed, before jitter */
	ktime_t up_since;
	struct hrtimer tx_timer;
	struct hrtimer detect_timer;
	struct mwg_bfd_stats stats;
	struct rcu_head rcu;
};

/* bfd.c */
void mwg_bfd_default_config(struct mwg_bfd_config *cfg);
int mwg_bfd_config_validate(const struct mwg_bfd_config *cfg,
			    struct netlink_ext_ack *extack);
struct mwg_bfd_session *mwg_bfd_find(struct mwg_net *mn,
				     const struct net_device *dev,
				     const union mwg_addr *peer, u8 family);
int mwg_bfd_session_create(struct mwg_net *mn, struct net_device *dev,
			   u8 family, const union mwg_addr *peer,
			   const union mwg_addr *local,
			   const struct mwg_bfd_config *cfg,
			   struct netlink_ext_ack *extack);
void mwg_bfd_session_reconfigure(struct mwg_bfd_session *s,
				 const struct mwg_bfd_config *cfg);
void mwg_bfd_session_destroy(struct mwg_bfd_session *s);
void mwg_bfd_dev_gone(struct net_device *dev);
void mwg_bfd_init_net(struct mwg_net *mn);
void mwg_bfd_exit_net(struct mwg_net *mn);
void mwg_bfd_session_rx(struct mwg_bfd_session *s,
			const struct mwg_bfd_pkt *pkt);
struct mwg_bfd_session *mwg_bfd_lookup_disc_rcu(struct mwg_net *mn, u32 disc);
struct mwg_bfd_session *mwg_bfd_lookup_peer_rcu(struct mwg_net *mn,
						const struct net_device *dev,
						u8 family,
						const union mwg_addr *peer);
u32 mwg_bfd_advertised_tx_us(const struct mwg_bfd_session *s);

/* bfd_net.c */
int mwg_bfd_net_open(struct mwg_net *mn, struct netlink_ext_ack *extack);
void mwg_bfd_net_close(struct mwg_net *mn);
void mwg_bfd_send(struct mwg_bfd_session *s, u8 flags);

/* bfd_sysfs.c */
int mwg_bfd_sysfs_add(struct mwg_bfd_session *s);
void mwg_bfd_sysfs_del(struct mwg_bfd_session *s);
void mwg_bfd_session_release(struct kobject *kobj);

/* bfd_netlink.c */
int mwg_bfd_nl_add(struct sk_buff *skb, struct genl_info *info);
int mwg_bfd_nl_set(struct sk_buff *skb, struct genl_info *info);
int mwg_bfd_nl_del(struct sk_buff *skb, struct genl_info *info);
int mwg_bfd_nl_get(struct sk_buff *skb, struct genl_info *info);
int mwg_bfd_nl_dump(struct sk_buff *skb, struct netlink_callback *cb);
const char *mwg_bfd_state_name(u8 state);
void mwg_bfd_notify(struct mwg_bfd_session *s, u8 old);

#endif /* _MWG_BFD_H */
