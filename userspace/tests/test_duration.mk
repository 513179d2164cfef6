# SPDX-License-Identifier: GPL-2.0
# Durations: mwgctl's argument scanner and mwgd's value parsers.
test_duration_SRCS := mwgctl/args.c mwgd/confvalue.c
test_duration_CFLAGS := -Imwgctl -Imwgd
