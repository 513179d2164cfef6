/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A scanner accepting a Proxy HA VIP without answering ARP for it (direct
 * routing): the VIP on lo, arp_ignore/arp_announce raised; undone at exit.
 */
#ifndef MWGD_SCANNER_VIP_H
#define MWGD_SCANNER_VIP_H

#include <netinet/in.h>
#include <stdbool.h>

#include "proxyconf.h"

/* A sysctl mwgd changed, with the value it found. */
struct saved_sysctl {
	const char *path;
	char old[16];
	bool saved;
};

struct mwgd_scanner_vips {
	struct in_addr added[MWGD_MAX_PROXIES];	/* put on lo by us */
	unsigned int n;
	struct saved_sysctl sysctls[2];		/* arp_ignore, arp_announce */
};

/* Match lo and the sysctls to the sections with forward = dr. */
void mwgd_scanner_vips_apply(struct mwgd_scanner_vips *v,
			     const struct mwgd_proxy_confs *pcs);

/* Take the VIPs off lo, restore the sysctls. */
void mwgd_scanner_vips_undo(struct mwgd_scanner_vips *v);

#endif /* MWGD_SCANNER_VIP_H */
