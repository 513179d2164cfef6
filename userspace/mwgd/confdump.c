// SPDX-License-Identifier: GPL-2.0
/*
 * mwgd --dump: the effective configuration, every key with the value mwgd
 * will use (defaults filled in, command-line overrides applied), in the
 * file's own syntax, so that the output can be read back as a file.
 */
#include <arpa/inet.h>
#include <stdio.h>

#include "config.h"
#include "mwg.h"
#include "proxyconf.h"

static void put_str(FILE *out, const char *key, const char *value)
{
	fprintf(out, "%s = %s\n", key, value);
}

/* A path or text key: unset ones are shown commented out. */
static void put_opt(FILE *out, const char *key, const char *value)
{
	if (value[0])
		put_str(out, key, value);
	else
		fprintf(out, "# %s = (unset)\n", key);
}

static void put_addr(FILE *out, const char *key, struct in_addr a)
{
	char text[INET_ADDRSTRLEN];

	put_str(out, key, inet_ntop(AF_INET, &a, text, sizeof(text)));
}

static void put_acl(FILE *out, const char *key, const struct mwgd_acl *acl)
{
	char text[INET_ADDRSTRLEN];
	unsigned int i, len;

	if (!acl->n) {
		fprintf(out, "# %s = (any)\n", key);
		return;
	}
	fprintf(out, "%s =", key);
	for (i = 0; i < acl->n; i++) {
		struct in_addr a = { .s_addr = htonl(acl->e[i].net) };

		len = __builtin_popcount(acl->e[i].mask);
		fprintf(out, "%s %s/%u", i ? "," : "",
			inet_ntop(AF_INET, &a, text, sizeof(text)), len);
	}
	fputc('\n', out);
}

static const char *role_name(unsigned int role)
{
	if (role == (MWGD_ROLE_DIRECTOR | MWGD_ROLE_SCANNER))
		return "both";
	return role == MWGD_ROLE_DIRECTOR ? "director" : "scanner";
}

static const char *log_name(enum mwgd_log_to to)
{
	static const char *const names[] = {
		[MWGD_LOG_AUTO] = "auto", [MWGD_LOG_STDERR] = "stderr",
		[MWGD_LOG_SYSLOG] = "syslog", [MWGD_LOG_JOURNAL] = "journal",
	};

	return names[to];
}

static void dump_main(FILE *out, const struct mwgd_config *c)
{
	unsigned int i;

	put_str(out, "role", role_name(c->role));
	put_str(out, "interface", c->ifname);
	if (c->have_mgmt_ip)
		put_addr(out, "mgmt_ip", c->mgmt_ip);
	else
		fprintf(out, "# mgmt_ip = (unset)\n");
	put_addr(out, "broadcast", c->broadcast);
	fprintf(out, "port = %u\n", c->port);
	fprintf(out, "interval_ms = %u\n", c->interval_ms);
	fprintf(out, "backup_interval_ms = %u\n", c->backup_interval_ms);
	fprintf(out, "dead_after = %u\n", c->dead_after);
	fprintf(out, "lease_margin_ms = %u\n", c->lease_margin_ms);
	put_opt(out, "key_file", c->key_file);
	put_str(out, "insecure", c->insecure ? "yes" : "no");
	fprintf(out, "announce_rate = %u\n", c->announce_rate);
	fprintf(out, "announce_burst = %u\n", c->announce_burst);
	for (i = 0; i < c->n_vrs; i++)
		fprintf(out, "vr = %s %u\n", c->vrs[i].ifname, c->vrs[i].vrid);
	put_acl(out, "allow_directors", &c->allow_directors);
	put_acl(out, "allow_scanners", &c->allow_scanners);
	fprintf(out, "max_scanners = %u\n", c->max_scanners);
	fprintf(out, "max_directors = %u\n", c->max_directors);
	put_str(out, "node_id_file", c->node_id_file);
	if (c->have_node_id) {
		fprintf(out, "node_id = ");
		for (i = 0; i < MWGD_NODE_ID_LEN; i++)
			fprintf(out, "%02x", c->node_id[i]);
		fputc('\n', out);
	}
	put_str(out, "name", c->name);
	if (c->n_ports) {
		fprintf(out, "ports =");
		for (i = 0; i < c->n_ports; i++)
			fprintf(out, "%s %u", i ? "," : "", c->ports[i]);
		fputc('\n', out);
	} else {
		fprintf(out, "# ports = (none)\n");
	}
	put_str(out, "port_check", c->port_check ? "yes" : "no");
	fprintf(out, "port_check_interval = %ums\n", c->port_check_interval_ms);
	put_str(out, "port_check_addr", inet_ntoa(c->port_check_addr));
	if (c->load_auto)
		put_str(out, "load", "auto");
	else
		fprintf(out, "load = %u\n", c->load);
	if (c->have_capacity)
		fprintf(out, "capacity = %u\n", c->capacity);
	else
		fprintf(out, "# capacity = (unset)\n");
	put_opt(out, "stats_file", c->stats_file);
	put_str(out, "log", log_name(c->log_to));
	put_str(out, "debug", c->debug ? "yes" : "no");
	put_str(out, "vr_state_file", c->vr_state_file);
	put_opt(out, "notify", c->notify);
	put_opt(out, "notify_bfd", c->notify_bfd);
	put_opt(out, "notify_rogue", c->notify_rogue);
	fprintf(out, "notify_timeout_s = %u\n", c->notify_timeout_s);
	put_opt(out, "metrics_file", c->metrics_file);
	fprintf(out, "metrics_interval_s = %u\n", c->metrics_interval_s);
}

/* "KEY = a, b" or "KEY = none". */
static void put_addr_list(FILE *out, const char *key,
			  const struct mwg_addr *list, unsigned int n,
			  bool prefixes)
{
	fprintf(out, "%s =", key);
	mwg_addr_list_print(out, list, n, prefixes);
	fputs(n ? "\n" : " none\n", out);
}

/* The keys a [vr] section gave; the others are the module's defaults. */

/* The track_* keys of [vr @name], with every default spelt out. */
static void dump_tracks(FILE *out, const struct mwgd_track_confs *tc,
			const char *name)
{
	unsigned int i;

	for (i = 0; i < tc->n; i++) {
		const struct mwgd_track_conf *t = &tc->e[i];

		if (strcmp(t->vr, name))
			continue;
		fprintf(out, "%s = %s", mwgd_track_kind_key(t->kind), t->what);
		if (t->kind == MWGD_TRACK_SCRIPT)
			fprintf(out, " interval %ums timeout %ums rise %u fall %u",
				t->interval_ms, t->timeout_ms, t->rise,
				t->fall);
		fprintf(out, " weight %u\n", t->weight);
	}
}

static void dump_vr(FILE *out, const struct mwgd_vr_conf *v)
{
	const struct mwg_vr *vr = &v->vr;
	char addr[MWG_ADDR_STRLEN];
	unsigned int i;

#define HAS(a) mwg_vr_has(vr, MWG_VRRP_A_##a)
	fprintf(out, "[vr%s%s]\n", v->name[0] ? " " : "", v->name);
	put_str(out, "dev", v->dev);
	fprintf(out, "vrid = %u\n", vr->vrid);
	if (HAS(FAMILY))
		put_str(out, "family", mwg_family_name(vr->family));
	if (HAS(PRIORITY))
		fprintf(out, "prio = %u\n", vr->priority);
	if (HAS(ADVERT_INTERVAL_MS))
		fprintf(out, "interval = %ums\n", vr->advert_interval_ms);
	fprintf(out, "vip =");
	for (i = 0; i < vr->n_vips; i++)
		fprintf(out, "%s %s", i ? "," : "",
			mwg_addr_format(&vr->vips[i], true, addr, sizeof(addr)));
	fputc('\n', out);
	if (HAS(PREEMPT))
		put_str(out, "preempt", vr->preempt ? "yes" : "no");
	if (HAS(PREEMPT_DELAY_MS))
		fprintf(out, "preempt_delay = %ums\n", vr->preempt_delay_ms);
	if (HAS(ACCEPT))
		put_str(out, "accept", vr->accept ? "yes" : "no");
	if (HAS(VMAC))
		put_str(out, "vmac", vr->vmac ? "yes" : "no");
	if (HAS(CHECKSUM))
		put_str(out, "checksum", mwg_checksum_name(vr->checksum));
	if (HAS(VERSION))
		fprintf(out, "version = %u\n", vr->version);
	if (HAS(GARP_REPEAT))
		fprintf(out, "garp_repeat = %u\n", vr->garp_repeat);
	if (HAS(GARP_INTERVAL_MS))
		fprintf(out, "garp_interval = %ums\n", vr->garp_interval_ms);
	if (HAS(GARP_REFRESH_S))
		fprintf(out, "garp_refresh = %us\n", vr->garp_refresh_s);
	if (HAS(TRACK_SCANNERS))
		fprintf(out, "track_scanners = %u\n", vr->track_scanners);
	if (HAS(TRACK_WEIGHT))
		fprintf(out, "weight = %u\n", vr->track_weight);
	if (HAS(TRACK_BFD))
		put_str(out, "track_bfd", vr->track_bfd ? "yes" : "no");
	if (HAS(BFD_PEER))
		put_str(out, "bfd_peer", mwg_addr_format(&vr->bfd_peer, false,
							 addr, sizeof(addr)));
	if (HAS(ALLOW))
		put_addr_list(out, "allow", vr->allow, vr->n_allow, true);
	if (HAS(UNICAST_PEERS))
		put_addr_list(out, "peer", vr->peers, vr->n_peers, false);
	if (v->track_dev[0])
		put_str(out, "track_if", v->track_dev);
	else if (HAS(TRACK_IFINDEX))
		put_str(out, "track_if", "none");
	if (HAS(TRACK_IF_WEIGHT))
		fprintf(out, "track_if_weight = %u\n", vr->track_if_weight);
#undef HAS
}

static void dump_group(FILE *out, const struct mwgd_group_conf *g)
{
	unsigned int i;

	fprintf(out, "[group %s]\nvr =", g->name);
	for (i = 0; i < g->count; i++)
		fprintf(out, " %s:%u", g->member[i].dev, g->member[i].vrid);
	fputc('\n', out);
	put_str(out, "family", mwg_family_name(g->family));
}

static void dump_bfd(FILE *out, const struct mwgd_bfd_conf *b)
{
	char addr[MWG_ADDR_STRLEN];

	fprintf(out, "[bfd %s]\n", b->name);
	put_str(out, "dev", b->dev);
	put_str(out, "peer", mwg_addr_format(&b->peer, false, addr,
					     sizeof(addr)));
	if (b->have_local)
		put_str(out, "local", mwg_addr_format(&b->local, false, addr,
						      sizeof(addr)));
	if (b->have_tx)
		fprintf(out, "tx_us = %u\n", b->tx_us);
	if (b->have_rx)
		fprintf(out, "rx_us = %u\n", b->rx_us);
	if (b->have_mult)
		fprintf(out, "multiplier = %u\n", b->mult);
	if (b->have_holddown)
		fprintf(out, "holddown_ms = %u\n", b->holddown_ms);
}

void mwgd_config_dump(FILE *out, const struct mwgd_config *c)
{
	unsigned int i;

	dump_main(out, c);
	for (i = 0; i < c->vr_confs.n; i++) {
		fputc('\n', out);
		dump_vr(out, &c->vr_confs.e[i]);
		dump_tracks(out, &c->track_confs, c->vr_confs.e[i].name);
	}
	for (i = 0; i < c->group_confs.n; i++) {
		fputc('\n', out);
		dump_group(out, &c->group_confs.e[i]);
	}
	for (i = 0; i < c->bfd_confs.n; i++) {
		fputc('\n', out);
		dump_bfd(out, &c->bfd_confs.e[i]);
	}
	for (i = 0; i < c->proxies.n; i++) {
		fputc('\n', out);
		mwgd_proxy_conf_dump(out, &c->proxies.e[i]);
	}
}
