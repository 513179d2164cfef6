#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Persistent sync groups: mwgd applies the [group] sections of its
# configuration after the [vr] ones, at start and on SIGHUP by difference:
# an unchanged group is not touched, a group whose members changed gets
# the new ones without a VR transition, a removed one goes, and a group
# made by hand with mwgctl is never touched.
#
#   r1 eth0 192.0.2.1    --- r2 eth0 192.0.2.2
#   r1 eth1 198.51.100.1 --- r2 eth1
#   r1 eth2 203.0.113.1  --- r2 eth2   (r2 runs nothing: r1's VRs are master)
. "$(dirname "$0")/mwgd_lib.sh"

mwgd_setup
vrrp_ns r1 r2
veth_pair "$r1" 192.0.2.1 "$r2" 192.0.2.2
for n in eth1:198.51.100.1 eth2:203.0.113.1; do
	dev=${n%%:*}
	ip link add "$dev" netns "$r1" type veth peer name "$dev" netns "$r2" ||
		ksft_fail "veth pair $dev"
	ip -n "$r1" addr add "${n#*:}/24" dev "$dev"
	ip -n "$r1" link set "$dev" up
	ip -n "$r2" link set "$dev" up
done
conf=$MWGD_DIR/mwgd.conf

# write_conf SECTIONS...: the common keys, the VRs, then SECTIONS.
write_conf() {
	{
		echo "role = scanner"
		echo "interface = eth0"
		echo "vr_state_file = $MWGD_DIR/vrs"
		printf '[vr inside]\ndev = eth0\nvrid = 1\nprio = 100\nvip = 192.0.2.101/24\ninterval = %s\n' "$ADV_MS"
		printf '[vr outside]\ndev = eth1\nvrid = 2\nprio = 100\nvip = 198.51.100.102/24\ninterval = %s\n' "$ADV_MS"
		printf '[vr spare]\ndev = eth2\nvrid = 3\nprio = 100\nvip = 203.0.113.103/24\ninterval = %s\n' "$ADV_MS"
		# Not in a group: a [vr] section's track_if, applied by difference.
		printf '[vr tracker]\ndev = eth2\nvrid = 4\nprio = 100\nvip = 203.0.113.104/24\ninterval = %s\ntrack_if = eth1\ntrack_if_weight = 20\n' "$ADV_MS"
		printf '%b' "$@"
	} >"$conf"
}

# members NAME: the group's members as "dev:vrid" words, sorted; "none"
# when there is no such group.
members() {
	mwgctl_ns "$r1" -j group show |
		jq -r --arg n "$1" '[.[] | select(.name == $n)] |
			if length == 0 then "none"
			else [.[0].members[] | "\(.dev):\(.vrid)"] | sort | join(" ") end'
}
members_are() {
	[ "$(members "$1")" = "$2" ]
}

mwgctl_ns "$r1" vr add dev eth2 vrid 9 prio 100 vip 203.0.113.109/24 \
	interval "$ADV_MS" || ksft_fail "hand-made vr 9"
mwgctl_ns "$r1" group add manual vr eth2:9 || ksft_fail "hand-made group"
write_conf "[group router]\nvr = eth0:1, eth1:2\n"
mwgd_start r1 "$r1" -c "$conf"

check "the file's group is created with its two members" \
	vwait 5 members_are router "eth0:1 eth1:2"
check_state "its inside member is master" "$r1" 1 master
check "the hand-made group is there" members_are manual "eth2:9"
check "the log says it was created" \
	grep -q '\[group router\]: created, 2 members' "$MWGD_DIR/r1.log"
transitions() {
	echo "$(vr_stat "$r1" 1 master_transitions) $(VR_DEV=eth1 vr_stat "$r1" 2 master_transitions)"
}
before=$(transitions)

check "[vr] track_if: the kernel tracks eth1" \
	test "$(mwgctl_ns "$r1" -j vr show dev eth2 vrid 4 | jq -r '.[0].track_if | "\(.dev) \(.weight) \(.up)"')" = "eth1 20 true"

# --- reload: unchanged -------------------------------------------------------------
mwgd_kill r1 HUP
nap 1
check "an unchanged group is not touched on reload" \
	test "$(grep -c '\[group router\]: \(created\|changed\)' "$MWGD_DIR/r1.log")" = 1
check "nor an unchanged VR with track_if" \
	test "$(grep -c '\[vr tracker\]: \(created\|changed\)' "$MWGD_DIR/r1.log")" = 1

# --- reload: a member added ---------------------------------------------------------
write_conf "[group router]\nvr = eth0:1 eth1:2\nvr = eth2:3\n"
mwgd_kill r1 HUP
check "a changed group gets its new members" \
	vwait 5 members_are router "eth0:1 eth1:2 eth2:3"
check "the log says it changed" \
	grep -q '\[group router\]: changed, 3 members' "$MWGD_DIR/r1.log"
check "no member left master for it" test "$(transitions)" = "$before"
check_state "the inside member is still master" "$r1" 1 master

# --- reload: a change the kernel refuses (vr 9 is the hand-made group's) ------------------
write_conf "[group router]\nvr = eth0:1 eth1:2 eth2:9\n"
mwgd_kill r1 HUP
check "a refused change is logged with the kernel's reason" vwait 5 \
	grep -q '\[group router\]: .*belongs to another group' "$MWGD_DIR/r1.log"
check "...and leaves the group as it was" members_are router "eth0:1 eth1:2 eth2:3"
check "...and the hand-made group too" members_are manual "eth2:9"

# --- reload: the section removed ----------------------------------------------------
write_conf
mwgd_kill r1 HUP
check "a group removed from the file is deleted" vwait 5 members_are router none
check "the log says so" grep -q 'deleted group router: no longer in the file' \
	"$MWGD_DIR/r1.log"
check "the hand-made group is untouched" members_are manual "eth2:9"
check_state "the VRs stay" "$r1" 1 master

# --- a bad section: refused at start with its line ------------------------------------
mwgd_kill r1 TERM
vwait 3 mwgd_gone r1
write_conf "[group broken]\nvr = eth0:1 eth0:1\n"
if ip netns exec "$r1" "$MWGD" -f -c "$conf" 2>"$MWGD_DIR/bad.log"; then
	tap_fail "a bad [group] section is refused" "mwgd started"
else
	check "a bad [group] section is refused with its line" \
		grep -q 'mwgd.conf:[0-9]*: \[group broken\]: vr eth0:1 named twice' \
		"$MWGD_DIR/bad.log"
fi
mwgd_log r1 8
tap_done
