#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mwgd's command line: long options, --test reporting every error of a
# configuration with its file and line, --dump printing the effective
# configuration (which --test then accepts), and the exit codes: 0, 1 for
# a configuration or runtime error, 2 for a usage error.  Nothing here
# starts the daemon.
top=$(cd "$(dirname "$0")/../.." && pwd)
mwgd=${MWGD:-$top/userspace/mwgd/mwgd}
. "$(dirname "$0")/tap_lib.sh"
[ -x "$mwgd" ] || tap_skip_all "mwgd options" "mwgd not built"
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d" "$tap_out"' EXIT

# check NAME RC REGEX -- ARGS...: mwgd ARGS exits RC, prints REGEX.
check() {
	local name=$1 want=$2 pattern=$3
	shift 4
	tap_check "$name" "$want" "$pattern" -- "$mwgd" "$@"
}

check "--help names --test and --dump" 0 '--test' -- --help
check "--help: exit codes" 0 '^Exit status: 0 success, 1 .*, 2 usage error' -- --help
check "--version" 0 '^mwgd [0-9]' -- --version
check "an unknown option is a usage error" 2 'usage: mwgd' -- --frobnicate
check "-t no longer takes the interval" 2 'the interval is --interval MS' -- -t 100
check "-o without = is a usage error" 2 'wants KEY=VALUE' -- -o interval_ms
check "a missing -c file" 1 "$d/none: No such file" -- -c "$d/none" -f

cat >"$d/bad.conf" <<'C'
role = scanner
interface = lo
interval_ms = fast
frobnicate = 1
this line has no equals sign
dead_after = 0
node_id_file = /nonexistent-dir/id
C
check "--test reports an error on line 3" 1 "^$d/bad.conf:3: interval_ms: \"fast\" is not a duration" -- -t -c "$d/bad.conf"
check "...and on line 4" 1 "^$d/bad.conf:4: frobnicate: unknown key" -- -t -c "$d/bad.conf"
check "...and on line 5" 1 "^$d/bad.conf:5: syntax error" -- -t -c "$d/bad.conf"
check "...and on line 6" 1 "^$d/bad.conf:6: dead_after" -- -t -c "$d/bad.conf"
check "...and counts them" 1 "^mwgd: $d/bad.conf: 4 errors$" -- --test -c "$d/bad.conf"
check "--test with an override error" 1 '^command line: port: ' -- -t -c "$d/bad.conf" -o port=0

cat >"$d/good.conf" <<C
role = scanner
interface = lo
interval_ms = 250ms
notify_timeout_s = 2m
node_id_file = $d/id
vr_state_file = $d/vrs
C
check "--test of a good file" 0 "^mwgd: $d/good.conf: configuration is valid$" -- -t -c "$d/good.conf"
check "--dump: a duration with a unit in the key's unit" 0 '^interval_ms = 250$' -- --dump -c "$d/good.conf"
check "--dump: minutes in seconds" 0 '^notify_timeout_s = 120$' -- --dump -c "$d/good.conf"
check "--dump: defaults filled in" 0 '^dead_after = 3$' -- --dump -c "$d/good.conf"
check "--dump: an option overrides the file" 0 '^dead_after = 5$' -- --dump -c "$d/good.conf" -d 5
"$mwgd" --dump -c "$d/good.conf" >"$d/dumped.conf" 2>/dev/null
check "what --dump prints, --test accepts" 0 'configuration is valid' -- -t -c "$d/dumped.conf"
check "a director without a key: --test says why, at the role line" 1 "^$d/dir.conf:1: a director without key_file" -- \
	-t -c "$(printf 'role = director\ninterface = lo\nmgmt_ip = 192.0.2.1\n' >"$d/dir.conf"; echo "$d/dir.conf")"

# The shipped example is installed as /etc/mwgd/mwgd.conf: it must stay a
# file that mwgd accepts, with the sections and keys the code has.
example=$top/userspace/mwgd/mwgd.conf.example
check "the shipped example is valid" 0 "^mwgd: $example: configuration is valid$" -- -t -c "$example"
# Every "#key = value" line of it, the sections too, is a key the code
# knows with a value it takes (as a director, with a key).
sed 's/^#\([a-z_[]\)/\1/' "$example" >"$d/example-all.conf"
printf '%064d\n' 0 >"$d/key"
chmod 600 "$d/key"
check "...and so is every key it shows commented out" 0 "configuration is valid" -- \
	-t -c "$d/example-all.conf" -o role=both -o key_file="$d/key"
check "...its [vr] section included" 0 '^preempt_delay = 5000ms$' -- \
	--dump -c "$d/example-all.conf" -o role=both -o key_file="$d/key"
check "...and its [proxy] section" 0 '^\[proxy web\]$' -- \
	--dump -c "$d/example-all.conf" -o role=both -o key_file="$d/key"
# ...and it names every global key that --dump prints.
missing=
for key in $("$mwgd" --dump -c "$d/example-all.conf" -o role=both -o key_file="$d/key" 2>/dev/null |
	sed -n '/^\[/q; s/^# //; s/ = .*//p'); do
	grep -q "^#\?$key =" "$example" || missing="$missing $key"
done
[ -z "$missing" ] || echo "# missing from the example:$missing"
[ -z "$missing" ]
tap_result $? "the example names every global key"

# In a [vr] section, 1 and 0 are on and off only for an on/off key: a
# count or a priority of 1 is a number.
cat >"$d/vr.conf" <<C
role = scanner
interface = lo
[vr eth0 51]
prio = 1
vip = 192.0.2.100/24
garp_repeat = 1
track_scanners = 1
weight = 0
preempt = 0
accept = 1
vmac = 0
C
check "[vr]: garp_repeat, track_scanners, prio = 1 are numbers" 0 "configuration is valid" -- -t -c "$d/vr.conf"
check "[vr]: ...track_scanners = 1 stays 1" 0 '^track_scanners = 1$' -- --dump -c "$d/vr.conf"
check "[vr]: ...weight = 0 stays 0" 0 '^weight = 0$' -- --dump -c "$d/vr.conf"
check "[vr]: preempt = 0 is off" 0 '^preempt = no$' -- --dump -c "$d/vr.conf"
check "[vr]: accept = 1 is on" 0 '^accept = yes$' -- --dump -c "$d/vr.conf"
check "[vr]: vmac = 0 is off" 0 '^vmac = no$' -- --dump -c "$d/vr.conf"

# Unicast peers: a list, under either name; a prefix is refused with the
# file and the line of its section.
cat >"$d/peer.conf" <<C
role = scanner
interface = lo
[vr eth0 51]
prio = 100
vip = 192.0.2.100/24
unicast_peer = 192.0.2.2, 192.0.2.3
[vr eth0 52]
prio = 100
vip = 192.0.2.101/24
peer = none
C
check "[vr]: unicast_peer = A, B" 0 '^peer = 192.0.2.2, 192.0.2.3$' -- --dump -c "$d/peer.conf"
check "[vr]: peer = none" 0 '^peer = none$' -- --dump -c "$d/peer.conf"
printf 'role = scanner\ninterface = lo\n[vr eth0 51]\nprio = 1\nvip = 192.0.2.100\npeer = 192.0.2.0/24\n' >"$d/peer-bad.conf"
check "[vr]: a peer prefix is refused, named at its section" 1 'peer-bad.conf:4: \[vr eth0 51\]: invalid peer "192.0.2.0/24"' -- -t -c "$d/peer-bad.conf"

# [group NAME]: the words of "mwgctl group add", checked by its parser.
cat >"$d/group.conf" <<C
role = scanner
interface = lo
[group router]
vr = eth0:51, eth1:52
vr = eth2:53
family = inet6
C
check "[group]: valid" 0 "configuration is valid" -- -t -c "$d/group.conf"
check "[group]: --dump lists every member" 0 '^vr = eth0:51 eth1:52 eth2:53$' -- --dump -c "$d/group.conf"
check "[group]: ...and the family" 0 '^family = inet6$' -- --dump -c "$d/group.conf"
cat >"$d/group-bad.conf" <<C
role = scanner
interface = lo
[group a]
vr = eth0:51
colour = red
[group b]
vr = eth0:300
C
check "[group]: an unknown key names file and line" 1 "group-bad.conf:5: \\[group a\\]: unknown key \"colour\"" -- -t -c "$d/group-bad.conf"
check "[group]: a bad VRID names its line" 1 "group-bad.conf:7: \\[group b\\]: .*VRID is 1..255" -- -t -c "$d/group-bad.conf"
cat >"$d/group-twice.conf" <<C
role = scanner
interface = lo
[group a]
vr = eth0:51 eth1:52
[group b]
vr = eth1:52
C
check "[group]: one VR in two groups is refused" 1 "vr eth1:52 is in \\[group a\\] and \\[group b\\]" -- -t -c "$d/group-twice.conf"
printf 'role = scanner\ninterface = lo\n[group]\nvr = eth0:51\n' >"$d/group-noname.conf"
check "[group]: a section without a name" 1 "needs one name" -- -t -c "$d/group-noname.conf"

# [bfd] sections: mwgctl's "bfd add" words, one session per dev and peer.
cat >"$d/bfd.conf" <<C
role = scanner
interface = lo
[bfd to-b]
dev = eth0
peer = 192.0.2.2
tx_us = 10000
rx_us = 20000
multiplier = 5
holddown_ms = 300
C
check "[bfd]: valid" 0 "configuration is valid" -- -t -c "$d/bfd.conf"
check "[bfd]: --dump keeps the timers" 0 '^rx_us = 20000$' -- --dump -c "$d/bfd.conf"
check "[bfd]: ...and the peer" 0 '^peer = 192.0.2.2$' -- --dump -c "$d/bfd.conf"
"$mwgd" --dump -c "$d/bfd.conf" >"$d/bfd-dumped.conf" 2>/dev/null
check "[bfd]: what --dump prints, --test accepts" 0 'configuration is valid' -- -t -c "$d/bfd-dumped.conf"
cat >"$d/bfd-bad.conf" <<C
role = scanner
interface = lo
[bfd a]
dev = eth0
peer = 192.0.2.2
colour = red
[bfd b]
dev = eth0
peer = 192.0.2.3
tx_us = 10
C
check "[bfd]: an unknown key names file and line" 1 "bfd-bad.conf:6: \\[bfd a\\]: unknown key \"colour\"" -- -t -c "$d/bfd-bad.conf"
check "[bfd]: a timer out of range names its section" 1 "bfd-bad.conf:8: \\[bfd b\\]: invalid tx-us \"10\"" -- -t -c "$d/bfd-bad.conf"
printf 'role = scanner\ninterface = lo\n[bfd c]\ndev = eth0\n' >"$d/bfd-nopeer.conf"
check "[bfd]: a section without a peer" 1 "bfd-nopeer.conf:4: \\[bfd c\\]: \"dev\" and \"peer\" are required" -- -t -c "$d/bfd-nopeer.conf"
printf 'role = scanner\ninterface = lo\n[bfd a]\ndev = eth0\npeer = 192.0.2.2\n[bfd d]\ndev = eth0\npeer = 192.0.2.2\n' >"$d/bfd-twice.conf"
check "[bfd]: the same session twice" 1 "bfd-twice.conf:7: \\[bfd d\\]: the same session as \\[bfd a\\]" -- -t -c "$d/bfd-twice.conf"

# track_* keys of [vr] sections: absolute paths, options by kind.
cat >"$d/track.conf" <<C
role = scanner
interface = lo
[vr gw]
dev = eth0
vrid = 5
prio = 100
vip = 192.0.2.10
track_file = /run/mwgd/maint
track_process = haproxy weight 30
track_script = /usr/local/bin/check interval 2s rise 2 fall 3 weight 50
C
check "track: valid" 0 "configuration is valid" -- -t -c "$d/track.conf"
check "track: --dump spells the file's default weight" 0 '^track_file = /run/mwgd/maint weight 1$' -- --dump -c "$d/track.conf"
check "track: --dump spells the script's timeout" 0 '^track_script = /usr/local/bin/check interval 2000ms timeout 2000ms rise 2 fall 3 weight 50$' -- --dump -c "$d/track.conf"
"$mwgd" --dump -c "$d/track.conf" >"$d/track-dumped.conf" 2>/dev/null
check "track: what --dump prints, --test accepts" 0 'configuration is valid' -- -t -c "$d/track-dumped.conf"
cat >"$d/track-bad.conf" <<C
role = scanner
interface = lo
[vr gw]
dev = eth0
vrid = 5
prio = 100
vip = 192.0.2.10
track_file = maint
track_process = a-very-long-process-name
track_script = /bin/true every 5
track_process = nginx interval 1s
track_script = /bin/true timeout 10
[vr lonely]
track_file = /run/x
C
check "track: a relative path names its line" 1 "track-bad.conf:8: track_file: \"maint\" is not an absolute path" -- -t -c "$d/track-bad.conf"
check "track: a process name longer than comm" 1 "track-bad.conf:9: track_process: \"a-very-long-process-name\" is not a process name" -- -t -c "$d/track-bad.conf"
check "track: an unknown option lists the known ones" 1 "track-bad.conf:10: track_script: unknown option \"every\" \\(interval, timeout, rise, fall, weight\\)" -- -t -c "$d/track-bad.conf"
check "track: interval is a script's option only" 1 "track-bad.conf:11: track_process: unknown option \"interval\" \\(weight\\)" -- -t -c "$d/track-bad.conf"
check "track: a timeout out of range" 1 "track-bad.conf:12: track_script: timeout \"10\" is out of range 100..3600000ms" -- -t -c "$d/track-bad.conf"
printf 'role = scanner\ninterface = lo\n[vr lonely]\ntrack_file = /run/x\n' >"$d/track-lonely.conf"
check "track: in a [vr] that describes no router" 1 "track-lonely.conf:4: track_file in \\[vr lonely\\], which describes no router" -- -t -c "$d/track-lonely.conf"
printf 'role = scanner\ninterface = lo\n[vr gw]\ndev = eth0\nvrid = 5\nprio = 100\nvip = 192.0.2.10\ntrack_file = /run/x\ntrack_file = /run/x weight 5\n' >"$d/track-twice.conf"
check "track: the same object twice" 1 "track-twice.conf:9: track_file /run/x given twice in \\[vr gw\\]" -- -t -c "$d/track-twice.conf"

tap_end
