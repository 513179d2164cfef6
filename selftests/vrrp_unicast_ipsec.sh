#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unicast adverts under IPsec, the example of the admin guide's security
# section: ESP in transport mode between the two directors, with policies
# that require it for IP protocol 112 both ways. The adverts cross the
# wire as ESP only, the routers elect and fail over through it, and a
# clear-text advert spoofing the master's address (priority 0, which
# would hand the VIP over at once) is dropped by the inbound policy. The
# keys are fixed test keys, for this test only.
#
#   a: eth0 192.0.2.2 (prio 200, peer 192.0.2.1) -\
#   b: eth0 192.0.2.1 (prio 100, peer 192.0.2.2) --+-- br0 (sw)
#   x: eth0 192.0.2.9 (sends the spoof)           -/
. "$(dirname "$0")/vrrp_lib.sh"

require_cmd tcpdump
vrrp_setup
VRID=63

vrrp_ns sw a b x
switch_up "$sw"
switch_port "$sw" "$a" 192.0.2.2
switch_port "$sw" "$b" 192.0.2.1
switch_port "$sw" "$x" 192.0.2.9

tmp=$(mktemp -d)
defer rm -rf "$tmp"

KEY_AB=0x0102030405060708090a0b0c0d0e0f1011121314
KEY_BA=0x1112131415161718191a1b1c1d1e1f2021222324

# esp_sa NS SRC DST SPI KEY: the SA of adverts from SRC to DST.
esp_sa() {
	ip -n "$1" xfrm state add src "$2" dst "$3" proto esp spi "$4" \
		reqid "$4" mode transport aead 'rfc4106(gcm(aes))' "$5" 128
}
# esp_policy NS SRC DST DIR SPI: VRRP from SRC to DST must be ESP.
esp_policy() {
	ip -n "$1" xfrm policy add src "$2/32" dst "$3/32" proto 112 dir "$4" \
		tmpl src "$2" dst "$3" proto esp reqid "$5" mode transport
}
for ns in "$a" "$b"; do
	esp_sa "$ns" 192.0.2.2 192.0.2.1 0x201 $KEY_AB &&
		esp_sa "$ns" 192.0.2.1 192.0.2.2 0x202 $KEY_BA ||
		ksft_skip "no ESP in this kernel (esp4, xfrm_user)"
done
esp_policy "$a" 192.0.2.2 192.0.2.1 out 0x201
esp_policy "$a" 192.0.2.1 192.0.2.2 in 0x202
esp_policy "$b" 192.0.2.1 192.0.2.2 out 0x202
esp_policy "$b" 192.0.2.2 192.0.2.1 in 0x201 ||
	ksft_fail "xfrm policies"

mac_of() {
	ip -n "$1" -o link show dev eth0 | grep -o 'link/ether [0-9a-f:]*' |
		cut -d' ' -f2
}
# tmpl_mismatch NS: inbound packets a policy wanted protected and were not.
tmpl_mismatch() {
	nsx "$1" awk '$1 == "XfrmInTmplMismatch" { print $2 }' /proc/net/xfrm_stat
}
mismatch_above() {
	[ "$(tmpl_mismatch "$1")" -gt "$2" ]
}

vr_add "$a" $VRID 200 peer 192.0.2.1 || ksft_fail "vr add on a"
vr_add "$b" $VRID 100 peer 192.0.2.2 || ksft_fail "vr add on b"
check_state "election through ESP: a master" "$a" $VRID master
check_state "b backup" "$b" $VRID backup
heard_mark "$b" $VRID
check "b hears a's adverts" vwait 5 heard "$b" $VRID 5

nsx "$b" timeout 3 tcpdump -i eth0 -Q in -t -nn -c 5 'src 192.0.2.2' \
	>"$tmp/b.txt" 2>/dev/null
check "on the wire: a's adverts reach b as ESP, never in clear" \
	sh -c "[ \$(grep -c 'ESP(spi=0x00000201' '$tmp/b.txt') -ge 3 ] &&
	       ! grep -q VRRP '$tmp/b.txt'"

# A clear-text priority 0 from a's address would make b master within
# Skew_Time; the inbound policy drops it first.
zeros=$(vr_stat "$b" $VRID rcvd_pri_zero_packets)
mism=$(tmpl_mismatch "$b")
nsx "$x" python3 "$VRRP_CRAFT" send eth0 --vrid $VRID --addr $VIP \
	--src 192.0.2.2 --prio 0 --dst 192.0.2.1 --dst-mac "$(mac_of "$b")" \
	--count 5
check "the inbound policy dropped the clear-text spoofs" \
	vwait 3 mismatch_above "$b" $((mism + 4))
check "b never saw them" \
	test "$(vr_stat "$b" $VRID rcvd_pri_zero_packets)" = "$zeros"
check_state "b stays backup" "$b" $VRID backup 1

# The real resignation comes through ESP.
vr_del "$a" $VRID
check_state "a resigns: b master" "$b" $VRID master
check "b took over for priority_zero" \
	test "$(vr_stat "$b" $VRID new_master_reason)" = priority_zero
vr_del "$b" $VRID

tap_done
