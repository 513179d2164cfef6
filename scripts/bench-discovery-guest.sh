#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The guest side of scripts/bench-discovery (see there).  Reuses the
# selftests' topology helpers.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
MWGD_MS=${BENCH_INTERVAL:-100}
trials=${BENCH_TRIALS:-5}
sim=${BENCH_SIM:-1000}
. "$top/selftests/mwgd_lib.sh"

mwgd_setup
mwgd_node d1 192.0.2.1
mwgd_node s1 192.0.2.11
mwgd_node x 192.0.2.50
vr_add "$d1" "$VRID" 200 >/dev/null || ksft_fail "vr add"
wait_state "$d1" "$VRID" master || ksft_fail "no master"
# The simulator's scanners share one address: no limit per source.
mwgd_director d1 "$d1" 192.0.2.1 -o max_scanners=$((sim + 16)) \
	-o announce_rate=0

events=$MWGD_DIR/events
ip netns exec "$d1" "$MWGCTL" -j monitor >"$events" &
defer kill "$!"
vwait 5 monitor_ready "$d1"

# event_time NAME CHANGE: time_ns of the last such event of NAME.
event_time() {
	jq -r --arg n "$1" --arg c "$2" \
		'select(.event == "scanner" and .name == $n and .change == $c) | .time_ns' \
		"$events" | tail -n 1
}

stats() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "no samples"; exit }
		printf "min %d  median %d  max %d ms  (%d samples)\n",
			v[1], v[int((NR + 1) / 2)], v[NR], NR }'
}

echo "interval ${MWGD_MS} ms, dead_after ${MWGD_DEAD}, kernel $(uname -r)"
start_ms=()
death_ms=()
for i in $(seq 1 "$trials"); do
	name=b$i
	t0=${EPOCHREALTIME/./}
	mwgd_scanner "$name" "$s1"
	vwait 10 has_scanner "$d1" "$name" || { echo "trial $i: $name never appeared"; continue; }
	vwait 5 test -n "$(event_time "$name" up)"
	t=$(event_time "$name" up)
	[ -n "$t" ] && start_ms+=($(( (t / 1000 - t0) / 1000 )))
	nap 0.5
	t0=${EPOCHREALTIME/./}
	mwgd_kill "$name" KILL
	vwait 10 no_scanner "$d1" "$name" || { echo "trial $i: $name never left"; continue; }
	vwait 5 test -n "$(event_time "$name" down)"
	t=$(event_time "$name" down)
	[ -n "$t" ] && death_ms+=($(( (t / 1000 - t0) / 1000 )))
done
echo "death -> removal from the kernel table: $(printf '%s\n' "${death_ms[@]}" | stats)"
echo "   (dead_after x interval = $((MWGD_DEAD * MWGD_MS)) ms; removal comes at a discovery tick, then a quarter-interval batch)"
echo "start -> appearance in the kernel table: $(printf '%s\n' "${start_ms[@]}" | stats)"
echo "   (includes starting mwgd in the guest; protocol part: <= 1 interval + batch)"

# --- cost with many scanners -------------------------------------------------
pid=${MWGD_PID[d1]}
ip netns exec "$x" "$MWGD_SIM" -i eth0 -n "$sim" -N sim &
simpid=$!
defer kill "$simpid"
if ! vwait 30 stat_ge d1 scanners "$sim"; then
	echo "only $(stat_of d1 scanners) of $sim simulated scanners live"
fi
cpu_ticks() {
	local f
	read -r -a f <"/proc/$1/stat"
	echo $((f[13] + f[14]))
}
hz=$(getconf CLK_TCK)
nap 2
c0=$(cpu_ticks "$pid"); s0=$(cpu_ticks "$simpid"); t0=$(now_ms)
nap 10
c1=$(cpu_ticks "$pid"); s1t=$(cpu_ticks "$simpid"); t1=$(now_ms)
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
mwgd_stats d1
echo "mwgd with $(stat_of d1 scanners) live scanners at ${MWGD_MS} ms:"
awk -v c=$((c1 - c0)) -v s=$((s1t - s0)) -v hz="$hz" -v ms=$((t1 - t0)) 'BEGIN {
	printf "   CPU %.1f %% of one CPU (mwgd-sim: %.1f %%), over %.1f s\n",
		100 * c / hz / (ms / 1000), 100 * s / hz / (ms / 1000), ms / 1000 }'
echo "   memory: RSS ${rss} kB, peak ${hwm} kB"
echo "   kernel messages: ${MWGD_STAT[nl_set_msgs]} SCANNER_SET, ${MWGD_STAT[nl_del_msgs]} SCANNER_DEL in total; ${MWGD_STAT[rx_announce]} announcements received, ${MWGD_STAT[scanners_expired]} expiries, ${MWGD_STAT[nl_errors]} netlink errors"
echo "   kernel table: $(scanner_count "$d1") entries"
