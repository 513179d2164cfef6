/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libmwg: the userspace side of the mwg_vrrp generic netlink family.
 *
 * One library for every tool of the project (mwgctl, mwgd, tests), so that
 * the wire format of the contract in mwg_vrrp.h is encoded and decoded in a
 * single place:
 *
 *   session.c   socket, family and group resolution, request/reply loop,
 *               kernel errors with their extended ACK text
 *   extack.c    decoding of NLMSGERR_ATTR_* into a readable sentence
 *   msg.c       building requests (VR and scanner attributes)
 *   parse.c     replies and events into the structs below
 *   names.c     enum <-> name tables shared by text, JSON and the CLI
 *   addr.c      address and prefix parsing/formatting
 *   print.c     text and JSON renderings
 *   json.c      a small streaming JSON writer (json.h)
 *   group.c     sync groups: requests and replies
 */
#ifndef MWG_H
#define MWG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>

#include <netlink/netlink.h>
#include <netlink/msg.h>

#include "mwg_vrrp.h"

#define MWG_TOOLS_VERSION	"0.1.0"

struct mwg_json;

/* ---------------------------------------------------------------------- */
/* Errors                                                                  */

/*
 * What went wrong, ready to print.  @code is a positive errno when the
 * kernel (or the socket) said so, EIO for libnl failures that have no
 * errno.  @text prefers the kernel's extack message over strerror(), since
 * the kernel knows which attribute it disliked and why.
 */
struct mwg_error {
	int code;
	char extack[256];	/* kernel's NLMSGERR_ATTR_MSG, may be empty */
	char text[512];		/* one line, no trailing newline */
};

void mwg_error_clear(struct mwg_error *err);
void mwg_error_set_errno(struct mwg_error *err, int code);
void mwg_error_set(struct mwg_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Decode an NLMSG_ERROR (or an NLMSG_DONE that carries an error) into
 * @err.  @request, if not NULL, is the message that was sent: offsets the
 * kernel reports (NLMSGERR_ATTR_OFFS, _MISS_NEST) are mapped back to the
 * attribute they point at, so the text can name it.  Returns the negative
 * errno found in the message (0 for a plain ACK).
 */
int mwg_extack_decode(const struct nlmsghdr *hdr, const struct nlmsghdr *request,
		      struct mwg_error *err);

/* ---------------------------------------------------------------------- */
/* Session                                                                 */

struct mwg_session {
	struct nl_sock *sock;
	int family_id;
	int events_group;	/* -1 until mwg_session_subscribe() */
	struct mwg_error err;	/* the last failure of any call below */
};

/* Reply handler: return 0 to go on, a negative errno to abort. */
typedef int (*mwg_reply_fn)(struct nl_msg *msg, void *arg);

/* Connect and resolve the "mwg_vrrp" family.  0 or a negative errno. */
int mwg_session_open(struct mwg_session *s);

/*
 * The same for any generic netlink family (IPVS, ...); @missing_hint ends
 * the message when the family is not there ("is ip_vs loaded?").
 */
int mwg_session_open_family(struct mwg_session *s, const char *family,
			    const char *missing_hint);
void mwg_session_close(struct mwg_session *s);

/* A request with the genl header filled in, or NULL (-ENOMEM). */
struct nl_msg *mwg_msg_new(struct mwg_session *s, uint8_t cmd, int flags);

/* The same for another family of @version (a session of _open_family). */
struct nl_msg *mwg_genl_msg_new(struct mwg_session *s, uint8_t cmd, int flags,
				uint8_t version);

/*
 * Send @msg (always consumed) and wait until the kernel is done with it:
 * the ACK of a doit, or the NLMSG_DONE of a dump.  Each reply message is
 * handed to @fn.  Returns 0 or a negative errno, with s->err filled in.
 */
int mwg_request(struct mwg_session *s, struct nl_msg *msg, mwg_reply_fn fn,
		void *arg);

/* Requests in flight at once in mwg_request_many(). */
#define MWG_REQUEST_WINDOW	64

/*
 * Send @n doit requests (all consumed) back to back on one socket and
 * collect every ACK: one round of the kernel for a whole change set
 * instead of one per request.  The kernel handles them in order; all are
 * sent even after one fails (they are independent), unless sending itself
 * fails.  Returns 0 or the first failure, with s->err filled in and
 * *@failed set to its index (@n when all went through).
 */
int mwg_request_many(struct mwg_session *s, struct nl_msg **msgs, size_t n,
		     size_t *failed);

/* Join the "events" multicast group.  0 or a negative errno. */
int mwg_session_subscribe(struct mwg_session *s);

/*
 * Wait for and dispatch one batch of event messages to @fn.  -ENOBUFS means
 * events were lost because the socket's buffer overflowed; the caller may
 * report it and go on.  0 also when nothing came within the session's
 * receive timeout (10 s, which bounds every request's wait for its
 * answer): the caller waits again.
 */
int mwg_session_receive_events(struct mwg_session *s, mwg_reply_fn fn,
			       void *arg);

/* ---------------------------------------------------------------------- */
/* Addresses                                                               */

struct mwg_addr {
	uint8_t family;		/* AF_INET or AF_INET6 */
	uint8_t prefixlen;
	uint8_t bytes[16];	/* network byte order, 4 or 16 used */
};

static inline size_t mwg_addr_len(const struct mwg_addr *a)
{
	return a->family == AF_INET6 ? 16 : 4;
}

/* The same address (the prefix length aside). */
static inline bool mwg_addr_same(const struct mwg_addr *a,
				 const struct mwg_addr *b)
{
	return a->family == b->family &&
	       !memcmp(a->bytes, b->bytes, mwg_addr_len(a));
}

/*
 * Parse "ADDR" or, when @allow_prefix, "ADDR/LEN".  Without a length the
 * prefix is the host prefix (32 or 128).  0, -EINVAL, or -ERANGE for a
 * valid address whose length is past 32 or 128 (out->family is then set).
 */
int mwg_addr_parse(const char *text, bool allow_prefix, struct mwg_addr *out);

/* Longest result: an IPv6 address, "/128" and the NUL. */
#define MWG_ADDR_STRLEN		(46 + 4 + 1)

/* Format @a into @buf, with "/LEN" when @with_prefix. */
const char *mwg_addr_format(const struct mwg_addr *a, bool with_prefix,
			    char *buf, size_t len);

/* ---------------------------------------------------------------------- */
/* Names                                                                   */

const char *mwg_state_name(unsigned int state);
const char *mwg_reason_name(unsigned int reason);
const char *mwg_checksum_name(unsigned int checksum);
const char *mwg_family_name(unsigned int family);

/* Name -> value; -1 when unknown. */
int mwg_reason_from_name(const char *name);
int mwg_checksum_from_name(const char *name);
int mwg_family_from_name(const char *name);

/* snake_case names of the counters, NULL for the pad/unspec slots. */
const char *mwg_stats_name(unsigned int attr);
const char *mwg_ns_stats_name(unsigned int attr);

/* Short name of an attribute inside a nest of type @parent (0: top). */
const char *mwg_attr_name(unsigned int parent, unsigned int type);

/* ---------------------------------------------------------------------- */
/* Parsed objects                                                          */

#define MWG_BIT(attr)		(1ULL << (attr))

/*
 * A set of attribute types of the family's top-level space, which has
 * grown past the 64 that one uint64_t mask can hold.
 */
#define MWG_ATTRS_WORDS		2
struct mwg_attrs {
	uint64_t bits[MWG_ATTRS_WORDS];
};

_Static_assert(MWG_VRRP_A_MAX < 64 * MWG_ATTRS_WORDS,
	       "struct mwg_attrs is too small for MWG_VRRP_A_MAX");

static inline void mwg_attrs_add(struct mwg_attrs *set, unsigned int attr)
{
	set->bits[attr / 64] |= MWG_BIT(attr % 64);
}

static inline void mwg_attrs_del(struct mwg_attrs *set, unsigned int attr)
{
	set->bits[attr / 64] &= ~MWG_BIT(attr % 64);
}

static inline bool mwg_attrs_has(const struct mwg_attrs *set,
				 unsigned int attr)
{
	return set->bits[attr / 64] & MWG_BIT(attr % 64);
}

static inline bool mwg_attrs_empty(const struct mwg_attrs *set)
{
	unsigned int i;

	for (i = 0; i < MWG_ATTRS_WORDS; i++)
		if (set->bits[i])
			return false;
	return true;
}

/*
 * A virtual router, as sent in a request or received in a reply or event.
 * @have holds every MWG_VRRP_A_x attribute that is present;
 * mwg_vr_put() sends exactly those, so the same struct serves as the
 * configuration of VR_NEW/VR_SET.  Events fill OLD_STATE, REASON and
 * TIME_NS besides the key and STATE.
 */
struct mwg_vr_stats {
	uint64_t have;				/* MWG_BIT(MWG_VRRP_STATS_A_x) */
	uint64_t value[MWG_VRRP_STATS_A_MAX + 1];
};

/*
 * Room for more VIPs than the kernel accepts, so that a request past its
 * limit can still be built and the kernel's refusal tested.
 */
#define MWG_VR_VIPS_CAP		(2 * MWG_VRRP_MAX_VIPS)

/* An object a daemon tracks for a VR (MWG_VRRP_A_TRACKED_OBJ). */
struct mwg_tracked {
	char name[MWG_VRRP_TRACKED_NAME_MAX];
	uint8_t demote;			/* taken from the priority now */
	bool fault;			/* holds the VR in Initialize */
};

struct mwg_vr {
	struct mwg_attrs have;
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	uint8_t vrid;
	uint8_t family;
	uint8_t version;
	uint8_t priority;
	uint8_t effective_priority;
	uint32_t advert_interval_ms;
	uint32_t master_adver_interval_ms;
	bool preempt;
	uint32_t preempt_delay_ms;
	bool accept;
	bool vmac;			/* MWG_VRRP_A_VMAC */
	uint32_t garp_repeat;
	uint32_t garp_interval_ms;
	uint32_t garp_refresh_s;
	uint8_t checksum;
	unsigned int n_vips;
	struct mwg_addr vips[MWG_VR_VIPS_CAP];
	uint8_t state;
	uint8_t old_state;
	uint8_t reason;
	uint64_t time_ns;
	uint64_t state_age_ms;		/* MWG_VRRP_A_STATE_AGE_MS */
	struct mwg_addr master_ip;
	uint32_t track_scanners;
	uint8_t track_weight;
	unsigned int n_allow;		/* MWG_VRRP_A_ALLOW; 0: any source */
	struct mwg_addr allow[2 * MWG_VRRP_MAX_ALLOW];	/* room past the cap */
	unsigned int n_peers;		/* MWG_VRRP_A_UNICAST_PEERS; 0: multicast */
	struct mwg_addr peers[2 * MWG_VRRP_MAX_PEERS];	/* room past the cap */
	uint32_t track_ifindex;		/* MWG_VRRP_A_TRACK_IFINDEX, 0: none */
	uint8_t track_if_weight;
	bool track_if_up;		/* MWG_VRRP_A_TRACK_IF_UP, replies */
	bool track_bfd;
	struct mwg_addr bfd_peer;	/* MWG_VRRP_A_BFD_PEER */
	char group[MWG_VRRP_GROUP_NAME_MAX];	/* MWG_VRRP_A_GROUP_NAME */
	uint8_t source_mac[6];		/* MWG_VRRP_A_SOURCE_MAC, events */
	uint8_t rogue;			/* MWG_VRRP_A_ROGUE, events */
	unsigned int n_tracked;		/* MWG_VRRP_A_TRACKED */
	struct mwg_tracked tracked[2 * MWG_VRRP_MAX_TRACKED]; /* past the cap */
	struct mwg_vr_stats stats;
};

static inline bool mwg_vr_has(const struct mwg_vr *vr, unsigned int attr)
{
	return mwg_attrs_has(&vr->have, attr);
}

/* Mark @attr present in @vr, so that mwg_vr_put() sends it. */
static inline void mwg_vr_mark(struct mwg_vr *vr, unsigned int attr)
{
	mwg_attrs_add(&vr->have, attr);
}

/* What GET_INFO returns. */
struct mwg_info {
	struct mwg_attrs have;			/* MWG_VRRP_A_x present */
	char module_version[64];
	uint64_t ns_have;			/* MWG_BIT(MWG_VRRP_NS_STATS_A_x) */
	uint64_t ns[MWG_VRRP_NS_STATS_A_MAX + 1];
};

/* A live scanner (MWG_VRRP_A_SCANNER). */
struct mwg_scanner {
	uint64_t have;				/* MWG_BIT(MWG_VRRP_SCANNER_A_x) */
	uint8_t node_id[16];
	struct mwg_addr addr;
	char name[MWG_VRRP_SCANNER_NAME_MAX + 1];
	unsigned int n_ports;
	uint16_t ports[MWG_VRRP_SCANNER_MAX_PORTS];
	uint32_t load;				/* per mille */
	uint32_t capacity;
	uint32_t lease_ms;
	uint32_t age_ms;
	bool expired;				/* events: by its lease */
	bool live;				/* events: appeared (1) or gone */
	uint64_t time_ns;			/* events: MWG_VRRP_A_TIME_NS */
};

/* In mwg_scanner.have: time_ns is set (it is not a scanner attribute). */
#define MWG_SCANNER_HAVE_TIME	MWG_BIT(63)

static inline bool mwg_scanner_has(const struct mwg_scanner *sc,
				   unsigned int attr)
{
	return sc->have & MWG_BIT(attr);
}

/* The generic netlink command of a received message, or -1. */
int mwg_msg_cmd(struct nl_msg *msg);

/* Decode a VR_GET reply or a VR_EVENT.  0 or -EINVAL (not a genl msg). */
int mwg_vr_parse(struct nl_msg *msg, struct mwg_vr *vr);

/* Decode a GET_INFO reply. */
int mwg_info_parse(struct nl_msg *msg, struct mwg_info *info);

/* Decode one MWG_VRRP_A_SCANNER nest. */
int mwg_scanner_parse_nest(const struct nlattr *nest, struct mwg_scanner *sc);

/*
 * Call @fn for every scanner in a SCANNER_GET reply or SCANNER_EVENT,
 * whether sent as top-level MWG_VRRP_A_SCANNER nests or inside
 * MWG_VRRP_A_SCANNERS.  A top-level MWG_VRRP_A_TIME_NS is copied into
 * each.  Returns the number of scanners or the first negative @fn result.
 */
int mwg_scanners_foreach(struct nl_msg *msg,
			 int (*fn)(const struct mwg_scanner *sc, void *arg),
			 void *arg);

/* ---------------------------------------------------------------------- */
/* Building requests                                                       */

/* Put every attribute set in vr->have.  0 or -EMSGSIZE. */
int mwg_vr_put(struct nl_msg *msg, const struct mwg_vr *vr);

/* Put one MWG_VRRP_A_SCANNER nest.  0 or -EMSGSIZE. */
int mwg_scanner_put(struct nl_msg *msg, const struct mwg_scanner *sc);

/* ---------------------------------------------------------------------- */
/* Printing                                                                */

/* "2024-05-01T12:00:00.123456+0000" in local time. */
#define MWG_TIME_STRLEN		40
const char *mwg_format_time_ns(uint64_t time_ns, char *buf, size_t len);

/* Name of the VR's device: IFNAME, else "if<index>". */
const char *mwg_vr_dev(const struct mwg_vr *vr, char *buf, size_t len);

/* " a, b, c": addresses (with their prefix lengths) after a keyword. */
void mwg_addr_list_print(FILE *out, const struct mwg_addr *list,
			 unsigned int n, bool with_prefix);
void mwg_vr_print_text(FILE *out, const struct mwg_vr *vr);
void mwg_vr_print_json(struct mwg_json *j, const struct mwg_vr *vr);
void mwg_vr_stats_print_text(FILE *out, const struct mwg_vr_stats *st,
			     const char *indent);
void mwg_vr_stats_print_json(struct mwg_json *j, const struct mwg_vr_stats *st);

/* One line / one object for a VR_EVENT. */
void mwg_vr_event_print_text(FILE *out, const struct mwg_vr *ev);
void mwg_vr_event_print_json(struct mwg_json *j, const struct mwg_vr *ev);
/* A ROGUE_EVENT, as mwg_vr_parse() reads it. */
void mwg_rogue_event_print_text(FILE *out, const struct mwg_vr *ev);
void mwg_rogue_event_print_json(struct mwg_json *j, const struct mwg_vr *ev);
const char *mwg_rogue_name(unsigned int rogue);

void mwg_scanner_print_text(FILE *out, const struct mwg_scanner *sc);
void mwg_scanner_print_json(struct mwg_json *j, const struct mwg_scanner *sc);
void mwg_scanner_event_print_text(FILE *out, const struct mwg_scanner *sc);
void mwg_scanner_event_print_json(struct mwg_json *j,
				  const struct mwg_scanner *sc);

/* What happened to a scanner in a SCANNER_EVENT: "up", "expired", "down". */
const char *mwg_scanner_event_kind(const struct mwg_scanner *sc);

void mwg_info_print_text(FILE *out, const struct mwg_info *info);

/* ---------------------------------------------------------------------- */
/* BFD sessions                                                            */

/*
 * A BFD session as in a BFD_GET reply or a BFD_EVENT; @have holds every
 * MWG_VRRP_A_x attribute present.
 */
struct mwg_bfd {
	struct mwg_attrs have;
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	uint8_t family;
	struct mwg_addr peer;
	struct mwg_addr local;
	uint32_t tx_us;
	uint32_t rx_us;
	uint8_t mult;
	uint32_t holddown_ms;
	uint8_t state;
	uint8_t old_state;
	uint8_t diag;
	uint32_t local_disc;
	uint32_t remote_disc;
	uint8_t remote_state;
	uint8_t remote_diag;
	uint32_t remote_tx_us;
	uint32_t remote_rx_us;
	uint8_t remote_mult;
	uint32_t tx_interval_us;
	uint64_t detect_us;
	uint64_t time_ns;
	uint64_t stats_have;			/* MWG_BIT(MWG_BFD_STATS_A_x) */
	uint64_t stats[MWG_BFD_STATS_A_MAX + 1];
};

static inline bool mwg_bfd_has(const struct mwg_bfd *b, unsigned int attr)
{
	return mwg_attrs_has(&b->have, attr);
}

int mwg_bfd_parse(struct nl_msg *msg, struct mwg_bfd *b);
const char *mwg_bfd_state_name(unsigned int state);
const char *mwg_bfd_stats_name(unsigned int attr);
void mwg_bfd_print_text(FILE *out, const struct mwg_bfd *b);
void mwg_bfd_print_json(struct mwg_json *j, const struct mwg_bfd *b);
void mwg_bfd_event_print_text(FILE *out, const struct mwg_bfd *b);
void mwg_bfd_event_print_json(struct mwg_json *j, const struct mwg_bfd *b);
void mwg_info_print_json_fields(struct mwg_json *j, const struct mwg_info *info);

/* ---------------------------------------------------------------------- */
/* Sync groups (group.c)                                                   */

struct mwg_group_member {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];	/* "ifN" when the reply has none */
	uint8_t vrid;
	uint8_t family;
	bool has_state;			/* false: no such VR (yet) */
	uint8_t state;
};

struct mwg_group {
	char name[MWG_VRRP_GROUP_NAME_MAX];
	unsigned int count;
	/* Room past the kernel's limit: a request over it is the kernel's
	 * to refuse, with its own message. */
	struct mwg_group_member member[2 * MWG_VRRP_GROUP_MEMBERS_MAX];
};

/* A GROUP_GET reply or dump entry: 0, or -EINVAL for another message. */
int mwg_group_parse(struct nl_msg *msg, struct mwg_group *g);

/*
 * MWG_VRRP_A_GROUP_NAME @name and the members (ifindex, vrid, family) of
 * @g.  @name apart: a name past the kernel's limit is the kernel's to
 * refuse, so it is sent whole.
 */
int mwg_group_put(struct nl_msg *msg, const char *name,
		  const struct mwg_group *g);

/* Same name and the same members, in any order. */
bool mwg_group_equal(const struct mwg_group *a, const struct mwg_group *b);

#endif /* MWG_H */
