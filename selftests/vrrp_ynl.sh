#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The family's YAML spec (Documentation/netlink/specs/mwg_vrrp.yaml)
# drives the running module through the kernel's own netlink client,
# tools/net/ynl/cli.py (put in build/ynl/ by scripts/prepare-tools): a VR
# is created, its state-change event received, the VR found by a dump and
# by its key, and deleted; then ynl_contract.py sends every attribute to
# every command and checks that the module refuses exactly those the
# spec's request lists leave out.
#
#   r: eth0 192.0.2.1/24 ---- s: eth0 192.0.2.2/24
. "$(dirname "$0")/vrrp_lib.sh"

YNL=$MWG_REPO/build/ynl
SPEC=$MWG_REPO/Documentation/netlink/specs/mwg_vrrp.yaml
SCHEMA=$YNL/Documentation/netlink/genetlink-legacy.yaml
CLI=$YNL/tools/net/ynl/cli.py

vrrp_setup
[ -e "$CLI" ] || ksft_skip "$CLI missing: scripts/prepare-tools extracts it"
/usr/bin/python3 -c 'import yaml, jsonschema' 2>/dev/null ||
	ksft_skip "python3-yaml or python3-jsonschema missing"
vrrp_ns r s
veth_pair "$r" 192.0.2.1 "$s" 192.0.2.2
ifindex=$(ip -n "$r" -j link show dev eth0 | jq '.[0].ifindex')

# ynl ARGS...: cli.py with the family's spec, in r, JSON out.  The spec
# is checked against the kernel's schema once, by the contract check below
# (and by scripts/check-netlink-spec on the host): that takes seconds of
# emulated CPU each time.
ynl() {
	ip netns exec "$r" /usr/bin/python3 "$CLI" --spec "$SPEC" \
		--no-schema --output-json "$@"
}

key="\"ifindex\": $ifindex, \"vrid\": 9, \"family\": 2"
events=$(mktemp)
defer rm -f "$events"
ip netns exec "$r" /usr/bin/python3 "$MWG_SELFTESTS/ynl_events.py" \
	"$YNL/tools/net/ynl" "$SPEC" "" 30 >"$events" 2>&1 &
listener=$!
for _ in $(seq 100); do
	grep -q subscribed "$events" && break
	sleep 0.1
done
# 192.0.2.100, in the spec's binary form (hex).
check "vr-new by the spec's client" ynl --do vr-new --json "{$key,
	\"priority\": 100, \"advert-interval-ms\": 100,
	\"vips\": {\"vip\": [{\"addr\": \"c0000264\", \"prefixlen\": 24}]}}"
wait_state "$r" 9 master ||
	tap_fail "VR 9 master" "it is '$(vr_state "$r" 9)'"
for _ in $(seq 50); do
	[ "$(grep -c '"vr-event"' "$events")" -ge 2 ] && break
	sleep 0.1
done
kill "$listener" 2>/dev/null
wait "$listener" 2>/dev/null
seen=$(grep '^{' "$events" | jq -r 'select(.name == "vr-event") | .msg |
	"\(.["old-state"]) \(.state) \(.reason) \(.vrid)"' 2>/dev/null)
check "the events decoded: Init to Backup at startup, then master down" \
	test "$(tr '\n' ';' <<<"$seen")" = \
	"init backup startup 9;backup master master-down 9;"
[ -n "$seen" ] || sed 's/^/# listener: /' "$events"
vr=$(ynl --dump vr-get --json "{\"ifindex\": $ifindex}" 2>&1)
check "vr-get dump: VR 9 master, priority 100, its VIP decoded" \
	test "$(jq -r '.[0] | "\(.vrid) \(.state) \(.priority) \(.vips.vip[0].addr)"' \
		<<<"$vr" 2>/dev/null)" = "9 master 100 192.0.2.100"
[ -n "$vr" ] || printf '# cli.py said: %s\n' "$vr"
one=$(ynl --do vr-get --json "{$key}" 2>&1)
check "vr-get by key: the counters' nest decoded (adverts sent > 0)" \
	test "$(jq -r '.stats["sent-advertisements"] > 0' <<<"$one" 2>/dev/null)" = true
bad=$(ynl --do vr-get --json "{$key, \"priority\": 5}" 2>&1)
check "a foreign attribute is refused with the module's message" \
	grep -q "PRIORITY is not accepted by this command" <<<"$bad"
check "vr-del by the spec's client" ynl --do vr-del --json "{$key}"
check "no VR left" test "$(mwgctl_ns "$r" -j vr show | jq length)" = 0

t0=$(date +%s)
contract=$(ip netns exec "$s" /usr/bin/python3 "$MWG_SELFTESTS/ynl_contract.py" \
	"$YNL/tools/net/ynl" "$SPEC" "$SCHEMA" 2>&1)
rc=$?
echo "# the contract check took $(($(date +%s) - t0)) s"
while read -r op verdict rest; do
	if [ "$verdict" = ok ]; then
		tap_ok "spec and module agree on $op's attributes: $rest"
	else
		tap_fail "spec and module agree on $op's attributes" "$rest"
	fi
done < <(grep -E '^[a-z-]+ (ok|FAIL) ' <<<"$contract")
check "the contract check ran and agreed" test "$rc" = 0
[ "$rc" = 0 ] || printf '%s\n' "$contract" | sed 's/^/#   /' | tail -n 20

tap_done
