/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Files mwgd rewrites (its state lists, the metrics and stats files, the
 * node id, the epoch) are written to "PATH.tmp" and renamed over PATH, so
 * that a reader or a crash never sees half a file.
 */
#ifndef MWGD_FILEWRITE_H
#define MWGD_FILEWRITE_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

struct mwgd_filewrite {
	const char *path;
	char tmp[PATH_MAX + 8];
	FILE *f;
};

/* Opens "@path.tmp" for writing into w->f; 0 or -errno. */
int mwgd_filewrite_open(struct mwgd_filewrite *w, const char *path);

/*
 * Closes w->f and renames it over the path; with @durable, the data and
 * then the directory entry reach the disk first and after (fsync).  On
 * failure the temporary file is removed.  0 or -errno.
 */
int mwgd_filewrite_commit(struct mwgd_filewrite *w, bool durable);

#endif /* MWGD_FILEWRITE_H */
