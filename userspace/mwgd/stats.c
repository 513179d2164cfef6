// SPDX-License-Identifier: GPL-2.0
/*
 * The stats file: "name value" lines, written whole to a temporary file
 * and renamed over the old one, so that a reader never sees half of it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "filewrite.h"
#include "mwgd.h"

static const char *const counter_names[__C_MAX] = {
	[C_RX_PACKETS]		= "rx_packets",
	[C_RX_DISCOVER]		= "rx_discover",
	[C_RX_ANNOUNCE]		= "rx_announce",
	[C_RX_TRUNCATED]	= "rx_truncated",
	[C_RX_OVERSIZE]		= "rx_oversize",
	[C_RX_BAD_MAGIC]	= "rx_bad_magic",
	[C_RX_BAD_VERSION]	= "rx_bad_version",
	[C_RX_BAD_LENGTH]	= "rx_bad_length",
	[C_RX_MALFORMED]	= "rx_malformed",
	[C_RX_WRONG_ROLE]	= "rx_wrong_role",
	[C_RX_SOURCE_REFUSED]	= "rx_source_refused",
	[C_RX_AUTH_MISSING]	= "rx_auth_missing",
	[C_RX_AUTH_UNEXPECTED]	= "rx_auth_unexpected",
	[C_RX_AUTH_FAILED]	= "rx_auth_failed",
	[C_RX_REPLAYED]		= "rx_replayed",
	[C_RX_STALE_ECHO]	= "rx_stale_echo",
	[C_RX_RATE_LIMITED]	= "rx_rate_limited",
	[C_SCANNERS_ADDED]	= "scanners_added",
	[C_SCANNERS_EXPIRED]	= "scanners_expired",
	[C_SCANNERS_REFUSED]	= "scanners_refused",
	[C_SCANNERS_OUT_OF_SERVICE] = "scanners_out_of_service",
	[C_DIRECTORS_REFUSED]	= "directors_refused",
	[C_TX_DISCOVER]		= "tx_discover",
	[C_TX_ANNOUNCE]		= "tx_announce",
	[C_TX_ERRORS]		= "tx_errors",
	[C_NL_SET_MSGS]		= "nl_set_msgs",
	[C_NL_DEL_MSGS]		= "nl_del_msgs",
	[C_NL_ERRORS]		= "nl_errors",
	[C_VR_EVENTS]		= "vr_events",
	[C_TAKEOVERS]		= "takeovers",
	[C_RELOADS]		= "reloads",
	[C_HOOKS_RUN]		= "hooks_run",
	[C_HOOKS_FAILED]	= "hooks_failed",
	[C_HOOKS_KILLED]	= "hooks_killed",
	[C_HOOKS_DROPPED]	= "hooks_dropped",
	[C_HOOKS_COALESCED]	= "hooks_coalesced",
	[C_IPVS_CHANGE_SETS]	= "ipvs_change_sets",
	[C_IPVS_MSGS]		= "ipvs_msgs",
	[C_IPVS_ERRORS]		= "ipvs_errors",
	[C_IPVS_DESTS_CAPPED]	= "ipvs_dests_capped",
	[C_SYNC_SWITCHES]	= "sync_switches",
};

const char *mwgd_counter_name(enum mwgd_counter c)
{
	return (unsigned int)c < __C_MAX ? counter_names[c] : "unknown";
}

int mwgd_stats_write(const struct mwgd *d, const char *path)
{
	struct mwgd_filewrite w;
	unsigned int i;
	FILE *f;
	int rc;

	rc = mwgd_filewrite_open(&w, path);
	if (rc)
		return rc;
	f = w.f;
	fprintf(f, "role %s\n",
		d->cfg.role == (MWGD_ROLE_DIRECTOR | MWGD_ROLE_SCANNER) ?
		"both" : d->cfg.role == MWGD_ROLE_DIRECTOR ? "director" :
		"scanner");
	if (d->cfg.role & MWGD_ROLE_DIRECTOR) {
		fprintf(f, "state %s\n", d->active ? "active" : "backup");
		fprintf(f, "interval_ms %u\n", mwgd_director_interval(d));
		fprintf(f, "scanners %zu\n", d->table.count);
	}
	if (d->cfg.role & MWGD_ROLE_SCANNER)
		fprintf(f, "directors %u\n", mwgd_scanner_directors(d));
	for (i = 0; i < __C_MAX; i++)
		fprintf(f, "%s %llu\n", counter_names[i],
			(unsigned long long)d->counters[i]);
	return mwgd_filewrite_commit(&w, false);
}
