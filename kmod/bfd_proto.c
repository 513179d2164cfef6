// SPDX-License-Identifier: GPL-2.0
/*
 * BFD control packets (RFC 5880 4.1, 6.8.6), the reception state table and
 * timer arithmetic.  Pure functions only: see bfd_proto.h.
 */
#include "bfd_proto.h"

static u32 mwg_bfd_get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void mwg_bfd_put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* The checks of RFC 5880 6.8.6 that need no session, in its order. */
enum mwg_bfd_parse_result mwg_bfd_parse(const u8 *buf, size_t len,
					struct mwg_bfd_pkt *pkt)
{
	memset(pkt, 0, sizeof(*pkt));
	if (len < 1)
		return MWG_BFD_PARSE_LENGTH;
	pkt->version = buf[0] >> 5;
	if (pkt->version != MWG_BFD_VERSION)
		return MWG_BFD_PARSE_VERSION;
	if (len < MWG_BFD_HDR_LEN)
		return MWG_BFD_PARSE_LENGTH;
	pkt->diag = buf[0] & 0x1f;
	pkt->state = buf[1] >> 6;
	pkt->flags = buf[1] & 0x3f;
	pkt->detect_mult = buf[2];
	pkt->length = buf[3];
	pkt->my_disc = mwg_bfd_get32(buf + 4);
	pkt->your_disc = mwg_bfd_get32(buf + 8);
	pkt->desired_min_tx = mwg_bfd_get32(buf + 12);
	pkt->required_min_rx = mwg_bfd_get32(buf + 16);
	pkt->required_min_echo_rx = mwg_bfd_get32(buf + 20);

	if (pkt->length < MWG_BFD_HDR_LEN +
	    ((pkt->flags & MWG_BFD_FLAG_AUTH) ? MWG_BFD_AUTH_MIN_LEN : 0))
		return MWG_BFD_PARSE_LENGTH;
	if (pkt->length > len)
		return MWG_BFD_PARSE_LENGTH;
	if (!pkt->detect_mult)
		return MWG_BFD_PARSE_MULT;
	if (pkt->flags & MWG_BFD_FLAG_MULTIPOINT)
		return MWG_BFD_PARSE_MULTIPOINT;
	if (!pkt->my_disc)
		return MWG_BFD_PARSE_MY_DISC;
	if (!pkt->your_disc && pkt->state != MWG_BFD_DOWN &&
	    pkt->state != MWG_BFD_ADMIN_DOWN)
		return MWG_BFD_PARSE_YOUR_DISC;
	/* No authentication is configured on any session (bfd.AuthType 0). */
	if (pkt->flags & MWG_BFD_FLAG_AUTH)
		return MWG_BFD_PARSE_AUTH;
	return MWG_BFD_PARSE_OK;
}

size_t mwg_bfd_build(u8 *buf, const struct mwg_bfd_pkt *pkt)
{
	buf[0] = MWG_BFD_VERSION << 5 | (pkt->diag & 0x1f);
	buf[1] = (pkt->state & 3) << 6 | (pkt->flags & 0x3f);
	buf[2] = pkt->detect_mult;
	buf[3] = MWG_BFD_HDR_LEN;
	mwg_bfd_put32(buf + 4, pkt->my_disc);
	mwg_bfd_put32(buf + 8, pkt->your_disc);
	mwg_bfd_put32(buf + 12, pkt->desired_min_tx);
	mwg_bfd_put32(buf + 16, pkt->required_min_rx);
	mwg_bfd_put32(buf + 20, pkt->required_min_echo_rx);
	return MWG_BFD_HDR_LEN;
}

u8 mwg_bfd_next_state(u8 local, u8 remote, u8 *diag)
{
	if (local == MWG_BFD_ADMIN_DOWN)
		return local;		/* 6.8.6: discard in AdminDown */
	if (remote == MWG_BFD_ADMIN_DOWN) {
		if (local != MWG_BFD_DOWN) {
			*diag = MWG_BFD_DIAG_NEIGHBOR_DOWN;
			return MWG_BFD_DOWN;
		}
		return local;
	}
	switch (local) {
	case MWG_BFD_DOWN:
		if (remote == MWG_BFD_DOWN)
			return MWG_BFD_INIT;
		if (remote == MWG_BFD_INIT)
			return MWG_BFD_UP;
		break;
	case MWG_BFD_INIT:
		if (remote == MWG_BFD_INIT || remote == MWG_BFD_UP)
			return MWG_BFD_UP;
		break;
	case MWG_BFD_UP:
		if (remote == MWG_BFD_DOWN) {
			*diag = MWG_BFD_DIAG_NEIGHBOR_DOWN;
			return MWG_BFD_DOWN;
		}
		break;
	}
	return local;
}

u32 mwg_bfd_tx_interval_us(u32 desired_min_tx, u32 remote_min_rx,
			   bool session_up)
{
	u32 want = desired_min_tx;

	if (!remote_min_rx)
		return 0;
	if (!session_up && want < MWG_BFD_SLOW_TX_US)
		want = MWG_BFD_SLOW_TX_US;
	return want > remote_min_rx ? want : remote_min_rx;
}

u64 mwg_bfd_detect_us(u32 required_min_rx, u32 remote_desired_tx,
		      u8 remote_mult)
{
	u32 agreed = required_min_rx > remote_desired_tx ? required_min_rx :
							    remote_desired_tx;

	return (u64)remote_mult * agreed;
}

u32 mwg_bfd_jitter_us(u32 interval_us, u8 detect_mult, u32 rnd)
{
	/* The reduction, in tenths of a percent: 0-250, or 100-250. */
	u32 lo = detect_mult == 1 ? 100 : 0;
	u32 permille = lo + rnd % (250 - lo + 1);

	return interval_us - (u32)((u64)interval_us * permille / 1000);
}
