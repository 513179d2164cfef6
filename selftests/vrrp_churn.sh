#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Churn: the teardown paths under load, where an in-kernel protocol module
# frees an object that a timer, a packet or a netlink request still uses.
#
#   1. VR churn: VRs of both families created, changed and deleted again
#      and again on both ends of a link, with 10 ms adverts flowing.
#   2. Device removal under traffic: the link deleted while a master sends
#      adverts every 10 ms and a peer floods its VIP.
#   3. Scanner churn: mwgd-sim's scanners appear in a director's table,
#      expire when it stops, are replaced by others; then the director's namespace is
#      deleted with the table full.
#
# Each part checks that nothing is left behind (no VR, no VIP, no entry)
# and the kernel log stays clean.  The debug kernel lane runs it under
# KASAN, lockdep and kmemleak; there its value is in what the sanitizers
# see, here in the end states.
#
#   a: eth0 192.0.2.1 ---- b: eth0 192.0.2.2          (parts 1 and 2)
#   d 192.0.2.1 (VR, mwgd director), x .50 (mwgd-sim) on br0 of sw  (part 3)
. "$(dirname "$0")/mwgd_lib.sh"

ROUNDS=${VRRP_CHURN_ROUNDS:-10}
SCANNER_ROUNDS=${VRRP_CHURN_SCANNER_ROUNDS:-3}
SCANNERS=${VRRP_CHURN_SCANNERS:-100}
VIP6=2001:db8::100

mwgd_setup
kmsg_mark

# vr_count NS: VRs of NS, counted without jq.
vr_count() {
	mwgctl_ns "$1" -j vr show | grep -o '"vrid":' | wc -l
}

# vrs_none NS...: no VR is left in any of them.
vrs_none() {
	local ns
	for ns in "$@"; do
		[ "$(vr_count "$ns")" = 0 ] || return 1
	done
}

# --- 1. VR churn ------------------------------------------------------------
vrrp_ns a b
veth_pair "$a" 192.0.2.1 "$b" 192.0.2.2
ip -n "$a" addr add 2001:db8::1/64 dev eth0 nodad
ip -n "$b" addr add 2001:db8::2/64 dev eth0 nodad

# add_all NS PRIO: three IPv4 VRs and one IPv6 VR, adverts every 10 ms.
add_all() {
	local ns=$1 prio=$2 id
	for id in 1 2 3; do
		VIP=192.0.2.$((100 + id)) vr_add "$ns" "$id" "$prio" interval 10 ||
			return 1
	done
	mwgctl_ns "$ns" vr add dev eth0 vrid 4 prio "$prio" interval 10 \
		vip fe80::100/64 vip "$VIP6/64"
}

# del_all NS ORDER...: deletes the VRs in ORDER.
del_all() {
	local ns=$1 id
	shift
	for id in "$@"; do
		if [ "$id" = 4 ]; then
			mwgctl_ns "$ns" vr del dev eth0 vrid 4 family inet6 || return 1
		else
			vr_del "$ns" "$id" || return 1
		fi
	done
}

bad_rounds=0
for round in $(seq 1 "$ROUNDS"); do
	ok=1
	add_all "$a" 200 && add_all "$b" 100 || ok=0
	# Adverts and elections run while the VRs change under them: a
	# priority swap (a preemption), a new VIP list, a sysfs write.
	mwgctl_ns "$b" vr set dev eth0 vrid 1 prio 250 || ok=0
	mwgctl_ns "$a" vr set dev eth0 vrid 2 vip 192.0.2.110/24 \
		vip 192.0.2.111/24 || ok=0
	vr_write "$b" 3 priority 150 2>/dev/null || ok=0
	vwait 5 state_is "$a" 3 master || ok=0
	# Deleted in another order each round, on one end first or the other.
	if [ $((round % 2)) = 0 ]; then
		del_all "$a" 1 2 3 4 && del_all "$b" 4 3 2 1 || ok=0
	else
		del_all "$b" 2 4 1 3 && del_all "$a" 3 1 4 2 || ok=0
	fi
	vrs_none "$a" "$b" || ok=0
	if [ $ok = 0 ]; then
		bad_rounds=$((bad_rounds + 1))
		echo "# round $round: a $(vr_count "$a") VRs, b $(vr_count "$b") VRs left"
		for id in 1 2 3 4; do
			del_all "$a" "$id" 2>/dev/null
			del_all "$b" "$id" 2>/dev/null
		done
	fi
done
check "VR churn: $ROUNDS rounds of 8 VRs created, changed, deleted" \
	test "$bad_rounds" = 0
check_fail "VR churn: no VIP left on a" has_addr "$a" 192.0.2.101
check_fail "VR churn: no VIP left on b" has_addr "$b" 192.0.2.110

# --- 2. device removal under traffic ------------------------------------------
add_all "$a" 200 && add_all "$b" 100 || ksft_fail "VRs for the removal"
wait_state "$a" 1 master || ksft_fail "a did not become master"
# A flood of datagrams to a's VIP: ARP for it answered with the virtual
# MAC, frames to that MAC taken in; each packet crosses the module's hooks.
ip netns exec "$b" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
while True:
    try:
        s.sendto(b"x" * 64, ("192.0.2.101", 9))
    except OSError:
        pass
' &
flood=$!
disown "$flood"
defer kill -9 "$flood"
nap 1
check "device removal: adverts flowing before" vwait 5 stat_above "$b" 1 rcvd_advertisements 10
ip -n "$a" link del eth0
check "device removal: a's VRs gone with the device" vwait 5 vrs_none "$a"
check "device removal: b's VRs gone with the peer device" vwait 5 vrs_none "$b"
kill -9 "$flood" 2>/dev/null
ns_gone "$a"
ns_gone "$b"

# --- 3. scanner churn ------------------------------------------------------------
mwgd_node d 192.0.2.1
mwgd_node x 192.0.2.50
vr_add "$d" "$VRID" 200 >/dev/null || ksft_fail "vr add on d"
wait_state "$d" "$VRID" master || ksft_fail "d did not become master"
# The simulator speaks for all its scanners from one address: no limit
# per source address.
mwgd_director d "$d" 192.0.2.1 -o announce_rate=0

# Each round a simulator answers for SCANNERS new node ids until they are
# all in the table, then stops; they expire after dead_after intervals.
bad_rounds=0
for round in $(seq 1 "$SCANNER_ROUNDS"); do
	ip netns exec "$x" "$MWGD_SIM" -i eth0 -n "$SCANNERS" -N churn \
		-S "$round$RANDOM" &
	sim=$!
	ok=1
	vwait $((MWGD_SLACK_S * 3)) count_is "$d" "$SCANNERS" || ok=0
	kill -9 "$sim"
	wait "$sim" 2>/dev/null
	vwait $((MWGD_SLACK_S * 3)) count_is "$d" 0 || ok=0
	if [ $ok = 0 ]; then
		bad_rounds=$((bad_rounds + 1))
		echo "# round $round: $(scanner_count "$d") entries"
		mwgd_log d 5
	fi
done
check "scanner churn: $SCANNER_ROUNDS rounds of $SCANNERS scanners in and expired" \
	test "$bad_rounds" = 0

ip netns exec "$x" "$MWGD_SIM" -i eth0 -n "$SCANNERS" -N churn -S "$RANDOM" &
sim=$!
disown "$sim"
defer kill -9 "$sim"
check "scanner churn: table full again" vwait $((MWGD_SLACK_S * 3)) count_is "$d" "$SCANNERS"
# The namespace goes with its table full: mwgd killed (it holds the
# namespace), the kernel's entries freed with the namespace.
mwgd_kill d KILL
wait "${MWGD_PID[d]}" 2>/dev/null
check "scanner churn: director's namespace deleted with $SCANNERS entries" \
	ns_gone "$d"
kill -9 "$sim" 2>/dev/null
# Every VR, device and namespace of the module is gone by now: nothing may
# hold it.
check "module unloads after the churn" unload_module

check_kmsg "kernel log clean"

tap_done
