#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Generic netlink refusals: each bad "vr add" is refused by the kernel
# (mwgctl's own checks off, MWGCTL_NO_CHECK=1), mwgctl exits 1 and prints
# the kernel's extack message, and nothing is created.  An interface index
# that names nothing cannot come from mwgctl (it resolves names first), so
# vrrp_craft.py sends that request itself.
#
#   r: eth0 192.0.2.1/24 ---- s: eth0 192.0.2.2/24
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_setup
vrrp_ns r s
veth_pair "$r" 192.0.2.1 "$s" 192.0.2.2

# The one VR that exists, for the duplicate case.
vr_add "$r" 7 100 || ksft_fail "vr add of VR 7"

nr_vrs() {
	mwgctl_ns "$r" -j vr show | jq length
}

# refused NAME PATTERN ARGS...: "mwgctl vr add ARGS" exits 1, its message
# matches PATTERN (a grep -E), and VR 7 is still the only VR.
refused() {
	local name=$1 pat=$2 out rc=0
	shift 2
	out=$(MWGCTL_NO_CHECK=1 ip netns exec "$r" "$MWGCTL" vr add "$@" 2>&1) ||
		rc=$?
	if [ "$rc" != 1 ]; then
		tap_fail "$name: exit 1" "exit $rc: $out"
	elif ! grep -q -E -- "$pat" <<<"$out"; then
		tap_fail "$name: kernel's message" "got: $out"
	else
		tap_ok "$name: $out"
	fi
	check "$name: nothing created" test "$(nr_vrs)" = 1
}

refused "vrid 0" "out of range.*vrid|vrid.*1\.\.255" \
	dev eth0 vrid 0 prio 100 vip 192.0.2.100
refused "prio 0" "out of range.*prio|prio.*1\.\.255" \
	dev eth0 vrid 8 prio 0 vip 192.0.2.100
refused "interval 15" "multiple of 10" \
	dev eth0 vrid 8 prio 100 vip 192.0.2.100 interval 15
refused "interval 5" "out of range.*interval|10\.\." \
	dev eth0 vrid 8 prio 100 vip 192.0.2.100 interval 5
refused "no VIP" "missing attribute vips|virtual IP" \
	dev eth0 vrid 8 prio 100
refused "VRID 7 again" "already exists" \
	dev eth0 vrid 7 prio 50 vip 192.0.2.100
refused "IPv6 VIP on an inet VR" "not of the VR's family" \
	dev eth0 vrid 8 prio 100 vip 2001:db8::1 family inet

# With its checks on, mwgctl refuses some of these itself (exit 2, usage).
rc=0
ip netns exec "$r" "$MWGCTL" vr add dev eth0 vrid 0 prio 100 \
	vip 192.0.2.100 >/dev/null 2>&1 || rc=$?
check "mwgctl's own check refuses vrid 0 (exit 2)" test "$rc" = 2

# An interface index nobody has: only a hand-made request gets there.
out=$(nsx "$r" python3 "$VRRP_CRAFT" genl-new --ifindex 9999 --vrid 8 \
	--prio 100 --vip 192.0.2.100 2>&1)
case $out in
"error ENODEV: no such interface in this namespace")
	tap_ok "unknown ifindex: $out" ;;
*)	tap_fail "unknown ifindex refused with the kernel's message" "got: $out" ;;
esac
# The same crafted request on a real index succeeds: the refusal above was
# the index, not the crafting.
ifindex=$(nsx "$r" cat /sys/class/net/eth0/ifindex)
out=$(nsx "$r" python3 "$VRRP_CRAFT" genl-new --ifindex "$ifindex" --vrid 9 \
	--prio 100 --vip 192.0.2.100 2>&1)
check "a crafted request on eth0 is accepted" test "$out" = ok
check "...and created VR 9" test "$(nr_vrs)" = 2
check "sysfs of VR 8 never appeared" \
	test ! -e "${SYSFS[$r]}/class/net/eth0/mwg_vrrp/8"

# --- an attribute of another command or object --------------------------------
# Each command has its own policy: an attribute it does not read is refused
# with a message naming it, not silently ignored.
out=$(nsx "$r" python3 "$VRRP_CRAFT" genl-new --ifindex "$ifindex" --vrid 10 \
	--prio 100 --vip 192.0.2.100 --attr BFD_TX_US=u32:100000 2>&1)
case $out in
"error EINVAL: attribute BFD_TX_US is not accepted by this command")
	tap_ok "VR_NEW with BFD_TX_US: $out" ;;
*)	tap_fail "VR_NEW with BFD_TX_US refused, naming it" "got: $out" ;;
esac
check "...and VR 10 was not created" test "$(nr_vrs)" = 2

# One foreign attribute per command; the rest of each request is valid or
# empty (the policy is checked before the handler looks at anything).
foreign="GET_INFO IFINDEX=u32:$ifindex
VR_NEW BFD_MULT=u8:3
VR_SET SCANNER_REPLACE=flag:
VR_DEL PRIORITY=u8:100
VR_GET BFD_PEER=ip:192.0.2.2
VR_GET+dump TRACK_WEIGHT=u8:10
SCANNER_SET VRID=u8:9
SCANNER_DEL SCANNER_REPLACE=flag:
SCANNER_GET+dump IFINDEX=u32:$ifindex
BFD_ADD VRID=u8:9
BFD_SET PRIORITY=u8:100
BFD_DEL BFD_TX_US=u32:100000
BFD_GET VIPS=flag:
BFD_GET+dump ACCEPT=u8:1
VR_SET IFNAME=u32:0
VR_NEW STATE=u8:2"
got=$(nsx "$r" python3 "$VRRP_CRAFT" genl-batch <<<"$foreign" 2>&1)
while read -r cmd attr; do
	name=${attr%%=*}
	line=$(grep -m1 -x -F -- "$cmd error EINVAL: attribute $name is not accepted by this command" \
		<<<"$got")
	if [ -n "$line" ]; then
		tap_ok "$cmd with $name refused, naming it"
	else
		tap_fail "$cmd with $name refused, naming it" \
			"got: $(tr '\n' ';' <<<"$got")"
	fi
done <<<"$foreign"
check "nothing changed: VR 9 and VR 7 only" test "$(nr_vrs)" = 2
# The same commands without the foreign attribute still pass the policy
# (GET_INFO and the dumps succeed).
got=$(printf '%s\n' GET_INFO VR_GET+dump SCANNER_GET+dump BFD_GET+dump |
	nsx "$r" python3 "$VRRP_CRAFT" genl-batch 2>&1)
check "GET_INFO and the dumps, bare, are accepted" \
	test "$(grep -c ' ok$' <<<"$got")" = 4

tap_done
