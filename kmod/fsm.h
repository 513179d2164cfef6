/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RFC 5798 state machine of one VR.  Every function here is called with
 * vr->lock held, from softirq (receive, timers) or with BHs disabled.
 */
#ifndef _MWG_FSM_H
#define _MWG_FSM_H

#include "vrrp.h"

void mwg_fsm_startup(struct mwg_vr *vr);
void mwg_fsm_shutdown(struct mwg_vr *vr, enum mwg_vrrp_reason reason);
void mwg_fsm_config_changed(struct mwg_vr *vr, const struct mwg_vr_config *old,
			    bool vips_changed);
void mwg_fsm_rx_advert(struct mwg_vr *vr, const struct mwg_advert *adv,
		       const union mwg_addr *sender, const u8 *mac);

bool mwg_fsm_adver_expired(struct mwg_vr *vr);
void mwg_fsm_master_down_expired(struct mwg_vr *vr);
bool mwg_fsm_garp_expired(struct mwg_vr *vr, u64 *next_ns);

void mwg_fsm_bfd_down(struct mwg_vr *vr, const union mwg_addr *peer);

void mwg_fsm_group_down(struct mwg_vr *vr);
void mwg_fsm_group_up(struct mwg_vr *vr);

u64 mwg_vr_master_down_ns(const struct mwg_vr *vr);
u64 mwg_vr_skew_ns(const struct mwg_vr *vr);

#endif /* _MWG_FSM_H */
