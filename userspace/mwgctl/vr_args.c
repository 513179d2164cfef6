// SPDX-License-Identifier: GPL-2.0
/*
 * Arguments of the "vr" commands.
 *
 * One table describes every keyword: the attribute it sets, the commands
 * that take it and its range (the limits of mwg_vrrp.h).  Checks that
 * involve several keywords (the family of the VIPs, the interval a VRRP
 * version can carry) follow once all words are read.  With no_check, only
 * what cannot be encoded at all is refused, so the kernel's validation can
 * be exercised with values it must reject.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include "match.h"
#include "vr_args.h"

#define ALL_CMDS	((1u << VR_CMD_ADD) | (1u << VR_CMD_SET) | \
			 (1u << VR_CMD_DEL) | (1u << VR_CMD_SHOW))
#define CONFIG_CMDS	((1u << VR_CMD_ADD) | (1u << VR_CMD_SET))

enum vr_key_kind {
	KEY_DEV,
	KEY_UINT,	/* width from the field of struct mwg_vr */
	KEY_MS,		/* a duration, in ms unless it names its unit */
	KEY_S,		/* a duration, in seconds unless it names its unit */
	KEY_ONOFF,
	KEY_FAMILY,
	KEY_CHECKSUM,
	KEY_VIP,
	KEY_ADDR,	/* one address, of the VR's family */
	KEY_TRACK_DEV,	/* an interface name, or none */
	KEY_ADDR_LIST,	/* allow prefixes or unicast peers, or none */
	KEY_TRACKED,	/* NAME:DEMOTE or NAME:fault, or none */
};

struct vr_key {
	const char *name;
	const char *alias;
	enum vr_key_kind kind;
	unsigned int cmds;
	unsigned int attr;
	size_t offset;
	size_t size;
	uint64_t min, max;
};

#define FIELD(f)	offsetof(struct mwg_vr, f), sizeof(((struct mwg_vr *)0)->f)

static const struct vr_key vr_keys[] = {
	{ "dev", NULL, KEY_DEV, ALL_CMDS, MWG_VRRP_A_IFINDEX, FIELD(ifindex), 0, 0 },
	{ "vrid", NULL, KEY_UINT, ALL_CMDS, MWG_VRRP_A_VRID, FIELD(vrid),
	  MWG_VRRP_VRID_MIN, MWG_VRRP_VRID_MAX },
	{ "family", NULL, KEY_FAMILY, ALL_CMDS, MWG_VRRP_A_FAMILY, FIELD(family),
	  0, 0 },
	{ "prio", "priority", KEY_UINT, CONFIG_CMDS, MWG_VRRP_A_PRIORITY,
	  FIELD(priority), 1, MWG_VRRP_PRIO_OWNER },
	/* Refined once the version is known, see check_interval(). */
	{ "interval", NULL, KEY_MS, CONFIG_CMDS, MWG_VRRP_A_ADVERT_INTERVAL_MS,
	  FIELD(advert_interval_ms), MWG_VRRP_ADVERT_MS_MIN,
	  MWG_VRRP_V2_ADVERT_MS_MAX },
	{ "vip", NULL, KEY_VIP, CONFIG_CMDS, MWG_VRRP_A_VIPS, FIELD(vips), 0, 0 },
	{ "preempt", NULL, KEY_ONOFF, CONFIG_CMDS, MWG_VRRP_A_PREEMPT,
	  FIELD(preempt), 0, 0 },
	{ "preempt-delay", NULL, KEY_MS, CONFIG_CMDS,
	  MWG_VRRP_A_PREEMPT_DELAY_MS, FIELD(preempt_delay_ms),
	  0, MWG_VRRP_PREEMPT_DELAY_MS_MAX },
	{ "accept", NULL, KEY_ONOFF, CONFIG_CMDS, MWG_VRRP_A_ACCEPT,
	  FIELD(accept), 0, 0 },
	{ "vmac", NULL, KEY_ONOFF, CONFIG_CMDS, MWG_VRRP_A_VMAC,
	  FIELD(vmac), 0, 0 },
	{ "checksum", NULL, KEY_CHECKSUM, CONFIG_CMDS, MWG_VRRP_A_CHECKSUM,
	  FIELD(checksum), 0, 0 },
	{ "garp-repeat", NULL, KEY_UINT, CONFIG_CMDS, MWG_VRRP_A_GARP_REPEAT,
	  FIELD(garp_repeat), 0, MWG_VRRP_GARP_REPEAT_MAX },
	{ "garp-interval", NULL, KEY_MS, CONFIG_CMDS,
	  MWG_VRRP_A_GARP_INTERVAL_MS, FIELD(garp_interval_ms),
	  MWG_VRRP_GARP_INTERVAL_MS_MIN, MWG_VRRP_GARP_INTERVAL_MS_MAX },
	{ "garp-refresh", NULL, KEY_S, CONFIG_CMDS,
	  MWG_VRRP_A_GARP_REFRESH_S, FIELD(garp_refresh_s),
	  0, MWG_VRRP_GARP_REFRESH_S_MAX },
	{ "version", NULL, KEY_UINT, CONFIG_CMDS, MWG_VRRP_A_VERSION,
	  FIELD(version), 2, 3 },
	{ "track-scanners", NULL, KEY_UINT, CONFIG_CMDS,
	  MWG_VRRP_A_TRACK_SCANNERS, FIELD(track_scanners),
	  0, MWG_VRRP_SCANNERS_MAX },
	{ "weight", "track-weight", KEY_UINT, CONFIG_CMDS,
	  MWG_VRRP_A_TRACK_WEIGHT, FIELD(track_weight), 0, UINT8_MAX },
	{ "track-bfd", NULL, KEY_ONOFF, CONFIG_CMDS, MWG_VRRP_A_TRACK_BFD,
	  FIELD(track_bfd), 0, 0 },
	{ "bfd-peer", NULL, KEY_ADDR, CONFIG_CMDS, MWG_VRRP_A_BFD_PEER,
	  FIELD(bfd_peer), 0, 0 },
	{ "allow", NULL, KEY_ADDR_LIST, CONFIG_CMDS, MWG_VRRP_A_ALLOW,
	  FIELD(allow), 0, 0 },
	{ "peer", "unicast-peer", KEY_ADDR_LIST, CONFIG_CMDS,
	  MWG_VRRP_A_UNICAST_PEERS, FIELD(peers), 0, 0 },
	{ "track-if", NULL, KEY_TRACK_DEV, CONFIG_CMDS,
	  MWG_VRRP_A_TRACK_IFINDEX, FIELD(track_ifindex), 0, 0 },
	/* 0: the VR goes to Initialize while the interface is down. */
	{ "track-if-weight", NULL, KEY_UINT, CONFIG_CMDS,
	  MWG_VRRP_A_TRACK_IF_WEIGHT, FIELD(track_if_weight), 0, 254 },
	/* What a tracking daemon reports (mwgd's track_* keys do it). */
	{ "tracked", NULL, KEY_TRACKED, 1u << VR_CMD_SET, MWG_VRRP_A_TRACKED,
	  FIELD(tracked), 0, UINT8_MAX },
};

#define N_KEYS	(sizeof(vr_keys) / sizeof(vr_keys[0]))

/*
 * The key @word names for @cmd, exactly or by a prefix that names one key
 * alone; NULL with *@result MATCH_NONE or MATCH_AMBIGUOUS otherwise.
 */
static const struct vr_key *find_key(enum vr_cmd cmd, const char *word,
				     int *result)
{
	const char *names[2 * N_KEYS];
	int canon[2 * N_KEYS];
	unsigned int i;

	for (i = 0; i < N_KEYS; i++) {
		const struct vr_key *k = &vr_keys[i];
		bool valid = k->cmds & (1u << cmd);

		names[2 * i] = valid ? k->name : NULL;
		names[2 * i + 1] = valid ? k->alias : NULL;
		canon[2 * i] = i;
		canon[2 * i + 1] = i;
	}
	*result = match_word(word, names, 2 * N_KEYS, canon);
	return *result >= 0 ? &vr_keys[*result] : NULL;
}

/* "unknown keyword", with the nearest one or the keys it could mean. */
static int key_error(enum vr_cmd cmd, struct args *a, const char *word,
		     int result)
{
	const char *names[2 * N_KEYS];
	unsigned int i;

	for (i = 0; i < N_KEYS; i++) {
		bool valid = vr_keys[i].cmds & (1u << cmd);

		names[2 * i] = valid ? vr_keys[i].name : NULL;
		names[2 * i + 1] = valid ? vr_keys[i].alias : NULL;
	}
	match_describe("keyword", word, names, 2 * N_KEYS, result, a->err,
		       sizeof(a->err));
	return -1;
}

bool vr_args_is_keyword(enum vr_cmd cmd, const char *word)
{
	int result;

	/* An ambiguous abbreviation is still meant as a keyword. */
	return find_key(cmd, word, &result) || result == MATCH_AMBIGUOUS;
}

static void store_uint(struct mwg_vr *vr, const struct vr_key *k, uint64_t v)
{
	char *field = (char *)vr + k->offset;

	if (k->size == 1)
		*(uint8_t *)field = v;
	else
		*(uint32_t *)field = v;
}

/* "vip A [B ...]": addresses up to the next keyword. */
static int parse_vips(enum vr_cmd cmd, struct args *a, struct mwg_vr *vr)
{
	unsigned int before = vr->n_vips, i;
	const char *word;
	int rc;

	while ((word = args_peek(a)) && !vr_args_is_keyword(cmd, word)) {
		struct mwg_addr addr;

		args_next(a);
		rc = mwg_addr_parse(word, true, &addr);
		if (rc == -ERANGE)
			return args_error(a, "invalid vip \"%s\": prefix length %s out of range 0-%u",
					  word, strchr(word, '/') + 1,
					  addr.family == AF_INET ? 32 : 128);
		if (rc < 0) {
			/*
			 * After at least one address, a word that does not
			 * even look like one is a mistyped keyword.
			 */
			if (vr->n_vips > before && !strpbrk(word, ".:/"))
				return key_error(cmd, a, word, MATCH_NONE);
			return args_error(a, "invalid vip \"%s\": not an IPv4 or IPv6 address[/prefix]",
					  word);
		}
		for (i = 0; i < vr->n_vips; i++)
			if (!a->no_check &&
			    vr->vips[i].family == addr.family &&
			    !memcmp(vr->vips[i].bytes, addr.bytes,
				    mwg_addr_len(&addr)))
				return args_error(a, "vip \"%s\" given twice",
						  word);
		if (vr->n_vips >= MWG_VR_VIPS_CAP ||
		    (!a->no_check && vr->n_vips >= MWG_VRRP_MAX_VIPS))
			return args_error(a, "too many vips: at most %d",
					  a->no_check ? MWG_VR_VIPS_CAP :
					  MWG_VRRP_MAX_VIPS);
		vr->vips[vr->n_vips++] = addr;
	}
	if (vr->n_vips == before)
		return args_error(a, "\"vip\" needs an address");
	mwg_vr_mark(vr, MWG_VRRP_A_VIPS);
	return 0;
}

/*
 * "allow PREFIX [PREFIX...]" (the sources adverts are taken from) or
 * "peer ADDR [ADDR...]" (unicast mode), each repeatable, or "KEY none".
 */
static int parse_addr_list(enum vr_cmd cmd, const struct vr_key *k,
			   struct args *a, struct mwg_vr *vr)
{
	bool peers = k->attr == MWG_VRRP_A_UNICAST_PEERS;
	unsigned int *n = peers ? &vr->n_peers : &vr->n_allow;
	struct mwg_addr *list = peers ? vr->peers : vr->allow;
	unsigned int room = peers ? sizeof(vr->peers) / sizeof(vr->peers[0]) :
				    sizeof(vr->allow) / sizeof(vr->allow[0]);
	unsigned int max = peers ? MWG_VRRP_MAX_PEERS : MWG_VRRP_MAX_ALLOW;
	const char *what = peers ? "an address" : "a prefix";
	unsigned int before = *n;
	const char *word;
	int rc;

	if ((word = args_peek(a)) && !strcmp(word, "none")) {
		args_next(a);
		*n = 0;
		mwg_vr_mark(vr, k->attr);
		return 0;
	}
	while ((word = args_peek(a)) && !vr_args_is_keyword(cmd, word)) {
		struct mwg_addr addr;

		args_next(a);
		rc = mwg_addr_parse(word, !peers, &addr);
		if (rc == -ERANGE)
			return args_error(a, "invalid %s \"%s\": prefix length %s out of range 0-%u",
					  k->name, word, strchr(word, '/') + 1,
					  addr.family == AF_INET ? 32 : 128);
		if (rc < 0)
			return args_error(a, "invalid %s \"%s\": not an IPv4 or IPv6 address%s",
					  k->name, word, peers ? "" : "[/prefix]");
		if (*n >= room || (!a->no_check && *n >= max))
			return args_error(a, "too many %s: at most %u",
					  peers ? "unicast peers" :
					  "allow prefixes", max);
		list[(*n)++] = addr;
	}
	if (*n == before)
		return args_error(a, "\"%s\" needs %s or \"none\"", k->name,
				  what);
	mwg_vr_mark(vr, k->attr);
	return 0;
}

/* One "NAME:DEMOTE" or "NAME:fault" word into @t. */
static int parse_tracked_word(struct args *a, const char *word,
			      struct mwg_tracked *t)
{
	const char *colon = strrchr(word, ':');
	size_t len = colon ? (size_t)(colon - word) : 0;
	uint64_t n;

	if (!len || !colon[1])
		return args_error(a, "invalid tracked \"%s\": NAME:DEMOTE or NAME:fault",
				  word);
	if (len >= sizeof(t->name))
		return args_error(a, "invalid tracked \"%s\": a name has at most %zu characters",
				  word, sizeof(t->name) - 1);
	memset(t, 0, sizeof(*t));
	memcpy(t->name, word, len);
	if (!strcmp(colon + 1, "fault")) {
		t->fault = true;
		return 0;
	}
	if (parse_uint(colon + 1, &n) < 0 || n > UINT8_MAX)
		return args_error(a, "invalid tracked \"%s\": demote %s out of range 0-255",
				  word, colon + 1);
	t->demote = n;
	return 0;
}

/* "tracked NAME:DEMOTE|NAME:fault [...]", repeatable, or "tracked none". */
static int parse_tracked(enum vr_cmd cmd, struct args *a, struct mwg_vr *vr)
{
	unsigned int room = sizeof(vr->tracked) / sizeof(vr->tracked[0]);
	unsigned int before = vr->n_tracked;
	const char *word;

	if ((word = args_peek(a)) && !strcmp(word, "none")) {
		args_next(a);
		vr->n_tracked = 0;
		mwg_vr_mark(vr, MWG_VRRP_A_TRACKED);
		return 0;
	}
	while ((word = args_peek(a)) && !vr_args_is_keyword(cmd, word)) {
		args_next(a);
		if (vr->n_tracked >= room ||
		    (!a->no_check && vr->n_tracked >= MWG_VRRP_MAX_TRACKED))
			return args_error(a, "too many tracked objects: at most %u",
					  MWG_VRRP_MAX_TRACKED);
		if (parse_tracked_word(a, word,
				       &vr->tracked[vr->n_tracked]) < 0)
			return -1;
		vr->n_tracked++;
	}
	if (vr->n_tracked == before)
		return args_error(a, "\"tracked\" needs NAME:DEMOTE, NAME:fault or \"none\"");
	mwg_vr_mark(vr, MWG_VRRP_A_TRACKED);
	return 0;
}

static int parse_key(enum vr_cmd cmd, const struct vr_key *k, struct args *a,
		     struct vr_args *out)
{
	struct mwg_vr *vr = &out->vr;
	const char *v;
	uint64_t n;
	int val;

	switch (k->kind) {
	case KEY_DEV:
		out->dev = args_value(a, k->name);
		if (!out->dev)
			return -1;
		if (!out->dev[0] || strlen(out->dev) >= IF_NAMESIZE)
			return args_error(a, "invalid dev \"%s\"", out->dev);
		return 0;
	case KEY_TRACK_DEV:
		v = args_value(a, k->name);
		if (!v)
			return -1;
		if (!v[0] || strlen(v) >= IF_NAMESIZE)
			return args_error(a, "invalid %s \"%s\"", k->name, v);
		if (!strcmp(v, "none")) {
			out->track_dev = NULL;
			vr->track_ifindex = 0;
			break;
		}
		/* The index once resolved; the attribute is sent either way. */
		out->track_dev = v;
		break;
	case KEY_UINT:
		if (args_uint(a, k->name, k->min, k->max,
			      k->size == 1 ? UINT8_MAX : UINT32_MAX, &n) < 0)
			return -1;
		store_uint(vr, k, n);
		break;
	case KEY_MS:
	case KEY_S:
		if (args_duration(a, k->name, k->kind == KEY_MS ? 1 : 1000,
				  k->min, k->max, UINT32_MAX, &n) < 0)
			return -1;
		store_uint(vr, k, n);
		break;
	case KEY_ONOFF:
		if (args_onoff(a, k->name, (bool *)((char *)vr + k->offset)) < 0)
			return -1;
		break;
	case KEY_FAMILY:
		v = args_value(a, k->name);
		if (!v)
			return -1;
		val = mwg_family_from_name(v);
		if (val < 0)
			return args_error(a, "invalid family \"%s\": must be inet or inet6",
					  v);
		vr->family = val;
		break;
	case KEY_CHECKSUM:
		v = args_value(a, k->name);
		if (!v)
			return -1;
		val = mwg_checksum_from_name(v);
		if (val < 0)
			return args_error(a, "invalid checksum \"%s\": must be pseudo or rfc9568",
					  v);
		vr->checksum = val;
		break;
	case KEY_ADDR:
		v = args_value(a, k->name);
		if (!v)
			return -1;
		if (mwg_addr_parse(v, false, &vr->bfd_peer) < 0)
			return args_error(a, "invalid %s \"%s\": not an address",
					  k->name, v);
		break;
	case KEY_VIP:
		return parse_vips(cmd, a, vr);
	case KEY_ADDR_LIST:
		return parse_addr_list(cmd, k, a, vr);
	case KEY_TRACKED:
		return parse_tracked(cmd, a, vr);
	}
	mwg_vr_mark(vr, k->attr);
	return 0;
}

/* The interval a VRRP version can carry: centiseconds (v3), seconds (v2). */
static int check_interval(struct args *a, const struct mwg_vr *vr,
			  enum vr_cmd cmd)
{
	uint32_t ms = vr->advert_interval_ms;
	unsigned int version;

	if (!mwg_vr_has(vr, MWG_VRRP_A_ADVERT_INTERVAL_MS))
		return 0;
	if (mwg_vr_has(vr, MWG_VRRP_A_VERSION))
		version = vr->version;
	else if (cmd == VR_CMD_ADD)
		version = 3;		/* the kernel's default */
	else
		version = 0;		/* unknown: the kernel checks */

	if (version == 2 && (ms % 1000 || ms < 1000))
		return args_error(a, "invalid interval %u: VRRPv2 advertises whole seconds (1000..%u ms)",
				  ms, MWG_VRRP_V2_ADVERT_MS_MAX);
	if (version == 3 && ms > MWG_VRRP_ADVERT_MS_MAX)
		return args_error(a, "invalid interval %u: VRRPv3 allows %u..%u ms",
				  ms, MWG_VRRP_ADVERT_MS_MIN,
				  MWG_VRRP_ADVERT_MS_MAX);
	if (version != 2 && ms % 10)
		return args_error(a, "invalid interval %u: must be a multiple of 10 ms (centiseconds on the wire)",
				  ms);
	return 0;
}

/* A "vr set" names something besides the key (vrid and family). */
static bool vr_changes_something(const struct mwg_vr *vr)
{
	struct mwg_attrs rest = vr->have;

	mwg_attrs_del(&rest, MWG_VRRP_A_VRID);
	mwg_attrs_del(&rest, MWG_VRRP_A_FAMILY);
	return !mwg_attrs_empty(&rest);
}

static int check_family(struct args *a, struct mwg_vr *vr)
{
	char addr[MWG_ADDR_STRLEN];
	unsigned int i;

	for (i = 0; i < vr->n_vips; i++) {
		if (vr->vips[i].family == vr->family)
			continue;
		mwg_addr_format(&vr->vips[i], true, addr, sizeof(addr));
		return args_error(a, "vip %s is not an %s address%s", addr,
				  mwg_family_name(vr->family),
				  mwg_vr_has(vr, MWG_VRRP_A_FAMILY) ?
				  "" : " (vips of one router share a family)");
	}
	if (vr->family == AF_INET6 && mwg_vr_has(vr, MWG_VRRP_A_VERSION) &&
	    vr->version == 2)
		return args_error(a, "VRRP version 2 is IPv4 only");
	return 0;
}

int vr_args_parse(enum vr_cmd cmd, struct args *a, struct vr_args *out)
{
	const char *word;

	memset(out, 0, sizeof(*out));

	/*
	 * A key given twice takes its last value, so that a wrapper script
	 * can append options that override its defaults; "vip" instead adds
	 * to the list ("vip A vip B").
	 */
	while ((word = args_next(a))) {
		int result;
		const struct vr_key *k = find_key(cmd, word, &result);

		if (!k)
			return key_error(cmd, a, word, result);
		if (parse_key(cmd, k, a, out) < 0)
			return -1;
	}

	/* The family follows from the VIPs unless given. */
	if (!mwg_vr_has(&out->vr, MWG_VRRP_A_FAMILY) && out->vr.n_vips) {
		out->vr.family = out->vr.vips[0].family;
		if (!a->no_check && check_family(a, &out->vr) < 0)
			return -1;
		mwg_vr_mark(&out->vr, MWG_VRRP_A_FAMILY);
	}

	if (a->no_check)
		return 0;

	if (cmd != VR_CMD_SHOW && !out->dev)
		return args_error(a, "missing \"dev\"");
	if (cmd != VR_CMD_SHOW && !mwg_vr_has(&out->vr, MWG_VRRP_A_VRID))
		return args_error(a, "missing \"vrid\"");
	if (cmd == VR_CMD_ADD && !mwg_vr_has(&out->vr, MWG_VRRP_A_PRIORITY))
		return args_error(a, "missing \"prio\"");
	if (cmd == VR_CMD_ADD && !out->vr.n_vips)
		return args_error(a, "missing \"vip\"");
	if (cmd == VR_CMD_SET && !vr_changes_something(&out->vr))
		return args_error(a, "nothing to change");
	if (check_family(a, &out->vr) < 0)
		return -1;
	return check_interval(a, &out->vr, cmd);
}
