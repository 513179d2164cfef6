// SPDX-License-Identifier: GPL-2.0
/*
 * Text and JSON renderings of VRs, events, scanners and module info.
 *
 * Text uses the CLI's own keywords ("prio", "preempt-delay", ...) so what
 * "vr show" prints reads like the "vr add" that made it.  JSON always
 * carries every documented key, with null for what the kernel did not
 * send, so scripts can rely on the shape of each object.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "mwg.h"

/* Text lines of counters wrap before this column. */
#define TEXT_WRAP	72

const char *mwg_format_time_ns(uint64_t time_ns, char *buf, size_t len)
{
	time_t sec = time_ns / 1000000000ULL;
	unsigned long usec = (time_ns % 1000000000ULL) / 1000;
	char date[32], zone[8];
	struct tm tm;

	if (!localtime_r(&sec, &tm)) {
		snprintf(buf, len, "%" PRIu64, time_ns);
		return buf;
	}
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	snprintf(buf, len, "%s.%06lu%s", date, usec, zone);
	return buf;
}

const char *mwg_vr_dev(const struct mwg_vr *vr, char *buf, size_t len)
{
	if (mwg_vr_has(vr, MWG_VRRP_A_IFNAME) && vr->ifname[0])
		snprintf(buf, len, "%s", vr->ifname);
	else
		snprintf(buf, len, "if%u", vr->ifindex);
	return buf;
}

/* ---------------------------------------------------------------------- */
/* Counters                                                                */

/* "name value" pairs, wrapped into lines that start with @indent. */
struct pair_printer {
	FILE *out;
	const char *indent;
	int column;
};

static void pair(struct pair_printer *pp, const char *name, const char *value)
{
	int width = strlen(name) + 1 + strlen(value);

	if (pp->column > 0 && pp->column + 1 + width > TEXT_WRAP) {
		fputc('\n', pp->out);
		pp->column = 0;
	}
	if (pp->column == 0) {
		fputs(pp->indent, pp->out);
		pp->column = 8 * strlen(pp->indent);	/* tabs */
	} else {
		fputc(' ', pp->out);
		pp->column++;
	}
	fprintf(pp->out, "%s %s", name, value);
	pp->column += width;
}

static void pairs_end(struct pair_printer *pp)
{
	if (pp->column > 0)
		fputc('\n', pp->out);
	pp->column = 0;
}

void mwg_vr_stats_print_text(FILE *out, const struct mwg_vr_stats *st,
			     const char *indent)
{
	struct pair_printer pp = { .out = out, .indent = indent };
	char value[24];
	unsigned int i;

	for (i = 1; i <= MWG_VRRP_STATS_A_MAX; i++) {
		const char *name = mwg_stats_name(i);

		if (!name || !(st->have & MWG_BIT(i)))
			continue;
		if (i == MWG_VRRP_STATS_A_NEW_MASTER_REASON)
			snprintf(value, sizeof(value), "%s",
				 mwg_reason_name(st->value[i]));
		else
			snprintf(value, sizeof(value), "%" PRIu64, st->value[i]);
		pair(&pp, name, value);
	}
	pairs_end(&pp);
}

void mwg_vr_stats_print_json(struct mwg_json *j, const struct mwg_vr_stats *st)
{
	unsigned int i;

	mwg_json_begin_object(j);
	for (i = 1; i <= MWG_VRRP_STATS_A_MAX; i++) {
		const char *name = mwg_stats_name(i);

		if (!name)
			continue;
		mwg_json_key(j, name);
		if (!(st->have & MWG_BIT(i)))
			mwg_json_null(j);
		else if (i == MWG_VRRP_STATS_A_NEW_MASTER_REASON)
			mwg_json_string(j, mwg_reason_name(st->value[i]));
		else
			mwg_json_uint(j, st->value[i]);
	}
	mwg_json_end_object(j);
}

/* ---------------------------------------------------------------------- */
/* Virtual routers                                                         */

/* The tracked interface's name here, or "ifN" when it has none now. */
static const char *track_if_name(const struct mwg_vr *vr,
				 char name[IF_NAMESIZE])
{
	if (!if_indextoname(vr->track_ifindex, name))
		snprintf(name, IF_NAMESIZE, "if%u", vr->track_ifindex);
	return name;
}

/*
 * "up", "down" (it lowers the priority) or "fault" (it holds the VR in
 * Initialize); into @buf, when given, with what it takes: "down -20".
 */
static const char *tracked_state(const struct mwg_tracked *t, char *buf,
				 size_t len)
{
	const char *s = t->fault ? "fault" : t->demote ? "down" : "up";

	if (!buf)
		return s;
	if (t->demote && !t->fault)
		snprintf(buf, len, "%s -%u", s, t->demote);
	else
		snprintf(buf, len, "%s", s);
	return buf;
}

static const char *onoff(bool v)
{
	return v ? "on" : "off";
}

/* A line of space-separated items that is only printed if it has any. */
struct item_line {
	FILE *out;
	bool started;
};

static void __attribute__((format(printf, 2, 3)))
item(struct item_line *l, const char *fmt, ...)
{
	va_list ap;

	fputs(l->started ? " " : "\t", l->out);
	l->started = true;
	va_start(ap, fmt);
	vfprintf(l->out, fmt, ap);
	va_end(ap);
}

static void item_line_end(struct item_line *l)
{
	if (l->started)
		fputc('\n', l->out);
	l->started = false;
}

void mwg_addr_list_print(FILE *out, const struct mwg_addr *list,
			 unsigned int n, bool with_prefix)
{
	char addr[MWG_ADDR_STRLEN];
	unsigned int i;

	for (i = 0; i < n; i++)
		fprintf(out, "%s %s", i ? "," : "",
			mwg_addr_format(&list[i], with_prefix, addr,
					sizeof(addr)));
}

/* "NAME a, b, c" as one item: a VR's allow list or unicast peers. */
static void addr_list_text(FILE *out, struct item_line *l, const char *name,
			   const struct mwg_addr *list, unsigned int n,
			   bool prefixes)
{
	item(l, "%s", name);
	mwg_addr_list_print(out, list, n, prefixes);
}

void mwg_vr_print_text(FILE *out, const struct mwg_vr *vr)
{
	char dev[IF_NAMESIZE + 16], addr[MWG_ADDR_STRLEN], state[16];
	struct item_line l = { .out = out };
	unsigned int i;

#define HAS(a) mwg_vr_has(vr, MWG_VRRP_A_##a)
	fprintf(out, "dev %s vrid %u %s: %s\n",
		mwg_vr_dev(vr, dev, sizeof(dev)), vr->vrid,
		mwg_family_name(vr->family),
		HAS(STATE) ? mwg_state_name(vr->state) : "?");

	if (HAS(GROUP_NAME)) {
		item(&l, "group %s", vr->group);
		item_line_end(&l);
	}

	/* In a reply (not an event), these describe the last change. */
	if (HAS(STATE_AGE_MS)) {
		char when[MWG_TIME_STRLEN];

		item(&l, "in-state %llu.%03llus",
		     (unsigned long long)(vr->state_age_ms / 1000),
		     (unsigned long long)(vr->state_age_ms % 1000));
		if (HAS(OLD_STATE) && HAS(REASON) && HAS(TIME_NS))
			item(&l, "since %s %s -> %s (%s)",
			     mwg_format_time_ns(vr->time_ns, when, sizeof(when)),
			     mwg_state_name(vr->old_state),
			     mwg_state_name(vr->state),
			     mwg_reason_name(vr->reason));
		item_line_end(&l);
	}

	if (HAS(VERSION))
		item(&l, "version %u", vr->version);
	if (HAS(PRIORITY))
		item(&l, "prio %u", vr->priority);
	if (HAS(EFFECTIVE_PRIORITY))
		item(&l, "effective-prio %u", vr->effective_priority);
	if (HAS(ADVERT_INTERVAL_MS))
		item(&l, "interval %ums", vr->advert_interval_ms);
	if (HAS(MASTER_ADVER_INTERVAL_MS))
		item(&l, "master-interval %ums", vr->master_adver_interval_ms);
	item_line_end(&l);

	if (HAS(PREEMPT))
		item(&l, "preempt %s", onoff(vr->preempt));
	if (HAS(PREEMPT_DELAY_MS))
		item(&l, "preempt-delay %ums", vr->preempt_delay_ms);
	if (HAS(ACCEPT))
		item(&l, "accept %s", onoff(vr->accept));
	if (HAS(VMAC))
		item(&l, "vmac %s", onoff(vr->vmac));
	if (HAS(CHECKSUM))
		item(&l, "checksum %s", mwg_checksum_name(vr->checksum));
	item_line_end(&l);

	if (HAS(GARP_REPEAT))
		item(&l, "garp-repeat %u", vr->garp_repeat);
	if (HAS(GARP_INTERVAL_MS))
		item(&l, "garp-interval %ums", vr->garp_interval_ms);
	if (HAS(GARP_REFRESH_S))
		item(&l, "garp-refresh %us", vr->garp_refresh_s);
	item_line_end(&l);

	item(&l, "vip");
	for (i = 0; i < vr->n_vips; i++)
		fprintf(out, " %s",
			mwg_addr_format(&vr->vips[i], true, addr, sizeof(addr)));
	if (vr->n_vips == 0)
		fputs(" none", out);
	item_line_end(&l);

	item(&l, "master-ip %s", HAS(MASTER_IP) ?
	     mwg_addr_format(&vr->master_ip, false, addr, sizeof(addr)) :
	     "none");
	if (HAS(TRACK_SCANNERS))
		item(&l, "track-scanners %u", vr->track_scanners);
	if (HAS(TRACK_WEIGHT))
		item(&l, "weight %u", vr->track_weight);
	if (HAS(TRACK_BFD))
		item(&l, "track-bfd %s", onoff(vr->track_bfd));
	if (HAS(BFD_PEER))
		item(&l, "bfd-peer %s", mwg_addr_format(&vr->bfd_peer, false,
							 addr, sizeof(addr)));
	if (HAS(ALLOW) && vr->n_allow)
		addr_list_text(out, &l, "allow", vr->allow, vr->n_allow, true);
	if (HAS(UNICAST_PEERS) && vr->n_peers)
		addr_list_text(out, &l, "unicast-peer", vr->peers, vr->n_peers,
			       false);
	if (HAS(TRACK_IFINDEX) && vr->track_ifindex) {
		char name[IF_NAMESIZE];

		item(&l, "track-if %s track-if-weight %u (%s)",
		     track_if_name(vr, name), vr->track_if_weight,
		     vr->track_if_up ? "up" : "down");
	}
	item_line_end(&l);
	for (i = 0; i < vr->n_tracked; i++)
		item(&l, "tracked %s (%s)", vr->tracked[i].name,
		     tracked_state(&vr->tracked[i], state, sizeof(state)));
	item_line_end(&l);

	if (HAS(STATS)) {
		fputs("\tstats:\n", out);
		mwg_vr_stats_print_text(out, &vr->stats, "\t\t");
	}
#undef HAS
}

/* "KEY": [addresses]; the array is there even when empty. */
static void addr_list_json(struct mwg_json *j, const char *key,
			   const struct mwg_addr *list, unsigned int n,
			   bool prefixes)
{
	char addr[MWG_ADDR_STRLEN];
	unsigned int i;

	mwg_json_key(j, key);
	mwg_json_begin_array(j);
	for (i = 0; i < n; i++)
		mwg_json_string(j, mwg_addr_format(&list[i], prefixes, addr,
						   sizeof(addr)));
	mwg_json_end_array(j);
}

static void kv_uint_if(struct mwg_json *j, const struct mwg_vr *vr,
		       const char *key, unsigned int attr, uint64_t v)
{
	if (mwg_vr_has(vr, attr))
		mwg_json_kv_uint(j, key, v);
	else
		mwg_json_kv_null(j, key);
}

static void kv_bool_if(struct mwg_json *j, const struct mwg_vr *vr,
		       const char *key, unsigned int attr, bool v)
{
	if (mwg_vr_has(vr, attr))
		mwg_json_kv_bool(j, key, v);
	else
		mwg_json_kv_null(j, key);
}

static void kv_string_if(struct mwg_json *j, const struct mwg_vr *vr,
			 const char *key, unsigned int attr, const char *v)
{
	mwg_json_kv_string(j, key, mwg_vr_has(vr, attr) ? v : NULL);
}

/* The identity shared by VR objects and VR events. */
static void vr_key_json(struct mwg_json *j, const struct mwg_vr *vr)
{
	char dev[IF_NAMESIZE + 16];

	mwg_json_kv_string(j, "dev", mwg_vr_dev(vr, dev, sizeof(dev)));
	kv_uint_if(j, vr, "ifindex", MWG_VRRP_A_IFINDEX, vr->ifindex);
	kv_uint_if(j, vr, "vrid", MWG_VRRP_A_VRID, vr->vrid);
	kv_string_if(j, vr, "family", MWG_VRRP_A_FAMILY,
		     mwg_family_name(vr->family));
}

/* "last_transition": the VR's last state change, or null before one. */
static void last_transition_json(struct mwg_json *j, const struct mwg_vr *vr)
{
	char when[MWG_TIME_STRLEN];

	mwg_json_key(j, "last_transition");
	if (!mwg_vr_has(vr, MWG_VRRP_A_OLD_STATE) ||
	    !mwg_vr_has(vr, MWG_VRRP_A_REASON) ||
	    !mwg_vr_has(vr, MWG_VRRP_A_TIME_NS)) {
		mwg_json_null(j);
		return;
	}
	mwg_json_begin_object(j);
	mwg_json_kv_string(j, "time",
			   mwg_format_time_ns(vr->time_ns, when, sizeof(when)));
	mwg_json_kv_uint(j, "time_ns", vr->time_ns);
	mwg_json_kv_string(j, "old_state", mwg_state_name(vr->old_state));
	mwg_json_kv_string(j, "reason", mwg_reason_name(vr->reason));
	mwg_json_end_object(j);
}

void mwg_vr_print_json(struct mwg_json *j, const struct mwg_vr *vr)
{
	char addr[MWG_ADDR_STRLEN];
	unsigned int i;

	mwg_json_begin_object(j);
	vr_key_json(j, vr);
	kv_uint_if(j, vr, "version", MWG_VRRP_A_VERSION, vr->version);
	kv_string_if(j, vr, "state", MWG_VRRP_A_STATE,
		     mwg_state_name(vr->state));
	kv_uint_if(j, vr, "in_state_ms", MWG_VRRP_A_STATE_AGE_MS,
		   vr->state_age_ms);
	last_transition_json(j, vr);
	mwg_json_key(j, "group");
	if (mwg_vr_has(vr, MWG_VRRP_A_GROUP_NAME))
		mwg_json_string(j, vr->group);
	else
		mwg_json_null(j);
	kv_uint_if(j, vr, "priority", MWG_VRRP_A_PRIORITY, vr->priority);
	kv_uint_if(j, vr, "effective_priority", MWG_VRRP_A_EFFECTIVE_PRIORITY,
		   vr->effective_priority);
	kv_uint_if(j, vr, "advert_interval_ms", MWG_VRRP_A_ADVERT_INTERVAL_MS,
		   vr->advert_interval_ms);
	kv_uint_if(j, vr, "master_adver_interval_ms",
		   MWG_VRRP_A_MASTER_ADVER_INTERVAL_MS,
		   vr->master_adver_interval_ms);
	kv_bool_if(j, vr, "preempt", MWG_VRRP_A_PREEMPT, vr->preempt);
	kv_uint_if(j, vr, "preempt_delay_ms", MWG_VRRP_A_PREEMPT_DELAY_MS,
		   vr->preempt_delay_ms);
	kv_bool_if(j, vr, "accept", MWG_VRRP_A_ACCEPT, vr->accept);
	kv_bool_if(j, vr, "vmac", MWG_VRRP_A_VMAC, vr->vmac);
	kv_string_if(j, vr, "checksum", MWG_VRRP_A_CHECKSUM,
		     mwg_checksum_name(vr->checksum));
	kv_uint_if(j, vr, "garp_repeat", MWG_VRRP_A_GARP_REPEAT,
		   vr->garp_repeat);
	kv_uint_if(j, vr, "garp_interval_ms", MWG_VRRP_A_GARP_INTERVAL_MS,
		   vr->garp_interval_ms);
	kv_uint_if(j, vr, "garp_refresh_s", MWG_VRRP_A_GARP_REFRESH_S,
		   vr->garp_refresh_s);

	mwg_json_key(j, "vips");
	mwg_json_begin_array(j);
	for (i = 0; i < vr->n_vips; i++)
		mwg_json_string(j, mwg_addr_format(&vr->vips[i], true, addr,
						   sizeof(addr)));
	mwg_json_end_array(j);

	kv_string_if(j, vr, "master_ip", MWG_VRRP_A_MASTER_IP,
		     mwg_addr_format(&vr->master_ip, false, addr, sizeof(addr)));
	kv_uint_if(j, vr, "track_scanners", MWG_VRRP_A_TRACK_SCANNERS,
		   vr->track_scanners);
	kv_uint_if(j, vr, "track_weight", MWG_VRRP_A_TRACK_WEIGHT,
		   vr->track_weight);
	kv_bool_if(j, vr, "track_bfd", MWG_VRRP_A_TRACK_BFD, vr->track_bfd);
	kv_string_if(j, vr, "bfd_peer", MWG_VRRP_A_BFD_PEER,
		     mwg_addr_format(&vr->bfd_peer, false, addr, sizeof(addr)));
	/* The sources adverts are taken from; empty: any. */
	addr_list_json(j, "allow", vr->allow, vr->n_allow, true);
	/* Where adverts go in unicast mode; empty: multicast. */
	addr_list_json(j, "unicast_peers", vr->peers, vr->n_peers, false);
	if (mwg_vr_has(vr, MWG_VRRP_A_TRACK_IFINDEX) && vr->track_ifindex) {
		char name[IF_NAMESIZE];

		/* What the interface does to the VR, as it stands. */
		mwg_json_key(j, "track_if");
		mwg_json_begin_object(j);
		mwg_json_kv_string(j, "dev", track_if_name(vr, name));
		mwg_json_kv_uint(j, "ifindex", vr->track_ifindex);
		mwg_json_kv_uint(j, "weight", vr->track_if_weight);
		mwg_json_kv_bool(j, "up", vr->track_if_up);
		mwg_json_key(j, "priority_delta");
		mwg_json_int(j, vr->track_if_up ? 0 : -(int)vr->track_if_weight);
		mwg_json_kv_bool(j, "holds_init",
				 !vr->track_if_up && !vr->track_if_weight);
		mwg_json_end_object(j);
	}
	/* What the daemon's tracked objects do to the VR, as it reported. */
	mwg_json_key(j, "tracked");
	mwg_json_begin_array(j);
	for (i = 0; i < vr->n_tracked; i++) {
		const struct mwg_tracked *t = &vr->tracked[i];

		mwg_json_begin_object(j);
		mwg_json_kv_string(j, "name", t->name);
		mwg_json_kv_string(j, "state", tracked_state(t, NULL, 0));
		mwg_json_key(j, "priority_delta");
		mwg_json_int(j, -(int)t->demote);
		mwg_json_kv_bool(j, "holds_init", t->fault);
		mwg_json_end_object(j);
	}
	mwg_json_end_array(j);

	mwg_json_key(j, "stats");
	mwg_vr_stats_print_json(j, &vr->stats);
	mwg_json_end_object(j);
}

/* ---------------------------------------------------------------------- */
/* VR events                                                               */

static uint64_t event_time(uint64_t time_ns, bool have)
{
	struct timespec now;

	if (have)
		return time_ns;
	/* An event without a timestamp is printed as it arrives. */
	clock_gettime(CLOCK_REALTIME, &now);
	return (uint64_t)now.tv_sec * 1000000000ULL + now.tv_nsec;
}

/* An event object's first keys: its kind, its time, the VR. */
static void event_head_json(struct mwg_json *j, const char *event,
			    const struct mwg_vr *ev)
{
	mwg_json_begin_object(j);
	mwg_json_kv_string(j, "event", event);
	mwg_json_kv_uint(j, "time_ns",
			 event_time(ev->time_ns,
				    mwg_vr_has(ev, MWG_VRRP_A_TIME_NS)));
	vr_key_json(j, ev);
}

void mwg_vr_event_print_text(FILE *out, const struct mwg_vr *ev)
{
	char when[MWG_TIME_STRLEN], dev[IF_NAMESIZE + 16];

	fprintf(out, "%s dev %s vrid %u %s: %s -> %s (%s)\n",
		mwg_format_time_ns(event_time(ev->time_ns,
					      mwg_vr_has(ev, MWG_VRRP_A_TIME_NS)),
				   when, sizeof(when)),
		mwg_vr_dev(ev, dev, sizeof(dev)), ev->vrid,
		mwg_family_name(ev->family),
		mwg_vr_has(ev, MWG_VRRP_A_OLD_STATE) ?
		mwg_state_name(ev->old_state) : "?",
		mwg_vr_has(ev, MWG_VRRP_A_STATE) ?
		mwg_state_name(ev->state) : "?",
		mwg_vr_has(ev, MWG_VRRP_A_REASON) ?
		mwg_reason_name(ev->reason) : "none");
	if (mwg_vr_has(ev, MWG_VRRP_A_GROUP_NAME))
		fprintf(out, "\tgroup %s\n", ev->group);
}

void mwg_vr_event_print_json(struct mwg_json *j, const struct mwg_vr *ev)
{
	char addr[MWG_ADDR_STRLEN];

	event_head_json(j, "vr", ev);
	kv_string_if(j, ev, "old_state", MWG_VRRP_A_OLD_STATE,
		     mwg_state_name(ev->old_state));
	kv_string_if(j, ev, "state", MWG_VRRP_A_STATE,
		     mwg_state_name(ev->state));
	kv_string_if(j, ev, "reason", MWG_VRRP_A_REASON,
		     mwg_reason_name(ev->reason));
	if (mwg_vr_has(ev, MWG_VRRP_A_PRIORITY))
		mwg_json_kv_uint(j, "priority", ev->priority);
	if (mwg_vr_has(ev, MWG_VRRP_A_EFFECTIVE_PRIORITY))
		mwg_json_kv_uint(j, "effective_priority",
				 ev->effective_priority);
	if (mwg_vr_has(ev, MWG_VRRP_A_MASTER_IP))
		mwg_json_kv_string(j, "master_ip",
				   mwg_addr_format(&ev->master_ip, false,
						   addr, sizeof(addr)));
	if (mwg_vr_has(ev, MWG_VRRP_A_GROUP_NAME))
		mwg_json_kv_string(j, "group", ev->group);
	mwg_json_end_object(j);
}

/* ---------------------------------------------------------------------- */
/* Rogue-master events                                                     */

const char *mwg_rogue_name(unsigned int rogue)
{
	static const char *const names[] = {
		[MWG_VRRP_ROGUE_UNSEEN]		= "unseen_master",
		[MWG_VRRP_ROGUE_OWNER_CLAIM]	= "owner_claim",
	};

	return rogue < sizeof(names) / sizeof(names[0]) && names[rogue] ?
	       names[rogue] : "unknown";
}

static const char *mac_format(const struct mwg_vr *ev, char *buf, size_t len)
{
	const uint8_t *m = ev->source_mac;

	if (!mwg_vr_has(ev, MWG_VRRP_A_SOURCE_MAC))
		return NULL;
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x",
		 m[0], m[1], m[2], m[3], m[4], m[5]);
	return buf;
}

void mwg_rogue_event_print_text(FILE *out, const struct mwg_vr *ev)
{
	char when[MWG_TIME_STRLEN], dev[IF_NAMESIZE + 16];
	char addr[MWG_ADDR_STRLEN], mac[18];

	fprintf(out, "%s dev %s vrid %u %s: rogue master? %s mac %s priority %u (%s)\n",
		mwg_format_time_ns(event_time(ev->time_ns,
					      mwg_vr_has(ev, MWG_VRRP_A_TIME_NS)),
				   when, sizeof(when)),
		mwg_vr_dev(ev, dev, sizeof(dev)), ev->vrid,
		mwg_family_name(ev->family),
		mwg_vr_has(ev, MWG_VRRP_A_MASTER_IP) ?
		mwg_addr_format(&ev->master_ip, false, addr, sizeof(addr)) :
		"?",
		mac_format(ev, mac, sizeof(mac)) ?: "?", ev->priority,
		mwg_rogue_name(ev->rogue));
}

void mwg_rogue_event_print_json(struct mwg_json *j, const struct mwg_vr *ev)
{
	char addr[MWG_ADDR_STRLEN], mac[18];

	event_head_json(j, "rogue_master", ev);
	kv_string_if(j, ev, "state", MWG_VRRP_A_STATE,
		     mwg_state_name(ev->state));
	kv_string_if(j, ev, "source", MWG_VRRP_A_MASTER_IP,
		     mwg_addr_format(&ev->master_ip, false, addr,
				     sizeof(addr)));
	kv_string_if(j, ev, "source_mac", MWG_VRRP_A_SOURCE_MAC,
		     mac_format(ev, mac, sizeof(mac)) ?: "");
	kv_uint_if(j, ev, "priority", MWG_VRRP_A_PRIORITY, ev->priority);
	kv_string_if(j, ev, "why", MWG_VRRP_A_ROGUE,
		     mwg_rogue_name(ev->rogue));
	mwg_json_end_object(j);
}

/* ---------------------------------------------------------------------- */
/* Scanners                                                                */

static void node_id_hex(const struct mwg_scanner *sc, char *buf)
{
	static const char digits[] = "0123456789abcdef";
	unsigned int i;

	for (i = 0; i < sizeof(sc->node_id); i++) {
		buf[2 * i] = digits[sc->node_id[i] >> 4];
		buf[2 * i + 1] = digits[sc->node_id[i] & 0xf];
	}
	buf[2 * sizeof(sc->node_id)] = '\0';
}

#define HAS_SC(sc, a)	mwg_scanner_has(sc, MWG_VRRP_SCANNER_A_##a)

/* The scanner's fields after its address, shared by list and events. */
static void scanner_fields_text(FILE *out, const struct mwg_scanner *sc,
				bool with_times)
{
	char hex[2 * sizeof(sc->node_id) + 1];
	unsigned int i;

	if (HAS_SC(sc, NODE_ID)) {
		node_id_hex(sc, hex);
		fprintf(out, " node %s", hex);
	}
	if (HAS_SC(sc, NAME))
		fprintf(out, " name %s", sc->name);
	if (HAS_SC(sc, PORTS)) {
		fputs(" ports ", out);
		for (i = 0; i < sc->n_ports; i++)
			fprintf(out, "%s%u", i ? "," : "", sc->ports[i]);
		if (sc->n_ports == 0)
			fputs("none", out);
	}
	if (HAS_SC(sc, LOAD))
		fprintf(out, " load %u.%u%%", sc->load / 10, sc->load % 10);
	if (HAS_SC(sc, CAPACITY))
		fprintf(out, " capacity %u", sc->capacity);
	if (with_times && HAS_SC(sc, AGE_MS))
		fprintf(out, " age %ums", sc->age_ms);
	if (with_times && HAS_SC(sc, LEASE_MS))
		fprintf(out, " lease %ums", sc->lease_ms);
}

void mwg_scanner_print_text(FILE *out, const struct mwg_scanner *sc)
{
	char addr[MWG_ADDR_STRLEN];

	fputs(HAS_SC(sc, ADDR) ?
	      mwg_addr_format(&sc->addr, false, addr, sizeof(addr)) : "?", out);
	scanner_fields_text(out, sc, true);
	fputc('\n', out);
}

static void scanner_fields_json(struct mwg_json *j,
				const struct mwg_scanner *sc)
{
	char addr[MWG_ADDR_STRLEN], hex[2 * sizeof(sc->node_id) + 1];
	unsigned int i;

	mwg_json_kv_string(j, "addr", HAS_SC(sc, ADDR) ?
			   mwg_addr_format(&sc->addr, false, addr,
					   sizeof(addr)) : NULL);
	node_id_hex(sc, hex);
	mwg_json_kv_string(j, "node_id", HAS_SC(sc, NODE_ID) ? hex : NULL);
	mwg_json_kv_string(j, "name", HAS_SC(sc, NAME) ? sc->name : NULL);
	mwg_json_key(j, "ports");
	mwg_json_begin_array(j);
	for (i = 0; i < sc->n_ports; i++)
		mwg_json_uint(j, sc->ports[i]);
	mwg_json_end_array(j);
#define KV_UINT(key, a, v) do {				\
		if (HAS_SC(sc, a))			\
			mwg_json_kv_uint(j, key, v);	\
		else					\
			mwg_json_kv_null(j, key);	\
	} while (0)
	KV_UINT("load", LOAD, sc->load);
	KV_UINT("capacity", CAPACITY, sc->capacity);
	KV_UINT("age_ms", AGE_MS, sc->age_ms);
	KV_UINT("lease_ms", LEASE_MS, sc->lease_ms);
#undef KV_UINT
}

void mwg_scanner_print_json(struct mwg_json *j, const struct mwg_scanner *sc)
{
	mwg_json_begin_object(j);
	scanner_fields_json(j, sc);
	mwg_json_end_object(j);
}

const char *mwg_scanner_event_kind(const struct mwg_scanner *sc)
{
	if (sc->expired)
		return "expired";
	return HAS_SC(sc, LIVE) && sc->live ? "up" : "down";
}

void mwg_scanner_event_print_text(FILE *out, const struct mwg_scanner *sc)
{
	char when[MWG_TIME_STRLEN], addr[MWG_ADDR_STRLEN];

	fprintf(out, "%s scanner %s",
		mwg_format_time_ns(event_time(sc->time_ns,
					      sc->have & MWG_SCANNER_HAVE_TIME),
				   when, sizeof(when)),
		HAS_SC(sc, ADDR) ?
		mwg_addr_format(&sc->addr, false, addr, sizeof(addr)) : "?");
	scanner_fields_text(out, sc, false);
	fprintf(out, ": %s\n", mwg_scanner_event_kind(sc));
}

void mwg_scanner_event_print_json(struct mwg_json *j,
				  const struct mwg_scanner *sc)
{
	mwg_json_begin_object(j);
	mwg_json_kv_string(j, "event", "scanner");
	mwg_json_kv_uint(j, "time_ns",
			 event_time(sc->time_ns,
				    sc->have & MWG_SCANNER_HAVE_TIME));
	mwg_json_kv_string(j, "change", mwg_scanner_event_kind(sc));
	mwg_json_kv_bool(j, "expired", sc->expired);
	scanner_fields_json(j, sc);
	mwg_json_end_object(j);
}

/* ---------------------------------------------------------------------- */
/* Module info                                                             */

void mwg_info_print_text(FILE *out, const struct mwg_info *info)
{
	struct pair_printer pp = { .out = out, .indent = "\t" };
	char value[24];
	unsigned int i;

	fprintf(out, "module mwg_vrrp %s\n",
		info->module_version[0] ? info->module_version : "unknown");
	fputs("namespace:\n", out);
	for (i = 1; i <= MWG_VRRP_NS_STATS_A_MAX; i++) {
		const char *name = mwg_ns_stats_name(i);

		if (!name || !(info->ns_have & MWG_BIT(i)))
			continue;
		snprintf(value, sizeof(value), "%" PRIu64, info->ns[i]);
		pair(&pp, name, value);
	}
	pairs_end(&pp);
}

void mwg_info_print_json_fields(struct mwg_json *j, const struct mwg_info *info)
{
	unsigned int i;

	mwg_json_kv_string(j, "module_version",
			   mwg_attrs_has(&info->have, MWG_VRRP_A_MODULE_VERSION) ?
			   info->module_version : NULL);
	mwg_json_key(j, "namespace");
	mwg_json_begin_object(j);
	for (i = 1; i <= MWG_VRRP_NS_STATS_A_MAX; i++) {
		const char *name = mwg_ns_stats_name(i);

		if (!name)
			continue;
		if (info->ns_have & MWG_BIT(i))
			mwg_json_kv_uint(j, name, info->ns[i]);
		else
			mwg_json_kv_null(j, name);
	}
	mwg_json_end_object(j);
}
