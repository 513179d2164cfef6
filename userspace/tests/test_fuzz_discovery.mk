# SPDX-License-Identifier: GPL-2.0
# The discovery parser under libFuzzer for a bounded time (MWG_FUZZ_SECONDS,
# default 20).  The fuzz target needs clang and its libFuzzer runtime; when
# it cannot be built the test reports a skip instead of failing the build.
test_fuzz_discovery_SRCS := mwgd/proto.c
test_fuzz_discovery_CFLAGS := -Imwgd

.PHONY: fuzz-target
fuzz-target:
	-@$(MAKE) -s -C mwgd fuzz

tests/test_fuzz_discovery: | fuzz-target
