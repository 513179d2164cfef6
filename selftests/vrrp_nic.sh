#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The VIP through NICs that filter: two directors and a client on emulated
# NICs (virtio-net, e1000e: scripts/vm-run --nic MODEL,count=3) of one QEMU
# hub, each NIC dropping unicast frames not addressed to a MAC in its
# filter. The client resolves the VIP to the virtual MAC and must reach it
# (ping and a TCP connection) at the master, after an election, after a
# resignation (VR deleted, link set down), after a crash (the master cut
# off the hub) and after the master's namespace goes away; IPv4 and IPv6,
# the latter also with accept off, where only the VR's own join of the
# VIP's solicited-node group lets the neighbour solicitation through.
#
#   a: eth0 192.0.2.2/24  2001:db8::2/64 (prio 200) \
#   b: eth0 192.0.2.1/24  2001:db8::1/64 (prio 100)  +-- QEMU hub
#   c: eth0 192.0.2.50/24 2001:db8::50/64 (client)  /
#
# VR 51 (IPv4, VIP 192.0.2.100, 00:00:5e:00:01:33) and VR 52 (IPv6, VIPs
# fe80::100 and 2001:db8::100, 00:00:5e:00:02:34).
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/client_lib.sh"

require_nics 3
require_cmd busybox tc timeout
vrrp_setup

VRID=51
VMAC=$(vmac $VRID)
VRID6=52
V6=$VRID6-inet6
VMAC6=$(vmac6 $VRID6)
VIP6=2001:db8::100
# Not fe80::34: its solicited-node group's MAC 33:33:ff:00:00:34 ends like
# the virtual MAC, and e1000e's hashed filter (as QEMU emulates it) then
# lets frames to the virtual MAC through by coincidence.
VIP6_LL=fe80::100

vrrp_ns a b c
# No duplicate address detection: addresses usable at once, and VIPs
# never held tentative by a takeover.
for ns in "$a" "$b" "$c"; do
	no_dad "$ns"
done
switch_port - "$a" 192.0.2.2 pa
switch_port - "$b" 192.0.2.1 pb
switch_port - "$c" 192.0.2.50 pc
for n in "$a":2 "$b":1 "$c":50; do
	ip -n "${n%:*}" -6 addr add "2001:db8::${n#*:}/64" dev eth0 nodad
done
echo "# link $MWG_LINK: a $(nsx "$a" readlink /sys/class/net/eth0/device/driver | sed 's|.*/||'), MACs a $(nsx "$a" cat /sys/class/net/eth0/address) b $(nsx "$b" cat /sys/class/net/eth0/address) c $(nsx "$c" cat /sys/class/net/eth0/address)"

client_start "$c"
listen "$a" a
listen "$b" b

# check_master NAME NS VR REASON: NS is master for REASON.
check_master() {
	check_state "$1: $2 master" "$2" "$3" master
	check "$1: reason $4" test "$(vr_stat "$2" "$3" new_master_reason)" = "$4"
}

add4() {
	vr_add "$1" $VRID "$2" "${@:3}"
}
add6() {
	mwgctl_ns "$1" vr add dev eth0 vrid $VRID6 prio "$2" interval "$ADV_MS" \
		vip "$VIP6_LL" vip "$VIP6/64" "${@:3}"
}

# === IPv4 ======================================================================
add4 "$a" 200 || ksft_fail "vr add on a"
add4 "$b" 100 || ksft_fail "vr add on b"
check_state "v4 election: a (200) master" "$a" $VRID master
check_state "v4 election: b (100) backup" "$b" $VRID backup
check "v4: the virtual MAC is in a's unicast filter list" in_uc_list "$a" "$VMAC"
check "v4: and in b's (for the VR's lifetime)" in_uc_list "$b" "$VMAC"
check "v4: a's NIC filters (not promiscuous)" \
	sh -c "! ip -n '$a' -d link show eth0 | grep -q 'promiscuity [1-9]'"
client_forget
reaches "v4 election" $VIP "$VMAC" a

# --- resignation: the master's VR is deleted ---------------------------------
vr_del "$a" $VRID || tap_fail "vr del on a"
check_master "v4 vr del" "$b" $VRID priority_zero
check_fail "v4 vr del: the virtual MAC left a's unicast list" \
	in_uc_list "$a" "$VMAC"
reaches "v4 vr del" $VIP "$VMAC" b

add4 "$a" 200 || ksft_fail "vr add on a again"
check_state "v4: a back, preempts" "$a" $VRID master
check_state "v4: b steps down" "$b" $VRID backup
reaches "v4 a back" $VIP "$VMAC" a

# --- resignation: the master's NIC is set down --------------------------------
ip -n "$a" link set eth0 down
check_master "v4 link down" "$b" $VRID priority_zero
reaches "v4 link down" $VIP "$VMAC" b
ip -n "$a" link set eth0 up
check_state "v4: a's link up, a master" "$a" $VRID master
check_state "v4: b backup again" "$b" $VRID backup

# --- crash: the master falls silent, cut off the hub ---------------------------
port_detach - pa
check_master "v4 silent master" "$b" $VRID master_down
reaches "v4 silent master" $VIP "$VMAC" b
port_attach - pa
check_state "v4: a back on the hub, master" "$a" $VRID master
check_state "v4: b yields" "$b" $VRID backup
reaches "v4 a back on the hub" $VIP "$VMAC" a
vr_del "$a" $VRID
vr_del "$b" $VRID

# === IPv6 ======================================================================
add6 "$a" 200 || ksft_fail "vr add inet6 on a"
add6 "$b" 100 || ksft_fail "vr add inet6 on b"
check_state "v6 election: a (200) master" "$a" $V6 master
check_state "v6 election: b (100) backup" "$b" $V6 backup
check "v6: the virtual MAC is in a's unicast filter list" \
	in_uc_list "$a" "$VMAC6"
check "v6: b joined the VIP's solicited-node group as backup" \
	sh -c "ip -n '$b' -6 maddr show dev eth0 | grep -q 'ff02::1:ff00:100'"
client_forget
reaches "v6 election" $VIP6 "$VMAC6" a

mwgctl_ns "$a" vr del dev eth0 vrid $VRID6 family inet6 ||
	tap_fail "vr del inet6 on a"
check_master "v6 vr del" "$b" $V6 priority_zero
reaches "v6 vr del" $VIP6 "$VMAC6" b

add6 "$a" 200 || ksft_fail "vr add inet6 on a again"
check_state "v6: a back, preempts" "$a" $V6 master
reaches "v6 a back" $VIP6 "$VMAC6" a

port_detach - pa
check_master "v6 silent master" "$b" $V6 master_down
reaches "v6 silent master" $VIP6 "$VMAC6" b
port_attach - pa
check_state "v6: a back on the hub, master" "$a" $V6 master

# --- accept off: the VIP is no local address, only the VR's own join of the
# solicited-node group lets the client's solicitation in ------------------------
mwgctl_ns "$a" vr set dev eth0 vrid $VRID6 family inet6 accept off ||
	tap_fail "accept off on a"
mwgctl_ns "$b" vr set dev eth0 vrid $VRID6 family inet6 accept off ||
	tap_fail "accept off on b"
check "v6 accept off: a holds no VIP" \
	vwait 5 sh -c "! ip -n '$a' -6 -o addr show dev eth0 | grep -q ' $VIP6/'"
client_forget
nsx "$c" busybox ping -c 1 -W 1 "$VIP6" >/dev/null 2>&1
check "v6 accept off: the client resolved the VIP to the virtual MAC" \
	vwait 5 client_neigh "$VIP6" "$VMAC6"

# --- the master's namespace goes away ----------------------------------------------
mwgctl_ns "$a" vr set dev eth0 vrid $VRID6 family inet6 accept on
mwgctl_ns "$b" vr set dev eth0 vrid $VRID6 family inet6 accept on
add4 "$a" 200 || ksft_fail "vr add on a for the namespace case"
add4 "$b" 100 || ksft_fail "vr add on b for the namespace case"
check_state "ns gone: a master" "$a" $VRID master
kill "${LISTENER[a]}"
wait "${LISTENER[a]}" 2>/dev/null
ns_gone "$a"
check_master "ns gone v4" "$b" $VRID priority_zero
reaches "ns gone v4" $VIP "$VMAC" b
check_master "ns gone v6" "$b" $V6 priority_zero
reaches "ns gone v6" $VIP6 "$VMAC6" b

tap_done
