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
# every dead_after + 1 rounds.  The discovery interval and the lease are
# chosen so that the full push (every half lease, 4 intervals + 1/16) lands
# just after such a swap, when the new ids are in and the old ones are
# still queued for deletion: the moment a push that adds first would hold
# both.  The count of the table is followed event by event
# (mwgctl -j monitor).
. "$(dirname "$0")/mwgd_lib.sh"

CAP=100
FLOOD_IDS=1000
MWGD_MS=500
# Lease = dead_after x interval + margin; its half = 4 x 500 + 31 ms.
LEASE_MARGIN_MS=2562
SWAPS=${SWAPS:-6}

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
	-o lease_margin_ms=$LEASE_MARGIN_MS
vwait "$MWGD_SLACK_S" count_is "$d1" $CAP || ksft_fail "the flood never filled the table to $CAP"
# A swap every dead_after + 1 = 4 intervals.
nap $((SWAPS * 4 * MWGD_MS / 1000 + 1))
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
