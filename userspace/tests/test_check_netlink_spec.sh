#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# scripts/check-netlink-spec: the family's spec and its uapi header agree,
# and scripts/gen-names keeps the names header in step with the spec.
# The repository passes; a spec whose attribute moved (a value changed), a
# header constant the spec lacks, a constant only the spec has, and a
# spec the kernel's schema refuses each fail, naming the constant.
top=$(cd "$(dirname "$0")/../.." && pwd)
check=$top/scripts/check-netlink-spec
spec=$top/Documentation/netlink/specs/mwg_vrrp.yaml
header=$top/kmod/uapi/mwg_vrrp.h
. "$(dirname "$0")/tap_lib.sh"
[ -r /usr/src/linux-source-6.12.tar.xz ] ||
	tap_skip_all "check-netlink-spec" "linux-source-6.12 missing (scripts/setup installs it)"
/usr/bin/python3 -c 'import yaml, jsonschema' 2>/dev/null ||
	tap_skip_all "check-netlink-spec" "python3-yaml or python3-jsonschema missing"
"$top/scripts/prepare-tools" >/dev/null || exit 1
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d" "$tap_out"' EXIT

out=$("$check" 2>&1)
tap_result_text $? "the repository passes" "$out"

# fails PATTERN NAME SPEC HEADER: the check fails and says PATTERN.
fails() {
	out=$("$check" "$3" "$4" 2>&1)
	rc=$?
	[ $rc -eq 1 ] && printf '%s\n' "$out" | grep -q -- "$1"
	tap_result_text $? "$2" "$out"
}

# The spec's attribute sets: moving one attribute renumbers the rest.
mkdir -p "$d/a" "$d/b" "$d/c" "$d/e"
sed 's/{name: ifname, type: string, doc: replies only}/{name: ifname, type: string, value: 40}/' \
	"$spec" >"$d/a/mwg_vrrp.yaml"
fails "MWG_VRRP_A_IFNAME is 2, the spec says 40" \
	"an attribute numbered differently fails" "$d/a/mwg_vrrp.yaml" "$header"

sed '/{name: rogue-adverts, type: u64}/d' "$spec" >"$d/b/mwg_vrrp.yaml"
fails "MWG_VRRP_STATS_A_ROGUE_ADVERTS = 18 is not in the spec" \
	"a counter missing from the spec fails" "$d/b/mwg_vrrp.yaml" "$header"

sed 's/^\([ \t]*MWG_VRRP_SCANNER_A_LIVE,.*\)$/\1\n\tMWG_VRRP_SCANNER_A_WEIGHT,/' \
	"$header" >"$d/c/mwg_vrrp.h"
fails "MWG_VRRP_SCANNER_A_WEIGHT = 11 is not in the spec" \
	"a header attribute the spec lacks fails" "$spec" "$d/c/mwg_vrrp.h"

sed 's/{name: vrid-max, type: const, value: 255}/{name: vrid-max, type: const, value: 255}\n  - {name: vrid-any, type: const, value: 0}/' \
	"$spec" >"$d/a/mwg_vrrp.yaml"
fails "MWG_VRRP_VRID_ANY = 0 is in the spec only" \
	"a constant only the spec has fails" "$d/a/mwg_vrrp.yaml" "$header"

sed 's/type: u64}/type: u65}/' "$spec" >"$d/e/mwg_vrrp.yaml"
fails "the generator refused" \
	"a spec the schema refuses fails" "$d/e/mwg_vrrp.yaml" "$header"

# scripts/gen-names: the committed names header is what the spec gives,
# and a renamed counter in the spec makes it stale.
gen=$top/scripts/gen-names
out=$("$gen" --check 2>&1)
tap_result_text $? "gen-names: the committed names header is current" "$out"
sed 's/{name: rogue-adverts, type: u64}/{name: rogue-advertisements, type: u64}/' \
	"$spec" >"$d/b/renamed.yaml"
out=$("$gen" --check "$d/b/renamed.yaml" 2>&1)
[ $? -eq 1 ] && printf '%s\n' "$out" | grep -q "not what the spec gives"
tap_result_text $? "gen-names: a counter renamed in the spec makes it stale" "$out"
"$gen" "$d/b/renamed.yaml" "$d/b/names.h"
grep -q "X(MWG_VRRP_STATS_A_ROGUE_ADVERTISEMENTS, rogue_advertisements)" "$d/b/names.h"
tap_result $? "gen-names: the new name is what it writes"

tap_end
