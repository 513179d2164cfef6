# SPDX-License-Identifier: GPL-2.0
#
# Helpers shared by the vrrp_*.sh selftests: topologies of routers in
# network namespaces of the guest, and readers of VR state and counters.
# Source it after nothing else; it sources lib.sh itself:
#
#	. "$(dirname "$0")/vrrp_lib.sh"
#
# Every address lives in 192.0.2.0/24 (TEST-NET-1) inside namespaces this
# file creates; nothing touches the guest's initial namespace but the module.

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VRRP_CRAFT=$MWG_SELFTESTS/vrrp_craft.py

# Short adverts keep the tests quick; Master_Down_Interval is then about
# 3 * 100 ms + Skew_Time, well under the bounds below even on a slow guest.
ADV_MS=${VRRP_ADV_MS:-100}
# Generous upper bound for any takeover the tests wait for, in seconds:
# emulated guests stall for whole scheduler ticks under host load.
TAKEOVER_S=${VRRP_TAKEOVER_S:-5}

VIP=192.0.2.100
SUBNET_LEN=24
# The device the VR readers below look at when none is given: a test of
# VRs on a VLAN or a bond sets it.
VR_DEV=${VR_DEV:-eth0}

# vmac VRID: the IPv4 virtual MAC of RFC 5798 7.3, as ip(8) prints it.
vmac() {
	printf '00:00:5e:00:01:%02x' "$1"
}

# vmac6 VRID: the IPv6 virtual MAC of RFC 5798 7.3.
vmac6() {
	printf '00:00:5e:00:02:%02x' "$1"
}

# no_dad NS: IPv6 addresses of NS's interfaces are usable at once.
# Duplicate address detection would hold every new link-local address
# tentative for a second or more, and the tests check the VIPs' own flags,
# which the module sets, not the interfaces'.
no_dad() {
	ip netns exec "$1" sysctl -q -w net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0 >/dev/null
}

# Starting a program costs the emulated guest up to half a second (it is
# read over 9p and linked anew each time), so the helpers that run in
# loops use bash builtins only: clocks from $EPOCHREALTIME, pauses from a
# read with a timeout, VR state and counters read from a sysfs mounted once
# per namespace (vrrp_ns).

# now_ms: milliseconds of the wall clock, without a fork of date(1).
now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((t / 1000))
}

_nap_fd=
# nap SECONDS: sleep(1) without a process.
nap() {
	if [ -z "$_nap_fd" ]; then
		local f
		f=$(mktemp -u /tmp/vrrp-nap.XXXXXX)
		mkfifo "$f"
		exec {_nap_fd}<>"$f"
		rm -f "$f"
	fi
	read -r -t "$1" -u "$_nap_fd" _ || true
}

# vwait TIMEOUT_S CMD...: slowwait of lib.sh with builtins only, every
# 50 ms; returns as soon as CMD succeeds, fails after TIMEOUT_S.
vwait() {
	local end=$(( ${EPOCHREALTIME/./} + $1 * 1000000 ))
	shift
	while :; do
		"$@" && return 0
		[ "${EPOCHREALTIME/./}" -lt "$end" ] || return 1
		nap 0.05
	done
}

# nsx NS CMD...: run CMD in namespace NS (with its own /sys mounted, so the
# per-device mwg_vrrp sysfs directories of NS are visible).
nsx() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}

# mwgctl_ns NS ARGS...: mwgctl in namespace NS.
mwgctl_ns() {
	local ns=$1
	shift
	ip netns exec "$ns" "$MWGCTL" "$@"
}

# vrrp_ns VAR...: setup_ns, plus a sysfs of each namespace mounted at
# $SYS_<name> for the builtin readers below.  It is unmounted first at
# exit: a mounted sysfs holds its namespace alive.
declare -A SYSFS
vrrp_ns() {
	local _v _dir
	setup_ns "$@"
	for _v in "$@"; do
		_dir=/tmp/vrrp-sys.${!_v}
		mkdir -p "$_dir"
		nsenter --net="/run/netns/${!_v}" mount -t sysfs sysfs "$_dir" ||
			ksft_fail "sysfs of ${!_v}"
		SYSFS[${!_v}]=$_dir
		defer rmdir "$_dir"
		defer umount "$_dir"
	done
}

# ns_gone NS: unmount its sysfs first, then delete the namespace.
ns_gone() {
	umount "${SYSFS[$1]}" 2>/dev/null
	ip netns del "$1"
}

vrrp_setup() {
	require_root
	require_cmd ip jq python3
	require_mwgctl
	load_module
}

# --- topologies --------------------------------------------------------------

# MWG_LINK chooses what switch_up and switch_port build the wire from:
#   veth            (the default) veth pairs to a Linux bridge br0 in the
#                   switch namespace, which accepts every frame;
#   virtio, e1000e, or any other model scripts/vm-run --nic offers: the
#                   guest's emulated NICs, all on one QEMU hub, each driven
#                   by its real driver with its real receive filter. The hub
#                   is the switch; switch_port moves the next free NIC into
#                   the namespace as eth0.
# Tests that build their wire with these (and port_detach, port_attach,
# port_tap) run unchanged on each.
MWG_LINK=${MWG_LINK:-veth}
declare -A PORT_NS

link_is_nic() {
	[ "$MWG_LINK" != veth ]
}

# nics_free: the emulated NICs (MAC 52:54:00:..., see vm-run) left in the
# initial namespace, in MAC order. A namespace deleted by an earlier test
# gives its NICs back here, under whatever name was free.
nics_free() {
	local a mac d
	for a in /sys/class/net/*/address; do
		read -r mac <"$a" 2>/dev/null || continue
		case $mac in
		52:54:00:*) d=${a%/address}; echo "$mac ${d##*/}" ;;
		esac
	done | sort | while read -r _ d; do echo "$d"; done
}

nics_at_least() {
	[ "$(nics_free | wc -l)" -ge "$1" ]
}

# require_nics N: skip unless the wire is made of N emulated NICs. The
# namespaces of the test before may still be giving theirs back.
require_nics() {
	link_is_nic ||
		ksft_skip "needs emulated NICs: MWG_LINK=virtio|e1000e under scripts/vm-run --nic MODEL,count=$1 (MWG_LINK is veth)"
	vwait 10 nics_at_least "$1" ||
		ksft_skip "needs $1 emulated NICs in the guest (scripts/vm-run --nic MODEL,count=$1), has $(nics_free | wc -l)"
}

# veth_pair NSA IPA NSB IPB: eth0 in each namespace, linked to each other.
veth_pair() {
	local nsa=$1 ipa=$2 nsb=$3 ipb=$4
	ip link add eth0 netns "$nsa" type veth peer name eth0 netns "$nsb" ||
		ksft_fail "veth pair $nsa-$nsb"
	ip -n "$nsa" addr add "$ipa/$SUBNET_LEN" dev eth0
	ip -n "$nsb" addr add "$ipb/$SUBNET_LEN" dev eth0
	ip -n "$nsa" link set eth0 up
	ip -n "$nsb" link set eth0 up
}

# switch_up SW: a bridge br0 in namespace SW.  Snooping is off: the VRRP
# group is link-local and must reach every port whatever IGMP says.  On
# emulated NICs the hub is the switch: nothing to do.
switch_up() {
	local sw=$1
	link_is_nic && return 0
	ip -n "$sw" link add br0 type bridge mcast_snooping 0 ||
		ksft_fail "bridge in $sw"
	ip -n "$sw" link set br0 up
}

# nic_take NS [NAME]: the next free emulated NIC becomes NAME (default
# eth0) of NS, as the guest booted it (no leftover filter, promiscuity or
# qdisc).
nic_take() {
	local ns=$1 name=${2:-eth0} nic
	vwait 10 nics_at_least 1 ||
		ksft_fail "no free emulated NIC for $ns (MWG_LINK=$MWG_LINK)"
	nic=$(nics_free | head -n 1)
	ip link set dev "$nic" down
	ip link set dev "$nic" promisc off
	tc qdisc del dev "$nic" clsact 2>/dev/null
	ip link set dev "$nic" netns "$ns" || ksft_fail "moving $nic to $ns"
	ip -n "$ns" link set dev "$nic" name "$name" ||
		ksft_fail "renaming $nic in $ns"
}

# switch_port SW NS IP [PORT]: eth0 in NS with address IP, its peer PORT
# (default p-<first part of NS>) enslaved to br0 of SW; on emulated NICs a
# NIC on the hub, PORT only naming it for port_detach and friends.
switch_port() {
	local sw=$1 ns=$2 ip=$3 port=${4:-p${2%%-*}}
	PORT_NS[$port]=$ns
	if link_is_nic; then
		nic_take "$ns"
	else
		ip link add eth0 netns "$ns" type veth peer name "$port" netns "$sw" ||
			ksft_fail "port $port for $ns"
		ip -n "$sw" link set "$port" master br0
		ip -n "$sw" link set "$port" up
	fi
	ip -n "$ns" addr add "$ip/$SUBNET_LEN" dev eth0
	ip -n "$ns" link set eth0 up
}

# port_detach SW PORT: the router behind PORT is cut off the switch, its
# link still up (a silent master, a partition): the port leaves the bridge,
# or on a NIC every frame in and out is dropped (tc).
port_detach() {
	local sw=$1 port=$2 ns=${PORT_NS[$2]}
	if ! link_is_nic; then
		ip -n "$sw" link set "$port" nomaster
		return
	fi
	tc -n "$ns" qdisc add dev eth0 clsact &&
		tc -n "$ns" filter add dev eth0 ingress matchall action drop &&
		tc -n "$ns" filter add dev eth0 egress matchall action drop ||
		ksft_fail "cannot cut $port ($ns) off the hub with tc"
}

# port_attach SW PORT: undoes port_detach.
port_attach() {
	local sw=$1 port=$2 ns=${PORT_NS[$2]}
	if ! link_is_nic; then
		ip -n "$sw" link set "$port" master br0
		return
	fi
	tc -n "$ns" qdisc del dev eth0 clsact
}

# port_tap SW PORT: "NS DEV DIR": where tcpdump -Q DIR -i DEV in NS sees
# the frames the router behind PORT sends: entering the bridge at PORT, or
# leaving that router's NIC.
port_tap() {
	if link_is_nic; then
		echo "${PORT_NS[$2]} eth0 out"
	else
		echo "$1 $2 in"
	fi
}

# --- virtual routers -----------------------------------------------------------

# vr_add NS VRID PRIO [OPTIONS...]: a VR on eth0 of NS for $VIP, with short
# adverts; OPTIONS are mwgctl's and win over these.
vr_add() {
	local ns=$1 vrid=$2 prio=$3
	shift 3
	mwgctl_ns "$ns" vr add dev eth0 vrid "$vrid" prio "$prio" \
		vip "$VIP/$SUBNET_LEN" interval "$ADV_MS" "$@"
}

vr_del() {
	mwgctl_ns "$1" vr del dev eth0 vrid "$2"
}

# vr_sysfs NS VRID FILE [DEV]: a file of /sys/class/net/DEV/mwg_vrrp/VRID
# (DEV defaults to $VR_DEV, as in the readers below).
vr_sysfs() {
	local l f=${SYSFS[$1]}/class/net/${4:-$VR_DEV}/mwg_vrrp/$2/$3
	[ -e "$f" ] || return 1
	while IFS= read -r l; do
		printf '%s\n' "$l"
	done <"$f"
}

vr_state() {
	local s
	read -r s 2>/dev/null <"${SYSFS[$1]}/class/net/$VR_DEV/mwg_vrrp/$2/state" ||
		return 1
	echo "$s"
}

# vr_write NS VRID FILE VALUE: a sysfs write; fails as the write does, and
# bash (unlike dash) names the errno in its message.
vr_write() {
	nsx "$1" bash -c 'echo "$1" > "$2"' bash "$4" \
		"/sys/class/net/eth0/mwg_vrrp/$2/$3"
}

# vr_stat NS VRID NAME [DEV]: one counter (or new_master_reason) of the
# sysfs stats file.
vr_stat() {
	local k v f=${SYSFS[$1]}/class/net/${4:-$VR_DEV}/mwg_vrrp/$2/stats
	[ -e "$f" ] || return 1
	while read -r k v; do
		if [ "$k" = "$3" ]; then
			echo "$v"
			return 0
		fi
	done <"$f"
	return 1
}

# vr_json NS VRID JQ: a field of the VR in "mwgctl -j vr show".
vr_json() {
	mwgctl_ns "$1" -j vr show dev eth0 vrid "$2" | jq -r ".[0]$3"
}

# ns_stat NS NAME: a namespace-wide counter of "mwgctl -j stats".
ns_stat() {
	mwgctl_ns "$1" -j stats | jq -r ".namespace.$2"
}

state_is() {
	local s
	read -r s 2>/dev/null <"${SYSFS[$1]}/class/net/$VR_DEV/mwg_vrrp/$2/state" &&
		[ "$s" = "$3" ]
}

# wait_state NS VRID STATE [SECONDS]: until the VR is in STATE.
wait_state() {
	vwait "${4:-$TAKEOVER_S}" state_is "$1" "$2" "$3"
}

# check_state NAME NS VRID STATE [SECONDS]: one TAP line; prints what the
# VR said when it never got there.
check_state() {
	local name=$1 ns=$2 vrid=$3 want=$4 secs=${5:-$TAKEOVER_S}
	if wait_state "$ns" "$vrid" "$want" "$secs"; then
		tap_ok "$name"
	else
		tap_fail "$name" "$ns vrid $vrid is '$(vr_state "$ns" "$vrid")', not '$want' after ${secs}s"
	fi
}

# stat_above NS VRID NAME BEFORE: the counter is now above BEFORE.
stat_above() {
	local k v f=${SYSFS[$1]}/class/net/$VR_DEV/mwg_vrrp/$2/stats
	[ -e "$f" ] || return 1
	while read -r k v; do
		[ "$k" = "$3" ] && { [ "$v" -gt "$4" ]; return; }
	done <"$f"
	return 1
}

ns_stat_above() {
	local v
	v=$(ns_stat "$1" "$2") || return 1
	[ "$v" -gt "$3" ]
}

# heard NS VRID N: the VR has received at least N more adverts than it had
# when heard_mark ran; lets a test wait "for N advert intervals" without
# trusting the wall clock of a slow guest.
_heard_base=0
heard_mark() {
	_heard_base=$(vr_stat "$1" "$2" rcvd_advertisements || echo 0)
}
heard() {
	stat_above "$1" "$2" rcvd_advertisements $((_heard_base + $3 - 1))
}

# has_addr NS ADDR: ADDR is a local address on eth0 of NS.
has_addr() {
	ip -n "$1" -4 -o addr show dev eth0 | grep -q " inet $2/"
}

# --- events ------------------------------------------------------------------

# monitor_ready NS: a generic netlink socket of NS has joined a multicast
# group (/proc/net/netlink: protocol 16, groups bitmap not zero), so events
# from now on reach the "mwgctl monitor" started before.
monitor_ready() {
	nsx "$1" awk 'NR > 1 && $2 == 16 && $4 != "00000000" { f = 1 }
		END { exit !f }' /proc/net/netlink
}

# mwgctl_refused NS NAME MESSAGE ARGS...: one TAP line, ok when "mwgctl
# ARGS" in NS fails and says MESSAGE.
mwgctl_refused() {
	local ns=$1 name=$2 msg=$3 out
	shift 3
	if out=$(mwgctl_ns "$ns" "$@" 2>&1); then
		tap_fail "$name" "accepted: $out"
	elif grep -qF -- "$msg" <<<"$out"; then
		tap_ok "$name"
	else
		tap_fail "$name" "said: $out"
	fi
}

# --- captures ------------------------------------------------------------------

declare -A _cap_pid
# cap_start NS IF FILE [TCPDUMP-OPTION...]: tcpdump of VRRP (IPv4 and
# IPv6: tcpdump's "vrrp" means IPv4 only), ARP and ICMPv6 on IF of NS into
# FILE, returning once it listens.
cap_start() {
	local ns=$1 dev=$2 file=$3
	shift 3
	rm -f "$file" "$file.log"
	ip netns exec "$ns" tcpdump -n -U -s 0 -i "$dev" -w "$file" "$@" \
		'vrrp or ip6 proto 112 or arp or icmp6' 2>"$file.log" &
	_cap_pid[$file]=$!
	defer kill "$!"
	vwait 30 file_has "$file.log" 'listening on' ||
		ksft_fail "tcpdump on $dev of $ns: $(cat "$file.log")"
}

# cap_stop FILE: ends the capture (tcpdump writes out what it holds).
cap_stop() {
	local pid=${_cap_pid[$1]}
	[ -n "$pid" ] || return 0
	kill -INT "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	unset "_cap_pid[$1]"
}

# file_has FILE TEXT: a line of FILE contains TEXT (builtins only; a last
# line still being written, without its newline, counts too).
file_has() {
	local l
	[ -e "$1" ] || return 1
	while IFS= read -r l || [ -n "$l" ]; do
		[[ $l == *"$2"* ]] && return 0
	done <"$1"
	return 1
}

# --- kernel log --------------------------------------------------------------

# check_kmsg NAME: one TAP line, ok when the kernel logged nothing
# alarming since kmsg_mark (the first such lines are the diagnostics).
check_kmsg() {
	local bad
	bad=$(kmsg_since_mark | grep -E 'WARNING:|BUG:|Oops|Call Trace|refcount_t|unreferenced object|KASAN|cannot (add|remove) a VIP')
	if [ -z "$bad" ]; then
		tap_ok "$1"
	else
		tap_fail "$1" "$(head -n 3 <<<"$bad" | tr '\n' ' ')"
	fi
}

# kmsg_clean: nothing alarming logged since kmsg_mark.
kmsg_clean() {
	! kmsg_since_mark | grep -E 'WARNING:|BUG:|Oops|Call Trace|refcount|leak|RCU'
}
