#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mwg_vrrp and FRR's vrrpd (Debian's FRR 8.4) as the two routers of a VR,
# VRRPv3 over IPv4 and over IPv6: the higher priority is master and the
# other backs up, failover works from us to FRR and from FRR to us, we
# count no error and vrrpd logs no invalid datagram or checksum.  What we
# sent is decoded by tshark.
#
#   a: eth0 192.0.2.1/24 2001:db8::1/64 --- pa \      (mwg_vrrp)
#                                                +-- br0 (namespace sw;
#   f: eth0 192.0.2.2/24 2001:db8::2/64 --- pf /      tcpdump on pa, in)
#      vrrp4-eth0-61 / vrrp6-eth0-62: macvlans with    (zebra, vrrpd)
#      the virtual MACs, which vrrpd requires
#
#   VR 61: IPv4, VIP 192.0.2.100; VR 62: IPv6, VIPs fe80::33, 2001:db8::100
. "$(dirname "$0")/interop_lib.sh"

interop_setup
[ -x /usr/lib/frr/vrrpd ] || ksft_skip "FRR's vrrpd not installed (Debian package frr)"
require_cmd vtysh
id frr >/dev/null 2>&1 || ksft_skip "no frr user (package frr incomplete)"
modprobe macvlan 2>/dev/null
vrrp_ns sw a f
no_dad "$f"
switch_up "$sw"
switch_port "$sw" "$a" 192.0.2.1
switch_port "$sw" "$f" 192.0.2.2
ip -n "$a" -6 addr add 2001:db8::1/64 dev eth0 nodad
ip -n "$f" -6 addr add 2001:db8::2/64 dev eth0 nodad

pcap=$INTEROP_PCAPS/frr.pcap
cap_start "$sw" pa "$pcap" -Q in

# frr_down NS: vrrpd and zebra stopped, and gone.
frr_gone() {
	[ ! -e "/run/frr/$1/vrrpd.pid" ] && [ ! -e "/run/frr/$1/zebra.pid" ] &&
		! pgrep -f -- "-N $1 " >/dev/null
}
frr_down() {
	frr_stop "$1"
	vwait 5 frr_gone "$1"
}

# pair_case FAMILY(4|6) VRID VIP...: our VR on a and vrrpd's on f.
pair_case() {
	local fam=$1 vrid=$2 sysvr=$2 mwgfam=inet tmo=3 v cfg
	shift 2
	local vips=("$@") vipargs=()
	for v in "${vips[@]}"; do vipargs+=(vip "$v"); done
	if [ "$fam" = 6 ]; then
		sysvr=$vrid-inet6
		mwgfam=inet6
	fi
	scenario_begin "mwg_vrrp / FRR vrrpd, $mwgfam, VRRPv3"

	frr_vmac "$f" eth0 "$vrid" "$fam" || ksft_fail "macvlan for vrrpd"
	cfg="interface eth0
 vrrp $vrid version 3
 vrrp $vrid priority 100
 vrrp $vrid advertisement-interval $ADV_MS"
	for v in "${vips[@]}"; do
		if [ "$fam" = 4 ]; then
			cfg+=$'\n'" vrrp $vrid ip ${v%/*}"
			ip -n "$f" addr add "$v" dev "vrrp4-eth0-$vrid"
		else
			cfg+=$'\n'" vrrp $vrid ipv6 ${v%/*}"
			ip -n "$f" addr add "$v" dev "vrrp6-eth0-$vrid" nodad
		fi
	done

	# 1. We have the higher priority: master; vrrpd backs up.
	mwgctl_ns "$a" vr add dev eth0 vrid "$vrid" prio 200 interval "$ADV_MS" \
		"${vipargs[@]}" || ksft_fail "vr add $vrid"
	check_state "ours 200 > FRR 100: we are master" "$a" "$sysvr" master
	frr_start "$f" "$vrid" "$cfg"
	if vwait 10 frr_state_is "$f" "$vrid" "$fam" Backup; then
		tap_ok "FRR (100) backs up"
	else
		tap_fail "FRR (100) backs up" "vrrpd says '$(frr_status "$f" "$vrid" "$fam")'"
	fi
	# Past vrrpd's Master_Down_Interval: it would have taken over by now
	# had it dropped our adverts.
	nap 1
	check "FRR still backs up after 10 of our adverts" \
		frr_state_is "$f" "$vrid" "$fam" Backup
	check_state "we are still master" "$a" "$sysvr" master 1

	# 2. Ours -> FRR: we leave (priority 0), vrrpd takes over.
	mwgctl_ns "$a" vr del dev eth0 vrid "$vrid" family "$mwgfam"
	if vwait "$tmo" frr_state_is "$f" "$vrid" "$fam" Master; then
		tap_ok "failover ours -> FRR: FRR is master"
	else
		tap_fail "failover ours -> FRR: FRR is master" \
			"vrrpd says '$(frr_status "$f" "$vrid" "$fam")'"
	fi

	# 3. FRR has the higher priority now: we back up.
	mwgctl_ns "$a" vr add dev eth0 vrid "$vrid" prio 50 interval "$ADV_MS" \
		"${vipargs[@]}" || ksft_fail "vr add $vrid again"
	heard_mark "$a" "$sysvr"
	vwait "$tmo" heard "$a" "$sysvr" 3
	check "we hear FRR's adverts" heard "$a" "$sysvr" 3
	check_state "ours 50 < FRR 100: we back up" "$a" "$sysvr" backup 1
	check "FRR stays master" frr_state_is "$f" "$vrid" "$fam" Master

	# 4. FRR -> ours: vrrpd stops, we take over.
	frr_down "$f"
	check_state "failover FRR -> ours: we are master" "$a" "$sysvr" master

	check_no_errs "we counted no checksum or format error" "$a" "$sysvr"
	local e
	e=$(frr_errors "$f")
	check "vrrpd logged no invalid datagram or checksum" test -z "$e"
	[ -z "$e" ] || echo "$e" | head -n 3 | sed 's/^/#   /'
	mwgctl_ns "$a" vr del dev eth0 vrid "$vrid" family "$mwgfam"
	ip -n "$f" link del "vrrp$fam-eth0-$vrid"
	scenario_end frr "$mwgfam" 3 pseudo
}

pair_case 4 61 "$VIP/24"
pair_case 6 62 "$VIP6_LL" "$VIP6/64"
cap_stop "$pcap"

tshark_decode "$INTEROP_PCAPS/frr.txt" "vrrp or arp or icmpv6.type == 136" \
	"$pcap" || true
tshark_clean "tshark: our v3 adverts (IPv4, IPv6), GARPs and NAs decode cleanly"
tshark_has "tshark: all kinds of our packets present" \
	'Virtual Rtr ID: 61' 'Virtual Rtr ID: 62' 'Is gratuitous: True' \
	'Flags: 0xa0000000'

tap_done
