// SPDX-License-Identifier: GPL-2.0
/*
 * Timers of a virtual router, all hrtimers expiring in softirq context
 * (HRTIMER_MODE_*_SOFT) so that they serialise with packet receive on
 * vr->lock without disabling hard interrupts:
 *
 *   adver_timer        Master: Adver_Timer, sends the periodic advert.  It
 *                      is re-armed from its own expiry time, not from "now",
 *                      so a late expiry does not delay all later adverts.
 *   master_down_timer  Backup: Master_Down_Timer (MDI, or Skew_Time after a
 *                      priority-0 advert).  Expiry is the takeover.
 *   garp_timer         Master: repeated and periodic gratuitous ARP / NA.
 *
 * Every arm goes through mwg_timer_arm(), which refuses once the VR is dead,
 * so mwg_timers_cancel_sync() after the VR was marked dead is final.
 *
 * A callback may wait for vr->lock while the holder re-arms the same timer
 * (an advert restarting Master_Down_Timer as it expires).  The callback
 * then finds its timer queued again: that newer deadline wins and the
 * stale expiry is ignored (mwg_timer_superseded()).
 */
#include <linux/hrtimer.h>
#include <linux/ktime.h>

#include "fsm.h"
#include "group.h"
#include "timers.h"
#include "trace.h"

/* The name of @timer for the tracepoints. */
static int mwg_timer_which(const struct mwg_vr *vr,
			   const struct hrtimer *timer)
{
	if (timer == &vr->adver_timer)
		return MWG_TRACE_ADVER;
	if (timer == &vr->garp_timer)
		return MWG_TRACE_GARP;
	return vr->mdt_is_skew ? MWG_TRACE_SKEW : MWG_TRACE_MASTER_DOWN;
}

static void mwg_timer_arm(struct mwg_vr *vr, struct hrtimer *timer, u64 ns)
{
	lockdep_assert_held(&vr->lock);
	if (vr->dead)
		return;
	hrtimer_start(timer, ns_to_ktime(ns), HRTIMER_MODE_REL_SOFT);
	trace_mwg_vrrp_timer_arm(vr, mwg_timer_which(vr, timer), ns);
}

/* Under vr->lock, from a callback that is not superseded. */
static void mwg_timer_trace_expiry(struct mwg_vr *vr, struct hrtimer *timer)
{
	trace_mwg_vrrp_timer_expire(vr, mwg_timer_which(vr, timer), timer);
}

/*
 * Called with vr->lock held, possibly by the timer's own callback running
 * on another CPU and waiting for that lock: only try to cancel here; a
 * callback that then runs finds the state changed and does nothing.
 */
static void mwg_timer_disarm(struct mwg_vr *vr, struct hrtimer *timer)
{
	lockdep_assert_held(&vr->lock);
	hrtimer_try_to_cancel(timer);
}

static bool mwg_timer_superseded(struct mwg_vr *vr, struct hrtimer *timer)
{
	return vr->dead || hrtimer_is_queued(timer);
}

/**
 * mwg_timer_adver_start() - Arm Adver_Timer.
 * @vr: the VR.
 * @ns: the time from now, in nanoseconds.
 *
 * Starting an armed timer moves it; a dead VR's timer is not armed.
 *
 * Context: &mwg_vr.lock held.
 */
void mwg_timer_adver_start(struct mwg_vr *vr, u64 ns)
{
	mwg_timer_arm(vr, &vr->adver_timer, ns);
}

/**
 * mwg_timer_adver_stop() - Stop Adver_Timer.
 * @vr: the VR.
 *
 * Only tries to: the callback may be waiting for the lock the caller holds,
 * and then finds nothing to do.
 *
 * Context: &mwg_vr.lock held.
 */
void mwg_timer_adver_stop(struct mwg_vr *vr)
{
	mwg_timer_disarm(vr, &vr->adver_timer);
}

/**
 * mwg_timer_master_down_start() - Arm Master_Down_Timer.
 * @vr: the VR.
 * @ns: the time from now, in nanoseconds.
 *
 * Starting an armed timer moves it; a dead VR's timer is not armed.
 *
 * Context: &mwg_vr.lock held.
 */
void mwg_timer_master_down_start(struct mwg_vr *vr, u64 ns)
{
	mwg_timer_arm(vr, &vr->master_down_timer, ns);
}

/**
 * mwg_timer_master_down_stop() - Stop Master_Down_Timer.
 * @vr: the VR.
 *
 * Only tries to: the callback may be waiting for the lock the caller holds,
 * and then finds nothing to do.
 *
 * Context: &mwg_vr.lock held.
 */
void mwg_timer_master_down_stop(struct mwg_vr *vr)
{
	mwg_timer_disarm(vr, &vr->master_down_timer);
}

/**
 * mwg_timer_garp_start() - Arm the GARP timer.
 * @vr: the VR.
 * @ns: the time from now, in nanoseconds.
 *
 * Starting an armed timer moves it; a dead VR's timer is not armed.
 *
 * Context: &mwg_vr.lock held.
 */
void mwg_timer_garp_start(struct mwg_vr *vr, u64 ns)
{
	mwg_timer_arm(vr, &vr->garp_timer, ns);
}

/**
 * mwg_timer_garp_stop() - Stop the GARP timer.
 * @vr: the VR.
 *
 * Only tries to: the callback may be waiting for the lock the caller holds,
 * and then finds nothing to do.
 *
 * Context: &mwg_vr.lock held.
 */
void mwg_timer_garp_stop(struct mwg_vr *vr)
{
	mwg_timer_disarm(vr, &vr->garp_timer);
}

static enum hrtimer_restart mwg_adver_timer_fn(struct hrtimer *timer)
{
	struct mwg_vr *vr = container_of(timer, struct mwg_vr, adver_timer);
	enum hrtimer_restart ret = HRTIMER_NORESTART;

	spin_lock(&vr->lock);
	if (mwg_timer_superseded(vr, timer))
		goto unlock;
	mwg_timer_trace_expiry(vr, timer);
	if (mwg_fsm_adver_expired(vr)) {
		u64 ns = mwg_interval_to_ns(vr->cfg.version,
					    vr->master_adver_cs);

		hrtimer_forward_now(timer, ns_to_ktime(ns));
		ret = HRTIMER_RESTART;
	}
unlock:
	spin_unlock(&vr->lock);
	return ret;
}

static enum hrtimer_restart mwg_master_down_timer_fn(struct hrtimer *timer)
{
	struct mwg_vr *vr = container_of(timer, struct mwg_vr,
					 master_down_timer);

	spin_lock(&vr->lock);
	if (!mwg_timer_superseded(vr, timer)) {
		mwg_timer_trace_expiry(vr, timer);
		mwg_fsm_master_down_expired(vr);
	}
	mwg_group_unlock(vr);
	return HRTIMER_NORESTART;
}

static enum hrtimer_restart mwg_garp_timer_fn(struct hrtimer *timer)
{
	struct mwg_vr *vr = container_of(timer, struct mwg_vr, garp_timer);
	enum hrtimer_restart ret = HRTIMER_NORESTART;
	u64 ns;

	spin_lock(&vr->lock);
	if (mwg_timer_superseded(vr, timer))
		goto unlock;
	mwg_timer_trace_expiry(vr, timer);
	if (mwg_fsm_garp_expired(vr, &ns)) {
		hrtimer_forward_now(timer, ns_to_ktime(ns));
		ret = HRTIMER_RESTART;
	}
unlock:
	spin_unlock(&vr->lock);
	return ret;
}

/**
 * mwg_timers_init() - Initialise the VR's three hrtimers.
 * @vr: the new VR.
 *
 * All of them expire in softirq (HRTIMER_MODE_REL_SOFT), where they
 * serialise with receive on &mwg_vr.lock without disabling hard
 * interrupts.
 */
void mwg_timers_init(struct mwg_vr *vr)
{
	hrtimer_init(&vr->adver_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	vr->adver_timer.function = mwg_adver_timer_fn;
	hrtimer_init(&vr->master_down_timer, CLOCK_MONOTONIC,
		     HRTIMER_MODE_REL_SOFT);
	vr->master_down_timer.function = mwg_master_down_timer_fn;
	hrtimer_init(&vr->garp_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	vr->garp_timer.function = mwg_garp_timer_fn;
}

/**
 * mwg_timers_cancel_sync() - Cancel the VR's timers for good.
 * @vr: the VR, marked dead.
 *
 * Waits for a running callback to finish.  For good, because a dead VR's
 * timers are never armed again.
 *
 * Context: Process context, without &mwg_vr.lock, which a callback may be
 * waiting for.
 */
void mwg_timers_cancel_sync(struct mwg_vr *vr)
{
	hrtimer_cancel(&vr->adver_timer);
	hrtimer_cancel(&vr->master_down_timer);
	hrtimer_cancel(&vr->garp_timer);
}
