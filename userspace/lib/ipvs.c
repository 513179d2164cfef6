// SPDX-License-Identifier: GPL-2.0
/*
 * IPVS through its generic netlink family.  The kernel checks every
 * request itself; what is checked here is only what we read back, so
 * that an attribute of an unexpected length is skipped, not overread.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "ipvs.h"

int mwg_ipvs_open(struct mwg_session *s)
{
	return mwg_session_open_family(s, IPVS_GENL_NAME,
				       "is the ip_vs module loaded?");
}

bool mwg_ipvs_service_same(const struct mwg_ipvs_service *a,
			   const struct mwg_ipvs_service *b)
{
	return a->af == b->af && a->protocol == b->protocol &&
	       a->port == b->port && a->fwmark == b->fwmark &&
	       !memcmp(a->addr, b->addr, sizeof(a->addr));
}

static struct nl_msg *ipvs_msg_new(struct mwg_session *s, uint8_t cmd,
				   int flags)
{
	return mwg_genl_msg_new(s, cmd, flags, IPVS_GENL_VERSION);
}

/* The key of a service; with @full, what NEW/SET_SERVICE need besides. */
static int put_service(struct nl_msg *msg, const struct mwg_ipvs_service *svc,
		       bool full)
{
	struct ip_vs_flags flags = { .flags = svc->flags, .mask = ~0u };
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_SERVICE);

	if (!nest ||
	    nla_put_u16(msg, IPVS_SVC_ATTR_AF, svc->af) < 0 ||
	    nla_put_u16(msg, IPVS_SVC_ATTR_PROTOCOL, svc->protocol) < 0 ||
	    nla_put(msg, IPVS_SVC_ATTR_ADDR, sizeof(svc->addr), svc->addr) < 0 ||
	    nla_put_u16(msg, IPVS_SVC_ATTR_PORT, htons(svc->port)) < 0)
		return -EMSGSIZE;
	if (full &&
	    (nla_put_string(msg, IPVS_SVC_ATTR_SCHED_NAME, svc->sched) < 0 ||
	     nla_put(msg, IPVS_SVC_ATTR_FLAGS, sizeof(flags), &flags) < 0 ||
	     nla_put_u32(msg, IPVS_SVC_ATTR_TIMEOUT, svc->timeout) < 0 ||
	     nla_put_u32(msg, IPVS_SVC_ATTR_NETMASK, svc->netmask) < 0))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

struct nl_msg *mwg_ipvs_service_msg(struct mwg_session *s, uint8_t cmd,
				    const struct mwg_ipvs_service *svc)
{
	struct nl_msg *msg = ipvs_msg_new(s, cmd, 0);

	if (msg && put_service(msg, svc, cmd != IPVS_CMD_DEL_SERVICE) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *mwg_ipvs_dest_msg(struct mwg_session *s, uint8_t cmd,
				 const struct mwg_ipvs_service *svc,
				 const struct mwg_ipvs_dest *dest)
{
	struct nl_msg *msg = ipvs_msg_new(s, cmd, 0);
	struct nlattr *nest;

	if (!msg)
		return NULL;
	if (put_service(msg, svc, false) < 0 ||
	    !(nest = nla_nest_start(msg, IPVS_CMD_ATTR_DEST)) ||
	    nla_put(msg, IPVS_DEST_ATTR_ADDR, sizeof(dest->addr),
		    dest->addr) < 0 ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_PORT, htons(dest->port)) < 0)
		goto fail;
	/* DEL_DEST takes the key alone; the others want every field. */
	if (cmd != IPVS_CMD_DEL_DEST &&
	    (nla_put_u32(msg, IPVS_DEST_ATTR_FWD_METHOD, dest->fwd) < 0 ||
	     nla_put_u32(msg, IPVS_DEST_ATTR_WEIGHT, dest->weight) < 0 ||
	     nla_put_u32(msg, IPVS_DEST_ATTR_U_THRESH, dest->u_thresh) < 0 ||
	     nla_put_u32(msg, IPVS_DEST_ATTR_L_THRESH, dest->l_thresh) < 0))
		goto fail;
	nla_nest_end(msg, nest);
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

struct nl_msg *mwg_ipvs_daemon_msg(struct mwg_session *s, uint8_t cmd,
				   const struct mwg_ipvs_daemon *dm)
{
	struct nl_msg *msg = ipvs_msg_new(s, cmd, 0);
	struct nlattr *nest;

	if (!msg)
		return NULL;
	if (!(nest = nla_nest_start(msg, IPVS_CMD_ATTR_DAEMON)) ||
	    nla_put_u32(msg, IPVS_DAEMON_ATTR_STATE, dm->state) < 0)
		goto fail;
	if (cmd == IPVS_CMD_NEW_DAEMON &&
	    (nla_put_string(msg, IPVS_DAEMON_ATTR_MCAST_IFN, dm->ifname) < 0 ||
	     nla_put_u32(msg, IPVS_DAEMON_ATTR_SYNC_ID, dm->sync_id) < 0))
		goto fail;
	nla_nest_end(msg, nest);
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

/* Attribute readers that skip what has not the expected size. */
static uint32_t get_u32(struct nlattr *a)
{
	return a && nla_len(a) >= 4 ? nla_get_u32(a) : 0;
}

static uint16_t get_u16(struct nlattr *a)
{
	return a && nla_len(a) >= 2 ? nla_get_u16(a) : 0;
}

static uint64_t get_stat(struct nlattr *stats64, struct nlattr *stats32,
			 int type)
{
	struct nlattr *tb[IPVS_STATS_ATTR_MAX + 1];

	if (stats64 && !nla_parse_nested(tb, IPVS_STATS_ATTR_MAX, stats64,
					 NULL) && tb[type] &&
	    nla_len(tb[type]) >= 8)
		return nla_get_u64(tb[type]);
	if (stats32 && !nla_parse_nested(tb, IPVS_STATS_ATTR_MAX, stats32,
					 NULL) && tb[type])
		return get_u32(tb[type]);
	return 0;
}

/* The top-level attribute @type of a reply, or NULL. */
static struct nlattr *reply_attr(struct nl_msg *msg, int type)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, IPVS_CMD_ATTR_MAX, NULL) < 0)
		return NULL;
	return tb[type];
}

/* A growable array of @size-byte items. */
struct collect {
	void *items;
	size_t n, cap, size;
};

static void *collect_slot(struct collect *c)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 8;
		void *items = realloc(c->items, cap * c->size);

		if (!items)
			return NULL;
		c->items = items;
		c->cap = cap;
	}
	return memset((char *)c->items + c->n++ * c->size, 0, c->size);
}

static int on_service(struct nl_msg *msg, void *arg)
{
	struct nlattr *nest = reply_attr(msg, IPVS_CMD_ATTR_SERVICE);
	struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];
	struct mwg_ipvs_service *svc;

	if (!nest || nla_parse_nested(tb, IPVS_SVC_ATTR_MAX, nest, NULL) < 0)
		return 0;
	svc = collect_slot(arg);
	if (!svc)
		return -ENOMEM;
	svc->af = get_u16(tb[IPVS_SVC_ATTR_AF]);
	svc->protocol = get_u16(tb[IPVS_SVC_ATTR_PROTOCOL]);
	if (tb[IPVS_SVC_ATTR_ADDR])
		nla_memcpy(svc->addr, tb[IPVS_SVC_ATTR_ADDR], sizeof(svc->addr));
	svc->port = ntohs(get_u16(tb[IPVS_SVC_ATTR_PORT]));
	svc->fwmark = get_u32(tb[IPVS_SVC_ATTR_FWMARK]);
	if (tb[IPVS_SVC_ATTR_SCHED_NAME])
		nla_strlcpy(svc->sched, tb[IPVS_SVC_ATTR_SCHED_NAME],
			    sizeof(svc->sched));
	if (tb[IPVS_SVC_ATTR_FLAGS] &&
	    nla_len(tb[IPVS_SVC_ATTR_FLAGS]) >= (int)sizeof(struct ip_vs_flags)) {
		struct ip_vs_flags f;

		nla_memcpy(&f, tb[IPVS_SVC_ATTR_FLAGS], sizeof(f));
		/* Only what a user sets; HASHED is the kernel's own. */
		svc->flags = f.flags & ~IP_VS_SVC_F_HASHED;
	}
	svc->timeout = get_u32(tb[IPVS_SVC_ATTR_TIMEOUT]);
	svc->netmask = get_u32(tb[IPVS_SVC_ATTR_NETMASK]);
	svc->conns = get_stat(tb[IPVS_SVC_ATTR_STATS64],
			      tb[IPVS_SVC_ATTR_STATS], IPVS_STATS_ATTR_CONNS);
	svc->inpkts = get_stat(tb[IPVS_SVC_ATTR_STATS64],
			       tb[IPVS_SVC_ATTR_STATS], IPVS_STATS_ATTR_INPKTS);
	svc->outpkts = get_stat(tb[IPVS_SVC_ATTR_STATS64],
				tb[IPVS_SVC_ATTR_STATS],
				IPVS_STATS_ATTR_OUTPKTS);
	return 0;
}

/* Run dump @msg (NULL: out of memory) into a malloc()ed array. */
static int dump_into(struct mwg_session *s, struct nl_msg *msg,
		     mwg_reply_fn fn, size_t size, void **out, size_t *n)
{
	struct collect c = { .size = size };
	int rc;

	if (!msg) {
		mwg_error_set_errno(&s->err, ENOMEM);
		return -ENOMEM;
	}
	rc = mwg_request(s, msg, fn, &c);
	if (rc < 0) {
		free(c.items);
		return rc;
	}
	*out = c.items;
	*n = c.n;
	return 0;
}

int mwg_ipvs_services(struct mwg_session *s, struct mwg_ipvs_service **out,
		      size_t *n)
{
	return dump_into(s, ipvs_msg_new(s, IPVS_CMD_GET_SERVICE, NLM_F_DUMP),
			 on_service, sizeof(**out), (void **)out, n);
}

static int on_dest(struct nl_msg *msg, void *arg)
{
	struct nlattr *nest = reply_attr(msg, IPVS_CMD_ATTR_DEST);
	struct nlattr *tb[IPVS_DEST_ATTR_MAX + 1];
	struct mwg_ipvs_dest *d;

	if (!nest || nla_parse_nested(tb, IPVS_DEST_ATTR_MAX, nest, NULL) < 0)
		return 0;
	d = collect_slot(arg);
	if (!d)
		return -ENOMEM;
	if (tb[IPVS_DEST_ATTR_ADDR])
		nla_memcpy(d->addr, tb[IPVS_DEST_ATTR_ADDR], sizeof(d->addr));
	d->port = ntohs(get_u16(tb[IPVS_DEST_ATTR_PORT]));
	d->fwd = get_u32(tb[IPVS_DEST_ATTR_FWD_METHOD]) & IP_VS_CONN_F_FWD_MASK;
	d->weight = get_u32(tb[IPVS_DEST_ATTR_WEIGHT]);
	d->u_thresh = get_u32(tb[IPVS_DEST_ATTR_U_THRESH]);
	d->l_thresh = get_u32(tb[IPVS_DEST_ATTR_L_THRESH]);
	d->active = get_u32(tb[IPVS_DEST_ATTR_ACTIVE_CONNS]);
	d->inactive = get_u32(tb[IPVS_DEST_ATTR_INACT_CONNS]);
	d->persist = get_u32(tb[IPVS_DEST_ATTR_PERSIST_CONNS]);
	d->conns = get_stat(tb[IPVS_DEST_ATTR_STATS64], tb[IPVS_DEST_ATTR_STATS],
			    IPVS_STATS_ATTR_CONNS);
	return 0;
}

int mwg_ipvs_dests(struct mwg_session *s, const struct mwg_ipvs_service *svc,
		   struct mwg_ipvs_dest **out, size_t *n)
{
	struct nl_msg *msg = ipvs_msg_new(s, IPVS_CMD_GET_DEST, NLM_F_DUMP);

	if (msg && put_service(msg, svc, false) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return dump_into(s, msg, on_dest, sizeof(**out), (void **)out, n);
}

struct daemons {
	struct mwg_ipvs_daemon *out;
	size_t n;
};

static int on_daemon(struct nl_msg *msg, void *arg)
{
	struct nlattr *nest = reply_attr(msg, IPVS_CMD_ATTR_DAEMON);
	struct nlattr *tb[IPVS_DAEMON_ATTR_MAX + 1];
	struct daemons *ds = arg;
	struct mwg_ipvs_daemon *dm;

	if (!nest || ds->n == 2 ||
	    nla_parse_nested(tb, IPVS_DAEMON_ATTR_MAX, nest, NULL) < 0)
		return 0;
	dm = &ds->out[ds->n++];
	memset(dm, 0, sizeof(*dm));
	dm->state = get_u32(tb[IPVS_DAEMON_ATTR_STATE]);
	dm->sync_id = get_u32(tb[IPVS_DAEMON_ATTR_SYNC_ID]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_IFN])
		nla_strlcpy(dm->ifname, tb[IPVS_DAEMON_ATTR_MCAST_IFN],
			    sizeof(dm->ifname));
	return 0;
}

int mwg_ipvs_daemons(struct mwg_session *s, struct mwg_ipvs_daemon out[2],
		     size_t *n)
{
	struct daemons ds = { .out = out };
	struct nl_msg *msg = ipvs_msg_new(s, IPVS_CMD_GET_DAEMON, NLM_F_DUMP);
	int rc;

	if (!msg) {
		mwg_error_set_errno(&s->err, ENOMEM);
		return -ENOMEM;
	}
	rc = mwg_request(s, msg, on_daemon, &ds);
	*n = ds.n;
	return rc;
}

const char *mwg_ipvs_protocol_name(uint16_t protocol, char *buf, size_t len)
{
	if (protocol == IPPROTO_TCP)
		return "tcp";
	if (protocol == IPPROTO_UDP)
		return "udp";
	snprintf(buf, len, "%u", protocol);
	return buf;
}

const char *mwg_ipvs_fwd_name(uint32_t fwd)
{
	switch (fwd & IP_VS_CONN_F_FWD_MASK) {
	case IP_VS_CONN_F_MASQ:
		return "masq";
	case IP_VS_CONN_F_LOCALNODE:
		return "local";
	case IP_VS_CONN_F_TUNNEL:
		return "tunnel";
	case IP_VS_CONN_F_DROUTE:
		return "route";
	case IP_VS_CONN_F_BYPASS:
		return "bypass";
	}
	return "?";
}
