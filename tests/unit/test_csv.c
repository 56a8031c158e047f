/* SPDX-License-Identifier: EUPL-1.2 */
/* test_csv.c — the RFC 4180 reader (quotes, line breaks inside fields,
 * CRLF, line numbers) and writer (quoting, formula neutralising). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/base/csv.h"

static struct error err;

/* Reads text into a reader; the caller frees it. */
static void
start(struct csv_reader *r, const char *text)
{
	error_clear(&err);
	csv_reader_init(r, text, strlen(text), NULL);
}

static void
expect_record(struct csv_reader *r, unsigned long line, size_t n, ...)
{
	unsigned long at = 0;
	va_list ap;

	assert_int_equal(csv_read(r, &at, &err), 1);
	assert_int_equal(at, line);
	assert_int_equal(r->nfields, n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(r->fields[i], va_arg(ap, const char *));
	va_end(ap);
}

static void
expect_end(struct csv_reader *r)
{
	unsigned long at = 0;

	assert_int_equal(csv_read(r, &at, &err), 0);
	csv_reader_free(r);
}

static void
expect_error(const char *text, const char *message)
{
	struct csv_reader r;
	unsigned long at = 0;
	int rc;

	start(&r, text);
	while ((rc = csv_read(&r, &at, &err)) == 1)
		;
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, ERR_INVALID);
	assert_string_equal(err.message, message);
	csv_reader_free(&r);
}

/* ---- Reader ------------------------------------------------------- */

static void
test_read_empty(void **state)
{
	struct csv_reader r;

	(void)state;
	start(&r, "");
	expect_end(&r);
	start(&r, "\r\n\n\r\n");
	expect_end(&r);
	start(&r, "\xef\xbb\xbf");
	expect_end(&r);
}

static void
test_read_plain(void **state)
{
	struct csv_reader r;

	(void)state;
	start(&r, "code,name\r\nLUMO,Lastensuojelu\r\n");
	expect_record(&r, 1, 2, "code", "name");
	expect_record(&r, 2, 2, "LUMO", "Lastensuojelu");
	expect_end(&r);

	/* LF only, no final line break, empty fields, spaces kept. */
	start(&r, "a,,c\n, b ,\nx");
	expect_record(&r, 1, 3, "a", "", "c");
	expect_record(&r, 2, 3, "", " b ", "");
	expect_record(&r, 3, 1, "x");
	expect_end(&r);

	/* A byte order mark (as spreadsheets write) is not part of the
	 * first field. */
	start(&r, "\xef\xbb\xbf" "code\r\nÄÖ – å\r\n");
	expect_record(&r, 1, 1, "code");
	expect_record(&r, 2, 1, "ÄÖ – å");
	expect_end(&r);
}

static void
test_read_quoted(void **state)
{
	struct csv_reader r;

	(void)state;
	start(&r, "\"a,b\",\"say \"\"hi\"\"\",\"\"\r\n");
	expect_record(&r, 1, 3, "a,b", "say \"hi\"", "");
	expect_end(&r);

	/* Line breaks inside quotes are data, and counted: the next record
	 * starts on line 5. */
	start(&r, "code,description\r\n"
		  "OT,\"first line\r\nsecond line\nthird\"\r\n"
		  "LUMO,\"x\"\r\n");
	expect_record(&r, 1, 2, "code", "description");
	expect_record(&r, 2, 2, "OT", "first line\r\nsecond line\nthird");
	expect_record(&r, 5, 2, "LUMO", "x");
	expect_end(&r);

	/* Blank lines between records are skipped but counted. */
	start(&r, "a\r\n\r\n\r\nb\r\n");
	expect_record(&r, 1, 1, "a");
	expect_record(&r, 4, 1, "b");
	expect_end(&r);

	/* A quoted last field at the very end. */
	start(&r, "1,\"2\"");
	expect_record(&r, 1, 2, "1", "2");
	expect_end(&r);
}

static void
test_read_errors(void **state)
{
	(void)state;
	expect_error("a,b\r\nc,\"open\r\nstill open", "line 2: a quoted field is not closed");
	expect_error("a\r\n\"x\"y,z\r\n", "line 2: text after the closing quote of a field");
	expect_error("a\r\nb\r\nab\"c\r\n",
		     "line 3: a quote inside a field that does not start with one (quote the whole field)");
	{
		struct csv_reader r;
		unsigned long at;

		error_clear(&err);
		csv_reader_init(&r, "a\r\nb\0c\r\n", 8, NULL);
		assert_int_equal(csv_read(&r, &at, &err), 1);
		assert_int_equal(csv_read(&r, &at, &err), -1);
		assert_string_equal(err.message, "line 2: a NUL byte");
		csv_reader_free(&r);

		/* With a source, messages read as the compilers' do. */
		csv_reader_init(&r, "a\r\n\"b", 5, "p.csv");
		assert_int_equal(csv_read(&r, &at, &err), 1);
		assert_int_equal(csv_read(&r, &at, &err), -1);
		assert_string_equal(err.message, "p.csv:2: a quoted field is not closed");
		csv_reader_free(&r);
	}
}

/* ---- Formulas ------------------------------------------------------- */

static void
test_formula(void **state)
{
	(void)state;
	assert_false(csv_is_formula(NULL));
	assert_false(csv_is_formula(""));
	assert_false(csv_is_formula("LUMO"));
	assert_false(csv_is_formula("'quoted"));
	assert_false(csv_is_formula("453087.00"));
	assert_true(csv_is_formula("=SUM(A1:A9)"));
	assert_true(csv_is_formula("+1"));
	assert_true(csv_is_formula("-1"));
	assert_true(csv_is_formula("@cmd"));
	assert_true(csv_is_formula("\tx"));
	assert_true(csv_is_formula("\rx"));
	assert_true(csv_is_formula("'=x"));
	assert_true(csv_is_formula("''=x"));

	assert_string_equal(csv_cell_value("LUMO"), "LUMO");
	assert_string_equal(csv_cell_value("'=x"), "=x");
	assert_string_equal(csv_cell_value("''=x"), "'=x");
	assert_string_equal(csv_cell_value("'abc"), "'abc");
	assert_string_equal(csv_cell_value("'"), "'");
	assert_string_equal(csv_cell_value(""), "");
}

/* ---- Writer --------------------------------------------------------- */

/* What writing the cells as one record produces. */
static char *
written(size_t n, const char *const *cells)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	for (size_t i = 0; i < n; i++)
		csv_write_cell(out, cells[i], i == 0);
	csv_end_record(out);
	fclose(out);
	return buf;
}

static void
test_write(void **state)
{
	static const char *const plain[] = { "LUMO", NULL, "", "ä – ö" };
	static const char *const quoted[] = { "a,b", "say \"hi\"", "two\nlines", "cr\rx" };
	static const char *const formulas[] = {
		"=HYPERLINK(\"http://x\",\"y\")", "+358", "-5", "@SUM(A1)",
		"\tx", "'=x", "'plain",
	};
	char *s;

	(void)state;
	s = written(4, plain);
	assert_string_equal(s, "LUMO,,,ä – ö\r\n");
	free(s);
	s = written(4, quoted);
	assert_string_equal(s, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rx\"\r\n");
	free(s);
	s = written(7, formulas);
	assert_string_equal(s, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","
			    "'+358,'-5,'@SUM(A1),'\tx,''=x,'plain\r\n");
	free(s);
	/* A ';' is quoted in a ',' file too: the reader guesses the
	 * separator from the first line (a fuzz finding). */
	s = written(1, (const char *const[]){ ";#" });
	assert_string_equal(s, "\";#\"\r\n");
	free(s);
}

/* Whatever is written reads back as it was. */
static void
test_round_trip(void **state)
{
	static const char *const cells[] = {
		"code", "=1+2", "'=x", "'plain", "a,\"b\"\r\nc", "", "-", "@",
		"Etelä-Savon hyvinvointialue (Eloisa)", "\r", "''",
	};
	size_t n = sizeof cells / sizeof cells[0];
	struct csv_reader r;
	unsigned long at;
	char *s;

	(void)state;
	s = written(n, cells);
	start(&r, s);
	assert_int_equal(csv_read(&r, &at, &err), 1);
	assert_int_equal(r.nfields, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(csv_cell_value(r.fields[i]), cells[i]);
	expect_end(&r);
	free(s);
}

/* Many fields and a long field grow the buffers. */
static void
test_read_large(void **state)
{
	size_t n = 500, cap = 200000, len = 0;
	char *text = malloc(cap);
	struct csv_reader r;
	unsigned long at;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "%s%zu",
					i ? "," : "", i);
	text[len++] = '\n';
	text[len++] = '"';
	memset(text + len, 'x', 100000);
	len += 100000;
	text[len++] = '"';
	text[len] = '\0';
	start(&r, text);
	assert_int_equal(csv_read(&r, &at, &err), 1);
	assert_int_equal(r.nfields, n);
	assert_string_equal(r.fields[499], "499");
	assert_int_equal(csv_read(&r, &at, &err), 1);
	assert_int_equal(at, 2);
	assert_int_equal(strlen(r.fields[0]), 100000);
	expect_end(&r);
	free(text);
}

/* A stream that gives at most `step` bytes a read, so that every
 * record, quote, doubled quote and CRLF meets a chunk's end somewhere. */
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

/* The reader reads a stream as it reads the same text in memory:
 * the same fields, the same lines, the same error. */
static void
test_read_stream(void **state)
{
	static const char *const texts[] = {
		"\xef\xbb\xbf" "code;name\r\nA;\"x;\"\"y\"\"\r\nz\"\r\n\r\nB;\"\"\n",
		"a,b,c\n1,\"two\nlines\",3\r\n\"\"\"\",,\"\"\r4,5,6",
		"a,b\n\"not closed,x\n",
		"a,b\nx\"y,z\n",
	};
	(void)state;
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
		for (size_t step = 1; step <= 4; step++) {
			struct dribble d = { texts[t], strlen(texts[t]), 0, step };
			struct csv_reader a, b;
			struct error ea, eb;
			unsigned long la = 0, lb = 0;
			int ra, rb;

			error_clear(&ea);
			error_clear(&eb);
			csv_reader_init(&a, texts[t], strlen(texts[t]), "f");
			assert_int_equal(csv_reader_stream(&b, dribble_read, &d, "f"), 0);
			assert_int_equal(a.sep, b.sep);
			do {
				ra = csv_read(&a, &la, &ea);
				rb = csv_read(&b, &lb, &eb);
				assert_int_equal(ra, rb);
				if (ra != 1)
					break;
				assert_int_equal(la, lb);
				assert_int_equal(a.nfields, b.nfields);
				for (size_t i = 0; i < a.nfields; i++)
					assert_string_equal(a.fields[i], b.fields[i]);
			} while (ra == 1);
			assert_string_equal(ea.message, eb.message);
			csv_reader_free(&a);
			csv_reader_free(&b);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_empty),
		cmocka_unit_test(test_read_plain),
		cmocka_unit_test(test_read_quoted),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_formula),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_read_large),
		cmocka_unit_test(test_read_stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
