# SPDX-License-Identifier: GPL-2.0
#
# The module's tracepoints (events/mwg_vrrp/) for the in-guest benchmark
# scripts, sourced by them.  Clock "mono": the timers' own expiries are
# CLOCK_MONOTONIC, so that a trace line and a timer_expire's expires_ns
# need no conversion; bench_trace_offset gives the offset to the
# captures' CLOCK_REALTIME.

BENCH_TRACING=/sys/kernel/tracing
# The event directories bench_trace_start enabled, for bench_trace_stop.
BENCH_TRACE_DIRS=()

# bench_trace_start EVENT[:FILTER] ...: record these events from an empty
# buffer: events of mwg_vrrp by their names without the mwg_vrrp_ prefix,
# others as SYSTEM/EVENT (irq/softirq_raise).  Says why and returns 1
# when the module's tracepoints are not there.
bench_trace_start() {
	local ev=$BENCH_TRACING/events e dir
	[ -d "$ev" ] || mount -t tracefs nodev "$BENCH_TRACING" 2>/dev/null
	if [ ! -d "$ev/mwg_vrrp" ]; then
		echo "bench: no mwg_vrrp tracepoints, no trace taken" >&2
		return 1
	fi
	echo 0 >"$BENCH_TRACING/tracing_on"
	echo mono >"$BENCH_TRACING/trace_clock"
	echo 4096 >"$BENCH_TRACING/buffer_size_kb"
	echo >"$BENCH_TRACING/trace"
	BENCH_TRACE_DIRS=()
	for e in "$@"; do
		dir=${e%%:*}
		case $dir in
		*/*) dir=$ev/$dir ;;
		*) dir=$ev/mwg_vrrp/mwg_vrrp_$dir ;;
		esac
		[ "${e#*:}" != "$e" ] && echo "${e#*:}" >"$dir/filter"
		echo 1 >"$dir/enable"
		BENCH_TRACE_DIRS+=("$dir")
	done
	echo 1 >"$BENCH_TRACING/tracing_on"
}

# bench_trace_stop FILE: the trace into FILE; every event, filter and the
# buffer reset.
bench_trace_stop() {
	local d
	[ -d "$BENCH_TRACING/events/mwg_vrrp" ] || return 0
	echo 0 >"$BENCH_TRACING/tracing_on"
	cat "$BENCH_TRACING/trace" >"$1"
	for d in "${BENCH_TRACE_DIRS[@]}"; do
		echo 0 >"$d/enable"
		echo 0 >"$d/filter"
	done
	BENCH_TRACE_DIRS=()
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
