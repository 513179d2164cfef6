// SPDX-License-Identifier: GPL-2.0
/*
 * mwgd: startup, the poll() loop and its signals (options.c reads the
 * command line).
 *
 * Signals arrive through a signalfd, so that a handler never runs in the
 * middle of a table update: SIGTERM/SIGINT end the loop, SIGHUP reloads
 * the configuration (the live set stays), SIGUSR1 writes the stats file.
 */
#include <errno.h>
#include <poll.h>
#include <sys/wait.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "mwgd.h"

uint64_t mwgd_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

uint64_t mwgd_realtime_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int load_key(const struct mwgd_config *c, struct mwgd_key *key,
		    char *err, size_t errlen)
{
	if (!c->key_file[0]) {
		mwgd_key_wipe(key);
		return 0;
	}
	return mwgd_key_load(c->key_file, key, err, errlen);
}

/* At every start and reload: nobody should run so without knowing. */
static void warn_insecure(const struct mwgd_config *c)
{
	if (mwgd_config_insecure(c))
		mwgd_log(LOG_WARNING,
			 "insecure = yes: discovery without a key; any host on %s can make itself a live scanner (and a real server)",
			 c->ifname);
}

static void copy_vrs(struct mwgd *d)
{
	unsigned int i;

	d->n_vrs = d->cfg.n_vrs;
	for (i = 0; i < d->n_vrs; i++) {
		memset(&d->vrs[i], 0, sizeof(d->vrs[i]));
		d->vrs[i].ref = d->cfg.vrs[i];
	}
}

/* Keys a running daemon cannot change: kept, with a warning. */
static void keep_fixed(const struct mwgd_config *old, struct mwgd_config *c)
{
	if (old->role != c->role || strcmp(old->ifname, c->ifname) ||
	    old->port != c->port || old->have_mgmt_ip != c->have_mgmt_ip ||
	    old->mgmt_ip.s_addr != c->mgmt_ip.s_addr ||
	    old->max_directors != c->max_directors ||
	    old->have_node_id != c->have_node_id ||
	    memcmp(old->node_id, c->node_id, sizeof(c->node_id)) ||
	    strcmp(old->node_id_file, c->node_id_file))
		mwgd_log(LOG_WARNING,
			 "role, interface, port, mgmt_ip, node id and max_directors take a restart to change; kept");
	c->role = old->role;
	strcpy(c->ifname, old->ifname);
	c->port = old->port;
	c->have_mgmt_ip = old->have_mgmt_ip;
	c->mgmt_ip = old->mgmt_ip;
	c->max_directors = old->max_directors;
	c->have_node_id = old->have_node_id;
	memcpy(c->node_id, old->node_id, sizeof(c->node_id));
	strcpy(c->node_id_file, old->node_id_file);
}

static void reload(struct mwgd *d)
{
	struct mwgd_config c;
	struct mwgd_key key;
	char err[512];

	d->counters[C_RELOADS]++;
	if (mwgd_build_config(d->config_path, &c, err, sizeof(err)) < 0) {
		mwgd_log(LOG_ERR, "reload: %s; the old configuration stays", err);
		sd_notifyf(0, "READY=1\nSTATUS=reload failed: %s", err);
		return;
	}
	if (load_key(&c, &key, err, sizeof(err)) < 0) {
		mwgd_log(LOG_ERR, "reload: %s; the old configuration stays", err);
		sd_notifyf(0, "READY=1\nSTATUS=reload failed: %s", err);
		return;
	}
	keep_fixed(&d->cfg, &c);
	d->cfg = c;
	d->key = key;
	mwgd_key_wipe(&key);
	d->table.max = c.max_scanners;
	if (d->table.count > c.max_scanners)
		mwgd_log(LOG_WARNING,
			 "%zu scanners live, above max_scanners %u: no new ones until some go",
			 d->table.count, c.max_scanners);
	mwgd_log_open(c.log_to, d->foreground, c.debug);
	warn_insecure(&d->cfg);
	if (c.role & MWGD_ROLE_DIRECTOR) {
		copy_vrs(d);
		mwgd_kernel_sync_vrs(d);
		/* New interval or lease: discover and refresh on the new terms. */
		mwgd_director_restart_rounds(d);
	}
	mwgd_bfds_apply(&d->cfg);
	mwgd_vrs_apply(&d->cfg);
	mwgd_groups_apply(&d->cfg);
	/* After the VRs: a re-created VR has lost its list. */
	if (mwgd_track_open(d) < 0)
		mwgd_log(LOG_ERR, "tracked objects: out of memory");
	mwgd_proxy_open(d);
	if (!d->cfg.notify[0] && !d->cfg.notify_bfd[0] &&
	    !d->cfg.notify_rogue[0])
		mwgd_notify_close(d);
	else if (mwgd_notify_open(d) < 0)
		mwgd_log(LOG_ERR, "notify: hooks will not run");
	d->next_metrics_ms = mwgd_now_ms();
	mwgd_log(LOG_NOTICE, "configuration reloaded");
	sd_notify(0, "READY=1\nSTATUS=running");
}

static void write_metrics(struct mwgd *d, uint64_t now)
{
	int rc;

	if (!d->cfg.metrics_file[0] || now < d->next_metrics_ms)
		return;
	d->next_metrics_ms = now + d->cfg.metrics_interval_s * 1000ULL;
	rc = mwgd_metrics_write(d);
	if (rc < 0)
		mwgd_log(LOG_ERR, "metrics file %s: %s", d->cfg.metrics_file,
			 strerror(-rc));
}

static void write_stats(struct mwgd *d)
{
	int rc;

	if (!d->cfg.stats_file[0])
		return;
	rc = mwgd_stats_write(d, d->cfg.stats_file);
	if (rc < 0)
		mwgd_log(LOG_ERR, "stats file %s: %s", d->cfg.stats_file,
			 strerror(-rc));
}

static int open_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

/* Hooks and tracking scripts that ended; each is its owner's to handle. */
static void reap_children(struct mwgd *d)
{
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		if (!mwgd_notify_child_exited(d, pid, st))
			mwgd_track_child_exited(d, pid, st);
}

/* true when the loop should end. */
static bool on_signals(struct mwgd *d, int sfd)
{
	struct signalfd_siginfo si;
	bool stop = false;

	while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGTERM:
		case SIGINT:
			mwgd_log(LOG_NOTICE, "signal %u: exiting", si.ssi_signo);
			stop = true;
			break;
		case SIGHUP:
			sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu",
				   (unsigned long long)mwgd_now_ms() * 1000);
			reload(d);
			break;
		case SIGCHLD:
			reap_children(d);
			break;
		case SIGUSR1:
			write_stats(d);
			break;
		}
	}
	return stop;
}

static void run(struct mwgd *d, int sfd)
{
	struct pollfd pfd[4];
	uint64_t now, next;
	int timeout, nfds, kfd, hfd, hidx;

	for (;;) {
		now = mwgd_now_ms();
		next = now + 1000;
		if (d->cfg.role & MWGD_ROLE_DIRECTOR) {
			mwgd_director_timers(d, now);
			if (mwgd_director_next_ms(d) < next)
				next = mwgd_director_next_ms(d);
		}
		if (d->cfg.role & MWGD_ROLE_SCANNER) {
			mwgd_scanner_timers(d, now);
			if (mwgd_scanner_next_ms(d) < next)
				next = mwgd_scanner_next_ms(d);
		}
		mwgd_proxy_timers(d, now);
		if (mwgd_proxy_next_ms(d) < next)
			next = mwgd_proxy_next_ms(d);
		mwgd_notify_timers(d, now);
		if (mwgd_notify_next_ms(d) < next)
			next = mwgd_notify_next_ms(d);
		mwgd_track_timers(d, now);
		if (mwgd_track_next_ms(d) < next)
			next = mwgd_track_next_ms(d);
		write_metrics(d, now);
		if (d->cfg.metrics_file[0] && d->next_metrics_ms < next)
			next = d->next_metrics_ms;
		now = mwgd_now_ms();
		timeout = next > now ? (int)(next - now) : 0;

		pfd[0] = (struct pollfd){ .fd = sfd, .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = d->fd, .events = POLLIN };
		nfds = 2;
		kfd = mwgd_kernel_event_fd(d);
		if (kfd >= 0)
			pfd[nfds++] = (struct pollfd){ .fd = kfd, .events = POLLIN };
		hfd = mwgd_notify_fd(d);
		hidx = -1;
		if (hfd >= 0) {
			hidx = nfds;
			pfd[nfds++] = (struct pollfd){ .fd = hfd, .events = POLLIN };
		}
		if (poll(pfd, nfds, timeout) < 0) {
			if (errno == EINTR)
				continue;
			mwgd_log(LOG_ERR, "poll: %s", strerror(errno));
			return;
		}
		if (pfd[0].revents && on_signals(d, sfd))
			return;
		/* VR state first: an event may change how we discover. */
		if (kfd >= 0 && pfd[2].revents)
			mwgd_kernel_on_events(d);
		if (hidx >= 0 && pfd[hidx].revents)
			mwgd_notify_on_events(d);
		if (pfd[1].revents)
			mwgd_net_receive(d);
	}
}

int main(int argc, char **argv)
{
	static struct mwgd daemon_state = { .fd = -1 };
	struct mwgd *d = &daemon_state;
	struct mwgd_options opts;
	char err[512];
	int sfd, rc;

	rc = mwgd_options_parse(argc, argv, &opts);
	if (rc >= 0)
		return rc;
	if (opts.test)
		return mwgd_test_config(&opts);
	d->config_path = opts.config_path;
	d->foreground = opts.foreground;
	if (mwgd_build_config(d->config_path, &d->cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "mwgd: %s\n", err);
		return MWGD_EXIT_FAILURE;
	}
	if (opts.dump) {
		mwgd_config_dump(stdout, &d->cfg);
		return MWGD_EXIT_OK;
	}
	mwgd_log_open(d->cfg.log_to, d->foreground, d->cfg.debug);
	warn_insecure(&d->cfg);
	if (mwgd_auth_init() < 0) {
		mwgd_log(LOG_ERR, "libsodium cannot be initialised");
		return MWGD_EXIT_FAILURE;
	}
	if (load_key(&d->cfg, &d->key, err, sizeof(err)) < 0 ||
	    mwgd_node_id_get(&d->cfg, d->node_id, err, sizeof(err)) < 0 ||
	    mwgd_epoch_next(&d->cfg, mwgd_realtime_ms(), &d->epoch, err,
			    sizeof(err)) < 0 ||
	    mwgd_net_open(d, err, sizeof(err)) < 0) {
		mwgd_log(LOG_ERR, "%s", err);
		return MWGD_EXIT_FAILURE;
	}
	sfd = open_signals();
	if (sfd < 0) {
		mwgd_log(LOG_ERR, "signals: %s", strerror(errno));
		return MWGD_EXIT_FAILURE;
	}
	if (d->cfg.role & MWGD_ROLE_SCANNER && mwgd_scanner_init(d) < 0) {
		mwgd_log(LOG_ERR, "out of memory");
		return MWGD_EXIT_FAILURE;
	}
	if (d->cfg.role & MWGD_ROLE_DIRECTOR) {
		if (mwgd_director_init(d) < 0) {
			mwgd_log(LOG_ERR, "out of memory");
			return MWGD_EXIT_FAILURE;
		}
		copy_vrs(d);
		/* Without VRs to follow, a director is always the active one. */
		d->active = d->n_vrs == 0;
		if (mwgd_kernel_open(d) < 0)
			return MWGD_EXIT_FAILURE;
		/* What the last run left: kept until the first round ends. */
		mwgd_kernel_read_scanners(d);
	}
	/* Before READY=1: units ordered after mwgd find the VRs in place. */
	if (mwgd_bfds_apply(&d->cfg) < 0 && d->cfg.bfd_confs.n)
		return MWGD_EXIT_FAILURE;
	if (mwgd_vrs_apply(&d->cfg) < 0 && d->cfg.vr_confs.n)
		return MWGD_EXIT_FAILURE;
	if (mwgd_groups_apply(&d->cfg) < 0 && d->cfg.group_confs.n)
		return MWGD_EXIT_FAILURE;
	if (mwgd_notify_open(d) < 0)
		return MWGD_EXIT_FAILURE;
	if (mwgd_track_open(d) < 0) {
		mwgd_log(LOG_ERR, "out of memory");
		return MWGD_EXIT_FAILURE;
	}
	/* IPVS and the scanner's VIP before READY=1, as the VRs. */
	if (mwgd_proxy_open(d) < 0)
		return MWGD_EXIT_FAILURE;
	if (!d->foreground && daemon(0, 0) < 0) {
		mwgd_log(LOG_ERR, "daemon: %s", strerror(errno));
		return MWGD_EXIT_FAILURE;
	}
	mwgd_log(LOG_NOTICE, "started: role %s on %s, interval %u ms, dead after %u, %s",
		 d->cfg.role == MWGD_ROLE_DIRECTOR ? "director" :
		 d->cfg.role == MWGD_ROLE_SCANNER ? "scanner" : "both",
		 d->cfg.ifname, d->cfg.interval_ms, d->cfg.dead_after,
		 d->key.set ? "authenticated" : "no key");
	sd_notify(0, "READY=1\nSTATUS=running");

	run(d, sfd);
	sd_notify(0, "STOPPING=1");

	/*
	 * The kernel entries are left to their leases: a restart within a
	 * lease does not drop the live set (and the VR's priority with it).
	 */
	write_stats(d);
	/* The kernel keeps the lists: a restart starts from them. */
	mwgd_track_close(d);
	mwgd_notify_close(d);
	mwgd_proxy_close(d);
	mwgd_kernel_close(d);
	if (d->cfg.role & MWGD_ROLE_DIRECTOR)
		mwgd_director_fini(d);
	if (d->cfg.role & MWGD_ROLE_SCANNER)
		mwgd_scanner_fini(d);
	mwgd_key_wipe(&d->key);
	close(d->fd);
	close(sfd);
	return 0;
}
