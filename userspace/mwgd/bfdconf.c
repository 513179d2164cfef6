// SPDX-License-Identifier: GPL-2.0
/*
 * "[bfd NAME]" sections: BFD sessions to the other directors, kept across
 * restarts as the [vr] sections keep VRs.
 *
 *	[bfd to-b]
 *	dev = eth0
 *	peer = 192.0.2.2
 *	tx_us = 10000
 *	rx_us = 10000
 *	multiplier = 3
 *
 * Each key is the mwgctl keyword of the same name ("_" for "-"), and the
 * words are checked by mwgctl's own parser (bfd_args.c): the file and
 * "mwgctl bfd add" share one grammar and one set of limits.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "bfd_args.h"
#include "bfdconf.h"

#define MWGD_BFD_ARGV_MAX	16

bool mwgd_bfd_section(const char *section)
{
	return !strncmp(section, "bfd", 3) &&
	       (!section[3] || isspace((unsigned char)section[3]));
}

static const char *section_name(const char *section)
{
	section += 3;
	while (isspace((unsigned char)*section))
		section++;
	return section;
}

static struct mwgd_bfd_conf *find_or_add(struct mwgd_bfd_confs *bc,
					 const char *name, int line,
					 char *err, size_t errlen)
{
	unsigned int i;

	/* inih calls us per key; a section is "new" when its name changes. */
	if (bc->n && !strcmp(bc->e[bc->n - 1].name, name))
		return &bc->e[bc->n - 1];
	for (i = 0; i < bc->n; i++) {
		if (!strcmp(bc->e[i].name, name)) {
			snprintf(err, errlen, "[bfd %s] given twice (line %d)",
				 name, bc->e[i].line);
			return NULL;
		}
	}
	if (bc->n == MWGD_MAX_CONF_BFDS) {
		snprintf(err, errlen, "more than %d [bfd] sections",
			 MWGD_MAX_CONF_BFDS);
		return NULL;
	}
	if (strlen(name) >= sizeof(bc->e[0].name)) {
		snprintf(err, errlen, "a [bfd] name has at most %zu characters",
			 sizeof(bc->e[0].name) - 1);
		return NULL;
	}
	memset(&bc->e[bc->n], 0, sizeof(bc->e[0]));
	strcpy(bc->e[bc->n].name, name);
	bc->e[bc->n].line = line;
	return &bc->e[bc->n++];
}

int mwgd_bfd_conf_entry(struct mwgd_bfd_confs *bc, const char *section,
			int line, const char *key, const char *value,
			char *err, size_t errlen)
{
	static const char *const keys[] = {
		"dev", "peer", "local", "tx_us", "rx_us", "multiplier",
		"holddown_ms",
	};
	const char *name = section_name(section);
	struct mwgd_bfd_conf *b;
	char kw[16];
	size_t i, len;

	if (!*name || strpbrk(name, " \t")) {
		snprintf(err, errlen, "[bfd] needs one name: [bfd NAME]");
		return -1;
	}
	b = find_or_add(bc, name, line, err, errlen);
	if (!b)
		return -1;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(key, keys[i]))
			break;
	if (i == sizeof(keys) / sizeof(keys[0])) {
		snprintf(err, errlen,
			 "[bfd %s]: unknown key \"%s\" (dev, peer, local, tx_us, rx_us, multiplier, holddown_ms)",
			 b->name, key);
		return -1;
	}
	if (!*value || strpbrk(value, " \t,")) {
		snprintf(err, errlen, "%s: \"%s\" is not one value", key, value);
		return -1;
	}
	/* mwgctl's keyword: "tx_us" is "tx-us". */
	for (i = 0; key[i]; i++)
		kw[i] = key[i] == '_' ? '-' : key[i];
	kw[i] = '\0';
	len = strlen(b->words);
	if (len + strlen(kw) + strlen(value) + 3 > sizeof(b->words)) {
		snprintf(err, errlen, "section too long");
		return -1;
	}
	snprintf(b->words + len, sizeof(b->words) - len, "%s%s %s",
		 len ? " " : "", kw, value);
	return 0;
}

static int finish_one(struct mwgd_bfd_conf *b, char *err, size_t errlen)
{
	char buf[MWGD_BFD_WORDS_MAX], *argv[MWGD_BFD_ARGV_MAX], *tok;
	char *save = NULL;
	struct bfd_args ba;
	struct args a;
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", b->words);
	for (tok = strtok_r(buf, " ", &save); tok && argc < MWGD_BFD_ARGV_MAX;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	args_init(&a, argc, argv, false);
	if (bfd_args_parse(BFD_ADD, &a, &ba) < 0) {
		snprintf(err, errlen, "[bfd %s]: %s", b->name, a.err);
		return -1;
	}
	snprintf(b->dev, sizeof(b->dev), "%s", ba.dev);
	b->peer = ba.peer;
	b->local = ba.local;
	b->have_local = ba.have_local;
	b->have_tx = ba.have_tx;
	b->tx_us = ba.tx_us;
	b->have_rx = ba.have_rx;
	b->rx_us = ba.rx_us;
	b->have_mult = ba.have_mult;
	b->mult = ba.mult;
	b->have_holddown = ba.have_holddown;
	b->holddown_ms = ba.holddown_ms;
	return 0;
}

bool mwgd_bfd_conf_same(const struct mwgd_bfd_conf *a,
			const struct mwgd_bfd_conf *b)
{
	return !strcmp(a->dev, b->dev) && mwg_addr_same(&a->peer, &b->peer);
}

int mwgd_bfd_conf_finish(struct mwgd_bfd_confs *bc, int *line, char *err,
			 size_t errlen)
{
	unsigned int i, j;

	for (i = 0; i < bc->n; i++) {
		if (finish_one(&bc->e[i], err, errlen) < 0) {
			*line = bc->e[i].line;
			return -1;
		}
		/* One session per interface and peer, as the kernel keys them. */
		for (j = 0; j < i; j++) {
			if (!mwgd_bfd_conf_same(&bc->e[i], &bc->e[j]))
				continue;
			snprintf(err, errlen,
				 "[bfd %s]: the same session as [bfd %s] (dev and peer)",
				 bc->e[i].name, bc->e[j].name);
			*line = bc->e[i].line;
			return -1;
		}
	}
	return 0;
}
