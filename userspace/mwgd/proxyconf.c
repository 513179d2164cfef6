// SPDX-License-Identifier: GPL-2.0
/*
 * "[proxy NAME]" sections.  Every key is checked as it is read, so that
 * the error names its line; what needs the whole section (a VIP, at least
 * one port) or all of them (one VIP:port in one section, one sync daemon)
 * is checked at the end, naming the section's header line.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "confvalue.h"
#include "proxyconf.h"

bool mwgd_proxy_section(const char *section)
{
	return !strncmp(section, "proxy", 5) &&
	       (!section[5] || isspace((unsigned char)section[5]));
}

const char *mwgd_proxy_sched_name(enum mwgd_proxy_sched s)
{
	switch (s) {
	case MWGD_SCHED_WLC:
		return "wlc";
	case MWGD_SCHED_SH:
		return "sh";
	case MWGD_SCHED_MH:
		break;
	}
	return "mh";
}

static void proxy_defaults(struct mwgd_proxy_conf *p)
{
	memset(p, 0, sizeof(*p));
	p->sched = MWGD_SCHED_MH;
	p->forward = MWGD_FORWARD_DR;
	p->weight = MWGD_WEIGHT_EQUAL;
	p->drain_s = MWGD_PROXY_DEF_DRAIN_S;
	p->max_real_servers = MWGD_PROXY_DEF_MAX_REAL_SERVERS;
	p->flush_on_exit = true;
	p->sync = true;
}

static struct mwgd_proxy_conf *find_or_add(struct mwgd_proxy_confs *pc,
					   const char *name, int line,
					   char *err, size_t errlen)
{
	unsigned int i;

	/* inih calls us per key; a section is "new" when its name changes. */
	if (pc->n && !strcmp(pc->e[pc->n - 1].name, name))
		return &pc->e[pc->n - 1];
	for (i = 0; i < pc->n; i++) {
		if (!strcmp(pc->e[i].name, name)) {
			snprintf(err, errlen, "[proxy %s] given twice (line %d)",
				 name, pc->e[i].line);
			return NULL;
		}
	}
	if (pc->n == MWGD_MAX_PROXIES) {
		snprintf(err, errlen, "more than %d [proxy] sections",
			 MWGD_MAX_PROXIES);
		return NULL;
	}
	if (!*name || strlen(name) > MWGD_PROXY_NAME_MAX ||
	    strpbrk(name, " \t")) {
		snprintf(err, errlen,
			 "[proxy NAME] needs a name of 1..%d characters without blanks",
			 MWGD_PROXY_NAME_MAX);
		return NULL;
	}
	proxy_defaults(&pc->e[pc->n]);
	strcpy(pc->e[pc->n].name, name);
	pc->e[pc->n].line = line;
	return &pc->e[pc->n++];
}

/* "9090, 3128": into @ports, replacing what an earlier line gave. */
static int set_ports(const char *value, uint16_t *ports, unsigned int *n,
		     char *err, size_t errlen)
{
	char buf[256], *tok, *save = NULL;
	unsigned long v;
	unsigned int i;

	if (strlen(value) >= sizeof(buf)) {
		snprintf(err, errlen, "value too long");
		return -1;
	}
	strcpy(buf, value);
	*n = 0;
	for (tok = strtok_r(buf, ", \t", &save); tok;
	     tok = strtok_r(NULL, ", \t", &save)) {
		if (*n == MWGD_PROXY_PORTS_MAX) {
			snprintf(err, errlen, "more than %d ports",
				 MWGD_PROXY_PORTS_MAX);
			return -1;
		}
		if (mwgd_parse_uint(tok, 1, 65535, &v, err, errlen) < 0)
			return -1;
		for (i = 0; i < *n; i++) {
			if (ports[i] == v) {
				snprintf(err, errlen, "port %lu given twice", v);
				return -1;
			}
		}
		ports[(*n)++] = v;
	}
	return 0;
}

static int set_ifname(const char *value, char *out, char *err, size_t errlen)
{
	if (!*value || strlen(value) >= IF_NAMESIZE || strpbrk(value, " \t/")) {
		snprintf(err, errlen, "\"%s\" is not an interface name", value);
		return -1;
	}
	strcpy(out, value);
	return 0;
}

/* @value among @names (NULL-terminated): its index into *@out. */
static int set_choice(const char *value, const char *const *names, int *out,
		      char *err, size_t errlen)
{
	int i;

	for (i = 0; names[i]; i++) {
		if (!strcmp(value, names[i])) {
			*out = i;
			return 0;
		}
	}
	snprintf(err, errlen, "\"%s\" is not one of", value);
	for (i = 0; names[i]; i++)
		snprintf(err + strlen(err), errlen - strlen(err), "%s %s",
			 i ? "," : "", names[i]);
	return -1;
}

/* In the order of the enums. */
static const char *const sched_names[] = { "mh", "wlc", "sh", NULL };
static const char *const forward_names[] = { "dr", "nat", NULL };
static const char *const weight_names[] = { "equal", "capacity", "spare", NULL };
static const char *const on_exit_names[] = { "keep", "flush", NULL };

static int set_key(struct mwgd_proxy_conf *p, const char *key,
		   const char *value, char *err, size_t errlen)
{
	unsigned long v;
	int choice, rc;

	if (!strcmp(key, "vip")) {
		if (inet_pton(AF_INET, value, &p->vip) != 1) {
			snprintf(err, errlen, "\"%s\" is not an IPv4 address",
				 value);
			return -1;
		}
		p->have_vip = true;
		return 0;
	}
	if (!strcmp(key, "vr"))
		return mwgd_parse_vr_ref(value, p->vr_ifname, &p->vrid, err,
					 errlen);
	if (!strcmp(key, "ports"))
		return set_ports(value, p->tcp, &p->n_tcp, err, errlen);
	if (!strcmp(key, "udp_ports"))
		return set_ports(value, p->udp, &p->n_udp, err, errlen);
	if (!strcmp(key, "scheduler")) {
		rc = set_choice(value, sched_names, &choice, err, errlen);
		p->sched = choice;
		return rc;
	}
	if (!strcmp(key, "forward")) {
		rc = set_choice(value, forward_names, &choice, err, errlen);
		p->forward = choice;
		return rc;
	}
	if (!strcmp(key, "weight")) {
		rc = set_choice(value, weight_names, &choice, err, errlen);
		p->weight = choice;
		return rc;
	}
	if (!strcmp(key, "on_exit")) {
		rc = set_choice(value, on_exit_names, &choice, err, errlen);
		p->flush_on_exit = choice == 1;
		return rc;
	}
	if (!strcmp(key, "hash_port"))
		return mwgd_parse_bool(value, &p->hash_port, err, errlen);
	if (!strcmp(key, "local_scanner"))
		return mwgd_parse_bool(value, &p->local_scanner, err, errlen);
	if (!strcmp(key, "drain_s")) {
		rc = mwgd_parse_duration(value, 1000, 0, MWGD_PROXY_DRAIN_MAX_S,
					 &v, err, errlen);
		p->drain_s = v;
		return rc;
	}
	if (!strcmp(key, "max_real_servers")) {
		rc = mwgd_parse_uint(value, 1, MWGD_PROXY_MAX_REAL_SERVERS_MAX,
				     &v, err, errlen);
		p->max_real_servers = v;
		return rc;
	}
	if (!strcmp(key, "sync"))
		return mwgd_parse_bool(value, &p->sync, err, errlen);
	if (!strcmp(key, "sync_interface"))
		return set_ifname(value, p->sync_ifname, err, errlen);
	if (!strcmp(key, "sync_id")) {
		rc = mwgd_parse_uint(value, 0, 255, &v, err, errlen);
		p->sync_id = v;
		p->have_sync_id = !rc;
		return rc;
	}
	snprintf(err, errlen, "unknown key \"%s\"", key);
	return -1;
}

int mwgd_proxy_conf_entry(struct mwgd_proxy_confs *pc, const char *section,
			  int line, const char *key, const char *value,
			  char *err, size_t errlen)
{
	const char *name = section + 5;
	struct mwgd_proxy_conf *p;
	char why[160];

	while (isspace((unsigned char)*name))
		name++;
	p = find_or_add(pc, name, line, err, errlen);
	if (!p)
		return -1;
	if (set_key(p, key, value, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "[proxy %s] %s: %s", p->name, key, why);
		return -1;
	}
	return 0;
}

static bool shares_port(const uint16_t *a, unsigned int na, const uint16_t *b,
			unsigned int nb)
{
	unsigned int i, j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (a[i] == b[j])
				return true;
	return false;
}

int mwgd_proxy_conf_finish(struct mwgd_proxy_confs *pc, int *line, char *err,
			   size_t errlen)
{
	const struct mwgd_proxy_conf *syncing = NULL;
	unsigned int i, j;

	for (i = 0; i < pc->n; i++) {
		struct mwgd_proxy_conf *p = &pc->e[i];

		*line = p->line;
		if (!p->have_vip) {
			snprintf(err, errlen, "[proxy %s] has no vip", p->name);
			return -1;
		}
		if (!p->n_tcp && !p->n_udp) {
			snprintf(err, errlen,
				 "[proxy %s] has no ports (ports or udp_ports)",
				 p->name);
			return -1;
		}
		if (!p->have_sync_id)
			p->sync_id = p->vrid;
		/* IPVS runs one sync daemon of each kind per namespace. */
		if (p->sync && syncing) {
			snprintf(err, errlen,
				 "[proxy %s] and [proxy %s] both want the sync daemon (set sync = no on one)",
				 syncing->name, p->name);
			return -1;
		}
		if (p->sync)
			syncing = p;
		/* One VIP:port is one IPVS service: one section owns it. */
		for (j = 0; j < i; j++) {
			const struct mwgd_proxy_conf *q = &pc->e[j];

			if (q->vip.s_addr == p->vip.s_addr &&
			    (shares_port(p->tcp, p->n_tcp, q->tcp, q->n_tcp) ||
			     shares_port(p->udp, p->n_udp, q->udp, q->n_udp))) {
				snprintf(err, errlen,
					 "[proxy %s] and [proxy %s] share a port of one vip",
					 q->name, p->name);
				return -1;
			}
		}
	}
	return 0;
}

void mwgd_proxy_conf_dump(FILE *out, const struct mwgd_proxy_conf *p)
{
	char text[INET_ADDRSTRLEN];
	unsigned int i;

	fprintf(out, "[proxy %s]\n", p->name);
	if (p->have_vip)
		fprintf(out, "vip = %s\n",
			inet_ntop(AF_INET, &p->vip, text, sizeof(text)));
	if (p->vr_ifname[0])
		fprintf(out, "vr = %s %u\n", p->vr_ifname, p->vrid);
	fprintf(out, "ports =");
	for (i = 0; i < p->n_tcp; i++)
		fprintf(out, "%s %u", i ? "," : "", p->tcp[i]);
	fputc('\n', out);
	if (p->n_udp) {
		fprintf(out, "udp_ports =");
		for (i = 0; i < p->n_udp; i++)
			fprintf(out, "%s %u", i ? "," : "", p->udp[i]);
		fputc('\n', out);
	}
	fprintf(out, "scheduler = %s\n", sched_names[p->sched]);
	fprintf(out, "hash_port = %s\n", p->hash_port ? "yes" : "no");
	fprintf(out, "forward = %s\n", forward_names[p->forward]);
	fprintf(out, "weight = %s\n", weight_names[p->weight]);
	fprintf(out, "local_scanner = %s\n", p->local_scanner ? "yes" : "no");
	fprintf(out, "drain_s = %u\n", p->drain_s);
	fprintf(out, "max_real_servers = %u\n", p->max_real_servers);
	fprintf(out, "on_exit = %s\n", on_exit_names[p->flush_on_exit]);
	fprintf(out, "sync = %s\n", p->sync ? "yes" : "no");
	if (p->sync_ifname[0])
		fprintf(out, "sync_interface = %s\n", p->sync_ifname);
	if (p->have_sync_id)
		fprintf(out, "sync_id = %u\n", p->sync_id);
}
