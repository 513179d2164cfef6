// SPDX-License-Identifier: GPL-2.0
/*
 * Logging to stderr (foreground, tests) or syslog (daemon).  Debug lines
 * are dropped here rather than at each caller.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "mwgd.h"

static bool log_stderr = true;
static bool log_debug;

void mwgd_log_open(bool to_stderr, bool debug)
{
	log_stderr = to_stderr;
	log_debug = debug;
	if (!to_stderr)
		openlog("mwgd", LOG_PID, LOG_DAEMON);
}

void mwgd_log(int level, const char *fmt, ...)
{
	static const char *const names[] = {
		[LOG_ERR] = "error", [LOG_WARNING] = "warning",
		[LOG_NOTICE] = "notice", [LOG_INFO] = "info",
		[LOG_DEBUG] = "debug",
	};
	va_list ap;

	if (level == LOG_DEBUG && !log_debug)
		return;
	va_start(ap, fmt);
	if (log_stderr) {
		struct timespec ts;

		/* Monotonic seconds: enough to read timings off a test log. */
		clock_gettime(CLOCK_MONOTONIC, &ts);
		fprintf(stderr, "mwgd[%ld.%03ld] %s: ", (long)ts.tv_sec,
			ts.tv_nsec / 1000000,
			level <= LOG_DEBUG && names[level] ? names[level] : "log");
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	} else {
		vsyslog(level, fmt, ap);
	}
	va_end(ap);
}
