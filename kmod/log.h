/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MWG_LOG_H
#define _MWG_LOG_H

#include <linux/compiler.h>

__printf(1, 2) void mwg_log_deferred(const char *fmt, ...);
void mwg_log_exit(void);

#endif /* _MWG_LOG_H */
