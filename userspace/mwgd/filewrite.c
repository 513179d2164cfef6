// SPDX-License-Identifier: GPL-2.0
/* Write-then-rename of mwgd's files (see filewrite.h). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "filewrite.h"

int mwgd_filewrite_open(struct mwgd_filewrite *w, const char *path)
{
	w->path = path;
	w->f = NULL;
	if (snprintf(w->tmp, sizeof(w->tmp), "%s.tmp", path) >=
	    (int)sizeof(w->tmp))
		return -ENAMETOOLONG;
	w->f = fopen(w->tmp, "we");
	return w->f ? 0 : -errno;
}

/* The directory that holds @path, so that a rename in it lasts. */
static int fsync_dir(const char *path)
{
	char dir[PATH_MAX + 8], *slash;
	int fd, rc = 0;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fsync(fd) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int mwgd_filewrite_commit(struct mwgd_filewrite *w, bool durable)
{
	int rc = 0;

	errno = 0;
	if (fflush(w->f) != 0 || ferror(w->f))
		rc = errno ? -errno : -EIO;
	else if (durable && fsync(fileno(w->f)) < 0)
		rc = -errno;
	if (fclose(w->f) != 0 && !rc)
		rc = -errno;
	w->f = NULL;
	if (!rc && rename(w->tmp, w->path) < 0)
		rc = -errno;
	if (rc) {
		unlink(w->tmp);
		return rc;
	}
	return durable ? fsync_dir(w->path) : 0;
}
