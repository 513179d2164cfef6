// SPDX-License-Identifier: GPL-2.0
/*
 * The node id: 16 random bytes drawn once and kept in a file, so that a
 * restarted node is the same node to its peers (and to the kernel table,
 * which is keyed by it).  "node_id" in the configuration wins.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "filewrite.h"
#include "mwgd.h"

static int read_id(const char *path, uint8_t *id)
{
	char text[2 * MWGD_NODE_ID_LEN + 2];
	size_t bin_len;
	FILE *f;
	int ok;

	f = fopen(path, "r");
	if (!f)
		return -errno;
	ok = fgets(text, sizeof(text), f) != NULL;
	fclose(f);
	text[strcspn(text, "\r\n")] = '\0';
	if (!ok || sodium_hex2bin(id, MWGD_NODE_ID_LEN, text, strlen(text),
				  NULL, &bin_len, NULL) < 0 ||
	    bin_len != MWGD_NODE_ID_LEN)
		return -EINVAL;
	return 0;
}

static int write_id(const char *path, const uint8_t *id)
{
	char hex[2 * MWGD_NODE_ID_LEN + 1];
	struct mwgd_filewrite w;
	int rc;

	sodium_bin2hex(hex, sizeof(hex), id, MWGD_NODE_ID_LEN);
	rc = mwgd_filewrite_open(&w, path);
	if (rc)
		return rc;
	fprintf(w.f, "%s\n", hex);
	return mwgd_filewrite_commit(&w, false);
}

int mwgd_node_id_get(const struct mwgd_config *c, uint8_t *id, char *err,
		     size_t errlen)
{
	char dir[PATH_MAX], *slash;
	int rc;

	if (c->have_node_id) {
		memcpy(id, c->node_id, MWGD_NODE_ID_LEN);
		return 0;
	}
	rc = read_id(c->node_id_file, id);
	if (rc == 0)
		return 0;
	if (rc != -ENOENT) {
		snprintf(err, errlen, "%s: %s", c->node_id_file,
			 rc == -EINVAL ? "not a node id (32 hex digits)" :
			 strerror(-rc));
		return -1;
	}
	/* First start: draw an id; its directory may not exist yet. */
	snprintf(dir, sizeof(dir), "%s", c->node_id_file);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		mkdir(dir, 0755);
	}
	randombytes_buf(id, MWGD_NODE_ID_LEN);
	rc = write_id(c->node_id_file, id);
	if (rc < 0) {
		snprintf(err, errlen, "%s: cannot keep the node id: %s",
			 c->node_id_file, strerror(-rc));
		return -1;
	}
	return 0;
}
