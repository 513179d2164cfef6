#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sysfs knobs, /sys/class/net/eth0/mwg_vrrp/<vrid>/: a bad write fails with
# EINVAL and changes nothing; a good one takes effect at once, on the wire
# too (the other router sees it).
#
#   r: eth0 192.0.2.1/24 (VR 20, prio 200) ---- s: eth0 192.0.2.2/24 (prio 100)
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_setup
vrrp_ns r s
veth_pair "$r" 192.0.2.1 "$s" 192.0.2.2
vr_add "$r" 20 200 || ksft_fail "vr add on r"
vr_add "$s" 20 100 preempt on || ksft_fail "vr add on s"
wait_state "$r" 20 master || ksft_fail "r never became master"
wait_state "$s" 20 backup || ksft_fail "s never became backup"

# bad_write KNOB VALUE: EINVAL, and the knob reads as before.
bad_write() {
	local knob=$1 val=$2 before out rc=0
	before=$(vr_sysfs "$s" 20 "$knob")
	out=$(vr_write "$s" 20 "$knob" "$val" 2>&1) || rc=$?
	if [ "$rc" = 0 ]; then
		tap_fail "$knob '$val' refused" "the write succeeded"
	elif ! grep -q "Invalid argument" <<<"$out"; then
		tap_fail "$knob '$val' refused with EINVAL" "got: $out"
	else
		tap_ok "$knob '$val' refused with EINVAL"
	fi
	check "$knob '$val': still $before" \
		test "$(vr_sysfs "$s" 20 "$knob")" = "$before"
}

bad_write priority 0
bad_write priority 256
bad_write priority abc
bad_write advert_interval_ms 15
bad_write advert_interval_ms 5
bad_write checksum foo
bad_write preempt 2
check "s still backup after the bad writes" state_is "$s" 20 backup

# A good priority above the master's: with preempt on, s takes over now.
check "priority 250 written" vr_write "$s" 20 priority 250
check "priority reads 250" test "$(vr_sysfs "$s" 20 priority)" = 250
check_state "s (250) preempts r" "$s" 20 master
check_state "r (200) steps down" "$r" 20 backup

# A new interval on the master: the backup learns it from the next advert.
check "advert_interval_ms 200 written" vr_write "$s" 20 advert_interval_ms 200
master_interval_is() {
	[ "$(vr_json "$r" 20 .master_adver_interval_ms)" = "$1" ]
}
check "r's master_adver_interval_ms follows: 200" vwait 5 master_interval_is 200
check "r's own advert_interval_ms unchanged: $ADV_MS" \
	test "$(vr_sysfs "$r" 20 advert_interval_ms)" = "$ADV_MS"

# preempt off on r and a higher priority: r must stay backup.
check "r: preempt 0 written" vr_write "$r" 20 preempt 0
check "r: priority 254 written" vr_write "$r" 20 priority 254
heard_mark "$r" 20
check "r hears s for 5 more adverts" vwait 10 heard "$r" 20 5
check "r (254, preempt off) still backup" state_is "$r" 20 backup
check "r: preempt 1 written" vr_write "$r" 20 preempt 1
check_state "r (254, preempt on) takes over" "$r" 20 master

# Without CAP_NET_ADMIN, even as uid 0: EPERM, and nothing changes (as for
# netlink, and for net-sysfs).
if command -v capsh >/dev/null; then
	out=$(nsx "$r" capsh --drop=cap_net_admin -- -c 'echo "$1" > "$2"' \
		bash 100 /sys/class/net/eth0/mwg_vrrp/20/priority 2>&1)
	if grep -q "Operation not permitted" <<<"$out"; then
		tap_ok "priority without CAP_NET_ADMIN refused with EPERM"
	else
		tap_fail "priority without CAP_NET_ADMIN refused with EPERM" \
			"got: '$out'"
	fi
	check "priority still 254" test "$(vr_sysfs "$r" 20 priority)" = 254
	check "r still master" state_is "$r" 20 master
	check "priority 254 written again with CAP_NET_ADMIN" \
		nsx "$r" capsh -- -c 'echo 254 > /sys/class/net/eth0/mwg_vrrp/20/priority'
else
	tap_skip "writes without CAP_NET_ADMIN" "no capsh (libcap2-bin)"
fi

tap_done
