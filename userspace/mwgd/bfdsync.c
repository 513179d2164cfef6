// SPDX-License-Identifier: GPL-2.0
/*
 * Apply the [bfd] sections to the kernel, before the [vr] ones that may
 * track them (at start and on SIGHUP), by difference as vrsync.c does for
 * VRs: the kernel's sessions are read with one BFD_GET dump; a missing
 * session is added; a session whose timers differ from what its section
 * names gets a BFD_SET of those only (a Poll Sequence, the session stays
 * Up); a session that mwgd added earlier but whose section is gone is
 * deleted.  "Added earlier" is the list of "IF PEER" at the last apply, in
 * <vr_state_file>.bfd; sessions made by hand with mwgctl are never on it,
 * so never touched.  The local address cannot change on a running session
 * (the kernel refuses it): a different one is reported, not applied.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bfd_args.h"
#include "filewrite.h"
#include "mwg.h"
#include "mwgd.h"

#define MAX_KERNEL_BFDS		256

struct bfd_dump {
	unsigned int n;
	struct mwg_bfd *e;
};

static int on_dump(struct nl_msg *msg, void *arg)
{
	struct bfd_dump *dump = arg;

	if (dump->n < MAX_KERNEL_BFDS &&
	    mwg_bfd_parse(msg, &dump->e[dump->n]) == 0)
		dump->n++;
	return 0;
}

static const struct mwg_bfd *dump_find(const struct bfd_dump *dump,
				       unsigned int ifindex,
				       const struct mwg_addr *peer)
{
	unsigned int i;

	for (i = 0; i < dump->n; i++)
		if (dump->e[i].ifindex == ifindex &&
		    mwg_addr_same(&dump->e[i].peer, peer))
			return &dump->e[i];
	return NULL;
}

static int send_bfd(struct mwg_session *s, uint8_t cmd,
		    const struct bfd_args *b, unsigned int ifindex)
{
	struct nl_msg *msg = mwg_msg_new(s, cmd, 0);

	if (!msg || bfd_args_put(msg, b, ifindex) < 0) {
		nlmsg_free(msg);
		mwg_error_set(&s->err, ENOMEM, "cannot build the request");
		return -ENOMEM;
	}
	return mwg_request(s, msg, NULL, NULL);
}

/* The request for a section: everything it names (BFD_ADD). */
static void args_of(const struct mwgd_bfd_conf *bc, struct bfd_args *b)
{
	memset(b, 0, sizeof(*b));
	b->dev = bc->dev;
	b->peer = bc->peer;
	b->have_peer = true;
	b->local = bc->local;
	b->have_local = bc->have_local;
	b->tx_us = bc->tx_us;
	b->have_tx = bc->have_tx;
	b->rx_us = bc->rx_us;
	b->have_rx = bc->have_rx;
	b->mult = bc->mult;
	b->have_mult = bc->have_mult;
	b->holddown_ms = bc->holddown_ms;
	b->have_holddown = bc->have_holddown;
}

/* Keep in @b only the timers that differ from @have; true if any does. */
static bool keep_changes(struct bfd_args *b, const struct mwg_bfd *have)
{
	b->have_local = false;
	b->have_tx = b->have_tx && b->tx_us != have->tx_us;
	b->have_rx = b->have_rx && b->rx_us != have->rx_us;
	b->have_mult = b->have_mult && b->mult != have->mult;
	b->have_holddown = b->have_holddown &&
			   b->holddown_ms != have->holddown_ms;
	return b->have_tx || b->have_rx || b->have_mult || b->have_holddown;
}

static void apply_one(struct mwg_session *s, const struct bfd_dump *dump,
		      const struct mwgd_bfd_conf *bc)
{
	unsigned int ifindex = if_nametoindex(bc->dev);
	const struct mwg_bfd *have;
	char addr[MWG_ADDR_STRLEN];
	struct bfd_args b;
	const char *what;

	if (!ifindex) {
		mwgd_log(LOG_WARNING, "[bfd %s]: no device %s; not applied",
			 bc->name, bc->dev);
		return;
	}
	args_of(bc, &b);
	have = dump_find(dump, ifindex, &bc->peer);
	if (!have) {
		what = "added";
		if (send_bfd(s, MWG_VRRP_CMD_BFD_ADD, &b, ifindex) < 0)
			goto fail;
	} else {
		if (bc->have_local && !mwg_addr_same(&bc->local, &have->local))
			mwgd_log(LOG_ERR,
				 "[bfd %s]: local %s: a running session keeps its local address; delete it (mwgctl bfd del) to change it",
				 bc->name, mwg_addr_format(&bc->local, false,
							   addr, sizeof(addr)));
		if (!keep_changes(&b, have)) {
			mwgd_log(LOG_DEBUG, "[bfd %s]: unchanged", bc->name);
			return;
		}
		what = "changed";
		if (send_bfd(s, MWG_VRRP_CMD_BFD_SET, &b, ifindex) < 0)
			goto fail;
	}
	mwgd_log(LOG_NOTICE, "[bfd %s]: %s dev %s peer %s", bc->name, what,
		 bc->dev, mwg_addr_format(&bc->peer, false, addr, sizeof(addr)));
	return;
fail:
	mwgd_log(LOG_ERR, "[bfd %s]: %s", bc->name, s->err.text);
}

static bool in_file(const struct mwgd_bfd_confs *bcs, const char *dev,
		    const struct mwg_addr *peer)
{
	unsigned int i;

	for (i = 0; i < bcs->n; i++)
		if (!strcmp(bcs->e[i].dev, dev) &&
		    mwg_addr_same(&bcs->e[i].peer, peer))
			return true;
	return false;
}

/* Sessions added at the last apply and no more: deleted if still there. */
static void remove_gone(struct mwg_session *s, const struct bfd_dump *dump,
			const struct mwgd_bfd_confs *bcs, const char *path)
{
	char dev[IF_NAMESIZE + 1], text[MWG_ADDR_STRLEN + 1];
	const struct mwg_bfd *have;
	struct bfd_args b = { 0 };
	unsigned int ifindex;
	FILE *f;

	f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT)
			mwgd_log(LOG_WARNING, "%s: %s", path, strerror(errno));
		return;
	}
	while (fscanf(f, "%16s %50s", dev, text) == 2) {
		if (mwg_addr_parse(text, false, &b.peer) < 0 ||
		    in_file(bcs, dev, &b.peer))
			continue;
		ifindex = if_nametoindex(dev);
		have = ifindex ? dump_find(dump, ifindex, &b.peer) : NULL;
		if (!have)
			continue;
		if (send_bfd(s, MWG_VRRP_CMD_BFD_DEL, &b, ifindex) < 0)
			mwgd_log(LOG_ERR, "bfd dev %s peer %s: %s", dev, text,
				 s->err.text);
		else
			mwgd_log(LOG_NOTICE, "deleted bfd dev %s peer %s: no longer in the file",
				 dev, text);
	}
	fclose(f);
}

static void write_owned(const char *path, const struct mwgd_bfd_confs *bcs)
{
	char addr[MWG_ADDR_STRLEN];
	struct mwgd_filewrite w;
	unsigned int i;
	int rc;

	rc = mwgd_filewrite_open(&w, path);
	if (!rc) {
		for (i = 0; i < bcs->n; i++)
			fprintf(w.f, "%s %s\n", bcs->e[i].dev,
				mwg_addr_format(&bcs->e[i].peer, false, addr,
						sizeof(addr)));
		rc = mwgd_filewrite_commit(&w, false);
	}
	if (rc)
		mwgd_log(LOG_ERR, "%s: %s; sessions removed from the file will not be deleted",
			 path, strerror(-rc));
}

int mwgd_bfds_apply(const struct mwgd_config *c)
{
	struct bfd_dump dump = { 0 };
	struct mwg_session s = { 0 };
	char path[PATH_MAX + 8];
	unsigned int i;
	int rc;

	snprintf(path, sizeof(path), "%s.bfd", c->vr_state_file);
	/* Nothing in the file and nothing added earlier: stay off netlink. */
	if (!c->bfd_confs.n && access(path, F_OK) < 0)
		return 0;
	dump.e = calloc(MAX_KERNEL_BFDS, sizeof(*dump.e));
	if (!dump.e) {
		mwgd_log(LOG_ERR, "[bfd] sections not applied: out of memory");
		return -ENOMEM;
	}
	rc = mwgd_sections_dump(&s, "bfd", MWG_VRRP_CMD_BFD_GET, "BFD_GET",
				on_dump, &dump);
	if (rc < 0)
		goto out;
	remove_gone(&s, &dump, &c->bfd_confs, path);
	for (i = 0; i < c->bfd_confs.n; i++)
		apply_one(&s, &dump, &c->bfd_confs.e[i]);
	write_owned(path, &c->bfd_confs);
out:
	free(dump.e);
	mwg_session_close(&s);
	return rc;
}
