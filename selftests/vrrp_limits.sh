#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What one network namespace may ask of the machine: the caps on VRs
# (max_vrs_per_netns) and BFD sessions (bfd_max_sessions_per_netns) refuse
# with ENOSPC and an extack message and change nothing, and the memory of
# VRs is charged to the memory cgroup of whoever created them.
#
#   r: eth0 192.0.2.1/24 ---- s: eth0 192.0.2.2/24
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_setup
vrrp_ns r s
veth_pair "$r" 192.0.2.1 "$s" 192.0.2.2

params=/sys/module/$MWG_MODULE/parameters
old_vrs=$(cat "$params/max_vrs_per_netns")
old_bfd=$(cat "$params/bfd_max_sessions_per_netns")
defer eval "echo $old_vrs >$params/max_vrs_per_netns"
defer eval "echo $old_bfd >$params/bfd_max_sessions_per_netns"
tmp=$(mktemp -d)
defer rm -rf "$tmp"

nr_vrs() {
	mwgctl_ns "$1" -j vr show | jq length
}

# --- VRs ------------------------------------------------------------------------
echo 2 >"$params/max_vrs_per_netns"
vr_add "$r" 1 100 >/dev/null || tap_fail "VR 1 under the cap"
vr_add "$r" 2 100 >/dev/null || tap_fail "VR 2 under the cap"
rc=0
out=$(MWGCTL_NO_CHECK=1 mwgctl_ns "$r" vr add dev eth0 vrid 3 prio 100 \
	vip 192.0.2.100 2>&1) || rc=$?
if [ "$rc" != 0 ] && grep -q "max_vrs_per_netns" <<<"$out"; then
	tap_ok "a third VR over max_vrs_per_netns 2 is refused: $out"
else
	tap_fail "a third VR over max_vrs_per_netns 2 is refused" "exit $rc: $out"
fi
check "...and not created" test "$(nr_vrs "$r")" = 2
check "the cap is per namespace: s still creates VRs" \
	vr_add "$s" 1 100
mwgctl_ns "$r" vr del dev eth0 vrid 2 || tap_fail "vr del"
check "a deleted VR frees its place" vr_add "$r" 3 100
echo "$old_vrs" >"$params/max_vrs_per_netns"
for v in 1 3; do mwgctl_ns "$r" vr del dev eth0 vrid "$v"; done

# --- BFD sessions ---------------------------------------------------------------
echo 1 >"$params/bfd_max_sessions_per_netns"
check "a BFD session under the cap" \
	mwgctl_ns "$r" bfd add dev eth0 peer 192.0.2.2
rc=0
out=$(MWGCTL_NO_CHECK=1 mwgctl_ns "$r" bfd add dev eth0 peer 192.0.2.3 2>&1) ||
	rc=$?
if [ "$rc" != 0 ] && grep -q "bfd_max_sessions_per_netns" <<<"$out"; then
	tap_ok "a second session over bfd_max_sessions_per_netns 1 is refused: $out"
else
	tap_fail "a second session over bfd_max_sessions_per_netns 1 is refused" \
		"exit $rc: $out"
fi
check "...and not created" \
	test "$(mwgctl_ns "$r" -j bfd show | jq length)" = 1
mwgctl_ns "$r" bfd del dev eth0 peer 192.0.2.2
echo "$old_bfd" >"$params/bfd_max_sessions_per_netns"

# --- memory charged to the creator's cgroup -------------------------------------
# One process creates 200 VRs from cgroup a; the same process in cgroup b
# sends 200 VR_NEW that the policy refuses (VRID 0) and so allocate
# nothing. What a holds beyond b in unreclaimable slab is the VRs'.
root=/sys/fs/cgroup
if [ ! -e "$root/cgroup.subtree_control" ] ||
	! grep -qw memory "$root/cgroup.controllers"; then
	tap_skip "VR memory charged to the creating cgroup" "no cgroup2 memory controller"
	tap_done
fi
echo +memory >"$root/cgroup.subtree_control" 2>/dev/null
cg=$root/mwg-limits.$$
mkdir -p "$cg/a" "$cg/b" 2>/dev/null
defer rmdir "$cg/a" "$cg/b" "$cg"
echo +memory >"$cg/cgroup.subtree_control" 2>/dev/null
ifindex=$(nsx "$r" cat /sys/class/net/eth0/ifindex)
batch() {
	local v
	for v in $(seq 1 200); do
		echo "VR_NEW IFINDEX=u32:$ifindex VRID=u8:$1 PRIORITY=u8:100 VIPS=vip:192.0.2.100"
		[ "$1" = 0 ] || set -- $(($1 + 1))
	done
}
slab_of() {
	awk '$1 == "slab_unreclaimable" { print $2 }' "$1/memory.stat"
}
# run_in CG VRID0: the batch from a process in CG.
run_in() {
	local cgdir=$1 first=$2
	batch "$first" >"$tmp/batch.$first"
	sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' sh "$cgdir" \
		ip netns exec "$r" python3 "$VRRP_CRAFT" genl-batch \
		<"$tmp/batch.$first" >"$tmp/out.$first"
}
run_in "$cg/a" 1
run_in "$cg/b" 0
created=$(grep -c ' ok$' "$tmp/out.1")
check "200 VRs created from cgroup a" test "$created" = 200
a=$(slab_of "$cg/a")
b=$(slab_of "$cg/b")
delta=$((a - b))
echo "# slab_unreclaimable: a $a, b $b bytes; 200 VRs: $((delta / 200)) bytes each"
# A VR and its VIP list are well over 512 bytes; half of that as a bound.
if [ "$delta" -ge $((200 * 256)) ]; then
	tap_ok "VR memory charged to the creating cgroup ($delta bytes for 200 VRs)"
else
	tap_fail "VR memory charged to the creating cgroup" \
		"a $a, b $b: $delta bytes for 200 VRs"
fi
# The 200 VRs go with the namespace.
tap_done
