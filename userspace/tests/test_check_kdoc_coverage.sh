#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# scripts/check-kdoc-coverage: a function a kmod/ header declares, or
# defines as a static inline, has a /** comment directly above its
# definition.  A tree where one lacks it fails, naming the definition's
# file and line and the declaration's; a plain comment or a blank line
# between the comment and the definition does not count; a documented
# tree passes, static functions need nothing, and a declaration without a
# definition fails too.  The real repository passes.
top=$(cd "$(dirname "$0")/../.." && pwd)
check=$top/scripts/check-kdoc-coverage
. "$(dirname "$0")/tap_lib.sh"
command -v python3 >/dev/null || tap_skip_all "check-kdoc-coverage" "python3 missing"
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d" "$tap_out"' EXIT
result() {
	tap_result_text "$@"
}

out=$("$check" "$top" 2>&1)
result $? "the repository passes" "$out"

mkdir -p "$d/kmod"
cat >"$d/kmod/a.h" <<'EOF'
/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _A_H
#define _A_H

struct a {
	int (*op)(int x);	/* a member, not a function */
};

/* Plain comments in a header are no kernel-doc. */
int a_get(int x);
__printf(1, 2) void a_log(const char *fmt, ...);

/**
 * a_twice() - Twice @x.
 * @x: a number.
 *
 * Return: 2 * @x.
 */
static inline int a_twice(int x)
{
	return 2 * x;
}

#endif
EOF
cat >"$d/kmod/a.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include "a.h"

static int a_helper(int x)
{
	return x;
}

/**
 * a_get() - @x itself.
 * @x: a number.
 *
 * Return: @x.
 */
int a_get(int x)
{
	return a_helper(x);
}

/* Only a plain comment. */
void a_log(const char *fmt, ...)
{
}
EOF
out=$("$check" "$d" 2>&1)
rc=$?
[ "$rc" = 1 ]
result $? "a definition under a plain comment fails (exit $rc)" "$out"
echo "$out" | grep -q "kmod/a.c:21: a_log() has no kernel-doc comment (declared at kmod/a.h:11)"
result $? "the failure names the definition's and the declaration's lines" "$out"
echo "$out" | grep -q "1 of 3 functions other files call lack"
result $? "only a_get, a_log and a_twice count: no static, no member" "$out"

cat >"$d/kmod/a.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include "a.h"

/**
 * a_get() - @x itself.
 * @x: a number.
 *
 * Return: @x.
 */

int a_get(int x)
{
	return x;
}

/**
 * a_log() - Log nothing.
 * @fmt: a format.
 * @...: its arguments.
 */
void a_log(const char *fmt, ...)
{
}
EOF
out=$("$check" "$d" 2>&1)
rc=$?
[ "$rc" = 1 ] && echo "$out" | grep -q "kmod/a.c:11: a_get() has no kernel-doc"
result $? "a blank line between comment and definition fails (exit $rc)" "$out"

sed -i '10d' "$d/kmod/a.c"
out=$("$check" "$d" 2>&1)
result $? "a documented tree passes" "$out"
echo "$out" | grep -q "^a_twice() *kmod/a.h:19$"
result $? "a static inline is checked in its header" "$out"

echo 'int a_gone(void);' >>"$d/kmod/a.h"
out=$("$check" "$d" 2>&1)
rc=$?
[ "$rc" = 1 ] && echo "$out" | grep -q "kmod/a.h:25: a_gone() is declared and defined nowhere"
result $? "a declaration without a definition fails (exit $rc)" "$out"
tap_end
