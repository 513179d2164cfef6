#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Module unload must not let a backup take over: every VR is dead, its
# timers stopped, before the module stops receiving adverts.  A backup with
# 10 ms adverts whose master keeps advertising is unloaded 20 times; the
# master's side must never see an advert or a gratuitous ARP from it.
#
#   m: eth0 192.0.2.1/24, crafted adverts VRID 20 prio 200 every 5 ms
#      (interval field 10 ms), a capture of what arrives
#   b: eth0 192.0.2.2/24, VR 20 prio 100 interval 10 ms (mwg_vrrp)
#
# The module is one for the whole guest, so the master is not a VR of ours
# but vrrp_craft.py: it keeps advertising while the module goes away.
. "$(dirname "$0")/vrrp_lib.sh"

ROUNDS=${VRRP_UNLOAD_ROUNDS:-20}

vrrp_setup
require_cmd rmmod insmod
unload_module || ksft_fail "mwg_vrrp is loaded and cannot be removed"
vrrp_ns m b
veth_pair "$m" 192.0.2.1 "$b" 192.0.2.2

seen=$(mktemp /tmp/vrrp-unload.XXXXXX)
defer rm -f "$seen"
nsx "$m" python3 "$VRRP_CRAFT" watch eth0 --vip "$VIP" >"$seen" &
bg_pids+=($!)
nsx "$m" python3 "$VRRP_CRAFT" send eth0 --src 192.0.2.1 --vrid 20 \
	--prio 200 --interval 1 --addr "$VIP" --every 5 &
bg_pids+=($!)
watch_ready() {
	grep -q '^ready' "$seen"
}
# Python starts slowly in an emulated guest under load.
vwait 60 watch_ready || ksft_fail "the capture on m never started"

# judge T0 T1: looks at what the capture saw between T0 and T1 (ms of the
# wall clock).  Prints nothing when b sent nothing; else "silent GAP" when
# m had not advertised for GAP ms (>= MDI_MS) before b's first frame, which
# is a takeover VRRP asks for (a slow guest starved the sender), or "bad
# GAP FRAMES" when m was advertising and b took over all the same.
MDI_MS=36	# 3 * 10 ms + Skew_Time of priority 100 (6 ms)
judge() {
	awk -v t0="$1" -v t1="$2" -v mdi="$MDI_MS" '
		$1 == "ready" { next }
		{ t = $1 * 1000 }
		$2 == "sent" { sent[n++] = t; next }
		t >= t0 && t <= t1 && !first { first = t; what = $0 }
		END {
			if (!first)
				exit
			# Lines come in the order the capture read them, not
			# always in the order of their timestamps.
			last = 0
			for (i = 0; i < n; i++)
				if (sent[i] < first && sent[i] > last)
					last = sent[i]
			gap = first - last
			if (gap >= mdi)
				printf "silent %d\n", gap
			else
				printf "bad %d %s\n", gap, what
		}' "$seen"
}

# caught_up T: the capture has reported an advert of m sent after T (ms).
caught_up() {
	awk -v t="$1" '$2 == "sent" && $1 * 1000 > t { f = 1 } END { exit !f }' \
		"$seen"
}

# backup_hearing: b is a backup and has heard 20 adverts of m since the mark.
backup_hearing() {
	state_is "$b" 20 backup && heard "$b" 20 20
}

# Rounds where m itself fell silent for longer than Master_Down_Interval
# prove nothing either way: they are repeated, up to twice ROUNDS in all.
judged=0
starved=0
attempt=0
while [ "$judged" -lt "$ROUNDS" ] && [ "$attempt" -lt $((ROUNDS * 2)) ]; do
	attempt=$((attempt + 1))
	load_module
	if ! vr_add "$b" 20 100 interval 10; then
		tap_fail "attempt $attempt: vr add on b"
		judged=$((judged + 1))
		unload_module
		continue
	fi
	heard_mark "$b" 20
	if ! vwait 10 backup_hearing; then
		tap_fail "attempt $attempt: b is a backup hearing m" \
			"state '$(vr_state "$b" 20)'"
		judged=$((judged + 1))
		unload_module
		continue
	fi
	t0=$(now_ms)
	if ! rmmod "$MWG_MODULE"; then
		tap_fail "attempt $attempt: rmmod"
		judged=$((judged + 1))
		continue
	fi
	t1=$(now_ms)
	# Frames on the wire when rmmod returned arrive within a few ms;
	# wait for the capture to report later ones of m.
	vwait 10 caught_up $((t1 + 100)) ||
		ksft_fail "the capture on m fell behind"
	verdict=$(judge "$t0" $((t1 + 100)))
	name="rmmod $((judged + 1)): m saw nothing from b ($((t1 - t0)) ms)"
	case $verdict in
	"")
		tap_ok "$name"
		judged=$((judged + 1))
		;;
	silent*)
		echo "# attempt $attempt: m silent for ${verdict#silent } ms before b took over: repeated"
		starved=$((starved + 1))
		;;
	*)
		read -r _ gap sent <<<"$verdict"
		tap_fail "$name" "m's last advert $gap ms before b sent: $sent"
		judged=$((judged + 1))
		;;
	esac
done
check "$ROUNDS rmmods judged ($starved repeated: the sender was starved)" \
	test "$judged" = "$ROUNDS"
load_module
tap_done
