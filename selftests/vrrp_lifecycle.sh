#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Lifecycle, three rounds (VRRP_ROUNDS): VRs running in three namespaces, one namespace
# deleted under them, then rmmod with the rest still running.  After each
# round the module is gone entirely, the VIPs it had added are withdrawn
# from the interfaces that survive, and the kernel said nothing alarming.
#
#   a: eth0 192.0.2.1/24 (VR 1 prio 200, VR 2 prio 100) ---+
#   b: eth0 192.0.2.2/24 (VR 1 prio 100, VR 2 prio 200) ---+ veth
#   c: eth0 192.0.2.3/24 (VR 3 alone) ---- d: eth0 192.0.2.4/24
#
# VR 1 holds 192.0.2.100, VR 2 192.0.2.101, VR 3 192.0.2.102.
. "$(dirname "$0")/vrrp_lib.sh"

require_root
require_cmd ip python3 rmmod insmod
require_mwgctl
[ -r "$MWG_KO" ] || ksft_skip "$MWG_KO not built (make modules-all)"
# Start from scratch: an earlier test may have left the module loaded.
unload_module || ksft_fail "mwg_vrrp is loaded and cannot be removed"

ROUNDS=${VRRP_ROUNDS:-3}
kmsg_mark

for round in $(seq 1 "$ROUNDS"); do
	R="round $round"
	insmod "$MWG_KO" || ksft_fail "$R: insmod"
	vrrp_ns a b c d
	veth_pair "$a" 192.0.2.1 "$b" 192.0.2.2
	veth_pair "$c" 192.0.2.3 "$d" 192.0.2.4
	VIP=192.0.2.100 vr_add "$a" 1 200 && VIP=192.0.2.100 vr_add "$b" 1 100 &&
		VIP=192.0.2.101 vr_add "$a" 2 100 &&
		VIP=192.0.2.101 vr_add "$b" 2 200 &&
		VIP=192.0.2.102 vr_add "$c" 3 100 ||
		ksft_fail "$R: vr add"

	ok=1
	wait_state "$a" 1 master && wait_state "$b" 2 master &&
		wait_state "$c" 3 master && wait_state "$a" 2 backup &&
		wait_state "$b" 1 backup || ok=0
	# The masters' VIPs are installed after the takeover, by a work item.
	vwait 5 has_addr "$a" 192.0.2.100 && vwait 5 has_addr "$b" 192.0.2.101 &&
		vwait 5 has_addr "$c" 192.0.2.102 || ok=0
	if [ $ok = 1 ]; then
		tap_ok "$R: five VRs up, masters hold their VIPs"
	else
		tap_fail "$R: five VRs up, masters hold their VIPs" \
			"a1 $(vr_state "$a" 1) a2 $(vr_state "$a" 2) b1 $(vr_state "$b" 1) b2 $(vr_state "$b" 2) c3 $(vr_state "$c" 3)"
	fi

	# A namespace deleted with a master running in it.
	ns_gone "$c"
	check "$R: namespace with a running VR deleted, d's link lost" \
		vwait 5 sh -c "! ip -n '$d' link show eth0 >/dev/null 2>&1"

	# rmmod with four VRs running in two namespaces.
	check "$R: rmmod with VRs running" rmmod "$MWG_MODULE"
	check_fail "$R: /sys/module/$MWG_MODULE gone" module_loaded
	check_fail "$R: a's VIP withdrawn" has_addr "$a" 192.0.2.100
	check_fail "$R: b's VIP withdrawn" has_addr "$b" 192.0.2.101
	check "$R: primary addresses kept" \
		sh -c "ip -n '$a' -o addr show dev eth0 | grep -q ' 192.0.2.1/' &&
			ip -n '$b' -o addr show dev eth0 | grep -q ' 192.0.2.2/'"
	check_fail "$R: no mwg_vrrp sysfs left on a's eth0" \
		test -e "${SYSFS[$a]}/class/net/eth0/mwg_vrrp"

	ns_gone "$a"
	ns_gone "$b"
	ns_gone "$d"
done

check_kmsg "kernel log clean over $ROUNDS rounds"

tap_done
