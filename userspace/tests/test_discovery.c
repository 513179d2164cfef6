// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of mwgd's protocol code: encode/decode, every way a
 * datagram is refused, the limits, HMAC authentication, the replay window,
 * the key file's checks, the scanner table's cap and the configuration
 * file's error messages.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"
#include "config.h"
#include "proto.h"
#include "ratelimit.h"
#include "table.h"
#include "tap.h"

static void announce(struct mwgd_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->type = MWGD_T_ANNOUNCE;
	memset(m->node_id, 0xab, sizeof(m->node_id));
	m->epoch = 1700000000000ULL;
	m->seq = 7;
	strcpy(m->name, "scanner-1");
	m->n_ports = 2;
	m->ports[0] = 3128;
	m->ports[1] = 8080;
	m->load = 250;
	m->have_load = true;
	m->capacity = 5000;
	m->have_capacity = true;
	memset(m->echo.node_id, 0xcd, sizeof(m->echo.node_id));
	m->echo.epoch = 42;
	m->echo.seq = 99;
}

static void discover(struct mwgd_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->type = MWGD_T_DISCOVER;
	memset(m->node_id, 0x11, sizeof(m->node_id));
	m->epoch = 5;
	m->seq = 1;
	m->interval_ms = 100;
	m->dead_after = 3;
	m->dir_state = MWGD_DIR_ACTIVE;
}

static void test_roundtrip(void)
{
	uint8_t buf[MWGD_MSG_MAX];
	struct mwgd_msg m, p;
	int len;

	discover(&m);
	len = mwgd_encode(&m, buf, sizeof(buf));
	tap_ok(len == MWGD_HDR_LEN + 3 * 4 + 4 + 1 + 1,
	       "discover encodes to 58 bytes (got %d)", len);
	tap_ok(!memcmp(buf, "MWGD\x01\x01\x00\x00\x00\x3a\x00\x03", 12),
	       "discover header bytes as specified");
	tap_ok(mwgd_parse(buf, len, &p) == MWGD_OK, "discover parses");
	tap_ok(p.type == MWGD_T_DISCOVER && p.interval_ms == 100 &&
	       p.dead_after == 3 && p.dir_state == MWGD_DIR_ACTIVE &&
	       p.epoch == 5 && p.seq == 1 && !p.auth &&
	       !memcmp(p.node_id, m.node_id, 16), "discover fields survive");

	announce(&m);
	len = mwgd_encode(&m, buf, sizeof(buf));
	tap_ok(len > 0, "announce encodes");
	tap_ok(mwgd_parse(buf, len, &p) == MWGD_OK, "announce parses");
	tap_ok(!strcmp(p.name, "scanner-1") && p.n_ports == 2 &&
	       p.ports[0] == 3128 && p.ports[1] == 8080 && p.load == 250 &&
	       p.capacity == 5000 && p.echo.epoch == 42 && p.echo.seq == 99 &&
	       p.echo.node_id[0] == 0xcd && p.seq == 7 && !p.out_of_service,
	       "announce fields survive");

	/* Out of service: no ports, the flag. */
	m.n_ports = 0;
	m.out_of_service = true;
	len = mwgd_encode(&m, buf, sizeof(buf));
	tap_ok(len > 0 && mwgd_parse(buf, len, &p) == MWGD_OK &&
	       p.out_of_service && !p.n_ports, "out of service survives");
}

/* @m encoded with one more TLV of @tlv_len bytes appended (@tlv: its 4-byte
 * header and value), parsed. */
static enum mwgd_err parse_plus(const struct mwgd_msg *m, const char *tlv,
				size_t tlv_len)
{
	uint8_t buf[MWGD_MSG_MAX];
	struct mwgd_msg p;
	int len = mwgd_encode(m, buf, sizeof(buf));

	memcpy(buf + len, tlv, tlv_len);
	len += tlv_len;
	buf[MWGD_OFF_LENGTH] = len >> 8;
	buf[MWGD_OFF_LENGTH + 1] = len & 0xff;
	buf[MWGD_OFF_TLV_COUNT + 1]++;
	return mwgd_parse(buf, len, &p);
}

static void test_out_of_service(void)
{
	struct mwgd_msg m;

	announce(&m);
	tap_ok(parse_plus(&m, "\x80\x01\x00\x01\x01", 5) == MWGD_OK,
	       "OUT_OF_SERVICE 1 in an announce");
	tap_ok(parse_plus(&m, "\x80\x01\x00\x01\x02", 5) == MWGD_E_MALFORMED,
	       "OUT_OF_SERVICE 2: malformed");
	tap_ok(parse_plus(&m, "\x80\x01\x00\x00", 4) == MWGD_E_MALFORMED,
	       "OUT_OF_SERVICE without a value: malformed");
	discover(&m);
	tap_ok(parse_plus(&m, "\x80\x01\x00\x01\x01", 5) == MWGD_E_MALFORMED,
	       "OUT_OF_SERVICE in a discover: malformed");
}

static enum mwgd_err parse_mod(const struct mwgd_msg *m, size_t off,
			       uint8_t val, int len_delta)
{
	uint8_t buf[2 * MWGD_MSG_MAX] = { 0 };
	struct mwgd_msg p;
	int len = mwgd_encode(m, buf, MWGD_MSG_MAX);

	if (off < (size_t)len)
		buf[off] = val;
	return mwgd_parse(buf, len + len_delta, &p);
}

static void test_refusals(void)
{
	uint8_t buf[2 * MWGD_MSG_MAX] = { 0 };
	struct mwgd_msg m, p;
	int len;

	announce(&m);
	len = mwgd_encode(&m, buf, MWGD_MSG_MAX);
	tap_ok(mwgd_parse(buf, 0, &p) == MWGD_E_TRUNCATED, "empty: truncated");
	tap_ok(mwgd_parse(buf, MWGD_HDR_LEN - 1, &p) == MWGD_E_TRUNCATED,
	       "short header: truncated");
	tap_ok(mwgd_parse(buf, len - 1, &p) == MWGD_E_TRUNCATED,
	       "cut message: truncated");
	tap_ok(parse_mod(&m, len, 0, 1) == MWGD_E_LENGTH,
	       "trailing byte: bad length");
	tap_ok(mwgd_parse(buf, MWGD_MSG_MAX + 1, &p) == MWGD_E_OVERSIZE,
	       "over 512 bytes: oversize");
	tap_ok(parse_mod(&m, 0, 'X', 0) == MWGD_E_MAGIC, "bad magic");
	tap_ok(parse_mod(&m, MWGD_OFF_VERSION, 2, 0) == MWGD_E_VERSION,
	       "version 2: bad version");
	tap_ok(parse_mod(&m, MWGD_OFF_VERSION, 0, 0) == MWGD_E_VERSION,
	       "version 0: bad version");
	tap_ok(parse_mod(&m, MWGD_OFF_TYPE, 3, 0) == MWGD_E_MALFORMED,
	       "unknown type: malformed");
	tap_ok(parse_mod(&m, MWGD_OFF_FLAGS, 0x80, 0) == MWGD_E_MALFORMED,
	       "unknown flag: malformed");
	tap_ok(parse_mod(&m, MWGD_OFF_RESERVED, 1, 0) == MWGD_E_MALFORMED,
	       "reserved byte set: malformed");
	tap_ok(parse_mod(&m, MWGD_OFF_TLV_COUNT + 1, 9, 0) == MWGD_E_MALFORMED,
	       "TLV count too high: malformed");
	tap_ok(parse_mod(&m, MWGD_OFF_TLV_COUNT + 1, 1, 0) == MWGD_E_MALFORMED,
	       "TLV count too low: malformed");
	tap_ok(parse_mod(&m, MWGD_HDR_LEN + 2, 0xff, 0) == MWGD_E_TRUNCATED,
	       "TLV length past the end: truncated");
	/* The first TLV is NAME (type 4): make it the mandatory unknown 31. */
	tap_ok(parse_mod(&m, MWGD_HDR_LEN + 1, 31, 0) == MWGD_E_MALFORMED,
	       "unknown mandatory TLV: malformed");
	tap_ok(parse_mod(&m, MWGD_HDR_LEN + 1, MWGD_TLV_INTERVAL_MS, 0) ==
	       MWGD_E_MALFORMED, "discover TLV in an announce: malformed");

	/* An optional unknown TLV (0x80ff) is skipped. */
	memcpy(buf + len, "\x80\xff\x00\x02zz", 6);
	buf[MWGD_OFF_LENGTH] = (len + 6) >> 8;
	buf[MWGD_OFF_LENGTH + 1] = (len + 6) & 0xff;
	buf[MWGD_OFF_TLV_COUNT + 1]++;
	tap_ok(mwgd_parse(buf, len + 6, &p) == MWGD_OK &&
	       !strcmp(p.name, "scanner-1"), "unknown optional TLV skipped");
	/* A duplicate NAME is not. */
	memcpy(buf + len, "\x00\x04\x00\x02zz", 6);
	tap_ok(mwgd_parse(buf, len + 6, &p) == MWGD_E_MALFORMED,
	       "duplicate TLV: malformed");

	/* Zero seq. */
	m.seq = 0;
	tap_ok(mwgd_encode(&m, buf, MWGD_MSG_MAX) < 0, "seq 0 not encoded");
	announce(&m);
	len = mwgd_encode(&m, buf, MWGD_MSG_MAX);
	memset(buf + MWGD_OFF_SEQ, 0, 4);
	tap_ok(mwgd_parse(buf, len, &p) == MWGD_E_MALFORMED,
	       "seq 0: malformed");

	/* Missing ECHO: drop the last TLV (ECHO, 4 + 28 bytes). */
	announce(&m);
	len = mwgd_encode(&m, buf, MWGD_MSG_MAX);
	len -= MWGD_TLV_HDR_LEN + MWGD_ECHO_LEN;
	buf[MWGD_OFF_LENGTH] = len >> 8;
	buf[MWGD_OFF_LENGTH + 1] = len & 0xff;
	buf[MWGD_OFF_TLV_COUNT + 1]--;
	tap_ok(mwgd_parse(buf, len, &p) == MWGD_E_MALFORMED,
	       "announce without echo: malformed");
}

static void test_limits(void)
{
	uint8_t buf[MWGD_MSG_MAX];
	struct mwgd_msg m, p;
	int len;

	announce(&m);
	memset(m.name, 'n', MWGD_NAME_MAX);
	m.name[MWGD_NAME_MAX] = '\0';
	m.n_ports = MWGD_PORTS_MAX;
	for (unsigned int i = 0; i < MWGD_PORTS_MAX; i++)
		m.ports[i] = 1000 + i;
	len = mwgd_encode(&m, buf, sizeof(buf));
	tap_ok(len > 0 && mwgd_parse(buf, len, &p) == MWGD_OK &&
	       p.n_ports == MWGD_PORTS_MAX && strlen(p.name) == MWGD_NAME_MAX,
	       "63-byte name and 16 ports: the largest announce parses (%d bytes)",
	       len);
	m.flags = MWGD_F_AUTH;
	len = mwgd_encode(&m, buf, sizeof(buf));
	tap_ok(len > 0 && len <= MWGD_MSG_MAX,
	       "largest signed announce fits in 512 bytes (%d)", len);

	m.n_ports = MWGD_PORTS_MAX + 1;
	tap_ok(mwgd_encode(&m, buf, sizeof(buf)) < 0, "17 ports refused");
	announce(&m);
	m.load = MWGD_LOAD_MAX + 1;
	tap_ok(mwgd_encode(&m, buf, sizeof(buf)) < 0, "load 1001 refused");
	announce(&m);
	strcpy(m.name, "bad\tname");
	tap_ok(mwgd_encode(&m, buf, sizeof(buf)) < 0, "control char refused");
	announce(&m);
	m.ports[1] = 0;
	tap_ok(mwgd_encode(&m, buf, sizeof(buf)) < 0, "port 0 refused");

	discover(&m);
	m.interval_ms = MWGD_INTERVAL_MIN_MS - 1;
	tap_ok(mwgd_encode(&m, buf, sizeof(buf)) < 0, "interval 9 ms refused");
	m.interval_ms = MWGD_INTERVAL_MIN_MS;
	len = mwgd_encode(&m, buf, sizeof(buf));
	tap_ok(len > 0, "interval 10 ms encodes");
	/* Patch the interval on the wire to 9: the parser refuses it. */
	buf[MWGD_HDR_LEN + 7] = 9;
	tap_ok(mwgd_parse(buf, len, &p) == MWGD_E_MALFORMED,
	       "interval 9 ms on the wire: malformed");
	m.dead_after = 1;
	tap_ok(mwgd_encode(&m, buf, sizeof(buf)) < 0, "dead_after 1 refused");
	tap_ok(mwgd_encode(&m, buf, 20) < 0, "tiny buffer refused");
}

static void test_auth(void)
{
	uint8_t buf[MWGD_MSG_MAX];
	struct mwgd_key key, other;
	struct mwgd_msg m, p;
	char err[256];
	int len;

	tap_ok(mwgd_key_parse("00112233445566778899aabbccddeeff"
			      "00112233445566778899aabbccddeeff\n",
			      &key, err, sizeof(err)) == 0 && key.set,
	       "64 hex digits: a key");
	tap_ok(mwgd_key_parse("0011", &other, err, sizeof(err)) < 0,
	       "short key refused");
	tap_ok(mwgd_key_parse("00112233445566778899aabbccddeeff"
			      "00112233445566778899aabbccddeeffxx",
			      &other, err, sizeof(err)) < 0,
	       "trailing junk refused");
	randombytes_buf(other.bytes, sizeof(other.bytes));
	other.set = true;

	announce(&m);
	m.flags = MWGD_F_AUTH;
	len = mwgd_encode(&m, buf, sizeof(buf));
	mwgd_sign(&key, buf, len);
	tap_ok(mwgd_parse(buf, len, &p) == MWGD_OK && p.auth &&
	       p.signed_len == (size_t)len - MWGD_AUTH_LEN,
	       "signed message parses, trailer found");
	tap_ok(mwgd_verify(&key, buf, &p), "right key verifies");
	tap_ok(!mwgd_verify(&other, buf, &p), "wrong key does not");
	buf[MWGD_OFF_SEQ + 3] ^= 1;
	mwgd_parse(buf, len, &p);
	tap_ok(!mwgd_verify(&key, buf, &p), "changed seq does not verify");
	buf[MWGD_OFF_SEQ + 3] ^= 1;
	buf[len - 1] ^= 1;
	mwgd_parse(buf, len, &p);
	tap_ok(!mwgd_verify(&key, buf, &p), "changed tag does not verify");

	announce(&m);
	len = mwgd_encode(&m, buf, sizeof(buf));
	mwgd_parse(buf, len, &p);
	tap_ok(!mwgd_verify(&key, buf, &p), "unsigned message does not verify");
}

static void test_replay(void)
{
	struct mwgd_replay r = { 0 };

	tap_ok(mwgd_replay_check(&r, 10, 1), "first message fresh");
	mwgd_replay_update(&r, 10, 1);
	tap_ok(!mwgd_replay_check(&r, 10, 1), "same seq replayed");
	tap_ok(mwgd_replay_check(&r, 10, 2), "next seq fresh");
	mwgd_replay_update(&r, 10, 5);
	tap_ok(mwgd_replay_check(&r, 10, 3), "late seq within window fresh");
	mwgd_replay_update(&r, 10, 3);
	tap_ok(!mwgd_replay_check(&r, 10, 3), "late seq accepted once only");
	mwgd_replay_update(&r, 10, 200);
	tap_ok(!mwgd_replay_check(&r, 10, 200 - MWGD_REPLAY_WINDOW),
	       "seq a window behind refused");
	tap_ok(mwgd_replay_check(&r, 10, 200 - MWGD_REPLAY_WINDOW + 1),
	       "seq just inside the window fresh");
	tap_ok(!mwgd_replay_check(&r, 9, 1000), "older epoch refused");
	tap_ok(mwgd_replay_check(&r, 11, 1), "newer epoch fresh");
	mwgd_replay_update(&r, 11, 1);
	tap_ok(!mwgd_replay_check(&r, 10, 201), "old epoch after a restart refused");
	tap_ok(!mwgd_replay_check(&r, 11, 0), "seq 0 refused");
}

static int write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	fclose(f);
	return chmod(path, mode);
}

static void test_key_file(const char *dir)
{
	char path[512], err[512];
	struct mwgd_key key;

	snprintf(path, sizeof(path), "%s/key", dir);
	write_file(path, "00112233445566778899aabbccddeeff"
		   "00112233445566778899aabbccddeeff\n", 0600);
	tap_ok(mwgd_key_load(path, &key, err, sizeof(err)) == 0,
	       "key file 0600 loads");
	chmod(path, 0640);
	tap_ok(mwgd_key_load(path, &key, err, sizeof(err)) < 0 &&
	       strstr(err, "0640"), "key file 0640 refused: %s", err);
	chmod(path, 0604);
	tap_ok(mwgd_key_load(path, &key, err, sizeof(err)) < 0,
	       "world-readable key file refused");
	chmod(path, 0600);
	write_file(path, "not hex", 0600);
	tap_ok(mwgd_key_load(path, &key, err, sizeof(err)) < 0 &&
	       strstr(err, path), "bad key content refused: %s", err);
	unlink(path);
	tap_ok(mwgd_key_load(path, &key, err, sizeof(err)) < 0,
	       "missing key file refused");
}

static void test_table(void)
{
	struct mwgd_table t;
	struct mwgd_scanner *sc;
	uint8_t id[MWGD_NODE_ID_LEN] = { 0 };
	unsigned int i, added = 0, found = 0;
	size_t it, n = 0;

	mwgd_table_init(&t, 1000);
	for (i = 0; i < 1500; i++) {
		memcpy(id, &i, sizeof(i));
		sc = mwgd_table_add(&t, id);
		if (sc) {
			sc->heard_round = i < 500 ? 1 : 10;
			added++;
		}
	}
	tap_ok(added == 1000 && t.count == 1000,
	       "the cap holds: 1000 of 1500 ids added");
	tap_ok(t.n_buckets >= 1000, "buckets grew with the count (%zu)",
	       t.n_buckets);
	for (i = 0; i < 1000; i++) {
		memcpy(id, &i, sizeof(i));
		found += mwgd_table_find(&t, id) != NULL;
	}
	tap_ok(found == 1000, "every id found");
	for (sc = mwgd_table_first(&t, &it); sc; sc = mwgd_table_next(&t, sc, &it))
		n++;
	tap_ok(n == 1000, "iteration sees every entry");
	tap_ok(mwgd_table_expire(&t, 5, NULL, NULL) == 500 && t.count == 500 &&
	       t.n_gone == 500, "expiry removes the dead and queues their ids");
	i = 1;
	memcpy(id, &i, sizeof(i));
	tap_ok(!mwgd_table_find(&t, id), "expired id gone");
	mwgd_table_free(&t);
}

static void test_config(const char *dir)
{
	struct mwgd_config c;
	char path[512], err[600];

	snprintf(path, sizeof(path), "%s/mwgd.conf", dir);
	write_file(path, "# comment\nrole = director\ninterface = eth0\n"
		   "mgmt_ip = 192.0.2.1\ninterval_ms = 100\nvr = eth0 51\n"
		   "allow_scanners = 192.0.2.0/24, 198.51.100.7\n", 0644);
	mwgd_config_defaults(&c);
	tap_ok(mwgd_config_load(path, &c, err, sizeof(err)) == 0 &&
	       mwgd_config_check(&c, err, sizeof(err)) == 0 &&
	       c.interval_ms == 100 && c.n_vrs == 1 && c.vrs[0].vrid == 51 &&
	       c.allow_scanners.n == 2, "good configuration loads");
	tap_ok(mwgd_lease_ms(&c, 100) == 900, "lease 3 x 100 + 100 + 500 ms");

	write_file(path, "role = director\n\ninterval_ms = 5\n", 0644);
	mwgd_config_defaults(&c);
	tap_ok(mwgd_config_load(path, &c, err, sizeof(err)) < 0 &&
	       strstr(err, "mwgd.conf:3: interval_ms"),
	       "bad value names file and line: %s", err);
	write_file(path, "role = director\nfrobnicate = 1\n", 0644);
	mwgd_config_defaults(&c);
	tap_ok(mwgd_config_load(path, &c, err, sizeof(err)) < 0 &&
	       strstr(err, ":2: frobnicate: unknown key"),
	       "unknown key names its line: %s", err);
	write_file(path, "role = director\nno equals sign here\n", 0644);
	mwgd_config_defaults(&c);
	tap_ok(mwgd_config_load(path, &c, err, sizeof(err)) < 0 &&
	       strstr(err, ":2: syntax"), "syntax error names its line: %s",
	       err);
	write_file(path, "role = boss\n", 0644);
	mwgd_config_defaults(&c);
	tap_ok(mwgd_config_load(path, &c, err, sizeof(err)) < 0 &&
	       strstr(err, ":1: role"), "bad role: %s", err);
	write_file(path, "role = director\ninterface = eth0\n", 0644);
	mwgd_config_defaults(&c);
	tap_ok(mwgd_config_load(path, &c, err, sizeof(err)) == 0 &&
	       mwgd_config_check(&c, err, sizeof(err)) < 0 &&
	       strstr(err, "mgmt_ip"), "director without mgmt_ip: %s", err);
	unlink(path);
}

/* A director without a key: refused unless insecure = yes. */
static void test_insecure(const char *dir)
{
	struct mwgd_config c;
	char path[512], err[600];

	snprintf(path, sizeof(path), "%s/mwgd.conf", dir);
	write_file(path, "interface = eth0\nmgmt_ip = 192.0.2.1\n"
		   "role = director\n", 0644);
	mwgd_config_defaults(&c);
	tap_ok(mwgd_config_load(path, &c, err, sizeof(err)) == 0 &&
	       mwgd_config_check_key(&c, path, err, sizeof(err)) < 0 &&
	       strstr(err, "mwgd.conf:3: ") && strstr(err, "insecure = yes"),
	       "director without key_file refused, role line named: %s", err);
	c.role_line = 0;
	tap_ok(mwgd_config_check_key(&c, path, err, sizeof(err)) < 0 &&
	       !strncmp(err, "command line: ", 14),
	       "role from the command line: %s", err);
	write_file(path, "interface = eth0\nmgmt_ip = 192.0.2.1\n"
		   "role = director\ninsecure = yes\n", 0644);
	mwgd_config_defaults(&c);
	tap_ok(mwgd_config_load(path, &c, err, sizeof(err)) == 0 &&
	       mwgd_config_check_key(&c, path, err, sizeof(err)) == 0 &&
	       mwgd_config_insecure(&c), "insecure = yes accepted");
	write_file(path, "interface = eth0\nrole = scanner\n", 0644);
	mwgd_config_defaults(&c);
	tap_ok(mwgd_config_load(path, &c, err, sizeof(err)) == 0 &&
	       mwgd_config_check_key(&c, path, err, sizeof(err)) == 0,
	       "a scanner without key needs no insecure");
	mwgd_config_defaults(&c);
	tap_ok(c.announce_rate == MWGD_DEF_ANNOUNCE_RATE &&
	       mwgd_config_set(&c, "announce_rate", "0", err, sizeof(err)) == 0 &&
	       c.announce_rate == 0 &&
	       mwgd_config_set(&c, "announce_burst", "0", err, sizeof(err)) < 0,
	       "announce_rate 0 (off) allowed, announce_burst 0 refused");
	unlink(path);
}

static void test_ratelimit(void)
{
	static struct mwgd_ratelimit rl;
	unsigned int i, passed = 0, other = 0;
	uint64_t t = 1000;

	mwgd_rl_init(&rl);
	for (i = 0; i < 1000; i++)
		passed += mwgd_rl_allow(&rl, 0x0a000001, t, 10, 20);
	tap_ok(passed == 20, "a burst of 1000 at once: the bucket's 20 pass (%u)",
	       passed);
	for (i = 0; i < 1000; i++)
		other += mwgd_rl_allow(&rl, 0x0a000002, t, 10, 20);
	tap_ok(other == 20, "another address has its own bucket (%u)", other);
	passed = 0;
	for (t = 1001; t <= 11000; t++)	/* 10 s, one try per ms */
		passed += mwgd_rl_allow(&rl, 0x0a000001, t, 10, 20);
	tap_ok(passed >= 99 && passed <= 101,
	       "then 10 a second: %u in 10 s", passed);
	passed = 0;
	for (i = 0; i < 100; i++)
		passed += mwgd_rl_allow(&rl, 0x0a000001, t, 0, 20);
	tap_ok(passed == 100, "rate 0: no limit");
	/* A flood of addresses evicts buckets; memory stays fixed. */
	for (i = 0; i < 100000; i++)
		mwgd_rl_allow(&rl, 0xc0000000 + i, t, 10, 20);
	tap_ok(true, "100000 addresses in a table of %d buckets", MWGD_RL_SLOTS);
}

int main(void)
{
	char dir[] = "/tmp/test_discovery.XXXXXX";

	tap_start();
	if (sodium_init() < 0 || !mkdtemp(dir)) {
		tap_ok(false, "setup");
		return tap_done();
	}
	test_roundtrip();
	test_out_of_service();
	test_refusals();
	test_limits();
	test_auth();
	test_replay();
	test_key_file(dir);
	test_table();
	test_config(dir);
	test_insecure(dir);
	test_ratelimit();
	rmdir(dir);
	return tap_done();
}
