// SPDX-License-Identifier: GPL-2.0
/*
 * The "mwg_vrrp" generic netlink family: the configuration contract of
 * uapi/mwg_vrrp.h.  Each command has a policy of its own: the attributes
 * it reads, with their types and ranges, and every other attribute
 * refused with an extack message naming it, so that a request cannot carry
 * an attribute that would be silently ignored.  The handlers check what
 * depends on other attributes and answer every refusal with an extack
 * message.  A refused request changes nothing.
 */
#include <linux/in.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "bfd.h"
#include "compat.h"
#include "group.h"
#include "netlink.h"
#include "router.h"
#include "scanners.h"

static mwg_nl_range_const struct netlink_range_validation mwg_advert_ms_range = {
	.min = MWG_VRRP_ADVERT_MS_MIN,
	.max = MWG_VRRP_V2_ADVERT_MS_MAX,
};

static mwg_nl_range_const struct netlink_range_validation mwg_preempt_delay_range = {
	.max = MWG_VRRP_PREEMPT_DELAY_MS_MAX,
};

static mwg_nl_range_const struct netlink_range_validation mwg_garp_repeat_range = {
	.max = MWG_VRRP_GARP_REPEAT_MAX,
};

static mwg_nl_range_const struct netlink_range_validation mwg_garp_interval_range = {
	.min = MWG_VRRP_GARP_INTERVAL_MS_MIN,
	.max = MWG_VRRP_GARP_INTERVAL_MS_MAX,
};

static mwg_nl_range_const struct netlink_range_validation mwg_garp_refresh_range = {
	.max = MWG_VRRP_GARP_REFRESH_S_MAX,
};

static mwg_nl_range_const struct netlink_range_validation mwg_track_range = {
	.max = MWG_VRRP_SCANNERS_MAX,
};

static const struct nla_policy mwg_vip_policy[MWG_VRRP_VIP_A_MAX + 1] = {
	[MWG_VRRP_VIP_A_ADDR]		= { .type = NLA_BINARY, .len = 16 },
	[MWG_VRRP_VIP_A_PREFIXLEN]	= NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy mwg_tracked_policy[MWG_VRRP_TRACKED_A_MAX + 1] = {
	[MWG_VRRP_TRACKED_A_NAME]	= { .type = NLA_NUL_STRING,
					    .len = MWG_VRRP_TRACKED_NAME_MAX - 1 },
	[MWG_VRRP_TRACKED_A_DEMOTE]	= { .type = NLA_U8 },
	[MWG_VRRP_TRACKED_A_FAULT]	= NLA_POLICY_MAX(NLA_U8, 1),
};

static mwg_nl_range_const struct netlink_range_validation mwg_lease_range = {
	.min = 1,
	.max = MWG_VRRP_SCANNER_LEASE_MS_MAX,
};

static const struct nla_policy mwg_scanner_policy[MWG_VRRP_SCANNER_A_MAX + 1] = {
	[MWG_VRRP_SCANNER_A_NODE_ID]	= NLA_POLICY_EXACT_LEN(MWG_SCANNER_ID_LEN),
	[MWG_VRRP_SCANNER_A_ADDR]	= { .type = NLA_BINARY, .len = 16 },
	[MWG_VRRP_SCANNER_A_NAME]	= { .type = NLA_NUL_STRING,
					    .len = MWG_VRRP_SCANNER_NAME_MAX - 1 },
	[MWG_VRRP_SCANNER_A_PORTS]	= { .type = NLA_BINARY,
					    .len = MWG_VRRP_SCANNER_MAX_PORTS *
						   sizeof(u16) },
	[MWG_VRRP_SCANNER_A_LOAD]	= NLA_POLICY_MAX(NLA_U32, 1000),
	[MWG_VRRP_SCANNER_A_CAPACITY]	= { .type = NLA_U32 },
	[MWG_VRRP_SCANNER_A_LEASE_MS]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &mwg_lease_range),
};

static const struct nla_policy
mwg_group_member_policy[MWG_VRRP_GROUP_MEMBER_A_MAX + 1] = {
	[MWG_VRRP_GROUP_MEMBER_A_IFINDEX]	= { .type = NLA_U32 },
	[MWG_VRRP_GROUP_MEMBER_A_VRID]		=
		NLA_POLICY_RANGE(NLA_U8, MWG_VRRP_VRID_MIN, MWG_VRRP_VRID_MAX),
	[MWG_VRRP_GROUP_MEMBER_A_FAMILY]	= { .type = NLA_U8 },
	[MWG_VRRP_GROUP_MEMBER_A_IFNAME]	= {
		.type = NLA_REJECT,
		.reject_message = "member attribute IFNAME is a reply only",
	},
	[MWG_VRRP_GROUP_MEMBER_A_STATE]		= {
		.type = NLA_REJECT,
		.reject_message = "member attribute STATE is a reply only",
	},
};

static mwg_nl_range_const struct netlink_range_validation mwg_bfd_us_range = {
	.min = MWG_BFD_INTERVAL_US_MIN,
	.max = MWG_BFD_INTERVAL_US_MAX,
};

static mwg_nl_range_const struct netlink_range_validation mwg_bfd_holddown_range = {
	.max = MWG_BFD_HOLDDOWN_MS_MAX,
};

static const struct nla_policy mwg_policy[MWG_VRRP_A_MAX + 1] = {
	[MWG_VRRP_A_IFINDEX]		= { .type = NLA_U32 },
	[MWG_VRRP_A_IFNAME]		= { .type = NLA_NUL_STRING,
					    .len = IFNAMSIZ - 1 },
	[MWG_VRRP_A_VRID]		= NLA_POLICY_RANGE(NLA_U8,
							   MWG_VRRP_VRID_MIN,
							   MWG_VRRP_VRID_MAX),
	[MWG_VRRP_A_FAMILY]		= { .type = NLA_U8 },
	[MWG_VRRP_A_VERSION]		= NLA_POLICY_RANGE(NLA_U8, 2, 3),
	[MWG_VRRP_A_PRIORITY]		= NLA_POLICY_RANGE(NLA_U8, 1, 255),
	[MWG_VRRP_A_ADVERT_INTERVAL_MS]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &mwg_advert_ms_range),
	[MWG_VRRP_A_PREEMPT]		= NLA_POLICY_MAX(NLA_U8, 1),
	[MWG_VRRP_A_PREEMPT_DELAY_MS]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &mwg_preempt_delay_range),
	[MWG_VRRP_A_ACCEPT]		= NLA_POLICY_MAX(NLA_U8, 1),
	[MWG_VRRP_A_VMAC]		= NLA_POLICY_MAX(NLA_U8, 1),
	[MWG_VRRP_A_GARP_REPEAT]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &mwg_garp_repeat_range),
	[MWG_VRRP_A_GARP_INTERVAL_MS]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &mwg_garp_interval_range),
	[MWG_VRRP_A_GARP_REFRESH_S]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &mwg_garp_refresh_range),
	[MWG_VRRP_A_CHECKSUM]		= NLA_POLICY_MAX(NLA_U8,
							 MWG_VRRP_CSUM_RFC9568),
	[MWG_VRRP_A_VIPS]		= NLA_POLICY_NESTED_ARRAY(mwg_vip_policy),
	[MWG_VRRP_A_TRACK_SCANNERS]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &mwg_track_range),
	[MWG_VRRP_A_TRACK_WEIGHT]	= { .type = NLA_U8 },
	[MWG_VRRP_A_SCANNERS]		=
		NLA_POLICY_NESTED_ARRAY(mwg_scanner_policy),
	[MWG_VRRP_A_SCANNER_REPLACE]	= { .type = NLA_FLAG },
	[MWG_VRRP_A_TRACK_BFD]		= NLA_POLICY_MAX(NLA_U8, 1),
	[MWG_VRRP_A_BFD_PEER]		= { .type = NLA_BINARY, .len = 16 },
	[MWG_VRRP_A_BFD_LOCAL]		= { .type = NLA_BINARY, .len = 16 },
	[MWG_VRRP_A_BFD_TX_US]		=
		NLA_POLICY_FULL_RANGE(NLA_U32, &mwg_bfd_us_range),
	[MWG_VRRP_A_BFD_RX_US]		=
		NLA_POLICY_FULL_RANGE(NLA_U32, &mwg_bfd_us_range),
	[MWG_VRRP_A_BFD_MULT]		= NLA_POLICY_MIN(NLA_U8, 1),
	[MWG_VRRP_A_BFD_HOLDDOWN_MS]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &mwg_bfd_holddown_range),
	/* Length checked by the handler, with a message that says so. */
	[MWG_VRRP_A_GROUP_NAME]		= { .type = NLA_NUL_STRING },
	[MWG_VRRP_A_GROUP_MEMBERS]	=
		NLA_POLICY_NESTED_ARRAY(mwg_group_member_policy),
	[MWG_VRRP_A_TRACK_IFINDEX]	= { .type = NLA_U32 },
	[MWG_VRRP_A_TRACK_IF_WEIGHT]	= { .type = NLA_U8 },
	[MWG_VRRP_A_ALLOW]		= NLA_POLICY_NESTED_ARRAY(mwg_vip_policy),
	[MWG_VRRP_A_UNICAST_PEERS]	= NLA_POLICY_NESTED_ARRAY(mwg_vip_policy),
	[MWG_VRRP_A_TRACKED]		=
		NLA_POLICY_NESTED_ARRAY(mwg_tracked_policy),
};

/*
 * The refusal of an attribute a command does not read.  Replies, events and
 * the nests' members are refused everywhere: no command reads them.
 */
#define MWG_NL_REJECT(attr) \
	[MWG_VRRP_A_##attr] = "attribute " #attr " is not accepted by this command"

static const char *const mwg_nl_reject_msg[MWG_VRRP_A_MAX + 1] = {
	MWG_NL_REJECT(IFINDEX),
	MWG_NL_REJECT(IFNAME),
	MWG_NL_REJECT(VRID),
	MWG_NL_REJECT(FAMILY),
	MWG_NL_REJECT(VERSION),
	MWG_NL_REJECT(PRIORITY),
	MWG_NL_REJECT(EFFECTIVE_PRIORITY),
	MWG_NL_REJECT(ADVERT_INTERVAL_MS),
	MWG_NL_REJECT(MASTER_ADVER_INTERVAL_MS),
	MWG_NL_REJECT(PREEMPT),
	MWG_NL_REJECT(PREEMPT_DELAY_MS),
	MWG_NL_REJECT(ACCEPT),
	MWG_NL_REJECT(GARP_REPEAT),
	MWG_NL_REJECT(GARP_INTERVAL_MS),
	MWG_NL_REJECT(GARP_REFRESH_S),
	MWG_NL_REJECT(CHECKSUM),
	MWG_NL_REJECT(VIPS),
	MWG_NL_REJECT(VIP),
	MWG_NL_REJECT(STATE),
	MWG_NL_REJECT(OLD_STATE),
	MWG_NL_REJECT(REASON),
	MWG_NL_REJECT(TIME_NS),
	MWG_NL_REJECT(MASTER_IP),
	MWG_NL_REJECT(STATS),
	MWG_NL_REJECT(MODULE_VERSION),
	MWG_NL_REJECT(NS_STATS),
	MWG_NL_REJECT(TRACK_SCANNERS),
	MWG_NL_REJECT(TRACK_WEIGHT),
	MWG_NL_REJECT(SCANNERS),
	MWG_NL_REJECT(SCANNER),
	MWG_NL_REJECT(SCANNER_REPLACE),
	MWG_NL_REJECT(PAD),
	MWG_NL_REJECT(TRACK_BFD),
	MWG_NL_REJECT(BFD_PEER),
	MWG_NL_REJECT(BFD_LOCAL),
	MWG_NL_REJECT(BFD_TX_US),
	MWG_NL_REJECT(BFD_RX_US),
	MWG_NL_REJECT(BFD_MULT),
	MWG_NL_REJECT(BFD_HOLDDOWN_MS),
	MWG_NL_REJECT(BFD_STATE),
	MWG_NL_REJECT(BFD_OLD_STATE),
	MWG_NL_REJECT(BFD_DIAG),
	MWG_NL_REJECT(BFD_LOCAL_DISC),
	MWG_NL_REJECT(BFD_REMOTE_DISC),
	MWG_NL_REJECT(BFD_REMOTE_STATE),
	MWG_NL_REJECT(BFD_REMOTE_DIAG),
	MWG_NL_REJECT(BFD_REMOTE_TX_US),
	MWG_NL_REJECT(BFD_REMOTE_RX_US),
	MWG_NL_REJECT(BFD_REMOTE_MULT),
	MWG_NL_REJECT(BFD_TX_INTERVAL_US),
	MWG_NL_REJECT(BFD_DETECT_US),
	MWG_NL_REJECT(BFD_STATS),
	MWG_NL_REJECT(STATE_AGE_MS),
	MWG_NL_REJECT(GROUP_NAME),
	MWG_NL_REJECT(GROUP_MEMBERS),
	MWG_NL_REJECT(GROUP_MEMBER),
	MWG_NL_REJECT(TRACK_IFINDEX),
	MWG_NL_REJECT(TRACK_IF_WEIGHT),
	MWG_NL_REJECT(TRACK_IF_UP),
	MWG_NL_REJECT(ALLOW),
	MWG_NL_REJECT(ALLOW_ENTRY),
	MWG_NL_REJECT(UNICAST_PEERS),
	MWG_NL_REJECT(UNICAST_PEER),
	MWG_NL_REJECT(VMAC),
	MWG_NL_REJECT(TRACKED),
	MWG_NL_REJECT(TRACKED_OBJ),
	MWG_NL_REJECT(SOURCE_MAC),
	MWG_NL_REJECT(ROGUE),
};

/* The attributes commands read, in lists that a command combines. */
static const u8 mwg_nl_vr_key[] __initconst = {
	MWG_VRRP_A_IFINDEX, MWG_VRRP_A_VRID, MWG_VRRP_A_FAMILY,
};

static const u8 mwg_nl_vr_config[] __initconst = {
	MWG_VRRP_A_VERSION, MWG_VRRP_A_PRIORITY, MWG_VRRP_A_ADVERT_INTERVAL_MS,
	MWG_VRRP_A_PREEMPT, MWG_VRRP_A_PREEMPT_DELAY_MS, MWG_VRRP_A_ACCEPT,
	MWG_VRRP_A_GARP_REPEAT, MWG_VRRP_A_GARP_INTERVAL_MS,
	MWG_VRRP_A_GARP_REFRESH_S, MWG_VRRP_A_CHECKSUM, MWG_VRRP_A_VIPS,
	MWG_VRRP_A_TRACK_SCANNERS, MWG_VRRP_A_TRACK_WEIGHT,
	MWG_VRRP_A_TRACK_BFD, MWG_VRRP_A_BFD_PEER, MWG_VRRP_A_TRACK_IFINDEX,
	MWG_VRRP_A_TRACK_IF_WEIGHT, MWG_VRRP_A_ALLOW,
	MWG_VRRP_A_UNICAST_PEERS, MWG_VRRP_A_VMAC,
};

/* What a daemon reports of the objects it tracks: an existing VR's only. */
static const u8 mwg_nl_vr_tracked[] __initconst = {
	MWG_VRRP_A_TRACKED,
};

static const u8 mwg_nl_bfd_key[] __initconst = {
	MWG_VRRP_A_IFINDEX, MWG_VRRP_A_BFD_PEER,
};

/* BFD_LOCAL in BFD_SET too: its handler says why it cannot change. */
static const u8 mwg_nl_bfd_config[] __initconst = {
	MWG_VRRP_A_BFD_LOCAL, MWG_VRRP_A_BFD_TX_US, MWG_VRRP_A_BFD_RX_US,
	MWG_VRRP_A_BFD_MULT, MWG_VRRP_A_BFD_HOLDDOWN_MS,
};

static const u8 mwg_nl_scanner_attrs[] __initconst = {
	MWG_VRRP_A_SCANNERS, MWG_VRRP_A_SCANNER_REPLACE,
};

static const u8 mwg_nl_group_new[] __initconst = {
	MWG_VRRP_A_GROUP_NAME, MWG_VRRP_A_GROUP_MEMBERS,
};

struct mwg_nl_attr_list {
	const u8 *attrs;
	unsigned int count;
};

/* The attributes each command reads; indexed like mwg_nl_policies. */
enum mwg_nl_op {
	MWG_NL_OP_GET_INFO,
	MWG_NL_OP_VR_NEW,
	MWG_NL_OP_VR_SET,
	MWG_NL_OP_VR_DEL,
	MWG_NL_OP_VR_GET,
	MWG_NL_OP_SCANNER_SET,
	MWG_NL_OP_SCANNER_DEL,
	MWG_NL_OP_SCANNER_GET,
	MWG_NL_OP_BFD_ADD,
	MWG_NL_OP_BFD_SET,
	MWG_NL_OP_BFD_DEL,
	MWG_NL_OP_BFD_GET,
	MWG_NL_OP_GROUP_NEW,
	MWG_NL_OP_GROUP_DEL,
	MWG_NL_OP_GROUP_GET,
	MWG_NL_OP_COUNT,
};

/* Up to three lists per command (key, configuration, more); NULL: empty. */
static const struct mwg_nl_attr_list mwg_nl_op_attrs[MWG_NL_OP_COUNT][3] __initconst = {
	[MWG_NL_OP_VR_NEW]	= { { mwg_nl_vr_key, ARRAY_SIZE(mwg_nl_vr_key) },
				    { mwg_nl_vr_config,
				      ARRAY_SIZE(mwg_nl_vr_config) } },
	[MWG_NL_OP_VR_SET]	= { { mwg_nl_vr_key, ARRAY_SIZE(mwg_nl_vr_key) },
				    { mwg_nl_vr_config,
				      ARRAY_SIZE(mwg_nl_vr_config) },
				    { mwg_nl_vr_tracked,
				      ARRAY_SIZE(mwg_nl_vr_tracked) } },
	[MWG_NL_OP_VR_DEL]	= { { mwg_nl_vr_key, ARRAY_SIZE(mwg_nl_vr_key) } },
	/* A dump takes IFINDEX alone, as a filter. */
	[MWG_NL_OP_VR_GET]	= { { mwg_nl_vr_key, ARRAY_SIZE(mwg_nl_vr_key) } },
	[MWG_NL_OP_SCANNER_SET]	= { { mwg_nl_scanner_attrs,
				      ARRAY_SIZE(mwg_nl_scanner_attrs) } },
	/* The first entry of the list: SCANNERS alone. */
	[MWG_NL_OP_SCANNER_DEL]	= { { mwg_nl_scanner_attrs, 1 } },
	[MWG_NL_OP_BFD_ADD]	= { { mwg_nl_bfd_key, ARRAY_SIZE(mwg_nl_bfd_key) },
				    { mwg_nl_bfd_config,
				      ARRAY_SIZE(mwg_nl_bfd_config) } },
	[MWG_NL_OP_BFD_SET]	= { { mwg_nl_bfd_key, ARRAY_SIZE(mwg_nl_bfd_key) },
				    { mwg_nl_bfd_config,
				      ARRAY_SIZE(mwg_nl_bfd_config) } },
	[MWG_NL_OP_BFD_DEL]	= { { mwg_nl_bfd_key, ARRAY_SIZE(mwg_nl_bfd_key) } },
	[MWG_NL_OP_BFD_GET]	= { { mwg_nl_bfd_key, ARRAY_SIZE(mwg_nl_bfd_key) } },
	[MWG_NL_OP_GROUP_NEW]	= { { mwg_nl_group_new,
				      ARRAY_SIZE(mwg_nl_group_new) } },
	/* The first entry of the list: GROUP_NAME alone. */
	[MWG_NL_OP_GROUP_DEL]	= { { mwg_nl_group_new, 1 } },
};

/*
 * Built from mwg_policy and mwg_nl_op_attrs once, at init, before the
 * family is registered; read-only afterwards.
 */
static struct nla_policy mwg_nl_policies[MWG_NL_OP_COUNT][MWG_VRRP_A_MAX + 1]
	__ro_after_init;

/* Whether command @op reads attribute @attr. */
static bool __init mwg_nl_op_reads(unsigned int op, unsigned int attr)
{
	unsigned int l, i;

	for (l = 0; l < ARRAY_SIZE(mwg_nl_op_attrs[op]); l++)
		for (i = 0; i < mwg_nl_op_attrs[op][l].count; i++)
			if (mwg_nl_op_attrs[op][l].attrs[i] == attr)
				return true;
	return false;
}

static void __init mwg_nl_build_policies(void)
{
	unsigned int op, attr;

	for (op = 0; op < MWG_NL_OP_COUNT; op++) {
		for (attr = 1; attr <= MWG_VRRP_A_MAX; attr++) {
			const struct nla_policy reject = {
				.type = NLA_REJECT,
				.reject_message = mwg_nl_reject_msg[attr],
			};
			/* memcpy: struct nla_policy has const members. */
			memcpy(&mwg_nl_policies[op][attr],
			       mwg_nl_op_reads(op, attr) ? &mwg_policy[attr] :
			       &reject, sizeof(reject));
		}
	}
}

/**
 * mwg_nl_put_addr() - Put an address as 4 or 16 bytes, as its family has it.
 * @skb: the message.
 * @attr: the attribute type.
 * @family: AF_INET or AF_INET6.
 * @addr: the address.
 *
 * Return: 0, or -EMSGSIZE.
 */
int mwg_nl_put_addr(struct sk_buff *skb, int attr, u8 family,
		    const union mwg_addr *addr)
{
	return nla_put(skb, attr, mwg_addr_len(family), addr->raw);
}

/**
 * mwg_nl_event_new() - Allocate an event message, if anyone listens.
 * @net: the namespace whose events group is to get it.
 * @gfp: allocation flags; GFP_ATOMIC from softirq.
 *
 * Most of the time nobody listens, and no message is built for nobody.
 *
 * Return: an empty message, or NULL when nobody listens on the events
 * group of @net or memory is short.
 */
struct sk_buff *mwg_nl_event_new(struct net *net, gfp_t gfp)
{
	if (!genl_has_listeners(&mwg_genl_family, net, MWG_NL_MCGRP_EVENTS))
		return NULL;
	return genlmsg_new(NLMSG_GOODSIZE, gfp);
}

/**
 * mwg_nl_event_send() - Send an event to a namespace's events group.
 * @skb: a message mwg_nl_event_new() gave and a fill completed; consumed.
 * @net: the namespace.
 * @gfp: allocation flags.
 */
void mwg_nl_event_send(struct sk_buff *skb, struct net *net, gfp_t gfp)
{
	genlmsg_multicast_netns(&mwg_genl_family, net, skb, 0,
				MWG_NL_MCGRP_EVENTS, gfp);
}

/* The VR named by a request: interface, family, VRID. */
struct mwg_nl_key {
	struct net_device *dev;
	u8 family;
	u8 vrid;
};

static int mwg_nl_parse_key(struct genl_info *info, struct mwg_nl_key *key)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **tb = info->attrs;

	if (GENL_REQ_ATTR_CHECK(info, MWG_VRRP_A_IFINDEX) ||
	    GENL_REQ_ATTR_CHECK(info, MWG_VRRP_A_VRID))
		return -EINVAL;
	key->family = tb[MWG_VRRP_A_FAMILY] ?
		      nla_get_u8(tb[MWG_VRRP_A_FAMILY]) : AF_INET;
	if (key->family != AF_INET && key->family != AF_INET6) {
		NL_SET_ERR_MSG_ATTR(extack, tb[MWG_VRRP_A_FAMILY],
				    "family must be AF_INET or AF_INET6");
		return -EAFNOSUPPORT;
	}
	key->vrid = nla_get_u8(tb[MWG_VRRP_A_VRID]);
	key->dev = __dev_get_by_index(genl_info_net(info),
				      nla_get_u32(tb[MWG_VRRP_A_IFINDEX]));
	if (!key->dev) {
		NL_SET_ERR_MSG_ATTR(extack, tb[MWG_VRRP_A_IFINDEX],
				    "no such interface in this namespace");
		return -ENODEV;
	}
	return 0;
}

static int mwg_nl_parse_vips(const struct nlattr *nest, u8 family,
			     struct mwg_vip_list **out,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[MWG_VRRP_VIP_A_MAX + 1];
	unsigned int n = 0, alen = mwg_addr_len(family);
	struct mwg_vip_list *vips;
	const struct nlattr *a;
	int rem, err;

	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != MWG_VRRP_A_VIP) {
			NL_SET_ERR_MSG_ATTR(extack, a, "expected a VIP entry");
			return -EINVAL;
		}
		n++;
	}
	if (n > MWG_VRRP_MAX_VIPS) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "too many virtual IPs (max 32)");
		return -E2BIG;
	}
	vips = mwg_vip_list_alloc(n, GFP_KERNEL_ACCOUNT);
	if (!vips)
		return -ENOMEM;

	n = 0;
	nla_for_each_nested(a, nest, rem) {
		struct mwg_vip *vip = &vips->vip[n++];

		err = nla_parse_nested(tb, MWG_VRRP_VIP_A_MAX, a,
				       mwg_vip_policy, extack);
		if (err)
			goto err;
		if (!tb[MWG_VRRP_VIP_A_ADDR] ||
		    nla_len(tb[MWG_VRRP_VIP_A_ADDR]) != alen) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "VIP address missing or not of the VR's family");
			err = -EINVAL;
			goto err;
		}
		memcpy(vip->addr.raw, nla_data(tb[MWG_VRRP_VIP_A_ADDR]), alen);
		vip->prefixlen = tb[MWG_VRRP_VIP_A_PREFIXLEN] ?
				 nla_get_u8(tb[MWG_VRRP_VIP_A_PREFIXLEN]) :
				 alen * 8;
		if (vip->prefixlen > alen * 8) {
			NL_SET_ERR_MSG_ATTR(extack, tb[MWG_VRRP_VIP_A_PREFIXLEN],
					    "prefix length too long for the family");
			err = -EINVAL;
			goto err;
		}
	}
	err = mwg_vip_list_validate(vips, family, extack);
	if (err)
		goto err;
	*out = vips;
	return 0;
err:
	kfree(vips);
	return err;
}

/* MWG_VRRP_A_BFD_PEER of a VR request: all zeros unsets it. */
static int mwg_nl_apply_bfd_peer(struct nlattr **tb, u8 family,
				 struct mwg_vr_config *cfg,
				 struct netlink_ext_ack *extack)
{
	static const u8 zero[16];
	const struct nlattr *a = tb[MWG_VRRP_A_BFD_PEER];
	u8 alen = mwg_addr_len(family);

	if (!a)
		return 0;
	if (nla_len(a) != alen) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "BFD peer address not of the VR's family");
		return -EINVAL;
	}
	memset(&cfg->bfd_peer, 0, sizeof(cfg->bfd_peer));
	nla_memcpy(cfg->bfd_peer.raw, a, alen);
	cfg->bfd_peer_set = memcmp(cfg->bfd_peer.raw, zero, alen) != 0;
	return 0;
}

/* Apply the optional settings of a request on top of @cfg. */
static void mwg_nl_apply_config(struct nlattr **tb, struct mwg_vr_config *cfg)
{
	if (tb[MWG_VRRP_A_VERSION])
		cfg->version = nla_get_u8(tb[MWG_VRRP_A_VERSION]);
	if (tb[MWG_VRRP_A_PRIORITY])
		cfg->priority = nla_get_u8(tb[MWG_VRRP_A_PRIORITY]);
	if (tb[MWG_VRRP_A_ADVERT_INTERVAL_MS])
		cfg->advert_interval_ms =
			nla_get_u32(tb[MWG_VRRP_A_ADVERT_INTERVAL_MS]);
	if (tb[MWG_VRRP_A_PREEMPT])
		cfg->preempt = nla_get_u8(tb[MWG_VRRP_A_PREEMPT]);
	if (tb[MWG_VRRP_A_PREEMPT_DELAY_MS])
		cfg->preempt_delay_ms =
			nla_get_u32(tb[MWG_VRRP_A_PREEMPT_DELAY_MS]);
	if (tb[MWG_VRRP_A_ACCEPT])
		cfg->accept = nla_get_u8(tb[MWG_VRRP_A_ACCEPT]);
	if (tb[MWG_VRRP_A_VMAC])
		cfg->vmac = nla_get_u8(tb[MWG_VRRP_A_VMAC]);
	if (tb[MWG_VRRP_A_GARP_REPEAT])
		cfg->garp_repeat = nla_get_u32(tb[MWG_VRRP_A_GARP_REPEAT]);
	if (tb[MWG_VRRP_A_GARP_INTERVAL_MS])
		cfg->garp_interval_ms =
			nla_get_u32(tb[MWG_VRRP_A_GARP_INTERVAL_MS]);
	if (tb[MWG_VRRP_A_GARP_REFRESH_S])
		cfg->garp_refresh_s = nla_get_u32(tb[MWG_VRRP_A_GARP_REFRESH_S]);
	if (tb[MWG_VRRP_A_CHECKSUM])
		cfg->checksum = nla_get_u8(tb[MWG_VRRP_A_CHECKSUM]);
	if (tb[MWG_VRRP_A_TRACK_SCANNERS])
		cfg->track_scanners = nla_get_u32(tb[MWG_VRRP_A_TRACK_SCANNERS]);
	if (tb[MWG_VRRP_A_TRACK_WEIGHT])
		cfg->track_weight = nla_get_u8(tb[MWG_VRRP_A_TRACK_WEIGHT]);
	if (tb[MWG_VRRP_A_TRACK_BFD])
		cfg->track_bfd = nla_get_u8(tb[MWG_VRRP_A_TRACK_BFD]);
	if (tb[MWG_VRRP_A_TRACK_IFINDEX])
		cfg->track_ifindex = nla_get_u32(tb[MWG_VRRP_A_TRACK_IFINDEX]);
	if (tb[MWG_VRRP_A_TRACK_IF_WEIGHT])
		cfg->track_if_weight = nla_get_u8(tb[MWG_VRRP_A_TRACK_IF_WEIGHT]);
}

/* How one address list of a VR request is read and refused. */
struct mwg_nl_addr_list {
	int list;			/* the nest attribute */
	int entry;			/* the type of each entry */
	unsigned int max;
	bool prefixes;			/* entries may carry a prefix length */
	const char *not_entry;
	const char *too_many;
	const char *bad_addr;
};

static const struct mwg_nl_addr_list mwg_nl_allow_list = {
	.list		= MWG_VRRP_A_ALLOW,
	.entry		= MWG_VRRP_A_ALLOW_ENTRY,
	.max		= MWG_VRRP_MAX_ALLOW,
	.prefixes	= true,
	.not_entry	= "expected an allow entry",
	.too_many	= "too many allowed prefixes (max 8)",
	.bad_addr	= "allowed address missing or not of the VR's family",
};

static const struct mwg_nl_addr_list mwg_nl_peer_list = {
	.list		= MWG_VRRP_A_UNICAST_PEERS,
	.entry		= MWG_VRRP_A_UNICAST_PEER,
	.max		= MWG_VRRP_MAX_PEERS,
	.not_entry	= "expected a unicast peer entry",
	.too_many	= "too many unicast peers (max 8)",
	.bad_addr	= "unicast peer address missing or not of the VR's family",
};

/*
 * What NL_SET_ERR_MSG_ATTR() does, for a message that is not a literal (it
 * comes from a list's description; 6.1's macro copies a literal).
 */
static void mwg_nl_err_attr(struct netlink_ext_ack *extack,
			    const struct nlattr *attr, const char *msg)
{
	if (!extack)
		return;
	extack->_msg = msg;
	extack->bad_attr = attr;
}

/*
 * A peer must be one host that a unicast packet can reach: not the
 * unspecified address, a multicast or a broadcast one.
 */
static bool mwg_nl_unicast_host(u8 family, const union mwg_addr *a)
{
	if (family == AF_INET)
		return !ipv4_is_zeronet(a->v4) && !ipv4_is_multicast(a->v4) &&
		       !ipv4_is_lbcast(a->v4) && !ipv4_is_loopback(a->v4);
	return !ipv6_addr_any(&a->v6) && !ipv6_addr_is_multicast(&a->v6) &&
	       !ipv6_addr_loopback(&a->v6);
}

/*
 * One address list of a VR request (@desc says which), which replaces the
 * list in @out/@count; an empty nest clears it.  Host bits of a prefix are
 * cleared, as ip route does for a route's prefix.
 */
static int mwg_nl_parse_addr_list(struct nlattr **tb,
				  const struct mwg_nl_addr_list *desc,
				  u8 family, struct mwg_prefix *out, u8 *count,
				  struct netlink_ext_ack *extack)
{
	struct nlattr *etb[MWG_VRRP_VIP_A_MAX + 1];
	const struct nlattr *nest = tb[desc->list], *a;
	unsigned int alen = mwg_addr_len(family), n = 0, i;
	struct mwg_prefix *p;
	int rem, err;

	if (!nest)
		return 0;
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != desc->entry) {
			mwg_nl_err_attr(extack, a, desc->not_entry);
			return -EINVAL;
		}
		if (n == desc->max) {
			mwg_nl_err_attr(extack, a, desc->too_many);
			return -E2BIG;
		}
		err = nla_parse_nested(etb, MWG_VRRP_VIP_A_MAX, a,
				       mwg_vip_policy, extack);
		if (err)
			return err;
		if (!etb[MWG_VRRP_VIP_A_ADDR] ||
		    nla_len(etb[MWG_VRRP_VIP_A_ADDR]) != alen) {
			mwg_nl_err_attr(extack, a, desc->bad_addr);
			return -EINVAL;
		}
		p = &out[n++];
		memset(p, 0, sizeof(*p));
		nla_memcpy(p->addr.raw, etb[MWG_VRRP_VIP_A_ADDR], alen);
		p->prefixlen = etb[MWG_VRRP_VIP_A_PREFIXLEN] ?
			       nla_get_u8(etb[MWG_VRRP_VIP_A_PREFIXLEN]) :
			       alen * 8;
		if (p->prefixlen > alen * 8) {
			NL_SET_ERR_MSG_ATTR(extack, etb[MWG_VRRP_VIP_A_PREFIXLEN],
					    "prefix length too long for the family");
			return -EINVAL;
		}
		if (!desc->prefixes && p->prefixlen != alen * 8) {
			NL_SET_ERR_MSG_ATTR(extack, etb[MWG_VRRP_VIP_A_PREFIXLEN],
					    "a unicast peer is one address, not a prefix");
			return -EINVAL;
		}
		if (!desc->prefixes && !mwg_nl_unicast_host(family, &p->addr)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "a unicast peer must be a unicast address of another host");
			return -EINVAL;
		}
		/* IPv6 adverts come from the link-local address: name that. */
		if (!desc->prefixes && family == AF_INET6 &&
		    !(ipv6_addr_type(&p->addr.v6) & IPV6_ADDR_LINKLOCAL)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "an IPv6 unicast peer is named by its link-local address, the source of its adverts");
			return -EINVAL;
		}
		for (i = p->prefixlen; i < alen * 8; i++)
			p->addr.raw[i / 8] &= ~(0x80 >> (i % 8));
	}
	*count = n;
	return 0;
}

/* The allow list and the unicast peers of a VR request, into @cfg. */
static int mwg_nl_apply_addr_lists(struct nlattr **tb, u8 family,
				   struct mwg_vr_config *cfg,
				   struct netlink_ext_ack *extack)
{
	int err;

	err = mwg_nl_parse_addr_list(tb, &mwg_nl_allow_list, family,
				     cfg->allow, &cfg->n_allow, extack);
	if (err)
		return err;
	return mwg_nl_parse_addr_list(tb, &mwg_nl_peer_list, family,
				      cfg->peers, &cfg->n_peers, extack);
}

/*
 * The objects a daemon tracks, into a new list for the VR (the caller's to
 * free); the names must be unique and not empty.
 */
static int mwg_nl_parse_tracked(const struct nlattr *nest,
				struct mwg_tracked_list **out,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[MWG_VRRP_TRACKED_A_MAX + 1];
	struct mwg_tracked_list *list;
	struct mwg_tracked *obj;
	const struct nlattr *a;
	unsigned int i;
	int rem, err;

	list = kzalloc(struct_size(list, obj, MWG_VRRP_MAX_TRACKED),
		       GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	nla_for_each_nested(a, nest, rem) {
		err = -EINVAL;
		if (nla_type(a) != MWG_VRRP_A_TRACKED_OBJ) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "expected a tracked object entry");
			goto err;
		}
		if (list->count == MWG_VRRP_MAX_TRACKED) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "too many tracked objects (max 16)");
			err = -E2BIG;
			goto err;
		}
		err = nla_parse_nested(tb, MWG_VRRP_TRACKED_A_MAX, a,
				       mwg_tracked_policy, extack);
		if (err)
			goto err;
		obj = &list->obj[list->count];
		if (tb[MWG_VRRP_TRACKED_A_NAME])
			nla_strscpy(obj->name, tb[MWG_VRRP_TRACKED_A_NAME],
				    sizeof(obj->name));
		err = -EINVAL;
		if (!obj->name[0]) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "a tracked object needs a name");
			goto err;
		}
		for (i = 0; i < list->count; i++) {
			if (!strcmp(list->obj[i].name, obj->name)) {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "tracked object named twice");
				goto err;
			}
		}
		if (tb[MWG_VRRP_TRACKED_A_DEMOTE])
			obj->demote = nla_get_u8(tb[MWG_VRRP_TRACKED_A_DEMOTE]);
		if (tb[MWG_VRRP_TRACKED_A_FAULT])
			obj->fault = nla_get_u8(tb[MWG_VRRP_TRACKED_A_FAULT]);
		list->count++;
	}
	*out = list;
	return 0;
err:
	kfree(list);
	return err;
}

/*
 * The tracked interface: another one of the VR's namespace.  Only when the
 * request names it: one that went away since keeps being tracked (down).
 */
static int mwg_nl_check_track_if(struct nlattr **tb,
				 const struct net_device *dev,
				 const struct mwg_vr_config *cfg,
				 struct netlink_ext_ack *extack)
{
	const struct nlattr *a = tb[MWG_VRRP_A_TRACK_IFINDEX];

	if (!a || !cfg->track_ifindex)
		return 0;
	if (cfg->track_ifindex == dev->ifindex) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "a VR cannot track its own interface");
		return -EINVAL;
	}
	if (!__dev_get_by_index(dev_net(dev), cfg->track_ifindex)) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "no such interface to track in the namespace");
		return -ENODEV;
	}
	return 0;
}

static int mwg_nl_put_stat(struct sk_buff *skb, int attr, u64 value)
{
	return nla_put_u64_64bit(skb, attr, value, MWG_VRRP_STATS_A_PAD);
}

/*
 * The counters of a VR, in attribute order: MWG_VRRP_STATS_COUNTERS, from
 * the netlink spec via scripts/gen-names.
 */
#define MWG_NL_VR_STAT(attr_, name_) \
	{ .attr = attr_, .off = offsetof(struct mwg_vr_stats, name_) },

static const struct {
	u16 attr;
	u16 off;
} mwg_nl_vr_stats[] = {
	MWG_VRRP_STATS_COUNTERS(MWG_NL_VR_STAT)
};

static_assert(ARRAY_SIZE(mwg_nl_vr_stats) * sizeof(u64) ==
	      offsetof(struct mwg_vr_stats, new_master_reason));

static int mwg_nl_put_stats(struct sk_buff *skb, const struct mwg_vr_stats *st)
{
	struct nlattr *nest = nla_nest_start(skb, MWG_VRRP_A_STATS);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(mwg_nl_vr_stats); i++) {
		const u64 *v = (const void *)st + mwg_nl_vr_stats[i].off;
		u16 attr = mwg_nl_vr_stats[i].attr;

		if (mwg_nl_put_stat(skb, attr, *v))
			goto cancel;
		/* Not a counter: the u8 that follows its counter. */
		if (attr == MWG_VRRP_STATS_A_MASTER_TRANSITIONS &&
		    nla_put_u8(skb, MWG_VRRP_STATS_A_NEW_MASTER_REASON,
			       st->new_master_reason))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* An address list of the VR's configuration, if it has entries. */
static int mwg_nl_put_addr_list(struct sk_buff *skb, const struct mwg_vr *vr,
				const struct mwg_nl_addr_list *desc,
				const struct mwg_prefix *list, unsigned int n)
{
	struct nlattr *nest, *entry;
	unsigned int i;

	if (!n)
		return 0;
	nest = nla_nest_start(skb, desc->list);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		entry = nla_nest_start(skb, desc->entry);
		if (!entry ||
		    mwg_nl_put_addr(skb, MWG_VRRP_VIP_A_ADDR, vr->family,
				    &list[i].addr) ||
		    (desc->prefixes &&
		     nla_put_u8(skb, MWG_VRRP_VIP_A_PREFIXLEN,
				list[i].prefixlen))) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int mwg_nl_put_vips(struct sk_buff *skb, const struct mwg_vr *vr,
			   const struct mwg_vip_list *vips)
{
	struct nlattr *nest, *entry;
	unsigned int i;

	nest = nla_nest_start(skb, MWG_VRRP_A_VIPS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < vips->count; i++) {
		entry = nla_nest_start(skb, MWG_VRRP_A_VIP);
		if (!entry ||
		    mwg_nl_put_addr(skb, MWG_VRRP_VIP_A_ADDR, vr->family,
				    &vips->vip[i].addr) ||
		    nla_put_u8(skb, MWG_VRRP_VIP_A_PREFIXLEN,
			       vips->vip[i].prefixlen)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * How long the VR has been in its state and, once it has changed state,
 * that change: what operators ask first after a failover.
 */
static int mwg_nl_put_last_change(struct sk_buff *skb, const struct mwg_vr *vr)
{
	s64 age_ms = ktime_ms_delta(ktime_get(), vr->changed_at);

	if (nla_put_u64_64bit(skb, MWG_VRRP_A_STATE_AGE_MS, max_t(s64, age_ms, 0),
			      MWG_VRRP_A_PAD))
		return -EMSGSIZE;
	if (!vr->changed)
		return 0;
	if (nla_put_u8(skb, MWG_VRRP_A_OLD_STATE, vr->changed_from) ||
	    nla_put_u8(skb, MWG_VRRP_A_REASON, vr->changed_reason) ||
	    nla_put_u64_64bit(skb, MWG_VRRP_A_TIME_NS, vr->changed_real_ns,
			      MWG_VRRP_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/* Fills under vr->lock: one consistent picture of the VR. */
/* The tracked objects' nest, when a daemon reported any; vr->lock held. */
static int mwg_nl_put_tracked(struct sk_buff *skb, struct mwg_vr *vr)
{
	const struct mwg_tracked_list *list;
	struct nlattr *nest, *entry;
	unsigned int i;

	list = rcu_dereference_protected(vr->tracked,
					 lockdep_is_held(&vr->lock));
	if (!list || !list->count)
		return 0;
	nest = nla_nest_start(skb, MWG_VRRP_A_TRACKED);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < list->count; i++) {
		const struct mwg_tracked *obj = &list->obj[i];

		entry = nla_nest_start(skb, MWG_VRRP_A_TRACKED_OBJ);
		if (!entry ||
		    nla_put_string(skb, MWG_VRRP_TRACKED_A_NAME, obj->name) ||
		    nla_put_u8(skb, MWG_VRRP_TRACKED_A_DEMOTE, obj->demote) ||
		    nla_put_u8(skb, MWG_VRRP_TRACKED_A_FAULT, obj->fault)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int mwg_nl_fill_vr(struct sk_buff *skb, struct mwg_vr *vr, u32 portid,
			  u32 seq, int flags)
{
	const struct mwg_vr_config *cfg = &vr->cfg;
	const struct mwg_vip_list *vips;
	void *hdr;
	int err = -EMSGSIZE;

	hdr = genlmsg_put(skb, portid, seq, &mwg_genl_family, flags,
			  MWG_VRRP_CMD_VR_GET);
	if (!hdr)
		return -EMSGSIZE;

	spin_lock_bh(&vr->lock);
	if (nla_put_u32(skb, MWG_VRRP_A_IFINDEX, vr->dev->ifindex) ||
	    nla_put_string(skb, MWG_VRRP_A_IFNAME, vr->dev->name) ||
	    nla_put_u8(skb, MWG_VRRP_A_VRID, vr->vrid) ||
	    nla_put_u8(skb, MWG_VRRP_A_FAMILY, vr->family) ||
	    nla_put_u8(skb, MWG_VRRP_A_VERSION, cfg->version) ||
	    nla_put_u8(skb, MWG_VRRP_A_STATE, vr->state) ||
	    nla_put_u8(skb, MWG_VRRP_A_PRIORITY, cfg->priority) ||
	    nla_put_u8(skb, MWG_VRRP_A_EFFECTIVE_PRIORITY, vr->eff_prio) ||
	    nla_put_u32(skb, MWG_VRRP_A_ADVERT_INTERVAL_MS,
			cfg->advert_interval_ms) ||
	    nla_put_u32(skb, MWG_VRRP_A_MASTER_ADVER_INTERVAL_MS,
			vr->master_adver_cs * 10) ||
	    nla_put_u8(skb, MWG_VRRP_A_PREEMPT, cfg->preempt) ||
	    nla_put_u32(skb, MWG_VRRP_A_PREEMPT_DELAY_MS,
			cfg->preempt_delay_ms) ||
	    nla_put_u8(skb, MWG_VRRP_A_ACCEPT, cfg->accept) ||
	    nla_put_u8(skb, MWG_VRRP_A_VMAC, cfg->vmac) ||
	    nla_put_u32(skb, MWG_VRRP_A_GARP_REPEAT, cfg->garp_repeat) ||
	    nla_put_u32(skb, MWG_VRRP_A_GARP_INTERVAL_MS,
			cfg->garp_interval_ms) ||
	    nla_put_u32(skb, MWG_VRRP_A_GARP_REFRESH_S, cfg->garp_refresh_s) ||
	    nla_put_u8(skb, MWG_VRRP_A_CHECKSUM, cfg->checksum) ||
	    nla_put_u32(skb, MWG_VRRP_A_TRACK_SCANNERS, cfg->track_scanners) ||
	    nla_put_u8(skb, MWG_VRRP_A_TRACK_WEIGHT, cfg->track_weight) ||
	    nla_put_u8(skb, MWG_VRRP_A_TRACK_BFD, cfg->track_bfd))
		goto unlock;
	if (vr->master_known &&
	    mwg_nl_put_addr(skb, MWG_VRRP_A_MASTER_IP, vr->family,
			    &vr->master_ip))
		goto unlock;
	if (cfg->bfd_peer_set &&
	    mwg_nl_put_addr(skb, MWG_VRRP_A_BFD_PEER, vr->family,
			    &cfg->bfd_peer))
		goto unlock;
	if (cfg->track_ifindex &&
	    (nla_put_u32(skb, MWG_VRRP_A_TRACK_IFINDEX, cfg->track_ifindex) ||
	     nla_put_u8(skb, MWG_VRRP_A_TRACK_IF_WEIGHT, cfg->track_if_weight) ||
	     nla_put_u8(skb, MWG_VRRP_A_TRACK_IF_UP, !vr->track_if_down)))
		goto unlock;
	if (mwg_nl_put_last_change(skb, vr) || mwg_group_put_name(skb, vr) ||
	    mwg_nl_put_tracked(skb, vr))
		goto unlock;
	vips = rcu_dereference_protected(vr->vips, lockdep_is_held(&vr->lock));
	if (mwg_nl_put_vips(skb, vr, vips) ||
	    mwg_nl_put_addr_list(skb, vr, &mwg_nl_allow_list, cfg->allow,
				 cfg->n_allow) ||
	    mwg_nl_put_addr_list(skb, vr, &mwg_nl_peer_list, cfg->peers,
				 cfg->n_peers) ||
	    mwg_nl_put_stats(skb, &vr->stats))
		goto unlock;
	err = 0;
unlock:
	spin_unlock_bh(&vr->lock);
	if (err) {
		genlmsg_cancel(skb, hdr);
		return err;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int mwg_nl_vr_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct mwg_vip_list *vips = NULL;
	struct mwg_vr_config cfg;
	struct mwg_nl_key key;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, MWG_VRRP_A_PRIORITY) ||
	    GENL_REQ_ATTR_CHECK(info, MWG_VRRP_A_VIPS))
		return -EINVAL;

	rtnl_lock();
	err = mwg_nl_parse_key(info, &key);
	if (err)
		goto out;
	mwg_vr_default_config(&cfg);
	mwg_nl_apply_config(info->attrs, &cfg);
	err = mwg_nl_apply_bfd_peer(info->attrs, key.family, &cfg, extack);
	if (err)
		goto out;
	err = mwg_nl_check_track_if(info->attrs, key.dev, &cfg, extack);
	if (err)
		goto out;
	err = mwg_nl_apply_addr_lists(info->attrs, key.family, &cfg, extack);
	if (err)
		goto out;
	err = mwg_vr_config_validate(&cfg, key.family, extack);
	if (err)
		goto out;
	err = mwg_nl_parse_vips(info->attrs[MWG_VRRP_A_VIPS], key.family,
				&vips, extack);
	if (err)
		goto out;
	/* mwg_vr_create() owns @vips from here, on success and failure. */
	err = mwg_vr_create(key.dev, key.family, key.vrid, &cfg, vips, extack);
out:
	rtnl_unlock();
	return err;
}

static struct mwg_vr *mwg_nl_find_vr(struct genl_info *info, int *err)
{
	struct mwg_nl_key key;
	struct mwg_vr *vr;

	*err = mwg_nl_parse_key(info, &key);
	if (*err)
		return NULL;
	vr = mwg_vr_find_rtnl(genl_info_net(info), key.dev->ifindex,
			      key.family, key.vrid);
	if (!vr) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "no such VRID on the interface");
		*err = -ENOENT;
	}
	return vr;
}

static int mwg_nl_vr_set(struct sk_buff *skb, struct genl_info *info)
{
	struct mwg_tracked_list *tracked = NULL;
	struct mwg_vip_list *vips = NULL;
	struct mwg_vr_config cfg;
	struct mwg_vr *vr;
	int err;

	rtnl_lock();
	vr = mwg_nl_find_vr(info, &err);
	if (!vr)
		goto out;
	spin_lock_bh(&vr->lock);
	cfg = vr->cfg;
	spin_unlock_bh(&vr->lock);
	mwg_nl_apply_config(info->attrs, &cfg);
	err = mwg_nl_apply_bfd_peer(info->attrs, vr->family, &cfg,
				    info->extack);
	if (err)
		goto out;
	err = mwg_nl_check_track_if(info->attrs, vr->dev, &cfg, info->extack);
	if (err)
		goto out;
	err = mwg_nl_apply_addr_lists(info->attrs, vr->family, &cfg,
				      info->extack);
	if (err)
		goto out;
	err = mwg_vr_config_validate(&cfg, vr->family, info->extack);
	if (err)
		goto out;
	if (info->attrs[MWG_VRRP_A_TRACKED]) {
		err = mwg_nl_parse_tracked(info->attrs[MWG_VRRP_A_TRACKED],
					   &tracked, info->extack);
		if (err)
			goto out;
	}
	if (info->attrs[MWG_VRRP_A_VIPS]) {
		err = mwg_nl_parse_vips(info->attrs[MWG_VRRP_A_VIPS],
					vr->family, &vips, info->extack);
		if (err) {
			kfree(tracked);
			goto out;
		}
	}
	/* mwg_vr_reconfigure() owns @vips and @tracked from here. */
	err = mwg_vr_reconfigure(vr, &cfg, vips, tracked);
	if (err)
		NL_SET_ERR_MSG_MOD(info->extack,
				   "cannot add the new VIPs' groups or the virtual MAC to the interface's filter");
out:
	rtnl_unlock();
	return err;
}

static int mwg_nl_vr_del(struct sk_buff *skb, struct genl_info *info)
{
	struct mwg_vr *vr;
	int err;

	rtnl_lock();
	vr = mwg_nl_find_vr(info, &err);
	if (vr)
		mwg_vr_unlink(vr, false);
	rtnl_unlock();
	/* Out of RTNL: withdrawing the VIPs talks rtnetlink. */
	if (vr)
		mwg_vr_finish(vr);
	return err;
}

static int mwg_nl_vr_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	struct mwg_vr *vr;
	int err;

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	vr = mwg_nl_find_vr(info, &err);
	if (vr)
		err = mwg_nl_fill_vr(msg, vr, info->snd_portid, info->snd_seq,
				     0);
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static int mwg_nl_vr_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = mwg_genl_dump_attrs(cb);
	struct mwg_net *mn = mwg_net(sock_net(skb->sk));
	long skip = cb->args[0], idx = 0;
	u32 ifindex = 0;
	struct mwg_if *mif;
	struct mwg_vr *vr;
	unsigned int bkt;

	if (attrs && attrs[MWG_VRRP_A_IFINDEX])
		ifindex = nla_get_u32(attrs[MWG_VRRP_A_IFINDEX]);

	rcu_read_lock();
	hash_for_each_rcu(mn->ifs, bkt, mif, node) {
		if (ifindex && mif->dev->ifindex != ifindex)
			continue;
		hlist_for_each_entry_rcu(vr, &mif->vr_list, if_node) {
			if (idx < skip) {
				idx++;
				continue;
			}
			if (mwg_nl_fill_vr(skb, vr,
					   NETLINK_CB(cb->skb).portid,
					   cb->nlh->nlmsg_seq, NLM_F_MULTI))
				goto out;
			idx++;
		}
	}
out:
	rcu_read_unlock();
	cb->args[0] = idx;
	return skb->len;
}

/*
 * A namespace's counters, VRRP's then BFD's, in attribute order:
 * MWG_VRRP_NS_STATS_COUNTERS, from the netlink spec via scripts/gen-names.
 */
#define MWG_NL_NS_STAT(attr_, name_) \
	{ .attr = attr_, .off = offsetof(struct mwg_net_stats, name_) },

static const struct {
	u16 attr;
	u16 off;
} mwg_nl_ns_stats[] = {
	MWG_VRRP_NS_STATS_COUNTERS(MWG_NL_NS_STAT)
};

static_assert(ARRAY_SIZE(mwg_nl_ns_stats) * sizeof(atomic64_t) ==
	      sizeof(struct mwg_net_stats));

static int mwg_nl_put_ns_stats(struct sk_buff *skb, struct mwg_net *mn)
{
	struct nlattr *nest = nla_nest_start(skb, MWG_VRRP_A_NS_STATS);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(mwg_nl_ns_stats); i++) {
		atomic64_t *v = (void *)&mn->stats + mwg_nl_ns_stats[i].off;

		if (nla_put_u64_64bit(skb, mwg_nl_ns_stats[i].attr,
				      atomic64_read(v),
				      MWG_VRRP_NS_STATS_A_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int mwg_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct mwg_net *mn = mwg_net(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &mwg_genl_family, 0,
				MWG_VRRP_CMD_GET_INFO);
	if (!hdr ||
	    nla_put_string(msg, MWG_VRRP_A_MODULE_VERSION,
			   MWG_VRRP_MODULE_VERSION) ||
	    mwg_nl_put_ns_stats(msg, mn)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/*
 * Parse the scanner entries of @nest into an array; SET needs every field
 * a live entry has, DEL only the node ids.
 */
static int mwg_nl_parse_scanners(const struct nlattr *nest, bool full,
				 struct mwg_scanner_info **out,
				 unsigned int *count,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[MWG_VRRP_SCANNER_A_MAX + 1];
	struct mwg_scanner_info *infos;
	unsigned int n = 0, alen;
	const struct nlattr *a;
	int rem, err;

	*out = NULL;
	*count = 0;
	if (!nest)
		return 0;
	nla_for_each_nested(a, nest, rem)
		n++;
	if (n > MWG_VRRP_SCANNERS_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "too many scanners in one request");
		return -E2BIG;
	}
	infos = kvcalloc(n, sizeof(*infos), GFP_KERNEL);
	if (!infos && n)
		return -ENOMEM;

	n = 0;
	nla_for_each_nested(a, nest, rem) {
		struct mwg_scanner_info *info = &infos[n++];

		err = -EINVAL;
		if (nla_type(a) != MWG_VRRP_A_SCANNER) {
			NL_SET_ERR_MSG_ATTR(extack, a, "expected a scanner entry");
			goto err;
		}
		err = nla_parse_nested(tb, MWG_VRRP_SCANNER_A_MAX, a,
				       mwg_scanner_policy, extack);
		if (err)
			goto err;
		err = -EINVAL;
		if (!tb[MWG_VRRP_SCANNER_A_NODE_ID]) {
			NL_SET_ERR_MSG_ATTR(extack, a, "scanner without a node id");
			goto err;
		}
		nla_memcpy(info->node_id, tb[MWG_VRRP_SCANNER_A_NODE_ID],
			   MWG_SCANNER_ID_LEN);
		if (!full)
			continue;

		if (!tb[MWG_VRRP_SCANNER_A_ADDR] ||
		    !tb[MWG_VRRP_SCANNER_A_LEASE_MS]) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "scanner needs an address and a lease");
			goto err;
		}
		alen = nla_len(tb[MWG_VRRP_SCANNER_A_ADDR]);
		if (alen != 4 && alen != 16) {
			NL_SET_ERR_MSG_ATTR(extack, tb[MWG_VRRP_SCANNER_A_ADDR],
					    "scanner address must be IPv4 or IPv6");
			goto err;
		}
		info->family = alen == 4 ? AF_INET : AF_INET6;
		nla_memcpy(info->addr, tb[MWG_VRRP_SCANNER_A_ADDR], alen);
		if (tb[MWG_VRRP_SCANNER_A_PORTS]) {
			unsigned int plen = nla_len(tb[MWG_VRRP_SCANNER_A_PORTS]);

			if (plen % sizeof(u16)) {
				NL_SET_ERR_MSG_ATTR(extack,
						    tb[MWG_VRRP_SCANNER_A_PORTS],
						    "ports must be 16-bit numbers");
				goto err;
			}
			info->nports = plen / sizeof(u16);
			nla_memcpy(info->ports, tb[MWG_VRRP_SCANNER_A_PORTS],
				   plen);
		}
		if (tb[MWG_VRRP_SCANNER_A_NAME])
			nla_strscpy(info->name, tb[MWG_VRRP_SCANNER_A_NAME],
				    sizeof(info->name));
		if (tb[MWG_VRRP_SCANNER_A_LOAD])
			info->load = nla_get_u32(tb[MWG_VRRP_SCANNER_A_LOAD]);
		if (tb[MWG_VRRP_SCANNER_A_CAPACITY])
			info->capacity =
				nla_get_u32(tb[MWG_VRRP_SCANNER_A_CAPACITY]);
		info->lease_ms = nla_get_u32(tb[MWG_VRRP_SCANNER_A_LEASE_MS]);
	}
	*out = infos;
	*count = n;
	return 0;
err:
	kvfree(infos);
	return err;
}

static int mwg_nl_scanner_set(struct sk_buff *skb, struct genl_info *info)
{
	struct mwg_net *mn = mwg_net(genl_info_net(info));
	struct mwg_scanner_info *infos;
	unsigned int n;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, MWG_VRRP_A_SCANNERS))
		return -EINVAL;
	err = mwg_nl_parse_scanners(info->attrs[MWG_VRRP_A_SCANNERS], true,
				    &infos, &n, info->extack);
	if (err)
		return err;
	rtnl_lock();
	err = mwg_scanners_set(mn, infos, n,
			       nla_get_flag(info->attrs[MWG_VRRP_A_SCANNER_REPLACE]),
			       info->extack);
	rtnl_unlock();
	kvfree(infos);
	return err;
}

static int mwg_nl_scanner_del(struct sk_buff *skb, struct genl_info *info)
{
	struct mwg_net *mn = mwg_net(genl_info_net(info));
	struct mwg_scanner_info *infos;
	unsigned int n;
	int err;

	err = mwg_nl_parse_scanners(info->attrs[MWG_VRRP_A_SCANNERS], false,
				    &infos, &n, info->extack);
	if (err)
		return err;
	rtnl_lock();
	err = mwg_scanners_del(mn, infos, n, info->extack);
	rtnl_unlock();
	kvfree(infos);
	return err;
}

static int mwg_nl_scanner_dump(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	return mwg_scanners_dump(mwg_net(sock_net(skb->sk)), skb, cb);
}

#define MWG_NL_OP(name)						\
	.cmd		= MWG_VRRP_CMD_##name,				\
	.policy		= mwg_nl_policies[MWG_NL_OP_##name],		\
	.maxattr	= MWG_VRRP_A_MAX

static const struct genl_ops mwg_genl_ops[] = {
	{
		MWG_NL_OP(GET_INFO),
		.doit		= mwg_nl_get_info,
	},
	{
		MWG_NL_OP(VR_NEW),
		.doit		= mwg_nl_vr_new,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		MWG_NL_OP(VR_SET),
		.doit		= mwg_nl_vr_set,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		MWG_NL_OP(VR_DEL),
		.doit		= mwg_nl_vr_del,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		MWG_NL_OP(VR_GET),
		.doit		= mwg_nl_vr_get,
		.dumpit		= mwg_nl_vr_dump,
	},
	{
		MWG_NL_OP(SCANNER_SET),
		.doit		= mwg_nl_scanner_set,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		MWG_NL_OP(SCANNER_DEL),
		.doit		= mwg_nl_scanner_del,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		MWG_NL_OP(SCANNER_GET),
		.dumpit		= mwg_nl_scanner_dump,
	},
	{
		MWG_NL_OP(BFD_ADD),
		.doit		= mwg_bfd_nl_add,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		MWG_NL_OP(BFD_SET),
		.doit		= mwg_bfd_nl_set,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		MWG_NL_OP(BFD_DEL),
		.doit		= mwg_bfd_nl_del,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		MWG_NL_OP(BFD_GET),
		.doit		= mwg_bfd_nl_get,
		.dumpit		= mwg_bfd_nl_dump,
	},
	{
		MWG_NL_OP(GROUP_NEW),
		.doit		= mwg_group_nl_new,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		MWG_NL_OP(GROUP_DEL),
		.doit		= mwg_group_nl_del,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		MWG_NL_OP(GROUP_GET),
		.dumpit		= mwg_group_nl_dump,
	},
};

static const struct genl_multicast_group mwg_genl_mcgrps[] = {
	[MWG_NL_MCGRP_EVENTS] = { .name = MWG_VRRP_MCGRP_EVENTS },
};

struct genl_family mwg_genl_family __ro_after_init = {
	.name		= MWG_VRRP_GENL_NAME,
	.version	= MWG_VRRP_GENL_VERSION,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.ops		= mwg_genl_ops,
	.n_ops		= ARRAY_SIZE(mwg_genl_ops),
	.mcgrps		= mwg_genl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(mwg_genl_mcgrps),
};

/**
 * mwg_netlink_init() - Build the commands' policies and register the family.
 *
 * Description: Each command's policy reads its own attributes only and refuses
 * every other one with a message naming it; the tables are built here, before
 * the family can be used.
 *
 * Context: Module init.
 * Return: 0, or the error of genl_register_family().
 */
int __init mwg_netlink_init(void)
{
	mwg_nl_build_policies();
	return genl_register_family(&mwg_genl_family);
}

/**
 * mwg_netlink_exit() - Unregister the generic netlink family.
 *
 * Context: Module exit or failed init, process context.
 */
void mwg_netlink_exit(void)
{
	genl_unregister_family(&mwg_genl_family);
}
