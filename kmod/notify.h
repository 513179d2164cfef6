/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MWG_NOTIFY_H
#define _MWG_NOTIFY_H

#include "vrrp.h"

void mwg_notify_state(struct mwg_vr *vr, enum mwg_vrrp_state old,
		      enum mwg_vrrp_reason reason);
void mwg_notify_rogue(struct mwg_vr *vr, const union mwg_addr *sender,
		      const u8 *mac, u8 priority, enum mwg_vrrp_rogue why);
const char *mwg_state_name(enum mwg_vrrp_state state);
const char *mwg_reason_name(enum mwg_vrrp_reason reason);

#endif /* _MWG_NOTIFY_H */
