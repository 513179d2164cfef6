# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the shell tests (tests/test_*.sh): TAP output and counting,
# and a check of a command's exit code and output.  Prints the TAP header.
#
#   tap_skip_all NAME WHY             one skipped test, and exit
#   tap_result RC NAME [FILE]         "ok" when RC is 0; FILE shown on failure
#   tap_result_text RC NAME [TEXT]    the same, TEXT shown on failure
#   tap_check NAME RC REGEX -- CMD... CMD exits RC and prints (stdout or
#                                     stderr) a line matching REGEX; stdin
#                                     from $stdin, or /dev/null
#   tap_end                           the plan; status 1 if anything failed
tap_n=0
tap_failed=0
tap_out=$(mktemp) || exit 1
trap 'rm -f "$tap_out"' EXIT
echo "TAP version 13"

tap_skip_all() {
	echo "ok 1 - $1 # SKIP $2"
	echo "1..1"
	exit 0
}

tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $tap_n - $2"
		return 0
	fi
	echo "not ok $tap_n - $2"
	[ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/# /' "$3"
	tap_failed=$((tap_failed + 1))
	return 1
}

tap_result_text() {
	tap_result "$1" "$2" && return 0
	[ -z "${3:-}" ] || printf '%s\n' "$3" | sed 's/^/# /'
	return 1
}

tap_check() {
	local name=$1 want=$2 pattern=$3 rc
	shift 4
	"$@" >"$tap_out" 2>&1 <"${stdin:-/dev/null}"
	rc=$?
	if [ "$rc" = "$want" ] && grep -q -E -e "$pattern" "$tap_out"; then
		tap_result 0 "$name"
	else
		echo "# exit $rc, wanted $want; output:"
		tap_result 1 "$name" "$tap_out"
	fi
}

tap_end() {
	echo "1..$tap_n"
	[ "$tap_failed" = 0 ]
}
