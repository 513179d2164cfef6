#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# allow: the sources a VR takes adverts from. An advert from any other
# source is dropped and counted (rcvd_not_allowed) and never moves the VR,
# whatever its priority; one from an allowed source (or a spoof of one:
# what the list cannot stop) is processed as usual.
#
#   r 192.0.2.1 (VR 40, prio 100, allow 192.0.2.2) --- x (sends crafted
#   adverts from any source address)
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_setup
VRID=40
vrrp_ns r x
veth_pair "$r" 192.0.2.1 "$x" 192.0.2.9

craft() {
	nsx "$x" python3 "$VRRP_CRAFT" send eth0 --vrid $VRID --addr $VIP "$@"
}
# flood SRC PRIO: adverts from SRC at PRIO every 20 ms, in the background
# until flood_stop (ip netns exec execs: $! is the sender itself).
flood_pid=
flood() {
	ip netns exec "$x" python3 "$VRRP_CRAFT" send eth0 --vrid $VRID \
		--addr $VIP --src "$1" --prio "$2" --every 20 &
	flood_pid=$!
	bg_pids+=("$flood_pid")
}
flood_stop() {
	kill "$flood_pid" 2>/dev/null
	wait "$flood_pid" 2>/dev/null
}
allow_json() {
	vr_json "$r" $VRID '.allow | join(" ")'
}

# Every kernel message counts here: no net_ratelimit() budget shared with
# the state-change lines before.
cost=$(sysctl -n net.core.message_cost)
sysctl -q -w net.core.message_cost=0
defer sysctl -q -w net.core.message_cost="$cost"

vr_add "$r" $VRID 100 allow 192.0.2.2 || ksft_fail "vr add with allow"
check_state "r master" "$r" $VRID master
check "JSON: the allow list" test "$(allow_json)" = 192.0.2.2/32

# --- a source outside the list, at priority 254 ----------------------------------------
kmsg_mark
moves=$(vr_stat "$r" $VRID master_transitions)
flood 192.0.2.66 254
check "a foreign master's adverts are counted as not allowed" \
	vwait 10 stat_above "$r" $VRID rcvd_not_allowed 40
flood_stop
check_state "r stays master" "$r" $VRID master 1
check "r never left master" \
	test "$(vr_stat "$r" $VRID master_transitions)" = "$moves"
check "they were not counted as received adverts" \
	test "$(vr_stat "$r" $VRID rcvd_advertisements)" = 0
check "the kernel log names the source" sh -c \
	"dmesg | grep -q 'vrid $VRID: dropped advert from 192.0.2.66 (priority 254): source not allowed'"

# --- a prefix -------------------------------------------------------------------------
mwgctl_ns "$r" vr set dev eth0 vrid $VRID allow 192.0.2.0/30 192.0.2.200/29 ||
	tap_fail "allow two prefixes"
check "JSON: host bits cleared" \
	test "$(allow_json)" = "192.0.2.0/30 192.0.2.200/29"
before=$(vr_stat "$r" $VRID rcvd_not_allowed)
craft --src 192.0.2.66 --prio 254 --count 3
check "192.0.2.66 is outside both" \
	vwait 3 stat_above "$r" $VRID rcvd_not_allowed $((before + 2))
check_state "r still master" "$r" $VRID master

# --- an allowed source is heard (a spoof of one too: what the list cannot stop) ---------
flood 192.0.2.2 254
check_state "an allowed master at 254 is heard: r backup" "$r" $VRID backup 10
check "its master is 192.0.2.2" \
	test "$(vr_json "$r" $VRID .master_ip)" = 192.0.2.2
flood_stop
check_state "silent again: r master" "$r" $VRID master

# --- allow none: every source again ----------------------------------------------------
mwgctl_ns "$r" vr set dev eth0 vrid $VRID allow none || tap_fail "allow none"
check "JSON: empty list" test "$(allow_json)" = ""
flood 192.0.2.66 254
check_state "without a list, 192.0.2.66 at 254 is heard: r backup" "$r" $VRID backup 10
flood_stop
check_state "silent again: r master" "$r" $VRID master

# --- bad input -------------------------------------------------------------------------
mwgctl_ns "$r" vr set dev eth0 vrid $VRID allow 192.0.2.2
check_fail "an IPv6 prefix on an IPv4 VR is refused" \
	mwgctl_ns "$r" vr set dev eth0 vrid $VRID allow 2001:db8::/32
check "...by the kernel, with its message" sh -c \
	"ip netns exec '$r' '$MWGCTL' vr set dev eth0 vrid $VRID allow 2001:db8::/32 2>&1 | grep -q 'not of the VR.s family'"
nine=$(for i in $(seq 1 9); do printf ' 198.51.100.%d' "$i"; done)
check_fail "nine prefixes are refused by mwgctl" \
	mwgctl_ns "$r" vr set dev eth0 vrid $VRID allow $nine
check "...and by the kernel" sh -c \
	"MWGCTL_NO_CHECK=1 ip netns exec '$r' '$MWGCTL' vr set dev eth0 vrid $VRID allow $nine 2>&1 | grep -q 'too many allowed prefixes'"
check "and nothing changed" test "$(allow_json)" = 192.0.2.2/32
check_kmsg "no kernel warning"

tap_done
