/* SPDX-License-Identifier: EUPL-1.2 */
/* report_html.c — the report as one self-contained HTML5 file: no
 * script, no external file, styles inline, printable on A4, and three
 * charts drawn as inline SVG (money per funder and year, projects by
 * status over the years, the period's projects on a timeline). */
#include "config.h"

#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"

static void
escaped(FILE *out, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default:
			/* Controls have no place in HTML text. */
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				fputs("\xef\xbf\xbd", out);
			else
				putc(*s, out);
		}
}

static const char style[] =
	"@page{size:A4;margin:18mm 15mm}"
	"body{font-family:sans-serif;font-size:10pt;color:#111;max-width:180mm;"
	"margin:auto}"
	"h1{font-size:16pt}h2{font-size:12pt;margin-top:1.5em;"
	"break-after:avoid}"
	"table{border-collapse:collapse;width:100%;margin:.5em 0;"
	"break-inside:auto}"
	"tr{break-inside:avoid}"
	"th,td{border-bottom:1px solid #ccc;padding:2px 4px;text-align:left;"
	"vertical-align:top}"
	"th{background:#eee}td.n{text-align:right;white-space:nowrap}"
	"tr.total td{font-weight:bold;border-top:2px solid #333}"
	"figure{margin:1em 0;break-inside:avoid}"
	"figcaption{font-weight:bold;margin-bottom:.3em}"
	"svg text{font-family:sans-serif;font-size:9px}";

/* Colours of the statuses in the charts, in project_statuses order. */
static const char *const status_colours[] = {
	"#bbb", "#9cf", "#69c", "#6c9", "#c66", "#393", "#fc6", "#666",
	"#a77", "#a7a",
};

static void
table_html(const struct report_table *t, FILE *out, enum fmt_style st)
{
	fprintf(out, "<h2 id=\"%s\">", t->id);
	escaped(out, t->title);
	fputs("</h2>\n<table>\n<thead><tr>", out);
	for (size_t c = 0; c < t->ncols; c++) {
		fputs("<th>", out);
		escaped(out, t->headers[c]);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs(t->has_total && r + 1 == t->nrows ? "<tr class=\"total\">"
							: "<tr>", out);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct report_cell *cell = report_cell(t, r, c);
			char buf[512];

			fputs(cell->type == RT_TEXT || cell->type == RT_DATE
			      ? "<td>" : "<td class=\"n\">", out);
			escaped(out, report_cell_text(cell, buf, sizeof buf, st));
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

/* Horizontal bars of the money table's granted sums (applied where
 * nothing is granted). */
static void
chart_money(const struct report *r, FILE *out, enum fmt_style st)
{
	const struct report_table *t = &r->tables[RTAB_MONEY];
	size_t n = t->nrows - (t->has_total ? 1 : 0);
	int64_t max = 1;
	const int row_h = 18, label_w = 200, bar_w = 420;

	if (!n)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct report_cell *g = report_cell(t, i, 4);

		if (!g->null && g->num > max)
			max = g->num;
	}
	fputs("<figure>\n<figcaption>", out);
	escaped(out, _("Granted per funder and year"));
	fprintf(out, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"width=\"%d\" height=\"%zu\" role=\"img\">\n",
		label_w + bar_w + 110, n * (size_t)row_h + 4);
	for (size_t i = 0; i < n; i++) {
		const struct report_cell *g = report_cell(t, i, 4);
		char label[512], amount[64];
		int w = g->null ? 0 : (int)((double)g->num / (double)max * bar_w);
		int y = (int)i * row_h;

		snprintf(label, sizeof label, "%s %lld",
			 report_cell(t, i, 0)->text ? report_cell(t, i, 0)->text : "",
			 (long long)report_cell(t, i, 1)->num);
		fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
			label_w - 6, y + 13);
		escaped(out, label);
		fprintf(out, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
			"height=\"%d\" fill=\"#369\"/>", label_w, y + 3, w, row_h - 6);
		fprintf(out, "<text x=\"%d\" y=\"%d\">", label_w + w + 4, y + 13);
		escaped(out, report_cell_text(g, amount, sizeof amount, st));
		fputs("</text>\n", out);
	}
	fputs("</svg>\n</figure>\n", out);
}

/* Stacked columns: per year, the projects active in it by status. */
static void
chart_statuses(const struct report *r, FILE *out)
{
	const struct report_table *t = &r->tables[RTAB_STATUS_YEARS];
	const int col_w = 40, height = 160, top = 10;
	int64_t max = 1;

	if (!t->nrows)
		return;
	for (size_t i = 0; i < t->nrows; i++) {
		int64_t sum = 0;

		for (size_t c = 1; c < t->ncols; c++)
			sum += report_cell(t, i, c)->num;
		if (sum > max)
			max = sum;
	}
	fputs("<figure>\n<figcaption>", out);
	escaped(out, _("Projects by status over the years"));
	fprintf(out, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"width=\"%zu\" height=\"%d\" role=\"img\">\n",
		t->nrows * (size_t)col_w + 140, height + top + 20);
	for (size_t i = 0; i < t->nrows; i++) {
		int x = (int)i * col_w + 4, y = top + height;

		for (size_t c = 1; c < t->ncols; c++) {
			int h = (int)(report_cell(t, i, c)->num * height / max);

			if (!h)
				continue;
			y -= h;
			fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
				"height=\"%d\" fill=\"%s\"><title>", x, y,
				col_w - 8, h, status_colours[(c - 1) % 10]);
			escaped(out, t->headers[c]);
			fprintf(out, ": %lld</title></rect>",
				(long long)report_cell(t, i, c)->num);
		}
		fprintf(out, "<text x=\"%d\" y=\"%d\">%lld</text>\n", x,
			top + height + 14, (long long)report_cell(t, i, 0)->num);
	}
	for (size_t c = 1; c < t->ncols; c++) {
		int x = (int)t->nrows * col_w + 12, y = top + (int)(c - 1) * 14;

		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
			"fill=\"%s\"/><text x=\"%d\" y=\"%d\">", x, y,
			status_colours[(c - 1) % 10], x + 14, y + 9);
		escaped(out, t->headers[c]);
		fputs("</text>\n", out);
	}
	fputs("</svg>\n</figure>\n", out);
}

static long
day_number(const char *iso)
{
	int y, m, d;

	if (!iso || sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		return -1;
	return (long)y * 372 + (m - 1) * 31 + (d - 1);
}

/* The period's projects as bars over the period (clipped to it). */
static void
chart_timeline(const struct report *r, FILE *out)
{
	const struct report_table *t = &r->tables[RTAB_PROJECTS];
	const int row_h = 14, label_w = 160, bar_w = 460;
	long from = day_number(r->from), to = day_number(r->to);

	if (!t->nrows || to <= from)
		return;
	fputs("<figure>\n<figcaption>", out);
	escaped(out, _("The period's projects on a timeline"));
	fprintf(out, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"width=\"%d\" height=\"%zu\" role=\"img\">\n", label_w + bar_w + 10,
		t->nrows * (size_t)row_h + 4);
	for (size_t i = 0; i < t->nrows; i++) {
		long s = day_number(report_cell(t, i, 4)->text);
		long e = day_number(report_cell(t, i, 5)->text);
		int y = (int)i * row_h;

		fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
			label_w - 6, y + 11);
		escaped(out, report_cell(t, i, 0)->text);
		fputs("</text>", out);
		if (s < 0 && e < 0) {
			fputs("\n", out);
			continue;
		}
		if (s < 0 || s < from)
			s = from;
		if (e < 0 || e > to)
			e = to;
		if (e < s)
			e = s;
		fprintf(out, "<rect x=\"%ld\" y=\"%d\" width=\"%ld\" height=\"%d\" "
			"fill=\"#6a9\"/>\n",
			label_w + (s - from) * bar_w / (to - from), y + 2,
			(e - s) * bar_w / (to - from) + 2, row_h - 4);
	}
	fputs("</svg>\n</figure>\n", out);
}

int
report_write_html(const struct report *r, FILE *out, enum fmt_style st)
{
	char title[256], a[32], b[32], today[32];
	const char *lang = st == FMT_FINNISH ? "fi" : "en";

	report_title(r, title, sizeof title, st);
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n<title>", lang);
	escaped(out, title);
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
	escaped(out, title);
	fputs("</h1>\n<p>", out);
	fprintf(out, _("Period %s–%s, as of %s."), format_date(a, sizeof a, r->from, st),
		format_date(b, sizeof b, r->to, st),
		format_date(today, sizeof today, r->today, st));
	if (r->funder) {
		fputc(' ', out);
		escaped(out, _("Funder:"));
		fputc(' ', out);
		escaped(out, r->funder);
		fputc('.', out);
	}
	fputs("</p>\n", out);
	for (size_t i = 0; i < RTAB_COUNT; i++) {
		const struct report_table *t = &r->tables[i];

		if (!t->nrows)
			continue;
		table_html(t, out, st);
		if (i == RTAB_PROJECTS)
			chart_timeline(r, out);
		else if (i == RTAB_MONEY)
			chart_money(r, out, st);
		else if (i == RTAB_STATUS_YEARS)
			chart_statuses(r, out);
	}
	fputs("</body>\n</html>\n", out);
	return ferror(out) ? ERR_FAILED : ERR_OK;
}
