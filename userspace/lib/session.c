// SPDX-License-Identifier: GPL-2.0
/*
 * A generic netlink session with the mwg_vrrp family.
 *
 * Every request waits for its end, so a caller never has to know whether
 * the kernel answers with a reply plus an ACK (doit), a run of multipart
 * messages closed by NLMSG_DONE (dump), or an error.  Errors keep the
 * kernel's own words (extack.c) and are stored in the session, so tools
 * print "what failed: why" without decoding anything themselves.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <linux/netlink.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/handlers.h>
#include <netlink/socket.h>

#include "mwg.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

/* Events can come in bursts (a link flap moves every VR on it at once). */
#define MWG_EVENTS_RCVBUF	(1 << 20)

/* A libnl error code as an errno, for callers that speak errno only. */
static int nlerr_to_errno(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case NLE_NOMEM:
		return ENOMEM;
	case NLE_PERM:
		return EPERM;
	case NLE_NOACCESS:
		return EACCES;
	case NLE_INVAL:
		return EINVAL;
	case NLE_RANGE:
		return ERANGE;
	case NLE_OBJ_NOTFOUND:
		return ENOENT;
	case NLE_EXIST:
		return EEXIST;
	case NLE_BUSY:
		return EBUSY;
	case NLE_AGAIN:
		return EAGAIN;
	case NLE_OPNOTSUPP:
		return EOPNOTSUPP;
	case NLE_AF_NOSUPPORT:
		return EAFNOSUPPORT;
	case NLE_PROTO_MISMATCH:
		return EPROTONOSUPPORT;
	case NLE_MSGSIZE:
		return EMSGSIZE;
	case NLE_DUMP_INTR:
		return EINTR;
	default:
		return EIO;
	}
}

static int fail_nl(struct mwg_session *s, int nlerr, const char *what)
{
	int code = nlerr_to_errno(nlerr);

	mwg_error_set(&s->err, code, "%s: %s", what, nl_geterror(nlerr));
	return -code;
}

/*
 * The kernel answers a request before the sendmsg() that carried it
 * returns, so an answer that has not come within this long was lost; a
 * daemon waiting for it without end would stop its whole loop.
 */
#define MWG_REPLY_TIMEOUT_S	10

/* A receive that failed; -NLE_AGAIN is the timeout above. */
static int fail_recv(struct mwg_session *s, int nlerr, const char *what)
{
	if (nlerr != -NLE_AGAIN)
		return fail_nl(s, nlerr, what);
	mwg_error_set(&s->err, ETIMEDOUT, "%s: no answer within %d s", what,
		      MWG_REPLY_TIMEOUT_S);
	return -ETIMEDOUT;
}

static int fail_errno(struct mwg_session *s, int code)
{
	mwg_error_set_errno(&s->err, code);
	return -code;
}

int mwg_session_open_family(struct mwg_session *s, const char *family,
			    const char *missing_hint)
{
	struct timeval reply_timeout = { .tv_sec = MWG_REPLY_TIMEOUT_S };
	int one = 1, rc;

	memset(s, 0, sizeof(*s));
	s->family_id = -1;
	s->events_group = -1;

	s->sock = nl_socket_alloc();
	if (!s->sock)
		return fail_errno(s, ENOMEM);

	rc = genl_connect(s->sock);
	if (rc < 0) {
		rc = fail_nl(s, rc, "cannot open a generic netlink socket");
		goto err;
	}

	/*
	 * Ask for the kernel's explanation with every error.  Kernels older
	 * than 4.12 refuse the option; the errno alone then has to do.
	 */
	setsockopt(nl_socket_get_fd(s->sock), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	if (setsockopt(nl_socket_get_fd(s->sock), SOL_SOCKET, SO_RCVTIMEO,
		       &reply_timeout, sizeof(reply_timeout)) < 0) {
		rc = fail_errno(s, errno);
		goto err;
	}

	s->family_id = genl_ctrl_resolve(s->sock, family);
	if (s->family_id < 0) {
		if (s->family_id == -NLE_OBJ_NOTFOUND) {
			mwg_error_set(&s->err, ENOENT,
				      "generic netlink family \"%s\" not found (%s)",
				      family, missing_hint);
			rc = -ENOENT;
		} else {
			rc = fail_nl(s, s->family_id,
				     "cannot resolve the generic netlink family");
		}
		goto err;
	}
	return 0;

err:
	nl_socket_free(s->sock);
	s->sock = NULL;
	return rc;
}

int mwg_session_open(struct mwg_session *s)
{
	return mwg_session_open_family(s, MWG_VRRP_GENL_NAME,
				       "is the mwg_vrrp module loaded?");
}

void mwg_session_close(struct mwg_session *s)
{
	if (s->sock)
		nl_socket_free(s->sock);
	s->sock = NULL;
}

struct nl_msg *mwg_genl_msg_new(struct mwg_session *s, uint8_t cmd, int flags,
				uint8_t version)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, s->family_id, 0,
			 flags, cmd, version)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *mwg_msg_new(struct mwg_session *s, uint8_t cmd, int flags)
{
	return mwg_genl_msg_new(s, cmd, flags, MWG_VRRP_GENL_VERSION);
}

/* State of one request while its replies come in. */
struct request_ctx {
	struct mwg_session *s;
	const struct nlmsghdr *request;
	mwg_reply_fn fn;
	void *arg;
	bool done;
	int error;		/* negative errno, 0 while all is well */
};

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct request_ctx *ctx = arg;
	int rc;

	/* After a handler failed, drain the rest of the dump quietly. */
	if (ctx->error || !ctx->fn)
		return NL_SKIP;
	rc = ctx->fn(msg, ctx->arg);
	if (rc < 0) {
		ctx->error = rc;
		if (!ctx->s->err.text[0])
			mwg_error_set_errno(&ctx->s->err, -rc);
	}
	return NL_OK;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct request_ctx *ctx = arg;
	struct mwg_error err;
	int rc;

	/* A dump that failed half way says so in its NLMSG_DONE. */
	rc = mwg_extack_decode(nlmsg_hdr(msg), ctx->request, &err);
	if (rc < 0 && !ctx->error) {
		ctx->error = rc;
		ctx->s->err = err;
	}
	ctx->done = true;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct request_ctx *ctx = arg;

	/* Keep a warning the kernel attached to its ACK, if any. */
	if (!ctx->error)
		mwg_extack_decode(nlmsg_hdr(msg), ctx->request, &ctx->s->err);
	ctx->done = true;
	return NL_STOP;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	/* libnl passes the payload; the header, with its flags, precedes it. */
	const struct nlmsghdr *hdr =
		(const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	struct request_ctx *ctx = arg;
	struct mwg_error err;
	int rc;

	(void)nla;
	rc = mwg_extack_decode(hdr, ctx->request, &err);
	if (!ctx->error) {
		ctx->error = rc < 0 ? rc : -EIO;
		ctx->s->err = err;
	}
	ctx->done = true;
	return NL_STOP;
}

static int on_dump_intr(struct nl_msg *msg, void *arg)
{
	struct request_ctx *ctx = arg;

	(void)msg;
	if (!ctx->error) {
		ctx->error = -EAGAIN;
		mwg_error_set(&ctx->s->err, EAGAIN,
			      "the list changed while it was read; try again");
	}
	return NL_OK;
}

int mwg_request(struct mwg_session *s, struct nl_msg *msg, mwg_reply_fn fn,
		void *arg)
{
	struct request_ctx ctx = {
		.s = s,
		.fn = fn,
		.arg = arg,
	};
	struct nl_cb *cb;
	int rc;

	mwg_error_clear(&s->err);

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return fail_errno(s, ENOMEM);
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &ctx);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &ctx);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &ctx);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, on_dump_intr, &ctx);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &ctx);

	rc = nl_send_auto(s->sock, msg);
	if (rc < 0) {
		rc = fail_nl(s, rc, "cannot send the request");
		goto out;
	}
	/* Kept until the end: error offsets point into the request. */
	ctx.request = nlmsg_hdr(msg);

	while (!ctx.done) {
		rc = nl_recvmsgs(s->sock, cb);
		if (rc < 0 && !ctx.done) {
			if (!ctx.error)
				ctx.error = fail_recv(s, rc,
						      "cannot receive the reply");
			break;
		}
	}
	rc = ctx.error;
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	return rc;
}

int mwg_session_subscribe(struct mwg_session *s)
{
	int rc;

	mwg_error_clear(&s->err);
	rc = genl_ctrl_resolve_grp(s->sock, MWG_VRRP_GENL_NAME,
				   MWG_VRRP_MCGRP_EVENTS);
	if (rc < 0)
		return fail_nl(s, rc, "cannot resolve the \"events\" group");
	s->events_group = rc;

	rc = nl_socket_add_membership(s->sock, s->events_group);
	if (rc < 0)
		return fail_nl(s, rc, "cannot join the \"events\" group");

	/* For other readers of the socket; ours ignore sequences anyway. */
	nl_socket_disable_seq_check(s->sock);
	/* Best effort: a small buffer only means an earlier ENOBUFS. */
	nl_socket_set_buffer_size(s->sock, MWG_EVENTS_RCVBUF, 0);
	return 0;
}

/* Notifications are not answers to anything: every sequence number goes. */
static int accept_any_seq(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

struct event_ctx {
	mwg_reply_fn fn;
	void *arg;
	int error;
};

static int on_event(struct nl_msg *msg, void *arg)
{
	struct event_ctx *ctx = arg;
	int rc;

	if (ctx->error)
		return NL_SKIP;
	rc = ctx->fn(msg, ctx->arg);
	if (rc < 0)
		ctx->error = rc;
	return NL_OK;
}

int mwg_session_receive_events(struct mwg_session *s, mwg_reply_fn fn,
			       void *arg)
{
	struct event_ctx ctx = { .fn = fn, .arg = arg };
	struct nl_cb *cb;
	int rc;

	mwg_error_clear(&s->err);
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return fail_errno(s, ENOMEM);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, &ctx);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, accept_any_seq, NULL);

	rc = nl_recvmsgs(s->sock, cb);
	nl_cb_put(cb);
	/* The receive timeout, with no event in it: none yet. */
	if (rc == -NLE_AGAIN && !ctx.error)
		return 0;
	if (ctx.error) {
		if (!s->err.text[0])
			mwg_error_set_errno(&s->err, -ctx.error);
		return ctx.error;
	}
	if (rc < 0) {
		/* libnl folds ENOBUFS (lost notifications) into NLE_NOMEM. */
		if (rc == -NLE_NOMEM) {
			mwg_error_set(&s->err, ENOBUFS,
				      "events were lost (receive buffer overrun)");
			return -ENOBUFS;
		}
		return fail_nl(s, rc, "cannot receive events");
	}
	return 0;
}

/* State of a pipelined run of requests (mwg_request_many). */
struct many_ctx {
	struct mwg_session *s;
	struct nl_msg **msgs;
	size_t first, n;	/* the window of requests in flight */
	size_t answered;
	int error;		/* the first failure, negative errno */
	size_t failed;		/* its index */
};

/* Which request of the window an answer is for; n when none. */
static size_t many_index(const struct many_ctx *ctx, uint32_t seq)
{
	size_t i;

	for (i = ctx->first; i < ctx->first + ctx->n; i++)
		if (nlmsg_hdr(ctx->msgs[i])->nlmsg_seq == seq)
			return i;
	return (size_t)-1;
}

static int many_on_ack(struct nl_msg *msg, void *arg)
{
	struct many_ctx *ctx = arg;

	if (many_index(ctx, nlmsg_hdr(msg)->nlmsg_seq) != (size_t)-1)
		ctx->answered++;
	return NL_OK;
}

static int many_on_error(struct sockaddr_nl *nla, struct nlmsgerr *e,
			 void *arg)
{
	const struct nlmsghdr *hdr =
		(const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	struct many_ctx *ctx = arg;
	size_t i = many_index(ctx, hdr->nlmsg_seq);
	struct mwg_error err;
	int rc;

	(void)nla;
	if (i == (size_t)-1)
		return NL_SKIP;
	ctx->answered++;
	rc = mwg_extack_decode(hdr, nlmsg_hdr(ctx->msgs[i]), &err);
	if (!ctx->error) {
		ctx->error = rc < 0 ? rc : -EIO;
		ctx->failed = i;
		ctx->s->err = err;
	}
	return NL_SKIP;
}

/* Replies of a doit that has one (none of ours): not an answer. */
static int many_on_valid(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

int mwg_request_many(struct mwg_session *s, struct nl_msg **msgs, size_t n,
		     size_t *failed)
{
	struct many_ctx ctx = { .s = s, .msgs = msgs };
	struct nl_cb *cb;
	size_t i, sent;
	int rc;

	mwg_error_clear(&s->err);
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		for (i = 0; i < n; i++)
			nlmsg_free(msgs[i]);
		return fail_errno(s, ENOMEM);
	}
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, many_on_ack, &ctx);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, many_on_valid, &ctx);
	/* Answers are matched to requests by their sequence number above. */
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, accept_any_seq, NULL);
	nl_cb_err(cb, NL_CB_CUSTOM, many_on_error, &ctx);

	/*
	 * A window at a time, so that its ACKs always fit the receive
	 * buffer; each request keeps its order, and the kernel handles
	 * each one before sendmsg() returns.
	 */
	for (ctx.first = 0; ctx.first < n; ctx.first += ctx.n) {
		ctx.n = n - ctx.first < MWG_REQUEST_WINDOW ?
			n - ctx.first : MWG_REQUEST_WINDOW;
		ctx.answered = 0;
		for (sent = 0; sent < ctx.n; sent++) {
			rc = nl_send_auto(s->sock, msgs[ctx.first + sent]);
			if (rc < 0) {
				ctx.error = fail_nl(s, rc,
						    "cannot send the request");
				ctx.failed = ctx.first + sent;
				break;
			}
		}
		while (ctx.answered < sent) {
			rc = nl_recvmsgs(s->sock, cb);
			if (rc < 0) {
				if (!ctx.error) {
					ctx.error = fail_recv(s, rc,
							      "cannot receive the answers");
					ctx.failed = ctx.first;
				}
				break;
			}
		}
		if (sent < ctx.n)
			break;
	}
	nl_cb_put(cb);
	for (i = 0; i < n; i++)
		nlmsg_free(msgs[i]);
	if (failed)
		*failed = ctx.error ? ctx.failed : n;
	return ctx.error;
}
