// SPDX-License-Identifier: GPL-2.0
/*
 * VRRP wire format (RFC 3768, RFC 5798, RFC 9568) and protocol arithmetic.
 * Pure functions only: see proto.h.
 */
#include "proto.h"

/**
 * mwg_csum_add() - Add bytes to a one's complement sum.
 * @sum: the sum so far.
 * @buf: the bytes, taken as 16-bit big-endian words.
 * @len: their number; an odd last byte is padded with a zero.
 *
 * Return: the new sum, not folded.
 */
u32 mwg_csum_add(u32 sum, const u8 *buf, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (u32)buf[i] << 8 | buf[i + 1];
	if (len & 1)
		sum += (u32)buf[len - 1] << 8;
	return sum;
}

/**
 * mwg_csum_fold() - Fold a one's complement sum to 16 bits and complement it.
 * @sum: the sum.
 *
 * Return: the checksum, as a number (the message holds it big-endian).
 */
u16 mwg_csum_fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

/**
 * mwg_advert_checksum() - The checksum of a VRRP message.
 * @msg: the message; its checksum field zero to compute one, as received
 *       to verify one.
 * @len: its length.
 * @pseudo: the packet's IP addresses for the pseudo-header, or NULL for
 *          none.
 *
 * One's complement checksum of @msg, preceded by the IPv4 or IPv6
 * pseudo-header when @pseudo is given.  Both pseudo-headers add up to the
 * same words: the addresses, the upper-layer length and the protocol.
 *
 * Return: the checksum; 0 for a received message that is intact.
 */
u16 mwg_advert_checksum(const u8 *msg, size_t len,
			const struct mwg_pseudo *pseudo)
{
	u32 sum = 0;

	if (pseudo) {
		sum = mwg_csum_add(sum, pseudo->saddr, pseudo->addr_len);
		sum = mwg_csum_add(sum, pseudo->daddr, pseudo->addr_len);
		sum += (u32)(len >> 16) + (u32)(len & 0xffff);
		sum += MWG_IPPROTO_VRRP;
	}
	return mwg_csum_fold(mwg_csum_add(sum, msg, len));
}

/**
 * mwg_advert_len() - The size of an advert.
 * @version: 2 or 3.
 * @addr_len: 4 or 16.
 * @naddrs: the number of addresses.
 *
 * Return: the length in bytes, with VRRPv2's 8 bytes of authentication
 * data.
 */
size_t mwg_advert_len(u8 version, u8 addr_len, u8 naddrs)
{
	size_t len = MWG_VRRP_HDR_LEN + (size_t)naddrs * addr_len;

	return version == 2 ? len + MWG_VRRP_V2_AUTH_LEN : len;
}

/*
 * CARP shares protocol 112, the group 224.0.0.18 and version 2 with VRRPv2.
 * Its header is 36 bytes with an authlen of 7 words in the byte where VRRPv2
 * has the address count; a VRRPv2 advert with 7 addresses is 44 bytes long,
 * so the two cannot be confused.
 */
static bool mwg_is_carp(const u8 *msg, size_t len)
{
	return len == 36 && msg[3] == 7;
}

static bool mwg_is_v6_linklocal(const u8 *addr)
{
	return addr[0] == 0xfe && (addr[1] & 0xc0) == 0x80;
}

static bool mwg_checksum_ok(const u8 *msg, size_t len, u8 version,
			    const struct mwg_pseudo *pseudo,
			    enum mwg_csum_form *form)
{
	if (version == 2) {
		*form = MWG_CSUM_PLAIN;
		return mwg_advert_checksum(msg, len, NULL) == 0;
	}
	if (mwg_advert_checksum(msg, len, pseudo) == 0) {
		*form = MWG_CSUM_PSEUDO;
		return true;
	}
	/* RFC 9568 dropped the pseudo-header for IPv4 only. */
	if (pseudo->addr_len == 4 && mwg_advert_checksum(msg, len, NULL) == 0) {
		*form = MWG_CSUM_PLAIN;
		return true;
	}
	return false;
}

/**
 * mwg_advert_parse() - Parse and check a received VRRP message.
 * @msg: the message.
 * @len: its length.
 * @pseudo: the packet's IP addresses; their length is the family's.
 * @adv: the fields.
 * @form: set to the checksum form that matched, when one did.
 *
 * For IPv4 VRRPv3 the checksum is accepted in either form: with the
 * pseudo-header (RFC 5798) and without it (RFC 9568).  On MWG_PARSE_OK
 * @adv->addrs points into @msg.  On any other result @adv->vrid is still
 * valid if @len >= 2, so that the drop is counted on its VR.
 *
 * Return: MWG_PARSE_OK, or the first check that failed.
 */
enum mwg_parse_result mwg_advert_parse(const u8 *msg, size_t len,
				       const struct mwg_pseudo *pseudo,
				       struct mwg_advert *adv,
				       enum mwg_csum_form *form)
{
	u8 addr_len = pseudo->addr_len;
	u8 version, type;

	memset(adv, 0, sizeof(*adv));
	if (len >= 2)
		adv->vrid = msg[1];
	if (len < MWG_VRRP_HDR_LEN)
		return MWG_PARSE_LENGTH;

	version = msg[0] >> 4;
	type = msg[0] & 0x0f;
	if (version != 3 && !(version == 2 && addr_len == 4))
		return MWG_PARSE_VERSION;
	if (version == 2 && mwg_is_carp(msg, len))
		return MWG_PARSE_CARP;
	if (type != MWG_VRRP_TYPE_ADVERT)
		return MWG_PARSE_TYPE;

	adv->version = version;
	adv->priority = msg[2];
	adv->naddrs = msg[3];
	adv->addr_len = addr_len;
	if (len < mwg_advert_len(version, addr_len, adv->naddrs))
		return MWG_PARSE_LENGTH;
	if (!mwg_checksum_ok(msg, len, version, pseudo, form))
		return MWG_PARSE_CHECKSUM;
	if (adv->naddrs == 0)
		return MWG_PARSE_ADDR_COUNT;

	if (version == 3) {
		adv->interval_cs = (u16)((msg[4] & 0x0f) << 8 | msg[5]);
	} else {
		adv->auth_type = msg[4];
		adv->interval_cs = (u16)(msg[5] * 100);
	}
	if (adv->interval_cs == 0)
		return MWG_PARSE_INTERVAL;
	if (version == 2 && adv->auth_type != 0)
		return MWG_PARSE_AUTH_TYPE;

	adv->addrs = msg + MWG_VRRP_HDR_LEN;
	if (addr_len == 16 && !mwg_is_v6_linklocal(adv->addrs))
		return MWG_PARSE_NOT_LINKLOCAL;
	return MWG_PARSE_OK;
}

/**
 * mwg_advert_build() - Write an advert, checksum included.
 * @buf: where to write it.
 * @cap: the room at @buf, at least mwg_advert_len() bytes.
 * @adv: the fields; @adv->addrs may point at @buf's address list, written
 *       in place already.
 * @pseudo: the packet's IP addresses for the pseudo-header, or NULL for the
 *          plain form; VRRPv2 ignores it.
 *
 * Return: the advert's length, or 0 when @cap is too small.
 */
size_t mwg_advert_build(u8 *buf, size_t cap, const struct mwg_advert *adv,
			const struct mwg_pseudo *pseudo)
{
	size_t len = mwg_advert_len(adv->version, adv->addr_len, adv->naddrs);
	size_t alen = (size_t)adv->naddrs * adv->addr_len;
	u16 csum;

	if (cap < len)
		return 0;
	buf[0] = (u8)(adv->version << 4 | MWG_VRRP_TYPE_ADVERT);
	buf[1] = adv->vrid;
	buf[2] = adv->priority;
	buf[3] = adv->naddrs;
	if (adv->version == 3) {
		buf[4] = (adv->interval_cs >> 8) & 0x0f;
		buf[5] = adv->interval_cs & 0xff;
	} else {
		buf[4] = 0;	/* no authentication, as RFC 3768 advises */
		buf[5] = (u8)(adv->interval_cs / 100);
		pseudo = NULL;
	}
	buf[6] = 0;
	buf[7] = 0;
	/* The caller may have written the addresses in place already. */
	memmove(buf + MWG_VRRP_HDR_LEN, adv->addrs, alen);
	if (adv->version == 2)
		memset(buf + MWG_VRRP_HDR_LEN + alen, 0, MWG_VRRP_V2_AUTH_LEN);

	csum = mwg_advert_checksum(buf, len, pseudo);
	buf[6] = csum >> 8;
	buf[7] = csum & 0xff;
	return len;
}

/**
 * mwg_skew_ns() - Skew_Time (RFC 5798 6.1).
 * @version: 2 or 3.
 * @priority: the VR's priority.
 * @master_adver_ns: Master_Adver_Interval in nanoseconds.
 *
 * (256 - Priority) * Master_Adver_Interval / 256; under VRRPv2 (RFC 3768)
 * (256 - Priority) / 256 seconds, whatever the interval.
 *
 * Return: the time in nanoseconds.
 */
u64 mwg_skew_ns(u8 version, u8 priority, u64 master_adver_ns)
{
	/* RFC 3768: (256 - Priority) / 256 seconds, whatever the interval. */
	if (version == 2)
		return (256 - priority) * MWG_NSEC_PER_SEC / 256;
	return (256 - priority) * master_adver_ns / 256;
}

/**
 * mwg_master_down_ns() - Master_Down_Interval (RFC 5798 6.1).
 * @version: 2 or 3.
 * @priority: the VR's priority.
 * @master_adver_ns: Master_Adver_Interval in nanoseconds.
 *
 * Three times Master_Adver_Interval plus Skew_Time.
 *
 * Return: the interval in nanoseconds.
 */
u64 mwg_master_down_ns(u8 version, u8 priority, u64 master_adver_ns)
{
	return 3 * master_adver_ns + mwg_skew_ns(version, priority,
						 master_adver_ns);
}

/**
 * mwg_interval_to_ns() - An advert interval in nanoseconds.
 * @version: unused: VRRPv2's seconds are kept as centiseconds too.
 * @interval_cs: the interval in centiseconds.
 *
 * Return: the interval in nanoseconds.
 */
u64 mwg_interval_to_ns(u8 version, u16 interval_cs)
{
	(void)version;	/* v2's seconds are kept as centiseconds too */
	return interval_cs * MWG_NSEC_PER_CSEC;
}

/**
 * mwg_interval_from_ms() - A configured interval in the advert's unit.
 * @version: 2 (whole seconds on the wire) or 3 (centiseconds).
 * @interval_ms: the interval in milliseconds.
 *
 * Return: the interval in centiseconds, cut to whole seconds for VRRPv2.
 */
u16 mwg_interval_from_ms(u8 version, u32 interval_ms)
{
	if (version == 2)
		return (u16)(interval_ms / 1000 * 100);
	return (u16)(interval_ms / 10);
}

/**
 * mwg_addr_cmp() - Compare two addresses as unsigned numbers.
 * @a: one address, in network order.
 * @b: the other.
 * @addr_len: 4 or 16.
 *
 * What RFC 5798 6.4.3 compares when two masters of one priority meet.
 *
 * Return: -1, 0 or 1 as @a is below, equal to or above @b.
 */
int mwg_addr_cmp(const u8 *a, const u8 *b, u8 addr_len)
{
	int r = memcmp(a, b, addr_len);

	return (r > 0) - (r < 0);
}

/**
 * mwg_decide_advert() - What to do with a valid advert from another router.
 * @state: the VR's state.
 * @local_prio: its effective priority.
 * @preempt_now: Preempt_Mode is on and any preempt delay has run out.
 * @adv_prio: the advert's priority.
 * @sender_cmp: sign of (sender's address - our primary address).
 *
 * RFC 5798 6.4.2 and 6.4.3, with RFC 9568's change: a master answers an
 * advert of lower priority with one of its own at once.
 *
 * Return: the action; MWG_ACT_DISCARD in Initialize.
 */
enum mwg_advert_action mwg_decide_advert(enum mwg_fsm_state state,
					 u8 local_prio, bool preempt_now,
					 u8 adv_prio, int sender_cmp)
{
	switch (state) {
	case MWG_FSM_BACKUP:
		if (adv_prio == 0)
			return MWG_ACT_BACKUP_SKEW;
		if (!preempt_now || adv_prio >= local_prio)
			return MWG_ACT_BACKUP_ACCEPT;
		return MWG_ACT_DISCARD;
	case MWG_FSM_MASTER:
		if (adv_prio == 0)
			return MWG_ACT_MASTER_REASSERT;
		if (adv_prio > local_prio ||
		    (adv_prio == local_prio && sender_cmp > 0))
			return MWG_ACT_MASTER_YIELD;
		/* RFC 9568 6.4.3: assert mastership to a lower priority. */
		return MWG_ACT_MASTER_REASSERT;
	default:
		return MWG_ACT_DISCARD;
	}
}
