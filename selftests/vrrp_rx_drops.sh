#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every receive drop rule of RFC 5798 7.1 (and RFC 9568), one crafted
# advert each, seen in its counter; both IPv4 checksum forms accepted; the
# pseudo-header form sent by default; CARP's packets dropped without a
# trace.
#
#   r: eth0 192.0.2.1/24 (VR 10, VIP 192.0.2.100) ---- x: eth0 192.0.2.9/24
#                                                      (vrrp_craft.py)
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_setup
vrrp_ns r x
veth_pair "$r" 192.0.2.1 "$x" 192.0.2.9
vr_add "$r" 10 100 || ksft_fail "vr add"
# Alone on the link, r becomes master; the crafted adverts below come with
# a lower priority, so nothing they carry can move it.
wait_state "$r" 10 master || ksft_fail "r never became master"

craft() {
	nsx "$x" python3 "$VRRP_CRAFT" send eth0 --vrid 10 "$@"
}

# Every drop case in one batch (one Python start), each line the crafter's
# options for one advert to VR 10 unless it says otherwise.  Each case hits
# a counter of its own, or a known number of them hit the same one, so the
# deltas afterwards tell each rule apart.
cases='--vrid 10 --ttl 64
--vrid 10 --version 4
--vrid 10 --version 2 --csum plain
--vrid 10 --type 2
--vrid 10 --csum bad
--vrid 10 --truncate 6
--vrid 10 --naddrs 3
--vrid 10 --naddrs 0
--vrid 10 --interval 0
--vrid 99
--vrid 99 --csum bad
--raw 210a0007'$(printf '%064d' 0)

# CARP (version 2, 36 bytes, authlen 7 where VRRP has the address count) is
# the last line: not ours, it must move no counter and log nothing.

# snapshot: "NAME VALUE" lines of the VR's counters and the namespace's.
snapshot() {
	vr_sysfs "$r" 10 stats | grep -v -E '^(new_master_reason|sent_advertisements) '
	mwgctl_ns "$r" -j stats | jq -r '.namespace | to_entries[] | "ns_\(.key) \(.value)"'
}
delta() {
	awk -v k="$1" '
		FNR == NR { b[$1] = $2; next }
		$1 == k { print $2 - b[$1]; found = 1 }
		END { if (!found) print "missing" }' "$tmp/before" "$tmp/after"
}

tmp=$(mktemp -d)
defer rm -rf "$tmp"
snapshot >"$tmp/before"
kmsg_mark
echo "$cases" | nsx "$x" python3 "$VRRP_CRAFT" batch eth0 ||
	ksft_fail "vrrp_craft.py batch failed"

# want: "COUNTER DELTA" for every counter a case should move; all others
# must not move at all.
want='ip_ttl_errors 1
version_errors 2
rcvd_invalid_type_packets 1
checksum_errors 1
packet_length_errors 2
address_list_errors 1
adv_interval_errors 1
ns_vrid_errors 1
ns_checksum_errors 1'
all_arrived() {
	snapshot >"$tmp/after"
	local k d
	while read -r k d; do
		[ "$(delta "$k")" = "$d" ] || return 1
	done <<<"$want"
}
vwait 5 all_arrived || true
snapshot >"$tmp/after"

drop_check() {
	local name=$1 k=$2 d=$3 got
	got=$(delta "$k")
	if [ "$got" = "$d" ]; then
		tap_ok "$name: $k +$d"
	else
		tap_fail "$name" "$k moved by $got, expected $d"
	fi
}
drop_check "TTL 64" ip_ttl_errors 1
drop_check "version 4, and VRRPv2 to a v3 VR" version_errors 2
drop_check "type 2" rcvd_invalid_type_packets 1
drop_check "bad checksum" checksum_errors 1
drop_check "6 bytes; 3 addresses announced, 1 present" packet_length_errors 2
drop_check "address count 0" address_list_errors 1
drop_check "advert interval 0" adv_interval_errors 1
drop_check "unknown VRID" ns_vrid_errors 1
drop_check "unknown VRID, bad checksum" ns_checksum_errors 1
drop_check "no drop counted as a received advert" rcvd_advertisements 0

# The rest, CARP's packet included, moved nothing.
moved=$(awk 'FNR == NR { b[$1] = $2; next } $2 != b[$1] { print $1 }' \
	"$tmp/before" "$tmp/after" | grep -v -x -F -f <(awk '{ print $1 }' <<<"$want"))
if [ -z "$moved" ]; then
	tap_ok "CARP packet: no other counter moved"
else
	tap_fail "CARP packet: no other counter moved" "moved: $(echo $moved)"
fi
if kmsg_since_mark | grep -q -i 'carp'; then
	tap_fail "CARP packet: nothing logged" \
		"$(kmsg_since_mark | grep -i carp | head -n 1)"
else
	tap_ok "CARP packet: nothing logged"
fi

# --- valid adverts in both checksum forms ------------------------------------
accept_case() {
	local name=$1 before
	shift
	before=$(vr_stat "$r" 10 rcvd_advertisements)
	craft "$@" || { tap_fail "$name" "vrrp_craft.py send failed"; return; }
	if vwait 3 stat_above "$r" 10 rcvd_advertisements "$before"; then
		tap_ok "$name accepted"
	else
		tap_fail "$name accepted" "rcvd_advertisements stayed at $before"
	fi
}
accept_case "RFC 9568 checksum (no pseudo-header)" --csum plain
accept_case "RFC 5798 checksum (pseudo-header)" --csum pseudo
check "neither counted as an error" \
	test "$(vr_stat "$r" 10 checksum_errors)" = 1

# --- what r sends ---------------------------------------------------------------
sniff() {
	nsx "$x" python3 "$VRRP_CRAFT" sniff eth0 --vrid 10 --timeout 5
}
out=$(sniff)
case $out in
*"csum=pseudo"*) tap_ok "sends the pseudo-header form by default" ;;
*) tap_fail "sends the pseudo-header form by default" "saw: ${out:-nothing}" ;;
esac
case $out in
*"ttl=255"*"prio=100"* | *"prio=100"*"ttl=255"*) tap_ok "sends TTL 255, priority 100" ;;
*) tap_fail "sends TTL 255, priority 100" "saw: ${out:-nothing}" ;;
esac
nsx "$r" sh -c 'echo rfc9568 > /sys/class/net/eth0/mwg_vrrp/10/checksum' ||
	tap_fail "checksum rfc9568 written"
# An advert already in flight may still carry the old form: take a later one.
sniff >/dev/null
out=$(sniff)
case $out in
*"csum=plain"*) tap_ok "sends the RFC 9568 form once told to" ;;
*) tap_fail "sends the RFC 9568 form once told to" "saw: ${out:-nothing}" ;;
esac

check "kernel log clean" kmsg_clean

tap_done
