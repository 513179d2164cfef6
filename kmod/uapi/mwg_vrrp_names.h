/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Generated from Documentation/netlink/specs/mwg_vrrp.yaml
 * by scripts/gen-names: do not edit.
 *
 * The names of the contract's states, reasons and counters, each list
 * an X-macro of X(CONSTANT, name): the one place they are spelled.
 */
#ifndef _UAPI_MWG_VRRP_NAMES_H
#define _UAPI_MWG_VRRP_NAMES_H

#define MWG_VRRP_STATE_NAMES(X) \
	X(MWG_VRRP_STATE_INIT, init) \
	X(MWG_VRRP_STATE_BACKUP, backup) \
	X(MWG_VRRP_STATE_MASTER, master)

#define MWG_VRRP_REASON_NAMES(X) \
	X(MWG_VRRP_REASON_NONE, none) \
	X(MWG_VRRP_REASON_STARTUP, startup) \
	X(MWG_VRRP_REASON_OWNER, owner) \
	X(MWG_VRRP_REASON_MASTER_DOWN, master_down) \
	X(MWG_VRRP_REASON_PRIORITY_ZERO, priority_zero) \
	X(MWG_VRRP_REASON_PREEMPTED, preempted) \
	X(MWG_VRRP_REASON_SHUTDOWN, shutdown) \
	X(MWG_VRRP_REASON_LINK_DOWN, link_down) \
	X(MWG_VRRP_REASON_RECONFIGURED, reconfigured) \
	X(MWG_VRRP_REASON_BFD_DOWN, bfd_down) \
	X(MWG_VRRP_REASON_GROUP, group) \
	X(MWG_VRRP_REASON_TRACK_IF, track_if) \
	X(MWG_VRRP_REASON_TRACKED, tracked)

#define MWG_VRRP_CSUM_NAMES(X) \
	X(MWG_VRRP_CSUM_PSEUDO, pseudo) \
	X(MWG_VRRP_CSUM_RFC9568, rfc9568)

#define MWG_VRRP_ROGUE_NAMES(X) \
	X(MWG_VRRP_ROGUE_UNSEEN, unseen) \
	X(MWG_VRRP_ROGUE_OWNER_CLAIM, owner_claim)

#define MWG_BFD_STATE_NAMES(X) \
	X(MWG_BFD_STATE_ADMIN_DOWN, admin_down) \
	X(MWG_BFD_STATE_DOWN, down) \
	X(MWG_BFD_STATE_INIT, init) \
	X(MWG_BFD_STATE_UP, up)

#define MWG_VRRP_STATS_COUNTERS(X) \
	X(MWG_VRRP_STATS_A_MASTER_TRANSITIONS, master_transitions) \
	X(MWG_VRRP_STATS_A_RCVD_ADVERTISEMENTS, rcvd_advertisements) \
	X(MWG_VRRP_STATS_A_ADV_INTERVAL_ERRORS, adv_interval_errors) \
	X(MWG_VRRP_STATS_A_IP_TTL_ERRORS, ip_ttl_errors) \
	X(MWG_VRRP_STATS_A_RCVD_PRI_ZERO_PACKETS, rcvd_pri_zero_packets) \
	X(MWG_VRRP_STATS_A_SENT_PRI_ZERO_PACKETS, sent_pri_zero_packets) \
	X(MWG_VRRP_STATS_A_RCVD_INVALID_TYPE_PACKETS, rcvd_invalid_type_packets) \
	X(MWG_VRRP_STATS_A_ADDRESS_LIST_ERRORS, address_list_errors) \
	X(MWG_VRRP_STATS_A_PACKET_LENGTH_ERRORS, packet_length_errors) \
	X(MWG_VRRP_STATS_A_SENT_ADVERTISEMENTS, sent_advertisements) \
	X(MWG_VRRP_STATS_A_CHECKSUM_ERRORS, checksum_errors) \
	X(MWG_VRRP_STATS_A_VERSION_ERRORS, version_errors) \
	X(MWG_VRRP_STATS_A_AUTH_TYPE_ERRORS, auth_type_errors) \
	X(MWG_VRRP_STATS_A_RCVD_NOT_ALLOWED, rcvd_not_allowed) \
	X(MWG_VRRP_STATS_A_UNICAST_SEND_ERRORS, unicast_send_errors) \
	X(MWG_VRRP_STATS_A_ROGUE_ADVERTS, rogue_adverts)

#define MWG_VRRP_NS_STATS_COUNTERS(X) \
	X(MWG_VRRP_NS_STATS_A_CHECKSUM_ERRORS, checksum_errors) \
	X(MWG_VRRP_NS_STATS_A_VERSION_ERRORS, version_errors) \
	X(MWG_VRRP_NS_STATS_A_VRID_ERRORS, vrid_errors) \
	X(MWG_VRRP_NS_STATS_A_PACKET_LENGTH_ERRORS, packet_length_errors) \
	X(MWG_VRRP_NS_STATS_A_IP_TTL_ERRORS, ip_ttl_errors) \
	X(MWG_VRRP_NS_STATS_A_BFD_VERSION_ERRORS, bfd_version_errors) \
	X(MWG_VRRP_NS_STATS_A_BFD_LENGTH_ERRORS, bfd_length_errors) \
	X(MWG_VRRP_NS_STATS_A_BFD_MULT_ERRORS, bfd_mult_errors) \
	X(MWG_VRRP_NS_STATS_A_BFD_MULTIPOINT_ERRORS, bfd_multipoint_errors) \
	X(MWG_VRRP_NS_STATS_A_BFD_DISC_ERRORS, bfd_disc_errors) \
	X(MWG_VRRP_NS_STATS_A_BFD_AUTH_ERRORS, bfd_auth_errors) \
	X(MWG_VRRP_NS_STATS_A_BFD_TTL_ERRORS, bfd_ttl_errors) \
	X(MWG_VRRP_NS_STATS_A_BFD_NO_SESSION, bfd_no_session)

#define MWG_BFD_STATS_COUNTERS(X) \
	X(MWG_BFD_STATS_A_TX_PACKETS, tx_packets) \
	X(MWG_BFD_STATS_A_RX_PACKETS, rx_packets) \
	X(MWG_BFD_STATS_A_RX_TTL_ERRORS, rx_ttl_errors) \
	X(MWG_BFD_STATS_A_RX_WRONG_IF, rx_wrong_if) \
	X(MWG_BFD_STATS_A_TX_ERRORS, tx_errors) \
	X(MWG_BFD_STATS_A_UP, up) \
	X(MWG_BFD_STATS_A_DOWN, down) \
	X(MWG_BFD_STATS_A_DETECT_EXPIRED, detect_expired) \
	X(MWG_BFD_STATS_A_POLLS, polls) \
	X(MWG_BFD_STATS_A_VRRP_SIGNALS, vrrp_signals) \
	X(MWG_BFD_STATS_A_DAMPED, damped)

#endif /* _UAPI_MWG_VRRP_NAMES_H */
