#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VRRPv3 over IPv6 with mwg_vrrp on both routers, checked on the wire:
# election, failover and back, the unsolicited NA (Router and Override set,
# the virtual MAC) of each new master, Neighbor Solicitations for a VIP
# answered by the master only and with the virtual MAC, a client and the
# backup itself reaching the VIP, and VIPs never held by duplicate address
# detection after a takeover.
#
#   a: eth0 2001:db8::1/64 --- pa \
#   b: eth0 2001:db8::2/64 --- pb  +-- br0 (namespace sw; tcpdump here)
#   c: eth0 2001:db8::9/64 --- pc /   (client)
#
#   VR 7 on a (priority 200) and b (100): VIPs fe80::33, 2001:db8::100/64
. "$(dirname "$0")/interop_lib.sh"

interop_setup
require_cmd busybox
vrrp_ns sw a b c
# The client needs no duplicate address detection; the routers keep it,
# so that a VIP left tentative after a takeover would show.
no_dad "$c"
switch_up "$sw"
switch_port "$sw" "$a" 192.0.2.1
switch_port "$sw" "$b" 192.0.2.2
switch_port "$sw" "$c" 192.0.2.9
for n in "$a":1 "$b":2 "$c":9; do
	ip -n "${n%:*}" -6 addr add "2001:db8::${n#*:}/64" dev eth0 nodad
done

VRID=7
# The VR's sysfs directory: an IPv6 VR is <vrid>-inet6.
V6=$VRID-inet6
VM=$(vmac6 $VRID)
pcap=$INTEROP_PCAPS/ipv6.pcap
cap_start "$sw" br0 "$pcap"

scenario_begin "mwg_vrrp / mwg_vrrp, IPv6, VRRPv3"
add6() {
	mwgctl_ns "$1" vr add dev eth0 vrid $VRID prio "$2" interval "$ADV_MS" \
		vip "$VIP6_LL" vip "$VIP6/64"
}
add6 "$a" 200 || ksft_fail "vr add on a"
add6 "$b" 100 || ksft_fail "vr add on b"
check_state "election: a (200) is master" "$a" $V6 master
check_state "election: b (100) is backup" "$b" $V6 backup

# vip_ready NS: the VIP is on eth0 of NS, neither tentative nor dadfailed.
vip_ready() {
	local l
	l=$(ip -n "$1" -6 -o addr show dev eth0 | grep " $VIP6/") || return 1
	! [[ $l == *tentative* || $l == *dadfailed* ]]
}
vip_flags() {
	ip -n "$1" -6 -o addr show dev eth0 | grep -E " ($VIP6|$VIP6_LL)/" |
		awk '{ $1 = $2 = ""; print }'
}
check_vip() {
	if vwait 3 vip_ready "$2"; then
		tap_ok "$1"
	else
		tap_fail "$1" "$(vip_flags "$2")"
	fi
}
check_vip "a holds $VIP6, usable (not tentative or dadfailed)" "$a"
check "b does not hold $VIP6" \
	bash -c "! ip -n '$b' -6 -o addr show dev eth0 | grep -q ' $VIP6/'"

# neigh_is NS MAC: NS resolved the VIP to MAC.
neigh_is() {
	local l
	l=$(ip -n "$1" -6 neigh show "$VIP6" dev eth0)
	[[ ${l,,} == *"lladdr $2"* ]] || { echo "neighbour entry: $l"; return 1; }
}
ping6() {
	ip netns exec "$1" busybox ping -6 -c 1 -W 3 "$VIP6" >/dev/null
}
check "client reaches $VIP6 (ping -6)" ping6 "$c"
check "client resolved $VIP6 to the virtual MAC $VM" neigh_is "$c" "$VM"
check "backup b reaches $VIP6 on the master" ping6 "$b"
check "backup b resolved $VIP6 to the virtual MAC" neigh_is "$b" "$VM"

# Failover: a goes silent (link down); b takes over.
ip -n "$a" link set eth0 down
check_state "failover: b becomes master" "$b" $V6 master
check_vip "failover: b's $VIP6 usable" "$b"
# The client's cache still says the virtual MAC: the new master's NA told
# the bridge where that MAC lives now.
check "failover: client still reaches $VIP6" ping6 "$c"

# Back: a returns with the higher priority and preempts.
heard_mark "$b" $V6
ip -n "$a" link set eth0 up
check_state "preemption: a is master again" "$a" $V6 master
check_state "preemption: b is backup again" "$b" $V6 backup
check_vip "preemption: a's $VIP6 usable again" "$a"
check "b gave $VIP6 up" \
	bash -c "! ip -n '$b' -6 -o addr show dev eth0 | grep -q ' $VIP6/'"
# A fresh resolution after the takeover: the solicitation reaches both
# routers, only the master answers.
ip -n "$c" -6 neigh flush dev eth0
check "client reaches $VIP6 after a fresh resolution" ping6 "$c"
check "client resolved it to the virtual MAC again" neigh_is "$c" "$VM"
check_no_errs "a counted no receive error" "$a" $V6
check_no_errs "b counted no receive error" "$b" $V6
cap_stop "$pcap"

# --- on the wire ------------------------------------------------------------------
ll_of() {
	ip -n "$1" -6 -o addr show dev eth0 scope link | grep -v " $VIP6_LL/" |
		awk '{ sub("/.*", "", $4); print $4; exit }'
}
mac_of() {
	cat "${SYSFS[$1]}/class/net/eth0/address"
}
lla=$(ll_of "$a")
llb=$(ll_of "$b")
# Every NA for a VIP, as tcpdump prints it: source MAC, IPv6 source,
# target.  tcpdump -r starts in well under a second, tshark in many.
nas=$(tcpdump -n -e -r "$pcap" 'icmp6 and ip6[40] = 136' 2>/dev/null |
	grep -E "tgt is ($VIP6|$VIP6_LL)," )
if [ -z "$nas" ]; then
	tap_fail "NAs for the VIPs on the wire" "none"
else
	tap_ok "NAs for the VIPs on the wire ($(echo "$nas" | wc -l))"
fi
other=$(echo "$nas" | grep -v -i "^[^ ]* $VM >" | head -n 2)
check "every NA for a VIP comes from the virtual MAC" test -z "$other"
[ -z "$other" ] || echo "# $other"
unsol=$(echo "$nas" | grep -c "> ff02::1:")
check "unsolicited NAs to ff02::1 from both masters (a, b)" \
	bash -c "echo '$nas' | grep '> ff02::1:' | grep -q '$lla' &&
		 echo '$nas' | grep '> ff02::1:' | grep -q '$llb'"
echo "# $unsol unsolicited NAs"
# While a was master, b answered no solicitation: no solicited NA ever
# carries b's address as source to the client or b itself, except in
# b's own term as master, which ended before the neighbour flush.
sol_b=$(tcpdump -n -e -r "$pcap" "icmp6 and ip6[40] = 136 and ether src $(mac_of "$b")" \
	2>/dev/null | grep -E "tgt is ($VIP6|$VIP6_LL),")
check "the backup never answered for a VIP with its own MAC" test -z "$sol_b"

tshark_decode "$INTEROP_PCAPS/ipv6.txt" \
	"vrrp or icmpv6.type == 136" "$pcap" || true
tshark_clean "tshark: VRRPv3/IPv6 adverts and NAs decode cleanly"
tshark_has "tshark: adverts are VRRPv3 from link-local sources, VIPs listed" \
	'Virtual Router Redundancy Protocol' 'Version 3, Packet type 1' \
	"Virtual Rtr ID: $VRID" "IPv6 Address: $VIP6_LL" "IPv6 Address: $VIP6"
tshark_has "tshark: unsolicited NA has Router and Override set, TLLA = virtual MAC" \
	'Flags: 0xa0000000' 'Router: Set' 'Override: Set' \
	"Link-layer address: $VM"
tshark_has "tshark: solicited NA for the VIP (Router, Solicited, Override)" \
	'Flags: 0xe0000000'
scenario_end mwg_vrrp inet6 3 pseudo

tap_done
