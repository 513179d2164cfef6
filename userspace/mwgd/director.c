// SPDX-License-Identifier: GPL-2.0
/*
 * The director role.
 *
 * Every director discovers: the active one every interval_ms, a backup
 * every backup_interval_ms (by default the same), so that a backup holds
 * the live set when it takes over and its kernel's priority tracking sees
 * the scanners it can reach.  Scanners answer every director they hear.
 *
 * Liveness is counted in discovery rounds, not in wall-clock time: a
 * scanner is dead when it answered none of the last dead_after
 * discoveries.  A director that was itself held up (a loaded host) then
 * does not declare the whole segment dead for answers it never asked for.
 *
 * An announcement counts only if it echoes one of our recent discoveries
 * (so an old one cannot be replayed to a restarted director) and passes
 * the sender's replay window; each source address gets announce_rate of
 * them a second (a token bucket), the rest are dropped unread.  Changes
 * reach the kernel in one batch a quarter interval after the first of
 * them; every entry is refreshed with a full push at half its lease, so
 * that the kernel drops everything by itself when mwgd is gone.
 *
 * A director that has just started knows only what answered so far, while
 * the kernel still holds the live set of the previous run under its
 * leases.  Until the first discovery round has completed (dead_after
 * rounds, or every scanner the kernel's table held at start answered) it
 * only adds: no full push, no deletion, no real server drained.  A
 * restart within a lease thus never empties the kernel's table, which
 * would drop the VRs' scanner tracking and refuse proxy connections.
 */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "mwgd.h"

uint32_t mwgd_director_interval(const struct mwgd *d)
{
	if (d->active || !d->cfg.backup_interval_ms)
		return d->cfg.interval_ms;
	return d->cfg.backup_interval_ms;
}

int mwgd_director_init(struct mwgd *d)
{
	if (mwgd_table_init(&d->table, d->cfg.max_scanners) < 0)
		return -1;
	mwgd_rl_init(&d->announce_rl);
	/* Bounded by the kernel's own cap on its table. */
	if (mwgd_table_init(&d->unheard, MWG_VRRP_SCANNERS_MAX) < 0) {
		mwgd_table_free(&d->table);
		return -1;
	}
	d->next_discover_ms = mwgd_now_ms();
	d->full_push_ms = UINT64_MAX;
	d->settled = false;
	return 0;
}

void mwgd_director_fini(struct mwgd *d)
{
	mwgd_table_free(&d->table);
	mwgd_table_free(&d->unheard);
}

void mwgd_director_kernel_has(struct mwgd *d, const uint8_t *node_id)
{
	if (d->settled || mwgd_table_find(&d->unheard, node_id) ||
	    !mwgd_table_add(&d->unheard, node_id))
		return;
	d->kernel_had_scanners = true;
}

/* Ask for a full push at @when; before the first round, none. */
static void want_full_push(struct mwgd *d, uint64_t when)
{
	if (d->settled)
		d->full_push_ms = when;
}

/*
 * The first discovery round is complete: the table is the live set.
 * Whatever the kernel held at start and did not answer is dead; it goes
 * with the full push that follows at once (deletions first).
 */
static void settle(struct mwgd *d, uint64_t now)
{
	struct mwgd_scanner *sc;
	size_t i, n = d->unheard.count;

	for (sc = mwgd_table_first(&d->unheard, &i); sc;
	     sc = mwgd_table_next(&d->unheard, sc, &i))
		mwgd_table_queue_gone(&d->table, sc->node_id);
	mwgd_table_free(&d->unheard);
	d->settled = true;
	d->full_push_ms = now;
	mwgd_log(LOG_INFO,
		 "first discovery round complete: %zu scanners live, %zu of the kernel's table did not answer",
		 d->table.count, n);
}

static bool echo_fresh(const struct mwgd *d, const struct mwgd_echo *e)
{
	unsigned int i, n = d->cfg.dead_after + 2, slot = d->echo_head;

	if (memcmp(e->node_id, d->node_id, MWGD_NODE_ID_LEN) ||
	    e->epoch != d->epoch)
		return false;
	/* The last dead_after + 2 discoveries, newest first. */
	if (n > d->echo_n)
		n = d->echo_n;
	for (i = 0; i < n; i++) {
		slot = (slot + MWGD_ECHO_RING - 1) % MWGD_ECHO_RING;
		if (d->echo_ring[slot] == e->seq)
			return true;
	}
	return false;
}

static void schedule_flush(struct mwgd *d, uint64_t now)
{
	if (!d->flush_ms)
		d->flush_ms = now + mwgd_director_interval(d) / 4;
}

/* Copy what the scanner says about itself; true if anything changed. */
static bool update_entry(struct mwgd_scanner *sc, const struct mwgd_msg *m,
			 const struct sockaddr_in *from)
{
	bool changed = false;

	if (sc->family != AF_INET ||
	    memcmp(sc->addr, &from->sin_addr, sizeof(from->sin_addr))) {
		sc->family = AF_INET;
		memset(sc->addr, 0, sizeof(sc->addr));
		memcpy(sc->addr, &from->sin_addr, sizeof(from->sin_addr));
		changed = true;
	}
	if (strcmp(sc->name, m->name)) {
		strcpy(sc->name, m->name);
		changed = true;
	}
	if (sc->n_ports != m->n_ports ||
	    memcmp(sc->ports, m->ports, m->n_ports * sizeof(m->ports[0]))) {
		sc->n_ports = m->n_ports;
		memcpy(sc->ports, m->ports, sizeof(sc->ports));
		changed = true;
	}
	if (sc->have_load != m->have_load || sc->load != m->load) {
		sc->have_load = m->have_load;
		sc->load = m->load;
		changed = true;
	}
	if (sc->have_capacity != m->have_capacity ||
	    sc->capacity != m->capacity) {
		sc->have_capacity = m->have_capacity;
		sc->capacity = m->capacity;
		changed = true;
	}
	return changed;
}

void mwgd_director_on_announce(struct mwgd *d, const uint8_t *buf,
			       const struct mwgd_msg *m,
			       const struct sockaddr_in *from)
{
	struct mwgd_scanner *sc;
	uint64_t now;
	bool is_new = false;

	if (!mwgd_acl_allows(&d->cfg.allow_scanners, from->sin_addr)) {
		d->counters[C_RX_SOURCE_REFUSED]++;
		return;
	}
	/* Before the HMAC: a flood costs no more than a lookup. */
	if (!mwgd_rl_allow(&d->announce_rl, from->sin_addr.s_addr,
			   mwgd_now_ms(), d->cfg.announce_rate,
			   d->cfg.announce_burst)) {
		d->counters[C_RX_RATE_LIMITED]++;
		return;
	}
	if (!mwgd_accept_auth(d, buf, m))
		return;
	if (!echo_fresh(d, &m->echo)) {
		d->counters[C_RX_STALE_ECHO]++;
		return;
	}
	sc = mwgd_table_find(&d->table, m->node_id);
	if (sc && !mwgd_replay_check(&sc->replay, m->epoch, m->seq)) {
		d->counters[C_RX_REPLAYED]++;
		return;
	}
	now = mwgd_now_ms();
	/*
	 * Alive but serving nothing: it leaves the table at once, as a dead
	 * one does (IPVS drains it), and comes back as new when it serves.
	 */
	if (m->out_of_service) {
		if (sc) {
			d->counters[C_SCANNERS_OUT_OF_SERVICE]++;
			mwgd_log(LOG_INFO, "scanner %s (%s) is out of service",
				 m->name, inet_ntoa(from->sin_addr));
			mwgd_table_remove(&d->table, sc, true);
			schedule_flush(d, now);
		}
		return;
	}
	if (!sc) {
		struct mwgd_scanner *was = NULL;

		/*
		 * Until settled, the kernel's entries that have not answered
		 * yet hold their places under max_scanners.
		 */
		if (!d->settled) {
			was = mwgd_table_find(&d->unheard, m->node_id);
			if (!was && d->table.count + d->unheard.count >=
				    d->table.max) {
				d->counters[C_SCANNERS_REFUSED]++;
				return;
			}
		}
		sc = mwgd_table_add(&d->table, m->node_id);
		if (!sc) {
			d->counters[C_SCANNERS_REFUSED]++;
			return;
		}
		if (was)
			mwgd_table_remove(&d->unheard, was, false);
		sc->first_ms = now;
		is_new = true;
		d->counters[C_SCANNERS_ADDED]++;
		mwgd_log(LOG_INFO, "scanner %s (%s) is live", m->name,
			 inet_ntoa(from->sin_addr));
	}
	mwgd_replay_update(&sc->replay, m->epoch, m->seq);
	sc->heard_round = d->rounds;
	if (update_entry(sc, m, from) || is_new) {
		mwgd_table_set_dirty(&d->table, sc);
		schedule_flush(d, now);
	}
	/* Every scanner of the kernel's table answered: nothing to wait for. */
	if (!d->settled && d->kernel_had_scanners && !d->unheard.count)
		settle(d, now);
}

static void on_expired(const struct mwgd_scanner *sc, void *arg)
{
	struct mwgd *d = arg;
	struct in_addr a;

	memcpy(&a, sc->addr, sizeof(a));
	d->counters[C_SCANNERS_EXPIRED]++;
	mwgd_log(LOG_INFO, "scanner %s (%s) is dead", sc->name, inet_ntoa(a));
}

static void send_discover(struct mwgd *d)
{
	struct sockaddr_in to = {
		.sin_family = AF_INET,
		.sin_port = htons(d->cfg.port),
		.sin_addr = d->cfg.broadcast,
	};
	struct mwgd_msg m = {
		.type = MWGD_T_DISCOVER,
		.interval_ms = mwgd_director_interval(d),
		.dead_after = d->cfg.dead_after,
		.dir_state = d->active ? MWGD_DIR_ACTIVE : MWGD_DIR_BACKUP,
	};

	if (mwgd_send_msg(d, &m, &to) < 0)
		return;
	d->counters[C_TX_DISCOVER]++;
	d->rounds++;
	/* Remember its number: answers must echo a recent one. */
	d->echo_ring[d->echo_head] = m.seq;
	d->echo_head = (d->echo_head + 1) % MWGD_ECHO_RING;
	if (d->echo_n < MWGD_ECHO_RING)
		d->echo_n++;
}

void mwgd_director_timers(struct mwgd *d, uint64_t now)
{
	uint32_t interval = mwgd_director_interval(d);

	if (now >= d->next_discover_ms) {
		if (!d->settled && d->rounds >= d->cfg.dead_after)
			settle(d, now);
		/* Heard in round r: alive until round r + dead_after passes. */
		if (d->rounds >= d->cfg.dead_after &&
		    mwgd_table_expire(&d->table, d->rounds - d->cfg.dead_after + 1,
				      on_expired, d))
			schedule_flush(d, now);
		send_discover(d);
		d->next_discover_ms += interval;
		/* After a stall, start again from now instead of bursting. */
		if (d->next_discover_ms <= now)
			d->next_discover_ms = now + interval;
	}
	if (now >= d->full_push_ms) {
		if (mwgd_kernel_push(d, true) < 0)
			d->full_push_ms = now + interval;
		else
			d->full_push_ms = now + mwgd_lease_ms(&d->cfg,
							      interval) / 2;
		d->flush_ms = 0;
		mwgd_proxy_reconcile(d);
	} else if (d->flush_ms && now >= d->flush_ms) {
		/* On failure, the next full push makes up for it. */
		if (mwgd_kernel_push(d, false) < 0)
			want_full_push(d, now + interval);
		d->flush_ms = 0;
		/* The same change set for IPVS: its real servers follow. */
		mwgd_proxy_reconcile(d);
	}
}

uint64_t mwgd_director_next_ms(const struct mwgd *d)
{
	uint64_t next = d->next_discover_ms;

	if (d->full_push_ms < next)
		next = d->full_push_ms;
	if (d->flush_ms && d->flush_ms < next)
		next = d->flush_ms;
	return next;
}

void mwgd_director_set_active(struct mwgd *d, bool active)
{
	uint64_t now = mwgd_now_ms();

	if (active == d->active)
		return;
	d->active = active;
	mwgd_log(LOG_NOTICE, "now the %s director",
		 active ? "active" : "backup");
	if (active) {
		/*
		 * Discover at once: the answers refresh the set within one
		 * round trip, and the kernel gets all of it right away.
		 */
		d->counters[C_TAKEOVERS]++;
		d->next_discover_ms = now;
		want_full_push(d, now);
	} else if (d->next_discover_ms > now + mwgd_director_interval(d)) {
		d->next_discover_ms = now + mwgd_director_interval(d);
	}
}

void mwgd_director_restart_rounds(struct mwgd *d)
{
	d->next_discover_ms = mwgd_now_ms();
	want_full_push(d, d->next_discover_ms);
}
