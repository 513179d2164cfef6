# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers of the proxy_*.sh selftests (Proxy HA: IPVS over the live
# scanners).  Sources mwgd_lib.sh:
#
#	. "$(dirname "$0")/proxy_lib.sh"
#
# The segment of mwgd_lib.sh plus a client namespace c at 192.0.2.200 with
# 30 more source addresses .201-.230: the default scheduler (mh) hashes the
# client's address, so a spread needs many of them.

. "$(dirname "${BASH_SOURCE[0]}")/mwgd_lib.sh"

PROXY_TCP=$MWG_SELFTESTS/proxy_tcp.py
PROXY_PORT=9090
CLIENT_SRCS=$(seq -s, -f '192.0.2.%g' 201 230)

declare -A SERVER_PID

proxy_setup() {
	mwgd_setup
	modprobe -a ip_vs ip_vs_mh ip_vs_wlc ip_vs_sh 2>/dev/null ||
		ksft_skip "no IPVS modules (ip_vs, ip_vs_mh) in this kernel"
	mwgd_node c 192.0.2.200
	local i
	for i in $(seq 201 230); do
		ip -n "$c" addr add "192.0.2.$i/$SUBNET_LEN" dev eth0
	done
}

# server NAME NS: the TCP server answering with NAME on $PROXY_PORT.
server() {
	ip netns exec "$2" python3 "$PROXY_TCP" serve "$1" "$PROXY_PORT" \
		2>>"$MWGD_DIR/server-$1.log" &
	SERVER_PID[$1]=$!
	defer kill -9 "$!"
}

server_kill() {
	kill -9 "${SERVER_PID[$1]}" 2>/dev/null
}

# proxy_conf FILE [KEY=VALUE...]: a [proxy web] section for the VIP.
proxy_conf() {
	local f=$1 kv
	shift
	{
		echo "[proxy web]"
		echo "vip = $VIP"
		echo "ports = $PROXY_PORT"
		for kv in "$@"; do
			echo "${kv%%=*} = ${kv#*=}"
		done
	} >"$f"
}

# has_lo_addr NS ADDR: ADDR/32 is on lo of NS.
has_lo_addr() {
	ip -n "$1" -4 -o addr show dev lo | grep -q " inet $2/32"
}

# service_json NS: what "mwgctl -j service show" reads from IPVS in NS.
service_json() {
	mwgctl_ns "$1" -j service show
}

# dest_field NS ADDR FIELD: FIELD of real server ADDR of VIP:PORT in NS,
# empty when it is not there.
dest_field() {
	service_json "$1" | jq -r --arg a "$2" --arg f "$3" \
		--arg vip "$VIP" --argjson port "$PROXY_PORT" '
		.services[] | select(.protocol == "tcp" and .address == $vip and
				     .port == $port) |
		.real_servers[] | select(.address == $a) | .[$f]' 2>/dev/null
}

# dest_count NS: real servers of VIP:PORT with a weight above 0.
dest_count() {
	service_json "$1" | jq --arg vip "$VIP" --argjson port "$PROXY_PORT" '
		[.services[] | select(.protocol == "tcp" and .address == $vip and
				      .port == $port) |
		 .real_servers[] | select(.weight > 0)] | length'
}

dests_are() {
	[ "$(dest_count "$1")" = "$2" ]
}

# service_count NS: IPVS services in NS.
service_count() {
	service_json "$1" | jq '.services | length'
}

# sync_state NS: "master", "backup", both or nothing, as IPVS runs them.
sync_state() {
	service_json "$1" | jq -r '[.sync_daemons[].state] | sort | join(",")'
}

sync_is() {
	[ "$(sync_state "$1")" = "$2" ]
}

# spread COUNT: COUNT connections from the client to VIP:PORT; sets
# SPREAD[name]=connections and SPREAD_ERRORS.
declare -A SPREAD
SPREAD_ERRORS=
spread() {
	local out name n
	SPREAD=()
	SPREAD_ERRORS=
	out=$(ip netns exec "$c" python3 "$PROXY_TCP" spread "$VIP" \
		"$PROXY_PORT" "$1" "$CLIENT_SRCS" 2>>"$MWGD_DIR/client.log")
	while read -r name n; do
		if [ "$name" = errors ]; then
			SPREAD_ERRORS=$n
		else
			SPREAD[$name]=$n
		fi
	done <<<"$out"
	echo "# spread of $1: $(echo "$out" | tr '\n' ' ')"
}

# got_share NAME...: each NAME answered at least one connection.
got_share() {
	local name
	for name in "$@"; do
		[ "${SPREAD[$name]:-0}" -gt 0 ] || return 1
	done
}

# cpu_share NAME SECONDS: percent of one CPU mwgd NAME used over SECONDS.
cpu_share() {
	local f pid=${MWGD_PID[$1]} c0 c1 t0 t1
	read -r -a f <"/proc/$pid/stat" || return 1
	c0=$((f[13] + f[14])) t0=$(now_ms)
	nap "$2"
	read -r -a f <"/proc/$pid/stat" || return 1
	c1=$((f[13] + f[14])) t1=$(now_ms)
	echo $(( (c1 - c0) * 100000 / $(getconf CLK_TCK) / (t1 - t0) ))
}

# hold_start: the client's long-lived connection from 192.0.2.200, a line
# every 0.2 s, answers logged to $hold_log ("hello NAME", "ok SEQ NAME",
# "err ..."); it ends when $hold_stop exists.  Its pid in $hold_pid.
hold_start() {
	hold_log=$MWGD_DIR/hold.log
	hold_stop=$MWGD_DIR/hold.stop
	ip netns exec "$c" python3 "$PROXY_TCP" hold "$VIP" "$PROXY_PORT" \
		192.0.2.200 "$hold_log" "$hold_stop" 2>>"$MWGD_DIR/client.log" &
	hold_pid=$!
	defer kill -9 "$hold_pid"
}

# hold_oks: answers the long-lived connection got so far.
hold_oks() {
	local n
	n=$(grep -cs '^ok' "$hold_log")
	echo "${n:-0}"
}

hold_beyond() {
	[ "$(hold_oks)" -ge "$1" ]
}
