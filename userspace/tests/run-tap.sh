#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run TAP test programs, pass their output through, and end with one
# "unit: N passed, N failed" line.  A program that exits non-zero or prints
# no "ok" line at all counts as one more failure, so a crash is never
# mistaken for success.  Exits 1 if anything failed.

passed=0
failed=0
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT

for t in "$@"; do
	echo "# $t"
	"./$t" >"$out" 2>&1
	rc=$?
	cat "$out"
	ok=$(grep -c '^ok ' "$out")
	nok=$(grep -c '^not ok ' "$out")
	passed=$((passed + ok))
	failed=$((failed + nok))
	if [ "$rc" -ne 0 ] && [ "$nok" -eq 0 ]; then
		echo "# $t exited with status $rc"
		failed=$((failed + 1))
	elif [ "$ok" -eq 0 ] && [ "$nok" -eq 0 ]; then
		echo "# $t ran no test"
		failed=$((failed + 1))
	fi
done

echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
