// SPDX-License-Identifier: GPL-2.0
/*
 * "[group NAME]" sections: the VRs that a director keeps MASTER together
 * (transparent router mode: the inside and the outside VIP).
 *
 *	[group router]
 *	vr = eth0:51 eth1:52
 *	family = inet
 *
 * "vr" takes one or more IF:VRID (blank or comma separated) and may be
 * repeated; the words are checked by mwgctl's own parser (group_args.c), so
 * the file and "mwgctl group add" share one grammar and one set of limits.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "group_args.h"
#include "groupconf.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

bool mwgd_group_section(const char *section)
{
	return !strncmp(section, "group", 5) &&
	       (!section[5] || isspace((unsigned char)section[5]));
}

static const char *section_name(const char *section)
{
	section += 5;
	while (isspace((unsigned char)*section))
		section++;
	return section;
}

static struct mwgd_group_conf *find_or_add(struct mwgd_group_confs *gc,
					   const char *name, int line,
					   char *err, size_t errlen)
{
	unsigned int i;

	/* inih calls us per key; a section is "new" when its name changes. */
	if (gc->n && !strcmp(gc->e[gc->n - 1].name, name))
		return &gc->e[gc->n - 1];
	for (i = 0; i < gc->n; i++) {
		if (!strcmp(gc->e[i].name, name)) {
			snprintf(err, errlen, "[group %s] given twice (line %d)",
				 name, gc->e[i].line);
			return NULL;
		}
	}
	if (gc->n == MWGD_MAX_CONF_GROUPS) {
		snprintf(err, errlen, "more than %d [group] sections",
			 MWGD_MAX_CONF_GROUPS);
		return NULL;
	}
	if (strlen(name) >= sizeof(gc->e[0].name)) {
		snprintf(err, errlen, "a group name has at most %zu characters",
			 sizeof(gc->e[0].name) - 1);
		return NULL;
	}
	memset(&gc->e[gc->n], 0, sizeof(gc->e[0]));
	strcpy(gc->e[gc->n].name, name);
	gc->e[gc->n].line = line;
	return &gc->e[gc->n++];
}

static int append(struct mwgd_group_conf *g, const char *kw,
		  const char *word, char *err, size_t errlen)
{
	size_t len = strlen(g->words);

	if (len + strlen(kw) + strlen(word) + 3 > sizeof(g->words)) {
		snprintf(err, errlen, "section too long");
		return -1;
	}
	snprintf(g->words + len, sizeof(g->words) - len, "%s%s %s",
		 len ? " " : "", kw, word);
	return 0;
}

int mwgd_group_conf_entry(struct mwgd_group_confs *gc, const char *section,
			  int line, const char *key, const char *value,
			  char *err, size_t errlen)
{
	const char *name = section_name(section);
	char buf[MWGD_GROUP_WORDS_MAX], *tok, *save = NULL;
	struct mwgd_group_conf *g;

	if (!*name || strpbrk(name, " \t")) {
		snprintf(err, errlen, "[group] needs one name: [group NAME]");
		return -1;
	}
	g = find_or_add(gc, name, line, err, errlen);
	if (!g)
		return -1;
	if (strlen(value) >= sizeof(buf)) {
		snprintf(err, errlen, "%s: value too long", key);
		return -1;
	}
	if (!strcmp(key, "family")) {
		if (!*value || strpbrk(value, " \t,")) {
			snprintf(err, errlen, "family: \"%s\" is not one value",
				 value);
			return -1;
		}
		return append(g, "family", value, err, errlen);
	}
	if (strcmp(key, "vr") && strcmp(key, "vrs")) {
		snprintf(err, errlen, "[group %s]: unknown key \"%s\" (vr, family)",
			 g->name, key);
		return -1;
	}
	strcpy(buf, value);
	for (tok = strtok_r(buf, ", \t", &save); tok;
	     tok = strtok_r(NULL, ", \t", &save))
		if (append(g, "vr", tok, err, errlen) < 0)
			return -1;
	return 0;
}

static int finish_one(struct mwgd_group_conf *g, char *err, size_t errlen)
{
	char buf[MWGD_GROUP_WORDS_MAX + MWG_VRRP_GROUP_NAME_MAX + 2];
	char *argv[MWGD_GROUP_WORDS_MAX / 2], *tok, *save = NULL;
	struct group_args ga;
	struct args a;
	unsigned int i;
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s %s", g->name, g->words);
	for (tok = strtok_r(buf, " ", &save); tok && argc < (int)ARRAY_SIZE(argv);
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	args_init(&a, argc, argv, false);
	if (group_args_parse(GROUP_CMD_ADD, &a, &ga) < 0) {
		snprintf(err, errlen, "[group %s]: %s", g->name, a.err);
		return -1;
	}
	g->count = ga.count;
	for (i = 0; i < ga.count; i++) {
		snprintf(g->member[i].dev, sizeof(g->member[i].dev), "%s",
			 ga.member[i].dev);
		g->member[i].vrid = ga.member[i].vrid;
	}
	g->family = ga.family;
	return 0;
}

/* The kernel's rule: a group's VRs are on different interfaces. */
static int distinct_devs(const struct mwgd_group_conf *g, char *err,
			 size_t errlen)
{
	unsigned int i, j;

	for (i = 0; i < g->count; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(g->member[i].dev, g->member[j].dev) &&
			    g->member[i].vrid != g->member[j].vrid) {
				snprintf(err, errlen,
					 "[group %s]: vr %s:%u and vr %s:%u are on one interface (a group's VRs are on different ones)",
					 g->name, g->member[j].dev,
					 g->member[j].vrid, g->member[i].dev,
					 g->member[i].vrid);
				return -1;
			}
	return 0;
}

static bool same_member(const struct mwgd_group_conf *a, unsigned int i,
			const struct mwgd_group_conf *b, unsigned int j)
{
	return a->family == b->family &&
	       a->member[i].vrid == b->member[j].vrid &&
	       !strcmp(a->member[i].dev, b->member[j].dev);
}

int mwgd_group_conf_finish(struct mwgd_group_confs *gc, int *line, char *err,
			   size_t errlen)
{
	unsigned int i, j, k, m;

	for (i = 0; i < gc->n; i++) {
		if (finish_one(&gc->e[i], err, errlen) < 0) {
			*line = gc->e[i].line;
			return -1;
		}
	}
	/* A VR follows one group; two sections would fight over it. */
	for (i = 0; i < gc->n; i++)
		if (distinct_devs(&gc->e[i], err, errlen) < 0) {
			*line = gc->e[i].line;
			return -1;
		}
	for (i = 0; i < gc->n; i++)
		for (j = 0; j <= i; j++)
			for (k = 0; k < gc->e[i].count; k++)
				for (m = 0; m < gc->e[j].count; m++) {
					if ((i == j && m >= k) ||
					    !same_member(&gc->e[i], k, &gc->e[j], m))
						continue;
					if (i == j)
						snprintf(err, errlen,
							 "[group %s]: vr %s:%u named twice",
							 gc->e[i].name,
							 gc->e[i].member[k].dev,
							 gc->e[i].member[k].vrid);
					else
						snprintf(err, errlen,
							 "vr %s:%u is in [group %s] and [group %s]",
							 gc->e[i].member[k].dev,
							 gc->e[i].member[k].vrid,
							 gc->e[j].name, gc->e[i].name);
					*line = gc->e[i].line;
					return -1;
				}
	return 0;
}
