// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the module's pure protocol code (kmod/proto.c,
 * compiled in here unchanged): checksums in both forms against vectors
 * worked out by hand, parse/build round trips, every drop rule, timer
 * arithmetic and the advert decision table of RFC 5798 6.4.
 */
#include <stdio.h>
#include <string.h>

#include "../../kmod/proto.h"
#include "tap.h"

static const u8 src[4] = { 192, 0, 2, 1 };
static const u8 grp[4] = { 224, 0, 0, 18 };
static const u8 vip[4] = { 192, 0, 2, 100 };

static const struct mwg_pseudo pseudo4 = {
	.saddr = src, .daddr = grp, .addr_len = 4,
};

/* VRRPv3, VRID 51, priority 200, one address, 100 cs: by hand. */
static const u8 v3_pseudo_vector[12] = {
	0x31, 0x33, 0xc8, 0x01, 0x00, 0x64, 0xa1, 0x71, 192, 0, 2, 100,
};

static const u8 v3_plain_vector[12] = {
	0x31, 0x33, 0xc8, 0x01, 0x00, 0x64, 0x44, 0x02, 192, 0, 2, 100,
};

/* VRRPv2, VRID 51, priority 100, one address, 1 s, no auth: by hand. */
static const u8 v2_vector[20] = {
	0x21, 0x33, 0x64, 0x01, 0x00, 0x01, 0xb8, 0x65, 192, 0, 2, 100,
	0, 0, 0, 0, 0, 0, 0, 0,
};

static struct mwg_advert advert(u8 version, u8 prio, u16 cs)
{
	struct mwg_advert a = {
		.version = version, .vrid = 51, .priority = prio, .naddrs = 1,
		.interval_cs = cs, .addr_len = 4, .addrs = vip,
	};
	return a;
}

static void test_build(void)
{
	struct mwg_advert a = advert(3, 200, 100);
	u8 buf[64];
	size_t n;

	n = mwg_advert_build(buf, sizeof(buf), &a, &pseudo4);
	tap_ok(n == 12 && !memcmp(buf, v3_pseudo_vector, 12),
	       "build: v3 with the RFC 5798 pseudo-header checksum");
	n = mwg_advert_build(buf, sizeof(buf), &a, NULL);
	tap_ok(n == 12 && !memcmp(buf, v3_plain_vector, 12),
	       "build: v3 with the RFC 9568 IPv4 checksum");
	a = advert(2, 100, 100);
	n = mwg_advert_build(buf, sizeof(buf), &a, &pseudo4);
	tap_ok(n == 20 && !memcmp(buf, v2_vector, 20),
	       "build: v2 ignores the pseudo-header and zeroes auth data");
	tap_ok(mwg_advert_build(buf, 11, &a, NULL) == 0,
	       "build: refuses a buffer that is too small");
}

static enum mwg_parse_result parse(const u8 *msg, size_t len,
				   struct mwg_advert *a,
				   enum mwg_csum_form *form)
{
	return mwg_advert_parse(msg, len, &pseudo4, a, form);
}

static void test_parse_ok(void)
{
	enum mwg_csum_form form = MWG_CSUM_PLAIN;
	struct mwg_advert a;

	tap_ok(parse(v3_pseudo_vector, 12, &a, &form) == MWG_PARSE_OK &&
	       form == MWG_CSUM_PSEUDO && a.vrid == 51 && a.priority == 200 &&
	       a.naddrs == 1 && a.interval_cs == 100 &&
	       !memcmp(a.addrs, vip, 4),
	       "parse: v3 pseudo-header form, fields");
	tap_ok(parse(v3_plain_vector, 12, &a, &form) == MWG_PARSE_OK &&
	       form == MWG_CSUM_PLAIN, "parse: v3 RFC 9568 form accepted");
	tap_ok(parse(v2_vector, 20, &a, &form) == MWG_PARSE_OK &&
	       a.version == 2 && a.interval_cs == 100,
	       "parse: v2, interval in seconds kept as centiseconds");
}

/* Copy @vec, apply a change, fix the checksum as a sender would. */
static size_t mutate(u8 *buf, const u8 *vec, size_t len, int off, u8 val,
		     bool fix_csum)
{
	u16 c;

	memcpy(buf, vec, len);
	if (off >= 0)
		buf[off] = val;
	if (fix_csum) {
		buf[6] = 0;
		buf[7] = 0;
		c = mwg_advert_checksum(buf, len, &pseudo4);
		buf[6] = c >> 8;
		buf[7] = c & 0xff;
	}
	return len;
}

static void test_parse_drops(void)
{
	enum mwg_csum_form form;
	struct mwg_advert a;
	u8 buf[64];

	tap_ok(parse(v3_pseudo_vector, 7, &a, &form) == MWG_PARSE_LENGTH &&
	       a.vrid == 51, "drop: shorter than the header, VRID still known");
	tap_ok(parse(v3_pseudo_vector, 1, &a, &form) == MWG_PARSE_LENGTH,
	       "drop: one byte");
	mutate(buf, v3_pseudo_vector, 12, 3, 2, true);
	tap_ok(parse(buf, 12, &a, &form) == MWG_PARSE_LENGTH,
	       "drop: address count larger than the packet");
	mutate(buf, v3_pseudo_vector, 12, 0, 0x41, true);
	tap_ok(parse(buf, 12, &a, &form) == MWG_PARSE_VERSION,
	       "drop: version 4");
	mutate(buf, v3_pseudo_vector, 12, 0, 0x32, true);
	tap_ok(parse(buf, 12, &a, &form) == MWG_PARSE_TYPE, "drop: type 2");
	mutate(buf, v3_pseudo_vector, 12, 7, 0x72, false);
	tap_ok(parse(buf, 12, &a, &form) == MWG_PARSE_CHECKSUM,
	       "drop: checksum off by one");
	mutate(buf, v3_pseudo_vector, 12, 3, 0, true);
	tap_ok(parse(buf, 12, &a, &form) == MWG_PARSE_ADDR_COUNT,
	       "drop: address count zero");
	mutate(buf, v3_pseudo_vector, 12, 5, 0, true);
	tap_ok(parse(buf, 12, &a, &form) == MWG_PARSE_INTERVAL,
	       "drop: interval zero");
	mutate(buf, v2_vector, 20, 4, 1, false);
	{
		u16 c;

		buf[6] = 0;
		buf[7] = 0;
		c = mwg_advert_checksum(buf, 20, NULL);
		buf[6] = c >> 8;
		buf[7] = c & 0xff;
	}
	tap_ok(parse(buf, 20, &a, &form) == MWG_PARSE_AUTH_TYPE,
	       "drop: v2 with simple-text authentication");

	memset(buf, 0, 36);
	buf[0] = 0x21;
	buf[1] = 51;
	buf[3] = 7;
	buf[5] = 1;
	tap_ok(parse(buf, 36, &a, &form) == MWG_PARSE_CARP,
	       "drop: a CARP advert is recognised");
	{
		static const u8 v6src[16] = { 0xfe, 0x80, [15] = 1 };
		static const u8 v6grp[16] = { 0xff, 0x02, [15] = 0x12 };
		static const struct mwg_pseudo p6 = {
			.saddr = v6src, .daddr = v6grp, .addr_len = 16,
		};
		u8 m[24] = { 0x31, 51, 100, 1, 0, 100 };
		u16 c;

		m[8] = 0x20;	/* 2001:... is not link-local */
		m[9] = 0x01;
		c = mwg_advert_checksum(m, 24, &p6);
		m[6] = c >> 8;
		m[7] = c & 0xff;
		tap_ok(mwg_advert_parse(m, 24, &p6, &a, &form) ==
		       MWG_PARSE_NOT_LINKLOCAL,
		       "drop: IPv6 whose first address is not link-local");
		m[0] = 0x21;
		tap_ok(mwg_advert_parse(m, 24, &p6, &a, &form) ==
		       MWG_PARSE_VERSION, "drop: VRRPv2 over IPv6");
	}
}

static void test_timers(void)
{
	u64 ms10 = 10 * MWG_NSEC_PER_MSEC;

	tap_ok(mwg_skew_ns(3, 254, ms10) == 78125,
	       "skew: priority 254 at 10 ms is 78.125 us");
	tap_ok(mwg_master_down_ns(3, 100, 100 * MWG_NSEC_PER_CSEC) ==
	       3 * MWG_NSEC_PER_SEC + 156 * MWG_NSEC_PER_SEC / 256,
	       "MDI: priority 100 at 1 s is 3 + 156/256 s");
	tap_ok(mwg_skew_ns(2, 100, 3 * MWG_NSEC_PER_SEC) ==
	       156 * MWG_NSEC_PER_SEC / 256,
	       "skew v2: independent of the interval");
	tap_ok(mwg_interval_from_ms(3, 10) == 1 &&
	       mwg_interval_from_ms(3, 40950) == 4095 &&
	       mwg_interval_from_ms(2, 3000) == 300,
	       "interval: ms to wire units, v3 and v2");
	tap_ok(mwg_interval_to_ns(3, 1) == ms10, "interval: 1 cs is 10 ms");
}

static void test_decide(void)
{
	tap_ok(mwg_decide_advert(MWG_FSM_BACKUP, 100, true, 0, -1) ==
	       MWG_ACT_BACKUP_SKEW, "backup: priority 0 -> Skew_Time");
	tap_ok(mwg_decide_advert(MWG_FSM_BACKUP, 100, true, 200, -1) ==
	       MWG_ACT_BACKUP_ACCEPT, "backup: higher priority accepted");
	tap_ok(mwg_decide_advert(MWG_FSM_BACKUP, 100, true, 100, -1) ==
	       MWG_ACT_BACKUP_ACCEPT, "backup: equal priority accepted");
	tap_ok(mwg_decide_advert(MWG_FSM_BACKUP, 100, true, 50, 1) ==
	       MWG_ACT_DISCARD, "backup, preempt: lower priority discarded");
	tap_ok(mwg_decide_advert(MWG_FSM_BACKUP, 100, false, 50, 1) ==
	       MWG_ACT_BACKUP_ACCEPT, "backup, no preempt: lower accepted");
	tap_ok(mwg_decide_advert(MWG_FSM_MASTER, 100, true, 0, 1) ==
	       MWG_ACT_MASTER_REASSERT, "master: priority 0 -> advert now");
	tap_ok(mwg_decide_advert(MWG_FSM_MASTER, 100, true, 200, -1) ==
	       MWG_ACT_MASTER_YIELD, "master: higher priority -> backup");
	tap_ok(mwg_decide_advert(MWG_FSM_MASTER, 100, true, 100, 1) ==
	       MWG_ACT_MASTER_YIELD,
	       "master: equal priority, greater address -> backup");
	tap_ok(mwg_decide_advert(MWG_FSM_MASTER, 100, true, 100, -1) ==
	       MWG_ACT_MASTER_REASSERT,
	       "master: equal priority, lower address -> stays");
	tap_ok(mwg_decide_advert(MWG_FSM_MASTER, 100, false, 50, -1) ==
	       MWG_ACT_MASTER_REASSERT,
	       "master: lower priority -> advert now (RFC 9568)");
	tap_ok(mwg_decide_advert(MWG_FSM_INIT, 100, true, 200, 1) ==
	       MWG_ACT_DISCARD, "init: adverts ignored");
	tap_ok(mwg_addr_cmp(vip, src, 4) > 0 && mwg_addr_cmp(src, vip, 4) < 0 &&
	       mwg_addr_cmp(src, src, 4) == 0,
	       "address compare is unsigned, network order");
}

int main(void)
{
	tap_start();
	test_build();
	test_parse_ok();
	test_parse_drops();
	test_timers();
	test_decide();
	return tap_done();
}
