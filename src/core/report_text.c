/* SPDX-License-Identifier: EUPL-1.2 */
/* report_text.c — the report as aligned text or as Markdown. */
#include "config.h"

#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/base/text.h"

static bool
right_aligned(enum report_type t)
{
	return t != RT_TEXT && t != RT_DATE;
}

/* A cell as shown: sanitised, so that stored text cannot act on a
 * terminal; Markdown's '|' escaped.  Newly allocated, or NULL. */
static char *
shown(const struct report_cell *c, enum fmt_style st, bool markdown)
{
	char buf[512], *safe, *out;
	size_t n = 0;

	if (!(safe = text_sanitize(report_cell_text(c, buf, sizeof buf, st), 0)))
		return NULL;
	if (!markdown)
		return safe;
	if (!(out = malloc(2 * strlen(safe) + 1))) {
		free(safe);
		return NULL;
	}
	for (const char *s = safe; *s; s++) {
		if (*s == '|' || *s == '\\')
			out[n++] = '\\';
		out[n++] = *s;
	}
	out[n] = '\0';
	free(safe);
	return out;
}

static void
put_row_text(FILE *out, char **cells, const int *width,
	     const enum report_type *types, size_t n)
{
	char buf[2048];

	fputs("  ", out);
	for (size_t i = 0; i < n; i++) {
		bool last = i + 1 == n;

		if (last && !right_aligned(types[i]))
			fputs(cells[i] ? cells[i] : "", out);
		else
			fputs(text_pad(buf, sizeof buf, cells[i] ? cells[i] : "",
				       width[i], right_aligned(types[i])), out);
		if (!last)
			fputs("  ", out);
	}
	fputc('\n', out);
}

static void
put_row_markdown(FILE *out, char **cells, size_t n, bool bold_total)
{
	for (size_t i = 0; i < n; i++) {
		const char *c = cells[i];
		bool bold = bold_total && c && *c;

		fprintf(out, "| %s%s%s ", bold ? "**" : "", c ? c : "",
			bold ? "**" : "");
	}
	fputs("|\n", out);
}

static void
cells_free(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(cells[i]);
		cells[i] = NULL;
	}
}

/* The cells of row r (the headings for r == 0, else row r - 1) as
 * shown; false when out of memory. */
static bool
row_cells(const struct report_table *t, size_t r, char **cells,
	  enum fmt_style st, bool markdown)
{
	bool ok = true;

	for (size_t i = 0; i < t->ncols; i++) {
		cells[i] = r ? shown(report_cell(t, r - 1, i), st, markdown)
			     : text_sanitize(t->headers[i], 0);
		ok &= cells[i] != NULL;
	}
	return ok;
}

/* A table, a row at a time (its rows may be many): the widths of the
 * columns first, then the rows. */
static int
table_text(const struct report_table *t, FILE *out, bool markdown,
	   enum fmt_style st, bool titled, bool measured)
{
	int width[REPORT_MAX_COLUMNS] = { 0 };
	char *cells[REPORT_MAX_COLUMNS] = { 0 };
	size_t n = t->ncols;
	bool ok = true;

	/* The report measured its cells in st: only the headings left. */
	for (size_t i = 0; measured && i < n; i++) {
		char *h = text_sanitize(t->headers[i], 0);

		width[i] = t->widths[i] > text_width(h) ? t->widths[i]
							  : text_width(h);
		free(h);
	}
	for (size_t r = 0; !markdown && !measured && r <= t->nrows && ok; r++) {
		ok = row_cells(t, r, cells, st, markdown);
		for (size_t i = 0; i < n && ok; i++)
			if (text_width(cells[i]) > width[i])
				width[i] = text_width(cells[i]);
		cells_free(cells, n);
	}
	if (titled)
		fprintf(out, markdown ? "\n## %s\n\n" : "\n%s\n", t->title);
	for (size_t r = 0; r <= t->nrows && ok; r++) {
		ok = row_cells(t, r, cells, st, markdown);
		if (ok && markdown)
			put_row_markdown(out, cells, n,
					 r == t->nrows && t->has_total);
		else if (ok)
			put_row_text(out, cells, width, t->types, n);
		cells_free(cells, n);
		if (r == 0 && markdown) {
			for (size_t i = 0; i < n; i++)
				fputs(right_aligned(t->types[i]) ? "| ---: "
								 : "| --- ", out);
			fputs("|\n", out);
		}
	}
	return ok ? ERR_OK : ERR_FAILED;
}

int
report_write_text(const struct report *r, FILE *out, bool markdown,
		  enum fmt_style st)
{
	char title[256], a[32], b[32], today[32];
	int rc;

	report_title(r, title, sizeof title, st);
	fprintf(out, "%s%s\n", markdown ? "# " : "", title);
	fprintf(out, markdown ? "\n" : "");
	fprintf(out, _("Period %s–%s, as of %s."), format_date(a, sizeof a, r->from, st),
		format_date(b, sizeof b, r->to, st),
		format_date(today, sizeof today, r->today, st));
	if (r->funder)
		fprintf(out, " %s %s.", _("Funder:"), r->funder);
	fputc('\n', out);
	for (size_t i = 0; i < RTAB_COUNT; i++) {
		const struct report_table *t = &r->tables[i];

		if (!t->nrows)
			continue;
		if ((rc = table_text(t, out, markdown, st, true, st == r->style)))
			return rc;
	}
	return ferror(out) ? ERR_FAILED : ERR_OK;
}

int
report_write_table_text(const struct report_table *t, FILE *out,
			bool markdown, enum fmt_style st)
{
	return table_text(t, out, markdown, st, false, false);
}
