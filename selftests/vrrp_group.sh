#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Sync groups in transparent router mode: each director has a VR on its
# inside link and one on its outside link, grouped, and the client routes
# to the server through the inside VIP, the server back through the
# outside VIP.  Both VIPs must live on the same director: after start,
# when a member VR of the master is deleted, when the link of a member
# goes down, and when the master comes back and preempts.  A TCP stream
# from the client to the server keeps flowing across those moves, and a
# sampler of the four VR states asserts that no director masters one VIP
# while the other masters the other VIP for longer than one advertisement
# interval (ADV_MS) between the first and the last sample of a split.
# Then the active director crashes (both its switch ports stop forwarding)
# and comes back: judged from captures on both links, the two VIPs' masters
# (the last sender of an advert on each link) are never different
# directors for longer than ADV_MS + 50 ms, and the stream still flows.
# Last, "group add" refuses bad input with the kernel's message.
#
#            inside (swi)                       outside (swo)
#   c 192.0.2.50 ---+                      +--- s 198.51.100.50
#                   +-- a eth0 .2   eth1 .2 --+
#                   +-- b eth0 .1   eth1 .1 --+
#   VR 10, VIP 192.0.2.100                VR 20, VIP 198.51.100.100
#   a prio 200, b prio 100 on both; group "router" on each director.
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_setup
VRID_IN=10
VRID_OUT=20
VIP_IN=192.0.2.100
VIP_OUT=198.51.100.100
PORT=8080
PY=$MWG_SELFTESTS/proxy_tcp.py

vrrp_ns swi swo a b c s x
switch_up "$swi"
switch_up "$swo"

# port SW NS DEV IP PORTNAME: DEV in NS with IP, its peer in bridge SW.
port() {
	local sw=$1 ns=$2 dev=$3 ip=$4 p=$5
	ip link add "$dev" netns "$ns" type veth peer name "$p" netns "$sw" ||
		ksft_fail "port $p"
	ip -n "$sw" link set "$p" master br0
	ip -n "$sw" link set "$p" up
	ip -n "$ns" addr add "$ip/24" dev "$dev"
	ip -n "$ns" link set "$dev" up
}
port "$swi" "$a" eth0 192.0.2.2 pai
port "$swi" "$b" eth0 192.0.2.1 pbi
port "$swi" "$c" eth0 192.0.2.50 pc
port "$swo" "$a" eth1 198.51.100.2 pao
port "$swo" "$b" eth1 198.51.100.1 pbo
port "$swo" "$s" eth0 198.51.100.50 ps
ip -n "$c" route add default via $VIP_IN
ip -n "$s" route add default via $VIP_OUT
for d in "$a" "$b"; do
	nsx "$d" sysctl -qw net.ipv4.ip_forward=1
done

tmp=$(mktemp -d)
defer rm -rf "$tmp"

# st NS DEV VRID: the state of a VR, builtins only ("none" if it is gone).
st() {
	local s
	read -r s 2>/dev/null <"${SYSFS[$1]}/class/net/$2/mwg_vrrp/$3/state" ||
		s=none
	echo "$s"
}
vr_in() { st "$1" eth0 $VRID_IN; }
vr_out() { st "$1" eth1 $VRID_OUT; }

# holder: "a" or "b" when that director masters both VIPs and the other
# none, else what it sees.
holder() {
	local ai ao bi bo
	ai=$(vr_in "$a"); ao=$(vr_out "$a"); bi=$(vr_in "$b"); bo=$(vr_out "$b")
	if [ "$ai$ao" = mastermaster ] && [ "$bi" != master ] &&
	   [ "$bo" != master ]; then
		echo a
	elif [ "$bi$bo" = mastermaster ] && [ "$ai" != master ] &&
	     [ "$ao" != master ]; then
		echo b
	else
		echo "a:$ai/$ao b:$bi/$bo"
	fi
}
holder_is() { [ "$(holder)" = "$1" ]; }

# check_holder NAME WHO: one TAP line.
check_holder() {
	if vwait "$TAKEOVER_S" holder_is "$2"; then
		tap_ok "$1"
	else
		tap_fail "$1" "$(holder)"
	fi
}

add_vrs() {
	local d=$1 prio=$2
	mwgctl_ns "$d" vr add dev eth0 vrid $VRID_IN prio "$prio" \
		vip $VIP_IN/24 interval "$ADV_MS" || return 1
	mwgctl_ns "$d" vr add dev eth1 vrid $VRID_OUT prio "$prio" \
		vip $VIP_OUT/24 interval "$ADV_MS"
}

check "a: two VRs" add_vrs "$a" 200
check "b: two VRs" add_vrs "$b" 100
check "a: group add" mwgctl_ns "$a" group add router \
	vr eth0:$VRID_IN vr eth1:$VRID_OUT
check "b: group add" mwgctl_ns "$b" group add router \
	vr eth0:$VRID_IN vr eth1:$VRID_OUT

# (a) one director, both VIPs.
check_holder "after start, a masters both VIPs and b neither" a
check "group show -j lists both members, master" test \
	"$(mwgctl_ns "$a" -j group show |
	   jq -r '.[] | select(.name == "router") | [.members[].state] | join(",")')" \
	= master,master
check "vr show -j names the group" test \
	"$(mwgctl_ns "$b" -j vr show dev eth1 vrid $VRID_OUT | jq -r '.[0].group')" = router
vr_show_group() {
	mwgctl_ns "$a" vr show dev eth0 vrid $VRID_IN | grep -q 'group router'
}
check "vr show names the group" vr_show_group

# The sampler: every VR's state, as often as the guest allows, with
# builtins only (a fork costs the emulated guest more than the interval).
sampler() {
	local d=class/net t ai ao bi bo
	local fai=${SYSFS[$a]}/$d/eth0/mwg_vrrp/$VRID_IN/state
	local fao=${SYSFS[$a]}/$d/eth1/mwg_vrrp/$VRID_OUT/state
	local fbi=${SYSFS[$b]}/$d/eth0/mwg_vrrp/$VRID_IN/state
	local fbo=${SYSFS[$b]}/$d/eth1/mwg_vrrp/$VRID_OUT/state
	while [ ! -e "$tmp/stop" ] && [ ! -e "$tmp/sampled" ]; do
		t=${EPOCHREALTIME/./}
		read -r ai 2>/dev/null <"$fai" || ai=none
		read -r ao 2>/dev/null <"$fao" || ao=none
		read -r bi 2>/dev/null <"$fbi" || bi=none
		read -r bo 2>/dev/null <"$fbo" || bo=none
		echo "$((t / 1000)) $ai $ao $bi $bo"
		nap 0.01
	done >"$tmp/samples"
}
sampler &
bg_pids+=($!)

# (d) a TCP stream client -> server through both VIPs.  ip netns exec
# directly, not the nsx function: "$!" must be the program itself.
ip netns exec "$s" python3 "$PY" serve server $PORT >"$tmp/server.log" 2>&1 &
bg_pids+=($!)
vwait 5 nsx "$c" bash -c "exec 3<>/dev/tcp/198.51.100.50/$PORT" 2>/dev/null
ip netns exec "$c" python3 "$PY" hold 198.51.100.50 $PORT 192.0.2.50 \
	"$tmp/tcp" "$tmp/stop" >/dev/null 2>&1 &
bg_pids+=($!)
tcp_pid=$!

tcp_lines() { grep -c '^ok' "$tmp/tcp" 2>/dev/null || echo 0; }
# tcp_flows N: N more answers than now.
tcp_flows() {
	local base
	base=$(tcp_lines)
	vwait 20 test_more "$base" "$1"
}
test_more() { [ "$(tcp_lines)" -ge $(($1 + $2)) ]; }
check "TCP stream client -> server through both VIPs" tcp_flows 3

# (b) resignation: a member VR deleted on the master.
check "a: vr del of the inside member" \
	mwgctl_ns "$a" vr del dev eth0 vrid $VRID_IN
check_holder "vr del: b masters both VIPs" b
check "vr del: a's outside member stays backup (the group is held)" \
	test "$(vr_out "$a")" = backup
check "vr del: the member's place is kept, absent" test \
	"$(mwgctl_ns "$a" -j group show | jq -r '.[0].members[0].state')" = absent
check "TCP stream flows after the resignation" tcp_flows 3
check "a: the VR again takes its place in the group" \
	mwgctl_ns "$a" vr add dev eth0 vrid $VRID_IN prio 200 \
	vip $VIP_IN/24 interval "$ADV_MS"
check "vr show -j: the new VR is in the group" test \
	"$(mwgctl_ns "$a" -j vr show dev eth0 vrid $VRID_IN | jq -r '.[0].group')" = router
check_holder "a preempts back with both VIPs" a
check "TCP stream flows after the preemption" tcp_flows 3

# (c) the link of one member goes down on the master.
ip -n "$a" link set eth1 down
check_holder "outside link down on a: b masters both VIPs" b
check "link down: a's inside member is backup" test "$(vr_in "$a")" = backup
# a resigned on both links (the outside one as it went down): whichever
# of b's members took over first, the other followed it.
reasons_of_b() {
	echo "$(vr_stat "$b" $VRID_IN new_master_reason) $(vr_stat "$b" $VRID_OUT new_master_reason eth1)"
}
check "link down: one of b's members followed the other (reason group)" \
	grep -qw group <<<"$(reasons_of_b)"
check "TCP stream flows with a's outside link down" tcp_flows 3
ip -n "$a" link set eth1 up
check_holder "link up: a takes both VIPs back" a
check "TCP stream flows after the link came back" tcp_flows 3

# (f) a crash of the active director, judged from the wire.  Both of a's
# switch ports stop forwarding at once: to b and the hosts, a is gone as
# a crashed machine is (a itself, cut off, stays master of nothing that
# reaches the wire).  The sampler stops first: an isolated a still calls
# itself master, which only the wire can tell apart from a split.
touch "$tmp/sampled"
cap_start "$swi" br0 "$tmp/in.pcap"
cap_start "$swo" br0 "$tmp/out.pcap"
nap 0.5
bridge -n "$swi" link set dev pai state 0
bridge -n "$swo" link set dev pao state 0
check_state "a crashed: b masters the inside VIP" "$b" $VRID_IN master
b_out_master() { [ "$(vr_out "$b")" = master ]; }
check "...and the outside one" vwait "$TAKEOVER_S" b_out_master
check "TCP stream flows with a crashed" tcp_flows 3
bridge -n "$swi" link set dev pai state 3
bridge -n "$swo" link set dev pao state 3
check_holder "a back: it takes both VIPs again" a
check "TCP stream flows after a came back" tcp_flows 3
nap 0.5
cap_stop "$tmp/in.pcap"
cap_stop "$tmp/out.pcap"

# wire_splits: from both captures, each link's master is the last sender
# of an advert above priority 0 (none after a priority 0); a split is a
# time when the two links' masters are different directors (a is .2, b
# is .1 on both links).  Prints the longest split and fails above the
# bound: one advert interval, plus 50 ms for the emulated guest.
wire_splits() {
	{
		tcpdump -r "$tmp/in.pcap" -tt -n vrrp 2>/dev/null | sed 's/^/in /'
		tcpdump -r "$tmp/out.pcap" -tt -n vrrp 2>/dev/null | sed 's/^/out /'
	} | sort -k2,2n | awk -v bound=$((ADV_MS + 50)) '
	{
		link = $1; t = $2 * 1000; src = $4
		p = 0
		for (i = 5; i < NF; i++) if ($i == "prio") p = $(i + 1) + 0
		n = split(src, o, "."); d = o[n] == 2 ? "a" : o[n] == 1 ? "b" : "?"
		adverts[d]++
		m[link] = p ? d : ""
		split_now = m["in"] != "" && m["out"] != "" && m["in"] != m["out"]
		if (split_now && !since) since = t
		if (!split_now && since) { if (t - since > worst) worst = t - since; runs++; since = 0 }
	}
	END {
		printf "%d adverts from a, %d from b, %d split runs, longest %.1f ms",
		       adverts["a"], adverts["b"], runs, worst
		exit !(adverts["a"] > 0 && adverts["b"] > 0 && !since && worst <= bound)
	}'
}
if out=$(wire_splits); then
	tap_ok "on the wire, no split of the VIPs over $((ADV_MS + 50)) ms ($out)"
else
	tap_fail "on the wire, no split of the VIPs over $((ADV_MS + 50)) ms" "$out"
fi

touch "$tmp/stop"
wait "$tcp_pid"
tcp_rc=$?
check "TCP stream: never broken (no error line)" \
	bash -c "! grep -q '^err' '$tmp/tcp' && [ $tcp_rc = 0 ]"
stop_bg

# The split bound: a run of samples where a director masters one VIP and
# the other director the other.
split_report() {
	awk -v bound="$ADV_MS" '
	function is_split() {
		return ($2 == "master" && $5 == "master") ||
		       ($3 == "master" && $4 == "master")
	}
	{ n++; if (prev) { gap = $1 - prev; if (gap > maxgap) maxgap = gap } prev = $1 }
	is_split() { if (!start) start = $1; last = $1; next }
	{ if (start) { d = last - start; if (d > worst) worst = d; runs++ } start = 0 }
	END {
		if (start) { d = last - start; if (d > worst) worst = d; runs++ }
		printf "%d samples, largest gap %d ms, %d split runs, longest %d ms\n",
		       n, maxgap, runs, worst
		exit !(n > 0 && worst <= bound)
	}' "$tmp/samples"
}
if out=$(split_report); then
	tap_ok "no split of the VIPs over ${ADV_MS} ms ($out)"
else
	tap_fail "no split of the VIPs over ${ADV_MS} ms" "$out"
fi

# (e) bad input, refused with the kernel's message, nothing changed.
ip link add v0 netns "$x" type veth peer name v1 netns "$x"
ip -n "$x" addr add 203.0.113.1/24 dev v0
ip -n "$x" addr add 203.0.113.2/25 dev v1
ip -n "$x" link set v0 up
ip -n "$x" link set v1 up
for k in v0:1 v0:2 v1:1; do
	mwgctl_ns "$x" vr add dev "${k%:*}" vrid "${k#*:}" prio 100 \
		vip 203.0.113.$((100 + ${k#*:}))/32 interval 1000 >/dev/null ||
		ksft_fail "vr $k"
done

# refused NAME MESSAGE ARGS...: mwgctl fails and says MESSAGE.
refused() {
	mwgctl_refused "$x" "$@"
}
refused "unknown VR" "no such VRID on the interface" group add g vr v0:9
refused "two members on one interface" "two members on the same interface" \
	group add g vr v0:1 vr v0:2
refused "empty group" "needs at least one member" --no-check group add g
refused "name too long" "longer than 31 bytes" --no-check group add \
	a2345678901234567890123456789012 vr v0:1
check "a valid group" mwgctl_ns "$x" group add g1 vr v0:1 vr v1:1
refused "duplicate name" "exists already" group add g1 vr v0:2
refused "VR in another group" "belongs to another group" group add g2 vr v0:2 vr v1:1
refused "del of an unknown group" "no such group" group del nosuch
check "refusals changed nothing" test \
	"$(mwgctl_ns "$x" -j group show | jq -c '[.[] | [.name, (.members | length)]]')" \
	= '[["g1",2]]'
check "group del" mwgctl_ns "$x" group del g1
check "group show is empty" test "$(mwgctl_ns "$x" -j group show | jq length)" = 0
check "the VRs stay, outside any group" test \
	"$(mwgctl_ns "$x" -j vr show dev v0 vrid 1 | jq -r '.[0].group')" = null

tap_done
