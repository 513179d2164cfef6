#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Failover as a client sees it: ARP for the VIP answered by the master only
# and with the virtual MAC, the VIP a local address of the master only, a
# backup's own traffic to the VIP going to the master; then takeover by the
# backup when the master resigns (VR deleted, link down), when it falls
# silent (its port leaves the switch) and when its namespace goes away,
# each time with the right reason, a state event, a gratuitous ARP from the
# virtual MAC, and the client's ping still answered.
#
#   a: eth0 192.0.2.2/24  (prio 200) --- pa \
#   b: eth0 192.0.2.1/24  (prio 100) --- pb  +-- br0 (namespace sw)
#   c: eth0 192.0.2.50/24 (client)   --- pc /
#
# VR 51, VIP 192.0.2.100, virtual MAC 00:00:5e:00:01:33.
. "$(dirname "$0")/vrrp_lib.sh"

require_cmd tcpdump busybox
vrrp_setup
VRID=51
VMAC=$(vmac $VRID)

vrrp_ns sw a b c
switch_up "$sw"
switch_port "$sw" "$a" 192.0.2.2
switch_port "$sw" "$b" 192.0.2.1
switch_port "$sw" "$c" 192.0.2.50

tmp=$(mktemp -d)
defer rm -rf "$tmp"

ping_vip() {
	nsx "$1" busybox ping -c 1 -W 1 -q "$VIP" >/dev/null 2>&1
}

# client_neigh_is MAC: the client's neighbour entry for the VIP.
client_neigh_is() {
	ip -n "$c" neigh show "$VIP" dev eth0 | grep -q -i "lladdr $1"
}

# check_takeover NAME T0_MS REASON: b became master since T0 for REASON.
check_takeover() {
	local name=$1 t0=$2 reason=$3 t1
	if wait_state "$b" $VRID master; then
		t1=$(now_ms)
		tap_ok "$name: b master after $((t1 - t0)) ms"
	else
		tap_fail "$name: b master" "b is $(vr_state "$b" $VRID)"
	fi
	check "$name: reason $reason" \
		test "$(vr_stat "$b" $VRID new_master_reason)" = "$reason"
	check "$name: client still reaches the VIP" vwait 5 ping_vip "$c"
	check "$name: client has the virtual MAC for the VIP" client_neigh_is "$VMAC"
}

# capture_garps PORT FILE: tcpdump of the ARP sent by the router behind
# PORT; returns once it listens.
capture_garps() {
	local ns dev dir
	read -r ns dev dir < <(port_tap "$sw" "$1")
	ip netns exec "$ns" tcpdump -l -n -e -Q "$dir" -i "$dev" arp \
		>"$2" 2>"$2.err" &
	bg_pids+=($!)
	vwait 30 grep -q "listening on" "$2.err" ||
		ksft_fail "tcpdump on $1 did not start"
}

# garp_seen FILE: a gratuitous ARP for the VIP from the virtual MAC.
garp_seen() {
	grep -i "^.*$VMAC > ff:ff:ff:ff:ff:ff" "$1" |
		grep -q "who-has $VIP tell $VIP"
}

# ---------------------------------------------------------------------------
vr_add "$a" $VRID 200 || ksft_fail "vr add on a"
vr_add "$b" $VRID 100 || ksft_fail "vr add on b"
check_state "a (200) master" "$a" $VRID master
check_state "b (100) backup" "$b" $VRID backup

# --- ARP for the VIP, answered by the master only, with the virtual MAC ------
a_mac=$(nsx "$a" cat /sys/class/net/eth0/address)
b_mac=$(nsx "$b" cat /sys/class/net/eth0/address)
nsx "$c" busybox arping -c 3 -w 5 -I eth0 "$VIP" >"$tmp/arping" 2>&1
replies=$(grep -c -i "reply from $VIP" "$tmp/arping")
if [ "$replies" -ge 1 ] && [ "$replies" -le 3 ]; then
	tap_ok "arping: $replies replies to 3 requests, one answerer"
else
	tap_fail "arping: one reply per request" "$(tr '\n' ' ' <"$tmp/arping")"
fi
if grep -i "reply from $VIP" "$tmp/arping" | grep -v -q -i "\[$VMAC\]"; then
	tap_fail "arping: every reply carries the virtual MAC" \
		"$(tr '\n' ' ' <"$tmp/arping")"
else
	tap_ok "arping: every reply carries the virtual MAC"
fi
if grep -q -i -e "$a_mac" -e "$b_mac" "$tmp/arping"; then
	tap_fail "arping: no router's own MAC answers for the VIP" \
		"$(tr '\n' ' ' <"$tmp/arping")"
else
	tap_ok "arping: no router's own MAC answers for the VIP"
fi
ip -n "$c" neigh flush dev eth0
check "client pings the VIP" slowwait 5 ping_vip "$c"
check "client learned the virtual MAC for the VIP" client_neigh_is "$VMAC"

# --- the VIP is local on the master only (accept on) ----------------------
check "master a has the VIP as a local address" slowwait 5 has_addr "$a" "$VIP"
check_fail "backup b does not" has_addr "$b" "$VIP"
check "backup b reaches the VIP (the master answers)" slowwait 5 ping_vip "$b"
check_fail "backup b still has no VIP" has_addr "$b" "$VIP"
check "b resolved the VIP to the virtual MAC" \
	sh -c "ip -n '$b' neigh show $VIP | grep -q -i 'lladdr $VMAC'"

# --- resignation: the master's VR is deleted ---------------------------------
mwgctl_ns "$b" -j monitor count 1 >"$tmp/events" 2>&1 &
bg_pids+=($!)
vwait 10 monitor_ready "$b" || ksft_fail "mwgctl monitor did not subscribe"
capture_garps pb "$tmp/garp1"
t0=$(now_ms)
vr_del "$a" $VRID || tap_fail "vr del on a"
check_takeover "vr del" "$t0" priority_zero
if vwait 5 test -s "$tmp/events" &&
	jq -e --arg v $VRID 'select(.event == "vr" and .vrid == ($v | tonumber) and
		.old_state == "backup" and .state == "master" and
		.reason == "priority_zero")' "$tmp/events" >/dev/null; then
	tap_ok "vr del: event backup -> master, priority_zero"
else
	tap_fail "vr del: event backup -> master, priority_zero" \
		"events: $(tr '\n' ' ' <"$tmp/events")"
fi
check "vr del: b sent a gratuitous ARP from the virtual MAC" \
	slowwait 5 garp_seen "$tmp/garp1"
check_fail "vr del: a withdrew the VIP" has_addr "$a" "$VIP"
check "vr del: b has the VIP now" slowwait 5 has_addr "$b" "$VIP"

# --- resignation: the master's link goes down administratively ---------------
vr_add "$a" $VRID 200 || ksft_fail "vr add on a again"
check_state "a back, preempts" "$a" $VRID master
check_state "b steps down" "$b" $VRID backup
check "b gave the VIP back" slowwait 5 sh -c "! ip -n '$b' -o addr show dev eth0 | grep -q ' $VIP/'"
t0=$(now_ms)
ip -n "$a" link set eth0 down
check_takeover "link down" "$t0" priority_zero
check "link down: a is in init" state_is "$a" $VRID init
ip -n "$a" link set eth0 up
check_state "a's link up again, a master" "$a" $VRID master
check_state "b backup again" "$b" $VRID backup

# --- crash: the master falls silent without resigning ------------------------
# Its port leaves the switch: a keeps running and never says goodbye, so b
# has to wait out Master_Down_Interval = 3 * 100 ms + (256 - 100) / 256 *
# 100 ms = 360 ms, less whatever had run since a's last advert (< 100 ms).
capture_garps pb "$tmp/garp2"
t0=$(now_ms)
port_detach "$sw" pa
check_takeover "silent master" "$t0" master_down
if [ $(($(now_ms) - t0)) -ge 250 ]; then
	tap_ok "silent master: b waited for Master_Down_Interval"
else
	tap_fail "silent master: b waited for Master_Down_Interval" \
		"took over within $(($(now_ms) - t0)) ms"
fi
check "silent master: b sent a gratuitous ARP from the virtual MAC" \
	slowwait 5 garp_seen "$tmp/garp2"

# a comes back: two masters meet, the higher priority stays.
port_attach "$sw" pa
check_state "a back on the switch, b yields" "$b" $VRID backup
check_state "a master" "$a" $VRID master

# --- the master's namespace goes away ------------------------------------------
# The module resigns for the routers of a namespace being dismantled
# (netns.c): b takes over after Skew_Time.
t0=$(now_ms)
ns_gone "$a"
check_takeover "namespace of a deleted" "$t0" priority_zero

tap_done
