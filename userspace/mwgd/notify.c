// SPDX-License-Identifier: GPL-2.0
/*
 * The state-change hooks.  "notify = PROGRAM" runs PROGRAM for every
 * VR_EVENT of the namespace, as
 *
 *   PROGRAM NEW_STATE DEV VRID FAMILY OLD_STATE REASON PRIORITY
 *
 * "notify_bfd = PROGRAM" for every BFD_EVENT, as
 *
 *   PROGRAM NEW_STATE DEV PEER FAMILY OLD_STATE DIAG
 *
 * and "notify_rogue = PROGRAM" for every ROGUE_EVENT (a possible rogue
 * master, see mwg_vrrp(4)), as
 *
 *   PROGRAM DEV VRID FAMILY SOURCE SOURCE_MAC PRIORITY WHY
 *
 * with the same values in MWG_* variables (names in vr_env and bfd_env).
 *
 * Per object (a VR, a BFD session), one hook runs at a time, in the order
 * of the events: a hook that still runs when the next change comes makes
 * that change wait, and further changes merge into the waiting one (its
 * OLD_STATE stays the state the running hook was told about, the rest is
 * the latest).  So the last hook to run for an object always reports its
 * current state, whatever the hooks' speed, and no hook for an older state
 * can finish after one for a newer state.  At most MAX_RUNNING hooks run
 * at once across objects; waiting ones start as running ones end.
 *
 * The daemon never waits for a hook: it is forked, reaped on SIGCHLD, and
 * killed with its process group after notify_timeout_s, so that a hook that
 * hangs delays only its own object's next hook.  Events come from a session
 * of their own, so a hook sees every VR, not only those a director follows.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <netlink/socket.h>

#include "mwg.h"
#include "mwgd.h"
#include "spawn.h"

/* Hooks running at once, all objects together. */
#define MAX_RUNNING	16
/* Objects with a hook running or waiting; beyond, a change is dropped. */
#define MAX_SLOTS	4096
/* Arguments after the program's name; OLD_STATE is the fifth of them. */
#define HOOK_ARGS	7
#define ARG_OLD_STATE	4
#define ARG_LEN		MWG_ADDR_STRLEN

/* MWG_* variable of each argument, in argv order. */
static const char *const vr_env[HOOK_ARGS] = {
	"MWG_NEW_STATE", "MWG_DEV", "MWG_VRID", "MWG_FAMILY",
	"MWG_OLD_STATE", "MWG_REASON", "MWG_PRIORITY",
};

static const char *const bfd_env[HOOK_ARGS] = {
	"MWG_NEW_STATE", "MWG_DEV", "MWG_PEER", "MWG_FAMILY",
	"MWG_OLD_STATE", "MWG_DIAG", NULL,
};

/* A rogue's source is in its slot's key: ARG_OLD_STATE (the MAC) stays. */
static const char *const rogue_env[HOOK_ARGS] = {
	"MWG_DEV", "MWG_VRID", "MWG_FAMILY", "MWG_SOURCE",
	"MWG_SOURCE_MAC", "MWG_PRIORITY", "MWG_ROGUE",
};

/* What one run of a hook is told. */
struct hook_call {
	const char *prog;
	const char *const *env;
	unsigned int argc;
	char arg[HOOK_ARGS][ARG_LEN];
};

/* One object's hooks: the one running and the one waiting, if any. */
struct hook_slot {
	char key[96];		/* "eth0 vrid 51 inet", "eth0 bfd peer 10.0.0.2" */
	pid_t pid;		/* running hook, 0 if none */
	uint64_t deadline_ms;
	bool killed;
	bool waiting;
	struct hook_call next;	/* valid when waiting */
	char what[160];		/* the running one, for the log */
};

struct mwgd_notify {
	struct mwg_session ev;
	struct hook_slot *slots;
	unsigned int nslots;	/* used entries of slots[] */
	unsigned int running;
};

int mwgd_notify_open(struct mwgd *d)
{
	struct mwgd_notify *n;

	if ((!d->cfg.notify[0] && !d->cfg.notify_bfd[0] &&
	     !d->cfg.notify_rogue[0]) || d->notify)
		return 0;
	n = calloc(1, sizeof(*n));
	if (!n)
		return -ENOMEM;
	if (mwg_session_open(&n->ev) < 0 || mwg_session_subscribe(&n->ev) < 0) {
		mwgd_log(LOG_ERR, "notify: %s", n->ev.err.text);
		mwg_session_close(&n->ev);
		free(n);
		return -1;
	}
	nl_socket_set_nonblocking(n->ev.sock);
	d->notify = n;
	return 0;
}

void mwgd_notify_close(struct mwgd *d)
{
	if (!d->notify)
		return;
	/* Hooks still running finish on their own; nobody reaps them now. */
	mwg_session_close(&d->notify->ev);
	free(d->notify->slots);
	free(d->notify);
	d->notify = NULL;
}

int mwgd_notify_fd(const struct mwgd *d)
{
	return d->notify ? nl_socket_get_fd(d->notify->ev.sock) : -1;
}

/* In the child, before exec: the arguments as MWG_* variables too. */
static void set_hook_env(void *arg)
{
	const struct hook_call *c = arg;
	unsigned int i;

	for (i = 0; i < c->argc; i++)
		setenv(c->env[i], c->arg[i], 1);
}

static void start_hook(struct mwgd *d, struct hook_slot *s,
		       const struct hook_call *c)
{
	struct mwgd_notify *n = d->notify;
	char *argv[HOOK_ARGS + 2];
	unsigned int i;
	pid_t pid;

	argv[0] = (char *)c->prog;
	for (i = 0; i < c->argc; i++)
		argv[i + 1] = (char *)c->arg[i];
	argv[i + 1] = NULL;
	pid = mwgd_spawn(argv, set_hook_env, (void *)c);
	if (pid < 0) {
		d->counters[C_HOOKS_FAILED]++;
		mwgd_log(LOG_ERR, "notify: %s: fork: %s", s->key,
			 strerror(errno));
		return;
	}
	/* Also here: the child may not have run setpgid() yet at kill time. */
	setpgid(pid, pid);
	d->counters[C_HOOKS_RUN]++;
	n->running++;
	s->pid = pid;
	s->killed = false;
	s->deadline_ms = mwgd_now_ms() + d->cfg.notify_timeout_s * 1000ULL;
	snprintf(s->what, sizeof(s->what), "%s %s", s->key, c->arg[0]);
	mwgd_log(LOG_DEBUG, "notify: %s: pid %d", s->what, (int)pid);
}

/* The object's slot, a free one reused, or a new one; NULL when full. */
static struct hook_slot *find_slot(struct mwgd_notify *n, const char *key)
{
	struct hook_slot *free_slot = NULL, *s;
	unsigned int i, cap;

	for (i = 0; i < n->nslots; i++) {
		s = &n->slots[i];
		if (!strcmp(s->key, key))
			return s;
		if (!free_slot && !s->pid && !s->waiting)
			free_slot = s;
	}
	if (!free_slot) {
		if (n->nslots == MAX_SLOTS)
			return NULL;
		cap = n->nslots + 1;
		/* Grows by doubling: realloc only when a power of two fills. */
		if (!(n->nslots & (n->nslots - 1))) {
			s = realloc(n->slots, (n->nslots ? 2 * n->nslots : 1) *
				    sizeof(*s));
			if (!s)
				return NULL;
			n->slots = s;
		}
		free_slot = &n->slots[n->nslots];
		n->nslots = cap;
	}
	memset(free_slot, 0, sizeof(*free_slot));
	snprintf(free_slot->key, sizeof(free_slot->key), "%s", key);
	return free_slot;
}

/* A change of the object KEY, to be told by C: now, later or merged. */
static void queue_hook(struct mwgd *d, const char *key,
		       const struct hook_call *c)
{
	struct mwgd_notify *n = d->notify;
	struct hook_slot *s = find_slot(n, key);

	if (!s) {
		d->counters[C_HOOKS_DROPPED]++;
		mwgd_log(LOG_WARNING, "notify: %u objects with hooks pending; %s %s not notified",
			 MAX_SLOTS, key, c->arg[0]);
		return;
	}
	if (s->waiting) {
		/* The waiting hook is told the latest state, from the first. */
		char old[ARG_LEN];

		memcpy(old, s->next.arg[ARG_OLD_STATE], sizeof(old));
		s->next = *c;
		memcpy(s->next.arg[ARG_OLD_STATE], old, sizeof(old));
		d->counters[C_HOOKS_COALESCED]++;
		return;
	}
	if (!s->pid && n->running < MAX_RUNNING) {
		start_hook(d, s, c);
		return;
	}
	s->next = *c;
	s->waiting = true;
}

/* Waiting hooks whose object has none running, while there is room. */
static void start_waiting(struct mwgd *d)
{
	struct mwgd_notify *n = d->notify;
	unsigned int i;

	for (i = 0; i < n->nslots && n->running < MAX_RUNNING; i++) {
		struct hook_slot *s = &n->slots[i];

		if (s->waiting && !s->pid) {
			s->waiting = false;
			start_hook(d, s, &s->next);
		}
	}
}

static void set_arg(struct hook_call *c, unsigned int i, const char *v)
{
	snprintf(c->arg[i], sizeof(c->arg[i]), "%s", v);
	if (c->argc < i + 1)
		c->argc = i + 1;
}

static void on_vr_event(struct mwgd *d, const struct mwg_vr *ev)
{
	struct hook_call c = { .prog = d->cfg.notify, .env = vr_env };
	char dev[IF_NAMESIZE], key[sizeof(((struct hook_slot *)0)->key)];
	char num[16];

	if (!d->cfg.notify[0])
		return;
	if (!if_indextoname(ev->ifindex, dev))
		mwg_vr_dev(ev, dev, sizeof(dev));
	set_arg(&c, 0, mwg_state_name(ev->state));
	set_arg(&c, 1, dev);
	snprintf(num, sizeof(num), "%u", ev->vrid);
	set_arg(&c, 2, num);
	set_arg(&c, 3, mwg_family_name(ev->family));
	set_arg(&c, 4, mwg_state_name(ev->old_state));
	set_arg(&c, 5, mwg_reason_name(ev->reason));
	snprintf(num, sizeof(num), "%u", ev->effective_priority);
	set_arg(&c, 6, num);
	snprintf(key, sizeof(key), "%s vrid %u %s", dev, ev->vrid,
		 mwg_family_name(ev->family));
	queue_hook(d, key, &c);
}

static void on_bfd_event(struct mwgd *d, const struct mwg_bfd *b)
{
	struct hook_call c = { .prog = d->cfg.notify_bfd, .env = bfd_env };
	char dev[IF_NAMESIZE], peer[MWG_ADDR_STRLEN];
	char key[sizeof(((struct hook_slot *)0)->key)], num[8];

	if (!d->cfg.notify_bfd[0])
		return;
	if (!if_indextoname(b->ifindex, dev))
		snprintf(dev, sizeof(dev), "%s", b->ifname[0] ? b->ifname : "?");
	mwg_addr_format(&b->peer, false, peer, sizeof(peer));
	set_arg(&c, 0, mwg_bfd_state_name(b->state));
	set_arg(&c, 1, dev);
	set_arg(&c, 2, peer);
	set_arg(&c, 3, mwg_family_name(b->family));
	set_arg(&c, 4, mwg_bfd_has(b, MWG_VRRP_A_BFD_OLD_STATE) ?
		mwg_bfd_state_name(b->old_state) : "unknown");
	snprintf(num, sizeof(num), "%u", b->diag);
	set_arg(&c, 5, num);
	snprintf(key, sizeof(key), "%s bfd peer %s", dev, peer);
	queue_hook(d, key, &c);
}

static void on_rogue_event(struct mwgd *d, const struct mwg_vr *ev)
{
	struct hook_call c = { .prog = d->cfg.notify_rogue, .env = rogue_env };
	char dev[IF_NAMESIZE], src[MWG_ADDR_STRLEN], num[16];
	char key[sizeof(((struct hook_slot *)0)->key)], mac[18] = "none";
	const uint8_t *m = ev->source_mac;

	if (!d->cfg.notify_rogue[0])
		return;
	if (!if_indextoname(ev->ifindex, dev))
		mwg_vr_dev(ev, dev, sizeof(dev));
	mwg_addr_format(&ev->master_ip, false, src, sizeof(src));
	if (mwg_vr_has(ev, MWG_VRRP_A_SOURCE_MAC))
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x",
			 m[0], m[1], m[2], m[3], m[4], m[5]);
	set_arg(&c, 0, dev);
	snprintf(num, sizeof(num), "%u", ev->vrid);
	set_arg(&c, 1, num);
	set_arg(&c, 2, mwg_family_name(ev->family));
	set_arg(&c, 3, src);
	set_arg(&c, 4, mac);
	snprintf(num, sizeof(num), "%u", ev->priority);
	set_arg(&c, 5, num);
	set_arg(&c, 6, mwg_rogue_name(ev->rogue));
	snprintf(key, sizeof(key), "%s vrid %u rogue %s", dev, ev->vrid, src);
	queue_hook(d, key, &c);
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct mwgd *d = arg;
	struct mwg_bfd bfd;
	struct mwg_vr ev;

	switch (mwg_msg_cmd(msg)) {
	case MWG_VRRP_CMD_VR_EVENT:
		if (mwg_vr_parse(msg, &ev) == 0 &&
		    mwg_vr_has(&ev, MWG_VRRP_A_STATE))
			on_vr_event(d, &ev);
		break;
	case MWG_VRRP_CMD_ROGUE_EVENT:
		if (mwg_vr_parse(msg, &ev) == 0 &&
		    mwg_vr_has(&ev, MWG_VRRP_A_MASTER_IP))
			on_rogue_event(d, &ev);
		break;
	case MWG_VRRP_CMD_BFD_EVENT:
		if (mwg_bfd_parse(msg, &bfd) == 0 &&
		    mwg_bfd_has(&bfd, MWG_VRRP_A_BFD_STATE))
			on_bfd_event(d, &bfd);
		break;
	default:
		break;
	}
	return 0;
}

void mwgd_notify_on_events(struct mwgd *d)
{
	struct mwgd_notify *n = d->notify;
	int rc;

	rc = mwg_session_receive_events(&n->ev, on_event, d);
	if (rc == -ENOBUFS) {
		d->counters[C_HOOKS_DROPPED]++;
		mwgd_log(LOG_WARNING, "notify: %s; some changes were not notified",
			 n->ev.err.text);
	}
}

static void log_exit(struct mwgd *d, const struct hook_slot *s, int st)
{
	if (s->killed) {
		mwgd_log(LOG_WARNING, "notify: %s: killed after %u s",
			 s->what, d->cfg.notify_timeout_s);
	} else if (WIFEXITED(st) && !WEXITSTATUS(st)) {
		mwgd_log(LOG_INFO, "notify: %s: exit 0", s->what);
	} else {
		d->counters[C_HOOKS_FAILED]++;
		if (WIFEXITED(st))
			mwgd_log(LOG_WARNING, "notify: %s: exit %d",
				 s->what, WEXITSTATUS(st));
		else
			mwgd_log(LOG_WARNING, "notify: %s: signal %d",
				 s->what, WTERMSIG(st));
	}
}

bool mwgd_notify_child_exited(struct mwgd *d, pid_t pid, int status)
{
	struct mwgd_notify *n = d->notify;
	unsigned int i;

	for (i = 0; n && i < n->nslots; i++) {
		struct hook_slot *s = &n->slots[i];

		if (s->pid != pid)
			continue;
		log_exit(d, s, status);
		s->pid = 0;
		n->running--;
		start_waiting(d);
		return true;
	}
	return false;
}

void mwgd_notify_timers(struct mwgd *d, uint64_t now)
{
	struct mwgd_notify *n = d->notify;
	unsigned int i;

	for (i = 0; n && i < n->nslots; i++) {
		struct hook_slot *s = &n->slots[i];

		if (!s->pid || s->killed || now < s->deadline_ms)
			continue;
		kill(-s->pid, SIGKILL);
		kill(s->pid, SIGKILL);
		s->killed = true;
		d->counters[C_HOOKS_KILLED]++;
	}
}

uint64_t mwgd_notify_next_ms(const struct mwgd *d)
{
	const struct mwgd_notify *n = d->notify;
	uint64_t next = UINT64_MAX;
	unsigned int i;

	for (i = 0; n && i < n->nslots; i++)
		if (n->slots[i].pid && !n->slots[i].killed &&
		    n->slots[i].deadline_ms < next)
			next = n->slots[i].deadline_ms;
	return next;
}
