#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-debug-guest.sh: the guest side of "make check-debug", run by
# scripts/check-debug in the sanitizer kernel (scripts/vm-run --kernel
# debug). One boot, in this order:
#
#   1. selftests (MWG_DEBUG_TESTS) on the real module: first, while lockdep
#      is still on (its first report, and any KASAN report, turn it off for
#      the rest of the boot)
#   2. the KUnit suites of kmod/proto.c and kmod/bfd_proto.c
#      (mwg_proto_kunit.ko), one result per test case, parsed from the
#      KTAP they print
#   3. kmemleak with the module loaded, VRs and BFD sessions running in two
#      namespaces (backtraces still symbolic), then again after the
#      namespaces went away under them and the module was unloaded
#   4. the MWG_TEST_LEAK build: kmemleak must report its deliberate leaks
#      at their allocation site, or the scans above proved nothing
#
# Prints TAP: a top-level "ok"/"not ok" line per selftest, KUnit case and
# check, everything else as "# " lines, and the time each part took.
# scripts/vm-run fails the boot on any BUG, WARNING, KASAN, ODEBUG or
# lockdep report in the kernel log on top of that.
#
# Environment (set by scripts/check-debug): MWG_DEBUG_KO, MWG_DEBUG_LEAK_KO,
# MWG_DEBUG_KUNIT_KO (the three modules), MWG_DEBUG_TESTS (selftests, space
# separated; empty runs none).
set -u

repo=$(cd "$(dirname "$0")/.." && pwd)
ko=${MWG_DEBUG_KO:?}
leak_ko=${MWG_DEBUG_LEAK_KO:?}
kunit_ko=${MWG_DEBUG_KUNIT_KO:?}
mwgctl=${MWGCTL:-$repo/userspace/mwgctl/mwgctl}
kml=/sys/kernel/debug/kmemleak
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
}

# check NAME CMD...: one result line for CMD's exit status.
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

now_ms() {
	date +%s%3N
}

part_start=
part() {
	part_start=$(now_ms)
	echo "# --- $* ---"
}

part_done() {
	awk -v ms=$(($(now_ms) - part_start)) -v p="$1" \
		'BEGIN { printf "# time: %s %.1f s\n", p, ms / 1000 }'
}

lockdep_on() {
	grep -q -E '^ *debug_locks: *1' /proc/lockdep_stats 2>/dev/null
}

# kmemleak_scan FILE: two scans (an object is reported only once it has
# been seen unreferenced and is older than 5 s), the report into FILE.
kmemleak_scan() {
	echo scan >"$kml" || return 1
	echo scan >"$kml" || return 1
	cat "$kml" >"$1"
}

# kmemleak_clean WHAT: no object reported since the last clear.
kmemleak_clean() {
	local what=$1 rep=$tmp/kmemleak
	if ! kmemleak_scan "$rep"; then
		echo "# kmemleak: scan failed (disabled? see the kernel log)"
		return 1
	fi
	if [ -s "$rep" ]; then
		echo "# kmemleak $what: $(grep -c '^unreferenced object' "$rep") object(s):"
		head -n 60 "$rep" | sed 's/^/#   /'
		return 1
	fi
	echo "# kmemleak $what: nothing"
}

# A report the kernel made while booting, before any module of ours was
# loaded, fails this boot whatever follows (scripts/vm-run judges the whole
# log, with the patterns it passes in). Stop at once with the status that
# scripts/check-debug boots again on: rare early-boot reports of the
# emulated machine are not the module's.
boot_report=$(dmesg | grep -E -e "${MWG_VM_BAD_LOG_RE:-BUG:|WARNING:|KASAN:}" |
	grep -v -E -e "${MWG_VM_ALLOW_LOG_RE:-^$}" | head -n 1)
if [ -n "$boot_report" ]; then
	echo "# boot-time kernel report, before the module was loaded: $boot_report"
	exit 75
fi

echo "TAP version 13"
echo "# kernel $(uname -r): selftests, KUnit, kmemleak, leak detector check"

# --- 0. the sanitizers are there ---------------------------------------------
part "sanitizers"
check "lockdep is on at the start" lockdep_on
if [ -w "$kml" ]; then
	# Whatever the boot left unreferenced is not the module's: scan it
	# once and forget it, so that later reports are ours.
	mkdir -p "$tmp/boot"
	kmemleak_scan "$tmp/boot/report" && echo clear >"$kml"
	boot_leaks=$(grep -c '^unreferenced object' "$tmp/boot/report" 2>/dev/null)
	ok "kmemleak is on (${boot_leaks:-0} object(s) from the boot set aside)"
else
	not_ok "kmemleak is on ($kml not writable)"
fi
part_done sanitizers

# --- 1. selftests, lockdep-sensitive first -----------------------------------
# shellcheck disable=SC2086 # a list of names
set -- ${MWG_DEBUG_TESTS:-}
if [ $# -gt 0 ]; then
	part "selftests: $*"
	MWG_KO=$ko "$repo/selftests/run_all.sh" "$@" >"$tmp/selftests" 2>&1 &
	pid=$!
	# Stream it as diagnostics while it runs; its results are re-counted.
	tail -n +1 -f --pid="$pid" "$tmp/selftests" | sed -u 's/^/# /'
	wait "$pid"
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "selftest: ${line#ok * - }" ;;
		"not ok "*) not_ok "selftest: ${line#not ok * - }" ;;
		esac
	done <"$tmp/selftests"
	grep -E '^# [^ ]+: exit [0-9]+, [0-9.]+s$' "$tmp/selftests" |
		sed 's/^# \([^:]*\): exit [0-9]*, \(.*\)s$/# time: selftest \1 \2 s/'
	check "lockdep still on after the selftests" lockdep_on
	part_done selftests
fi

# --- 2. KUnit ------------------------------------------------------------------
part "KUnit: $(basename "$kunit_ko")"
mark="mwg-debug: kunit $(mktemp -u XXXXXXXX)"
echo "$mark" >/dev/kmsg
if insmod "$kunit_ko"; then
	rmmod "$(basename "$kunit_ko" .ko)" || not_ok "KUnit: rmmod"
	# The KTAP after our mark, without printk's time stamps: a suite's
	# result unindented, its cases' results indented by four.
	dmesg | sed -n "/$mark/,\$p" | sed 's/^\[[ 0-9.]*\] //' >"$tmp/ktap"
	sed 's/^/# /' "$tmp/ktap"
	awk '
		/^ *# Subtest: / { suite = $3 }
		/^    (not )?ok [0-9]+ / {
			res = ($1 == "not") ? "not ok" : "ok"
			name = res == "ok" ? $3 : $4
			line = $0
			skip = (line ~ /# SKIP/) ? " # SKIP" : ""
			print res " kunit: " suite "." name skip
		}
	' "$tmp/ktap" >"$tmp/kunit"
	cases=$(grep -c . "$tmp/kunit")
	suites=$(grep -c -E '^(not )?ok [0-9]+ mwg_(bfd_)?proto_?' "$tmp/ktap")
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		*) not_ok "${line#not ok }" ;;
		esac
	done <"$tmp/kunit"
	# A module whose suites never ran would otherwise pass with nothing.
	if [ "$cases" -gt 0 ] && [ "$suites" -gt 0 ]; then
		ok "KUnit: $suites suites, $cases cases reported"
	else
		not_ok "KUnit: no results in the kernel log ($suites suites, $cases cases)"
	fi
else
	not_ok "KUnit: insmod $kunit_ko"
fi
part_done kunit

# --- 3. kmemleak on the real module --------------------------------------------
part "kmemleak: real module"
# The selftests may leave the module loaded; this part starts afresh.
if [ -d /sys/module/mwg_vrrp ] && ! rmmod mwg_vrrp; then
	not_ok "kmemleak: the module the selftests left loaded cannot be removed"
fi
ns_a=mwgdbg-a
ns_b=mwgdbg-b
vr_setup() {
	insmod "$ko" || return 1
	ip netns add "$ns_a" && ip netns add "$ns_b" || return 1
	ip link add eth0 netns "$ns_a" type veth peer name eth0 netns "$ns_b" ||
		return 1
	ip -n "$ns_a" addr add 192.0.2.1/24 dev eth0
	ip -n "$ns_b" addr add 192.0.2.2/24 dev eth0
	ip -n "$ns_a" link set eth0 up
	ip -n "$ns_b" link set eth0 up
	ip -n "$ns_a" -6 addr show dev eth0 >/dev/null
	# Two VRs each way round, so both sides are master of one and backup
	# of the other, with adverts flowing both ways.
	ip netns exec "$ns_a" "$mwgctl" vr add dev eth0 vrid 1 prio 200 \
		vip 192.0.2.100/24 interval 100 &&
	ip netns exec "$ns_a" "$mwgctl" vr add dev eth0 vrid 2 prio 100 \
		vip 192.0.2.101/24 interval 100 &&
	ip netns exec "$ns_b" "$mwgctl" vr add dev eth0 vrid 1 prio 100 \
		vip 192.0.2.100/24 interval 100 &&
	ip netns exec "$ns_b" "$mwgctl" vr add dev eth0 vrid 2 prio 200 \
		vip 192.0.2.101/24 interval 100 &&
	# A BFD session each way, its timers and sockets torn down with the
	# namespaces below.
	ip netns exec "$ns_a" "$mwgctl" bfd add dev eth0 peer 192.0.2.2 \
		tx-us 100000 rx-us 100000 &&
	ip netns exec "$ns_b" "$mwgctl" bfd add dev eth0 peer 192.0.2.1 \
		tx-us 100000 rx-us 100000
}
if vr_setup; then
	ok "kmemleak: module loaded, 4 VRs and 2 BFD sessions running in 2 namespaces"
	# Churn: delete and re-add one VR, so freed objects are in play too.
	ip netns exec "$ns_a" "$mwgctl" vr del dev eth0 vrid 2 &&
		ip netns exec "$ns_a" "$mwgctl" vr add dev eth0 vrid 2 prio 100 \
			vip 192.0.2.101/24 interval 100 ||
		not_ok "kmemleak: VR delete and re-add"
	# kmemleak reports only objects older than 5 s.
	sleep 6
	check "kmemleak: nothing leaked with the module loaded" \
		kmemleak_clean "(module loaded, VRs running)"
	# The namespaces go away with their VRs still running, then the
	# module: both teardown paths in one go.
	ip netns del "$ns_a"
	ip netns del "$ns_b"
	sleep 1
	check "kmemleak: rmmod after the namespaces went away" rmmod mwg_vrrp
	sleep 6
	check "kmemleak: nothing leaked after unload" \
		kmemleak_clean "(after namespace deletion and rmmod)"
else
	not_ok "kmemleak: module loaded, 4 VRs and 2 BFD sessions running in 2 namespaces"
	ip netns del "$ns_a" 2>/dev/null
	ip netns del "$ns_b" 2>/dev/null
	rmmod mwg_vrrp 2>/dev/null
fi
part_done kmemleak

# --- 4. the detector itself ----------------------------------------------------
# The MWG_TEST_LEAK build leaks 8 objects of 700 bytes at load, each
# holding "MWG_TEST_LEAK canary N", from mwg_test_leak(). kmemleak reports
# an object only once it is older than its minimum age (5 s) and was found
# unreferenced by two scans; a stale pointer left somewhere can hide one
# object for a while. So: wait past the age, then scan until one canary is
# reported with mwg_test_leak in its backtrace, at most 8 times. Then
# forgotten (clear), so that nothing after this counts it.
part "kmemleak: MWG_TEST_LEAK build (must be caught)"

# leak_canaries FILE: how many canaries FILE reports with the module's
# allocation site in their backtrace.
leak_canaries() {
	awk '/^unreferenced object/ { if (c && site) n++; c = 0; site = 0 }
		/MWG_TEST_LEAK ca/ { c = 1 }
		/mwg_test_leak\+/ { site = 1 }
		END { if (c && site) n++; print n + 0 }' "$1"
}

if insmod "$leak_ko"; then
	sleep 6
	rep=$tmp/leak
	found=0
	for scan in 1 2 3 4 5 6 7 8; do
		echo scan >"$kml" || break
		cat "$kml" >"$rep"
		found=$(leak_canaries "$rep")
		[ "$found" = 0 ] || break
		sleep 1
	done
	if [ "$found" != 0 ]; then
		echo "# $found of 8 canaries reported after $scan scan(s):"
		sed 's/^/#   /' "$rep" | head -n 20
		ok "kmemleak caught the MWG_TEST_LEAK build's leak at its allocation site"
	else
		echo "# kmemleak report after $scan scan(s):"
		sed 's/^/#   /' "$rep" 2>/dev/null | head -n 30
		not_ok "kmemleak caught the MWG_TEST_LEAK build's leak (not reported)"
	fi
	echo clear >"$kml"
	rmmod mwg_vrrp || not_ok "rmmod of the MWG_TEST_LEAK build"
else
	not_ok "insmod $leak_ko"
fi
part_done leak-check

check "lockdep still on at the end (no lockdep or KASAN report)" lockdep_on
echo "1..$n"
echo "# debug lane: $failed of $n failed"
[ "$failed" = 0 ]
