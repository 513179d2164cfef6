# SPDX-License-Identifier: GPL-2.0
#
# A client of the VIP, for the tests of the wire (vrrp_nic.sh, vrrp_vlan.sh,
# vrrp_bond.sh): TCP listeners on the directors that name themselves, and
# checks that the client reaches a VIP at the virtual MAC and at the
# director expected. Source it after vrrp_lib.sh, then set
#
#	CLIENT_NS	the client's namespace
#	CLIENT_DEV	its interface (default eth0)
#	CLIENT_TMP	a directory for the listeners' ready files

CLIENT_DEV=${CLIENT_DEV:-eth0}
CLIENT_PORT=8080
declare -A LISTENER

# listen NS WHO: a TCP listener in NS on every address (v4 and v6), so
# whoever holds the VIP accepts; it answers each connection with WHO. ip
# netns exec execs it: LISTENER[WHO] is the listener itself, which must go
# before its namespace can (ns_gone).
listen() {
	ip netns exec "$1" python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET6)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("::", int(sys.argv[2])))
s.listen(16)
open(sys.argv[3], "w").close()
while True:
    c, _ = s.accept()
    c.sendall(sys.argv[1].encode() + b"\n")
    c.close()
' "$2" $CLIENT_PORT "$CLIENT_TMP/listen.$2" &
	bg_pids+=($!)
	LISTENER[$2]=$!
	vwait 10 test -e "$CLIENT_TMP/listen.$2" ||
		ksft_fail "listener in $1 did not start"
}

# client_start NS: NS is the client, with a directory for the listeners
# (CLIENT_TMP, removed at the end).
client_start() {
	CLIENT_NS=$1
	CLIENT_TMP=$(mktemp -d)
	defer rm -rf "$CLIENT_TMP"
}

# ping_vip ADDR: one echo from the client answered.
ping_vip() {
	nsx "$CLIENT_NS" busybox ping -c 1 -W 1 -q "$1" >/dev/null 2>&1
}

# tcp_reaches ADDR WHO: a TCP connection from the client to ADDR is
# answered by the listener WHO.
tcp_reaches() {
	local got
	got=$(nsx "$CLIENT_NS" timeout 3 bash -c \
		'exec 3<>"/dev/tcp/$1/$2" && read -r l <&3 && echo "$l"' \
		bash "$1" $CLIENT_PORT 2>/dev/null)
	[ "$got" = "$2" ]
}

# client_neigh ADDR MAC: the client's neighbour entry for ADDR is MAC.
client_neigh() {
	ip -n "$CLIENT_NS" neigh show "$1" dev "$CLIENT_DEV" |
		grep -q -i "lladdr $2"
}

# client_forget: the client's neighbour entries go, so the next packet
# resolves the VIP anew.
client_forget() {
	ip -n "$CLIENT_NS" neigh flush dev "$CLIENT_DEV"
}

# in_uc_list NS MAC [DEV]: MAC is in the unicast address list of DEV
# (default eth0) in NS: the device's own "self" entries that bridge(8)
# lists.
in_uc_list() {
	bridge -n "$1" fdb show dev "${3:-eth0}" | grep -q -i "^$2 .*self"
}

# reaches NAME ADDR MAC WHO: the client reaches ADDR (resolved to MAC) at
# director WHO, by ping and by TCP.
reaches() {
	local name=$1 addr=$2 mac=$3 who=$4
	check "$name: client pings $addr" vwait 5 ping_vip "$addr"
	check "$name: client resolved $addr to $mac" \
		client_neigh "$addr" "$mac"
	if vwait 5 tcp_reaches "$addr" "$who"; then
		tap_ok "$name: TCP to $addr reaches $who"
	else
		tap_fail "$name: TCP to $addr reaches $who" \
			"client's neighbours: $(ip -n "$CLIENT_NS" neigh show dev "$CLIENT_DEV" | tr '\n' ';')"
	fi
}
