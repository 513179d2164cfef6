// SPDX-License-Identifier: GPL-2.0
/*
 * Replies and events into structs.
 *
 * Parsing is lenient about what it does not know (newer kernels may add
 * attributes) and strict about what it reads: an attribute whose length
 * does not fit its type is treated as absent rather than read past its end.
 * Integers are accepted in any of the widths 1, 2, 4 and 8, so that a
 * counter widened on the kernel side does not vanish from the output.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "mwg.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static bool get_uint(const struct nlattr *nla, uint64_t *v)
{
	const void *p = nla_data(nla);

	switch (nla_len(nla)) {
	case 1:
		*v = *(const uint8_t *)p;
		return true;
	case 2: {
		uint16_t x;

		memcpy(&x, p, sizeof(x));
		*v = x;
		return true;
	}
	case 4: {
		uint32_t x;

		memcpy(&x, p, sizeof(x));
		*v = x;
		return true;
	}
	case 8:
		memcpy(v, p, sizeof(*v));
		return true;
	default:
		return false;
	}
}

static void get_string(const struct nlattr *nla, char *dst, size_t len)
{
	size_t n = nla_len(nla);

	if (n >= len)
		n = len - 1;
	memcpy(dst, nla_data(nla), n);
	dst[n] = '\0';
}

/* 4 or 16 bytes: the family follows from the length. */
static bool get_addr(const struct nlattr *nla, struct mwg_addr *a)
{
	memset(a, 0, sizeof(*a));
	switch (nla_len(nla)) {
	case 4:
		a->family = AF_INET;
		a->prefixlen = 32;
		break;
	case 16:
		a->family = AF_INET6;
		a->prefixlen = 128;
		break;
	default:
		return false;
	}
	memcpy(a->bytes, nla_data(nla), nla_len(nla));
	return true;
}

int mwg_msg_cmd(struct nl_msg *msg)
{
	struct nlmsghdr *hdr = nlmsg_hdr(msg);

	if (!genlmsg_valid_hdr(hdr, 0))
		return -1;
	return ((struct genlmsghdr *)nlmsg_data(hdr))->cmd;
}

/* A nest of @entry nests (address, prefix length) into @addrs, @cap max. */
static unsigned int parse_prefixes(const struct nlattr *list, int entry,
				   struct mwg_addr *addrs, unsigned int cap)
{
	const struct nlattr *e;
	unsigned int n = 0;
	int rem;

	nla_for_each_nested(e, (struct nlattr *)list, rem) {
		struct nlattr *tb[MWG_VRRP_VIP_A_MAX + 1];
		struct mwg_addr *a;
		uint64_t len;

		if (nla_type(e) != entry || n >= cap)
			continue;
		if (nla_parse_nested(tb, MWG_VRRP_VIP_A_MAX,
				     (struct nlattr *)e, NULL) < 0 ||
		    !tb[MWG_VRRP_VIP_A_ADDR])
			continue;
		a = &addrs[n];
		if (!get_addr(tb[MWG_VRRP_VIP_A_ADDR], a))
			continue;
		if (tb[MWG_VRRP_VIP_A_PREFIXLEN] &&
		    get_uint(tb[MWG_VRRP_VIP_A_PREFIXLEN], &len) &&
		    len <= a->prefixlen)
			a->prefixlen = len;
		n++;
	}
	return n;
}

static void parse_counters(const struct nlattr *nest, unsigned int max,
			   uint64_t *have, uint64_t *values)
{
	const struct nlattr *nla;
	int rem;

	nla_for_each_nested(nla, (struct nlattr *)nest, rem) {
		unsigned int type = nla_type(nla);

		if (type == 0 || type > max)
			continue;
		if (get_uint(nla, &values[type]))
			*have |= MWG_BIT(type);
	}
}

/* An integer attribute, and the field of 1, 4 or 8 bytes it lands in. */
struct scalar {
	unsigned int attr;
	unsigned int width;
	size_t offset;
};

#define SCALAR(type, attr, field) \
	{ attr, sizeof(((type *)0)->field), offsetof(type, field) }

/*
 * Each attribute of @table found in @tb into its field of the struct at
 * @base, and into @have.
 */
static void parse_scalars(struct nlattr **tb, const struct scalar *table,
			  size_t n, void *base, struct mwg_attrs *have)
{
	uint64_t v;
	size_t i;

	for (i = 0; i < n; i++) {
		void *field = (char *)base + table[i].offset;

		if (!tb[table[i].attr] || !get_uint(tb[table[i].attr], &v))
			continue;
		if (table[i].width == 1)
			*(uint8_t *)field = v;
		else if (table[i].width == 4)
			*(uint32_t *)field = v;
		else
			*(uint64_t *)field = v;
		mwg_attrs_add(have, table[i].attr);
	}
}

/* The family's top-level attributes of a reply or event. */
static int parse_attrs(struct nl_msg *msg, struct nlattr **tb)
{
	if (!genlmsg_valid_hdr(nlmsg_hdr(msg), 0) ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, MWG_VRRP_A_MAX, NULL) < 0)
		return -EINVAL;
	return 0;
}

/* The entries of a MWG_VRRP_A_TRACKED nest, up to @max of them. */
static unsigned int parse_tracked(struct nlattr *nest, struct mwg_tracked *out,
				  unsigned int max)
{
	struct nlattr *tb[MWG_VRRP_TRACKED_A_MAX + 1], *a;
	unsigned int n = 0;
	uint64_t v;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		if (n == max)
			break;
		if (nla_type(a) != MWG_VRRP_A_TRACKED_OBJ ||
		    nla_parse_nested(tb, MWG_VRRP_TRACKED_A_MAX, a, NULL) < 0 ||
		    !tb[MWG_VRRP_TRACKED_A_NAME])
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		get_string(tb[MWG_VRRP_TRACKED_A_NAME], out[n].name,
			   sizeof(out[n].name));
		if (tb[MWG_VRRP_TRACKED_A_DEMOTE] &&
		    get_uint(tb[MWG_VRRP_TRACKED_A_DEMOTE], &v))
			out[n].demote = v;
		if (tb[MWG_VRRP_TRACKED_A_FAULT] &&
		    get_uint(tb[MWG_VRRP_TRACKED_A_FAULT], &v))
			out[n].fault = v != 0;
		n++;
	}
	return n;
}

int mwg_vr_parse(struct nl_msg *msg, struct mwg_vr *vr)
{
	/* Where each integer attribute lands, and how wide the field is. */
	static const struct scalar scalars[] = {
#define VR_SCALAR(attr, field) SCALAR(struct mwg_vr, attr, field)
		VR_SCALAR(MWG_VRRP_A_IFINDEX, ifindex),
		VR_SCALAR(MWG_VRRP_A_VRID, vrid),
		VR_SCALAR(MWG_VRRP_A_FAMILY, family),
		VR_SCALAR(MWG_VRRP_A_VERSION, version),
		VR_SCALAR(MWG_VRRP_A_PRIORITY, priority),
		VR_SCALAR(MWG_VRRP_A_EFFECTIVE_PRIORITY, effective_priority),
		VR_SCALAR(MWG_VRRP_A_ADVERT_INTERVAL_MS, advert_interval_ms),
		VR_SCALAR(MWG_VRRP_A_MASTER_ADVER_INTERVAL_MS,
		       master_adver_interval_ms),
		VR_SCALAR(MWG_VRRP_A_PREEMPT_DELAY_MS, preempt_delay_ms),
		VR_SCALAR(MWG_VRRP_A_GARP_REPEAT, garp_repeat),
		VR_SCALAR(MWG_VRRP_A_GARP_INTERVAL_MS, garp_interval_ms),
		VR_SCALAR(MWG_VRRP_A_GARP_REFRESH_S, garp_refresh_s),
		VR_SCALAR(MWG_VRRP_A_CHECKSUM, checksum),
		VR_SCALAR(MWG_VRRP_A_STATE, state),
		VR_SCALAR(MWG_VRRP_A_OLD_STATE, old_state),
		VR_SCALAR(MWG_VRRP_A_REASON, reason),
		VR_SCALAR(MWG_VRRP_A_TIME_NS, time_ns),
		VR_SCALAR(MWG_VRRP_A_STATE_AGE_MS, state_age_ms),
		VR_SCALAR(MWG_VRRP_A_TRACK_SCANNERS, track_scanners),
		VR_SCALAR(MWG_VRRP_A_TRACK_WEIGHT, track_weight),
		VR_SCALAR(MWG_VRRP_A_TRACK_IFINDEX, track_ifindex),
		VR_SCALAR(MWG_VRRP_A_TRACK_IF_WEIGHT, track_if_weight),
		VR_SCALAR(MWG_VRRP_A_ROGUE, rogue),
#undef VR_SCALAR
	};
	struct nlattr *tb[MWG_VRRP_A_MAX + 1];
	uint64_t v;

	memset(vr, 0, sizeof(*vr));
	if (parse_attrs(msg, tb))
		return -EINVAL;
	parse_scalars(tb, scalars, ARRAY_SIZE(scalars), vr, &vr->have);

	/* Booleans: any non-zero value is "on". */
	if (tb[MWG_VRRP_A_PREEMPT] && get_uint(tb[MWG_VRRP_A_PREEMPT], &v)) {
		vr->preempt = v != 0;
		mwg_vr_mark(vr, MWG_VRRP_A_PREEMPT);
	}
	if (tb[MWG_VRRP_A_ACCEPT] && get_uint(tb[MWG_VRRP_A_ACCEPT], &v)) {
		vr->accept = v != 0;
		mwg_vr_mark(vr, MWG_VRRP_A_ACCEPT);
	}
	if (tb[MWG_VRRP_A_VMAC] && get_uint(tb[MWG_VRRP_A_VMAC], &v)) {
		vr->vmac = v != 0;
		mwg_vr_mark(vr, MWG_VRRP_A_VMAC);
	}
	if (tb[MWG_VRRP_A_TRACK_BFD] && get_uint(tb[MWG_VRRP_A_TRACK_BFD], &v)) {
		vr->track_bfd = v != 0;
		mwg_vr_mark(vr, MWG_VRRP_A_TRACK_BFD);
	}
	if (tb[MWG_VRRP_A_TRACK_IF_UP] &&
	    get_uint(tb[MWG_VRRP_A_TRACK_IF_UP], &v)) {
		vr->track_if_up = v != 0;
		mwg_vr_mark(vr, MWG_VRRP_A_TRACK_IF_UP);
	}

	if (tb[MWG_VRRP_A_IFNAME]) {
		get_string(tb[MWG_VRRP_A_IFNAME], vr->ifname,
			   sizeof(vr->ifname));
		mwg_vr_mark(vr, MWG_VRRP_A_IFNAME);
	}
	if (tb[MWG_VRRP_A_GROUP_NAME]) {
		get_string(tb[MWG_VRRP_A_GROUP_NAME], vr->group,
			   sizeof(vr->group));
		mwg_vr_mark(vr, MWG_VRRP_A_GROUP_NAME);
	}
	if (tb[MWG_VRRP_A_MASTER_IP] &&
	    get_addr(tb[MWG_VRRP_A_MASTER_IP], &vr->master_ip))
		mwg_vr_mark(vr, MWG_VRRP_A_MASTER_IP);
	if (tb[MWG_VRRP_A_BFD_PEER] &&
	    get_addr(tb[MWG_VRRP_A_BFD_PEER], &vr->bfd_peer))
		mwg_vr_mark(vr, MWG_VRRP_A_BFD_PEER);
	if (tb[MWG_VRRP_A_ALLOW]) {
		vr->n_allow = parse_prefixes(tb[MWG_VRRP_A_ALLOW],
					     MWG_VRRP_A_ALLOW_ENTRY, vr->allow,
					     MWG_VRRP_MAX_ALLOW);
		mwg_vr_mark(vr, MWG_VRRP_A_ALLOW);
	}
	if (tb[MWG_VRRP_A_UNICAST_PEERS]) {
		vr->n_peers = parse_prefixes(tb[MWG_VRRP_A_UNICAST_PEERS],
					     MWG_VRRP_A_UNICAST_PEER, vr->peers,
					     MWG_VRRP_MAX_PEERS);
		mwg_vr_mark(vr, MWG_VRRP_A_UNICAST_PEERS);
	}
	if (tb[MWG_VRRP_A_SOURCE_MAC] &&
	    nla_len(tb[MWG_VRRP_A_SOURCE_MAC]) == sizeof(vr->source_mac)) {
		memcpy(vr->source_mac, nla_data(tb[MWG_VRRP_A_SOURCE_MAC]),
		       sizeof(vr->source_mac));
		mwg_vr_mark(vr, MWG_VRRP_A_SOURCE_MAC);
	}
	if (tb[MWG_VRRP_A_TRACKED]) {
		vr->n_tracked = parse_tracked(tb[MWG_VRRP_A_TRACKED],
					      vr->tracked, MWG_VRRP_MAX_TRACKED);
		mwg_vr_mark(vr, MWG_VRRP_A_TRACKED);
	}
	if (tb[MWG_VRRP_A_VIPS]) {
		vr->n_vips = parse_prefixes(tb[MWG_VRRP_A_VIPS], MWG_VRRP_A_VIP,
					    vr->vips, MWG_VR_VIPS_CAP);
		mwg_vr_mark(vr, MWG_VRRP_A_VIPS);
	}
	if (tb[MWG_VRRP_A_STATS]) {
		parse_counters(tb[MWG_VRRP_A_STATS], MWG_VRRP_STATS_A_MAX,
			       &vr->stats.have, vr->stats.value);
		/* The pad attribute is not a counter. */
		vr->stats.have &= ~MWG_BIT(MWG_VRRP_STATS_A_PAD);
		mwg_vr_mark(vr, MWG_VRRP_A_STATS);
	}
	return 0;
}

int mwg_info_parse(struct nl_msg *msg, struct mwg_info *info)
{
	struct nlattr *tb[MWG_VRRP_A_MAX + 1];

	memset(info, 0, sizeof(*info));
	if (!genlmsg_valid_hdr(nlmsg_hdr(msg), 0) ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, MWG_VRRP_A_MAX, NULL) < 0)
		return -EINVAL;

	if (tb[MWG_VRRP_A_MODULE_VERSION]) {
		get_string(tb[MWG_VRRP_A_MODULE_VERSION], info->module_version,
			   sizeof(info->module_version));
		mwg_attrs_add(&info->have, MWG_VRRP_A_MODULE_VERSION);
	}
	if (tb[MWG_VRRP_A_NS_STATS]) {
		parse_counters(tb[MWG_VRRP_A_NS_STATS], MWG_VRRP_NS_STATS_A_MAX,
			       &info->ns_have, info->ns);
		info->ns_have &= ~MWG_BIT(MWG_VRRP_NS_STATS_A_PAD);
		mwg_attrs_add(&info->have, MWG_VRRP_A_NS_STATS);
	}
	return 0;
}

int mwg_scanner_parse_nest(const struct nlattr *nest, struct mwg_scanner *sc)
{
	struct nlattr *tb[MWG_VRRP_SCANNER_A_MAX + 1];
	const struct nlattr *nla;
	uint64_t v;

	memset(sc, 0, sizeof(*sc));
	if (nla_parse_nested(tb, MWG_VRRP_SCANNER_A_MAX, (struct nlattr *)nest,
			     NULL) < 0)
		return -EINVAL;

	nla = tb[MWG_VRRP_SCANNER_A_NODE_ID];
	if (nla && nla_len(nla) == sizeof(sc->node_id)) {
		memcpy(sc->node_id, nla_data(nla), sizeof(sc->node_id));
		sc->have |= MWG_BIT(MWG_VRRP_SCANNER_A_NODE_ID);
	}
	nla = tb[MWG_VRRP_SCANNER_A_ADDR];
	if (nla && get_addr(nla, &sc->addr))
		sc->have |= MWG_BIT(MWG_VRRP_SCANNER_A_ADDR);
	nla = tb[MWG_VRRP_SCANNER_A_NAME];
	if (nla) {
		get_string(nla, sc->name, sizeof(sc->name));
		sc->have |= MWG_BIT(MWG_VRRP_SCANNER_A_NAME);
	}
	nla = tb[MWG_VRRP_SCANNER_A_PORTS];
	if (nla && nla_len(nla) % sizeof(uint16_t) == 0) {
		size_t n = nla_len(nla) / sizeof(uint16_t);

		if (n > MWG_VRRP_SCANNER_MAX_PORTS)
			n = MWG_VRRP_SCANNER_MAX_PORTS;
		memcpy(sc->ports, nla_data(nla), n * sizeof(uint16_t));
		sc->n_ports = n;
		sc->have |= MWG_BIT(MWG_VRRP_SCANNER_A_PORTS);
	}
	if (tb[MWG_VRRP_SCANNER_A_LOAD] &&
	    get_uint(tb[MWG_VRRP_SCANNER_A_LOAD], &v)) {
		sc->load = v;
		sc->have |= MWG_BIT(MWG_VRRP_SCANNER_A_LOAD);
	}
	if (tb[MWG_VRRP_SCANNER_A_CAPACITY] &&
	    get_uint(tb[MWG_VRRP_SCANNER_A_CAPACITY], &v)) {
		sc->capacity = v;
		sc->have |= MWG_BIT(MWG_VRRP_SCANNER_A_CAPACITY);
	}
	if (tb[MWG_VRRP_SCANNER_A_LEASE_MS] &&
	    get_uint(tb[MWG_VRRP_SCANNER_A_LEASE_MS], &v)) {
		sc->lease_ms = v;
		sc->have |= MWG_BIT(MWG_VRRP_SCANNER_A_LEASE_MS);
	}
	if (tb[MWG_VRRP_SCANNER_A_AGE_MS] &&
	    get_uint(tb[MWG_VRRP_SCANNER_A_AGE_MS], &v)) {
		sc->age_ms = v;
		sc->have |= MWG_BIT(MWG_VRRP_SCANNER_A_AGE_MS);
	}
	if (tb[MWG_VRRP_SCANNER_A_EXPIRED]) {
		sc->expired = true;
		sc->have |= MWG_BIT(MWG_VRRP_SCANNER_A_EXPIRED);
	}
	if (tb[MWG_VRRP_SCANNER_A_LIVE] &&
	    get_uint(tb[MWG_VRRP_SCANNER_A_LIVE], &v)) {
		sc->live = v != 0;
		sc->have |= MWG_BIT(MWG_VRRP_SCANNER_A_LIVE);
	}
	return 0;
}

static int visit_scanner(const struct nlattr *nest, const uint64_t *time_ns,
			 int (*fn)(const struct mwg_scanner *sc, void *arg),
			 void *arg)
{
	struct mwg_scanner sc;
	int rc;

	/* A malformed or empty entry is skipped, not fatal to the list. */
	if (mwg_scanner_parse_nest(nest, &sc) < 0 || !sc.have)
		return 0;
	if (time_ns) {
		sc.time_ns = *time_ns;
		sc.have |= MWG_SCANNER_HAVE_TIME;
	}
	rc = fn(&sc, arg);
	return rc < 0 ? rc : 1;
}

int mwg_scanners_foreach(struct nl_msg *msg,
			 int (*fn)(const struct mwg_scanner *sc, void *arg),
			 void *arg)
{
	struct nlmsghdr *hdr = nlmsg_hdr(msg);
	const struct nlattr *nla, *inner;
	const uint64_t *time = NULL;
	int rem, rem2, count = 0, rc;
	uint64_t time_ns;

	if (!genlmsg_valid_hdr(hdr, 0))
		return -EINVAL;

	/* The event time may come before or after the scanners. */
	nla_for_each_attr(nla, genlmsg_attrdata(nlmsg_data(hdr), 0),
			  genlmsg_attrlen(nlmsg_data(hdr), 0), rem)
		if (nla_type(nla) == MWG_VRRP_A_TIME_NS &&
		    get_uint(nla, &time_ns))
			time = &time_ns;

	nla_for_each_attr(nla, genlmsg_attrdata(nlmsg_data(hdr), 0),
			  genlmsg_attrlen(nlmsg_data(hdr), 0), rem) {
		if (nla_type(nla) == MWG_VRRP_A_SCANNER) {
			rc = visit_scanner(nla, time, fn, arg);
			if (rc < 0)
				return rc;
			count += rc;
		} else if (nla_type(nla) == MWG_VRRP_A_SCANNERS) {
			nla_for_each_nested(inner, (struct nlattr *)nla, rem2) {
				if (nla_type(inner) != MWG_VRRP_A_SCANNER)
					continue;
				rc = visit_scanner(inner, time, fn, arg);
				if (rc < 0)
					return rc;
				count += rc;
			}
		}
	}
	return count;
}

int mwg_bfd_parse(struct nl_msg *msg, struct mwg_bfd *b)
{
	static const struct scalar scalars[] = {
#define BFD_SCALAR(attr, field) SCALAR(struct mwg_bfd, attr, field)
		BFD_SCALAR(MWG_VRRP_A_IFINDEX, ifindex),
		BFD_SCALAR(MWG_VRRP_A_FAMILY, family),
		BFD_SCALAR(MWG_VRRP_A_BFD_TX_US, tx_us),
		BFD_SCALAR(MWG_VRRP_A_BFD_RX_US, rx_us),
		BFD_SCALAR(MWG_VRRP_A_BFD_MULT, mult),
		BFD_SCALAR(MWG_VRRP_A_BFD_HOLDDOWN_MS, holddown_ms),
		BFD_SCALAR(MWG_VRRP_A_BFD_STATE, state),
		BFD_SCALAR(MWG_VRRP_A_BFD_OLD_STATE, old_state),
		BFD_SCALAR(MWG_VRRP_A_BFD_DIAG, diag),
		BFD_SCALAR(MWG_VRRP_A_BFD_LOCAL_DISC, local_disc),
		BFD_SCALAR(MWG_VRRP_A_BFD_REMOTE_DISC, remote_disc),
		BFD_SCALAR(MWG_VRRP_A_BFD_REMOTE_STATE, remote_state),
		BFD_SCALAR(MWG_VRRP_A_BFD_REMOTE_DIAG, remote_diag),
		BFD_SCALAR(MWG_VRRP_A_BFD_REMOTE_TX_US, remote_tx_us),
		BFD_SCALAR(MWG_VRRP_A_BFD_REMOTE_RX_US, remote_rx_us),
		BFD_SCALAR(MWG_VRRP_A_BFD_REMOTE_MULT, remote_mult),
		BFD_SCALAR(MWG_VRRP_A_BFD_TX_INTERVAL_US, tx_interval_us),
		BFD_SCALAR(MWG_VRRP_A_BFD_DETECT_US, detect_us),
		BFD_SCALAR(MWG_VRRP_A_TIME_NS, time_ns),
#undef BFD_SCALAR
	};
	struct nlattr *tb[MWG_VRRP_A_MAX + 1];

	memset(b, 0, sizeof(*b));
	if (parse_attrs(msg, tb))
		return -EINVAL;
	parse_scalars(tb, scalars, ARRAY_SIZE(scalars), b, &b->have);
	if (tb[MWG_VRRP_A_IFNAME]) {
		get_string(tb[MWG_VRRP_A_IFNAME], b->ifname, sizeof(b->ifname));
		mwg_attrs_add(&b->have, MWG_VRRP_A_IFNAME);
	}
	if (tb[MWG_VRRP_A_BFD_PEER] && get_addr(tb[MWG_VRRP_A_BFD_PEER], &b->peer))
		mwg_attrs_add(&b->have, MWG_VRRP_A_BFD_PEER);
	if (tb[MWG_VRRP_A_BFD_LOCAL] &&
	    get_addr(tb[MWG_VRRP_A_BFD_LOCAL], &b->local))
		mwg_attrs_add(&b->have, MWG_VRRP_A_BFD_LOCAL);
	if (tb[MWG_VRRP_A_BFD_STATS]) {
		parse_counters(tb[MWG_VRRP_A_BFD_STATS], MWG_BFD_STATS_A_MAX,
			       &b->stats_have, b->stats);
		b->stats_have &= ~MWG_BIT(MWG_BFD_STATS_A_PAD);
		mwg_attrs_add(&b->have, MWG_VRRP_A_BFD_STATS);
	}
	return 0;
}
