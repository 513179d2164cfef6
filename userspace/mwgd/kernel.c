// SPDX-License-Identifier: GPL-2.0
/*
 * The director's side of the mwg_vrrp generic netlink family, through
 * libmwg.  Two sessions: one for requests, one that only listens to the
 * "events" group, so that an event can never be taken for the answer to
 * a request.  VR state is read once with VR_GET and then followed through
 * VR_EVENT; it is read again only when events were lost (ENOBUFS).
 *
 * Pushes are batched: one SCANNER_SET carries up to MWGD_PUSH_CHUNK
 * entries, one SCANNER_DEL as many ids.  A full push of a table that fits
 * in one message carries SCANNER_REPLACE, which also clears whatever the
 * kernel holds that mwgd no longer knows.  Removals always go first: the
 * kernel adds a SET's new entries before a REPLACE removes the others, so
 * a churning table pushed in one REPLACE would hold both for a moment.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "mwg.h"
#include "mwgd.h"

#define MWGD_PUSH_CHUNK		256
/* 256 entries of at most ~170 bytes each, with room to spare. */
#define MWGD_NL_MSG_SIZE	(64 * 1024)

struct mwgd_kernel {
	struct mwg_session req;
	struct mwg_session ev;
	bool ev_open;
	int last_err;		/* to log a failure once, not per push */
};

static void vr_key(struct mwg_vr *vr, const struct mwgd_vr_follow *f)
{
	memset(vr, 0, sizeof(*vr));
	vr->ifindex = f->ifindex;
	vr->vrid = f->ref.vrid;
	mwg_vr_mark(vr, MWG_VRRP_A_IFINDEX);
	mwg_vr_mark(vr, MWG_VRRP_A_VRID);
}

static void update_active(struct mwgd *d)
{
	bool active = d->n_vrs == 0;
	unsigned int i;

	for (i = 0; i < d->n_vrs; i++)
		if (d->vrs[i].known && d->vrs[i].state == MWG_VRRP_STATE_MASTER)
			active = true;
	mwgd_director_set_active(d, active);
	mwgd_proxy_vr_changed(d);
}

static int on_vr_reply(struct nl_msg *msg, void *arg)
{
	struct mwg_vr *vr = arg;

	/* A reply we cannot read leaves the VR's state at INIT. */
	mwg_vr_parse(msg, vr);
	return 0;
}

void mwgd_kernel_sync_vrs(struct mwgd *d)
{
	struct mwgd_kernel *k = d->kernel;
	unsigned int i;

	for (i = 0; i < d->n_vrs; i++) {
		struct mwgd_vr_follow *f = &d->vrs[i];
		struct nl_msg *msg;
		struct mwg_vr vr;
		int rc;

		f->ifindex = if_nametoindex(f->ref.ifname);
		f->known = false;
		f->state = MWG_VRRP_STATE_INIT;
		if (!f->ifindex) {
			mwgd_log(LOG_WARNING, "vr %s %u: no such interface",
				 f->ref.ifname, f->ref.vrid);
			continue;
		}
		msg = mwg_msg_new(&k->req, MWG_VRRP_CMD_VR_GET, 0);
		vr_key(&vr, f);
		if (!msg || mwg_vr_put(msg, &vr) < 0) {
			nlmsg_free(msg);
			continue;
		}
		memset(&vr, 0, sizeof(vr));
		rc = mwg_request(&k->req, msg, on_vr_reply, &vr);
		if (rc < 0) {
			mwgd_log(LOG_WARNING, "vr %s %u: %s", f->ref.ifname,
				 f->ref.vrid, k->req.err.text);
			continue;
		}
		f->known = true;
		f->state = vr.state;
		mwgd_log(LOG_INFO, "vr %s %u is %s", f->ref.ifname, f->ref.vrid,
			 mwg_state_name(vr.state));
	}
	update_active(d);
}

int mwgd_kernel_open(struct mwgd *d)
{
	struct mwgd_kernel *k = calloc(1, sizeof(*k));

	if (!k)
		return -ENOMEM;
	d->kernel = k;
	nlmsg_set_default_size(MWGD_NL_MSG_SIZE);
	if (mwg_session_open(&k->req) < 0) {
		mwgd_log(LOG_ERR, "%s", k->req.err.text);
		return -1;
	}
	if (mwg_session_open(&k->ev) < 0 || mwg_session_subscribe(&k->ev) < 0) {
		mwgd_log(LOG_ERR, "%s", k->ev.err.text);
		return -1;
	}
	k->ev_open = true;
	nl_socket_set_nonblocking(k->ev.sock);
	/* Subscribed first: no change can fall between the read and events. */
	mwgd_kernel_sync_vrs(d);
	return 0;
}

static int on_start_scanner(const struct mwg_scanner *sc, void *arg)
{
	mwgd_director_kernel_has(arg, sc->node_id);
	return 0;
}

static int on_start_scanners(struct nl_msg *msg, void *arg)
{
	if (mwg_msg_cmd(msg) == MWG_VRRP_CMD_SCANNER_GET)
		mwg_scanners_foreach(msg, on_start_scanner, arg);
	return 0;
}

int mwgd_kernel_read_scanners(struct mwgd *d)
{
	struct mwgd_kernel *k = d->kernel;
	struct nl_msg *msg;
	int rc;

	msg = mwg_msg_new(&k->req, MWG_VRRP_CMD_SCANNER_GET, NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	rc = mwg_request(&k->req, msg, on_start_scanners, d);
	if (rc < 0) {
		/* Then the first round runs its full dead_after discoveries. */
		mwgd_log(LOG_WARNING, "reading the kernel's scanner table: %s",
			 k->req.err.text);
		return rc;
	}
	if (d->unheard.count)
		mwgd_log(LOG_INFO,
			 "%zu scanners in the kernel's table: kept until they answer or %u discoveries pass",
			 d->unheard.count, d->cfg.dead_after);
	return 0;
}

void mwgd_kernel_close(struct mwgd *d)
{
	struct mwgd_kernel *k = d->kernel;

	if (!k)
		return;
	mwg_session_close(&k->req);
	mwg_session_close(&k->ev);
	free(k);
	d->kernel = NULL;
}

int mwgd_kernel_event_fd(const struct mwgd *d)
{
	return d->kernel && d->kernel->ev_open ?
		nl_socket_get_fd(d->kernel->ev.sock) : -1;
}

/* "vr eth0 51: backup -> master (master_down)", with journal fields. */
static void log_vr_event(const struct mwgd_vr_follow *f,
			 const struct mwg_vr *ev)
{
	const char *reason = mwg_vr_has(ev, MWG_VRRP_A_REASON) ?
			     mwg_reason_name(ev->reason) : "none";
	struct mwgd_log_fields fields = {
		.state = mwg_state_name(ev->state),
		.old_state = mwg_state_name(ev->old_state),
		.reason = reason,
	};
	char vr[IF_NAMESIZE + 16];

	snprintf(vr, sizeof(vr), "%s vrid %u", f->ref.ifname, f->ref.vrid);
	fields.vr = vr;
	mwgd_log_with(LOG_INFO, &fields, "vr %s %u: %s -> %s (%s)",
		      f->ref.ifname, f->ref.vrid, fields.old_state,
		      fields.state, reason);
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct mwgd *d = arg;
	struct mwg_vr ev;
	unsigned int i;

	if (mwg_msg_cmd(msg) != MWG_VRRP_CMD_VR_EVENT ||
	    mwg_vr_parse(msg, &ev) < 0)
		return 0;
	for (i = 0; i < d->n_vrs; i++) {
		struct mwgd_vr_follow *f = &d->vrs[i];

		if (f->ifindex != ev.ifindex || f->ref.vrid != ev.vrid)
			continue;
		d->counters[C_VR_EVENTS]++;
		f->known = true;
		f->state = ev.state;
		log_vr_event(f, &ev);
	}
	update_active(d);
	return 0;
}

void mwgd_kernel_on_events(struct mwgd *d)
{
	struct mwgd_kernel *k = d->kernel;
	int rc;

	rc = mwg_session_receive_events(&k->ev, on_event, d);
	if (rc == -ENOBUFS) {
		mwgd_log(LOG_WARNING, "%s; reading the VR state again",
			 k->ev.err.text);
		mwgd_kernel_sync_vrs(d);
	} else if (rc < 0 && rc != -EAGAIN) {
		mwgd_log(LOG_DEBUG, "events: %s", k->ev.err.text);
	}
}

static void fill(struct mwg_scanner *out, const struct mwgd_scanner *sc,
		 uint32_t lease_ms)
{
	memset(out, 0, sizeof(*out));
	memcpy(out->node_id, sc->node_id, sizeof(out->node_id));
	out->addr.family = sc->family;
	memcpy(out->addr.bytes, sc->addr, sizeof(out->addr.bytes));
	snprintf(out->name, sizeof(out->name), "%s", sc->name);
	out->n_ports = sc->n_ports;
	memcpy(out->ports, sc->ports, sc->n_ports * sizeof(sc->ports[0]));
	out->load = sc->load;
	out->capacity = sc->capacity;
	out->lease_ms = lease_ms;
	out->have = MWG_BIT(MWG_VRRP_SCANNER_A_NODE_ID) |
		    MWG_BIT(MWG_VRRP_SCANNER_A_ADDR) |
		    MWG_BIT(MWG_VRRP_SCANNER_A_NAME) |
		    MWG_BIT(MWG_VRRP_SCANNER_A_LEASE_MS);
	if (sc->n_ports)
		out->have |= MWG_BIT(MWG_VRRP_SCANNER_A_PORTS);
	if (sc->have_load)
		out->have |= MWG_BIT(MWG_VRRP_SCANNER_A_LOAD);
	if (sc->have_capacity)
		out->have |= MWG_BIT(MWG_VRRP_SCANNER_A_CAPACITY);
}

static int send_batch(struct mwgd *d, struct nl_msg *msg, uint8_t cmd)
{
	struct mwgd_kernel *k = d->kernel;
	int rc;

	rc = mwg_request(&k->req, msg, NULL, NULL);
	d->counters[cmd == MWG_VRRP_CMD_SCANNER_SET ?
		    C_NL_SET_MSGS : C_NL_DEL_MSGS]++;
	if (rc < 0) {
		d->counters[C_NL_ERRORS]++;
		if (rc != k->last_err)
			mwgd_log(LOG_ERR, "%s: %s",
				 cmd == MWG_VRRP_CMD_SCANNER_SET ?
				 "SCANNER_SET" : "SCANNER_DEL",
				 k->req.err.text);
		k->last_err = rc;
		return rc;
	}
	k->last_err = 0;
	return 0;
}

/* A request with an open MWG_VRRP_A_SCANNERS nest. */
static struct nl_msg *batch_new(struct mwgd *d, uint8_t cmd, bool replace,
				struct nlattr **nest)
{
	struct nl_msg *msg = mwg_msg_new(&d->kernel->req, cmd, 0);

	if (!msg)
		return NULL;
	if ((replace && nla_put_flag(msg, MWG_VRRP_A_SCANNER_REPLACE) < 0) ||
	    !(*nest = nla_nest_start(msg, MWG_VRRP_A_SCANNERS))) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int push_set(struct mwgd *d, bool full)
{
	uint32_t lease = mwgd_lease_ms(&d->cfg, mwgd_director_interval(d));
	bool replace = full && d->table.count <= MWGD_PUSH_CHUNK;
	struct nl_msg *msg = NULL;
	struct mwgd_scanner *sc;
	struct nlattr *nest = NULL;
	struct mwg_scanner one;
	unsigned int n = 0;
	int rc = 0, err;
	size_t i;

	for (sc = mwgd_table_first(&d->table, &i); sc;
	     sc = mwgd_table_next(&d->table, sc, &i)) {
		if (!full && !sc->dirty)
			continue;
		if (!msg) {
			msg = batch_new(d, MWG_VRRP_CMD_SCANNER_SET, replace,
					&nest);
			if (!msg)
				return -ENOMEM;
		}
		fill(&one, sc, lease);
		if (mwg_scanner_put(msg, &one) < 0) {
			nlmsg_free(msg);
			return -EMSGSIZE;
		}
		mwgd_table_clear_dirty(&d->table, sc);
		if (++n == MWGD_PUSH_CHUNK) {
			nla_nest_end(msg, nest);
			err = send_batch(d, msg, MWG_VRRP_CMD_SCANNER_SET);
			rc = rc ? rc : err;
			msg = NULL;
			n = 0;
		}
	}
	if (msg) {
		nla_nest_end(msg, nest);
		err = send_batch(d, msg, MWG_VRRP_CMD_SCANNER_SET);
		rc = rc ? rc : err;
	}
	return rc;
}

static int push_del(struct mwgd *d)
{
	struct mwgd_table *t = &d->table;
	struct nl_msg *msg = NULL;
	struct nlattr *nest = NULL;
	struct mwg_scanner one;
	int rc = 0, err;
	size_t i, n = 0;

	/* Never an empty DEL: to the kernel that means "delete all". */
	for (i = 0; i < t->n_gone; i++) {
		if (!msg) {
			msg = batch_new(d, MWG_VRRP_CMD_SCANNER_DEL, false, &nest);
			if (!msg)
				return -ENOMEM;
		}
		memset(&one, 0, sizeof(one));
		memcpy(one.node_id, t->gone[i], sizeof(one.node_id));
		one.have = MWG_BIT(MWG_VRRP_SCANNER_A_NODE_ID);
		if (mwg_scanner_put(msg, &one) < 0) {
			nlmsg_free(msg);
			return -EMSGSIZE;
		}
		if (++n == MWGD_PUSH_CHUNK) {
			nla_nest_end(msg, nest);
			err = send_batch(d, msg, MWG_VRRP_CMD_SCANNER_DEL);
			rc = rc ? rc : err;
			msg = NULL;
			n = 0;
		}
	}
	if (msg) {
		nla_nest_end(msg, nest);
		err = send_batch(d, msg, MWG_VRRP_CMD_SCANNER_DEL);
		rc = rc ? rc : err;
	}
	/*
	 * Forgotten even on failure: an entry the DEL missed runs out of
	 * lease, and a REPLACE push removes it sooner.
	 */
	t->n_gone = 0;
	return rc;
}

int mwgd_kernel_push(struct mwgd *d, bool full)
{
	int rc, rc2 = 0;

	if (!d->kernel)
		return 0;
	/*
	 * Removals first, even before a REPLACE that would remove them too:
	 * it adds its new entries before it removes the rest.
	 */
	rc2 = push_del(d);
	/*
	 * A full push of nothing: a SCANNER_SET needs entries, so clear the
	 * kernel's table (of an earlier run, say) with a DEL of no id.
	 */
	if (full && !d->table.count) {
		struct nl_msg *msg = mwg_msg_new(&d->kernel->req,
						 MWG_VRRP_CMD_SCANNER_DEL, 0);

		return msg ? send_batch(d, msg, MWG_VRRP_CMD_SCANNER_DEL) :
			     -ENOMEM;
	}
	rc = push_set(d, full);
	return rc ? rc : rc2;
}
