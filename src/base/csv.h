/* SPDX-License-Identifier: EUPL-1.2 */
/* csv.h — comma-separated values as RFC 4180 has them: fields separated
 * by commas, records by CRLF (LF and a lone CR are read too), a field
 * quoted with '"' when it holds a comma, a quote or a line break, and a
 * quote inside a quoted field doubled.
 *
 * The reader works on a document in memory or read in chunks from a
 * stream, and says on which physical
 * line each record starts, so that messages can point into the file.
 * The writer neutralises cells that a spreadsheet would run as formulas
 * (CSV injection): such a cell gets a leading apostrophe, which the
 * reader's csv_cell_value() takes off again, so that an export reads
 * back as it was. */
#ifndef SALKKU_CSV_H
#define SALKKU_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

struct csv_reader {
	const char *p, *end;
	const char *source;   /* names the file in messages, or NULL */
	unsigned long line;   /* physical line at p */
	/* The current record: nfields NUL-terminated fields, borrowed
	 * until the next csv_read() or csv_reader_free(). */
	char **fields;
	size_t nfields;
	/* Storage behind fields: their text, and where each starts. */
	char *buf;
	size_t buflen, bufcap;
	size_t *offs;
	size_t capfields;   /* of fields and offs */
	char sep;           /* ',' or ';', as csv_sniff_separator() found */
	/* A stream: the chunk p and end lie in, and how to read more. */
	size_t (*read)(void *buf, size_t size, void *arg);
	void *read_arg;
	char *chunk;
	bool eof;
};

/* Starts reading the len bytes at text (borrowed; they must outlive the
 * reader).  A UTF-8 byte order mark at the start is skipped, and the
 * separator is found from the first line (csv_sniff_separator).  source
 * (borrowed; may be NULL) names the file in messages. */
void csv_reader_init(struct csv_reader *r, const char *text, size_t len,
		     const char *source);

/* Starts reading a text that read (until it returns 0) gives in
 * chunks, as csv_reader_init() does: what is held at a time is a chunk
 * and the record being read.  -1 when out of memory. */
int csv_reader_stream(struct csv_reader *r,
		      size_t (*read)(void *buf, size_t size, void *arg),
		      void *arg, const char *source);

/* Frees the reader's storage (not the text). */
void csv_reader_free(struct csv_reader *r);

/* Reads the next record into r->fields.  Lines that are entirely empty
 * are skipped.  Returns 1 and sets *line to the physical line on which
 * the record starts; 0 at the end of the text; -1 on a malformed record
 * (ERR_INVALID in err, message "source:N: problem", or "line N: problem"
 * without a source) or when out of memory
 * (ERR_FAILED). */
int csv_read(struct csv_reader *r, unsigned long *line, struct error *err);

/* True when a spreadsheet would run cell as a formula: it starts with
 * = + - @, a tab or a carriage return, after any apostrophes that
 * neutralise it already. */
bool csv_is_formula(const char *cell);

/* The value of a cell as read: without the apostrophe csv_write_cell()
 * put in front of a formula-like value.  Borrowed from cell. */
const char *csv_cell_value(const char *cell);

/* Writes one cell (NULL is an empty cell), preceded by a comma unless
 * first: neutralised when csv_is_formula(), quoted when it holds a
 * comma, a quote, CR or LF. */
void csv_write_cell(FILE *out, const char *cell, bool first);

/* csv_write_cell() with another separator (';' for Finnish Excel). */
void csv_write_cell_sep(FILE *out, const char *cell, bool first, char sep);

/* The separator a document uses: ';' when its first line holds more
 * semicolons than commas outside quotes, else ','. */
char csv_sniff_separator(const char *text, size_t len);

/* Ends a record with CRLF. */
void csv_end_record(FILE *out);

#endif
