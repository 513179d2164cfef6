#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mwgctl's command-line grammar, on the host: help at every level, unique
# prefixes, "did you mean", and -batch errors named by file and line.
# Nothing here reaches the kernel: help never opens a socket and every
# batch line below is refused before one is opened.
top=$(cd "$(dirname "$0")/../.." && pwd)
mwgctl=${MWGCTL:-$top/userspace/mwgctl/mwgctl}
. "$(dirname "$0")/tap_lib.sh"
[ -x "$mwgctl" ] || tap_skip_all "mwgctl grammar" "mwgctl not built"
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d" "$tap_out"' EXIT

# check NAME RC REGEX -- ARGS...: mwgctl ARGS exits RC, prints REGEX.
check() {
	local name=$1 want=$2 pattern=$3
	shift 4
	tap_check "$name" "$want" "$pattern" -- "$mwgctl" "$@"
}

check "help lists -batch and -n" 0 '^ +-b, --batch FILE' -- help
check "help hides the test-only switch" 0 '^Usage' -- help
! "$mwgctl" help 2>&1 | grep -q -i 'no-check\|NO_CHECK'
tap_result $? "--no-check is not in help"
check "object help: vr help" 0 '^mwgctl vr del dev IF vrid N' -- vr help
check "help vr" 0 '^mwgctl vr show' -- help vr
check "command help: vr add help" 0 '^ +create a virtual router' -- vr add help
check "help vr add" 0 '^Usage: mwgctl vr add ' -- help vr add
check "command help lists options" 0 '^ +preempt-delay MS' -- vr add help
check "bfd del help" 0 '^Usage: mwgctl bfd del dev IF peer ADDR' -- bfd del help
check "v s is vr show" 0 '^Usage: mwgctl vr show' -- v s help
check "b a is bfd add" 0 '^Usage: mwgctl bfd add' -- b a help
check "vr de is vr del" 0 '^Usage: mwgctl vr del' -- vr de help
check "vr ls is vr show" 0 '^Usage: mwgctl vr show' -- vr ls help
check "sc is scanner" 0 '^mwgctl scanner show' -- sc help
check "se is service" 0 '^mwgctl service show' -- se help
check "a misspelt command" 2 'unknown vr command "sohw"; did you mean "show"\?' -- vr sohw
check "a misspelt object" 2 'unknown object "scaner"; did you mean "scanner"\?' -- scaner
check "a misspelt keyword" 2 'unknown keyword "prioity"; did you mean "priority"\?' -- \
	vr add dev lo vrid 5 prioity 1 vip 192.0.2.1
check "an ambiguous keyword" 2 'ambiguous keyword "p"' -- \
	vr add dev lo vrid 5 p 1 vip 192.0.2.1
check "a bfd keyword abbreviated wrongly" 2 'did you mean "tx-us"' -- \
	bfd add dev lo peer 192.0.2.1 txus 300
check "prefix length out of range" 2 'prefix length 33 out of range 0-32' -- \
	vr add dev lo vrid 5 prio 1 vip 192.0.2.1/33
check "-n without a name" 2 'needs a value' -- -n
check "-n to a namespace that does not exist" 1 \
	'cannot enter network namespace "mwg-no-such-ns"' -- -n mwg-no-such-ns vr show
check "-batch and a command together" 2 'takes its commands from the file' -- \
	-batch "$d/none" vr show
check "-batch of a missing file" 1 'cannot open batch file' -- -batch "$d/none"

cat >"$d/batch" <<'B'
# comments and blank lines are skipped

vr add dev lo vrid 300 prio 1 vip 192.0.2.1
vr add dev lo vrid 5 prio 1 vip "192.0.2.1/40"
B
check "batch: the first error stops the batch, with its line" 2 \
	"^mwgctl: $d/batch:3: invalid vrid \"300\"" -- -batch "$d/batch"
! grep -q ':4:' "$tap_out"
tap_result $? "batch stops after line 3"
check "batch -force goes on to line 4" 2 \
	"^mwgctl: $d/batch:4: invalid vip \"192.0.2.1/40\": prefix length 40" -- \
	-force -batch "$d/batch"
printf 'vr add dev lo vrid 5 prio 1 vip 192.0.2.1 preempt "on\n' >"$d/quote"
check "batch: an unterminated quote" 2 "$d/quote:1: unterminated quote" -- \
	-batch "$d/quote"
printf 'vr show help\nbfd help\n' >"$d/helps"
stdin=$d/helps check "batch from stdin runs every line" 0 '^mwgctl bfd show' -- -batch -

tap_end
