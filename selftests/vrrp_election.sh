#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Master election (RFC 5798 6.4): by priority, by primary address when
# priorities tie, and preemption on, off and delayed.
#
#   a: eth0 192.0.2.1/24 --- pa \
#   b: eth0 192.0.2.2/24 --- pb  +-- br0 (namespace sw)
#   c: eth0 192.0.2.3/24 --- pc /
#
# Each case uses its own VRID and deletes its VRs before the next one.
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_setup
vrrp_ns sw a b c
switch_up "$sw"
switch_port "$sw" "$a" 192.0.2.1
switch_port "$sw" "$b" 192.0.2.2
switch_port "$sw" "$c" 192.0.2.3

del_all() {
	local ns
	for ns in "$a" "$b" "$c"; do
		vr_del "$ns" "$1" 2>/dev/null || true
	done
}

# --- election by priority: three routers started together -------------------
vr_add "$a" 1 100
vr_add "$b" 1 200
vr_add "$c" 1 150
check_state "priority: the highest (b, 200) is master" "$b" 1 master
heard_mark "$a" 1
vwait "$TAKEOVER_S" heard "$a" 1 5
check_state "priority: a (100) is backup" "$a" 1 backup 1
check_state "priority: c (150) is backup" "$c" 1 backup 1
check "priority: a learned b as master" \
	test "$(vr_sysfs "$a" 1 master_ip)" = 192.0.2.2
del_all 1

# --- tie of priorities: the higher primary address wins ------------------------
# Starting both at once would leave the winner to timer luck: a backup
# accepts an equal priority master (6.4.2).  The tie-break of 6.4.3 is
# between two masters, so each router first becomes master alone, with its
# port out of the bridge, and then the bridge joins them.
for p in pa pb pc; do port_detach "$sw" "$p"; done
vr_add "$a" 2 100
vr_add "$b" 2 100
vr_add "$c" 2 100
for ns in "$a" "$b" "$c"; do
	wait_state "$ns" 2 master || ksft_fail "$ns did not become master alone"
done
for p in pa pb pc; do port_attach "$sw" "$p"; done
check_state "tie: a (192.0.2.1) yields" "$a" 2 backup
check_state "tie: b (192.0.2.2) yields" "$b" 2 backup
check_state "tie: c (192.0.2.3, highest) stays master" "$c" 2 master 1
heard_mark "$b" 2
vwait "$TAKEOVER_S" heard "$b" 2 5
check_state "tie: c still master after 5 adverts" "$c" 2 master 1
check "tie: b follows c" test "$(vr_sysfs "$b" 2 master_ip)" = 192.0.2.3
del_all 2

# --- preempt on: a higher priority joining later takes over -------------------
vr_add "$a" 3 100
check_state "preempt on: a master alone" "$a" 3 master
vr_add "$b" 3 200 preempt on
check_state "preempt on: b (200) takes over" "$b" 3 master
check_state "preempt on: a steps down" "$a" 3 backup
check "preempt on: b's reason is master_down" \
	test "$(vr_stat "$b" 3 new_master_reason)" = master_down
del_all 3

# --- preempt off: it does not ---------------------------------------------------
# Slower adverts here: a guest stalled by its host for three intervals
# would let b's Master_Down_Timer expire and take over for a reason that
# has nothing to do with preemption (b's 200 then wins for good).
vr_add "$a" 4 100 interval 300
check_state "preempt off: a master alone" "$a" 4 master
vr_add "$b" 4 200 preempt off interval 300
check_state "preempt off: b joins as backup" "$b" 4 backup
# Six adverts heard is more than two Master_Down_Intervals of b.
heard_mark "$b" 4
if vwait $((TAKEOVER_S * 2)) heard "$b" 4 6; then
	tap_ok "preempt off: b hears a's adverts"
else
	tap_fail "preempt off: b hears a's adverts" \
		"rcvd_advertisements $(vr_stat "$b" 4 rcvd_advertisements)"
fi
check_state "preempt off: b still backup" "$b" 4 backup 1
check_state "preempt off: a still master" "$a" 4 master 1
del_all 4

# --- preempt delay: takes over, but only once the delay ran out --------------
delay_ms=1500
vr_add "$a" 5 100
check_state "preempt delay: a master alone" "$a" 5 master
t0=$(now_ms)
vr_add "$b" 5 200 preempt on preempt-delay $delay_ms
check_state "preempt delay: b joins as backup" "$b" 5 backup 1
if wait_state "$b" 5 master $((delay_ms / 1000 + TAKEOVER_S)); then
	t1=$(now_ms)
	tap_ok "preempt delay: b takes over"
	# The delay counts from b's first advert from a, after t0.
	if [ $((t1 - t0)) -ge $delay_ms ]; then
		tap_ok "preempt delay: not before ${delay_ms} ms ($((t1 - t0)) ms)"
	else
		tap_fail "preempt delay: not before ${delay_ms} ms" \
			"took over after $((t1 - t0)) ms"
	fi
else
	tap_fail "preempt delay: b takes over" "b is $(vr_state "$b" 5)"
	tap_fail "preempt delay: not before ${delay_ms} ms" "no takeover"
fi
check_state "preempt delay: a steps down" "$a" 5 backup
del_all 5

tap_done
