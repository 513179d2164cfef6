#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Our BFD against FRR's bfdd (Debian's FRR 8.4), single hop, a session over
# IPv4 and one over IPv6 on the same link: each comes Up on both sides,
# goes Down on ours when bfdd stops and Up again when it returns, and goes
# Down on bfdd's when we delete ours (AdminDown).  Skipped when bfdd is not
# installed.
#
#   a: eth0 192.0.2.1/24 2001:db8::1/64 (mwg_vrrp)
#        |
#   f: eth0 192.0.2.2/24 2001:db8::2/64 (zebra, bfdd)
#
# 100 ms both ways, multiplier 5: what FRR accepts in milliseconds, and
# slack for the emulated guest.
. "$(dirname "$0")/bfd_lib.sh"

vrrp_setup
[ -x /usr/lib/frr/bfdd ] || ksft_skip "FRR's bfdd not installed (Debian package frr)"
require_cmd vtysh
id frr >/dev/null 2>&1 || ksft_skip "no frr user (package frr incomplete)"

vrrp_ns a f
veth_pair "$a" 192.0.2.1 "$f" 192.0.2.2
ip -n "$a" addr add 2001:db8::1/64 dev eth0 nodad
ip -n "$f" addr add 2001:db8::2/64 dev eth0 nodad
dir=/tmp/frr-bfd-$f
mkdir -p "$dir" "/run/frr/$f"
chown frr:frr /run/frr "/run/frr/$f" "$dir"
defer rm -rf "$dir"
kmsg_mark

printf 'hostname %s\n' "$f" >"$dir/zebra.conf"
cat >"$dir/bfdd.conf" <<CONF
bfd
 peer 192.0.2.1 interface eth0
  receive-interval 100
  transmit-interval 100
  detect-multiplier 5
 !
 peer 2001:db8::1 interface eth0
  receive-interval 100
  transmit-interval 100
  detect-multiplier 5
 !
!
CONF
chown frr:frr "$dir"/*.conf

# frr_run DAEMON: start it in f, detached, with its own pid file.
frr_run() {
	ip netns exec "$f" /usr/lib/frr/"$1" -d -N "$f" -u frr -g frr -P 0 \
		-f "$dir/$1.conf" -i "/run/frr/$f/$1.pid" \
		--log "file:$dir/$1.log" >"$dir/$1.out" 2>&1
}
frr_kill() {
	local pid
	[ -r "/run/frr/$f/$1.pid" ] || return 0
	read -r pid <"/run/frr/$f/$1.pid"
	kill "$pid" 2>/dev/null
	rm -f "/run/frr/$f/$1.pid"
	# The port must be free again before bfdd starts anew.
	vwait 5 sh -c "! kill -0 $pid 2>/dev/null"
}
defer frr_kill zebra
defer frr_kill bfdd

# frr_bfd_status PEER: bfdd's view of its peer ("up", "down", "init").
frr_bfd_status() {
	ip netns exec "$f" vtysh -N "$f" -c "show bfd peers json" 2>/dev/null |
		jq -r --arg p "$1" '.[] | select(.peer == $p) | .status'
}
frr_bfd_is() {
	[ "$(frr_bfd_status "$1")" = "$2" ]
}

frr_run zebra || ksft_fail "zebra: $(cat "$dir/zebra.out")"
frr_run bfdd || ksft_fail "bfdd: $(cat "$dir/bfdd.out")"
# Ours to bfdd's, over each family: ours, bfdd's.
v4="192.0.2.2 192.0.2.1"
v6="2001:db8::2 2001:db8::1"
for fam in v4 v6; do
	read -r peer mine <<<"${!fam}"
	bfd_add "$a" "$peer" tx-us 100000 rx-us 100000 multiplier 5 ||
		ksft_fail "bfd add $peer"
done

for fam in v4 v6; do
	read -r peer mine <<<"${!fam}"
	check_bfd_state "$fam: ours up with bfdd" "$a" "$peer" up 30
	check "$fam: bfdd up with ours" vwait 30 frr_bfd_is "$mine" up
	check "$fam: we send at the agreed 100 ms" \
		vwait 10 bfd_json_is "$a" "$peer" .tx_interval_us 100000
	check "$fam: we learned bfdd's multiplier" \
		test "$(bfd_json "$a" "$peer" .remote_multiplier)" = 5
done
check "no packet of bfdd's dropped" \
	test "$(mwgctl_ns "$a" -j stats | jq '[.namespace | to_entries[] |
		select(.key | startswith("bfd_")) | .value] | add')" = 0

# bfdd stops: our sessions go Down (AdminDown from bfdd, or detection).
frr_kill bfdd
for fam in v4 v6; do
	read -r peer mine <<<"${!fam}"
	check_bfd_state "$fam: bfdd stopped: ours goes down" "$a" "$peer" down 10
done

frr_run bfdd || tap_fail "bfdd restart" "$(cat "$dir/bfdd.out")"
for fam in v4 v6; do
	read -r peer mine <<<"${!fam}"
	check_bfd_state "$fam: bfdd back: ours up again" "$a" "$peer" up 30
	check "$fam: bfdd back: bfdd up again" vwait 30 frr_bfd_is "$mine" up
done

# We stop: bfdd hears AdminDown and goes down.
for fam in v4 v6; do
	read -r peer mine <<<"${!fam}"
	bfd_del "$a" "$peer" || tap_fail "$fam: bfd del"
	check "$fam: we stopped: bfdd goes down" vwait 10 frr_bfd_is "$mine" down
done

frr_kill bfdd
frr_kill zebra
check "kernel log clean" kmsg_clean
tap_done
