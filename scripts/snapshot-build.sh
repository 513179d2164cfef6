# SPDX-License-Identifier: GPL-2.0
#
# Sourced by scripts/demo and the benchmarks on the host: copies the built
# module (for every kernel) and mwgctl into DIR, so that a rebuild by
# "make" while the guest runs cannot hand it a half-written file.
# snapshot_build DIR; sets snap_env to the vm-run options that point the
# guest at the copies (MWG_SNAP).  Sourced by their in-guest parts too,
# for snapshot_paths.
snapshot_build() {
	local dir=$1 ko v n=0
	rm -rf "$dir"
	mkdir -p "$dir"
	for ko in "$top"/build/*/kmod/mwg_vrrp.ko; do
		[ -e "$ko" ] || continue
		v=${ko#"$top"/build/}
		v=${v%%/*}
		mkdir -p "$dir/$v"
		cp "$ko" "$dir/$v/"
		n=$((n + 1))
	done
	if [ "$n" = 0 ] || [ ! -x "$top/userspace/mwgctl/mwgctl" ]; then
		echo "$(basename "$0"): build the module and mwgctl first (make modules-all userspace)" >&2
		return 1
	fi
	cp "$top/userspace/mwgctl/mwgctl" "$dir/"
	snap_env=(--env "MWG_SNAP=$dir")
}

# In the guest: CTL (mwgctl) and KO (the module for the running kernel),
# the copies snapshot_build took, else the build tree's.  Needs $top.
snapshot_paths() {
	if [ -n "${MWG_SNAP:-}" ]; then
		CTL=$MWG_SNAP/mwgctl
		KO=$MWG_SNAP/$(uname -r)/mwg_vrrp.ko
	else
		CTL=$top/userspace/mwgctl/mwgctl
		KO=$top/build/$(uname -r)/kmod/mwg_vrrp.ko
	fi
}
