#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Every manual page in Documentation/ (*.4, *.5, *.8) formats without a
# single groff warning: an unknown macro, escape or special character, a
# bad number or font is a mistake that a reader would see as garbage or
# missing text.  With FILE arguments, checks those instead (to show that a
# broken page fails).  Run from userspace/ (by "make unit") or anywhere.
#
# Every warning category of groff is enabled except "break" (a line that
# cannot be adjusted), which depends on the width and is layout, not an
# error; the width is fixed so that the result does not depend on the
# terminal.
top=$(cd "$(dirname "$0")/../.." && pwd)
warnings=char,number,delim,el,scale,range,syntax,di,mac,reg,tab,right-brace
warnings=$warnings,missing,input,escape,space,font,ig,color,file

echo "TAP version 13"
if ! command -v man >/dev/null || ! command -v groff >/dev/null; then
	echo "ok 1 - man pages # SKIP no man or groff (packages man-db, groff-base)"
	echo "1..1"
	exit 0
fi

if [ $# -eq 0 ]; then
	set -- "$top"/Documentation/*.[458]
fi

n=0
fail=0
for page in "$@"; do
	n=$((n + 1))
	name=${page#"$top"/}
	if [ ! -f "$page" ]; then
		fail=1
		echo "not ok $n - $name: no such file"
		continue
	fi
	err=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings="$warnings" -E UTF-8 \
		-l "$page" 2>&1 >/dev/null)
	rc=$?
	if [ $rc -eq 0 ] && [ -z "$err" ]; then
		echo "ok $n - $name formats without warnings"
	else
		fail=1
		echo "not ok $n - $name formats without warnings"
		[ $rc -eq 0 ] || echo "# man exited with status $rc"
		printf '%s\n' "$err" | sed 's/^/# /'
	fi
done

echo "1..$n"
exit $fail
