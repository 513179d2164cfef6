#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mwgd speaks systemd's notify protocol: READY=1 after start, RELOADING=1
# then READY=1 around SIGHUP, STOPPING=1 at exit; a listener on a
# $NOTIFY_SOCKET of our own stands in for systemd.  A scanner without [vr]
# sections needs no module, so this runs on the host.
top=$(cd "$(dirname "$0")/../.." && pwd)
mwgd=$top/userspace/mwgd/mwgd
echo "TAP version 13"
if [ ! -x "$mwgd" ] || ! command -v python3 >/dev/null; then
	echo "ok 1 - sd_notify # SKIP mwgd or python3 missing"
	echo "1..1"
	exit 0
fi
d=$(mktemp -d) || exit 1
trap 'kill $pid 2>/dev/null; rm -rf "$d"' EXIT

python3 - "$d/notify" "$d/got" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(20)
with open(sys.argv[2], 'a', buffering=1) as out:
    try:
        while True:
            for line in s.recv(4096).decode().split('\n'):
                out.write(line + '\n')
                if line == 'STOPPING=1':
                    sys.exit(0)
    except socket.timeout:
        pass
PY
lpid=$!
i=0
while [ ! -S "$d/notify" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
printf 'role = scanner\ninterface = lo\nport = %d\nnode_id_file = %s\nvr_state_file = %s\n' \
	$((20000 + $$ % 20000)) "$d/id" "$d/vrs" >"$d/conf"

NOTIFY_SOCKET=$d/notify "$mwgd" -f -c "$d/conf" 2>"$d/log" &
pid=$!
n=0
fail=0
expect() {
	n=$((n + 1))
	i=0
	while ! grep -qx "$1" "$d/got" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if grep -qx "$1" "$d/got" 2>/dev/null; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		sed 's/^/# /' "$d/got" "$d/log" 2>/dev/null
		fail=1
	fi
}
expect "READY=1" "READY=1 after start"
: >"$d/got"
kill -HUP $pid
expect "RELOADING=1" "RELOADING=1 on SIGHUP"
expect "READY=1" "READY=1 after the reload"
kill -TERM $pid
expect "STOPPING=1" "STOPPING=1 at exit"
wait $pid
rc=$?
n=$((n + 1))
if [ $rc -eq 0 ]; then echo "ok $n - exit status 0"; else echo "not ok $n - exit status"; fail=1; fi
wait $lpid
echo "1..$n"
exit $fail
