#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Loading mwg_vrrp must log its load line and nothing that suggests it was
# built against the wrong kernel or half failed (unknown symbols, version
# mismatches, errors, warnings); unloading must log its unload line.
. "$(dirname "$0")/lib.sh"

require_root
require_cmd insmod rmmod dmesg
[ -r "$MWG_KO" ] || ksft_skip "$MWG_KO not built (make modules-all)"
unload_module || ksft_fail "mwg_vrrp is loaded and cannot be removed"

# What the kernel says about every out-of-tree, unsigned module is fine.
expected='loading out-of-tree module taints kernel|module verification failed'
suspicious='unknown symbol|disagrees about version|error|fail|invalid|warning|bug|call trace|oops'

kmsg_mark
check "insmod" insmod "$MWG_KO"
log=$(kmsg_since_mark)
printf '%s\n' "$log" | sed 's/^/# dmesg: /'

if printf '%s\n' "$log" | grep -q -E "$MWG_MODULE [^ ]+ loaded\$"; then
	tap_ok "load line logged"
else
	tap_fail "load line logged" "no '$MWG_MODULE <version> loaded' line"
fi

odd=$(printf '%s\n' "$log" | grep -v -E "$expected" | grep -i -E "$suspicious" || true)
if [ -z "$odd" ]; then
	tap_ok "nothing suspicious logged on load"
else
	tap_fail "nothing suspicious logged on load" "$odd"
fi

ver=$(cat "/sys/module/$MWG_MODULE/version" 2>/dev/null || true)
if [ -n "$ver" ] && printf '%s\n' "$log" | grep -q -F "$MWG_MODULE $ver loaded"; then
	tap_ok "load line names the module version ($ver)"
else
	tap_fail "load line names the module version" "version '$ver'"
fi

kmsg_mark
check "rmmod" rmmod "$MWG_MODULE"
log=$(kmsg_since_mark)
printf '%s\n' "$log" | sed 's/^/# dmesg: /'
if printf '%s\n' "$log" | grep -q -E "$MWG_MODULE unloaded\$"; then
	tap_ok "unload line logged"
else
	tap_fail "unload line logged"
fi
odd=$(printf '%s\n' "$log" | grep -i -E "$suspicious" || true)
if [ -z "$odd" ]; then
	tap_ok "nothing suspicious logged on unload"
else
	tap_fail "nothing suspicious logged on unload" "$odd"
fi

tap_done
