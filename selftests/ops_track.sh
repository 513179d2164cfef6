#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tracked objects: a daemon reports, per VR, what each object it tracks
# takes from the priority now, or a fault (VR_SET TRACKED, "mwgctl vr set
# ... tracked"); the kernel adds that to its own terms, and a fault holds the
# VR in init, a master resigning with priority 0 first.  Then mwgd's own
# track_file, track_process and track_script keys drive the same list:
# a maintenance file's number, a process that dies, a script that fails
# (rise/fall) or hangs past its timeout.  Bad input is refused and changes
# nothing.
#
#   r1 eth0 192.0.2.1 (prio 200, tracks) --- r2 eth0 192.0.2.2 (prio 100)
. "$(dirname "$0")/mwgd_lib.sh"

mwgd_setup
VRID=33
vrrp_ns r1 r2
veth_pair "$r1" 192.0.2.1 "$r2" 192.0.2.2
conf=$MWGD_DIR/mwgd.conf

eff_is() {
	[ "$(vr_json "$r1" $VRID .effective_priority)" = "$1" ]
}
# tracked NAME JQ: a field of r1's tracked object NAME ("null": none such).
tracked() {
	vr_json "$r1" $VRID ".tracked | map(select(.name == \"$1\")) | .[0]$2"
}
tracked_is() {
	[ "$(tracked "$1" "$2")" = "$3" ]
}
tracked_count() {
	vr_json "$r1" $VRID '.tracked | length'
}
tracked_count_is() {
	[ "$(tracked_count)" = "$1" ]
}
# refused NAME MESSAGE ARGS...: mwgctl ARGS on r1 fails, saying MESSAGE.
refused() {
	mwgctl_refused "$r1" "$@"
}
set_tracked() {
	mwgctl_ns "$r1" vr set dev eth0 vrid $VRID tracked "$@"
}

vr_add "$r1" $VRID 200 || ksft_fail "vr add on r1"
vr_add "$r2" $VRID 100 || ksft_fail "vr add on r2"
check_state "r1 (200) master" "$r1" $VRID master
check_state "r2 backup" "$r2" $VRID backup
check "no tracked objects at first" test "$(tracked_count)" = 0

# --- the kernel's side: what a daemon reports ------------------------------------------
set_tracked upstream:150 || tap_fail "tracked upstream:150"
check "a demotion of 150: effective priority 50" vwait 5 eff_is 50
check_state "r2 (100) preempts" "$r2" $VRID master
check "JSON: down, delta -150, not holding init" \
	test "$(tracked upstream ' | .state, .priority_delta, .holds_init' | xargs)" = "down -150 false"
check "text: the object and its demotion" sh -c \
	"ip netns exec '$r1' '$MWGCTL' vr show dev eth0 vrid $VRID | grep -q 'tracked upstream (down -150)'"
set_tracked upstream:0 other:20 || tap_fail "tracked upstream:0 other:20"
check "the list is replaced whole: 200 - 20 = 180" vwait 5 eff_is 180
check "two objects listed" test "$(tracked_count)" = 2
check "an object at 0 is up" tracked_is upstream .state up
check_state "r1 preempts back" "$r1" $VRID master

zero=$(vr_stat "$r1" $VRID sent_pri_zero_packets)
set_tracked upstream:fault || tap_fail "tracked upstream:fault"
check_state "a fault: r1 in init" "$r1" $VRID init
check "r1's reason is tracked" \
	test "$(vr_json "$r1" $VRID .last_transition.reason)" = tracked
check "r1 resigned with priority 0" \
	stat_above "$r1" $VRID sent_pri_zero_packets "$zero"
check_state "r2 master" "$r2" $VRID master
check "r2 took over from the priority 0 (Skew_Time, not MDI)" \
	test "$(vr_stat "$r2" $VRID new_master_reason)" = priority_zero
check "JSON: fault, holds init" \
	test "$(tracked upstream ' | .state, .holds_init' | xargs)" = "fault true"
set_tracked none || tap_fail "tracked none"
check_state "cleared: r1 leaves init and preempts" "$r1" $VRID master
check "no tracked objects" test "$(tracked_count)" = 0
check "effective priority 200" eff_is 200

# --- bad input ----------------------------------------------------------------------------
refused "the same name twice is refused by the kernel" \
	"tracked object named twice" vr set dev eth0 vrid $VRID tracked a:1 a:2
refused "17 objects are refused by the kernel" "too many tracked objects (max 16)" \
	--no-check vr set dev eth0 vrid $VRID tracked a:1 b:1 c:1 d:1 e:1 f:1 \
	g:1 h:1 i:1 j:1 k:1 l:1 m:1 n:1 o:1 p:1 q:1
refused "a name of 64 characters is refused" "a name has at most 63 characters" \
	vr set dev eth0 vrid $VRID tracked "$(printf 'n%.0s' $(seq 64)):1"
check "and nothing changed" test "$(tracked_count)" = 0
check_state "r1 still master" "$r1" $VRID master

# --- mwgd: a file, a process, a script ----------------------------------------------------
# The process tracked: a copy of sleep under a name of its own (its comm).
cp "$(command -v sleep)" "$MWGD_DIR/mwgtrackme" || ksft_fail "copy sleep"
maint=$MWGD_DIR/maint
check_sh=$MWGD_DIR/check.sh
cat >"$check_sh" <<S
#!/bin/sh
[ -e "$MWGD_DIR/hang" ] && exec sleep 37
[ -e "$MWGD_DIR/failing" ] && exit 1
exit 0
S
chmod +x "$check_sh"
cat >"$conf" <<C
role = scanner
interface = eth0
vr_state_file = $MWGD_DIR/vrs
[vr gw]
dev = eth0
vrid = $VRID
prio = 200
vip = $VIP/$SUBNET_LEN
interval = $ADV_MS
track_file = $maint weight 2
track_process = mwgtrackme weight 10
track_script = $check_sh interval 300ms timeout 3s rise 2 fall 2
C
"$MWGD_DIR/mwgtrackme" 600 &
sleeper=$!
defer kill "$sleeper"
mwgd_start r1 "$r1" -c "$conf"

check "mwgd lists its three objects" vwait 5 tracked_count_is 3
check "the missing file is up" tracked_is "file:$maint" .state up
check "the running process is up" tracked_is process:mwgtrackme .state up
check "the passing script is up" vwait 10 tracked_is "script:$check_sh" .state up
check "effective priority 200" eff_is 200
check_state "r1 master" "$r1" $VRID master

echo 60 >"$maint"
check "file 60 x weight 2: effective priority 80" vwait 5 eff_is 80
check_state "r2 (100) master" "$r2" $VRID master
check "the file's delta is -120" tracked_is "file:$maint" .priority_delta -120
echo 0 >"$maint"
check "file 0: effective priority 200" vwait 5 eff_is 200
check_state "r1 master again" "$r1" $VRID master
echo fault >"$maint"
check_state "file \"fault\": r1 in init" "$r1" $VRID init
echo 'maintenance!' >"$maint"
check "content that is no number stays a fault" tracked_is "file:$maint" .state fault
rm -f "$maint"
check_state "file removed: r1 master" "$r1" $VRID master

kill "$sleeper"
check "the process gone: effective priority 190" vwait 5 eff_is 190
check "the process is down" tracked_is process:mwgtrackme .state down
check_state "r1 (190) stays master" "$r1" $VRID master
"$MWGD_DIR/mwgtrackme" 600 &
sleeper=$!
defer kill "$sleeper"
check "the process back: 200" vwait 5 eff_is 200

touch "$MWGD_DIR/failing"
check_state "the script fails twice in a row: fault, r1 in init" "$r1" $VRID init
check "the log says so" vwait 3 grep -q "track_script $check_sh: fault" "$MWGD_DIR/r1.log"
rm -f "$MWGD_DIR/failing"
check_state "it passes twice: r1 master" "$r1" $VRID master
touch "$MWGD_DIR/hang"
check_state "a script hanging past its timeout is a failure" "$r1" $VRID init 15
check "the log says it was killed" vwait 3 grep -q "no result within 3000 ms: killed" "$MWGD_DIR/r1.log"
rm -f "$MWGD_DIR/hang"
check_state "the script passes again: r1 master" "$r1" $VRID master
check "no hung script is left running" vwait 3 sh -c \
	"! pgrep -f 'slee[p] 37' >/dev/null"

# --- reload without the keys: the list goes ------------------------------------------------
sed -i '/^track_/d' "$conf"
mwgd_kill r1 HUP
check "reload: the tracked objects are cleared" vwait 5 tracked_count_is 0
check "the log says so" grep -q "\[vr gw\]: no longer tracks objects" "$MWGD_DIR/r1.log"
check_state "r1 master" "$r1" $VRID master

tap_done
