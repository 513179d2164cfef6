#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The in-guest part of scripts/bench (run there by scripts/vm-run): the
# failover trials of scripts/bench-failover-guest.sh, then timer accuracy,
# scale and control-plane measurements of mwg_vrrp and keepalived, one
# after the other for each size, in this one boot.  Raw material goes to
# $BENCH_DIR (default build/bench); scripts/bench-report turns it into the
# tables on the host, where Python runs at native speed.
#
# Environment:
#   BENCH_DIR     output directory (default build/bench)
#   BENCH_TRIALS  failover trials per implementation and scenario (50)
#   BENCH_SIZES   scale sizes, "VRS" or "VRSxIFS" (default
#                 "1 16 64 255"); the size 1 run is the timer test
#   BENCH_SKIP_FAILOVER=1  scale part only
#   BENCH_DATE    the date the report gives (default: the guest's)
#
# Scale topology: namespace "sr" (the router) with eth0 and eth1, each a
# veth whose peer (p0, p1) sits in namespace "ss", where tcpdump captures
# with kernel timestamps; nothing answers, so every VR is master.  VR v on
# interface i has VRID v, priority 254, 10 ms adverts and VIP
# 198.18.i.v/32 (RFC 2544's benchmarking range).
#
# Per size and implementation:
#   setup    time to create the VRs (mwg: one mwgctl call per VR, in a
#            shell loop; keepalived: start with one config of every VR,
#            until its log shows every VR master), and memory: slab and
#            MemAvailable deltas of the guest, VmRSS of keepalived;
#   capture  CAP_S seconds of tcpdump on the peers: adverts/s and gaps;
#   cpu      CPU_S seconds without a capture: adverts from the peers'
#            rx_packets counters; CPU from /proc/stat (ticks), from the
#            idle time (wall x CPUs - idle, which NOHZ accounts from
#            timestamps rather than ticks), /proc/softirqs counts, and for
#            keepalived its processes' utime+stime.  An idle window first
#            gives the guest's baseline.
set -u
[ -n "${BENCH_TRACE:-}" ] && set -x

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

DIR=${BENCH_DIR:-$top/build/bench}
SIZES=${BENCH_SIZES:-1 16 64 255}
CAP_S=2
TIMER_CAP_S=5
CPU_S=3
RAW=$DIR/raw
RES=$RAW/scale.txt
mkdir -p "$RAW"
rm -f "$RAW"/*.pcap "$RAW"/*.trace "$RES"

if [ -z "${BENCH_SKIP_FAILOVER:-}" ]; then
	BENCH_OUT=$DIR/failover.txt scripts/bench-failover-guest.sh ||
		echo "bench: the failover part failed" >&2
fi

. scripts/snapshot-build.sh
snapshot_paths
. scripts/bench-trace.sh
[ -d /sys/module/mwg_vrrp ] || insmod "$KO" || { echo "bench: cannot load $KO" >&2; exit 2; }

# Bash's own clock: an exec of date(1) costs a large fraction of a second
# in a loaded emulated guest, which would blur the window edges.
now_ns() { local t=${EPOCHREALTIME/./}; echo $((10#$t * 1000)); }
t_start=$(now_ns)
log() { printf '[%6.1f s] %s\n' "$(awk -v t="$(now_ns)" -v s="$t_start" 'BEGIN { print (t - s) / 1e9 }')" "$*" >&2; }
out() { echo "$*" >>"$RES"; }

ka_pid=
cap_pids=()
cleanup() {
	[ -n "$ka_pid" ] && kill -KILL "$ka_pid" 2>/dev/null
	for p in "${cap_pids[@]}"; do kill "$p" 2>/dev/null; done
	ip netns del sr 2>/dev/null
	ip netns del ss 2>/dev/null
}
trap cleanup EXIT

# topo IFS: the router's IFS interfaces, cabled to the capture namespace.
topo() {
	local i
	cleanup
	ip netns add sr
	ip netns add ss
	ip -n sr link set lo up
	ip -n ss link set lo up
	for ((i = 0; i < $1; i++)); do
		ip -n ss link add p$i type veth peer name eth$i netns sr
		ip -n ss link set p$i up
		# One /24 of the documentation ranges per interface.
		case $i in
		0) ip -n sr addr add 192.0.2.2/24 dev eth$i ;;
		1) ip -n sr addr add 198.51.100.2/24 dev eth$i ;;
		*) ip -n sr addr add 203.0.113.$((i + 1))/24 dev eth$i ;;
		esac
		ip -n sr link set eth$i up
	done
}

# One process reads /proc/stat (the cpu line: user nice system idle iowait
# irq softirq), /proc/uptime's idle seconds and /proc/softirqs (TIMER
# NET_TX NET_RX HRTIMER, all CPUs), so that taking a sample costs the
# window as little as possible.
sample() {
	awk -v x="$1" 'FILENAME == "/proc/stat" && $1 == "cpu" { st = $2 " " $3 " " $4 " " $5 " " $6 " " $7 " " $8 }
		FILENAME == "/proc/uptime" { idle = $2 }
		FILENAME == "/proc/softirqs" && $1 ~ /^(TIMER|NET_TX|NET_RX|HRTIMER):$/ {
			s = 0; for (i = 2; i <= NF; i++) s += $i; q = q " " s }
		END { print "stat" x, st, "idle" x, idle, "sirq" x q }' /proc/stat /proc/uptime /proc/softirqs
}
# Frames received by the peers p0..: the adverts on the wire, no capture.
rx_sum() {
	ip -n ss -s -o link show | awk '$2 ~ /^p[0-9]+@/ {
		# The counters follow the names, after a "\\": packets is the
		# field as far from there as its name is from "RX:".
		for (i = 1; i <= NF; i++) if ($i == "RX:") break
		for (j = i; j <= NF && $j != "packets"; j++) ;
		for (k = j; k <= NF && $k != "\\"; k++) ;
		s += $(k + j - i) }
		END { print s + 0 }'
}
ka_ticks() {
	local p s=0 c
	for p in $ka_pid $(cat /run/kas-vrrp.pid 2>/dev/null); do
		c=$(awk '{ print $14 + $15 }' /proc/$p/stat 2>/dev/null) || c=0
		s=$((s + ${c:-0}))
	done
	echo $s
}
ka_rss() {
	local p s=0
	for p in $ka_pid $(cat /run/kas-vrrp.pid 2>/dev/null); do
		s=$((s + $(awk '/^VmRSS:/ { print $2 }' /proc/$p/status 2>/dev/null || echo 0)))
	done
	echo $s
}
meminfo() { awk '/^(MemAvailable|Slab|SUnreclaim):/ { printf "%s%d", sep, $2; sep = " " } END { print "" }' /proc/meminfo; }
# Bytes held by all slab caches (active objects x object size).
slab_bytes() { awk 'NR > 2 { s += $2 * $4 } END { printf "%d\n", s }' /proc/slabinfo; }
# No drop_caches: the root is 9p with cache=loose, and refilling its
# page cache afterwards would cost minutes under emulation.
settle_mem() { sleep 0.3; }

# cpu_window NAME IMPL N IFS SECONDS: the CPU window, no capture running.
cpu_window() {
	local name=$1 impl=$2 nvr=$3 ifs=$4 secs=$5 a0 a1 r0 r1 k0 k1 t0 t1 u0 u1 v0 v1
	# The counters are read at some moment within rx_sum: take the
	# middle of the call as that moment.
	u0=$(now_ns); r0=$(rx_sum); v0=$(now_ns); k0=$(ka_ticks)
	a0=$(sample 0); t0=$(now_ns)
	sleep "$secs"
	a1=$(sample 1); t1=$(now_ns)
	k1=$(ka_ticks); u1=$(now_ns); r1=$(rx_sum); v1=$(now_ns)
	out "cpu $name $impl $nvr $ifs wall_ns $((t1 - t0)) rx $((r1 - r0)) rx_ns $(((u1 + v1) / 2 - (u0 + v0) / 2)) $a0 $a1 proc_ticks $((k1 - k0)) ncpu $(nproc)"
}

# capture NAME IFS SECONDS: tcpdump on every peer, kernel timestamps (ns).
capture() {
	local name=$1 ifs=$2 secs=$3 i p
	cap_pids=()
	for ((i = 0; i < ifs; i++)); do
		rm -f /tmp/cap$i.err
		ip netns exec ss tcpdump -i p$i -Q in -n -s 64 -B 32768 \
			--time-stamp-precision=nano -w /tmp/$name-p$i.pcap \
			'ip proto 112' 2>/tmp/cap$i.err &
		cap_pids+=($!)
	done
	for ((i = 0; i < ifs; i++)); do
		for _ in {1..250}; do grep -q listening /tmp/cap$i.err 2>/dev/null && break; sleep 0.02; done
	done
	sleep "$secs"
	for p in "${cap_pids[@]}"; do kill -INT "$p"; done
	for p in "${cap_pids[@]}"; do wait "$p"; done
	cap_pids=()
	for ((i = 0; i < ifs; i++)); do
		out "capdrop $name p$i $(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' /tmp/cap$i.err)"
		cp /tmp/$name-p$i.pcap "$RAW/"
		rm -f /tmp/$name-p$i.pcap
	done
}

# One namespace switch for the whole loop: "ip netns exec" per VR would
# cost more than mwgctl itself and be measured as the control plane.
mwg_up() {
	ip netns exec sr env CTL="$CTL" NVR="$1" IFS_N="$2" bash -c '
		for ((i = 0; i < IFS_N; i++)); do
			for ((v = 1; v <= NVR; v++)); do
				"$CTL" vr add dev eth$i vrid $v prio 254 \
					interval 10 vip 198.18.$i.$v/32 ||
					echo "mwg: vr add eth$i $v failed" >&2
			done
		done'
}
# The same VRs from one "mwgctl -batch": one process, one netlink socket.
mwg_batch_up() {
	local i v
	for ((i = 0; i < $2; i++)); do
		for ((v = 1; v <= $1; v++)); do
			echo "vr add dev eth$i vrid $v prio 254 interval 10 vip 198.18.$i.$v/32"
		done
	done >/tmp/vrs.batch
	ip netns exec sr "$CTL" -batch /tmp/vrs.batch ||
		echo "mwg: mwgctl -batch failed" >&2
}
mwg_wait_master() {
	local want=$1 n
	for _ in {1..100}; do
		n=$(ip netns exec sr "$CTL" -j vr show 2>/dev/null |
			grep -o '"state": *"master"' | wc -l)
		[ "$n" -ge "$want" ] && return 0
		sleep 0.1
	done
	log "mwg: only $n of $want VRs master"
}
# The interfaces go, and their VRs with them.
mwg_down() {
	local i
	for ((i = 0; i < $2; i++)); do ip -n sr link del eth$i; done
}

ka_conf() {
	local nvr=$1 ifs=$2 i v
	cat <<EOF
global_defs {
	router_id kas
	vrrp_version 3
	# One gratuitous ARP per VIP, no second round 5 s later: the
	# windows count adverts only.
	vrrp_garp_master_delay 0
	vrrp_garp_master_repeat 1
}
EOF
	for ((i = 0; i < ifs; i++)); do
		for ((v = 1; v <= nvr; v++)); do
			cat <<EOF
vrrp_instance VI_${i}_$v {
	interface eth$i
	virtual_router_id $v
	priority 254
	advert_int 0.01
	virtual_ipaddress {
		198.18.$i.$v/32
	}
}
EOF
		done
	done
}
ka_up() {
	local want=$(($1 * $2)) n
	ka_conf "$1" "$2" >/tmp/kas.conf
	: >/tmp/kas.log
	ip netns exec sr keepalived -n -l -G -P -f /tmp/kas.conf \
		-p /run/kas.pid -r /run/kas-vrrp.pid >>/tmp/kas.log 2>&1 &
	ka_pid=$!
	for _ in {1..600}; do
		n=$(grep -c "Entering MASTER STATE" /tmp/kas.log)
		[ "$n" -ge "$want" ] && return 0
		sleep 0.05
	done
	log "keepalived: only $n of $want VRs master"
}
ka_down() {
	[ -n "$ka_pid" ] || return 0
	kill -TERM "$ka_pid"
	wait "$ka_pid" 2>/dev/null
	ka_pid=
	rm -f /run/kas.pid /run/kas-vrrp.pid
}

have_ka=1
command -v keepalived >/dev/null || { have_ka=0; log "keepalived is not installed: mwg_vrrp only"; }
out "kernel $(uname -r)"
out "cpus $(nproc) icount ${MWG_VM_ICOUNT:-0}"
out "keepalived $(keepalived --version 2>&1 | sed -n '1s/^Keepalived v\([^ ]*\).*/\1/p')"
# The host's date: under the instruction-count clock the guest's own one
# runs at the speed of its instructions.
out "date ${BENCH_DATE:-$(date -u '+%Y-%m-%d %H:%M UTC')}"

topo 1
log "idle baseline"
sleep 1
cpu_window idle none 0 1 $CPU_S

for size in $SIZES; do
	nvr=${size%x*}
	ifs=1
	[ "$size" != "$nvr" ] && ifs=${size#*x}
	cs=$CAP_S
	[ "$nvr" = 1 ] && [ "$ifs" = 1 ] && cs=$TIMER_CAP_S
	for impl in mwg ka; do
		[ "$impl" = ka ] && [ "$have_ka" = 0 ] && continue
		name=$impl-$size
		log "$name: setup"
		topo "$ifs"
		settle_mem
		m0=$(meminfo); b0=$(slab_bytes)
		t0=$(now_ns)
		${impl}_up "$nvr" "$ifs"
		t1=$(now_ns)
		[ "$impl" = mwg ] && mwg_wait_master $((nvr * ifs))
		t2=$(now_ns)
		sleep 0.5
		settle_mem
		m1=$(meminfo); b1=$(slab_bytes)
		rss=0
		[ "$impl" = ka ] && rss=$(ka_rss)
		out "setup $name $impl $nvr $ifs add_ns $((t1 - t0)) master_ns $((t2 - t0)) mem0 $m0 mem1 $m1 slab0 $b0 slab1 $b1 rss_kb $rss"
		log "$name: capture ${cs} s"
		# The timer test also records each adver timer expiry (0 in
		# enum mwg_trace_timer): its lateness, and the task that ran
		# it (ksoftirqd, or the interrupt's exit); and when the timer
		# interrupt raised the hrtimer softirq (vector 8) and when
		# that softirq began, which split the lateness in two.
		tr=0
		[ "$name" = mwg-1 ] &&
			bench_trace_start 'timer_expire:timer == 0' \
				'irq/softirq_raise:vec == 8' \
				'irq/softirq_entry:vec == 8' && tr=1
		capture "$name" "$ifs" "$cs"
		[ "$tr" = 1 ] && bench_trace_stop "$RAW/mwg-1-adver.trace"
		log "$name: cpu ${CPU_S} s"
		cpu_window "$name" "$impl" "$nvr" "$ifs" $CPU_S
		t0=$(now_ns)
		${impl}_down "$nvr" "$ifs"
		t1=$(now_ns)
		# mwg: the interfaces deleted; keepalived: SIGTERM until it exits.
		out "teardown $name $impl $nvr $ifs del_ns $((t1 - t0))"
	done
	# The control plane once more, the whole set from one batch (the
	# VRs' memory and adverts are those measured above).
	if [ "$ifs" = 1 ] && [ "$nvr" = 255 ]; then
		log "batch-$size: setup"
		topo 1
		t0=$(now_ns)
		mwg_batch_up "$nvr" 1
		t1=$(now_ns)
		mwg_wait_master "$nvr"
		t2=$(now_ns)
		out "setup batch-$size mwg $nvr 1 add_ns $((t1 - t0)) master_ns $((t2 - t0))"
		mwg_down "$nvr" 1
	fi
done
cleanup
trap - EXIT
out "load $(cat /proc/loadavg)"
log "done"
exit 0
