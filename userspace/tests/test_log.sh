#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mwgd's log lines: "mwgd: SECONDS LEVEL: ..." on a terminal or file,
# "<N>mwgd: LEVEL: ..." when stderr is the journal's stream
# ($JOURNAL_STREAM), and native journal entries with PRIORITY and
# SYSLOG_IDENTIFIER under "log = journal" or "auto" there.  A scanner
# without [vr] sections needs no module, so this runs on the host; the
# journal part stands a socket of its own in for journald's, in a private
# mount namespace (root and unshare needed, else skipped).
top=$(cd "$(dirname "$0")/../.." && pwd)
mwgd=${MWGD:-$top/userspace/mwgd/mwgd}
. "$(dirname "$0")/tap_lib.sh"
[ -x "$mwgd" ] || tap_skip_all "mwgd log format" "mwgd not built"
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d" "$tap_out"' EXIT

result() {
	tap_result "$@"
}

# conf LOG: a scanner's configuration logging to LOG.
conf() {
	printf 'role = scanner\ninterface = lo\nport = %d\nnode_id_file = %s\nvr_state_file = %s\nlog = %s\n' \
		$((20000 + $$ % 20000)) "$d/id" "$d/vrs" "$1" >"$d/conf"
}

# run_mwgd [WATCH]: mwgd in the foreground, stderr appended to $d/err,
# until WATCH (default $d/err) says it started (10 s at most), then SIGTERM.
run_mwgd() {
	local watch=${1:-$d/err} pid
	"$mwgd" -f -c "$d/conf" 2>>"$d/err" &
	pid=$!
	for _ in $(seq 100); do
		grep -q 'started' "$watch" 2>/dev/null && break
		sleep 0.1
	done
	kill -TERM "$pid"
	wait "$pid"
}

conf stderr
: >"$d/err"
run_mwgd
grep -q -E '^mwgd: [0-9]+\.[0-9]{3} notice: started: role scanner' "$d/err"
result $? "stderr: program name, seconds and level" "$d/err"

: >"$d/err"
JOURNAL_STREAM=$(stat -c '%d:%i' "$d/err") run_mwgd
grep -q -E '^<5>mwgd: notice: started: role scanner' "$d/err" &&
	! grep -q -v -E '^<[0-7]>mwgd: ' "$d/err"
result $? "stderr as the journal's stream: every line has a <N> priority prefix" "$d/err"

: >"$d/err"
JOURNAL_STREAM=1:2 run_mwgd
grep -q -E '^mwgd: [0-9]+\.[0-9]{3} notice: started' "$d/err"
result $? "a JOURNAL_STREAM of another file is not the journal" "$d/err"

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null ||
	! command -v python3 >/dev/null ||
	! unshare -m true 2>/dev/null; then
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - native journal entries # SKIP needs root, unshare and python3"
	tap_end
	exit
fi

# The entries journald would get: one datagram each, KEY=VALUE lines.
cat >"$d/journald.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[3], "w").close()
s.settimeout(10)
with open(sys.argv[2], "w") as out:
    try:
        while True:
            data = s.recv(65536).decode(errors="replace")
            out.write(data.replace("\n", "|") + "\n")
            out.flush()
    except socket.timeout:
        pass
PY
for target in journal auto; do
	conf "$target"
	: >"$d/err"
	rm -f "$d/entries" "$d/ready"
	unshare -m bash -c '
		d=$1 mwgd=$2
		mount -t tmpfs none /run/systemd/journal 2>/dev/null ||
			{ mkdir -p /run/systemd/journal &&
			  mount -t tmpfs none /run/systemd/journal; } || exit 9
		python3 "$d/journald.py" /run/systemd/journal/socket \
			"$d/entries" "$d/ready" &
		py=$!
		for _ in $(seq 50); do [ -e "$d/ready" ] && break; sleep 0.1; done
		export JOURNAL_STREAM=$(stat -c "%d:%i" "$d/err")
		"$mwgd" -f -c "$d/conf" 2>>"$d/err" &
		pid=$!
		for _ in $(seq 100); do
			grep -q started "$d/entries" 2>/dev/null && break
			sleep 0.1
		done
		kill -TERM $pid
		wait $pid
		kill $py' _ "$d" "$mwgd"
	grep -q 'MESSAGE=started: role scanner.*|PRIORITY=5|SYSLOG_IDENTIFIER=mwgd|' \
		"$d/entries" 2>/dev/null && ! grep -q 'started' "$d/err"
	result $? "log = $target under the journal: native entries with PRIORITY and SYSLOG_IDENTIFIER" "$d/entries"
done

tap_end
