// SPDX-License-Identifier: GPL-2.0
/*
 * Arguments of "mwgctl group ...": names, IF:VRID members, family, and
 * what only the kernel checks (the same interface twice) passed through.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "group_args.h"
#include "tap.h"

#define MAX_WORDS	64

static char *last_copy;
static struct group_args ga;
static char err[256];

static int parse(enum group_cmd cmd, const char *line, bool no_check)
{
	char *words[MAX_WORDS], *save = NULL, *w;
	struct args a;
	int n = 0, rc;

	free(last_copy);
	last_copy = strdup(line);
	for (w = strtok_r(last_copy, " ", &save); w && n < MAX_WORDS;
	     w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	args_init(&a, n, words, no_check);
	rc = group_args_parse(cmd, &a, &ga);
	snprintf(err, sizeof(err), "%s", a.err);
	if (rc < 0)
		printf("# message: %s\n", err);
	return rc;
}

static void refused(enum group_cmd cmd, const char *line, const char *needle)
{
	bool good = parse(cmd, line, false) < 0 && strstr(err, needle);

	tap_ok(good, "refuse \"%s\"", line);
	if (!good)
		printf("# expected a message containing \"%s\"\n", needle);
}

int main(void)
{
	tap_start();

	tap_ok(!parse(GROUP_CMD_ADD, "router vr in0:10 vr out0:20", false),
	       "two members");
	tap_ok(!strcmp(ga.name, "router") && ga.count == 2 &&
	       !strcmp(ga.member[0].dev, "in0") && ga.member[0].vrid == 10 &&
	       !strcmp(ga.member[1].dev, "out0") && ga.member[1].vrid == 20 &&
	       ga.family == AF_INET, "two members: values, inet by default");
	tap_ok(!parse(GROUP_CMD_ADD, "g6 vr a:1 family inet6 vr b.100:255",
		      false) && ga.family == AF_INET6 && ga.count == 2 &&
	       !strcmp(ga.member[1].dev, "b.100") && ga.member[1].vrid == 255,
	       "family inet6, a dotted interface name");
	tap_ok(!parse(GROUP_CMD_ADD, "g vr d0:1 vr d0:2", false) &&
	       ga.count == 2, "the same interface twice is left to the kernel");
	tap_ok(!parse(GROUP_CMD_ADD,
		      "a234567890123456789012345678901 vr d0:1", false),
	       "a name of 31 bytes");
	tap_ok(!parse(GROUP_CMD_DEL, "router", false) &&
	       !strcmp(ga.name, "router"), "del NAME");
	tap_ok(!parse(GROUP_CMD_SHOW, "", false), "show");

	refused(GROUP_CMD_ADD, "", "NAME is required");
	refused(GROUP_CMD_ADD, "router", "at least one");
	refused(GROUP_CMD_ADD, "router family inet", "at least one");
	refused(GROUP_CMD_ADD, "a2345678901234567890123456789012 vr d0:1",
		"longer than 31");
	refused(GROUP_CMD_ADD, "g vr d0", "expected IF:VRID");
	refused(GROUP_CMD_ADD, "g vr :5", "bad interface name");
	refused(GROUP_CMD_ADD, "g vr d0:0", "VRID is 1..255");
	refused(GROUP_CMD_ADD, "g vr d0:256", "VRID is 1..255");
	refused(GROUP_CMD_ADD, "g vr d0:x", "VRID is 1..255");
	refused(GROUP_CMD_ADD, "g vr abcdefghijklmnop:1", "bad interface name");
	refused(GROUP_CMD_ADD, "g vr", "vr");
	refused(GROUP_CMD_ADD, "g vr d0:1 family inet7", "invalid family");
	refused(GROUP_CMD_ADD, "g vr d0:1 family inet family inet6",
		"given twice");
	refused(GROUP_CMD_ADD, "g vr d0:1 prio 5", "unknown keyword");
	refused(GROUP_CMD_ADD,
		"g vr a:1 vr b:1 vr c:1 vr d:1 vr e:1 vr f:1 vr g:1 vr h:1 vr i:1",
		"8 members at most");
	refused(GROUP_CMD_DEL, "", "NAME is required");
	refused(GROUP_CMD_DEL, "g extra", "unexpected");
	refused(GROUP_CMD_SHOW, "g", "unexpected");

	tap_ok(!parse(GROUP_CMD_ADD, "g", true) && ga.count == 0,
	       "--no-check: an empty group goes to the kernel");
	tap_ok(!parse(GROUP_CMD_ADD,
		      "a2345678901234567890123456789012 vr d0:1", true),
	       "--no-check: a long name goes to the kernel");

	free(last_copy);
	return tap_done();
}
