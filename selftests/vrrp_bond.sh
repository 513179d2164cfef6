#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VRRP on an active-backup bond of two NICs that filter (virtio-net,
# e1000e: scripts/vm-run --nic MODEL,count=5). The virtual MAC must reach
# the filter of the active slave (the bond syncs its unicast list to it)
# and follow the bond to the other slave when the active one fails; such a
# slave failure is the bond's business and must not move the VR.
#
#   a: bond0 = s0 + s1, 192.0.2.2/24 (prio 200)  \
#   b: bond0 = s0 + s1, 192.0.2.1/24 (prio 100)   +-- QEMU hub
#   c: eth0 192.0.2.50/24 (client)               /
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/client_lib.sh"

require_nics 5
require_cmd busybox timeout bridge
vrrp_setup
modprobe bonding max_bonds=0 2>/dev/null ||
	[ -d /sys/module/bonding ] || ksft_skip "no bonding driver"

VR_DEV=bond0
VRID=71
VMAC=$(vmac $VRID)

# bond_up NS IP: bond0 in active-backup mode over the next two free NICs
# (s0 the primary), link checked every 10 ms.
bond_up() {
	local ns=$1 ip=$2 s
	ip -n "$ns" link add bond0 type bond mode active-backup miimon 10 ||
		ksft_fail "bond in $ns"
	for s in s0 s1; do
		nic_take "$ns" "$s"
		ip -n "$ns" link set "$s" master bond0 ||
			ksft_fail "enslaving $s in $ns"
	done
	nsx "$ns" sh -c 'echo s0 > /sys/class/net/bond0/bonding/primary'
	ip -n "$ns" addr add "$ip/$SUBNET_LEN" dev bond0
	ip -n "$ns" link set bond0 up
}

# active_is NS SLAVE: the bond of NS uses SLAVE now.
active_is() {
	[ "$(nsx "$1" cat /sys/class/net/bond0/bonding/active_slave)" = "$2" ]
}

vrrp_ns a b c
bond_up "$a" 192.0.2.2
bond_up "$b" 192.0.2.1
switch_port - "$c" 192.0.2.50 pc
echo "# link $MWG_LINK: VRs on bond0 over $(nsx "$a" readlink /sys/class/net/s0/device/driver | sed 's|.*/||') slaves"
check "a's bond is up on s0" vwait 5 active_is "$a" s0

client_start "$c"
listen "$a" a
listen "$b" b

for n in "$a":200 "$b":100; do
	mwgctl_ns "${n%:*}" vr add dev bond0 vrid $VRID prio "${n#*:}" \
		interval "$ADV_MS" vip "$VIP/$SUBNET_LEN" ||
		ksft_fail "vr add on bond0 of ${n%:*}"
done
check_state "election: a (200) master" "$a" $VRID master
check_state "election: b (100) backup" "$b" $VRID backup
check "the virtual MAC is in the unicast list of a's bond0" \
	in_uc_list "$a" "$VMAC" bond0
check "and in its active slave s0's (the NIC's filter)" \
	in_uc_list "$a" "$VMAC" s0
client_forget
reaches "election" $VIP "$VMAC" a

# --- the master's active slave fails: the bond moves, the VR does not ---------------
# The bond then notifies its peers: the kernel sends a gratuitous ARP for
# each of the bond's addresses, the VIP included, from the bond's own MAC;
# the client must still find the VIP at the virtual MAC afterwards.
a_up=$(vr_stat "$a" $VRID master_transitions)
b_up=$(vr_stat "$b" $VRID master_transitions)
ip -n "$a" link set s0 down
check "a's bond moved to s1" vwait 5 active_is "$a" s1
check "the virtual MAC followed to s1's filter" \
	vwait 5 in_uc_list "$a" "$VMAC" s1
reaches "slave failure on the master" $VIP "$VMAC" a
check_state "a still master" "$a" $VRID master
check "a never left master" \
	test "$(vr_stat "$a" $VRID master_transitions)" = "$a_up"
check "b never took over" \
	test "$(vr_stat "$b" $VRID master_transitions)" = "$b_up"

# --- and on the backup -------------------------------------------------------------------
ip -n "$b" link set s0 down
check "b's bond moved to s1" vwait 5 active_is "$b" s1
heard_mark "$b" $VRID
check "b hears a's adverts on s1" vwait 5 heard "$b" $VRID 5
check "b never took over" \
	test "$(vr_stat "$b" $VRID master_transitions)" = "$b_up"
check_state "b still backup" "$b" $VRID backup

# --- the master loses both slaves: the bond's carrier goes, b takes over ---------------
ip -n "$a" link set s1 down
check_state "both of a's slaves down: b master" "$b" $VRID master
check "the virtual MAC is in b's active slave s1's filter" \
	in_uc_list "$b" "$VMAC" s1
reaches "a's bond down" $VIP "$VMAC" b

ip -n "$a" link set s0 up
ip -n "$a" link set s1 up
check_state "a's slaves back: a master again" "$a" $VRID master
check_state "b backup again" "$b" $VRID backup
check "a's bond is back on its primary s0" vwait 5 active_is "$a" s0
check "the virtual MAC is in s0's filter again" \
	vwait 5 in_uc_list "$a" "$VMAC" s0
reaches "a back" $VIP "$VMAC" a

tap_done
