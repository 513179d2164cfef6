// SPDX-License-Identifier: GPL-2.0
/*
 * "[vr NAME]" sections.  The keys are those of "mwgctl vr add", so that
 * a line of the file and a word of the command mean the same, and the
 * words are checked by mwgctl's own parser (vr_args.c): one grammar, one
 * set of limits.  "_" may stand for "-" in a key (preempt_delay), "vips"
 * for "vip", and yes/no for on/off.  "[vr IFNAME VRID]" gives dev and vrid
 * when the keys do not.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "vr_args.h"
#include "vrconf.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

bool mwgd_vr_section(const char *section)
{
	return !strncmp(section, "vr", 2) &&
	       (!section[2] || isspace((unsigned char)section[2]));
}

static const char *section_name(const char *section)
{
	section += 2;
	while (isspace((unsigned char)*section))
		section++;
	return section;
}

static struct mwgd_vr_conf *find_or_add(struct mwgd_vr_confs *vc,
					const char *name, int line,
					char *err, size_t errlen)
{
	unsigned int i;

	/* inih calls us per key; a section is "new" when its name changes. */
	if (vc->n && !strcmp(vc->e[vc->n - 1].name, name))
		return &vc->e[vc->n - 1];
	for (i = 0; i < vc->n; i++) {
		if (!strcmp(vc->e[i].name, name)) {
			snprintf(err, errlen, "[vr %s] given twice (line %d)",
				 name, vc->e[i].line);
			return NULL;
		}
	}
	if (vc->n == MWGD_MAX_CONF_VRS) {
		snprintf(err, errlen, "more than %d [vr] sections",
			 MWGD_MAX_CONF_VRS);
		return NULL;
	}
	if (strlen(name) > MWGD_VR_NAME_MAX) {
		snprintf(err, errlen, "a [vr] name has at most %d characters",
			 MWGD_VR_NAME_MAX);
		return NULL;
	}
	memset(&vc->e[vc->n], 0, sizeof(vc->e[0]));
	strcpy(vc->e[vc->n].name, name);
	vc->e[vc->n].line = line;
	return &vc->e[vc->n++];
}

static int append(struct mwgd_vr_conf *v, const char *word, char *err,
		  size_t errlen)
{
	size_t len = strlen(v->words);

	if (len + strlen(word) + 2 > sizeof(v->words)) {
		snprintf(err, errlen, "section too long");
		return -1;
	}
	if (len)
		v->words[len++] = ' ';
	strcpy(v->words + len, word);
	return 0;
}

/* The keys that take on or off, as mwgctl spells them. */
static bool is_onoff_key(const char *kw)
{
	return !strcmp(kw, "preempt") || !strcmp(kw, "accept") ||
	       !strcmp(kw, "vmac") || !strcmp(kw, "track-bfd");
}

/*
 * yes/true and no/false mean on and off; 1 and 0 too, but only for an
 * on/off key: "garp_repeat = 1" or "track_scanners = 1" is a number.
 */
static const char *onoff(const char *kw, const char *value)
{
	bool numeric_ok = is_onoff_key(kw);

	if (!strcmp(value, "yes") || !strcmp(value, "true") ||
	    (numeric_ok && !strcmp(value, "1")))
		return "on";
	if (!strcmp(value, "no") || !strcmp(value, "false") ||
	    (numeric_ok && !strcmp(value, "0")))
		return "off";
	return value;
}

/* The keys whose value is a list of addresses. */
static bool is_list_key(const char *kw)
{
	return !strcmp(kw, "vip") || !strcmp(kw, "allow") ||
	       !strcmp(kw, "peer");
}

int mwgd_vr_conf_entry(struct mwgd_vr_confs *vc, const char *section,
		       int line, const char *key, const char *value, char *err,
		       size_t errlen)
{
	const char *name = section_name(section);
	char kw[32], buf[MWGD_VR_WORDS_MAX], *tok, *save = NULL;
	struct mwgd_vr_conf *v;
	size_t i;

	if (!*name) {
		snprintf(err, errlen, "[vr] needs a name: [vr NAME]");
		return -1;
	}
	v = find_or_add(vc, name, line, err, errlen);
	if (!v)
		return -1;
	if (strlen(key) >= sizeof(kw) || strlen(value) >= sizeof(buf)) {
		snprintf(err, errlen, "key or value too long");
		return -1;
	}
	for (i = 0; key[i]; i++)
		kw[i] = key[i] == '_' ? '-' : key[i];
	kw[i] = '\0';
	if (!strcmp(kw, "vips"))
		strcpy(kw, "vip");
	if (!strcmp(kw, "unicast-peer"))
		strcpy(kw, "peer");
	/* Words are split on blanks: a value must not smuggle in a keyword. */
	if (!*value || (!is_list_key(kw) && strpbrk(value, " \t,"))) {
		snprintf(err, errlen, "%s: \"%s\" is not one value", key, value);
		return -1;
	}
	if (append(v, kw, err, errlen) < 0)
		return -1;
	strcpy(buf, value);
	for (tok = strtok_r(buf, ", \t", &save); tok;
	     tok = strtok_r(NULL, ", \t", &save))
		if (append(v, onoff(kw, tok), err, errlen) < 0)
			return -1;
	return 0;
}

/* "[vr eth0 51]": "dev eth0 vrid 51", which later keys may override. */
static void name_words(const struct mwgd_vr_conf *v, char *buf, size_t len)
{
	char ifname[IF_NAMESIZE + 1];
	unsigned int vrid;
	int n = 0;

	buf[0] = '\0';
	if (sscanf(v->name, "%16s %u %n", ifname, &vrid, &n) == 2 &&
	    !v->name[n] && strlen(ifname) < IF_NAMESIZE)
		snprintf(buf, len, "dev %s vrid %u ", ifname, vrid);
}

static int finish_one(struct mwgd_vr_conf *v, char *err, size_t errlen)
{
	char buf[MWGD_VR_WORDS_MAX + 64], *argv[MWGD_VR_WORDS_MAX / 2];
	char *tok, *save = NULL;
	struct vr_args va;
	struct args a;
	int argc = 0;

	name_words(v, buf, sizeof(buf));
	strncat(buf, v->words, sizeof(buf) - strlen(buf) - 1);
	for (tok = strtok_r(buf, " ", &save); tok && argc < (int)ARRAY_SIZE(argv);
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	args_init(&a, argc, argv, false);
	if (vr_args_parse(VR_CMD_ADD, &a, &va) < 0) {
		snprintf(err, errlen, "[vr %s]: %s", v->name, a.err);
		return -1;
	}
	snprintf(v->dev, sizeof(v->dev), "%s", va.dev);
	snprintf(v->track_dev, sizeof(v->track_dev), "%s",
		 va.track_dev ? va.track_dev : "");
	v->vr = va.vr;
	return 0;
}

int mwgd_vr_conf_finish(struct mwgd_vr_confs *vc, int *line, char *err,
			size_t errlen)
{
	unsigned int i, j;

	for (i = 0; i < vc->n; i++) {
		if (finish_one(&vc->e[i], err, errlen) < 0) {
			*line = vc->e[i].line;
			return -1;
		}
	}
	/* Two sections for one router would fight over it at every apply. */
	for (i = 0; i < vc->n; i++) {
		for (j = 0; j < i; j++) {
			if (!strcmp(vc->e[i].dev, vc->e[j].dev) &&
			    vc->e[i].vr.vrid == vc->e[j].vr.vrid &&
			    vc->e[i].vr.family == vc->e[j].vr.family) {
				snprintf(err, errlen,
					 "[vr %s] and [vr %s] are the same router",
					 vc->e[j].name, vc->e[i].name);
				*line = vc->e[i].line;
				return -1;
			}
		}
	}
	return 0;
}
