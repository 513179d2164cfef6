// SPDX-License-Identifier: GPL-2.0
/*
 * HMAC-SHA-256 over the whole message but its trailer, and the replay
 * window.  The window is checked before and updated only after the tag
 * and every other check passed, so that a forged message can never move
 * it and lock the real sender out.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"

int mwgd_auth_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void mwgd_key_wipe(struct mwgd_key *key)
{
	sodium_memzero(key, sizeof(*key));
}

int mwgd_key_parse(const char *text, struct mwgd_key *key, char *err,
		   size_t errlen)
{
	const char *end;
	size_t bin_len;

	mwgd_key_wipe(key);
	while (isspace((unsigned char)*text))
		text++;
	if (sodium_hex2bin(key->bytes, sizeof(key->bytes), text, strlen(text),
			   NULL, &bin_len, &end) < 0 ||
	    bin_len != MWGD_KEY_LEN) {
		snprintf(err, errlen, "a key is %d hex digits", 2 * MWGD_KEY_LEN);
		mwgd_key_wipe(key);
		return -1;
	}
	while (isspace((unsigned char)*end))
		end++;
	if (*end) {
		snprintf(err, errlen, "a key is %d hex digits, and nothing else",
			 2 * MWGD_KEY_LEN);
		mwgd_key_wipe(key);
		return -1;
	}
	key->set = true;
	return 0;
}

int mwgd_key_load(const char *path, struct mwgd_key *key, char *err,
		  size_t errlen)
{
	char text[4 * MWGD_KEY_LEN + 2];
	struct stat st;
	ssize_t n;
	int fd, rc;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* fstat of the open file: no window between the check and the read. */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		goto fail;
	}
	if (st.st_uid != 0 && st.st_uid != geteuid()) {
		snprintf(err, errlen, "%s: owned by uid %u, not by root", path,
			 (unsigned int)st.st_uid);
		goto fail;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		snprintf(err, errlen,
			 "%s: mode %04o gives group or others access; refusing it (chmod 600)",
			 path, (unsigned int)(st.st_mode & 07777));
		goto fail;
	}
	n = read(fd, text, sizeof(text) - 1);
	if (n < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	text[n] = '\0';
	close(fd);
	rc = mwgd_key_parse(text, key, err, errlen);
	sodium_memzero(text, sizeof(text));
	if (rc < 0) {
		char why[128];

		snprintf(why, sizeof(why), "%s", err);
		snprintf(err, errlen, "%s: %s", path, why);
	}
	return rc;
fail:
	close(fd);
	return -1;
}

void mwgd_sign(const struct mwgd_key *key, uint8_t *buf, size_t len)
{
	crypto_auth_hmacsha256(buf + len - MWGD_AUTH_LEN, buf,
			       len - MWGD_AUTH_LEN, key->bytes);
}

bool mwgd_verify(const struct mwgd_key *key, const uint8_t *buf,
		 const struct mwgd_msg *m)
{
	if (!m->auth)
		return false;
	return crypto_auth_hmacsha256_verify(m->auth, buf, m->signed_len,
					     key->bytes) == 0;
}

bool mwgd_replay_check(const struct mwgd_replay *r, uint64_t epoch,
		       uint32_t seq)
{
	uint32_t behind;

	if (!seq)
		return false;
	if (!r->top || epoch > r->epoch)
		return true;
	if (epoch < r->epoch)
		return false;
	if (seq > r->top)
		return true;
	behind = r->top - seq;
	if (behind >= MWGD_REPLAY_WINDOW)
		return false;
	return !(r->bits & (1ULL << behind));
}

void mwgd_replay_update(struct mwgd_replay *r, uint64_t epoch, uint32_t seq)
{
	uint32_t shift;

	if (!r->top || epoch > r->epoch) {
		r->epoch = epoch;
		r->top = seq;
		r->bits = 1;
		return;
	}
	if (seq > r->top) {
		shift = seq - r->top;
		r->bits = shift >= MWGD_REPLAY_WINDOW ? 0 : r->bits << shift;
		r->bits |= 1;
		r->top = seq;
	} else {
		r->bits |= 1ULL << (r->top - seq);
	}
}
