#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mwg_vrrp and keepalived (Debian's 2.2.7) as the two routers of a VR, for
# VRRPv3 over IPv4 (RFC 5798 pseudo-header checksum), VRRPv3 over IPv6 and
# VRRPv2: the higher priority is master and the other backs up, failover
# works from us to keepalived and from keepalived to us, and neither side
# counts or logs a checksum or format error.  The same in unicast mode (our
# "peer" against keepalived's unicast_peer, VRRPv3 and v2 over IPv4, VRRPv3
# over IPv6 with link-local peers), where no multicast advert may leave us.  The RFC 9568 IPv4 checksum
# is checked one way: keepalived 2.2.7 can send and accept only the
# pseudo-header form, so we must accept its adverts while it rejects ours.
# What we sent is decoded by tshark.
#
#   a: eth0 192.0.2.1/24 2001:db8::1/64 --- pa \      (mwg_vrrp)
#                                                +-- br0 (namespace sw;
#   k: eth0 192.0.2.2/24 2001:db8::2/64 --- pk /      tcpdump on pa, in)
#                                                     (keepalived)
#
#   One VRID per case: 51 v3/IPv4, 52 v3/IPv4 RFC 9568, 53 v3/IPv6, 54 v2;
#   unicast: 55 v3/IPv4, 56 v2, 57 v3/IPv6.
. "$(dirname "$0")/interop_lib.sh"

interop_setup
require_cmd keepalived
vrrp_ns sw a k
no_dad "$k"
switch_up "$sw"
switch_port "$sw" "$a" 192.0.2.1
switch_port "$sw" "$k" 192.0.2.2
ip -n "$a" -6 addr add 2001:db8::1/64 dev eth0 nodad
ip -n "$k" -6 addr add 2001:db8::2/64 dev eth0 nodad

# Only what a sends, as it enters the switch.
pcap=$INTEROP_PCAPS/keepalived.pcap
pcap9568=$INTEROP_PCAPS/keepalived-rfc9568.pcap
cap_start "$sw" pa "$pcap" -Q in

# ka_conf VRID PRIO VERSION INTERVAL-S VIP...: keepalived's configuration
# of one VR on eth0, with the same VIPs in the same order as ours (2.2.7
# ignores adverts whose address list differs from its own).  Unicast mode
# when KA_PEER names our address (and OUR_PEER keepalived's).
KA_PEER=
OUR_PEER=
UNICAST_NOTE="our peer list against keepalived's unicast_peer; no multicast advert sent"
ka_conf() {
	local vrid=$1 prio=$2 ver=$3 int=$4 v
	shift 4
	cat <<-EOF
	global_defs {
		router_id k
	}
	vrrp_instance vr$vrid {
		state BACKUP
		interface eth0
		virtual_router_id $vrid
		priority $prio
		version $ver
		advert_int $int
		virtual_ipaddress {
	$(for v in "$@"; do printf '\t\t%s\n' "$v"; done)
		}
	$(if [ -n "$KA_PEER" ]; then printf '\tunicast_peer {\n\t\t%s\n\t}\n' "$KA_PEER"; fi)
	}
	EOF
}

# ka_has_vip ADDR: keepalived's master put ADDR on k's eth0.
ka_has_vip() {
	ip -n "$k" -o addr show dev eth0 | grep -q " ${1%/*}/"
}

# pair_case FAMILY VERSION VRID INTERVAL-MS VIP...: the four steps with
# our VR on a and keepalived on k.
pair_case() {
	local fam=$1 ver=$2 vrid=$3 ms=$4 sysvr tmo kaint mdi
	shift 4
	local vips=("$@") vipargs=() v mode=
	for v in "${vips[@]}"; do vipargs+=(vip "$v"); done
	if [ -n "$OUR_PEER" ]; then
		vipargs+=(peer "$OUR_PEER")
		mode=", unicast"
	fi
	sysvr=$vrid
	[ "$fam" = inet ] || sysvr=$vrid-inet6
	# Waits: three Master_Down_Intervals or so, and at least 2 s.
	tmo=$((ms * 12 / 1000 + 2))
	kaint=$(awk -v m="$ms" 'BEGIN { printf "%g", m / 1000 }')
	scenario_begin "mwg_vrrp / keepalived, $fam, VRRPv$ver$mode"

	# 1. We have the higher priority: we are master, keepalived backs up
	#    and stays so, which it does only if it accepts our adverts.
	mwgctl_ns "$a" vr add dev eth0 vrid "$vrid" prio 200 interval "$ms" \
		version "$ver" "${vipargs[@]}" || ksft_fail "vr add $vrid"
	check_state "ours 200 > keepalived 100: we are master" "$a" "$sysvr" master "$tmo"
	ka_start "$k" "$(ka_conf "$vrid" 100 "$ver" "$kaint" "${vips[@]}")"
	vwait "$tmo" ka_state_is "$k" BACKUP
	# More than keepalived's Master_Down_Interval (3.6 intervals at
	# priority 100): it would have taken over by then had it dropped our
	# adverts.
	nap "$(awk -v m="$ms" 'BEGIN { print m * 5 / 1000 }')"
	check "keepalived (100) backs up, never master" \
		bash -c "! grep -q 'Entering MASTER' '${KA_LOG[$k]}' && grep -q 'Entering BACKUP' '${KA_LOG[$k]}'"

	# 2. Ours -> keepalived: we leave (priority 0), keepalived takes over.
	mwgctl_ns "$a" vr del dev eth0 vrid "$vrid" family "$fam"
	if vwait "$tmo" ka_state_is "$k" MASTER; then
		tap_ok "failover ours -> keepalived: keepalived is master"
	else
		tap_fail "failover ours -> keepalived: keepalived is master" \
			"$(grep STATE "${KA_LOG[$k]}" | tail -n 2)"
	fi
	check "keepalived holds ${vips[-1]}" vwait 3 ka_has_vip "${vips[-1]}"

	# 3. Keepalived has the higher priority now: we back up.
	mwgctl_ns "$a" vr add dev eth0 vrid "$vrid" prio 50 interval "$ms" \
		version "$ver" "${vipargs[@]}" || ksft_fail "vr add $vrid again"
	heard_mark "$a" "$sysvr"
	vwait "$tmo" heard "$a" "$sysvr" 3
	check "we hear keepalived's adverts" heard "$a" "$sysvr" 3
	check_state "ours 50 < keepalived 100: we back up" "$a" "$sysvr" backup 1
	[ "$fam" = inet ] && check "we follow keepalived (192.0.2.2) as master" \
		test "$(vr_sysfs "$a" "$sysvr" master_ip)" = 192.0.2.2

	# 4. Keepalived -> ours: keepalived stops (priority 0), we take over.
	ka_stop "$k" TERM
	check_state "failover keepalived -> ours: we are master" "$a" "$sysvr" master "$tmo"

	check_no_errs "we counted no checksum or format error" "$a" "$sysvr"
	local e
	e=$(ka_errors "$k")
	check "keepalived logged no checksum or format error" test -z "$e"
	[ -z "$e" ] || echo "$e" | head -n 3 | sed 's/^/#   /'
	mwgctl_ns "$a" vr del dev eth0 vrid "$vrid" family "$fam"
	scenario_end "keepalived${mode:+ (unicast_peer)}" "$fam" "$ver" \
		"$([ "$ver" = 2 ] && echo v2 || echo pseudo)" \
		"${mode:+$UNICAST_NOTE}"
}

# A VIP of its own per VRID: one address behind two virtual MACs in one
# capture would read as a duplicate address to tshark.
pair_case inet 3 51 "$ADV_MS" 192.0.2.151/24
pair_case inet6 3 53 "$ADV_MS" "$VIP6_LL" "$VIP6/64"
pair_case inet 2 54 1000 192.0.2.154/24
cap_stop "$pcap"

# --- RFC 9568 form, one way -----------------------------------------------------
# We send the RFC 9568 form (no pseudo-header), keepalived 2.2.7 only the
# RFC 5798 one: it must reject ours, we must take its adverts.
vrid=52
scenario_begin "mwg_vrrp (checksum rfc9568) / keepalived, inet, VRRPv3"
cap_start "$sw" pa "$pcap9568" -Q in
mwgctl_ns "$a" vr add dev eth0 vrid $vrid prio 50 interval "$ADV_MS" \
	checksum rfc9568 vip 192.0.2.152/24 || ksft_fail "vr add $vrid"
check_state "alone, we are master" "$a" $vrid master
ka_start "$k" "$(ka_conf $vrid 200 3 0.1 192.0.2.152/24)"
if vwait 5 ka_state_is "$k" MASTER; then
	tap_ok "keepalived (200) becomes master"
else
	tap_fail "keepalived (200) becomes master" "$(grep STATE "${KA_LOG[$k]}" | tail -n 2)"
fi
check_state "we (50) back up on keepalived's pseudo-header adverts" "$a" $vrid backup
heard_mark "$a" $vrid
vwait 3 heard "$a" $vrid 3
check "we accept keepalived's adverts" heard "$a" $vrid 3
check "keepalived 2.2.7 rejected our RFC 9568 form (logged)" \
	grep -q -i 'checksum' "${KA_LOG[$k]}"
ka_stop "$k" TERM
check_state "failover keepalived -> ours: we are master" "$a" $vrid master
check_no_errs "we counted no checksum or format error" "$a" $vrid
cap_stop "$pcap9568"
mwgctl_ns "$a" vr del dev eth0 vrid $vrid
scenario_end keepalived inet 3 rfc9568 \
	"one way: we accept keepalived's adverts; keepalived 2.2.7 cannot check the RFC 9568 form and drops ours"

# --- unicast peers ----------------------------------------------------------------
# Our "peer" against keepalived's unicast_peer; IPv6 peers are named by
# their link-local addresses, the source of their adverts.
ll_of() {
	ip -n "$1" -6 -o addr show dev eth0 scope link |
		awk '{ sub("/.*", "", $4); print $4; exit }'
}
pcapuc=$INTEROP_PCAPS/keepalived-unicast.pcap
cap_start "$sw" pa "$pcapuc" -Q in
KA_PEER=192.0.2.1 OUR_PEER=192.0.2.2
pair_case inet 3 55 "$ADV_MS" 192.0.2.155/24
pair_case inet 2 56 1000 192.0.2.156/24
vwait 10 sh -c "ip -n '$a' -6 addr show dev eth0 scope link | grep -v -q tentative" ||
	tap_fail "a's link-local address left duplicate address detection"
KA_PEER=$(ll_of "$a") OUR_PEER=$(ll_of "$k")
pair_case inet6 3 57 "$ADV_MS" "$VIP6_LL" "$VIP6/64"
KA_PEER= OUR_PEER=
cap_stop "$pcapuc"

# --- on the wire ------------------------------------------------------------------
tshark_decode "$INTEROP_PCAPS/keepalived.txt" "vrrp or arp or icmpv6.type == 136" \
	"$pcap" || true
tshark_clean "tshark: our v3/IPv4, v3/IPv6, v2 adverts, GARPs and NAs decode cleanly"
tshark_has "tshark: all kinds of our packets present" \
	'Version 3, Packet type 1' 'Version 2, Packet type 1' 'Virtual Rtr ID: 51' 'Virtual Rtr ID: 53' \
	'Virtual Rtr ID: 54' 'Is gratuitous: True' 'Flags: 0xa0000000'
tshark_decode "$INTEROP_PCAPS/keepalived-rfc9568.txt" vrrp "$pcap9568" -- \
	-o vrrp.v3_checksum_as_in_v2:TRUE || true
tshark_clean "tshark (v3_checksum_as_in_v2): our RFC 9568 adverts decode cleanly"
tshark_has "tshark: our RFC 9568 adverts checked" 'Checksum Status: Good'
tshark_decode "$INTEROP_PCAPS/keepalived-unicast.txt" "vrrp" "$pcapuc" || true
tshark_clean "tshark: our unicast adverts (v3/IPv4, v2, v3/IPv6) decode cleanly"
tshark_has "tshark: they went to keepalived's addresses" \
	'Destination Address: 192\.0\.2\.2$' 'Destination Address: fe80::' \
	'Virtual Rtr ID: 55' 'Virtual Rtr ID: 56' 'Virtual Rtr ID: 57'
check "tshark: no multicast advert left us in unicast mode" \
	sh -c "! grep -E -q 'Destination Address: (224\.0\.0\.18|ff02::12)$' '$INTEROP_PCAPS/keepalived-unicast.txt'"

tap_done
