/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Keyword/value argument scanning, iproute2 style ("vrid 5 prio 100").
 *
 * Nothing here prints or exits: a failure leaves a one-line message in
 * args->err and returns -1, so the parsers built on it can be unit tested
 * and the caller decides how to report.
 */
#ifndef MWGCTL_ARGS_H
#define MWGCTL_ARGS_H

#include <stdbool.h>
#include <stdint.h>

struct args {
	int argc;
	char **argv;
	int pos;
	/* Skip range checks so that the kernel's own validation can be tested. */
	bool no_check;
	char err[256];
};

void args_init(struct args *a, int argc, char **argv, bool no_check);

static inline bool args_more(const struct args *a)
{
	return a->pos < a->argc;
}

static inline const char *args_peek(const struct args *a)
{
	return args_more(a) ? a->argv[a->pos] : NULL;
}

static inline const char *args_next(struct args *a)
{
	return args_more(a) ? a->argv[a->pos++] : NULL;
}

int args_error(struct args *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The value after keyword @kw, or NULL with an error. */
const char *args_value(struct args *a, const char *kw);

/*
 * An unsigned decimal value for @kw.  It must fit in @width_max (the size
 * of the attribute on the wire) always, and in @min..@max unless
 * a->no_check is set.
 */
int args_uint(struct args *a, const char *kw, uint64_t min, uint64_t max,
	      uint64_t width_max, uint64_t *out);

/* "on" or "off" ("yes" or "no") for @kw. */
int args_onoff(struct args *a, const char *kw, bool *out);

/* Parse a decimal number with nothing around it. */
int parse_uint(const char *text, uint64_t *out);

/*
 * Parse a duration into units of @unit_ms milliseconds (1 or 1000): a bare
 * number is in those units, "300ms", "5s", "2m", "1h" in theirs.  0,
 * -EINVAL (not a duration), -ERANGE (too large) or -EDOM (not a whole
 * number of @unit_ms).
 */
int parse_duration(const char *text, unsigned long unit_ms, uint64_t *out);

/*
 * args_uint() for a duration in @unit_ms units, with the suffixes of
 * parse_duration().
 */
int args_duration(struct args *a, const char *kw, unsigned long unit_ms,
		  uint64_t min, uint64_t max, uint64_t width_max,
		  uint64_t *out);

#endif /* MWGCTL_ARGS_H */
