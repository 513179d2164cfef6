/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Persistent sync groups: "[group NAME]" sections of mwgd's configuration
 * file, with the words of "mwgctl group add".  Parsing only; groupsync.c
 * applies them to the kernel.
 */
#ifndef MWGD_GROUPCONF_H
#define MWGD_GROUPCONF_H

#include <net/if.h>
#include <stdbool.h>

#include "mwg.h"

#define MWGD_MAX_CONF_GROUPS	16
#define MWGD_GROUP_WORDS_MAX	512

struct mwgd_group_member_conf {
	char dev[IF_NAMESIZE];
	uint8_t vrid;
};

struct mwgd_group_conf {
	char name[MWG_VRRP_GROUP_NAME_MAX];	/* the section, after "group" */
	int line;				/* of the section header */
	/* "vr IF:VRID ... family F" as read, parsed once the section is in. */
	char words[MWGD_GROUP_WORDS_MAX];
	unsigned int count;
	struct mwgd_group_member_conf member[2 * MWG_VRRP_GROUP_MEMBERS_MAX];
	uint8_t family;
};

struct mwgd_group_confs {
	unsigned int n;
	struct mwgd_group_conf e[MWGD_MAX_CONF_GROUPS];
};

/* Is @section one of ours ("group", "group NAME")? */
bool mwgd_group_section(const char *section);

/* One "key = value" of section @section, read at @line. */
int mwgd_group_conf_entry(struct mwgd_group_confs *gc, const char *section,
			  int line, const char *key, const char *value,
			  char *err, size_t errlen);

/*
 * Parse every section's words as "mwgctl group add" would; on failure
 * @err names the section and *@line its header.
 */
int mwgd_group_conf_finish(struct mwgd_group_confs *gc, int *line, char *err,
			   size_t errlen);

#endif /* MWGD_GROUPCONF_H */
