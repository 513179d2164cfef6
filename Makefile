# SPDX-License-Identifier: GPL-2.0
#
# make                 module (kmod/mwg_vrrp.ko) + userspace programs
# make KVER=... / KDIR=...   build the module against another kernel
# make modules-all     the module for every supported kernel, in build/KVER/
# make check           unit tests on the host + selftests in a guest per kernel
# make style / sparse  checkpatch.pl --strict / sparse (C=2) on the module
# make demo            the demo cluster in a guest

# Supported kernels: Debian 12's 6.1 and bookworm-backports' 6.12.
SUPPORTED_KVERS ?= $(shell scripts/kernels)
KVER ?= $(firstword $(SUPPORTED_KVERS))
KDIR ?= /lib/modules/$(KVER)/build
BUILD ?= $(CURDIR)/build

CHECKPATCH ?= $(BUILD)/linux-tools/scripts/checkpatch.pl

.PHONY: all module modules-all userspace check unit selftests style sparse \
	demo bench clean install

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
		ln -sf $(CURDIR)/kmod/uapi/mwg_vrrp.h $$d/uapi/; \
		$(MAKE) -C /lib/modules/$$v/build M=$$d W=1 modules; \
	done

userspace:
	$(MAKE) -C userspace

unit:
	$(MAKE) -C userspace unit

check: module userspace modules-all
	scripts/run-tests

KMOD_SRCS = $(KMOD_SOURCES) kmod/uapi/mwg_vrrp.h
CHECKPATCH_FLAGS = --strict --no-tree --terse --show-types --quiet

# compat.h exists to compare kernel versions: only there is it allowed.
style:
	scripts/prepare-tools
	$(CHECKPATCH) $(CHECKPATCH_FLAGS) -f $(filter-out kmod/compat.h,$(KMOD_SRCS))
	$(CHECKPATCH) $(CHECKPATCH_FLAGS) \
		--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f kmod/compat.h

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod C=2 CF="-D__CHECK_ENDIAN__" modules

demo: module userspace modules-all
	scripts/demo

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod clean
	-$(MAKE) -C userspace clean
	rm -rf $(BUILD)
