#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Discovery without a key: a director without key_file is refused (file
# and line named) unless the configuration says insecure = yes, at start
# and at reload (the old configuration stays); insecure = yes is warned
# about at every start and reload; one source address flooding
# announcements is cut to announce_rate (counted as rx_rate_limited); a
# [proxy] service takes at most max_real_servers real servers (the rest
# counted as ipvs_dests_capped, logged once).
#
#   d1 192.0.2.1 (director, IPVS), x .50 (mwgd-sim: many scanners, one
#   address), x1..x6 .51-.56 (mwgd-sim: one scanner each)
. "$(dirname "$0")/proxy_lib.sh"

proxy_setup
mwgd_node d1 192.0.2.1
mwgd_node x 192.0.2.50
vr_add "$d1" "$VRID" 200 >/dev/null || ksft_fail "vr add on d1"
wait_state "$d1" "$VRID" master || ksft_fail "d1 did not become master"

# --- refused without a key ------------------------------------------------------
printf 'role = director\ninterface = eth0\nmgmt_ip = 192.0.2.1\nvr = eth0 %s\n' \
	"$VRID" >"$MWGD_DIR/nokey.conf"
out=$(ip netns exec "$d1" timeout 10 "$MWGD" -f -c "$MWGD_DIR/nokey.conf" \
	-o "node_id_file=$MWGD_DIR/t.id" 2>&1)
rc=$?
if [ "$rc" != 0 ] && [ "$rc" != 124 ] &&
   [[ $out == *"nokey.conf:1: "*key_file*"insecure = yes"* ]]; then
	tap_ok "a director without a key is refused: ${out##*error: }"
else
	tap_fail "a director without a key is refused" "rc $rc: $out"
fi
out=$(ip netns exec "$d1" timeout 10 "$MWGD" -f -r director -i eth0 \
	-a 192.0.2.1 -o "node_id_file=$MWGD_DIR/t.id" 2>&1)
rc=$?
if [ "$rc" != 0 ] && [ "$rc" != 124 ] && [[ $out == *"command line: "*key_file* ]]; then
	tap_ok "so is one set up on the command line"
else
	tap_fail "so is one set up on the command line" "rc $rc: $out"
fi

# --- insecure = yes: runs, warned at start and reload -----------------------------
PORT=3128
write_conf() {
	{
		echo "role = director"
		echo "mgmt_ip = 192.0.2.1"
		echo "vr = eth0 $VRID"
		[ "$1" = insecure ] && echo "insecure = yes"
		echo "announce_rate = $2"
		echo "announce_burst = 20"
		echo "[proxy web]"
		echo "vip = $VIP"
		echo "ports = $PORT"
		echo "max_real_servers = 4"
		echo "sync = no"
	} >"$MWGD_DIR/d1.conf"
}
warnings() {
	grep -c "insecure = yes: discovery without a key" "$MWGD_DIR/d1.log"
}
write_conf insecure 10
mwgd_start d1 "$d1" -c "$MWGD_DIR/d1.conf"
# The log first: SIGUSR1 (the stats) before mwgd blocks it would kill it.
if vwait $((MWGD_SLACK_S * 2)) grep -q "started: role director" "$MWGD_DIR/d1.log" &&
   vwait "$MWGD_SLACK_S" stat_ge d1 tx_discover 1; then
	tap_ok "with insecure = yes the director runs"
else
	tap_fail "with insecure = yes the director runs" "no discovery sent"
	mwgd_log d1
fi
check "insecure = yes is logged as a warning at start" test "$(warnings)" = 1

# --- one address flooding: cut to announce_rate ---------------------------------
ip netns exec "$x" "$MWGD_SIM" -i eth0 -n 50 -N flood -S "$RANDOM" &
sim=$!
defer kill -9 "$sim"
if vwait "$MWGD_SLACK_S" stat_ge d1 rx_rate_limited 30; then
	tap_ok "a flood of 50 ids from one address: rx_rate_limited $(stat_of d1 rx_rate_limited)"
else
	tap_fail "a flood from one address is rate-limited" \
		"rx_rate_limited $(stat_of d1 rx_rate_limited)"
fi
n=$(scanner_count "$d1")
check "some of the flood's ids are live, not all ($n of 50; burst 20, 10 a second)" \
	test "$n" -ge 1 -a "$n" -lt 50
kill -9 "$sim" 2>/dev/null
wait "$sim" 2>/dev/null

# --- the real-server cap ---------------------------------------------------------
# A reload without insecure is refused, the old configuration stays.
write_conf secure 10
mwgd_kill d1 HUP
if vwait 5 grep -q "reload: .*d1.conf:1: .*insecure = yes.*the old configuration stays" \
	"$MWGD_DIR/d1.log"; then
	tap_ok "a reload without insecure is refused, the old configuration stays"
else
	tap_fail "a reload without insecure is refused" "$(tail -n 3 "$MWGD_DIR/d1.log")"
fi
check "mwgd still runs after the refused reload" kill -0 "${MWGD_PID[d1]}"
write_conf insecure 0
mwgd_kill d1 HUP
warned_twice() {
	[ "$(warnings)" = 2 ]
}
check "insecure = yes is warned about again at the reload" vwait 5 warned_twice
# Six scanner addresses (a real server is an address): x1 .. x6.
for i in 1 2 3 4 5 6; do
	mwgd_node "x$i" "192.0.2.5$i"
	ns=x$i
	ip netns exec "${!ns}" "$MWGD_SIM" -i eth0 -n 1 -N "cap$i" -S "$i$RANDOM" &
	defer kill -9 "$!"
done
vwait $((MWGD_SLACK_S * 2)) count_is "$d1" 6 ||
	echo "# table: $(scanner_count "$d1") entries"
dests() {
	service_json "$d1" | jq --arg vip "$VIP" --argjson port "$PORT" '
		[.services[] | select(.protocol == "tcp" and .address == $vip and
				      .port == $port) | .real_servers[]] | length'
}
dests_4() {
	[ "$(dests)" = 4 ]
}
if vwait "$MWGD_SLACK_S" dests_4 && nap 1 && dests_4; then
	tap_ok "6 live scanners, max_real_servers 4: 4 real servers"
else
	tap_fail "max_real_servers 4 holds" "$(dests) real servers"
fi
check "the left-out ones are counted (ipvs_dests_capped)" \
	stat_ge d1 ipvs_dests_capped 2
# Counted from the last reload, which starts the "once" again.
check "the cap is logged once" test "$(sed -n '/configuration reloaded/h;
	/configuration reloaded/!H; ${x;p}' "$MWGD_DIR/d1.log" |
	grep -c "above max_real_servers 4")" = 1
tap_done
