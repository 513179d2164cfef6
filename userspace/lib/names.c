// SPDX-License-Identifier: GPL-2.0
/*
 * Names for the contract's enums and attributes.  Text output, JSON keys,
 * CLI keywords and error messages all come from these tables, so one
 * spelling is used everywhere.  The tables are indexed by the enum values
 * of mwg_vrrp.h; the states, reasons and counters are filled from
 * mwg_vrrp_names.h, which scripts/gen-names writes from the family's
 * netlink spec, the one place those names are spelled.
 */
#include <string.h>
#include <sys/socket.h>

#include "mwg.h"
#include "mwg_vrrp_names.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Each list below is an X-macro of mwg_vrrp_names.h: the spec's names. */
#define MWG_NAME_ENTRY(constant, name)	[constant] = #name,

static const char *const state_names[] = {
	MWG_VRRP_STATE_NAMES(MWG_NAME_ENTRY)
};

static const char *const reason_names[] = {
	MWG_VRRP_REASON_NAMES(MWG_NAME_ENTRY)
};

static const char *const checksum_names[] = {
	MWG_VRRP_CSUM_NAMES(MWG_NAME_ENTRY)
};

static const char *const stats_names[] = {
	MWG_VRRP_STATS_COUNTERS(MWG_NAME_ENTRY)
	/* The one member of the nest that is no counter. */
	[MWG_VRRP_STATS_A_NEW_MASTER_REASON]	= "new_master_reason",
};

static const char *const ns_stats_names[] = {
	MWG_VRRP_NS_STATS_COUNTERS(MWG_NAME_ENTRY)
};

static const char *const bfd_state_names[] = {
	MWG_BFD_STATE_NAMES(MWG_NAME_ENTRY)
};

static const char *const bfd_stats_names[] = {
	MWG_BFD_STATS_COUNTERS(MWG_NAME_ENTRY)
};

/*
 * Attribute names as the tools speak them: the mwgctl keyword that sets an
 * attribute where there is one ("prio", "interval"), which is not always
 * the spec's name.
 */
static const char *const attr_names[] = {
	[MWG_VRRP_A_IFINDEX]		= "ifindex",
	[MWG_VRRP_A_IFNAME]		= "ifname",
	[MWG_VRRP_A_VRID]		= "vrid",
	[MWG_VRRP_A_FAMILY]		= "family",
	[MWG_VRRP_A_VERSION]		= "version",
	[MWG_VRRP_A_PRIORITY]		= "prio",
	[MWG_VRRP_A_EFFECTIVE_PRIORITY]	= "effective_priority",
	[MWG_VRRP_A_ADVERT_INTERVAL_MS]	= "interval",
	[MWG_VRRP_A_MASTER_ADVER_INTERVAL_MS] = "master_adver_interval",
	[MWG_VRRP_A_PREEMPT]		= "preempt",
	[MWG_VRRP_A_PREEMPT_DELAY_MS]	= "preempt-delay",
	[MWG_VRRP_A_ACCEPT]		= "accept",
	[MWG_VRRP_A_VMAC]		= "vmac",
	[MWG_VRRP_A_GARP_REPEAT]	= "garp-repeat",
	[MWG_VRRP_A_GARP_INTERVAL_MS]	= "garp-interval",
	[MWG_VRRP_A_GARP_REFRESH_S]	= "garp-refresh",
	[MWG_VRRP_A_CHECKSUM]		= "checksum",
	[MWG_VRRP_A_VIPS]		= "vips",
	[MWG_VRRP_A_VIP]		= "vip",
	[MWG_VRRP_A_STATE]		= "state",
	[MWG_VRRP_A_OLD_STATE]		= "old_state",
	[MWG_VRRP_A_REASON]		= "reason",
	[MWG_VRRP_A_TIME_NS]		= "time_ns",
	[MWG_VRRP_A_MASTER_IP]		= "master_ip",
	[MWG_VRRP_A_STATS]		= "stats",
	[MWG_VRRP_A_MODULE_VERSION]	= "module_version",
	[MWG_VRRP_A_NS_STATS]		= "ns_stats",
	[MWG_VRRP_A_TRACK_SCANNERS]	= "track-scanners",
	[MWG_VRRP_A_TRACK_WEIGHT]	= "weight",
	[MWG_VRRP_A_SCANNERS]		= "scanners",
	[MWG_VRRP_A_SCANNER]		= "scanner",
	[MWG_VRRP_A_SCANNER_REPLACE]	= "scanner_replace",
	[MWG_VRRP_A_PAD]		= "pad",
	[MWG_VRRP_A_TRACK_BFD]		= "track-bfd",
	[MWG_VRRP_A_TRACK_IFINDEX]	= "track-if",
	[MWG_VRRP_A_TRACK_IF_WEIGHT]	= "track-if-weight",
	[MWG_VRRP_A_TRACK_IF_UP]	= "track_if_up",
	[MWG_VRRP_A_ALLOW]		= "allow",
	[MWG_VRRP_A_ALLOW_ENTRY]	= "allow",
	[MWG_VRRP_A_UNICAST_PEERS]	= "unicast-peer",
	[MWG_VRRP_A_UNICAST_PEER]	= "unicast-peer",
	[MWG_VRRP_A_BFD_PEER]		= "peer",
	[MWG_VRRP_A_BFD_LOCAL]		= "local",
	[MWG_VRRP_A_BFD_TX_US]		= "tx-us",
	[MWG_VRRP_A_BFD_RX_US]		= "rx-us",
	[MWG_VRRP_A_BFD_MULT]		= "multiplier",
	[MWG_VRRP_A_BFD_HOLDDOWN_MS]	= "holddown-ms",
	[MWG_VRRP_A_BFD_STATE]		= "bfd_state",
	[MWG_VRRP_A_BFD_OLD_STATE]	= "bfd_old_state",
	[MWG_VRRP_A_BFD_DIAG]		= "diag",
	[MWG_VRRP_A_BFD_LOCAL_DISC]	= "local_disc",
	[MWG_VRRP_A_BFD_REMOTE_DISC]	= "remote_disc",
	[MWG_VRRP_A_BFD_REMOTE_STATE]	= "remote_state",
	[MWG_VRRP_A_BFD_REMOTE_DIAG]	= "remote_diag",
	[MWG_VRRP_A_BFD_REMOTE_TX_US]	= "remote_tx_us",
	[MWG_VRRP_A_BFD_REMOTE_RX_US]	= "remote_rx_us",
	[MWG_VRRP_A_BFD_REMOTE_MULT]	= "remote_multiplier",
	[MWG_VRRP_A_BFD_TX_INTERVAL_US]	= "tx_interval_us",
	[MWG_VRRP_A_BFD_DETECT_US]	= "detect_us",
	[MWG_VRRP_A_BFD_STATS]		= "bfd_stats",
	[MWG_VRRP_A_TRACKED]		= "tracked",
	[MWG_VRRP_A_TRACKED_OBJ]	= "tracked",
	[MWG_VRRP_A_SOURCE_MAC]		= "source_mac",
	[MWG_VRRP_A_ROGUE]		= "rogue",
	[MWG_VRRP_A_GROUP_NAME]		= "group",
	[MWG_VRRP_A_GROUP_MEMBERS]	= "members",
	[MWG_VRRP_A_GROUP_MEMBER]	= "vr",
};

static const char *const group_member_attr_names[] = {
	[MWG_VRRP_GROUP_MEMBER_A_IFINDEX]	= "ifindex",
	[MWG_VRRP_GROUP_MEMBER_A_VRID]		= "vrid",
	[MWG_VRRP_GROUP_MEMBER_A_FAMILY]	= "family",
	[MWG_VRRP_GROUP_MEMBER_A_IFNAME]	= "ifname",
	[MWG_VRRP_GROUP_MEMBER_A_STATE]		= "state",
};

static const char *const vip_attr_names[] = {
	[MWG_VRRP_VIP_A_ADDR]		= "addr",
	[MWG_VRRP_VIP_A_PREFIXLEN]	= "prefixlen",
};

static const char *const scanner_attr_names[] = {
	[MWG_VRRP_SCANNER_A_NODE_ID]	= "node_id",
	[MWG_VRRP_SCANNER_A_ADDR]	= "addr",
	[MWG_VRRP_SCANNER_A_NAME]	= "name",
	[MWG_VRRP_SCANNER_A_PORTS]	= "ports",
	[MWG_VRRP_SCANNER_A_LOAD]	= "load",
	[MWG_VRRP_SCANNER_A_CAPACITY]	= "capacity",
	[MWG_VRRP_SCANNER_A_LEASE_MS]	= "lease_ms",
	[MWG_VRRP_SCANNER_A_AGE_MS]	= "age_ms",
	[MWG_VRRP_SCANNER_A_EXPIRED]	= "expired",
	[MWG_VRRP_SCANNER_A_LIVE]	= "live",
};

static const char *lookup(const char *const *table, size_t n, unsigned int v)
{
	return v < n ? table[v] : NULL;
}

static int reverse_lookup(const char *const *table, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (table[i] && !strcmp(table[i], name))
			return i;
	return -1;
}

#define NAME_OR(table, v, fallback) \
	(lookup(table, ARRAY_SIZE(table), v) ?: (fallback))

const char *mwg_state_name(unsigned int state)
{
	return NAME_OR(state_names, state, "unknown");
}

const char *mwg_reason_name(unsigned int reason)
{
	return NAME_OR(reason_names, reason, "unknown");
}

const char *mwg_checksum_name(unsigned int checksum)
{
	return NAME_OR(checksum_names, checksum, "unknown");
}

const char *mwg_family_name(unsigned int family)
{
	switch (family) {
	case AF_INET:
		return "inet";
	case AF_INET6:
		return "inet6";
	default:
		return "unknown";
	}
}

int mwg_reason_from_name(const char *name)
{
	return reverse_lookup(reason_names, ARRAY_SIZE(reason_names), name);
}

int mwg_checksum_from_name(const char *name)
{
	return reverse_lookup(checksum_names, ARRAY_SIZE(checksum_names), name);
}

int mwg_family_from_name(const char *name)
{
	if (!strcmp(name, "inet") || !strcmp(name, "ipv4"))
		return AF_INET;
	if (!strcmp(name, "inet6") || !strcmp(name, "ipv6"))
		return AF_INET6;
	return -1;
}

const char *mwg_stats_name(unsigned int attr)
{
	return lookup(stats_names, ARRAY_SIZE(stats_names), attr);
}

const char *mwg_bfd_state_name(unsigned int state)
{
	return NAME_OR(bfd_state_names, state, "unknown");
}

const char *mwg_bfd_stats_name(unsigned int attr)
{
	return lookup(bfd_stats_names, ARRAY_SIZE(bfd_stats_names), attr);
}

const char *mwg_ns_stats_name(unsigned int attr)
{
	return lookup(ns_stats_names, ARRAY_SIZE(ns_stats_names), attr);
}

const char *mwg_attr_name(unsigned int parent, unsigned int type)
{
	switch (parent) {
	case 0:
	case MWG_VRRP_A_VIPS:		/* holds MWG_VRRP_A_VIP entries */
	case MWG_VRRP_A_SCANNERS:	/* holds MWG_VRRP_A_SCANNER entries */
		return lookup(attr_names, ARRAY_SIZE(attr_names), type);
	case MWG_VRRP_A_VIP:
		return lookup(vip_attr_names, ARRAY_SIZE(vip_attr_names), type);
	case MWG_VRRP_A_SCANNER:
		return lookup(scanner_attr_names,
			      ARRAY_SIZE(scanner_attr_names), type);
	case MWG_VRRP_A_GROUP_MEMBERS:	/* holds MWG_VRRP_A_GROUP_MEMBER */
		return lookup(attr_names, ARRAY_SIZE(attr_names), type);
	case MWG_VRRP_A_GROUP_MEMBER:
		return lookup(group_member_attr_names,
			      ARRAY_SIZE(group_member_attr_names), type);
	case MWG_VRRP_A_STATS:
		return mwg_stats_name(type);
	case MWG_VRRP_A_NS_STATS:
		return mwg_ns_stats_name(type);
	case MWG_VRRP_A_BFD_STATS:
		return mwg_bfd_stats_name(type);
	default:
		return NULL;
	}
}
