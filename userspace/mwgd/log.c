// SPDX-License-Identifier: GPL-2.0
/*
 * Logging: to stderr (foreground, tests), to syslog (a daemon), or to the
 * systemd journal with structured fields.  Debug lines are dropped here
 * rather than at each caller.
 *
 * Under systemd, stderr is usually a stream to the journal, told by
 * $JOURNAL_STREAM ("DEV:INODE" of that stream): "log = auto" then writes
 * to the journal directly, so that an event's fields (MWG_VR, MWG_STATE,
 * MWG_REASON) can be searched with journalctl; "log = stderr" there
 * prefixes each line with its priority as "<4>" (sd-daemon(3)) instead of
 * a timestamp the journal already keeps.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <systemd/sd-journal.h>
#include <time.h>
#include <unistd.h>

#include "mwgd.h"

enum log_target {
	LOG_TO_STDERR,
	LOG_TO_STDERR_JOURNAL,	/* stderr is the journal: "<N>" prefixes */
	LOG_TO_SYSLOG,
	LOG_TO_JOURNAL,
};

static enum log_target log_target = LOG_TO_STDERR;
static bool log_debug;

bool mwgd_log_stderr_is_journal(void)
{
	const char *stream = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (!stream || sscanf(stream, "%llu:%llu", &dev, &ino) != 2 ||
	    fstat(STDERR_FILENO, &st) < 0)
		return false;
	return st.st_dev == dev && st.st_ino == ino;
}

void mwgd_log_open(enum mwgd_log_to to, bool foreground, bool debug)
{
	bool journal = mwgd_log_stderr_is_journal();

	log_debug = debug;
	switch (to) {
	case MWGD_LOG_STDERR:
		log_target = journal ? LOG_TO_STDERR_JOURNAL : LOG_TO_STDERR;
		break;
	case MWGD_LOG_SYSLOG:
		log_target = LOG_TO_SYSLOG;
		break;
	case MWGD_LOG_JOURNAL:
		log_target = LOG_TO_JOURNAL;
		break;
	case MWGD_LOG_AUTO:
		log_target = journal ? LOG_TO_JOURNAL :
			     foreground ? LOG_TO_STDERR : LOG_TO_SYSLOG;
		break;
	}
	if (log_target == LOG_TO_SYSLOG)
		openlog("mwgd", LOG_PID, LOG_DAEMON);
}

static const char *level_name(int level)
{
	static const char *const names[] = {
		[LOG_ERR] = "error", [LOG_WARNING] = "warning",
		[LOG_NOTICE] = "notice", [LOG_INFO] = "info",
		[LOG_DEBUG] = "debug",
	};

	return level >= 0 && level <= LOG_DEBUG && names[level] ?
	       names[level] : "log";
}

/* One event: the message and, for the journal, its fields. */
static void log_event(int level, const struct mwgd_log_fields *f,
		      const char *fmt, va_list ap)
{
	char msg[1024];
	struct timespec ts;

	if (level == LOG_DEBUG && !log_debug)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	switch (log_target) {
	case LOG_TO_STDERR:
		/* Monotonic seconds: enough to read timings off a test log. */
		clock_gettime(CLOCK_MONOTONIC, &ts);
		fprintf(stderr, "mwgd: %ld.%03ld %s: %s\n", (long)ts.tv_sec,
			ts.tv_nsec / 1000000, level_name(level), msg);
		break;
	case LOG_TO_STDERR_JOURNAL:
		fprintf(stderr, "<%d>mwgd: %s: %s\n", level, level_name(level),
			msg);
		break;
	case LOG_TO_SYSLOG:
		syslog(level, "%s", msg);
		break;
	case LOG_TO_JOURNAL:
		if (f)
			sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%d", level,
					"SYSLOG_IDENTIFIER=mwgd",
					"MWG_VR=%s", f->vr,
					"MWG_STATE=%s", f->state,
					"MWG_OLD_STATE=%s", f->old_state,
					"MWG_REASON=%s", f->reason, NULL);
		else
			sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%d", level,
					"SYSLOG_IDENTIFIER=mwgd", NULL);
		break;
	}
}

void mwgd_log(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_event(level, NULL, fmt, ap);
	va_end(ap);
}

void mwgd_log_with(int level, const struct mwgd_log_fields *fields,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_event(level, fields, fmt, ap);
	va_end(ap);
}
