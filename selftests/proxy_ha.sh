#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Proxy HA: mwgd programs IPVS on both directors with the live scanners as
# real servers, the scanners accept the VIP without answering ARP for it,
# new connections spread over the scanners, an established connection
# survives a director failover (connection sync), the new master's table
# is complete at takeover, and mwgd cleans up (or keeps) IPVS at exit.
#
#   d1 192.0.2.1 (VR prio 200)  d2 .2 (prio 100)   directors, IPVS
#   s1 .11  s2 .12  s3 .13                          scanners, VIP on lo
#   c  .200 (+ .201-.230)                           client
#   all on br0 of namespace sw; VIP 192.0.2.100, proxy port 9090
. "$(dirname "$0")/proxy_lib.sh"

proxy_setup
mwgd_node d1 192.0.2.1
mwgd_node d2 192.0.2.2
for s in s1 s2 s3; do
	mwgd_node "$s" "192.0.2.1${s#s}"
done

vr_add "$d1" "$VRID" 200 >/dev/null || ksft_fail "vr add on d1"
vr_add "$d2" "$VRID" 100 >/dev/null || ksft_fail "vr add on d2"
wait_state "$d1" "$VRID" master || ksft_fail "d1 did not become master"

proxy_conf "$MWGD_DIR/director.conf" "vr=eth0 $VRID" drain_s=2
proxy_conf "$MWGD_DIR/scanner.conf"
arp_ignore_before=$(nsx "$s1" sysctl -n net.ipv4.conf.all.arp_ignore)
mwgd_director d1 "$d1" 192.0.2.1 -c "$MWGD_DIR/director.conf"
mwgd_director d2 "$d2" 192.0.2.2 -c "$MWGD_DIR/director.conf"
for s in s1 s2 s3; do
	server "$s" "${!s}"
	mwgd_scanner "$s" "${!s}" -c "$MWGD_DIR/scanner.conf" -o ports=$PROXY_PORT
done

# --- programming ---------------------------------------------------------------
# Start-up of five programs in a loaded guest: a setup wait, not a bound.
if vwait 20 dests_are "$d1" 3; then
	tap_ok "d1 (master) has the three scanners as real servers"
else
	tap_fail "d1 has the three scanners as real servers" "$(service_json "$d1")"
	mwgd_log d1
fi
if vwait 20 dests_are "$d2" 3; then
	tap_ok "d2 (backup) has them too"
else
	tap_fail "d2 (backup) has them too" "$(service_json "$d2")"
	mwgd_log d2
	for s in s1 s2 s3; do
		mwgd_log "$s" 5
	done
fi
if command -v ipvsadm >/dev/null; then
	ipvsadm_dests() {
		nsx "$d1" ipvsadm -Ln -t "$VIP:$PROXY_PORT" |
			grep -c -E '192\.0\.2\.1[123]:9090 +Route +100 '
	}
	check "ipvsadm sees the same: 3 real servers, Route, weight 100" \
		test "$(ipvsadm_dests)" = 3
else
	tap_skip "ipvsadm sees the same" "no ipvsadm (scripts/setup installs it)"
fi
check "scheduler mh by default" test "$(service_json "$d1" |
	jq -r '.services[0].scheduler')" = mh
check "with the fallback flag (a draining scanner's clients move on)" \
	test "$(service_json "$d1" | jq -r '.services[0].flags')" = 8
check "direct routing by default" test "$(dest_field "$d1" 192.0.2.11 forward)" = route
check "sync daemon: master on d1" vwait 3 sync_is "$d1" master
check "sync daemon: backup on d2" vwait 3 sync_is "$d2" backup
check "no IPVS request of d1 failed" test "$(stat_of d1 ipvs_errors)" = 0
check "the scanner holds the VIP on lo" has_lo_addr "$s1" "$VIP"
check "the scanner does not answer ARP for it (arp_ignore 1)" \
	test "$(nsx "$s1" sysctl -n net.ipv4.conf.all.arp_ignore)" = 1
check "arp_announce 2" \
	test "$(nsx "$s1" sysctl -n net.ipv4.conf.all.arp_announce)" = 2

for n in d1 s1; do
	pct=$(cpu_share "$n" 2)
	if [ -n "$pct" ] && [ "$pct" -lt 30 ]; then
		tap_ok "mwgd on $n idles between rounds ($pct % of a CPU)"
	else
		tap_fail "mwgd on $n idles between rounds" "$pct % of a CPU"
	fi
done

# --- spread --------------------------------------------------------------------
spread 60
check "60 new connections, no error" test "$SPREAD_ERRORS" = 0
check "every scanner got a share" got_share s1 s2 s3

# --- a connection across a director failover --------------------------------------
hold_start
vwait 30 hold_beyond 10 || ksft_fail "the long-lived connection never exchanged data: $(cat "$hold_log")"
# The backup learns the connection from the master's sync daemon.
synced() {
	nsx "$d2" cat /proc/net/ip_vs_conn | grep -qi "$(printf '%08X' $((192 << 24 | 2 << 8 | 200)))"
}
check "d2 learnt the connection through the sync daemon" vwait 10 synced

ip -n "$d1" link set eth0 down
if wait_state "$d2" "$VRID" master; then
	n=$(dest_count "$d2")
	if [ "$n" = 3 ]; then
		tap_ok "d2's IPVS table is complete at takeover"
	else
		tap_fail "d2's IPVS table is complete at takeover" "$n real servers"
	fi
else
	tap_fail "d2 takes over" "state $(vr_state "$d2" "$VRID")"
fi
check "d2's sync daemon switches to master" vwait 3 sync_is "$d2" master
before=$(hold_oks)
if vwait 30 hold_beyond $((before + 10)); then
	tap_ok "the long-lived connection exchanges data after the failover"
else
	tap_fail "the long-lived connection exchanges data after the failover" \
		"$(tail -n 3 "$hold_log")"
fi
check "and saw no error" eval "! grep -q '^err' $hold_log"
spread 30
check "new connections through d2, no error" test "$SPREAD_ERRORS" = 0

ip -n "$d1" link set eth0 up
check_state "d1 takes the VIP back" "$d1" "$VRID" master
check "d1's sync daemon is master again" vwait 5 sync_is "$d1" master
check "d2's is backup again" vwait 5 sync_is "$d2" backup
touch "$hold_stop"
wait "$hold_pid"
check "the connection lived through both failovers" test $? = 0

mwgd_stats d1
echo "# d1: ${MWGD_STAT[ipvs_change_sets]} IPVS change sets carried ${MWGD_STAT[ipvs_msgs]} requests"

# --- exit: flush (default) and keep -------------------------------------------------
mwgd_kill d2 TERM
vwait 5 mwgd_gone d2
check "flush: d2's services are gone when its mwgd stops" \
	vwait 3 eval 'test "$(service_count "$d2")" = 0'
check "flush: and its sync daemon" vwait 3 sync_is "$d2" ""
proxy_conf "$MWGD_DIR/keep.conf" "vr=eth0 $VRID" on_exit=keep
cp "$MWGD_DIR/keep.conf" "$MWGD_DIR/director.conf"
mwgd_kill d1 HUP
vwait 3 bash -c "grep -q 'configuration reloaded' $MWGD_DIR/d1.log"
mwgd_kill d1 TERM
vwait 5 mwgd_gone d1
check "keep: d1's table stays when its mwgd stops" dests_are "$d1" 3
check "keep: and its sync daemon" sync_is "$d1" master

mwgd_kill s1 TERM
vwait 5 mwgd_gone s1
check "the scanner's VIP leaves lo at exit" eval "! has_lo_addr $s1 $VIP"
check "arp_ignore is back to $arp_ignore_before" \
	test "$(nsx "$s1" sysctl -n net.ipv4.conf.all.arp_ignore)" = "$arp_ignore_before"
tap_done
