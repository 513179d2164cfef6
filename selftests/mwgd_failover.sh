#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Director failover with mwgd: the backup takes over with its table
# complete, and priority tracking moves the VIP away from a director that
# lost its scanners.
#
#   d1 192.0.2.1 (VR prio 200)  d2 192.0.2.2 (prio 100), both with
#   track-scanners 3 weight 150; s1 .11  s2 .12  s3 .13 on br0 of sw
. "$(dirname "$0")/mwgd_lib.sh"

mwgd_setup
mwgd_node d1 192.0.2.1
mwgd_node d2 192.0.2.2
mwgd_node s1 192.0.2.11
mwgd_node s2 192.0.2.12
mwgd_node s3 192.0.2.13

vr_add "$d1" "$VRID" 200 >/dev/null || ksft_fail "vr add on d1"
vr_add "$d2" "$VRID" 100 >/dev/null || ksft_fail "vr add on d2"
wait_state "$d1" "$VRID" master || ksft_fail "d1 did not become master"

mwgd_director d1 "$d1" 192.0.2.1
mwgd_director d2 "$d2" 192.0.2.2
for s in s1 s2 s3; do
	mwgd_scanner "$s" "${!s}"
done
vwait "$MWGD_SLACK_S" count_is "$d1" 3 || ksft_fail "d1 never saw 3 scanners"
vwait "$MWGD_SLACK_S" count_is "$d2" 3 || ksft_fail "d2 never saw 3 scanners"

# --- failover: the active director's VR goes away --------------------------------
ip -n "$d1" link set eth0 down
if wait_state "$d2" "$VRID" master; then
	t0=$(now_ms)
	tap_ok "d2 takes over"
	n=$(scanner_count "$d2")
	ms=$(elapsed_since "$t0")
	if [ "$n" = 3 ]; then
		tap_ok "d2's table is complete at its takeover (first read, which took ${ms} ms)"
	else
		tap_fail "d2's table is complete at takeover" "$n entries"
	fi
else
	tap_fail "d2 takes over" "state $(vr_state "$d2" "$VRID")"
fi
vwait 3 stat_ge d2 takeovers 1
check "mwgd on d2 followed the VR event: active" test "$(stat_of d2 state)" = active
check "the scanners still answer d2 alone" vwait "$MWGD_SLACK_S" stat_ge s1 tx_announce 1
if vwait "$MWGD_SLACK_S" count_is "$d2" 3; then
	tap_ok "d2 keeps all three while active"
else
	tap_fail "d2 keeps all three while active" "count $(scanner_count "$d2")"
fi
check "VR events reached mwgd (not polled)" stat_ge d2 vr_events 1
ip -n "$d1" link set eth0 up
check_state "d1 takes the VIP back (preempt)" "$d1" "$VRID" master
vwait 3 stat_ge d1 takeovers 1
check "d2 is a backup director again" vwait 3 bash -c \
	"grep -q 'now the backup director' $MWGD_DIR/d2.log"

# --- priority tracking ---------------------------------------------------------------
vwait "$MWGD_SLACK_S" count_is "$d1" 3 || ksft_fail "d1 lost its scanners early"
for ns in "$d1" "$d2"; do
	mwgctl_ns "$ns" vr set dev eth0 vrid "$VRID" track-scanners 3 weight 150 ||
		ksft_fail "track-scanners on $ns"
done
check_state "with all scanners d1 stays master" "$d1" "$VRID" master 1

# d1 stops hearing scanners: its mwgd now accepts none (reload).
cat >"$MWGD_DIR/d1.conf" <<CONF
# d1 refuses every scanner source
allow_scanners = 198.51.100.0/24
CONF
MWGD_PID_OLD=${MWGD_PID[d1]}
mwgd_kill d1 KILL
mwgd_director d1 "$d1" 192.0.2.1 -c "$MWGD_DIR/d1.conf"
if vwait "$MWGD_SLACK_S" count_is "$d1" 0; then
	tap_ok "d1's table empties when it hears no scanner"
else
	tap_fail "d1's table empties" "count $(scanner_count "$d1")"
fi
check "refused sources are counted" vwait 3 stat_ge d1 rx_source_refused 1
check_state "priority tracking: d2 takes the VIP" "$d2" "$VRID" master
check "the VIP is on d2" vwait "$TAKEOVER_S" has_addr "$d2" "$VIP"
check "and no longer on d1" vwait "$TAKEOVER_S" eval "! has_addr $d1 $VIP"
tap_done
