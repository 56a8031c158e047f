/* SPDX-License-Identifier: EUPL-1.2 */
/* view_report.c — the year in numbers: the tables of report_build()
 * (src/core/report.h, the same figures as `salkku report --year Y`),
 * one line per row, and the money per funder as bars.  [ and ] change
 * the year; Enter opens the projects behind a row: the project itself
 * when the row is one, else the project list narrowed to the row's
 * year and organisation. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/clock.h"
#include "src/base/i18n.h"
#include "src/core/model.h"
#include "src/core/report.h"
#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "terminal.h"
#include "view.h"

enum line_kind { L_BLANK, L_TITLE, L_HEAD, L_ROW, L_NONE, L_BAR };

/* The measures of a money row drawn as bars: columns of RTAB_MONEY. */
enum { M_APPLIED = 3, M_GRANTED = 4, M_PAID = 5 };

struct line {
	enum line_kind kind;
	enum report_table_id table;
	size_t row;
	int measure;          /* L_BAR: the column of its sum */
};

/* A bar: the money row and the column of its sum. */
struct bar {
	size_t row;
	int measure;
};

/* The lines are not kept: each table's lines are worked out from its
 * row count (its rows may be many, read as they are drawn); only the
 * bars, a few per funder and year, are. */
struct report_view {
	struct report r;
	int year;
	size_t count;         /* lines */
	struct bar *bars;
	size_t nbars;
	int64_t bar_max;      /* the largest sum a bar shows */
	int widths[RTAB_COUNT][REPORT_MAX_COLUMNS];  /* 0: left out */
	int hidden[RTAB_COUNT];  /* how many columns are left out */
	int layout_width;
	bool interrupted;     /* the build gave way to a key */
	int64_t started;      /* when the build began (clock_ms) */
	int shown;            /* the per cent the status line says, or -1 */
	struct ui *ui;
};

#define INDENT 2
#define GAP 2

static int
year_of(const char *iso)
{
	return iso && strlen(iso) >= 4 ? atoi(iso) : 0;
}

static int
open_(struct view *v, const void *arg)
{
	struct report_view *rv = calloc(1, sizeof *rv);

	(void)arg;
	if (!rv)
		return -1;
	rv->year = year_of(v->ui->today);
	v->priv = rv;
	return 0;
}

static void
lines_clear(struct report_view *rv)
{
	free(rv->bars);
	rv->bars = NULL;
	rv->count = rv->nbars = 0;
}

static void
free_(struct view *v)
{
	struct report_view *rv = v->priv;

	report_free(&rv->r);
	lines_clear(rv);
	free(rv);
}

static bool
is_total(const struct report_table *t, size_t row)
{
	return t->has_total && row + 1 == t->nrows;
}

/* The bars of the money table: one per funder, year and measure that
 * has a sum, after the table. */
static int
add_bars(struct report_view *rv)
{
	const struct report_table *t = &rv->r.tables[RTAB_MONEY];
	static const int measures[] = { M_APPLIED, M_GRANTED, M_PAID };

	rv->bar_max = 0;
	if (t->nrows && !(rv->bars = calloc(3 * t->nrows, sizeof *rv->bars)))
		return -1;
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t k = 0; k < 3 && !is_total(t, i); k++) {
			const struct report_cell *c = report_cell(t, i, (size_t)measures[k]);

			if (c->null)
				continue;
			if (c->num > rv->bar_max)
				rv->bar_max = c->num;
			rv->bars[rv->nbars++] = (struct bar){ i, measures[k] };
		}
	return 0;
}

/* How many lines table i takes: a blank line before all but the
 * first, its title, then "none" or its heading and rows (and after the
 * money, a blank line and the bars). */
static size_t
table_lines(const struct report_view *rv, int i)
{
	const struct report_table *t = &rv->r.tables[i];

	if (!t->ncols)
		return 0;
	if (!t->nrows)
		return (i ? 1 : 0) + 2;
	return (i ? 1 : 0) + 2 + t->nrows +
	       (i == RTAB_MONEY ? 1 + rv->nbars : 0);
}

/* The line at index; false past the end. */
static bool
line_at(const struct report_view *rv, size_t index, struct line *l)
{
	for (int i = 0; i < RTAB_COUNT; i++) {
		const struct report_table *t = &rv->r.tables[i];
		size_t n = table_lines(rv, i), k = index;

		if (k >= n) {
			index -= n;
			continue;
		}
		*l = (struct line){ L_BLANK, i, 0, 0 };
		if (i && k-- == 0)
			return true;
		if (k-- == 0) {
			l->kind = L_TITLE;
			return true;
		}
		if (!t->nrows) {
			l->kind = L_NONE;
			return true;
		}
		if (k-- == 0) {
			l->kind = L_HEAD;
			return true;
		}
		if (k < t->nrows) {
			l->kind = L_ROW;
			l->row = k;
			return true;
		}
		k -= t->nrows;
		if (k-- == 0)
			return true;   /* the blank line before the bars */
		l->kind = L_BAR;
		l->row = rv->bars[k].row;
		l->measure = rv->bars[k].measure;
		return true;
	}
	return false;
}

static int
build_lines(struct report_view *rv)
{
	if (add_bars(rv))
		return -1;
	rv->count = 0;
	for (int i = 0; i < RTAB_COUNT; i++)
		rv->count += table_lines(rv, i);
	return 0;
}

/* How far the build is, on the status line; true (abandon it) when a
 * key is waiting.  A report that takes less than a moment is neither
 * shown nor abandoned, so that keys typed ahead wait for it. */
static bool
progress(void *arg, size_t done, size_t total)
{
	struct report_view *rv = arg;
	char line[128];
	int pct;

	if (clock_ms() - rv->started < 150)
		return false;
	if (terminal_key_waiting())
		return true;
	pct = total ? (int)(done * 100 / total) : 0;
	if (pct != rv->shown) {
		rv->shown = pct;
		snprintf(line, sizeof line, _("Computing the report… %d %%"), pct);
		ui_working(rv->ui, line);
	}
	return false;
}

/* The line an interrupted report shows instead of its tables. */
static void
draw_interrupted(struct view *v, WINDOW *w)
{
	const struct theme *th = &v->ui->theme;
	int key = keymap_first_key(&v->ui->keymap, "report", ACT_SCREEN_REPORT);
	char label[32] = "", text[160];

	if (key)
		key_label(key, label, sizeof label);
	snprintf(text, sizeof text, _("The report was interrupted: %s computes it."),
		 label);
	draw_spaces(w, INDENT, theme_attr(th, TH_NORMAL));
	draw_text(w, text, getmaxx(w) - 1 - INDENT, theme_attr(th, TH_DIM), 0);
	draw_to_eol(w, theme_attr(th, TH_NORMAL));
}

/* Shown again after it gave way to a key: computed now. */
static void
show(struct view *v)
{
	struct report_view *rv = v->priv;

	if (rv->interrupted)
		v->loaded = false;
}

static int
load(struct view *v)
{
	struct report_view *rv = v->priv;
	struct report_options opt = { .year = rv->year, .progress = progress,
				      .progress_arg = rv };

	report_free(&rv->r);
	memset(&rv->r, 0, sizeof rv->r);
	lines_clear(rv);
	v->rows = 0;
	rv->layout_width = 0;
	rv->ui = v->ui;
	rv->shown = -1;
	rv->started = clock_ms();
	snprintf(opt.today, sizeof opt.today, "%s", v->ui->today);
	ui_working(v->ui, _("Computing the report…"));
	rv->interrupted = false;
	if (report_build(v->ui->m, &opt, &rv->r)) {
		/* Left for the key, which comes next: computed again when
		 * shown again (the screen's key on it too). */
		if (!rv->r.cancelled) {
			ui_model_error(v->ui);
			return -1;
		}
		rv->interrupted = true;
		v->rows = 1;
		return 0;
	}
	if (build_lines(rv)) {
		ui_error(v->ui, "%s", _("out of memory"));
		return -1;
	}
	v->rows = rv->count;
	return 0;
}

static const char *
cell_text(struct view *v, const struct report_table *t, size_t row, size_t col,
	  char *buf, size_t size)
{
	return report_cell_text(report_cell(t, row, col), buf, size, v->ui->fmt);
}

static bool right_aligned(enum report_type type);

/* Narrows w[] by the widest column first until the table fits in
 * width (sum: its width now); text columns from `from` on down to
 * least, or (all) any of them but the figures: a sum is never clipped
 * by the layout, nor a project's code (from is 1 when the first column
 * holds them).  Hidden columns (0) stay hidden.  Returns the sum. */
static int
shrink(const struct report_table *t, int *w, int sum, int width, bool all,
       int least, size_t from)
{
	while (sum > width) {
		int widest = -1;

		for (size_t c = from; c < t->ncols; c++)
			if (w[c] && (all ? !right_aligned(t->types[c])
					 : t->types[c] == RT_TEXT) &&
			    (widest < 0 || w[c] > w[widest]))
				widest = (int)c;
		if (widest < 0 || w[widest] <= least)
			break;
		w[widest]--;
		sum--;
	}
	return sum;
}

/* The table's width with its visible columns at their natural width:
 * the widest cell (the report measured them) or heading. */
static int
natural_widths(const struct report_table *t, int *w)
{
	int sum = 0, shown = 0;

	for (size_t c = 0; c < t->ncols; c++) {
		if (!w[c])
			continue;
		w[c] = draw_width(t->headers[c]);
		if (t->nrows && t->widths[c] > w[c])
			w[c] = t->widths[c];
		sum += w[c] + (shown++ ? GAP : 0);
	}
	return sum;
}

/* Column widths of a table for the body's width.  When the table is
 * wider than the screen its long texts (names, changes) give way down
 * to a readable width; when that is not enough, the columns the report
 * marks as spare are left out, the least needed first (Enter on a row
 * still shows everything); what is still too wide narrows further and
 * is clipped at the right edge. */
static void
layout_table(const struct report_table *t, enum report_table_id id, int *w,
	     int *hidden, int width)
{
	/* The tables whose first column is not a project's code (open_line
	 * knows them too): a funder's or a partner's long name, a label,
	 * gives way as the other texts do. */
	size_t from = id == RTAB_SUMMARY || id == RTAB_MONEY ||
		      id == RTAB_PARTNERS || id == RTAB_STATUS_YEARS ? 0 : 1;
	int sum;

	*hidden = 0;
	for (size_t c = 0; c < t->ncols; c++)
		w[c] = 1;
	for (;;) {
		sum = shrink(t, w, natural_widths(t, w), width, false, 16, from);
		if (sum <= width || *hidden >= REPORT_MAX_COLUMNS ||
		    !t->spare[*hidden])
			break;
		w[t->spare[(*hidden)++]] = 0;
	}
	sum = shrink(t, w, sum, width, false, 8, from);
	shrink(t, w, sum, width, true, 10, from);
}

static void
layout(struct view *v)
{
	struct report_view *rv = v->priv;
	int width = getmaxx(v->ui->body) - INDENT - 1;

	if (rv->layout_width == getmaxx(v->ui->body))
		return;
	rv->layout_width = getmaxx(v->ui->body);
	for (int i = 0; i < RTAB_COUNT; i++)
		layout_table(&rv->r.tables[i], (enum report_table_id)i,
			     rv->widths[i], &rv->hidden[i], width);
}

static bool
right_aligned(enum report_type type)
{
	return type != RT_TEXT && type != RT_DATE;
}

static void
draw_cells(struct view *v, WINDOW *w, const struct report_table *t,
	   enum report_table_id id, size_t row, bool head, attr_t a)
{
	struct report_view *rv = v->priv;
	char buf[256];

	draw_spaces(w, INDENT, a);
	for (size_t c = 0; c < t->ncols; c++) {
		const char *s;
		unsigned flags = DRAW_PAD | (right_aligned(t->types[c]) ? DRAW_RIGHT : 0);

		if (!rv->widths[id][c])
			continue;
		s = head ? t->headers[c] : cell_text(v, t, row, c, buf, sizeof buf);
		if (c)
			draw_spaces(w, GAP, a);
		draw_text(w, s, rv->widths[id][c], a, flags);
	}
	draw_to_eol(w, a);
}

/* The characters of the three bars; draw.c shows '.', '=' and '#' where
 * the terminal's character set lacks them. */
static const char *
bar_fill(int measure)
{
	return measure == M_APPLIED ? "░" : measure == M_GRANTED ? "▓" : "█";
}

static const char *
measure_label(int measure)
{
	return measure == M_APPLIED ? _("applied") : measure == M_GRANTED
	       ? _("granted") : _("paid");
}

static void
draw_bar(struct view *v, WINDOW *w, const struct line *l, attr_t a)
{
	struct report_view *rv = v->priv;
	const struct report_table *t = &rv->r.tables[RTAB_MONEY];
	const struct report_cell *c = report_cell(t, l->row, (size_t)l->measure);
	char name[160], year[16], sum[64];
	int width = getmaxx(w) - 1, used, cells, label_w = rv->widths[RTAB_MONEY][0] + 6;

	cell_text(v, t, l->row, 0, name, sizeof name);
	cell_text(v, t, l->row, 1, year, sizeof year);
	report_cell_text(c, sum, sizeof sum, v->ui->fmt);
	draw_spaces(w, INDENT, a);
	draw_text(w, name, label_w - 6, a, DRAW_PAD);
	draw_spaces(w, 1, a);
	draw_text(w, year, 5, a, DRAW_PAD);
	draw_spaces(w, GAP, a);
	draw_text(w, measure_label(l->measure), 10, a, DRAW_PAD);
	used = INDENT + label_w + GAP + 10 + 1;
	cells = width - used - draw_width(sum) - 1;
	if (cells < 1)
		cells = 1;
	cells = rv->bar_max > 0 ? (int)((double)c->num * cells / (double)rv->bar_max + 0.5) : 0;
	if (cells < 1 && c->num > 0)
		cells = 1;
	for (int i = 0; i < cells; i++)
		draw_text(w, bar_fill(l->measure), 1,
			  a | theme_attr(&v->ui->theme, l->measure == M_PAID
					 ? TH_S_ACTIVE : TH_S_GRANTED), 0);
	draw_spaces(w, 1, a);
	draw_text(w, sum, width - used - cells, a, 0);
	draw_to_eol(w, a);
}

/* A table's title, and how many of its columns a wider window shows. */
static void
draw_title(struct view *v, WINDOW *w, const struct report_table *t, int hidden)
{
	const struct theme *th = &v->ui->theme;
	char more[128];

	draw_text(w, t->title, getmaxx(w) - 1, theme_attr(th, TH_GROUP), 0);
	if (hidden) {
		snprintf(more, sizeof more, P_("  (a wider window shows %d more column)",
						     "  (a wider window shows %d more columns)",
						     (unsigned long)hidden), hidden);
		draw_text(w, more, getmaxx(w) - 1 - getcurx(w),
			  theme_attr(th, TH_DIM), 0);
	}
	draw_to_eol(w, theme_attr(th, TH_NORMAL));
}

static bool
draw_row(struct view *v, WINDOW *w, int y, size_t row, bool sel)
{
	struct report_view *rv = v->priv;
	const struct theme *th = &v->ui->theme;
	struct line line;
	const struct line *l = &line;
	const struct report_table *t;
	attr_t a = theme_attr(th, sel ? TH_SELECTED : TH_NORMAL);

	(void)y;
	if (rv->interrupted && row == 0) {
		draw_interrupted(v, w);
		return true;
	}
	if (rv->interrupted || !line_at(rv, row, &line))
		return false;
	layout(v);
	t = &rv->r.tables[l->table];
	switch (l->kind) {
	case L_BLANK:
		draw_to_eol(w, theme_attr(th, TH_NORMAL));
		break;
	case L_TITLE:
		draw_title(v, w, t, rv->hidden[l->table]);
		break;
	case L_HEAD:
		draw_cells(v, w, t, l->table, 0, true, theme_attr(th, TH_HEADING));
		break;
	case L_NONE:
		draw_spaces(w, INDENT, theme_attr(th, TH_NORMAL));
		draw_text(w, _("None in this period."), getmaxx(w) - 1 - INDENT,
			  theme_attr(th, TH_DIM), 0);
		draw_to_eol(w, theme_attr(th, TH_NORMAL));
		break;
	case L_ROW:
		draw_cells(v, w, t, l->table, l->row, false,
			   a | (is_total(t, l->row) ? A_BOLD : 0));
		break;
	case L_BAR:
		draw_bar(v, w, l, a);
		break;
	}
	return true;
}

static bool
selectable(struct view *v, size_t row)
{
	struct report_view *rv = v->priv;
	struct line l;

	return !rv->interrupted && line_at(rv, row, &l) &&
	       (l.kind == L_ROW || l.kind == L_BAR);
}

static void
title(struct view *v, char *left, size_t lsize, char *right, size_t rsize)
{
	struct report_view *rv = v->priv;
	char t[256], day[32];

	report_title(&rv->r, t, sizeof t, v->ui->fmt);
	snprintf(left, lsize, _("Report — %s"), t);
	format_date(day, sizeof day, rv->r.today[0] ? rv->r.today : v->ui->today,
		    v->ui->fmt);
	snprintf(right, rsize, _("as of %s"), day);
}

/* The year and the keys to the years either side of it. */
static void
draw_head(struct view *v, WINDOW *w, int y)
{
	struct report_view *rv = v->priv;
	const struct theme *th = &v->ui->theme;
	int prev = keymap_first_key(&v->ui->keymap, "report", ACT_YEAR_PREV);
	int next = keymap_first_key(&v->ui->keymap, "report", ACT_YEAR_NEXT);
	char kp[32] = "", kn[32] = "", text[96];

	if (prev)
		key_label(prev, kp, sizeof kp);
	if (next)
		key_label(next, kn, sizeof kn);
	wmove(w, y, 0);
	draw_spaces(w, INDENT, theme_attr(th, TH_NORMAL));
	snprintf(text, sizeof text, "%s %d   ", kp, rv->year - 1);
	draw_text(w, text, 40, theme_attr(th, TH_DIM), 0);
	snprintf(text, sizeof text, "%d", rv->year);
	draw_text(w, text, 8, theme_attr(th, TH_TAB_ACTIVE), 0);
	snprintf(text, sizeof text, "   %d %s", rv->year + 1, kn);
	draw_text(w, text, 40, theme_attr(th, TH_DIM), 0);
	draw_to_eol(w, theme_attr(th, TH_NORMAL));
}

static void
open_project(struct view *v, const char *code)
{
	struct project_view_arg arg = { 0 };
	struct record *p = NULL;
	struct view *pv;

	if (model_project(v->ui->m, code, &p)) {
		ui_model_error(v->ui);
		return;
	}
	arg.uuid = p->uuid;
	if ((pv = view_new(v->ui, &project_view_ops, &arg)))
		ui_push_view(v->ui, pv);
	record_free(&p);
}

/* The organisation named in a row, as a filter on the list. */
static int
set_org(struct view *v, const char *text, char **uuid, char **label)
{
	struct record *o = NULL;

	if (model_organisation(v->ui->m, text, &o)) {
		ui_model_error(v->ui);
		return -1;
	}
	*uuid = strdup(o->uuid);
	*label = strdup(text);
	record_free(&o);
	return *uuid && *label ? 0 : -1;
}

/* The project list of those active in year (with the organisation of
 * the row as funder or partner), pushed over the report. */
static void
open_list(struct view *v, int year, const char *funder, const char *partner)
{
	struct portfolio_filter f = { .year = year, .sort = v->ui->filter.sort,
				      .descending = v->ui->filter.descending };
	struct view *lv;

	if ((funder && set_org(v, funder, &f.funder, &f.funder_label)) ||
	    (partner && set_org(v, partner, &f.partner, &f.partner_label))) {
		filter_reset(&f);
		return;
	}
	if ((lv = view_new(v->ui, &projects_view_ops, &f)))
		ui_push_view(v->ui, lv);
	filter_reset(&f);
}

/* Enter on a line: what is behind it. */
static enum action_result
open_line(struct view *v, const struct line *l)
{
	struct report_view *rv = v->priv;
	const struct report_table *t = &rv->r.tables[l->table];
	char first[256], year[16];

	if (l->kind != L_ROW && l->kind != L_BAR)
		return AR_NOOP;
	cell_text(v, t, l->row, 0, first, sizeof first);
	if (is_total(t, l->row) || l->table == RTAB_SUMMARY) {
		open_list(v, rv->year, NULL, NULL);
		return AR_OK;
	}
	switch (l->table) {
	case RTAB_MONEY:
		cell_text(v, t, l->row, 1, year, sizeof year);
		open_list(v, atoi(year) ? atoi(year) : rv->year, first, NULL);
		break;
	case RTAB_PARTNERS:
		open_list(v, rv->year, NULL, first);
		break;
	case RTAB_STATUS_YEARS:
		open_list(v, atoi(first) ? atoi(first) : rv->year, NULL, NULL);
		break;
	default:
		/* The other tables begin with the project's code. */
		open_project(v, first);
		break;
	}
	return AR_OK;
}

static enum action_result
handle(struct view *v, enum action a)
{
	struct report_view *rv = v->priv;
	struct line l;

	switch (a) {
	case ACT_OPEN:
		return !rv->interrupted && line_at(rv, v->sel, &l)
		       ? open_line(v, &l) : AR_NOOP;
	case ACT_YEAR_PREV:
	case ACT_YEAR_NEXT:
		rv->year += a == ACT_YEAR_PREV ? -1 : 1;
		view_reload(v);
		view_select(v, 0);
		v->top = 0;
		v->full = true;
		v->ui->dirty_head = true;
		return AR_OK;
	default:
		return AR_UNHANDLED;
	}
}

static const enum action footer[] = {
	ACT_HELP, ACT_YEAR_PREV, ACT_YEAR_NEXT, ACT_OPEN, ACT_PAGE_DOWN,
	ACT_SCREEN_PROJECTS, ACT_SCREEN_TIMELINE, ACT_QUIT, ACT_NONE
};

const struct view_ops report_view_ops = {
	.name = "report",
	.head_lines = 2,
	.open = open_,
	.free = free_,
	.load = load,
	.show = show,
	.title = title,
	.draw_head = draw_head,
	.draw_row = draw_row,
	.selectable = selectable,
	.handle = handle,
	.footer = footer,
};
