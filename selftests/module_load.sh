#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Loads and unloads mwg_vrrp three times with nothing configured. Each load
# must register the module and its generic netlink family; each unload must
# take all of it away again: no /sys/module entry, no family, no per-device
# sysfs directory left on any interface.
. "$(dirname "$0")/lib.sh"

require_root
require_cmd genl insmod rmmod
[ -r "$MWG_KO" ] || ksft_skip "$MWG_KO not built (make modules-all)"

# Start from an unloaded module; a test before us may have left it loaded.
unload_module || ksft_fail "mwg_vrrp is loaded and cannot be removed"

leftover_sysfs() {
	local d
	for d in /sys/class/net/*/"$MWG_MODULE"; do
		[ -e "$d" ] && echo "$d"
	done
	return 0
}

for round in 1 2 3; do
	check "round $round: insmod" insmod "$MWG_KO"
	check "round $round: /sys/module/$MWG_MODULE present" module_loaded
	check "round $round: genl family $MWG_FAMILY registered" \
		genl_family_listed "$MWG_FAMILY"
	check "round $round: rmmod" rmmod "$MWG_MODULE"
	check_fail "round $round: /sys/module/$MWG_MODULE gone" module_loaded
	check_fail "round $round: genl family $MWG_FAMILY gone" \
		genl_family_listed "$MWG_FAMILY"
	left=$(leftover_sysfs)
	if [ -z "$left" ]; then
		tap_ok "round $round: no per-device sysfs left"
	else
		tap_fail "round $round: no per-device sysfs left" "left: $left"
	fi
done

tap_done
