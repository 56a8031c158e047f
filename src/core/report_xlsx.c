/* SPDX-License-Identifier: EUPL-1.2 */
/* report_xlsx.c — the report, and the whole portfolio (export --format
 * xlsx), as a workbook through libxlsxwriter: one sheet per table, money
 * as numbers in a euro format, figures as numbers, dates as dates, the
 * header row frozen and the columns wide enough, so that Excel and
 * LibreOffice open it without a dialog. */
#include "config.h"

#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/base/i18n.h"
#include "src/base/text.h"

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

#include "src/base/library.h"

/* The functions of libxlsxwriter used here.  It is opened when a
 * workbook is written, not linked: every other command would pay for
 * loading it (src/base/library.h). */
#define XLSX_FUNCTIONS(_) \
	_(workbook_new) \
	_(workbook_add_format) \
	_(workbook_add_worksheet) \
	_(workbook_close) \
	_(format_set_bold) \
	_(format_set_bg_color) \
	_(format_set_bottom) \
	_(format_set_num_format) \
	_(worksheet_write_datetime) \
	_(worksheet_write_number) \
	_(worksheet_write_string) \
	_(worksheet_set_column) \
	_(worksheet_freeze_panes) \
	_(lxw_strerror)

struct xlsx_api {
#define XLSX_FIELD(f) __typeof__(f) *f;
	XLSX_FUNCTIONS(XLSX_FIELD)
#undef XLSX_FIELD
};

/* Fills xl, or says which library is missing. */
static int
xlsx_open(struct xlsx_api *xl, struct error *err)
{
	static const struct library lib = {
		XLSXWRITER_SONAME, "libxlsxwriter4", N_("xlsx output")
	};
	const struct library_symbol syms[] = {
#define XLSX_SYMBOL(f) { #f, &xl->f },
		XLSX_FUNCTIONS(XLSX_SYMBOL)
#undef XLSX_SYMBOL
	};

	return library_open(&lib, syms, sizeof syms / sizeof *syms, err);
}

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

/* Writes iso ("2024-01-15") as a date cell; false, writing nothing,
 * when it is no date. */
static bool
write_date(const struct xlsx_api *xl, lxw_worksheet *ws, lxw_row_t row,
	   lxw_col_t col, const char *iso, lxw_format *format, lxw_error *e)
{
	int y, m, d;

	if (!iso || sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		return false;
	*e = xl->worksheet_write_datetime(ws, row, col,
				      &(lxw_datetime){ y, m, d, 0, 0, 0 }, format);
	return true;
}

static lxw_error
write_cell(const struct xlsx_api *xl, lxw_worksheet *ws, lxw_row_t row,
	   lxw_col_t col, const struct report_cell *c, const struct formats *f,
	   bool total)
{
	lxw_error e;

	if (c->null)
		return LXW_NO_ERROR;
	switch (c->type) {
	case RT_MONEY:
		return xl->worksheet_write_number(ws, row, col, (double)c->num / 100.0,
					      f->money);
	case RT_HUNDREDTHS:
		return xl->worksheet_write_number(ws, row, col, (double)c->num / 100.0,
					      f->number);
	case RT_COUNT:
	case RT_YEAR:
		return xl->worksheet_write_number(ws, row, col, (double)c->num,
					      c->type == RT_YEAR ? NULL : f->count);
	case RT_DATE:
		if (write_date(xl, ws, row, col, c->text, f->date, &e))
			return e;
		break;
	case RT_TEXT:
		break;
	}
	return xl->worksheet_write_string(ws, row, col, c->text ? c->text : "",
				      total ? f->total : NULL);
}

static lxw_error
write_sheet(const struct xlsx_api *xl, lxw_workbook *wb,
	    const struct report_table *t, const struct formats *f)
{
	lxw_worksheet *ws = xl->workbook_add_worksheet(wb, t->id);
	double width[REPORT_MAX_COLUMNS];
	lxw_error e = LXW_NO_ERROR;

	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	for (size_t c = 0; c < t->ncols && !e; c++) {
		width[c] = width_of(t->headers[c]) + 2;
		e = xl->worksheet_write_string(ws, 0, (lxw_col_t)c, t->headers[c],
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
			e = write_cell(xl, ws, (lxw_row_t)(r + 1), (lxw_col_t)c, cell, f,
				       t->has_total && r + 1 == t->nrows);
		}
	for (size_t c = 0; c < t->ncols && !e; c++)
		e = xl->worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
					 width[c] > 60 ? 60 : width[c], NULL);
	xl->worksheet_freeze_panes(ws, 1, 0);
	return e;
}

static void
formats_add(const struct xlsx_api *xl, lxw_workbook *wb, struct formats *f_)
{
	struct formats f;

	f.header = xl->workbook_add_format(wb);
	xl->format_set_bold(f.header);
	xl->format_set_bg_color(f.header, 0xEEEEEE);
	xl->format_set_bottom(f.header, LXW_BORDER_THIN);
	f.money = xl->workbook_add_format(wb);
	xl->format_set_num_format(f.money, "#,##0.00\\ \"€\"");
	f.number = xl->workbook_add_format(wb);
	xl->format_set_num_format(f.number, "#,##0.##");
	f.count = xl->workbook_add_format(wb);
	xl->format_set_num_format(f.count, "#,##0");
	f.date = xl->workbook_add_format(wb);
	xl->format_set_num_format(f.date, "yyyy-mm-dd");
	f.total = xl->workbook_add_format(wb);
	xl->format_set_bold(f.total);
	*f_ = f;
}

/* Closes wb, which is written to path only then. */
static int
xlsx_finish(const struct xlsx_api *xl, lxw_workbook *wb, lxw_error e,
	    const char *path, struct error *err)
{
	if (e) {
		xl->workbook_close(wb);
		return error_set(err, ERR_FAILED, NULL, _("cannot write %s: %s"),
				 path, xl->lxw_strerror(e));
	}
	if ((e = xl->workbook_close(wb)))
		return error_set(err, ERR_FAILED, NULL, _("cannot write %s: %s"),
				 path, xl->lxw_strerror(e));
	return ERR_OK;
}

int
report_write_xlsx(const struct report *r, const char *path, struct error *err)
{
	struct xlsx_api api, *xl = &api;
	lxw_workbook *wb;
	struct formats f;
	lxw_error e = LXW_NO_ERROR;
	int rc;

	if ((rc = xlsx_open(xl, err)))
		return rc;
	if (!(wb = xl->workbook_new(path)))
		return error_set(err, ERR_FAILED, NULL, _("cannot write %s"), path);
	formats_add(xl, wb, &f);
	for (size_t i = 0; i < RTAB_COUNT && !e; i++)
		e = write_sheet(xl, wb, &r->tables[i], &f);
	return xlsx_finish(xl, wb, e, path, err);
}

/* ---- the whole portfolio ------------------------------------------ */

/* The sheets of the export, in this order, each named as its array in
 * the JSON exchange document (entity_def.plural). */
static const enum entity_kind sheet_kinds[] = {
	ENT_PROJECT, ENT_ORGANISATION, ENT_ROLE, ENT_FUNDING, ENT_DEADLINE,
	ENT_NOTE, ENT_OUTCOME, ENT_STATUS_CHANGE,
};

struct portfolio {
	struct record_list of[ENT_COUNT];   /* by kind, in uuid order */
};

static int
take(struct record **rec, void *arg)
{
	struct record_list *list = arg;

	if (record_list_push(list, *rec) < 0)
		return ERR_FAILED;
	*rec = NULL;
	return ERR_OK;
}

static int
uuid_compare(const void *key, const void *item)
{
	return strcmp(key, (*(struct record *const *)item)->uuid);
}

/* What a reference shows: a project's code, an organisation's short
 * name (else its name); the uuid when the record is not there. */
static const char *
ref_label(const struct portfolio *p, enum entity_kind kind, const char *uuid)
{
	const struct record_list *l = &p->of[kind];
	struct record **found = uuid ? bsearch(uuid, l->items, l->count,
					       sizeof *l->items, uuid_compare) : NULL;
	const char *label;

	if (!found)
		return uuid;
	if (kind == ENT_ORGANISATION &&
	    (label = record_text(*found, ORG_SHORT_NAME)))
		return label;
	label = record_text(*found, (*found)->def->title_field);
	return label ? label : uuid;
}

static int
text_order(const char *a, const char *b)
{
	a = a ? a : "";
	b = b ? b : "";
	return text_collate(a, strlen(a), b, strlen(b));
}

/* Rows in the order people look for them: by project (code), then by
 * the record's title; top-level records by their title.  arg: the
 * portfolio, for the projects' codes. */
static int
row_compare(const void *a, const void *b, void *arg)
{
	const struct record *x = *(struct record *const *)a;
	const struct record *y = *(struct record *const *)b;
	const struct portfolio *p = arg;
	int pf = x->def->project_field, c = 0;

	if (pf >= 0)
		c = text_order(ref_label(p, ENT_PROJECT, record_text(x, pf)),
			       ref_label(p, ENT_PROJECT, record_text(y, pf)));
	if (!c)
		c = text_order(record_text(x, x->def->title_field),
			       record_text(y, y->def->title_field));
	return c ? c : strcmp(x->uuid, y->uuid);
}

static lxw_error
write_value(const struct xlsx_api *xl, lxw_worksheet *ws, lxw_row_t row,
	    lxw_col_t col, const struct portfolio *p, const struct record *rec,
	    size_t i, const struct formats *f, double *width)
{
	const struct field_def *fd = &rec->def->fields[i];
	const struct value *v = &rec->v[i];
	const char *text = v->text;
	lxw_error e;
	double w;

	if (v->null)
		return LXW_NO_ERROR;
	switch (fd->type) {
	case FT_MONEY:
		w = 16;
		if (w > *width)
			*width = w;
		return xl->worksheet_write_number(ws, row, col, (double)v->num / 100.0,
					      f->money);
	case FT_HUNDREDTHS:
		if (*width < 10)
			*width = 10;
		return xl->worksheet_write_number(ws, row, col, (double)v->num / 100.0,
					      f->number);
	case FT_YEAR:
	case FT_BOOL:
		if (*width < 8)
			*width = 8;
		return xl->worksheet_write_number(ws, row, col, (double)v->num, NULL);
	case FT_DATE:
		if (write_date(xl, ws, row, col, text, f->date, &e)) {
			if (*width < 12)
				*width = 12;
			return e;
		}
		break;
	case FT_REF:
		text = ref_label(p, fd->ref, text);
		break;
	default:
		break;
	}
	w = width_of(text) + 2;
	if (w > *width)
		*width = w;
	return xl->worksheet_write_string(ws, row, col, text ? text : "", NULL);
}

/* One sheet: a column a field, by its name as in CSV and JSON, and the
 * record's uuid last; rows sorted by row_compare. */
static lxw_error
write_records(const struct xlsx_api *xl, lxw_workbook *wb,
	      const struct portfolio *p, enum entity_kind kind,
	      const struct formats *f)
{
	const struct entity_def *def = entities[kind];
	const struct record_list *l = &p->of[kind];
	lxw_worksheet *ws = xl->workbook_add_worksheet(wb, def->plural);
	struct record **rows = malloc((l->count ? l->count : 1) * sizeof *rows);
	double width[64];
	lxw_error e = LXW_NO_ERROR;
	size_t ncols = def->nfields + 1;

	if (!ws || !rows || ncols > sizeof width / sizeof width[0]) {
		free(rows);
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	}
	if (l->count)
		memcpy(rows, l->items, l->count * sizeof *rows);
	qsort_r(rows, l->count, sizeof *rows, row_compare, (void *)p);
	for (size_t c = 0; c < ncols && !e; c++) {
		const char *name = c < def->nfields ? def->fields[c].name : "uuid";

		width[c] = width_of(name) + 2;
		e = xl->worksheet_write_string(ws, 0, (lxw_col_t)c, name, f->header);
	}
	for (size_t r = 0; r < l->count && !e; r++) {
		for (size_t c = 0; c < def->nfields && !e; c++)
			e = write_value(xl, ws, (lxw_row_t)(r + 1), (lxw_col_t)c, p,
					rows[r], c, f, &width[c]);
		if (!e)
			e = xl->worksheet_write_string(ws, (lxw_row_t)(r + 1),
						   (lxw_col_t)def->nfields,
						   rows[r]->uuid, NULL);
	}
	free(rows);
	if (width[def->nfields] < UUID_LEN + 2)
		width[def->nfields] = UUID_LEN + 2;
	for (size_t c = 0; c < ncols && !e; c++)
		e = xl->worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
					 width[c] > 60 ? 60 : width[c], NULL);
	xl->worksheet_freeze_panes(ws, 1, 0);
	return e;
}

int
report_export_xlsx(struct model *m, const char *path)
{
	struct portfolio p = { 0 };
	struct xlsx_api api, *xl = &api;
	lxw_workbook *wb = NULL;
	struct formats f;
	lxw_error e = LXW_NO_ERROR;
	int rc;

	error_clear(&m->err);
	if ((rc = xlsx_open(xl, &m->err)))
		return rc;
	for (size_t i = 0; i < ENT_COUNT && rc == ERR_OK; i++)
		rc = store_each(m->db, entities[i], take, &p.of[i], &m->err);
	if (rc == ERR_FAILED && !m->err.message[0])
		error_set(&m->err, rc, NULL, "%s", _("out of memory"));
	if (rc == ERR_OK && !(wb = xl->workbook_new(path)))
		rc = error_set(&m->err, ERR_FAILED, NULL, _("cannot write %s"), path);
	if (rc == ERR_OK) {
		formats_add(xl, wb, &f);
		for (size_t k = 0; k < sizeof sheet_kinds / sizeof *sheet_kinds && !e; k++)
			e = write_records(xl, wb, &p, sheet_kinds[k], &f);
		rc = xlsx_finish(xl, wb, e, path, &m->err);
	}
	for (size_t i = 0; i < ENT_COUNT; i++)
		record_list_clear(&p.of[i]);
	return rc;
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

int
report_export_xlsx(struct model *m, const char *path)
{
	(void)path;
	return error_set(&m->err, ERR_INVALID, "format",
			 _("this salkku was built without xlsx output (libxlsxwriter)"));
}

#endif
