/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's IPVS load balancer through its generic netlink family
 * ("IPVS", linux/ip_vs.h): services, real servers and the connection-sync
 * daemon, read and written the way mwgd and mwgctl need them.  IPv4 only,
 * like mwgd's discovery.  Ports are in host byte order here; the wire
 * carries them in network order.
 */
#ifndef MWG_IPVS_H
#define MWG_IPVS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/ip_vs.h>

#include "mwg.h"

struct mwg_ipvs_service {
	uint16_t af;			/* AF_INET */
	uint16_t protocol;		/* IPPROTO_TCP or IPPROTO_UDP */
	uint8_t addr[16];		/* network byte order, 4 used */
	uint16_t port;
	uint32_t fwmark;		/* read only: services by mark are shown */
	char sched[IP_VS_SCHEDNAME_MAXLEN];
	uint32_t flags;
	uint32_t timeout;
	uint32_t netmask;
	/* read only */
	uint64_t conns, inpkts, outpkts;
};

struct mwg_ipvs_dest {
	uint8_t addr[16];		/* network byte order, 4 used */
	uint16_t port;
	uint32_t fwd;			/* IP_VS_CONN_F_DROUTE, _MASQ, ... */
	uint32_t weight;
	uint32_t u_thresh, l_thresh;
	/* read only */
	uint32_t active, inactive, persist;
	uint64_t conns;
};

struct mwg_ipvs_daemon {
	uint32_t state;			/* IP_VS_STATE_MASTER or _BACKUP */
	char ifname[IP_VS_IFNAME_MAXLEN];
	uint32_t sync_id;
};

/* Connect and resolve "IPVS".  0 or a negative errno, s->err set. */
int mwg_ipvs_open(struct mwg_session *s);

/* Same service (protocol, address, port)? */
bool mwg_ipvs_service_same(const struct mwg_ipvs_service *a,
			   const struct mwg_ipvs_service *b);

/* Every service of the namespace, in a malloc()ed array. */
int mwg_ipvs_services(struct mwg_session *s, struct mwg_ipvs_service **out,
		      size_t *n);

/* The real servers of @svc, in a malloc()ed array. */
int mwg_ipvs_dests(struct mwg_session *s, const struct mwg_ipvs_service *svc,
		   struct mwg_ipvs_dest **out, size_t *n);

/* The running sync daemons (at most a master and a backup). */
int mwg_ipvs_daemons(struct mwg_session *s, struct mwg_ipvs_daemon out[2],
		     size_t *n);

/*
 * Requests for mwg_request() or mwg_request_many(): NEW/SET/DEL_SERVICE,
 * NEW/SET/DEL_DEST (of @svc), NEW/DEL_DAEMON.  NULL when out of memory.
 */
struct nl_msg *mwg_ipvs_service_msg(struct mwg_session *s, uint8_t cmd,
				    const struct mwg_ipvs_service *svc);
struct nl_msg *mwg_ipvs_dest_msg(struct mwg_session *s, uint8_t cmd,
				 const struct mwg_ipvs_service *svc,
				 const struct mwg_ipvs_dest *dest);
struct nl_msg *mwg_ipvs_daemon_msg(struct mwg_session *s, uint8_t cmd,
				   const struct mwg_ipvs_daemon *dm);

/* "tcp", "udp", or the number. */
const char *mwg_ipvs_protocol_name(uint16_t protocol, char *buf, size_t len);
/* "route" (direct routing), "masq" (NAT), "tunnel", "bypass", "local". */
const char *mwg_ipvs_fwd_name(uint32_t fwd);

#endif /* MWG_IPVS_H */
