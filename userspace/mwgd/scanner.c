// SPDX-License-Identifier: GPL-2.0
/*
 * The scanner role: answer every director heard, once per discovery, with
 * a unicast announcement to the address and port the discovery came
 * from.  Discoveries arrive every interval of their director, so the
 * answers are as regular as they are; answering at once (rather than on
 * a timer of our own) also lets a director that has just taken over learn
 * the whole set within one round trip.
 *
 * The directors heard are kept in a small fixed array (max_directors) for
 * their replay windows; one not heard for dead_after of its intervals is
 * forgotten.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mwgd.h"

int mwgd_scanner_init(struct mwgd *d)
{
	d->n_directors_cap = d->cfg.max_directors;
	d->directors = calloc(d->n_directors_cap, sizeof(*d->directors));
	return d->directors ? 0 : -1;
}

void mwgd_scanner_fini(struct mwgd *d)
{
	free(d->directors);
	d->directors = NULL;
}

unsigned int mwgd_scanner_directors(const struct mwgd *d)
{
	unsigned int i, n = 0;

	for (i = 0; i < d->n_directors_cap; i++)
		n += d->directors[i].used;
	return n;
}

/* The 1-minute load average per CPU, in per mille, read once a second. */
static uint32_t current_load(struct mwgd *d)
{
	uint64_t now = mwgd_now_ms();
	double avg;
	long cpus;
	FILE *f;

	if (!d->cfg.load_auto)
		return d->cfg.load;
	if (d->load_read_ms && now - d->load_read_ms < 1000)
		return d->load;
	d->load_read_ms = now;
	f = fopen("/proc/loadavg", "r");
	if (!f)
		return d->load;
	if (fscanf(f, "%lf", &avg) == 1) {
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
		avg = avg * 1000 / (cpus > 0 ? cpus : 1);
		d->load = avg > MWGD_LOAD_MAX ? MWGD_LOAD_MAX : (uint32_t)avg;
	}
	fclose(f);
	return d->load;
}

static struct mwgd_director *find_director(struct mwgd *d, const uint8_t *id,
					   bool *is_new)
{
	struct mwgd_director *free_slot = NULL;
	unsigned int i;

	*is_new = false;
	for (i = 0; i < d->n_directors_cap; i++) {
		struct mwgd_director *dir = &d->directors[i];

		if (!dir->used) {
			if (!free_slot)
				free_slot = dir;
			continue;
		}
		if (!memcmp(dir->node_id, id, MWGD_NODE_ID_LEN))
			return dir;
	}
	if (free_slot) {
		memset(free_slot, 0, sizeof(*free_slot));
		memcpy(free_slot->node_id, id, MWGD_NODE_ID_LEN);
		*is_new = true;
	}
	return free_slot;
}

static void answer(struct mwgd *d, const struct mwgd_msg *disc,
		   const struct sockaddr_in *to)
{
	struct mwgd_msg m = {
		.type = MWGD_T_ANNOUNCE,
		.load = current_load(d),
		.have_load = true,
		.capacity = d->cfg.capacity,
		.have_capacity = d->cfg.have_capacity,
	};

	snprintf(m.name, sizeof(m.name), "%s", d->cfg.name);
	m.out_of_service = !mwgd_portcheck_live(d, m.ports, &m.n_ports);
	memcpy(m.echo.node_id, disc->node_id, MWGD_NODE_ID_LEN);
	m.echo.epoch = disc->epoch;
	m.echo.seq = disc->seq;
	if (mwgd_send_msg(d, &m, to) == 0)
		d->counters[C_TX_ANNOUNCE]++;
}

void mwgd_scanner_on_discover(struct mwgd *d, const uint8_t *buf,
			      const struct mwgd_msg *m,
			      const struct sockaddr_in *from)
{
	struct mwgd_director *dir;
	bool is_new;

	if (!mwgd_acl_allows(&d->cfg.allow_directors, from->sin_addr)) {
		d->counters[C_RX_SOURCE_REFUSED]++;
		return;
	}
	if (!mwgd_accept_auth(d, buf, m))
		return;
	dir = find_director(d, m->node_id, &is_new);
	if (!dir) {
		d->counters[C_DIRECTORS_REFUSED]++;
		return;
	}
	if (!is_new && !mwgd_replay_check(&dir->replay, m->epoch, m->seq)) {
		d->counters[C_RX_REPLAYED]++;
		return;
	}
	if (is_new)
		mwgd_log(LOG_INFO, "director %s heard (%s)",
			 inet_ntoa(from->sin_addr),
			 m->dir_state == MWGD_DIR_ACTIVE ? "active" : "backup");
	dir->used = true;
	mwgd_replay_update(&dir->replay, m->epoch, m->seq);
	dir->from = *from;
	dir->interval_ms = m->interval_ms;
	dir->dead_after = m->dead_after;
	dir->state = m->dir_state;
	dir->deadline_ms = mwgd_now_ms() +
			   (uint64_t)m->dead_after * m->interval_ms;
	answer(d, m, from);
}

void mwgd_scanner_timers(struct mwgd *d, uint64_t now)
{
	unsigned int i;

	mwgd_portcheck_timers(d, now);
	if (now < d->next_director_sweep_ms)
		return;
	for (i = 0; i < d->n_directors_cap; i++) {
		struct mwgd_director *dir = &d->directors[i];

		if (dir->used && dir->deadline_ms < now) {
			mwgd_log(LOG_INFO, "director %s no longer heard",
				 inet_ntoa(dir->from.sin_addr));
			dir->used = false;
		}
	}
	d->next_director_sweep_ms = now + 100;
}

uint64_t mwgd_scanner_next_ms(const struct mwgd *d)
{
	uint64_t next = mwgd_portcheck_next_ms(d);

	return d->next_director_sweep_ms < next ? d->next_director_sweep_ms :
						  next;
}
