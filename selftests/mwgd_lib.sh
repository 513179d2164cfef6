# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the mwgd_*.sh selftests: a segment (a bridge in namespace sw)
# with director and scanner namespaces on it, mwgd started in them, and
# readers of the kernel's scanner table and of mwgd's stats file.
# Sources vrrp_lib.sh (and so lib.sh):
#
#	. "$(dirname "$0")/mwgd_lib.sh"
#
# Addresses: 192.0.2.0/24 only.  Directors .1 .2, scanners .11 and up,
# simulators .50 and up, the VIP .100.

. "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"

MWGD=${MWGD:-$MWG_REPO/userspace/mwgd/mwgd}
MWGD_SIM=${MWGD_SIM:-$MWG_REPO/userspace/mwgd/mwgd-sim}
# Discovery interval of the tests; dead_after stays at its default, 3.
MWGD_MS=${MWGD_MS:-100}
MWGD_DEAD=3
# Generous bound on top of any protocol time, for a slow emulated guest.
MWGD_SLACK_S=${MWGD_SLACK_S:-4}
VRID=51

declare -A MWGD_PID MWGD_NS

mwgd_setup() {
	vrrp_setup
	[ -x "$MWGD" ] || ksft_skip "$MWGD not built (make userspace)"
	[ -x "$MWGD_SIM" ] || ksft_skip "$MWGD_SIM not built (make userspace)"
	MWGD_DIR=$(mktemp -d /tmp/mwgd-test.XXXXXX)
	defer rm -rf "$MWGD_DIR"
	vrrp_ns sw
	switch_up "$sw"
}

# mwgd_node VAR IP: a namespace on the segment, eth0 with IP.
mwgd_node() {
	vrrp_ns "$1"
	switch_port "$sw" "${!1}" "$2" "p$1"
}

# mwgd_start NAME NS ARGS...: mwgd -f in NS, logging to $MWGD_DIR/NAME.log,
# stats in $MWGD_DIR/NAME.stats; killed at exit.
mwgd_start() {
	local name=$1 ns=$2
	shift 2
	ip netns exec "$ns" "$MWGD" -f -o "node_id_file=$MWGD_DIR/$name.id" \
		-s "$MWGD_DIR/$name.stats" -i eth0 --interval "$MWGD_MS" "$@" \
		2>>"$MWGD_DIR/$name.log" &
	MWGD_PID[$name]=$!
	MWGD_NS[$name]=$ns
	defer kill -9 "$!"
}

# mwgd_director NAME NS IP ARGS...: a director following VR $VRID.  Without
# -k in ARGS it runs with insecure = yes: mwgd refuses a director without a
# key otherwise (the tests of that refusal start mwgd themselves).
mwgd_director() {
	local name=$1 ns=$2 ip=$3 a insecure=(-o insecure=yes)
	shift 3
	for a in "$@"; do
		[ "$a" = -k ] && insecure=()
	done
	mwgd_start "$name" "$ns" -r director -a "$ip" -o "vr=eth0 $VRID" \
		"${insecure[@]}" "$@"
}

# mwgd_scanner NAME NS ARGS...
mwgd_scanner() {
	local name=$1 ns=$2
	shift 2
	mwgd_start "$name" "$ns" -r scanner -o "name=$name" -o "ports=3128,8080" "$@"
}

mwgd_kill() {
	kill "-${2:-TERM}" "${MWGD_PID[$1]}" 2>/dev/null
}

# mwgd_gone NAME: the process has exited (a zombie counts: kill -0 would
# still reach it until the shell reaps it).
mwgd_gone() {
	local stat
	read -r stat 2>/dev/null <"/proc/${MWGD_PID[$1]}/stat" || return 0
	stat=${stat#*) }
	[ "${stat%% *}" = Z ]
}

# mwgd_log NAME: its log, as diagnostics.
mwgd_log() {
	sed "s/^/#   $1: /" "$MWGD_DIR/$1.log" 2>/dev/null | tail -n "${2:-20}"
}

# scanner_json NS: the kernel table of NS.
scanner_json() {
	mwgctl_ns "$1" -j scanner show
}

# scanner_count NS: entries of the kernel table, counted without jq.
scanner_count() {
	local out n=0
	out=$(scanner_json "$1") || return 1
	while [[ $out == *'"node_id"'* ]]; do
		out=${out#*'"node_id"'}
		n=$((n + 1))
	done
	echo "$n"
}

count_is() {
	local n
	n=$(scanner_count "$1") && [ "$n" = "$2" ]
}

# has_scanner NS NAME: NAME is in the kernel table of NS.
has_scanner() {
	local out
	out=$(scanner_json "$1") || return 1
	[[ $out == *"\"$2\""* ]]
}

no_scanner() {
	local out
	out=$(scanner_json "$1") || return 1
	[[ $out != *"\"$2\""* ]]
}

# mwgd_stats NAME: fresh stats file of NAME (SIGUSR1), into MWGD_STAT[].
declare -A MWGD_STAT
mwgd_stats() {
	local f=$MWGD_DIR/$1.stats k v
	rm -f "$f"
	mwgd_kill "$1" USR1
	vwait 3 test -e "$f" || return 1
	MWGD_STAT=()
	while read -r k v; do
		MWGD_STAT[$k]=$v
	done <"$f"
}

# stat_of NAME KEY: one value of a fresh stats file.
stat_of() {
	mwgd_stats "$1" || return 1
	echo "${MWGD_STAT[$2]:-}"
}

# stat_ge NAME KEY MIN
stat_ge() {
	local v
	v=$(stat_of "$1" "$2") && [ -n "$v" ] && [ "$v" -ge "$3" ]
}

# elapsed_since T0_MS: milliseconds since T0_MS.
elapsed_since() {
	echo $(($(now_ms) - $1))
}

# key_file PATH: a fresh random key, mode 0600.
key_file() {
	(umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$1")
}
