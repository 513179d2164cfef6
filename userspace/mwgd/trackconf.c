// SPDX-License-Identifier: GPL-2.0
/*
 * The track_* keys of a [vr NAME] section:
 *
 *   track_file = PATH [weight W]
 *   track_process = NAME [weight W]
 *   track_script = PATH [interval D] [timeout D] [rise N] [fall N]
 *                  [weight W]
 *
 * each repeatable.  A weight W (0..254) is what the object takes from the
 * VR's priority while it is down; 0 makes down a fault instead, which holds
 * the VR in Initialize.  A file's number is multiplied by its weight (1 by
 * default, so the file holds the demotion itself); a process and a script
 * default to 0.  Paths are absolute: a script is executed as it is named,
 * never through a shell or a search of PATH.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "confvalue.h"
#include "trackconf.h"

static const char *const kind_key[] = {
	[MWGD_TRACK_FILE]	= "track_file",
	[MWGD_TRACK_PROCESS]	= "track_process",
	[MWGD_TRACK_SCRIPT]	= "track_script",
};

static const char *const kind_prefix[] = {
	[MWGD_TRACK_FILE]	= "file",
	[MWGD_TRACK_PROCESS]	= "process",
	[MWGD_TRACK_SCRIPT]	= "script",
};

static int kind_of(const char *key)
{
	unsigned int i;

	for (i = 0; i < sizeof(kind_key) / sizeof(kind_key[0]); i++)
		if (!strcmp(key, kind_key[i]))
			return i;
	return -1;
}

const char *mwgd_track_kind_key(enum mwgd_track_kind kind)
{
	return kind_key[kind];
}

bool mwgd_track_key(const char *key)
{
	return kind_of(key) >= 0;
}

/* The words after the object: "weight W", and a script's timing. */
static int parse_options(struct mwgd_track_conf *t, char *words, char *err,
			 size_t errlen)
{
	char *opt, *val, *save = NULL;
	unsigned long v;
	char why[160];
	int rc;

	for (opt = strtok_r(words, " \t", &save); opt;
	     opt = strtok_r(NULL, " \t", &save)) {
		bool script_only = strcmp(opt, "weight") != 0;

		val = strtok_r(NULL, " \t", &save);
		if (!val) {
			snprintf(err, errlen, "%s: \"%s\" needs a value",
				 kind_key[t->kind], opt);
			return -1;
		}
		if (!strcmp(opt, "weight"))
			rc = mwgd_parse_uint(val, 0, 254, &v, why, sizeof(why));
		else if (!strcmp(opt, "interval") || !strcmp(opt, "timeout"))
			rc = mwgd_parse_duration(val, 1,
						 MWGD_TRACK_INTERVAL_MS_MIN,
						 MWGD_TRACK_INTERVAL_MS_MAX,
						 &v, why, sizeof(why));
		else if (!strcmp(opt, "rise") || !strcmp(opt, "fall"))
			rc = mwgd_parse_uint(val, 1, MWGD_TRACK_RISE_FALL_MAX,
					     &v, why, sizeof(why));
		else
			goto unknown;
		if (script_only && t->kind != MWGD_TRACK_SCRIPT)
			goto unknown;
		if (rc < 0) {
			snprintf(err, errlen, "%s: %s %s", kind_key[t->kind],
				 opt, why);
			return -1;
		}
		if (!strcmp(opt, "weight"))
			t->weight = v;
		else if (!strcmp(opt, "interval"))
			t->interval_ms = v;
		else if (!strcmp(opt, "timeout"))
			t->timeout_ms = v;
		else if (!strcmp(opt, "rise"))
			t->rise = v;
		else
			t->fall = v;
	}
	return 0;
unknown:
	snprintf(err, errlen, "%s: unknown option \"%s\" (%s)",
		 kind_key[t->kind], opt,
		 t->kind == MWGD_TRACK_SCRIPT ?
		 "interval, timeout, rise, fall, weight" : "weight");
	return -1;
}

int mwgd_track_conf_entry(struct mwgd_track_confs *tc, const char *section,
			  int line, const char *key, const char *value,
			  char *err, size_t errlen)
{
	char words[PATH_MAX + 128], *rest;
	struct mwgd_track_conf *t;
	size_t len;

	if (tc->n == MWGD_MAX_TRACKS) {
		snprintf(err, errlen, "more than %d tracked objects",
			 MWGD_MAX_TRACKS);
		return -1;
	}
	if (strlen(value) >= sizeof(words)) {
		snprintf(err, errlen, "%s: value too long", key);
		return -1;
	}
	t = &tc->e[tc->n];
	memset(t, 0, sizeof(*t));
	t->kind = kind_of(key);
	t->line = line;
	t->weight = t->kind == MWGD_TRACK_FILE ? 1 : 0;
	t->interval_ms = MWGD_TRACK_INTERVAL_MS_DEFAULT;
	t->rise = 1;
	t->fall = 1;
	section += 2;		/* "vr" */
	while (isspace((unsigned char)*section))
		section++;
	snprintf(t->vr, sizeof(t->vr), "%s", section);

	strcpy(words, value);
	rest = words + strcspn(words, " \t");
	if (*rest)
		*rest++ = '\0';
	len = strlen(words);
	if (!len) {
		snprintf(err, errlen, "%s needs a %s", key,
			 t->kind == MWGD_TRACK_PROCESS ? "process name" :
							 "path");
		return -1;
	}
	if (t->kind == MWGD_TRACK_PROCESS) {
		if (len > MWGD_TRACK_COMM_MAX || strchr(words, '/')) {
			snprintf(err, errlen,
				 "track_process: \"%s\" is not a process name (at most %d characters, no \"/\", as in /proc/PID/comm)",
				 words, MWGD_TRACK_COMM_MAX);
			return -1;
		}
	} else if (words[0] != '/') {
		snprintf(err, errlen, "%s: \"%s\" is not an absolute path",
			 key, words);
		return -1;
	}
	strcpy(t->what, words);
	if (parse_options(t, rest, err, errlen) < 0)
		return -1;
	if (!t->timeout_ms)
		t->timeout_ms = t->interval_ms;
	tc->n++;
	return 0;
}

int mwgd_track_conf_finish(const struct mwgd_track_confs *tc,
			   const struct mwgd_vr_confs *vc, int *line,
			   char *err, size_t errlen)
{
	char name[MWG_VRRP_TRACKED_NAME_MAX], other[MWG_VRRP_TRACKED_NAME_MAX];
	unsigned int i, j, n;

	for (i = 0; i < tc->n; i++) {
		const struct mwgd_track_conf *t = &tc->e[i];

		for (j = 0; j < vc->n; j++)
			if (!strcmp(vc->e[j].name, t->vr))
				break;
		if (j == vc->n) {
			snprintf(err, errlen,
				 "%s in [vr %s], which describes no router",
				 kind_key[t->kind], t->vr);
			*line = t->line;
			return -1;
		}
		/* The kernel keeps one entry per name and VR. */
		mwgd_track_conf_name(t, name, sizeof(name));
		for (j = n = 0; j < i; j++) {
			if (strcmp(tc->e[j].vr, t->vr))
				continue;
			n++;
			mwgd_track_conf_name(&tc->e[j], other, sizeof(other));
			if (!strcmp(name, other)) {
				snprintf(err, errlen,
					 "%s %s given twice in [vr %s] (or its name is not unique in its first %d characters)",
					 kind_key[t->kind], t->what, t->vr,
					 MWG_VRRP_TRACKED_NAME_MAX - 1);
				*line = t->line;
				return -1;
			}
		}
		if (n == MWG_VRRP_MAX_TRACKED) {
			snprintf(err, errlen,
				 "more than %d tracked objects in [vr %s]",
				 MWG_VRRP_MAX_TRACKED, t->vr);
			*line = t->line;
			return -1;
		}
	}
	return 0;
}

void mwgd_track_conf_name(const struct mwgd_track_conf *t, char *buf,
			  size_t len)
{
	snprintf(buf, len, "%s:%s", kind_prefix[t->kind], t->what);
}
