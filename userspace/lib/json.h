/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A streaming JSON writer: values are written as they come, commas and
 * indentation are the writer's business, so callers read like the document
 * they produce.  Strings are escaped per RFC 8259; bytes that are not valid
 * UTF-8 (interface names and scanner names are just bytes to the kernel)
 * are written as \u00XX so that the output always parses.
 */
#ifndef MWG_JSON_H
#define MWG_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define MWG_JSON_MAX_DEPTH	16

struct mwg_json {
	FILE *out;
	bool pretty;
	int depth;
	bool after_key;				/* the next value follows "key": */
	bool has_items[MWG_JSON_MAX_DEPTH];	/* a comma is due before the next */
};

void mwg_json_init(struct mwg_json *j, FILE *out, bool pretty);

void mwg_json_begin_object(struct mwg_json *j);
void mwg_json_end_object(struct mwg_json *j);
void mwg_json_begin_array(struct mwg_json *j);
void mwg_json_end_array(struct mwg_json *j);

void mwg_json_key(struct mwg_json *j, const char *key);

void mwg_json_string(struct mwg_json *j, const char *s);
void mwg_json_string_len(struct mwg_json *j, const char *s, size_t len);
void mwg_json_uint(struct mwg_json *j, uint64_t v);
void mwg_json_int(struct mwg_json *j, int64_t v);
void mwg_json_bool(struct mwg_json *j, bool v);
void mwg_json_null(struct mwg_json *j);

/* "key": value, the common case inside objects. */
void mwg_json_kv_string(struct mwg_json *j, const char *key, const char *s);
void mwg_json_kv_uint(struct mwg_json *j, const char *key, uint64_t v);
void mwg_json_kv_bool(struct mwg_json *j, const char *key, bool v);
void mwg_json_kv_null(struct mwg_json *j, const char *key);

/* Write @s as a JSON string literal, quotes included. */
void mwg_json_write_escaped(FILE *out, const char *s, size_t len);

#endif /* MWG_JSON_H */
