# SPDX-License-Identifier: GPL-2.0
#
# Two appliances on one wire, for a command that scripts/vm-cluster runs
# on the host: each guest is a whole machine (its own kernel, booted by
# scripts/vm-run, running scripts/vm-agent), and the NICs of both sit on one
# L2 segment: QEMU's hub 0 in each guest, joined by a pair of unix datagram
# sockets. Guest 0 has ${MWG_CLUSTER_NICS%%,*} NIC(s), guest 1 the number
# after the comma; all of MWG_CLUSTER_NIC's model, driven by their real
# drivers. Source it, then:
#
#   on G CODE...        runs CODE (bash, joined by spaces) in guest G, in the
#                       repository with selftests/lib.sh sourced (MWG_KO,
#                       MWGCTL) and MWG_VM_NICS naming its NICs; prints its
#                       output, returns its status (124 after
#                       $CLUSTER_STEP_TIMEOUT s, default 120)
#   guest_boot G        boots guest G (again) and waits for its agent
#   guest_kill G        SIGKILL of G's QEMU: a crash of the whole machine,
#                       nothing sent, no link event on the other side
#   guest_link G on|off the cable of G's first NIC (QEMU's set_link)
#   guest_stop G        ends G's agent and checks its kernel log
#   cluster_finish      stops every guest still running; fails when a guest
#                       that was not killed on purpose ended badly (kernel
#                       log problem, taint, crash, timeout)
#
# A guest's steps and logs live in $MWG_CLUSTER_DIR/gG.*; vm-run's own
# messages of boot B in gG.log.B.

: "${MWG_CLUSTER_DIR:?run under scripts/vm-cluster}"
CLUSTER_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLUSTER_STEP_TIMEOUT=${CLUSTER_STEP_TIMEOUT:-120}
MWG_CLUSTER_NIC=${MWG_CLUSTER_NIC:-virtio-net-pci}
MWG_CLUSTER_NICS=${MWG_CLUSTER_NICS:-1,2}
MWG_CLUSTER_TIMEOUT=${MWG_CLUSTER_TIMEOUT:-1800}

_cluster_nap_fd=
_cluster_nap() {
	if [ -z "$_cluster_nap_fd" ]; then
		local f
		f=$(mktemp -u "${TMPDIR:-/tmp}/cluster-nap.XXXXXX")
		mkfifo "$f"
		exec {_cluster_nap_fd}<>"$f"
		rm -f "$f"
	fi
	read -r -t "$1" -u "$_cluster_nap_fd" _ || true
}

# _cluster_boot G: the number of G's current boot.
_cluster_boot() {
	cat "$MWG_CLUSTER_DIR/g$1.boot"
}

# _cluster_alive G: the vm-run of G's current boot still runs.
_cluster_alive() {
	local pid
	pid=$(cat "$MWG_CLUSTER_DIR/g$1.vmrun" 2>/dev/null) &&
		kill -0 "$pid" 2>/dev/null
}

guest_boot() {
	local g=$1 other=$((1 - $1)) b count d
	b=$(($(cat "$MWG_CLUSTER_DIR/g$g.boot" 2>/dev/null || echo -1) + 1))
	echo "$b" >"$MWG_CLUSTER_DIR/g$g.boot"
	d=$MWG_CLUSTER_DIR/g$g.$b
	mkdir -p "$d"
	if [ "$g" = 0 ]; then
		count=${MWG_CLUSTER_NICS%%,*}
	else
		count=${MWG_CLUSTER_NICS#*,}
	fi
	# setsid: a Ctrl-C of the test reaches the guests through
	# cluster_finish, not half-way through a boot. MWG_KO: the host's
	# idea of the module's path (selftests/lib.sh) is not the guest's.
	env -u MWG_KO setsid "$CLUSTER_TOP/scripts/vm-run" ${MWG_CLUSTER_KERNEL:+--kernel "$MWG_CLUSTER_KERNEL"} \
		--timeout "$MWG_CLUSTER_TIMEOUT" --smp 1 \
		--nic "$MWG_CLUSTER_NIC,count=$count" --nic-base $((16 * (g + 1))) \
		--wire "0:$MWG_CLUSTER_DIR/g$g.sock:$MWG_CLUSTER_DIR/g$other.sock" \
		--pidfile "$MWG_CLUSTER_DIR/g$g.qemu" \
		--monitor "$MWG_CLUSTER_DIR/g$g.mon" \
		--result "$MWG_CLUSTER_DIR/g$g.result.$b" \
		-- scripts/vm-agent "$d" >"$MWG_CLUSTER_DIR/g$g.log.$b" 2>&1 &
	echo $! >"$MWG_CLUSTER_DIR/g$g.vmrun"
	local end=$((SECONDS + 180))
	until [ -e "$d/ready" ]; do
		if ! _cluster_alive "$g" || [ $SECONDS -ge $end ]; then
			echo "# guest $g did not come up:" >&2
			sed 's/^/#   /' "$MWG_CLUSTER_DIR/g$g.log.$b" >&2
			return 1
		fi
		_cluster_nap 0.1
	done
}

on() {
	local g=$1 d n end rc lock
	shift
	d=$MWG_CLUSTER_DIR/g$g.$(_cluster_boot "$g")
	# One number per step, also for steps sent from background jobs.
	exec {lock}>>"$d/.lock"
	flock "$lock"
	n=$(cat "$d/.next" 2>/dev/null || echo 0)
	echo $((n + 1)) >"$d/.next"
	{
		echo '. selftests/lib.sh'
		printf '%s\n' "$*"
	} >"$d/.req.$n"
	mv "$d/.req.$n" "$d/req.$n"
	exec {lock}>&-
	end=$((SECONDS + CLUSTER_STEP_TIMEOUT))
	until [ -e "$d/rc.$n" ]; do
		if ! _cluster_alive "$g"; then
			echo "# guest $g is down: step $n not run: $*" >&2
			return 125
		fi
		if [ $SECONDS -ge $end ]; then
			echo "# guest $g: step $n still running after $CLUSTER_STEP_TIMEOUT s: $*" >&2
			return 124
		fi
		_cluster_nap 0.02
	done
	cat "$d/out.$n"
	rc=$(cat "$d/rc.$n")
	return "$rc"
}

# _cluster_wait_gone G: until G's vm-run has ended.
_cluster_wait_gone() {
	local end=$((SECONDS + ${2:-60}))
	while _cluster_alive "$1"; do
		[ $SECONDS -lt "$end" ] || return 1
		_cluster_nap 0.1
	done
}

guest_kill() {
	local g=$1
	touch "$MWG_CLUSTER_DIR/g$g.killed.$(_cluster_boot "$g")"
	kill -KILL "$(cat "$MWG_CLUSTER_DIR/g$g.qemu")" ||
		{ echo "# guest $g: no QEMU to kill" >&2; return 1; }
	_cluster_wait_gone "$g"
}

# _cluster_monitor G CMD: one command to G's QEMU monitor.
_cluster_monitor() {
	python3 - "$MWG_CLUSTER_DIR/g$1.mon" "$2" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(5)
s.recv(4096)                    # the banner and the prompt
s.sendall(sys.argv[2].encode() + b"\n")
time.sleep(0.2)
s.recv(4096)
PY
}

guest_link() {
	case $2 in
	on | off) ;;
	*) echo "guest_link: on or off, not '$2'" >&2; return 2 ;;
	esac
	# nic0.0: vm-run's name for the NIC of the first --nic option.
	_cluster_monitor "$1" "set_link nic0.0 $2"
}

guest_stop() {
	local g=$1
	_cluster_alive "$g" || return 0
	touch "$MWG_CLUSTER_DIR/g$g.$(_cluster_boot "$g")/stop"
	_cluster_wait_gone "$g" 120 || guest_kill "$g"
}

cluster_finish() {
	local g f b bad=0
	for g in 0 1; do
		[ -e "$MWG_CLUSTER_DIR/g$g.boot" ] || continue
		guest_stop "$g"
		for f in "$MWG_CLUSTER_DIR"/g$g.log.*; do
			b=${f##*.}
			if [ -e "$MWG_CLUSTER_DIR/g$g.killed.$b" ]; then
				# Killed on purpose: only what its console showed
				# before counts.
				! grep -q 'KERNEL LOG PROBLEM' "$f" && continue
			elif grep -q '^result=ok ' "$MWG_CLUSTER_DIR/g$g.result.$b" 2>/dev/null; then
				continue
			fi
			echo "# guest $g, boot $b ended badly:" >&2
			sed 's/^/#   /' "$f" >&2
			bad=1
		done
	done
	return "$bad"
}
