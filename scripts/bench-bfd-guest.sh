#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The in-guest part of scripts/bench-bfd (see there).  Environment:
# BENCH_TRIALS, BENCH_BFD_US, BENCH_BFD_MULT, BENCH_OUT.
#
# A trial: a master (priority 200), b backup (100); a's port leaves the
# switch (a keeps running and never resigns); the time runs from just
# before the "ip" command that cuts the port (bash's clock) to the
# module's timestamp of b's state change (the VR event's TIME_NS, both
# CLOCK_REALTIME).  Starting "ip" in the emulated guest is part of every
# figure, a few ms.  A trial that does not start from a steady cluster
# (a false takeover while the guest stalled) is counted, not measured.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
. scripts/vrrp-topo.sh

TRIALS=${BENCH_TRIALS:-20}
BFD_US=${BENCH_BFD_US:-20000}
MULT=${BENCH_BFD_MULT:-5}
OUT=${BENCH_OUT:-$top/build/bench/bfd.txt}
if [ -n "${MWG_SNAP:-}" ]; then
	CTL=$MWG_SNAP/mwgctl
	KO=$MWG_SNAP/$(uname -r)/mwg_vrrp.ko
else
	CTL=$top/userspace/mwgctl/mwgctl
	KO=$top/build/$(uname -r)/kmod/mwg_vrrp.ko
fi
EV=/tmp/bench-bfd.events
RES=/tmp/bench-bfd.results
mon_pid=

ctl() { local ns=$1; shift; ip netns exec "$ns" "$CTL" "$@"; }
state() { cat "/tmp/bb-sys-$1/class/net/eth0/mwg_vrrp/$VRID/state" 2>/dev/null; }
bfd_up() { [ "$(ctl b -j bfd show | jq -r '.[0].state')" = up ]; }
wait_for() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt "$end" ] || return 1
		sleep 0.05
	done
}
is_state() { [ "$(state "$1")" = "$2" ]; }
reason() {
	awk '$1 == "new_master_reason" { print $2 }' \
		"/tmp/bb-sys-b/class/net/eth0/mwg_vrrp/$VRID/stats"
}
us_now() { echo "${EPOCHREALTIME/./}"; }

# config NAME: VRs (and sessions) for one configuration.
config() {
	local adv=1000 track=off
	case $1 in
	vrrp100) adv=100 ;;
	vrrp10) adv=10 ;;
	bfd) track=on ;;
	esac
	ctl a vr add dev eth0 vrid $VRID prio 200 interval $adv vip $VIP/24
	ctl b vr add dev eth0 vrid $VRID prio 100 interval $adv vip $VIP/24 \
		track-bfd $track
	if [ "$1" = bfd ]; then
		ctl a bfd add dev eth0 peer $B_IP tx-us "$BFD_US" rx-us "$BFD_US" \
			multiplier "$MULT"
		ctl b bfd add dev eth0 peer $A_IP tx-us "$BFD_US" rx-us "$BFD_US" \
			multiplier "$MULT"
	fi
}
unconfig() {
	ctl a vr del dev eth0 vrid $VRID
	ctl b vr del dev eth0 vrid $VRID
	ctl a bfd del dev eth0 peer $B_IP 2>/dev/null
	ctl b bfd del dev eth0 peer $A_IP 2>/dev/null
	sleep 0.2
}

# steady NAME: a master, b backup, the session Up for longer than its
# one-second hold-down.
steady() {
	wait_for 20 is_state a master || return 1
	wait_for 20 is_state b backup || return 1
	if [ "$1" = bfd ]; then
		wait_for 20 bfd_up || return 1
		sleep 1.2
	else
		sleep 0.5
	fi
}

# trial NAME N: prints "NAME N MS REASON", or "NAME N none" without a
# takeover.
trial() {
	local t0 lines t1
	lines=$(wc -l <$EV)
	t0=$(us_now)
	ip -n sw link set pa nomaster
	if ! wait_for 15 is_state b master; then
		echo "$1 $2 none"
	else
		t1=$(tail -n +$((lines + 1)) $EV | jq -r 'select(.event == "vr" and
			.state == "master") | .time_ns' | head -n 1)
		if [ -z "$t1" ]; then
			echo "$1 $2 none"
		else
			awk -v n="$1" -v t="$2" -v a="$t0" -v b="$t1" -v r="$(reason)" \
				'BEGIN { printf "%s %s %.3f %s\n", n, t, (b / 1000 - a) / 1000, r }'
		fi
	fi
	ip -n sw link set pa master br0
}

cleanup() {
	[ -n "$mon_pid" ] && kill "$mon_pid" 2>/dev/null
	umount /tmp/bb-sys-a /tmp/bb-sys-b 2>/dev/null
	topo_down
}
trap cleanup EXIT

insmod "$KO" || { echo "bench-bfd: cannot load $KO" >&2; exit 2; }
topo_up || exit 2
for n in a b; do
	mkdir -p /tmp/bb-sys-$n
	nsenter --net=/run/netns/$n mount -t sysfs sysfs /tmp/bb-sys-$n
done
: >$EV
: >$RES
: >$RES.bfd
ctl b -j monitor >>$EV 2>/dev/null &
mon_pid=$!
sleep 1

for name in bfd vrrp100 vrrp10; do
	echo "bench-bfd: $name, $TRIALS trials" >&2
	config $name
	for ((i = 1; i <= TRIALS; i++)); do
		# Not steady: b took over (or a lost) without a cut, a false
		# takeover of a stalled guest.
		steady $name || { echo "$name $i unsteady" >>$RES; continue; }
		trial $name $i >>$RES
	done
	# Why a BFD trial fell back to VRRP's timer: the session's counters.
	[ "$name" = bfd ] && ctl b -j bfd show |
		jq -r '.[0].stats | "bfd session of b: \(to_entries | map("\(.key) \(.value)") | join(", "))"' >>$RES.bfd
	unconfig
done

{
	echo "Crash failover with BFD beside VRRP alone, in a guest of kernel"
	echo "$(uname -r) under QEMU TCG; $(date -u '+%Y-%m-%d %H:%M UTC')."
	echo "The master's switch port is cut; ms from just before the cut (bash's"
	echo "clock, then an ip(8) start) to the backup's transition (module time)."
	echo "  bfd:     VRRP 1 s adverts + BFD $((BFD_US / 1000)) ms x $MULT (detection $((BFD_US * MULT / 1000)) ms), track-bfd"
	echo "  vrrp100: VRRP alone, 100 ms adverts (Master_Down_Interval 360.9 ms)"
	echo "  vrrp10:  VRRP alone, 10 ms adverts (Master_Down_Interval 36.1 ms)"
	echo
	printf '%-8s %4s %6s %8s %8s %8s %8s %8s  %s\n' config n failed min p50 p90 p99 max reasons
	for name in bfd vrrp100 vrrp10; do
		awk -v n=$name '$1 == n && $3 ~ /^[0-9.]+$/ { print $3 }' $RES | sort -n >/tmp/bb-$name
		failed=$(awk -v n=$name '$1 == n && $3 !~ /^[0-9.]+$/' $RES | wc -l)
		awk -v n=$name -v f="$failed" '{ v[NR] = $1 }
			function pct(p,  r) { r = int(p * NR / 100 + 0.999); if (r < 1) r = 1; return v[r] }
			END {
				if (NR == 0) { printf "%-8s %4d %6d\n", n, 0, f; exit }
				printf "%-8s %4d %6d %8.1f %8.1f %8.1f %8.1f %8.1f  ", n, NR, f,
					v[1], pct(50), pct(90), pct(99), v[NR]
			}' /tmp/bb-$name
		awk -v n=$name '$1 == n && $4 != "" { c[$4]++ }
			END { for (r in c) printf "%s %d ", r, c[r]; print "" }' $RES
	done
	echo
	cat $RES.bfd 2>/dev/null
	echo "guest load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
cp $RES "$(dirname "$OUT")/bfd.trials"
