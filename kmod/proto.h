/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VRRP wire format and protocol arithmetic, free of kernel-only APIs.
 *
 * This file and proto.c build both into the module and into userspace unit
 * tests and fuzz targets, so they use nothing but fixed-width integers and
 * memcpy/memset.  Everything here is a pure function of its arguments.
 */
#ifndef _MWG_PROTO_H
#define _MWG_PROTO_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#else
#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
#endif

#define MWG_IPPROTO_VRRP	112
#define MWG_VRRP_TTL		255
#define MWG_VRRP_TYPE_ADVERT	1
#define MWG_VRRP_HDR_LEN	8	/* v2 and v3 fixed header */
#define MWG_VRRP_V2_AUTH_LEN	8	/* v2 authentication data */
#define MWG_VRRP_MAX_ADDRS	255
#define MWG_VRRP_V3_MAX_INTERVAL_CS 4095
#define MWG_VRRP_MAX_PKT	(MWG_VRRP_HDR_LEN + MWG_VRRP_MAX_ADDRS * 16 + \
				 MWG_VRRP_V2_AUTH_LEN)

#define MWG_NSEC_PER_MSEC	1000000ULL
#define MWG_NSEC_PER_CSEC	10000000ULL
#define MWG_NSEC_PER_SEC	1000000000ULL

/* How the checksum of a VRRPv3 IPv4 advert is computed. */
enum mwg_csum_form {
	MWG_CSUM_PSEUDO,	/* RFC 5798: with the IPv4 pseudo-header */
	MWG_CSUM_PLAIN,		/* RFC 9568 for IPv4, and always VRRPv2 */
};

/* The outcome of parsing a received advert; each maps to a counter. */
enum mwg_parse_result {
	MWG_PARSE_OK,
	MWG_PARSE_LENGTH,	/* shorter than its header or address list */
	MWG_PARSE_VERSION,	/* neither 2 nor 3, or not the VR's */
	MWG_PARSE_TYPE,		/* not an advertisement */
	MWG_PARSE_CHECKSUM,	/* matches neither checksum form */
	MWG_PARSE_ADDR_COUNT,	/* count of addresses is zero */
	MWG_PARSE_INTERVAL,	/* advertisement interval is zero */
	MWG_PARSE_AUTH_TYPE,	/* VRRPv2 with authentication */
	MWG_PARSE_CARP,		/* a CARP packet: drop without noise */
	MWG_PARSE_NOT_LINKLOCAL, /* IPv6: first address not link-local */
};

/* A parsed (or to-be-built) advertisement. */
struct mwg_advert {
	u8 version;		/* 2 or 3 */
	u8 vrid;
	u8 priority;
	u8 naddrs;
	u16 interval_cs;	/* v3: centiseconds; v2: seconds * 100 */
	u8 auth_type;		/* v2 only */
	u8 addr_len;		/* 4 or 16 */
	const u8 *addrs;	/* naddrs * addr_len bytes, network order */
};

/*
 * The addresses the checksum covers with the pseudo-header; NULL for
 * checksums over the message alone.
 */
struct mwg_pseudo {
	const u8 *saddr;
	const u8 *daddr;
	u8 addr_len;		/* 4 or 16 */
};

u16 mwg_csum_fold(u32 sum);
u32 mwg_csum_add(u32 sum, const u8 *buf, size_t len);
u16 mwg_advert_checksum(const u8 *msg, size_t len,
			const struct mwg_pseudo *pseudo);

size_t mwg_advert_len(u8 version, u8 addr_len, u8 naddrs);

enum mwg_parse_result mwg_advert_parse(const u8 *msg, size_t len,
				       const struct mwg_pseudo *pseudo,
				       struct mwg_advert *adv,
				       enum mwg_csum_form *form);

size_t mwg_advert_build(u8 *buf, size_t cap, const struct mwg_advert *adv,
			const struct mwg_pseudo *pseudo);

u64 mwg_skew_ns(u8 version, u8 priority, u64 master_adver_ns);
u64 mwg_master_down_ns(u8 version, u8 priority, u64 master_adver_ns);

u64 mwg_interval_to_ns(u8 version, u16 interval_cs);
u16 mwg_interval_from_ms(u8 version, u32 interval_ms);

int mwg_addr_cmp(const u8 *a, const u8 *b, u8 addr_len);

enum mwg_fsm_state {
	MWG_FSM_INIT,
	MWG_FSM_BACKUP,
	MWG_FSM_MASTER,
};

/* What to do with a valid advert from another router (RFC 5798 6.4). */
enum mwg_advert_action {
	MWG_ACT_DISCARD,		/* ignore it */
	MWG_ACT_BACKUP_SKEW,		/* Master_Down_Timer = Skew_Time */
	MWG_ACT_BACKUP_ACCEPT,		/* learn interval, restart MDT */
	MWG_ACT_MASTER_REASSERT,	/* master: advertise at once */
	MWG_ACT_MASTER_YIELD,		/* master: become backup */
};

enum mwg_advert_action mwg_decide_advert(enum mwg_fsm_state state,
					 u8 local_prio, bool preempt_now,
					 u8 adv_prio, int sender_cmp);

#endif /* _MWG_PROTO_H */
