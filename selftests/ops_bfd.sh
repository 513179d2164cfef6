#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Persistent BFD sessions: mwgd applies the [bfd] sections of its
# configuration before the [vr] ones, at start and on SIGHUP by difference:
# a missing session is added (and comes Up with its peer), an unchanged one
# is not touched, new timers are set on the running session (it stays Up),
# a new local address is refused in the log, a removed section's session
# goes, and a session made by hand with mwgctl is never touched. A [vr]
# that tracks the session is applied after it.
#
#   r1 eth0 192.0.2.1 (mwgd) --- r2 eth0 192.0.2.2 (mwgctl bfd add)
. "$(dirname "$0")/mwgd_lib.sh"

mwgd_setup
vrrp_ns r1 r2
veth_pair "$r1" 192.0.2.1 "$r2" 192.0.2.2
conf=$MWGD_DIR/mwgd.conf

# write_conf SECTIONS...: the common keys, then SECTIONS.
write_conf() {
	{
		echo "role = scanner"
		echo "interface = eth0"
		echo "vr_state_file = $MWGD_DIR/vrs"
		printf '%b' "$@"
	} >"$conf"
}

# bfd_field PEER PATH: the jq PATH (".tx_us") of r1's session to PEER
# ("none": no session).
bfd_field() {
	mwgctl_ns "$r1" -j bfd show dev eth0 |
		jq -r --arg p "$1" "[.[] | select(.peer == \$p)] |
			if length == 0 then \"none\" else .[0] | $2 end"
}
bfd_is() {
	[ "$(bfd_field "$1" "$2")" = "$3" ]
}
# logged TEXT: the number of r1's log lines with TEXT.
logged() {
	grep -c -- "$1" "$MWGD_DIR/r1.log"
}

mwgctl_ns "$r1" bfd add dev eth0 peer 192.0.2.9 ||
	ksft_fail "hand-made session on r1"
mwgctl_ns "$r2" bfd add dev eth0 peer 192.0.2.1 tx-us 50000 rx-us 50000 \
	multiplier 10 ||
	ksft_fail "r2's session to r1"
TO_R2='[bfd to-r2]\ndev = eth0\npeer = 192.0.2.2\nrx_us = 50000\nmultiplier = 10\n'
TRACKER=$(printf '[vr tracker]\\ndev = eth0\\nvrid = 5\\nprio = 100\\nvip = 192.0.2.105/24\\ninterval = %s\\ntrack_bfd = yes\\nbfd_peer = 192.0.2.2\\n' "$ADV_MS")
write_conf "${TO_R2}tx_us = 50000\n$TRACKER"
mwgd_start r1 "$r1" -c "$conf"

check "the file's session is added" vwait 5 bfd_is 192.0.2.2 .tx_us 50000
check "it comes Up with r2" vwait 10 bfd_is 192.0.2.2 .state up
check "with the file's multiplier" bfd_is 192.0.2.2 .multiplier 10
check "the log says it was added" \
	test "$(logged '\[bfd to-r2\]: added dev eth0 peer 192.0.2.2')" = 1
check "the [vr] tracking it is created after it" \
	test "$(mwgctl_ns "$r1" -j vr show dev eth0 vrid 5 | jq -r '.[0].track_bfd')" = true
check "the hand-made session is there" bfd_is 192.0.2.9 .state down
ups=$(bfd_field 192.0.2.2 .stats.up)

# --- reload: unchanged -------------------------------------------------------------
mwgd_kill r1 HUP
nap 1
check "an unchanged session is not touched on reload" \
	test "$(logged '\[bfd to-r2\]: \(added\|changed\)')" = 1

# --- reload: new timers ------------------------------------------------------------
write_conf "${TO_R2}tx_us = 60000\n$TRACKER"
mwgd_kill r1 HUP
check "new tx_us on reload" vwait 5 bfd_is 192.0.2.2 .tx_us 60000
check "the log says it changed" \
	test "$(logged '\[bfd to-r2\]: changed dev eth0 peer 192.0.2.2')" = 1
check "the session stayed Up" bfd_is 192.0.2.2 .state up
check "and did not go Down and Up again" \
	test "$(bfd_field 192.0.2.2 .stats.up)" = "$ups"

# --- reload: another local address ---------------------------------------------------
write_conf "${TO_R2}tx_us = 60000\nlocal = 192.0.2.77\n$TRACKER"
mwgd_kill r1 HUP
check "a new local address is refused in the log" \
	vwait 5 grep -q '\[bfd to-r2\]: local 192.0.2.77: a running session keeps its local address' \
	"$MWGD_DIR/r1.log"
check "and the session keeps its own" \
	test "$(bfd_field 192.0.2.2 .local)" != 192.0.2.77

# --- reload: the section removed -----------------------------------------------------
write_conf ""
mwgd_kill r1 HUP
check "a removed section's session is deleted" vwait 5 bfd_is 192.0.2.2 .state none
check "the log says why" \
	test "$(logged 'deleted bfd dev eth0 peer 192.0.2.2: no longer in the file')" = 1
check "the hand-made session is untouched" bfd_is 192.0.2.9 .state down
check "mwgd still runs" eval '! mwgd_gone r1'

tap_done
