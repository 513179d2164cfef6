# SPDX-License-Identifier: GPL-2.0
# mwgd's [proxy NAME] sections, read through the whole configuration loader.
test_proxyconf_SRCS := mwgd/config.c mwgd/confvalue.c mwgd/proxyconf.c mwgd/vrconf.c mwgd/groupconf.c \
	mwgd/proto.c mwgctl/args.c mwgctl/match.c mwgctl/vr_args.c mwgctl/group_args.c \
	mwgd/bfdconf.c mwgctl/bfd_args.c mwgd/trackconf.c
test_proxyconf_CFLAGS := -Imwgd -Imwgctl
test_proxyconf_LDLIBS := $(shell $(PKG_CONFIG) --libs inih)
