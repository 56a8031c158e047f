/* SPDX-License-Identifier: EUPL-1.2 */
/* report_xlsx.c — the report as a workbook through libxlsxwriter: one
 * sheet per table, money as numbers in a euro format, figures as
 * numbers, dates as dates, the header row frozen and the columns wide
 * enough, so that Excel and LibreOffice open it without a dialog. */
#include "config.h"

#include "report.h"

#include <string.h>

#include "src/base/i18n.h"

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

bool
report_has_xlsx(void)
{
	return true;
}

struct formats {
	lxw_format *header, *money, *number, *count, *date, *total;
};

static double
width_of(const char *s)
{
	double w = 0;

	/* Characters, not bytes: UTF-8 continuation bytes do not count. */
	for (; s && *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static lxw_error
write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	   const struct report_cell *c, const struct formats *f, bool total)
{
	int y, m, d;

	if (c->null)
		return LXW_NO_ERROR;
	switch (c->type) {
	case RT_MONEY:
		return worksheet_write_number(ws, row, col, (double)c->num / 100.0,
					      f->money);
	case RT_HUNDREDTHS:
		return worksheet_write_number(ws, row, col, (double)c->num / 100.0,
					      f->number);
	case RT_COUNT:
	case RT_YEAR:
		return worksheet_write_number(ws, row, col, (double)c->num,
					      c->type == RT_YEAR ? NULL : f->count);
	case RT_DATE:
		if (c->text && sscanf(c->text, "%d-%d-%d", &y, &m, &d) == 3) {
			lxw_datetime dt = { y, m, d, 0, 0, 0 };

			return worksheet_write_datetime(ws, row, col, &dt, f->date);
		}
		break;
	case RT_TEXT:
		break;
	}
	return worksheet_write_string(ws, row, col, c->text ? c->text : "",
				      total ? f->total : NULL);
}

static lxw_error
write_sheet(lxw_workbook *wb, const struct report_table *t,
	    const struct formats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, t->id);
	double width[REPORT_MAX_COLUMNS];
	lxw_error e = LXW_NO_ERROR;

	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	for (size_t c = 0; c < t->ncols && !e; c++) {
		width[c] = width_of(t->headers[c]) + 2;
		e = worksheet_write_string(ws, 0, (lxw_col_t)c, t->headers[c],
					   f->header);
	}
	for (size_t r = 0; r < t->nrows && !e; r++)
		for (size_t c = 0; c < t->ncols && !e; c++) {
			const struct report_cell *cell = report_cell(t, r, c);
			double w = cell->type == RT_MONEY ? 16
				   : cell->type == RT_DATE ? 12
				   : cell->type == RT_TEXT ? width_of(cell->text) + 2 : 10;

			if (w > width[c])
				width[c] = w;
			e = write_cell(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, cell, f,
				       t->has_total && r + 1 == t->nrows);
		}
	for (size_t c = 0; c < t->ncols && !e; c++)
		e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
					 width[c] > 60 ? 60 : width[c], NULL);
	worksheet_freeze_panes(ws, 1, 0);
	return e;
}

int
report_write_xlsx(const struct report *r, const char *path, struct error *err)
{
	lxw_workbook *wb = workbook_new(path);
	struct formats f;
	lxw_error e = LXW_NO_ERROR;

	if (!wb)
		return error_set(err, ERR_FAILED, NULL, _("cannot write %s"), path);
	f.header = workbook_add_format(wb);
	format_set_bold(f.header);
	format_set_bg_color(f.header, 0xEEEEEE);
	format_set_bottom(f.header, LXW_BORDER_THIN);
	f.money = workbook_add_format(wb);
	format_set_num_format(f.money, "#,##0.00\\ \"€\"");
	f.number = workbook_add_format(wb);
	format_set_num_format(f.number, "#,##0.##");
	f.count = workbook_add_format(wb);
	format_set_num_format(f.count, "#,##0");
	f.date = workbook_add_format(wb);
	format_set_num_format(f.date, "yyyy-mm-dd");
	f.total = workbook_add_format(wb);
	format_set_bold(f.total);
	for (size_t i = 0; i < RTAB_COUNT && !e; i++)
		e = write_sheet(wb, &r->tables[i], &f);
	if (e) {
		workbook_close(wb);
		return error_set(err, ERR_FAILED, NULL, _("cannot write %s: %s"),
				 path, lxw_strerror(e));
	}
	if ((e = workbook_close(wb)))
		return error_set(err, ERR_FAILED, NULL, _("cannot write %s: %s"),
				 path, lxw_strerror(e));
	return ERR_OK;
}

#else

bool
report_has_xlsx(void)
{
	return false;
}

int
report_write_xlsx(const struct report *r, const char *path, struct error *err)
{
	(void)r;
	(void)path;
	return error_set(err, ERR_INVALID, "format",
			 _("this salkku was built without xlsx output (libxlsxwriter)"));
}

#endif
