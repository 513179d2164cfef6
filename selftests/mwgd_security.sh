#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mwgd's defences: with a shared key, forged, unsigned and replayed
# announcements are refused and counted; malformed datagrams of every kind
# are counted and survived; the scanner cap holds; key files others can
# read and bad configuration files are refused with a clear message.
#
#   d1 192.0.2.1 (director, VR prio 200), s1 .11 (scanner), x .50 (mwgd-sim)
. "$(dirname "$0")/mwgd_lib.sh"

mwgd_setup
mwgd_node d1 192.0.2.1
mwgd_node s1 192.0.2.11
mwgd_node x 192.0.2.50

KEY=$MWGD_DIR/key
key_file "$KEY"

# --- refusals at startup -------------------------------------------------------------
chmod 0644 "$KEY"
out=$(ip netns exec "$d1" "$MWGD" -f -r director -i eth0 -a 192.0.2.1 \
	-o "node_id_file=$MWGD_DIR/t.id" -k "$KEY" 2>&1)
rc=$?
if [ "$rc" != 0 ] && [[ $out == *"$KEY"*"0644"* ]]; then
	tap_ok "a world-readable key file is refused: ${out##*error: }"
else
	tap_fail "a world-readable key file is refused" "rc $rc: $out"
fi
chmod 0600 "$KEY"

printf 'role = director\ninterface = eth0\n# fine so far\ninterval_ms = fast\n' \
	>"$MWGD_DIR/bad.conf"
out=$("$MWGD" -f -c "$MWGD_DIR/bad.conf" 2>&1)
rc=$?
if [ "$rc" != 0 ] && [[ $out == *"bad.conf:4: interval_ms"* ]]; then
	tap_ok "a bad configuration names file and line: $out"
else
	tap_fail "a bad configuration names file and line" "rc $rc: $out"
fi

# --- the cluster, authenticated ------------------------------------------------------
vr_add "$d1" "$VRID" 200 >/dev/null || ksft_fail "vr add on d1"
wait_state "$d1" "$VRID" master || ksft_fail "d1 did not become master"
mwgd_director d1 "$d1" 192.0.2.1 -k "$KEY" -o max_scanners=8
mwgd_scanner s1 "$s1" -k "$KEY"
if vwait "$MWGD_SLACK_S" has_scanner "$d1" s1; then
	tap_ok "a signed scanner is accepted"
else
	tap_fail "a signed scanner is accepted" "not in the table"
	mwgd_log d1
fi

# sim_run MODE COUNT ARGS...: answer one discovery the MODE way, then exit.
sim_run() {
	local mode=$1 n=$2
	shift 2
	ip netns exec "$x" timeout 10 "$MWGD_SIM" -i eth0 -m "$mode" -n "$n" \
		-x 1 -S "$RANDOM$RANDOM" -N "$mode" "$@"
}

# check_counted NAME COUNTER MODE ARGS...: the counter rises, nothing named
# MODE* enters the table.
check_counted() {
	local name=$1 counter=$2 mode=$3 before
	shift 3
	before=$(stat_of d1 "$counter")
	sim_run "$mode" 1 "$@"
	if vwait 3 stat_ge d1 "$counter" $((before + 1)); then
		tap_ok "$name: counted as $counter"
	else
		tap_fail "$name: counted as $counter" "still $(stat_of d1 "$counter")"
	fi
	check "$name: not in the table" no_scanner "$d1" "${mode}0"
}

check_counted "forged (wrong key)" rx_auth_failed forged -k "$KEY"
check_counted "unsigned" rx_auth_missing unsigned
# Each replayed message is sent twice: the first is fresh, the second not.
before=$(stat_of d1 rx_replayed)
sim_run replay 1 -k "$KEY"
if vwait 3 stat_ge d1 rx_replayed $((before + 1)); then
	tap_ok "replayed: counted as rx_replayed"
else
	tap_fail "replayed: counted as rx_replayed" "still $(stat_of d1 rx_replayed)"
fi

# --- malformed datagrams -------------------------------------------------------------
mwgd_stats d1
declare -A base
for k in rx_truncated rx_bad_length rx_bad_version rx_oversize rx_bad_magic; do
	base[$k]=${MWGD_STAT[$k]}
done
sim_run malformed 1 -k "$KEY"
mwgd_stats d1
for k in rx_truncated rx_bad_length rx_bad_version rx_oversize rx_bad_magic; do
	check "malformed: $k counted" test "${MWGD_STAT[$k]}" -gt "${base[$k]}"
done
check "malformed: mwgd still runs" kill -0 "${MWGD_PID[d1]}"
check "malformed: the signed scanner stays" has_scanner "$d1" s1

# --- the cap: a flood of node ids ----------------------------------------------------
ip netns exec "$x" "$MWGD_SIM" -i eth0 -n 50 -N flood -k "$KEY" &
defer kill "$!"
check "flood of 50 ids: the table holds max_scanners (8)" \
	vwait "$MWGD_SLACK_S" count_is "$d1" 8
check "flood: refusals counted" stat_ge d1 scanners_refused 40
tap_done
