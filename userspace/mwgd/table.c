// SPDX-License-Identifier: GPL-2.0
/*
 * Chained hash table of scanners.  It doubles its bucket array when the
 * average chain passes one entry and never shrinks it: a shrink would
 * only save a few kilobytes and could thrash when a segment flaps.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "table.h"

#define MWGD_TABLE_MIN_BUCKETS	64

static size_t bucket_of(const struct mwgd_table *t, const uint8_t *node_id)
{
	uint8_t h[crypto_shorthash_BYTES];
	uint64_t v;

	crypto_shorthash(h, node_id, MWGD_NODE_ID_LEN, t->hash_key);
	memcpy(&v, h, sizeof(v));
	return v & (t->n_buckets - 1);
}

int mwgd_table_init(struct mwgd_table *t, size_t max)
{
	memset(t, 0, sizeof(*t));
	t->max = max;
	t->n_buckets = MWGD_TABLE_MIN_BUCKETS;
	t->buckets = calloc(t->n_buckets, sizeof(*t->buckets));
	if (!t->buckets)
		return -1;
	randombytes_buf(t->hash_key, sizeof(t->hash_key));
	return 0;
}

void mwgd_table_free(struct mwgd_table *t)
{
	struct mwgd_scanner *sc, *next;
	size_t i;

	for (i = 0; i < t->n_buckets; i++) {
		for (sc = t->buckets[i]; sc; sc = next) {
			next = sc->next;
			free(sc);
		}
	}
	free(t->buckets);
	free(t->gone);
	memset(t, 0, sizeof(*t));
}

struct mwgd_scanner *mwgd_table_find(const struct mwgd_table *t,
				     const uint8_t *node_id)
{
	struct mwgd_scanner *sc;

	for (sc = t->buckets[bucket_of(t, node_id)]; sc; sc = sc->next)
		if (!memcmp(sc->node_id, node_id, MWGD_NODE_ID_LEN))
			return sc;
	return NULL;
}

static void grow(struct mwgd_table *t)
{
	size_t old_n = t->n_buckets, i;
	struct mwgd_scanner **old = t->buckets, *sc, *next;

	t->buckets = calloc(2 * old_n, sizeof(*t->buckets));
	if (!t->buckets) {
		/* Longer chains are slower, not wrong: keep the old array. */
		t->buckets = old;
		return;
	}
	t->n_buckets = 2 * old_n;
	for (i = 0; i < old_n; i++) {
		for (sc = old[i]; sc; sc = next) {
			size_t b = bucket_of(t, sc->node_id);

			next = sc->next;
			sc->next = t->buckets[b];
			t->buckets[b] = sc;
		}
	}
	free(old);
}

struct mwgd_scanner *mwgd_table_add(struct mwgd_table *t,
				    const uint8_t *node_id)
{
	struct mwgd_scanner *sc;
	size_t b;

	if (t->count >= t->max)
		return NULL;
	sc = calloc(1, sizeof(*sc));
	if (!sc)
		return NULL;
	if (t->count >= t->n_buckets)
		grow(t);
	memcpy(sc->node_id, node_id, MWGD_NODE_ID_LEN);
	b = bucket_of(t, node_id);
	sc->next = t->buckets[b];
	t->buckets[b] = sc;
	t->count++;
	return sc;
}

void mwgd_table_queue_gone(struct mwgd_table *t, const uint8_t *node_id)
{
	if (t->n_gone == t->gone_cap) {
		size_t cap = t->gone_cap ? 2 * t->gone_cap : 16;
		void *p = realloc(t->gone, cap * sizeof(*t->gone));

		/*
		 * Without memory the kernel learns of it by lease expiry
		 * instead: later, but still right.
		 */
		if (!p)
			return;
		t->gone = p;
		t->gone_cap = cap;
	}
	memcpy(t->gone[t->n_gone++], node_id, MWGD_NODE_ID_LEN);
}

void mwgd_table_remove(struct mwgd_table *t, struct mwgd_scanner *sc,
		       bool tell)
{
	struct mwgd_scanner **pp = &t->buckets[bucket_of(t, sc->node_id)];

	while (*pp && *pp != sc)
		pp = &(*pp)->next;
	if (!*pp)
		return;
	*pp = sc->next;
	t->count--;
	if (sc->dirty)
		t->dirty--;
	if (tell)
		mwgd_table_queue_gone(t, sc->node_id);
	free(sc);
}

void mwgd_table_set_dirty(struct mwgd_table *t, struct mwgd_scanner *sc)
{
	if (!sc->dirty) {
		sc->dirty = true;
		t->dirty++;
	}
}

void mwgd_table_clear_dirty(struct mwgd_table *t, struct mwgd_scanner *sc)
{
	if (sc->dirty) {
		sc->dirty = false;
		t->dirty--;
	}
}

size_t mwgd_table_expire(struct mwgd_table *t, uint64_t oldest_round,
			 void (*fn)(const struct mwgd_scanner *sc, void *arg),
			 void *arg)
{
	struct mwgd_scanner *sc, *next;
	size_t i, n = 0;

	for (i = 0; i < t->n_buckets; i++) {
		for (sc = t->buckets[i]; sc; sc = next) {
			next = sc->next;
			if (sc->heard_round >= oldest_round)
				continue;
			if (fn)
				fn(sc, arg);
			mwgd_table_remove(t, sc, true);
			n++;
		}
	}
	return n;
}

struct mwgd_scanner *mwgd_table_first(const struct mwgd_table *t, size_t *i)
{
	for (*i = 0; *i < t->n_buckets; (*i)++)
		if (t->buckets[*i])
			return t->buckets[*i];
	return NULL;
}

struct mwgd_scanner *mwgd_table_next(const struct mwgd_table *t,
				     struct mwgd_scanner *sc, size_t *i)
{
	if (sc->next)
		return sc->next;
	for ((*i)++; *i < t->n_buckets; (*i)++)
		if (t->buckets[*i])
			return t->buckets[*i];
	return NULL;
}
