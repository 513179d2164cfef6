// SPDX-License-Identifier: GPL-2.0
/*
 * The state-change hook: "notify = PROGRAM" runs PROGRAM for every VR_EVENT
 * of the namespace, as
 *
 *   PROGRAM NEW_STATE DEV VRID FAMILY OLD_STATE REASON
 *
 * with the same values in MWG_NEW_STATE, MWG_DEV, MWG_VRID, MWG_FAMILY,
 * MWG_OLD_STATE and MWG_REASON.  The daemon never waits for it: a hook is
 * forked, reaped on SIGCHLD, and killed with its process group after
 * notify_timeout_s, so that a hook that hangs costs a process slot, not
 * the discovery loop.  Events come from a session of their own, so a hook
 * sees every VR, not only those a director follows.
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

/* Hooks alive at once; events beyond are counted and dropped. */
#define MAX_HOOKS	16

struct hook {
	pid_t pid;
	uint64_t deadline_ms;
	bool killed;
	char what[64];		/* "eth0 vrid 51 master" for the log */
};

struct mwgd_notify {
	struct mwg_session ev;
	struct hook hooks[MAX_HOOKS];
};

int mwgd_notify_open(struct mwgd *d)
{
	struct mwgd_notify *n;

	if (!d->cfg.notify[0] || d->notify)
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
	free(d->notify);
	d->notify = NULL;
}

int mwgd_notify_fd(const struct mwgd *d)
{
	return d->notify ? nl_socket_get_fd(d->notify->ev.sock) : -1;
}

/* In the child: never returns. */
static void exec_hook(const char *prog, char *const argv[],
		      const struct mwg_vr *ev, const char *dev)
{
	char vrid[8];
	sigset_t all;
	int fd;

	/* Its own group, so that the timeout kills what it started too. */
	setpgid(0, 0);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	signal(SIGPIPE, SIG_DFL);
	fd = open("/dev/null", O_RDONLY);
	if (fd > 0) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	/* What the hook prints lands in mwgd's log, not on a caller's pipe. */
	dup2(STDERR_FILENO, STDOUT_FILENO);
	snprintf(vrid, sizeof(vrid), "%u", ev->vrid);
	setenv("MWG_DEV", dev, 1);
	setenv("MWG_VRID", vrid, 1);
	setenv("MWG_FAMILY", mwg_family_name(ev->family), 1);
	setenv("MWG_OLD_STATE", mwg_state_name(ev->old_state), 1);
	setenv("MWG_NEW_STATE", mwg_state_name(ev->state), 1);
	setenv("MWG_REASON", mwg_reason_name(ev->reason), 1);
	execv(prog, argv);
	fprintf(stderr, "mwgd: notify: %s: %s\n", prog, strerror(errno));
	_exit(127);
}

static void run_hook(struct mwgd *d, const struct mwg_vr *ev)
{
	struct mwgd_notify *n = d->notify;
	char dev[IF_NAMESIZE], vrid[8], *argv[8];
	struct hook *h = NULL;
	unsigned int i;
	pid_t pid;

	for (i = 0; i < MAX_HOOKS && !h; i++)
		if (!n->hooks[i].pid)
			h = &n->hooks[i];
	if (!if_indextoname(ev->ifindex, dev))
		mwg_vr_dev(ev, dev, sizeof(dev));
	if (!h) {
		d->counters[C_HOOKS_DROPPED]++;
		mwgd_log(LOG_WARNING, "notify: %d hooks still running; %s vrid %u %s not notified",
			 MAX_HOOKS, dev, ev->vrid, mwg_state_name(ev->state));
		return;
	}
	snprintf(vrid, sizeof(vrid), "%u", ev->vrid);
	argv[0] = d->cfg.notify;
	argv[1] = (char *)mwg_state_name(ev->state);
	argv[2] = dev;
	argv[3] = vrid;
	argv[4] = (char *)mwg_family_name(ev->family);
	argv[5] = (char *)mwg_state_name(ev->old_state);
	argv[6] = (char *)mwg_reason_name(ev->reason);
	argv[7] = NULL;

	pid = fork();
	if (pid < 0) {
		d->counters[C_HOOKS_FAILED]++;
		mwgd_log(LOG_ERR, "notify: fork: %s", strerror(errno));
		return;
	}
	if (pid == 0)
		exec_hook(d->cfg.notify, argv, ev, dev);
	/* Also here: the child may not have run setpgid() yet at kill time. */
	setpgid(pid, pid);
	d->counters[C_HOOKS_RUN]++;
	h->pid = pid;
	h->killed = false;
	h->deadline_ms = mwgd_now_ms() + d->cfg.notify_timeout_s * 1000ULL;
	snprintf(h->what, sizeof(h->what), "%s vrid %u %s", dev, ev->vrid,
		 mwg_state_name(ev->state));
	mwgd_log(LOG_DEBUG, "notify: %s: pid %d", h->what, (int)pid);
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct mwgd *d = arg;
	struct mwg_vr ev;

	if (mwg_msg_cmd(msg) != MWG_VRRP_CMD_VR_EVENT ||
	    mwg_vr_parse(msg, &ev) < 0 ||
	    !mwg_vr_has(&ev, MWG_VRRP_A_STATE))
		return 0;
	run_hook(d, &ev);
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

void mwgd_notify_reap(struct mwgd *d)
{
	struct mwgd_notify *n = d->notify;
	unsigned int i;
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		struct hook *h = NULL;

		for (i = 0; n && i < MAX_HOOKS; i++)
			if (n->hooks[i].pid == pid)
				h = &n->hooks[i];
		if (!h)
			continue;
		if (h->killed) {
			mwgd_log(LOG_WARNING, "notify: %s: killed after %u s",
				 h->what, d->cfg.notify_timeout_s);
		} else if (WIFEXITED(st) && !WEXITSTATUS(st)) {
			mwgd_log(LOG_INFO, "notify: %s: exit 0", h->what);
		} else {
			d->counters[C_HOOKS_FAILED]++;
			if (WIFEXITED(st))
				mwgd_log(LOG_WARNING, "notify: %s: exit %d",
					 h->what, WEXITSTATUS(st));
			else
				mwgd_log(LOG_WARNING, "notify: %s: signal %d",
					 h->what, WTERMSIG(st));
		}
		h->pid = 0;
	}
}

void mwgd_notify_timers(struct mwgd *d, uint64_t now)
{
	struct mwgd_notify *n = d->notify;
	unsigned int i;

	for (i = 0; n && i < MAX_HOOKS; i++) {
		struct hook *h = &n->hooks[i];

		if (!h->pid || h->killed || now < h->deadline_ms)
			continue;
		kill(-h->pid, SIGKILL);
		kill(h->pid, SIGKILL);
		h->killed = true;
		d->counters[C_HOOKS_KILLED]++;
	}
}

uint64_t mwgd_notify_next_ms(const struct mwgd *d)
{
	const struct mwgd_notify *n = d->notify;
	uint64_t next = UINT64_MAX;
	unsigned int i;

	for (i = 0; n && i < MAX_HOOKS; i++)
		if (n->hooks[i].pid && !n->hooks[i].killed &&
		    n->hooks[i].deadline_ms < next)
			next = n->hooks[i].deadline_ms;
	return next;
}
