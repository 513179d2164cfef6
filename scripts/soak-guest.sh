#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The in-guest part of scripts/soak: runs one fault campaign against two
# directors and a client, and records what scripts/soak-report judges.
#   SOAK_PLAN   the campaign (scripts/soak-plan's output)
#   SOAK_SECONDS  how long it may run: the faults left when that time is
#               up are not run (each costs more than its plan says, the
#               commands that make and undo it)
#   SOAK_DIR    where the records go:
#       soak.cap     every advert and ARP frame on the switch (vrrp-cap)
#       ping.log     the client's pings of the VIP, every 10 ms (ping -D)
#       ping6.log    the same of the IPv6 VIP
#       faults.log   one line a fault: START_NS END_NS KIND WHO ARG...
#       stalls.log   one line each time a task pinned to a CPU, waking every
#                    5 ms, woke more than 25 ms late: START_NS END_NS CPU
#                    (the emulated CPU not run by a busy host, or a kernel
#                    that kept it from scheduling)
#       run.params   the settings, and what the module left behind
#
# Topology (scripts/vrrp-topo.sh): directors a and b and client c on a
# bridge in namespace sw, with IPv6 addresses added here.  Two VRRPv3
# routers: VRID 51 for VIP 192.0.2.100 and VRID 52 for 2001:db8::100 (with
# fe80::100 first, RFC 5798 5.2.9); accept mode on so that the VIPs answer
# pings, preemption on to begin.  A fault on a director's configuration
# applies to both of its routers, as an operator's change would.
# All namespaces share one kernel, so the faults that need a machine of
# their own (module reload on one director, a stalled director) are not
# drawn here.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
. scripts/vrrp-topo.sh
. scripts/snapshot-build.sh
snapshot_paths

PLAN=${SOAK_PLAN:?}
SECONDS_MAX=${SOAK_SECONDS:?}
VRID6=52
VIP6=2001:db8::100
declare -A ADDR6=([a]=2001:db8::2 [b]=2001:db8::1 [c]=2001:db8::50)
DIR=${SOAK_DIR:?}
CAP=$DIR/soak.cap
cap_pid=
ping_pid=
beat_pids=()

now_ns() { date +%s%N; }
msleep() { sleep "$(($1 / 1000)).$(printf %03d $(($1 % 1000)))"; }
slab_kb() { awk '$1 == "Slab:" { print $2 }' /proc/meminfo; }

interval=$(awk '$1 == "interval_ms" { print $2 }' "$PLAN")
declare -A prio preempt
read -r prio[a] prio[b] < <(awk '$1 == "prio" { print $3, $5 }' "$PLAN")
preempt[a]=on
preempt[b]=on

# vr WHO VERB ARG...: mwgctl vr VERB on both of WHO's routers.
vr() {
	local who=$1 verb=$2 rc=0
	shift 2
	ip netns exec "$who" "$CTL" vr "$verb" dev eth0 vrid $VRID "$@" || rc=1
	ip netns exec "$who" "$CTL" vr "$verb" dev eth0 vrid $VRID6 \
		family inet6 "$@" || rc=1
	return $rc
}

vr_add() {
	local opts=(prio "${prio[$1]}" interval "$interval"
		preempt "${preempt[$1]}" accept on)

	ip netns exec "$1" "$CTL" vr add dev eth0 vrid $VRID "${opts[@]}" \
		vip $VIP/24 &&
		ip netns exec "$1" "$CTL" vr add dev eth0 vrid $VRID6 \
			"${opts[@]}" vip fe80::100/64 vip $VIP6/64
}

# answers ADDR: the client's ping of ADDR is answered within 10 s.
answers() {
	for _ in {1..100}; do
		ip netns exec c ping -c 1 -W 1 -n "$1" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

netem() {
	ip netns exec "$1" tc qdisc add dev eth0 root netem "${@:2}"
}

# run_fault KIND WHO ARG...: the fault, and its undoing where it has one.
run_fault() {
	local kind=$1 who=$2
	case $kind in
	link)
		ip -n "$who" link set eth0 down
		msleep "$3"
		ip -n "$who" link set eth0 up ;;
	carrier)
		ip -n sw link set "p$who" down
		msleep "$3"
		ip -n sw link set "p$who" up ;;
	loss)
		netem "$who" loss "$3%"
		msleep "$4"
		ip netns exec "$who" tc qdisc del dev eth0 root ;;
	delay)
		netem "$who" delay "${3}ms" "${4}ms"
		msleep "$5"
		ip netns exec "$who" tc qdisc del dev eth0 root ;;
	prio)
		prio[$who]=$3
		vr "$who" set prio "$3" ;;
	preempt)
		preempt[$who]=$3
		vr "$who" set preempt "$3" ;;
	readd)
		vr "$who" del
		msleep "$3"
		vr_add "$who" ;;
	*)
		echo "soak: unknown fault $kind" >&2
		return 1 ;;
	esac
}

# heartbeat CPU: the stalls that CPU saw, into stalls.log.
heartbeat() {
	taskset -c "$1" python3 -c '
import sys, time
cpu, out = sys.argv[1], open(sys.argv[2], "a", buffering=1)
last = time.time_ns()
while True:
    time.sleep(0.005)
    now = time.time_ns()
    if now - last > 25000000:
        out.write("%d %d %s\n" % (last, now, cpu))
    last = now
' "$1" "$DIR/stalls.log" &
	beat_pids+=($!)
}

cleanup() {
	[ ${#beat_pids[@]} -gt 0 ] && kill "${beat_pids[@]}" 2>/dev/null
	# shellcheck disable=SC2086 # both pings
	[ -n "$ping_pid" ] && kill -INT $ping_pid 2>/dev/null
	[ -n "$cap_pid" ] && kill "$cap_pid" 2>/dev/null
	wait 2>/dev/null
	topo_down
}
trap cleanup EXIT

topo_up || exit 2
# An interface set down keeps its IPv6 addresses here, as an appliance
# configures them, and comes back without duplicate address detection, so
# that a link fault lasts as long as the campaign says.
for n in a b c; do
	ip netns exec $n sysctl -qw net.ipv6.conf.eth0.keep_addr_on_down=1 \
		net.ipv6.conf.eth0.accept_dad=0 || exit 2
	ip -n $n addr add "${ADDR6[$n]}/64" dev eth0 nodad || exit 2
done
slab_before=$(slab_kb)
insmod "$KO" || { echo "soak: cannot load $KO" >&2; exit 2; }
ip netns exec sw scripts/vrrp-cap capture "$CAP" --ready "$CAP.ready" &
cap_pid=$!
for _ in {1..300}; do [ -e "$CAP.ready" ] && break; sleep 0.02; done
[ -e "$CAP.ready" ] || { echo "soak: capture did not start" >&2; exit 2; }

vr_add a && vr_add b || exit 2
answers $VIP || { echo "soak: the VIP never answered" >&2; exit 2; }
answers $VIP6 || { echo "soak: the IPv6 VIP never answered" >&2; exit 2; }

: >"$DIR/stalls.log"
for ((cpu = 0; cpu < $(nproc); cpu++)); do
	heartbeat $cpu
done
ip netns exec c ping -D -n -i 0.01 $VIP >"$DIR/ping.log" 2>&1 &
ping_pid=$!
ip netns exec c ping -D -n -i 0.01 $VIP6 >"$DIR/ping6.log" 2>&1 &
ping_pid+=" $!"
: >"$DIR/faults.log"
n=0
planned=$(grep -c '^fault ' "$PLAN")
deadline=$(($(now_ns) + SECONDS_MAX * 1000000000))
while read -r word at kind args; do
	[ "$word" = fault ] || continue
	[ "$(now_ns)" -lt "$deadline" ] || break
	msleep "$at"
	n=$((n + 1))
	t0=$(now_ns)
	# shellcheck disable=SC2086 # the fault's arguments, one word each
	run_fault "$kind" $args || echo "soak: fault $n ($kind $args) failed" >&2
	echo "$t0 $(now_ns) $kind $args" >>"$DIR/faults.log"
done <"$PLAN"
# The last fault's recovery is judged too.
sleep 2
# shellcheck disable=SC2086 # both pings
kill -INT $ping_pid
# shellcheck disable=SC2086
wait $ping_pid 2>/dev/null
ping_pid=
kill "$cap_pid"
wait "$cap_pid" 2>/dev/null
cap_pid=
kill "${beat_pids[@]}"
wait "${beat_pids[@]}" 2>/dev/null
beat_pids=()

vr a del
vr b del
unload=ok
rmmod mwg_vrrp || unload=failed
slab_after=$(slab_kb)
echo "faults $n planned $planned interval_ms $interval kernel $(uname -r)" \
	"unload $unload slab_before_kb $slab_before slab_after_kb $slab_after" \
	>"$DIR/run.params"
echo "soak: $n of $planned faults run; module unload: $unload"
