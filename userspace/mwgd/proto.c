// SPDX-License-Identifier: GPL-2.0
/*
 * MWG discovery protocol v1: parser and encoder.
 *
 * Everything a datagram claims is checked against the datagram itself
 * before it is used: the length field against the size received, every
 * TLV length against what is left, every value against its limit.  The
 * parser reads with explicit big-endian loads from a byte buffer, never by
 * casting it to a struct, so alignment and padding cannot matter.
 */
#include <string.h>

#include "proto.h"

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, v >> 32);
	put32(p + 4, v);
}

bool mwgd_name_valid(const char *name, size_t len)
{
	size_t i;

	if (len < 1 || len > MWGD_NAME_MAX)
		return false;
	/* Printable ASCII only: names end up in logs, JSON and the kernel. */
	for (i = 0; i < len; i++)
		if (name[i] < 0x20 || name[i] > 0x7e)
			return false;
	return true;
}

/* Bit of each known TLV type, to refuse duplicates. */
#define TLV_BIT(t)	(1u << (t))

/* TLVs each message type must carry. */
#define DISCOVER_NEEDS	(TLV_BIT(MWGD_TLV_INTERVAL_MS) | \
			 TLV_BIT(MWGD_TLV_DEAD_AFTER) | \
			 TLV_BIT(MWGD_TLV_DIR_STATE))
#define DISCOVER_MAY	DISCOVER_NEEDS
#define ANNOUNCE_NEEDS	(TLV_BIT(MWGD_TLV_NAME) | TLV_BIT(MWGD_TLV_ECHO))
#define ANNOUNCE_MAY	(ANNOUNCE_NEEDS | TLV_BIT(MWGD_TLV_PORTS) | \
			 TLV_BIT(MWGD_TLV_LOAD) | TLV_BIT(MWGD_TLV_CAPACITY))

static enum mwgd_err parse_tlv(uint16_t type, const uint8_t *v, uint16_t len,
			       struct mwgd_msg *m)
{
	unsigned int i;

	switch (type) {
	case MWGD_TLV_INTERVAL_MS:
		if (len != 4)
			return MWGD_E_MALFORMED;
		m->interval_ms = get32(v);
		if (m->interval_ms < MWGD_INTERVAL_MIN_MS ||
		    m->interval_ms > MWGD_INTERVAL_MAX_MS)
			return MWGD_E_MALFORMED;
		return MWGD_OK;
	case MWGD_TLV_DEAD_AFTER:
		if (len != 1 || v[0] < MWGD_DEAD_AFTER_MIN ||
		    v[0] > MWGD_DEAD_AFTER_MAX)
			return MWGD_E_MALFORMED;
		m->dead_after = v[0];
		return MWGD_OK;
	case MWGD_TLV_DIR_STATE:
		if (len != 1 || v[0] > MWGD_DIR_ACTIVE)
			return MWGD_E_MALFORMED;
		m->dir_state = v[0];
		return MWGD_OK;
	case MWGD_TLV_NAME:
		if (!mwgd_name_valid((const char *)v, len))
			return MWGD_E_MALFORMED;
		memcpy(m->name, v, len);
		m->name[len] = '\0';
		return MWGD_OK;
	case MWGD_TLV_PORTS:
		if (len == 0 || len % 2 || len / 2 > MWGD_PORTS_MAX)
			return MWGD_E_MALFORMED;
		m->n_ports = len / 2;
		for (i = 0; i < m->n_ports; i++) {
			m->ports[i] = get16(v + 2 * i);
			if (!m->ports[i])
				return MWGD_E_MALFORMED;
		}
		return MWGD_OK;
	case MWGD_TLV_LOAD:
		if (len != 4)
			return MWGD_E_MALFORMED;
		m->load = get32(v);
		m->have_load = true;
		return m->load <= MWGD_LOAD_MAX ? MWGD_OK : MWGD_E_MALFORMED;
	case MWGD_TLV_CAPACITY:
		if (len != 4)
			return MWGD_E_MALFORMED;
		m->capacity = get32(v);
		m->have_capacity = true;
		return MWGD_OK;
	case MWGD_TLV_OUT_OF_SERVICE:
		if (m->type != MWGD_T_ANNOUNCE || len != 1 || v[0] != 1)
			return MWGD_E_MALFORMED;
		m->out_of_service = true;
		return MWGD_OK;
	case MWGD_TLV_ECHO:
		if (len != MWGD_ECHO_LEN)
			return MWGD_E_MALFORMED;
		memcpy(m->echo.node_id, v, MWGD_NODE_ID_LEN);
		m->echo.epoch = get64(v + MWGD_NODE_ID_LEN);
		m->echo.seq = get32(v + MWGD_NODE_ID_LEN + 8);
		return MWGD_OK;
	}
	/* Unknown: only an optional one may be skipped. */
	return type >= MWGD_TLV_OPTIONAL ? MWGD_OK : MWGD_E_MALFORMED;
}

enum mwgd_err mwgd_parse(const uint8_t *buf, size_t len, struct mwgd_msg *m)
{
	unsigned int count, n = 0;
	uint32_t seen = 0, needs, may;
	size_t total, end, off;
	enum mwgd_err err;

	memset(m, 0, sizeof(*m));
	if (len > MWGD_MSG_MAX)
		return MWGD_E_OVERSIZE;
	if (len < MWGD_HDR_LEN)
		return MWGD_E_TRUNCATED;
	if (buf[0] != MWGD_MAGIC0 || buf[1] != MWGD_MAGIC1 ||
	    buf[2] != MWGD_MAGIC2 || buf[3] != MWGD_MAGIC3)
		return MWGD_E_MAGIC;
	if (buf[MWGD_OFF_VERSION] != MWGD_VERSION)
		return MWGD_E_VERSION;

	total = get16(buf + MWGD_OFF_LENGTH);
	if (total > len)
		return MWGD_E_TRUNCATED;
	if (total != len)
		return MWGD_E_LENGTH;

	m->type = buf[MWGD_OFF_TYPE];
	m->flags = buf[MWGD_OFF_FLAGS];
	if (m->flags & ~MWGD_F_KNOWN || buf[MWGD_OFF_RESERVED])
		return MWGD_E_MALFORMED;
	switch (m->type) {
	case MWGD_T_DISCOVER:
		needs = DISCOVER_NEEDS;
		may = DISCOVER_MAY;
		break;
	case MWGD_T_ANNOUNCE:
		needs = ANNOUNCE_NEEDS;
		may = ANNOUNCE_MAY;
		break;
	default:
		return MWGD_E_MALFORMED;
	}
	count = get16(buf + MWGD_OFF_TLV_COUNT);
	if (count > MWGD_TLV_MAX)
		return MWGD_E_MALFORMED;

	memcpy(m->node_id, buf + MWGD_OFF_NODE_ID, MWGD_NODE_ID_LEN);
	m->epoch = get64(buf + MWGD_OFF_EPOCH);
	m->seq = get32(buf + MWGD_OFF_SEQ);
	if (!m->seq)
		return MWGD_E_MALFORMED;

	end = total;
	if (m->flags & MWGD_F_AUTH) {
		if (end < MWGD_HDR_LEN + MWGD_AUTH_LEN)
			return MWGD_E_TRUNCATED;
		end -= MWGD_AUTH_LEN;
		m->auth = buf + end;
	}
	m->signed_len = end;

	for (off = MWGD_HDR_LEN; off < end; n++) {
		uint16_t type, vlen;

		if (n == count)
			return MWGD_E_MALFORMED;	/* more than announced */
		if (end - off < MWGD_TLV_HDR_LEN)
			return MWGD_E_TRUNCATED;
		type = get16(buf + off);
		vlen = get16(buf + off + 2);
		off += MWGD_TLV_HDR_LEN;
		if (vlen > end - off)
			return MWGD_E_TRUNCATED;
		if (type < MWGD_TLV_OPTIONAL) {
			if (type >= 32 || !(may & TLV_BIT(type)) ||
			    seen & TLV_BIT(type))
				return MWGD_E_MALFORMED;
			seen |= TLV_BIT(type);
		}
		err = parse_tlv(type, buf + off, vlen, m);
		if (err)
			return err;
		off += vlen;
	}
	if (n != count || (seen & needs) != needs)
		return MWGD_E_MALFORMED;
	return MWGD_OK;
}

/* Appends TLVs to a buffer, refusing to go past its end. */
struct tlv_writer {
	uint8_t *buf;
	size_t size;
	size_t off;
	unsigned int count;
	bool overflow;
};

static uint8_t *tlv_put(struct tlv_writer *w, uint16_t type, uint16_t len)
{
	uint8_t *p;

	if (w->overflow || w->size - w->off < MWGD_TLV_HDR_LEN + (size_t)len) {
		w->overflow = true;
		return NULL;
	}
	p = w->buf + w->off;
	put16(p, type);
	put16(p + 2, len);
	w->off += MWGD_TLV_HDR_LEN + len;
	w->count++;
	return p + MWGD_TLV_HDR_LEN;
}

static void tlv_u8(struct tlv_writer *w, uint16_t type, uint8_t v)
{
	uint8_t *p = tlv_put(w, type, 1);

	if (p)
		*p = v;
}

static void tlv_u32(struct tlv_writer *w, uint16_t type, uint32_t v)
{
	uint8_t *p = tlv_put(w, type, 4);

	if (p)
		put32(p, v);
}

static bool encodable(const struct mwgd_msg *m)
{
	size_t name_len;

	if (!m->seq || m->flags & ~MWGD_F_KNOWN)
		return false;
	if (m->type == MWGD_T_DISCOVER)
		return m->interval_ms >= MWGD_INTERVAL_MIN_MS &&
		       m->interval_ms <= MWGD_INTERVAL_MAX_MS &&
		       m->dead_after >= MWGD_DEAD_AFTER_MIN &&
		       m->dead_after <= MWGD_DEAD_AFTER_MAX &&
		       m->dir_state <= MWGD_DIR_ACTIVE;
	if (m->type != MWGD_T_ANNOUNCE)
		return false;
	name_len = strnlen(m->name, sizeof(m->name));
	if (!mwgd_name_valid(m->name, name_len))
		return false;
	if (m->n_ports > MWGD_PORTS_MAX)
		return false;
	for (unsigned int i = 0; i < m->n_ports; i++)
		if (!m->ports[i])
			return false;
	return !m->have_load || m->load <= MWGD_LOAD_MAX;
}

int mwgd_encode(const struct mwgd_msg *m, uint8_t *buf, size_t size)
{
	struct tlv_writer w = { .buf = buf, .off = MWGD_HDR_LEN };
	size_t total;
	uint8_t *p;

	if (!encodable(m) || size < MWGD_HDR_LEN)
		return -1;
	if (size > MWGD_MSG_MAX)
		size = MWGD_MSG_MAX;
	w.size = size;
	if (m->flags & MWGD_F_AUTH) {
		if (size < MWGD_HDR_LEN + MWGD_AUTH_LEN)
			return -1;
		w.size -= MWGD_AUTH_LEN;
	}

	if (m->type == MWGD_T_DISCOVER) {
		tlv_u32(&w, MWGD_TLV_INTERVAL_MS, m->interval_ms);
		tlv_u8(&w, MWGD_TLV_DEAD_AFTER, m->dead_after);
		tlv_u8(&w, MWGD_TLV_DIR_STATE, m->dir_state);
	} else {
		size_t name_len = strlen(m->name);

		p = tlv_put(&w, MWGD_TLV_NAME, name_len);
		if (p)
			memcpy(p, m->name, name_len);
		if (m->n_ports) {
			p = tlv_put(&w, MWGD_TLV_PORTS, 2 * m->n_ports);
			for (unsigned int i = 0; p && i < m->n_ports; i++)
				put16(p + 2 * i, m->ports[i]);
		}
		if (m->have_load)
			tlv_u32(&w, MWGD_TLV_LOAD, m->load);
		if (m->have_capacity)
			tlv_u32(&w, MWGD_TLV_CAPACITY, m->capacity);
		if (m->out_of_service)
			tlv_u8(&w, MWGD_TLV_OUT_OF_SERVICE, 1);
		p = tlv_put(&w, MWGD_TLV_ECHO, MWGD_ECHO_LEN);
		if (p) {
			memcpy(p, m->echo.node_id, MWGD_NODE_ID_LEN);
			put64(p + MWGD_NODE_ID_LEN, m->echo.epoch);
			put32(p + MWGD_NODE_ID_LEN + 8, m->echo.seq);
		}
	}
	if (w.overflow || w.count > MWGD_TLV_MAX)
		return -1;

	total = w.off + (m->flags & MWGD_F_AUTH ? MWGD_AUTH_LEN : 0);
	buf[0] = MWGD_MAGIC0;
	buf[1] = MWGD_MAGIC1;
	buf[2] = MWGD_MAGIC2;
	buf[3] = MWGD_MAGIC3;
	buf[MWGD_OFF_VERSION] = MWGD_VERSION;
	buf[MWGD_OFF_TYPE] = m->type;
	buf[MWGD_OFF_FLAGS] = m->flags;
	buf[MWGD_OFF_RESERVED] = 0;
	put16(buf + MWGD_OFF_LENGTH, total);
	put16(buf + MWGD_OFF_TLV_COUNT, w.count);
	memcpy(buf + MWGD_OFF_NODE_ID, m->node_id, MWGD_NODE_ID_LEN);
	put64(buf + MWGD_OFF_EPOCH, m->epoch);
	put32(buf + MWGD_OFF_SEQ, m->seq);
	if (m->flags & MWGD_F_AUTH)
		memset(buf + w.off, 0, MWGD_AUTH_LEN);
	return total;
}

const char *mwgd_err_name(enum mwgd_err err)
{
	static const char *const names[__MWGD_E_MAX] = {
		[MWGD_OK]		= "ok",
		[MWGD_E_TRUNCATED]	= "truncated",
		[MWGD_E_OVERSIZE]	= "oversize",
		[MWGD_E_MAGIC]		= "bad_magic",
		[MWGD_E_VERSION]	= "bad_version",
		[MWGD_E_LENGTH]		= "bad_length",
		[MWGD_E_MALFORMED]	= "malformed",
	};

	return (unsigned int)err < __MWGD_E_MAX ? names[err] : "unknown";
}
