#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The guest side of scripts/bench-proxy (see there).  Reuses the Proxy HA
# selftests' topology helpers.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
MWGD_MS=${BENCH_INTERVAL:-100}
trials=${BENCH_TRIALS:-5}
nscan=${BENCH_SCANNERS:-5}
rate_s=${BENCH_RATE_S:-10}
. "$top/selftests/proxy_lib.sh"

proxy_setup
# More client addresses: a flow of mh is a client address.
for i in $(seq 20 99) $(seq 150 199) $(seq 231 254); do
	ip -n "$c" addr add "192.0.2.$i/$SUBNET_LEN" dev eth0
done
all_srcs=$(echo $(seq 20 99) $(seq 150 199) $(seq 201 254) |
	tr ' ' '\n' | sed 's/^/192.0.2./' | paste -sd,)

mwgd_node d1 192.0.2.1
vr_add "$d1" "$VRID" 200 >/dev/null || ksft_fail "vr add"
wait_state "$d1" "$VRID" master || ksft_fail "no master"
proxy_conf "$MWGD_DIR/director.conf" "vr=eth0 $VRID" drain_s=0
proxy_conf "$MWGD_DIR/scanner.conf"
mwgd_director d1 "$d1" 192.0.2.1 -c "$MWGD_DIR/director.conf"
scanners=()
for i in $(seq 1 "$nscan"); do
	mwgd_node "s$i" "192.0.2.$((10 + i))"
	ns=s$i
	server "s$i" "${!ns}"
	mwgd_scanner "s$i" "${!ns}" -c "$MWGD_DIR/scanner.conf" -o ports=$PROXY_PORT
	scanners+=("s$i")
done
vwait 20 dests_are "$d1" "$nscan" || ksft_fail "only $(dest_count "$d1") of $nscan real servers"

stats() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "no samples"; exit }
		printf "min %d  median %d  max %d ms  (%d samples)\n",
			v[1], v[int((NR + 1) / 2)], v[NR], NR }'
}

echo "kernel $(uname -r), interval ${MWGD_MS} ms, dead_after ${MWGD_DEAD}, $nscan scanners"

# --- death -> out of IPVS ---------------------------------------------------------------
# A poller in d1 reads /proc/net/ip_vs every 2 ms and prints the wall clock
# (microseconds) at which the real server's weight is 0 or it is gone.
poll_quiet() {
	ip netns exec "$d1" python3 - "$1" <<'PY'
import sys, time
want = sys.argv[1]
print("ready", flush=True)
while True:
    lines = [l.split() for l in open("/proc/net/ip_vs") if "->" in l]
    row = [l for l in lines if l[1].startswith(want + ":")]
    if not row or row[0][3] == "0":
        print(int(time.time() * 1e6), flush=True)
        break
    time.sleep(0.002)
PY
}
node=s$nscan
hex=$(printf '%02X%02X%02X%02X' 192 0 2 $((10 + nscan)))
death=()
for i in $(seq 1 "$trials"); do
	vwait 10 eval "[ \"\$(dest_field \"\$d1\" 192.0.2.$((10 + nscan)) weight)\" = 100 ]" ||
		{ echo "trial $i: $node is not a real server"; continue; }
	coproc POLL { poll_quiet "$hex"; }
	read -r -u "${POLL[0]}" ready
	t0=${EPOCHREALTIME/./}
	mwgd_kill "$node" KILL
	read -r -t 20 -u "${POLL[0]}" t1 || { echo "trial $i: never left"; continue; }
	wait "$POLL_PID" 2>/dev/null
	death+=($(( (t1 - t0) / 1000 )))
	ns=$node
	mwgd_scanner "$node" "${!ns}" -c "$MWGD_DIR/scanner.conf" -o ports=$PROXY_PORT
done
echo "death -> weight 0 in IPVS: $(printf '%s\n' "${death[@]}" | stats)"
echo "   (protocol: dead_after x interval + a quarter-interval batch = $((MWGD_DEAD * MWGD_MS + MWGD_MS / 4)) ms)"
vwait 10 dests_are "$d1" "$nscan"

# --- new-connection rate ----------------------------------------------------------------
rate() {
	ip netns exec "$c" python3 "$PROXY_TCP" rate "$1" "$PROXY_PORT" "$rate_s" "$all_srcs"
}
via=$(rate "$VIP")
direct=$(rate 192.0.2.11)
echo "new connections through the VIP (IPVS, mh, DR): $via"
echo "new connections straight to one scanner:        $direct"
awk -v a="$via" -v b="$direct" 'BEGIN {
	split(a, x, " "); split(b, y, " ")
	va = x[2] / x[6]; vb = y[2] / y[6]
	printf "   %.0f /s vs %.0f /s: ratio %.2f (one client process; TCG guest)\n", va, vb, va / vb }'

# --- flows moved when one of N leaves ---------------------------------------------------
moved() {
	local sched=$1 before after gone=s2
	proxy_conf "$MWGD_DIR/director.conf" "vr=eth0 $VRID" drain_s=0 scheduler="$sched"
	mwgd_kill d1 HUP
	vwait 5 eval "[ \"\$(service_json \"\$d1\" | jq -r '.services[0].scheduler')\" = $sched ]"
	vwait 10 dests_are "$d1" "$nscan"
	before=$(ip netns exec "$c" python3 "$PROXY_TCP" map "$VIP" "$PROXY_PORT" "$all_srcs")
	mwgd_kill "$gone" KILL
	vwait 10 dests_are "$d1" $((nscan - 1))
	after=$(ip netns exec "$c" python3 "$PROXY_TCP" map "$VIP" "$PROXY_PORT" "$all_srcs")
	join <(sort <<<"$before") <(sort <<<"$after") | awk -v gone="$gone" -v s="$sched" -v n="$nscan" '
		$2 == gone { lost++; next }
		{ kept++; if ($2 != $3) moved++ }
		END { printf "%s: %d of %d flows not on the leaving scanner moved (%.0f %%); %d were on it (1/%d of flows: ideal move)\n",
			s, moved, kept, 100 * moved / kept, lost, n }'
	ns=$gone
	mwgd_scanner "$gone" "${!ns}" -c "$MWGD_DIR/scanner.conf" -o ports=$PROXY_PORT
	vwait 10 dests_are "$d1" "$nscan"
}
echo "flows (client addresses, $(tr ',' '\n' <<<"$all_srcs" | wc -l)) moved when 1 of $nscan scanners leaves:"
moved mh
moved wlc
moved sh
