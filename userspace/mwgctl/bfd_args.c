// SPDX-License-Identifier: GPL-2.0
/*
 * Arguments of "mwgctl bfd add|set|del|show", shared with mwgd's [bfd]
 * sections.
 */
#include <errno.h>
#include <string.h>

#include "bfd_args.h"
#include "match.h"

static int addr_arg(struct args *a, const char *kw, struct mwg_addr *out)
{
	const char *v = args_value(a, kw);

	if (!v)
		return -1;
	if (mwg_addr_parse(v, false, out) < 0)
		return args_error(a, "invalid %s \"%s\": not an address", kw, v);
	return 0;
}

/*
 * The keyword @word names for @cmd, whole or abbreviated; NULL with an
 * error that suggests the nearest keyword otherwise.
 */
static const char *bfd_keyword(enum bfd_cmd cmd, struct args *a,
			       const char *word)
{
	bool config = cmd == BFD_ADD || cmd == BFD_SET;
	const char *const names[] = {
		"dev", "peer", cmd == BFD_ADD ? "local" : NULL,
		config ? "tx-us" : NULL, config ? "rx-us" : NULL,
		config ? "multiplier" : NULL, config ? "holddown-ms" : NULL,
	};
	const size_t n = sizeof(names) / sizeof(names[0]);
	int found = match_word(word, names, n, NULL);

	if (found >= 0)
		return names[found];
	match_describe("keyword", word, names, n, found, a->err,
		       sizeof(a->err));
	return NULL;
}

int bfd_args_parse(enum bfd_cmd cmd, struct args *a, struct bfd_args *out)
{
	bool config = cmd == BFD_ADD || cmd == BFD_SET;
	const char *word;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	while (!rc && (word = args_next(a))) {
		word = bfd_keyword(cmd, a, word);
		if (!word)
			return -1;
		if (!strcmp(word, "dev") && !out->dev) {
			out->dev = args_value(a, "dev");
			if (!out->dev)
				return -1;
			if (!out->dev[0] || strlen(out->dev) >= IF_NAMESIZE)
				return args_error(a, "invalid dev \"%s\"", out->dev);
		} else if (!strcmp(word, "peer") && !out->have_peer) {
			rc = addr_arg(a, "peer", &out->peer);
			out->have_peer = true;
		} else if (!strcmp(word, "local") && cmd == BFD_ADD &&
			   !out->have_local) {
			rc = addr_arg(a, "local", &out->local);
			out->have_local = true;
		} else if (!strcmp(word, "tx-us") && config && !out->have_tx) {
			rc = args_uint(a, "tx-us", MWG_BFD_INTERVAL_US_MIN,
				       MWG_BFD_INTERVAL_US_MAX, UINT32_MAX,
				       &out->tx_us);
			out->have_tx = true;
		} else if (!strcmp(word, "rx-us") && config && !out->have_rx) {
			rc = args_uint(a, "rx-us", MWG_BFD_INTERVAL_US_MIN,
				       MWG_BFD_INTERVAL_US_MAX, UINT32_MAX,
				       &out->rx_us);
			out->have_rx = true;
		} else if (!strcmp(word, "multiplier") && config &&
			   !out->have_mult) {
			rc = args_uint(a, "multiplier", 1, UINT8_MAX, UINT8_MAX,
				       &out->mult);
			out->have_mult = true;
		} else if (!strcmp(word, "holddown-ms") && config &&
			   !out->have_holddown) {
			rc = args_uint(a, "holddown-ms", 0,
				       MWG_BFD_HOLDDOWN_MS_MAX, UINT32_MAX,
				       &out->holddown_ms);
			out->have_holddown = true;
		} else {
			return args_error(a, "\"%s\" given twice", word);
		}
	}
	if (rc)
		return rc;
	if (cmd != BFD_SHOW && (!out->dev || !out->have_peer))
		return args_error(a, "\"dev\" and \"peer\" are required");
	if (out->have_local && out->local.family != out->peer.family)
		return args_error(a, "local and peer of different families");
	return 0;
}

int bfd_args_put(struct nl_msg *msg, const struct bfd_args *b,
		 uint32_t ifindex)
{
	if (nla_put_u32(msg, MWG_VRRP_A_IFINDEX, ifindex) ||
	    nla_put(msg, MWG_VRRP_A_BFD_PEER, mwg_addr_len(&b->peer),
		    b->peer.bytes))
		return -EMSGSIZE;
	if (b->have_local &&
	    nla_put(msg, MWG_VRRP_A_BFD_LOCAL, mwg_addr_len(&b->local),
		    b->local.bytes))
		return -EMSGSIZE;
	if ((b->have_tx && nla_put_u32(msg, MWG_VRRP_A_BFD_TX_US, b->tx_us)) ||
	    (b->have_rx && nla_put_u32(msg, MWG_VRRP_A_BFD_RX_US, b->rx_us)) ||
	    (b->have_mult && nla_put_u8(msg, MWG_VRRP_A_BFD_MULT, b->mult)) ||
	    (b->have_holddown &&
	     nla_put_u32(msg, MWG_VRRP_A_BFD_HOLDDOWN_MS, b->holddown_ms)))
		return -EMSGSIZE;
	return 0;
}
