/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Proxy HA: "[proxy NAME]" sections of mwgd's configuration file, one per
 * virtual IP whose proxy ports IPVS distributes over the live scanners.
 * Parsing and checks only; proxy.c programs the kernel.
 *
 *   [proxy web]
 *   vip = 192.0.2.100            the VR's virtual address (required)
 *   vr = eth0 51                 the VR whose state switches the sync daemon
 *   ports = 9090, 3128           TCP ports
 *   udp_ports = 53               UDP ports
 *   scheduler = mh | wlc | sh    default mh (Maglev hashing)
 *   hash_port = no               mh/sh hash the client's port too, not only
 *                                its address (no: a client sticks to a scanner)
 *   forward = dr | nat           default dr (direct routing)
 *   local_scanner = no           the director serves too (a local real server)
 *   weight = equal | capacity | spare   how scanner capacity/load map to weights
 *   drain_s = 60                 a gone scanner's connections may finish
 *   max_real_servers = 256       real servers per service; the longest
 *                                live scanners are kept
 *   on_exit = flush | keep       what mwgd leaves in IPVS when it stops
 *   sync = yes                   run the IPVS connection-sync daemon
 *   sync_interface = eth0        default: mwgd's interface
 *   sync_id = 51                 default: the VR's VRID (0 without vr)
 */
#ifndef MWGD_PROXYCONF_H
#define MWGD_PROXYCONF_H

#include <net/if.h>
#include <stdio.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>

#define MWGD_MAX_PROXIES	8
#define MWGD_PROXY_NAME_MAX	31
#define MWGD_PROXY_PORTS_MAX	16

/* The weight of a scanner announcing nothing, and of "equal". */
#define MWGD_PROXY_WEIGHT_BASE	100
#define MWGD_PROXY_DEF_DRAIN_S	60
#define MWGD_PROXY_DRAIN_MAX_S	86400
#define MWGD_PROXY_DEF_MAX_REAL_SERVERS		256
#define MWGD_PROXY_MAX_REAL_SERVERS_MAX		65535

enum mwgd_proxy_sched {
	MWGD_SCHED_MH,
	MWGD_SCHED_WLC,
	MWGD_SCHED_SH,
};

enum mwgd_proxy_forward {
	MWGD_FORWARD_DR,
	MWGD_FORWARD_NAT,
};

enum mwgd_proxy_weight {
	MWGD_WEIGHT_EQUAL,	/* every scanner the same */
	MWGD_WEIGHT_CAPACITY,	/* its announced capacity */
	MWGD_WEIGHT_SPARE,	/* capacity times the share not loaded */
};

struct mwgd_proxy_conf {
	char name[MWGD_PROXY_NAME_MAX + 1];
	int line;				/* of the section's first key */
	struct in_addr vip;
	bool have_vip;
	char vr_ifname[IF_NAMESIZE];		/* "": no vr key */
	uint8_t vrid;
	unsigned int n_tcp, n_udp;
	uint16_t tcp[MWGD_PROXY_PORTS_MAX];
	uint16_t udp[MWGD_PROXY_PORTS_MAX];
	enum mwgd_proxy_sched sched;
	bool hash_port;
	enum mwgd_proxy_forward forward;
	bool local_scanner;
	enum mwgd_proxy_weight weight;
	uint32_t drain_s;
	unsigned int max_real_servers;
	bool flush_on_exit;
	bool sync;
	char sync_ifname[IF_NAMESIZE];		/* "": mwgd's interface */
	bool have_sync_id;
	uint8_t sync_id;
};

struct mwgd_proxy_confs {
	unsigned int n;
	struct mwgd_proxy_conf e[MWGD_MAX_PROXIES];
};

/* The section in the file's syntax, every key with its value. */
void mwgd_proxy_conf_dump(FILE *out, const struct mwgd_proxy_conf *p);

/* Is @section one of ours ("proxy NAME")? */
bool mwgd_proxy_section(const char *section);

/* One "key = value" of section @section, read at @line. */
int mwgd_proxy_conf_entry(struct mwgd_proxy_confs *pc, const char *section,
			  int line, const char *key, const char *value,
			  char *err, size_t errlen);

/*
 * Checks across keys and sections, once the file is read; on failure
 * @err names the section and *@line its first key.
 */
int mwgd_proxy_conf_finish(struct mwgd_proxy_confs *pc, int *line, char *err,
			   size_t errlen);

/* The IPVS scheduler's name ("mh"). */
const char *mwgd_proxy_sched_name(enum mwgd_proxy_sched s);

#endif /* MWGD_PROXYCONF_H */
