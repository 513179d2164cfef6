#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The in-guest part of scripts/demo (run there by scripts/vm-run): a
# director cluster in network namespaces, its failover on a graceful stop
# and on a crash, timed from a capture on the switch; with Proxy HA, IPVS
# spreading the client's connections to VIP:9090 over the scanners and a
# long-lived connection carrying on through both failovers.
#
# Exits 0 when both takeovers happened and the proxy traffic went through,
# 1 when not, 2 on a setup failure.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
. scripts/vrrp-topo.sh

INTERVAL=100			# ms; 10 works too, 100 is calm on a busy host
A_PRIO=200
B_PRIO=100
# The copies scripts/demo or scripts/bench-failover took, else the build.
# On PATH, so that the commands shown read as an operator would type them.
if [ -n "${MWG_SNAP:-}" ]; then
	PATH=$MWG_SNAP:$PATH
	KO=$MWG_SNAP/$(uname -r)/mwg_vrrp.ko
else
	PATH=$top/userspace/mwgctl:$PATH
	KO=$top/build/$(uname -r)/kmod/mwg_vrrp.ko
fi
MWGD=$top/userspace/mwgd/mwgd
MWGD_MS=200			# discovery interval of the demo
SCANNERS="s1 s2 s3"
PROXY_TCP=$top/selftests/proxy_tcp.py
PROXY_PORT=9090
CLIENT_SRCS=$(seq -s, -f '192.0.2.%g' 201 230)
declare -A MWGD_PIDS
declare -a SERVER_PIDS
hold_pid=
RUNDIR=$(mktemp -d /tmp/mwg-demo.XXXXXX)
CTL=mwgctl
CAP=/tmp/demo.cap
cap_pid=

# RFC 5798 6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256,
# Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time; the backup's
# priority counts.  In microseconds.
B_SKEW_US=$(((256 - B_PRIO) * INTERVAL * 1000 / 256))
B_MDI_US=$((3 * INTERVAL * 1000 + B_SKEW_US))

step() { printf '\n=== %s\n' "$*"; }
say() { printf '    %s\n' "$*"; }
run() {
	printf '  $ %s\n' "$*"
	"$@" 2>&1 | sed 's/^/    /'
	return "${PIPESTATUS[0]}"
}
now_ns() { date +%s%N; }
us() { awk -v n="$1" 'BEGIN { printf "%.1f ms", n / 1e6 }'; }

cleanup() {
	[ -n "$cap_pid" ] && kill "$cap_pid" 2>/dev/null && wait "$cap_pid"
	[ -n "$hold_pid" ] && kill "$hold_pid" 2>/dev/null
	for p in "${MWGD_PIDS[@]}" "${SERVER_PIDS[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	for n in $SCANNERS; do ip netns del "$n" 2>/dev/null; done
	rm -rf "$RUNDIR"
	topo_down
	rmmod mwg_vrrp 2>/dev/null
}
trap cleanup EXIT

# vr_state NS: "master", "backup", "init" or nothing, from the JSON output.
vr_state() {
	ip netns exec "$1" "$CTL" -j vr show dev eth0 vrid $VRID 2>/dev/null |
		sed -n 's/.*"state":"\([a-z]*\)".*/\1/p'
}

# wait_state NS STATE SECONDS
wait_state() {
	local i
	for ((i = 0; i < $3 * 20; i++)); do
		[ "$(vr_state "$1")" = "$2" ] && return 0
		sleep 0.05
	done
	return 1
}

vr_add() { # NS PRIO
	run ip netns exec "$1" "$CTL" vr add dev eth0 vrid $VRID prio "$2" \
		interval $INTERVAL vip $VIP/24
}

client_check() {
	run ip netns exec c busybox ping -c 2 -W 1 $VIP
	run ip -n c neigh show $VIP
	if ip -n c neigh show $VIP | grep -q "lladdr $VMAC"; then
		say "-> the client reaches $VIP at the virtual MAC $VMAC"
	else
		say "-> UNEXPECTED: the client's ARP entry for $VIP is not $VMAC"
	fi
}

step "Loading mwg_vrrp ($(uname -r)) and building the cluster"
insmod "$KO" || { echo "demo: cannot load $KO" >&2; exit 2; }
topo_up || exit 2
say "namespaces: a (director A, $A_IP), b (director B, $B_IP),"
say "c (client, $C_IP), sw (bridge br0 with ports pa, pb, pc)"
say "VRRPv3 vrid $VRID, adverts every $INTERVAL ms, VIP $VIP/24"
say "A prio $A_PRIO, B prio $B_PRIO: B's Skew_Time $(us $((B_SKEW_US * 1000))),"
say "Master_Down_Interval $(us $((B_MDI_US * 1000)))"
# The capture: every VRRP and ARP frame entering a switch port, with the
# kernel's timestamp, to time the failovers on the wire.
ip netns exec sw scripts/vrrp-cap capture $CAP --ready $CAP.ready &
cap_pid=$!
for _ in {1..300}; do [ -e $CAP.ready ] && break; sleep 0.02; done
[ -e $CAP.ready ] || { echo "demo: capture did not start" >&2; exit 2; }

step "Starting the virtual router on A (prio $A_PRIO), then on B (prio $B_PRIO)"
vr_add a $A_PRIO || exit 2
wait_state a master 5 || { echo "demo: A did not become master" >&2; exit 2; }
vr_add b $B_PRIO || exit 2
wait_state b backup 5 || { echo "demo: B is not backup" >&2; exit 2; }
sleep 0.5
run ip netns exec a "$CTL" vr show
run ip netns exec b "$CTL" vr show

step "The client reaches the VIP, served by A"
client_check

failed=0

# mwgd_run NAME NS ARGS...: the discovery daemon in NS, in the background.
mwgd_run() {
	local name=$1 ns=$2
	shift 2
	ip netns exec "$ns" "$MWGD" -f -i eth0 --interval $MWGD_MS \
		-o "node_id_file=$RUNDIR/$name.id" "$@" 2>>"$RUNDIR/$name.log" &
	MWGD_PIDS[$name]=$!
}

# scanner_names NS: the names in the kernel's live-scanner table of NS.
scanner_names() {
	ip netns exec "$1" "$CTL" -j scanner show 2>/dev/null |
		grep -o '"name":"[^"]*"' | cut -d'"' -f4 | sort | tr '\n' ' '
}

# wait_scanners NS "NAMES" SECONDS
wait_scanners() {
	local i
	for ((i = 0; i < $3 * 10; i++)); do
		[ "$(scanner_names "$1")" = "$2 " ] && return 0
		sleep 0.1
	done
	return 1
}

step "Scanning nodes: mwgd on both directors and on three scanners"
modprobe -a ip_vs ip_vs_mh || { echo "demo: no IPVS in this kernel" >&2; exit 2; }
cat >"$RUNDIR/director.conf" <<CONF
# A demo segment of our own: discovery without a key, said so.
insecure = yes
[proxy web]
vip = $VIP
vr = eth0 $VRID
ports = $PROXY_PORT
drain_s = 5
CONF
cat >"$RUNDIR/scanner.conf" <<CONF
[proxy web]
vip = $VIP
ports = $PROXY_PORT
CONF
i=11
for n in $SCANNERS; do
	ip netns add "$n"
	ip -n "$n" link set lo up
	topo_port "$n" "p$n" "192.0.2.$i"
	# The proxy of the scanner: a TCP server that answers with its name.
	ip netns exec "$n" python3 "$PROXY_TCP" serve "$n" $PROXY_PORT \
		2>>"$RUNDIR/server-$n.log" &
	SERVER_PIDS+=($!)
	mwgd_run "$n" "$n" -r scanner -o "name=$n" -o "ports=$PROXY_PORT" \
		-c "$RUNDIR/scanner.conf"
	i=$((i + 1))
done
mwgd_run A a -r director -a $A_IP -o "vr=eth0 $VRID" -c "$RUNDIR/director.conf"
mwgd_run B b -r director -a $B_IP -o "vr=eth0 $VRID" -c "$RUNDIR/director.conf"
say "directors discover every $MWGD_MS ms from their management IP;"
say "scanners s1 s2 s3 (192.0.2.11-13) answer each director"
if wait_scanners a "s1 s2 s3" 10; then
	run ip netns exec a "$CTL" scanner show
	say "-> A's kernel table lists the three live scanners"
else
	say "-> FAILED: A's table is $(scanner_names a)"
	failed=1
fi

# real_servers NS: the real servers of VIP:9090 with a weight, from IPVS.
real_servers() {
	ip netns exec "$1" "$CTL" -j service show 2>/dev/null |
		jq -r '.services[].real_servers[] | select(.weight > 0) | .address' |
		sort | tr '\n' ' '
}
# spread N: N new connections from 30 client addresses; the answers counted.
spread() {
	printf '  $ %s\n' "python3 proxy_tcp.py spread $VIP $PROXY_PORT $1 <30 client addresses>"
	ip netns exec c python3 "$PROXY_TCP" spread $VIP $PROXY_PORT "$1" \
		"$CLIENT_SRCS" 2>>"$RUNDIR/client.log" | tee "$RUNDIR/spread" |
		sed 's/^/    /'
}
hold_oks() {
	local n
	n=$(grep -c '^ok' "$RUNDIR/hold.log" 2>/dev/null)
	echo "${n:-0}"
}
# hold_check WHEN: the long-lived connection answered since the last check.
hold_last=0
hold_check() {
	local i n
	for ((i = 0; i < 100; i++)); do
		n=$(hold_oks)
		[ "$n" -ge $((hold_last + 5)) ] && break
		sleep 0.2
	done
	if [ "$n" -ge $((hold_last + 5)) ] && ! grep -q '^err' "$RUNDIR/hold.log"; then
		say "-> the long-lived connection $1: $((n - hold_last)) more exchanges with $(sed -n 's/^hello //p' "$RUNDIR/hold.log")"
	else
		say "-> FAILED: the long-lived connection $1: $(tail -n 1 "$RUNDIR/hold.log")"
		failed=1
	fi
	hold_last=$n
}

step "Proxy HA: IPVS spreads the client's connections to $VIP:$PROXY_PORT"
for i in $(seq 201 230); do
	ip -n c addr add 192.0.2.$i/24 dev eth0
done
for _ in {1..100}; do
	[ "$(real_servers a)" = "192.0.2.11 192.0.2.12 192.0.2.13 " ] && break
	sleep 0.1
done
run ip netns exec a "$CTL" service show
say "B, the backup, holds the same table (idle until it takes over):"
run ip netns exec b "$CTL" service show
spread 30
if [ "$(grep -c '^s[123] ' "$RUNDIR/spread")" = 3 ] &&
	grep -q '^errors 0$' "$RUNDIR/spread"; then
	say "-> every scanner answered a share of the new connections"
else
	say "-> FAILED: the connections were not spread over s1 s2 s3"
	failed=1
fi

step "Scanner s3 dies (SIGKILL): gone from the table after 3 missed intervals"
t0=$(now_ns)
kill -9 "${MWGD_PIDS[s3]}"
if wait_scanners a "s1 s2" 10; then
	say "-> s3 left A's table after $(us $(($(now_ns) - t0)))"
	run ip netns exec a "$CTL" scanner show
	say "and IPVS: s3 at weight 0, no new connection (deleted after drain_s 5):"
	run ip netns exec a "$CTL" service show
else
	say "-> FAILED: A's table is $(scanner_names a)"
	failed=1
fi

say "a long-lived connection from the client (a line every 0.2 s):"
ip netns exec c python3 "$PROXY_TCP" hold $VIP $PROXY_PORT $C_IP \
	"$RUNDIR/hold.log" "$RUNDIR/hold.stop" 2>>"$RUNDIR/client.log" &
hold_pid=$!
hold_check "is up"
# A's sync daemon sends its connections to B in batches (a buffer goes
# when full or two seconds old): a younger connection is not known to B.
c_hex=$(printf '%02X' ${C_IP//./ })
for _ in {1..100}; do
	ip netns exec b cat /proc/net/ip_vs_conn | grep -q "^TCP $c_hex" && break
	sleep 0.1
done
run ip netns exec b cat /proc/net/ip_vs_conn
if ip netns exec b cat /proc/net/ip_vs_conn | grep -q "^TCP $c_hex"; then
	say "-> B learnt the connection from A's sync daemon"
else
	say "-> FAILED: B does not know the connection"
	failed=1
fi

# takeover_time MODE FROM_NS: the failover measured on the capture; B
# must be master by then.
takeover_time() {
	local t
	t=$(scripts/vrrp-cap failover $CAP "$1" "$2" "$(now_ns)" pa pb $VIP) ||
		return 1
	set -- $t
	echo "$3"
}

step "Graceful stop of A: 'mwgctl vr del' (A resigns with priority 0)"
t_from=$(now_ns)
run ip netns exec a "$CTL" vr del dev eth0 vrid $VRID
if wait_state b master 5; then
	sleep 0.3
	run ip netns exec b "$CTL" vr show
	if d=$(takeover_time resign "$t_from"); then
		say "-> B took over: A's priority-0 advert -> B's first gratuitous ARP"
		say "   on the wire: $(us "$d") (B's Skew_Time is $(us $((B_SKEW_US * 1000))))"
	else
		say "-> B is master, but the capture lacks the priority-0 advert or the GARP"
		failed=1
	fi
	client_check
else
	say "-> FAILED: B did not take over"
	failed=1
fi
if [ "$(scanner_names b)" = "s1 s2 " ]; then
	say "-> B, now active, already knows the live scanners:"
	run ip netns exec b "$CTL" scanner show
else
	say "-> FAILED: B's table after its takeover is $(scanner_names b)"
	failed=1
fi
say "B's IPVS: the same real servers, its sync daemon now master:"
run ip netns exec b "$CTL" service show
hold_check "carries on through B (connection synced from A)"
spread 20

step "Restoring A (prio $A_PRIO preempts B)"
vr_add a $A_PRIO
if wait_state a master 5 && wait_state b backup 5; then
	say "-> A is master again, B backup"
else
	say "-> FAILED: A did not get the VIP back"
	failed=1
fi
sleep 0.5

step "Crash of A: its link is deleted, no resignation reaches the wire"
t_from=$(now_ns)
run ip -n a link del eth0
if wait_state b master 5; then
	sleep 0.3
	run ip netns exec b "$CTL" vr show
	if d=$(takeover_time crash "$t_from"); then
		say "-> B took over: A's last advert -> B's first gratuitous ARP: $(us "$d")"
		say "   minus Master_Down_Interval $(us $((B_MDI_US * 1000))):" \
			"$(us $((d - B_MDI_US * 1000)))"
	else
		say "-> B is master, but the capture does not show a clean crash takeover"
		failed=1
	fi
	client_check
	hold_check "carries on after A's crash"
else
	say "-> FAILED: B did not take over"
	failed=1
fi
touch "$RUNDIR/hold.stop"

kill "$cap_pid" 2>/dev/null
wait "$cap_pid"
cap_pid=
step "Result"
if [ "$failed" = 0 ]; then
	say "both takeovers happened; the proxy traffic was spread and the"
	say "long-lived connection lived through both"
else
	say "something FAILED (see above)"
fi
exit "$failed"
