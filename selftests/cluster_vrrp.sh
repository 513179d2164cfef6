# SPDX-License-Identifier: GPL-2.0
#
# Steps of a two-appliance VRRP cluster (scripts/vm-cluster), shared by
# selftests/cluster_failover.sh and scripts/bench-cluster: director a in
# guest 0 (priority 200), director b in guest 1 (priority 100), both on
# their first NIC renamed eth0, and a client in namespace "client" on the
# second NIC of guest 1. Source it after scripts/cluster_lib.sh and, for
# the check helpers, selftests/lib.sh.

A=0
B=1
VRID=51
VIP=192.0.2.100
VMAC=00:00:5e:00:01:33
ADV_MS=${ADV_MS:-100}
# Master_Down_Interval of b (priority 100), RFC 5798 6.1, in microseconds.
MDI_US=$((3 * ADV_MS * 1000 + (256 - 100) * ADV_MS * 1000 / 256))

# appliance G IP NAME: eth0 (the first NIC) with IP, and a TCP listener
# that answers NAME on every address, the VIP's included.
appliance() {
	on "$1" "
		set -e
		nic=\${MWG_VM_NICS%% *}
		[ \"\$nic\" = eth0 ] || ip link set dev \"\$nic\" name eth0
		ip addr add $2/24 dev eth0
		ip link set eth0 up
		python3 -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((\"\", 8080))
s.listen(16)
while True:
    c, _ = s.accept()
    c.sendall(sys.argv[1].encode() + b\"\\n\")
    c.close()
' $3 >/dev/null 2>&1 &
	"
}

# mwg_vr G PRIO: the module, and a VR for the VIP on eth0.
mwg_vr() {
	on "$1" "
		set -e
		insmod \"\$MWG_KO\"
		\"\$MWGCTL\" vr add dev eth0 vrid $VRID prio $2 vip $VIP/24 \
			interval $ADV_MS"
}

# director G IP PRIO NAME: an appliance running mwg_vrrp.
director() {
	appliance "$1" "$2" "$4" && mwg_vr "$1" "$3"
}

# ka_vr G PRIO: keepalived instead (Debian's, VRRPv3, in its default
# real-MAC mode, with the same VRID, VIP and interval), in the background
# of the guest; -R: a crash is a crash, nothing respawns.
ka_vr() {
	local int
	int=$(awk -v m="$ADV_MS" 'BEGIN { print m / 1000 }')
	on "$1" "
		printf '%s\n' 'global_defs {' ' router_id ka_$1' ' vrrp_version 3' '}' \
			'vrrp_instance VI_1 {' ' interface eth0' \
			' virtual_router_id $VRID' ' priority $2' ' advert_int $int' \
			' virtual_ipaddress {' '  $VIP/24' ' }' '}' >/tmp/ka.conf
		keepalived -n -l -G -P -R -f /tmp/ka.conf -p /run/ka.pid \
			-r /run/ka-vrrp.pid >/tmp/ka.log 2>&1 &"
}

# client: the second NIC of guest 1, in namespace "client".
client() {
	on $B '
		set -e
		nic=${MWG_VM_NICS#* }
		nic=${nic%% *}
		ip netns add client
		ip link set dev "$nic" netns client
		ip -n client link set dev "$nic" name eth0
		ip -n client addr add 192.0.2.50/24 dev eth0
		ip -n client link set eth0 up
		ip -n client link set lo up
	'
}

# state G: the VR's state in guest G.
state() {
	on "$1" "cat /sys/class/net/eth0/mwg_vrrp/$VRID/state 2>/dev/null"
}

# wait_state G STATE: until the VR of G is in STATE (20 s at most).
wait_state() {
	on "$1" "
		for _ in \$(seq 200); do
			[ \"\$(cat /sys/class/net/eth0/mwg_vrrp/$VRID/state 2>/dev/null)\" = $2 ] && exit 0
			sleep 0.1
		done
		exit 1"
}

check_state() {
	if wait_state "$2" "$3"; then
		tap_ok "$1"
	else
		tap_fail "$1" "guest $2's VR is '$(state "$2")', not '$3'"
	fi
}

# reason G: why G's VR last became master.
reason() {
	on "$1" "awk '\$1 == \"new_master_reason\" { print \$2 }' /sys/class/net/eth0/mwg_vrrp/$VRID/stats"
}

# reaches NAME WHO: from the client, a ping of the VIP is answered, the VIP
# resolves to the virtual MAC, and a TCP connection is answered by WHO.
reaches() {
	local got
	check "$1: the client pings the VIP" on $B "
		for _ in \$(seq 10); do
			ip netns exec client busybox ping -c 1 -W 1 -q $VIP >/dev/null 2>&1 && exit 0
		done
		exit 1"
	check "$1: the VIP is at the virtual MAC" on $B \
		"ip -n client neigh show $VIP | grep -q -i 'lladdr $VMAC'"
	got=$(on $B "
		for _ in \$(seq 10); do
			l=\$(ip netns exec client timeout 3 bash -c 'exec 3<>/dev/tcp/$VIP/8080 && read -r l <&3 && echo \$l' 2>/dev/null)
			[ -n \"\$l\" ] && { echo \"\$l\"; exit 0; }
			sleep 0.2
		done")
	if [ "$got" = "$2" ]; then
		tap_ok "$1: TCP to the VIP reaches $2"
	else
		tap_fail "$1: TCP to the VIP reaches $2" "answered by '${got:-nobody}'"
	fi
}

# capture_start: vrrp-cap at the client, whose NIC joins the VRRP group's
# MAC so that its filter lets the adverts in.
capture_start() {
	on $B '
		ip -n client maddr add 01:00:5e:00:00:12 dev eth0 2>/dev/null
		rm -f /tmp/cap /tmp/cap.ready
		ip netns exec client scripts/vrrp-cap capture /tmp/cap --ready /tmp/cap.ready >/dev/null 2>&1 &
		echo $! >/tmp/cap.pid
		for _ in $(seq 100); do [ -e /tmp/cap.ready ] && exit 0; sleep 0.1; done
		exit 1'
}

# takeover_us: from the capture, a's very last advert (a is dead after it)
# to the first gratuitous ARP for the VIP after it (sender = target = VIP:
# not a request for the VIP from someone else), in microseconds.
takeover_us() {
	on $B "
		kill \$(cat /tmp/cap.pid); sleep 0.3
		awk '\$3 == \"vrrp\" && \$4 == \"192.0.2.2\" { last = \$1 }
			\$3 == \"arp\" && \$6 == \"$VIP\" && \$7 == \"$VIP\" { garp[n++] = \$1 }
			END {
				for (i = 0; i < n; i++)
					if (last && garp[i] > last) {
						printf \"%d\\n\", (garp[i] - last) / 1000
						exit 0
					}
				exit 1
			}' /tmp/cap"
}

# wait_vip G yes|no: until guest G holds the VIP on eth0, or does not (20 s
# at most): the state as keepalived shows it, which has no sysfs.
wait_vip() {
	local want=0
	[ "$2" = yes ] || want=1
	on "$1" "
		for _ in \$(seq 200); do
			ip -4 -o addr show dev eth0 | grep -q ' $VIP/'
			[ \$? = $want ] && exit 0
			sleep 0.1
		done
		exit 1"
}
