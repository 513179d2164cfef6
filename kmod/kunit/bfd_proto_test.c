// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of kmod/bfd_proto.c, run in the sanitizer kernel beside
 * proto_test.c: the hand-made packet of the host unit test
 * (userspace/tests/test_bfd_proto.c), every discard rule on a heap copy of
 * exactly the packet's length (so that KASAN sees a read past its end),
 * the reception state table and the jitter bounds.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "bfd_proto.h"

/* Up, P bit, mult 3, my disc 1, your disc 2, 50 ms, 30 ms: by hand. */
static const u8 up_vector[24] = {
	0x20, 0xe0, 0x03, 0x18, 0, 0, 0, 1, 0, 0, 0, 2,
	0x00, 0x00, 0xc3, 0x50, 0x00, 0x00, 0x75, 0x30, 0, 0, 0, 0,
};

static enum mwg_bfd_parse_result parse_mod(struct kunit *test, size_t off,
					   u8 val, size_t len)
{
	u8 *copy = kunit_kzalloc(test, len ?: 1, GFP_KERNEL);
	struct mwg_bfd_pkt p;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, copy);
	memcpy(copy, up_vector, min(len, sizeof(up_vector)));
	if (off < len)
		copy[off] = val;
	return mwg_bfd_parse(copy, len, &p);
}

static void bfd_wire_test(struct kunit *test)
{
	struct mwg_bfd_pkt p = {
		.version = 1, .state = MWG_BFD_UP, .flags = MWG_BFD_FLAG_POLL,
		.detect_mult = 3, .length = 24, .my_disc = 1, .your_disc = 2,
		.desired_min_tx = 50000, .required_min_rx = 30000,
	}, q;
	u8 buf[24];

	KUNIT_EXPECT_EQ(test, mwg_bfd_build(buf, &p), (size_t)24);
	KUNIT_EXPECT_EQ(test, memcmp(buf, up_vector, 24), 0);
	KUNIT_EXPECT_EQ(test, mwg_bfd_parse(up_vector, 24, &q),
			MWG_BFD_PARSE_OK);
	KUNIT_EXPECT_EQ(test, memcmp(&p, &q, sizeof(p)), 0);
}

static void bfd_discard_test(struct kunit *test)
{
	size_t len;

	KUNIT_EXPECT_EQ(test, parse_mod(test, 0, 0x40, 24), MWG_BFD_PARSE_VERSION);
	for (len = 0; len < 24; len++)
		KUNIT_EXPECT_NE(test, parse_mod(test, 99, 0, len), MWG_BFD_PARSE_OK);
	KUNIT_EXPECT_EQ(test, parse_mod(test, 3, 25, 24), MWG_BFD_PARSE_LENGTH);
	KUNIT_EXPECT_EQ(test, parse_mod(test, 2, 0, 24), MWG_BFD_PARSE_MULT);
	KUNIT_EXPECT_EQ(test, parse_mod(test, 1, 0xc1, 24),
			MWG_BFD_PARSE_MULTIPOINT);
	KUNIT_EXPECT_EQ(test, parse_mod(test, 7, 0, 24), MWG_BFD_PARSE_MY_DISC);
	KUNIT_EXPECT_EQ(test, parse_mod(test, 11, 0, 24),
			MWG_BFD_PARSE_YOUR_DISC);
	KUNIT_EXPECT_EQ(test, parse_mod(test, 1, 0xe4, 24), MWG_BFD_PARSE_LENGTH);
}

static void bfd_state_test(struct kunit *test)
{
	u8 diag = 0;

	KUNIT_EXPECT_EQ(test, mwg_bfd_next_state(MWG_BFD_DOWN, MWG_BFD_DOWN,
						 &diag), MWG_BFD_INIT);
	KUNIT_EXPECT_EQ(test, mwg_bfd_next_state(MWG_BFD_INIT, MWG_BFD_UP,
						 &diag), MWG_BFD_UP);
	KUNIT_EXPECT_EQ(test, diag, 0);
	KUNIT_EXPECT_EQ(test, mwg_bfd_next_state(MWG_BFD_UP, MWG_BFD_ADMIN_DOWN,
						 &diag), MWG_BFD_DOWN);
	KUNIT_EXPECT_EQ(test, diag, MWG_BFD_DIAG_NEIGHBOR_DOWN);
}

static void bfd_timer_test(struct kunit *test)
{
	u32 i, v;

	KUNIT_EXPECT_EQ(test, mwg_bfd_tx_interval_us(30000, 50000, true), 50000U);
	KUNIT_EXPECT_EQ(test, mwg_bfd_tx_interval_us(30000, 50000, false),
			MWG_BFD_SLOW_TX_US);
	KUNIT_EXPECT_EQ(test, mwg_bfd_detect_us(30000, 50000, 3), 150000ULL);
	for (i = 0; i < 1000; i++) {
		v = mwg_bfd_jitter_us(100000, 1, i * 2654435761U);
		KUNIT_EXPECT_TRUE(test, v >= 75000 && v <= 90000);
		v = mwg_bfd_jitter_us(100000, 3, i * 2654435761U);
		KUNIT_EXPECT_TRUE(test, v >= 75000 && v <= 100000);
	}
}

static struct kunit_case bfd_cases[] = {
	KUNIT_CASE(bfd_wire_test),
	KUNIT_CASE(bfd_discard_test),
	KUNIT_CASE(bfd_state_test),
	KUNIT_CASE(bfd_timer_test),
	{}
};

static struct kunit_suite bfd_suite = {
	.name = "mwg_bfd_proto",
	.test_cases = bfd_cases,
};

kunit_test_suites(&bfd_suite);
