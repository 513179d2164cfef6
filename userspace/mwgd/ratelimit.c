// SPDX-License-Identifier: GPL-2.0
/*
 * Token buckets per source address (see ratelimit.h).  The slot of an
 * address is found by a keyed hash, so that a sender cannot pick
 * addresses that all fall on one slot's probe window and evict a real
 * scanner's bucket on purpose; when the window is full the least
 * recently seen bucket goes (and its address starts again with a full
 * bucket, which is no more than a new sender gets).
 */
#include <string.h>

#include <sodium.h>

#include "ratelimit.h"

void mwgd_rl_init(struct mwgd_ratelimit *rl)
{
	memset(rl, 0, sizeof(*rl));
	randombytes_buf(&rl->hash_key, sizeof(rl->hash_key));
}

static uint32_t slot_of(const struct mwgd_ratelimit *rl, uint32_t addr)
{
	uint32_t h = (addr ^ rl->hash_key) * 0x9e3779b1u;

	h ^= h >> 15;
	h *= 0x85ebca77u;
	h ^= h >> 13;
	return h & (MWGD_RL_SLOTS - 1);
}

bool mwgd_rl_allow(struct mwgd_ratelimit *rl, uint32_t addr, uint64_t now_ms,
		   unsigned int rate, unsigned int burst)
{
	uint64_t full = (uint64_t)burst * 1000, add;
	struct mwgd_rl_bucket *b = NULL, *oldest = NULL;
	uint32_t s = slot_of(rl, addr);
	unsigned int i;

	if (!rate)
		return true;
	for (i = 0; i < MWGD_RL_PROBE; i++) {
		struct mwgd_rl_bucket *c = &rl->slot[(s + i) & (MWGD_RL_SLOTS - 1)];

		if (c->last_ms && c->addr == addr) {
			b = c;
			break;
		}
		if (!oldest || c->last_ms < oldest->last_ms)
			oldest = c;
	}
	if (!b) {
		b = oldest;
		b->addr = addr;
		b->milli = full;
		b->last_ms = now_ms ? now_ms : 1;
	}
	if (b->milli > full)		/* a reload made the bucket smaller */
		b->milli = full;
	if (now_ms > b->last_ms) {
		/* rate tokens per second: rate thousandths per ms. */
		add = (now_ms - b->last_ms) * rate;
		b->milli = add >= full - b->milli ? full : b->milli + add;
		b->last_ms = now_ms;
	}
	if (b->milli < 1000)
		return false;
	b->milli -= 1000;
	return true;
}
