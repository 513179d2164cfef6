#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# track-if: a VR follows another interface of its namespace (an uplink),
# in the kernel, from netdev events. With a weight, the uplink down lowers
# the effective priority and the peer preempts; with weight 0 the VR is
# held in init, a master resigning with priority 0 first. Down means admin
# down, no carrier, or gone. Bad input is refused and changes nothing.
#
#   r1 eth0 192.0.2.1 (prio 200, tracks up0) --- r2 eth0 192.0.2.2 (prio 100)
#   r1 up0 --- up0 in namespace "up" (the uplink's far end)
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_setup
VRID=31
vrrp_ns r1 r2 up
veth_pair "$r1" 192.0.2.1 "$r2" 192.0.2.2
ip link add up0 netns "$r1" type veth peer name up0 netns "$up" ||
	ksft_fail "uplink veth"
ip -n "$r1" link set up0 up
ip -n "$up" link set up0 up

# track JQ: a field of r1's track_if object ("null" without one).
track() {
	vr_json "$r1" $VRID ".track_if$1"
}
eff_is() {
	[ "$(vr_json "$r1" $VRID .effective_priority)" = "$1" ]
}

vr_add "$r1" $VRID 200 track-if up0 track-if-weight 150 ||
	ksft_fail "vr add with track-if"
vr_add "$r2" $VRID 100 || ksft_fail "vr add on r2"
check_state "uplink up: r1 (200) master" "$r1" $VRID master
check_state "r2 backup" "$r2" $VRID backup
check "JSON: track_if names up0" test "$(track .dev)" = up0
check "JSON: up, no delta" test "$(track .up) $(track .priority_delta)" = "true 0"

# --- weight: the uplink goes down administratively -----------------------------------
ip -n "$r1" link set up0 down
check "uplink down: effective priority 200 - 150 = 50" vwait 5 eff_is 50
check_state "r2 (100) preempts" "$r2" $VRID master
check_state "r1 backup" "$r1" $VRID backup
check "JSON: down, delta -150, not holding init" \
	test "$(track .up) $(track .priority_delta) $(track .holds_init)" = "false -150 false"
ip -n "$r1" link set up0 up
check "uplink up: effective priority 200 again" vwait 5 eff_is 200
check_state "r1 preempts back" "$r1" $VRID master

# --- weight: the uplink loses its carrier (the far end goes down) ---------------------
ip -n "$up" link set up0 down
check "no carrier: effective priority 50" vwait 5 eff_is 50
check_state "no carrier: r2 master" "$r2" $VRID master
ip -n "$up" link set up0 up
check_state "carrier back: r1 master" "$r1" $VRID master

# --- weight 0: the uplink down holds the VR in init --------------------------------------
mwgctl_ns "$r1" vr set dev eth0 vrid $VRID track-if-weight 0 ||
	tap_fail "track-if-weight 0"
check_state "weight 0, uplink up: r1 still master" "$r1" $VRID master
zero=$(vr_stat "$r1" $VRID sent_pri_zero_packets)
ip -n "$r1" link set up0 down
check_state "weight 0, uplink down: r1 in init" "$r1" $VRID init
check "r1's reason is track_if" \
	test "$(vr_json "$r1" $VRID .last_transition.reason)" = track_if
check "r1 resigned with priority 0" \
	stat_above "$r1" $VRID sent_pri_zero_packets "$zero"
check_state "r2 master" "$r2" $VRID master
check "r2 took over from the priority 0 (Skew_Time, not MDI)" \
	test "$(vr_stat "$r2" $VRID new_master_reason)" = priority_zero
check "JSON: holds_init" test "$(track .holds_init)" = true
ip -n "$r1" link set up0 up
check_state "uplink up: r1 leaves init and preempts" "$r1" $VRID master

# --- the tracked interface is deleted ------------------------------------------------
ip -n "$r1" link del up0
check_state "uplink deleted: r1 in init" "$r1" $VRID init
check "JSON: still tracked, down" test "$(track .up)" = false

# --- untrack ---------------------------------------------------------------------------
mwgctl_ns "$r1" vr set dev eth0 vrid $VRID track-if none ||
	tap_fail "track-if none"
check_state "untracked: r1 master again" "$r1" $VRID master
check "JSON: no track_if" test "$(track '')" = null

# --- bad input ---------------------------------------------------------------------------
check_fail "its own interface is refused" \
	mwgctl_ns "$r1" vr set dev eth0 vrid $VRID track-if eth0
check "...with the kernel's message" sh -c \
	"ip netns exec '$r1' '$MWGCTL' vr set dev eth0 vrid $VRID track-if eth0 2>&1 | grep -q 'cannot track its own interface'"
check_fail "an unknown interface is refused" \
	mwgctl_ns "$r1" vr set dev eth0 vrid $VRID track-if nosuch0
check_fail "a weight of 255 is refused" \
	mwgctl_ns "$r1" vr set dev eth0 vrid $VRID track-if lo track-if-weight 255
check "and nothing changed" test "$(track '')" = null
check_state "r1 still master" "$r1" $VRID master

tap_done
