# SPDX-License-Identifier: GPL-2.0
#
# make                 module (kmod/mwg_vrrp.ko) + userspace programs
# make KVER=... / KDIR=...   build the module against another kernel
# make modules-all     the module for every supported kernel, in build/KVER/
# make check           unit tests on the host + selftests in a guest per kernel
# make check-debug     the sanitizer lane: a KASAN/lockdep/kmemleak/KUnit
#                      kernel (built once into /var/cache/mwg_vrrp/), the
#                      module's KUnit suites and curated selftests in it
# make style / sparse  checkpatch.pl --strict / sparse (C=2) on the module;
#                      style also fails when two folders include each other
#                      (scripts/check-includes), on any kernel-doc warning,
#                      and when a function another file calls has no
#                      kernel-doc comment (scripts/check-kdoc-coverage), and
#                      when the netlink spec and the uapi header differ
#                      (scripts/check-netlink-spec) or the names header is
#                      not what the spec gives (scripts/gen-names --check)
# make demo            the demo cluster in a guest
# make bench           mwg_vrrp against keepalived in a guest: failover,
#                      timers, scale, control plane (build/bench/results.md)
# make bench-proxy     Proxy HA in a guest: scanner death -> out of IPVS,
#                      connection rate, flows moved (build/bench/proxy.txt)
# make bench-cluster   crash failover across two appliances (two guests),
#                      mwg_vrrp and keepalived (build/bench/cluster.txt)
# make soak            a random fault campaign judged from the wire
#                      (build/soak/report.md; SOAK_FLAGS="--seed N ...")

# Supported kernels: Debian 12's 6.1 and bookworm-backports' 6.12.
SUPPORTED_KVERS ?= $(shell scripts/kernels)
KVER ?= $(firstword $(SUPPORTED_KVERS))
KDIR ?= /lib/modules/$(KVER)/build
BUILD ?= $(CURDIR)/build

CHECKPATCH ?= $(BUILD)/linux-tools/scripts/checkpatch.pl
KERNELDOC ?= $(BUILD)/linux-tools/scripts/kernel-doc

.PHONY: all module modules-all userspace check check-debug unit selftests \
	style sparse demo bench bench-proxy bench-cluster soak clean install

all: module userspace

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod W=1 modules

# Sources only: kbuild generates *.mod.c, which must not be shared.
KMOD_SOURCES = $(filter-out %.mod.c,$(wildcard kmod/*.[ch]))

# One out-of-tree build per kernel, each in a tree of symlinks so that the
# objects of one kernel never mix with another's.
modules-all:
	@set -e; for v in $(SUPPORTED_KVERS); do \
		d=$(BUILD)/$$v/kmod; mkdir -p $$d/uapi; \
		find $$d -maxdepth 1 -type l -delete; \
		for f in $(addprefix $(CURDIR)/,$(KMOD_SOURCES)) $(CURDIR)/kmod/Kbuild; do \
			ln -sf $$f $$d/; done; \
		ln -sf $(CURDIR)/kmod/uapi/*.h $$d/uapi/; \
		$(MAKE) -C /lib/modules/$$v/build M=$$d W=1 modules; \
	done

userspace:
	$(MAKE) -C userspace

unit:
	$(MAKE) -C userspace unit

check: module userspace modules-all
	scripts/run-tests

# Builds its own kernel and its own copies of the module (scripts/check-debug).
check-debug: userspace
	scripts/check-debug

KMOD_SRCS = $(KMOD_SOURCES) kmod/uapi/mwg_vrrp.h
CHECKPATCH_FLAGS = --strict --no-tree --terse --show-types --quiet

# compat.h exists to compare kernel versions: only there is it allowed.
# trace.h is written in the TRACE_EVENT() language, whose layout (open
# parentheses at line ends, field lists in macros) is the kernel's own.
# kernel-doc reports a malformed /** comment, or an undescribed parameter
# or return value, on stderr and still exits 0: any line there fails.
# Newer scripts name their strict mode -Wall; 6.1's, of the tree
# checkpatch.pl comes from, has -v, which also reports each comment it
# scans ("info:" lines).
style:
	MWG_BUILD=$(BUILD) scripts/prepare-tools
	$(CHECKPATCH) $(CHECKPATCH_FLAGS) \
		-f $(filter-out kmod/compat.h kmod/trace.h,$(KMOD_SRCS))
	$(CHECKPATCH) $(CHECKPATCH_FLAGS) \
		--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f kmod/compat.h
	$(CHECKPATCH) $(CHECKPATCH_FLAGS) \
		--ignore OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT,COMPLEX_MACRO,MACRO_ARG_REUSE \
		-f kmod/trace.h
	scripts/check-includes >/dev/null
	scripts/check-kdoc-coverage >/dev/null
	MWG_BUILD=$(BUILD) scripts/check-netlink-spec
	scripts/gen-names --check
	@w=-v; grep -q '"Wall"' $(KERNELDOC) && w=-Wall; \
	echo "kernel-doc -none $$w kmod/*.[ch]"; \
	out=$$($(KERNELDOC) -none $$w $(KMOD_SOURCES) 2>&1 >/dev/null) || \
		{ printf '%s\n' "$$out" >&2; exit 1; }; \
	out=$$(printf '%s\n' "$$out" | grep -v ': info: Scanning doc for '); \
	[ -z "$$out" ] || { printf '%s\n' "$$out" >&2; exit 1; }

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod C=2 CF="-D__CHECK_ENDIAN__" modules

demo: module userspace modules-all
	scripts/demo

# Only what the guest runs: the module and mwgctl.
bench: modules-all
	$(MAKE) -C userspace mwgctl/mwgctl
	scripts/bench $(BENCH_FLAGS)

bench-proxy: modules-all userspace
	scripts/bench-proxy $(BENCH_FLAGS)

bench-cluster: modules-all userspace
	scripts/bench-cluster $(BENCH_FLAGS)

# A fault campaign judged from the wire (scripts/soak); SOAK_FLAGS="--seed
# N --minutes M --kernel 6.12" replays or lengthens one.
soak: modules-all userspace
	scripts/soak $(SOAK_FLAGS)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod clean
	-$(MAKE) -C userspace clean
	rm -rf $(BUILD)

# ---------------------------------------------------------------------------
# make install / uninstall  (DESTDIR, PREFIX; see Documentation/operations.md)
#
# The module goes where depmod looks first for out-of-tree modules of KVER,
# the kernel it was built for; the unit goes to systemd's own directory
# (not under PREFIX, where systemd would not find it); the example
# configuration never replaces an existing one.
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
SYSTEMD_UNITDIR ?= /lib/systemd/system
MODULES_LOAD_DIR ?= /etc/modules-load.d
MODDIR = /lib/modules/$(KVER)/updates
INSTALL ?= install
DEPMOD ?= /sbin/depmod

.PHONY: uninstall

install:
	@test -f kmod/mwg_vrrp.ko || { echo "install: build first (make)" >&2; exit 1; }
	$(INSTALL) -d $(DESTDIR)$(MODDIR) $(DESTDIR)$(SBINDIR) \
		$(DESTDIR)$(MANDIR)/man4 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(SYSTEMD_UNITDIR) \
		$(DESTDIR)$(MODULES_LOAD_DIR) $(DESTDIR)/etc/mwgd
	$(INSTALL) -m 0644 kmod/mwg_vrrp.ko $(DESTDIR)$(MODDIR)/
	$(INSTALL) -m 0755 userspace/mwgctl/mwgctl userspace/mwgd/mwgd \
		$(DESTDIR)$(SBINDIR)/
	$(INSTALL) -m 0644 Documentation/mwg_vrrp.4 $(DESTDIR)$(MANDIR)/man4/
	$(INSTALL) -m 0644 Documentation/mwgd.conf.5 $(DESTDIR)$(MANDIR)/man5/
	$(INSTALL) -m 0644 Documentation/mwgctl.8 Documentation/mwgd.8 \
		$(DESTDIR)$(MANDIR)/man8/
	sed 's|@SBINDIR@|$(SBINDIR)|g' dist/mwgd.service.in \
		>$(DESTDIR)$(SYSTEMD_UNITDIR)/mwgd.service
	chmod 0644 $(DESTDIR)$(SYSTEMD_UNITDIR)/mwgd.service
	$(INSTALL) -m 0644 dist/modules-load.conf \
		$(DESTDIR)$(MODULES_LOAD_DIR)/mwg_vrrp.conf
	@if [ -e $(DESTDIR)/etc/mwgd/mwgd.conf ]; then \
		echo "install: keeping $(DESTDIR)/etc/mwgd/mwgd.conf"; \
	else \
		$(INSTALL) -m 0644 userspace/mwgd/mwgd.conf.example \
			$(DESTDIR)/etc/mwgd/mwgd.conf; \
	fi
	@$(MAKE) --no-print-directory depmod

# depmod -b needs the kernel's modules.order/builtin files under DESTDIR;
# a staging DESTDIR without them is left for the package's postinst.
.PHONY: depmod
depmod:
	@if [ -e $(DESTDIR)/lib/modules/$(KVER)/modules.order ] && \
	    command -v $(DEPMOD) >/dev/null; then \
		echo "$(DEPMOD) -b '$(or $(DESTDIR),/)' $(KVER)"; \
		$(DEPMOD) -b '$(or $(DESTDIR),/)' $(KVER); \
	else \
		echo "install: depmod skipped: no $(DESTDIR)/lib/modules/$(KVER)/modules.order (run depmod $(KVER) on the target)"; \
	fi

uninstall:
	rm -f $(DESTDIR)$(MODDIR)/mwg_vrrp.ko \
		$(DESTDIR)$(SBINDIR)/mwgctl $(DESTDIR)$(SBINDIR)/mwgd \
		$(DESTDIR)$(MANDIR)/man4/mwg_vrrp.4 \
		$(DESTDIR)$(MANDIR)/man5/mwgd.conf.5 \
		$(DESTDIR)$(MANDIR)/man8/mwgctl.8 $(DESTDIR)$(MANDIR)/man8/mwgd.8 \
		$(DESTDIR)$(SYSTEMD_UNITDIR)/mwgd.service \
		$(DESTDIR)$(MODULES_LOAD_DIR)/mwg_vrrp.conf
	@# The configuration stays unless it is still the example, untouched.
	@if cmp -s userspace/mwgd/mwgd.conf.example $(DESTDIR)/etc/mwgd/mwgd.conf; then \
		rm -f $(DESTDIR)/etc/mwgd/mwgd.conf; \
		rmdir $(DESTDIR)/etc/mwgd 2>/dev/null || true; \
	else \
		echo "uninstall: keeping $(DESTDIR)/etc/mwgd/mwgd.conf"; \
	fi
	@$(MAKE) --no-print-directory depmod
