// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON writer: structure, commas, pretty printing and string escaping.
 */
#include <stdlib.h>

#include "json.h"
#include "tap.h"

/* Output of @write, run against a memory stream. */
static char *render(void (*write)(struct mwg_json *j), bool pretty)
{
	struct mwg_json j;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	mwg_json_init(&j, f, pretty);
	write(&j);
	fclose(f);
	return buf;
}

static void check(void (*write)(struct mwg_json *j), bool pretty,
		  const char *want, const char *name)
{
	char *got = render(write, pretty);

	tap_str_eq(got, want, name);
	free(got);
}

static void w_empty_object(struct mwg_json *j)
{
	mwg_json_begin_object(j);
	mwg_json_end_object(j);
}

static void w_empty_array(struct mwg_json *j)
{
	mwg_json_begin_array(j);
	mwg_json_end_array(j);
}

static void w_nested(struct mwg_json *j)
{
	mwg_json_begin_object(j);
	mwg_json_kv_string(j, "dev", "d0");
	mwg_json_kv_uint(j, "vrid", 5);
	mwg_json_kv_bool(j, "preempt", true);
	mwg_json_kv_bool(j, "accept", false);
	mwg_json_kv_null(j, "master_ip");
	mwg_json_key(j, "vips");
	mwg_json_begin_array(j);
	mwg_json_string(j, "192.0.2.1/32");
	mwg_json_string(j, "192.0.2.2/24");
	mwg_json_end_array(j);
	mwg_json_key(j, "stats");
	mwg_json_begin_object(j);
	mwg_json_end_object(j);
	mwg_json_key(j, "n");
	mwg_json_int(j, -3);
	mwg_json_end_object(j);
}

static void w_array_of_objects(struct mwg_json *j)
{
	mwg_json_begin_array(j);
	mwg_json_begin_object(j);
	mwg_json_kv_uint(j, "a", 1);
	mwg_json_end_object(j);
	mwg_json_begin_object(j);
	mwg_json_kv_uint(j, "a", 18446744073709551615ULL);
	mwg_json_end_object(j);
	mwg_json_end_array(j);
}

static void w_null_string(struct mwg_json *j)
{
	mwg_json_begin_array(j);
	mwg_json_string(j, NULL);
	mwg_json_end_array(j);
}

static char *escaped(const char *s, size_t len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	mwg_json_write_escaped(f, s, len);
	fclose(f);
	return buf;
}

static void check_escape(const char *in, size_t len, const char *want,
			 const char *name)
{
	char *got = escaped(in, len);

	tap_str_eq(got, want, name);
	free(got);
}

int main(void)
{
	tap_start();

	check(w_empty_object, false, "{}", "empty object");
	check(w_empty_array, false, "[]", "empty array");
	check(w_empty_object, true, "{}", "empty object, pretty");
	check(w_nested, false,
	      "{\"dev\":\"d0\",\"vrid\":5,\"preempt\":true,\"accept\":false,"
	      "\"master_ip\":null,\"vips\":[\"192.0.2.1/32\",\"192.0.2.2/24\"],"
	      "\"stats\":{},\"n\":-3}",
	      "nested object, compact");
	check(w_nested, true,
	      "{\n"
	      "  \"dev\": \"d0\",\n"
	      "  \"vrid\": 5,\n"
	      "  \"preempt\": true,\n"
	      "  \"accept\": false,\n"
	      "  \"master_ip\": null,\n"
	      "  \"vips\": [\n"
	      "    \"192.0.2.1/32\",\n"
	      "    \"192.0.2.2/24\"\n"
	      "  ],\n"
	      "  \"stats\": {},\n"
	      "  \"n\": -3\n"
	      "}",
	      "nested object, pretty");
	check(w_array_of_objects, false,
	      "[{\"a\":1},{\"a\":18446744073709551615}]",
	      "array of objects, u64 max");
	check(w_null_string, false, "[null]", "NULL string is null");

	check_escape("plain", 5, "\"plain\"", "plain string");
	check_escape("a\"b\\c", 5, "\"a\\\"b\\\\c\"", "quote and backslash");
	check_escape("\n\r\t\b\f", 5, "\"\\n\\r\\t\\b\\f\"", "short escapes");
	check_escape("\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\"",
		     "control characters as \\u");
	check_escape("a\0b", 3, "\"a\\u0000b\"", "embedded NUL");
	check_escape("caf\xc3\xa9", 5, "\"caf\xc3\xa9\"", "valid UTF-8 kept");
	check_escape("\xe2\x82\xac\xf0\x9f\x98\x80", 7,
		     "\"\xe2\x82\xac\xf0\x9f\x98\x80\"", "3 and 4 byte UTF-8 kept");
	check_escape("x\xffy", 3, "\"x\\u00ffy\"", "invalid byte escaped");
	check_escape("\xc3", 1, "\"\\u00c3\"", "truncated sequence escaped");
	check_escape("\xc0\xaf", 2, "\"\\u00c0\\u00af\"", "overlong form escaped");
	check_escape("\xed\xa0\x80", 3, "\"\\u00ed\\u00a0\\u0080\"",
		     "UTF-16 surrogate escaped");
	check_escape("/", 1, "\"/\"", "slash not escaped");

	return tap_done();
}
