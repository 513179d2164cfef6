#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# "make install" into a DESTDIR lists the expected files, the unit parses,
# an existing configuration is kept, "make uninstall" removes what install
# put there.  Run from userspace/ (by "make unit") or anywhere.
top=$(cd "$(dirname "$0")/../.." && pwd)
n=0
fail=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
nok() {
	n=$((n + 1))
	fail=1
	echo "not ok $n - $1"
}
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else nok "$name"; fi
}

echo "TAP version 13"
for f in kmod/mwg_vrrp.ko userspace/mwgctl/mwgctl userspace/mwgd/mwgd; do
	if [ ! -e "$top/$f" ]; then
		echo "ok 1 - install # SKIP $f is not built"
		echo "1..1"
		exit 0
	fi
done
kver=$(modinfo -F vermagic "$top/kmod/mwg_vrrp.ko" 2>/dev/null | cut -d' ' -f1)
[ -n "$kver" ] || kver=$("$top/scripts/kernels" | head -n 1)

d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
mk() {
	make -s -C "$top" --no-print-directory KVER="$kver" DESTDIR="$d" \
		PREFIX=/usr "$@" >"$d.log" 2>&1
	rc=$?
	sed 's/^/# /' "$d.log"
	rm -f "$d.log"
	return $rc
}

expected="./etc/modules-load.d/mwg_vrrp.conf
./etc/mwgd/mwgd.conf
./lib/modules/$kver/updates/mwg_vrrp.ko
./lib/systemd/system/mwgd.service
./usr/sbin/mwgctl
./usr/sbin/mwgd
./usr/share/man/man4/mwg_vrrp.4
./usr/share/man/man5/mwgd.conf.5
./usr/share/man/man8/mwgctl.8
./usr/share/man/man8/mwgd.8"

check "make install" mk install
check "installed files" test "$(cd "$d" && find . -type f | sort)" = "$expected"
check "unit names the installed mwgd" \
	grep -q '^ExecStart=/usr/sbin/mwgd ' "$d/lib/systemd/system/mwgd.service"
check "binaries are executable" test -x "$d/usr/sbin/mwgd" -a -x "$d/usr/sbin/mwgctl"

if command -v systemd-analyze >/dev/null; then
	# The unit as it would run from DESTDIR (the real path does not exist here).
	u="$d/verify/mwgd.service"
	mkdir -p "$d/verify"
	sed "s|=/usr/sbin/mwgd|=$d/usr/sbin/mwgd|" \
		"$d/lib/systemd/system/mwgd.service" >"$u"
	out=$(systemd-analyze verify --man=no "$u" 2>&1)
	echo "$out" | sed 's/^/# /'
	check "systemd-analyze verify" test -z "$out"
	rm -rf "$d/verify"
else
	ok "systemd-analyze verify # SKIP no systemd-analyze"
fi

echo "role = scanner" >"$d/etc/mwgd/mwgd.conf"
check "reinstall" mk install
check "an edited configuration is kept" \
	test "$(cat "$d/etc/mwgd/mwgd.conf")" = "role = scanner"

check "make uninstall" mk uninstall
check "only the edited configuration is left" \
	test "$(cd "$d" && find . -type f)" = "./etc/mwgd/mwgd.conf"
rm -f "$d/etc/mwgd/mwgd.conf"
# With the kernel's module lists staged, depmod runs against DESTDIR.
if [ -e "/lib/modules/$kver/modules.order" ] && command -v depmod >/dev/null; then
	mkdir -p "$d/lib/modules/$kver"
	cp /lib/modules/"$kver"/modules.order /lib/modules/"$kver"/modules.builtin* \
		"$d/lib/modules/$kver/" 2>/dev/null
	check "install again, with depmod" mk install
	check "depmod indexed the module" \
		grep -q 'updates/mwg_vrrp.ko:' "$d/lib/modules/$kver/modules.dep"
	check "uninstall again" mk uninstall
	check "depmod forgot the module" \
		sh -c "! grep -q mwg_vrrp '$d/lib/modules/$kver/modules.dep'"
	rm -rf "$d/lib/modules"
else
	check "install again" mk install
	check "uninstall again" mk uninstall
fi
check "nothing left" test -z "$(cd "$d" && find . -type f)"

echo "1..$n"
exit $fail
