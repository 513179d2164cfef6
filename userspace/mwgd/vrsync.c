// SPDX-License-Identifier: GPL-2.0
/*
 * Apply the [vr] sections to the kernel, at start and on SIGHUP.
 *
 * The kernel's VRs are read with one VR_GET dump and compared with the
 * file: a missing VR is created, an existing one gets a VR_SET carrying
 * only the attributes that differ (none: no request at all, so a VR whose
 * section did not change never sees a thing), and a VR that mwgd created
 * earlier but whose section is gone is deleted.  "Created earlier" is the
 * list of routers named in the file at the last apply, kept in
 * vr_state_file so that it survives a restart; VRs made by hand with
 * mwgctl are never on it, so never touched.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "filewrite.h"
#include "mwg.h"
#include "mwgd.h"

#define MAX_KERNEL_VRS		1024

struct vr_key {
	char dev[IF_NAMESIZE];
	uint8_t family;
	uint8_t vrid;
};

struct dump {
	unsigned int n;
	struct mwg_vr *e;
};

static int on_dump(struct nl_msg *msg, void *arg)
{
	struct dump *dump = arg;

	if (dump->n == MAX_KERNEL_VRS)
		return 0;
	if (mwg_vr_parse(msg, &dump->e[dump->n]) == 0)
		dump->n++;
	return 0;
}

static struct mwg_vr *dump_find(struct dump *dump, unsigned int ifindex,
				uint8_t family, uint8_t vrid)
{
	unsigned int i;

	for (i = 0; i < dump->n; i++)
		if (dump->e[i].ifindex == ifindex &&
		    dump->e[i].family == family && dump->e[i].vrid == vrid)
			return &dump->e[i];
	return NULL;
}

static bool vip_in(const struct mwg_addr *a, const struct mwg_vr *vr)
{
	unsigned int i;

	for (i = 0; i < vr->n_vips; i++)
		if (vr->vips[i].family == a->family &&
		    vr->vips[i].prefixlen == a->prefixlen &&
		    !memcmp(vr->vips[i].bytes, a->bytes, mwg_addr_len(a)))
			return true;
	return false;
}

static bool addr_in(const struct mwg_addr *a, const struct mwg_addr *list,
		    unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (list[i].family == a->family &&
		    list[i].prefixlen == a->prefixlen &&
		    !memcmp(list[i].bytes, a->bytes, mwg_addr_len(a)))
			return true;
	return false;
}

/*
 * An allow list or the unicast peers, as sets.  The kernel clears host
 * bits: compare what it would hold.
 */
static bool same_addr_list(const struct mwg_addr *want, unsigned int n_want,
			   const struct mwg_addr *have, unsigned int n_have)
{
	unsigned int i, b;

	if (n_want != n_have)
		return false;
	for (i = 0; i < n_want; i++) {
		struct mwg_addr p = want[i];

		for (b = p.prefixlen; b < mwg_addr_len(&p) * 8; b++)
			p.bytes[b / 8] &= ~(0x80 >> (b % 8));
		if (!addr_in(&p, have, n_have))
			return false;
	}
	return true;
}

static bool same_vips(const struct mwg_vr *a, const struct mwg_vr *b)
{
	unsigned int i;

	if (a->n_vips != b->n_vips)
		return false;
	for (i = 0; i < a->n_vips; i++)
		if (!vip_in(&a->vips[i], b))
			return false;
	return true;
}

static bool same_peer(const struct mwg_vr *want, const struct mwg_vr *have)
{
	if (!mwg_vr_has(have, MWG_VRRP_A_BFD_PEER))
		return false;
	return want->bfd_peer.family == have->bfd_peer.family &&
	       !memcmp(want->bfd_peer.bytes, have->bfd_peer.bytes,
		       mwg_addr_len(&want->bfd_peer));
}

/*
 * The attributes of @want that @have lacks or holds otherwise.  Only what
 * the section names is compared: a key left out keeps the kernel's value.
 */
static struct mwg_attrs changed(const struct mwg_vr *want,
				const struct mwg_vr *have)
{
	static const struct {
		unsigned int attr;
		size_t offset, size;
	} fields[] = {
#define F(a, f)	{ MWG_VRRP_A_##a, offsetof(struct mwg_vr, f), \
		  sizeof(((struct mwg_vr *)0)->f) }
		F(PRIORITY, priority),
		F(ADVERT_INTERVAL_MS, advert_interval_ms),
		F(PREEMPT, preempt),
		F(PREEMPT_DELAY_MS, preempt_delay_ms),
		F(ACCEPT, accept),
		F(VMAC, vmac),
		F(GARP_REPEAT, garp_repeat),
		F(GARP_INTERVAL_MS, garp_interval_ms),
		F(GARP_REFRESH_S, garp_refresh_s),
		F(CHECKSUM, checksum),
		F(VERSION, version),
		F(TRACK_SCANNERS, track_scanners),
		F(TRACK_WEIGHT, track_weight),
		F(TRACK_BFD, track_bfd),
		F(TRACK_IFINDEX, track_ifindex),
		F(TRACK_IF_WEIGHT, track_if_weight),
#undef F
	};
	struct mwg_attrs diff = { { 0 } };
	unsigned int i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		unsigned int attr = fields[i].attr;

		if (!mwg_vr_has(want, attr))
			continue;
		if (!mwg_vr_has(have, attr) ||
		    memcmp((const char *)want + fields[i].offset,
			   (const char *)have + fields[i].offset,
			   fields[i].size))
			mwg_attrs_add(&diff, attr);
	}
	if (mwg_vr_has(want, MWG_VRRP_A_VIPS) && !same_vips(want, have))
		mwg_attrs_add(&diff, MWG_VRRP_A_VIPS);
	/* The kernel names these lists only when they have entries. */
	if (mwg_vr_has(want, MWG_VRRP_A_ALLOW) &&
	    !same_addr_list(want->allow, want->n_allow, have->allow,
			    have->n_allow))
		mwg_attrs_add(&diff, MWG_VRRP_A_ALLOW);
	if (mwg_vr_has(want, MWG_VRRP_A_UNICAST_PEERS) &&
	    !same_addr_list(want->peers, want->n_peers, have->peers,
			    have->n_peers))
		mwg_attrs_add(&diff, MWG_VRRP_A_UNICAST_PEERS);
	/* The kernel names a peer only when one is set. */
	if (mwg_vr_has(want, MWG_VRRP_A_BFD_PEER) &&
	    !same_peer(want, have))
		mwg_attrs_add(&diff, MWG_VRRP_A_BFD_PEER);
	return diff;
}

static int send_vr(struct mwg_session *s, uint8_t cmd, const struct mwg_vr *vr)
{
	struct nl_msg *msg = mwg_msg_new(s, cmd, 0);

	if (!msg || mwg_vr_put(msg, vr) < 0) {
		nlmsg_free(msg);
		mwg_error_set(&s->err, ENOMEM, "cannot build the request");
		return -ENOMEM;
	}
	return mwg_request(s, msg, NULL, NULL);
}

/* Mark the attributes that name the VR (interface, family, VRID). */
static void mark_key(struct mwg_vr *vr)
{
	mwg_vr_mark(vr, MWG_VRRP_A_IFINDEX);
	mwg_vr_mark(vr, MWG_VRRP_A_VRID);
	mwg_vr_mark(vr, MWG_VRRP_A_FAMILY);
}

static void apply_one(struct mwg_session *s, struct dump *dump,
		      const struct mwgd_vr_conf *v)
{
	struct mwg_vr want = v->vr, *have;
	const char *what;
	struct mwg_attrs diff;

	want.ifindex = if_nametoindex(v->dev);
	if (!want.ifindex) {
		mwgd_log(LOG_WARNING, "[vr %s]: no device %s; not applied",
			 v->name, v->dev);
		return;
	}
	mark_key(&want);
	if (v->track_dev[0]) {
		want.track_ifindex = if_nametoindex(v->track_dev);
		if (!want.track_ifindex) {
			mwgd_log(LOG_WARNING, "[vr %s]: no device %s to track; not applied",
				 v->name, v->track_dev);
			return;
		}
		mwg_vr_mark(&want, MWG_VRRP_A_TRACK_IFINDEX);
	}
	have = dump_find(dump, want.ifindex, want.family, want.vrid);
	/* The kernel names a tracked interface only when there is one. */
	if (have && !mwg_vr_has(have, MWG_VRRP_A_TRACK_IFINDEX)) {
		have->track_ifindex = 0;
		have->track_if_weight = 0;
		mwg_vr_mark(have, MWG_VRRP_A_TRACK_IFINDEX);
		mwg_vr_mark(have, MWG_VRRP_A_TRACK_IF_WEIGHT);
	}
	if (!have) {
		what = "created";
		if (send_vr(s, MWG_VRRP_CMD_VR_NEW, &want) < 0)
			goto fail;
	} else {
		diff = changed(&want, have);
		if (mwg_attrs_empty(&diff)) {
			mwgd_log(LOG_DEBUG, "[vr %s]: unchanged", v->name);
			return;
		}
		what = "changed";
		want.have = diff;
		mark_key(&want);
		if (send_vr(s, MWG_VRRP_CMD_VR_SET, &want) < 0)
			goto fail;
	}
	mwgd_log(LOG_NOTICE, "[vr %s]: %s dev %s %s vrid %u", v->name, what,
		 v->dev, mwg_family_name(want.family), want.vrid);
	return;
fail:
	mwgd_log(LOG_ERR, "[vr %s]: %s", v->name, s->err.text);
}

/* The routers named at the last apply: "DEV FAMILY VRID" lines. */
static unsigned int read_owned(const char *path, struct vr_key *keys,
			       unsigned int max)
{
	char line[128], dev[IF_NAMESIZE + 1], fam[16];
	unsigned int n = 0, vrid;
	FILE *f;
	int family;

	f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT)
			mwgd_log(LOG_WARNING, "%s: %s", path, strerror(errno));
		return 0;
	}
	while (n < max && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%16s %15s %u", dev, fam, &vrid) != 3 ||
		    strlen(dev) >= IF_NAMESIZE || vrid > 255)
			continue;
		family = mwg_family_from_name(fam);
		if (family < 0)
			continue;
		strcpy(keys[n].dev, dev);
		keys[n].family = family;
		keys[n].vrid = vrid;
		n++;
	}
	fclose(f);
	return n;
}

static void write_owned(const char *path, const struct mwgd_vr_confs *vc)
{
	struct mwgd_filewrite w;
	unsigned int i;
	int rc;

	rc = mwgd_filewrite_open(&w, path);
	if (!rc) {
		for (i = 0; i < vc->n; i++)
			fprintf(w.f, "%s %s %u\n", vc->e[i].dev,
				mwg_family_name(vc->e[i].vr.family),
				vc->e[i].vr.vrid);
		rc = mwgd_filewrite_commit(&w, false);
	}
	if (rc)
		mwgd_log(LOG_ERR, "%s: %s; VRs removed from the file will not be deleted",
			 path, strerror(-rc));
}

static bool in_file(const struct mwgd_vr_confs *vc, const struct vr_key *k)
{
	unsigned int i;

	for (i = 0; i < vc->n; i++)
		if (!strcmp(vc->e[i].dev, k->dev) &&
		    vc->e[i].vr.family == k->family &&
		    vc->e[i].vr.vrid == k->vrid)
			return true;
	return false;
}

static void remove_gone(struct mwg_session *s, struct dump *dump,
			const struct mwgd_vr_confs *vc, const char *state)
{
	struct vr_key owned[MWGD_MAX_CONF_VRS * 2];
	unsigned int n, i, ifindex;
	struct mwg_vr del;

	n = read_owned(state, owned, sizeof(owned) / sizeof(owned[0]));
	for (i = 0; i < n; i++) {
		if (in_file(vc, &owned[i]))
			continue;
		ifindex = if_nametoindex(owned[i].dev);
		if (!ifindex || !dump_find(dump, ifindex, owned[i].family,
					   owned[i].vrid))
			continue;
		memset(&del, 0, sizeof(del));
		del.ifindex = ifindex;
		del.family = owned[i].family;
		del.vrid = owned[i].vrid;
		mark_key(&del);
		if (send_vr(s, MWG_VRRP_CMD_VR_DEL, &del) < 0)
			mwgd_log(LOG_ERR, "vr %s %s %u: %s", owned[i].dev,
				 mwg_family_name(del.family), del.vrid,
				 s->err.text);
		else
			mwgd_log(LOG_NOTICE, "deleted dev %s %s vrid %u: no longer in the file",
				 owned[i].dev, mwg_family_name(del.family),
				 del.vrid);
	}
}

int mwgd_vrs_apply(const struct mwgd_config *c)
{
	struct dump dump = { 0 };
	struct mwg_session s = { 0 };
	unsigned int i;
	int rc;

	/* Nothing in the file and nothing created earlier: stay off netlink. */
	if (!c->vr_confs.n && access(c->vr_state_file, F_OK) < 0)
		return 0;
	dump.e = calloc(MAX_KERNEL_VRS, sizeof(*dump.e));
	if (!dump.e) {
		mwgd_log(LOG_ERR, "[vr] sections not applied: out of memory");
		return -ENOMEM;
	}
	rc = mwgd_sections_dump(&s, "vr", MWG_VRRP_CMD_VR_GET, "VR_GET",
				on_dump, &dump);
	if (rc < 0)
		goto out;
	for (i = 0; i < c->vr_confs.n; i++)
		apply_one(&s, &dump, &c->vr_confs.e[i]);
	remove_gone(&s, &dump, &c->vr_confs, c->vr_state_file);
	write_owned(c->vr_state_file, &c->vr_confs);
out:
	free(dump.e);
	mwg_session_close(&s);
	return rc;
}
