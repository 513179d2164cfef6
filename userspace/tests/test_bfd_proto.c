// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the module's pure BFD code (kmod/bfd_proto.c,
 * compiled in here unchanged): a packet worked out by hand, every discard
 * rule of RFC 5880 6.8.6, the reception state table, timer negotiation,
 * detection time and the jitter bounds of 6.8.7.
 */
#include <stdio.h>
#include <string.h>

#include "../../kmod/bfd_proto.h"
#include "tap.h"

/*
 * Version 1, diag 0, state Up, P bit, mult 3, length 24, my disc 1,
 * your disc 2, 50 ms, 30 ms, no echo: by hand.
 */
static const u8 up_vector[24] = {
	0x20, 0xe0, 0x03, 0x18, 0, 0, 0, 1, 0, 0, 0, 2,
	0x00, 0x00, 0xc3, 0x50, 0x00, 0x00, 0x75, 0x30, 0, 0, 0, 0,
};

static struct mwg_bfd_pkt up_pkt(void)
{
	struct mwg_bfd_pkt p = {
		.version = 1, .state = MWG_BFD_UP, .flags = MWG_BFD_FLAG_POLL,
		.detect_mult = 3, .length = 24, .my_disc = 1, .your_disc = 2,
		.desired_min_tx = 50000, .required_min_rx = 30000,
	};
	return p;
}

static enum mwg_bfd_parse_result parse_mod(size_t off, u8 val, size_t len)
{
	struct mwg_bfd_pkt p;
	u8 buf[32];

	memset(buf, 0, sizeof(buf));
	memcpy(buf, up_vector, sizeof(up_vector));
	if (off < sizeof(buf))
		buf[off] = val;
	return mwg_bfd_parse(buf, len, &p);
}

static void test_wire(void)
{
	struct mwg_bfd_pkt p = up_pkt(), q;
	u8 buf[24];

	tap_ok(mwg_bfd_build(buf, &p) == 24 && !memcmp(buf, up_vector, 24),
	       "build: the hand-made Up packet");
	tap_ok(mwg_bfd_parse(up_vector, 24, &q) == MWG_BFD_PARSE_OK &&
	       !memcmp(&p, &q, sizeof(p)), "parse: round trip");
	tap_ok(parse_mod(99, 0, 30) == MWG_BFD_PARSE_OK,
	       "parse: trailing bytes beyond the length field are allowed");
}

static void test_discards(void)
{
	tap_ok(parse_mod(0, 0x40, 24) == MWG_BFD_PARSE_VERSION,
	       "discard: version 2");
	tap_ok(parse_mod(0, 0x00, 24) == MWG_BFD_PARSE_VERSION,
	       "discard: version 0");
	tap_ok(parse_mod(99, 0, 23) == MWG_BFD_PARSE_LENGTH,
	       "discard: 23 bytes of payload");
	tap_ok(parse_mod(99, 0, 0) == MWG_BFD_PARSE_LENGTH,
	       "discard: empty payload");
	tap_ok(parse_mod(3, 23, 24) == MWG_BFD_PARSE_LENGTH,
	       "discard: length field 23");
	tap_ok(parse_mod(3, 28, 24) == MWG_BFD_PARSE_LENGTH,
	       "discard: length field beyond the payload");
	tap_ok(parse_mod(1, 0xe4, 24) == MWG_BFD_PARSE_LENGTH,
	       "discard: A bit with a 24-byte length");
	tap_ok(parse_mod(2, 0, 24) == MWG_BFD_PARSE_MULT,
	       "discard: detect multiplier 0");
	tap_ok(parse_mod(1, 0xc1, 24) == MWG_BFD_PARSE_MULTIPOINT,
	       "discard: M bit");
	tap_ok(parse_mod(7, 0, 24) == MWG_BFD_PARSE_MY_DISC,
	       "discard: my discriminator 0");
	tap_ok(parse_mod(11, 0, 24) == MWG_BFD_PARSE_YOUR_DISC,
	       "discard: your discriminator 0 in Up");
	tap_ok(parse_mod(1, 0x40, 24) == MWG_BFD_PARSE_OK &&
	       parse_mod(11, 0, 24) == MWG_BFD_PARSE_YOUR_DISC,
	       "keep: your discriminator 0 is fine in Down only");
	{
		u8 buf[26];
		struct mwg_bfd_pkt p;

		memcpy(buf, up_vector, 24);
		buf[1] = 0xe4;
		buf[3] = 26;
		buf[24] = 1;
		buf[25] = 2;
		tap_ok(mwg_bfd_parse(buf, 26, &p) == MWG_BFD_PARSE_AUTH,
		       "discard: A bit while no authentication is in use");
	}
}

static void test_states(void)
{
	static const struct {
		u8 local, remote, want, diag;
	} t[] = {
		{ MWG_BFD_DOWN, MWG_BFD_DOWN, MWG_BFD_INIT, 0 },
		{ MWG_BFD_DOWN, MWG_BFD_INIT, MWG_BFD_UP, 0 },
		{ MWG_BFD_DOWN, MWG_BFD_UP, MWG_BFD_DOWN, 0 },
		{ MWG_BFD_DOWN, MWG_BFD_ADMIN_DOWN, MWG_BFD_DOWN, 0 },
		{ MWG_BFD_INIT, MWG_BFD_DOWN, MWG_BFD_INIT, 0 },
		{ MWG_BFD_INIT, MWG_BFD_INIT, MWG_BFD_UP, 0 },
		{ MWG_BFD_INIT, MWG_BFD_UP, MWG_BFD_UP, 0 },
		{ MWG_BFD_INIT, MWG_BFD_ADMIN_DOWN, MWG_BFD_DOWN, 3 },
		{ MWG_BFD_UP, MWG_BFD_DOWN, MWG_BFD_DOWN, 3 },
		{ MWG_BFD_UP, MWG_BFD_INIT, MWG_BFD_UP, 0 },
		{ MWG_BFD_UP, MWG_BFD_UP, MWG_BFD_UP, 0 },
		{ MWG_BFD_UP, MWG_BFD_ADMIN_DOWN, MWG_BFD_DOWN, 3 },
		{ MWG_BFD_ADMIN_DOWN, MWG_BFD_UP, MWG_BFD_ADMIN_DOWN, 0 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		u8 diag = 0, s = mwg_bfd_next_state(t[i].local, t[i].remote,
						    &diag);

		tap_ok(s == t[i].want && diag == t[i].diag,
		       "state: local %u, remote %u -> %u diag %u", t[i].local,
		       t[i].remote, t[i].want, t[i].diag);
	}
}

static void test_timers(void)
{
	unsigned int i;
	u32 lo = ~0U, hi = 0;

	tap_ok(mwg_bfd_tx_interval_us(30000, 50000, true) == 50000,
	       "tx: the remote's slower receive rate wins");
	tap_ok(mwg_bfd_tx_interval_us(80000, 50000, true) == 80000,
	       "tx: our slower transmit rate wins");
	tap_ok(mwg_bfd_tx_interval_us(30000, 50000, false) == 1000000,
	       "tx: one second while not Up");
	tap_ok(mwg_bfd_tx_interval_us(30000, 0, true) == 0,
	       "tx: none when the remote asks for none");
	tap_ok(mwg_bfd_detect_us(30000, 50000, 3) == 150000,
	       "detect: remote multiplier x the remote's slower tx");
	tap_ok(mwg_bfd_detect_us(70000, 50000, 5) == 350000,
	       "detect: remote multiplier x our slower rx");
	tap_ok(mwg_bfd_detect_us(4000000000U, 4000000000U, 255) ==
	       255ULL * 4000000000U, "detect: no overflow");
	for (i = 0; i < 10000; i++) {
		u32 v = mwg_bfd_jitter_us(100000, 3, i * 2654435761U);

		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
	}
	tap_ok(lo >= 75000 && lo < 76000 && hi == 100000,
	       "jitter: 75-100 %% of the interval (%u..%u)", lo, hi);
	lo = ~0U;
	hi = 0;
	for (i = 0; i < 10000; i++) {
		u32 v = mwg_bfd_jitter_us(100000, 1, i * 2654435761U);

		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
	}
	tap_ok(lo >= 75000 && hi <= 90000 && hi > 89000,
	       "jitter: 75-90 %% with multiplier 1 (%u..%u)", lo, hi);
}

int main(void)
{
	tap_start();
	test_wire();
	test_discards();
	test_states();
	test_timers();
	return tap_done();
}
