#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mwgd discovery on one segment: two directors running the VR and mwgd,
# three scanners.  Scanners appear in the kernel table, a killed scanner
# leaves it, a new one joins it, a reload keeps it, and when mwgd itself is
# killed the kernel drops its entries by lease.
#
#   d1 192.0.2.1 (VR prio 200)  d2 192.0.2.2 (prio 100)
#   s1 .11  s2 .12  s3 .13            all on br0 of namespace sw
. "$(dirname "$0")/mwgd_lib.sh"

mwgd_setup
mwgd_node d1 192.0.2.1
mwgd_node d2 192.0.2.2
mwgd_node s1 192.0.2.11
mwgd_node s2 192.0.2.12
mwgd_node s3 192.0.2.13
mwgd_node s4 192.0.2.14

vr_add "$d1" "$VRID" 200 >/dev/null || ksft_fail "vr add on d1"
vr_add "$d2" "$VRID" 100 >/dev/null || ksft_fail "vr add on d2"
wait_state "$d1" "$VRID" master || ksft_fail "d1 did not become master"

mwgd_director d1 "$d1" 192.0.2.1
mwgd_director d2 "$d2" 192.0.2.2
mwgd_scanner s1 "$s1"
mwgd_scanner s2 "$s2"
mwgd_scanner s3 "$s3"

# Appearance: at most one interval for the next discovery, a quarter for
# the batch; the rest is the guest's slowness.
if vwait "$MWGD_SLACK_S" count_is "$d1" 3; then
	tap_ok "three scanners in the active director's kernel table"
else
	tap_fail "three scanners in the active director's kernel table" \
		"count is $(scanner_count "$d1")"
	mwgd_log d1
fi
check "entries carry name, address, ports and a lease" \
	bash -c "$(declare -f scanner_json mwgctl_ns); MWGCTL=$MWGCTL; \
	scanner_json $d1 | jq -e '[.[] | select(.name == \"s2\")][0] |
		.addr == \"192.0.2.12\" and (.ports | index(3128)) != null and
		.lease_ms > 0'"
if vwait "$MWGD_SLACK_S" count_is "$d2" 3; then
	tap_ok "the backup director tracks them too"
else
	tap_fail "the backup director tracks them too" "count $(scanner_count "$d2")"
fi
check "d1 is the active director" test "$(stat_of d1 state)" = active
check "d2 is a backup director" test "$(stat_of d2 state)" = backup
check "each scanner answers both directors" test "$(stat_of s1 directors)" = 2

# --- a scanner dies ------------------------------------------------------------
t0=$(now_ms)
mwgd_kill s2 KILL
if vwait $((MWGD_SLACK_S + 1)) no_scanner "$d1" s2; then
	ms=$(elapsed_since "$t0")
	tap_ok "killed scanner removed after ${ms} ms (dead_after $MWGD_DEAD x $MWGD_MS ms)"
	check "not before dead_after intervals" test "$ms" -ge $((MWGD_DEAD * MWGD_MS - MWGD_MS))
else
	tap_fail "killed scanner removed" "still in the table"
fi
check "the others stay" count_is "$d1" 2
check "expiry counted" stat_ge d1 scanners_expired 1

# --- a scanner starts ----------------------------------------------------------
t0=$(now_ms)
mwgd_scanner s4 "$s4"
if vwait "$MWGD_SLACK_S" has_scanner "$d1" s4; then
	tap_ok "new scanner appears after $(elapsed_since "$t0") ms"
else
	tap_fail "new scanner appears" "not in the table"
	mwgd_log s4
fi

# --- reload keeps the live set -------------------------------------------------
before=$(stat_of d1 scanners_added)
mwgd_kill d1 HUP
vwait 3 stat_ge d1 reloads 1
check "SIGHUP reloads" stat_ge d1 reloads 1
check "the live set survives the reload" count_is "$d1" 3
check "no scanner is added anew by the reload" \
	test "$(stat_of d1 scanners_added)" = "$before"

# --- mwgd dies: the kernel drops its entries by lease ------------------------------
lease=$((MWGD_DEAD * MWGD_MS + MWGD_MS + 500))
t0=$(now_ms)
mwgd_kill d1 KILL
if vwait "$MWGD_SLACK_S" count_is "$d1" 0; then
	tap_ok "mwgd killed: entries expire by lease after $(elapsed_since "$t0") ms (lease $lease ms)"
else
	tap_fail "mwgd killed: entries expire by lease" "count $(scanner_count "$d1")"
fi

# --- clean exit on SIGTERM ---------------------------------------------------------
mwgd_kill s1 TERM
if vwait 3 mwgd_gone s1; then
	wait "${MWGD_PID[s1]}"
	check "SIGTERM: clean exit, status 0" test "$?" = 0
	check "the stats file is written at exit" test -s "$MWGD_DIR/s1.stats"
else
	tap_fail "SIGTERM: clean exit" "still running"
fi
if grep -q ' error:' "$MWGD_DIR/d2.log"; then
	tap_fail "no error logged by d2"
	grep ' error:' "$MWGD_DIR/d2.log" | head -5 | sed 's/^/#   /'
else
	tap_ok "no error logged by d2"
fi
tap_done
