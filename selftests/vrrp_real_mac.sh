#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Real-MAC mode ("vmac off"): a VR that speaks from its interface's own MAC,
# for networks that drop foreign source MACs. Checked from the wire and from
# the client: adverts leave from the interface's MAC, the virtual MAC stays
# out of the receive filter (and the NIC out of promiscuous mode), the
# client reaches the VIP at the master's own MAC, and each takeover (a
# resignation, a silent master) teaches the client the new master's MAC by
# its gratuitous ARPs or NAs, before the client asks; switching the mode on
# a running master moves the client too. IPv4 and IPv6; on veth and on the
# emulated NICs, where the filter is real.
#
#   a: eth0 192.0.2.2  2001:db8::2  (prio 200) -\
#   b: eth0 192.0.2.1  2001:db8::1  (prio 100) --+-- br0 (sw), or the NIC hub
#   c: eth0 192.0.2.50 2001:db8::50 (client)   -/
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/client_lib.sh"

require_cmd tcpdump busybox timeout
vrrp_setup
VRID=71
VMAC=$(vmac $VRID)
VRID6=72
V6=$VRID6-inet6
VMAC6=$(vmac6 $VRID6)
VIP6=2001:db8::100

vrrp_ns sw a b c
for ns in "$a" "$b" "$c"; do
	no_dad "$ns"
done
switch_up "$sw"
switch_port "$sw" "$a" 192.0.2.2 pa
switch_port "$sw" "$b" 192.0.2.1 pb
switch_port "$sw" "$c" 192.0.2.50 pc
for n in "$a":2 "$b":1 "$c":50; do
	ip -n "${n%:*}" -6 addr add "2001:db8::${n#*:}/64" dev eth0 nodad
done

client_start "$c"
listen "$a" a
listen "$b" b

mac_of() {
	ip -n "$1" -o link show dev eth0 | grep -o 'link/ether [0-9a-f:]*' |
		cut -d' ' -f2
}
MAC_A=$(mac_of "$a")
MAC_B=$(mac_of "$b")
echo "# link $MWG_LINK: a $MAC_A, b $MAC_B"

# adverts_from NS MAC PROTO: NS sends its adverts (PROTO "vrrp" or
# "ip6 proto 112") out of eth0 from MAC; 3 of them within 3 s.
adverts_from() {
	local f=$CLIENT_TMP/adverts n
	nsx "$1" timeout 3 tcpdump -i eth0 -Q out -t -nn -e -c 3 "$3" \
		>"$f" 2>/dev/null
	n=$(grep -c . "$f")
	[ "$n" -ge 3 ] && [ "$(grep -c "^$2 > " "$f")" = "$n" ]
}

not_promisc() {
	! ip -n "$1" -d link show eth0 | grep -q 'promiscuity [1-9]'
}

# learns NAME ADDR MAC WHO: right after a takeover, the client's entry for
# ADDR turns to MAC without the client asking (the new master's announce),
# and the client reaches WHO there.
learns() {
	check "$1: the client's entry for $2 is $3 before it asks" \
		vwait 5 client_neigh "$2" "$3"
	reaches "$1" "$2" "$3" "$4"
}

kmsg_mark

# === IPv4 ======================================================================
vr_add "$a" $VRID 200 vmac off || ksft_fail "vr add vmac off on a"
vr_add "$b" $VRID 100 vmac off || ksft_fail "vr add vmac off on b"
check_state "v4 election: a (200) master" "$a" $VRID master
check_state "v4 election: b (100) backup" "$b" $VRID backup
check "v4: JSON says vmac false" \
	test "$(vr_json "$a" $VRID '.vmac')" = false
check "v4: sysfs vmac reads 0" test "$(vr_sysfs "$a" $VRID vmac)" = 0
check "v4: a's adverts leave from a's own MAC" \
	adverts_from "$a" "$MAC_A" vrrp
check_fail "v4: the virtual MAC is not in a's unicast filter" \
	in_uc_list "$a" "$VMAC"
check_fail "v4: nor in b's" in_uc_list "$b" "$VMAC"
check "v4: a's NIC is not promiscuous" not_promisc "$a"
client_forget
reaches "v4 election" $VIP "$MAC_A" a

# --- resignation: b's announce moves the client --------------------------------
vr_del "$a" $VRID || tap_fail "vr del on a"
check_state "v4 vr del: b master" "$b" $VRID master
learns "v4 vr del" $VIP "$MAC_B" b

vr_add "$a" $VRID 200 vmac off || ksft_fail "vr add on a again"
check_state "v4: a back, preempts" "$a" $VRID master
learns "v4 a back" $VIP "$MAC_A" a

# --- a silent master -------------------------------------------------------------
port_detach "$sw" pa
check_state "v4 silent master: b master" "$b" $VRID master
learns "v4 silent master" $VIP "$MAC_B" b
port_attach "$sw" pa
check_state "v4: a back on the link, master" "$a" $VRID master
learns "v4 a back on the link" $VIP "$MAC_A" a

# --- the mode changes on a running master ------------------------------------------
mwgctl_ns "$a" vr set dev eth0 vrid $VRID vmac on ||
	tap_fail "vr set vmac on on a"
check "v4 vmac on: the virtual MAC entered a's unicast filter" \
	in_uc_list "$a" "$VMAC"
check "v4 vmac on: a's adverts leave from the virtual MAC" \
	adverts_from "$a" "$VMAC" vrrp
learns "v4 vmac on" $VIP "$VMAC" a
vr_write "$a" $VRID vmac 0 || tap_fail "sysfs vmac 0 on a"
check_fail "v4 vmac off (sysfs): the virtual MAC left a's unicast filter" \
	in_uc_list "$a" "$VMAC"
learns "v4 vmac off" $VIP "$MAC_A" a

# --- bad input changes nothing -------------------------------------------------------
check_fail "v4: sysfs vmac refuses \"maybe\"" vr_write "$a" $VRID vmac maybe
check_fail "v4: mwgctl refuses vmac maybe" \
	mwgctl_ns "$a" vr set dev eth0 vrid $VRID vmac maybe
check "v4: still vmac off" test "$(vr_sysfs "$a" $VRID vmac)" = 0
vr_del "$a" $VRID
vr_del "$b" $VRID

# === IPv6 ======================================================================
add6() {
	mwgctl_ns "$1" vr add dev eth0 vrid $VRID6 prio "$2" interval "$ADV_MS" \
		vip fe80::100 vip "$VIP6/64" vmac off
}
add6 "$a" 200 || ksft_fail "vr add inet6 vmac off on a"
add6 "$b" 100 || ksft_fail "vr add inet6 vmac off on b"
check_state "v6 election: a (200) master" "$a" $V6 master
check_state "v6 election: b (100) backup" "$b" $V6 backup
check "v6: a's adverts leave from a's own MAC" \
	adverts_from "$a" "$MAC_A" "ip6 proto 112"
check_fail "v6: the virtual MAC is not in a's unicast filter" \
	in_uc_list "$a" "$VMAC6"
client_forget
reaches "v6 election" $VIP6 "$MAC_A" a

mwgctl_ns "$a" vr del dev eth0 vrid $VRID6 family inet6 ||
	tap_fail "vr del inet6 on a"
check_state "v6 vr del: b master" "$b" $V6 master
learns "v6 vr del" $VIP6 "$MAC_B" b

add6 "$a" 200 || ksft_fail "vr add inet6 on a again"
check_state "v6: a back, preempts" "$a" $V6 master
learns "v6 a back" $VIP6 "$MAC_A" a

port_detach "$sw" pa
check_state "v6 silent master: b master" "$b" $V6 master
learns "v6 silent master" $VIP6 "$MAC_B" b
port_attach "$sw" pa
check_state "v6: a back on the link, master" "$a" $V6 master

check_kmsg "no kernel warning"
tap_done
