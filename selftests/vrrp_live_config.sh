#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A running master takes "accept" and "garp-refresh" changes at once,
# through generic netlink (mwgctl vr set) and through sysfs alike: the VIP
# becomes or stops being a local address, and periodic gratuitous ARPs start
# or stop, without waiting for the next transition.
#
#   r: eth0 192.0.2.1/24 (VR 20, prio 200, master) ---- s: eth0 192.0.2.2/24
#      (a capture of the ARPs announcing the VIP)
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_setup
vrrp_ns r s
veth_pair "$r" 192.0.2.1 "$s" 192.0.2.2
vr_add "$r" 20 200 accept off garp-repeat 0 garp-refresh 0 ||
	ksft_fail "vr add on r"
wait_state "$r" 20 master || ksft_fail "r never became master"

seen=$(mktemp /tmp/vrrp-live.XXXXXX)
defer rm -f "$seen"
nsx "$s" python3 "$VRRP_CRAFT" watch eth0 --vip "$VIP" >"$seen" &
bg_pids+=($!)
watch_ready() {
	grep -q '^ready' "$seen"
}
vwait 60 watch_ready || ksft_fail "the capture on s never started"

no_addr() {
	! has_addr "$1" "$2"
}

check "accept off: the VIP is not local" no_addr "$r" "$VIP"

# set_by HOW KNOB VALUE: the change through "genl" (mwgctl) or "sysfs".
set_by() {
	local how=$1 knob=$2 val=$3
	if [ "$how" = genl ]; then
		mwgctl_ns "$r" vr set dev eth0 vrid 20 "$knob" "$val"
	else
		case $knob in
		accept)
			[ "$val" = on ] && val=1 || val=0
			vr_write "$r" 20 accept "$val"
			;;
		garp-refresh)
			vr_write "$r" 20 garp_refresh_s "$val"
			;;
		esac
	fi
}

for how in genl sysfs; do
	check "$how: accept on" set_by "$how" accept on
	check "$how: the VIP is local within 1 s" vwait 1 has_addr "$r" "$VIP"
	check "$how: accept off" set_by "$how" accept off
	check "$how: the VIP is gone within 1 s" vwait 1 no_addr "$r" "$VIP"
	check "$how: r still master" state_is "$r" 20 master
done

# arps_since T0_MS: gratuitous ARPs for the VIP s received since T0_MS.
arps_since() {
	awk -v t0="$1" '$2 == "arp" && $1 * 1000 >= t0' "$seen" | wc -l
}

for how in genl sysfs; do
	t0=$(now_ms)
	check "$how: garp-refresh 1" set_by "$how" garp-refresh 1
	nap 3.5
	n=$(arps_since "$t0")
	# One a second from the change on: 3, allowing for a slow guest.
	if [ "$n" -ge 2 ] && [ "$n" -le 5 ]; then
		tap_ok "$how: periodic GARPs start at once ($n in 3.5 s)"
	else
		tap_fail "$how: periodic GARPs start at once" "$n in 3.5 s"
	fi
	check "$how: garp-refresh 0" set_by "$how" garp-refresh 0
	# One may have been on its way when the change came.
	nap 0.2
	t0=$(now_ms)
	nap 3
	n=$(arps_since "$t0")
	if [ "$n" = 0 ]; then
		tap_ok "$how: periodic GARPs stop at once"
	else
		tap_fail "$how: periodic GARPs stop at once" "$n in 3 s after"
	fi
	check "$how: r still master" state_is "$r" 20 master
done

tap_done
