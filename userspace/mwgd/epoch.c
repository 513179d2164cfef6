// SPDX-License-Identifier: GPL-2.0
/*
 * The discovery epoch, kept in a file next to the node id
 * ("<node_id_file>.epoch").  A peer's replay window accepts a new epoch
 * only if it is above the last one it saw from this node id, so the epoch
 * must grow across restarts even when the clock went back: the next one is
 * the larger of the previous + 1 and the clock in ms (the clock alone was
 * the scheme before the file, so an upgraded node still grows).  The file
 * is written (temporary file, fsync, rename, fsync of the directory)
 * before the epoch is used: after a crash the file never holds less than
 * an epoch already sent.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "filewrite.h"
#include "mwgd.h"

void mwgd_epoch_path(const struct mwgd_config *c, char *path, size_t len)
{
	snprintf(path, len, "%s.epoch", c->node_id_file);
}

/* 0 with *@epoch set, -ENOENT, -EINVAL (not a number) or -errno. */
static int read_epoch(const char *path, uint64_t *epoch)
{
	char text[32], *end;
	size_t n;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		return -errno;
	n = fread(text, 1, sizeof(text) - 1, f);
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		return -(e ? e : EIO);
	}
	fclose(f);
	text[n] = '\0';
	if (n && text[n - 1] == '\n')
		text[--n] = '\0';
	if (!n || n > 20 || strspn(text, "0123456789") != n)
		return -EINVAL;
	errno = 0;
	*epoch = strtoull(text, &end, 10);
	if (errno || *end || *epoch == UINT64_MAX)
		return -EINVAL;
	return 0;
}

static int write_epoch(const char *path, uint64_t epoch)
{
	struct mwgd_filewrite w;
	int rc;

	rc = mwgd_filewrite_open(&w, path);
	if (rc)
		return rc;
	fprintf(w.f, "%" PRIu64 "\n", epoch);
	return mwgd_filewrite_commit(&w, true);
}

int mwgd_epoch_next(const struct mwgd_config *c, uint64_t clock_ms,
		    uint64_t *epoch, char *err, size_t errlen)
{
	char path[PATH_MAX + 8], *slash;
	uint64_t prev = 0, next;
	bool had_prev;
	int rc;

	mwgd_epoch_path(c, path, sizeof(path));
	rc = read_epoch(path, &prev);
	had_prev = rc == 0;
	if (rc == -EINVAL) {
		snprintf(err, errlen,
			 "%s: not an epoch (a decimal number); remove it to start from the clock",
			 path);
		return -1;
	}
	if (rc < 0 && rc != -ENOENT) {
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		return -1;
	}
	next = clock_ms;
	if (had_prev && prev + 1 > next)
		next = prev + 1;
	if (!had_prev) {
		/* First start with node_id set: the directory may be new. */
		slash = strrchr(path, '/');
		if (slash && slash != path) {
			*slash = '\0';
			mkdir(path, 0755);
			*slash = '/';
		}
	}
	rc = write_epoch(path, next);
	if (rc < 0) {
		snprintf(err, errlen, "%s: cannot keep the epoch: %s", path,
			 strerror(-rc));
		return -1;
	}
	if (had_prev && prev >= clock_ms)
		mwgd_log(LOG_WARNING,
			 "the clock is behind the last epoch (%" PRIu64 " ms): epoch %" PRIu64 " is the previous + 1",
			 prev, next);
	*epoch = next;
	return 0;
}
