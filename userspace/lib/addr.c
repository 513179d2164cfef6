// SPDX-License-Identifier: GPL-2.0
/*
 * Addresses as the contract carries them: 4 or 16 bytes in network order,
 * plus a prefix length for VIPs.  The family comes from the text itself, so
 * "vip 2001:db8::1" needs no "family inet6" beside it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mwg.h"

static int parse_prefixlen(const char *text, unsigned int max, uint8_t *out)
{
	unsigned long v;
	char *end;

	/* strtoul would take " 24", "+24" and "-1"; a prefix is digits only. */
	if (*text < '0' || *text > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(text, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int mwg_addr_parse(const char *text, bool allow_prefix, struct mwg_addr *out)
{
	char buf[INET6_ADDRSTRLEN + 8];
	const char *slash;
	size_t len;

	memset(out, 0, sizeof(*out));
	slash = strchr(text, '/');
	len = slash ? (size_t)(slash - text) : strlen(text);
	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	if (slash && !allow_prefix)
		return -EINVAL;
	memcpy(buf, text, len);
	buf[len] = '\0';

	if (inet_pton(AF_INET, buf, out->bytes) == 1) {
		out->family = AF_INET;
		out->prefixlen = 32;
	} else if (inet_pton(AF_INET6, buf, out->bytes) == 1) {
		out->family = AF_INET6;
		out->prefixlen = 128;
	} else {
		return -EINVAL;
	}

	if (slash)
		return parse_prefixlen(slash + 1, out->prefixlen,
				       &out->prefixlen);
	return 0;
}

const char *mwg_addr_format(const struct mwg_addr *a, bool with_prefix,
			    char *buf, size_t len)
{
	char addr[INET6_ADDRSTRLEN];

	if ((a->family != AF_INET && a->family != AF_INET6) ||
	    !inet_ntop(a->family, a->bytes, addr, sizeof(addr))) {
		snprintf(buf, len, "?");
		return buf;
	}
	if (with_prefix)
		snprintf(buf, len, "%s/%u", addr, a->prefixlen);
	else
		snprintf(buf, len, "%s", addr);
	return buf;
}
