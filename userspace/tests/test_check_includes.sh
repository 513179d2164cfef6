#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# scripts/check-includes: the repository's folders include each other in
# one direction only; a tree where userspace/lib and userspace/mwgctl
# include each other fails, naming both and the lines; a one-way edge, or
# an include of a header that does not exist, is no circle.
top=$(cd "$(dirname "$0")/../.." && pwd)
check=$top/scripts/check-includes
. "$(dirname "$0")/tap_lib.sh"
command -v python3 >/dev/null || tap_skip_all "check-includes" "python3 missing"
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d" "$tap_out"' EXIT
result() {
	tap_result_text "$@"
}

out=$("$check" "$top" 2>&1)
result $? "the repository has no circle" "$out"

mkdir -p "$d/userspace/lib" "$d/userspace/mwgctl" "$d/kmod/uapi"
echo '#include "mwg_vrrp.h"' >"$d/userspace/lib/mwg.h"
echo '/* uapi */' >"$d/kmod/uapi/mwg_vrrp.h"
printf '#include <stdio.h>\n#include "mwg.h"\n#include "missing.h"\n' \
	>"$d/userspace/mwgctl/args.h"
out=$("$check" "$d" 2>&1)
result $? "a one-way edge is no circle" "$out"
echo "$out" | grep -q "userspace/mwgctl *-> userspace/lib"
result $? "the edge is listed" "$out"

printf '/* up */\n#include "../mwgctl/args.h"\n' >>"$d/userspace/lib/mwg.h"
out=$("$check" "$d" 2>&1)
rc=$?
[ "$rc" = 1 ]
result $? "lib and mwgctl including each other fail (exit $rc)" "$out"
echo "$out" | grep -q "include each other: userspace/lib, userspace/mwgctl"
result $? "the circle names both folders" "$out"
echo "$out" | grep -q "userspace/lib -> userspace/mwgctl at userspace/lib/mwg.h:3"
result $? "the upward include is named with its line" "$out"
tap_end
