#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The in-guest part of scripts/bench-bfd (see there).  Environment:
# BENCH_SECONDS, BENCH_CONFIGS, BENCH_OUT.
#
# Pair k: namespaces bfa<k> and bfb<k>, their eth0 a veth pair (no switch:
# nothing else on the link), a 198.18.k.2, b 198.18.k.1 (RFC 2544's
# benchmarking range), so that the kernel log names the pair of each BFD
# state change.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

SECS=${BENCH_SECONDS:-600}
CONFIGS=${BENCH_CONFIGS:-10000x3 20000x3 30000x3 40000x3 50000x3}
OUT=${BENCH_OUT:-$top/build/bench/bfd.txt}
. scripts/snapshot-build.sh
snapshot_paths
VRID=51
npairs=0

ctl() { local ns=$1; shift; ip netns exec "$ns" "$CTL" "$@"; }
log() { echo "bench-bfd: $*" >&2; }
# session NS FIELD: a field of the one session of NS ("state", "stats.down").
session() { ctl "$1" -j bfd show | jq -r ".[0].$2"; }
vr_stat() {
	ip netns exec "$1" awk -v k="$2" '$1 == k { print $2 }' \
		/sys/class/net/eth0/mwg_vrrp/$VRID/stats
}
vr_state() { ip netns exec "$1" cat /sys/class/net/eth0/mwg_vrrp/$VRID/state; }

pair_up() {
	local k=$1 us=$2 mult=$3 n a_ip=198.18.$1.2 b_ip=198.18.$1.1
	for n in a b; do
		ip netns add bf$n$k
		ip -n bf$n$k link set lo up
	done
	ip -n bfa$k link add eth0 type veth peer name eth0 netns bfb$k
	ip -n bfa$k addr add $a_ip/24 dev eth0
	ip -n bfb$k addr add $b_ip/24 dev eth0
	ip -n bfa$k link set eth0 up
	ip -n bfb$k link set eth0 up
	ctl bfa$k bfd add dev eth0 peer $b_ip tx-us "$us" rx-us "$us" multiplier "$mult"
	ctl bfb$k bfd add dev eth0 peer $a_ip tx-us "$us" rx-us "$us" multiplier "$mult"
	ctl bfa$k vr add dev eth0 vrid $VRID prio 200 interval 1000 \
		vip 198.18.$k.100/24
	ctl bfb$k vr add dev eth0 vrid $VRID prio 100 interval 1000 \
		vip 198.18.$k.100/24 track-bfd on
}

cleanup() {
	local k
	for ((k = 0; k < npairs; k++)); do
		ip netns del bfa$k 2>/dev/null
		ip netns del bfb$k 2>/dev/null
	done
}
trap cleanup EXIT

insmod "$KO" || { log "cannot load $KO"; exit 2; }
read -ra cfg <<<"$CONFIGS"
for c in "${cfg[@]}"; do
	pair_up $npairs "${c%x*}" "${c#*x}" || { log "pair $c: set-up failed"; exit 2; }
	npairs=$((npairs + 1))
done

# pair_settled K: a master, b backup, both sessions Up.
pair_settled() {
	[ "$(vr_state bfa$1)" = master ] && [ "$(vr_state bfb$1)" = backup ] &&
		[ "$(session bfa$1 state)" = up ] && [ "$(session bfb$1 state)" = up ]
}
# Up to a minute for every pair to settle; one that never does (a session
# flapping from the start) is run and reported all the same.
declare -A unsettled
for ((k = 0; k < npairs; k++)); do
	for _ in {1..60}; do pair_settled $k && break; sleep 0.5; done
	pair_settled $k || { unsettled[$k]=1; log "pair ${cfg[$k]} did not settle"; }
done

# The counters at the start, so that the bring-up does not count.
declare -A d0 e0 t0 x0
snap() {
	local k n
	for ((k = 0; k < npairs; k++)); do
		for n in a b; do
			d0[$1$n$k]=$(session bf$n$k stats.down)
			e0[$1$n$k]=$(session bf$n$k stats.detect_expired)
			x0[$1$n$k]=$(session bf$n$k stats.tx_packets)
		done
		t0[$1$k]=$(vr_stat bfb$k master_transitions)
	done
}
snap start
t_start=$(awk '{ print $1 }' /proc/uptime)
log "${npairs} pairs Up; running ${SECS} s"
start=$SECONDS
while [ $((SECONDS - start)) -lt "$SECS" ]; do
	left=$((SECS - (SECONDS - start)))
	sleep $((left < 60 ? left : 60))
	log "$((SECONDS - start)) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
snap end
elapsed=$((SECONDS - start))

{
	echo "BFD without a false failover: $npairs pairs at once for $elapsed s, in a guest"
	echo "of kernel $(uname -r) under QEMU TCG; $(date -u '+%Y-%m-%d %H:%M UTC')."
	echo "Each pair: a VRRP master (1 s adverts) and a backup tracking it by BFD;"
	echo "nothing cut.  Downs and expiries: both sides; takeovers: the backup's."
	echo
	printf '%-12s %9s %6s %8s %10s %12s  %s\n' config detect_ms downs expiries takeovers tx_per_side verdict
	for ((k = 0; k < npairs; k++)); do
		c=${cfg[$k]}
		downs=0 exp=0 tx=0
		for n in a b; do
			downs=$((downs + d0[end$n$k] - d0[start$n$k]))
			exp=$((exp + e0[end$n$k] - e0[start$n$k]))
			tx=$((tx + x0[end$n$k] - x0[start$n$k]))
		done
		tk=$((t0[end$k] - t0[start$k]))
		v=held
		[ $((downs + exp + tk)) -gt 0 ] && v=FAILED
		[ -n "${unsettled[$k]:-}" ] && v="FAILED (never settled)"
		printf '%-12s %9s %6d %8d %10d %12d  %s\n' "$c" \
			"$(awk -v u="${c%x*}" -v m="${c#*x}" 'BEGIN { printf "%g", u * m / 1000 }')" \
			"$downs" "$exp" "$tk" $((tx / 2)) "$v"
	done
	echo
	# Whether the Downs of different pairs came together (the whole guest
	# stalled) or apart: the kernel log's Downs after the start, by time.
	echo "Downs in the kernel log, seconds since the start: the pair's config"
	dmesg | awk -v t0="$t_start" -v cfgs="$CONFIGS" '
		BEGIN { n = split(cfgs, c, " ") }
		/BFD peer 198\.18\.[0-9]+\.[0-9]+: [a-z_]+ -> down/ {
			t = substr($1, 2) + 0
			if ($1 == "[") t = $2 + 0
			if (t < t0) next
			split($0, w, "BFD peer 198.18.")
			split(w[2], q, ".")
			printf "  %9.3f  %s\n", t - t0, c[q[1] + 1]
		}'
	echo "(the kernel log limits the rate of these lines: a burst can be cut short)"
	echo
	echo "guest load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
