// SPDX-License-Identifier: GPL-2.0
/*
 * The scanner's check of its own proxy ports (port_check): every
 * port_check_interval a TCP connect to each port at port_check_addr
 * (127.0.0.1 by default); a port that refuses, or does not answer within
 * MWGD_PORT_CHECK_WAIT_MS, is left out of the announcements until it
 * answers again.  So a scanner whose proxy died leaves its directors' IPVS
 * tables with their next discovery, although its mwgd still answers.
 *
 * The connect is to a local address: it completes or is refused within
 * the call, unless a firewall drops the SYN, which the short poll bounds.
 * It runs in the main loop for that reason, one port after the other.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mwgd.h"

#define MWGD_PORT_CHECK_WAIT_MS	100

/* A TCP connection to @addr:@port is accepted (and closed at once). */
static bool port_answers(struct in_addr addr, uint16_t port)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr = addr,
	};
	struct pollfd pfd;
	socklen_t len = sizeof(int);
	int fd, err = 0;
	bool ok = false;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0) {
		ok = true;
	} else if (errno == EINPROGRESS) {
		pfd = (struct pollfd){ .fd = fd, .events = POLLOUT };
		if (poll(&pfd, 1, MWGD_PORT_CHECK_WAIT_MS) == 1 &&
		    !getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) && !err)
			ok = true;
	}
	close(fd);
	return ok;
}

static bool was_down(const struct mwgd *d, uint16_t port)
{
	unsigned int i;

	for (i = 0; i < d->n_ports_down; i++)
		if (d->ports_down[i] == port)
			return true;
	return false;
}

static void check_all(struct mwgd *d)
{
	uint16_t down[MWGD_PORTS_MAX];
	unsigned int i, n = 0;
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &d->cfg.port_check_addr, a, sizeof(a));
	for (i = 0; i < d->cfg.n_ports; i++) {
		uint16_t port = d->cfg.ports[i];
		bool up = port_answers(d->cfg.port_check_addr, port);

		if (!up)
			down[n++] = port;
		if (up == was_down(d, port))
			mwgd_log(up ? LOG_NOTICE : LOG_WARNING,
				 "proxy port %s:%u %s", a, port,
				 up ? "answers again: announced" :
				      "does not answer: no longer announced");
	}
	memcpy(d->ports_down, down, n * sizeof(down[0]));
	d->n_ports_down = n;
}

void mwgd_portcheck_timers(struct mwgd *d, uint64_t now)
{
	if (!d->cfg.port_check || !d->cfg.n_ports) {
		d->n_ports_down = 0;
		return;
	}
	if (now < d->next_port_check_ms)
		return;
	check_all(d);
	d->next_port_check_ms = now + d->cfg.port_check_interval_ms;
}

uint64_t mwgd_portcheck_next_ms(const struct mwgd *d)
{
	return d->cfg.port_check && d->cfg.n_ports ? d->next_port_check_ms :
						     UINT64_MAX;
}

bool mwgd_portcheck_live(const struct mwgd *d, uint16_t *ports,
			 unsigned int *n_ports)
{
	unsigned int i, n = 0;

	for (i = 0; i < d->cfg.n_ports; i++)
		if (!was_down(d, d->cfg.ports[i]))
			ports[n++] = d->cfg.ports[i];
	*n_ports = n;
	/* No port configured: the scanner serves whatever it is sent. */
	return n || !d->cfg.n_ports;
}
