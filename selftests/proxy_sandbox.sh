#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A Proxy HA scanner run as the systemd unit runs it: /proc/sys read-only
# (ProtectKernelTunables=yes) but for the unit's ReadWritePaths= under it,
# rebuilt with unshare -m and bind mounts from dist/mwgd.service.in (the
# guest has no systemd).  mwgd must set arp_ignore 1 and arp_announce 2
# before the VIP goes on lo, so that a neighbour's ARP for the VIP goes
# unanswered; with the sysctls unwritable it must keep the VIP off lo and
# say why (fail closed).  UNIT=FILE tests another unit file, MWGD= another
# build.
#
#   s1 192.0.2.11 (scanner, [proxy web] with the VIP), c .200 (asks ARP)
. "$(dirname "$0")/proxy_lib.sh"

UNIT=${UNIT:-$MWG_REPO/dist/mwgd.service.in}
mwgd_setup
require_cmd unshare python3
[ -r "$UNIT" ] || ksft_skip "no unit file $UNIT"
mwgd_node s1 192.0.2.11
mwgd_node c 192.0.2.200

# The unit's /proc/sys policy: read-only, and its writable exceptions.
grep -qx 'ProtectKernelTunables=yes' "$UNIT" ||
	ksft_skip "$UNIT does not set ProtectKernelTunables=yes"
RW_PATHS=$(sed -n 's/^ReadWritePaths=//p' "$UNIT" | tr ' ' '\n' |
	sed 's/^-//' | grep '^/proc/sys/' | tr '\n' ' ')
echo "# $UNIT: /proc/sys read-only but for: ${RW_PATHS:-nothing}"

# sandboxed RW_PATHS: an mwgd wrapper (for mwgd_start) that runs it with
# /proc/sys read-only but for RW_PATHS, in a mount namespace of its own.
sandboxed() {
	local w=$MWGD_DIR/sandboxed-$RANDOM
	cat >"$w" <<WRAP
#!/bin/bash
exec unshare -m --propagation private bash -c '
	mount --bind /proc/sys /proc/sys &&
		mount -o remount,bind,ro /proc/sys || exit 97
	for p in $1; do
		mount --bind "\$p" "\$p" &&
			mount -o remount,bind,rw "\$p" || exit 98
	done
	exec "\$0" "\$@"' "$REAL_MWGD" "\$@"
WRAP
	chmod +x "$w"
	echo "$w"
}
REAL_MWGD=$MWGD

# Back to the kernel's defaults between runs.
reset_scanner() {
	nsx "$s1" sysctl -qw net.ipv4.conf.all.arp_ignore=0 \
		net.ipv4.conf.all.arp_announce=0
	ip -n "$s1" addr del "$VIP/32" dev lo 2>/dev/null
	ip -n "$c" neigh flush all
}

# arp_answered: c asks for the VIP (a datagram to it makes the kernel
# ARP); true if s1 answered within a second.
s1_mac=$(ip -n "$s1" -o link show eth0 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
arp_answered() {
	ip -n "$c" neigh flush all
	ip netns exec "$c" python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(3):
    s.sendto(b"arp?", (sys.argv[1], 9))
    time.sleep(0.3)' "$VIP" 2>/dev/null
	ip -n "$c" neigh show "$VIP" | grep -qi "lladdr $s1_mac"
}

proxy_conf "$MWGD_DIR/scanner.conf"

# --- the control: the VIP on lo with ARP not kept quiet is answered ------------------
reset_scanner
ip -n "$s1" addr add "$VIP/32" dev lo
check "control: a VIP on lo without arp_ignore is answered by ARP" arp_answered
reset_scanner

# --- as the unit runs it ---------------------------------------------------------------
MWGD=$(sandboxed "$RW_PATHS")
mwgd_scanner s1 "$s1" -c "$MWGD_DIR/scanner.conf"
# Start-up under unshare in a loaded guest: a setup wait, not a bound.
if vwait 20 has_lo_addr "$s1" "$VIP"; then
	tap_ok "under the unit's sandbox the VIP goes on lo"
else
	tap_fail "under the unit's sandbox the VIP goes on lo" "$(tail -n 3 "$MWGD_DIR/s1.log")"
fi
check "arp_ignore is 1 there" \
	test "$(nsx "$s1" sysctl -n net.ipv4.conf.all.arp_ignore)" = 1
check "arp_announce is 2 there" \
	test "$(nsx "$s1" sysctl -n net.ipv4.conf.all.arp_announce)" = 2
if arp_answered; then
	tap_fail "the scanner does not answer ARP for the VIP" \
		"c has $(ip -n "$c" neigh show "$VIP")"
else
	tap_ok "the scanner does not answer ARP for the VIP"
fi
mwgd_kill s1
vwait 5 mwgd_gone s1
reset_scanner

# --- sysctls unwritable: no VIP on lo ----------------------------------------------------
MWGD=$(sandboxed "")
: >"$MWGD_DIR/s2.log"
mwgd_scanner s2 "$s1" -c "$MWGD_DIR/scanner.conf"
refusal() {
	grep -q "arp_ignore is 0 and cannot be set to 1 (Read-only file system): no proxy vip on lo" \
		"$MWGD_DIR/s2.log"
}
if vwait 20 refusal; then
	tap_ok "/proc/sys read-only: $(grep -m1 -o 'error: .*arp_ignore.*' "$MWGD_DIR/s2.log")"
else
	tap_fail "/proc/sys read-only: the refusal is logged" "$(tail -n 3 "$MWGD_DIR/s2.log")"
fi
nap 1
if has_lo_addr "$s1" "$VIP"; then
	tap_fail "/proc/sys read-only: the VIP stays off lo" "it is on lo"
else
	tap_ok "/proc/sys read-only: the VIP stays off lo"
fi
if arp_answered; then
	tap_fail "/proc/sys read-only: ARP for the VIP goes unanswered" \
		"c has $(ip -n "$c" neigh show "$VIP")"
else
	tap_ok "/proc/sys read-only: ARP for the VIP goes unanswered"
fi
check "/proc/sys read-only: mwgd still runs (discovery goes on)" \
	kill -0 "${MWGD_PID[s2]}"
tap_done
