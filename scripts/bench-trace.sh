# SPDX-License-Identifier: GPL-2.0
#
# The module's tracepoints (events/mwg_vrrp/) for the in-guest benchmark
# scripts, sourced by them.  Clock "mono": the timers' own expiries are
# CLOCK_MONOTONIC, so that a trace line and a timer_expire's expires_ns
# need no conversion; bench_trace_offset gives the offset to the
# captures' CLOCK_REALTIME.

BENCH_TRACING=/sys/kernel/tracing

# bench_trace_start EVENT[:FILTER] ...: record these events of mwg_vrrp
# (names without the mwg_vrrp_ prefix) from an empty buffer.  Says why
# and returns 1 when the tracepoints are not there.
bench_trace_start() {
	local ev=$BENCH_TRACING/events/mwg_vrrp e
	[ -d "$BENCH_TRACING/events" ] ||
		mount -t tracefs nodev "$BENCH_TRACING" 2>/dev/null
	if [ ! -d "$ev" ]; then
		echo "bench: no mwg_vrrp tracepoints, no trace taken" >&2
		return 1
	fi
	echo 0 >"$BENCH_TRACING/tracing_on"
	echo mono >"$BENCH_TRACING/trace_clock"
	echo 4096 >"$BENCH_TRACING/buffer_size_kb"
	echo >"$BENCH_TRACING/trace"
	for e in "$@"; do
		[ "${e#*:}" != "$e" ] && echo "${e#*:}" >"$ev/mwg_vrrp_${e%%:*}/filter"
		echo 1 >"$ev/mwg_vrrp_${e%%:*}/enable"
	done
	echo 1 >"$BENCH_TRACING/tracing_on"
}

# bench_trace_stop FILE: the trace into FILE; every event, filter and the
# buffer reset.
bench_trace_stop() {
	local ev=$BENCH_TRACING/events/mwg_vrrp f
	[ -d "$ev" ] || return 0
	echo 0 >"$BENCH_TRACING/tracing_on"
	cat "$BENCH_TRACING/trace" >"$1"
	echo 0 >"$ev/enable"
	for f in "$ev"/*/filter; do echo 0 >"$f"; done
	echo >"$BENCH_TRACING/trace"
	echo 1 >"$BENCH_TRACING/tracing_on"
}

# CLOCK_REALTIME minus CLOCK_MONOTONIC and its uncertainty, ns: the
# realtime read between the two closest monotonic reads of 200 tries.  The
# guest runs no NTP, so the offset holds over the run.
bench_trace_offset() {
	python3 -c '
import time
best = None
for _ in range(200):
    a = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
    r = time.time_ns()
    b = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
    if best is None or b - a < best[0]:
        best = (b - a, r - (a + b) // 2)
print(best[1], best[0])'
}
