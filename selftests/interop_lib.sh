# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the interop_*.sh selftests: captures taken on the test's
# segment and decoded by tshark, peers (keepalived, FRR vrrpd) run in a
# namespace of their own, and the result lines that scripts/interop-table
# turns into Documentation/interop.md.  Source it instead of vrrp_lib.sh:
#
#	. "$(dirname "$0")/interop_lib.sh"
#
# Addresses: 192.0.2.0/24, 2001:db8::/64 and fe80::/10, only inside the
# namespaces the tests create.

. "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"

INTEROP_DIR=${MWG_INTEROP_DIR:-$MWG_REPO/build/interop}
# One line per (peer, family, version, checksum form) and kernel; the file
# is emptied by "scripts/interop-table run" before a run, appended to here.
INTEROP_RESULTS=${MWG_INTEROP_RESULTS:-$INTEROP_DIR/results.txt}
INTEROP_PCAPS=$INTEROP_DIR/pcap/$(uname -r)

VIP6_LL=fe80::33
VIP6=2001:db8::100

interop_setup() {
	vrrp_setup
	require_cmd tcpdump
	mkdir -p "$INTEROP_DIR" "$INTEROP_PCAPS" ||
		ksft_fail "mkdir $INTEROP_DIR"
}

# --- results -----------------------------------------------------------------

# A scenario is the TAP lines between scenario_begin and scenario_end; it
# passed when none of them failed.
_scn_failed=0
_scn_passed=0
scenario_begin() {
	_scn_failed=$_tap_failed
	_scn_passed=$_tap_passed
	echo "# --- $* ---"
}

# scenario_end PEER FAMILY VERSION CHECKSUM [NOTE]: appends the scenario's
# result to $INTEROP_RESULTS, tab-separated:
#   kernel peer family version checksum result note
scenario_end() {
	local res=pass
	if [ "$_tap_failed" -gt "$_scn_failed" ]; then
		res=fail
	elif [ "$_tap_passed" = "$_scn_passed" ]; then
		res=skip
	fi
	interop_result "$1" "$2" "$3" "$4" "$res" "${5:-}"
}

# interop_result PEER FAMILY VERSION CHECKSUM RESULT [NOTE]
interop_result() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(uname -r)" "$1" "$2" "$3" \
		"$4" "$5" "${6:-}" >>"$INTEROP_RESULTS"
}

# --- tshark ----------------------------------------------------------------------
# Starting tshark costs the emulated guest 5 to 15 s (its dissectors
# register each time), so each test decodes its captures once, merged,
# and every check greps the saved text.

TSHARK_OUT=

# tshark_decode OUT FILTER PCAP... [-- TSHARK-OPTIONS]: the verbose decode
# of the frames FILTER selects, into OUT.
tshark_decode() {
	local out=$1 filter=$2 pcaps=() merged
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		pcaps+=("$1")
		shift
	done
	[ "${1:-}" != -- ] || shift
	TSHARK_OUT=$out
	merged=${out%.txt}-decoded.pcap
	if [ ${#pcaps[@]} -gt 1 ]; then
		mergecap -w "$merged" "${pcaps[@]}" || return 1
	else
		cp "${pcaps[0]}" "$merged" || return 1
	fi
	tshark -n -r "$merged" -V -Y "$filter" "$@" >"$out" 2>"$out.err"
}

# tshark_clean NAME: one TAP line: the decode has frames, and none of them
# is malformed or carries a bad checksum or a warning.
tshark_clean() {
	local bad n
	n=$(grep -c '^Frame [0-9]' "$TSHARK_OUT" 2>/dev/null) || n=0
	bad=$(grep -n -E 'Malformed|Checksum Status: Bad|Expert Info \(Warning' \
		"$TSHARK_OUT" | head -n 3)
	if [ "$n" = 0 ]; then
		tap_fail "$1" "tshark decoded no frame: $(head -c 300 "$TSHARK_OUT.err")"
	elif [ -n "$bad" ]; then
		tap_fail "$1" "tshark: $(echo $bad)"
	else
		tap_ok "$1 ($n frames)"
	fi
}

# tshark_has NAME ERE...: one TAP line: every ERE matches a line of the
# decode (each a kind of packet that must be on the wire).
tshark_has() {
	local name=$1 re
	shift
	for re in "$@"; do
		if ! grep -q -E -- "$re" "$TSHARK_OUT"; then
			tap_fail "$name" "no line matches /$re/"
			return
		fi
	done
	tap_ok "$name"
}

# --- keepalived --------------------------------------------------------------------
# Debian's keepalived 2.2.7 per namespace: in the foreground, logging to
# the console (here a file), no syslog, VRRP only.

declare -A KA_LOG KA_PID
# ka_start NS CONFIG-TEXT: writes the configuration and starts keepalived.
ka_start() {
	local ns=$1 dir=/tmp/ka-$1
	mkdir -p "$dir"
	printf '%s\n' "$2" >"$dir/keepalived.conf"
	KA_LOG[$ns]=$dir/log
	: >"${KA_LOG[$ns]}"
	ip netns exec "$ns" keepalived -n -l -D -G -P \
		-f "$dir/keepalived.conf" -p "$dir/ka.pid" -r "$dir/vrrp.pid" \
		>>"${KA_LOG[$ns]}" 2>&1 &
	KA_PID[$ns]=$!
	defer ka_stop "$ns"
}

# ka_stop NS [SIGNAL]: SIGTERM makes the master send priority 0 first.
ka_stop() {
	local pid=${KA_PID[$1]:-}
	[ -n "$pid" ] || return 0
	kill "-${2:-TERM}" "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	KA_PID[$1]=
}

# ka_state_is NS STATE: keepalived's last "Entering X STATE" says STATE
# (MASTER, BACKUP, FAULT).
ka_state_is() {
	local l last=
	while IFS= read -r l; do
		[[ $l == *"Entering "*" STATE"* ]] && last=$l
	done <"${KA_LOG[$1]}"
	[[ $last == *"Entering $2 STATE"* ]]
}

# ka_errors NS: log lines about adverts keepalived refused or found odd.
ka_errors() {
	grep -i -E 'checksum|invalid|malformed|mismatch|bad |wrong|unknown|discard|ignor|too short|length' \
		"${KA_LOG[$1]}"
}

# --- FRR vrrpd -----------------------------------------------------------------
# FRR 8.4: zebra and vrrpd per namespace (pathspace -N NS); vrrpd acts on a
# VR only once a macvlan with the virtual MAC sits on the interface.

declare -A FRR_DIR
# frr_start NS VRID VRRPD-CONFIG-TEXT
frr_start() {
	local ns=$1 dir=/tmp/frr-$1 d
	mkdir -p "$dir" "/run/frr/$ns"
	chown frr:frr /run/frr "/run/frr/$ns" "$dir"
	FRR_DIR[$ns]=$dir
	printf 'hostname %s\n' "$ns" >"$dir/zebra.conf"
	printf '%s\n' "$3" >"$dir/vrrpd.conf"
	chown frr:frr "$dir"/*.conf
	for d in zebra vrrpd; do
		ip netns exec "$ns" /usr/lib/frr/$d -d -N "$ns" -u frr -g frr \
			-P 0 -f "$dir/$d.conf" -i "/run/frr/$ns/$d.pid" \
			--log "file:$dir/$d.log" --log-level debug \
			>"$dir/$d.out" 2>&1 ||
			ksft_fail "$d in $ns: $(cat "$dir/$d.out")"
	done
	defer frr_stop "$ns"
}

# frr_stop NS [DAEMON...]: SIGTERM to each (default vrrpd zebra).
frr_stop() {
	local ns=$1 d pid
	shift
	for d in ${*:-vrrpd zebra}; do
		[ -r "/run/frr/$ns/$d.pid" ] || continue
		read -r pid <"/run/frr/$ns/$d.pid"
		kill "$pid" 2>/dev/null
		rm -f "/run/frr/$ns/$d.pid"
	done
}

# frr_vmac NS DEV VRID FAMILY(4|6): the macvlan vrrpd needs, up, with the
# virtual MAC; its own addresses are added by the caller.
frr_vmac() {
	local ns=$1 dev=$2 vrid=$3 fam=$4 name mac
	name=vrrp$fam-$dev-$vrid
	if [ "$fam" = 4 ]; then mac=$(vmac "$vrid"); else mac=$(vmac6 "$vrid"); fi
	ip -n "$ns" link add "$name" link "$dev" type macvlan mode bridge ||
		return 1
	# Each setting on its own: ip refuses addrgenmode together with others.
	ip -n "$ns" link set dev "$name" addrgenmode random
	ip -n "$ns" link set dev "$name" address "$mac"
	ip -n "$ns" link set dev "$name" up
}

# frr_status NS VRID FAMILY(4|6): vrrpd's state of the VR (Master, Backup,
# Initialize).
frr_status() {
	ip netns exec "$1" vtysh -N "$1" -c "show vrrp $2 json" 2>/dev/null |
		jq -r ".[0].v$3.status"
}

frr_state_is() {
	[ "$(frr_status "$1" "$2" "$3")" = "$4" ]
}

# frr_errors NS: vrrpd's log lines about adverts it refused.
frr_errors() {
	grep -i -E 'Datagram invalid|checksum|malformed' "${FRR_DIR[$1]}/vrrpd.log"
}

# --- our side ------------------------------------------------------------------------

# ERR_COUNTERS: the VR's receive error counters, all of which must stay 0
# against a peer that speaks the protocol right.
ERR_COUNTERS='adv_interval_errors ip_ttl_errors address_list_errors
packet_length_errors checksum_errors version_errors auth_type_errors'

# errs_of NS VRID: "name=value" for every error counter that is not 0,
# and the namespace's checksum and VRID errors likewise.
errs_of() {
	local c v out=
	for c in $ERR_COUNTERS; do
		v=$(vr_stat "$1" "$2" "$c") || v=missing
		[ "$v" = 0 ] || out+=" $c=$v"
	done
	for c in checksum_errors; do
		v=$(ns_stat "$1" "$c")
		[ "$v" = 0 ] || [ "$v" = null ] || out+=" ns_$c=$v"
	done
	echo "${out# }"
}

# check_no_errs NAME NS VRID
check_no_errs() {
	local e
	e=$(errs_of "$2" "$3")
	if [ -z "$e" ]; then
		tap_ok "$1"
	else
		tap_fail "$1" "$e"
	fi
}
