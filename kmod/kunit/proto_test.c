// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of kmod/proto.c, run in the sanitizer kernel: the same
 * hand-computed vectors as the host unit test (userspace/tests/test_proto.c)
 * plus round trips over every address count and interval, so that KASAN
 * watches each parse and build at its buffer bounds.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "proto.h"

static const u8 src[4] = { 192, 0, 2, 1 };
static const u8 grp[4] = { 224, 0, 0, 18 };
static const u8 vip[4] = { 192, 0, 2, 100 };

static const struct mwg_pseudo pseudo4 = {
	.saddr = src, .daddr = grp, .addr_len = 4,
};

static const u8 v6src[16] = { 0xfe, 0x80, [15] = 1 };
static const u8 v6grp[16] = { 0xff, 0x02, [15] = 0x12 };
static const struct mwg_pseudo pseudo6 = {
	.saddr = v6src, .daddr = v6grp, .addr_len = 16,
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

/* Rewrite the checksum of @buf as a sender would after changing a field. */
static void fix_csum(u8 *buf, size_t len, const struct mwg_pseudo *pseudo)
{
	u16 c;

	buf[6] = 0;
	buf[7] = 0;
	c = mwg_advert_checksum(buf, len, pseudo);
	buf[6] = c >> 8;
	buf[7] = c & 0xff;
}

/*
 * Each parse gets a heap copy of exactly @len bytes: a read past the end
 * of the packet is then a KASAN report, not a silent read of the stack.
 */
static enum mwg_parse_result parse_exact(struct kunit *test, const u8 *msg,
					 size_t len,
					 const struct mwg_pseudo *pseudo,
					 struct mwg_advert *a,
					 enum mwg_csum_form *form)
{
	u8 *copy = kunit_kmalloc(test, len ?: 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, copy);
	memcpy(copy, msg, len);
	return mwg_advert_parse(copy, len, pseudo, a, form);
}

/* --- checksums -------------------------------------------------------- */

static void csum_fold_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mwg_csum_fold(0), 0xffff);
	KUNIT_EXPECT_EQ(test, mwg_csum_fold(0xffff), 0);
	/* Carries are folded back in until none is left. */
	KUNIT_EXPECT_EQ(test, mwg_csum_fold(0x1fffe), 0);
	KUNIT_EXPECT_EQ(test, mwg_csum_fold(0x12345678), (u16)~0x68ac);
}

static void csum_add_odd_test(struct kunit *test)
{
	static const u8 b[3] = { 0x01, 0x02, 0x03 };

	/* An odd last byte counts as the high byte of a zero-padded word. */
	KUNIT_EXPECT_EQ(test, mwg_csum_add(0, b, 3), 0x0102 + 0x0300);
	KUNIT_EXPECT_EQ(test, mwg_csum_add(5, b, 0), 5);
}

static void csum_pseudo_test(struct kunit *test)
{
	u16 c = mwg_advert_checksum(v3_pseudo_vector, 12, &pseudo4);

	KUNIT_EXPECT_EQ(test, c, 0);
	KUNIT_EXPECT_NE(test, mwg_advert_checksum(v3_pseudo_vector, 12, NULL), 0);
}

static void csum_plain_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mwg_advert_checksum(v3_plain_vector, 12, NULL), 0);
	KUNIT_EXPECT_EQ(test, mwg_advert_checksum(v2_vector, 20, NULL), 0);
	KUNIT_EXPECT_NE(test,
			mwg_advert_checksum(v3_plain_vector, 12, &pseudo4), 0);
}

static struct kunit_case csum_cases[] = {
	KUNIT_CASE(csum_fold_test),
	KUNIT_CASE(csum_add_odd_test),
	KUNIT_CASE(csum_pseudo_test),
	KUNIT_CASE(csum_plain_test),
	{}
};

static struct kunit_suite csum_suite = {
	.name = "mwg_proto_csum",
	.test_cases = csum_cases,
};

/* --- build ------------------------------------------------------------- */

static void build_vectors_test(struct kunit *test)
{
	struct mwg_advert a = advert(3, 200, 100);
	u8 buf[64];

	KUNIT_EXPECT_EQ(test, mwg_advert_build(buf, sizeof(buf), &a, &pseudo4), 12);
	KUNIT_EXPECT_EQ(test, memcmp(buf, v3_pseudo_vector, 12), 0);
	KUNIT_EXPECT_EQ(test, mwg_advert_build(buf, sizeof(buf), &a, NULL), 12);
	KUNIT_EXPECT_EQ(test, memcmp(buf, v3_plain_vector, 12), 0);
	a = advert(2, 100, 100);
	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, mwg_advert_build(buf, sizeof(buf), &a, &pseudo4), 20);
	KUNIT_EXPECT_EQ(test, memcmp(buf, v2_vector, 20), 0);
}

static void build_too_small_test(struct kunit *test)
{
	struct mwg_advert a = advert(2, 100, 100);
	u8 buf[20];

	KUNIT_EXPECT_EQ(test, mwg_advert_build(buf, 19, &a, NULL), 0);
	KUNIT_EXPECT_EQ(test, mwg_advert_len(2, 4, 1), 20);
	KUNIT_EXPECT_EQ(test, mwg_advert_len(3, 16, 255), 8 + 255 * 16);
	KUNIT_EXPECT_EQ(test, mwg_advert_len(3, 4, 0), 8);
}

/* Addresses already in place in the buffer (the module's send path). */
static void build_in_place_test(struct kunit *test)
{
	struct mwg_advert a = advert(3, 200, 100);
	u8 *buf = kunit_kzalloc(test, 12, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	memcpy(buf + MWG_VRRP_HDR_LEN, vip, 4);
	a.addrs = buf + MWG_VRRP_HDR_LEN;
	KUNIT_EXPECT_EQ(test, mwg_advert_build(buf, 12, &a, &pseudo4), 12);
	KUNIT_EXPECT_EQ(test, memcmp(buf, v3_pseudo_vector, 12), 0);
}

/*
 * Build then parse, for every address count and both families, into a
 * buffer of exactly the advert's size.
 */
static void build_parse_roundtrip_test(struct kunit *test)
{
	static const struct mwg_pseudo *const ps[] = { &pseudo4, &pseudo6 };
	u8 *addrs = kunit_kzalloc(test, 255 * 16, GFP_KERNEL);
	unsigned int n, i, f;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, addrs);
	for (i = 0; i < 255 * 16; i++)
		addrs[i] = (u8)(i * 7);
	for (f = 0; f < ARRAY_SIZE(ps); f++) {
		u8 alen = ps[f]->addr_len;

		/* IPv6 adverts lead with a link-local address. */
		for (i = 0; alen == 16 && i < 255; i++) {
			addrs[i * 16] = 0xfe;
			addrs[i * 16 + 1] = 0x80;
		}
		for (n = 1; n <= 255; n++) {
			struct mwg_advert a = {
				.version = 3, .vrid = (u8)n, .priority = (u8)n,
				.naddrs = (u8)n, .interval_cs = (u16)(n * 16),
				.addr_len = alen, .addrs = addrs,
			};
			enum mwg_csum_form form;
			struct mwg_advert b;
			size_t len = mwg_advert_len(3, alen, (u8)n);
			u8 *buf = kmalloc(len, GFP_KERNEL);

			KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
			KUNIT_EXPECT_EQ(test, mwg_advert_build(buf, len, &a, ps[f]), len);
			KUNIT_EXPECT_EQ(test, mwg_advert_parse(buf, len, ps[f], &b, &form),
					MWG_PARSE_OK);
			KUNIT_EXPECT_EQ(test, form, MWG_CSUM_PSEUDO);
			KUNIT_EXPECT_EQ(test, b.naddrs, n);
			KUNIT_EXPECT_EQ(test, b.priority, n);
			KUNIT_EXPECT_EQ(test, b.interval_cs, a.interval_cs);
			KUNIT_EXPECT_TRUE(test, b.addrs && !memcmp(b.addrs, addrs, len - 8));
			kfree(buf);
		}
	}
}

static struct kunit_case build_cases[] = {
	KUNIT_CASE(build_vectors_test),
	KUNIT_CASE(build_too_small_test),
	KUNIT_CASE(build_in_place_test),
	KUNIT_CASE(build_parse_roundtrip_test),
	{}
};

static struct kunit_suite build_suite = {
	.name = "mwg_proto_build",
	.test_cases = build_cases,
};

/* --- parse and validate -------------------------------------------------- */

static void parse_ok_test(struct kunit *test)
{
	enum mwg_csum_form form = MWG_CSUM_PLAIN;
	struct mwg_advert a;

	KUNIT_EXPECT_EQ(test, parse_exact(test, v3_pseudo_vector, 12, &pseudo4,
					  &a, &form), MWG_PARSE_OK);
	KUNIT_EXPECT_EQ(test, form, MWG_CSUM_PSEUDO);
	KUNIT_EXPECT_EQ(test, a.version, 3);
	KUNIT_EXPECT_EQ(test, a.vrid, 51);
	KUNIT_EXPECT_EQ(test, a.priority, 200);
	KUNIT_EXPECT_EQ(test, a.naddrs, 1);
	KUNIT_EXPECT_EQ(test, a.interval_cs, 100);
	KUNIT_EXPECT_EQ(test, parse_exact(test, v3_plain_vector, 12, &pseudo4,
					  &a, &form), MWG_PARSE_OK);
	KUNIT_EXPECT_EQ(test, form, MWG_CSUM_PLAIN);
	KUNIT_EXPECT_EQ(test, parse_exact(test, v2_vector, 20, &pseudo4, &a,
					  &form), MWG_PARSE_OK);
	KUNIT_EXPECT_EQ(test, a.version, 2);
	KUNIT_EXPECT_EQ(test, a.interval_cs, 100);
}

/* Every truncation of a valid advert is a length drop, never a read past. */
static void parse_truncated_test(struct kunit *test)
{
	enum mwg_csum_form form;
	struct mwg_advert a;
	size_t len;

	for (len = 0; len < 12; len++) {
		KUNIT_EXPECT_EQ(test, parse_exact(test, v3_pseudo_vector, len,
						  &pseudo4, &a, &form),
				MWG_PARSE_LENGTH);
		if (len >= 2)
			KUNIT_EXPECT_EQ(test, a.vrid, 51);
	}
	for (len = 0; len < 20; len++)
		KUNIT_EXPECT_EQ(test, parse_exact(test, v2_vector, len, &pseudo4,
						  &a, &form), MWG_PARSE_LENGTH);
}

static void parse_drops_test(struct kunit *test)
{
	enum mwg_csum_form form;
	struct mwg_advert a;
	u8 buf[20];

	memcpy(buf, v3_pseudo_vector, 12);
	buf[3] = 2;
	fix_csum(buf, 12, &pseudo4);
	KUNIT_EXPECT_EQ(test, parse_exact(test, buf, 12, &pseudo4, &a, &form),
			MWG_PARSE_LENGTH);

	memcpy(buf, v3_pseudo_vector, 12);
	buf[0] = 0x41;
	fix_csum(buf, 12, &pseudo4);
	KUNIT_EXPECT_EQ(test, parse_exact(test, buf, 12, &pseudo4, &a, &form),
			MWG_PARSE_VERSION);

	memcpy(buf, v3_pseudo_vector, 12);
	buf[0] = 0x32;
	fix_csum(buf, 12, &pseudo4);
	KUNIT_EXPECT_EQ(test, parse_exact(test, buf, 12, &pseudo4, &a, &form),
			MWG_PARSE_TYPE);

	memcpy(buf, v3_pseudo_vector, 12);
	buf[7] = 0x72;
	KUNIT_EXPECT_EQ(test, parse_exact(test, buf, 12, &pseudo4, &a, &form),
			MWG_PARSE_CHECKSUM);

	memcpy(buf, v3_pseudo_vector, 12);
	buf[3] = 0;
	fix_csum(buf, 12, &pseudo4);
	KUNIT_EXPECT_EQ(test, parse_exact(test, buf, 12, &pseudo4, &a, &form),
			MWG_PARSE_ADDR_COUNT);

	memcpy(buf, v3_pseudo_vector, 12);
	buf[5] = 0;
	fix_csum(buf, 12, &pseudo4);
	KUNIT_EXPECT_EQ(test, parse_exact(test, buf, 12, &pseudo4, &a, &form),
			MWG_PARSE_INTERVAL);

	memcpy(buf, v2_vector, 20);
	buf[4] = 1;
	fix_csum(buf, 20, NULL);
	KUNIT_EXPECT_EQ(test, parse_exact(test, buf, 20, &pseudo4, &a, &form),
			MWG_PARSE_AUTH_TYPE);
}

static void parse_carp_test(struct kunit *test)
{
	enum mwg_csum_form form;
	struct mwg_advert a;
	u8 buf[36] = { 0x21, 51, 0, 7, 0, 1 };

	KUNIT_EXPECT_EQ(test, parse_exact(test, buf, 36, &pseudo4, &a, &form),
			MWG_PARSE_CARP);
}

static void parse_ipv6_test(struct kunit *test)
{
	enum mwg_csum_form form;
	struct mwg_advert a;
	u8 m[24] = { 0x31, 51, 100, 1, 0, 100 };

	m[8] = 0x20;	/* 2001:... is not link-local */
	m[9] = 0x01;
	fix_csum(m, 24, &pseudo6);
	KUNIT_EXPECT_EQ(test, parse_exact(test, m, 24, &pseudo6, &a, &form),
			MWG_PARSE_NOT_LINKLOCAL);
	m[0] = 0x21;
	KUNIT_EXPECT_EQ(test, parse_exact(test, m, 24, &pseudo6, &a, &form),
			MWG_PARSE_VERSION);
	/* RFC 9568's plain form is for IPv4 only. */
	m[0] = 0x31;
	m[8] = 0xfe;
	m[9] = 0x80;
	fix_csum(m, 24, NULL);
	KUNIT_EXPECT_EQ(test, parse_exact(test, m, 24, &pseudo6, &a, &form),
			MWG_PARSE_CHECKSUM);
	fix_csum(m, 24, &pseudo6);
	KUNIT_EXPECT_EQ(test, parse_exact(test, m, 24, &pseudo6, &a, &form),
			MWG_PARSE_OK);
}

static struct kunit_case parse_cases[] = {
	KUNIT_CASE(parse_ok_test),
	KUNIT_CASE(parse_truncated_test),
	KUNIT_CASE(parse_drops_test),
	KUNIT_CASE(parse_carp_test),
	KUNIT_CASE(parse_ipv6_test),
	{}
};

static struct kunit_suite parse_suite = {
	.name = "mwg_proto_parse",
	.test_cases = parse_cases,
};

/* --- timer arithmetic -------------------------------------------------- */

static void skew_test(struct kunit *test)
{
	u64 ms10 = 10 * MWG_NSEC_PER_MSEC;

	KUNIT_EXPECT_EQ(test, mwg_skew_ns(3, 254, ms10), 78125);
	KUNIT_EXPECT_EQ(test, mwg_skew_ns(2, 100, 3 * MWG_NSEC_PER_SEC),
			156 * MWG_NSEC_PER_SEC / 256);
	/* The largest v3 interval does not overflow. */
	KUNIT_EXPECT_EQ(test, mwg_skew_ns(3, 1, 4095 * MWG_NSEC_PER_CSEC),
			255 * 4095 * MWG_NSEC_PER_CSEC / 256);
}

static void master_down_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mwg_master_down_ns(3, 100, 100 * MWG_NSEC_PER_CSEC),
			3 * MWG_NSEC_PER_SEC + 156 * MWG_NSEC_PER_SEC / 256);
	KUNIT_EXPECT_EQ(test, mwg_master_down_ns(2, 255, MWG_NSEC_PER_SEC),
			3 * MWG_NSEC_PER_SEC + MWG_NSEC_PER_SEC / 256);
}

static void interval_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mwg_interval_from_ms(3, 10), 1);
	KUNIT_EXPECT_EQ(test, mwg_interval_from_ms(3, 40950), 4095);
	KUNIT_EXPECT_EQ(test, mwg_interval_from_ms(2, 3000), 300);
	KUNIT_EXPECT_EQ(test, mwg_interval_from_ms(2, 1500), 100);
	KUNIT_EXPECT_EQ(test, mwg_interval_to_ns(3, 1), 10 * MWG_NSEC_PER_MSEC);
	KUNIT_EXPECT_EQ(test, mwg_interval_to_ns(2, 100), MWG_NSEC_PER_SEC);
}

static struct kunit_case timer_cases[] = {
	KUNIT_CASE(skew_test),
	KUNIT_CASE(master_down_test),
	KUNIT_CASE(interval_test),
	{}
};

static struct kunit_suite timer_suite = {
	.name = "mwg_proto_timers",
	.test_cases = timer_cases,
};

/* --- mwg_decide_advert: RFC 5798 6.4 ----------------------------------- */

static void decide_backup_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mwg_decide_advert(MWG_FSM_BACKUP, 100, true, 0, -1),
			MWG_ACT_BACKUP_SKEW);
	KUNIT_EXPECT_EQ(test, mwg_decide_advert(MWG_FSM_BACKUP, 100, true, 200, -1),
			MWG_ACT_BACKUP_ACCEPT);
	KUNIT_EXPECT_EQ(test, mwg_decide_advert(MWG_FSM_BACKUP, 100, true, 100, -1),
			MWG_ACT_BACKUP_ACCEPT);
	KUNIT_EXPECT_EQ(test, mwg_decide_advert(MWG_FSM_BACKUP, 100, true, 50, 1),
			MWG_ACT_DISCARD);
	KUNIT_EXPECT_EQ(test, mwg_decide_advert(MWG_FSM_BACKUP, 100, false, 50, 1),
			MWG_ACT_BACKUP_ACCEPT);
}

static void decide_master_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mwg_decide_advert(MWG_FSM_MASTER, 100, true, 0, 1),
			MWG_ACT_MASTER_REASSERT);
	KUNIT_EXPECT_EQ(test, mwg_decide_advert(MWG_FSM_MASTER, 100, true, 200, -1),
			MWG_ACT_MASTER_YIELD);
	KUNIT_EXPECT_EQ(test, mwg_decide_advert(MWG_FSM_MASTER, 100, true, 100, 1),
			MWG_ACT_MASTER_YIELD);
	KUNIT_EXPECT_EQ(test, mwg_decide_advert(MWG_FSM_MASTER, 100, true, 100, -1),
			MWG_ACT_MASTER_REASSERT);
	KUNIT_EXPECT_EQ(test, mwg_decide_advert(MWG_FSM_MASTER, 100, false, 50, -1),
			MWG_ACT_MASTER_REASSERT);
}

static void decide_init_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mwg_decide_advert(MWG_FSM_INIT, 100, true, 200, 1),
			MWG_ACT_DISCARD);
	KUNIT_EXPECT_EQ(test, mwg_addr_cmp(vip, src, 4), 1);
	KUNIT_EXPECT_EQ(test, mwg_addr_cmp(src, vip, 4), -1);
	KUNIT_EXPECT_EQ(test, mwg_addr_cmp(src, src, 4), 0);
}

static struct kunit_case decide_cases[] = {
	KUNIT_CASE(decide_backup_test),
	KUNIT_CASE(decide_master_test),
	KUNIT_CASE(decide_init_test),
	{}
};

static struct kunit_suite decide_suite = {
	.name = "mwg_proto_decide",
	.test_cases = decide_cases,
};

kunit_test_suites(&csum_suite, &build_suite, &parse_suite, &timer_suite,
		  &decide_suite);

MODULE_DESCRIPTION("KUnit tests of mwg_vrrp's VRRP protocol code");
MODULE_LICENSE("GPL");
