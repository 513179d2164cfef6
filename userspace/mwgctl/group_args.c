// SPDX-License-Identifier: GPL-2.0
/*
 * Arguments of "mwgctl group ...", without any I/O, for the unit tests.
 */
#include <string.h>
#include <sys/socket.h>

#include "group_args.h"

static int parse_member(struct args *a, const char *text,
			struct group_member_arg *m)
{
	const char *colon = strrchr(text, ':');
	uint64_t vrid;
	size_t len;

	if (!colon)
		return args_error(a, "invalid vr \"%s\": expected IF:VRID", text);
	len = colon - text;
	if (!len || len >= IF_NAMESIZE)
		return args_error(a, "invalid vr \"%s\": bad interface name",
				  text);
	if (parse_uint(colon + 1, &vrid) < 0 || vrid > UINT8_MAX ||
	    (!a->no_check && (vrid < MWG_VRRP_VRID_MIN ||
			      vrid > MWG_VRRP_VRID_MAX)))
		return args_error(a, "invalid vr \"%s\": VRID is %u..%u", text,
				  MWG_VRRP_VRID_MIN, MWG_VRRP_VRID_MAX);
	memcpy(m->dev, text, len);
	m->dev[len] = '\0';
	m->vrid = vrid;
	return 0;
}

static int parse_name(struct args *a, struct group_args *out)
{
	out->name = args_next(a);
	if (!out->name)
		return args_error(a, "a group NAME is required");
	if (a->no_check)
		return 0;
	if (!out->name[0])
		return args_error(a, "the group name is empty");
	if (strlen(out->name) >= MWG_VRRP_GROUP_NAME_MAX)
		return args_error(a, "the group name is longer than %u bytes",
				  MWG_VRRP_GROUP_NAME_MAX - 1);
	return 0;
}

int group_args_parse(enum group_cmd cmd, struct args *a,
		     struct group_args *out)
{
	bool have_family = false;
	const char *word, *v;
	int fam;

	memset(out, 0, sizeof(*out));
	out->family = AF_INET;
	if (cmd == GROUP_CMD_SHOW) {
		if (args_more(a))
			return args_error(a, "unexpected \"%s\"", args_peek(a));
		return 0;
	}
	if (parse_name(a, out) < 0)
		return -1;
	if (cmd == GROUP_CMD_DEL) {
		if (args_more(a))
			return args_error(a, "unexpected \"%s\"", args_peek(a));
		return 0;
	}
	while ((word = args_next(a))) {
		if (!strcmp(word, "vr")) {
			v = args_value(a, "vr");
			if (!v)
				return -1;
			if (out->count == sizeof(out->member) /
					  sizeof(out->member[0]))
				return args_error(a, "too many members");
			if (parse_member(a, v, &out->member[out->count]) < 0)
				return -1;
			out->count++;
		} else if (!strcmp(word, "family") && !have_family) {
			v = args_value(a, "family");
			if (!v)
				return -1;
			fam = mwg_family_from_name(v);
			if (fam < 0)
				return args_error(a, "invalid family \"%s\": inet or inet6",
						  v);
			out->family = fam;
			have_family = true;
		} else if (!strcmp(word, "family")) {
			return args_error(a, "\"family\" given twice");
		} else {
			return args_error(a, "unknown keyword \"%s\"", word);
		}
	}
	if (!out->count && !a->no_check)
		return args_error(a, "at least one \"vr IF:VRID\" is required");
	if (!a->no_check && out->count > MWG_VRRP_GROUP_MEMBERS_MAX)
		return args_error(a, "a group has %u members at most",
				  MWG_VRRP_GROUP_MEMBERS_MAX);
	return 0;
}
