/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a [vr] section tracks besides the kernel's own terms: a maintenance
 * file, a process, a script ("track_file", "track_process", "track_script"
 * keys).  Parsing only; track.c runs them and reports to the kernel.
 */
#ifndef MWGD_TRACKCONF_H
#define MWGD_TRACKCONF_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "vrconf.h"

/* Tracked objects in one file, all [vr] sections together. */
#define MWGD_MAX_TRACKS		64
/* /proc/PID/comm holds at most this many characters. */
#define MWGD_TRACK_COMM_MAX	15
#define MWGD_TRACK_INTERVAL_MS_MIN	100
#define MWGD_TRACK_INTERVAL_MS_MAX	3600000
#define MWGD_TRACK_INTERVAL_MS_DEFAULT	1000
#define MWGD_TRACK_RISE_FALL_MAX	100

enum mwgd_track_kind {
	MWGD_TRACK_FILE,
	MWGD_TRACK_PROCESS,
	MWGD_TRACK_SCRIPT,
};

struct mwgd_track_conf {
	char vr[MWGD_VR_NAME_MAX + 1];	/* the [vr NAME] it belongs to */
	int line;
	enum mwgd_track_kind kind;
	char what[PATH_MAX];		/* the path, or the process name */
	/* 0: down means a fault (Initialize); else what down takes. */
	unsigned int weight;
	uint32_t interval_ms;		/* scripts; files and processes: 1 s */
	uint32_t timeout_ms;		/* scripts; default: the interval */
	unsigned int rise, fall;	/* scripts: results in a row to change */
};

struct mwgd_track_confs {
	unsigned int n;
	struct mwgd_track_conf e[MWGD_MAX_TRACKS];
};

/* The key of @kind: "track_file" and so on. */
const char *mwgd_track_kind_key(enum mwgd_track_kind kind);

/* Is @key one of ours (track_file, track_process, track_script)? */
bool mwgd_track_key(const char *key);

/* One such key of section @section ("vr NAME"), read at @line. */
int mwgd_track_conf_entry(struct mwgd_track_confs *tc, const char *section,
			  int line, const char *key, const char *value,
			  char *err, size_t errlen);

/* Every tracked object belongs to a [vr] section that @vc holds. */
int mwgd_track_conf_finish(const struct mwgd_track_confs *tc,
			   const struct mwgd_vr_confs *vc, int *line,
			   char *err, size_t errlen);

/* The name the kernel shows for @t: "file:PATH" and so on, truncated. */
void mwgd_track_conf_name(const struct mwgd_track_conf *t, char *buf,
			  size_t len);

#endif /* MWGD_TRACKCONF_H */
