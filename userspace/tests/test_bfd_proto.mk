# SPDX-License-Identifier: GPL-2.0
# The module's pure BFD code, compiled unchanged into a host test.
test_bfd_proto_SRCS := ../kmod/bfd_proto.c
