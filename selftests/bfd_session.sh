#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# BFD sessions between two routers: they come Up (IPv4 and IPv6), each
# side's interval requirements are honoured as RFC 5880 6.8.2-6.8.4 say,
# a timer change runs a Poll Sequence, a session to an address that never
# answers stays Down at one packet a second, every packet RFC 5880 6.8.6
# and RFC 5881 5 discard is dropped and counted, and a deleted session
# tells its peer (AdminDown) at once.
#
#   a: eth0 192.0.2.1/24 2001:db8::1/64 ---- b: eth0 192.0.2.2/24 2001:db8::2/64
#      tx 30 ms, rx 50 ms, mult 10             tx 40 ms, rx 20 ms, mult 8
#
# The multipliers are large because the emulated guest stalls its softirqs
# for 100 ms and more while other guests load the host; the intervals are
# what the test is about.
. "$(dirname "$0")/bfd_lib.sh"

vrrp_setup
vrrp_ns a b
veth_pair "$a" 192.0.2.1 "$b" 192.0.2.2
ip -n "$a" addr add 2001:db8::1/64 dev eth0 nodad
ip -n "$b" addr add 2001:db8::2/64 dev eth0 nodad

tmp=$(mktemp -d)
defer rm -rf "$tmp"
kmsg_mark

mwgctl_ns "$a" -j monitor >"$tmp/events" 2>&1 &
bg_pids+=($!)
vwait 10 monitor_ready "$a" || ksft_fail "mwgctl monitor did not subscribe"

# --- bad requests change nothing -------------------------------------------
check_fail "add: interval below 1000 us refused" \
	env MWGCTL_NO_CHECK=1 "$MWGCTL" bfd add dev lo peer 192.0.2.2 tx-us 10
if out=$(MWGCTL_NO_CHECK=1 mwgctl_ns "$a" bfd add dev eth0 \
	peer 192.0.2.2 rx-us 999 2>&1); then
	tap_fail "add: the kernel explains a bad interval" "accepted"
elif echo "$out" | grep -q "1000"; then
	tap_ok "add: the kernel explains a bad interval ($out)"
else
	tap_fail "add: the kernel explains a bad interval" "$out"
fi
check_fail "add: multicast peer refused" bfd_add "$a" 224.0.0.5
check_fail "add: a local address that is not ours refused" \
	bfd_add "$a" 192.0.2.2 local 192.0.2.77
check_fail "del: no such session" bfd_del "$a" 192.0.2.2
check "no session was created by the refusals" \
	test "$(mwgctl_ns "$a" -j bfd show | jq length)" = 0

# --- up, with each side's timers ---------------------------------------------
bfd_add "$a" 192.0.2.2 tx-us 30000 rx-us 50000 multiplier 10 ||
	ksft_fail "bfd add on a"
bfd_add "$b" 192.0.2.1 tx-us 40000 rx-us 20000 multiplier 8 ||
	ksft_fail "bfd add on b"
check_fail "add: the same session twice refused" bfd_add "$a" 192.0.2.2
check_bfd_state "a: session up" "$a" 192.0.2.2 up
check_bfd_state "b: session up" "$b" 192.0.2.1 up
# The Poll Sequence that announces the fast rates after Up must finish.
nap 1

# Each value is read once the session shows it: a stall of the guest can
# take the session down and up again meanwhile.
check "a sends at its own 30 ms (b takes 20 ms)" \
	vwait 10 bfd_json_is "$a" 192.0.2.2 .tx_interval_us 30000
check "b sends at a's required 50 ms (b wants 40 ms)" \
	vwait 10 bfd_json_is "$b" 192.0.2.1 .tx_interval_us 50000
check "a detects b down after 8 x max(50, 40) ms" \
	vwait 10 bfd_json_is "$a" 192.0.2.2 .detect_us 400000
check "b detects a down after 10 x max(20, 30) ms" \
	vwait 10 bfd_json_is "$b" 192.0.2.1 .detect_us 300000
check "a learned b's discriminator" test \
	"$(bfd_json "$a" 192.0.2.2 .remote_disc)" = \
	"$(bfd_json "$b" 192.0.2.1 .local_disc)"
check "a ran a Poll Sequence when it came up" \
	test "$(bfd_stat "$a" 192.0.2.2 polls)" -ge 1

# Rates on the wire: counted over a window of the guest's own clock.  The
# jittered interval is 75-100 % of the agreed one, so the packets received
# can never exceed window / (0.75 x interval); allow one more for the edges.
ra0=$(bfd_stat "$a" 192.0.2.2 rx_packets)
rb0=$(bfd_stat "$b" 192.0.2.1 rx_packets)
t0=$(now_ms)
nap 3
ra1=$(bfd_stat "$a" 192.0.2.2 rx_packets)
rb1=$(bfd_stat "$b" 192.0.2.1 rx_packets)
t1=$(now_ms)
win=$((t1 - t0))
ra=$((ra1 - ra0))
rb=$((rb1 - rb0))
max_a=$((win * 100 / (75 * 50) + 2))
max_b=$((win * 100 / (75 * 30) + 2))
if [ "$ra" -le "$max_a" ] && [ "$ra" -gt 0 ]; then
	tap_ok "b honours a's 50 ms: $ra packets in $win ms (max $max_a)"
else
	tap_fail "b honours a's 50 ms" "$ra packets in $win ms (max $max_a)"
fi
if [ "$rb" -le "$max_b" ] && [ "$rb" -gt "$ra" ]; then
	tap_ok "a sends faster, within 30 ms: $rb packets in $win ms (max $max_b)"
else
	tap_fail "a sends faster, within 30 ms" "$rb vs $ra packets in $win ms (max $max_b)"
fi

# --- a timer change: Poll Sequence -----------------------------------------
polls=$(bfd_stat "$a" 192.0.2.2 polls)
mwgctl_ns "$a" bfd set dev eth0 peer 192.0.2.2 tx-us 60000 ||
	tap_fail "bfd set on a"
check "set: b learns a's new 60 ms" \
	vwait 5 bfd_json_is "$b" 192.0.2.1 .remote_tx_us 60000
check "set: a ran one more Poll Sequence" \
	test "$(bfd_stat "$a" 192.0.2.2 polls)" -gt "$polls"
check "set: a now sends at 60 ms" \
	vwait 5 bfd_json_is "$a" 192.0.2.2 .tx_interval_us 60000
check "set: b's detection time follows: 10 x 60 ms" \
	vwait 5 bfd_json_is "$b" 192.0.2.1 .detect_us 600000
check_bfd_state "set: the session is up" "$a" 192.0.2.2 up

# --- sysfs knobs -----------------------------------------------------------------
bfd_sysfs() {
	local v
	read -r v <"${SYSFS[$1]}/class/net/eth0/mwg_bfd/$2/$3" && echo "$v"
}
bfd_write() {
	nsx "$1" bash -c 'echo "$1" > "$2"' bash "$4" \
		"/sys/class/net/eth0/mwg_bfd/$2/$3"
}
bfd_sysfs_is() {
	[ "$(bfd_sysfs "$1" "$2" "$3")" = "$4" ]
}
check "sysfs: state" vwait 10 bfd_sysfs_is "$a" 192.0.2.2 state up
check "sysfs: tx_us as set" test "$(bfd_sysfs "$a" 192.0.2.2 tx_us)" = 60000
check_fail "sysfs: tx_us 10 refused" bfd_write "$a" 192.0.2.2 tx_us 10
check_fail "sysfs: multiplier 0 refused" bfd_write "$a" 192.0.2.2 multiplier 0
check_fail "sysfs: multiplier 300 refused" bfd_write "$a" 192.0.2.2 multiplier 300
check_fail "sysfs: state is read-only" bfd_write "$a" 192.0.2.2 state up
check "sysfs: the refusals changed nothing" \
	test "$(bfd_sysfs "$a" 192.0.2.2 tx_us)/$(bfd_sysfs "$a" 192.0.2.2 multiplier)" = 60000/10
check "sysfs: multiplier 12 accepted" bfd_write "$a" 192.0.2.2 multiplier 12
check "sysfs: b learns a's multiplier 12" \
	vwait 5 bfd_json_is "$b" 192.0.2.1 .remote_multiplier 12
# Without CAP_NET_ADMIN, even as uid 0: EPERM, and nothing changes.
if command -v capsh >/dev/null; then
	out=$(nsx "$a" capsh --drop=cap_net_admin -- -c 'echo "$1" > "$2"' \
		bash 5 /sys/class/net/eth0/mwg_bfd/192.0.2.2/multiplier 2>&1)
	if grep -q "Operation not permitted" <<<"$out"; then
		tap_ok "sysfs: multiplier without CAP_NET_ADMIN refused with EPERM"
	else
		tap_fail "sysfs: multiplier without CAP_NET_ADMIN refused with EPERM" \
			"got: '$out'"
	fi
	check "sysfs: multiplier still 12" \
		test "$(bfd_sysfs "$a" 192.0.2.2 multiplier)" = 12
else
	tap_skip "sysfs: writes without CAP_NET_ADMIN" "no capsh (libcap2-bin)"
fi

# --- a peer that never answers -----------------------------------------------
t0=$(now_ms)
bfd_add "$a" 192.0.2.99 tx-us 30000 rx-us 30000 || tap_fail "bfd add to 192.0.2.99"
nap 4
check "silent peer: still down" bfd_state_is "$a" 192.0.2.99 down
tx=$(bfd_json "$a" 192.0.2.99 .stats.tx_packets)
secs=$(( ($(now_ms) - t0 + 999) / 1000 ))
# One at once, then one every 0.75-1 s (RFC 5880 6.8.3 and 6.8.7).
if [ "$tx" -ge 2 ] && [ "$tx" -le $((secs * 4 / 3 + 2)) ]; then
	tap_ok "silent peer: one packet a second while down ($tx in ${secs} s)"
else
	tap_fail "silent peer: one packet a second while down" "$tx packets in ${secs} s"
fi
check "silent peer: nothing received" \
	test "$(bfd_json "$a" 192.0.2.99 .stats.rx_packets)" = 0
bfd_del "$a" 192.0.2.99

# --- malformed packets: dropped and counted ----------------------------------
snapshot() {
	mwgctl_ns "$a" -j stats | jq -r '.namespace | to_entries[] | "\(.key) \(.value)"'
}
delta() {
	awk -v k="$1" '
		FNR == NR { b[$1] = $2; next }
		$1 == k { print $2 - b[$1]; found = 1 }
		END { if (!found) print "missing" }' "$tmp/before" "$tmp/after"
}
snapshot >"$tmp/before"
sttl0=$(bfd_stat "$a" 192.0.2.2 rx_ttl_errors)
nsx "$b" python3 "$BFD_CRAFT" batch 192.0.2.1 <<'CASES'
version=2
version=0
trunc=20
length=23
length=40
mult=0
my=0
state=3
flags=0x01
flags=0x04 length=26 extra=2
ttl=64
ttl=1
state=3 your=12345
CASES
nap 1
snapshot >"$tmp/after"
for c in "bfd_version_errors 2" "bfd_length_errors 3" "bfd_mult_errors 1" \
	"bfd_disc_errors 2" "bfd_multipoint_errors 1" "bfd_auth_errors 1" \
	"bfd_ttl_errors 2" "bfd_no_session 1"; do
	read -r name want <<<"$c"
	d=$(delta "$name")
	if [ "$d" = "$want" ]; then
		tap_ok "malformed: $name +$want"
	else
		tap_fail "malformed: $name +$want" "moved by $d"
	fi
done
check "malformed: the session counted its TTL drops" \
	test "$(bfd_stat "$a" 192.0.2.2 rx_ttl_errors)" = $((sttl0 + 2))
check_bfd_state "malformed: the session is up afterwards" "$a" 192.0.2.2 up

# --- IPv6 ----------------------------------------------------------------------
bfd_add "$a" 2001:db8::2 local 2001:db8::1 tx-us 50000 rx-us 50000 ||
	tap_fail "bfd add inet6 on a"
bfd_add "$b" 2001:db8::1 tx-us 50000 rx-us 50000 || tap_fail "bfd add inet6 on b"
check_bfd_state "inet6: a up" "$a" 2001:db8::2 up
check_bfd_state "inet6: b up" "$b" 2001:db8::1 up
check "inet6: family" test "$(bfd_json "$a" 2001:db8::2 .family)" = inet6
check "inet6: the local address given" \
	test "$(bfd_json "$a" 2001:db8::2 .local)" = 2001:db8::1

# --- events --------------------------------------------------------------------
# events_has JQ: some event in the file matches (jq -e alone looks at the
# last one only).
events_has() {
	grep '^{' "$tmp/events" | jq -s -e "any(.[]; $1)" >/dev/null
}
if events_has '.event == "bfd" and .peer == "192.0.2.2" and .state == "up"'; then
	tap_ok "events: a's session reported up"
else
	tap_fail "events: a's session reported up" "$(tr '\n' ' ' <"$tmp/events")"
fi

# --- deletion: the peer hears AdminDown ----------------------------------------
check_bfd_state "del: a is up before" "$a" 192.0.2.2 up
bfd_del "$b" 192.0.2.1 || tap_fail "bfd del on b"
check_bfd_state "del: a goes down" "$a" 192.0.2.2 down 5
check "del: a's diagnostic is 'neighbor signaled down' (3), not a timeout" \
	test "$(bfd_json "$a" 192.0.2.2 .diag)" = 3
check "del: a saw the peer admin down" \
	test "$(bfd_json "$a" 192.0.2.2 .remote_state)" = admin_down
if vwait 5 events_has '.event == "bfd" and .peer == "192.0.2.2" and
	.old_state == "up" and .state == "down" and .diag == 3'; then
	tap_ok "events: a's session reported down by its neighbour"
else
	tap_fail "events: a's session reported down by its neighbour" "$(tr '\n' ' ' <"$tmp/events")"
fi

# --- the device goes: its sessions with it -----------------------------------
ip -n "$a" link del eth0
check "device deleted: a's sessions are gone" \
	test "$(mwgctl_ns "$a" -j bfd show | jq length)" = 0

# --- teardown with live sessions: namespace deletion -------------------------
stop_bg
ns_gone "$a"
ns_gone "$b"
check "kernel log clean" kmsg_clean
tap_done
