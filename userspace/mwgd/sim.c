// SPDX-License-Identifier: GPL-2.0
/*
 * mwgd-sim: many scanners in one process, for tests and benchmarks; and
 * the misbehaving peer the tests need (forged, unsigned, replayed and
 * malformed messages).  It is not mwgd: it shares only the wire format
 * code (proto.c, auth.c), so that a daemon under test is measured against
 * a load it does not generate itself.
 *
 *   mwgd-sim -i IFACE [-n COUNT] [-k KEY_FILE] [-N NAME] [-S SEED]
 *            [-m MODE] [-x EXIT_AFTER]
 *
 * It listens for discoveries on UDP 7190 of IFACE and answers each with
 * COUNT announcements from COUNT node ids (derived from SEED).  MODE:
 *   normal     valid announcements (signed when a key is given)
 *   forged     signed with a key other than the given one
 *   unsigned   no authentication trailer, key or not
 *   replay     each announcement sent twice, the second a replay
 *   malformed  one of each malformed kind per discovery (truncated, bad
 *              length, bad version, oversize, bad magic, bad TLV)
 * With -x N it exits after answering N discoveries.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"
#include "proto.h"

enum mode { M_NORMAL, M_FORGED, M_UNSIGNED, M_REPLAY, M_MALFORMED };

static int sock;
static struct mwgd_key key, wrong_key;
static uint64_t epoch;
static uint32_t seq;

static void send_raw(const uint8_t *buf, size_t len,
		     const struct sockaddr_in *to)
{
	if (sendto(sock, buf, len, 0, (const struct sockaddr *)to,
		   sizeof(*to)) < 0 && errno != EAGAIN)
		perror("mwgd-sim: sendto");
}

static int build(const struct mwgd_msg *disc, unsigned int i,
		 const char *name, uint64_t seed, bool sign,
		 const struct mwgd_key *k, uint8_t *buf)
{
	struct mwgd_msg m = {
		.type = MWGD_T_ANNOUNCE,
		.n_ports = 2,
		.ports = { 3128, 8080 },
		.load = i % 1000,
		.have_load = true,
		.capacity = 100,
		.have_capacity = true,
		.epoch = epoch,
		.seq = ++seq,
	};
	uint64_t id = seed + i;
	int len;

	memcpy(m.node_id, "mwgd-sim", 8);
	memcpy(m.node_id + 8, &id, sizeof(id));
	snprintf(m.name, sizeof(m.name), "%s%u", name, i);
	memcpy(m.echo.node_id, disc->node_id, MWGD_NODE_ID_LEN);
	m.echo.epoch = disc->epoch;
	m.echo.seq = disc->seq;
	if (sign)
		m.flags = MWGD_F_AUTH;
	len = mwgd_encode(&m, buf, MWGD_MSG_MAX);
	if (len > 0 && sign)
		mwgd_sign(k, buf, len);
	return len;
}

static void send_malformed(const uint8_t *good, int len,
			   const struct sockaddr_in *to)
{
	uint8_t buf[2 * MWGD_MSG_MAX];

	/* truncated: half a header */
	send_raw(good, MWGD_HDR_LEN / 2, to);
	/* bad length: one byte more than the length field says */
	memcpy(buf, good, len);
	buf[len] = 0;
	send_raw(buf, len + 1, to);
	/* bad version */
	memcpy(buf, good, len);
	buf[MWGD_OFF_VERSION] = 99;
	send_raw(buf, len, to);
	/* oversize */
	memset(buf, 0, sizeof(buf));
	memcpy(buf, good, len);
	buf[MWGD_OFF_LENGTH] = (MWGD_MSG_MAX + 100) >> 8;
	buf[MWGD_OFF_LENGTH + 1] = (MWGD_MSG_MAX + 100) & 0xff;
	send_raw(buf, MWGD_MSG_MAX + 100, to);
	/* bad magic */
	memcpy(buf, good, len);
	buf[0] = 'X';
	send_raw(buf, len, to);
	/* bad TLV: the first TLV's length runs past the end */
	memcpy(buf, good, len);
	buf[MWGD_HDR_LEN + 2] = 0xff;
	buf[MWGD_HDR_LEN + 3] = 0xff;
	send_raw(buf, len, to);
}

int main(int argc, char **argv)
{
	const char *ifname = NULL, *key_file = NULL, *name = "sim";
	unsigned int count = 1, exit_after = 0, answered = 0, i;
	enum mode mode = M_NORMAL;
	uint64_t seed = 1;
	char err[256];
	int opt, one = 1;

	while ((opt = getopt(argc, argv, "i:n:k:N:S:m:x:")) != -1) {
		switch (opt) {
		case 'i': ifname = optarg; break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 'k': key_file = optarg; break;
		case 'N': name = optarg; break;
		case 'S': seed = strtoull(optarg, NULL, 0); break;
		case 'x': exit_after = strtoul(optarg, NULL, 0); break;
		case 'm':
			if (!strcmp(optarg, "normal")) mode = M_NORMAL;
			else if (!strcmp(optarg, "forged")) mode = M_FORGED;
			else if (!strcmp(optarg, "unsigned")) mode = M_UNSIGNED;
			else if (!strcmp(optarg, "replay")) mode = M_REPLAY;
			else if (!strcmp(optarg, "malformed")) mode = M_MALFORMED;
			else { fprintf(stderr, "mwgd-sim: bad mode\n"); return 2; }
			break;
		default:
			fprintf(stderr, "usage: mwgd-sim -i IFACE [-n COUNT] [-k KEY] [-N NAME] [-S SEED] [-m MODE] [-x N]\n");
			return 2;
		}
	}
	if (!ifname || sodium_init() < 0)
		return 2;
	if (key_file && mwgd_key_load(key_file, &key, err, sizeof(err)) < 0) {
		fprintf(stderr, "mwgd-sim: %s\n", err);
		return 1;
	}
	randombytes_buf(wrong_key.bytes, sizeof(wrong_key.bytes));
	wrong_key.set = true;

	sock = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(MWGD_PORT),
	};
	setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (setsockopt(sock, SOL_SOCKET, SO_BINDTODEVICE, ifname,
		       strlen(ifname)) < 0 ||
	    bind(sock, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		perror("mwgd-sim: socket");
		return 1;
	}
	int size = 8 << 20;
	setsockopt(sock, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size));
	epoch = (uint64_t)time(NULL) * 1000;

	for (;;) {
		uint8_t in[2 * MWGD_MSG_MAX], buf[MWGD_MSG_MAX];
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		struct mwgd_msg disc;
		ssize_t n;
		int len;

		n = recvfrom(sock, in, sizeof(in), 0, (struct sockaddr *)&from,
			     &fl);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("mwgd-sim: recvfrom");
			return 1;
		}
		if (mwgd_parse(in, n, &disc) != MWGD_OK ||
		    disc.type != MWGD_T_DISCOVER)
			continue;
		for (i = 0; i < count; i++) {
			bool sign = key.set && mode != M_UNSIGNED;
			const struct mwgd_key *k =
				mode == M_FORGED ? &wrong_key : &key;

			if (mode == M_FORGED)
				sign = true;
			len = build(&disc, i, name, seed, sign, k, buf);
			if (len < 0)
				return 1;
			if (mode == M_MALFORMED) {
				send_malformed(buf, len, &from);
				continue;
			}
			send_raw(buf, len, &from);
			if (mode == M_REPLAY)
				send_raw(buf, len, &from);
		}
		if (exit_after && ++answered >= exit_after)
			return 0;
	}
}
