/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Announcements per source address: a token bucket each, so that one
 * host flooding the director (with forged node ids, or just fast) gets
 * its share and no more, whatever it signs.  A fixed table: a flood from
 * many addresses evicts the least recently seen buckets, it does not
 * grow memory.
 */
#ifndef MWGD_RATELIMIT_H
#define MWGD_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#define MWGD_RL_SLOTS		1024	/* a power of two */
#define MWGD_RL_PROBE		8	/* slots looked at per address */

struct mwgd_rl_bucket {
	uint32_t addr;		/* network byte order; 0 with last_ms 0: free */
	uint64_t last_ms;	/* last refill */
	uint64_t milli;		/* tokens, in thousandths */
};

struct mwgd_ratelimit {
	struct mwgd_rl_bucket slot[MWGD_RL_SLOTS];
	uint32_t hash_key;
};

void mwgd_rl_init(struct mwgd_ratelimit *rl);

/*
 * May @addr send one more message at @now_ms, given @rate per second
 * and a bucket of @burst?  @rate 0: no limit.
 */
bool mwgd_rl_allow(struct mwgd_ratelimit *rl, uint32_t addr, uint64_t now_ms,
		   unsigned int rate, unsigned int burst);

#endif /* MWGD_RATELIMIT_H */
