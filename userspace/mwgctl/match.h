/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the user typed against the words mwgctl knows, as iproute2 users
 * expect: a word may be shortened to any prefix that names one word alone
 * ("pree" for "preempt-delay" is ambiguous, "preempt-d" is not), and a
 * misspelt word gets the nearest known word as a suggestion.
 *
 * Nothing here prints: the callers word their own messages.
 */
#ifndef MWGCTL_MATCH_H
#define MWGCTL_MATCH_H

#include <stddef.h>

#define MATCH_NONE		(-1)
#define MATCH_AMBIGUOUS		(-2)

/*
 * The index in @names (NULL entries are skipped) of @word: an exact match
 * first, else the one name that @word is a prefix of.  Names listed twice
 * (an alias and its word map to the same index through @canon, or @canon
 * is NULL) count once.  MATCH_NONE or MATCH_AMBIGUOUS otherwise.
 */
int match_word(const char *word, const char *const *names, size_t n,
	       const int *canon);

/* "a", "a or b", "a, b or c": the names @word is a prefix of. */
void match_candidates(const char *word, const char *const *names, size_t n,
		      char *buf, size_t len);

/*
 * The message for a @word that match_word() did not resolve (@result):
 * "ambiguous WHAT "x": "a" or "b"" or "unknown WHAT "x"", with
 * "; did you mean "y"?" when a known name is near.
 */
void match_describe(const char *what, const char *word,
		    const char *const *names, size_t n, int result,
		    char *buf, size_t len);

/*
 * The known name nearest to a misspelt @word (at most two edits:
 * insertion, deletion, substitution or swap of neighbours, and fewer
 * edits than the word has letters), or NULL when none is near.
 */
const char *match_closest(const char *word, const char *const *names,
			  size_t n);

#endif /* MWGCTL_MATCH_H */
