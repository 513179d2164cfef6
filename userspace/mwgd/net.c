// SPDX-License-Identifier: GPL-2.0
/*
 * The UDP socket of both roles: bound to the wildcard address and the
 * port, tied to the interface, so that it hears broadcasts (a scanner)
 * and unicast answers (a director) on that segment only.  A director's
 * discoveries leave with its management IP as the source, set per
 * message with IP_PKTINFO rather than by binding, since a socket bound to
 * one address would not hear broadcasts.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mwgd.h"

/* A burst of thousands of answers must not overflow the socket. */
#define MWGD_RCVBUF		(4 << 20)

int mwgd_net_open(struct mwgd *d, char *err, size_t errlen)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(d->cfg.port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	int one = 1, size = MWGD_RCVBUF;

	d->ifindex = if_nametoindex(d->cfg.ifname);
	if (!d->ifindex) {
		snprintf(err, errlen, "interface %s: %s", d->cfg.ifname,
			 strerror(errno));
		return -1;
	}
	d->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (d->fd < 0) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(d->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (setsockopt(d->fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)) < 0 ||
	    setsockopt(d->fd, SOL_SOCKET, SO_BINDTODEVICE, d->cfg.ifname,
		       strlen(d->cfg.ifname)) < 0) {
		snprintf(err, errlen, "socket options on %s: %s", d->cfg.ifname,
			 strerror(errno));
		goto fail;
	}
	/* Past rmem_max needs privilege; a smaller buffer still works. */
	if (setsockopt(d->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
		       sizeof(size)) < 0)
		setsockopt(d->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (bind(d->fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		snprintf(err, errlen, "bind to UDP port %u: %s", d->cfg.port,
			 strerror(errno));
		goto fail;
	}
	return 0;
fail:
	close(d->fd);
	d->fd = -1;
	return -1;
}

int mwgd_net_send(struct mwgd *d, const uint8_t *buf, size_t len,
		  const struct sockaddr_in *to)
{
	char control[CMSG_SPACE(sizeof(struct in_pktinfo))] = { 0 };
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr mh = {
		.msg_name = (void *)to,
		.msg_namelen = sizeof(*to),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};

	if (d->cfg.have_mgmt_ip) {
		struct in_pktinfo *pi;
		struct cmsghdr *cm;

		mh.msg_control = control;
		mh.msg_controllen = sizeof(control);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = IPPROTO_IP;
		cm->cmsg_type = IP_PKTINFO;
		cm->cmsg_len = CMSG_LEN(sizeof(*pi));
		pi = (struct in_pktinfo *)CMSG_DATA(cm);
		pi->ipi_ifindex = d->ifindex;
		pi->ipi_spec_dst = d->cfg.mgmt_ip;
	}
	if (sendmsg(d->fd, &mh, 0) < 0) {
		d->counters[C_TX_ERRORS]++;
		mwgd_log(LOG_DEBUG, "send to %s: %s", inet_ntoa(to->sin_addr),
			 strerror(errno));
		return -errno;
	}
	return 0;
}

uint32_t mwgd_next_seq(struct mwgd *d)
{
	if (d->seq == UINT32_MAX) {
		/* A new epoch must be newer than the old one, clock or not. */
		uint64_t now = mwgd_realtime_ms();
		char err[PATH_MAX + 64];

		if (mwgd_epoch_next(&d->cfg, now, &d->epoch, err,
				    sizeof(err)) < 0) {
			/* Still above the old one; a restart may reuse it. */
			mwgd_log(LOG_ERR, "%s", err);
			d->epoch = now > d->epoch ? now : d->epoch + 1;
		}
		d->seq = 0;
	}
	return ++d->seq;
}

int mwgd_send_msg(struct mwgd *d, struct mwgd_msg *m,
		  const struct sockaddr_in *to)
{
	uint8_t buf[MWGD_MSG_MAX];
	int len;

	memcpy(m->node_id, d->node_id, MWGD_NODE_ID_LEN);
	m->epoch = d->epoch;
	m->seq = mwgd_next_seq(d);
	m->flags = d->key.set ? MWGD_F_AUTH : 0;
	len = mwgd_encode(m, buf, sizeof(buf));
	if (len < 0) {
		mwgd_log(LOG_ERR, "cannot encode a message of type %u",
			 m->type);
		d->counters[C_TX_ERRORS]++;
		return -EINVAL;
	}
	if (d->key.set)
		mwgd_sign(&d->key, buf, len);
	return mwgd_net_send(d, buf, len, to);
}

bool mwgd_accept_auth(struct mwgd *d, const uint8_t *buf,
		      const struct mwgd_msg *m)
{
	if (!d->key.set) {
		/* A signed message to a node without a key: misconfigured. */
		if (m->flags & MWGD_F_AUTH) {
			d->counters[C_RX_AUTH_UNEXPECTED]++;
			return false;
		}
		return true;
	}
	if (!(m->flags & MWGD_F_AUTH)) {
		d->counters[C_RX_AUTH_MISSING]++;
		return false;
	}
	if (!mwgd_verify(&d->key, buf, m)) {
		d->counters[C_RX_AUTH_FAILED]++;
		return false;
	}
	return true;
}

static const enum mwgd_counter err_counter[__MWGD_E_MAX] = {
	[MWGD_E_TRUNCATED]	= C_RX_TRUNCATED,
	[MWGD_E_OVERSIZE]	= C_RX_OVERSIZE,
	[MWGD_E_MAGIC]		= C_RX_BAD_MAGIC,
	[MWGD_E_VERSION]	= C_RX_BAD_VERSION,
	[MWGD_E_LENGTH]		= C_RX_BAD_LENGTH,
	[MWGD_E_MALFORMED]	= C_RX_MALFORMED,
};

static void dispatch(struct mwgd *d, const uint8_t *buf, size_t len,
		     const struct sockaddr_in *from)
{
	enum mwgd_err err;
	struct mwgd_msg m;

	d->counters[C_RX_PACKETS]++;
	err = mwgd_parse(buf, len, &m);
	if (err) {
		d->counters[err_counter[err]]++;
		mwgd_log(LOG_DEBUG, "dropped %zu bytes from %s: %s", len,
			 inet_ntoa(from->sin_addr), mwgd_err_name(err));
		return;
	}
	if (m.type == MWGD_T_DISCOVER) {
		d->counters[C_RX_DISCOVER]++;
		if (d->cfg.role & MWGD_ROLE_SCANNER)
			mwgd_scanner_on_discover(d, buf, &m, from);
		else if (memcmp(m.node_id, d->node_id, MWGD_NODE_ID_LEN))
			/* Another director's: not ours to answer. */
			d->counters[C_RX_WRONG_ROLE]++;
	} else {
		d->counters[C_RX_ANNOUNCE]++;
		if (d->cfg.role & MWGD_ROLE_DIRECTOR)
			mwgd_director_on_announce(d, buf, &m, from);
		else
			d->counters[C_RX_WRONG_ROLE]++;
	}
}

void mwgd_net_receive(struct mwgd *d)
{
	/* Room past the protocol's limit, to tell oversize from valid. */
	uint8_t buf[2 * MWGD_MSG_MAX];
	struct sockaddr_in from;
	unsigned int budget;
	socklen_t fromlen;
	ssize_t n;

	/* A bounded batch, so that a flood cannot starve the timers. */
	for (budget = 4096; budget; budget--) {
		fromlen = sizeof(from);
		n = recvfrom(d->fd, buf, sizeof(buf), MSG_TRUNC,
			     (struct sockaddr *)&from, &fromlen);
		if (n < 0)
			return;
		if (fromlen != sizeof(from) || from.sin_family != AF_INET)
			continue;
		/* MSG_TRUNC reports the real size; parse sees it is too big. */
		dispatch(d, buf, (size_t)n > sizeof(buf) ? sizeof(buf) : (size_t)n,
			 &from);
	}
}
