/* SPDX-License-Identifier: EUPL-1.2 */
/* view_timeline.c — projects as bars over the months and years, by
 * start date (projects without dates last), with today marked.  It
 * opens on the years the portfolio covers, at the finest of months,
 * quarters or years per cell that shows them all; scrolls in time (h/l)
 * and across projects (j/k); z, + and - change the cell.  The fill of
 * a bar says the status as well as its colour does, and the status is
 * written after the bar when there is room. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "rows.h"
#include "view.h"

/* The label: marker, code, space, symbol, space.  The code is shown
 * whole, as wide as the widest shown since the load (v->fit[0]), up to
 * half the screen. */
#define CODE_W 13    /* before a code is shown */

struct timeline {
	struct project_list list;   /* first: the shared ops of rows.h */
	int per_year;    /* cells per year: 12, 4 or 1 */
	long origin;     /* the half month at the left edge */
	bool placed;
	bool spanned;    /* placed on the portfolio's years, not moved since */
};

static int
open_(struct view *v, const void *arg)
{
	struct timeline *t = calloc(1, sizeof *t);

	(void)arg;
	if (!t)
		return -1;
	t->list.by_start = true;
	/* Its rows are bars: no administrator, no main funder to look up. */
	t->list.no_administrator = t->list.no_funder = true;
	t->per_year = 12;
	v->priv = t;
	return 0;
}

static void
free_(struct view *v)
{
	struct timeline *t = v->priv;

	project_list_free(&t->list);
	free(t);
}

/* Half months since year 0: the unit of the time axis. */
static long
half_month(const char *iso)
{
	int y, m, d;

	if (!iso || sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		return -1;
	return ((long)y * 12 + (m - 1)) * 2 + (d >= 16);
}

static long
span(const struct timeline *t)
{
	return 24 / t->per_year;
}

static long
floor_div(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static int
cell_of(const struct timeline *t, long hm)
{
	return (int)floor_div(hm - t->origin, span(t));
}

static int
code_width(const struct view *v)
{
	int w = v->fit[0] ? v->fit[0] : CODE_W, most = getmaxx(v->ui->body) / 2;

	return w < most ? w : most > 4 ? most : 4;
}

static int
label_width(const struct view *v)
{
	return code_width(v) + 4;
}

static int
chart_width(const struct view *v)
{
	return getmaxx(v->ui->body) - label_width(v) - 1;
}

/* Puts today a third of the way in. */
static void
place_today(struct view *v)
{
	struct timeline *t = v->priv;
	long today = half_month(v->ui->today);

	t->origin = today - (long)(chart_width(v) / 3) * span(t);
	t->origin = floor_div(t->origin, span(t)) * span(t);
	t->placed = true;
}

/* The half months of the earliest and the latest date of the whole
 * portfolio (-1 when no project has one). */
static void
portfolio_span(struct view *v, long *first, long *last)
{
	char from[11], to[11];

	*first = *last = -1;
	if (model_project_span(v->ui->m, from, to)) {
		ui_model_error(v->ui);
		return;
	}
	*first = half_month(from);
	*last = half_month(to);
}

/* Shows the years the portfolio covers, from the start of the first,
 * in the finest cell that shows them all; today's place without dates. */
static void
place_span(struct view *v)
{
	static const int scales[] = { 12, 4, 1 };
	struct timeline *t = v->priv;
	long first, last, years;

	portfolio_span(v, &first, &last);
	if (first < 0) {
		place_today(v);
		return;
	}
	years = floor_div(last, 24) - floor_div(first, 24) + 1;
	for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
		t->per_year = scales[i];
		if (years * t->per_year <= chart_width(v))
			break;
	}
	t->origin = floor_div(first, 24) * 24;
	t->placed = t->spanned = true;
}

/* Rows [first, first + n) are about to be drawn: read, and their codes
 * measured (a wider one lays the screen out again). */
static void
fetch(struct view *v, size_t first, size_t n)
{
	struct timeline *t = v->priv;
	const struct project_row *r;
	int before = code_width(v);

	project_list_fetch(v, first, n);
	for (size_t row = first; row < first + n && row < v->rows; row++)
		if ((r = project_window_row(&t->list.win, row)))
			view_fit(v, 0, draw_width(r->code));
	/* A narrower chart: the portfolio's years in the finest cell that
	 * still shows them all, unless the chart was moved. */
	if (code_width(v) != before && t->spanned)
		place_span(v);
}

/* Another cell (per_year), from the same left edge: zooming out of
 * the portfolio's years keeps them in view. */
static void
zoom_to(struct view *v, int per_year)
{
	struct timeline *t = v->priv;

	t->per_year = per_year;
	t->origin = floor_div(t->origin, span(t)) * span(t);
}

static const char *
fill_of(const char *status)
{
	static const struct {
		const char *status, *fill;
	} fills[] = {
		{ "idea", "░" }, { "preparing", "░" }, { "applied", "░" },
		{ "granted", "▒" }, { "active", "█" }, { "reporting", "▓" },
		{ "closed", "─" }, { "rejected", "╌" }, { "cancelled", "╌" },
		{ "withdrawn", "╌" },
	};

	for (size_t i = 0; status && i < sizeof fills / sizeof fills[0]; i++)
		if (!strcmp(fills[i].status, status))
			return fills[i].fill;
	return "░";
}

static bool
draw_row(struct view *v, WINDOW *w, int y, size_t row, bool sel)
{
	struct timeline *t = v->priv;
	const struct theme *th = &v->ui->theme;
	const struct project_row *r = project_list_row(v, row);
	attr_t base = theme_attr(th, sel ? TH_SELECTED : TH_NORMAL);
	attr_t bar = theme_attr(th, theme_status(r ? r->status : NULL));
	const struct enum_def *e = r ? enum_find(project_statuses, r->status) : NULL;
	int cw = chart_width(v), today = cell_of(t, half_month(v->ui->today));
	long start, end;
	int s, f, after = -1;

	(void)y;
	if (!r)
		return false;
	draw_text(w, sel ? ">" : " ", 1, base, 0);
	draw_text(w, r->code, code_width(v), base, DRAW_PAD);
	draw_spaces(w, 1, base);
	draw_text(w, e && e->symbol ? e->symbol : " ", 1, bar | (sel ? A_REVERSE : 0), DRAW_PAD);
	draw_spaces(w, 1, theme_attr(th, TH_NORMAL));
	start = half_month(r->start);
	end = half_month(r->end);
	if (start < 0 && end < 0) {
		draw_text(w, _("(no dates)"), cw, theme_attr(th, TH_DIM), 0);
		draw_to_eol(w, theme_attr(th, TH_NORMAL));
		return true;
	}
	if (start < 0)
		start = end;
	if (end < start)
		end = start;
	s = cell_of(t, start);
	f = cell_of(t, end);
	if (f >= 0 && f + 1 < cw)
		after = f + 2;
	for (int c = 0; c < cw; c++) {
		if (c >= s && c <= f)
			draw_text(w, fill_of(r->status), 1,
				  bar | (sel ? A_BOLD : 0) | (c == today ? A_UNDERLINE : 0), 0);
		else if (c == after && e) {
			char label[96];
			int used;

			snprintf(label, sizeof label, "(%s)", _(e->label));
			used = draw_text(w, label, cw - c, theme_attr(th, TH_DIM), 0);
			c += used - 1;
			if (today > after && today <= c)
				continue;
		} else if (c == today)
			draw_text(w, "│", 1, theme_attr(th, TH_TODAY), 0);
		else
			draw_spaces(w, 1, theme_attr(th, TH_NORMAL));
	}
	draw_to_eol(w, theme_attr(th, TH_NORMAL));
	return true;
}

/* The heading: the years over the chart, today marked. */
static void
draw_head(struct view *v, WINDOW *w, int y)
{
	struct timeline *t = v->priv;
	const struct theme *th = &v->ui->theme;
	int cw = chart_width(v), today;
	attr_t a = theme_attr(th, TH_HEADING);

	if (!t->placed)
		place_span(v);
	today = cell_of(t, half_month(v->ui->today));
	wmove(w, y, 0);
	draw_text(w, _(" Project"), label_width(v), a, DRAW_PAD);
	for (int c = 0; c < cw; c++) {
		long hm = t->origin + (long)c * span(t);
		char year[24];

		if (c == today) {
			draw_text(w, "▼", 1, theme_attr(th, TH_TODAY), 0);
			continue;
		}
		/* A year a cell: every fifth one named. */
		if (floor_div(hm, 24) * 24 == hm &&
		    (t->per_year != 1 || floor_div(hm, 24) % 5 == 0)) {
			if (t->per_year != 4)
				snprintf(year, sizeof year, "%ld", hm / 24);
			else
				snprintf(year, sizeof year, "'%02ld", (hm / 24) % 100);
			if (today > c && today < c + (int)strlen(year))
				snprintf(year, sizeof year, "%s", "|");
			c += draw_text(w, year, cw - c, a, 0) - 1;
			continue;
		}
		draw_text(w, hm % 24 == 12 && t->per_year >= 12 ? "·" : " ", 1, a, 0);
	}
	draw_to_eol(w, a);
}

static void
title(struct view *v, char *left, size_t lsize, char *right, size_t rsize)
{
	struct timeline *t = v->priv;
	static const char *const scales[] = { N_("months"), N_("quarters"), N_("years") };
	long first, last;

	if (!t->placed)
		place_span(v);
	first = t->origin;
	last = t->origin + (long)chart_width(v) * span(t);
	snprintf(left, lsize, _("Timeline %ld–%ld, %s, by start"),
		 floor_div(first, 24), floor_div(last, 24),
		 _(scales[t->per_year == 12 ? 0 : t->per_year == 4 ? 1 : 2]));
	project_list_title_right(v, right, rsize);
}

static void
scrolled(struct view *v)
{
	struct timeline *t = v->priv;

	t->spanned = false;
	v->full = true;
	v->ui->dirty_head = true;
}

static enum action_result
handle(struct view *v, enum action a)
{
	struct timeline *t = v->priv;
	const struct project_row *r;
	struct project_view_arg arg = { 0 };
	struct view *pv;
	long step = (long)(chart_width(v) / 6 > 0 ? chart_width(v) / 6 : 1) * span(t);

	switch (a) {
	case ACT_OPEN:
		if (!(r = project_list_row(v, v->sel)))
			return AR_NOOP;
		arg.uuid = r->uuid;
		if ((pv = view_new(v->ui, &project_view_ops, &arg)))
			ui_push_view(v->ui, pv);
		return AR_OK;
	case ACT_SCROLL_LEFT:
	case ACT_SCROLL_RIGHT:
		t->origin += a == ACT_SCROLL_LEFT ? -step : step;
		scrolled(v);
		return AR_OK;
	case ACT_ZOOM:
		zoom_to(v, t->per_year == 12 ? 4 : t->per_year == 4 ? 1 : 12);
		scrolled(v);
		return AR_OK;
	case ACT_ZOOM_IN:
	case ACT_ZOOM_OUT:
		if (a == ACT_ZOOM_IN ? t->per_year == 12 : t->per_year == 1)
			return AR_NOOP;
		zoom_to(v, a == ACT_ZOOM_IN ? t->per_year * (t->per_year == 1 ? 4 : 3)
					    : t->per_year / (t->per_year == 4 ? 4 : 3));
		scrolled(v);
		return AR_OK;
	case ACT_SPAN:
		scrolled(v);
		place_span(v);
		return AR_OK;
	case ACT_TODAY:
		place_today(v);
		scrolled(v);
		return AR_OK;
	case ACT_FILTER:
		dialog_filter(v->ui);
		return AR_OK;
	case ACT_FILTER_CLEAR:
		project_list_clear(v);
		return AR_OK;
	default:
		return AR_UNHANDLED;
	}
}

static const enum action footer[] = {
	ACT_HELP, ACT_SCROLL_LEFT, ACT_SCROLL_RIGHT, ACT_ZOOM_IN, ACT_ZOOM_OUT, ACT_TODAY, ACT_SPAN,
	ACT_OPEN, ACT_FILTER, ACT_SEARCH, ACT_SCREEN_PROJECTS, ACT_SCREEN_REPORT, ACT_QUIT, ACT_NONE
};

const struct view_ops timeline_view_ops = {
	.name = "timeline",
	.head_lines = 2,
	.open = open_,
	.free = free_,
	.load = project_list_load,
	.fetch = fetch,
	.title = title,
	.draw_head = draw_head,
	.draw_row = draw_row,
	.handle = handle,
	.searchable = true,
	.search_words = true,
	.row_key = project_list_row_key,
	.footer = footer,
	.read_ahead = project_list_read_ahead,
};
