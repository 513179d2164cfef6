/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mwgd's configuration: a "key = value" file read with libinih, then the
 * command line's overrides.  Every error names the file and line (or the
 * option) so that a bad entry is found without guessing.
 */
#ifndef MWGD_CONFIG_H
#define MWGD_CONFIG_H

#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>

#include "proto.h"
#include "proxyconf.h"
#include "bfdconf.h"
#include "groupconf.h"
#include "trackconf.h"
#include "vrconf.h"

#define MWGD_ROLE_DIRECTOR	0x1
#define MWGD_ROLE_SCANNER	0x2

#define MWGD_MAX_VRS		8
#define MWGD_ACL_MAX		32

#define MWGD_DEF_INTERVAL_MS	1000
#define MWGD_DEF_DEAD_AFTER	3
#define MWGD_DEF_MAX_SCANNERS	4096
#define MWGD_DEF_MAX_DIRECTORS	16
#define MWGD_MAX_SCANNERS_MAX	1000000
#define MWGD_DEF_NODE_ID_FILE	"/var/lib/mwgd/node-id"
#define MWGD_DEF_VR_STATE_FILE	"/var/lib/mwgd/vrs"
#define MWGD_DEF_NOTIFY_TIMEOUT_S	10
#define MWGD_DEF_METRICS_INTERVAL_S	15
/*
 * Announcements per second (and burst) from one source address: a scanner
 * answers once per discovery, at most 100 a second at the shortest
 * interval; twice that leaves room for several directors' rounds.
 */
#define MWGD_DEF_ANNOUNCE_RATE	200
#define MWGD_DEF_ANNOUNCE_BURST	400
/* The local check of the proxy ports (port_check): its default period. */
#define MWGD_DEF_PORT_CHECK_MS	1000
#define MWGD_PORT_CHECK_MIN_MS	100
#define MWGD_PORT_CHECK_MAX_MS	60000

enum mwgd_log_to {
	/* The journal under systemd, stderr in the foreground, or syslog. */
	MWGD_LOG_AUTO,
	MWGD_LOG_STDERR,
	MWGD_LOG_SYSLOG,
	MWGD_LOG_JOURNAL,
};

struct mwgd_vr_ref {
	char ifname[IF_NAMESIZE];
	uint8_t vrid;
};

/* IPv4 prefixes a peer's source address must be in (none: any). */
struct mwgd_acl {
	unsigned int n;
	struct {
		uint32_t net;	/* host byte order, masked */
		uint32_t mask;
	} e[MWGD_ACL_MAX];
};

struct mwgd_config {
	unsigned int role;
	char ifname[IF_NAMESIZE];
	struct in_addr mgmt_ip;
	bool have_mgmt_ip;
	struct in_addr broadcast;
	uint16_t port;
	uint32_t interval_ms;
	uint32_t backup_interval_ms;
	unsigned int dead_after;
	uint32_t lease_margin_ms;
	char key_file[PATH_MAX];
	/* A director without key_file runs only with insecure = yes. */
	bool insecure;
	int role_line;			/* of "role" in the file; 0: not there */
	unsigned int announce_rate;	/* per source and second; 0: no limit */
	unsigned int announce_burst;
	unsigned int n_vrs;
	struct mwgd_vr_ref vrs[MWGD_MAX_VRS];
	struct mwgd_acl allow_directors;
	struct mwgd_acl allow_scanners;
	unsigned int max_scanners;
	unsigned int max_directors;
	char node_id_file[PATH_MAX];
	bool have_node_id;
	uint8_t node_id[MWGD_NODE_ID_LEN];
	char name[MWGD_NAME_MAX + 1];
	unsigned int n_ports;
	uint16_t ports[MWGD_PORTS_MAX];
	/* Announce a port only while a TCP connect to it, here, succeeds. */
	bool port_check;
	uint32_t port_check_interval_ms;
	struct in_addr port_check_addr;
	bool load_auto;
	uint32_t load;
	bool have_capacity;
	uint32_t capacity;
	char stats_file[PATH_MAX];
	enum mwgd_log_to log_to;
	bool debug;
	/* Persistent VRs (vrconf.c) and the file of those mwgd created. */
	struct mwgd_vr_confs vr_confs;
	/* What the [vr] sections track in userspace (trackconf.c). */
	struct mwgd_track_confs track_confs;
	char vr_state_file[PATH_MAX];
	/* Persistent sync groups (groupconf.c); theirs is vr_state_file.groups. */
	struct mwgd_group_confs group_confs;
	/* Persistent BFD sessions (bfdconf.c); theirs is vr_state_file.bfd. */
	struct mwgd_bfd_confs bfd_confs;
	/* State-change hooks (notify.c): VRs, BFD sessions. */
	char notify[PATH_MAX];
	char notify_bfd[PATH_MAX];
	char notify_rogue[PATH_MAX];
	unsigned int notify_timeout_s;
	/* Proxy HA: IPVS services over the live scanners (proxy.c). */
	struct mwgd_proxy_confs proxies;
	/* Prometheus textfile (metrics.c). */
	char metrics_file[PATH_MAX];
	unsigned int metrics_interval_s;
};

void mwgd_config_defaults(struct mwgd_config *c);

/*
 * Read @path into @c (which holds the defaults).  0, or -1 with @err set
 * to "PATH:LINE: what is wrong" (or "PATH: ..." for a file-wide problem).
 */
int mwgd_config_load(const char *path, struct mwgd_config *c, char *err,
		     size_t errlen);

/*
 * mwgd --test: read @path into @c, writing every error found to @report as
 * "PATH:LINE: what is wrong", and going on after each.  The number of
 * errors.
 */
int mwgd_config_test(const char *path, struct mwgd_config *c, FILE *report);

/*
 * Set one key as the file would (the command line's overrides use it);
 * 0 or -1 with @err set to the reason, without a location.
 */
int mwgd_config_set(struct mwgd_config *c, const char *key, const char *value,
		    char *err, size_t errlen);

/* The effective configuration in the file's syntax (confdump.c). */
void mwgd_config_dump(FILE *out, const struct mwgd_config *c);

/* Checks that need all keys (a director needs mgmt_ip...). */
int mwgd_config_check(const struct mwgd_config *c, char *err, size_t errlen);

/*
 * A director without a key takes any host on the segment for a scanner:
 * refused unless insecure = yes.  @path names the file; @err gets
 * "PATH:LINE: ..." (the role line) or "command line: ...".
 */
int mwgd_config_check_key(const struct mwgd_config *c, const char *path,
			  char *err, size_t errlen);

/* Does @c run discovery without a key, by insecure = yes? */
bool mwgd_config_insecure(const struct mwgd_config *c);

/* The kernel lease of a scanner entry at the given discovery interval. */
uint32_t mwgd_lease_ms(const struct mwgd_config *c, uint32_t interval_ms);

bool mwgd_acl_allows(const struct mwgd_acl *acl, struct in_addr addr);

#endif /* MWGD_CONFIG_H */
