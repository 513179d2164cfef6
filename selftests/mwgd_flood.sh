#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# max_scanners holds in the kernel's table at every instant, even while a
# flood of signed node ids churns the live set: mwgd removes the dead
# entries before it adds their successors, in flushes and in full pushes.
#
#   d1 192.0.2.1 (director, VR prio 200, max_scanners 100)
#   x  .50 (mwgd-sim: each discovery answered by 1000 new node ids)
#
# Every discovery meets a new set of ids, so the whole table is replaced
# every dead_after + 1 = 3 rounds.  The lease is chosen so that the full
# push (every half lease: one interval + 12 ms) comes a little later in
# each round, sweeping the quarter interval between a swap's new answers
# and the flush that would delete the old entries: the moment a push that
# adds first holds both.  The count of the table is followed event by
# event (mwgctl -j monitor).
. "$(dirname "$0")/mwgd_lib.sh"

CAP=100
FLOOD_IDS=1000
MWGD_MS=400
DEAD_AFTER=2
# Lease = dead_after x interval + margin; its half = 400 + 12 ms.
LEASE_MARGIN_MS=25
SWAPS=${SWAPS:-14}

mwgd_setup
mwgd_node d1 192.0.2.1
mwgd_node x 192.0.2.50
KEY=$MWGD_DIR/key
key_file "$KEY"
vr_add "$d1" "$VRID" 200 >/dev/null || ksft_fail "vr add on d1"
wait_state "$d1" "$VRID" master || ksft_fail "d1 did not become master"

stop=$MWGD_DIR/stop
ev=$MWGD_DIR/monitor.json
mwgctl_ns "$d1" -j monitor >"$ev" 2>"$MWGD_DIR/monitor.err" &
defer kill "$!"
# A new set of ids for every discovery: one mwgd-sim per discovery.
flood() {
	while [ ! -e "$stop" ]; do
		ip netns exec "$x" timeout 5 "$MWGD_SIM" -i eth0 -n "$FLOOD_IDS" \
			-x 1 -S "$RANDOM$RANDOM$RANDOM" -N f -k "$KEY" \
			>/dev/null 2>>"$MWGD_DIR/sim.log"
	done
}
flood &
defer kill "$!"
nap 0.5

mwgd_director d1 "$d1" 192.0.2.1 -k "$KEY" -o max_scanners=$CAP \
	-o dead_after=$DEAD_AFTER -o lease_margin_ms=$LEASE_MARGIN_MS
vwait "$MWGD_SLACK_S" count_is "$d1" $CAP || ksft_fail "the flood never filled the table to $CAP"
# A swap every dead_after + 1 intervals.
nap $((SWAPS * (DEAD_AFTER + 1) * MWGD_MS / 1000 + 1))
touch "$stop"
nap 0.5

# The table's size after every event, from 0 before the first.
read -r max ups downs < <(jq -r 'select(.event == "scanner") | .change' "$ev" |
	awk '$1 == "up" { n++; u++; if (n > m) m = n; next }
	     { n--; d++ } END { print m + 0, u + 0, d + 0 }')
echo "# $ups entries added, $downs removed; the table held at most $max (cap $CAP)"
check "the monitor lost no event" test ! -s "$MWGD_DIR/monitor.err"
check "the flood churned the table ($downs removals, at least 2 swaps)" \
	test "$downs" -ge $((2 * CAP))
if [ "$max" -le "$CAP" ]; then
	tap_ok "the kernel's table never held more than max_scanners ($max <= $CAP)"
else
	tap_fail "the kernel's table never held more than max_scanners" \
		"$max entries at one moment, cap $CAP"
fi
check "refusals counted" stat_ge d1 scanners_refused $FLOOD_IDS
tap_done
