/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mwg_vrrp generic netlink contract.
 *
 * Family "mwg_vrrp", version MWG_VRRP_GENL_VERSION, multicast group
 * "events".  The family is per network namespace: every command acts on the
 * namespace of the requesting socket.  Mutating commands need CAP_NET_ADMIN
 * in the user namespace owning that network namespace.
 *
 * A virtual router (VR) is keyed by (ifindex, family, vrid).  Requests name
 * the interface by MWG_VRRP_A_IFINDEX; replies carry both the index and
 * MWG_VRRP_A_IFNAME.
 *
 * Integers are host byte order; addresses (MWG_VRRP_A_MASTER_IP,
 * MWG_VRRP_VIP_A_ADDR, MWG_VRRP_SCANNER_A_ADDR) are network byte order,
 * 4 bytes for AF_INET and 16 bytes for AF_INET6.
 */
#ifndef _UAPI_MWG_VRRP_H
#define _UAPI_MWG_VRRP_H

#define MWG_VRRP_GENL_NAME		"mwg_vrrp"
#define MWG_VRRP_GENL_VERSION		1
#define MWG_VRRP_MCGRP_EVENTS		"events"

/* Limits the kernel enforces; userspace may use them to check early. */
#define MWG_VRRP_VRID_MIN		1
#define MWG_VRRP_VRID_MAX		255
#define MWG_VRRP_PRIO_OWNER		255
#define MWG_VRRP_ADVERT_MS_MIN		10
#define MWG_VRRP_ADVERT_MS_MAX		40950
#define MWG_VRRP_V2_ADVERT_MS_MAX	255000
#define MWG_VRRP_MAX_VIPS		32
/* Prefixes of MWG_VRRP_A_ALLOW per VR. */
#define MWG_VRRP_MAX_ALLOW		8
/* Addresses of MWG_VRRP_A_UNICAST_PEERS per VR. */
#define MWG_VRRP_MAX_PEERS		8
/* Userspace-tracked objects per VR, and their names' size with the NUL. */
#define MWG_VRRP_MAX_TRACKED		16
#define MWG_VRRP_TRACKED_NAME_MAX	64
#define MWG_VRRP_PREEMPT_DELAY_MS_MAX	3600000
#define MWG_VRRP_GARP_REPEAT_MAX	100
#define MWG_VRRP_GARP_INTERVAL_MS_MIN	1
#define MWG_VRRP_GARP_INTERVAL_MS_MAX	60000
#define MWG_VRRP_GARP_REFRESH_S_MAX	86400

enum mwg_vrrp_cmd {
	MWG_VRRP_CMD_UNSPEC,
	MWG_VRRP_CMD_GET_INFO,		/* module version + namespace counters */
	MWG_VRRP_CMD_VR_NEW,
	MWG_VRRP_CMD_VR_SET,
	MWG_VRRP_CMD_VR_DEL,
	MWG_VRRP_CMD_VR_GET,		/* doit with a key, or dump */
	MWG_VRRP_CMD_VR_EVENT,		/* notification: state change */
	MWG_VRRP_CMD_SCANNER_SET,	/* replace or update live scanners */
	MWG_VRRP_CMD_SCANNER_DEL,
	MWG_VRRP_CMD_SCANNER_GET,	/* dump */
	MWG_VRRP_CMD_SCANNER_EVENT,	/* notification: scanner came/left */
	MWG_VRRP_CMD_BFD_ADD,		/* a BFD session to a peer */
	MWG_VRRP_CMD_BFD_SET,		/* new timers: a Poll Sequence */
	MWG_VRRP_CMD_BFD_DEL,
	MWG_VRRP_CMD_BFD_GET,		/* doit with a key, or dump */
	MWG_VRRP_CMD_BFD_EVENT,		/* notification: session state change */
	MWG_VRRP_CMD_GROUP_NEW,		/* a sync group of VRs, see below */
	MWG_VRRP_CMD_GROUP_DEL,
	MWG_VRRP_CMD_GROUP_GET,		/* dump */
	MWG_VRRP_CMD_ROGUE_EVENT,	/* notification: see enum mwg_vrrp_rogue */
	__MWG_VRRP_CMD_MAX,
};

#define MWG_VRRP_CMD_MAX (__MWG_VRRP_CMD_MAX - 1)

enum mwg_vrrp_state {
	MWG_VRRP_STATE_INIT,
	MWG_VRRP_STATE_BACKUP,
	MWG_VRRP_STATE_MASTER,
};

/* Why a state change happened (MWG_VRRP_A_REASON). */
enum mwg_vrrp_reason {
	MWG_VRRP_REASON_NONE,
	MWG_VRRP_REASON_STARTUP,	/* Init -> Backup on start */
	MWG_VRRP_REASON_OWNER,		/* priority 255: Init -> Master */
	MWG_VRRP_REASON_MASTER_DOWN,	/* Master_Down_Timer expired */
	MWG_VRRP_REASON_PRIORITY_ZERO,	/* master resigned, skew expired */
	MWG_VRRP_REASON_PREEMPTED,	/* a higher priority master appeared */
	MWG_VRRP_REASON_SHUTDOWN,	/* deleted, disabled or module unload */
	MWG_VRRP_REASON_LINK_DOWN,	/* carrier lost, admin down, no addr */
	MWG_VRRP_REASON_RECONFIGURED,	/* a modify that restarts the VR */
	MWG_VRRP_REASON_BFD_DOWN,	/* tracked BFD session went down */
	MWG_VRRP_REASON_GROUP,		/* another member of its sync group moved */
	MWG_VRRP_REASON_TRACK_IF,	/* the tracked interface went down or up */
	MWG_VRRP_REASON_TRACKED,	/* a userspace-tracked object's fault */
	__MWG_VRRP_REASON_MAX,
};

#define MWG_VRRP_REASON_MAX (__MWG_VRRP_REASON_MAX - 1)

/*
 * Why an advert raised a ROGUE_EVENT (rate-limited to one a second per
 * VR; each such advert counts in ROGUE_ADVERTS).  Neither drops the
 * advert: that is what MWG_VRRP_A_ALLOW does.
 */
enum mwg_vrrp_rogue {
	/* It displaces the master and its source never was one on this VR. */
	MWG_VRRP_ROGUE_UNSEEN,
	/* Priority 255 for VIPs this VR owns (its priority is 255 too). */
	MWG_VRRP_ROGUE_OWNER_CLAIM,
};

enum mwg_vrrp_checksum {
	MWG_VRRP_CSUM_PSEUDO,		/* RFC 5798: IPv4 pseudo-header */
	MWG_VRRP_CSUM_RFC9568,		/* RFC 9568: IPv4 message only */
};

enum mwg_vrrp_attr {
	MWG_VRRP_A_UNSPEC,
	MWG_VRRP_A_IFINDEX,		/* u32 */
	MWG_VRRP_A_IFNAME,		/* string, replies only */
	MWG_VRRP_A_VRID,		/* u8, 1..255 */
	MWG_VRRP_A_FAMILY,		/* u8, AF_INET (default) or AF_INET6 */
	MWG_VRRP_A_VERSION,		/* u8, 3 (default) or 2 */
	MWG_VRRP_A_PRIORITY,		/* u8, 1..255 */
	MWG_VRRP_A_EFFECTIVE_PRIORITY,	/* u8, replies only */
	MWG_VRRP_A_ADVERT_INTERVAL_MS,	/* u32 */
	MWG_VRRP_A_MASTER_ADVER_INTERVAL_MS, /* u32, replies only */
	MWG_VRRP_A_PREEMPT,		/* u8, 0 or 1 */
	MWG_VRRP_A_PREEMPT_DELAY_MS,	/* u32 */
	MWG_VRRP_A_ACCEPT,		/* u8, 0 or 1 */
	MWG_VRRP_A_GARP_REPEAT,		/* u32 */
	MWG_VRRP_A_GARP_INTERVAL_MS,	/* u32 */
	MWG_VRRP_A_GARP_REFRESH_S,	/* u32, 0 = off */
	MWG_VRRP_A_CHECKSUM,		/* u8, enum mwg_vrrp_checksum */
	MWG_VRRP_A_VIPS,		/* nest of MWG_VRRP_A_VIP */
	MWG_VRRP_A_VIP,			/* nest: enum mwg_vrrp_vip_attr */
	MWG_VRRP_A_STATE,		/* u8, enum mwg_vrrp_state */
	MWG_VRRP_A_OLD_STATE,		/* u8, events */
	MWG_VRRP_A_REASON,		/* u8, enum mwg_vrrp_reason */
	MWG_VRRP_A_TIME_NS,		/* u64, CLOCK_REALTIME of the event */
	MWG_VRRP_A_MASTER_IP,		/* binary, the current master's IP */
	MWG_VRRP_A_STATS,		/* nest: enum mwg_vrrp_stats_attr */
	MWG_VRRP_A_MODULE_VERSION,	/* string, GET_INFO reply */
	MWG_VRRP_A_NS_STATS,		/* nest: enum mwg_vrrp_ns_stats_attr */
	MWG_VRRP_A_TRACK_SCANNERS,	/* u32: lower priority below N live */
	MWG_VRRP_A_TRACK_WEIGHT,	/* u8: by this much */
	MWG_VRRP_A_SCANNERS,		/* nest of MWG_VRRP_A_SCANNER */
	MWG_VRRP_A_SCANNER,		/* nest: enum mwg_vrrp_scanner_attr */
	MWG_VRRP_A_SCANNER_REPLACE,	/* flag: SET replaces the whole table */
	MWG_VRRP_A_PAD,
	MWG_VRRP_A_TRACK_BFD,		/* u8: act on BFD Down of the master */
	MWG_VRRP_A_BFD_PEER,		/* binary, the session's key with IFINDEX;
					 * in VR_NEW/SET: the peer to track
					 * instead of the learned master, all
					 * zeros to go back to the learned one
					 */
	MWG_VRRP_A_BFD_LOCAL,		/* binary, source address; default: route */
	MWG_VRRP_A_BFD_TX_US,		/* u32, Desired Min TX Interval */
	MWG_VRRP_A_BFD_RX_US,		/* u32, Required Min RX Interval */
	MWG_VRRP_A_BFD_MULT,		/* u8, Detect Mult */
	MWG_VRRP_A_BFD_HOLDDOWN_MS,	/* u32, damping, see below */
	MWG_VRRP_A_BFD_STATE,		/* u8, enum mwg_bfd_state */
	MWG_VRRP_A_BFD_OLD_STATE,	/* u8, events */
	MWG_VRRP_A_BFD_DIAG,		/* u8, local diagnostic (RFC 5880 4.1) */
	MWG_VRRP_A_BFD_LOCAL_DISC,	/* u32, replies */
	MWG_VRRP_A_BFD_REMOTE_DISC,	/* u32, replies */
	MWG_VRRP_A_BFD_REMOTE_STATE,	/* u8, replies */
	MWG_VRRP_A_BFD_REMOTE_DIAG,	/* u8, replies */
	MWG_VRRP_A_BFD_REMOTE_TX_US,	/* u32, replies */
	MWG_VRRP_A_BFD_REMOTE_RX_US,	/* u32, replies */
	MWG_VRRP_A_BFD_REMOTE_MULT,	/* u8, replies */
	MWG_VRRP_A_BFD_TX_INTERVAL_US,	/* u32, replies: agreed, before jitter */
	MWG_VRRP_A_BFD_DETECT_US,	/* u64, replies: detection time */
	MWG_VRRP_A_BFD_STATS,		/* nest: enum mwg_bfd_stats_attr */
	/*
	 * VR replies: milliseconds in the current state (monotonic).  With
	 * it, once the VR has changed state, OLD_STATE, REASON and TIME_NS
	 * describe that last change.
	 */
	MWG_VRRP_A_STATE_AGE_MS,	/* u64, replies */
	MWG_VRRP_A_GROUP_NAME,		/* string: a sync group; in VR replies
					 * and events, the VR's group
					 */
	MWG_VRRP_A_GROUP_MEMBERS,	/* nest of MWG_VRRP_A_GROUP_MEMBER */
	MWG_VRRP_A_GROUP_MEMBER,	/* nest: enum mwg_vrrp_group_member_attr */
	/*
	 * Another interface of the namespace whose state the VR follows
	 * (0: none).  While it is down (admin down, no carrier, gone), a VR
	 * with TRACK_IF_WEIGHT N runs at its priority minus N (1 at least),
	 * one with weight 0 is held in Initialize: a master resigns with
	 * priority 0 first.
	 */
	MWG_VRRP_A_TRACK_IFINDEX,	/* u32 */
	MWG_VRRP_A_TRACK_IF_WEIGHT,	/* u8, 0 (the default): Initialize */
	MWG_VRRP_A_TRACK_IF_UP,		/* u8, replies: the tracked one is up */
	/*
	 * The sources a VR accepts adverts from: prefixes of its family, up
	 * to MWG_VRRP_MAX_ALLOW; an advert from any other source is dropped
	 * and counted (RCVD_NOT_ALLOWED) and never moves the VR.  An empty
	 * nest clears the list (every source accepted, the default).
	 */
	MWG_VRRP_A_ALLOW,		/* nest of MWG_VRRP_A_ALLOW_ENTRY */
	MWG_VRRP_A_ALLOW_ENTRY,		/* nest: enum mwg_vrrp_vip_attr */
	/*
	 * Unicast mode: the addresses (of the VR's family, up to
	 * MWG_VRRP_MAX_PEERS) adverts are sent to, one copy each, through the
	 * IP stack (routing, netfilter, IPsec apply) instead of to the VRRP
	 * multicast group; adverts are then taken only from these sources
	 * (others are counted in RCVD_NOT_ALLOWED).  An empty nest clears
	 * the list: multicast again.
	 */
	MWG_VRRP_A_UNICAST_PEERS,	/* nest of MWG_VRRP_A_UNICAST_PEER */
	MWG_VRRP_A_UNICAST_PEER,	/* nest: enum mwg_vrrp_vip_attr, ADDR */
	/*
	 * The link-layer address the VR speaks from: 1 (the default) the
	 * RFC's virtual MAC 00:00:5e:00:01|02:VRID, which follows the VIPs to
	 * the new master; 0 the interface's own MAC, for networks that drop
	 * foreign source MACs: adverts, gratuitous ARPs and unsolicited NAs
	 * and the answers for the VIPs then carry it, and a takeover has to
	 * teach the neighbours the new MAC with its gratuitous ARPs / NAs.
	 */
	MWG_VRRP_A_VMAC,		/* u8, 0 or 1 */
	/*
	 * The objects a daemon tracks for the VR (a file, a process, a
	 * script: mwgd's track_* keys), up to MWG_VRRP_MAX_TRACKED, each with
	 * what it takes from the priority now or a fault, which holds the VR
	 * in Initialize as a tracked interface without weight does.  The
	 * kernel adds them to its own terms.  VR_SET only; it replaces the
	 * whole list, and an empty nest clears it.
	 */
	MWG_VRRP_A_TRACKED,		/* nest of MWG_VRRP_A_TRACKED_OBJ */
	MWG_VRRP_A_TRACKED_OBJ,		/* nest: enum mwg_vrrp_tracked_attr */
	/*
	 * ROGUE_EVENT: the advert's source is MASTER_IP, its priority
	 * PRIORITY, its link-layer source SOURCE_MAC (when the frame had an
	 * Ethernet header); the VR's own state is STATE.
	 */
	MWG_VRRP_A_SOURCE_MAC,		/* binary, 6 bytes, events */
	MWG_VRRP_A_ROGUE,		/* u8, enum mwg_vrrp_rogue, events */
	__MWG_VRRP_A_MAX,
};

#define MWG_VRRP_A_MAX (__MWG_VRRP_A_MAX - 1)

enum mwg_vrrp_vip_attr {
	MWG_VRRP_VIP_A_UNSPEC,
	MWG_VRRP_VIP_A_ADDR,		/* binary, 4 or 16 bytes */
	MWG_VRRP_VIP_A_PREFIXLEN,	/* u8, default 32 / 128 */
	__MWG_VRRP_VIP_A_MAX,
};

#define MWG_VRRP_VIP_A_MAX (__MWG_VRRP_VIP_A_MAX - 1)

enum mwg_vrrp_tracked_attr {
	MWG_VRRP_TRACKED_A_UNSPEC,
	MWG_VRRP_TRACKED_A_NAME,	/* string, unique in the VR's list */
	MWG_VRRP_TRACKED_A_DEMOTE,	/* u8: taken from the priority now */
	MWG_VRRP_TRACKED_A_FAULT,	/* u8, 0 or 1: holds the VR in Init */
	__MWG_VRRP_TRACKED_A_MAX,
};

#define MWG_VRRP_TRACKED_A_MAX (__MWG_VRRP_TRACKED_A_MAX - 1)

/* Per-VR counters, named after RFC 6527's vrrpv3StatisticsTable. */
enum mwg_vrrp_stats_attr {
	MWG_VRRP_STATS_A_UNSPEC,
	MWG_VRRP_STATS_A_MASTER_TRANSITIONS,	/* u64 */
	MWG_VRRP_STATS_A_NEW_MASTER_REASON,	/* u8, enum mwg_vrrp_reason */
	MWG_VRRP_STATS_A_RCVD_ADVERTISEMENTS,	/* u64 */
	MWG_VRRP_STATS_A_ADV_INTERVAL_ERRORS,	/* u64 */
	MWG_VRRP_STATS_A_IP_TTL_ERRORS,		/* u64 */
	MWG_VRRP_STATS_A_RCVD_PRI_ZERO_PACKETS,	/* u64 */
	MWG_VRRP_STATS_A_SENT_PRI_ZERO_PACKETS,	/* u64 */
	MWG_VRRP_STATS_A_RCVD_INVALID_TYPE_PACKETS, /* u64 */
	MWG_VRRP_STATS_A_ADDRESS_LIST_ERRORS,	/* u64 */
	MWG_VRRP_STATS_A_PACKET_LENGTH_ERRORS,	/* u64 */
	MWG_VRRP_STATS_A_SENT_ADVERTISEMENTS,	/* u64, not in RFC 6527 */
	MWG_VRRP_STATS_A_CHECKSUM_ERRORS,	/* u64, per VR refinement */
	MWG_VRRP_STATS_A_VERSION_ERRORS,	/* u64, per VR refinement */
	MWG_VRRP_STATS_A_AUTH_TYPE_ERRORS,	/* u64, VRRPv2 auth type != 0 */
	MWG_VRRP_STATS_A_PAD,
	MWG_VRRP_STATS_A_RCVD_NOT_ALLOWED,	/* u64, source not in ALLOW */
	MWG_VRRP_STATS_A_UNICAST_SEND_ERRORS,	/* u64, an advert to a peer
						 * had no route or was refused
						 */
	MWG_VRRP_STATS_A_ROGUE_ADVERTS,		/* u64, see mwg_vrrp_rogue */
	__MWG_VRRP_STATS_A_MAX,
};

#define MWG_VRRP_STATS_A_MAX (__MWG_VRRP_STATS_A_MAX - 1)

/*
 * Namespace-wide counters for packets that match no VR (RFC 6527's
 * vrrpv3RouterChecksumErrors, ...VersionErrors, ...VrIdErrors).
 */
enum mwg_vrrp_ns_stats_attr {
	MWG_VRRP_NS_STATS_A_UNSPEC,
	MWG_VRRP_NS_STATS_A_CHECKSUM_ERRORS,	/* u64 */
	MWG_VRRP_NS_STATS_A_VERSION_ERRORS,	/* u64 */
	MWG_VRRP_NS_STATS_A_VRID_ERRORS,	/* u64 */
	MWG_VRRP_NS_STATS_A_PACKET_LENGTH_ERRORS, /* u64 */
	MWG_VRRP_NS_STATS_A_IP_TTL_ERRORS,	/* u64 */
	MWG_VRRP_NS_STATS_A_PAD,
	/* BFD packets dropped before or without a session (RFC 5880 6.8.6). */
	MWG_VRRP_NS_STATS_A_BFD_VERSION_ERRORS,	/* u64 */
	MWG_VRRP_NS_STATS_A_BFD_LENGTH_ERRORS,	/* u64 */
	MWG_VRRP_NS_STATS_A_BFD_MULT_ERRORS,	/* u64, detect mult 0 */
	MWG_VRRP_NS_STATS_A_BFD_MULTIPOINT_ERRORS, /* u64 */
	MWG_VRRP_NS_STATS_A_BFD_DISC_ERRORS,	/* u64, a zero discriminator */
	MWG_VRRP_NS_STATS_A_BFD_AUTH_ERRORS,	/* u64, A bit set */
	MWG_VRRP_NS_STATS_A_BFD_TTL_ERRORS,	/* u64, TTL/hop limit not 255 */
	MWG_VRRP_NS_STATS_A_BFD_NO_SESSION,	/* u64, matches no session */
	__MWG_VRRP_NS_STATS_A_MAX,
};

#define MWG_VRRP_NS_STATS_A_MAX (__MWG_VRRP_NS_STATS_A_MAX - 1)

/*
 * A live scanning node, as pushed by mwgd (MWG_VRRP_A_SCANNER), keyed by
 * its node id.  SCANNER_SET adds or refreshes the entries it carries (each
 * needs NODE_ID, ADDR and LEASE_MS); with MWG_VRRP_A_SCANNER_REPLACE the
 * entries it does not carry are removed.  SCANNER_DEL removes the node ids
 * it carries, or every entry when it carries none.  An entry whose lease
 * runs out is removed by the kernel.  SCANNER_EVENT reports each entry
 * that appears (LIVE 1) or goes (LIVE 0, with EXPIRED if by lease).
 */
#define MWG_VRRP_SCANNER_MAX_PORTS	16
#define MWG_VRRP_SCANNER_NAME_MAX	64
#define MWG_VRRP_SCANNER_LEASE_MS_MAX	600000
#define MWG_VRRP_SCANNERS_MAX		65536

enum mwg_vrrp_scanner_attr {
	MWG_VRRP_SCANNER_A_UNSPEC,
	MWG_VRRP_SCANNER_A_NODE_ID,	/* binary, 16 bytes */
	MWG_VRRP_SCANNER_A_ADDR,	/* binary, 4 or 16 bytes */
	MWG_VRRP_SCANNER_A_NAME,	/* string */
	MWG_VRRP_SCANNER_A_PORTS,	/* binary, array of __u16 */
	MWG_VRRP_SCANNER_A_LOAD,	/* u32, 0..1000 per mille */
	MWG_VRRP_SCANNER_A_CAPACITY,	/* u32 */
	MWG_VRRP_SCANNER_A_LEASE_MS,	/* u32, time to live from now */
	MWG_VRRP_SCANNER_A_AGE_MS,	/* u32, replies: since last refresh */
	MWG_VRRP_SCANNER_A_EXPIRED,	/* flag, events: lease ran out */
	MWG_VRRP_SCANNER_A_LIVE,	/* u8, events: 1 appeared, 0 gone */
	__MWG_VRRP_SCANNER_A_MAX,
};

#define MWG_VRRP_SCANNER_A_MAX (__MWG_VRRP_SCANNER_A_MAX - 1)

/*
 * BFD sessions (RFC 5880 asynchronous mode, single hop RFC 5881), keyed by
 * (MWG_VRRP_A_IFINDEX, MWG_VRRP_A_BFD_PEER); the family follows from the
 * peer's length.  Intervals are microseconds as on the wire.  A VR with
 * MWG_VRRP_A_TRACK_BFD set takes over at once when the session to its
 * current master (the source of its adverts) goes from Up to Down, unless
 * the session had been Up for less than its HOLDDOWN_MS: a flapping
 * session is left to VRRP's own timers.
 */
#define MWG_BFD_INTERVAL_US_MIN		1000
#define MWG_BFD_INTERVAL_US_MAX		60000000
#define MWG_BFD_HOLDDOWN_MS_MAX		3600000

enum mwg_bfd_state {
	MWG_BFD_STATE_ADMIN_DOWN,
	MWG_BFD_STATE_DOWN,
	MWG_BFD_STATE_INIT,
	MWG_BFD_STATE_UP,
};

enum mwg_bfd_stats_attr {
	MWG_BFD_STATS_A_UNSPEC,
	MWG_BFD_STATS_A_TX_PACKETS,		/* u64 */
	MWG_BFD_STATS_A_RX_PACKETS,		/* u64, accepted */
	MWG_BFD_STATS_A_RX_TTL_ERRORS,		/* u64, dropped: TTL not 255 */
	MWG_BFD_STATS_A_RX_WRONG_IF,		/* u64, dropped: other link */
	MWG_BFD_STATS_A_TX_ERRORS,		/* u64, no route or no memory */
	MWG_BFD_STATS_A_UP,			/* u64, transitions to Up */
	MWG_BFD_STATS_A_DOWN,			/* u64, from Init/Up to Down */
	MWG_BFD_STATS_A_DETECT_EXPIRED,		/* u64 */
	MWG_BFD_STATS_A_POLLS,			/* u64, Poll Sequences begun */
	MWG_BFD_STATS_A_VRRP_SIGNALS,		/* u64, Downs passed to VRs */
	MWG_BFD_STATS_A_DAMPED,			/* u64, Downs held back */
	MWG_BFD_STATS_A_PAD,
	__MWG_BFD_STATS_A_MAX,
};

#define MWG_BFD_STATS_A_MAX (__MWG_BFD_STATS_A_MAX - 1)

/*
 * Sync groups: VRs of one namespace, on different interfaces, that are
 * MASTER together or not at all (transparent router mode: the inside and
 * the outside VIP on the same director).  GROUP_NEW takes GROUP_NAME and
 * GROUP_MEMBERS, each member naming an existing VR by IFINDEX, VRID and
 * FAMILY (default AF_INET); a VR belongs to one group at most.  GROUP_DEL
 * takes GROUP_NAME; GROUP_GET dumps every group with its members (IFNAME
 * and STATE in replies; no STATE: the member's VR was deleted, its place
 * is kept and holds the group out of MASTER until a VR with the same key
 * is created again or the group is deleted).
 */
#define MWG_VRRP_GROUP_NAME_MAX		32	/* with the NUL */
#define MWG_VRRP_GROUP_MEMBERS_MAX	8

enum mwg_vrrp_group_member_attr {
	MWG_VRRP_GROUP_MEMBER_A_UNSPEC,
	MWG_VRRP_GROUP_MEMBER_A_IFINDEX,	/* u32 */
	MWG_VRRP_GROUP_MEMBER_A_VRID,		/* u8 */
	MWG_VRRP_GROUP_MEMBER_A_FAMILY,		/* u8, AF_INET (default) or AF_INET6 */
	MWG_VRRP_GROUP_MEMBER_A_IFNAME,		/* string, replies */
	MWG_VRRP_GROUP_MEMBER_A_STATE,		/* u8, replies: absent if no VR */
	__MWG_VRRP_GROUP_MEMBER_A_MAX,
};

#define MWG_VRRP_GROUP_MEMBER_A_MAX (__MWG_VRRP_GROUP_MEMBER_A_MAX - 1)

#endif /* _UAPI_MWG_VRRP_H */
