/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mwgd: the MWG discovery daemon.  One process, one thread, one poll()
 * loop; every timer is a deadline on the monotonic clock checked by that
 * loop, so nothing runs concurrently and nothing needs a lock.
 *
 *   main.c      options, signals, the loop, reload
 *   config.c    the configuration file (libinih) and overrides
 *   proto.c     the wire format, pure (also the fuzz target)
 *   auth.c      HMAC-SHA-256 and replay windows (libsodium)
 *   table.c     the director's scanner hash table
 *   ratelimit.c announcements per source address
 *   net.c       the UDP socket
 *   director.c  discovery, announcements in, liveness, pushes
 *   scanner.c   discoveries in, announcements out
 *   kernel.c    generic netlink: VR state, SCANNER_SET/DEL (libmwg)
 *   nodeid.c    the persistent node id
 *   epoch.c     the persistent epoch
 *   stats.c     counters and the stats file
 *   options.c   the command line, and the configuration it builds
 *   log.c       stderr, syslog or the journal
 *   vrconf.c    [vr] sections of the configuration file
 *   vrsync.c    applying them to the kernel (diff against VR_GET)
 *   notify.c    the state-change hook
 *   trackconf.c track_file, track_process, track_script of [vr] sections
 *   track.c     running them, reporting to the kernel (VR_SET TRACKED)
 *   spawn.c     starting children: hooks, tracking scripts
 *   metrics.c   the Prometheus textfile
 *   proxyconf.c [proxy] sections of the configuration file
 *   proxy.c     Proxy HA: IPVS services over the live scanners, the
 *               connection-sync daemon
 *   scanner_vip.c  Proxy HA on a scanner: the VIP on lo, ARP kept quiet
 */
#ifndef MWGD_H
#define MWGD_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <syslog.h>
#include <sys/types.h>

#include "auth.h"
#include "config.h"
#include "proto.h"
#include "ratelimit.h"
#include "table.h"

#define MWGD_VERSION_STRING	"0.1.0"

/* Every counter of the stats file, in its order. */
enum mwgd_counter {
	C_RX_PACKETS,
	C_RX_DISCOVER,
	C_RX_ANNOUNCE,
	C_RX_TRUNCATED,
	C_RX_OVERSIZE,
	C_RX_BAD_MAGIC,
	C_RX_BAD_VERSION,
	C_RX_BAD_LENGTH,
	C_RX_MALFORMED,
	C_RX_WRONG_ROLE,
	C_RX_SOURCE_REFUSED,
	C_RX_AUTH_MISSING,
	C_RX_AUTH_UNEXPECTED,
	C_RX_AUTH_FAILED,
	C_RX_REPLAYED,
	C_RX_STALE_ECHO,
	C_RX_RATE_LIMITED,
	C_SCANNERS_ADDED,
	C_SCANNERS_EXPIRED,
	C_SCANNERS_REFUSED,
	C_SCANNERS_OUT_OF_SERVICE,
	C_DIRECTORS_REFUSED,
	C_TX_DISCOVER,
	C_TX_ANNOUNCE,
	C_TX_ERRORS,
	C_NL_SET_MSGS,
	C_NL_DEL_MSGS,
	C_NL_ERRORS,
	C_VR_EVENTS,
	C_TAKEOVERS,
	C_RELOADS,
	C_HOOKS_RUN,
	C_HOOKS_FAILED,
	C_HOOKS_KILLED,
	C_HOOKS_DROPPED,
	C_HOOKS_COALESCED,
	C_IPVS_CHANGE_SETS,
	C_IPVS_MSGS,
	C_IPVS_ERRORS,
	C_IPVS_DESTS_CAPPED,
	C_SYNC_SWITCHES,
	__C_MAX,
};

/* A director a scanner answers. */
struct mwgd_director {
	bool used;
	uint8_t node_id[MWGD_NODE_ID_LEN];
	struct sockaddr_in from;
	struct mwgd_replay replay;
	uint32_t interval_ms;
	uint8_t dead_after;
	uint8_t state;
	uint64_t deadline_ms;
};

struct mwgd_vr_follow {
	struct mwgd_vr_ref ref;
	unsigned int ifindex;
	bool known;		/* the kernel has this VR */
	uint8_t state;		/* enum mwg_vrrp_state */
};

/* Discoveries whose echo a director still accepts. */
#define MWGD_ECHO_RING		(MWGD_DEAD_AFTER_MAX + 2)

struct mwgd_kernel;
struct mwgd_notify;
struct mwgd_track;
struct mwgd_proxy;

struct mwgd {
	struct mwgd_config cfg;
	const char *config_path;
	bool foreground;

	uint8_t node_id[MWGD_NODE_ID_LEN];
	uint64_t epoch;
	uint32_t seq;
	struct mwgd_key key;

	int fd;				/* the UDP socket */
	unsigned int ifindex;

	/* director */
	bool active;
	uint32_t echo_ring[MWGD_ECHO_RING];
	unsigned int echo_n;		/* entries used */
	unsigned int echo_head;		/* next slot */
	struct mwgd_table table;
	struct mwgd_ratelimit announce_rl;	/* per source address */
	uint64_t rounds;		/* discoveries sent */
	uint64_t next_discover_ms;
	uint64_t flush_ms;		/* 0: nothing pending */
	uint64_t full_push_ms;		/* UINT64_MAX until settled */
	/*
	 * Until one discovery round has completed since start, the table is
	 * partial: nothing is removed from the kernel or from IPVS.  The
	 * scanners the kernel's table held at start wait in @unheard (and
	 * count against max_scanners) until they answer.
	 */
	bool settled;
	bool kernel_had_scanners;	/* @unheard was not empty at start */
	struct mwgd_table unheard;
	struct mwgd_vr_follow vrs[MWGD_MAX_VRS];
	unsigned int n_vrs;
	struct mwgd_kernel *kernel;

	/* scanner */
	struct mwgd_director *directors;
	unsigned int n_directors_cap;
	uint64_t next_director_sweep_ms;
	uint64_t load_read_ms;
	uint32_t load;
	/* portcheck.c: the ports that failed the last check. */
	uint64_t next_port_check_ms;
	unsigned int n_ports_down;
	uint16_t ports_down[MWGD_PORTS_MAX];

	struct mwgd_notify *notify;
	struct mwgd_track *track;	/* track.c: the tracked objects' state */
	uint64_t next_metrics_ms;

	struct mwgd_proxy *proxy;	/* NULL without [proxy] sections */

	uint64_t counters[__C_MAX];
};

/* Clocks, in milliseconds. */
uint64_t mwgd_now_ms(void);
uint64_t mwgd_realtime_ms(void);

/* options.c */
#define MWGD_DEF_CONFIG		"/etc/mwgd/mwgd.conf"
#define MWGD_EXIT_OK		0
#define MWGD_EXIT_FAILURE	1	/* configuration or runtime error */
#define MWGD_EXIT_USAGE		2	/* the command line is wrong */

struct mwgd_options {
	const char *config_path;	/* NULL: none (the default is absent) */
	bool config_given;
	bool foreground;
	bool test;			/* -t: check the configuration, exit */
	bool dump;			/* --dump: print it, exit */
};

/* -1 to go on, or the exit code (--help, --version, a usage error). */
int mwgd_options_parse(int argc, char **argv, struct mwgd_options *o);
/* The file at @path (or none), the options' overrides, the checks. */
int mwgd_build_config(const char *path, struct mwgd_config *c, char *err,
		      size_t errlen);
/* -t: every error of the configuration on stderr; the exit code. */
int mwgd_test_config(const struct mwgd_options *o);

/* log.c */
/* Where log lines go; MWGD_LOG_AUTO resolved with @foreground. */
void mwgd_log_open(enum mwgd_log_to to, bool foreground, bool debug);
/* Is stderr the systemd journal's stream ($JOURNAL_STREAM)? */
bool mwgd_log_stderr_is_journal(void);
/* The structured fields of a VR event, for the journal. */
struct mwgd_log_fields {
	const char *vr;		/* "eth0 vrid 51" */
	const char *state;
	const char *old_state;
	const char *reason;
};
void mwgd_log_with(int level, const struct mwgd_log_fields *fields,
		   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void mwgd_log(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* stats.c */
const char *mwgd_counter_name(enum mwgd_counter c);
int mwgd_stats_write(const struct mwgd *d, const char *path);

/* nodeid.c */
int mwgd_node_id_get(const struct mwgd_config *c, uint8_t *id, char *err,
		     size_t errlen);

/* epoch.c */
void mwgd_epoch_path(const struct mwgd_config *c, char *path, size_t len);
/*
 * The next epoch: above the one kept in the file and at least @clock_ms;
 * kept in the file before it is returned.  0, or -1 with @err set.
 */
int mwgd_epoch_next(const struct mwgd_config *c, uint64_t clock_ms,
		    uint64_t *epoch, char *err, size_t errlen);

/* net.c */
int mwgd_net_open(struct mwgd *d, char *err, size_t errlen);
int mwgd_net_send(struct mwgd *d, const uint8_t *buf, size_t len,
		  const struct sockaddr_in *to);
/* Sign (if a key is set) and send an encoded message. */
int mwgd_send_msg(struct mwgd *d, struct mwgd_msg *m,
		  const struct sockaddr_in *to);
void mwgd_net_receive(struct mwgd *d);
/* The next sequence number of this sender (a new epoch on wrap). */
uint32_t mwgd_next_seq(struct mwgd *d);
/*
 * Checks shared by both roles after parsing: source list, key.  true if
 * the message may go on; counts the reason otherwise.
 */
bool mwgd_accept_auth(struct mwgd *d, const uint8_t *buf,
		      const struct mwgd_msg *m);

/* director.c */
int mwgd_director_init(struct mwgd *d);
void mwgd_director_fini(struct mwgd *d);
uint32_t mwgd_director_interval(const struct mwgd *d);
void mwgd_director_on_announce(struct mwgd *d, const uint8_t *buf,
			       const struct mwgd_msg *m,
			       const struct sockaddr_in *from);
void mwgd_director_timers(struct mwgd *d, uint64_t now);
uint64_t mwgd_director_next_ms(const struct mwgd *d);
void mwgd_director_set_active(struct mwgd *d, bool active);
/* The kernel's table at start lists @node_id (kernel.c, before any round). */
void mwgd_director_kernel_has(struct mwgd *d, const uint8_t *node_id);
/* New terms (reload): discover and, once settled, refresh at once. */
void mwgd_director_restart_rounds(struct mwgd *d);

/* scanner.c */
int mwgd_scanner_init(struct mwgd *d);
void mwgd_scanner_fini(struct mwgd *d);
void mwgd_scanner_on_discover(struct mwgd *d, const uint8_t *buf,
			      const struct mwgd_msg *m,
			      const struct sockaddr_in *from);
void mwgd_scanner_timers(struct mwgd *d, uint64_t now);
uint64_t mwgd_scanner_next_ms(const struct mwgd *d);
unsigned int mwgd_scanner_directors(const struct mwgd *d);

/* portcheck.c */
void mwgd_portcheck_timers(struct mwgd *d, uint64_t now);
uint64_t mwgd_portcheck_next_ms(const struct mwgd *d);
/* The ports to announce into @ports; false: none answers (out of service). */
bool mwgd_portcheck_live(const struct mwgd *d, uint16_t *ports,
			 unsigned int *n_ports);

/* kernel.c */
int mwgd_kernel_open(struct mwgd *d);
void mwgd_kernel_close(struct mwgd *d);
int mwgd_kernel_event_fd(const struct mwgd *d);
void mwgd_kernel_on_events(struct mwgd *d);
/* (Re)read the state of every followed VR with VR_GET. */
void mwgd_kernel_sync_vrs(struct mwgd *d);
/*
 * Read the kernel's scanner table into the director's unheard set (at
 * start, before the first discovery).
 */
int mwgd_kernel_read_scanners(struct mwgd *d);
/*
 * Push queued removals, then dirty entries, or everything when @full:
 * deletions first, so that the kernel's table never holds more than
 * max_scanners entries, not even for a moment.
 */
int mwgd_kernel_push(struct mwgd *d, bool full);

/* vrsync.c: create, change and delete VRs to match the [vr] sections. */
int mwgd_vrs_apply(const struct mwgd_config *c);

/*
 * sectsync.c: open @s and dump the kernel's objects of @cmd into @fn;
 * failures are logged as "[@what] sections not applied".  The caller
 * closes @s either way.
 */
int mwgd_sections_dump(struct mwg_session *s, const char *what, uint8_t cmd,
		       const char *cmd_name, mwg_reply_fn fn, void *arg);

/* groupsync.c: the same for the [group] sections, after the VRs. */
int mwgd_groups_apply(const struct mwgd_config *c);

/* bfdsync.c: the same for the [bfd] sections, before the VRs. */
int mwgd_bfds_apply(const struct mwgd_config *c);

/* notify.c */
int mwgd_notify_open(struct mwgd *d);
void mwgd_notify_close(struct mwgd *d);
int mwgd_notify_fd(const struct mwgd *d);
void mwgd_notify_on_events(struct mwgd *d);
/* A child has ended: true when it was a hook (then it is dealt with). */
bool mwgd_notify_child_exited(struct mwgd *d, pid_t pid, int status);
/* Kill hooks past their timeout. */
void mwgd_notify_timers(struct mwgd *d, uint64_t now);
uint64_t mwgd_notify_next_ms(const struct mwgd *d);

/* track.c */
/* Start tracking what d->cfg asks (again, after a reload). */
int mwgd_track_open(struct mwgd *d);
void mwgd_track_close(struct mwgd *d);
void mwgd_track_timers(struct mwgd *d, uint64_t now);
uint64_t mwgd_track_next_ms(const struct mwgd *d);
/* A child has ended: true when it was a tracking script. */
bool mwgd_track_child_exited(struct mwgd *d, pid_t pid, int status);

/* proxy.c */
/* Set up what the [proxy] sections ask (and undo what they no longer do). */
int mwgd_proxy_open(struct mwgd *d);
/* Flush or keep IPVS as configured, put lo and the sysctls back. */
void mwgd_proxy_close(struct mwgd *d);
/* The live set or the configuration changed: reconcile IPVS now. */
void mwgd_proxy_reconcile(struct mwgd *d);
/* A VR changed state: master or backup sync daemon. */
void mwgd_proxy_vr_changed(struct mwgd *d);
/* Periodic work: drains that end, a resync now and then. */
void mwgd_proxy_timers(struct mwgd *d, uint64_t now);
uint64_t mwgd_proxy_next_ms(const struct mwgd *d);

/* metrics.c */
int mwgd_metrics_write(const struct mwgd *d);

#endif /* MWGD_H */
