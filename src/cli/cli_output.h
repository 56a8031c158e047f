/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_output.h — how the command line prints: aligned tables measured
 * by display width, RFC 4180 CSV and JSON.
 *
 * Nothing here knows about projects: callers hand in strings.  Table
 * cells are sanitised here (text_sanitize), so a caller may pass stored
 * text as it is; CSV cells keep newlines and tabs but lose every other
 * control character; JSON strings escape what could act on a terminal. */
#ifndef SALKKU_CLI_OUTPUT_H
#define SALKKU_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The width to fit tables into: $COLUMNS when it holds a number, else
 * the terminal's width when standard output is one, else 0: into a
 * pipe or file nothing is cut. */
int output_width(void);

/* Prints s sanitised with flags (text.h) to out; NULL prints nothing. */
void output_text(FILE *out, const char *s, unsigned flags);

/* Prints s sanitised, keeping newlines, each line after the first
 * indented by indent spaces. */
void output_indented(FILE *out, const char *s, int indent);

/* ---- Tables ------------------------------------------------------- */

struct table_col {
	const char *header;  /* already translated */
	bool right;          /* right-aligned (money, figures) */
	bool flex;           /* takes the slack: clipped with … to fit */
	int max;             /* widest this column may grow, 0: no cap */
};

struct table {
	const struct table_col *cols;
	size_t ncols;
	char **cells;        /* rows * ncols sanitised copies */
	size_t rows, capacity;
	int indent;          /* spaces before every line */
	bool no_header;
};

void table_init(struct table *t, const struct table_col *cols, size_t ncols);

/* Appends a row of t->ncols cells (NULL cells print empty).  Each cell
 * is sanitised with newlines shown as ^J.  0, or -1 out of memory. */
int table_add(struct table *t, const char *const *cells);

/* Prints header and rows, columns two spaces apart, fitted to width
 * columns (0: no limit) by clipping the flexible and capped columns. */
void table_print(const struct table *t, FILE *out, int width);

void table_free(struct table *t);

/* ---- CSV ---------------------------------------------------------- */

/* Writes one cell: quoted when it holds a comma, quote, CR or LF;
 * a leading = + - @ TAB or CR (a spreadsheet formula) is neutralised
 * with a leading apostrophe.  Control characters other than TAB, CR
 * and LF are replaced as text_sanitize() shows them. */
void csv_cell(FILE *out, const char *s, bool first);

/* Writes a whole record line of n cells and the CRLF that ends it. */
void csv_row(FILE *out, const char *const *cells, size_t n);

/* ---- JSON --------------------------------------------------------- */

/* A small pretty-printing JSON writer.  Containers nest up to
 * JSON_OUT_DEPTH levels. */
#define JSON_OUT_DEPTH 16

struct json_out {
	FILE *f;
	int depth;
	bool first[JSON_OUT_DEPTH];
	bool after_key;
};

void json_init(struct json_out *j, FILE *f);
void json_begin_object(struct json_out *j);
void json_begin_array(struct json_out *j);
void json_end_object(struct json_out *j);
void json_end_array(struct json_out *j);
/* Ends the document with a newline. */
void json_finish(struct json_out *j);

void json_key(struct json_out *j, const char *key);
/* A string value (NULL writes null): control characters, C1 controls
 * and bidirectional formatting characters as \uXXXX, other valid UTF-8
 * as it is, invalid bytes as U+FFFD. */
void json_string(struct json_out *j, const char *s);
void json_int(struct json_out *j, int64_t v);
void json_bool(struct json_out *j, bool v);
void json_null(struct json_out *j);
/* A number already formatted ("8.80"). */
void json_number(struct json_out *j, const char *digits);

/* Shorthands: key and value. */
void json_kv_string(struct json_out *j, const char *key, const char *s);
void json_kv_int(struct json_out *j, const char *key, int64_t v);

#endif
