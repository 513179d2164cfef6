// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel errors laid out as netlink_ack() and netlink_dump_done() lay them
 * out (echoed request, capped or not, then NLMSGERR_ATTR_* TLVs), decoded
 * into the one line mwgctl prints.
 */
#include <errno.h>
#include <string.h>
#include <linux/netlink.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "mwg.h"
#include "tap.h"

/* A VR_NEW request; its attribute offsets are what the kernel points at. */
static struct nl_msg *request;
static uint32_t off_prio, off_vips, off_vip1, off_vip1_addr;

static uint32_t offset_of(const void *p)
{
	return (const char *)p - (const char *)nlmsg_hdr(request);
}

static void build_request(void)
{
	struct nlattr *vips, *vip;
	uint8_t addr[4] = { 192, 0, 2, 1 };

	request = nlmsg_alloc();
	genlmsg_put(request, 1, 7, 0x20, 0, NLM_F_REQUEST | NLM_F_ACK,
		    MWG_VRRP_CMD_VR_NEW, 1);
	nla_put_u32(request, MWG_VRRP_A_IFINDEX, 3);
	nla_put_u8(request, MWG_VRRP_A_VRID, 5);
	off_prio = offset_of(nlmsg_tail(nlmsg_hdr(request)));
	nla_put_u8(request, MWG_VRRP_A_PRIORITY, 0);
	off_vips = offset_of(nlmsg_tail(nlmsg_hdr(request)));
	vips = nla_nest_start(request, MWG_VRRP_A_VIPS);
	vip = nla_nest_start(request, MWG_VRRP_A_VIP);
	nla_put(request, MWG_VRRP_VIP_A_ADDR, 4, addr);
	nla_nest_end(request, vip);
	off_vip1 = offset_of(nlmsg_tail(nlmsg_hdr(request)));
	vip = nla_nest_start(request, MWG_VRRP_A_VIP);
	off_vip1_addr = offset_of(nlmsg_tail(nlmsg_hdr(request)));
	nla_put(request, MWG_VRRP_VIP_A_ADDR, 3, addr);
	nla_nest_end(request, vip);
	nla_nest_end(request, vips);
}

/* NLMSG_ERROR echoing the request (whole, or only its header if capped). */
static struct nl_msg *error_msg(int error, bool capped)
{
	struct nlmsghdr *req = nlmsg_hdr(request);
	struct nl_msg *msg;
	struct nlmsgerr e;

	msg = nlmsg_alloc_simple(NLMSG_ERROR,
				 NLM_F_ACK_TLVS | (capped ? NLM_F_CAPPED : 0));
	e.error = error;
	e.msg = *req;
	nlmsg_append(msg, &e, sizeof(e), NLMSG_ALIGNTO);
	if (!capped)
		nlmsg_append(msg, nlmsg_data(req), req->nlmsg_len - NLMSG_HDRLEN,
			     NLMSG_ALIGNTO);
	return msg;
}

static void check(struct nl_msg *msg, int want_rc, const char *want_text,
		  const char *name)
{
	struct mwg_error err;
	int rc = mwg_extack_decode(nlmsg_hdr(msg), nlmsg_hdr(request), &err);

	tap_ok(rc == want_rc, "%s: returns %d", name, want_rc);
	if (rc != want_rc)
		printf("#   got %d\n", rc);
	tap_str_eq(err.text, want_text, name);
	nlmsg_free(msg);
}

static void put_range(struct nl_msg *msg, uint64_t min, uint64_t max)
{
	struct nlattr *policy = nla_nest_start(msg, NLMSGERR_ATTR_POLICY);

	nla_put_u32(msg, NL_POLICY_TYPE_ATTR_TYPE, NL_ATTR_TYPE_U8);
	nla_put_u64(msg, NL_POLICY_TYPE_ATTR_MIN_VALUE_U, min);
	nla_put_u64(msg, NL_POLICY_TYPE_ATTR_MAX_VALUE_U, max);
	nla_nest_end(msg, policy);
}

int main(void)
{
	struct nl_msg *msg;
	struct mwg_error err;
	int done_error;

	tap_start();
	build_request();

	/* A policy range error on prio, request echoed whole. */
	msg = error_msg(-ERANGE, false);
	nla_put_string(msg, NLMSGERR_ATTR_MSG, "integer out of range");
	nla_put_u32(msg, NLMSGERR_ATTR_OFFS, off_prio);
	put_range(msg, 1, 255);
	check(msg, -ERANGE,
	      "integer out of range (attribute prio, valid range 1..255)",
	      "range error names the attribute and the range");

	/* The same, capped: the TLVs follow the echoed header at once. */
	msg = error_msg(-ERANGE, true);
	nla_put_string(msg, NLMSGERR_ATTR_MSG, "integer out of range");
	nla_put_u32(msg, NLMSGERR_ATTR_OFFS, off_prio);
	check(msg, -ERANGE, "integer out of range (attribute prio)",
	      "capped echo");

	/* A module's own message, trailing newline trimmed. */
	msg = error_msg(-EEXIST, false);
	nla_put_string(msg, NLMSGERR_ATTR_MSG,
		       "mwg_vrrp: VR already exists on d0\n");
	check(msg, -EEXIST, "mwg_vrrp: VR already exists on d0",
	      "message only");

	/* No extack at all: strerror. */
	msg = error_msg(-ENOENT, false);
	check(msg, -ENOENT, strerror(ENOENT), "no extack: strerror");

	/* An attribute deep in a nest. */
	msg = error_msg(-EINVAL, false);
	nla_put_string(msg, NLMSGERR_ATTR_MSG, "bad address length");
	nla_put_u32(msg, NLMSGERR_ATTR_OFFS, off_vip1_addr);
	check(msg, -EINVAL, "bad address length (attribute vips/vip[1]/addr)",
	      "nested attribute path");

	/* An offset at a nest itself. */
	msg = error_msg(-EINVAL, false);
	nla_put_u32(msg, NLMSGERR_ATTR_OFFS, off_vip1);
	check(msg, -EINVAL, "Invalid argument (attribute vips/vip[1])",
	      "offset of a nest, no message");

	/* An offset that points nowhere in the request is not guessed at. */
	msg = error_msg(-EINVAL, false);
	nla_put_string(msg, NLMSGERR_ATTR_MSG, "bad");
	nla_put_u32(msg, NLMSGERR_ATTR_OFFS, 9999);
	check(msg, -EINVAL, "bad", "offset outside the request");

	/* A missing required attribute (GENL_REQ_ATTR_CHECK). */
	msg = error_msg(-EINVAL, false);
	nla_put_u32(msg, NLMSGERR_ATTR_MISS_TYPE, MWG_VRRP_A_IFINDEX);
	check(msg, -EINVAL, "Invalid argument (missing attribute ifindex)",
	      "missing top-level attribute");

	msg = error_msg(-EINVAL, false);
	nla_put_string(msg, NLMSGERR_ATTR_MSG, "VIP without address");
	nla_put_u32(msg, NLMSGERR_ATTR_MISS_TYPE, MWG_VRRP_VIP_A_PREFIXLEN);
	nla_put_u32(msg, NLMSGERR_ATTR_MISS_NEST, off_vip1);
	check(msg, -EINVAL,
	      "VIP without address (missing attribute prefixlen in vips/vip[1])",
	      "missing attribute inside a nest");

	/* A plain ACK; and an ACK with a warning. */
	msg = error_msg(0, true);
	check(msg, 0, "", "plain ACK");
	msg = error_msg(0, true);
	nla_put_string(msg, NLMSGERR_ATTR_MSG, "garp-refresh rounded");
	check(msg, 0, "garp-refresh rounded", "ACK with a warning");

	/* A dump that failed half way: NLMSG_DONE with an error and TLVs. */
	msg = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS);
	done_error = -EPERM;
	nlmsg_append(msg, &done_error, sizeof(done_error), NLMSG_ALIGNTO);
	nla_put_string(msg, NLMSGERR_ATTR_MSG, "not in this namespace");
	check(msg, -EPERM, "not in this namespace", "failed dump");

	/* A clean NLMSG_DONE. */
	msg = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI);
	done_error = 0;
	nlmsg_append(msg, &done_error, sizeof(done_error), NLMSG_ALIGNTO);
	check(msg, 0, "", "clean dump end");

	/* A truncated error is reported, not read past. */
	msg = nlmsg_alloc_simple(NLMSG_ERROR, 0);
	nlmsg_append(msg, &done_error, sizeof(done_error), NLMSG_ALIGNTO);
	tap_ok(mwg_extack_decode(nlmsg_hdr(msg), NULL, &err) == -EIO,
	       "truncated error message");
	nlmsg_free(msg);

	/* An echoed length that lies is not trusted past the message. */
	msg = error_msg(-EINVAL, true);
	((struct nlmsgerr *)nlmsg_data(nlmsg_hdr(msg)))->msg.nlmsg_len = 60000;
	nlmsg_hdr(msg)->nlmsg_flags &= ~NLM_F_CAPPED;
	check(msg, -EINVAL, strerror(EINVAL), "bogus echoed length");

	nlmsg_free(request);
	return tap_done();
}
