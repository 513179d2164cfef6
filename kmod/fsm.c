// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 5798 section 6.4 (as updated by RFC 9568): Initialize, Backup and
 * Master, driven by received adverts (receive.c), timer expiry (timers.c)
 * and the operator (router.c).  The decision on an advert is the pure
 * mwg_decide_advert() of proto.c; this file carries it out.
 *
 * The time-critical path, Master_Down_Timer expiry in softirq to the first
 * gratuitous ARP, never leaves this file's mwg_fsm_become_master(): the
 * advert and the ARP/NA leave before anything else is done.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/build_bug.h>
#include <linux/ktime.h>

#include "addr.h"
#include "af.h"
#include "fsm.h"
#include "group.h"
#include "notify.h"
#include "send.h"
#include "timers.h"
#include "trace.h"

static_assert((int)MWG_VRRP_STATE_INIT == (int)MWG_FSM_INIT);
static_assert((int)MWG_VRRP_STATE_BACKUP == (int)MWG_FSM_BACKUP);
static_assert((int)MWG_VRRP_STATE_MASTER == (int)MWG_FSM_MASTER);

static u16 mwg_vr_own_cs(const struct mwg_vr *vr)
{
	return mwg_interval_from_ms(vr->cfg.version,
				    vr->cfg.advert_interval_ms);
}

static u64 mwg_vr_own_interval_ns(const struct mwg_vr *vr)
{
	return mwg_interval_to_ns(vr->cfg.version, mwg_vr_own_cs(vr));
}

static u64 mwg_vr_master_adver_ns(const struct mwg_vr *vr)
{
	return mwg_interval_to_ns(vr->cfg.version, vr->master_adver_cs);
}

/**
 * mwg_vr_master_down_ns() - The VR's Master_Down_Interval.
 * @vr: the VR.
 *
 * RFC 5798 6.1: three times the master's advertisement interval, as
 * learnt from its adverts, plus Skew_Time at the VR's effective priority.
 *
 * Context: &mwg_vr.lock held.
 * Return: the interval in nanoseconds.
 */
u64 mwg_vr_master_down_ns(const struct mwg_vr *vr)
{
	return mwg_master_down_ns(vr->cfg.version, vr->eff_prio,
				  mwg_vr_master_adver_ns(vr));
}

/**
 * mwg_vr_skew_ns() - The VR's Skew_Time.
 * @vr: the VR.
 *
 * How long a backup waits after a priority-0 advert before it takes over
 * (RFC 5798 6.1): the lower its effective priority, the longer.
 *
 * Context: &mwg_vr.lock held.
 * Return: the time in nanoseconds.
 */
u64 mwg_vr_skew_ns(const struct mwg_vr *vr)
{
	return mwg_skew_ns(vr->cfg.version, vr->eff_prio,
			   mwg_vr_master_adver_ns(vr));
}

static const struct mwg_vip_list *mwg_fsm_vips(const struct mwg_vr *vr)
{
	return rcu_dereference_protected(vr->vips, lockdep_is_held(&vr->lock));
}

static void mwg_fsm_set_state(struct mwg_vr *vr, enum mwg_vrrp_state state,
			      enum mwg_vrrp_reason reason)
{
	enum mwg_vrrp_state old = vr->state;

	if (old == state)
		return;
	WRITE_ONCE(vr->state, state);
	vr->changed_at = ktime_get();
	vr->changed_real_ns = ktime_get_real_ns();
	vr->changed_from = old;
	vr->changed_reason = reason;
	vr->changed = true;
	mwg_group_note(vr, old, reason);
	trace_mwg_vrrp_state_change(vr, old, reason);
	mwg_notify_state(vr, old, reason);
}

static void mwg_fsm_announce(struct mwg_vr *vr)
{
	const struct mwg_vip_list *vips = mwg_fsm_vips(vr);
	unsigned int i;

	for (i = 0; i < vips->count; i++) {
		vr->af->announce(vr, &vips->vip[i]);
		trace_mwg_vrrp_announce(vr, &vips->vip[i].addr);
	}
}

static void mwg_fsm_start_garps(struct mwg_vr *vr)
{
	vr->garp_left = vr->cfg.garp_repeat;
	if (vr->garp_left)
		mwg_timer_garp_start(vr, vr->cfg.garp_interval_ms *
					 MWG_NSEC_PER_MSEC);
	else if (vr->cfg.garp_refresh_s)
		mwg_timer_garp_start(vr, vr->cfg.garp_refresh_s *
					 MWG_NSEC_PER_SEC);
}

static void mwg_fsm_become_master(struct mwg_vr *vr,
				  enum mwg_vrrp_reason reason)
{
	mwg_timer_master_down_stop(vr);
	mwg_send_advert(vr, vr->eff_prio);
	mwg_fsm_announce(vr);

	mwg_timer_adver_start(vr, mwg_vr_own_interval_ns(vr));
	mwg_fsm_start_garps(vr);
	vr->master_adver_cs = mwg_vr_own_cs(vr);
	rcu_read_lock();
	vr->master_known = vr->af->primary_addr(vr, &vr->master_ip);
	rcu_read_unlock();
	vr->preempt_since = 0;
	vr->stats.master_transitions++;
	vr->stats.new_master_reason = reason;
	mwg_fsm_set_state(vr, MWG_VRRP_STATE_MASTER, reason);
	mwg_addr_sync(vr);
}

static void mwg_fsm_restart_master_down(struct mwg_vr *vr)
{
	vr->mdt_is_skew = false;
	mwg_timer_master_down_start(vr, mwg_vr_master_down_ns(vr));
}

static void mwg_fsm_become_backup(struct mwg_vr *vr,
				  enum mwg_vrrp_reason reason)
{
	mwg_timer_adver_stop(vr);
	mwg_timer_garp_stop(vr);
	mwg_fsm_restart_master_down(vr);
	mwg_fsm_set_state(vr, MWG_VRRP_STATE_BACKUP, reason);
	mwg_addr_sync(vr);
}

/**
 * mwg_fsm_startup() - The Startup event: leave Initialize.
 * @vr: the VR.
 *
 * RFC 5798 6.4.1: the address owner becomes master at once, unless its
 * sync group holds it back; any other VR becomes backup, its
 * Master_Down_Timer running.  Does nothing unless the VR is alive, running
 * (link up, carrier and a primary address) and in Initialize.
 *
 * Context: &mwg_vr.lock held; softirq or BHs off.
 */
void mwg_fsm_startup(struct mwg_vr *vr)
{
	if (vr->dead || !vr->running || vr->state != MWG_VRRP_STATE_INIT)
		return;
	vr->master_adver_cs = mwg_vr_own_cs(vr);
	vr->master_known = false;
	vr->preempt_since = 0;
	if (vr->cfg.priority == MWG_VRRP_PRIO_OWNER && !mwg_group_held(vr))
		mwg_fsm_become_master(vr, MWG_VRRP_REASON_OWNER);
	else
		mwg_fsm_become_backup(vr, MWG_VRRP_REASON_STARTUP);
}

/**
 * mwg_fsm_shutdown() - The Shutdown event: go to Initialize.
 * @vr: the VR.
 * @reason: why, for the event and the log line.
 *
 * A master that can still speak on its link resigns with a priority-0
 * advert first, so that a backup takes over after Skew_Time rather than
 * Master_Down_Interval.  All three timers stop; the address work withdraws
 * the VIP addresses.
 *
 * Context: &mwg_vr.lock held; softirq or BHs off.
 */
void mwg_fsm_shutdown(struct mwg_vr *vr, enum mwg_vrrp_reason reason)
{
	if (vr->state == MWG_VRRP_STATE_INIT)
		return;
	/* Resign so that a backup takes over after Skew_Time, not MDI. */
	if (vr->state == MWG_VRRP_STATE_MASTER && vr->running)
		mwg_send_advert(vr, 0);
	mwg_timer_adver_stop(vr);
	mwg_timer_garp_stop(vr);
	mwg_timer_master_down_stop(vr);
	vr->master_known = false;
	mwg_fsm_set_state(vr, MWG_VRRP_STATE_INIT, reason);
	mwg_addr_sync(vr);
}

/**
 * mwg_fsm_config_changed() - Apply a configuration change to a master now.
 * @vr: the VR, its new configuration and effective priority in place.
 * @old: the configuration before the change, or NULL when only the
 *       effective priority moved.
 * @vips_changed: whether the VIP list was replaced.
 *
 * Everything a master does takes the change at once, not at its next
 * transition: an advert with the new priority, interval and addresses
 * leaves now and Adver_Timer restarts; new VIPs, or the same ones at
 * another MAC, are announced; the VIP addresses follow a new list or
 * accept mode; a new GARP refresh period re-arms or stops the GARP timer,
 * unless the repeats after the takeover still run.  A VR in any other
 * state uses the new values from its next timer or transition on.
 *
 * Context: &mwg_vr.lock held; softirq or BHs off.
 */
void mwg_fsm_config_changed(struct mwg_vr *vr, const struct mwg_vr_config *old,
			    bool vips_changed)
{
	if (vr->state != MWG_VRRP_STATE_MASTER)
		return;
	/* Tell the backups at once: new priority, interval or addresses. */
	vr->master_adver_cs = mwg_vr_own_cs(vr);
	mwg_send_advert(vr, vr->eff_prio);
	mwg_timer_adver_start(vr, mwg_vr_own_interval_ns(vr));
	/* New addresses, or the same ones at another MAC: teach the link. */
	if (vips_changed || (old && old->vmac != vr->cfg.vmac))
		mwg_fsm_announce(vr);
	/* Accept mode decides whether the VIPs are local addresses. */
	if (vips_changed || (old && old->accept != vr->cfg.accept))
		mwg_addr_sync(vr);
	/*
	 * A new refresh period: re-arm the GARP timer with it, or stop it.
	 * While the repeats after the takeover run (garp_left), the last one
	 * picks the new period up by itself.
	 */
	if (old && old->garp_refresh_s != vr->cfg.garp_refresh_s &&
	    !vr->garp_left) {
		if (vr->cfg.garp_refresh_s)
			mwg_timer_garp_start(vr, vr->cfg.garp_refresh_s *
						 MWG_NSEC_PER_SEC);
		else
			mwg_timer_garp_stop(vr);
	}
}

/*
 * After a split heals, the master's adverts alone put the link right when
 * they come from the virtual MAC to the group: switches learn the MAC's
 * port back, and the neighbours' entries for the VIPs never changed.
 * Unicast adverts leave from the interface's MAC instead, and without the
 * virtual MAC the neighbours hold the other master's MAC for the VIPs:
 * then only announcing the VIPs does it.
 */
static bool mwg_fsm_adverts_teach_link(const struct mwg_vr *vr)
{
	return vr->cfg.vmac && !vr->cfg.n_peers;
}

/* The VIPs in an advert against ours, as sets. */
static bool mwg_fsm_addrs_match(const struct mwg_vr *vr,
				const struct mwg_advert *adv)
{
	const struct mwg_vip_list *vips = mwg_fsm_vips(vr);
	unsigned int i, j;

	if (adv->naddrs != vips->count)
		return false;
	for (i = 0; i < vips->count; i++) {
		const u8 *mine = vips->vip[i].addr.raw;

		for (j = 0; j < adv->naddrs; j++)
			if (!memcmp(mine, adv->addrs + j * adv->addr_len,
				    adv->addr_len))
				break;
		if (j == adv->naddrs)
			return false;
	}
	return true;
}

/*
 * Preempt delay: a backup hearing a lower-priority master keeps accepting
 * it for preempt_delay_ms, counted from the first such advert, so that a
 * rebooted router settles (its links, its scanners) before it takes over.
 */
static bool mwg_fsm_preempt_now(struct mwg_vr *vr, u8 adv_prio)
{
	ktime_t now;

	if (!vr->cfg.preempt)
		return false;
	if (!vr->cfg.preempt_delay_ms || adv_prio == 0 ||
	    adv_prio >= vr->eff_prio)
		return true;
	now = ktime_get();
	if (!vr->preempt_since)
		vr->preempt_since = now;
	return ktime_ms_delta(now, vr->preempt_since) >=
	       vr->cfg.preempt_delay_ms;
}

/* Whether @addr is among the masters the VR has known. */
static bool mwg_fsm_seen(const struct mwg_vr *vr, const union mwg_addr *addr)
{
	unsigned int i;

	for (i = 0; i < vr->n_seen; i++)
		if (!mwg_addr_cmp(vr->seen[i].raw, addr->raw,
				  mwg_addr_len(vr->family)))
			return true;
	return false;
}

static void mwg_fsm_learn(struct mwg_vr *vr, const union mwg_addr *addr)
{
	if (mwg_fsm_seen(vr, addr))
		return;
	vr->seen[vr->seen_next] = *addr;
	vr->seen_next = (vr->seen_next + 1) % MWG_VR_SEEN_MAX;
	if (vr->n_seen < MWG_VR_SEEN_MAX)
		vr->n_seen++;
}

/*
 * The seed's threat: any node of the segment can claim the VIPs.  Without
 * an allow list nothing can tell a rogue from a new director for sure, but
 * two adverts deserve an operator's look: one that takes mastership (from
 * us, or from the master a backup follows) for a source this VR never knew
 * as a master, and one that claims the owner's priority for addresses we
 * own.  The first master a backup hears is learned quietly.
 */
static void mwg_fsm_check_rogue(struct mwg_vr *vr,
				const struct mwg_advert *adv,
				const union mwg_addr *sender, const u8 *mac,
				enum mwg_advert_action act)
{
	bool displaces;

	if (vr->cfg.priority == MWG_VRRP_PRIO_OWNER &&
	    adv->priority == MWG_VRRP_PRIO_OWNER) {
		mwg_notify_rogue(vr, sender, mac, adv->priority,
				 MWG_VRRP_ROGUE_OWNER_CLAIM);
		return;
	}
	displaces = act == MWG_ACT_MASTER_YIELD ||
		    (act == MWG_ACT_BACKUP_ACCEPT && vr->master_known &&
		     mwg_addr_cmp(sender->raw, vr->master_ip.raw,
				  adv->addr_len));
	if (displaces && !mwg_fsm_seen(vr, sender))
		mwg_notify_rogue(vr, sender, mac, adv->priority,
				 MWG_VRRP_ROGUE_UNSEEN);
	if (act == MWG_ACT_BACKUP_ACCEPT || act == MWG_ACT_MASTER_YIELD)
		mwg_fsm_learn(vr, sender);
}

/**
 * mwg_fsm_rx_advert() - Act on a valid advert for the VR.
 * @vr: the VR of the advert's VRID and family.
 * @adv: the parsed advert.
 * @sender: its source address.
 * @mac: its source MAC, or NULL when unknown; for rogue reports.
 *
 * Counts it.  An address list other than ours is counted and logged, and
 * under VRRPv2 dropped unless it comes from the owner; a VRRPv2 interval
 * other than ours is dropped; our own advert, looped back, is ignored.
 * Otherwise mwg_decide_advert() chooses the action (RFC 5798 6.4.2,
 * 6.4.3), which is carried out after a possible rogue master is reported.
 *
 * Context: &mwg_vr.lock held; softirq (receive).
 */
void mwg_fsm_rx_advert(struct mwg_vr *vr, const struct mwg_advert *adv,
		       const union mwg_addr *sender, const u8 *mac)
{
	enum mwg_advert_action act;
	union mwg_addr primary;
	int cmp = -1;

	vr->stats.rcvd_advertisements++;
	if (adv->priority == 0)
		vr->stats.rcvd_pri_zero_packets++;

	if (!mwg_fsm_addrs_match(vr, adv)) {
		vr->stats.address_list_errors++;
		net_info_ratelimited("%s vrid %u: address list differs from the sender's\n",
				     vr->dev->name, vr->vrid);
		/* RFC 3768 drops it, unless the sender owns the addresses. */
		if (vr->cfg.version == 2 &&
		    adv->priority != MWG_VRRP_PRIO_OWNER)
			return;
	}
	if (vr->cfg.version == 2 && adv->interval_cs != mwg_vr_own_cs(vr)) {
		vr->stats.adv_interval_errors++;
		net_info_ratelimited("%s vrid %u: advert interval differs\n",
				     vr->dev->name, vr->vrid);
		return;
	}
	if (vr->state == MWG_VRRP_STATE_INIT)
		return;

	rcu_read_lock();
	if (vr->af->primary_addr(vr, &primary))
		cmp = mwg_addr_cmp(sender->raw, primary.raw, adv->addr_len);
	rcu_read_unlock();
	if (cmp == 0)
		return;		/* our own advert, looped back */

	act = mwg_decide_advert((enum mwg_fsm_state)vr->state, vr->eff_prio,
				mwg_fsm_preempt_now(vr, adv->priority),
				adv->priority, cmp);
	trace_mwg_vrrp_advert_rx(vr, adv->priority, sender, act);
	mwg_fsm_check_rogue(vr, adv, sender, mac, act);
	switch (act) {
	case MWG_ACT_BACKUP_SKEW:
		vr->mdt_is_skew = true;
		mwg_timer_master_down_start(vr, mwg_vr_skew_ns(vr));
		break;
	case MWG_ACT_BACKUP_ACCEPT:
		if (adv->priority >= vr->eff_prio)
			vr->preempt_since = 0;
		vr->master_adver_cs = adv->interval_cs;
		vr->master_ip = *sender;
		vr->master_known = true;
		mwg_fsm_restart_master_down(vr);
		break;
	case MWG_ACT_MASTER_REASSERT:
		mwg_send_advert(vr, vr->eff_prio);
		mwg_timer_adver_start(vr, mwg_vr_own_interval_ns(vr));
		/* Another master heard: a healing split, see below. */
		if (!mwg_fsm_adverts_teach_link(vr) && adv->priority)
			mwg_fsm_announce(vr);
		break;
	case MWG_ACT_MASTER_YIELD:
		/*
		 * The other master may never hear us as master (we yield
		 * before our next advert): one more advert lets it announce
		 * the VIPs where our adverts did not keep the link's view.
		 */
		if (!mwg_fsm_adverts_teach_link(vr))
			mwg_send_advert(vr, vr->eff_prio);
		vr->master_adver_cs = adv->interval_cs;
		vr->master_ip = *sender;
		vr->master_known = true;
		mwg_fsm_become_backup(vr, MWG_VRRP_REASON_PREEMPTED);
		break;
	case MWG_ACT_DISCARD:
		break;
	}
}

/**
 * mwg_fsm_adver_expired() - Adver_Timer expired: send the periodic advert.
 * @vr: the VR.
 *
 * Context: &mwg_vr.lock held; softirq (the timer's callback in timers.c).
 * Return: true when the VR is master, the advert sent and the timer to run
 * again; false otherwise.
 */
bool mwg_fsm_adver_expired(struct mwg_vr *vr)
{
	if (vr->state != MWG_VRRP_STATE_MASTER)
		return false;
	mwg_send_advert(vr, vr->eff_prio);
	return true;
}

/**
 * mwg_fsm_master_down_expired() - Master_Down_Timer expired: take over.
 * @vr: the VR.
 *
 * A backup becomes master, for reason priority_zero when the timer ran for
 * Skew_Time after a priority-0 advert, master_down otherwise.  While
 * another member of its sync group holds the group out of master, it
 * restarts the timer instead, as if it had heard the master.
 *
 * Context: &mwg_vr.lock held; softirq (the timer's callback in timers.c).
 */
void mwg_fsm_master_down_expired(struct mwg_vr *vr)
{
	if (vr->state != MWG_VRRP_STATE_BACKUP)
		return;
	if (mwg_group_held(vr)) {
		/* A member of its group is down: wait, as if heard again. */
		mwg_fsm_restart_master_down(vr);
		return;
	}
	mwg_fsm_become_master(vr, vr->mdt_is_skew ?
				  MWG_VRRP_REASON_PRIORITY_ZERO :
				  MWG_VRRP_REASON_MASTER_DOWN);
}

/**
 * mwg_fsm_bfd_down() - A BFD session went Down: was it the master's?
 * @vr: a VR of the session's interface and family.
 * @peer: the session's peer.
 *
 * If @peer is the master this backup listens to (or the peer the operator
 * named for it), the master is gone, and waiting out Master_Down_Timer
 * would only lengthen the outage: the same takeover as the timer's, for
 * reason bfd_down.  Only a VR with track_bfd set, and not while its sync
 * group holds it back.
 *
 * Context: &mwg_vr.lock held; softirq, from mwg_router_bfd_down().
 */
void mwg_fsm_bfd_down(struct mwg_vr *vr, const union mwg_addr *peer)
{
	const union mwg_addr *tracked = vr->cfg.bfd_peer_set ?
					&vr->cfg.bfd_peer : &vr->master_ip;

	if (vr->dead || !vr->cfg.track_bfd ||
	    vr->state != MWG_VRRP_STATE_BACKUP ||
	    (!vr->cfg.bfd_peer_set && !vr->master_known) ||
	    memcmp(tracked->raw, peer->raw, mwg_addr_len(vr->family)) ||
	    mwg_group_held(vr))
		return;
	mwg_fsm_become_master(vr, MWG_VRRP_REASON_BFD_DOWN);
}

/**
 * mwg_fsm_group_down() - Another member of the sync group left master.
 * @vr: a member of the group.
 *
 * A master resigns with it: a priority-0 advert, where its link can carry
 * one, lets the peer's member take over in Skew_Time; then it becomes
 * backup for reason group, which is not passed on again.
 *
 * Context: &mwg_vr.lock held and no other VR's lock; softirq or BHs off.
 */
void mwg_fsm_group_down(struct mwg_vr *vr)
{
	if (vr->dead || vr->state != MWG_VRRP_STATE_MASTER)
		return;
	/* Priority 0: the peer's member takes over in Skew_Time. */
	if (vr->running)
		mwg_send_advert(vr, 0);
	mwg_fsm_become_backup(vr, MWG_VRRP_REASON_GROUP);
}

/**
 * mwg_fsm_group_up() - Another member of the sync group became master.
 * @vr: a member of the group.
 *
 * A backup takes over with it at once, for reason group: the group takes
 * over as one.
 *
 * Context: &mwg_vr.lock held and no other VR's lock; softirq or BHs off.
 */
void mwg_fsm_group_up(struct mwg_vr *vr)
{
	if (vr->dead || vr->state != MWG_VRRP_STATE_BACKUP)
		return;
	mwg_fsm_become_master(vr, MWG_VRRP_REASON_GROUP);
}

/**
 * mwg_fsm_garp_expired() - The GARP timer expired: announce the VIPs again.
 * @vr: the VR.
 * @next_ns: set to the time to the next expiry, when there is one.
 *
 * The garp_repeat announcements that follow the takeover's own,
 * garp_interval_ms apart, then one every garp_refresh_s if that is set.
 *
 * Context: &mwg_vr.lock held; softirq (the timer's callback in timers.c).
 * Return: true when the timer is to run again after @next_ns.
 */
bool mwg_fsm_garp_expired(struct mwg_vr *vr, u64 *next_ns)
{
	if (vr->state != MWG_VRRP_STATE_MASTER)
		return false;
	mwg_fsm_announce(vr);
	if (vr->garp_left)
		vr->garp_left--;
	if (vr->garp_left)
		*next_ns = vr->cfg.garp_interval_ms * MWG_NSEC_PER_MSEC;
	else if (vr->cfg.garp_refresh_s)
		*next_ns = vr->cfg.garp_refresh_s * MWG_NSEC_PER_SEC;
	else
		return false;
	return true;
}
