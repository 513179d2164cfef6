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

/**
 * mwg_bfd_parse() - Parse and check a received control packet.
 * @buf: the UDP payload.
 * @len: its length.
 * @pkt: the fields, filled in as far as parsing got.
 *
 * The checks of RFC 5880 6.8.6 that need no session, in its order: the
 * first one that fails is the result, so that each drop has one counter.
 *
 * Return: MWG_BFD_PARSE_OK, or what is wrong with the packet.
 */
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

/**
 * mwg_bfd_build() - Write a control packet.
 * @buf: room for MWG_BFD_HDR_LEN (24) bytes.
 * @pkt: the fields; the version and length are not taken from it.
 *
 * Without authentication, so always the 24 bytes of the mandatory section.
 *
 * Return: the packet's length, MWG_BFD_HDR_LEN.
 */
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

/**
 * mwg_bfd_next_state() - The session's state after a received packet.
 * @local: the session's state (enum mwg_bfd_wire_state).
 * @remote: the state the packet announces.
 * @diag: set to the diagnostic to send when the session goes Down for the
 *        packet; left alone otherwise.
 *
 * The reception part of the state machine of RFC 5880 6.8.6; a session in
 * AdminDown stays there.
 *
 * Return: the new state, @local when it does not change.
 */
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

/**
 * mwg_bfd_tx_interval_us() - The interval between transmitted packets.
 * @desired_min_tx: our Desired Min TX Interval in force (us).
 * @remote_min_rx: the remote's Required Min RX Interval (us).
 * @session_up: whether the session is Up.
 *
 * RFC 5880 6.8.7, before jitter: the larger of what we want (at least one
 * second unless Up, 6.8.3) and what the remote can take.
 *
 * Return: the interval in microseconds; 0 when the remote asked for no
 * packets at all.
 */
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

/**
 * mwg_bfd_detect_us() - The detection time in asynchronous mode.
 * @required_min_rx: our Required Min RX Interval in force (us).
 * @remote_desired_tx: the remote's Desired Min TX Interval (us).
 * @remote_mult: the remote's Detect Mult.
 *
 * RFC 5880 6.8.4: the remote's multiplier times the larger of our receive
 * floor and its transmit interval.
 *
 * Return: the time in microseconds, 64 bits wide: 255 times the longest
 * interval does not fit in 32.
 */
u64 mwg_bfd_detect_us(u32 required_min_rx, u32 remote_desired_tx,
		      u8 remote_mult)
{
	u32 agreed = required_min_rx > remote_desired_tx ? required_min_rx :
							    remote_desired_tx;

	return (u64)remote_mult * agreed;
}

/**
 * mwg_bfd_jitter_us() - Apply the jitter of RFC 5880 6.8.7 to an interval.
 * @interval_us: the interval before jitter.
 * @detect_mult: our Detect Mult.
 * @rnd: a uniformly random number.
 *
 * Takes a random 0-25 % off the interval, or 10-25 % when @detect_mult is
 * 1, so that the interval never exceeds the negotiated one and two systems
 * never synchronise.
 *
 * Return: the jittered interval in microseconds.
 */
u32 mwg_bfd_jitter_us(u32 interval_us, u8 detect_mult, u32 rnd)
{
	/* The reduction, in tenths of a percent: 0-250, or 100-250. */
	u32 lo = detect_mult == 1 ? 100 : 0;
	u32 permille = lo + rnd % (250 - lo + 1);

	return interval_us - (u32)((u64)interval_us * permille / 1000);
}
