/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MWG_LOG_H
#define _MWG_LOG_H

#include <linux/compiler.h>

/*
 * pr_info() for the takeover path: the line is formatted at once (any
 * context), rate-limited as net_info_ratelimited() is, and written to the
 * log later by a work item, in the order the lines were queued.
 */
__printf(1, 2) void mwg_log_deferred(const char *fmt, ...);

/* Writes what is still queued; once no VR is left to queue more. */
void mwg_log_exit(void);

#endif /* _MWG_LOG_H */
