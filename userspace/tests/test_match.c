// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl's word matching: whole words, unique prefixes, aliases, and the
 * nearest word suggested for a misspelt one.
 */
#include <string.h>

#include "match.h"
#include "tap.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

int main(void)
{
	const char *const cmds[] = { "add", "set", "del", "show", "delete", "list" };
	const int canon[] = { 0, 1, 2, 3, 2, 3 };
	const char *const keys[] = { "preempt", "preempt-delay", NULL, "prio" };
	char buf[128];

	tap_start();

	tap_ok(match_word("add", cmds, N(cmds), canon) == 0, "whole word");
	tap_ok(match_word("a", cmds, N(cmds), canon) == 0, "unique prefix");
	tap_ok(match_word("de", cmds, N(cmds), canon) == 2,
	       "a prefix of a word and its alias counts once");
	tap_ok(match_word("sh", cmds, N(cmds), canon) == 3, "sh is show");
	tap_ok(match_word("s", cmds, N(cmds), canon) == MATCH_AMBIGUOUS,
	       "s is set or show");
	tap_ok(match_word("x", cmds, N(cmds), canon) == MATCH_NONE, "no match");
	tap_ok(match_word("", cmds, N(cmds), canon) == MATCH_NONE,
	       "an empty word matches nothing");
	tap_ok(match_word("addd", cmds, N(cmds), canon) == MATCH_NONE,
	       "longer than any word");
	tap_ok(match_word("preempt", keys, N(keys), NULL) == 0,
	       "a whole word wins over a longer one it starts");
	tap_ok(match_word("preempt-", keys, N(keys), NULL) == 1,
	       "past the shorter word");
	tap_ok(match_word("pr", keys, N(keys), NULL) == MATCH_AMBIGUOUS,
	       "NULL entries are skipped, others still ambiguous");

	match_candidates("pr", keys, N(keys), buf, sizeof(buf));
	tap_ok(!strcmp(buf, "\"preempt\", \"preempt-delay\" or \"prio\""),
	       "candidates listed: %s", buf);
	match_candidates("s", cmds, N(cmds), buf, sizeof(buf));
	tap_ok(!strcmp(buf, "\"set\" or \"show\""), "two candidates: %s", buf);

	tap_ok(match_closest("shw", cmds, N(cmds)) &&
	       !strcmp(match_closest("shw", cmds, N(cmds)), "show"),
	       "a missing letter");
	tap_ok(match_closest("sohw", cmds, N(cmds)) &&
	       !strcmp(match_closest("sohw", cmds, N(cmds)), "show"),
	       "swapped letters");
	{
		const char *const prio[] = { "prio", "priority", "preempt" };
		const char *near = match_closest("prioity", prio, N(prio));

		tap_ok(near && !strcmp(near, "priority"),
		       "the nearest, not the first");
	}
	tap_ok(!match_closest("frobnicate", cmds, N(cmds)),
	       "nothing near: no suggestion");
	tap_ok(!match_closest("ab", cmds, N(cmds)),
	       "two edits to a two-letter word suggest nothing");
	return tap_done();
}
