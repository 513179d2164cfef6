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

A=0
B=1
VRID=51
VIP=192.0.2.100
VMAC=00:00:5e:00:01:33
ADV_MS=100
# Master_Down_Interval of b (priority 100), RFC 5798 6.1, in microseconds.
MDI_US=$((3 * ADV_MS * 1000 + (256 - 100) * ADV_MS * 1000 / 256))

# director G IP PRIO NAME: the module, eth0 (the first NIC) with IP, a VR
# for the VIP and a TCP listener that answers NAME.
director() {
	on "$1" "
		set -e
		insmod \"\$MWG_KO\"
		nic=\${MWG_VM_NICS%% *}
		[ \"\$nic\" = eth0 ] || ip link set dev \"\$nic\" name eth0
		ip addr add $2/24 dev eth0
		ip link set eth0 up
		\"\$MWGCTL\" vr add dev eth0 vrid $VRID prio $3 vip $VIP/24 \
			interval $ADV_MS
		python3 -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((\"\", 8080))
s.listen(16)
while True:
    c, _ = s.accept()
    c.sendall(sys.argv[1].encode() + b\"\\n\")
    c.close()
' $4 >/dev/null 2>&1 &
	"
}

# client: the second NIC of guest 1, in namespace "client".
client() {
	on $B '
		set -e
		nic=${MWG_VM_NICS#* }
		nic=${nic%% *}
		ip netns add client
		ip link set dev "$nic" netns client
		ip -n client link set dev "$nic" name eth0
		ip -n client addr add 192.0.2.50/24 dev eth0
		ip -n client link set eth0 up
		ip -n client link set lo up
	'
}

# state G: the VR's state in guest G.
state() {
	on "$1" "cat /sys/class/net/eth0/mwg_vrrp/$VRID/state 2>/dev/null"
}

# wait_state G STATE: until the VR of G is in STATE (20 s at most).
wait_state() {
	on "$1" "
		for _ in \$(seq 200); do
			[ \"\$(cat /sys/class/net/eth0/mwg_vrrp/$VRID/state 2>/dev/null)\" = $2 ] && exit 0
			sleep 0.1
		done
		exit 1"
}

check_state() {
	if wait_state "$2" "$3"; then
		tap_ok "$1"
	else
		tap_fail "$1" "guest $2's VR is '$(state "$2")', not '$3'"
	fi
}

# reason G: why G's VR last became master.
reason() {
	on "$1" "awk '\$1 == \"new_master_reason\" { print \$2 }' /sys/class/net/eth0/mwg_vrrp/$VRID/stats"
}

# reaches NAME WHO: from the client, a ping of the VIP is answered, the VIP
# resolves to the virtual MAC, and a TCP connection is answered by WHO.
reaches() {
	local got
	check "$1: the client pings the VIP" on $B "
		for _ in \$(seq 10); do
			ip netns exec client busybox ping -c 1 -W 1 -q $VIP >/dev/null 2>&1 && exit 0
		done
		exit 1"
	check "$1: the VIP is at the virtual MAC" on $B \
		"ip -n client neigh show $VIP | grep -q -i 'lladdr $VMAC'"
	got=$(on $B "
		for _ in \$(seq 10); do
			l=\$(ip netns exec client timeout 3 bash -c 'exec 3<>/dev/tcp/$VIP/8080 && read -r l <&3 && echo \$l' 2>/dev/null)
			[ -n \"\$l\" ] && { echo \"\$l\"; exit 0; }
			sleep 0.2
		done")
	if [ "$got" = "$2" ]; then
		tap_ok "$1: TCP to the VIP reaches $2"
	else
		tap_fail "$1: TCP to the VIP reaches $2" "answered by '${got:-nobody}'"
	fi
}

# capture_start: vrrp-cap at the client, whose NIC joins the VRRP group's
# MAC so that its filter lets the adverts in.
capture_start() {
	on $B '
		ip -n client maddr add 01:00:5e:00:00:12 dev eth0
		rm -f /tmp/cap /tmp/cap.ready
		ip netns exec client scripts/vrrp-cap capture /tmp/cap --ready /tmp/cap.ready >/dev/null 2>&1 &
		echo $! >/tmp/cap.pid
		for _ in $(seq 100); do [ -e /tmp/cap.ready ] && exit 0; sleep 0.1; done
		exit 1'
}

# takeover_us: from the capture, a's last advert to b's first gratuitous
# ARP for the VIP after it, in microseconds.
takeover_us() {
	on $B "
		kill \$(cat /tmp/cap.pid); sleep 0.3
		awk '\$3 == \"vrrp\" && \$4 == \"192.0.2.2\" { last = \$1 }
			\$3 == \"arp\" && \$7 == \"$VIP\" && last && \$1 > last && !g { g = \$1 }
			END { if (!g) exit 1; printf \"%d\\n\", (g - last) / 1000 }' /tmp/cap"
}

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
# e1000e notices from its watchdog, up to two seconds later.
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
