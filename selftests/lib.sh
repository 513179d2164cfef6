# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the mwg_vrrp selftests. Source it from a test:
#
#	. "$(dirname "$0")/lib.sh"
#
# Tests run as root in a kernel that can load modules: the guest of
# scripts/vm-run (run_all.sh runs them all there). They print KTAP-style
# lines ("ok 1 - name", "not ok 2 - name", "ok 3 - name # SKIP why") and
# exit with the kselftest codes below; run_all.sh turns each test program
# into one line of the suite's TAP.

# kselftest exit codes.
KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

MWG_SELFTESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MWG_REPO=${MWG_REPO:-$(cd "$MWG_SELFTESTS/.." && pwd)}
MWG_MODULE=mwg_vrrp
MWG_FAMILY=mwg_vrrp
export MWG_REPO MWG_KO MWG_MODULE MWG_FAMILY MWGCTL
# The module built for the running kernel by "make modules-all".
MWG_KO=${MWG_KO:-$MWG_REPO/build/$(uname -r)/kmod/$MWG_MODULE.ko}
MWGCTL=${MWGCTL:-$MWG_REPO/userspace/mwgctl/mwgctl}

# --- TAP ---------------------------------------------------------------------

_tap_n=0
_tap_failed=0
_tap_passed=0
_tap_skipped=0

tap_ok() {
	_tap_n=$((_tap_n + 1))
	_tap_passed=$((_tap_passed + 1))
	echo "ok $_tap_n - $*"
}

# tap_fail NAME [WHY]: WHY is printed as a diagnostic line.
tap_fail() {
	_tap_n=$((_tap_n + 1))
	_tap_failed=$((_tap_failed + 1))
	echo "not ok $_tap_n - $1"
	[ $# -lt 2 ] || echo "# $2"
}

# tap_skip NAME WHY
tap_skip() {
	_tap_n=$((_tap_n + 1))
	_tap_skipped=$((_tap_skipped + 1))
	echo "ok $_tap_n - $1 # SKIP $2"
}

# check NAME CMD [ARG...]: runs CMD, one TAP line for its result; its output
# is shown (as diagnostics) only when it fails.
check() {
	local name=$1 out rc=0
	shift
	out=$("$@" 2>&1) || rc=$?
	if [ "$rc" = 0 ]; then
		tap_ok "$name"
	else
		tap_fail "$name" "'$*' exited $rc"
		[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/#   /'
	fi
	return 0
}

# check_fail NAME CMD [ARG...]: as check, but CMD must fail.
check_fail() {
	local name=$1 out rc=0
	shift
	out=$("$@" 2>&1) || rc=$?
	if [ "$rc" != 0 ]; then
		tap_ok "$name"
	else
		tap_fail "$name" "'$*' succeeded, expected a failure"
		[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/#   /'
	fi
	return 0
}

# tap_done: prints the plan and exits: fail if any check failed, skip if all
# were skipped.
tap_done() {
	echo "1..$_tap_n"
	if [ "$_tap_failed" -gt 0 ]; then
		exit $KSFT_FAIL
	elif [ "$_tap_passed" = 0 ] && [ "$_tap_skipped" -gt 0 ]; then
		exit $KSFT_SKIP
	fi
	exit $KSFT_PASS
}

# ksft_skip WHY: the whole test does not apply here.
ksft_skip() {
	echo "SKIP: $*"
	exit $KSFT_SKIP
}

# ksft_fail WHY: a setup step failed; nothing more can be checked.
ksft_fail() {
	echo "FAIL: $*"
	exit $KSFT_FAIL
}

require_root() {
	[ "$(id -u)" = 0 ] || ksft_skip "needs root"
}

# require_cmd CMD...: skip the test when a program is missing.
require_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || ksft_skip "$c not installed"
	done
}

# --- cleanup -------------------------------------------------------------------
# defer CMD...: run CMD when the test exits (last deferred first), whatever
# way it exits, so a failing test leaves no namespace or module behind.

_deferred=()

defer() {
	local q
	printf -v q '%q ' "$@"
	_deferred+=("$q")
}

_run_deferred() {
	local i
	for ((i = ${#_deferred[@]} - 1; i >= 0; i--)); do
		eval "${_deferred[i]}" >/dev/null 2>&1 || true
	done
	_deferred=()
}

# Background programs of a test: "bg_pids+=($!)" after starting one, and
# it is stopped when the test exits, before the deferred commands run (they
# may remove what it uses).  Only these are waited for.
bg_pids=()
stop_bg() {
	local p
	for p in "${bg_pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	for p in "${bg_pids[@]}"; do
		wait "$p" 2>/dev/null
	done
	bg_pids=()
}
trap 'stop_bg; _run_deferred' EXIT

# --- waiting -------------------------------------------------------------------
# Prefer these to sleep: they return as soon as the condition holds and fail
# loudly when it never does, and the guest's speed varies with host load.

# busywait TIMEOUT_MS CMD...: retry CMD without pausing until it succeeds.
busywait() {
	local timeout_ms=$1 start now
	shift
	start=$(date +%s%3N)
	while :; do
		"$@" && return 0
		now=$(date +%s%3N)
		[ $((now - start)) -lt "$timeout_ms" ] || return 1
	done
}

# slowwait TIMEOUT_S CMD...: retry CMD every 0.1 s until it succeeds.
slowwait() {
	local timeout_s=$1 start now
	shift
	start=$(date +%s%3N)
	while :; do
		"$@" && return 0
		now=$(date +%s%3N)
		[ $((now - start)) -lt $((timeout_s * 1000)) ] || return 1
		sleep 0.1
	done
}

# --- network namespaces -------------------------------------------------------

# setup_ns VAR...: for each VAR, creates a namespace named VAR-<random>,
# stores its name in VAR, brings its loopback up and deletes it at exit.
# Random names let several tests (or runs) share a kernel.
setup_ns() {
	local var name
	for var in "$@"; do
		name=$var-$(mktemp -u XXXXXX)
		ip netns add "$name" || ksft_fail "ip netns add $name"
		defer ip netns del "$name"
		ip -n "$name" link set lo up
		printf -v "$var" '%s' "$name"
	done
}

# --- the module ---------------------------------------------------------------

module_loaded() {
	[ -d "/sys/module/$MWG_MODULE" ]
}

# load_module: insmod the module built for this kernel unless it is loaded;
# skips the test when it has not been built.
load_module() {
	module_loaded && return 0
	[ -e /proc/modules ] || ksft_skip "kernel without module support (run under scripts/vm-run)"
	[ -r "$MWG_KO" ] || ksft_skip "$MWG_KO not built (make modules-all)"
	insmod "$MWG_KO" || ksft_fail "insmod $MWG_KO failed"
}

# unload_module: rmmod it when loaded; fails when it cannot be removed.
unload_module() {
	module_loaded || return 0
	rmmod "$MWG_MODULE"
}

# require_mwgctl: skips the test when mwgctl is not built; then call it as
# "mwgctl ARGS".
require_mwgctl() {
	[ -x "$MWGCTL" ] || ksft_skip "$MWGCTL not built (make userspace)"
}

mwgctl() {
	"$MWGCTL" "$@"
}

# genl_family_listed NAME: the generic netlink family is registered, as the
# controller lists it (listing, unlike a lookup by name, never autoloads).
genl_family_listed() {
	genl ctrl list 2>/dev/null | grep -q -E "^Name: $1\$"
}

# --- kernel log ---------------------------------------------------------------
# kmsg_mark: writes a unique line into the kernel log and remembers it;
# kmsg_since_mark prints what the kernel logged after it.

_kmsg_mark=

kmsg_mark() {
	_kmsg_mark="mwg-selftest: mark $(mktemp -u XXXXXXXX)"
	echo "$_kmsg_mark" >/dev/kmsg
}

kmsg_since_mark() {
	dmesg | sed -n "/$_kmsg_mark/,\$p" | sed 1d
}
