// SPDX-License-Identifier: GPL-2.0
/*
 * Text/JSON renderings of BFD sessions and their events (their names are
 * in names.c, with the others).  Text
 * uses the keywords of "mwgctl bfd add"; JSON carries every key, null for
 * what the kernel did not send.
 */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "mwg.h"

static const char *bfd_dev(const struct mwg_bfd *b, char *buf, size_t len)
{
	if (mwg_bfd_has(b, MWG_VRRP_A_IFNAME) && b->ifname[0])
		snprintf(buf, len, "%s", b->ifname);
	else
		snprintf(buf, len, "if%u", b->ifindex);
	return buf;
}

static const char *bfd_addr(const struct mwg_bfd *b, unsigned int attr,
			    const struct mwg_addr *a, char *buf, size_t len)
{
	static const uint8_t zero[16];

	if (!mwg_bfd_has(b, attr) || !memcmp(a->bytes, zero, mwg_addr_len(a)))
		return NULL;
	return mwg_addr_format(a, false, buf, len);
}

void mwg_bfd_print_text(FILE *out, const struct mwg_bfd *b)
{
	char dev[IF_NAMESIZE + 16], peer[MWG_ADDR_STRLEN], local[MWG_ADDR_STRLEN];
	const char *l = bfd_addr(b, MWG_VRRP_A_BFD_LOCAL, &b->local, local,
				 sizeof(local));
	unsigned int i;

	fprintf(out, "dev %s peer %s local %s: %s (diag %u), remote %s (diag %u)\n",
		bfd_dev(b, dev, sizeof(dev)),
		bfd_addr(b, MWG_VRRP_A_BFD_PEER, &b->peer, peer, sizeof(peer)) ?: "?",
		l ?: "auto", mwg_bfd_state_name(b->state), b->diag,
		mwg_bfd_state_name(b->remote_state), b->remote_diag);
	fprintf(out, "\ttx-us %u rx-us %u multiplier %u holddown-ms %u\n",
		b->tx_us, b->rx_us, b->mult, b->holddown_ms);
	fprintf(out, "\tlocal-disc %u remote-disc %u remote tx-us %u rx-us %u multiplier %u\n",
		b->local_disc, b->remote_disc, b->remote_tx_us,
		b->remote_rx_us, b->remote_mult);
	fprintf(out, "\ttx-interval-us %u detect-us %" PRIu64 "\n",
		b->tx_interval_us, b->detect_us);
	if (!mwg_bfd_has(b, MWG_VRRP_A_BFD_STATS))
		return;
	fputs("\tstats:", out);
	for (i = 1; i <= MWG_BFD_STATS_A_MAX; i++)
		if (mwg_bfd_stats_name(i) && (b->stats_have & MWG_BIT(i)))
			fprintf(out, " %s %" PRIu64, mwg_bfd_stats_name(i),
				b->stats[i]);
	fputc('\n', out);
}

static void kv_uint_if(struct mwg_json *j, const struct mwg_bfd *b,
		       const char *key, unsigned int attr, uint64_t v)
{
	if (mwg_bfd_has(b, attr))
		mwg_json_kv_uint(j, key, v);
	else
		mwg_json_kv_null(j, key);
}

static void bfd_key_json(struct mwg_json *j, const struct mwg_bfd *b)
{
	char dev[IF_NAMESIZE + 16], addr[MWG_ADDR_STRLEN];

	mwg_json_kv_string(j, "dev", bfd_dev(b, dev, sizeof(dev)));
	kv_uint_if(j, b, "ifindex", MWG_VRRP_A_IFINDEX, b->ifindex);
	mwg_json_kv_string(j, "family", mwg_bfd_has(b, MWG_VRRP_A_FAMILY) ?
			   mwg_family_name(b->family) : NULL);
	mwg_json_kv_string(j, "peer", bfd_addr(b, MWG_VRRP_A_BFD_PEER,
					       &b->peer, addr, sizeof(addr)));
	mwg_json_kv_string(j, "local", bfd_addr(b, MWG_VRRP_A_BFD_LOCAL,
						&b->local, addr, sizeof(addr)));
}

void mwg_bfd_print_json(struct mwg_json *j, const struct mwg_bfd *b)
{
	unsigned int i;

	mwg_json_begin_object(j);
	bfd_key_json(j, b);
	mwg_json_kv_string(j, "state", mwg_bfd_has(b, MWG_VRRP_A_BFD_STATE) ?
			   mwg_bfd_state_name(b->state) : NULL);
	kv_uint_if(j, b, "diag", MWG_VRRP_A_BFD_DIAG, b->diag);
	mwg_json_kv_string(j, "remote_state",
			   mwg_bfd_has(b, MWG_VRRP_A_BFD_REMOTE_STATE) ?
			   mwg_bfd_state_name(b->remote_state) : NULL);
	kv_uint_if(j, b, "remote_diag", MWG_VRRP_A_BFD_REMOTE_DIAG,
		   b->remote_diag);
	kv_uint_if(j, b, "tx_us", MWG_VRRP_A_BFD_TX_US, b->tx_us);
	kv_uint_if(j, b, "rx_us", MWG_VRRP_A_BFD_RX_US, b->rx_us);
	kv_uint_if(j, b, "multiplier", MWG_VRRP_A_BFD_MULT, b->mult);
	kv_uint_if(j, b, "holddown_ms", MWG_VRRP_A_BFD_HOLDDOWN_MS,
		   b->holddown_ms);
	kv_uint_if(j, b, "local_disc", MWG_VRRP_A_BFD_LOCAL_DISC,
		   b->local_disc);
	kv_uint_if(j, b, "remote_disc", MWG_VRRP_A_BFD_REMOTE_DISC,
		   b->remote_disc);
	kv_uint_if(j, b, "remote_tx_us", MWG_VRRP_A_BFD_REMOTE_TX_US,
		   b->remote_tx_us);
	kv_uint_if(j, b, "remote_rx_us", MWG_VRRP_A_BFD_REMOTE_RX_US,
		   b->remote_rx_us);
	kv_uint_if(j, b, "remote_multiplier", MWG_VRRP_A_BFD_REMOTE_MULT,
		   b->remote_mult);
	kv_uint_if(j, b, "tx_interval_us", MWG_VRRP_A_BFD_TX_INTERVAL_US,
		   b->tx_interval_us);
	kv_uint_if(j, b, "detect_us", MWG_VRRP_A_BFD_DETECT_US, b->detect_us);
	mwg_json_key(j, "stats");
	mwg_json_begin_object(j);
	for (i = 1; i <= MWG_BFD_STATS_A_MAX; i++) {
		if (!mwg_bfd_stats_name(i))
			continue;
		if (b->stats_have & MWG_BIT(i))
			mwg_json_kv_uint(j, mwg_bfd_stats_name(i), b->stats[i]);
		else
			mwg_json_kv_null(j, mwg_bfd_stats_name(i));
	}
	mwg_json_end_object(j);
	mwg_json_end_object(j);
}

static uint64_t bfd_event_time(const struct mwg_bfd *b)
{
	struct timespec now;

	if (mwg_bfd_has(b, MWG_VRRP_A_TIME_NS))
		return b->time_ns;
	clock_gettime(CLOCK_REALTIME, &now);
	return (uint64_t)now.tv_sec * 1000000000ULL + now.tv_nsec;
}

void mwg_bfd_event_print_text(FILE *out, const struct mwg_bfd *b)
{
	char when[MWG_TIME_STRLEN], dev[IF_NAMESIZE + 16], peer[MWG_ADDR_STRLEN];

	fprintf(out, "%s dev %s bfd peer %s: %s -> %s (diag %u)\n",
		mwg_format_time_ns(bfd_event_time(b), when, sizeof(when)),
		bfd_dev(b, dev, sizeof(dev)),
		bfd_addr(b, MWG_VRRP_A_BFD_PEER, &b->peer, peer, sizeof(peer)) ?: "?",
		mwg_bfd_has(b, MWG_VRRP_A_BFD_OLD_STATE) ?
		mwg_bfd_state_name(b->old_state) : "?",
		mwg_bfd_state_name(b->state), b->diag);
}

void mwg_bfd_event_print_json(struct mwg_json *j, const struct mwg_bfd *b)
{
	mwg_json_begin_object(j);
	mwg_json_kv_string(j, "event", "bfd");
	mwg_json_kv_uint(j, "time_ns", bfd_event_time(b));
	bfd_key_json(j, b);
	mwg_json_kv_string(j, "old_state",
			   mwg_bfd_has(b, MWG_VRRP_A_BFD_OLD_STATE) ?
			   mwg_bfd_state_name(b->old_state) : NULL);
	mwg_json_kv_string(j, "state", mwg_bfd_has(b, MWG_VRRP_A_BFD_STATE) ?
			   mwg_bfd_state_name(b->state) : NULL);
	kv_uint_if(j, b, "diag", MWG_VRRP_A_BFD_DIAG, b->diag);
	mwg_json_end_object(j);
}
