#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mwgctl's operator features against the module: 255 VRs from one -batch
# over one netlink socket, a line the kernel refuses named by its line
# number, -force going on after it, -n NAME acting in that namespace only,
# the last state change and the time in state in "vr show", -s.
#
#   r: eth0 192.0.2.1/24 ---- s: eth0 192.0.2.2/24
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_setup
vrrp_ns r s
veth_pair "$r" 192.0.2.1 "$s" 192.0.2.2
tmp=$(mktemp -d)
defer rm -rf "$tmp"

nr_vrs() {
	mwgctl_ns "$1" -j vr show | jq length
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# --- 255 VRs from one batch -----------------------------------------------------
for v in $(seq 1 255); do
	echo "vr add dev eth0 vrid $v prio 100 interval 1000 vip 198.18.0.$v/32"
done >"$tmp/add"
t0=$(now_ms)
rc=0
out=$(mwgctl_ns "$r" -batch "$tmp/add" 2>&1) || rc=$?
t1=$(now_ms)
echo "# 255 vr add in one batch: $((t1 - t0)) ms"
check "a batch of 255 vr add succeeds" test "$rc" = 0 -a -z "$out"
check "...and 255 VRs exist" test "$(nr_vrs "$r")" = 255
# For comparison (printed, not judged): the same kind of change, one
# process per command.
t0=$(now_ms)
for v in $(seq 1 5); do
	mwgctl_ns "$r" vr set dev eth0 vrid "$v" prio 101 || break
done
t1=$(now_ms)
echo "# 5 vr set as 5 processes: $((t1 - t0)) ms"

# --- the last state change, time in state, -s ---------------------------------
# r alone on its link: VR 10 goes init -> backup -> master (master_down).
wait_state "$r" 10 master || tap_fail "VR 10 of r never became master"
j1=$(mwgctl_ns "$r" -j vr show dev eth0 vrid 10)
sleep 1
j2=$(mwgctl_ns "$r" -j vr show dev eth0 vrid 10)
check "last_transition: from backup" \
	test "$(jq -r '.[0].last_transition.old_state' <<<"$j1")" = backup
check "last_transition: reason master_down" \
	test "$(jq -r '.[0].last_transition.reason' <<<"$j1")" = master_down
now_ns=$(date +%s%N)
t_ns=$(jq -r '.[0].last_transition.time_ns' <<<"$j1")
check "last_transition: time within the last minute ($(((now_ns - t_ns) / 1000000)) ms ago)" \
	test $((now_ns - t_ns)) -ge 0 -a $((now_ns - t_ns)) -lt 60000000000
a1=$(jq '.[0].in_state_ms' <<<"$j1")
a2=$(jq '.[0].in_state_ms' <<<"$j2")
check "in_state_ms grows with time ($a1, then $a2 one second later)" \
	test "$a2" -ge $((a1 + 900)) -a "$a2" -le $((a1 + 30000))
check "a fresh VR has no last_transition before its first change" \
	sh -c "ip netns exec '$s' '$MWGCTL' vr add dev eth0 vrid 77 prio 100 \
		vip 198.18.2.77 interval 1000 &&
		ip netns exec '$s' '$MWGCTL' -j vr show dev eth0 vrid 77 |
		jq -e '.[0].last_transition == null or
			.[0].last_transition.reason == \"startup\"' >/dev/null &&
		ip netns exec '$s' '$MWGCTL' vr del dev eth0 vrid 77"
text=$(mwgctl_ns "$r" vr show dev eth0 vrid 10)
check "text output says since when and why" \
	grep -q -E 'in-state [0-9]+\.[0-9]{3}s since .* backup -> master \(master_down\)' <<<"$text"
check "text output without -s has no counters" \
	sh -c "! grep -q 'stats:' <<'E'
$text
E"
check "-s adds the counters" \
	sh -c "ip netns exec '$r' '$MWGCTL' -s vr show dev eth0 vrid 10 | grep -q 'master_transitions 1 '"

# --- errors with their line, -force ---------------------------------------------
cat >"$tmp/mixed" <<'B'
vr set dev eth0 vrid 1 prio 150
vr add dev eth0 vrid 2 prio 100 vip 198.18.0.2/32
vr set dev eth0 vrid 3 prio 150
B
rc=0
out=$(mwgctl_ns "$r" -batch "$tmp/mixed" 2>&1) || rc=$?
if [ "$rc" = 1 ] && grep -q "^mwgctl: $tmp/mixed:2: vr add: " <<<"$out"; then
	tap_ok "the kernel's refusal names line 2: $out"
else
	tap_fail "the kernel's refusal names line 2" "exit $rc: $out"
fi
prio_of() {
	mwgctl_ns "$r" -j vr show dev eth0 vrid "$1" | jq '.[0].priority'
}
check "line 1 ran before the failure" test "$(prio_of 1)" = 150
check "without -force, line 3 did not run" test "$(prio_of 3)" != 150
rc=0
out=$(mwgctl_ns "$r" -force -batch "$tmp/mixed" 2>&1) || rc=$?
check "with -force the batch still fails (exit 1)" test "$rc" = 1
check "with -force, line 3 ran" test "$(prio_of 3)" = 150

# --- from stdin, with -j ------------------------------------------------------------
out=$(printf 'vr show dev eth0 vrid 7\nvr show dev eth0 vrid 8\n' |
	mwgctl_ns "$r" -j -batch - 2>&1)
check "-j -batch - prints one JSON document per line" \
	test "$(jq -s 'map(.[0].vrid) | join(",")' <<<"$out")" = '"7,8"'

# --- -n -----------------------------------------------------------------------------
check "-n NAME adds in that namespace" \
	"$MWGCTL" -n "$s" vr add dev eth0 vrid 9 prio 100 vip 198.18.1.9
check "...which mwgctl in that namespace sees" test "$(nr_vrs "$s")" = 1
check "...and the other namespace does not get" \
	test "$(mwgctl_ns "$r" -j vr show dev eth0 vrid 9 | jq '.[0].vips[0]')" = '"198.18.0.9/32"'
check "-n NAME -batch runs the batch there" \
	sh -c "echo 'vr del dev eth0 vrid 9' | '$MWGCTL' -n '$s' -batch -"
check "...and the VR is gone" test "$(nr_vrs "$s")" = 0
rc=0
out=$("$MWGCTL" -n "no-such-ns-$$" vr show 2>&1) || rc=$?
check "-n of a namespace that does not exist fails with exit 1" \
	test "$rc" = 1 -a -n "$out"

# --- teardown by batch ------------------------------------------------------------
for v in $(seq 1 255); do echo "vr del dev eth0 vrid $v"; done >"$tmp/del"
check "a batch of 255 vr del" mwgctl_ns "$r" -batch "$tmp/del"
check "...leaves no VR" test "$(nr_vrs "$r")" = 0
tap_done
