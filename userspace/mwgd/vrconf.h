/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Persistent virtual routers: "[vr NAME]" sections of mwgd's configuration
 * file, with the keys of "mwgctl vr add".  Parsing only; vrsync.c applies
 * them to the kernel.
 */
#ifndef MWGD_VRCONF_H
#define MWGD_VRCONF_H

#include <net/if.h>
#include <stdbool.h>

#include "mwg.h"

#define MWGD_MAX_CONF_VRS	32
#define MWGD_VR_NAME_MAX	63
#define MWGD_VR_WORDS_MAX	1024

struct mwgd_vr_conf {
	char name[MWGD_VR_NAME_MAX + 1];	/* the section, after "vr" */
	int line;				/* of the section header */
	/* "key value ..." as read, parsed once the whole section is in. */
	char words[MWGD_VR_WORDS_MAX];
	char dev[IF_NAMESIZE];
	char track_dev[IF_NAMESIZE];		/* track_if, resolved at apply */
	struct mwg_vr vr;			/* no IFINDEX: resolved at apply */
};

struct mwgd_vr_confs {
	unsigned int n;
	struct mwgd_vr_conf e[MWGD_MAX_CONF_VRS];
};

/* Is @section one of ours ("vr", "vr NAME")? */
bool mwgd_vr_section(const char *section);

/* One "key = value" of section @section, read at @line. */
int mwgd_vr_conf_entry(struct mwgd_vr_confs *vc, const char *section,
		       int line, const char *key, const char *value, char *err,
		       size_t errlen);

/*
 * Parse every section's words as "mwgctl vr add" would; on failure @err
 * names the section and *@line its header.
 */
int mwgd_vr_conf_finish(struct mwgd_vr_confs *vc, int *line, char *err,
			size_t errlen);

#endif /* MWGD_VRCONF_H */
