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
#                    (from before its first command to after its last)
#       effects.log  the same lines, ON_NS OFF_NS KIND WHO ARG...: from
#                    after the command that made the fault returned to
#                    before the one that undid it, the span it surely held
#                    (a command can take a second in a loaded guest)
#       conns.log    the client's new TCP connection to VIP:9090 every
#                    200 ms: TIME_NS NAME MS (the scanner that answered, or
#                    "fail"; MS from the connect to the answer or failure)
#       mwgd/        mwgd's and the TCP servers' logs
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
# Proxy HA (as selftests/proxy_ha.sh): three scanners s1-s3 (.11-.13) on
# the same bridge, each running mwgd as a scanner and a TCP server on port
# 9090 that answers with its name (selftests/proxy_tcp.py); mwgd as a
# director on a and b, following VRID 51, programs IPVS on the VIP with the
# live scanners (direct routing, mh).  The client connects from 30 source
# addresses (.201-.230) in turn, so that mh spreads them.  The client and
# the TCP servers, instruments rather than what is tested, run at nice 10:
# the pings that judge the VIP must not wait for them on two busy
# emulated CPUs.
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
if [ -n "${MWG_SNAP:-}" ] && [ -x "$MWG_SNAP/mwgd" ]; then
	MWGD=$MWG_SNAP/mwgd
else
	MWGD=$top/userspace/mwgd/mwgd
fi
PROXY_TCP=$top/selftests/proxy_tcp.py
PROXY_PORT=9090
SCANNERS=(s1 s2 s3)
declare -A SADDR=([s1]=192.0.2.11 [s2]=192.0.2.12 [s3]=192.0.2.13)
declare -A DADDR=([a]=$A_IP [b]=$B_IP)
CLIENT_SRCS=$(seq -s, -f '192.0.2.%g' 201 230)
declare -A MWGD_PID
server_pids=()
conn_pid=
SECONDS_MAX=${SOAK_SECONDS:?}
VRID6=52
VIP6=2001:db8::100
declare -A ADDR6=([a]=2001:db8::2 [b]=2001:db8::1 [c]=2001:db8::50)
DIR=${SOAK_DIR:?}
MW=$DIR/mwgd
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
discovery_ms=$(awk '$1 == "discovery_ms" { print $2 }' "$PLAN")
dead_after=$(awk '$1 == "dead_after" { print $2 }' "$PLAN")
restart_ms=$(awk '$1 == "restart_ms" { print $2 }' "$PLAN")

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

# mwgd_run WHO: mwgd in namespace WHO, a director (a, b) or a scanner.
mwgd_run() {
	local who=$1 role
	if [ -n "${DADDR[$who]:-}" ]; then
		role=(-r director -a "${DADDR[$who]}" -o "vr=eth0 $VRID"
			-o insecure=yes -c "$MW/director.conf")
	else
		role=(-r scanner -o "name=$who" -o "ports=$PROXY_PORT"
			-c "$MW/scanner.conf")
	fi
	ip netns exec "$who" "$MWGD" -f -o "node_id_file=$MW/$who.id" -i eth0 \
		--interval "$discovery_ms" -d "$dead_after" "${role[@]}" \
		2>>"$MW/$who.log" &
	MWGD_PID[$who]=$!
}

# proxy_conf FILE KEY=VALUE...: the [proxy web] section of the VIP's port.
proxy_conf() {
	local f=$1 kv
	shift
	{
		echo "[proxy web]"
		echo "vip = $VIP"
		echo "ports = $PROXY_PORT"
		for kv in "$@"; do
			echo "${kv%%=*} = ${kv#*=}"
		done
	} >"$f"
}

# live_dests WHO: the real servers with a weight in WHO's IPVS (its one
# service, the VIP's port).
live_dests() {
	ip netns exec "$1" "$CTL" service show 2>/dev/null |
		grep -c -E "^ +[0-9.]+:$PROXY_PORT route weight [1-9]"
}

netem() {
	ip netns exec "$1" tc qdisc add dev eth0 root netem "${@:2}"
}

# held MS: the fault just made holds for MS, then is undone; sets t_on and
# t_off, the span it surely held.  The shell's own clock, without a fork:
# a date started in a loaded guest can return most of a second late.
held() {
	t_on=${EPOCHREALTIME//[!0-9]/}000
	msleep "$1"
	t_off=${EPOCHREALTIME//[!0-9]/}000
}

# run_fault KIND WHO ARG...: the fault, and its undoing where it has one.
run_fault() {
	local kind=$1 who=$2
	t_on=
	case $kind in
	link)
		ip -n "$who" link set eth0 down
		held "$3"
		ip -n "$who" link set eth0 up ;;
	carrier)
		ip -n sw link set "p$who" down
		held "$3"
		ip -n sw link set "p$who" up ;;
	loss)
		netem "$who" loss "$3%"
		held "$4"
		ip netns exec "$who" tc qdisc del dev eth0 root ;;
	delay)
		netem "$who" delay "${3}ms" "${4}ms"
		held "$5"
		ip netns exec "$who" tc qdisc del dev eth0 root ;;
	prio)
		prio[$who]=$3
		vr "$who" set prio "$3" ;;
	preempt)
		preempt[$who]=$3
		vr "$who" set preempt "$3" ;;
	readd)
		vr "$who" del
		held "$3"
		vr_add "$who" ;;
	mwgd_kill)
		kill -KILL "${MWGD_PID[$who]}"
		wait "${MWGD_PID[$who]}" 2>/dev/null
		held "$restart_ms"
		mwgd_run "$who" ;;
	mwgd_stop)
		kill -STOP "${MWGD_PID[$who]}"
		held "$3"
		kill -CONT "${MWGD_PID[$who]}" ;;
	scanner_down)
		ip -n "$who" link set eth0 down
		held "$3"
		ip -n "$who" link set eth0 up ;;
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

# conns: the client's new connection to VIP:PORT every 200 ms, from its
# source addresses in turn, into conns.log.  A connection that has no
# answer within 0.9 s fails: a SYN is not sent again (TCP's first
# retransmission is 1 s later), so an answer comes from where the first
# SYN was scheduled.
conns() {
	ip netns exec c nice -n 10 python3 -c '
import socket, sys, time
vip, port, srcs = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
out = open(sys.argv[4], "a", buffering=1)
n, nxt = 0, time.monotonic()
while True:
    t0, m0 = time.time_ns(), time.monotonic()
    try:
        with socket.create_connection((vip, port), timeout=0.9,
                                      source_address=(srcs[n % len(srcs)], 0)) as s:
            name = s.makefile().readline().strip() or "fail"
    except OSError:
        name = "fail"
    out.write("%d %s %d\n" % (t0, name, (time.monotonic() - m0) * 1000))
    n += 1
    nxt += 0.2
    wait = nxt - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    else:
        nxt -= wait
' "$VIP" "$PROXY_PORT" "$CLIENT_SRCS" "$DIR/conns.log" &
	conn_pid=$!
}

# mwgd_stop_all: mwgd stops on every node (SIGTERM: the directors flush
# their IPVS services), so that the module can be unloaded.
mwgd_stop_all() {
	local who pids=()
	for who in "${!MWGD_PID[@]}"; do
		kill -CONT "${MWGD_PID[$who]}" 2>/dev/null
		kill -TERM "${MWGD_PID[$who]}" 2>/dev/null &&
			pids+=("${MWGD_PID[$who]}")
	done
	MWGD_PID=()
	[ ${#pids[@]} -gt 0 ] && wait "${pids[@]}" 2>/dev/null
	return 0
}

cleanup() {
	[ -n "$conn_pid" ] && kill "$conn_pid" 2>/dev/null
	[ ${#server_pids[@]} -gt 0 ] && kill "${server_pids[@]}" 2>/dev/null
	mwgd_stop_all
	[ ${#beat_pids[@]} -gt 0 ] && kill "${beat_pids[@]}" 2>/dev/null
	# shellcheck disable=SC2086 # both pings
	[ -n "$ping_pid" ] && kill -INT $ping_pid 2>/dev/null
	[ -n "$cap_pid" ] && kill "$cap_pid" 2>/dev/null
	wait 2>/dev/null
	topo_down
}
trap cleanup EXIT

topo_up || exit 2
for s in "${SCANNERS[@]}"; do
	topo_node "$s" "${SADDR[$s]}" || exit 2
done
seq -f 'addr add 192.0.2.%g/24 dev eth0' 201 230 | ip -n c -batch - || exit 2
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

# Proxy HA: IPVS on both directors, mwgd everywhere, the scanners' servers.
modprobe -a ip_vs ip_vs_mh ||
	{ echo "soak: no IPVS modules (ip_vs, ip_vs_mh)" >&2; exit 2; }
mkdir -p "$MW"
proxy_conf "$MW/director.conf" "vr=eth0 $VRID" drain_s=2
proxy_conf "$MW/scanner.conf"
for s in "${SCANNERS[@]}"; do
	ip netns exec "$s" nice -n 10 python3 "$PROXY_TCP" serve "$s" "$PROXY_PORT" \
		2>>"$MW/server-$s.log" &
	server_pids+=($!)
done
t_mwgd=$(now_ns)
for who in a b "${SCANNERS[@]}"; do
	mwgd_run "$who"
done
ready=
for _ in {1..60}; do
	if [ "$(live_dests a)" = ${#SCANNERS[@]} ] &&
		[ "$(live_dests b)" = ${#SCANNERS[@]} ]; then
		ready=1
		break
	fi
	sleep 0.5
done
[ -n "$ready" ] || {
	echo "soak: IPVS never had the ${#SCANNERS[@]} scanners" \
		"(a: $(live_dests a), b: $(live_dests b))" >&2
	exit 2
}
echo "soak: IPVS on a and b has the ${#SCANNERS[@]} scanners" \
	"$((($(now_ns) - t_mwgd) / 1000000)) ms after mwgd started"

# The client's connections first: Python starts slowly under emulation,
# and its start must not fall into the time the pings judge.
: >"$DIR/conns.log"
conns
for _ in {1..100}; do
	grep -q ' s[0-9]* [0-9]*$' "$DIR/conns.log" && break
	sleep 0.1
done
grep -q ' s[0-9]* [0-9]*$' "$DIR/conns.log" ||
	{ echo "soak: no connection to the VIP was answered" >&2; exit 2; }
: >"$DIR/stalls.log"
for ((cpu = 0; cpu < $(nproc); cpu++)); do
	heartbeat $cpu
done
# Their start too.
sleep 1
ip netns exec c ping -D -n -i 0.01 $VIP >"$DIR/ping.log" 2>&1 &
ping_pid=$!
ip netns exec c ping -D -n -i 0.01 $VIP6 >"$DIR/ping6.log" 2>&1 &
ping_pid+=" $!"
: >"$DIR/faults.log"
: >"$DIR/effects.log"
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
	t1=$(now_ns)
	echo "$t0 $t1 $kind $args" >>"$DIR/faults.log"
	# A fault without a span of its own (a setting) holds from its end.
	[ -n "$t_on" ] || t_on=$t1 t_off=$t1
	echo "$t_on $t_off $kind $args" >>"$DIR/effects.log"
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
kill "$conn_pid"
wait "$conn_pid" 2>/dev/null
conn_pid=
mwgd_stop_all
kill "${server_pids[@]}"
wait "${server_pids[@]}" 2>/dev/null
server_pids=()

vr a del
vr b del
unload=ok
rmmod mwg_vrrp || unload=failed
slab_after=$(slab_kb)
echo "faults $n planned $planned interval_ms $interval kernel $(uname -r)" \
	"unload $unload slab_before_kb $slab_before slab_after_kb $slab_after" \
	"scanners ${#SCANNERS[@]} discovery_ms $discovery_ms dead_after $dead_after" \
	>"$DIR/run.params"
echo "soak: $n of $planned faults run; module unload: $unload"
