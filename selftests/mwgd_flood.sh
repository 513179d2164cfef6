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
# every dead_after + 1 = 3 rounds: all entries expire at one discovery and
# the new ids come in with its answers, while the flush that deletes the
# old ones waits a quarter interval (1 s).  A full push in that moment is
# what overshot (it added the new entries before it removed the old ones).
# The periodic full push lands there at the first swap: the swap comes at
# the fourth discovery, 12 s after the start, the push every half lease
# (6.25 s) at 12.5 s.  The kernel table's size is followed event by event
# (mwgctl -j monitor).
. "$(dirname "$0")/mwgd_lib.sh"

CAP=100
FLOOD_IDS=1000
# Interval and dead_after place the first swap and the periodic full push.
MWGD_MS=4000
DEAD_AFTER=2
SWAPS=${SWAPS:-2}

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
		ip netns exec "$x" timeout 30 "$MWGD_SIM" -i eth0 -n "$FLOOD_IDS" \
			-x 1 -S "$RANDOM$RANDOM$RANDOM" -N f -k "$KEY" \
			>/dev/null 2>>"$MWGD_DIR/sim.log"
	done
}
flood &
defer kill "$!"
nap 0.5

mwgd_director d1 "$d1" 192.0.2.1 -k "$KEY" -o max_scanners=$CAP \
	-o dead_after=$DEAD_AFTER
vwait 10 count_is "$d1" $CAP || ksft_fail "the flood never filled the table to $CAP"

# SWAPS swaps: each one logs the whole table dead at one discovery.
vwait $((SWAPS * (DEAD_AFTER + 1) * MWGD_MS / 1000 + 10)) eval \
	'[ "$(grep -c " is dead" "$MWGD_DIR/d1.log")" -ge $((SWAPS * CAP)) ]'
nap 1
touch "$stop"
nap 0.5

# The table's size after every event, from 0 before the first.
read -r max ups downs < <(jq -r 'select(.event == "scanner") | .change' "$ev" |
	awk '$1 == "up" { n++; u++; if (n > m) m = n; next }
	     { n--; d++ } END { print m + 0, u + 0, d + 0 }')
echo "# $ups entries added, $downs removed; the table held at most $max (cap $CAP)"
# The events in runs of one kind, to show the order of additions and removals.
echo "# events: $(jq -r 'select(.event == "scanner") | .change' "$ev" |
	uniq -c | awk '{ printf "%s %s, ", $2, $1 }')"
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
