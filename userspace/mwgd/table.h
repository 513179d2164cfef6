/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The director's live-scanner table: a hash table keyed by node id, with
 * memory proportional to the number of scanners and a hard cap on it.
 *
 * The hash is SipHash with a key drawn at start, so that whoever chooses
 * node ids (anyone on the segment, without a shared key) cannot choose
 * colliding ones.  Removed ids are queued for the kernel (SCANNER_DEL)
 * until the next push takes them.
 */
#ifndef MWGD_TABLE_H
#define MWGD_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "proto.h"

struct mwgd_scanner {
	struct mwgd_scanner *next;		/* hash chain */
	uint8_t node_id[MWGD_NODE_ID_LEN];
	uint8_t family;				/* AF_INET or AF_INET6 */
	uint8_t addr[16];			/* network byte order */
	char name[MWGD_NAME_MAX + 1];
	unsigned int n_ports;
	uint16_t ports[MWGD_PORTS_MAX];
	uint32_t load;
	uint32_t capacity;
	bool have_load;
	bool have_capacity;
	struct mwgd_replay replay;
	uint64_t first_ms;			/* when it appeared */
	uint64_t heard_round;			/* discovery round last answered */
	bool dirty;				/* the kernel has an older copy */
};

struct mwgd_table {
	struct mwgd_scanner **buckets;
	size_t n_buckets;			/* a power of two */
	size_t count;
	size_t max;				/* cap; new ids past it refused */
	size_t dirty;				/* entries with ->dirty */
	uint8_t hash_key[16];

	/* Node ids removed since the last push. */
	uint8_t (*gone)[MWGD_NODE_ID_LEN];
	size_t n_gone;
	size_t gone_cap;
};

int mwgd_table_init(struct mwgd_table *t, size_t max);
void mwgd_table_free(struct mwgd_table *t);

struct mwgd_scanner *mwgd_table_find(const struct mwgd_table *t,
				     const uint8_t *node_id);

/*
 * A new, zeroed entry for @node_id (not yet in the table), or NULL when
 * the table is at its cap or memory ran out.
 */
struct mwgd_scanner *mwgd_table_add(struct mwgd_table *t,
				    const uint8_t *node_id);

/* Unlink and free @sc; its id is queued for the kernel when @tell. */
void mwgd_table_remove(struct mwgd_table *t, struct mwgd_scanner *sc,
		       bool tell);

/*
 * Queue @node_id for the kernel's SCANNER_DEL although it is not in the
 * table (an entry the kernel holds from an earlier run that never answered).
 */
void mwgd_table_queue_gone(struct mwgd_table *t, const uint8_t *node_id);

void mwgd_table_set_dirty(struct mwgd_table *t, struct mwgd_scanner *sc);
void mwgd_table_clear_dirty(struct mwgd_table *t, struct mwgd_scanner *sc);

/*
 * Remove every entry last heard in a round before @oldest_round, calling
 * @fn (if set) for each first.  Returns how many went.
 */
size_t mwgd_table_expire(struct mwgd_table *t, uint64_t oldest_round,
			 void (*fn)(const struct mwgd_scanner *sc, void *arg),
			 void *arg);

/* Iterate: for (sc = first(t, &i); sc; sc = next(t, sc, &i)). */
struct mwgd_scanner *mwgd_table_first(const struct mwgd_table *t, size_t *i);
struct mwgd_scanner *mwgd_table_next(const struct mwgd_table *t,
				     struct mwgd_scanner *sc, size_t *i);

#endif /* MWGD_TABLE_H */
