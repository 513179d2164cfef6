// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD shim for the host tests: the wall clock (time(),
 * gettimeofday(), clock_gettime(CLOCK_REALTIME)) moved by
 * $MWG_CLOCK_SHIFT_S seconds, so that a daemon can be restarted "with its
 * clock set back" without touching the host's clock.  The monotonic clock
 * is left alone.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static long shift_s(void)
{
	const char *s = getenv("MWG_CLOCK_SHIFT_S");

	return s ? strtol(s, NULL, 10) : 0;
}

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	static int (*real)(clockid_t, struct timespec *);
	int rc;

	if (!real)
		real = (int (*)(clockid_t, struct timespec *))
			dlsym(RTLD_NEXT, "clock_gettime");
	rc = real(clk, ts);
	if (!rc && (clk == CLOCK_REALTIME || clk == CLOCK_REALTIME_COARSE))
		ts->tv_sec += shift_s();
	return rc;
}

int gettimeofday(struct timeval *tv, void *tz)
{
	struct timespec ts;

	(void)tz;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
}

time_t time(time_t *t)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}
