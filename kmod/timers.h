/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The three hrtimers of a VR.  The rest of the module calls these hooks and
 * never the hrtimer API; see timers.c for the list.
 */
#ifndef _MWG_TIMERS_H
#define _MWG_TIMERS_H

#include "vrrp.h"

void mwg_timers_init(struct mwg_vr *vr);

void mwg_timer_adver_start(struct mwg_vr *vr, u64 ns);
void mwg_timer_adver_stop(struct mwg_vr *vr);
void mwg_timer_master_down_start(struct mwg_vr *vr, u64 ns);
void mwg_timer_master_down_stop(struct mwg_vr *vr);
void mwg_timer_garp_start(struct mwg_vr *vr, u64 ns);
void mwg_timer_garp_stop(struct mwg_vr *vr);

void mwg_timers_cancel_sync(struct mwg_vr *vr);

#endif /* _MWG_TIMERS_H */
