#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# scripts/soak-plan and scripts/soak-report on made-up campaigns: a plan is
# the same for the same seed and stays within its time; the VIP silent
# inside a fault's window (or a stall of the guest's) passes, outside it
# fails; two masters fail outside a partition the campaign made and pass
# within one; a new connection answered by a scanner dead for longer than
# the bound fails, one within it or after the scanner came back passes, and
# the failed connections are counted by fault; a module that did not
# unload and a guest that failed each fail the campaign.
top=$(cd "$(dirname "$0")/../.." && pwd)
plan=$top/scripts/soak-plan
report=$top/scripts/soak-report
. "$(dirname "$0")/tap_lib.sh"
command -v python3 >/dev/null || tap_skip_all "soak report" "python3 missing"
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d" "$tap_out"' EXIT
result() {
	tap_result_text "$@"
}

# --- the plan ----------------------------------------------------------------
a=$("$plan" 7 120)
b=$("$plan" 7 120)
c=$("$plan" 8 120)
[ -n "$a" ] && [ "$a" = "$b" ]
result $? "the same seed gives the same plan"
[ "$a" != "$c" ]
result $? "another seed gives another plan"
echo "$a" | awk '
	$1 == "interval_ms" { ok = ($2 == 10 || $2 == 20 || $2 == 50 || $2 == 100) }
	$1 == "fault" {
		f++
		t += $2
		if ($3 == "link" || $3 == "carrier" || $3 == "readd" ||
		    $3 == "mwgd_stop" || $3 == "scanner_down") t += $5
		else if ($3 == "mwgd_kill") t += 2000
		else if ($3 == "loss") t += $6
		else if ($3 == "delay") t += $7
	}
	END { exit !(ok && f > 10 && t < 120000) }'
result $? "an interval it may draw, and the faults end within the time" "$a"
"$plan" 1 1800 | awk '
	$1 == "fault" && ($3 == "mwgd_kill" || $3 == "mwgd_stop") { m[$4] = 1 }
	$1 == "fault" && $3 == "scanner_down" { d[$4] = 1; if ($4 !~ /^s[123]$/) bad = 1 }
	END { exit !(m["a"] && m["b"] && m["s1"] && m["s2"] && m["s3"] &&
		     d["s1"] && d["s2"] && d["s3"] && !bad) }'
result $? "mwgd faults on both directors and every scanner, scanner deaths on scanners only"
"$plan" x 10 >/dev/null 2>&1
[ $? = 2 ]
result $? "a seed that is not a number is refused"

# --- the report --------------------------------------------------------------
# campaign DIR: director a advertising every 20 ms (seen on its port and
# on the bridge's own device, as a capture sees it), a client answered every
# 10 ms over 10 s from T, one loss fault at T+2 s to T+3 s; callers cut
# holes in the replies and add adverts.
T=1700000000000000000
MS=1000000
campaign() {
	mkdir -p "$1"
	printf 'interval_ms 20\nprio a 200 b 100\n' >"$1/plan"
	echo "seed 5 minutes 1" >"$1/seed"
	echo "faults 1 interval_ms 20 kernel test unload ok" \
		"slab_before_kb 1000 slab_after_kb 1000" >"$1/run.params"
	echo "$((T + 2000 * MS)) $((T + 3000 * MS)) loss a 20 1000" \
		>"$1/faults.log"
	awk -v t=$T 'BEGIN {
		for (i = 0; i < 1000; i++) {
			ns = t + i * 10000000
			printf "[%d.%09d] 64 bytes from 192.0.2.100: icmp_seq=%d ttl=64 time=0.1 ms\n",
				ns / 1e9, ns % 1000000000, i + 1
		}
	}' >"$1/ping.log"
	awk -v t=$T 'BEGIN {
		for (i = 0; i < 500; i++) {
			printf "%.0f pa vrrp 192.0.2.2 51 200 2\n", t + i * 20000000
			printf "%.0f br0 vrrp 192.0.2.2 51 200 2\n", t + i * 20000000
		}
	}' >"$1/soak.cap"
}
# silence DIR FROM_MS TO_MS: no reply between the two.
silence() {
	awk -v t=$T -v a="$2" -v b="$3" '{
		s = substr($1, 2, length($1) - 2)
		ms = (s - t / 1e9) * 1000
		if (ms > a && ms < b) next
		print
	}' "$1/ping.log" >"$1/ping.tmp" && mv "$1/ping.tmp" "$1/ping.log"
}
# rival DIR FROM_MS TO_MS: b advertises as master too.
rival() {
	awk -v t=$T -v a="$2" -v b="$3" 'BEGIN {
		for (ms = a; ms <= b; ms += 20)
			printf "%.0f pb vrrp 192.0.2.1 51 100 2\n", t + ms * 1000000
	}' >>"$1/soak.cap"
}
run() {
	out=$("$report" "$@" 2>&1)
	rc=$?
}

campaign "$d/clean"
run "$d/clean"
[ "$rc" = 0 ] && echo "$out" | grep -q "No invariant violated"
result $? "an undisturbed campaign passes" "$out"
echo "$out" | grep -q "| loss | 1 |"
result $? "the fault is counted by kind" "$out"
[ -s "$d/clean/report.md" ]
result $? "the report is written to the directory"

campaign "$d/inside"
silence "$d/inside" 2100 2900
run "$d/inside"
[ "$rc" = 0 ]
result $? "silence within a fault's window passes" "$out"
echo "$out" | grep -q "| loss | 1 | 80[0-9] |"
result $? "its length is reported" "$out"

campaign "$d/after"
silence "$d/after" 3300 3500
run "$d/after"
[ "$rc" = 0 ]
result $? "silence within the bound after a fault passes" "$out"

campaign "$d/outside"
silence "$d/outside" 6000 6300
run "$d/outside"
[ "$rc" = 1 ] && echo "$out" | grep -q "^- 1. the VIP did not answer for 3[01][0-9] ms from +4.0"
result $? "silence outside every window fails, with its time" "$out"

campaign "$d/stall"
silence "$d/stall" 6000 6300
echo "$((T + 5990 * MS)) $((T + 6150 * MS)) 1" >"$d/stall/stalls.log"
run "$d/stall"
[ "$rc" = 0 ] && echo "$out" | grep -q "Guest stalls (.*): 1, longest 160 ms"
result $? "silence within a guest stall's window passes, and the stall is reported" "$out"

campaign "$d/dual"
rival "$d/dual" 6000 6500
run "$d/dual"
[ "$rc" = 1 ] && echo "$out" | grep -q "^- 2. both directors advertised as master for 5[0-3][0-9] ms from +4.000 s"
result $? "two masters for 500 ms fail" "$out"

campaign "$d/brief"
rival "$d/brief" 6000 6100
run "$d/brief"
[ "$rc" = 0 ]
result $? "two masters for one interval and the margin pass" "$out"

campaign "$d/partition"
rival "$d/partition" 2200 2800
run "$d/partition"
[ "$rc" = 0 ]
result $? "two masters during a loss fault pass" "$out"

# The IPv6 VIP and its router, VRID 52, judged on their own.
# six_adverts DIR: a advertises for VRID 52 as well.
six_adverts() {
	awk '$2 == "pa" { $5 = 52; print }' "$1/soak.cap" >"$1/six.cap" &&
		cat "$1/six.cap" >>"$1/soak.cap"
}
campaign "$d/six"
sed -e 's/192.0.2.100/2001:db8::100/' "$d/six/ping.log" >"$d/six/ping6.log"
six_adverts "$d/six"
run "$d/six"
[ "$rc" = 0 ] && echo "$out" | grep -q "VRID 51, 52) .* 1000 from the VIP, 1000 from the IPv6 VIP"
result $? "an undisturbed campaign with both VIPs passes" "$out"
d6=$d/six
awk -v t=$T '{
	s = substr($1, 2, length($1) - 2)
	ms = (s - t / 1e9) * 1000
	if (ms > 7000 && ms < 7400) next
	print
}' "$d6/ping6.log" >"$d6/ping6.tmp" && mv "$d6/ping6.tmp" "$d6/ping6.log"
run "$d6"
[ "$rc" = 1 ] && echo "$out" | grep -q "^- 1. the IPv6 VIP did not answer for 4[01][0-9] ms from +5.0"
result $? "the IPv6 VIP silent outside every window fails, named" "$out"
campaign "$d/six2"
six_adverts "$d/six2"
awk -v t=$T 'BEGIN {
	for (ms = 6000; ms <= 6500; ms += 20)
		printf "%.0f pb vrrp fe80::1 52 100 2\n", t + ms * 1000000
}' >>"$d/six2/soak.cap"
run "$d/six2"
[ "$rc" = 1 ] && echo "$out" | grep -q "^- 2. both directors advertised as master for 5[0-3][0-9] ms from +4.000 s (VRID 52)"
result $? "two masters of the IPv6 router fail, with its VRID" "$out"

# --- invariant 4: no new connection to a dead scanner ------------------------
# proxy DIR: the campaign with mwgd (discovery every 100 ms, dead_after 3:
# a bound of 300 + 200 + 300 ms) and the client's connections every 100 ms
# over 10 s from T, answered by s1, s2, s3 in turn.
proxy() {
	campaign "$1"
	printf 'discovery_ms 100\ndead_after 3\nrestart_ms 2000\n' >>"$1/plan"
	awk -v t=$T 'BEGIN {
		for (i = 0; i < 100; i++)
			printf "%.0f s%d 2\n", t + i * 100000000, i % 3 + 1
	}' >"$1/conns.log"
}
# reassign DIR NAME FROM_MS TO_MS NEW: the connections NAME answered that
# started between FROM and TO get NEW instead (another scanner, or fail).
reassign() {
	awk -v t=$T -v n="$2" -v a="$3" -v b="$4" -v new="$5" '{
		ms = ($1 - t) / 1e6
		if ($2 == n && ms > a && ms < b) $2 = new
		print
	}' "$1/conns.log" >"$1/conns.tmp" && mv "$1/conns.tmp" "$1/conns.log"
}
# death DIR KIND WHO FROM_MS TO_MS: a fault that kills WHO, held from FROM
# to TO; its commands take 300 ms before and after.
death() {
	echo "$((T + ($4 - 300) * MS)) $((T + ($5 + 300) * MS)) $2 $3 $(($5 - $4))" \
		>>"$1/faults.log"
	echo "$((T + $4 * MS)) $((T + $5 * MS)) $2 $3 $(($5 - $4))" >>"$1/effects.log"
}

proxy "$d/conns"
run "$d/conns"
[ "$rc" = 0 ] && echo "$out" | grep -q "100 answered (s1 34, s2 33, s3 33), 0 failed" &&
	echo "$out" | grep -q "no new connection may reach it 800 ms after its death"
result $? "connections are counted by scanner, and the bound is stated" "$out"

# s2 answers at 100, 400, 700 ms... of each second.  Its link down from
# 4.85 s to 7 s: its connections fail until the director drains it
# (at 5.6 s), then go to s1; after 7 s it answers again.
proxy "$d/drained"
death "$d/drained" scanner_down s2 4850 7000
reassign "$d/drained" s2 4850 5600 fail
reassign "$d/drained" s2 5600 7000 s1
run "$d/drained"
[ "$rc" = 0 ] && echo "$out" | grep -q "the latest new connection to a dead scanner came - ms" &&
	echo "$out" | grep -q "| scanner_down | 1 | 3 | 100 |"
result $? "a dead scanner drained within the bound passes; its failed connections are counted" "$out"

proxy "$d/late"
death "$d/late" mwgd_stop s2 4850 7000
reassign "$d/late" s2 5900 7000 s1
run "$d/late"
[ "$rc" = 1 ] &&
	echo "$out" | grep -q "^- 4. s2 answered a new connection started at +3.8[0-9]* s, dead (mwgd_stop) for 95[0-9] ms then (bound 800 ms)" &&
	echo "$out" | grep -q "the latest new connection to a dead scanner came 95[0-9] ms after"
result $? "a scanner answering 950 ms into its death fails, with its time" "$out"

proxy "$d/inbound"
death "$d/inbound" mwgd_kill s3 4950 7000
reassign "$d/inbound" s3 5700 7000 s1
run "$d/inbound"
[ "$rc" = 0 ] && echo "$out" | grep -q "the latest new connection to a dead scanner came 65[0-9] ms after"
result $? "a scanner answering 650 ms into its death passes" "$out"

proxy "$d/stalled"
death "$d/stalled" mwgd_stop s2 4850 7000
reassign "$d/stalled" s2 5900 7000 s1
echo "$((T + 5100 * MS)) $((T + 5500 * MS)) 0" >"$d/stalled/stalls.log"
run "$d/stalled"
[ "$rc" = 0 ]
result $? "a guest stall within the death does not count towards it" "$out"

# The scanner answers while the command that downs its link runs, and
# again while the one that brings it up does.
proxy "$d/commands"
death "$d/commands" scanner_down s2 5300 6900
reassign "$d/commands" s2 5300 6900 s1
run "$d/commands"
[ "$rc" = 0 ] && echo "$out" | grep -q "the latest new connection to a dead scanner came - ms"
result $? "a scanner answering before its fault held or after is judged by the span it held" "$out"

proxy "$d/director"
death "$d/director" mwgd_stop a 5000 7000
run "$d/director"
[ "$rc" = 0 ]
result $? "a director's mwgd stopped kills no scanner" "$out"

proxy "$d/stray"
reassign "$d/stray" s1 8000 8500 fail
run "$d/stray"
[ "$rc" = 0 ] && echo "$out" | grep -q "| outside any fault's window | | 2 | |" &&
	echo "$out" | grep -q "98 answered (s1 32, s2 33, s3 33), 2 failed"
result $? "failed connections outside every window are counted, not judged" "$out"

campaign "$d/unload"
sed -i 's/unload ok/unload failed/' "$d/unload/run.params"
run "$d/unload"
[ "$rc" = 1 ] && echo "$out" | grep -q "^- 3. the module did not unload (failed)"
result $? "a module that did not unload fails" "$out"

campaign "$d/guest"
run --guest-status 125 "$d/guest"
[ "$rc" = 1 ] && echo "$out" | grep -q "^- 5. the guest failed (scripts/vm-run status 125"
result $? "a failed guest fails" "$out"

campaign "$d/noping"
: >"$d/noping/ping.log"
run "$d/noping"
[ "$rc" = 1 ]
result $? "a client without a single reply fails" "$out"
tap_end
