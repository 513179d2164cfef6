# SPDX-License-Identifier: GPL-2.0
# The module's pure protocol code, compiled unchanged into a host test.
test_proto_SRCS := ../kmod/proto.c
