#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run_all.sh [TEST...]: runs the mwg_vrrp selftests in this kernel and
# prints one TAP stream: a line per test program, the program's own output
# as "# " diagnostics above it. Meant for the guest:
#
#	scripts/vm-run -- selftests/run_all.sh
#
# TEST names a program with or without .sh, or a glob ('genl_*'); without
# arguments, MWG_TESTS (comma or space separated) or else every test in
# "make print-tests" order. Each program gets the timeout of ./settings
# (MWG_TEST_TIMEOUT overrides), runs from this directory, and fails when
# the kernel logged a warning, oops, lockdep or RCU report while it ran,
# so a kernel problem is pinned on the test that caused it.
#
# Exit status: 0 when no test failed, else 1.
set -u

dir=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$dir/.." && pwd)
export MWG_REPO=$repo
export MWG_KO=${MWG_KO:-$repo/build/$(uname -r)/kmod/mwg_vrrp.ko}

tmo=$(sed -n 's/^timeout=\([0-9][0-9]*\)$/\1/p' "$dir/settings" 2>/dev/null)
tmo=${MWG_TEST_TIMEOUT:-${tmo:-180}}

# The patterns scripts/vm-run judges the whole boot by, when it runs us.
bad_re=${MWG_VM_BAD_LOG_RE:-'WARNING:|BUG:|Oops|Call Trace|kernel BUG at|general protection fault|possible circular locking|inconsistent lock state|possible recursive locking|rcu: INFO|suspicious RCU usage|self-detected stall|KASAN:|UBSAN:|KCSAN:|unreferenced object|INFO: task .* blocked for more than'}
allow_re=${MWG_VM_ALLOW_LOG_RE:-'^$'}
# A report vm-run knows to be the emulator's (see there): set aside whole.
known_re=${MWG_VM_KNOWN_LOG_RE:-}

mapfile -t all < <(make -s --no-print-directory -C "$dir" print-tests)
if [ ${#all[@]} -eq 0 ]; then
	echo "run_all.sh: 'make -C $dir print-tests' listed nothing" >&2
	exit 1
fi

if [ $# -eq 0 ] && [ -n "${MWG_TESTS:-}" ]; then
	# shellcheck disable=SC2086 # splitting the list is the point
	set -- ${MWG_TESTS//,/ }
fi
tests=()
for t in "${all[@]}"; do
	base=${t##*/}
	if [ $# -eq 0 ]; then
		tests+=("$t")
		continue
	fi
	for pat in "$@"; do
		# shellcheck disable=SC2053 # pat is a glob on purpose
		if [[ $base == $pat ]] || [[ ${base%.sh} == $pat ]]; then
			tests+=("$t")
			break
		fi
	done
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Under software emulation (the guests of scripts/vm-run), a static key
# switched while packets flow can make x86 text patching trap: an "int3"
# oops in __netif_receive_skb_core was seen once, as the module's ingress
# hooks came and went with rmmod under a 10 ms advert load, with the
# host fully loaded.  It points at the emulator's handling of code that
# one CPU patches while another runs it.  An ingress qdisc on lo holds the
# ingress key on for the whole run, so the module's hooks never patch
# that code.
if [ "$(id -u)" = 0 ] && command -v tc >/dev/null &&
	tc qdisc add dev lo clsact 2>/dev/null; then
	trap 'tc qdisc del dev lo clsact 2>/dev/null; rm -rf "$tmp"' EXIT
fi

now_ms() {
	date +%s%3N
}

echo "TAP version 13"
echo "# kernel $(uname -r), timeout ${tmo}s per test"
echo "1..${#tests[@]}"

n=0
failed=0
passed=0
skipped=0
for t in "${tests[@]}"; do
	n=$((n + 1))
	base=${t##*/}
	echo "# selftests: mwg_vrrp: $base"
	if [ ! -x "$t" ]; then
		echo "not ok $n - $base # not built (make -C selftests)"
		failed=$((failed + 1))
		continue
	fi

	mark="mwg-selftest: begin $base $(mktemp -u XXXXXXXX)"
	echo "$mark" >/dev/kmsg 2>/dev/null
	netns_before=$(ip netns list 2>/dev/null | sort)
	start=$(now_ms)
	# Line-buffered all the way, so a hanging test shows how far it got.
	(cd "$dir" && exec timeout -k 5 "$tmo" "$t") </dev/null 2>&1 |
		tee "$tmp/out" | sed -u 's/^/# /'
	rc=${PIPESTATUS[0]}
	end=$(now_ms)
	secs=$(awk -v ms=$((end - start)) 'BEGIN { printf "%.2f", ms / 1000 }')

	klog=$(dmesg 2>/dev/null | sed -n "/$mark/,\$p" | sed 1d |
		awk -v re="$known_re" '
			re != "" && $0 ~ re { skip = 1; print "# emulator report set aside: " $0 > "/dev/stderr"; next }
			skip { if ($0 ~ /---\[ end trace/) skip = 0; next }
			{ print }' |
		grep -E -- "$bad_re" | grep -v -E -- "$allow_re")

	# Namespaces are per kernel: one left behind would meet the next test.
	netns_after=$(ip netns list 2>/dev/null | sort)
	if [ "$netns_after" != "$netns_before" ]; then
		left=$(comm -13 <(echo "$netns_before") <(echo "$netns_after") |
			awk '{ print $1 }')
		if [ -n "$left" ]; then
			echo "# $base left network namespaces behind: ${left//$'\n'/ }"
			for ns in $left; do
				ip netns del "$ns" 2>/dev/null
			done
		fi
	fi

	echo "# $base: exit $rc, ${secs}s"
	if [ -n "$klog" ]; then
		echo "$klog" | head -n 20 | sed 's/^/# kernel: /'
		echo "not ok $n - $base # kernel log: $(echo "$klog" | head -n 1 | cut -c1-100)"
		failed=$((failed + 1))
	elif [ "$rc" = 0 ]; then
		echo "ok $n - $base"
		passed=$((passed + 1))
	elif [ "$rc" = 4 ]; then
		why=$(sed -n 's/^SKIP: //p' "$tmp/out" | tail -n 1)
		echo "ok $n - $base # SKIP ${why:-skipped}"
		skipped=$((skipped + 1))
	elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		echo "not ok $n - $base # TIMEOUT after ${tmo}s"
		failed=$((failed + 1))
	else
		echo "not ok $n - $base # exit $rc"
		failed=$((failed + 1))
	fi
done

echo "# $(uname -r): $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
