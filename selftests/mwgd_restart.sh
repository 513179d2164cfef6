#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A restart of mwgd on the active director loses nothing: under a steady
# load of short connections through the VIP, no entry leaves the kernel's
# scanner table, no real server's weight changes, the VR (tracking the
# scanners) makes no transition and no connection is refused.
#
#   d1 192.0.2.1 (VR prio 200, track-scanners 3 weight 50), mwgd, IPVS
#   d2 .2 (VR prio 180: takes over if d1 ever drops to 150)
#   s1 .11  s2 .12  s3 .13  scanners, VIP on lo;  c .200 (+ .201-.230)
#   all on br0 of namespace sw; VIP 192.0.2.100, proxy port 9090
#
# RESTARTS (default 5) restarts, each while the kernel's leases still run.
. "$(dirname "$0")/proxy_lib.sh"

RESTARTS=${RESTARTS:-5}

proxy_setup
mwgd_node d1 192.0.2.1
mwgd_node d2 192.0.2.2
for s in s1 s2 s3; do
	mwgd_node "$s" "192.0.2.1${s#s}"
done
command -v ipvsadm >/dev/null || ksft_skip "no ipvsadm (scripts/setup installs it)"

vr_add "$d1" "$VRID" 200 >/dev/null || ksft_fail "vr add on d1"
vr_add "$d2" "$VRID" 180 >/dev/null || ksft_fail "vr add on d2"
wait_state "$d1" "$VRID" master || ksft_fail "d1 did not become master"

# on_exit = keep: IPVS stays across the restart.  A lease of 30.3 s leaves
# a slow guest (seconds to start a process under load) room to start mwgd
# again within it: the premise is a restart within a lease.
proxy_conf "$MWGD_DIR/director.conf" "vr=eth0 $VRID" on_exit=keep
proxy_conf "$MWGD_DIR/scanner.conf"
d1_start() {
	mwgd_director d1 "$d1" 192.0.2.1 -c "$MWGD_DIR/director.conf" \
		-o lease_margin_ms=30000
}
# Every scanner and VR event of d1's kernel, from before the first entry.
mwgctl_ns "$d1" -j monitor >"$MWGD_DIR/monitor.json" 2>"$MWGD_DIR/monitor.err" &
defer kill "$!"
nap 0.5
d1_start
for s in s1 s2 s3; do
	server "$s" "${!s}"
	mwgd_scanner "$s" "${!s}" -c "$MWGD_DIR/scanner.conf" -o ports=$PROXY_PORT
done
vwait 20 count_is "$d1" 3 || ksft_fail "d1 never saw the 3 scanners"
vwait 20 dests_are "$d1" 3 || ksft_fail "d1's IPVS never had the 3 scanners"
mwgctl_ns "$d1" vr set dev eth0 vrid "$VRID" track-scanners 3 weight 50 ||
	ksft_fail "track-scanners on d1"
check_state "with its 3 scanners d1 stays master" "$d1" "$VRID" master 1

# --- watchers ------------------------------------------------------------------
stop=$MWGD_DIR/stop
# The real servers of VIP:PORT, as "ADDR:PORT WEIGHT" lines, and the size
# of the kernel's scanner table, polled.
ipvs_poll() {
	local n=0
	while [ ! -e "$stop" ]; do
		echo "poll $n"
		nsx "$d1" ipvsadm -Ln -t "$VIP:$PROXY_PORT" |
			awk '$1 == "->" && $2 != "RemoteAddress:Port" { print $2, $4 }'
		n=$((n + 1))
		nap 0.02
	done >"$MWGD_DIR/ipvs.log"
}
ipvs_poll &
defer kill "$!"
table_poll() {
	while [ ! -e "$stop" ]; do
		echo "table $(scanner_count "$d1")"
		nap 0.02
	done >"$MWGD_DIR/table.log"
}
table_poll &
defer kill "$!"
# Short connections, one after the other, all along.
ip netns exec "$c" python3 "$PROXY_TCP" load "$VIP" "$PROXY_PORT" "$stop" \
	"$CLIENT_SRCS" >"$MWGD_DIR/rate.out" 2>"$MWGD_DIR/client.log" &
rate_pid=$!
defer kill "$rate_pid"
nap 1

# --- restarts ---------------------------------------------------------------------
for i in $(seq "$RESTARTS"); do
	echo "# restart $i at $(now_ms) ms" >>"$MWGD_DIR/d1.log"
	mwgd_kill d1 TERM
	vwait 5 mwgd_gone d1 || ksft_fail "mwgd on d1 did not stop"
	d1_start
	# Long enough for the first round (3 intervals) and a full push.
	nap 1.5
	# Whatever happened, the next restart starts from the steady state.
	vwait 10 state_is "$d1" "$VRID" master
	vwait 10 count_is "$d1" 3
done
touch "$stop"
wait "$rate_pid"

# --- verdicts ---------------------------------------------------------------------
ev=$MWGD_DIR/monitor.json
left=$(jq -c 'select(.event == "scanner" and .change != "up")' "$ev" 2>/dev/null)
ups=$(jq -c 'select(.event == "scanner" and .change == "up")' "$ev" | grep -c .)
# The monitor saw the 3 entries arrive at the start: it was listening.
if [ "$ups" -ge 3 ] && [ -z "$left" ] && [ ! -s "$MWGD_DIR/monitor.err" ]; then
	tap_ok "no entry left d1's kernel table over $RESTARTS restarts (monitor)"
else
	tap_fail "no entry left d1's kernel table over $RESTARTS restarts" \
		"$(echo "$left" | head -n 3 | tr '\n' ' ') $(cat "$MWGD_DIR/monitor.err")"
	mwgd_log d1 60
fi
echo "# scanner events: $(jq -r 'select(.event == "scanner") | .change' "$ev" |
	sort | uniq -c | tr '\n' ' ')"

trans=$(jq -c 'select(.event == "vr" and .old_state != null and .state != .old_state)' "$ev" 2>/dev/null)
if [ -z "$trans" ]; then
	tap_ok "d1's VR made no transition"
else
	tap_fail "d1's VR made no transition" "$(echo "$trans" | head -n 2 | tr '\n' ' ')"
fi

short=$(grep -vc '^table 3$' "$MWGD_DIR/table.log")
if [ "$short" = 0 ]; then
	tap_ok "every poll of d1's kernel table found the 3 scanners ($(grep -c . "$MWGD_DIR/table.log") polls)"
else
	tap_fail "every poll of d1's kernel table found the 3 scanners" \
		"$(sort "$MWGD_DIR/table.log" | uniq -c | tr '\n' ' ')"
fi
polls=$(grep -c '^poll' "$MWGD_DIR/ipvs.log")
# Every poll lists the three scanners at weight 100, nothing else.
# One line per poll that differs: what it listed.
awk '/^poll/ { if (p != "" && n != 3) print p ":" l; p = $2; n = 0; l = ""; next }
     { l = l " " $0 } $2 == 100 { n++; next } { n = -99 }' \
	"$MWGD_DIR/ipvs.log" >"$MWGD_DIR/ipvs.bad"
bad=$(grep -c . "$MWGD_DIR/ipvs.bad")
if [ "$polls" -ge 5 ] && [ "$bad" = 0 ]; then
	tap_ok "no real server's weight changed ($polls polls of ipvsadm)"
else
	tap_fail "no real server's weight changed" \
		"$bad of $polls polls differ: $(head -n 3 "$MWGD_DIR/ipvs.bad" | tr '\n' ' ')"
fi

read -r _ n _ errors _ <"$MWGD_DIR/rate.out"
echo "# client: ${n:-?} connections, ${errors:-?} errors"
if [ -n "$n" ] && [ "$n" -gt 20 ] && [ "$errors" = 0 ]; then
	tap_ok "no connection refused ($n connections through the VIP)"
else
	tap_fail "no connection refused" "${n:-?} connections, ${errors:-?} failed: $(head -n 3 "$MWGD_DIR/client.log" | tr '\n' ' ')"
fi
check "the scanners are all back in d1's table" count_is "$d1" 3
tap_done
