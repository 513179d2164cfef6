/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Value parsers of the configuration file; each returns 0, or -1 with
 * @err set to the reason (the caller adds file and line).
 */
#ifndef MWGD_CONFVALUE_H
#define MWGD_CONFVALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A decimal number within min..max. */
int mwgd_parse_uint(const char *value, unsigned long min, unsigned long max,
		    unsigned long *out, char *err, size_t errlen);
/*
 * A duration within min..max in @unit_ms units (1: a key in ms, 1000: in
 * seconds): a bare number is in the key's unit; "300ms", "5s", "2m" and
 * "1h" name theirs, and must come to a whole number of the key's unit.
 */
int mwgd_parse_duration(const char *value, unsigned long unit_ms,
			unsigned long min, unsigned long max,
			unsigned long *out, char *err, size_t errlen);
/* yes/no, true/false, on/off, 1/0. */
int mwgd_parse_bool(const char *value, bool *out, char *err, size_t errlen);
/* "IFNAME VRID" into @ifname (IF_NAMESIZE bytes) and @vrid. */
int mwgd_parse_vr_ref(const char *value, char *ifname, uint8_t *vrid,
		      char *err, size_t errlen);

#endif /* MWGD_CONFVALUE_H */
