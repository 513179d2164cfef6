# SPDX-License-Identifier: GPL-2.0
# mwgd's pure parts: wire format, authentication, replay window, table,
# configuration, the limit of announcements per source.
test_discovery_SRCS := mwgd/proto.c mwgd/auth.c mwgd/table.c mwgd/config.c \
	mwgd/ratelimit.c \
	mwgd/confvalue.c mwgd/proxyconf.c \
	mwgd/vrconf.c mwgd/groupconf.c mwgctl/args.c mwgctl/match.c mwgctl/vr_args.c \
	mwgctl/group_args.c mwgd/bfdconf.c mwgctl/bfd_args.c mwgd/trackconf.c
test_discovery_CFLAGS := -Imwgd -Imwgctl
test_discovery_LDLIBS := $(shell $(PKG_CONFIG) --libs libsodium inih)
