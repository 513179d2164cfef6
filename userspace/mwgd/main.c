// SPDX-License-Identifier: GPL-2.0
/*
 * mwgd: options, startup, the poll() loop and its signals.
 *
 * Signals arrive through a signalfd, so that a handler never runs in the
 * middle of a table update: SIGTERM/SIGINT end the loop, SIGHUP reloads
 * the configuration (the live set stays), SIGUSR1 writes the stats file.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "mwgd.h"

#define MAX_OVERRIDES	32

struct override {
	const char *key;
	char *value;
};

static struct override overrides[MAX_OVERRIDES];
static unsigned int n_overrides;

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

static void usage(FILE *out)
{
	fprintf(out,
		"usage: mwgd [-f] [-v] [-c FILE] [-r ROLE] [-i IFACE] [-a MGMT_IP]\n"
		"            [-t INTERVAL_MS] [-d DEAD_AFTER] [-k KEY_FILE]\n"
		"            [-s STATS_FILE] [-o KEY=VALUE]...\n"
		"       mwgd -V | -h\n"
		"\n"
		"  -c FILE         configuration file (see mwgd(8))\n"
		"  -f              stay in the foreground, log to stderr\n"
		"  -r ROLE         director, scanner or both\n"
		"  -i IFACE        interface of the segment\n"
		"  -a MGMT_IP      the director's management IP\n"
		"  -t MS           discovery interval (10..60000, default 1000)\n"
		"  -d N            intervals missed before a scanner is dead (default 3)\n"
		"  -k FILE         shared key file (mode 0600, owned by root)\n"
		"  -s FILE         stats file, written on SIGUSR1 and at exit\n"
		"  -o KEY=VALUE    any configuration key\n"
		"  -v              debug logging\n"
		"  -V              print the version\n");
}

static int add_override(const char *key, const char *value)
{
	if (n_overrides == MAX_OVERRIDES) {
		fprintf(stderr, "mwgd: too many overrides\n");
		return -1;
	}
	overrides[n_overrides].key = key;
	overrides[n_overrides].value = strdup(value);
	n_overrides++;
	return 0;
}

/* The file, then the command line, then the checks that need all keys. */
static int build_config(const char *path, struct mwgd_config *c, char *err,
			size_t errlen)
{
	char why[256];
	unsigned int i;

	mwgd_config_defaults(c);
	if (path && mwgd_config_load(path, c, err, errlen) < 0)
		return -1;
	for (i = 0; i < n_overrides; i++) {
		if (mwgd_config_set(c, overrides[i].key, overrides[i].value,
				    why, sizeof(why)) < 0) {
			snprintf(err, errlen, "command line: %s: %s",
				 overrides[i].key, why);
			return -1;
		}
	}
	if (mwgd_config_check(c, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "%s%s%s", path ? path : "",
			 path ? ": " : "", why);
		return -1;
	}
	if (!c->name[0]) {
		char host[256] = "";
		size_t j;

		gethostname(host, sizeof(host) - 1);
		for (j = 0; host[j] && j < MWGD_NAME_MAX; j++)
			c->name[j] = host[j] >= 0x20 && host[j] <= 0x7e ?
				     host[j] : '_';
		c->name[j] = '\0';
		if (!c->name[0])
			strcpy(c->name, "scanner");
	}
	return 0;
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
	if (build_config(d->config_path, &c, err, sizeof(err)) < 0) {
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
	mwgd_log_open(d->foreground && c.log_to != MWGD_LOG_SYSLOG, c.debug);
	if (c.role & MWGD_ROLE_DIRECTOR) {
		copy_vrs(d);
		mwgd_kernel_sync_vrs(d);
		/* New interval or lease: discover and refresh on the new terms. */
		mwgd_director_restart_rounds(d);
	}
	mwgd_vrs_apply(&d->cfg);
	mwgd_proxy_open(d);
	if (!d->cfg.notify[0] && !d->cfg.notify_bfd[0])
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
			mwgd_notify_reap(d);
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
	char err[512], *eq;
	int opt, sfd, rc = 1;

	while ((opt = getopt(argc, argv, "c:fr:i:a:t:d:k:s:o:vVh")) != -1) {
		switch (opt) {
		case 'c':
			d->config_path = optarg;
			break;
		case 'f':
			d->foreground = true;
			break;
		case 'r':
			rc = add_override("role", optarg);
			break;
		case 'i':
			rc = add_override("interface", optarg);
			break;
		case 'a':
			rc = add_override("mgmt_ip", optarg);
			break;
		case 't':
			rc = add_override("interval_ms", optarg);
			break;
		case 'd':
			rc = add_override("dead_after", optarg);
			break;
		case 'k':
			rc = add_override("key_file", optarg);
			break;
		case 's':
			rc = add_override("stats_file", optarg);
			break;
		case 'o':
			eq = strchr(optarg, '=');
			if (!eq) {
				fprintf(stderr, "mwgd: -o wants KEY=VALUE, not \"%s\"\n",
					optarg);
				return 2;
			}
			*eq = '\0';
			rc = add_override(optarg, eq + 1);
			break;
		case 'v':
			rc = add_override("debug", "yes");
			break;
		case 'V':
			printf("mwgd %s (protocol version %d)\n",
			       MWGD_VERSION_STRING, MWGD_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
		if (rc < 0)
			return 2;
	}
	if (optind < argc) {
		fprintf(stderr, "mwgd: unexpected argument \"%s\"\n", argv[optind]);
		usage(stderr);
		return 2;
	}

	if (build_config(d->config_path, &d->cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "mwgd: %s\n", err);
		return 1;
	}
	mwgd_log_open(d->foreground && d->cfg.log_to != MWGD_LOG_SYSLOG,
		      d->cfg.debug);
	if (mwgd_auth_init() < 0) {
		mwgd_log(LOG_ERR, "libsodium cannot be initialised");
		return 1;
	}
	if (load_key(&d->cfg, &d->key, err, sizeof(err)) < 0 ||
	    mwgd_node_id_get(&d->cfg, d->node_id, err, sizeof(err)) < 0 ||
	    mwgd_net_open(d, err, sizeof(err)) < 0) {
		mwgd_log(LOG_ERR, "%s", err);
		return 1;
	}
	d->epoch = mwgd_realtime_ms();
	sfd = open_signals();
	if (sfd < 0) {
		mwgd_log(LOG_ERR, "signals: %s", strerror(errno));
		return 1;
	}
	if (d->cfg.role & MWGD_ROLE_SCANNER && mwgd_scanner_init(d) < 0) {
		mwgd_log(LOG_ERR, "out of memory");
		return 1;
	}
	if (d->cfg.role & MWGD_ROLE_DIRECTOR) {
		if (mwgd_director_init(d) < 0) {
			mwgd_log(LOG_ERR, "out of memory");
			return 1;
		}
		copy_vrs(d);
		/* Without VRs to follow, a director is always the active one. */
		d->active = d->n_vrs == 0;
		if (mwgd_kernel_open(d) < 0)
			return 1;
		/* What the last run left: kept until the first round ends. */
		mwgd_kernel_read_scanners(d);
	}
	/* Before READY=1: units ordered after mwgd find the VRs in place. */
	if (mwgd_vrs_apply(&d->cfg) < 0 && d->cfg.vr_confs.n)
		return 1;
	if (mwgd_notify_open(d) < 0)
		return 1;
	/* IPVS and the scanner's VIP before READY=1, as the VRs. */
	if (mwgd_proxy_open(d) < 0)
		return 1;
	if (!d->foreground && daemon(0, 0) < 0) {
		mwgd_log(LOG_ERR, "daemon: %s", strerror(errno));
		return 1;
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
