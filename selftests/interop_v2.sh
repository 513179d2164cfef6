#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VRRPv2 (RFC 3768) with mwg_vrrp on both routers at the 1 s interval of
# the version: election, one failover, the gratuitous ARP of the new
# master; an advert with simple-text authentication (type 1) dropped and
# counted; a CARP packet dropped quietly; everything decoded by tshark.
#
#   a: eth0 192.0.2.1/24 --- pa \
#   b: eth0 192.0.2.2/24 --- pb  +-- br0 (namespace sw; tcpdump here)
#   x: eth0 192.0.2.9/24 --- px /   (vrrp_craft.py)
#
#   VR 12 on a (priority 200) and b (100): VIP 192.0.2.100/24, version 2
. "$(dirname "$0")/interop_lib.sh"

interop_setup
vrrp_ns sw a b x
switch_up "$sw"
switch_port "$sw" "$a" 192.0.2.1
switch_port "$sw" "$b" 192.0.2.2
switch_port "$sw" "$x" 192.0.2.9

VRID=12
pcap=$INTEROP_PCAPS/v2.pcap
cap_start "$sw" br0 "$pcap"

scenario_begin "mwg_vrrp / mwg_vrrp, IPv4, VRRPv2"
# Master_Down_Interval at 1 s: 3 s plus skew, hence the longer waits.
vr_add "$a" $VRID 200 version 2 interval 1000 || ksft_fail "vr add on a"
vr_add "$b" $VRID 100 version 2 interval 1000 || ksft_fail "vr add on b"
check_state "election: a (200) is master" "$a" $VRID master 8
check_state "election: b (100) is backup" "$b" $VRID backup 2
heard_mark "$b" $VRID
vwait 5 heard "$b" $VRID 2
check "b hears a's v2 adverts" heard "$b" $VRID 2
check "b learned a as master" test "$(vr_sysfs "$b" $VRID master_ip)" = 192.0.2.1

# Crafted from x, with b's VR as the judge: one with authentication type 1
# (RFC 3768 5.3.6: not ours to accept), then CARP's packet, which shares
# protocol 112, the group and version 2, and must go unnoticed.
kmsg_mark
auth0=$(vr_stat "$b" $VRID auth_type_errors)
rcvd0=$(vr_stat "$b" $VRID rcvd_advertisements)
printf '%s\n' \
	"--version 2 --vrid $VRID --prio 250 --interval 1 --csum plain --auth-type 1" \
	"--raw 21$(printf %02x $VRID)0007$(printf '%064d' 0)" |
	nsx "$x" python3 "$VRRP_CRAFT" batch eth0 ||
	ksft_fail "vrrp_craft.py batch"
if vwait 3 stat_above "$b" $VRID auth_type_errors "$auth0"; then
	tap_ok "auth type 1 advert dropped: auth_type_errors +1"
else
	tap_fail "auth type 1 advert dropped: auth_type_errors +1" \
		"auth_type_errors stayed at $auth0"
fi
check_state "the priority 250 advert with authentication moved nothing" \
	"$b" $VRID backup 1
snap=$(vr_sysfs "$b" $VRID stats | grep -v -E '^(rcvd_advertisements|new_master_reason|sent_advertisements|auth_type_errors|become_master) ' | tr '\n' ' ')
check "CARP packet: no error counter moved" \
	bash -c "! echo '$snap' | grep -q -E '_errors [1-9]|_packets [1-9]'"
check "CARP packet: nothing logged" bash -c "! dmesg | sed -n '/$_kmsg_mark/,\$p' | grep -q -i carp"

# One failover: a goes silent, b takes over after Master_Down_Interval.
ip -n "$a" link set eth0 down
check_state "failover: b becomes master" "$b" $VRID master 8
check "failover: b holds the VIP" has_addr "$b" "$VIP"
# The crafted advert went to both routers: each counts it, nothing else.
for n in "$a" "$b"; do
	check "${n%%-*} counted only the crafted auth type error" \
		test "$(errs_of "$n" $VRID)" = "auth_type_errors=1"
done
cap_stop "$pcap"

# --- on the wire ------------------------------------------------------------------
# Only what the routers sent: the crafted packets come from x (192.0.2.9).
tshark_decode "$INTEROP_PCAPS/v2.txt" \
	"(vrrp or arp) and not ip.src == 192.0.2.9 and not arp.src.proto_ipv4 == 192.0.2.9" \
	"$pcap" || true
tshark_clean "tshark: VRRPv2 adverts and gratuitous ARPs decode cleanly"
tshark_has "tshark: VRRPv2 adverts, no authentication, 1 s interval" \
	'Version 2, Packet type 1' "Virtual Rtr ID: $VRID" 'Auth Type: No Authentication \(0\)' \
	'Adver Int: 1' "IP Address: $VIP" 'Checksum Status: Good'
tshark_has "tshark: gratuitous ARP from the virtual MAC for the VIP" \
	"Sender MAC address: $(vmac $VRID)" "Sender IP address: $VIP" \
	'Is gratuitous: True'
scenario_end mwg_vrrp inet 2 v2

tap_done
