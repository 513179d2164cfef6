// SPDX-License-Identifier: GPL-2.0
/*
 * Streaming JSON writer.  Compact output is one line with no spaces, which
 * keeps "one object per line" streams (mwgctl -j monitor) greppable;
 * pretty output indents by two spaces.
 */
#include <inttypes.h>
#include <string.h>

#include "json.h"

void mwg_json_init(struct mwg_json *j, FILE *out, bool pretty)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->pretty = pretty;
}

static void newline_indent(struct mwg_json *j)
{
	int i;

	if (!j->pretty)
		return;
	fputc('\n', j->out);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

/* Comma and indentation owed before any value or key at this level. */
static void before_item(struct mwg_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (j->has_items[j->depth])
			fputc(',', j->out);
		j->has_items[j->depth] = true;
		newline_indent(j);
	}
}

static void open_container(struct mwg_json *j, char c)
{
	before_item(j);
	fputc(c, j->out);
	/*
	 * Deeper nesting than the documents of this project ever have is
	 * still written correctly, only without commas being tracked past
	 * the limit; clamp instead of overflowing.
	 */
	if (j->depth < MWG_JSON_MAX_DEPTH - 1)
		j->depth++;
	j->has_items[j->depth] = false;
}

static void close_container(struct mwg_json *j, char c)
{
	bool had_items = j->has_items[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had_items)
		newline_indent(j);
	fputc(c, j->out);
}

void mwg_json_begin_object(struct mwg_json *j)
{
	open_container(j, '{');
}

void mwg_json_end_object(struct mwg_json *j)
{
	close_container(j, '}');
}

void mwg_json_begin_array(struct mwg_json *j)
{
	open_container(j, '[');
}

void mwg_json_end_array(struct mwg_json *j)
{
	close_container(j, ']');
}

/* Length of the valid UTF-8 sequence at @s (1..4), or 0 if invalid. */
static size_t utf8_sequence_len(const unsigned char *s, size_t avail)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (avail < n)
		return 0;

	/* Overlong forms, UTF-16 surrogates and values past U+10FFFF. */
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

void mwg_json_write_escaped(FILE *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;

	fputc('"', out);
	while (i < len) {
		unsigned char c = s[i];

		switch (c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\b':
			fputs("\\b", out);
			break;
		case '\f':
			fputs("\\f", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				fprintf(out, "\\u%04x", c);
				break;
			}
			n = utf8_sequence_len(s + i, len - i);
			if (n == 0) {
				/* Not UTF-8: keep the byte, as Latin-1. */
				fprintf(out, "\\u%04x", c);
				break;
			}
			fwrite(s + i, 1, n, out);
			i += n;
			continue;
		}
		i++;
	}
	fputc('"', out);
}

void mwg_json_key(struct mwg_json *j, const char *key)
{
	before_item(j);
	mwg_json_write_escaped(j->out, key, strlen(key));
	fputs(j->pretty ? ": " : ":", j->out);
	j->after_key = true;
}

void mwg_json_string_len(struct mwg_json *j, const char *s, size_t len)
{
	before_item(j);
	mwg_json_write_escaped(j->out, s, len);
}

void mwg_json_string(struct mwg_json *j, const char *s)
{
	if (!s) {
		mwg_json_null(j);
		return;
	}
	mwg_json_string_len(j, s, strlen(s));
}

void mwg_json_uint(struct mwg_json *j, uint64_t v)
{
	before_item(j);
	fprintf(j->out, "%" PRIu64, v);
}

void mwg_json_int(struct mwg_json *j, int64_t v)
{
	before_item(j);
	fprintf(j->out, "%" PRId64, v);
}

void mwg_json_bool(struct mwg_json *j, bool v)
{
	before_item(j);
	fputs(v ? "true" : "false", j->out);
}

void mwg_json_null(struct mwg_json *j)
{
	before_item(j);
	fputs("null", j->out);
}

void mwg_json_kv_string(struct mwg_json *j, const char *key, const char *s)
{
	mwg_json_key(j, key);
	mwg_json_string(j, s);
}

void mwg_json_kv_uint(struct mwg_json *j, const char *key, uint64_t v)
{
	mwg_json_key(j, key);
	mwg_json_uint(j, v);
}

void mwg_json_kv_bool(struct mwg_json *j, const char *key, bool v)
{
	mwg_json_key(j, key);
	mwg_json_bool(j, v);
}

void mwg_json_kv_null(struct mwg_json *j, const char *key)
{
	mwg_json_key(j, key);
	mwg_json_null(j);
}
