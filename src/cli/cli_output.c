/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_output.c — tables, CSV and JSON for the command line.
 *
 * Widths are display columns (text_width), so that "Pohjois-Savon
 * hyvinvointialue" and a CJK name line up with ASCII; printf field
 * widths count bytes and would not. */
#include "config.h"

#include "cli_output.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "src/base/text.h"

int
output_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;

	if (env && *env) {
		char *end;
		long n = strtol(env, &end, 10);

		if (!*end && n > 0 && n < 10000)
			return (int)n;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	/* Into a pipe or a file nothing is cut: scripts and grep see it all. */
	return 0;
}

void
output_text(FILE *out, const char *s, unsigned flags)
{
	char *safe;

	if (!s)
		return;
	safe = text_sanitize(s, flags);
	fputs(safe ? safe : "", out);
	free(safe);
}

void
output_indented(FILE *out, const char *s, int indent)
{
	char *safe, *line, *next;

	if (!s || !(safe = text_sanitize(s, TEXT_KEEP_NEWLINES)))
		return;
	for (line = safe; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line != safe)
			fprintf(out, "\n%*s", indent, "");
		fputs(line, out);
	}
	free(safe);
}

/* ---- Tables ------------------------------------------------------- */

void
table_init(struct table *t, const struct table_col *cols, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols;
}

int
table_add(struct table *t, const char *const *cells)
{
	if (t->rows == t->capacity) {
		size_t cap = t->capacity ? t->capacity * 2 : 16;
		char **grown = realloc(t->cells, cap * t->ncols * sizeof *grown);

		if (!grown)
			return -1;
		t->cells = grown;
		t->capacity = cap;
	}
	for (size_t i = 0; i < t->ncols; i++) {
		char *safe = text_sanitize(cells[i] ? cells[i] : "", 0);

		if (!safe) {
			while (i-- > 0)
				free(t->cells[t->rows * t->ncols + i]);
			return -1;
		}
		t->cells[t->rows * t->ncols + i] = safe;
	}
	t->rows++;
	return 0;
}

/* Prints one cell clipped and padded to w columns.  The last column,
 * when left-aligned, is not padded: no trailing blanks. */
static void
print_cell(FILE *out, const char *s, int w, bool right, bool last)
{
	char *clipped = text_clip(s, w);
	size_t size;
	char *buf;

	if (!clipped)
		return;
	if (last && !right) {
		fputs(clipped, out);
		free(clipped);
		return;
	}
	size = strlen(clipped) + (size_t)w + 8;
	if ((buf = malloc(size))) {
		fputs(text_pad(buf, size, clipped, w, right), out);
		free(buf);
	}
	free(clipped);
}

static void
print_line(const struct table *t, FILE *out, const int *w,
	   const char *const *cells)
{
	fprintf(out, "%*s", t->indent, "");
	for (size_t i = 0; i < t->ncols; i++) {
		if (i > 0)
			fputs("  ", out);
		print_cell(out, cells[i], w[i], t->cols[i].right,
			   i + 1 == t->ncols);
	}
	fputc('\n', out);
}

/* Narrows the flexible (flex) or capped (!flex) columns, the widest
 * first, until the table fits width or each is down to floor columns.
 * Returns the new total. */
static int
table_shrink(const struct table *t, int *w, int total, int width, bool flex,
	     int floor)
{
	while (total > width) {
		size_t best = t->ncols;

		for (size_t i = 0; i < t->ncols; i++) {
			bool kind = flex ? t->cols[i].flex
					 : t->cols[i].max > 0 && !t->cols[i].flex;

			if (kind && w[i] > floor && (best == t->ncols || w[i] > w[best]))
				best = i;
		}
		if (best == t->ncols)
			break;
		w[best]--;
		total--;
	}
	return total;
}

void
table_print(const struct table *t, FILE *out, int width)
{
	int *w = calloc(t->ncols ? t->ncols : 1, sizeof *w);
	const char **headers = calloc(t->ncols ? t->ncols : 1, sizeof *headers);
	int total;

	if (!w || !headers)
		goto out;
	total = t->indent + 2 * ((int)t->ncols - 1);
	for (size_t i = 0; i < t->ncols; i++) {
		int hw = text_width(t->cols[i].header);

		headers[i] = t->cols[i].header;
		w[i] = t->no_header ? 0 : hw;
		for (size_t r = 0; r < t->rows; r++) {
			int cw = text_width(t->cells[r * t->ncols + i]);

			if (cw > w[i])
				w[i] = cw;
		}
		if (width > 0 && t->cols[i].max > 0 && w[i] > t->cols[i].max)
			w[i] = t->cols[i].max > hw ? t->cols[i].max : hw;
		total += w[i];
	}
	/* What does not fit comes first out of the flexible column, then out
	 * of the capped ones (names of organisations), then the flexible
	 * one again, down to a width that still shows a word. */
	if (width > 0) {
		total = table_shrink(t, w, total, width, true, 20);
		total = table_shrink(t, w, total, width, false, 10);
		table_shrink(t, w, total, width, true, 10);
	}
	if (!t->no_header)
		print_line(t, out, w, headers);
	for (size_t r = 0; r < t->rows; r++)
		print_line(t, out, w, (const char *const *)&t->cells[r * t->ncols]);
out:
	free(w);
	free(headers);
}

void
table_free(struct table *t)
{
	for (size_t i = 0; i < t->rows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->rows = t->capacity = 0;
}

/* ---- CSV ---------------------------------------------------------- */

void
csv_cell(FILE *out, const char *s, bool first)
{
	char *safe;
	bool quote, formula;

	if (!first)
		fputc(',', out);
	if (!s || !*s)
		return;
	if (!(safe = text_sanitize(s, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS)))
		return;
	formula = strchr("=+-@\t\r", safe[0]) != NULL;
	quote = formula || strpbrk(safe, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (const char *p = safe; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	if (quote)
		fputc('"', out);
	free(safe);
}

void
csv_row(FILE *out, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_cell(out, cells[i], i == 0);
	fputs("\r\n", out);
}

/* ---- JSON --------------------------------------------------------- */

void
json_init(struct json_out *j, FILE *f)
{
	memset(j, 0, sizeof *j);
	j->f = f;
	j->first[0] = true;
}

/* What goes before a value or key: the comma and the new line of an
 * element, or nothing right after a key. */
static void
json_prefix(struct json_out *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	fputs(j->first[j->depth] ? "\n" : ",\n", j->f);
	fprintf(j->f, "%*s", 2 * j->depth, "");
	j->first[j->depth] = false;
}

static void
json_open(struct json_out *j, char c)
{
	json_prefix(j);
	fputc(c, j->f);
	if (j->depth + 1 < JSON_OUT_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void
json_close(struct json_out *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		fprintf(j->f, "\n%*s", 2 * j->depth, "");
	fputc(c, j->f);
}

void
json_begin_object(struct json_out *j)
{
	json_open(j, '{');
}

void
json_begin_array(struct json_out *j)
{
	json_open(j, '[');
}

void
json_end_object(struct json_out *j)
{
	json_close(j, '}');
}

void
json_end_array(struct json_out *j)
{
	json_close(j, ']');
}

void
json_finish(struct json_out *j)
{
	fputc('\n', j->f);
}

static void
json_write_string(FILE *f, const char *s)
{
	size_t n = strlen(s);

	fputc('"', f);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp;
		int len;

		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc(c, f);
			i++;
			continue;
		}
		if (c == '\n' || c == '\t') {
			fputs(c == '\n' ? "\\n" : "\\t", f);
			i++;
			continue;
		}
		len = utf8_decode(s + i, n - i, &cp);
		if (len < 0) {
			fputs("\\ufffd", f);
			i++;
		} else if (text_is_control(cp)) {
			/* Would act on a terminal or reorder the text around
			 * it: an escape, though JSON allows it raw. */
			fprintf(f, "\\u%04x", cp);
			i += (size_t)len;
		} else {
			fwrite(s + i, 1, (size_t)len, f);
			i += (size_t)len;
		}
	}
	fputc('"', f);
}

void
json_key(struct json_out *j, const char *key)
{
	json_prefix(j);
	json_write_string(j->f, key);
	fputs(": ", j->f);
	j->after_key = true;
}

void
json_string(struct json_out *j, const char *s)
{
	json_prefix(j);
	if (s)
		json_write_string(j->f, s);
	else
		fputs("null", j->f);
}

void
json_int(struct json_out *j, int64_t v)
{
	json_prefix(j);
	fprintf(j->f, "%" PRId64, v);
}

void
json_bool(struct json_out *j, bool v)
{
	json_prefix(j);
	fputs(v ? "true" : "false", j->f);
}

void
json_null(struct json_out *j)
{
	json_prefix(j);
	fputs("null", j->f);
}

void
json_number(struct json_out *j, const char *digits)
{
	json_prefix(j);
	fputs(digits, j->f);
}

void
json_kv_string(struct json_out *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void
json_kv_int(struct json_out *j, const char *key, int64_t v)
{
	json_key(j, key);
	json_int(j, v);
}
