# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the in-guest parts of scripts/demo and scripts/bench-failover:
# the director cluster's topology, in network namespaces of the guest.
#
#   a (director A) eth0 192.0.2.2/24 --- pa \
#   b (director B) eth0 192.0.2.1/24 --- pb  > br0 in namespace sw
#   c (client)     eth0 192.0.2.50/24 -- pc /
#
# The switch is a namespace of its own so that a capture there (on pa, pb,
# pc) sees every frame once, timestamped as the sender transmits it, and
# names the sender by the port it came in on.  A's address is the higher
# one so that A wins a tie of priorities (RFC 5798 6.4.3).
# Nothing here touches the guest's initial namespace besides loading
# modules: the guest has no other network anyway.  topo_node adds more
# nodes to that switch (the soak's scanners); topo_down removes them too.

VIP=192.0.2.100
A_IP=192.0.2.2
B_IP=192.0.2.1
C_IP=192.0.2.50
VRID=51
# 00-00-5E-00-01-{VRID} (RFC 5798 7.3): what a client must learn for the VIP.
VMAC=00:00:5e:00:01:33

topo_up() {
	local n
	for n in sw a b c; do
		ip netns add $n
		ip -n $n link set lo up
	done
	ip -n sw link add br0 type bridge
	# No STP: a port forwards at once when it comes (back) up; the
	# bridge must not add its own forwarding delay to a failover.
	ip -n sw link set br0 type bridge stp_state 0 forward_delay 0
	ip -n sw link set br0 up
	topo_port a pa $A_IP
	topo_port b pb $B_IP
	topo_port c pc $C_IP
}

# topo_port NS PORT ADDR: NS's eth0 cabled to the switch's PORT.
topo_port() {
	ip -n sw link add "$2" type veth peer name eth0 netns "$1"
	ip -n sw link set "$2" master br0
	ip -n sw link set "$2" up
	ip -n "$1" addr add "$3/24" dev eth0
	ip -n "$1" link set eth0 up
}

# topo_node NS ADDR: one more namespace NS on the switch, at its port pNS.
TOPO_NODES=()
topo_node() {
	ip netns add "$1" || return 1
	TOPO_NODES+=("$1")
	ip -n "$1" link set lo up
	topo_port "$1" "p$1" "$2"
}

topo_down() {
	local n
	for n in "${TOPO_NODES[@]}" a b c sw; do
		ip netns del "$n" 2>/dev/null
	done
	return 0
}
