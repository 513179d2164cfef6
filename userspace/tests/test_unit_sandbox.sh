#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The systemd unit keeps /proc/sys read-only (ProtectKernelTunables=yes)
# but lets mwgd write exactly the two sysctls a Proxy HA scanner needs
# before it puts the VIP on lo: arp_ignore and arp_announce of
# net.ipv4.conf.all (scanner_vip.c).  selftests/proxy_sandbox.sh runs a
# scanner under these settings in a guest.  UNIT=FILE checks another file.
top=$(cd "$(dirname "$0")/../.." && pwd)
unit=${UNIT:-$top/dist/mwgd.service.in}
echo "TAP version 13"
n=0
fail=0
check() {
	name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		fail=1
	fi
}
rw_under_proc_sys() {
	sed -n 's/^ReadWritePaths=//p' "$unit" | tr ' ' '\n' | sed 's/^-//' |
		grep '^/proc/sys' | sort
}
want="/proc/sys/net/ipv4/conf/all/arp_announce
/proc/sys/net/ipv4/conf/all/arp_ignore"

check "ProtectKernelTunables=yes" grep -qx 'ProtectKernelTunables=yes' "$unit"
check "ReadWritePaths= names exactly arp_ignore and arp_announce under /proc/sys" \
	test "$(rw_under_proc_sys)" = "$want"
# A "-" prefix would hide a typo: the paths exist on every kernel with IPv4.
check "without the \"-\" that would ignore a missing path" \
	sh -c "! grep -q '^ReadWritePaths=-/proc/sys' '$unit'"
check "CAP_NET_ADMIN kept (writing net sysctls needs it)" \
	grep -q '^CapabilityBoundingSet=.*CAP_NET_ADMIN' "$unit"
echo "1..$n"
exit $fail
