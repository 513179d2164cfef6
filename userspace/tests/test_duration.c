// SPDX-License-Identifier: GPL-2.0
/*
 * Durations with units, as mwgctl and mwgd.conf take them: a bare number
 * keeps the key's unit (ms or s), "300ms", "5s", "2m", "1h" name theirs.
 */
#include <errno.h>
#include <string.h>

#include "args.h"
#include "confvalue.h"
#include "tap.h"

static void one(const char *text, unsigned long unit_ms, int want_rc,
		uint64_t want)
{
	uint64_t v = 0;
	int rc = parse_duration(text, unit_ms, &v);

	tap_ok(rc == want_rc && (rc || v == want),
	       "\"%s\" in units of %lu ms: rc %d value %llu", text, unit_ms,
	       rc, (unsigned long long)v);
}

static void conf(const char *text, unsigned long unit_ms, unsigned long min,
		 unsigned long max, const char *want_err, unsigned long want)
{
	unsigned long v = 0;
	char err[200] = "";
	int rc = mwgd_parse_duration(text, unit_ms, min, max, &v, err,
				     sizeof(err));

	if (want_err)
		tap_ok(rc < 0 && strstr(err, want_err),
		       "mwgd.conf \"%s\" refused: %s", text, err);
	else
		tap_ok(rc == 0 && v == want, "mwgd.conf \"%s\" is %lu", text, v);
}

int main(void)
{
	tap_start();

	one("100", 1, 0, 100);
	one("100ms", 1, 0, 100);
	one("2s", 1, 0, 2000);
	one("2m", 1, 0, 120000);
	one("1h", 1, 0, 3600000);
	one("90", 1000, 0, 90);
	one("90s", 1000, 0, 90);
	one("2m", 1000, 0, 120);
	one("3000ms", 1000, 0, 3);
	one("1500ms", 1000, -EDOM, 0);
	one("5x", 1, -EINVAL, 0);
	one("s", 1, -EINVAL, 0);
	one("", 1, -EINVAL, 0);
	one("-5", 1, -EINVAL, 0);
	one(" 5", 1, -EINVAL, 0);
	one("5 s", 1, -EINVAL, 0);
	one("18446744073709551615h", 1, -ERANGE, 0);
	one("99999999999999999999999", 1, -ERANGE, 0);

	conf("250", 1, 10, 60000, NULL, 250);
	conf("2s", 1, 10, 60000, NULL, 2000);
	conf("2m", 1, 10, 60000, "out of range 10..60000ms", 0);
	conf("5ms", 1, 10, 60000, "out of range", 0);
	conf("1m", 1000, 1, 3600, NULL, 60);
	conf("1500ms", 1000, 1, 3600, "not a whole number of seconds", 0);
	conf("soon", 1000, 1, 3600, "not a duration", 0);

	return tap_done();
}
