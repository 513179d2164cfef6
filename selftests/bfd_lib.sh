# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers shared by the bfd_*.sh selftests: BFD sessions between routers in
# network namespaces of the guest, read through "mwgctl -j bfd show".
# Source it instead of vrrp_lib.sh, which it sources:
#
#	. "$(dirname "$0")/bfd_lib.sh"

. "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"

BFD_CRAFT=$MWG_SELFTESTS/bfd_craft.py

# Intervals of the tests: an emulated guest keeps 30-50 ms timers, with
# stalls; 1 ms would only measure the emulator.
BFD_US=${BFD_US:-30000}
# While not Up, BFD sends once a second (RFC 5880 6.8.3): bringing a
# session up takes a few seconds; allow plenty.
BFD_UP_S=${BFD_UP_S:-15}

# bfd_add NS PEER [OPTIONS...]: a session on eth0 of NS.
bfd_add() {
	local ns=$1 peer=$2
	shift 2
	mwgctl_ns "$ns" bfd add dev eth0 peer "$peer" "$@"
}

bfd_del() {
	mwgctl_ns "$1" bfd del dev eth0 peer "$2"
}

# bfd_json NS PEER JQ: a field of the session in "mwgctl -j bfd show".
bfd_json() {
	mwgctl_ns "$1" -j bfd show dev eth0 peer "$2" | jq -r ".[0]$3"
}

# bfd_json_is NS PEER JQ VALUE
bfd_json_is() {
	[ "$(bfd_json "$1" "$2" "$3")" = "$4" ]
}

bfd_state_is() {
	[ "$(bfd_json "$1" "$2" .state)" = "$3" ]
}

# check_bfd_state NAME NS PEER STATE [SECONDS]
check_bfd_state() {
	local name=$1 ns=$2 peer=$3 want=$4 secs=${5:-$BFD_UP_S}
	if vwait "$secs" bfd_state_is "$ns" "$peer" "$want"; then
		tap_ok "$name"
	else
		tap_fail "$name" "session of $ns to $peer is '$(bfd_json "$ns" "$peer" .state)', not '$want' after ${secs}s"
	fi
}

# bfd_stat NS PEER NAME: a per-session counter.
bfd_stat() {
	bfd_json "$1" "$2" ".stats.$3"
}
