/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MWG_RECEIVE_H
#define _MWG_RECEIVE_H

int mwg_receive_init(void);
void mwg_receive_exit(void);

#endif /* _MWG_RECEIVE_H */
