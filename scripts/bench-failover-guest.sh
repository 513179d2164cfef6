#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The in-guest part of scripts/bench-failover (run there by scripts/vm-run;
# see that script for what is measured).  Environment:
#   BENCH_TRIALS  trials per implementation and scenario (default 50)
#   BENCH_IMPLS   "mwg ka", "mwg" or "ka" (default "mwg ka")
#   BENCH_OUT     where the table goes (default build/bench/failover.txt)
#   BENCH_BFD_TRIALS  trials of the bfd scenario (mwg_vrrp only; default 20)
#   BENCH_BFD_US, BENCH_BFD_MULT  its BFD interval and multiplier
#                 (default 50000 us x 3: the smallest that held without a
#                 false Down for 10 minutes in the guest, scripts/bench-bfd)
#   BENCH_DATE    the date the table gives (default: the guest's)
#
# Both routers run priority 254 with 10 ms adverts (VRRPv3): the backup is
# at 254 as asked, and so is the master, which wins the first election by
# its higher address (RFC 5798 6.4.3 tie-break).  Equal priorities let the
# two swap roles after every trial: the old master comes back as a backup
# (an equal-priority advert holds a backup, 6.4.2) and the next trial fails
# the new master over, so a trial costs one restart instead of two.
set -u
[ -n "${BENCH_TRACE:-}" ] && set -x

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
. scripts/vrrp-topo.sh

TRIALS=${BENCH_TRIALS:-50}
IMPLS=${BENCH_IMPLS:-mwg ka}
OUT=${BENCH_OUT:-$top/build/bench/failover.txt}
PRIO=254
INTERVAL_MS=10
# Master_Down_Interval of a priority-254 backup at 10 ms: 3 * 10 ms plus
# Skew_Time (256 - 254) * 10 ms / 256 = 78.125 us.
SKEW_NS=$(((256 - PRIO) * INTERVAL_MS * 1000000 / 256))
MDI_NS=$((3 * INTERVAL_MS * 1000000 + SKEW_NS))
# Trials run in blocks, implementations and scenarios alternating between
# blocks, so that both implementations see the same machine over the run.
BLOCK=$((TRIALS < 10 ? TRIALS : 10))
BFD_TRIALS=${BENCH_BFD_TRIALS:-20}
BFD_US=${BENCH_BFD_US:-50000}
BFD_MULT=${BENCH_BFD_MULT:-3}
BFD_ADVERT_MS=1000
# A Down counts once the session has been Up this long (the VR's
# hold-down against flapping); short, so that a trial need not wait.
BFD_HOLDDOWN_MS=200
SCEN=

. scripts/snapshot-build.sh
snapshot_paths
. scripts/bench-trace.sh
CAP=/tmp/bench.cap
MARKS=/tmp/bench.marks
cap_pid=
declare -A ka_pid=()

now_ns() { date +%s%N; }
log() { printf '[%6.1f s] %s\n' "$(awk -v t="$(now_ns)" -v s="$t_start" 'BEGIN { print (t - s) / 1e9 }')" "$*" >&2; }
addr_of() { if [ "$1" = a ]; then echo $A_IP; else echo $B_IP; fi; }
other() { if [ "$1" = a ]; then echo b; else echo a; fi; }

# Waits on the capture, which is written a line per frame: only what was
# written since byte offset FROM is read (cap_size gives it), because the
# file grows by ~100 lines a second and a poll here is slow under emulation.
# wait_cap PORT KIND FROM SECONDS; KIND: garp or advert (priority > 0)
cap_size() { stat -c %s $CAP; }
wait_cap() {
	local end=$(($(now_ns) + $4 * 1000000000))
	while :; do
		tail -c +$(($3 + 1)) $CAP | awk -v p="$1" -v k="$2" -v vip=$VIP '
			$2 != p { next }
			k == "garp" && $3 == "arp" && $6 == vip && $7 == vip { f = 1; exit }
			k == "advert" && $3 == "vrrp" && $6 != 0 { f = 1; exit }
			END { exit !f }' && return 0
		[ "$(now_ns)" -lt "$end" ] || return 1
		sleep 0.02
	done
}

# The master now: the port of the latest advert in the capture (BFD packets
# outnumber the bfd scenario's adverts: look back far enough).
current_master() {
	tail -n 400 $CAP | awk '$2 ~ /^p[ab]$/ && $3 == "vrrp" && $6 != 0 { m = $2 }
		END { sub(/^p/, "", m); print m }'
}

# --- the module's tracepoints ------------------------------------------------
# What the split of a takeover needs (scripts/bench-report): the priority-0
# advert sent and heard, the Master_Down and Skew timers (1 and 2 in enum
# mwg_trace_timer, kmod/trace.h) armed and expired, the state changes and
# the VIPs announced.  The adver timer's events are left out: a hundred a
# second would only fill the buffer.
trace_start() {
	bench_trace_start 'advert_rx:adv_prio == 0' 'advert_tx:prio == 0' \
		'timer_arm:timer == 1 || timer == 2' \
		'timer_expire:timer == 1 || timer == 2' state_change announce
}

# --- our module -----------------------------------------------------------
# The bfd scenario's routers track each other: addr_of the other one.
mwg_start() {
	local peer
	if [ "$SCEN" != bfd ]; then
		ip netns exec "$1" "$CTL" vr add dev eth0 vrid $VRID prio $PRIO \
			interval $INTERVAL_MS vip $VIP/24
		return
	fi
	peer=$(addr_of "$(other "$1")")
	ip netns exec "$1" "$CTL" bfd add dev eth0 peer "$peer" \
		tx-us $BFD_US rx-us $BFD_US multiplier $BFD_MULT \
		holddown-ms $BFD_HOLDDOWN_MS
	ip netns exec "$1" "$CTL" vr add dev eth0 vrid $VRID prio $PRIO \
		interval $BFD_ADVERT_MS vip $VIP/24 track-bfd on bfd-peer "$peer"
}
mwg_stop() {
	ip netns exec "$1" "$CTL" vr del dev eth0 vrid $VRID 2>/dev/null
	[ "$SCEN" = bfd ] && ip netns exec "$1" "$CTL" bfd del dev eth0 \
		peer "$(addr_of "$(other "$1")")" 2>/dev/null
	return 0
}
# A crash: the master's link vanishes; no priority-0 advert reaches the
# wire (checked on the capture: a trial showing one is not counted).
mwg_crash() { ip -n "$1" link del eth0; }
mwg_revive() {
	[ -n "$(ip -n "$1" -o link show eth0 2>/dev/null)" ] ||
		topo_port "$1" "p$1" "$(addr_of "$1")"
	mwg_start "$1"
}
# A new backup is ready once it has heard the master: give it a few
# adverts.  With BFD: once its session is Up and past the hold-down.
mwg_bfd_up() {
	[ "$(ip netns exec "$1" "$CTL" -j bfd show 2>/dev/null |
		jq -r '.[0].state')" = up ]
}
mwg_ready() {
	local i
	if [ "$SCEN" != bfd ]; then
		sleep 0.1
		return 0
	fi
	for ((i = 0; i < 300; i++)); do
		# Twice the hold-down: its 200 ms, and margin.
		mwg_bfd_up "$1" && { sleep 0.4; return 0; }
		sleep 0.05
	done
	return 1
}

# --- keepalived -----------------------------------------------------------
ka_conf() {
	cat >/tmp/ka-$1.conf <<EOF
global_defs {
	router_id ka_$1
	vrrp_version 3
}
vrrp_instance VI_1 {
	interface eth0
	virtual_router_id $VRID
	priority $PRIO
	advert_int 0.01
	virtual_ipaddress {
		$VIP/24
	}
}
EOF
}
ka_start() {
	: >/tmp/ka-$1.log
	# -R: a killed VRRP child stays dead (a crash), not respawned.
	ip netns exec "$1" keepalived -n -l -G -P -R -f /tmp/ka-$1.conf \
		-p /run/ka-$1.pid -r /run/ka-$1-vrrp.pid >>/tmp/ka-$1.log 2>&1 &
	ka_pid[$1]=$!
}
ka_wait_gone() {
	local p=${ka_pid[$1]:-}
	[ -n "$p" ] && wait "$p" 2>/dev/null
	ka_pid[$1]=
	rm -f /run/ka-$1.pid /run/ka-$1-vrrp.pid
}
# Resignation: SIGTERM makes keepalived send priority 0 and leave.
ka_stop() {
	[ -n "${ka_pid[$1]:-}" ] || return 0
	kill -TERM "${ka_pid[$1]}" 2>/dev/null
	ka_wait_gone "$1"
}
# Crash: the VRRP child dies by SIGKILL.  Its parent is stopped first so
# that it cannot react (respawn, or a death signal making the child resign).
ka_crash() {
	local p=${ka_pid[$1]} c
	c=$(cat /run/ka-$1-vrrp.pid 2>/dev/null)
	kill -STOP "$p"
	[ -n "$c" ] && kill -KILL "$c"
	kill -KILL "$p"
	ka_wait_gone "$1"
}
ka_revive() { ka_start "$1"; }
ka_ready() {
	local i
	for ((i = 0; i < 250; i++)); do
		grep -q "Entering BACKUP STATE" /tmp/ka-$1.log && { sleep 0.05; return 0; }
		sleep 0.02
	done
	return 1
}

# --- a cluster and its trials ------------------------------------------------
# setup IMPL: a master, b backup.
setup() {
	local off
	off=$(cap_size)
	$1_start a
	wait_cap pa advert "$off" 10 || { log "$1: a never became master"; return 1; }
	$1_start b
	$1_ready b || { log "$1: b did not come up as backup"; return 1; }
}
teardown() {
	$1_stop a
	$1_stop b
	sleep 0.1
}

# trial IMPL SCENARIO N: fail the current master over, then bring it back
# as the backup.
trial() {
	local impl=$1 scen=$2 n=$3 m bk t_from t_to off
	m=$(current_master)
	[ -n "$m" ] || { log "$impl: no master"; return 1; }
	bk=$(other "$m")
	off=$(cap_size)
	t_from=$(now_ns)
	if [ "$scen" = resign ]; then
		${impl}_stop "$m"
	else
		${impl}_crash "$m"
	fi
	wait_cap "p$bk" garp "$off" 5 || log "$impl $scen $n: no takeover by $bk"
	t_to=$(now_ns)
	echo "$impl $scen $n $t_from $t_to p$m p$bk $VIP" >>$MARKS
	${impl}_revive "$m"
	${impl}_ready "$m" || log "$impl: $m did not come back as backup"
}

cleanup() {
	local x
	for x in a b; do
		[ -n "${ka_pid[$x]:-}" ] && kill -KILL "${ka_pid[$x]}" 2>/dev/null
	done
	[ -n "$cap_pid" ] && kill "$cap_pid" 2>/dev/null
	topo_down
}
trap cleanup EXIT

t_start=$(now_ns)
have_ka=0
if [[ " $IMPLS " == *" ka "* ]]; then
	if command -v keepalived >/dev/null; then
		have_ka=1
	else
		log "keepalived is not installed: measuring mwg_vrrp only"
		IMPLS=mwg
	fi
fi

insmod "$KO" || { echo "bench: cannot load $KO" >&2; exit 2; }
topo_up || exit 2
ka_conf a
ka_conf b
: >$MARKS
ip netns exec sw scripts/vrrp-cap capture $CAP --ready $CAP.ready &
cap_pid=$!
for _ in {1..300}; do [ -e $CAP.ready ] && break; sleep 0.02; done
[ -e $CAP.ready ] || { echo "bench: capture did not start" >&2; exit 2; }
trace_start

done_n=0
most=$((TRIALS > BFD_TRIALS ? TRIALS : BFD_TRIALS))
while [ "$done_n" -lt "$most" ]; do
	for impl in $IMPLS; do
		scens="resign crash"
		[ "$impl" = mwg ] && scens+=" bfd"
		for scen in $scens; do
			want=$TRIALS
			[ "$scen" = bfd ] && want=$BFD_TRIALS
			n=$((want - done_n < BLOCK ? want - done_n : BLOCK))
			[ "$n" -gt 0 ] || continue
			log "$impl $scen: trials $((done_n + 1))-$((done_n + n))"
			SCEN=$scen
			setup $impl || { teardown $impl; continue; }
			for ((i = 1; i <= n; i++)); do
				trial $impl $scen $((done_n + i))
			done
			teardown $impl
		done
	done
	done_n=$((done_n + BLOCK))
done
SCEN=

kill "$cap_pid"
wait "$cap_pid"
cap_pid=
bench_trace_stop /tmp/bench.trace
log "trials done; analysing"

mkdir -p "$(dirname "$OUT")"
stats=$(scripts/vrrp-cap bench $CAP $MARKS $MDI_NS)
drops=$(sed -n 's/^# packets .* drops \([0-9]*\)/\1/p' $CAP)
idle=$(awk '{ print $1 }' /proc/loadavg)

{
	echo "Failover of a VRRPv3 virtual router, 10 ms adverts, priority 254"
	echo "(master and backup; master by the address tie-break), in a guest"
	echo "of kernel $(uname -r) under QEMU TCG; ${BENCH_DATE:-$(date -u '+%Y-%m-%d %H:%M UTC')}."
	echo "Times from a capture on the switch (kernel timestamps), in us:"
	echo "  resign: the master's priority-0 advert -> the backup's first GARP"
	echo "  crash:  the master's last advert -> the backup's first GARP,"
	echo "          minus Master_Down_Interval $(awk -v n=$MDI_NS 'BEGIN { printf "%.3f ms", n / 1e6 }')"
	echo "  bfd:    mwg_vrrp crash, 1 s adverts, the backup tracking the master"
	echo "          with BFD $((BFD_US / 1000)) ms x $BFD_MULT (detection $((BFD_US * BFD_MULT / 1000)) ms): the master's"
	echo "          last frame (advert or BFD) -> the backup's first GARP, as is"
	echo "mwg = mwg_vrrp (crash: master's link deleted);"
	echo "ka = keepalived $(keepalived --version 2>&1 | sed -n '1s/^Keepalived v\([^ ]*\).*/\1/p') (resign: SIGTERM; crash: SIGKILL)."
	echo "Percentiles are nearest-rank; 'bad' = trials with no clean takeover."
	echo
	printf '%-4s %-7s %5s %4s %9s %9s %9s %9s %9s\n' \
		impl case n bad p50 p90 p99 max min
	echo "$stats" | while read -r impl scen n bad p50 p90 p99 max min mean; do
		printf '%-4s %-7s %5s %4s %9s %9s %9s %9s %9s\n' \
			"$impl" "$scen" "$n" "$bad" "$p50" "$p90" "$p99" "$max" "$min"
	done
	if [ "$have_ka" = 1 ] && [[ " $IMPLS " == *" mwg "* ]]; then
		echo
		echo "keepalived / mwg_vrrp (higher = mwg_vrrp faster):"
		printf '%-7s %7s %7s %7s %7s\n' case p50 p90 p99 max
		for scen in resign crash; do
			m=$(echo "$stats" | awk -v s=$scen '$1 == "mwg" && $2 == s')
			k=$(echo "$stats" | awk -v s=$scen '$1 == "ka" && $2 == s')
			[ -n "$m" ] && [ -n "$k" ] || continue
			awk -v s=$scen -v m="$m" -v k="$k" 'BEGIN {
				split(m, a); split(k, b); line = sprintf("%-7s", s)
				for (i = 5; i <= 8; i++) {
					r = "-"
					if (a[i] > 0 && b[i] != "-")
						r = sprintf("%.1f", b[i] / a[i])
					line = line sprintf(" %7s", r)
				}
				print line }'
		done
	fi
	echo
	echo "capture: ${drops:-?} frames dropped; guest load average at the end: $idle"
} | tee "$OUT"
# The raw material, for a second look.
cp $CAP "$(dirname "$OUT")/failover.cap"
cp $MARKS "$(dirname "$OUT")/failover.marks"
rm -f "$(dirname "$OUT")/failover.trace"
[ -s /tmp/bench.trace ] && cp /tmp/bench.trace "$(dirname "$OUT")/failover.trace"
read -r off unc < <(bench_trace_offset)
echo "bfd_us $BFD_US bfd_mult $BFD_MULT advert_ms $BFD_ADVERT_MS" \
	"mono_offset_ns ${off:-0} mono_offset_unc_ns ${unc:-0}" \
	"icount ${MWG_VM_ICOUNT:-0}" >"$(dirname "$OUT")/failover.params"
exit 0
