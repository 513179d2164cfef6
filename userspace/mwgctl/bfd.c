// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl bfd add|set|del|show: BFD sessions between directors.
 *
 *   bfd add dev IF peer ADDR [local ADDR] [tx-us N] [rx-us N]
 *           [multiplier M] [holddown-ms N]
 *
 * A session is named by its link and peer.  "show" collects the whole dump
 * before printing, so a failure half way leaves stdout empty.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "match.h"
#include "mwgctl.h"

enum bfd_cmd { BFD_ADD, BFD_SET, BFD_DEL, BFD_SHOW };

struct bfd_args {
	const char *dev;
	struct mwg_addr peer, local;
	bool have_peer, have_local;
	uint64_t tx_us, rx_us, mult, holddown_ms;
	bool have_tx, have_rx, have_mult, have_holddown;
};

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

static int parse_bfd_args(enum bfd_cmd cmd, struct args *a,
			  struct bfd_args *out)
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

static int put_request(struct nl_msg *msg, const struct bfd_args *b,
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

static int bfd_change(struct mwgctl *ctl, enum bfd_cmd cmd, uint8_t nlcmd,
		      int argc, char **argv)
{
	struct mwg_session *s;
	struct bfd_args b;
	struct nl_msg *msg;
	struct args a;
	unsigned int ifindex;

	args_init(&a, argc, argv, ctl->no_check);
	if (parse_bfd_args(cmd, &a, &b) < 0)
		return mwgctl_usage_error(ctl, "%s", a.err);
	ifindex = if_nametoindex(b.dev);
	if (!ifindex)
		return mwgctl_fail(ctl, NULL, "no such interface");
	s = mwgctl_session(ctl);
	if (!s)
		return MWGCTL_FAILED;
	msg = mwg_msg_new(s, nlcmd, 0);
	if (!msg || put_request(msg, &b, ifindex) < 0) {
		if (msg)
			nlmsg_free(msg);
		return mwgctl_fail(ctl, NULL, strerror(ENOMEM));
	}
	return mwgctl_change(ctl, s, msg);
}

int cmd_bfd_add(struct mwgctl *ctl, int argc, char **argv)
{
	return bfd_change(ctl, BFD_ADD, MWG_VRRP_CMD_BFD_ADD, argc, argv);
}

int cmd_bfd_set(struct mwgctl *ctl, int argc, char **argv)
{
	return bfd_change(ctl, BFD_SET, MWG_VRRP_CMD_BFD_SET, argc, argv);
}

int cmd_bfd_del(struct mwgctl *ctl, int argc, char **argv)
{
	return bfd_change(ctl, BFD_DEL, MWG_VRRP_CMD_BFD_DEL, argc, argv);
}

struct bfd_list {
	struct mwg_bfd *items;
	unsigned int count;
	unsigned int cap;
	unsigned int ifindex;		/* filter; 0: any */
	const struct bfd_args *filter;
};

static int collect(struct nl_msg *msg, void *arg)
{
	struct bfd_list *list = arg;
	struct mwg_bfd *items;
	struct mwg_bfd b;

	if (mwg_msg_cmd(msg) != MWG_VRRP_CMD_BFD_GET || mwg_bfd_parse(msg, &b))
		return 0;
	if (list->ifindex && b.ifindex != list->ifindex)
		return 0;
	if (list->filter->have_peer &&
	    (b.peer.family != list->filter->peer.family ||
	     memcmp(b.peer.bytes, list->filter->peer.bytes,
		    mwg_addr_len(&b.peer))))
		return 0;
	items = mwgctl_list_grow(list->items, &list->cap, list->count,
				 sizeof(*items));
	if (!items)
		return -ENOMEM;
	list->items = items;
	list->items[list->count++] = b;
	return 0;
}

int cmd_bfd_show(struct mwgctl *ctl, int argc, char **argv)
{
	struct bfd_list list = { 0 };
	struct mwg_session *s;
	struct bfd_args b;
	struct args a;
	unsigned int i;
	int rc;

	args_init(&a, argc, argv, ctl->no_check);
	if (parse_bfd_args(BFD_SHOW, &a, &b) < 0)
		return mwgctl_usage_error(ctl, "%s", a.err);
	list.filter = &b;
	if (b.dev) {
		list.ifindex = if_nametoindex(b.dev);
		if (!list.ifindex)
			return mwgctl_fail(ctl, NULL, "no such interface");
	}
	s = mwgctl_session(ctl);
	if (!s)
		return MWGCTL_FAILED;
	rc = mwgctl_dump(ctl, s, MWG_VRRP_CMD_BFD_GET, collect, &list);
	if (rc)
		goto out;
	if (ctl->json) {
		struct mwg_json *j = mwgctl_json(ctl);

		mwg_json_begin_array(j);
		for (i = 0; i < list.count; i++)
			mwg_bfd_print_json(j, &list.items[i]);
		mwg_json_end_array(j);
		putchar('\n');
	} else {
		for (i = 0; i < list.count; i++)
			mwg_bfd_print_text(stdout, &list.items[i]);
	}
out:
	free(list.items);
	return rc;
}
