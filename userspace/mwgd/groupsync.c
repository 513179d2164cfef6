// SPDX-License-Identifier: GPL-2.0
/*
 * Apply the [group] sections to the kernel, after the [vr] ones (at start
 * and on SIGHUP), by difference as vrsync.c does for VRs: the kernel's
 * groups are read with one GROUP_GET dump; a missing group is created; a
 * group whose members differ is deleted and created again with the new
 * ones (the kernel has no "set" for members; its members keep their
 * states, and the group's rule applies from the next transition); a group
 * that mwgd created earlier but whose section is gone is deleted.
 * "Created earlier" is the list of names at the last apply, kept in
 * <vr_state_file>.groups; groups made by hand with mwgctl are never on
 * it, so never touched.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filewrite.h"
#include "mwg.h"
#include "mwgd.h"

#define MAX_KERNEL_GROUPS	256

struct group_dump {
	unsigned int n;
	struct mwg_group *e;
};

static int on_dump(struct nl_msg *msg, void *arg)
{
	struct group_dump *dump = arg;

	if (dump->n < MAX_KERNEL_GROUPS &&
	    mwg_group_parse(msg, &dump->e[dump->n]) == 0)
		dump->n++;
	return 0;
}

static const struct mwg_group *dump_find(const struct group_dump *dump,
					 const char *name)
{
	unsigned int i;

	for (i = 0; i < dump->n; i++)
		if (!strcmp(dump->e[i].name, name))
			return &dump->e[i];
	return NULL;
}

static int send_group(struct mwg_session *s, uint8_t cmd,
		      const struct mwg_group *g)
{
	struct nl_msg *msg = mwg_msg_new(s, cmd, 0);
	int err;

	if (!msg) {
		mwg_error_set(&s->err, ENOMEM, "cannot build the request");
		return -ENOMEM;
	}
	if (cmd == MWG_VRRP_CMD_GROUP_NEW)
		err = mwg_group_put(msg, g->name, g);
	else
		err = nla_put_string(msg, MWG_VRRP_A_GROUP_NAME, g->name) ?
		      -EMSGSIZE : 0;
	if (err) {
		nlmsg_free(msg);
		mwg_error_set(&s->err, -err, "cannot build the request");
		return err;
	}
	return mwg_request(s, msg, NULL, NULL);
}

/* @want from the section, its interfaces resolved; false if one is missing. */
static bool resolve(const struct mwgd_group_conf *gc, struct mwg_group *want)
{
	unsigned int i;

	memset(want, 0, sizeof(*want));
	snprintf(want->name, sizeof(want->name), "%s", gc->name);
	for (i = 0; i < gc->count; i++) {
		struct mwg_group_member *m = &want->member[want->count++];

		m->ifindex = if_nametoindex(gc->member[i].dev);
		m->vrid = gc->member[i].vrid;
		m->family = gc->family;
		if (!m->ifindex) {
			mwgd_log(LOG_WARNING, "[group %s]: no device %s; not applied",
				 gc->name, gc->member[i].dev);
			return false;
		}
	}
	return true;
}

static void apply_one(struct mwg_session *s, const struct group_dump *dump,
		      const struct mwgd_group_conf *gc)
{
	const struct mwg_group *have;
	struct mwg_group want;
	const char *what = "created";

	if (!resolve(gc, &want))
		return;
	have = dump_find(dump, want.name);
	if (have && mwg_group_equal(have, &want)) {
		mwgd_log(LOG_DEBUG, "[group %s]: unchanged", gc->name);
		return;
	}
	if (have) {
		what = "changed";
		if (send_group(s, MWG_VRRP_CMD_GROUP_DEL, &want) < 0)
			goto fail;
	}
	if (send_group(s, MWG_VRRP_CMD_GROUP_NEW, &want) < 0)
		goto restore;
	mwgd_log(LOG_NOTICE, "[group %s]: %s, %u members", gc->name, what,
		 want.count);
	return;
restore:
	mwgd_log(LOG_ERR, "[group %s]: %s", gc->name, s->err.text);
	/* A refused change leaves the group as it was. */
	if (have && send_group(s, MWG_VRRP_CMD_GROUP_NEW, have) < 0)
		mwgd_log(LOG_ERR, "[group %s]: the old members cannot be restored: %s",
			 gc->name, s->err.text);
	return;
fail:
	mwgd_log(LOG_ERR, "[group %s]: %s", gc->name, s->err.text);
}

static void owned_path(const struct mwgd_config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s.groups", c->vr_state_file);
}

static bool in_file(const struct mwgd_group_confs *gcs, const char *name)
{
	unsigned int i;

	for (i = 0; i < gcs->n; i++)
		if (!strcmp(gcs->e[i].name, name))
			return true;
	return false;
}

/* Groups named at the last apply and no more: deleted if still there. */
static void remove_gone(struct mwg_session *s, const struct group_dump *dump,
			const struct mwgd_group_confs *gcs, const char *path)
{
	char line[MWG_VRRP_GROUP_NAME_MAX + 2];
	const struct mwg_group *have;
	FILE *f;

	f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT)
			mwgd_log(LOG_WARNING, "%s: %s", path, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line || in_file(gcs, line))
			continue;
		have = dump_find(dump, line);
		if (!have)
			continue;
		if (send_group(s, MWG_VRRP_CMD_GROUP_DEL, have) < 0)
			mwgd_log(LOG_ERR, "group %s: %s", line, s->err.text);
		else
			mwgd_log(LOG_NOTICE, "deleted group %s: no longer in the file",
				 line);
	}
	fclose(f);
}

static void write_owned(const char *path, const struct mwgd_group_confs *gcs)
{
	struct mwgd_filewrite w;
	unsigned int i;
	int rc;

	rc = mwgd_filewrite_open(&w, path);
	if (!rc) {
		for (i = 0; i < gcs->n; i++)
			fprintf(w.f, "%s\n", gcs->e[i].name);
		rc = mwgd_filewrite_commit(&w, false);
	}
	if (rc)
		mwgd_log(LOG_ERR, "%s: %s; groups removed from the file will not be deleted",
			 path, strerror(-rc));
}

int mwgd_groups_apply(const struct mwgd_config *c)
{
	struct group_dump dump = { 0 };
	struct mwg_session s = { 0 };
	char path[PATH_MAX + 8];
	unsigned int i;
	int rc;

	owned_path(c, path, sizeof(path));
	/* Nothing in the file and nothing created earlier: stay off netlink. */
	if (!c->group_confs.n && access(path, F_OK) < 0)
		return 0;
	dump.e = calloc(MAX_KERNEL_GROUPS, sizeof(*dump.e));
	if (!dump.e) {
		mwgd_log(LOG_ERR, "[group] sections not applied: out of memory");
		return -ENOMEM;
	}
	rc = mwgd_sections_dump(&s, "group", MWG_VRRP_CMD_GROUP_GET,
				"GROUP_GET", on_dump, &dump);
	if (rc < 0)
		goto out;
	remove_gone(&s, &dump, &c->group_confs, path);
	for (i = 0; i < c->group_confs.n; i++)
		apply_one(&s, &dump, &c->group_confs.e[i]);
	write_owned(path, &c->group_confs);
out:
	free(dump.e);
	mwg_session_close(&s);
	return rc;
}
