#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Proxy HA, scanners coming and going: a scanner whose mwgd dies drains
# (weight 0, no new connection, its established one goes on) and is
# deleted after drain_s; a scanner that dies whole gets no new connection
# once the director has noticed; a new scanner gets connections within an
# interval; the scheduler changes on reload; the director serves as a
# scanner too (local real server).
#
#   d1 192.0.2.1 (VR prio 200)          director, IPVS
#   s1 .11  s2 .12  s3 .13  s4 .14      scanners (s4 joins later)
#   c  .200 (+ .201-.230)               client
. "$(dirname "$0")/proxy_lib.sh"

DRAIN_S=8
# The director notices a death after dead_after rounds, flushes a quarter
# interval later; the rest is the guest's slowness.
NOTICE_MS=$(( (MWGD_DEAD + 2) * MWGD_MS + 2 * MWGD_SLACK_S * 1000 ))

proxy_setup
mwgd_node d1 192.0.2.1
for s in s1 s2 s3 s4; do
	mwgd_node "$s" "192.0.2.1${s#s}"
done
vr_add "$d1" "$VRID" 200 >/dev/null || ksft_fail "vr add on d1"
wait_state "$d1" "$VRID" master || ksft_fail "d1 did not become master"

proxy_conf "$MWGD_DIR/director.conf" "vr=eth0 $VRID" drain_s=$DRAIN_S
proxy_conf "$MWGD_DIR/scanner.conf"
mwgd_director d1 "$d1" 192.0.2.1 -c "$MWGD_DIR/director.conf"
for s in s1 s2 s3; do
	server "$s" "${!s}"
	mwgd_scanner "$s" "${!s}" -c "$MWGD_DIR/scanner.conf" -o ports=$PROXY_PORT
done
vwait 20 dests_are "$d1" 3 || ksft_fail "d1 never had 3 real servers"

# weight_is NS ADDR W: real server ADDR has weight W ("" when absent).
weight_is() {
	[ "$(dest_field "$1" "$2" weight)" = "$3" ]
}
addr_of() {
	echo "192.0.2.1${1#s}"
}
# unscheduled NAME: scanner NAME gets no new connection (weight 0 or gone).
unscheduled() {
	local w
	w=$(dest_field "$d1" "$(addr_of "$1")" weight)
	[ -z "$w" ] || [ "$w" = 0 ]
}

# --- a scanner whose mwgd dies drains ------------------------------------------------
hold_start
vwait 30 hold_beyond 3 || ksft_fail "no long-lived connection: $(cat "$hold_log" "$MWGD_DIR/client.log" 2>&1)"
x=$(sed -n 's/^hello //p' "$hold_log")
echo "# the long-lived connection is on $x"
t0=$(now_ms)
mwgd_kill "$x" KILL
if vwait $((NOTICE_MS / 1000 + 1)) weight_is "$d1" "$(addr_of "$x")" 0; then
	tap_ok "$x drains: weight 0 within $(elapsed_since "$t0") ms of its death (bound $NOTICE_MS)"
else
	tap_fail "$x drains: weight 0" "$(service_json "$d1")"
fi
# Quick, before drain_s runs out: IPVS drops the packets of connections
# whose real server was deleted.
check "it stays while its connection is active" \
	test "$(dest_field "$d1" "$(addr_of "$x")" active)" = 1
check "its established connection still exchanges data" \
	vwait 3 hold_beyond $(($(hold_oks) + 5))
spread 30
check "no new connection goes to the draining $x" test "${SPREAD[$x]:-0}" = 0
check "and no client error" test "$SPREAD_ERRORS" = 0
if vwait $((DRAIN_S + MWGD_SLACK_S)) weight_is "$d1" "$(addr_of "$x")" ""; then
	ms=$(elapsed_since "$t0")
	if [ "$ms" -ge $((DRAIN_S * 1000)) ]; then
		tap_ok "deleted after drain_s, active connection or not ($ms ms after its death)"
	else
		tap_fail "deleted after drain_s, not before" "$ms ms"
	fi
else
	tap_fail "deleted after drain_s" "$(service_json "$d1")"
fi
kill -9 "$hold_pid" 2>/dev/null

# --- a scanner dying whole ------------------------------------------------------------
for y in s1 s2 s3; do
	[ "$y" != "$x" ] && break
done
t0=$(now_ms)
mwgd_kill "$y" KILL
server_kill "$y"
if vwait $((NOTICE_MS / 1000 + 1)) unscheduled "$y"; then
	ms=$(elapsed_since "$t0")
	echo "# $y: death to weight 0 in IPVS: $ms ms"
	tap_ok "dead $y leaves the scheduling within $ms ms (bound $NOTICE_MS)"
else
	tap_fail "dead $y leaves the scheduling" "$(service_json "$d1")"
fi
spread 60
check "no new connection goes to the dead $y" test "${SPREAD[$y]:-0}" = 0
check "and no client error" test "$SPREAD_ERRORS" = 0
check "without connections it is deleted within an interval or two" \
	vwait "$MWGD_SLACK_S" weight_is "$d1" "$(addr_of "$y")" ""

# --- a scanner joining ---------------------------------------------------------------
server s4 "$s4"
nap 1
t0=$(now_ms)
mwgd_scanner s4 "$s4" -c "$MWGD_DIR/scanner.conf" -o ports=$PROXY_PORT \
	-o capacity=250
if vwait "$MWGD_SLACK_S" weight_is "$d1" 192.0.2.14 100; then
	tap_ok "s4 is a real server $(elapsed_since "$t0") ms after its mwgd started (interval $MWGD_MS ms)"
else
	tap_fail "s4 becomes a real server" "$(service_json "$d1")"
fi
spread 60
check "s4 gets connections" got_share s4
check "no client error" test "$SPREAD_ERRORS" = 0

# --- a scanner whose proxy is down, its mwgd running ------------------------------------
# With port_check, s4 announces its port only while a local connect to it
# succeeds; with none answering it says so, and the director takes it out
# of service at its next announcement.
CHECK_MS=200
mwgd_kill s4 TERM
vwait 5 mwgd_gone s4 || tap_fail "s4's mwgd stops" "still running"
mwgd_scanner s4 "$s4" -c "$MWGD_DIR/scanner.conf" -o ports=$PROXY_PORT \
	-o capacity=250 -o port_check=yes -o port_check_interval=${CHECK_MS}ms
check "s4 with port_check: a real server while its proxy answers" \
	vwait "$MWGD_SLACK_S" weight_is "$d1" 192.0.2.14 100
out0=$(stat_of d1 scanners_out_of_service)
t0=$(now_ms)
server_kill s4
bound=$((CHECK_MS + 2 * MWGD_MS + MWGD_SLACK_S * 1000))
if vwait $((bound / 1000 + 1)) unscheduled s4; then
	ms=$(elapsed_since "$t0")
	echo "# s4: proxy down to out of IPVS scheduling: $ms ms (check ${CHECK_MS} ms, discovery $MWGD_MS ms)"
	tap_ok "s4's proxy down: out of the scheduling in $ms ms (bound $bound)"
else
	tap_fail "s4's proxy down: out of the scheduling" "$(service_json "$d1")"
fi
check "s4's mwgd still runs" eval '! mwgd_gone s4'
check "the director counted it out of service" \
	test "$(stat_of d1 scanners_out_of_service)" -gt "$out0"
check "the scanner logged why" grep -q "does not answer: no longer announced" \
	"$MWGD_DIR/s4.log"
spread 30
check "no new connection goes to s4" test "${SPREAD[s4]:-0}" = 0
check "and no client error" test "$SPREAD_ERRORS" = 0
server s4 "$s4"
check "s4's proxy back: a real server again" \
	vwait "$MWGD_SLACK_S" weight_is "$d1" 192.0.2.14 100

# --- scheduler on reload ------------------------------------------------------------
proxy_conf "$MWGD_DIR/director.conf" "vr=eth0 $VRID" drain_s=$DRAIN_S scheduler=wlc
mwgd_kill d1 HUP
sched_is() {
	[ "$(service_json "$d1" | jq -r '.services[0].scheduler')" = "$1" ]
}
check "reload: scheduler wlc" vwait 3 sched_is wlc
spread 30
check "wlc: connections go through, no error" eval '[ "$SPREAD_ERRORS" = 0 ] && got_share s4'

# --- the director as a scanner ------------------------------------------------------
server d1 "$d1"
proxy_conf "$MWGD_DIR/director.conf" "vr=eth0 $VRID" drain_s=$DRAIN_S local_scanner=yes
mwgd_kill d1 HUP
check "reload: the director is a local real server" \
	vwait 3 weight_is "$d1" 192.0.2.1 100
check "back to mh" vwait 3 sched_is mh
spread 60
check "the director answers its share" got_share d1
check "no client error" test "$SPREAD_ERRORS" = 0

# --- UDP, weights from capacity, NAT: what IPVS is told ----------------------------
proxy_conf "$MWGD_DIR/director.conf" "vr=eth0 $VRID" drain_s=$DRAIN_S \
	udp_ports=$PROXY_PORT weight=capacity forward=nat
mwgd_kill d1 HUP
udp_dests() {
	service_json "$d1" | jq --arg vip "$VIP" '[.services[] |
		select(.protocol == "udp" and .address == $vip) |
		.real_servers[]] | length'
}
check "reload: a UDP service with the live scanners" \
	vwait 3 eval '[ "$(udp_dests)" = 2 ]'
check "weight = capacity: s4 announces 250" vwait 3 weight_is "$d1" 192.0.2.14 250
check "a scanner announcing none keeps 100" weight_is "$d1" 192.0.2.12 100
check "forward = nat: masquerading" \
	eval '[ "$(dest_field "$d1" 192.0.2.12 forward)" = masq ]'
check "no IPVS request failed" test "$(stat_of d1 ipvs_errors)" = 0
tap_done
