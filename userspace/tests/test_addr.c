// SPDX-License-Identifier: GPL-2.0
/*
 * Address and prefix parsing and formatting, and the name tables.
 */
#include <sys/socket.h>

#include "mwg.h"
#include "tap.h"

static void parse_ok(const char *text, bool allow_prefix, int family,
		     unsigned int prefixlen, const char *formatted)
{
	char buf[MWG_ADDR_STRLEN];
	struct mwg_addr a;
	int rc = mwg_addr_parse(text, allow_prefix, &a);

	tap_ok(rc == 0 && a.family == family && a.prefixlen == prefixlen,
	       "parse \"%s\"", text);
	tap_str_eq(mwg_addr_format(&a, true, buf, sizeof(buf)), formatted,
		   "format back");
}

static void parse_bad(const char *text, bool allow_prefix)
{
	struct mwg_addr a;

	tap_ok(mwg_addr_parse(text, allow_prefix, &a) < 0,
	       "refuse \"%s\"%s", text, allow_prefix ? "" : " without prefix");
}

int main(void)
{
	char buf[MWG_ADDR_STRLEN];
	struct mwg_addr a;

	tap_start();

	parse_ok("192.0.2.1", true, AF_INET, 32, "192.0.2.1/32");
	parse_ok("192.0.2.1/24", true, AF_INET, 24, "192.0.2.1/24");
	parse_ok("192.0.2.1/0", true, AF_INET, 0, "192.0.2.1/0");
	parse_ok("2001:db8::1", true, AF_INET6, 128, "2001:db8::1/128");
	parse_ok("fe80::1/64", true, AF_INET6, 64, "fe80::1/64");
	parse_ok("::ffff:192.0.2.1", false, AF_INET6, 128,
		 "::ffff:192.0.2.1/128");

	parse_bad("", true);
	parse_bad("192.0.2", true);
	parse_bad("192.0.2.256", true);
	parse_bad("192.0.2.1/33", true);
	parse_bad("192.0.2.1/", true);
	parse_bad("192.0.2.1/-1", true);
	parse_bad("192.0.2.1/+8", true);
	parse_bad("192.0.2.1/ 8", true);
	parse_bad("192.0.2.1/8x", true);
	parse_bad("192.0.2.1/24", false);
	parse_bad("2001:db8::1/129", true);
	parse_bad("2001:db8:::1", true);
	parse_bad("d0", true);
	parse_bad("on", true);
	parse_bad("/24", true);

	mwg_addr_parse("192.0.2.7/24", true, &a);
	tap_str_eq(mwg_addr_format(&a, false, buf, sizeof(buf)), "192.0.2.7",
		   "format without prefix");
	tap_ok(mwg_addr_len(&a) == 4, "IPv4 is 4 bytes");
	mwg_addr_parse("2001:db8::7", true, &a);
	tap_ok(mwg_addr_len(&a) == 16, "IPv6 is 16 bytes");
	a.family = 0;
	tap_str_eq(mwg_addr_format(&a, true, buf, sizeof(buf)), "?",
		   "unknown family formats as ?");

	/* Name tables. */
	tap_str_eq(mwg_state_name(MWG_VRRP_STATE_MASTER), "master", "state");
	tap_str_eq(mwg_state_name(99), "unknown", "unknown state");
	tap_str_eq(mwg_reason_name(MWG_VRRP_REASON_MASTER_DOWN), "master_down",
		   "reason master_down");
	tap_str_eq(mwg_reason_name(MWG_VRRP_REASON_BFD_DOWN), "bfd_down",
		   "reason bfd_down");
	tap_ok(mwg_reason_from_name("priority_zero") ==
	       MWG_VRRP_REASON_PRIORITY_ZERO, "reason from name");
	tap_ok(mwg_reason_from_name("nope") == -1, "unknown reason name");
	tap_ok(mwg_checksum_from_name("rfc9568") == MWG_VRRP_CSUM_RFC9568,
	       "checksum from name");
	tap_ok(mwg_family_from_name("inet6") == AF_INET6, "family inet6");
	tap_ok(mwg_family_from_name("inet") == AF_INET, "family inet");
	tap_ok(mwg_family_from_name("inet7") == -1, "bad family");
	tap_str_eq(mwg_stats_name(MWG_VRRP_STATS_A_RCVD_PRI_ZERO_PACKETS),
		   "rcvd_pri_zero_packets", "stats name");
	tap_ok(mwg_stats_name(MWG_VRRP_STATS_A_PAD) == NULL,
	       "pad is not a counter");
	tap_str_eq(mwg_ns_stats_name(MWG_VRRP_NS_STATS_A_VRID_ERRORS),
		   "vrid_errors", "ns stats name");
	tap_str_eq(mwg_attr_name(0, MWG_VRRP_A_PRIORITY), "prio",
		   "attribute named like its keyword");
	tap_str_eq(mwg_attr_name(MWG_VRRP_A_VIP, MWG_VRRP_VIP_A_ADDR), "addr",
		   "nested attribute name");

	return tap_done();
}
