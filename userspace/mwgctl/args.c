// SPDX-License-Identifier: GPL-2.0
/*
 * Keyword/value argument scanning for mwgctl.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

void args_init(struct args *a, int argc, char **argv, bool no_check)
{
	memset(a, 0, sizeof(*a));
	a->argc = argc;
	a->argv = argv;
	a->no_check = no_check;
}

int args_error(struct args *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->err, sizeof(a->err), fmt, ap);
	va_end(ap);
	return -1;
}

const char *args_value(struct args *a, const char *kw)
{
	const char *v = args_next(a);

	if (!v)
		args_error(a, "\"%s\" needs a value", kw);
	return v;
}

int parse_uint(const char *text, uint64_t *out)
{
	unsigned long long v;
	char *end;

	/* strtoull accepts " 5", "+5" and "-5" (as a huge number): refuse. */
	if (*text < '0' || *text > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || *end)
		return -EINVAL;
	*out = v;
	return 0;
}

int parse_duration(const char *text, unsigned long unit_ms, uint64_t *out)
{
	static const struct {
		const char *suffix;
		unsigned long ms;
	} units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "m", 60000 }, { "h", 3600000 },
	};
	unsigned long long n, mult = unit_ms;
	unsigned int i;
	char *end;

	if (*text < '0' || *text > '9')
		return -EINVAL;
	errno = 0;
	n = strtoull(text, &end, 10);
	if (errno)
		return -ERANGE;
	if (*end) {
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (!strcmp(end, units[i].suffix))
				break;
		if (i == sizeof(units) / sizeof(units[0]))
			return -EINVAL;
		mult = units[i].ms;
	}
	if (n > ULLONG_MAX / mult)
		return -ERANGE;
	if (n * mult % unit_ms)
		return -EDOM;
	*out = n * mult / unit_ms;
	return 0;
}

int args_duration(struct args *a, const char *kw, unsigned long unit_ms,
		  uint64_t min, uint64_t max, uint64_t width_max,
		  uint64_t *out)
{
	const char *unit = unit_ms == 1 ? "ms" : "s";
	const char *v = args_value(a, kw);
	int rc;

	if (!v)
		return -1;
	rc = parse_duration(v, unit_ms, out);
	if (rc == -EINVAL)
		return args_error(a, "invalid %s \"%s\": not a duration (a number of %s, or with a unit: ms, s, m, h)",
				  kw, v, unit);
	if (rc == -EDOM)
		return args_error(a, "invalid %s \"%s\": not a whole number of %s",
				  kw, v, unit_ms == 1 ? "milliseconds" : "seconds");
	if (rc < 0 || *out > width_max)
		return args_error(a, "invalid %s \"%s\": does not fit in 32 bits of %s",
				  kw, v, unit);
	if (!a->no_check && (*out < min || *out > max))
		return args_error(a, "invalid %s \"%s\": must be %llu..%llu %s",
				  kw, v, (unsigned long long)min,
				  (unsigned long long)max, unit);
	return 0;
}

int args_uint(struct args *a, const char *kw, uint64_t min, uint64_t max,
	      uint64_t width_max, uint64_t *out)
{
	const char *v = args_value(a, kw);

	if (!v)
		return -1;
	if (parse_uint(v, out) < 0)
		return args_error(a, "invalid %s \"%s\": not a number", kw, v);
	if (*out > width_max)
		return args_error(a, "invalid %s \"%s\": does not fit in %s",
				  kw, v, width_max == UINT8_MAX ? "8 bits" :
				  width_max == UINT16_MAX ? "16 bits" :
				  "32 bits");
	if (!a->no_check && (*out < min || *out > max))
		return args_error(a, "invalid %s \"%s\": must be %llu..%llu",
				  kw, v, (unsigned long long)min,
				  (unsigned long long)max);
	return 0;
}

int args_onoff(struct args *a, const char *kw, bool *out)
{
	const char *v = args_value(a, kw);

	if (!v)
		return -1;
	/* keepalived and FRR users write yes/no, iproute2 users on/off. */
	if (!strcmp(v, "on") || !strcmp(v, "yes")) {
		*out = true;
		return 0;
	}
	if (!strcmp(v, "off") || !strcmp(v, "no")) {
		*out = false;
		return 0;
	}
	return args_error(a, "invalid %s \"%s\": must be on or off (yes or no)",
			  kw, v);
}
