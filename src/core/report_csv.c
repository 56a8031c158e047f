/* SPDX-License-Identifier: EUPL-1.2 */
/* report_csv.c — the report as CSV: one block per table (its name on a
 * line of its own, its header, its rows), an empty line between.
 * Numbers are plain (453087.00, no grouping, no unit) so that a
 * spreadsheet reads them as numbers; in the excel-fi dialect they have
 * decimal commas, cells are separated by ';' and a UTF-8 byte order
 * mark comes first, as Finnish Excel expects of a file it opens. */
#include "config.h"

#include "report.h"

#include <string.h>

#include "src/base/csv.h"

static const char *
plain(const struct report_cell *c, char *buf, size_t size,
      enum csv_dialect dialect)
{
	char *comma;

	if (c->null)
		return "";
	switch (c->type) {
	case RT_MONEY:
	case RT_HUNDREDTHS:
		format_hundredths(buf, size, c->num, FMT_ISO);
		if (dialect == CSV_EXCEL_FI && (comma = strchr(buf, '.')))
			*comma = ',';
		return buf;
	case RT_COUNT:
	case RT_YEAR:
		snprintf(buf, size, "%lld", (long long)c->num);
		return buf;
	case RT_TEXT:
	case RT_DATE:
		break;
	}
	return c->text ? c->text : "";
}

static void
table_csv(const struct report_table *t, FILE *out, enum csv_dialect dialect)
{
	char sep = dialect == CSV_EXCEL_FI ? ';' : ',';

	for (size_t c = 0; c < t->ncols; c++)
		csv_write_cell_sep(out, t->headers[c], c == 0, sep);
	csv_end_record(out);
	for (size_t row = 0; row < t->nrows; row++) {
		for (size_t c = 0; c < t->ncols; c++) {
			char buf[64];

			csv_write_cell_sep(out, plain(report_cell(t, row, c), buf,
						      sizeof buf, dialect),
					   c == 0, sep);
		}
		csv_end_record(out);
	}
}

int
report_write_table_csv(const struct report_table *t, FILE *out,
		       enum csv_dialect dialect)
{
	if (dialect == CSV_EXCEL_FI)
		fputs("\xef\xbb\xbf", out);
	table_csv(t, out, dialect);
	return ferror(out) ? ERR_FAILED : ERR_OK;
}

int
report_write_csv(const struct report *r, FILE *out, enum csv_dialect dialect)
{
	char sep = dialect == CSV_EXCEL_FI ? ';' : ',';
	bool first_table = true;

	if (dialect == CSV_EXCEL_FI)
		fputs("\xef\xbb\xbf", out);
	for (size_t i = 0; i < RTAB_COUNT; i++) {
		const struct report_table *t = &r->tables[i];

		if (!first_table)
			csv_end_record(out);
		first_table = false;
		csv_write_cell_sep(out, t->id, true, sep);
		csv_end_record(out);
		table_csv(t, out, dialect);
	}
	return ferror(out) ? ERR_FAILED : ERR_OK;
}
