/* SPDX-License-Identifier: GPL-2.0 */
/* VIPs as local addresses of a master in accept mode. */
#ifndef _MWG_ADDR_H
#define _MWG_ADDR_H

#include "vrrp.h"

void mwg_addr_sync(struct mwg_vr *vr);
void mwg_addr_work(struct work_struct *work);
void mwg_addr_withdraw_all(struct mwg_vr *vr);

#endif /* _MWG_ADDR_H */
