/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arguments of "mwgctl bfd add|set|del|show":
 *
 *   dev IF peer ADDR [local ADDR] [tx-us N] [rx-us N] [multiplier M]
 *   [holddown-ms N]
 *
 * (local only in add; the timers in add and set).
 */
#ifndef MWGCTL_BFD_ARGS_H
#define MWGCTL_BFD_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "args.h"
#include "mwg.h"

enum bfd_cmd { BFD_ADD, BFD_SET, BFD_DEL, BFD_SHOW };

struct bfd_args {
	const char *dev;
	struct mwg_addr peer, local;
	bool have_peer, have_local;
	uint64_t tx_us, rx_us, mult, holddown_ms;
	bool have_tx, have_rx, have_mult, have_holddown;
};

/* The words after the command.  0, or -1 with a message in a->err. */
int bfd_args_parse(enum bfd_cmd cmd, struct args *a, struct bfd_args *out);

/* The request's attributes: @ifindex, the peer and what @b names. */
int bfd_args_put(struct nl_msg *msg, const struct bfd_args *b,
		 uint32_t ifindex);

#endif /* MWGCTL_BFD_ARGS_H */
