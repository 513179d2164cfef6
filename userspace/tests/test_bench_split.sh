#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# scripts/bench-report's failover split: a resignation and a crash made up
# of a capture, the trial marks and a tracefs trace (clock mono, shifted
# from the capture's realtime by a known offset) come out as the parts
# they were built from; a trace missing a step gives no split; the adver
# timer's expiries are told apart by the task that ran them.
top=$(cd "$(dirname "$0")/../.." && pwd)
echo "TAP version 13"
if ! command -v python3 >/dev/null; then
	echo "ok 1 - bench split # SKIP python3 missing"
	echo "1..1"
	exit 0
fi
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
exec python3 - "$top/scripts/bench-report" "$d" <<'PY'
import importlib.machinery
import importlib.util
import os
import sys

loader = importlib.machinery.SourceFileLoader("bench_report", sys.argv[1])
spec = importlib.util.spec_from_loader("bench_report", loader)
br = importlib.util.module_from_spec(spec)
loader.exec_module(br)
d = sys.argv[2]
n = 0
failed = 0


def check(name, cond, detail=""):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, name))
    if not cond:
        failed = 1
        if detail:
            print("# %s" % detail)


OFF = 1700000000 * 10**9          # realtime - monotonic
VIP = "192.0.2.100"
R0 = OFF + 100 * 10**9            # the resignation, on the wire
C0 = OFF + 200 * 10**9            # the crashed master's last advert


def trace_line(ts, task, flags, event, text):
    """A tracefs line: TASK-PID [CPU] FLAGS SEC.USEC: EVENT: TEXT."""
    comm, pid = task.rsplit("-", 1)
    return "%16s-%-7s [001] %s %5d.%06d: %s: %s\n" % (
        comm, pid, flags, ts // 10**9, ts % 10**9 // 1000, event, text)


def line(ts, task, ev, rest):
    """An event of mwg_vrrp about VR 7 on eth0."""
    return trace_line(ts, task, "..s1.", "mwg_vrrp_" + ev,
                      "dev=eth0 vrid=7 inet " + rest)


us = 1000
r0 = R0 - OFF
c0 = C0 - OFF
trace = [
    # The resignation: heard 100 us after the wire, started 10 us later,
    # 78.125 us of Skew_Time, 20 us late, announced 42 us after expiry,
    # on the wire 250 us after that.
    (r0 - 40 * us, "sh-300", "advert_tx", "state=master prio=0 err=0"),
    (r0 + 100 * us, "<idle>-0", "advert_rx",
     "state=backup prio=254 from=::ffff:192.0.2.1 adv_prio=0 "
     "action=backup_skew"),
    (r0 + 110 * us, "<idle>-0", "timer_arm", "timer=skew in_ns=78125"),
    (r0 + 208 * us, "ksoftirqd/1-20", "timer_expire",
     "timer=skew expires_ns=%d late_ns=20000" % (r0 + 188125)),
    (r0 + 250 * us, "ksoftirqd/1-20", "announce", "vip=::ffff:" + VIP),
    (r0 + 251 * us, "ksoftirqd/1-20", "state_change",
     "backup -> master reason=priority_zero prio=254"),
    # The crash: an earlier arm, then the last one 50 us after the last
    # advert, 30 us late, 40 us to the announcement, 300 us to the wire.
    (c0 - 10 * 10**6 + 50 * us, "<idle>-0", "timer_arm",
     "timer=master_down in_ns=30078125"),
    (c0 + 50 * us, "<idle>-0", "timer_arm",
     "timer=master_down in_ns=30078125"),
    (c0 + 50 * us + 30078 * us + 30 * us, "<idle>-0", "timer_expire",
     "timer=master_down expires_ns=%d late_ns=30000" %
     (c0 + 50 * us + 30078125)),
    (c0 + 50 * us + 30078 * us + 70 * us, "<idle>-0", "announce",
     "vip=::ffff:" + VIP),
]
g1 = c0 + 50 * us + 30078 * us + 370 * us + OFF
with open(os.path.join(d, "failover.trace"), "w") as f:
    f.write("# tracer: nop\n#\n")
    for ts, task, ev, rest in trace:
        f.write(line(ts, task, ev, rest))
with open(os.path.join(d, "failover.cap"), "w") as f:
    f.write("%d pa vrrp 192.0.2.1 7 0 1\n" % R0)
    f.write("%d pb arp 1 00:00:5e:00:01:07 %s %s\n" % (R0 + 500 * us, VIP,
                                                       VIP))
    for k in (2, 1, 0):
        f.write("%d pa vrrp 192.0.2.1 7 254 1\n" % (C0 - k * 10**7))
    f.write("%d pb arp 1 00:00:5e:00:01:07 %s %s\n" % (g1, VIP, VIP))
with open(os.path.join(d, "failover.marks"), "w") as f:
    f.write("mwg resign 1 %d %d pa pb %s\n" % (R0 - 10**6, R0 + 10**7, VIP))
    f.write("mwg crash 1 %d %d pa pb %s\n" % (C0 + 10**6, g1 + 10**6, VIP))
    f.write("ka resign 1 %d %d pa pb %s\n" % (R0 - 10**6, R0 + 10**7, VIP))

ev = br.read_trace(os.path.join(d, "failover.trace"))
check("every trace line is read", len(ev) == len(trace), "%d lines" % len(ev))
check("a trace time has microseconds", ev[1][0] == r0 + 100 * us)
check("the task is read", ev[3][1] == "ksoftirqd/1")
check("a state change is read", ev[5][3].get("change") == "backup -> master")

split, err = br.failover_split(d, {"mono_offset_ns": OFF})
want = {("resign", "wire"): 100, ("resign", "arm"): 10,
        ("resign", "wait"): 78.125, ("resign", "late"): 20,
        ("resign", "module"): 42, ("resign", "out"): 250,
        ("crash", "wire"): 50, ("crash", "wait"): 30078.125,
        ("crash", "late"): 30, ("crash", "module"): 40,
        ("crash", "out"): 300}
for k, v in sorted(want.items()):
    got = split.get(k)
    check("%s %s is %g us" % (k[0], k[1], v), got == [v], "got %s" % got)
check("keepalived's trial is not split",
      len(err.get("resign", [])) == 1)
check("the parts add up to the resignation",
      abs(err["resign"][0]) < 1, "off by %s us" % err["resign"])
check("the parts add up to the crash",
      abs(err["crash"][0]) < 1, "off by %s us" % err["crash"])

# The same trace without the resignation's announcement: no split.
with open(os.path.join(d, "failover.trace"), "w") as f:
    for ts, task, e, rest in trace:
        if not (e == "announce" and ts < c0):
            f.write(line(ts, task, e, rest))
split, err = br.failover_split(d, {"mono_offset_ns": OFF})
check("a takeover without its announcement is not split",
      "resign" not in err and len(err.get("crash", [])) == 1, str(err))
split, err = br.failover_split(d, {})
check("no clock offset, no split", not err)

def hrtimer_softirq(raised, entered, task):
    """The timer interrupt raising the hrtimer softirq, which TASK runs."""
    return (trace_line(raised, "<idle>-0", "d.h1.", "softirq_raise",
                       "vec=8 [action=HRTIMER]") +
            trace_line(entered, task, "..s1.", "softirq_entry",
                       "vec=8 [action=HRTIMER]"))


os.makedirs(os.path.join(d, "raw"))
with open(os.path.join(d, "raw", "mwg-1-adver.trace"), "w") as f:
    # (scheduled expiry, raised, softirq began, callback; in us after the
    # expiry) and the task: 15 us late, the interrupt 10 us of it; 900 us
    # late in ksoftirqd, whose softirq began 890 us after the raise.
    for e, raised, entered, late, task in (
            (10**9, 10, 13, 15, "<idle>-0"),
            (2 * 10**9, 5, 895, 900, "ksoftirqd/0-12")):
        f.write(hrtimer_softirq(e + raised * us, e + entered * us, task))
        f.write(line(e + late * us, task, "timer_expire",
                     "timer=adver expires_ns=%d late_ns=%d" % (e, late * us)))
    # No softirq events: counted, not split.
    f.write(line(3 * 10**9, "ping-40", "timer_expire",
                 "timer=adver expires_ns=%d late_ns=-2000" % (3 * 10**9)))
lt = br.adver_lateness(d)
check("adver expiries by task",
      lt and lt["ksoftirqd"] == [900.0] and lt["irq"] == [15.0, -2.0],
      str(lt))
check("the interrupt's share of the lateness",
      lt and lt["raise"] == [10.0, 5.0], str(lt and lt["raise"]))
check("the softirq's share of the lateness",
      lt and lt["run"] == [3.0, 890.0], str(lt and lt["run"]))
print("1..%d" % n)
sys.exit(failed)
PY
