// SPDX-License-Identifier: GPL-2.0
/*
 * The metrics file: Prometheus text format for node_exporter's textfile
 * collector, every metrics_interval_s.  Written to "FILE.tmp" and renamed,
 * as the collector expects, so that a scrape never reads half a file.
 *
 * Per VR (labels dev, vrid, family): the state (0 init, 1 backup,
 * 2 master), the priorities and the counters of RFC 6527; then mwgd's own
 * view: scanners and directors known, whether it is the active director,
 * and every counter of the stats file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filewrite.h"
#include "mwg.h"
#include "mwgd.h"

#define MAX_METRIC_VRS	1024

struct vrs {
	unsigned int n;
	struct mwg_vr *e;
};

static int on_vr(struct nl_msg *msg, void *arg)
{
	struct vrs *v = arg;

	if (v->n < MAX_METRIC_VRS && mwg_vr_parse(msg, &v->e[v->n]) == 0)
		v->n++;
	return 0;
}

static int read_vrs(struct vrs *v)
{
	struct mwg_session s = { 0 };
	struct nl_msg *msg;
	int rc;

	if (mwg_session_open(&s) < 0) {
		rc = -s.err.code;
		goto out;
	}
	msg = mwg_msg_new(&s, MWG_VRRP_CMD_VR_GET, NLM_F_DUMP);
	rc = msg ? mwg_request(&s, msg, on_vr, v) : -ENOMEM;
out:
	if (rc < 0)
		mwgd_log(LOG_DEBUG, "metrics: %s", s.err.text);
	mwg_session_close(&s);
	return rc;
}

static void labels(FILE *f, const struct mwg_vr *vr)
{
	char dev[IF_NAMESIZE];

	if (!if_indextoname(vr->ifindex, dev))
		mwg_vr_dev(vr, dev, sizeof(dev));
	/* Interface names may hold '"' or '\\': escape as the format says. */
	fputs("{dev=\"", f);
	for (const char *p = dev; *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
	fprintf(f, "\",vrid=\"%u\",family=\"%s\"}", vr->vrid,
		mwg_family_name(vr->family));
}

static void header(FILE *f, const char *name, const char *type,
		   const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void write_vrs(FILE *f, const struct vrs *v)
{
	unsigned int i, a;
	char name[96];

	header(f, "mwg_vrrp_vr_state", "gauge",
	       "VRRP state: 0 init, 1 backup, 2 master.");
	for (i = 0; i < v->n; i++) {
		fputs("mwg_vrrp_vr_state", f);
		labels(f, &v->e[i]);
		fprintf(f, " %u\n", v->e[i].state);
	}
	header(f, "mwg_vrrp_vr_priority", "gauge", "Configured priority.");
	for (i = 0; i < v->n; i++) {
		fputs("mwg_vrrp_vr_priority", f);
		labels(f, &v->e[i]);
		fprintf(f, " %u\n", v->e[i].priority);
	}
	header(f, "mwg_vrrp_vr_effective_priority", "gauge",
	       "Priority advertised, after scanner tracking.");
	for (i = 0; i < v->n; i++) {
		fputs("mwg_vrrp_vr_effective_priority", f);
		labels(f, &v->e[i]);
		fprintf(f, " %u\n", v->e[i].effective_priority);
	}
	/* One metric per counter, all VRs' samples under one header. */
	for (a = 1; a <= MWG_VRRP_STATS_A_MAX; a++) {
		const char *sn = mwg_stats_name(a);
		bool gauge = a == MWG_VRRP_STATS_A_NEW_MASTER_REASON;

		if (!sn)
			continue;
		snprintf(name, sizeof(name), "mwg_vrrp_vr_%s%s", sn,
			 gauge ? "" : "_total");
		header(f, name, gauge ? "gauge" : "counter",
		       gauge ? "Reason of the last transition to master (enum mwg_vrrp_reason)." :
		       "RFC 6527 counter of the virtual router.");
		for (i = 0; i < v->n; i++) {
			if (!(v->e[i].stats.have & MWG_BIT(a)))
				continue;
			fputs(name, f);
			labels(f, &v->e[i]);
			fprintf(f, " %llu\n",
				(unsigned long long)v->e[i].stats.value[a]);
		}
	}
}

static void write_daemon(FILE *f, const struct mwgd *d)
{
	char name[96];
	unsigned int i;

	if (d->cfg.role & MWGD_ROLE_DIRECTOR) {
		header(f, "mwgd_scanners", "gauge", "Scanners the director tracks.");
		fprintf(f, "mwgd_scanners %zu\n", d->table.count);
		header(f, "mwgd_director_active", "gauge",
		       "1 when this director is the active one.");
		fprintf(f, "mwgd_director_active %d\n", d->active);
	}
	if (d->cfg.role & MWGD_ROLE_SCANNER) {
		header(f, "mwgd_directors", "gauge", "Directors the scanner answers.");
		fprintf(f, "mwgd_directors %u\n", mwgd_scanner_directors(d));
	}
	for (i = 0; i < __C_MAX; i++) {
		snprintf(name, sizeof(name), "mwgd_%s_total",
			 mwgd_counter_name(i));
		header(f, name, "counter", "mwgd counter (see mwgd(8), STATISTICS).");
		fprintf(f, "%s %llu\n", name,
			(unsigned long long)d->counters[i]);
	}
}

int mwgd_metrics_write(const struct mwgd *d)
{
	struct mwgd_filewrite w;
	struct vrs v = { 0 };
	bool have_vrs;
	int rc;

	v.e = calloc(MAX_METRIC_VRS, sizeof(*v.e));
	if (!v.e)
		return -ENOMEM;
	/* Without the module there are no VR lines, but mwgd's still count. */
	have_vrs = read_vrs(&v) == 0;
	rc = mwgd_filewrite_open(&w, d->cfg.metrics_file);
	if (rc) {
		free(v.e);
		return rc;
	}
	header(w.f, "mwg_vrrp_up", "gauge", "1 when the module answered.");
	fprintf(w.f, "mwg_vrrp_up %d\n", have_vrs);
	write_vrs(w.f, &v);
	write_daemon(w.f, d);
	free(v.e);
	return mwgd_filewrite_commit(&w, false);
}
