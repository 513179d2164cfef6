#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VRRP on an 802.1Q VLAN subinterface of a NIC that filters (virtio-net,
# e1000e: scripts/vm-run --nic MODEL,count=3). The VR lives on eth0.10; the
# virtual MAC must reach the filter of eth0 below it (the VLAN device syncs
# its unicast list down), and the NIC's VLAN filter must let tag 10 in.
# The client, also on VLAN 10, reaches the VIP after an election, a
# resignation, a silent master and for IPv6.
#
#   a: eth0.10 198.51.100.2/24  2001:db8:10::2/64 (prio 200) \
#   b: eth0.10 198.51.100.1/24  2001:db8:10::1/64 (prio 100)  +-- QEMU hub
#   c: eth0.10 198.51.100.50/24 2001:db8:10::50/64 (client)  /
#
# eth0 of each carries 192.0.2.0/24 untagged, unused but for the wire.
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/client_lib.sh"

require_nics 3
require_cmd busybox tc timeout bridge
vrrp_setup

VLAN=10
VR_DEV=eth0.$VLAN
VRID=61
VMAC=$(vmac $VRID)
VRID6=62
V6=$VRID6-inet6
VMAC6=$(vmac6 $VRID6)
VIP4=198.51.100.100
VIP6=2001:db8:10::100

vrrp_ns a b c
switch_port - "$a" 192.0.2.2 pa
switch_port - "$b" 192.0.2.1 pb
switch_port - "$c" 192.0.2.50 pc
for n in "$a":2 "$b":1 "$c":50; do
	ns=${n%:*} host=${n#*:}
	no_dad "$ns"
	ip -n "$ns" link add link eth0 name "$VR_DEV" type vlan id $VLAN ||
		ksft_fail "VLAN $VLAN on eth0 of $ns"
	ip -n "$ns" addr add "198.51.100.$host/24" dev "$VR_DEV"
	ip -n "$ns" -6 addr add "2001:db8:10::$host/64" dev "$VR_DEV" nodad
	ip -n "$ns" link set "$VR_DEV" up
done
echo "# link $MWG_LINK: VRs on $VR_DEV over $(nsx "$a" readlink /sys/class/net/eth0/device/driver | sed 's|.*/||')"

client_start "$c"
CLIENT_DEV=$VR_DEV
listen "$a" a
listen "$b" b

add4() {
	mwgctl_ns "$1" vr add dev "$VR_DEV" vrid $VRID prio "$2" \
		interval "$ADV_MS" vip "$VIP4/24"
}
del4() {
	mwgctl_ns "$1" vr del dev "$VR_DEV" vrid $VRID
}

# check_master NAME NS VR REASON: NS is master for REASON.
check_master() {
	check_state "$1: $2 master" "$2" "$3" master
	check "$1: reason $4" test "$(vr_stat "$2" "$3" new_master_reason)" = "$4"
}

check "the client's VLAN works: it pings a's address on it" \
	vwait 5 ping_vip 198.51.100.2

add4 "$a" 200 || ksft_fail "vr add on a's VLAN"
add4 "$b" 100 || ksft_fail "vr add on b's VLAN"
check_state "election: a (200) master" "$a" $VRID master
check_state "election: b (100) backup" "$b" $VRID backup
check "the virtual MAC is in the unicast list of a's $VR_DEV" \
	in_uc_list "$a" "$VMAC" "$VR_DEV"
check "and in eth0's below it (synced down to the NIC's filter)" \
	in_uc_list "$a" "$VMAC" eth0
check "a's NIC still filters (not promiscuous)" \
	sh -c "! ip -n '$a' -d link show eth0 | grep -q 'promiscuity [1-9]'"
client_forget
reaches "election" $VIP4 "$VMAC" a

del4 "$a" || tap_fail "vr del on a"
check_master "vr del" "$b" $VRID priority_zero
check_fail "vr del: the virtual MAC left a's eth0" \
	in_uc_list "$a" "$VMAC" eth0
reaches "vr del" $VIP4 "$VMAC" b

add4 "$a" 200 || ksft_fail "vr add on a again"
check_state "a back, preempts" "$a" $VRID master
reaches "a back" $VIP4 "$VMAC" a

# The VLAN device goes down on the master (its lower NIC stays up).
ip -n "$a" link set "$VR_DEV" down
check_master "VLAN down" "$b" $VRID priority_zero
reaches "VLAN down" $VIP4 "$VMAC" b
ip -n "$a" link set "$VR_DEV" up
check_state "a's VLAN up again, a master" "$a" $VRID master

# A silent master: a's NIC is cut off the hub, tagged frames and all.
port_detach - pa
check_master "silent master" "$b" $VRID master_down
reaches "silent master" $VIP4 "$VMAC" b
port_attach - pa
check_state "a back on the hub, master" "$a" $VRID master
reaches "a back on the hub" $VIP4 "$VMAC" a
del4 "$a"
del4 "$b"

# --- IPv6 on the VLAN ---------------------------------------------------------------
for n in "$a":200 "$b":100; do
	mwgctl_ns "${n%:*}" vr add dev "$VR_DEV" vrid $VRID6 prio "${n#*:}" \
		interval "$ADV_MS" vip fe80::100 vip "$VIP6/64" ||
		ksft_fail "vr add inet6 on ${n%:*}"
done
check_state "v6 election: a master" "$a" $V6 master
check "v6: the virtual MAC is in a's eth0 list" \
	in_uc_list "$a" "$VMAC6" eth0
client_forget
reaches "v6 election" $VIP6 "$VMAC6" a
port_detach - pa
check_master "v6 silent master" "$b" $V6 master_down
reaches "v6 silent master" $VIP6 "$VMAC6" b
port_attach - pa
check_state "v6: a back, master" "$a" $V6 master

tap_done
