// SPDX-License-Identifier: GPL-2.0
/*
 * Abbreviations and suggestions for mwgctl's words; see match.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "match.h"

static bool is_prefix(const char *word, const char *name)
{
	return !strncmp(word, name, strlen(word));
}

static int canonical(const int *canon, size_t i)
{
	return canon ? canon[i] : (int)i;
}

int match_word(const char *word, const char *const *names, size_t n,
	       const int *canon)
{
	int found = MATCH_NONE;
	size_t i;

	if (!word[0])
		return MATCH_NONE;
	for (i = 0; i < n; i++)
		if (names[i] && !strcmp(word, names[i]))
			return canonical(canon, i);
	for (i = 0; i < n; i++) {
		if (!names[i] || !is_prefix(word, names[i]))
			continue;
		if (found >= 0 && found != canonical(canon, i))
			return MATCH_AMBIGUOUS;
		found = canonical(canon, i);
	}
	return found;
}

void match_candidates(const char *word, const char *const *names, size_t n,
		      char *buf, size_t len)
{
	size_t i, count = 0, total = 0, used = 0;

	for (i = 0; i < n; i++)
		if (names[i] && is_prefix(word, names[i]))
			total++;
	buf[0] = '\0';
	for (i = 0; i < n && used < len; i++) {
		if (!names[i] || !is_prefix(word, names[i]))
			continue;
		count++;
		used += snprintf(buf + used, len - used, "%s\"%s\"",
				 count == 1 ? "" :
				 count == total ? " or " : ", ", names[i]);
	}
}

void match_describe(const char *what, const char *word,
		    const char *const *names, size_t n, int result,
		    char *buf, size_t len)
{
	const char *near;
	char list[160];

	if (result == MATCH_AMBIGUOUS) {
		match_candidates(word, names, n, list, sizeof(list));
		snprintf(buf, len, "ambiguous %s \"%s\": %s", what, word, list);
		return;
	}
	near = match_closest(word, names, n);
	if (near)
		snprintf(buf, len, "unknown %s \"%s\"; did you mean \"%s\"?",
			 what, word, near);
	else
		snprintf(buf, len, "unknown %s \"%s\"", what, word);
}

/*
 * Edit distance with swaps of neighbours (optimal string alignment),
 * giving up past @limit: the words compared are short keywords.
 */
static unsigned int distance(const char *a, const char *b, unsigned int limit)
{
	enum { MAX = 32 };
	unsigned int d[MAX + 1][MAX + 1];
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > MAX || lb > MAX)
		return limit + 1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			unsigned int cost = a[i - 1] != b[j - 1];
			unsigned int best = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

const char *match_closest(const char *word, const char *const *names,
			  size_t n)
{
	unsigned int best = 3, dist;
	const char *found = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!names[i])
			continue;
		dist = distance(word, names[i], 2);
		if (dist < best && dist < strlen(word)) {
			best = dist;
			found = names[i];
		}
	}
	return found;
}
