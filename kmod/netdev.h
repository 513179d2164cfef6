/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MWG_NETDEV_H
#define _MWG_NETDEV_H

int mwg_netdev_init(void);
void mwg_netdev_exit(void);

#endif /* _MWG_NETDEV_H */
