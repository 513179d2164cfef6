#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Rogue-master detection without an allow list: an advert that takes
# mastership for a source this VR never knew as a master, or that claims
# priority 255 for VIPs this VR owns, raises a ROGUE_EVENT (source IP and
# MAC, mwgctl monitor, mwgd's notify_rogue hook), a kernel log line and the
# rogue_adverts counter; events are rate-limited to one a second per VR,
# the counter counts every one. A master the VR has followed once is
# known. Detection drops nothing: the allow list does that.
#
#   r 192.0.2.1 (VR 41, prio 100) --- x (crafted adverts from any source)
. "$(dirname "$0")/mwgd_lib.sh"

mwgd_setup
VRID=41
vrrp_ns r x
veth_pair "$r" 192.0.2.1 "$x" 192.0.2.9
xmac=$(nsx "$x" cat /sys/class/net/eth0/address)

craft() {
	nsx "$x" python3 "$VRRP_CRAFT" send eth0 --vrid $VRID --addr $VIP "$@"
}
events=$MWGD_DIR/events
# rogue_events: how many rogue events mwgctl monitor printed.
rogue_events() {
	jq -c 'select(.event == "rogue_master")' "$events" 2>/dev/null | wc -l
}
rogue_events_above() {
	[ "$(rogue_events)" -gt "$1" ]
}
rogue_events_is() {
	[ "$(rogue_events)" = "$1" ]
}
# last_rogue JQ: a field of the last rogue event.
last_rogue() {
	jq -s -r "[.[] | select(.event == \"rogue_master\")] | last | $1" "$events"
}

# Every kernel message counts here: no net_ratelimit() budget shared with
# the state-change lines before.
cost=$(sysctl -n net.core.message_cost)
sysctl -q -w net.core.message_cost=0
defer sysctl -q -w net.core.message_cost="$cost"

mwgctl_ns "$r" -j monitor >"$events" 2>&1 &
bg_pids+=($!)
vwait 10 monitor_ready "$r" || ksft_fail "mwgctl monitor did not subscribe"

vr_add "$r" $VRID 100 || ksft_fail "vr add"
check_state "r master" "$r" $VRID master
check "no rogue advert yet" test "$(vr_stat "$r" $VRID rogue_adverts)" = 0

# --- a source never seen takes mastership ---------------------------------------------
kmsg_mark
craft --src 192.0.2.66 --prio 200
check_state "r yields to it: detection drops nothing" "$r" $VRID backup
check "one rogue event" vwait 5 rogue_events_is 1
check "it names the source, its MAC, the priority and why" \
	test "$(last_rogue '[.source, .source_mac, .priority, .why] | join(" ")')" = \
	"192.0.2.66 $xmac 200 unseen_master"
check "r was master when it came" test "$(last_rogue .state)" = master
check "rogue_adverts counts it" test "$(vr_stat "$r" $VRID rogue_adverts)" = 1
check "the kernel log names source and MAC" sh -c \
	"dmesg | sed -n '/$_kmsg_mark/,\$p' | grep -q 'vrid $VRID: possible rogue master 192.0.2.66 (MAC $xmac, priority 200): a master never seen'"

# --- the same source again: now known ---------------------------------------------------
check_state "r master again once it falls silent" "$r" $VRID master
craft --src 192.0.2.66 --prio 200
check_state "r yields again" "$r" $VRID backup
nap 1
check "a master followed once is known: no event" rogue_events_is 1
check "nor a count" test "$(vr_stat "$r" $VRID rogue_adverts)" = 1

# --- a burst from 30 new sources: every one counted, one event a second -----------------
check_state "r master" "$r" $VRID master
rogue0=$(vr_stat "$r" $VRID rogue_adverts)
rcvd0=$(vr_stat "$r" $VRID rcvd_advertisements)
for i in $(seq 150 179); do
	echo "--vrid $VRID --addr $VIP --src 192.0.2.$i --prio 200"
done | nsx "$x" python3 "$VRRP_CRAFT" batch eth0 ||
	tap_fail "vrrp_craft.py batch"
nap 1
rogue=$(($(vr_stat "$r" $VRID rogue_adverts) - rogue0))
rcvd=$(($(vr_stat "$r" $VRID rcvd_advertisements) - rcvd0))
check "all 30 arrived" test "$rcvd" = 30
check "and every one is counted" test "$rogue" = 30
check "events rate-limited: at most 2 more" test "$(rogue_events)" -le 3
check "and at least one" test "$(rogue_events)" -ge 2

# --- an owner's VIPs claimed at priority 255 ---------------------------------------------
check_state "r master" "$r" $VRID master
mwgctl_ns "$r" vr set dev eth0 vrid $VRID prio 255 || tap_fail "prio 255"
check_state "r, the owner, master" "$r" $VRID master
nap 1
before=$(rogue_events)
craft --src 192.0.2.66 --prio 255
check "a claim of priority 255 is reported, known source or not" \
	vwait 5 rogue_events_above "$before"
check "...as owner_claim" test "$(last_rogue .why)" = owner_claim
mwgctl_ns "$r" vr set dev eth0 vrid $VRID prio 100 || tap_fail "prio 100"
check_state "r master at 100" "$r" $VRID master

# --- mwgd's notify_rogue hook ---------------------------------------------------------
hook=$MWGD_DIR/hook.sh
cat >"$hook" <<H
#!/bin/sh
echo "\$* env \$MWG_SOURCE \$MWG_ROGUE" >>"$MWGD_DIR/hook.out"
H
chmod +x "$hook"
printf 'role = scanner\ninterface = eth0\nnotify_rogue = %s\n' "$hook" \
	>"$MWGD_DIR/mwgd.conf"
mwgd_start r "$r" -c "$MWGD_DIR/mwgd.conf"
vwait 10 grep -q "started:" "$MWGD_DIR/r.log" || tap_fail "mwgd did not start"
nap 1
craft --src 192.0.2.77 --prio 200
check "the hook runs with dev, VRID, family, source, MAC, priority, why" \
	vwait 5 grep -qx "eth0 $VRID inet 192.0.2.77 $xmac 200 unseen_master env 192.0.2.77 unseen_master" \
	"$MWGD_DIR/hook.out"

# --- with an allow list the rogue is dropped first -------------------------------------
check_state "r master" "$r" $VRID master
mwgctl_ns "$r" vr set dev eth0 vrid $VRID allow 192.0.2.2 || tap_fail "allow"
nap 1
count=$(vr_stat "$r" $VRID rogue_adverts)
craft --src 192.0.2.88 --prio 200
nap 1
check "an advert outside the list is not a rogue event: it is dropped" \
	test "$(vr_stat "$r" $VRID rogue_adverts)" = "$count"
check_state "r stays master" "$r" $VRID master 1
check_kmsg "nothing alarming in the kernel log"

tap_done
