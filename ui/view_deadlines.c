/* SPDX-License-Identifier: EUPL-1.2 */
/* view_deadlines.c — what is due in the coming weeks across all
 * projects, overdue first and marked ("!" and "overdue N days"), read a
 * window at a time. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "draw.h"
#include "dialog.h"
#include "form.h"
#include "project_tabs.h"
#include "view.h"

/* The screen reads a window of the deadlines, the rows on screen with a
 * page's margin either side, and counts the rest in the database. */
struct deadlines {
	struct deadline_rows rows;
	size_t first;             /* the list row of rows.items[0] */
	bool valid;
	int days;                 /* how far ahead */
	char until[11];
	char kinds[160];          /* kinds whose label holds the search */
	int64_t overdue, upcoming;
	bool counted;             /* overdue and upcoming are known */
};

/* Deadlines counted for the first frame: the overdue of a large
 * portfolio are tens of thousands, their count some milliseconds.  Past
 * it, the title's counts follow when keys pause, or with the first move
 * that needs the list's length. */
#define COUNTED_FIRST 1000

enum { C_MARK, C_DUE, C_PROJECT, C_KIND, C_TITLE, C_WHEN };

static const struct column columns[] = {
	[C_MARK]    = { "",             1,  1, 9, COL_KEEP, 0 },
	[C_DUE]     = { N_("Due"),     10, 10, 9, COL_KEEP, 0 },
	[C_PROJECT] = { N_("Project"), 13, 10, 8, COL_KEEP | COL_FIT, 0 },
	[C_KIND]    = { N_("Kind"),    22, 12, 2, 0, 0 },
	[C_TITLE]   = { N_("Title"),   24, 24, 0, COL_FLEX, 0 },
	[C_WHEN]    = { N_("When"),    18, 14, 7, COL_KEEP | COL_FIT, 0 },
};

static int
open_(struct view *v, const void *arg)
{
	struct deadlines *d = calloc(1, sizeof *d);

	(void)arg;
	if (!d)
		return -1;
	d->days = v->ui->settings.deadline_days;
	v->priv = d;
	return 0;
}

static void
window_reset(struct deadlines *d)
{
	deadline_rows_clear(&d->rows);
	d->first = 0;
	d->valid = false;
}

static void
free_(struct view *v)
{
	struct deadlines *d = v->priv;

	window_reset(d);
	free(d);
}

static const struct enum_def *
kind_of(const struct deadline_row *r)
{
	return r->kind ? enum_find(deadline_kinds, r->kind) : NULL;
}

/* The search goes to the database: the title and the project code it
 * folds there; the kinds, whose labels are in the language shown, are
 * chosen in load() (view_enum_matches). */
static void
query_of(struct view *v, struct deadline_query *q)
{
	struct deadlines *d = v->priv;

	*q = (struct deadline_query){ .today = v->ui->today, .until = d->until,
				      .text = v->narrow, .kinds = d->kinds };
}

static int
load(struct view *v)
{
	struct deadlines *d = v->priv;
	struct deadline_query q;
	int64_t matching = 0;
	bool more = false;

	window_reset(d);
	d->overdue = d->upcoming = 0;
	d->counted = true;
	v->rows = 0;
	v->unsettled = false;
	view_enum_matches(deadline_kinds, v->narrow, d->kinds, sizeof d->kinds);
	query_of(v, &q);
	if (date_add_days(v->ui->today, d->days, d->until) < 0 ||
	    model_deadline_count_upto(v->ui->m, &q, COUNTED_FIRST, &d->overdue,
				      &d->upcoming, &matching, &more)) {
		ui_model_error(v->ui);
		d->overdue = d->upcoming = 0;
		return -1;
	}
	v->rows = (size_t)matching;
	d->counted = !more;
	v->unsettled = more;
	return 0;
}

/* The counts put off by load(): the rows read stay. */
static void
settle(struct view *v)
{
	struct deadlines *d = v->priv;
	struct deadline_query q;
	int64_t matching = 0;

	v->unsettled = false;
	if (d->counted)
		return;
	query_of(v, &q);
	if (model_deadline_count(v->ui->m, &q, &d->overdue, &d->upcoming,
				 &matching)) {
		ui_model_error(v->ui);
		return;
	}
	d->counted = true;
	v->rows = (size_t)matching;
	view_select(v, v->sel);
	v->ui->dirty_head = v->ui->dirty_status = true;
}

/* How to read rows [start, end) of the list: after or before a row of
 * the window at hand when it borders them (scrolling, paging), from
 * the nearer end otherwise; an offset costs every row it skips. */
static void
place_window(struct view *v, size_t start, size_t end,
	     struct deadline_query *q)
{
	struct deadlines *d = v->priv;
	size_t have = d->valid ? d->rows.count : 0;

	q->limit = (int64_t)(end - start);
	if (have && start > d->first && start <= d->first + have)
		q->after = d->rows.items[start - 1 - d->first].id;
	else if (have && end >= d->first && end < d->first + have)
		q->before = d->rows.items[end - d->first].id;
	else if (start > v->rows / 2) {
		q->from_end = true;
		q->offset = (int64_t)(v->rows - end);
	} else {
		q->offset = (int64_t)start;
	}
}

/* Rows [first, first + n) are about to be drawn. */
static void
fetch(struct view *v, size_t first, size_t n)
{
	struct deadlines *d = v->priv;
	struct deadline_query q;
	size_t end = first + n < v->rows ? first + n : v->rows, start;

	if (d->valid && first >= d->first && end <= d->first + d->rows.count)
		return;
	view_window_span(d->first, d->valid ? d->rows.count : 0, first, n,
			 v->rows, &start, &end);
	query_of(v, &q);
	place_window(v, start, end, &q);
	window_reset(d);
	d->first = start;
	d->valid = true;
	if (model_deadline_page(v->ui->m, &q, &d->rows))
		ui_model_error(v->ui);
	else if (d->rows.count < end - start && (q.after || q.before)) {
		/* The row it started from is gone: by the offset. */
		window_reset(d);
		query_of(v, &q);
		q.offset = (int64_t)start;
		q.limit = (int64_t)(end - start);
		d->first = start;
		d->valid = true;
		if (model_deadline_page(v->ui->m, &q, &d->rows))
			ui_model_error(v->ui);
	}
}

/* Row `row`, read with a screen around it when it is not at hand. */
static const struct deadline_row *
item(struct view *v, size_t row)
{
	struct deadlines *d = v->priv;

	if (row >= v->rows)
		return NULL;
	if (!d->valid || row < d->first || row >= d->first + d->rows.count)
		fetch(v, row, (size_t)view_height(v));
	if (row < d->first || row >= d->first + d->rows.count)
		return NULL;
	return &d->rows.items[row - d->first];
}

static const char *
cell(struct view *v, size_t row, int col, char *buf, size_t size,
     enum theme_elem *elem)
{
	const struct deadline_row *r = item(v, row);
	const struct enum_def *k;
	int days;

	if (!r)
		return "";
	days = date_diff_days(v->ui->today, r->due);
	switch (col) {
	case C_MARK:
		*elem = TH_OVERDUE;
		return days < 0 ? "!" : "";
	case C_DUE:
		if (days < 0)
			*elem = TH_OVERDUE;
		return format_date(buf, size, r->due, v->ui->fmt);
	case C_PROJECT:
		return r->project_code;
	case C_KIND:
		k = kind_of(r);
		return k ? _(k->label) : r->kind;
	case C_TITLE:
		if (!r->repeat)
			return r->title;
		snprintf(buf, size, "%s %s", SERIES_MARK, r->title ? r->title : "");
		return buf;
	case C_WHEN:
		if (days < 0) {
			*elem = TH_OVERDUE;
			snprintf(buf, size, P_("overdue %d day", "overdue %d days",
					       (unsigned long)-days), -days);
		} else if (days == 0) {
			*elem = TH_OVERDUE;
			snprintf(buf, size, "%s", _("today"));
		} else {
			snprintf(buf, size, P_("in %d day", "in %d days",
					       (unsigned long)days), days);
		}
		return buf;
	}
	return "";
}

static void
title(struct view *v, char *left, size_t lsize, char *right, size_t rsize)
{
	struct deadlines *d = v->priv;
	char overdue[40], coming[40];
	size_t used;

	snprintf(left, lsize, P_("Deadlines — the next %d day",
				 "Deadlines — the next %d days",
				 (unsigned long)d->days), d->days);
	/* TRANSLATORS: the counts of the deadlines screen, grouped by
	 * thousands as the language writes them ("overdue 158,719"). */
	if (d->counted) {
		format_count(overdue, sizeof overdue, d->overdue, v->ui->fmt);
		format_count(coming, sizeof coming, d->upcoming, v->ui->fmt);
	} else {  /* still being counted */
		snprintf(overdue, sizeof overdue, "…");
		snprintf(coming, sizeof coming, "…");
	}
	used = (size_t)snprintf(right, rsize, _("overdue %s · coming %s"),
				overdue, coming);
	if (v->search && used < rsize)
		snprintf(right + used, rsize - used, _("  Search: %s"), v->search);
}

static void
status(struct view *v, char *buf, size_t size)
{
	struct deadlines *d = v->priv;

	if (d->counted && !d->overdue && !d->upcoming)
		snprintf(buf, size, P_("Nothing is due in the next %d day (+ looks further).",
				       "Nothing is due in the next %d days (+ looks further).",
				       (unsigned long)d->days), d->days);
}

/* A new deadline for the project of the selected one: the screen lists
 * deadlines across projects, and the one under the cursor says which
 * project is meant. */
static enum action_result
new_deadline(struct view *v, const struct deadline_row *r)
{
	struct record *rec;

	if (!r)
		return AR_NOOP;
	if (!(rec = record_new(entities[ENT_DEADLINE])))
		return AR_ERROR;
	record_set_text(rec, DEADLINE_PROJECT, r->project_uuid);
	record_set_text(rec, DEADLINE_KIND, "other");
	form_open(v->ui, rec, -1, NULL, NULL);
	record_free(&rec);
	return AR_OK;
}

static enum action_result
handle(struct view *v, enum action a)
{
	struct deadlines *d = v->priv;
	const struct deadline_row *r = item(v, v->sel);
	struct project_view_arg arg = { 0 };
	struct record *rec = NULL;
	struct view *pv;

	switch (a) {
	case ACT_OPEN:
		if (!r)
			return AR_NOOP;
		arg.uuid = r->project_uuid;
		arg.tab = T_DEADLINES;
		if ((pv = view_new(v->ui, &project_view_ops, &arg)))
			ui_push_view(v->ui, pv);
		return AR_OK;
	case ACT_DEADLINE_NEW:
		return new_deadline(v, r);
	case ACT_EDIT:
	case ACT_DONE:
	case ACT_DEADLINE_CANCEL:
	case ACT_DELETE:
		if (!r)
			return AR_NOOP;
		if (model_get(v->ui->m, entities[ENT_DEADLINE], r->uuid, &rec)) {
			ui_model_error(v->ui);
			return AR_ERROR;
		}
		if (a == ACT_EDIT)
			form_open(v->ui, rec, -1, NULL, NULL);
		else if (a == ACT_DONE)
			dialog_deadline_done(v->ui, rec);
		else if (a == ACT_DELETE)
			dialog_delete(v->ui, rec, NULL);
		else
			dialog_deadline_cancel(v->ui, rec);
		record_free(&rec);
		return AR_OK;
	case ACT_RANGE_MORE:
	case ACT_RANGE_LESS:
		d->days += a == ACT_RANGE_MORE ? 30 : -30;
		if (d->days < 7)
			d->days = 7;
		if (d->days > 3650)
			d->days = 3650;
		view_reload(v);
		return AR_OK;
	default:
		return AR_UNHANDLED;
	}
}

static bool
row_key(struct view *v, size_t row, char *buf, size_t size)
{
	const struct deadline_row *r = item(v, row);

	if (!r)
		return false;
	snprintf(buf, size, "%s", r->uuid);
	return true;
}

static const enum action footer[] = {
	ACT_HELP, ACT_OPEN, ACT_DEADLINE_NEW, ACT_EDIT, ACT_DONE,
	ACT_DEADLINE_CANCEL, ACT_DELETE,
	ACT_RANGE_MORE, ACT_RANGE_LESS, ACT_SEARCH, ACT_SCREEN_PROJECTS,
	ACT_SCREEN_ORGS, ACT_SCREEN_TIMELINE, ACT_SCREEN_REPORT,
	ACT_QUIT, ACT_NONE
};

const struct view_ops deadlines_view_ops = {
	.name = "deadlines",
	.head_lines = 2,
	.open = open_,
	.free = free_,
	.load = load,
	.fetch = fetch,
	.title = title,
	.fixed_columns = columns,
	.nfixed_columns = sizeof columns / sizeof columns[0],
	.cell = cell,
	.handle = handle,
	.searchable = true,
	.status = status,
	.row_key = row_key,
	.footer = footer,
	.settle = settle,
};
