#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two appliances, each a guest with its own kernel (scripts/vm-cluster):
# director a (guest 0, priority 200) and director b (guest 1, priority
# 100) on one segment of emulated NICs that filter, and a client on a
# second NIC of guest 1, in its own namespace. What only separate
# machines show:
#   - a crash: a's whole machine stops (its QEMU killed): no priority 0, no
#     link event at b; b takes over at Master_Down_Interval and the client
#     reaches the VIP at b through b's NIC. The takeover time beyond
#     Master_Down_Interval is read from a capture at the client.
#   - a cable pull (QEMU's set_link off on a's NIC), then the cable back.
#   - a graceful rmmod on the master.
#   - both machines powered on at once and the module loaded on both
#     together: one election from cold, a master.
# Run: scripts/vm-cluster [--nic e1000e] -- selftests/cluster_failover.sh
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../scripts/cluster_lib.sh"
. "$(dirname "$0")/cluster_vrrp.sh"

echo "# two guests, $MWG_CLUSTER_NIC NICs; a: guest 0 (prio 200), b: guest 1 (prio 100)"
client || ksft_fail "client namespace"

# --- election from cold: both powered on, the module loaded on both at once ------
director $A 192.0.2.2 200 a >/dev/null & da=$!
director $B 192.0.2.1 100 b >/dev/null & db=$!
wait $da || ksft_fail "director a"
wait $db || ksft_fail "director b"
check_state "cold start: a (200) master" $A master
check_state "cold start: b (100) backup" $B backup
reaches "cold start" a

# --- a crashes as a whole -----------------------------------------------------------
capture_start || ksft_fail "capture at the client"
guest_kill $A
check_state "crash: b master" $B master
check "crash: b's reason is master_down (no priority 0 came)" \
	test "$(reason $B)" = master_down
reaches "crash" b
if us=$(takeover_us); then
	echo "# crash: a's last advert -> b's first GARP $((us / 1000)).$((us % 1000 / 100)) ms, Master_Down_Interval $((MDI_US / 1000)) ms, beyond it $(((us - MDI_US) / 1000)).$((((us - MDI_US) % 1000 + 1000) % 1000 / 100)) ms"
	# A generous bound: the protocol's own time plus a whole second of a
	# stalled emulated guest.
	check "crash: takeover within Master_Down_Interval + 1 s" \
		test "$us" -lt $((MDI_US + 1000000))
else
	tap_fail "crash: takeover seen in the capture" "no GARP for $VIP after a's last advert"
	on $B "scripts/vrrp-cap dump /tmp/cap | tail -n 8" | sed 's/^/# /'
fi

# --- a boots again and preempts ---------------------------------------------------------
guest_boot $A || ksft_fail "guest a did not boot again"
director $A 192.0.2.2 200 a >/dev/null || ksft_fail "director a again"
check_state "reboot: a master again" $A master
check_state "reboot: b backup" $B backup
reaches "reboot" a

# --- cable pull -------------------------------------------------------------------------
guest_link $A off || tap_fail "set_link off"
check_state "cable pull: b master" $B master
# a's own view of the pull: its driver must report the lost link. e1000e
# under this QEMU did not within 10 s in runs here (no carrier loss, the VR
# still master while cut off), so on it the check is skipped, not failed:
# what the network sees (b takes over, the client reaches b) is checked on
# every model.
if [ "$MWG_CLUSTER_NIC" = e1000e ]; then
	tap_skip "cable pull: a saw its carrier go" "the emulated e1000e reported no carrier loss to its driver here"
	tap_skip "cable pull: a's VR left master" "same"
else
	check "cable pull: a saw its carrier go" on $A '
		for _ in $(seq 100); do
			ip link show eth0 | grep -q NO-CARRIER && exit 0
			sleep 0.1
		done
		exit 1'
	check "cable pull: a's VR left master" on $A "
		for _ in \$(seq 100); do
			[ \"\$(cat /sys/class/net/eth0/mwg_vrrp/$VRID/state)\" != master ] && exit 0
			sleep 0.1
		done
		exit 1"
fi
reaches "cable pull" b
guest_link $A on || tap_fail "set_link on"
check_state "cable back: a master" $A master
check_state "cable back: b backup" $B backup
reaches "cable back" a

# --- graceful: the module goes from the master ----------------------------------------
check "rmmod on the master" on $A "rmmod mwg_vrrp"
check_state "rmmod: b master" $B master
check "rmmod: b's reason is priority_zero" \
	test "$(reason $B)" = priority_zero
reaches "rmmod" b

tap_done
