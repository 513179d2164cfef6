#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The discovery epoch survives a restart: a scanner restarted with its
# clock an hour back (an LD_PRELOAD shim moves the wall clock) announces
# the previous epoch + 1, not an older one its directors would drop as a
# replay; the epoch file next to the node id holds it; without the file the
# clock is used (an upgrade); a corrupt or unwritable file stops mwgd with
# an error naming it.  A scanner on lo needs no module, so this runs on the
# host.  MWGD=path runs another build (e.g. an older one).
top=$(cd "$(dirname "$0")/../.." && pwd)
mwgd=${MWGD:-$top/userspace/mwgd/mwgd}
echo "TAP version 13"
if [ ! -x "$mwgd" ] || ! command -v python3 >/dev/null ||
   ! command -v "${CC:-cc}" >/dev/null; then
	echo "ok 1 - epoch # SKIP mwgd, python3 or a C compiler missing"
	echo "1..1"
	exit 0
fi
d=$(mktemp -d) || exit 1
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$d"' EXIT
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
	[ -z "$2" ] || echo "# $2"
}

if ! "${CC:-cc}" -shared -fPIC -o "$d/shift.so" "$top/userspace/tests/clock_shift.c" -ldl; then
	echo "ok 1 - epoch # SKIP the clock shim does not build"
	echo "1..1"
	exit 0
fi
port=$((20000 + ($$ + 7) % 20000))
printf 'role = scanner\ninterface = lo\nport = %d\nnode_id_file = %s\nvr_state_file = %s\n' \
	"$port" "$d/id" "$d/vrs" >"$d/conf"

# epoch_of: send DISCOVERs to the scanner until it answers; print the
# epoch of its ANNOUNCE (nothing after 5 s).
epoch_of() {
	python3 - "$port" <<'PY'
import os, socket, struct, sys, time
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', 0))
s.settimeout(0.2)
tlvs = (struct.pack('!HHI', 1, 4, 100) + struct.pack('!HHB', 2, 1, 3) +
        struct.pack('!HHB', 3, 1, 1))
end = time.monotonic() + 5
seq = 0
while time.monotonic() < end:
    seq += 1
    hdr = (b'MWGD' + bytes([1, 1, 0, 0]) + struct.pack('!HH', 40 + len(tlvs), 3) +
           os.urandom(16) + struct.pack('!QI', int(time.time() * 1000), seq))
    s.sendto(hdr + tlvs, ('127.0.0.1', port))
    try:
        buf = s.recv(2048)
    except socket.timeout:
        continue
    if len(buf) >= 40 and buf[:4] == b'MWGD' and buf[5] == 2:
        print(struct.unpack('!Q', buf[28:36])[0])
        sys.exit(0)
PY
}

# run SHIFT_S: start mwgd with the clock moved by SHIFT_S seconds, print
# its epoch, stop it.
run() {
	MWG_CLOCK_SHIFT_S=$1 LD_PRELOAD=$d/shift.so "$mwgd" -f -c "$d/conf" \
		2>>"$d/log" &
	pid=$!
	epoch_of
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	pid=
}

# refused WHAT: mwgd exits non-zero within 5 s, its log naming the file.
refused() {
	: >"$d/log"
	"$mwgd" -f -c "$d/conf" 2>"$d/log" &
	pid=$!
	i=0
	while kill -0 $pid 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 $pid 2>/dev/null; then
		kill $pid
		wait $pid
		pid=
		nok "$1: mwgd refuses to start" "it is running"
		return
	fi
	wait $pid
	rc=$?
	pid=
	if [ $rc -ne 0 ] && grep -q "$d/id.epoch" "$d/log"; then
		ok "$1: mwgd refuses to start (exit $rc): $(tail -n 1 "$d/log")"
	else
		nok "$1: mwgd refuses to start" "exit $rc, log: $(tail -n 1 "$d/log")"
	fi
}

before=$(python3 -c 'import time; print(int(time.time() * 1000))')
e1=$(run 0)
if [ -n "$e1" ] && [ "$e1" -ge "$before" ]; then
	ok "first start: epoch $e1 from the clock"
else
	nok "first start: epoch from the clock" "epoch '$e1', clock $before"
fi
e2=$(run -3600)
if [ -n "$e1" ] && [ -n "$e2" ] && [ "$e2" = $((e1 + 1)) ]; then
	ok "restart with the clock an hour back: epoch $e2 = previous + 1"
else
	nok "restart with the clock an hour back: epoch = previous + 1" \
		"previous '$e1', now '$e2' (below the previous: dropped as replayed)"
fi
if [ -n "$e2" ] && [ "$(cat "$d/id.epoch" 2>/dev/null)" = "$e2" ]; then
	ok "the epoch file holds the epoch in use"
else
	nok "the epoch file holds the epoch in use" \
		"file '$(cat "$d/id.epoch" 2>/dev/null)', epoch '$e2'"
fi
rm -f "$d/id.epoch"
e3=$(run 0)
if [ -n "$e3" ] && [ -n "$e2" ] && [ "$e3" -ge "$before" ] && [ "$e3" -gt "$e2" ]; then
	ok "without the file (an upgrade) the clock is used: epoch $e3"
else
	nok "without the file the clock is used" "epoch '$e3'"
fi
echo "not a number" >"$d/id.epoch"
refused "a corrupt epoch file"
if [ "$(cat "$d/id.epoch")" = "not a number" ]; then
	ok "the corrupt file is left as it was"
else
	nok "the corrupt file is left as it was"
fi
rm -f "$d/id.epoch"
mkdir "$d/id.epoch.tmp"
refused "an epoch file that cannot be written"
echo "1..$n"
exit $fail
