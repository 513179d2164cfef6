#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mwgd's notify hook: run on every VR state change with the change in its
# arguments and environment; a hook that hangs is killed after
# notify_timeout_s and the daemon goes on (discovery, reloads, more hooks);
# under a flapping VR, hooks run one at a time in event order and the last
# one reports the VR's final state.
#
#   r1 192.0.2.1 (VR prio 200), r2 192.0.2.2 (VR prio 100, mwgd + hook) on
#   br0 of sw, so that r1's link going down leaves r2's up
. "$(dirname "$0")/mwgd_lib.sh"

mwgd_setup
mwgd_node r1 192.0.2.1
mwgd_node r2 192.0.2.2
conf=$MWGD_DIR/mwgd.conf
out=$MWGD_DIR/hook.out

hook=$MWGD_DIR/hook.sh
cat >"$hook" <<HOOK
#!/bin/sh
echo "args \$*" >>$out
echo "env \$MWG_NEW_STATE \$MWG_DEV \$MWG_VRID \$MWG_FAMILY \$MWG_OLD_STATE \$MWG_REASON \$MWG_PRIORITY" >>$out
HOOK
hang=$MWGD_DIR/hang.sh
cat >"$hang" <<HANG
#!/bin/sh
echo "hang \$\$ \$1" >>$out
sleep 600
HANG
chmod +x "$hook" "$hang"

write_conf() {
	cat >"$conf" <<CONF
role = scanner
interface = eth0
node_id_file = $MWGD_DIR/r2.id
vr_state_file = $MWGD_DIR/vrs
notify = $1
notify_timeout_s = 1
CONF
}

vr_add "$r1" "$VRID" 200 >/dev/null || ksft_fail "vr add on r1"
wait_state "$r1" "$VRID" master || ksft_fail "r1 did not become master"
write_conf "$hook"
mwgd_start r2 "$r2" -c "$conf"
vwait 3 monitor_ready "$r2" || ksft_fail "mwgd did not subscribe to events"
vr_add "$r2" "$VRID" 100 >/dev/null || ksft_fail "vr add on r2"
wait_state "$r2" "$VRID" backup || ksft_fail "r2 did not become backup"

check "the hook ran for init -> backup" vwait 3 grep -q \
	"^args backup eth0 $VRID inet init " "$out"

# --- failover ---------------------------------------------------------------
ip -n "$r1" link set eth0 down
check_state "r2 takes over" "$r2" "$VRID" master
# The reason is the kernel's (master_down, or priority_zero when r1 said
# goodbye first); it must be a name, and the same in both.
check "hook arguments: master eth0 $VRID inet backup REASON PRIORITY" vwait 3 \
	grep -Eq "^args master eth0 $VRID inet backup [a-z_]+ 100$" "$out"
args=$(grep -E "^args master " "$out" | head -n 1)
check "hook environment: the same values" \
	grep -qx "env ${args#args }" "$out"
check "exit status logged" vwait 3 grep -q "notify: eth0 vrid $VRID inet master: exit 0" \
	"$MWGD_DIR/r2.log"
check "hooks_run counted" stat_ge r2 hooks_run 2

# --- a hook that hangs ----------------------------------------------------------
write_conf "$hang"
mwgd_kill r2 HUP
vwait 3 stat_ge r2 reloads 1
ip -n "$r1" link set eth0 up
check_state "r1 takes the VIP back" "$r1" "$VRID" master
check "the hanging hook started" vwait 3 grep -q "^hang " "$out"
check "the daemon answers while the hook hangs (stats on SIGUSR1)" stat_ge r2 hooks_run 3
check "the hanging hook is killed after its timeout" vwait 5 stat_ge r2 hooks_killed 1
pid=$(awk '/^hang / { print $2; exit }' "$out")
check "... with its process gone" vwait 3 bash -c "! kill -0 $pid 2>/dev/null"
check "the kill is logged" grep -q "killed after 1 s" "$MWGD_DIR/r2.log"
if mwgd_gone r2; then
	tap_fail "mwgd is still running" "it exited"
else
	tap_ok "mwgd is still running"
fi

# --- and hooks still run afterwards -------------------------------------------
write_conf "$hook"
mwgd_kill r2 HUP
vwait 3 stat_ge r2 reloads 2
: >"$out"
ip -n "$r1" link set eth0 down
check_state "r2 takes over again" "$r2" "$VRID" master
check "the hook runs again after a killed one" vwait 3 \
	grep -Eq "^args master eth0 $VRID inet backup [a-z_]+ 100$" "$out"
sed 's/^/#   hook: /' "$out"

# --- a flapping VR --------------------------------------------------------------
# A hook slower than the flaps: 50 link flaps of r2 in about a second make
# 100 state changes. Each hook records what it was told when it ends, so
# the file holds the order in which hooks finished.
slow=$MWGD_DIR/slow.sh
flaps=$MWGD_DIR/flaps.out
cat >"$slow" <<SLOW
#!/bin/sh
sleep 0.2
echo "\$MWG_OLD_STATE \$MWG_NEW_STATE \$MWG_PRIORITY" >>$flaps
SLOW
chmod +x "$slow"
ip -n "$r1" link set eth0 up
check_state "r1 master again" "$r1" "$VRID" master
wait_state "$r2" "$VRID" backup || tap_fail "r2 back to backup"
write_conf "$slow"
mwgd_kill r2 HUP
vwait 3 stat_ge r2 reloads 3
: >"$flaps"
for i in $(seq 50); do
	echo "link set eth0 down"
	echo "link set eth0 up"
done >"$MWGD_DIR/flap.batch"
ip -n "$r2" -batch "$MWGD_DIR/flap.batch"
check_state "r2 backup after the flaps" "$r2" "$VRID" backup
# Hooks done: no new line for two seconds.
quiet() {
	local a b
	a=$(wc -l <"$flaps")
	sleep 2
	b=$(wc -l <"$flaps")
	[ "$a" = "$b" ] && [ "$b" -gt 0 ]
}
vwait 60 quiet
last=$(tail -n 1 "$flaps")
if [ "${last#* }" = "backup 100" ]; then
	tap_ok "the last hook to end reports the final state (backup 100)"
else
	tap_fail "the last hook to end reports the final state (backup 100)" \
		"last hook: '$last'"
fi
# In event order: each hook's old state is the new state of the one before.
if [ -s "$flaps" ] &&
	awk 'NR > 1 && $1 != prev { bad = 1 } { prev = $2 } END { exit bad }' \
		"$flaps"; then
	tap_ok "hooks ran in event order ($(wc -l <"$flaps") hooks for 50 flaps)"
else
	tap_fail "hooks ran in event order" "$(tr '\n' ',' <"$flaps")"
fi
dropped=$(stat_of r2 hooks_dropped)
if [ "$dropped" = 0 ]; then
	tap_ok "no change dropped (hooks_dropped 0)"
else
	tap_fail "no change dropped (hooks_dropped 0)" "hooks_dropped '$dropped'"
fi
check "changes during a hook merged (hooks_coalesced counted)" \
	stat_ge r2 hooks_coalesced 1
mwgd_log r2 10
tap_done
