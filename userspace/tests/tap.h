/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal TAP producer for the host unit tests.  The plan ("1..N") is
 * printed at the end, which TAP allows, so a test never has to count its
 * checks by hand.  main() ends with "return tap_done();".
 */
#ifndef MWG_TAP_H
#define MWG_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static inline void tap_start(void)
{
	printf("TAP version 13\n");
}

static inline bool __attribute__((format(printf, 2, 3)))
tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

/* Compare strings, showing both as TAP diagnostics when they differ. */
static inline bool tap_str_eq(const char *got, const char *want,
			      const char *name)
{
	bool same = got && want && strcmp(got, want) == 0;

	tap_ok(same, "%s", name);
	if (!same) {
		printf("#   got:  %s\n", got ? got : "(null)");
		printf("#   want: %s\n", want ? want : "(null)");
	}
	return same;
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif /* MWG_TAP_H */
