#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The tracepoints tell a failover step by step: a resignation of r, heard
# by s, appears in events/mwg_vrrp/ as
#   r: advert_tx prio=0, state_change master -> init
#   s: advert_rx adv_prio=0 action=backup_skew, timer_arm skew,
#      timer_expire skew (with its lateness), advert_tx prio=100,
#      announce vip=..., state_change backup -> master (priority_zero)
# in that order.  The state lines reach the kernel log too, written after
# the takeover by a work item (kmod/log.c), in the order they happened.
#
#   r: eth0 192.0.2.1/24 (VR 33, prio 200) ---- s: eth0 192.0.2.2/24 (prio 100)
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_setup
tracing=/sys/kernel/tracing
if [ ! -d "$tracing/events" ]; then
	mount -t tracefs nodev "$tracing" 2>/dev/null ||
		ksft_skip "no tracefs at $tracing"
	defer umount "$tracing"
fi
events=$tracing/events/mwg_vrrp
[ -d "$events" ] || ksft_skip "$events missing: tracepoints not registered"

check "every event is there" sh -c "cd '$events' && ls -d mwg_vrrp_advert_rx mwg_vrrp_advert_tx \
	mwg_vrrp_timer_arm mwg_vrrp_timer_expire mwg_vrrp_state_change \
	mwg_vrrp_announce mwg_bfd_state_change mwg_vrrp_scanners >/dev/null"

vrrp_ns r s
veth_pair "$r" 192.0.2.1 "$s" 192.0.2.2
vr_add "$r" 33 200 || ksft_fail "vr add on r"
vr_add "$s" 33 100 || ksft_fail "vr add on s"
wait_state "$r" 33 master || ksft_fail "r never became master"
wait_state "$s" 33 backup || ksft_fail "s never became backup"
sleep 0.3

echo 0 >"$tracing/tracing_on"
echo >"$tracing/trace"
echo 1 >"$events/enable"
defer sh -c "echo 0 >'$events/enable'; echo >'$tracing/trace'"
echo 1 >"$tracing/tracing_on"
# net_ratelimit's budget is the whole kernel's: none for this run.
cost=$(sysctl -n net.core.message_cost)
sysctl -q -w net.core.message_cost=0
defer sysctl -q -w net.core.message_cost="$cost"
kmsg_mark
vr_del "$r" 33
check_state "s takes over after r resigns" "$s" 33 master
sleep 0.2
echo 0 >"$tracing/tracing_on"
trace=$(grep 'vrid=33 ' "$tracing/trace")
echo 1 >"$tracing/tracing_on"
awk '/adv_prio=0|prio=0 / { on = 1 } on' <<<"$trace" | sed "s/^/# /" | head -n 16

# line_of PATTERN [AFTER]: the first line number matching the extended
# regex PATTERN after line AFTER, or 0.
line_of() {
	awk -v re="$1" -v after="${2:-0}" \
		'NR > after && $0 ~ re { print NR; found = 1; exit }
		 END { if (!found) print 0 }' <<<"$trace"
}
step() {
	local name=$1 pattern=$2 after=$3 n
	n=$(line_of "$pattern" "$after")
	if [ "$n" -gt 0 ]; then
		tap_ok "$name"
	else
		tap_fail "$name" "no line after $after matches /$pattern/"
	fi
	last=$n
}

last=0
step "r sends priority 0" 'mwg_vrrp_advert_tx: .* state=master prio=0 ' 0
r_tx=$last
step "r: master -> init (shutdown)" \
	'mwg_vrrp_state_change: .* master -> init reason=shutdown' 0
step "s hears priority 0 and waits Skew_Time" \
	'mwg_vrrp_advert_rx: .* state=backup prio=100 .* adv_prio=0 action=backup_skew' 0
step "...after r sent it" 'mwg_vrrp_advert_rx: .* adv_prio=0' "$r_tx"
step "s arms the skew timer" 'mwg_vrrp_timer_arm: .* timer=skew ' "$last"
step "s's skew timer expires" 'mwg_vrrp_timer_expire: .* timer=skew ' "$last"
expiry=$(sed -n "${last}p" <<<"$trace")
step "s advertises at its priority" \
	'mwg_vrrp_advert_tx: .* state=backup prio=100 ' "$last"
step "s announces the VIP" \
	"mwg_vrrp_announce: .* vip=::ffff:$VIP" "$last"
step "s: backup -> master (priority_zero)" \
	'mwg_vrrp_state_change: .* backup -> master reason=priority_zero prio=100' \
	"$last"
late=$(sed -n 's/.*late_ns=\(-\{0,1\}[0-9]*\).*/\1/p' <<<"$expiry")
echo "# Skew_Time timer late by ${late:-?} ns"
check "the expiry reports its lateness" test -n "$late"
# The log lines: r's shutdown before s's takeover (same dev, VRID and
# family on both: the reason tells them apart).
log_has() {
	kmsg_since_mark | grep -n -F "eth0 vrid 33 inet: $1" | head -n 1 | cut -d: -f1
}
for _ in $(seq 50); do
	[ -n "$(log_has 'backup -> master (priority_zero)')" ] && break
	sleep 0.1
done
down=$(log_has 'master -> init (shutdown)')
up=$(log_has 'backup -> master (priority_zero)')
if [ -n "$down" ] && [ -n "$up" ] && [ "$down" -lt "$up" ]; then
	tap_ok "the kernel log has r's shutdown, then s's takeover"
else
	tap_fail "the kernel log has r's shutdown, then s's takeover" \
		"shutdown at line ${down:-none}, takeover at line ${up:-none}"
fi
tap_done
