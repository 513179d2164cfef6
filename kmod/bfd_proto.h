/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BFD (RFC 5880, single hop per RFC 5881) control packet format, state
 * machine and timer arithmetic, free of kernel-only APIs like proto.h, so
 * that the host unit tests compile the very code the module runs.
 * Everything here is a pure function of its arguments.
 */
#ifndef _MWG_BFD_PROTO_H
#define _MWG_BFD_PROTO_H

#include "proto.h"

#define MWG_BFD_PORT		3784	/* RFC 5881 4: single hop control */
#define MWG_BFD_SRC_PORT_MIN	49152	/* RFC 5881 4: source port range */
#define MWG_BFD_VERSION		1
#define MWG_BFD_HDR_LEN		24	/* mandatory section */
#define MWG_BFD_AUTH_MIN_LEN	2	/* auth type and length */
#define MWG_BFD_TTL		255	/* RFC 5881 5: GTSM */
/* RFC 5880 6.8.3: the transmit interval while the session is not Up. */
#define MWG_BFD_SLOW_TX_US	1000000U

#define MWG_BFD_FLAG_POLL	0x20
#define MWG_BFD_FLAG_FINAL	0x10
#define MWG_BFD_FLAG_CPI	0x08	/* control plane independent */
#define MWG_BFD_FLAG_AUTH	0x04
#define MWG_BFD_FLAG_DEMAND	0x02
#define MWG_BFD_FLAG_MULTIPOINT	0x01

/* Session states as on the wire (RFC 5880 4.1). */
enum mwg_bfd_wire_state {
	MWG_BFD_ADMIN_DOWN,
	MWG_BFD_DOWN,
	MWG_BFD_INIT,
	MWG_BFD_UP,
};

/* Diagnostic codes (RFC 5880 4.1), those this implementation sends. */
enum mwg_bfd_diag {
	MWG_BFD_DIAG_NONE		= 0,
	MWG_BFD_DIAG_DETECT_EXPIRED	= 1,
	MWG_BFD_DIAG_NEIGHBOR_DOWN	= 3,
	MWG_BFD_DIAG_ADMIN_DOWN		= 7,
};

/* A control packet, parsed or to be built; intervals in microseconds. */
struct mwg_bfd_pkt {
	u8 version;
	u8 diag;
	u8 state;		/* enum mwg_bfd_wire_state */
	u8 flags;		/* MWG_BFD_FLAG_* */
	u8 detect_mult;
	u8 length;
	u32 my_disc;
	u32 your_disc;
	u32 desired_min_tx;
	u32 required_min_rx;
	u32 required_min_echo_rx;
};

/*
 * What RFC 5880 6.8.6 says to do with a received packet before a session
 * is selected; everything but OK is a discard with its own counter.
 */
enum mwg_bfd_parse_result {
	MWG_BFD_PARSE_OK,
	MWG_BFD_PARSE_VERSION,		/* version is not 1 */
	MWG_BFD_PARSE_LENGTH,		/* length field short, or beyond the data */
	MWG_BFD_PARSE_MULT,		/* detect multiplier is zero */
	MWG_BFD_PARSE_MULTIPOINT,	/* M bit set */
	MWG_BFD_PARSE_MY_DISC,		/* my discriminator is zero */
	MWG_BFD_PARSE_YOUR_DISC,	/* your discr. zero outside Down/AdminDown */
	MWG_BFD_PARSE_AUTH,		/* A bit set: no authentication in use */
};

enum mwg_bfd_parse_result mwg_bfd_parse(const u8 *buf, size_t len,
					struct mwg_bfd_pkt *pkt);

size_t mwg_bfd_build(u8 *buf, const struct mwg_bfd_pkt *pkt);

u8 mwg_bfd_next_state(u8 local, u8 remote, u8 *diag);

u32 mwg_bfd_tx_interval_us(u32 desired_min_tx, u32 remote_min_rx,
			   bool session_up);

u64 mwg_bfd_detect_us(u32 required_min_rx, u32 remote_desired_tx,
		      u8 remote_mult);

u32 mwg_bfd_jitter_us(u32 interval_us, u8 detect_mult, u32 rnd);

#endif /* _MWG_BFD_PROTO_H */
