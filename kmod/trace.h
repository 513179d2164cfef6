/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of mwg_vrrp (events/mwg_vrrp/ in tracefs): what a failover
 * is made of, one event per step, so that trace-cmd or perf can split it
 * into the advert received, the timer's lateness, the state change and
 * the advert and gratuitous ARP / NA sent.  Off, each is a static branch.
 *
 * Addresses are printed as IPv6; IPv4 ones as ::ffff:a.b.c.d.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM mwg_vrrp

#if !defined(MWG_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define MWG_TRACE_H

#include <linux/hrtimer.h>
#include <linux/netdevice.h>
#include <linux/tracepoint.h>
#include <net/ipv6.h>

#include "bfd.h"
#include "proto.h"
#include "vrrp.h"

#ifndef MWG_TRACE_HELPERS
#define MWG_TRACE_HELPERS
/* Which timer an event is about. */
enum mwg_trace_timer {
	MWG_TRACE_ADVER,
	MWG_TRACE_MASTER_DOWN,
	MWG_TRACE_SKEW,		/* Master_Down_Timer after a priority 0 */
	MWG_TRACE_GARP,
};

/**
 * mwg_trace_addr() - An address as IPv6, for a tracepoint's record.
 * @out: where it goes.
 * @family: AF_INET or AF_INET6.
 * @a: the address.
 *
 * IPv4 addresses become v4-mapped, so that one fixed-size field and one
 * format (%pI6c) serve both families.
 */
static inline void mwg_trace_addr(struct in6_addr *out, u8 family,
				  const union mwg_addr *a)
{
	if (family == AF_INET6)
		*out = a->v6;
	else
		ipv6_addr_set_v4mapped(a->v4, out);
}
#endif

#define mwg_show_state(s) __print_symbolic(s,			\
	{ MWG_VRRP_STATE_INIT, "init" },			\
	{ MWG_VRRP_STATE_BACKUP, "backup" },			\
	{ MWG_VRRP_STATE_MASTER, "master" })

#define mwg_show_reason(r) __print_symbolic(r,			\
	{ MWG_VRRP_REASON_NONE, "none" },			\
	{ MWG_VRRP_REASON_STARTUP, "startup" },			\
	{ MWG_VRRP_REASON_OWNER, "owner" },			\
	{ MWG_VRRP_REASON_MASTER_DOWN, "master_down" },		\
	{ MWG_VRRP_REASON_PRIORITY_ZERO, "priority_zero" },	\
	{ MWG_VRRP_REASON_PREEMPTED, "preempted" },		\
	{ MWG_VRRP_REASON_SHUTDOWN, "shutdown" },		\
	{ MWG_VRRP_REASON_LINK_DOWN, "link_down" },		\
	{ MWG_VRRP_REASON_RECONFIGURED, "reconfigured" },	\
	{ MWG_VRRP_REASON_BFD_DOWN, "bfd_down" },		\
	{ MWG_VRRP_REASON_TRACK_IF, "track_if" },		\
	{ MWG_VRRP_REASON_TRACKED, "tracked" },			\
	{ MWG_VRRP_REASON_GROUP, "group" })

#define mwg_show_action(a) __print_symbolic(a,			\
	{ MWG_ACT_DISCARD, "discard" },				\
	{ MWG_ACT_BACKUP_SKEW, "backup_skew" },			\
	{ MWG_ACT_BACKUP_ACCEPT, "backup_accept" },		\
	{ MWG_ACT_MASTER_REASSERT, "master_reassert" },		\
	{ MWG_ACT_MASTER_YIELD, "master_yield" })

#define mwg_show_timer(t) __print_symbolic(t,			\
	{ MWG_TRACE_ADVER, "adver" },				\
	{ MWG_TRACE_MASTER_DOWN, "master_down" },		\
	{ MWG_TRACE_SKEW, "skew" },				\
	{ MWG_TRACE_GARP, "garp" })

#define mwg_show_bfd_state(s) __print_symbolic(s,		\
	{ MWG_BFD_STATE_ADMIN_DOWN, "admin_down" },		\
	{ MWG_BFD_STATE_DOWN, "down" },				\
	{ MWG_BFD_STATE_INIT, "init" },				\
	{ MWG_BFD_STATE_UP, "up" })

/* The VR an event is about: device, VRID, family. */
#define MWG_TRACE_VR_FIELDS					\
	__array(char, dev, IFNAMSIZ)				\
	__field(u8, vrid)					\
	__field(u8, family)

#define MWG_TRACE_VR_ASSIGN(vr) do {				\
	memcpy(__entry->dev, (vr)->dev->name, IFNAMSIZ);	\
	__entry->vrid = (vr)->vrid;				\
	__entry->family = (vr)->family;				\
} while (0)

#define MWG_TRACE_VR_FMT	"dev=%s vrid=%u %s "
#define MWG_TRACE_VR_ARGS	__entry->dev, __entry->vrid,	\
	__entry->family == AF_INET6 ? "inet6" : "inet"

TRACE_EVENT(mwg_vrrp_advert_rx,
	TP_PROTO(const struct mwg_vr *vr, u8 adv_prio,
		 const union mwg_addr *sender, int action),
	TP_ARGS(vr, adv_prio, sender, action),
	TP_STRUCT__entry(
		MWG_TRACE_VR_FIELDS
		__field(u8, state)
		__field(u8, prio)
		__field(u8, adv_prio)
		__field(int, action)
		__array(u8, sender, sizeof(struct in6_addr))
	),
	TP_fast_assign(
		MWG_TRACE_VR_ASSIGN(vr);
		__entry->state = vr->state;
		__entry->prio = vr->eff_prio;
		__entry->adv_prio = adv_prio;
		__entry->action = action;
		mwg_trace_addr((struct in6_addr *)__entry->sender, vr->family,
			       sender);
	),
	TP_printk(MWG_TRACE_VR_FMT "state=%s prio=%u from=%pI6c adv_prio=%u action=%s",
		  MWG_TRACE_VR_ARGS, mwg_show_state(__entry->state),
		  __entry->prio, __entry->sender, __entry->adv_prio,
		  mwg_show_action(__entry->action))
);

TRACE_EVENT(mwg_vrrp_advert_tx,
	TP_PROTO(const struct mwg_vr *vr, u8 prio, int err),
	TP_ARGS(vr, prio, err),
	TP_STRUCT__entry(
		MWG_TRACE_VR_FIELDS
		__field(u8, state)
		__field(u8, prio)
		__field(int, err)
	),
	TP_fast_assign(
		MWG_TRACE_VR_ASSIGN(vr);
		__entry->state = vr->state;
		__entry->prio = prio;
		__entry->err = err;
	),
	TP_printk(MWG_TRACE_VR_FMT "state=%s prio=%u err=%d",
		  MWG_TRACE_VR_ARGS, mwg_show_state(__entry->state),
		  __entry->prio, __entry->err)
);

TRACE_EVENT(mwg_vrrp_timer_arm,
	TP_PROTO(const struct mwg_vr *vr, int timer, u64 ns),
	TP_ARGS(vr, timer, ns),
	TP_STRUCT__entry(
		MWG_TRACE_VR_FIELDS
		__field(int, timer)
		__field(u64, ns)
	),
	TP_fast_assign(
		MWG_TRACE_VR_ASSIGN(vr);
		__entry->timer = timer;
		__entry->ns = ns;
	),
	TP_printk(MWG_TRACE_VR_FMT "timer=%s in_ns=%llu", MWG_TRACE_VR_ARGS,
		  mwg_show_timer(__entry->timer), __entry->ns)
);

/* late_ns: from the scheduled expiry to the callback holding vr->lock. */
TRACE_EVENT(mwg_vrrp_timer_expire,
	TP_PROTO(const struct mwg_vr *vr, int timer,
		 const struct hrtimer *hrt),
	TP_ARGS(vr, timer, hrt),
	TP_STRUCT__entry(
		MWG_TRACE_VR_FIELDS
		__field(int, timer)
		__field(s64, expires_ns)
		__field(s64, late_ns)
	),
	TP_fast_assign(
		MWG_TRACE_VR_ASSIGN(vr);
		__entry->timer = timer;
		__entry->expires_ns = ktime_to_ns(hrtimer_get_expires(hrt));
		__entry->late_ns = ktime_to_ns(ktime_sub(ktime_get(),
						hrtimer_get_expires(hrt)));
	),
	TP_printk(MWG_TRACE_VR_FMT "timer=%s expires_ns=%lld late_ns=%lld",
		  MWG_TRACE_VR_ARGS, mwg_show_timer(__entry->timer),
		  __entry->expires_ns, __entry->late_ns)
);

TRACE_EVENT(mwg_vrrp_state_change,
	TP_PROTO(const struct mwg_vr *vr, int old, int reason),
	TP_ARGS(vr, old, reason),
	TP_STRUCT__entry(
		MWG_TRACE_VR_FIELDS
		__field(u8, old)
		__field(u8, state)
		__field(u8, reason)
		__field(u8, prio)
	),
	TP_fast_assign(
		MWG_TRACE_VR_ASSIGN(vr);
		__entry->old = old;
		__entry->state = vr->state;
		__entry->reason = reason;
		__entry->prio = vr->eff_prio;
	),
	TP_printk(MWG_TRACE_VR_FMT "%s -> %s reason=%s prio=%u",
		  MWG_TRACE_VR_ARGS, mwg_show_state(__entry->old),
		  mwg_show_state(__entry->state),
		  mwg_show_reason(__entry->reason), __entry->prio)
);

/* A gratuitous ARP (IPv4) or unsolicited NA (IPv6) for one VIP. */
TRACE_EVENT(mwg_vrrp_announce,
	TP_PROTO(const struct mwg_vr *vr, const union mwg_addr *vip),
	TP_ARGS(vr, vip),
	TP_STRUCT__entry(
		MWG_TRACE_VR_FIELDS
		__array(u8, vip, sizeof(struct in6_addr))
	),
	TP_fast_assign(
		MWG_TRACE_VR_ASSIGN(vr);
		mwg_trace_addr((struct in6_addr *)__entry->vip, vr->family,
			       vip);
	),
	TP_printk(MWG_TRACE_VR_FMT "vip=%pI6c", MWG_TRACE_VR_ARGS,
		  __entry->vip)
);

TRACE_EVENT(mwg_bfd_state_change,
	TP_PROTO(const struct mwg_bfd_session *s, int old, int diag),
	TP_ARGS(s, old, diag),
	TP_STRUCT__entry(
		__array(char, dev, IFNAMSIZ)
		__array(u8, peer, sizeof(struct in6_addr))
		__field(u8, old)
		__field(u8, state)
		__field(u8, diag)
	),
	TP_fast_assign(
		memcpy(__entry->dev, s->dev->name, IFNAMSIZ);
		mwg_trace_addr((struct in6_addr *)__entry->peer, s->family,
			       &s->peer);
		__entry->old = old;
		__entry->state = s->state;
		__entry->diag = diag;
	),
	TP_printk("dev=%s peer=%pI6c %s -> %s diag=%u", __entry->dev,
		  __entry->peer, mwg_show_bfd_state(__entry->old),
		  mwg_show_bfd_state(__entry->state), __entry->diag)
);

/* The namespace's count of live scanners changed. */
TRACE_EVENT(mwg_vrrp_scanners,
	TP_PROTO(const struct net *net, u32 old, u32 count),
	TP_ARGS(net, old, count),
	TP_STRUCT__entry(
		__field(u32, netns)
		__field(u32, old)
		__field(u32, count)
	),
	TP_fast_assign(
		__entry->netns = net->ns.inum;
		__entry->old = old;
		__entry->count = count;
	),
	TP_printk("netns=%u live_scanners %u -> %u", __entry->netns,
		  __entry->old, __entry->count)
);

#endif /* MWG_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
