/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Message authentication (HMAC-SHA-256 from libsodium) and replay
 * protection (a per-sender epoch and a sliding window of sequence
 * numbers), kept apart from the parser so that proto.c stays pure.
 */
#ifndef MWGD_AUTH_H
#define MWGD_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto.h"

#define MWGD_KEY_LEN		32

struct mwgd_key {
	bool set;
	uint8_t bytes[MWGD_KEY_LEN];
};

/* libsodium's one-time setup; 0 or -1. */
int mwgd_auth_init(void);

/*
 * Read a key file: 64 hex digits (32 bytes), surrounding whitespace
 * ignored.  The file must be a regular file owned by root (or by the
 * caller's uid) and give no permission at all to group or others: a key
 * others can read authenticates nothing.  0, or -1 with @err filled.
 */
int mwgd_key_load(const char *path, struct mwgd_key *key, char *err,
		  size_t errlen);

/* Same checks, from text already read (for the unit test and reload). */
int mwgd_key_parse(const char *text, struct mwgd_key *key, char *err,
		   size_t errlen);

void mwgd_key_wipe(struct mwgd_key *key);

/* Write the tag of an encoded message of @len bytes (MWGD_F_AUTH set). */
void mwgd_sign(const struct mwgd_key *key, uint8_t *buf, size_t len);

/* Check the tag of a parsed message, in constant time.  true if valid. */
bool mwgd_verify(const struct mwgd_key *key, const uint8_t *buf,
		 const struct mwgd_msg *m);

/*
 * Replay window of one sender.  A sender starts a new epoch (its start
 * time in ms) on every start and numbers its messages 1, 2, ... within
 * it.  A message is fresh if its epoch is newer than the last accepted,
 * or if it is the same epoch and its sequence number was not accepted
 * before and is no more than MWGD_REPLAY_WINDOW behind the highest.
 */
#define MWGD_REPLAY_WINDOW	64

struct mwgd_replay {
	uint64_t epoch;
	uint32_t top;		/* highest seq accepted, 0 = nothing yet */
	uint64_t bits;		/* bit i: top - i was accepted */
};

/* Would this (epoch, seq) be accepted?  Does not change @r. */
bool mwgd_replay_check(const struct mwgd_replay *r, uint64_t epoch,
		       uint32_t seq);

/* Record an accepted (epoch, seq); call only after every other check. */
void mwgd_replay_update(struct mwgd_replay *r, uint64_t epoch, uint32_t seq);

#endif /* MWGD_AUTH_H */
