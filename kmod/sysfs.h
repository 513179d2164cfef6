/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MWG_SYSFS_H
#define _MWG_SYSFS_H

#include "vrrp.h"

/* Initialise vr->kobj and add /sys/class/net/<dev>/mwg_vrrp/<vrid>. */
int mwg_sysfs_vr_add(struct mwg_vr *vr);

#endif /* _MWG_SYSFS_H */
