/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MWG_SEND_H
#define _MWG_SEND_H

#include "vrrp.h"

void mwg_send_advert(struct mwg_vr *vr, u8 priority);

#endif /* _MWG_SEND_H */
