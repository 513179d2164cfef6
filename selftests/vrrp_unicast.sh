#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unicast peers: with "peer ADDR...", a VR sends each advert to every peer
# as a unicast packet through the IP stack (no multicast advert leaves) and
# takes adverts only from its peers. Checked from the wire (a capture of
# what a sends), by an election, a resignation, a silent master whose
# adverts a local tc rule drops (counted as send errors), the client
# reaching the VIP at the virtual MAC each time, spoofs from a host that is
# no peer, "peer none", bad input, and the same for IPv6 with link-local
# peers.
#
#   a: eth0 192.0.2.2  (prio 200, peer 192.0.2.1) -\
#   b: eth0 192.0.2.1  (prio 100, peer 192.0.2.2) --+-- br0 (sw), or the
#   x: eth0 192.0.2.9  (sends crafted adverts)    --+   NIC hub
#   c: eth0 192.0.2.50 (client)                   -/
. "$(dirname "$0")/vrrp_lib.sh"

require_cmd tcpdump busybox tc
vrrp_setup
VRID=61
VRID6=62
V6=$VRID6-inet6
VIP6=2001:db8::100
VMAC=$(vmac $VRID)

vrrp_ns sw a b x c
switch_up "$sw"
switch_port "$sw" "$a" 192.0.2.2
switch_port "$sw" "$b" 192.0.2.1
switch_port "$sw" "$x" 192.0.2.9
switch_port "$sw" "$c" 192.0.2.50

tmp=$(mktemp -d)
defer rm -rf "$tmp"

# Every kernel message counts here.
cost=$(sysctl -n net.core.message_cost)
sysctl -q -w net.core.message_cost=0
defer sysctl -q -w net.core.message_cost="$cost"

mac_of() {
	ip -n "$1" -o link show dev eth0 | grep -o 'link/ether [0-9a-f:]*' |
		cut -d' ' -f2
}

# capture NS FILTER FILE: up to 6 packets NS sends out of eth0 that match
# FILTER, within 3 s, printed with their link and IP headers.
capture() {
	nsx "$1" timeout 3 tcpdump -i eth0 -Q out -t -nn -e -v -c 6 "$2" \
		>"$3" 2>/dev/null
	return 0
}

# sent_to FILE DST: every advert in FILE went to DST, at TTL 255, from the
# sender's own MAC; at least 3 of them.
sent_to() {
	local f=$1 dst=$2 mac=$3 n
	n=$(grep -c 'proto VRRP (112)' "$f")
	[ "$n" -ge 3 ] &&
		[ "$(grep -c "> $dst: VRRPv" "$f")" = "$n" ] &&
		[ "$(grep -c 'ttl 255,' "$f")" = "$n" ] &&
		[ "$(grep -c "^$mac > " "$f")" = "$n" ] &&
		! grep -q '224\.0\.0\.18' "$f"
}

ping_vip() {
	nsx "$c" busybox ping -c 1 -W 1 -q "$VIP" >/dev/null 2>&1
}

kmsg_mark

# === IPv4 ======================================================================
vr_add "$a" $VRID 200 peer 192.0.2.1 || ksft_fail "vr add with a peer on a"
vr_add "$b" $VRID 100 unicast-peer 192.0.2.2 || ksft_fail "vr add with a peer on b"
check_state "election: a (200) master" "$a" $VRID master
check_state "election: b (100) backup" "$b" $VRID backup
check "JSON: a's unicast peers" \
	test "$(vr_json "$a" $VRID '.unicast_peers | join(" ")')" = 192.0.2.1
heard_mark "$b" $VRID
check "b hears a's adverts" vwait 5 heard "$b" $VRID 5
check "b's master is a" test "$(vr_json "$b" $VRID .master_ip)" = 192.0.2.2

capture "$a" 'ip proto 112' "$tmp/a.txt"
check "on the wire: a's adverts go to 192.0.2.1 only, TTL 255, from a's own MAC" \
	sent_to "$tmp/a.txt" 192.0.2.1 "$(mac_of "$a")"
check "on the wire: the VRRP checksum over the unicast pseudo-header is right" \
	sh -c "! grep -qi 'bad.*cksum' '$tmp/a.txt'"
check "the client reaches the VIP" vwait 5 ping_vip
check "at the virtual MAC" sh -c \
	"ip -n '$c' neigh show $VIP dev eth0 | grep -qi 'lladdr $VMAC'"

# --- a host that is no peer --------------------------------------------------
moves=$(vr_stat "$a" $VRID master_transitions)
before=$(vr_stat "$a" $VRID rcvd_not_allowed)
nsx "$x" python3 "$VRRP_CRAFT" send eth0 --vrid $VRID --addr $VIP \
	--src 192.0.2.66 --prio 254 --dst 192.0.2.2 --dst-mac "$(mac_of "$a")" \
	--count 5
nsx "$x" python3 "$VRRP_CRAFT" send eth0 --vrid $VRID --addr $VIP \
	--src 192.0.2.9 --prio 254 --count 5
check "unicast and multicast adverts from non-peers are counted, not heard" \
	vwait 3 stat_above "$a" $VRID rcvd_not_allowed $((before + 9))
check_state "a stays master" "$a" $VRID master
# A peer's advert is heard at any TTL (routed peers, keepalived's IPv6).
heard_mark "$a" $VRID
ttl_errs=$(vr_stat "$a" $VRID ip_ttl_errors)
nsx "$x" python3 "$VRRP_CRAFT" send eth0 --vrid $VRID --addr $VIP \
	--src 192.0.2.1 --prio 100 --ttl 64 --dst 192.0.2.2 \
	--dst-mac "$(mac_of "$a")" --count 3
check "a peer's advert at TTL 64 is heard" vwait 3 heard "$a" $VRID 3
check "and not counted as a TTL error" \
	test "$(vr_stat "$a" $VRID ip_ttl_errors)" = "$ttl_errs"
check "a never left master" \
	test "$(vr_stat "$a" $VRID master_transitions)" = "$moves"

# --- resignation ---------------------------------------------------------------
t0=$(now_ms)
vr_del "$a" $VRID || tap_fail "vr del on a"
check_state "a resigns: b master" "$b" $VRID master
check "b took over for priority_zero (a's unicast priority 0 heard) in $(($(now_ms) - t0)) ms" \
	test "$(vr_stat "$b" $VRID new_master_reason)" = priority_zero
capture "$b" 'ip proto 112' "$tmp/b.txt"
check "on the wire: b as master sends to 192.0.2.2 only" \
	sent_to "$tmp/b.txt" 192.0.2.2 "$(mac_of "$b")"
check "the client reaches the VIP on b" vwait 5 ping_vip
vr_add "$a" $VRID 200 peer 192.0.2.1 || tap_fail "vr add on a again"
check_state "a back and preempts" "$a" $VRID master
check_state "b yields" "$b" $VRID backup

# --- a silent master: its adverts dropped on their way out ---------------------
silent_master() {
	local errs=$1
	check_state "a falls silent: b master" "$b" $VRID master
	check "b took over for master_down" \
		test "$(vr_stat "$b" $VRID new_master_reason)" = master_down
	check "a counted its dropped unicast adverts" \
		vwait 3 stat_above "$a" $VRID unicast_send_errors $((errs + 2))
	tc -n "$a" qdisc del dev eth0 clsact
	check_state "a heard again: b backup" "$b" $VRID backup
	check_state "a master" "$a" $VRID master
	check "the client reaches the VIP on a" vwait 5 ping_vip
}
# tc drops a's VRRP packets (flower: the debug kernel has no matchall;
# tc reads flower's ip_proto in hex: 0x70 is 112).
errs=$(vr_stat "$a" $VRID unicast_send_errors)
if tc -n "$a" qdisc add dev eth0 clsact 2>/dev/null &&
	tc -n "$a" filter add dev eth0 egress protocol ip flower \
		ip_proto 0x70 action drop; then
	silent_master "$errs"
else
	tc -n "$a" qdisc del dev eth0 clsact 2>/dev/null
	tap_skip "a silent master" "this kernel has no tc clsact or flower to drop a's adverts with"
fi

# --- peer none: multicast again -------------------------------------------------
mwgctl_ns "$a" vr set dev eth0 vrid $VRID peer none || tap_fail "peer none"
check "JSON: no peers left" \
	test "$(vr_json "$a" $VRID '.unicast_peers | length')" = 0
capture "$a" 'ip proto 112' "$tmp/a-mc.txt"
check "on the wire: a's adverts go to 224.0.0.18 again" \
	sh -c "grep -q '> 224.0.0.18: VRRPv3' '$tmp/a-mc.txt' &&
	       ! grep -q '> 192.0.2.1: VRRPv' '$tmp/a-mc.txt'"
# b, still in unicast mode, takes adverts to the group from nobody, its
# peer included: an IPsec policy on unicast adverts could not cover them.
before=$(vr_stat "$b" $VRID rcvd_not_allowed)
check "b drops its peer's multicast adverts" \
	vwait 3 stat_above "$b" $VRID rcvd_not_allowed $((before + 3))
check_state "and takes over" "$b" $VRID master

# --- bad input, refused by the kernel (mwgctl's own checks off) ----------------
refused() {
	local name=$1 want=$2
	shift 2
	check "refused: $name" sh -c \
		"MWGCTL_NO_CHECK=1 ip netns exec '$a' '$MWGCTL' vr set dev eth0 vrid $VRID $* 2>&1 | grep -q '$want'"
}
refused "a multicast peer" "must be a unicast address of another host" \
	peer 224.0.0.5
refused "the broadcast address" "must be a unicast address of another host" \
	peer 255.255.255.255
refused "a peer of the other family" "not of the VR.s family" \
	peer 2001:db8::1
refused "nine peers" "too many unicast peers (max 8)" \
	peer 192.0.2.11 192.0.2.12 192.0.2.13 192.0.2.14 192.0.2.15 \
	192.0.2.16 192.0.2.17 192.0.2.18 192.0.2.19
check "a refused request changed nothing" \
	test "$(vr_json "$a" $VRID '.unicast_peers | length')" = 0
vr_del "$a" $VRID
vr_del "$b" $VRID

# === IPv6: peers by link-local address ========================================
ll_of() {
	ip -n "$1" -6 -o addr show dev eth0 scope link |
		awk '{ sub("/.*", "", $4); print $4; exit }'
}
ll_ready() {
	[ -n "$(ll_of "$1")" ] &&
		! ip -n "$1" -6 addr show dev eth0 | grep -q tentative
}
vwait 10 ll_ready "$a" && vwait 10 ll_ready "$b" ||
	ksft_fail "no link-local address on a or b"
lla=$(ll_of "$a")
llb=$(ll_of "$b")
add6() {
	mwgctl_ns "$1" vr add dev eth0 vrid $VRID6 prio "$2" interval "$ADV_MS" \
		vip fe80::100/64 vip "$VIP6/64" peer "$3"
}
add6 "$a" 200 "$llb" || ksft_fail "vr add inet6 with a peer on a"
add6 "$b" 100 "$lla" || ksft_fail "vr add inet6 with a peer on b"
check_state "v6 election: a master" "$a" $V6 master
check_state "v6 election: b backup" "$b" $V6 backup
capture "$a" 'ip6 proto 112' "$tmp/a6.txt"
check "v6 on the wire: a's adverts go to b's link-local address only" \
	sh -c "[ \$(grep -c '> $llb: .*VRRPv3' '$tmp/a6.txt') -ge 3 ] &&
	       ! grep -q 'ff02::12' '$tmp/a6.txt'"
mwgctl_ns "$a" vr del dev eth0 vrid $VRID6 family inet6 ||
	tap_fail "vr del inet6 on a"
check_state "v6: a resigns, b master" "$b" $V6 master
check "v6: b took over for priority_zero" \
	test "$(vr_stat "$b" $V6 new_master_reason)" = priority_zero
check "v6: a global peer address is refused with its reason" sh -c \
	"ip netns exec '$a' '$MWGCTL' vr add dev eth0 vrid $VRID6 prio 200 vip fe80::100/64 vip $VIP6/64 peer 2001:db8::2 2>&1 | grep -q 'named by its link-local address'"
mwgctl_ns "$b" vr del dev eth0 vrid $VRID6 family inet6

check_kmsg "no kernel warning"
tap_done
