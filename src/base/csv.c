/* SPDX-License-Identifier: EUPL-1.2 */
/* csv.c — RFC 4180 reading and writing (csv.h). */
#include "config.h"

#include "csv.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void
csv_reader_init(struct csv_reader *r, const char *text, size_t len,
		const char *source)
{
	memset(r, 0, sizeof *r);
	r->source = source;
	r->p = text;
	r->end = text + len;
	r->line = 1;
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		r->p += 3;
	/* A spreadsheet saved under a Finnish locale separates by ';'. */
	r->sep = csv_sniff_separator(r->p, (size_t)(r->end - r->p));
}

/* What a stream reads at a time. */
#define CHUNK (1u << 16)

/* Whether n bytes are there at r->p, reading more of a stream when they
 * are not: what was read before r->p is not needed again, as fields
 * are copied out as they are read. */
static bool
avail(struct csv_reader *r, size_t n)
{
	size_t left = (size_t)(r->end - r->p), got;

	if (left >= n)
		return true;
	if (!r->read || r->eof)
		return false;
	memmove(r->chunk, r->p, left);
	r->p = r->chunk;
	r->end = r->chunk + left;
	while (left < n && !r->eof) {
		got = r->read(r->chunk + left, CHUNK - left, r->read_arg);
		r->eof = got == 0;
		left += got;
		r->end = r->chunk + left;
	}
	return left >= n;
}

int
csv_reader_stream(struct csv_reader *r,
		  size_t (*read)(void *buf, size_t size, void *arg), void *arg,
		  const char *source)
{
	memset(r, 0, sizeof *r);
	r->source = source;
	r->line = 1;
	r->read = read;
	r->read_arg = arg;
	if (!(r->chunk = malloc(CHUNK)))
		return -1;
	r->p = r->end = r->chunk;
	/* The first chunk, or the whole of a shorter text, to sniff. */
	avail(r, CHUNK);
	if (avail(r, 3) && !memcmp(r->p, "\xef\xbb\xbf", 3))
		r->p += 3;
	r->sep = csv_sniff_separator(r->p, (size_t)(r->end - r->p));
	return 0;
}

void
csv_reader_free(struct csv_reader *r)
{
	free(r->chunk);
	free(r->fields);
	free(r->buf);
	free(r->offs);
	memset(r, 0, sizeof *r);
}

static int
put_byte(struct csv_reader *r, char c)
{
	if (r->buflen == r->bufcap) {
		size_t cap = r->bufcap ? r->bufcap * 2 : 256;
		char *buf = realloc(r->buf, cap);

		if (!buf)
			return -1;
		r->buf = buf;
		r->bufcap = cap;
	}
	r->buf[r->buflen++] = c;
	return 0;
}

/* Room for more fields. */
static int
grow_fields(struct csv_reader *r)
{
	size_t cap = r->capfields ? r->capfields * 2 : 16;
	size_t *offs = realloc(r->offs, cap * sizeof *offs);
	char **fields;

	if (!offs)
		return -1;
	r->offs = offs;
	if (!(fields = realloc(r->fields, cap * sizeof *fields)))
		return -1;
	r->fields = fields;
	r->capfields = cap;
	return 0;
}

/* Ends the current field: NUL-terminates it and remembers where the
 * next one starts. */
static int
end_field(struct csv_reader *r)
{
	if (put_byte(r, '\0') < 0 ||
	    (r->nfields + 1 >= r->capfields && grow_fields(r) < 0))
		return -1;
	r->offs[++r->nfields] = r->buflen;
	return 0;
}

/* Consumes a line break at r->p (CRLF, LF or CR) if there is one. */
static bool
line_break(struct csv_reader *r)
{
	if (avail(r, 1) && *r->p == '\r') {
		r->p++;
		if (avail(r, 1) && *r->p == '\n')
			r->p++;
	} else if (avail(r, 1) && *r->p == '\n') {
		r->p++;
	} else {
		return false;
	}
	r->line++;
	return true;
}

static int
fail(const struct csv_reader *r, struct error *err, unsigned long line,
     const char *what)
{
	if (r->source)
		error_set(err, ERR_INVALID, NULL, "%s:%lu: %s", r->source, line,
			  what);
	else
		error_set(err, ERR_INVALID, NULL, _("line %lu: %s"), line, what);
	return -1;
}

static int
oom(struct error *err)
{
	error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	return -1;
}

/* Reads a quoted field whose opening quote is at r->p. */
static int
read_quoted(struct csv_reader *r, struct error *err)
{
	unsigned long start = r->line;

	r->p++;
	for (;;) {
		if (!avail(r, 1))
			return fail(r, err, start, _("a quoted field is not closed"));
		if (*r->p == '"') {
			if (avail(r, 2) && r->p[1] == '"') {
				if (put_byte(r, '"') < 0)
					return oom(err);
				r->p += 2;
				continue;
			}
			r->p++;
			if (avail(r, 1) && *r->p != r->sep && *r->p != '\r' &&
			    *r->p != '\n')
				return fail(r, err, r->line,
					    _("text after the closing quote of a field"));
			return 0;
		}
		if (*r->p == '\0')
			return fail(r, err, r->line, _("a NUL byte"));
		/* A line break inside quotes is kept as written, and counted. */
		if (*r->p == '\n' || (*r->p == '\r' &&
				      (!avail(r, 2) || r->p[1] != '\n')))
			r->line++;
		if (put_byte(r, *r->p++) < 0)
			return oom(err);
	}
}

static int
read_plain(struct csv_reader *r, struct error *err)
{
	while (avail(r, 1) && *r->p != r->sep && *r->p != '\r' && *r->p != '\n') {
		if (*r->p == '"')
			return fail(r, err, r->line,
				    _("a quote inside a field that does not start with one (quote the whole field)"));
		if (*r->p == '\0')
			return fail(r, err, r->line, _("a NUL byte"));
		if (put_byte(r, *r->p++) < 0)
			return oom(err);
	}
	return 0;
}

int
csv_read(struct csv_reader *r, unsigned long *line, struct error *err)
{
	/* Empty lines separate nothing. */
	while (line_break(r))
		;
	if (!avail(r, 1))
		return 0;
	*line = r->line;
	r->nfields = 0;
	r->buflen = 0;
	if (!r->capfields && grow_fields(r) < 0)
		return oom(err);
	r->offs[0] = 0;
	for (;;) {
		int rc = avail(r, 1) && *r->p == '"' ? read_quoted(r, err)
						     : read_plain(r, err);

		if (rc < 0)
			return rc;
		if (end_field(r) < 0)
			return oom(err);
		if (avail(r, 1) && *r->p == r->sep) {
			r->p++;
			continue;
		}
		line_break(r);
		break;
	}
	/* The buffer may have moved while the record grew. */
	for (size_t i = 0; i < r->nfields; i++)
		r->fields[i] = r->buf + r->offs[i];
	return 1;
}

static bool
formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	       c == '\r';
}

bool
csv_is_formula(const char *cell)
{
	if (!cell)
		return false;
	while (*cell == '\'')
		cell++;
	return formula_start(*cell);
}

const char *
csv_cell_value(const char *cell)
{
	return cell[0] == '\'' && csv_is_formula(cell) ? cell + 1 : cell;
}

void
csv_write_cell(FILE *out, const char *cell, bool first)
{
	csv_write_cell_sep(out, cell, first, ',');
}

char
csv_sniff_separator(const char *text, size_t len)
{
	size_t commas = 0, semicolons = 0;
	bool quoted = false;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '"')
			quoted = !quoted;
		else if (!quoted && (text[i] == '\n' || text[i] == '\r'))
			break;
		else if (!quoted && text[i] == ',')
			commas++;
		else if (!quoted && text[i] == ';')
			semicolons++;
	}
	return semicolons > commas ? ';' : ',';
}

void
csv_write_cell_sep(FILE *out, const char *cell, bool first, char sep)
{
	const char *s = cell ? cell : "";
	/* Both separators are quoted whichever one is written, so that the
	 * reader's guess from the first line (csv_sniff_separator) cannot
	 * take a cell's ';' for the separator of a ',' file. */
	char special[] = { ',', ';', '"', '\r', '\n', '\0' };

	if (!first)
		putc(sep, out);
	if (!s[strcspn(s, special)]) {
		if (csv_is_formula(s))
			putc('\'', out);
		fputs(s, out);
		return;
	}
	putc('"', out);
	if (csv_is_formula(s))
		putc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
}

void
csv_end_record(FILE *out)
{
	fputs("\r\n", out);
}
