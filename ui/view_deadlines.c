/* view_deadlines.c — what is due in the coming weeks across all
 * projects, overdue first and marked ("!" and "overdue N days"). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "dialog.h"
#include "form.h"
#include "project_tabs.h"
#include "view.h"

struct deadlines {
	struct deadline_rows all;
	size_t *match, nmatch;
	int days;                 /* how far ahead */
	size_t overdue, upcoming;
};

enum { C_MARK, C_DUE, C_PROJECT, C_KIND, C_TITLE, C_WHEN };

static const struct column columns[] = {
	[C_MARK]    = { "",             1,  1, 9, COL_KEEP, 0 },
	[C_DUE]     = { N_("Due"),     10, 10, 9, COL_KEEP, 0 },
	[C_PROJECT] = { N_("Project"), 13, 10, 8, COL_KEEP, 24 },
	[C_KIND]    = { N_("Kind"),    22, 12, 2, 0, 0 },
	[C_TITLE]   = { N_("Title"),   24, 24, 0, COL_FLEX, 0 },
	[C_WHEN]    = { N_("When"),    18, 14, 7, COL_KEEP, 0 },
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
free_(struct view *v)
{
	struct deadlines *d = v->priv;

	deadline_rows_clear(&d->all);
	free(d->match);
	free(d);
}

static int
by_due(const void *a, const void *b)
{
	const struct deadline_row *x = a, *y = b;
	int c = strcmp(x->due ? x->due : "", y->due ? y->due : "");

	return c ? c : strcmp(x->project_code ? x->project_code : "",
			      y->project_code ? y->project_code : "");
}

static const struct enum_def *
kind_of(const struct deadline_row *r)
{
	return r->kind ? enum_find(deadline_kinds, r->kind) : NULL;
}

static bool
matches(const struct deadline_row *r, const char *text)
{
	const struct enum_def *k = kind_of(r);

	return view_text_matches(r->title, text) ||
	       view_text_matches(r->project_code, text) ||
	       (k && view_text_matches(_(k->label), text));
}

static int
load(struct view *v)
{
	struct deadlines *d = v->priv;
	char until[11];

	deadline_rows_clear(&d->all);
	free(d->match);
	d->match = NULL;
	d->nmatch = d->overdue = d->upcoming = 0;
	v->rows = 0;
	if (date_add_days(v->ui->today, d->days, until) < 0 ||
	    model_deadlines(v->ui->m, until, false, &d->all)) {
		ui_model_error(v->ui);
		return -1;
	}
	/* Date order puts the overdue ones first. */
	if (d->all.count)
		qsort(d->all.items, d->all.count, sizeof *d->all.items, by_due);
	d->match = malloc((d->all.count ? d->all.count : 1) * sizeof *d->match);
	for (size_t i = 0; d->match && i < d->all.count; i++) {
		const struct deadline_row *r = &d->all.items[i];

		if (strcmp(r->due, v->ui->today) < 0)
			d->overdue++;
		else
			d->upcoming++;
		if (!v->narrow || matches(r, v->narrow))
			d->match[d->nmatch++] = i;
	}
	v->rows = d->nmatch;
	return 0;
}

static const struct deadline_row *
item(struct view *v, size_t row)
{
	struct deadlines *d = v->priv;

	return row < d->nmatch ? &d->all.items[d->match[row]] : NULL;
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
		return r->title;
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
	size_t used;

	snprintf(left, lsize, P_("Deadlines — the next %d day",
				 "Deadlines — the next %d days",
				 (unsigned long)d->days), d->days);
	used = (size_t)snprintf(right, rsize, _("overdue %zu · coming %zu"),
				d->overdue, d->upcoming);
	if (v->search && used < rsize)
		snprintf(right + used, rsize - used, _("  Search: %s"), v->search);
}

static void
status(struct view *v, char *buf, size_t size)
{
	struct deadlines *d = v->priv;

	if (!d->all.count)
		snprintf(buf, size, P_("Nothing is due in the next %d day (+ looks further).",
				       "Nothing is due in the next %d days (+ looks further).",
				       (unsigned long)d->days), d->days);
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
	case ACT_EDIT:
	case ACT_DONE:
	case ACT_DEADLINE_CANCEL:
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
	ACT_HELP, ACT_OPEN, ACT_EDIT, ACT_DONE, ACT_DEADLINE_CANCEL, ACT_RANGE_MORE, ACT_RANGE_LESS,
	ACT_SEARCH, ACT_SCREEN_PROJECTS, ACT_SCREEN_ORGS, ACT_SCREEN_TIMELINE,
	ACT_QUIT, ACT_NONE
};

const struct view_ops deadlines_view_ops = {
	.name = "deadlines",
	.head_lines = 2,
	.open = open_,
	.free = free_,
	.load = load,
	.title = title,
	.fixed_columns = columns,
	.nfixed_columns = sizeof columns / sizeof columns[0],
	.cell = cell,
	.handle = handle,
	.searchable = true,
	.status = status,
	.row_key = row_key,
	.footer = footer,
};
