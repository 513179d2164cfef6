#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A BFD session that goes Down because the remote end is AdminDown (its
# session was deleted, e.g. to change the timers) is no path failure (RFC
# 5882 section 3.2): a backup tracking it must not take over.  The same
# backup still takes over when the path fails (bfd_failover.sh).
#
#   a: eth0 192.0.2.2/24 (VR 52, prio 200, master) ---- b: eth0 192.0.2.1/24
#      (VR 52, prio 100, track-bfd on)
#
# 1 s adverts: Master_Down_Interval is 3.6 s, so a takeover in the seconds
# after "bfd del" on a can only come from BFD.
. "$(dirname "$0")/bfd_lib.sh"

vrrp_setup
VRID=52
ADV_MS=1000
BFD_OPTS=(tx-us 50000 rx-us 50000 multiplier 8)

vrrp_ns a b
veth_pair "$a" 192.0.2.2 "$b" 192.0.2.1

vr_add "$a" $VRID 200 || ksft_fail "vr add on a"
vr_add "$b" $VRID 100 track-bfd on || ksft_fail "vr add on b"
bfd_add "$a" 192.0.2.1 "${BFD_OPTS[@]}" || ksft_fail "bfd add on a"
bfd_add "$b" 192.0.2.2 "${BFD_OPTS[@]}" || ksft_fail "bfd add on b"
check_state "a master" "$a" $VRID master 10
check_state "b backup" "$b" $VRID backup 10
check_bfd_state "b's session up" "$b" 192.0.2.2 up
master_is_a() {
	[ "$(vr_sysfs "$b" $VRID master_ip)" = 192.0.2.2 ]
}
check "b learned its master from the adverts" vwait 10 master_is_a
# Up for longer than the hold-down (1 s by default), so that a Down counts.
nap 2

trans=$(vr_stat "$b" $VRID master_transitions)
signals=$(bfd_stat "$b" 192.0.2.2 vrrp_signals)
check "bfd del on a (the master)" bfd_del "$a" 192.0.2.1
check_bfd_state "b's session goes down" "$b" 192.0.2.2 down 5
check "b's diagnostic is 'neighbor signaled down' (3)" \
	test "$(bfd_json "$b" 192.0.2.2 .diag)" = 3
# Two adverts of a and more: a takeover on the BFD Down would come at once.
heard_mark "$b" $VRID
check "b hears a for 2 more adverts" vwait 10 heard "$b" $VRID 2
check "b still backup" state_is "$b" $VRID backup
check "b never became master ($trans transitions before)" \
	test "$(vr_stat "$b" $VRID master_transitions)" = "$trans"
check "b's session did not signal VRRP" \
	test "$(bfd_stat "$b" 192.0.2.2 vrrp_signals)" = "$signals"
check "a still master" state_is "$a" $VRID master

tap_done
