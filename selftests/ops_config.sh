#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Persistent VRs: mwgd applies the [vr] sections of its configuration at
# start, and on SIGHUP only the difference: an unchanged VR sees no event,
# a changed one gets its new setting, a removed one goes, a new one comes,
# and a VR made by hand with mwgctl is never touched.  The metrics file
# is valid Prometheus text with the VRs' state.
#
#   r1 192.0.2.1 --- r2 192.0.2.2 (nothing: r1's VRs are all master)
. "$(dirname "$0")/mwgd_lib.sh"

mwgd_setup
vrrp_ns r1 r2
veth_pair "$r1" 192.0.2.1 "$r2" 192.0.2.2
conf=$MWGD_DIR/mwgd.conf
prom=$MWGD_DIR/metrics.prom

# conf SECTIONS...: the common keys, then the [vr] sections given.
write_conf() {
	{
		echo "role = scanner"
		echo "interface = eth0"
		echo "node_id_file = $MWGD_DIR/r1.id"
		echo "vr_state_file = $MWGD_DIR/vrs"
		echo "metrics_file = $prom"
		echo "metrics_interval_s = 1"
		printf '%b' "$@"
	} >"$conf"
}
unchanged="[vr eth0 1]\nprio = 100\nvips = 192.0.2.101/24\ninterval = $ADV_MS\n"
changed_old="[vr eth0 2]\nprio = 100\nvips = 192.0.2.102/24\ninterval = $ADV_MS\npreempt = yes\ntrack_bfd = no\n"
changed_new="[vr eth0 2]\nprio = 150\nvips = 192.0.2.102/24\ninterval = $ADV_MS\npreempt = yes\ntrack_bfd = yes\nbfd_peer = 192.0.2.2\npeer = 192.0.2.2\n"
removed="[vr gone]\ndev = eth0\nvrid = 3\nprio = 100\nvip = 192.0.2.103/24\ninterval = $ADV_MS\n"
added="[vr eth0 4]\nprio = 90\nvip = 192.0.2.104/24\ninterval = $ADV_MS\naccept = on\n"

vr_add "$r1" 9 100 >/dev/null || ksft_fail "hand-made vr 9"
write_conf "$unchanged" "$changed_old" "$removed"
mwgd_start r1 "$r1" -c "$conf"

for v in 1 2 3; do
	check_state "vrid $v from the file is master" "$r1" "$v" master
done
check "vrid 2 has prio 100" test "$(vr_json "$r1" 2 .priority)" = 100
check "the hand-made vrid 9 is there" wait_state "$r1" 9 master

# --- metrics ----------------------------------------------------------------
# prom_valid FILE: every line a comment (HELP/TYPE) or "name{labels} value",
# each sample's metric declared by a TYPE line before it.
prom_valid() {
	python3 - "$1" <<'PY'
import re, sys
types = {}
sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)'
                    r'(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})?'
                    r' (-?[0-9.eE+]+|NaN|[+-]Inf)$')
for n, line in enumerate(open(sys.argv[1]), 1):
    line = line.rstrip('\n')
    if line.startswith('# HELP '):
        continue
    if line.startswith('# TYPE '):
        _, _, name, kind = line.split(' ', 3)
        if kind not in ('counter', 'gauge', 'untyped', 'summary', 'histogram') or name in types:
            sys.exit('line %d: bad TYPE: %s' % (n, line))
        types[name] = kind
        continue
    m = sample.match(line)
    if not m:
        sys.exit('line %d: not a sample: %s' % (n, line))
    if m.group(1) not in types:
        sys.exit('line %d: no TYPE for %s' % (n, m.group(1)))
PY
}
check "the metrics file is written" vwait 5 test -s "$prom"
check "the metrics file is valid Prometheus text" prom_valid "$prom"
check "metrics: vrid 1 is master (2)" vwait 3 grep -q \
	'^mwg_vrrp_vr_state{dev="eth0",vrid="1",family="inet"} 2$' "$prom"
check "metrics: RFC 6527 counters per VR" grep -q \
	'^mwg_vrrp_vr_master_transitions_total{dev="eth0",vrid="2",family="inet"} [1-9]' "$prom"
check "metrics: mwgd's own counters" grep -q '^mwgd_rx_packets_total ' "$prom"
check "no temporary file left" test ! -e "$prom.tmp"

# --- reload with one unchanged, one changed, one removed, one added -----------
mwgctl_ns "$r1" -j monitor >"$MWGD_DIR/events" 2>&1 &
mon=$!
defer kill "$mon"
vwait 3 monitor_ready "$r1" || tap_fail "monitor ready"
write_conf "$unchanged" "$changed_new" "$added"
mwgd_kill r1 HUP
check_state "the added vrid 4 comes up" "$r1" 4 master
check "the removed vrid 3 is gone" vwait 3 bash -c \
	"! [ -e ${SYSFS[$r1]}/class/net/eth0/mwg_vrrp/3 ]"
prio_is() {
	[ "$(vr_json "$r1" "$1" .priority)" = "$2" ]
}
check "the changed vrid 2 has prio 150" vwait 3 prio_is 2 150
check "...track_bfd changed too" test "$(vr_json "$r1" 2 .track_bfd)" = true
check "...and its bfd_peer" test "$(vr_json "$r1" 2 .bfd_peer)" = 192.0.2.2
check "...and its unicast peer" \
	test "$(vr_json "$r1" 2 '.unicast_peers | join(" ")')" = 192.0.2.2
check "vrid 4 has accept on" test "$(vr_json "$r1" 4 .accept)" = true
check "the hand-made vrid 9 is untouched" state_is "$r1" 9 master
nap 0.5
kill "$mon" 2>/dev/null
events_of() {
	jq -c "select(.vrid == $1)" "$MWGD_DIR/events" 2>/dev/null
}
check "events were heard (the monitor works)" test -n "$(events_of 4)"
if [ -n "$(events_of 1)" ]; then
	tap_fail "the unchanged vrid 1 did not flap" "$(events_of 1)"
else
	tap_ok "the unchanged vrid 1 did not flap"
fi
check "vrid 1 is still master" state_is "$r1" 1 master
check "the log names what changed" grep -q 'vr eth0 2\]: changed' "$MWGD_DIR/r1.log"

# --- a restart with vrid 4 dropped from the file deletes it (state file) ------
mwgd_kill r1 TERM
vwait 3 mwgd_gone r1
write_conf "$unchanged" "$changed_new"
mwgd_start r1 "$r1" -c "$conf"
check "after a restart, vrid 4 (created by mwgd, now gone from the file) is deleted" \
	vwait 5 bash -c "! [ -e ${SYSFS[$r1]}/class/net/eth0/mwg_vrrp/4 ]"
check "... and the hand-made vrid 9 still untouched" state_is "$r1" 9 master

# --- a bad section: refused at start with its line -----------------------------
write_conf "[vr eth0 5]\nprio = 300\nvip = 192.0.2.105\n"
if ip netns exec "$r1" "$MWGD" -f -c "$conf" 2>"$MWGD_DIR/bad.log"; then
	tap_fail "a bad [vr] section is refused" "mwgd started"
else
	check "a bad [vr] section is refused with its line" \
		grep -q 'mwgd.conf:[0-9]*: \[vr eth0 5\]: invalid prio' "$MWGD_DIR/bad.log"
fi
mwgd_log r1 8
tap_done
