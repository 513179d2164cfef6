// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl -batch FILE: many commands over one netlink socket, as
 * "ip -batch" runs them.
 *
 * A line is split into words at blanks; double or single quotes keep
 * blanks inside a word and a backslash takes the next character as it is.
 * "#" at the start of a word comments out the rest of the line.  Errors
 * name the file and the line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mwgctl.h"

#define BATCH_MAX_WORDS		512

/*
 * Split @line in place into at most @max words; the count, or -1 with
 * *@why set for an unterminated quote or too many words.
 */
static int split_words(char *line, char **words, int max, const char **why)
{
	char *in = line, *out = line;
	int n = 0;

	for (;;) {
		char quote = 0;

		while (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r')
			in++;
		if (!*in || *in == '#')
			return n;
		if (n == max) {
			*why = "too many words";
			return -1;
		}
		words[n++] = out;
		while (*in) {
			if (quote) {
				if (*in == quote) {
					quote = 0;
					in++;
					continue;
				}
			} else if (*in == '"' || *in == '\'') {
				quote = *in++;
				continue;
			} else if (*in == ' ' || *in == '\t' || *in == '\n' ||
				   *in == '\r') {
				break;
			}
			if (*in == '\\' && in[1] && quote != '\'')
				in++;
			*out++ = *in++;
		}
		if (quote) {
			*why = "unterminated quote";
			return -1;
		}
		/*
		 * The word's end may overwrite the separator: the copy never
		 * runs ahead of the reading, and the separator is read.
		 */
		if (*in)
			in++;
		*out++ = '\0';
	}
}

int mwgctl_batch(struct mwgctl *ctl, const char *path, bool force)
{
	char *words[BATCH_MAX_WORDS];
	bool from_stdin = !strcmp(path, "-");
	int result = MWGCTL_OK, rc, n;
	char *line = NULL;
	size_t cap = 0;
	const char *why;
	FILE *in;

	in = from_stdin ? stdin : fopen(path, "re");
	if (!in) {
		fprintf(stderr, "mwgctl: cannot open batch file \"%s\": %s\n",
			path, strerror(errno));
		return MWGCTL_FAILED;
	}
	ctl->batch_name = path;
	ctl->batch_line = 0;
	while (getline(&line, &cap, in) >= 0) {
		ctl->batch_line++;
		ctl->cmd = NULL;
		n = split_words(line, words, BATCH_MAX_WORDS, &why);
		if (n == 0)
			continue;
		if (n < 0)
			rc = mwgctl_usage_error(ctl, "%s", why);
		else
			rc = mwgctl_run(ctl, n, words);
		fflush(stdout);
		if (rc == MWGCTL_OK)
			continue;
		if (result == MWGCTL_OK)
			result = rc;
		if (!force)
			break;
	}
	if (ferror(in)) {
		fprintf(stderr, "mwgctl: %s: read error: %s\n", path,
			strerror(errno));
		if (result == MWGCTL_OK)
			result = MWGCTL_FAILED;
	}
	free(line);
	if (!from_stdin)
		fclose(in);
	ctl->batch_name = NULL;
	return result;
}
