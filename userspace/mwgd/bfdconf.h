/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Persistent BFD sessions: "[bfd NAME]" sections of mwgd's configuration
 * file, with the words of "mwgctl bfd add".  Parsing only; bfdsync.c
 * applies them to the kernel.
 */
#ifndef MWGD_BFDCONF_H
#define MWGD_BFDCONF_H

#include <net/if.h>
#include <stdbool.h>

#include "mwg.h"

#define MWGD_MAX_CONF_BFDS	32
#define MWGD_BFD_NAME_MAX	32
#define MWGD_BFD_WORDS_MAX	256

struct mwgd_bfd_conf {
	char name[MWGD_BFD_NAME_MAX];	/* the section, after "bfd" */
	int line;			/* of the section header */
	/* "dev IF peer ADDR ..." as read, parsed once the section is in. */
	char words[MWGD_BFD_WORDS_MAX];
	char dev[IF_NAMESIZE];
	struct mwg_addr peer, local;
	bool have_local, have_tx, have_rx, have_mult, have_holddown;
	uint32_t tx_us, rx_us, holddown_ms;
	uint8_t mult;
};

struct mwgd_bfd_confs {
	unsigned int n;
	struct mwgd_bfd_conf e[MWGD_MAX_CONF_BFDS];
};

/* Is @section one of ours ("bfd", "bfd NAME")? */
bool mwgd_bfd_section(const char *section);

/* One "key = value" of section @section, read at @line. */
int mwgd_bfd_conf_entry(struct mwgd_bfd_confs *bc, const char *section,
			int line, const char *key, const char *value,
			char *err, size_t errlen);

/*
 * Parse every section's words as "mwgctl bfd add" would; on failure @err
 * names the section and *@line its header.
 */
int mwgd_bfd_conf_finish(struct mwgd_bfd_confs *bc, int *line, char *err,
			 size_t errlen);

/* The same session (interface and peer). */
bool mwgd_bfd_conf_same(const struct mwgd_bfd_conf *a,
			const struct mwgd_bfd_conf *b);

#endif /* MWGD_BFDCONF_H */
