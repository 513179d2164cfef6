// SPDX-License-Identifier: GPL-2.0
/*
 * Value parsers shared by the configuration's section parsers (config.c's
 * [mwgd] and [vr], proxyconf.c's [proxy NAME]): one spelling of numbers,
 * booleans and VR references, and one wording of their errors.
 */
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "confvalue.h"
#include "mwg_vrrp.h"

int mwgd_parse_uint(const char *value, unsigned long min, unsigned long max,
		    unsigned long *out, char *err, size_t errlen)
{
	char *end;

	errno = 0;
	if (!isdigit((unsigned char)*value))
		goto bad;
	*out = strtoul(value, &end, 10);
	if (errno || *end)
		goto bad;
	if (*out < min || *out > max) {
		snprintf(err, errlen, "\"%s\" is out of range %lu..%lu", value,
			 min, max);
		return -1;
	}
	return 0;
bad:
	snprintf(err, errlen, "\"%s\" is not a number", value);
	return -1;
}

int mwgd_parse_duration(const char *value, unsigned long unit_ms,
			unsigned long min, unsigned long max,
			unsigned long *out, char *err, size_t errlen)
{
	const char *unit = unit_ms == 1 ? "ms" : "s";
	uint64_t v;
	int rc;

	rc = parse_duration(value, unit_ms, &v);
	if (rc == -EINVAL) {
		snprintf(err, errlen,
			 "\"%s\" is not a duration (a number of %s, or with a unit: ms, s, m, h)",
			 value, unit);
		return -1;
	}
	if (rc == -EDOM) {
		snprintf(err, errlen, "\"%s\" is not a whole number of seconds",
			 value);
		return -1;
	}
	if (rc < 0 || v < min || v > max) {
		snprintf(err, errlen, "\"%s\" is out of range %lu..%lu%s",
			 value, min, max, unit);
		return -1;
	}
	*out = v;
	return 0;
}

int mwgd_parse_bool(const char *value, bool *out, char *err, size_t errlen)
{
	if (!strcmp(value, "yes") || !strcmp(value, "true") ||
	    !strcmp(value, "1") || !strcmp(value, "on")) {
		*out = true;
		return 0;
	}
	if (!strcmp(value, "no") || !strcmp(value, "false") ||
	    !strcmp(value, "0") || !strcmp(value, "off")) {
		*out = false;
		return 0;
	}
	snprintf(err, errlen, "\"%s\" is not yes or no", value);
	return -1;
}

int mwgd_parse_vr_ref(const char *value, char *ifname, uint8_t *vrid,
		      char *err, size_t errlen)
{
	char name[64];
	unsigned long v;
	int n = 0;

	if (sscanf(value, "%63s %lu %n", name, &v, &n) != 2 ||
	    value[n] || strlen(name) >= IF_NAMESIZE ||
	    v < MWG_VRRP_VRID_MIN || v > MWG_VRRP_VRID_MAX) {
		snprintf(err, errlen,
			 "\"%s\" is not \"INTERFACE VRID\" (VRID 1..255)", value);
		return -1;
	}
	strcpy(ifname, name);
	*vrid = v;
	return 0;
}
