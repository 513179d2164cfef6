/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MWG_SYSFS_H
#define _MWG_SYSFS_H

#include "vrrp.h"

int mwg_sysfs_vr_add(struct mwg_vr *vr);

#endif /* _MWG_SYSFS_H */
