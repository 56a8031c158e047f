/* SPDX-License-Identifier: EUPL-1.2 */
/* fuzz_csv.c — the CSV reader and writer (src/base/csv.c).
 *
 * Properties: no crash, no read outside the input; every record read
 * from the input, written again cell by cell, reads back the same: as
 * many records, as many fields, and csv_cell_value() of each cell is the
 * field written (the writer's apostrophe before a formula comes off). */
#include "config.h"

#include "fuzz.h"

#include "src/base/csv.h"

/* The records of a document, their fields NUL-separated. */
struct table {
	size_t nrecords;
	size_t *nfields;   /* per record */
	char **cells;      /* per record: nfields strings back to back */
	size_t *lens;      /* per record: bytes in cells[r] */
};

static void
table_free(struct table *t)
{
	for (size_t r = 0; r < t->nrecords; r++)
		free(t->cells[r]);
	free(t->nfields);
	free(t->cells);
	free(t->lens);
	memset(t, 0, sizeof *t);
}

/* Reads every record, taking csv_cell_value() of the cells when
 * values.  Returns the result of the last csv_read() (0 at the end). */
static int
table_read(struct table *t, const char *text, size_t len, bool values)
{
	struct csv_reader rd;
	unsigned long line;
	struct error err;
	int got;

	memset(t, 0, sizeof *t);
	csv_reader_init(&rd, text, len, NULL);
	while ((got = csv_read(&rd, &line, &err)) == 1) {
		size_t r = t->nrecords++, total = 0, at = 0;

		if (!(t->nfields = realloc(t->nfields, t->nrecords * sizeof *t->nfields)) ||
		    !(t->cells = realloc(t->cells, t->nrecords * sizeof *t->cells)) ||
		    !(t->lens = realloc(t->lens, t->nrecords * sizeof *t->lens)))
			abort();
		if (rd.nfields == 0)
			fuzz_fail("a record has at least one field");
		for (size_t i = 0; i < rd.nfields; i++) {
			const char *c = values ? csv_cell_value(rd.fields[i]) : rd.fields[i];

			total += strlen(c) + 1;
		}
		if (!(t->cells[r] = malloc(total)))
			abort();
		for (size_t i = 0; i < rd.nfields; i++) {
			const char *c = values ? csv_cell_value(rd.fields[i]) : rd.fields[i];
			size_t n = strlen(c) + 1;

			memcpy(t->cells[r] + at, c, n);
			at += n;
		}
		t->nfields[r] = rd.nfields;
		t->lens[r] = total;
		if (rd.line < line)
			fuzz_fail("line numbers go forward");
	}
	if (got < 0 && err.code != ERR_INVALID)
		fuzz_fail("a malformed record is ERR_INVALID");
	csv_reader_free(&rd);
	return got;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct table in, back;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;

	if (table_read(&in, (const char *)data, size, false) != 0) {
		table_free(&in);
		return 0;
	}
	if (!(out = open_memstream(&buf, &len)))
		abort();
	/* The reader skips one byte order mark: a first cell that starts
	 * with one keeps it behind this one. */
	fputs("\xef\xbb\xbf", out);
	for (size_t r = 0; r < in.nrecords; r++) {
		const char *c = in.cells[r];

		for (size_t i = 0; i < in.nfields[r]; i++, c += strlen(c) + 1)
			csv_write_cell(out, c, i == 0);
		csv_end_record(out);
	}
	if (fclose(out) != 0)
		abort();
	if (table_read(&back, buf, len, true) != 0)
		fuzz_fail("what the writer wrote reads back without error:\n%s", buf);
	/* A record of one empty field is an empty line, which the reader
	 * skips: compare the others. */
	for (size_t r = 0, s = 0; r < in.nrecords || s < back.nrecords; r++, s++) {
		while (r < in.nrecords && in.nfields[r] == 1 && !in.cells[r][0])
			r++;
		if (r >= in.nrecords && s >= back.nrecords)
			break;
		if (r >= in.nrecords || s >= back.nrecords)
			fuzz_fail("as many records read back (%zu, %zu)",
				  in.nrecords, back.nrecords);
		if (in.nfields[r] != back.nfields[s] || in.lens[r] != back.lens[s] ||
		    memcmp(in.cells[r], back.cells[s], in.lens[r]))
			fuzz_fail("record %zu reads back as written", r + 1);
	}
	free(buf);
	table_free(&in);
	table_free(&back);
	return 0;
}
