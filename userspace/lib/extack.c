// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel errors, told the way the kernel told them.
 *
 * With NETLINK_EXT_ACK set on the socket the kernel appends TLVs to its
 * NLMSG_ERROR (and to the NLMSG_DONE of a failed dump): a message string,
 * the offset of the attribute it rejected, the type of a missing required
 * attribute and the policy that was violated.  libnl 3.7 hands the error
 * callback only the struct nlmsgerr, so the TLVs are found here by hand:
 * they follow the echoed request, which is only its header when the kernel
 * capped it (NLM_F_CAPPED).
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <netlink/attr.h>

#include "mwg.h"

void mwg_error_clear(struct mwg_error *err)
{
	memset(err, 0, sizeof(*err));
}

void mwg_error_set(struct mwg_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	err->code = code;
	err->extack[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(err->text, sizeof(err->text), fmt, ap);
	va_end(ap);
}

void mwg_error_set_errno(struct mwg_error *err, int code)
{
	mwg_error_set(err, code, "%s", strerror(code));
}

static bool is_nest(unsigned int parent, unsigned int type)
{
	if (parent != 0 && parent != MWG_VRRP_A_VIPS &&
	    parent != MWG_VRRP_A_SCANNERS)
		return false;
	switch (type) {
	case MWG_VRRP_A_VIPS:
	case MWG_VRRP_A_VIP:
	case MWG_VRRP_A_STATS:
	case MWG_VRRP_A_NS_STATS:
	case MWG_VRRP_A_SCANNERS:
	case MWG_VRRP_A_SCANNER:
		return true;
	default:
		return false;
	}
}

static void path_append(char *path, size_t len, unsigned int parent,
			unsigned int type, int index)
{
	const char *name = mwg_attr_name(parent, type);
	size_t used = strlen(path);

	if (used >= len)
		return;
	if (!name)
		snprintf(path + used, len - used, "%stype %u",
			 used ? "/" : "", type);
	else if (index >= 0)
		snprintf(path + used, len - used, "%s%s[%d]",
			 used ? "/" : "", name, index);
	else
		snprintf(path + used, len - used, "%s%s", used ? "/" : "", name);
}

/*
 * Find the attribute that starts at byte @target of the request and write
 * its path ("vips/vip[1]/addr") into @path.
 */
static bool find_attr_path(const char *base, const struct nlattr *head,
			   int len, unsigned int parent, size_t target,
			   char *path, size_t pathlen, unsigned int *found)
{
	const struct nlattr *nla;
	int rem, index = 0;

	nla_for_each_attr(nla, (struct nlattr *)head, len, rem) {
		size_t start = (const char *)nla - base;
		unsigned int type = nla_type(nla);
		int shown_index = (parent == MWG_VRRP_A_VIPS ||
				   parent == MWG_VRRP_A_SCANNERS) ? index : -1;

		index++;
		if (start == target) {
			path_append(path, pathlen, parent, type, shown_index);
			*found = type;
			return true;
		}
		if (target > start && target < start + nla_len(nla) + NLA_HDRLEN &&
		    is_nest(parent, type)) {
			path_append(path, pathlen, parent, type, shown_index);
			return find_attr_path(base, nla_data(nla), nla_len(nla),
					      type, target, path, pathlen,
					      found);
		}
	}
	return false;
}

static bool request_attr_path(const struct nlmsghdr *request, uint32_t offset,
			      char *path, size_t pathlen, unsigned int *found)
{
	size_t hdrs = NLMSG_HDRLEN + GENL_HDRLEN;

	path[0] = '\0';
	if (!request || request->nlmsg_len <= hdrs || offset < hdrs ||
	    offset >= request->nlmsg_len)
		return false;
	return find_attr_path((const char *)request,
			      (const struct nlattr *)((const char *)request + hdrs),
			      request->nlmsg_len - hdrs, 0, offset,
			      path, pathlen, found);
}

/* ", valid range 1..255" from an NLMSGERR_ATTR_POLICY nest, if it has one. */
static void describe_policy(struct nlattr *policy, char *buf, size_t len)
{
	struct nlattr *tb[NL_POLICY_TYPE_ATTR_MAX + 1];

	buf[0] = '\0';
	if (!policy || nla_parse_nested(tb, NL_POLICY_TYPE_ATTR_MAX, policy,
					NULL) < 0)
		return;
	if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U] &&
	    tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U])
		snprintf(buf, len, ", valid range %llu..%llu",
			 (unsigned long long)nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]),
			 (unsigned long long)nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]));
	else if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S] &&
		 tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_S])
		snprintf(buf, len, ", valid range %lld..%lld",
			 (long long)nla_get_s64(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S]),
			 (long long)nla_get_s64(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_S]));
	else if (tb[NL_POLICY_TYPE_ATTR_MIN_LENGTH] ||
		 tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH])
		snprintf(buf, len, ", length %u..%u bytes",
			 tb[NL_POLICY_TYPE_ATTR_MIN_LENGTH] ?
			 nla_get_u32(tb[NL_POLICY_TYPE_ATTR_MIN_LENGTH]) : 0,
			 tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH] ?
			 nla_get_u32(tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]) : 0);
}

/* Copy a string attribute that the kernel should have NUL-terminated. */
static void copy_string_attr(char *dst, size_t len, const struct nlattr *nla)
{
	size_t n = nla_len(nla);

	if (n >= len)
		n = len - 1;
	memcpy(dst, nla_data(nla), n);
	dst[n] = '\0';
	n = strnlen(dst, n);
	/* "mwg_vrrp: bad vrid\n" would break the one-line promise. */
	while (n > 0 && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
		dst[--n] = '\0';
}

int mwg_extack_decode(const struct nlmsghdr *hdr,
		      const struct nlmsghdr *request, struct mwg_error *err)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { NULL };
	char where[224] = "", policy[64] = "", path[128];
	unsigned int type;
	size_t payload, hdrlen = hdr->nlmsg_len;
	const char *data = NLMSG_DATA(hdr);
	int error;

	mwg_error_clear(err);

	if (hdr->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = NLMSG_DATA(hdr);

		if (hdrlen < NLMSG_LENGTH(sizeof(*e))) {
			mwg_error_set(err, EIO, "truncated netlink error message");
			return -EIO;
		}
		error = e->error;
		payload = sizeof(*e);
		if (!(hdr->nlmsg_flags & NLM_F_CAPPED) &&
		    e->msg.nlmsg_len > NLMSG_HDRLEN)
			payload += e->msg.nlmsg_len - NLMSG_HDRLEN;
	} else if (hdr->nlmsg_type == NLMSG_DONE) {
		if (hdrlen < NLMSG_LENGTH(sizeof(int)))
			return 0;
		memcpy(&error, data, sizeof(error));
		payload = sizeof(int);
	} else {
		return 0;
	}

	/* The kernel never reports a positive errno; do not trust one. */
	if (error > 0)
		error = -error;

	payload = NLMSG_ALIGN(payload);
	if ((hdr->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    NLMSG_HDRLEN + payload < hdrlen)
		nla_parse(tb, NLMSGERR_ATTR_MAX,
			  (struct nlattr *)(data + payload),
			  hdrlen - NLMSG_HDRLEN - payload, NULL);

	if (tb[NLMSGERR_ATTR_MSG])
		copy_string_attr(err->extack, sizeof(err->extack),
				 tb[NLMSGERR_ATTR_MSG]);
	describe_policy(tb[NLMSGERR_ATTR_POLICY], policy, sizeof(policy));

	if (tb[NLMSGERR_ATTR_MISS_TYPE] &&
	    nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) >= 4) {
		uint32_t missing = nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
		unsigned int parent = 0;
		const char *name;

		/* The nest's own type decides which names apply inside it. */
		if (!tb[NLMSGERR_ATTR_MISS_NEST] ||
		    nla_len(tb[NLMSGERR_ATTR_MISS_NEST]) < 4 ||
		    !request_attr_path(request,
				       nla_get_u32(tb[NLMSGERR_ATTR_MISS_NEST]),
				       path, sizeof(path), &parent)) {
			path[0] = '\0';
			parent = 0;
		}
		name = mwg_attr_name(parent, missing);
		if (name)
			snprintf(where, sizeof(where), "missing attribute %s%s%s",
				 name, path[0] ? " in " : "", path);
		else
			snprintf(where, sizeof(where),
				 "missing attribute type %u%s%s",
				 missing, path[0] ? " in " : "", path);
	} else if (tb[NLMSGERR_ATTR_OFFS] &&
		   nla_len(tb[NLMSGERR_ATTR_OFFS]) >= 4 &&
		   request_attr_path(request,
				     nla_get_u32(tb[NLMSGERR_ATTR_OFFS]),
				     path, sizeof(path), &type)) {
		snprintf(where, sizeof(where), "attribute %s%s", path, policy);
	}

	if (error == 0) {
		/* An ACK may still carry a warning in its message. */
		err->text[0] = '\0';
		if (err->extack[0])
			snprintf(err->text, sizeof(err->text), "%s",
				 err->extack);
		return 0;
	}

	err->code = -error;
	if (err->extack[0] && where[0])
		snprintf(err->text, sizeof(err->text), "%s (%s)",
			 err->extack, where);
	else if (err->extack[0])
		snprintf(err->text, sizeof(err->text), "%s", err->extack);
	else if (where[0])
		snprintf(err->text, sizeof(err->text), "%s (%s)",
			 strerror(-error), where);
	else
		snprintf(err->text, sizeof(err->text), "%s", strerror(-error));
	return error;
}
