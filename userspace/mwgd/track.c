// SPDX-License-Identifier: GPL-2.0
/*
 * Tracking in userspace (trackconf.c has the keys): every tracked object of
 * the [vr] sections is evaluated on its own schedule, and whenever what the
 * objects of a VR add up to changes, the VR's whole list goes to the kernel
 * in one VR_SET with MWG_VRRP_A_TRACKED.  The kernel combines it with its
 * own terms (scanners, BFD, tracked interfaces) and moves the VR; mwgd only
 * reports.  Each object is listed with its state, so "mwgctl vr show"
 * shows every one of them, up ones included.
 *
 *   file     read every second: missing or empty is 0, a number N takes
 *            N x weight (at most 254), and "fault" (or N > 0 with weight 0)
 *            is a fault;  any other content is a fault too, so that a
 *            typo does not leave a node that was meant to step down master.
 *   process  a process whose /proc/PID/comm is the name, every second.
 *   script   executed every interval (never through a shell), killed with
 *            its process group after the timeout; exit 0 is a success.
 *            rise successes (fall failures) in a row change its state; the
 *            first result sets it, and before it the script counts as up.
 *
 * A reload starts every object afresh and sends every list again: the
 * VRs may have been re-created by the reload.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mwg.h"
#include "mwgd.h"
#include "spawn.h"

/* How often files and processes are looked at. */
#define POLL_MS		1000

struct track_obj {
	unsigned int conf;		/* index into cfg.track_confs */
	unsigned int vr;		/* index into cfg.vr_confs */
	bool known;			/* a script has given a result */
	bool up;
	uint8_t demote;			/* what it takes now */
	bool fault;
	unsigned int in_row;		/* script results against the state */
	pid_t pid;			/* a script running */
	bool killed;			/* ... past its timeout */
	uint64_t deadline_ms;
	uint64_t next_ms;
};

struct track_vr {
	/* The VR, copied: a reload renumbers the sections. */
	char name[MWGD_VR_NAME_MAX + 1];
	char dev[IF_NAMESIZE];
	uint8_t vrid, family;
	bool dirty;			/* the kernel's list may differ */
	bool failed;			/* the last VR_SET failed (logged) */
	unsigned int n;
	struct mwg_tracked sent[MWG_VRRP_MAX_TRACKED];
};

struct mwgd_track {
	unsigned int n;
	struct track_obj obj[MWGD_MAX_TRACKS];
	unsigned int n_vrs;
	struct track_vr vr[MWGD_MAX_CONF_VRS];
	uint64_t retry_ms;		/* when dirty lists are tried again */
	struct mwg_session s;
	bool session_open;
};

static const struct mwgd_track_conf *conf_of(const struct mwgd *d,
					     const struct track_obj *o)
{
	return &d->cfg.track_confs.e[o->conf];
}

static const char *kind_name(const struct mwgd_track_conf *t)
{
	return mwgd_track_kind_key(t->kind);
}

/* Down: the weight, or a fault when there is none. */
static void set_down(struct track_obj *o, const struct mwgd_track_conf *t)
{
	o->up = false;
	o->fault = !t->weight;
	o->demote = t->weight;
}

static void set_fault(struct track_obj *o)
{
	o->up = false;
	o->fault = true;
	o->demote = 0;
}

static void set_up(struct track_obj *o)
{
	o->up = true;
	o->fault = false;
	o->demote = 0;
}

/* A file's content: see the top of the file. */
static void eval_file(struct track_obj *o, const struct mwgd_track_conf *t)
{
	char buf[64], *p, *end;
	ssize_t len;
	long long v;
	int fd;

	fd = open(t->what, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 && errno == ENOENT) {
		set_up(o);
		return;
	}
	len = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	if (len < 0) {
		/* There, but unreadable: as unclear as a word that is no number. */
		set_fault(o);
		return;
	}
	buf[len] = '\0';
	for (p = buf; isspace((unsigned char)*p); p++)
		;
	for (end = p + strlen(p); end > p && isspace((unsigned char)end[-1]);)
		*--end = '\0';
	if (!*p) {
		set_up(o);
		return;
	}
	if (!strncasecmp(p, "fault", 5) &&
	    (!p[5] || isspace((unsigned char)p[5]))) {
		set_fault(o);
		return;
	}
	errno = 0;
	v = strtoll(p, &end, 10);
	if (errno || *end) {
		set_fault(o);
		return;
	}
	if (v <= 0) {
		set_up(o);
		return;
	}
	if (!t->weight) {
		set_fault(o);
		return;
	}
	o->up = false;
	o->fault = false;
	o->demote = v > 254 / t->weight ? 254 : v * t->weight;
}

/* Some process of the namespace has @name as its comm. */
static bool process_runs(const char *name)
{
	char path[sizeof(((struct dirent *)0)->d_name) + 16], comm[32];
	struct dirent *de;
	bool found = false;
	ssize_t len;
	DIR *dir;
	int fd;

	dir = opendir("/proc");
	if (!dir)
		return false;
	while (!found && (de = readdir(dir))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, comm, sizeof(comm) - 1);
		close(fd);
		if (len <= 0)
			continue;
		comm[len] = '\0';
		comm[strcspn(comm, "\n")] = '\0';
		found = !strcmp(comm, name);
	}
	closedir(dir);
	return found;
}

static void start_script(struct mwgd *d, struct track_obj *o, uint64_t now)
{
	const struct mwgd_track_conf *t = conf_of(d, o);
	char *argv[] = { (char *)t->what, NULL };
	pid_t pid;

	o->next_ms = now + t->interval_ms;
	pid = mwgd_spawn(argv, NULL, NULL);
	if (pid < 0) {
		mwgd_log(LOG_ERR, "[vr %s]: track_script %s: fork: %s", t->vr,
			 t->what, strerror(errno));
		return;
	}
	/* Also here: the child may not have run setpgid() yet at kill time. */
	setpgid(pid, pid);
	o->pid = pid;
	o->killed = false;
	o->deadline_ms = now + t->timeout_ms;
}

/* A script's result, through rise and fall. */
static void script_result(struct track_obj *o, const struct mwgd_track_conf *t,
			  bool ok)
{
	if (!o->known || ok == o->up) {
		o->known = true;
		o->in_row = 0;
		if (ok)
			set_up(o);
		else
			set_down(o, t);
		return;
	}
	if (++o->in_row < (o->up ? t->fall : t->rise))
		return;
	o->in_row = 0;
	if (ok)
		set_up(o);
	else
		set_down(o, t);
}

static void log_change(const struct mwgd_track_conf *t,
		       const struct track_obj *o)
{
	if (o->fault)
		mwgd_log(LOG_WARNING, "[vr %s]: %s %s: fault: the VR is held in init",
			 t->vr, kind_name(t), t->what);
	else if (o->demote)
		mwgd_log(LOG_WARNING, "[vr %s]: %s %s: down: priority -%u",
			 t->vr, kind_name(t), t->what, o->demote);
	else
		mwgd_log(LOG_NOTICE, "[vr %s]: %s %s: up", t->vr,
			 kind_name(t), t->what);
}

/* Note a new state of @o: its VR's list is to be sent again. */
static void changed(struct mwgd *d, struct track_obj *o, bool was_fault,
		    uint8_t was_demote, bool first)
{
	if (!first && o->fault == was_fault && o->demote == was_demote)
		return;
	log_change(conf_of(d, o), o);
	d->track->vr[o->vr].dirty = true;
}

static void evaluate(struct mwgd *d, struct track_obj *o, uint64_t now)
{
	const struct mwgd_track_conf *t = conf_of(d, o);
	bool was_fault = o->fault, first = !o->next_ms;
	uint8_t was_demote = o->demote;

	if (t->kind == MWGD_TRACK_SCRIPT) {
		/* Still running (its timeout is past the interval): a round off. */
		if (o->pid)
			o->next_ms = now + t->interval_ms;
		else
			start_script(d, o, now);
		return;
	}
	o->next_ms = now + POLL_MS;
	if (t->kind == MWGD_TRACK_FILE)
		eval_file(o, t);
	else if (process_runs(t->what))
		set_up(o);
	else
		set_down(o, t);
	/* An up file or process at start is the kernel's default: quiet. */
	changed(d, o, was_fault, was_demote, first && (o->fault || o->demote));
}

/* The VR's objects as the kernel is to list them. */
static unsigned int build_list(const struct mwgd *d, unsigned int vr,
			       struct mwg_tracked *out)
{
	const struct mwgd_track *tr = d->track;
	unsigned int i, n = 0;

	for (i = 0; i < tr->n && n < MWG_VRRP_MAX_TRACKED; i++) {
		const struct track_obj *o = &tr->obj[i];

		if (o->vr != vr)
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		mwgd_track_conf_name(conf_of(d, o), out[n].name,
				     sizeof(out[n].name));
		out[n].demote = o->demote;
		out[n].fault = o->fault;
		n++;
	}
	return n;
}

static int send_list(struct mwgd_track *tr, const struct track_vr *v,
		     const struct mwg_tracked *list, unsigned int n)
{
	struct mwg_vr *req;
	struct nl_msg *msg;
	int rc;

	if (!tr->session_open) {
		rc = mwg_session_open(&tr->s);
		if (rc < 0)
			return rc;
		tr->session_open = true;
	}
	req = calloc(1, sizeof(*req));
	if (!req)
		return -ENOMEM;
	req->ifindex = if_nametoindex(v->dev);
	req->vrid = v->vrid;
	req->family = v->family;
	req->n_tracked = n;
	memcpy(req->tracked, list, n * sizeof(list[0]));
	mwg_vr_mark(req, MWG_VRRP_A_IFINDEX);
	mwg_vr_mark(req, MWG_VRRP_A_VRID);
	mwg_vr_mark(req, MWG_VRRP_A_FAMILY);
	mwg_vr_mark(req, MWG_VRRP_A_TRACKED);
	rc = -ENODEV;
	if (req->ifindex) {
		msg = mwg_msg_new(&tr->s, MWG_VRRP_CMD_VR_SET, 0);
		if (!msg || mwg_vr_put(msg, req) < 0) {
			nlmsg_free(msg);
			rc = -ENOMEM;
		} else {
			rc = mwg_request(&tr->s, msg, NULL, NULL);
		}
	}
	free(req);
	return rc;
}

/* Send the lists that changed; a VR that refuses is tried again later. */
static void sync_vrs(struct mwgd *d)
{
	struct mwgd_track *tr = d->track;
	struct mwg_tracked list[MWG_VRRP_MAX_TRACKED];
	unsigned int i, n;
	int rc;

	for (i = 0; i < tr->n_vrs; i++) {
		struct track_vr *tv = &tr->vr[i];

		if (!tv->dirty)
			continue;
		n = build_list(d, i, list);
		rc = send_list(tr, tv, list, n);
		if (rc < 0) {
			if (!tv->failed)
				mwgd_log(LOG_ERR, "[vr %s]: tracked objects not reported: %s",
					 tv->name, rc == -ENODEV ?
					 "no such device" :
					 tr->session_open && tr->s.err.text[0] ?
					 tr->s.err.text : strerror(-rc));
			tv->failed = true;
			continue;
		}
		if (tv->failed)
			mwgd_log(LOG_NOTICE, "[vr %s]: tracked objects reported",
				 tv->name);
		tv->failed = false;
		tv->dirty = false;
		tv->n = n;
	}
}

static void kill_scripts(struct mwgd_track *tr)
{
	unsigned int i;

	for (i = 0; i < tr->n; i++)
		if (tr->obj[i].pid)
			kill(-tr->obj[i].pid, SIGKILL);
}

/* The VRs of @old that reported objects and have none in @tr: cleared. */
static void clear_dropped(struct mwgd_track *tr, struct mwgd_track *old)
{
	unsigned int i, j;

	for (i = 0; i < old->n_vrs; i++) {
		const struct track_vr *ov = &old->vr[i];

		if (!ov->n)
			continue;
		for (j = 0; j < tr->n_vrs; j++)
			if (!strcmp(tr->vr[j].dev, ov->dev) &&
			    tr->vr[j].vrid == ov->vrid &&
			    tr->vr[j].family == ov->family)
				break;
		if (j < tr->n_vrs)
			continue;
		if (send_list(old, ov, NULL, 0) < 0)
			mwgd_log(LOG_WARNING, "[vr %s]: tracked objects not cleared",
				 ov->name);
		else
			mwgd_log(LOG_NOTICE, "[vr %s]: no longer tracks objects",
				 ov->name);
	}
}

/* The track_vr of section @v, added when new. */
static unsigned int vr_slot(struct mwgd_track *tr, const struct mwgd_vr_conf *v)
{
	struct track_vr *tv;
	unsigned int i;

	for (i = 0; i < tr->n_vrs; i++)
		if (!strcmp(tr->vr[i].name, v->name))
			return i;
	tv = &tr->vr[tr->n_vrs];
	snprintf(tv->name, sizeof(tv->name), "%s", v->name);
	snprintf(tv->dev, sizeof(tv->dev), "%s", v->dev);
	tv->vrid = v->vr.vrid;
	tv->family = v->vr.family;
	tv->dirty = true;
	return tr->n_vrs++;
}

static void track_free(struct mwgd_track *tr)
{
	kill_scripts(tr);
	if (tr->session_open)
		mwg_session_close(&tr->s);
	free(tr);
}

int mwgd_track_open(struct mwgd *d)
{
	const struct mwgd_track_confs *tc = &d->cfg.track_confs;
	const struct mwgd_vr_confs *vc = &d->cfg.vr_confs;
	struct mwgd_track *tr, *old = d->track;
	unsigned int i, j;

	d->track = NULL;
	tr = calloc(1, sizeof(*tr));
	if (!tr) {
		if (old)
			track_free(old);
		return -ENOMEM;
	}
	for (i = 0; i < tc->n; i++) {
		for (j = 0; j < vc->n; j++)
			if (!strcmp(vc->e[j].name, tc->e[i].vr))
				break;
		/* trackconf.c made sure that the section exists. */
		tr->obj[tr->n].conf = i;
		tr->obj[tr->n].vr = vr_slot(tr, &vc->e[j]);
		tr->n++;
	}
	if (old) {
		clear_dropped(tr, old);
		track_free(old);
	}
	if (!tr->n) {
		free(tr);
		return 0;
	}
	d->track = tr;
	return 0;
}

void mwgd_track_close(struct mwgd *d)
{
	if (!d->track)
		return;
	track_free(d->track);
	d->track = NULL;
}

void mwgd_track_timers(struct mwgd *d, uint64_t now)
{
	struct mwgd_track *tr = d->track;
	unsigned int i;

	if (!tr)
		return;
	for (i = 0; i < tr->n; i++) {
		struct track_obj *o = &tr->obj[i];
		const struct mwgd_track_conf *t = conf_of(d, o);

		if (o->pid && !o->killed && now >= o->deadline_ms) {
			/* Its result comes with SIGCHLD: a failure. */
			kill(-o->pid, SIGKILL);
			o->killed = true;
			mwgd_log(LOG_WARNING, "[vr %s]: track_script %s: no result within %u ms: killed",
				 t->vr, t->what, t->timeout_ms);
		}
		if (now >= o->next_ms)
			evaluate(d, o, now);
	}
	sync_vrs(d);
	tr->retry_ms = now + POLL_MS;
}

uint64_t mwgd_track_next_ms(const struct mwgd *d)
{
	const struct mwgd_track *tr = d->track;
	uint64_t next = UINT64_MAX;
	unsigned int i;

	if (!tr)
		return next;
	for (i = 0; i < tr->n; i++) {
		const struct track_obj *o = &tr->obj[i];

		if (o->next_ms < next)
			next = o->next_ms;
		if (o->pid && !o->killed && o->deadline_ms < next)
			next = o->deadline_ms;
	}
	/* A refused report is tried again a poll later. */
	for (i = 0; i < tr->n_vrs; i++)
		if (tr->vr[i].dirty && tr->retry_ms < next)
			next = tr->retry_ms;
	return next;
}

bool mwgd_track_child_exited(struct mwgd *d, pid_t pid, int status)
{
	struct mwgd_track *tr = d->track;
	unsigned int i;

	for (i = 0; tr && i < tr->n; i++) {
		struct track_obj *o = &tr->obj[i];
		const struct mwgd_track_conf *t = conf_of(d, o);
		bool was_fault = o->fault, first = !o->known;
		uint8_t was_demote = o->demote;
		bool ok;

		if (o->pid != pid)
			continue;
		o->pid = 0;
		ok = !o->killed && WIFEXITED(status) && !WEXITSTATUS(status);
		if (!ok && !o->killed)
			mwgd_log(LOG_DEBUG, "[vr %s]: track_script %s: %s %d",
				 t->vr, t->what,
				 WIFEXITED(status) ? "exit" : "signal",
				 WIFEXITED(status) ? WEXITSTATUS(status) :
						     WTERMSIG(status));
		script_result(o, t, ok);
		changed(d, o, was_fault, was_demote,
			first && (o->fault || o->demote));
		sync_vrs(d);
		return true;
	}
	return false;
}
