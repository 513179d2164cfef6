/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MWG discovery protocol, version 1: the wire format and its limits.
 * Documentation/discovery-protocol.md is the specification; this header
 * and proto.c are its only encoder and parser.
 *
 * proto.c is pure: no I/O, no clock, no allocation, no crypto.  It turns
 * bytes into a struct mwgd_msg (or says precisely why not) and back, so
 * the same file is compiled into mwgd, the host unit test and the fuzz
 * target.  Authentication (auth.c) works on the byte ranges this parser
 * reports and never on anything the parser did not check first.
 */
#ifndef MWGD_PROTO_H
#define MWGD_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MWGD_PORT		7190
#define MWGD_VERSION		1

#define MWGD_MAGIC0		'M'
#define MWGD_MAGIC1		'W'
#define MWGD_MAGIC2		'G'
#define MWGD_MAGIC3		'D'

/* Fixed header; byte offsets as in the specification. */
#define MWGD_OFF_MAGIC		0
#define MWGD_OFF_VERSION	4
#define MWGD_OFF_TYPE		5
#define MWGD_OFF_FLAGS		6
#define MWGD_OFF_RESERVED	7
#define MWGD_OFF_LENGTH		8
#define MWGD_OFF_TLV_COUNT	10
#define MWGD_OFF_NODE_ID	12
#define MWGD_OFF_EPOCH		28
#define MWGD_OFF_SEQ		36
#define MWGD_HDR_LEN		40

#define MWGD_TLV_HDR_LEN	4
#define MWGD_AUTH_LEN		32	/* HMAC-SHA-256 trailer */

/* Limits every receiver enforces. */
#define MWGD_MSG_MAX		512	/* whole datagram, trailer included */
#define MWGD_TLV_MAX		16	/* TLVs in one message */
#define MWGD_NODE_ID_LEN	16
#define MWGD_NAME_MAX		63	/* bytes, printable ASCII, no NUL */
#define MWGD_PORTS_MAX		16
#define MWGD_LOAD_MAX		1000	/* per mille */
#define MWGD_INTERVAL_MIN_MS	10
#define MWGD_INTERVAL_MAX_MS	60000
#define MWGD_DEAD_AFTER_MIN	2
#define MWGD_DEAD_AFTER_MAX	100

enum mwgd_type {
	MWGD_T_DISCOVER = 1,	/* director -> broadcast */
	MWGD_T_ANNOUNCE = 2,	/* scanner -> one director, unicast */
};

/* Header flags. */
#define MWGD_F_AUTH		0x01	/* a 32-byte HMAC trailer follows */
#define MWGD_F_KNOWN		MWGD_F_AUTH

/* TLV types.  Types 0x8000 and above may be skipped when unknown. */
enum mwgd_tlv {
	MWGD_TLV_INTERVAL_MS	= 1,	/* u32, discover: this director's period */
	MWGD_TLV_DEAD_AFTER	= 2,	/* u8, discover */
	MWGD_TLV_DIR_STATE	= 3,	/* u8, discover: 1 active, 0 backup */
	MWGD_TLV_NAME		= 4,	/* 1..63 bytes, announce */
	MWGD_TLV_PORTS		= 5,	/* 1..16 x u16, announce */
	MWGD_TLV_LOAD		= 6,	/* u32 0..1000, announce */
	MWGD_TLV_CAPACITY	= 7,	/* u32, announce */
	MWGD_TLV_ECHO		= 8,	/* 28 bytes, announce: discover answered */
	MWGD_TLV_OPTIONAL	= 0x8000,
	/*
	 * u8 1, announce: alive, but none of its proxy ports answers, so no
	 * new connection should come.  Optional, so that a director that
	 * does not know it goes on as before.
	 */
	MWGD_TLV_OUT_OF_SERVICE	= MWGD_TLV_OPTIONAL | 1,
};

#define MWGD_ECHO_LEN		(MWGD_NODE_ID_LEN + 8 + 4)

enum mwgd_dir_state {
	MWGD_DIR_BACKUP = 0,
	MWGD_DIR_ACTIVE = 1,
};

/* Why a datagram was dropped; each has a counter in the daemon. */
enum mwgd_err {
	MWGD_OK = 0,
	MWGD_E_TRUNCATED,	/* shorter than a header, or than it says */
	MWGD_E_OVERSIZE,	/* longer than MWGD_MSG_MAX */
	MWGD_E_MAGIC,		/* not ours at all */
	MWGD_E_VERSION,		/* a version we do not speak */
	MWGD_E_LENGTH,		/* length field != datagram size */
	MWGD_E_MALFORMED,	/* bad type, flags, TLV layout or value */
	__MWGD_E_MAX,
};

/* The discovery this announcement answers: its sender, epoch and seq. */
struct mwgd_echo {
	uint8_t node_id[MWGD_NODE_ID_LEN];
	uint64_t epoch;
	uint32_t seq;
};

struct mwgd_msg {
	uint8_t type;
	uint8_t flags;
	uint8_t node_id[MWGD_NODE_ID_LEN];
	uint64_t epoch;		/* sender's start, ms since the Unix epoch */
	uint32_t seq;		/* per message, 1.. within an epoch */

	/* discover */
	uint32_t interval_ms;
	uint8_t dead_after;
	uint8_t dir_state;

	/* announce */
	char name[MWGD_NAME_MAX + 1];
	unsigned int n_ports;
	uint16_t ports[MWGD_PORTS_MAX];
	uint32_t load;
	uint32_t capacity;
	bool have_load;
	bool have_capacity;
	bool out_of_service;
	struct mwgd_echo echo;

	/* Set by the parser: the bytes an HMAC covers and the trailer. */
	size_t signed_len;
	const uint8_t *auth;	/* NULL without MWGD_F_AUTH */
};

/*
 * Parse a datagram of @len bytes.  @len may be larger than MWGD_MSG_MAX
 * (the caller's buffer is), which gives MWGD_E_OVERSIZE.  Returns MWGD_OK
 * with @m filled, or the reason for dropping it; @m is then undefined.
 * @m->auth points into @buf.
 */
enum mwgd_err mwgd_parse(const uint8_t *buf, size_t len, struct mwgd_msg *m);

/*
 * Encode @m into @buf (room @size).  With MWGD_F_AUTH in m->flags, room
 * for the trailer is left at the end and zeroed: the caller signs all but
 * the last MWGD_AUTH_LEN bytes and writes the tag there (auth.c).  Returns the length
 * or -1 if @m breaks a limit or @size is too small, so that mwgd can never
 * send what its peers must drop.
 */
int mwgd_encode(const struct mwgd_msg *m, uint8_t *buf, size_t size);

/* Short name of an mwgd_err, for counters and logs. */
const char *mwgd_err_name(enum mwgd_err err);

/* A scanner name as the protocol allows it (the config parser uses it). */
bool mwgd_name_valid(const char *name, size_t len);

#endif /* MWGD_PROTO_H */
