// SPDX-License-Identifier: GPL-2.0
/*
 * Proxy HA: IPVS distributes each [proxy] section's VIP:ports over the
 * live scanners.
 *
 * Director.  Every director, active or backup, keeps the same IPVS table:
 * a service per VIP:port, the scanners of its own live set as real
 * servers.  A backup's table is idle (the VIP, and so the traffic, is on
 * the master), but it is complete at the moment it takes over: takeover
 * never starts from an empty table, and no netlink work sits on the
 * takeover path.  The VR's state only switches the connection-sync
 * daemon: master on the VR's master, backup elsewhere, so that the new
 * master knows the connections of the old one.
 *
 * Reconciling reads the kernel (services, then the real servers of ours)
 * and sends the difference as one change set: all requests back to back
 * on one socket, then all the ACKs (mwg_request_many).  IPVS has no
 * transactions, so this is one round of the kernel per change, not an
 * atomic one; a request that fails is logged and the next reconcile,
 * which reads the kernel again, retries whatever is still different.
 *
 * A scanner that went is not deleted at once: its weight goes to 0 (no
 * new connections), and it is deleted when it has no active connection
 * left or drain_s after, whichever comes first.  Until the director's
 * first discovery round has completed, its table is partial: reconciling
 * then adds and updates real servers but drains none, so that a restart
 * of mwgd leaves the real servers of the previous run as they are.
 *
 * Scanner (direct routing): the VIP on lo, see scanner_vip.c.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "ipvs.h"
#include "mwgd.h"
#include "scanner_vip.h"

/* Services of all sections: MWGD_MAX_PROXIES x (TCP + UDP ports). */
#define MAX_SERVICES	(MWGD_MAX_PROXIES * 2 * MWGD_PROXY_PORTS_MAX)
/* A full resync at least this often, in discovery intervals. */
#define RESYNC_INTERVALS	10

/* A real server on its way out. */
struct drain {
	struct mwg_ipvs_service svc;
	uint8_t addr[16];
	uint16_t port;
	uint64_t since_ms;
};

struct mwgd_proxy {
	struct mwg_session ipvs;
	bool ipvs_open;
	int last_err;			/* to log a failure once, not per round */

	/* Services this run created or adopted: removed when unwanted. */
	struct mwg_ipvs_service owned[MAX_SERVICES];
	unsigned int n_owned;

	struct drain *drains;
	size_t n_drains, drains_cap;

	uint32_t sync_state;		/* IP_VS_STATE_* we want running */
	uint64_t next_ms;		/* next periodic reconcile */

	/* Sections whose max_real_servers was logged as reached. */
	bool capped_logged[MWGD_MAX_PROXIES];

	/* scanner role (scanner_vip.c) */
	struct mwgd_scanner_vips vips;
};

/* The change set being built, sent by commit(). */
#define CHANGE_SET_MAX	(4 * MAX_SERVICES + 1024)

struct change_set {
	struct nl_msg *msgs[CHANGE_SET_MAX];
	uint8_t cmds[CHANGE_SET_MAX];	/* to name a failure after sending */
	size_t n;
	size_t left_out;		/* past CHANGE_SET_MAX or no memory */
};

static void queue(struct change_set *cs, struct nl_msg *msg)
{
	if (!msg || cs->n == CHANGE_SET_MAX) {
		/* Left for the next round, which starts from the kernel. */
		nlmsg_free(msg);
		cs->left_out++;
		return;
	}
	cs->cmds[cs->n] = genlmsg_hdr(nlmsg_hdr(msg))->cmd;
	cs->msgs[cs->n++] = msg;
}

static const char *cmd_name(uint8_t cmd)
{
	switch (cmd) {
	case IPVS_CMD_NEW_SERVICE: return "add service";
	case IPVS_CMD_SET_SERVICE: return "change service";
	case IPVS_CMD_DEL_SERVICE: return "delete service";
	case IPVS_CMD_NEW_DEST: return "add real server";
	case IPVS_CMD_SET_DEST: return "change real server";
	case IPVS_CMD_DEL_DEST: return "delete real server";
	case IPVS_CMD_NEW_DAEMON: return "start sync daemon";
	case IPVS_CMD_DEL_DAEMON: return "stop sync daemon";
	}
	return "request";
}

static int commit(struct mwgd *d, struct change_set *cs)
{
	struct mwgd_proxy *p = d->proxy;
	size_t failed, n = cs->n;
	int rc;

	if (!n)
		return 0;
	d->counters[C_IPVS_CHANGE_SETS]++;
	d->counters[C_IPVS_MSGS] += n;
	rc = mwg_request_many(&p->ipvs, cs->msgs, n, &failed);
	cs->n = 0;
	if (rc < 0) {
		d->counters[C_IPVS_ERRORS]++;
		if (rc != p->last_err)
			mwgd_log(LOG_ERR, "ipvs: %s (request %zu of a change set of %zu): %s",
				 failed < n ? cmd_name(cs->cmds[failed]) : "request",
				 failed + 1, n, p->ipvs.err.text);
		p->last_err = rc;
		return rc;
	}
	p->last_err = 0;
	return 0;
}

static bool want_sync(const struct mwgd_config *c,
		      const struct mwgd_proxy_conf **out)
{
	unsigned int i;

	for (i = 0; i < c->proxies.n; i++) {
		if (c->proxies.e[i].sync) {
			*out = &c->proxies.e[i];
			return true;
		}
	}
	return false;
}

/* The state of the section's VR; without one, the director's. */
static bool proxy_is_master(const struct mwgd *d,
			    const struct mwgd_proxy_conf *pc)
{
	unsigned int i;

	if (!pc->vr_ifname[0])
		return d->active;
	for (i = 0; i < d->n_vrs; i++)
		if (d->vrs[i].ref.vrid == pc->vrid &&
		    !strcmp(d->vrs[i].ref.ifname, pc->vr_ifname))
			return d->vrs[i].known &&
			       d->vrs[i].state == MWG_VRRP_STATE_MASTER;
	return false;
}

static void service_of(struct mwg_ipvs_service *svc,
		       const struct mwgd_proxy_conf *pc, uint16_t protocol,
		       uint16_t port)
{
	memset(svc, 0, sizeof(*svc));
	svc->af = AF_INET;
	svc->protocol = protocol;
	memcpy(svc->addr, &pc->vip, sizeof(pc->vip));
	svc->port = port;
	snprintf(svc->sched, sizeof(svc->sched), "%s",
		 mwgd_proxy_sched_name(pc->sched));
	if (pc->sched != MWGD_SCHED_WLC) {
		/*
		 * mh and sh keep a draining (weight 0) scanner's slots, so
		 * that it gets its clients back if it returns; without
		 * SCHED1 ("fallback") its new clients would be refused
		 * until it is deleted, with it they go to the next scanner.
		 */
		svc->flags = IP_VS_SVC_F_SCHED1;
		/* SCHED2: hash the client's port too. */
		if (pc->hash_port)
			svc->flags |= IP_VS_SVC_F_SCHED2;
	}
	svc->netmask = 0xffffffff;
}

/* Desired services, each with the section it comes from. */
struct want {
	struct mwg_ipvs_service svc[MAX_SERVICES];
	const struct mwgd_proxy_conf *pc[MAX_SERVICES];
	unsigned int n;
};

static void wanted_services(const struct mwgd_config *c, struct want *w)
{
	unsigned int i, j;

	w->n = 0;
	for (i = 0; i < c->proxies.n; i++) {
		const struct mwgd_proxy_conf *pc = &c->proxies.e[i];

		for (j = 0; j < pc->n_tcp; j++) {
			w->pc[w->n] = pc;
			service_of(&w->svc[w->n++], pc, IPPROTO_TCP, pc->tcp[j]);
		}
		for (j = 0; j < pc->n_udp; j++) {
			w->pc[w->n] = pc;
			service_of(&w->svc[w->n++], pc, IPPROTO_UDP, pc->udp[j]);
		}
	}
}

/* Does @sc serve @port?  A scanner that announces no ports serves all. */
static bool serves(const struct mwgd_scanner *sc, uint16_t port)
{
	unsigned int i;

	if (!sc->n_ports)
		return true;
	for (i = 0; i < sc->n_ports; i++)
		if (sc->ports[i] == port)
			return true;
	return false;
}

static uint32_t weight_of(const struct mwgd_proxy_conf *pc,
			  const struct mwgd_scanner *sc)
{
	uint64_t w = sc->have_capacity ? sc->capacity : MWGD_PROXY_WEIGHT_BASE;

	switch (pc->weight) {
	case MWGD_WEIGHT_EQUAL:
		return MWGD_PROXY_WEIGHT_BASE;
	case MWGD_WEIGHT_CAPACITY:
		break;
	case MWGD_WEIGHT_SPARE:
		/* The share of its capacity it does not use; a trickle at full load. */
		if (sc->have_load)
			w = w * (MWGD_LOAD_MAX - sc->load) / MWGD_LOAD_MAX;
		if (!w)
			w = 1;
		break;
	}
	/* IPVS takes any int; keep the schedulers' arithmetic comfortable. */
	return w > 65535 ? 65535 : (uint32_t)w;
}

static uint32_t fwd_of(const struct mwgd_proxy_conf *pc)
{
	return pc->forward == MWGD_FORWARD_NAT ? IP_VS_CONN_F_MASQ :
						 IP_VS_CONN_F_DROUTE;
}

/* By address, then longest live first; ties by node id (a stable order). */
static int by_addr_age(const void *a, const void *b)
{
	const struct mwgd_scanner *x = *(const struct mwgd_scanner *const *)a;
	const struct mwgd_scanner *y = *(const struct mwgd_scanner *const *)b;
	int c = memcmp(x->addr, y->addr, 4);

	if (c)
		return c;
	if (x->first_ms != y->first_ms)
		return x->first_ms < y->first_ms ? -1 : 1;
	return memcmp(x->node_id, y->node_id, MWGD_NODE_ID_LEN);
}

/* Longest live first; ties by node id. */
static int by_age(const void *a, const void *b)
{
	const struct mwgd_scanner *x = *(const struct mwgd_scanner *const *)a;
	const struct mwgd_scanner *y = *(const struct mwgd_scanner *const *)b;

	if (x->first_ms != y->first_ms)
		return x->first_ms < y->first_ms ? -1 : 1;
	return memcmp(x->node_id, y->node_id, MWGD_NODE_ID_LEN);
}

/*
 * The real servers @svc should have: one per scanner address (IPVS keys a
 * real server by address and port; of node ids sharing an address the
 * longest live speaks for it), at most the section's max_real_servers, so
 * that a flood of announcements (or a segment larger than planned) cannot
 * grow IPVS without bound.  Past the cap the scanners live longest are
 * kept, so a real server is not swapped for a newcomer; the excess is
 * counted and logged once per section until a reload.
 */
static size_t wanted_dests(struct mwgd *d, const struct mwgd_proxy_conf *pc,
			   const struct mwg_ipvs_service *svc,
			   struct mwg_ipvs_dest *out, size_t cap)
{
	const struct mwgd_scanner *sc, **cand;
	size_t i, k, n = 0, n_cand = 0, limit = pc->max_real_servers;
	unsigned int idx = pc - d->cfg.proxies.e;

	if (limit > cap)
		limit = cap;
	if (pc->local_scanner && n < limit) {
		/* Configured, not announced: it goes first. */
		memset(&out[n], 0, sizeof(out[n]));
		memcpy(out[n].addr, &d->cfg.mgmt_ip, 4);
		out[n].port = svc->port;
		out[n].fwd = fwd_of(pc);
		out[n].weight = MWGD_PROXY_WEIGHT_BASE;
		n++;
	}
	cand = calloc(d->table.count + 1, sizeof(*cand));
	if (!cand)
		return n;
	for (sc = mwgd_table_first(&d->table, &i); sc;
	     sc = mwgd_table_next(&d->table, (struct mwgd_scanner *)sc, &i)) {
		if (sc->family != AF_INET || !serves(sc, svc->port))
			continue;
		/* The director's own scanner half is the local real server. */
		if (!memcmp(sc->addr, &d->cfg.mgmt_ip, 4))
			continue;
		cand[n_cand++] = sc;
	}
	/* One per address: the first of each run once sorted. */
	qsort(cand, n_cand, sizeof(*cand), by_addr_age);
	for (i = 0, k = 0; i < n_cand; i++)
		if (!k || memcmp(cand[i]->addr, cand[k - 1]->addr, 4))
			cand[k++] = cand[i];
	n_cand = k;
	if (n + n_cand > limit) {
		qsort(cand, n_cand, sizeof(*cand), by_age);
		d->counters[C_IPVS_DESTS_CAPPED] += n + n_cand - limit;
		if (idx < MWGD_MAX_PROXIES && !d->proxy->capped_logged[idx]) {
			d->proxy->capped_logged[idx] = true;
			mwgd_log(LOG_WARNING,
				 "[proxy %s]: %zu scanners serve port %u, above max_real_servers %u: the rest are not real servers",
				 pc->name, n + n_cand, svc->port,
				 pc->max_real_servers);
		}
	}
	for (i = 0; i < n_cand && n < limit; i++) {
		sc = cand[i];
		memset(&out[n], 0, sizeof(out[n]));
		memcpy(out[n].addr, sc->addr, 4);
		out[n].port = svc->port;
		out[n].fwd = fwd_of(pc);
		out[n].weight = weight_of(pc, sc);
		n++;
	}
	free(cand);
	return n;
}

static struct drain *find_drain(struct mwgd_proxy *p,
				const struct mwg_ipvs_service *svc,
				const struct mwg_ipvs_dest *dest)
{
	size_t i;

	for (i = 0; i < p->n_drains; i++)
		if (mwg_ipvs_service_same(&p->drains[i].svc, svc) &&
		    !memcmp(p->drains[i].addr, dest->addr, 16) &&
		    p->drains[i].port == dest->port)
			return &p->drains[i];
	return NULL;
}

static void forget_drain(struct mwgd_proxy *p, struct drain *dr)
{
	if (dr)
		*dr = p->drains[--p->n_drains];
}

/* Start (or find) the drain of @dest; NULL when out of memory. */
static struct drain *start_drain(struct mwgd_proxy *p,
				 const struct mwg_ipvs_service *svc,
				 const struct mwg_ipvs_dest *dest, uint64_t now)
{
	struct drain *dr = find_drain(p, svc, dest);

	if (dr)
		return dr;
	if (p->n_drains == p->drains_cap) {
		size_t cap = p->drains_cap ? 2 * p->drains_cap : 16;
		struct drain *n = realloc(p->drains, cap * sizeof(*n));

		if (!n)
			return NULL;
		p->drains = n;
		p->drains_cap = cap;
	}
	dr = &p->drains[p->n_drains++];
	dr->svc = *svc;
	memcpy(dr->addr, dest->addr, 16);
	dr->port = dest->port;
	dr->since_ms = now;
	return dr;
}

static const char *addr_text(const uint8_t *addr, char *buf)
{
	return inet_ntop(AF_INET, addr, buf, INET_ADDRSTRLEN);
}

/* Real servers of one service that exists in the kernel. */
static int reconcile_dests(struct mwgd *d, const struct mwgd_proxy_conf *pc,
			   const struct mwg_ipvs_service *svc,
			   struct change_set *cs, uint64_t now)
{
	struct mwgd_proxy *p = d->proxy;
	struct mwg_ipvs_dest *have = NULL, *want;
	size_t n_have = 0, n_want, i, j;
	char a[INET_ADDRSTRLEN];
	int rc;

	want = calloc(d->table.count + 1, sizeof(*want));
	if (!want)
		return -ENOMEM;
	n_want = wanted_dests(d, pc, svc, want, d->table.count + 1);
	rc = mwg_ipvs_dests(&p->ipvs, svc, &have, &n_have);
	if (rc < 0) {
		free(want);
		return rc;
	}
	for (i = 0; i < n_want; i++) {
		for (j = 0; j < n_have; j++)
			if (!memcmp(have[j].addr, want[i].addr, 16) &&
			    have[j].port == want[i].port)
				break;
		if (j == n_have) {
			queue(cs, mwg_ipvs_dest_msg(&p->ipvs, IPVS_CMD_NEW_DEST,
						    svc, &want[i]));
			continue;
		}
		forget_drain(p, find_drain(p, svc, &want[i]));
		/* IPVS turns the forwarding of its own addresses into "local". */
		if (have[j].weight != want[i].weight ||
		    (have[j].fwd != want[i].fwd &&
		     have[j].fwd != IP_VS_CONN_F_LOCALNODE))
			queue(cs, mwg_ipvs_dest_msg(&p->ipvs, IPVS_CMD_SET_DEST,
						    svc, &want[i]));
	}
	for (j = 0; d->settled && j < n_have; j++) {
		struct drain *dr;

		for (i = 0; i < n_want; i++)
			if (!memcmp(have[j].addr, want[i].addr, 16) &&
			    have[j].port == want[i].port)
				break;
		if (i < n_want)
			continue;
		dr = start_drain(p, svc, &have[j], now);
		if (have[j].weight) {
			struct mwg_ipvs_dest quiet = have[j];

			quiet.weight = 0;
			mwgd_log(LOG_INFO, "ipvs: %s:%u drains",
				 addr_text(have[j].addr, a), have[j].port);
			queue(cs, mwg_ipvs_dest_msg(&p->ipvs, IPVS_CMD_SET_DEST,
						    svc, &quiet));
		} else if (!have[j].active || !dr ||
			   now - dr->since_ms >= pc->drain_s * 1000ULL) {
			mwgd_log(LOG_INFO, "ipvs: %s:%u removed (%u active connections left)",
				 addr_text(have[j].addr, a), have[j].port,
				 have[j].active);
			queue(cs, mwg_ipvs_dest_msg(&p->ipvs, IPVS_CMD_DEL_DEST,
						    svc, &have[j]));
			forget_drain(p, dr);
		}
	}
	free(have);
	free(want);
	return 0;
}

static bool owned(const struct mwgd_proxy *p, const struct mwg_ipvs_service *svc,
		  unsigned int *idx)
{
	unsigned int i;

	for (i = 0; i < p->n_owned; i++) {
		if (mwg_ipvs_service_same(&p->owned[i], svc)) {
			if (idx)
				*idx = i;
			return true;
		}
	}
	return false;
}

static void own(struct mwgd_proxy *p, const struct mwg_ipvs_service *svc)
{
	if (!owned(p, svc, NULL) && p->n_owned < MAX_SERVICES)
		p->owned[p->n_owned++] = *svc;
}

static void disown(struct mwgd_proxy *p, const struct mwg_ipvs_service *svc)
{
	unsigned int i;
	size_t k;

	if (owned(p, svc, &i))
		p->owned[i] = p->owned[--p->n_owned];
	/* Its drains went with it. */
	for (k = 0; k < p->n_drains;) {
		if (mwg_ipvs_service_same(&p->drains[k].svc, svc))
			p->drains[k] = p->drains[--p->n_drains];
		else
			k++;
	}
}

static int reconcile_services(struct mwgd *d, struct change_set *cs)
{
	struct mwgd_proxy *p = d->proxy;
	struct mwg_ipvs_service *have = NULL;
	uint64_t now = mwgd_now_ms();
	size_t n_have = 0, j;
	struct want *w;
	unsigned int i;
	int rc;

	w = malloc(sizeof(*w));
	if (!w)
		return -ENOMEM;
	wanted_services(&d->cfg, w);
	rc = mwg_ipvs_services(&p->ipvs, &have, &n_have);
	if (rc < 0)
		goto out;
	for (i = 0; i < w->n; i++) {
		for (j = 0; j < n_have; j++)
			if (mwg_ipvs_service_same(&have[j], &w->svc[i]))
				break;
		own(p, &w->svc[i]);
		if (j == n_have) {
			struct mwg_ipvs_dest *dests;
			size_t n, k;

			/* New: the service and all of its real servers at once. */
			queue(cs, mwg_ipvs_service_msg(&p->ipvs,
						       IPVS_CMD_NEW_SERVICE,
						       &w->svc[i]));
			dests = calloc(d->table.count + 1, sizeof(*dests));
			if (!dests) {
				rc = -ENOMEM;
				goto out;
			}
			n = wanted_dests(d, w->pc[i], &w->svc[i], dests,
					 d->table.count + 1);
			for (k = 0; k < n; k++)
				queue(cs, mwg_ipvs_dest_msg(&p->ipvs,
							    IPVS_CMD_NEW_DEST,
							    &w->svc[i],
							    &dests[k]));
			free(dests);
			continue;
		}
		if (strcmp(have[j].sched, w->svc[i].sched) ||
		    have[j].flags != w->svc[i].flags)
			queue(cs, mwg_ipvs_service_msg(&p->ipvs,
						       IPVS_CMD_SET_SERVICE,
						       &w->svc[i]));
		rc = reconcile_dests(d, w->pc[i], &w->svc[i], cs, now);
		if (rc < 0)
			goto out;
	}
	/* Ours, no longer configured (a reload took them out). */
	for (j = 0; j < n_have; j++) {
		for (i = 0; i < w->n; i++)
			if (mwg_ipvs_service_same(&have[j], &w->svc[i]))
				break;
		if (i == w->n && owned(p, &have[j], NULL)) {
			queue(cs, mwg_ipvs_service_msg(&p->ipvs,
						       IPVS_CMD_DEL_SERVICE,
						       &have[j]));
			disown(p, &have[j]);
		}
	}
out:
	free(have);
	free(w);
	return rc;
}

static bool open_ipvs(struct mwgd *d)
{
	struct mwgd_proxy *p = d->proxy;
	int rc;

	if (p->ipvs_open)
		return true;
	rc = mwg_ipvs_open(&p->ipvs);
	if (rc < 0) {
		if (rc != p->last_err)
			mwgd_log(LOG_ERR, "ipvs: %s; trying again every interval",
				 p->ipvs.err.text);
		p->last_err = rc;
		return false;
	}
	p->ipvs_open = true;
	p->last_err = 0;
	return true;
}

/* Queue the daemon changes that make IPVS run @want (and only it). */
static int reconcile_sync(struct mwgd *d, struct change_set *cs)
{
	struct mwgd_proxy *p = d->proxy;
	const struct mwgd_proxy_conf *pc = NULL;
	struct mwg_ipvs_daemon run[2], dm;
	bool have_want = false;
	size_t n = 0, i;
	uint32_t want = IP_VS_STATE_NONE;
	int rc;

	if (want_sync(&d->cfg, &pc))
		want = proxy_is_master(d, pc) ? IP_VS_STATE_MASTER :
						IP_VS_STATE_BACKUP;
	rc = mwg_ipvs_daemons(&p->ipvs, run, &n);
	if (rc < 0)
		return rc;
	memset(&dm, 0, sizeof(dm));
	if (pc) {
		snprintf(dm.ifname, sizeof(dm.ifname), "%s",
			 pc->sync_ifname[0] ? pc->sync_ifname : d->cfg.ifname);
		dm.sync_id = pc->sync_id;
	}
	for (i = 0; i < n; i++) {
		bool same = run[i].state == want && pc &&
			    !strcmp(run[i].ifname, dm.ifname) &&
			    run[i].sync_id == dm.sync_id;

		if (same) {
			have_want = true;
			continue;
		}
		/*
		 * The other kind, or ours on old terms: in the way of the one
		 * we want.  Without one to want, only ours goes.
		 */
		if (want != IP_VS_STATE_NONE || run[i].state == p->sync_state) {
			dm.state = run[i].state;
			queue(cs, mwg_ipvs_daemon_msg(&p->ipvs,
						      IPVS_CMD_DEL_DAEMON, &dm));
		}
	}
	if (want != IP_VS_STATE_NONE && !have_want) {
		dm.state = want;
		queue(cs, mwg_ipvs_daemon_msg(&p->ipvs, IPVS_CMD_NEW_DAEMON, &dm));
		d->counters[C_SYNC_SWITCHES]++;
		mwgd_log(LOG_NOTICE, "ipvs: sync daemon %s on %s, sync id %u",
			 want == IP_VS_STATE_MASTER ? "master" : "backup",
			 dm.ifname, dm.sync_id);
	}
	p->sync_state = want;
	return 0;
}

void mwgd_proxy_reconcile(struct mwgd *d)
{
	struct mwgd_proxy *p = d->proxy;
	struct change_set *cs;
	int rc;

	if (!p || !(d->cfg.role & MWGD_ROLE_DIRECTOR))
		return;
	/* Drains end on time; otherwise a resync now and then. */
	p->next_ms = mwgd_now_ms() +
		     (uint64_t)mwgd_director_interval(d) *
		     (p->n_drains ? 1 : RESYNC_INTERVALS);
	if (!open_ipvs(d))
		return;
	cs = calloc(1, sizeof(*cs));
	if (!cs)
		return;
	rc = reconcile_sync(d, cs);
	if (!rc)
		rc = reconcile_services(d, cs);
	if (rc < 0) {
		/* Nothing half-read goes out: the next round starts over. */
		while (cs->n)
			nlmsg_free(cs->msgs[--cs->n]);
		d->counters[C_IPVS_ERRORS]++;
		if (rc != p->last_err)
			mwgd_log(LOG_ERR, "ipvs: reading the table: %s",
				 p->ipvs.err.text[0] ? p->ipvs.err.text :
				 strerror(-rc));
		p->last_err = rc;
	} else {
		commit(d, cs);
	}
	/*
	 * A drain that began just now is checked again within an interval,
	 * and so is what did not fit in this change set.
	 */
	if (p->n_drains || cs->left_out)
		p->next_ms = mwgd_now_ms() + mwgd_director_interval(d);
	if (cs->left_out)
		mwgd_log(LOG_WARNING, "ipvs: %zu requests left for the next round",
			 cs->left_out);
	free(cs);
}

void mwgd_proxy_vr_changed(struct mwgd *d)
{
	struct mwgd_proxy *p = d->proxy;
	struct change_set *cs;

	if (!p || !(d->cfg.role & MWGD_ROLE_DIRECTOR) || !open_ipvs(d))
		return;
	cs = calloc(1, sizeof(*cs));
	if (!cs)
		return;
	/* Only the daemon: the table is already what the live set says. */
	if (reconcile_sync(d, cs) == 0)
		commit(d, cs);
	while (cs->n)
		nlmsg_free(cs->msgs[--cs->n]);
	free(cs);
}

void mwgd_proxy_timers(struct mwgd *d, uint64_t now)
{
	if (d->proxy && d->cfg.role & MWGD_ROLE_DIRECTOR &&
	    now >= d->proxy->next_ms)
		mwgd_proxy_reconcile(d);
}

uint64_t mwgd_proxy_next_ms(const struct mwgd *d)
{
	/* Only a director has periodic IPVS work. */
	return d->proxy && d->cfg.role & MWGD_ROLE_DIRECTOR ?
		d->proxy->next_ms : UINT64_MAX;
}

/* --- life cycle ---------------------------------------------------------- */

int mwgd_proxy_open(struct mwgd *d)
{
	struct mwgd_proxy *p = d->proxy;

	if (!p && !d->cfg.proxies.n)
		return 0;
	if (!p) {
		p = calloc(1, sizeof(*p));
		if (!p) {
			mwgd_log(LOG_ERR, "out of memory");
			return -ENOMEM;
		}
		p->sync_state = IP_VS_STATE_NONE;
		d->proxy = p;
	}
	/* A reload may change the caps: say again when one is reached. */
	memset(p->capped_logged, 0, sizeof(p->capped_logged));
	/*
	 * A director that is a scanner too serves as the local real server
	 * (local_scanner): the VIP of a VR it may hold must not go on lo.
	 */
	if (d->cfg.role == MWGD_ROLE_SCANNER)
		mwgd_scanner_vips_apply(&p->vips, &d->cfg.proxies);
	else if (d->cfg.role & MWGD_ROLE_SCANNER)
		mwgd_log(LOG_NOTICE,
			 "role both: the scanner half takes no VIP on lo; local_scanner = yes makes this director a real server");
	if (d->cfg.role & MWGD_ROLE_DIRECTOR)
		mwgd_proxy_reconcile(d);
	return 0;
}

static void flush(struct mwgd *d)
{
	struct mwgd_proxy *p = d->proxy;
	struct change_set *cs = calloc(1, sizeof(*cs));
	struct mwg_ipvs_daemon dm = { 0 };
	unsigned int i, j;

	if (!cs)
		return;
	for (i = 0; i < p->n_owned; i++) {
		bool keep = false;

		for (j = 0; j < d->cfg.proxies.n; j++) {
			const struct mwgd_proxy_conf *pc = &d->cfg.proxies.e[j];

			if (!memcmp(p->owned[i].addr, &pc->vip, 4))
				keep = !pc->flush_on_exit;
		}
		if (!keep)
			queue(cs, mwg_ipvs_service_msg(&p->ipvs,
						       IPVS_CMD_DEL_SERVICE,
						       &p->owned[i]));
	}
	if (p->sync_state != IP_VS_STATE_NONE) {
		const struct mwgd_proxy_conf *pc = NULL;

		if (want_sync(&d->cfg, &pc) && pc->flush_on_exit) {
			dm.state = p->sync_state;
			queue(cs, mwg_ipvs_daemon_msg(&p->ipvs,
						      IPVS_CMD_DEL_DAEMON, &dm));
		}
	}
	commit(d, cs);
	free(cs);
}

void mwgd_proxy_close(struct mwgd *d)
{
	struct mwgd_proxy *p = d->proxy;

	if (!p)
		return;
	if (p->ipvs_open) {
		flush(d);
		mwg_session_close(&p->ipvs);
	}
	mwgd_scanner_vips_undo(&p->vips);
	free(p->drains);
	free(p);
	d->proxy = NULL;
}
