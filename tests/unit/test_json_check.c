/* SPDX-License-Identifier: EUPL-1.2 */
/* test_json_check.c — the strict JSON checker: every refusal names the
 * JSON path and the line; valid documents pass. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/base/json_check.h"

static struct error err;

/* A stream that gives at most `step` bytes a read, so that every token
 * meets a chunk's end somewhere. */
struct dribble {
	const char *text;
	size_t len, at, step;
};

static size_t
dribble_read(void *buf, size_t size, void *arg)
{
	struct dribble *d = arg;
	size_t n = d->len - d->at;

	if (n > d->step)
		n = d->step;
	if (n > size)
		n = size;
	memcpy(buf, d->text + d->at, n);
	d->at += n;
	return n;
}

/* A sink that splits every member and finds duplicate keys in a split
 * member as the stage does. */
struct seen {
	char keys[64][80];
	size_t n;
};

static bool
split_all(const char *member, void *arg)
{
	(void)member;
	((struct seen *)arg)->n = 0;
	return true;
}

static int
take(const char *member, const char *key, const char *text, size_t len,
     void *arg, struct error *e)
{
	struct seen *seen = arg;

	(void)member;
	(void)text;
	(void)len;
	(void)e;
	if (!key)
		return ERR_OK;
	for (size_t i = 0; i < seen->n; i++)
		if (!strcmp(seen->keys[i], key))
			return JSON_DUPLICATE;
	if (seen->n < 64)
		snprintf(seen->keys[seen->n++], sizeof seen->keys[0], "%s", key);
	return ERR_OK;
}

/* Checks doc in memory, and read as a stream (a byte, then two, then
 * three at a time, split into records and not): each time the same
 * verdict, path and message. */
static int
check_len(const char *doc, size_t len)
{
	int rc;

	error_clear(&err);
	rc = json_check_document(doc, len, NULL, &err);
	for (size_t step = 1; step <= 3 && len < 4096; step++)
		for (int split = 0; split < 2; split++) {
			struct dribble d = { doc, len, 0, step };
			struct seen seen = { .n = 0 };
			const struct json_sink sink = { split_all, take, &seen };
			struct error e;

			error_clear(&e);
			assert_int_equal(json_check_stream(dribble_read, &d, NULL,
							   split ? &sink : NULL, &e),
					 rc);
			assert_string_equal(e.field, err.field);
			assert_string_equal(e.message, err.message);
		}
	return rc;
}

static int
check(const char *doc)
{
	return check_len(doc, strlen(doc));
}

/* Asserts that doc is refused at path, with a message that starts with
 * "line N: " and contains what. */
#define refused(doc, path, line, what) do { \
	char prefix_[32]; \
	assert_int_equal(check(doc), ERR_INVALID); \
	assert_int_equal(err.code, ERR_INVALID); \
	assert_string_equal(err.field, path); \
	snprintf(prefix_, sizeof prefix_, "line %d: ", line); \
	if (strncmp(err.message, prefix_, strlen(prefix_)) != 0) \
		fail_msg("message \"%s\" does not start with \"%s\"", \
			 err.message, prefix_); \
	if (!strstr(err.message, what)) \
		fail_msg("message \"%s\" lacks \"%s\"", err.message, what); \
} while (0)

/* ---- Bad and empty input first ---------------------------------- */

static void
test_null_and_empty(void **state)
{
	(void)state;
	assert_int_equal(json_check_document(NULL, 0, NULL, &err), ERR_INVALID);
	refused("", "$", 1, "empty document");
	refused("  \n\t\r\n ", "$", 3, "empty document");
	/* A NULL error is allowed. */
	assert_int_equal(json_check_document("[", 1, NULL, NULL), ERR_INVALID);
	assert_int_equal(json_check_document("[]", 2, NULL, NULL), ERR_OK);
}

static void
test_source_named(void **state)
{
	(void)state;
	error_clear(&err);
	assert_int_equal(json_check_document("{\"a\":1,\n\"a\":2}", 14,
					     "dump.json", &err), ERR_INVALID);
	assert_string_equal(err.message,
			    "dump.json: line 2: duplicate key \"a\"");
	assert_string_equal(err.field, "$.a");
}

/* ---- Valid documents ------------------------------------------------ */

static void
test_valid(void **state)
{
	static const char *const ok[] = {
		"{}", "[]", "0", "-0", "\"\"", "true", "false", "null",
		" {\"a\" : [1, 2.5, -3e2, 4E+1, 5e-3, true, false, null]} ",
		"{\"\":1}",
		"{\"a\":{\"a\":{\"a\":1}}}",          /* same key, other objects */
		"[{\"a\":1},{\"a\":2}]",              /* same key, sibling objects */
		"\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e4 \\u20AC\"",
		"\"\\ud83d\\ude00\"",                   /* a surrogate pair */
		"\"Etelä-Savon hyvinvointialue – Eloisa ✓ 😀\"",
		"9223372036854775807", "-9223372036854775808",
		"1e308", "1.7976931348623157e308", "-1.7976931348623157e308",
		"179769313486231570000000000000000000000000000000000000000"
		"000000000000000000000000000000000000000000000000000000000"
		"000000000000000000000000000000000000000000000000000000000"
		"000000000000000000000000000000000000000000000000000000000"
		"000000000000000000000000000000000000000000000000000000000"
		"0000000000000000000000.5",
		"0.00001e313", "1.7976931348623158e308", /* round to DBL_MAX */
		"1e-400",                               /* underflows to 0: finite */
		"0.000e999999",                         /* zero is finite */
		"123456789012345678901234567890.5",     /* inexact but finite */
		"{\"projects\":{\"a\":{\"code\":\"X\"},\"b\":{\"code\":\"X\"}}}",
	};

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (check(ok[i]) != ERR_OK)
			fail_msg("refused %s: %s at %s", ok[i], err.message,
				 err.field);
}

static void
test_depth_limit(void **state)
{
	char doc[2 * (JSON_MAX_DEPTH + 1) + 1];

	(void)state;
	memset(doc, '[', JSON_MAX_DEPTH);
	memset(doc + JSON_MAX_DEPTH, ']', JSON_MAX_DEPTH);
	assert_int_equal(check_len(doc, 2 * JSON_MAX_DEPTH), ERR_OK);

	memset(doc, '[', JSON_MAX_DEPTH + 1);
	memset(doc + JSON_MAX_DEPTH + 1, ']', JSON_MAX_DEPTH + 1);
	assert_int_equal(check_len(doc, 2 * (JSON_MAX_DEPTH + 1)), ERR_INVALID);
	assert_non_null(strstr(err.message, "nesting deeper than 32"));
	assert_non_null(strstr(err.field, "[0][0][0]"));

	refused("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":"
		"{\"j\":{\"k\":{\"l\":{\"m\":{\"n\":{\"o\":{\"p\":{\"q\":{\"r\":"
		"{\"s\":{\"t\":{\"u\":{\"v\":{\"w\":{\"x\":{\"y\":{\"z\":{\"A\":"
		"{\"B\":{\"C\":{\"D\":{\"E\":{\"F\":{}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}",
		"$.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.A.B.C.D.E.F", 1, "nesting deeper");
}

/* 1,000 distinct members: no false duplicates once the object is hashed. */
static void
test_large_object(void **state)
{
	size_t n = 1000, cap = n * 64 + 16, len = 0;
	char *doc = malloc(cap);

	(void)state;
	assert_non_null(doc);
	len += (size_t)snprintf(doc + len, cap - len, "{\"projects\":{");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(doc + len, cap - len,
					"%s\n\"%08zx-0000-4000-8000-%012zx\":{\"n\":%zu}",
					i ? "," : "", i * 7919, i, i);
	len += (size_t)snprintf(doc + len, cap - len, "}}");
	assert_int_equal(check_len(doc, len), ERR_OK);

	/* The same object with its first key repeated at the end. */
	len -= 2;
	len += (size_t)snprintf(doc + len, cap - len,
				",\n\"00000000-0000-4000-8000-000000000000\":{}}}");
	assert_int_equal(check_len(doc, len), ERR_INVALID);
	assert_string_equal(err.field,
			    "$.projects.00000000-0000-4000-8000-000000000000");
	assert_string_equal(err.message, "line 1002: duplicate key "
			    "\"00000000-0000-4000-8000-000000000000\"");
	free(doc);
}

/* Keys that hash alike or share prefixes still compare as text; a
 * table reused by a later object at the same depth starts empty. */
static void
test_hashed_objects_reused(void **state)
{
	size_t cap = 200000, len = 0;
	char *doc = malloc(cap);

	(void)state;
	assert_non_null(doc);
	len += (size_t)snprintf(doc + len, cap - len, "[");
	for (int o = 0; o < 3; o++) {
		len += (size_t)snprintf(doc + len, cap - len, "%s{", o ? "," : "");
		for (int i = 0; i < 2000; i++)
			len += (size_t)snprintf(doc + len, cap - len,
						"%s\"k%d\":%d", i ? "," : "", i, i);
		len += (size_t)snprintf(doc + len, cap - len, "}");
	}
	len += (size_t)snprintf(doc + len, cap - len, ",{");
	for (int i = 0; i < 30; i++)
		len += (size_t)snprintf(doc + len, cap - len,
					"%s\"k%d\":%d", i ? "," : "", i, i);
	len += (size_t)snprintf(doc + len, cap - len, ",\"k17\":0}]");
	assert_int_equal(check_len(doc, len), ERR_INVALID);
	assert_string_equal(err.field, "$[3].k17");
	assert_non_null(strstr(err.message, "duplicate key \"k17\""));
	free(doc);
}

/* Whatever falls where in a long string: the fast skip over plain text
 * stops at every byte that matters, at any offset. */
static void
test_long_strings(void **state)
{
	char doc[128];

	(void)state;
	for (int i = 0; i < 48; i++) {
		int n;

		n = snprintf(doc, sizeof doc, "[\"%.*s\x01%.*s\"]", i,
			     "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
			     20, "abcdefghijklmnopqrst");
		assert_int_equal(check_len(doc, (size_t)n), ERR_INVALID);
		assert_non_null(strstr(err.message, "control character U+0001"));

		n = snprintf(doc, sizeof doc, "[\"%.*s\xc3\xa4\\u00e4\xe2\x80\x93%.*s\"]", i,
			     "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
			     20, "abcdefghijklmnopqrst");
		assert_int_equal(check_len(doc, (size_t)n), ERR_OK);

		n = snprintf(doc, sizeof doc, "[\"%.*s\xc3%.*s\"]", i,
			     "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
			     20, "abcdefghijklmnopqrst");
		assert_int_equal(check_len(doc, (size_t)n), ERR_INVALID);
		assert_non_null(strstr(err.message, "invalid UTF-8"));

		/* The closing quote found where it is: text after it is
		 * outside the string. */
		n = snprintf(doc, sizeof doc, "[\"%.*s\"x%.*s\"]", i,
			     "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
			     20, "abcdefghijklmnopqrst");
		assert_int_equal(check_len(doc, (size_t)n), ERR_INVALID);
		assert_non_null(strstr(err.message, "\",\" or \"]\" expected"));
	}
}

/* ---- Refusals ------------------------------------------------------- */

static void
test_duplicate_keys(void **state)
{
	(void)state;
	refused("{\n \"projects\": {\n  \"4f1c\": {\n   \"code\": \"LUMO\",\n"
		"   \"name\": \"a\",\n   \"name\": \"b\"\n  }\n }\n}",
		"$.projects.4f1c.name", 6, "duplicate key \"name\"");
	/* Compared as decoded text. */
	refused("{\"a\":1,\"\\u0061\":2}", "$.a", 1, "duplicate key \"a\"");
	refused("{\"\\u00e4\":1,\"ä\":2}", "$.ä", 1,
		"duplicate key \"ä\"");
	refused("{\"\":1,\"\":2}", "$[\"\"]", 1, "duplicate key \"\"");
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	refused("{\n\"a\": \"\xff\"}", "$.a", 2, "invalid UTF-8 (byte 0xFF)");
	refused("[\"ok\", \"x\xc3\"]", "$[1]", 1, "invalid UTF-8");     /* cut */
	refused("[\"\xc0\xaf\"]", "$[0]", 1, "invalid UTF-8");            /* overlong */
	refused("[\"\xe0\x80\xaf\"]", "$[0]", 1, "invalid UTF-8");        /* overlong */
	refused("[\"\xed\xa0\x80\"]", "$[0]", 1, "invalid UTF-8");        /* surrogate */
	refused("[\"\xf4\x90\x80\x80\"]", "$[0]", 1, "invalid UTF-8");    /* > U+10FFFF */
	refused("[\"\x80\"]", "$[0]", 1, "invalid UTF-8");                /* lone continuation */
	refused("{\"k\xfe\":1}", "$", 1, "invalid UTF-8");                /* in a key */
	refused("[1, \xc3\xa4]", "$[1]", 1, "unexpected character");
	refused("[1, \xff]", "$[1]", 1, "invalid UTF-8");
}

static void
test_nul_and_controls(void **state)
{
	(void)state;
	refused("{\"body\":\"a\\u0000b\"}", "$.body", 1, "\\u0000");
	refused("{\"x\":\n\"a\tb\"}", "$.x", 2, "control character U+0009");
	refused("[\"a\nb\"]", "$[0]", 1, "control character U+000A");
	assert_int_equal(check_len("[\"a\0b\"]", 6), ERR_INVALID);
	assert_non_null(strstr(err.message, "control character U+0000"));
	assert_int_equal(check_len("[1]\0", 4), ERR_INVALID);
	assert_non_null(strstr(err.message, "unexpected text after"));
}

static void
test_surrogates(void **state)
{
	(void)state;
	refused("{\"t\":\"\\udc00\"}", "$.t", 1, "lone low surrogate");
	refused("{\"t\":\"\\ude00\\ud83d\"}", "$.t", 1, "lone low surrogate");
	refused("{\"t\":\"\\ud83d\"}", "$.t", 1, "high surrogate");
	refused("{\"t\":\"\\ud83dx\"}", "$.t", 1, "high surrogate");
	refused("{\"t\":\"\\ud83d\\u0041\"}", "$.t", 1, "high surrogate");
	refused("{\"t\":\"\\ud83d\\ud83d\"}", "$.t", 1, "high surrogate");
	refused("[\"\\u12\"]", "$[0]", 1, "four hex digits");
	refused("[\"\\x41\"]", "$[0]", 1, "invalid escape");
}

static void
test_numbers(void **state)
{
	(void)state;
	refused("{\"budget\":\n9223372036854775808}", "$.budget", 2,
		"64-bit range");
	refused("[-9223372036854775809]", "$[0]", 1, "64-bit range");
	refused("[123456789012345678901234567890]", "$[0]", 1, "64-bit range");
	refused("{\"v\":1e400}", "$.v", 1, "not finite");
	refused("{\"v\":-1e309}", "$.v", 1, "not finite");
	refused("{\"v\":1.8e308}", "$.v", 1, "not finite");
	refused("{\"v\":1.7976931348623159e308}", "$.v", 1, "not finite");
	refused("{\"v\":0.00001e314}", "$.v", 1, "not finite");
	refused("{\"v\":1e99999999999999999999999}", "$.v", 1, "not finite");
	refused("[01]", "$[0]", 1, "leading zero");
	refused("[1.]", "$[0]", 1, "after \".\"");
	refused("[.5]", "$[0]", 1, "unexpected character");
	refused("[+1]", "$[0]", 1, "unexpected character");
	refused("[1e]", "$[0]", 1, "exponent");
	refused("[-]", "$[0]", 1, "invalid number");
	refused("[NaN]", "$[0]", 1, "unexpected character");
	refused("[Infinity]", "$[0]", 1, "unexpected character");
}

static void
test_syntax(void **state)
{
	(void)state;
	refused("{} x", "$", 1, "unexpected text after");
	refused("{}\n\n{}", "$", 3, "unexpected text after");
	refused("{\"a\":1,}", "$.a", 1, "member name");
	refused("[1,]", "$[1]", 1, "unexpected character");
	refused("[1 2]", "$[0]", 1, "\",\" or \"]\" expected");
	refused("{\"a\" 1}", "$.a", 1, "\":\" expected");
	refused("{\"a\":1 \"b\":2}", "$.a", 1, "\",\" or \"}\" expected");
	refused("{'a':1}", "$", 1, "member name");
	refused("{\"items\":[1,2,3,tru]}", "$.items[3]", 1,
		"unexpected character");
	refused("[\"abc", "$[0]", 1, "unterminated string");
	refused("{\"a\":", "$.a", 1, "unexpected end");
	refused("[", "$[0]", 1, "unexpected end");
	refused("\xef\xbb\xbf{}", "$", 1, "byte order mark");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_source_named),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_large_object),
		cmocka_unit_test(test_hashed_objects_reused),
		cmocka_unit_test(test_long_strings),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_nul_and_controls),
		cmocka_unit_test(test_surrogates),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_syntax),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
