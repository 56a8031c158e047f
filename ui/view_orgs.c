/* SPDX-License-Identifier: EUPL-1.2 */
/* view_orgs.c — the organisations: funders, counties, universities,
 * the competence centres.  A few thousand of them: the view keeps only
 * the rows on screen with a page's margin either side, read along the
 * index on the name from a row it has (model_org_window), and counts
 * the rest in the database. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "dialog.h"
#include "form.h"
#include "view.h"

struct orgs {
	struct record_list rows;
	size_t first;             /* the list row of rows.items[0] */
	bool valid;
	char kinds[256];          /* kinds whose label holds the search */
	int64_t total;            /* organisations in all */
};

static const struct column columns[] = {
	{ N_("Name"),       24, 24, 0, COL_FLEX, 0 },
	{ N_("Short name"), 14, 10, 9, COL_KEEP, 0 },
	{ N_("Kind"),       26, 14, 2, 0, 32 },
	{ N_("Region"),     18, 10, 1, 0, 40 },
};
static const int column_field[] = { ORG_NAME, ORG_SHORT_NAME, ORG_KIND, ORG_REGION };

static int
open_(struct view *v, const void *arg)
{
	(void)arg;
	v->priv = calloc(1, sizeof(struct orgs));
	return v->priv ? 0 : -1;
}

static void
window_reset(struct orgs *o)
{
	record_list_clear(&o->rows);
	o->first = 0;
	o->valid = false;
}

static void
free_(struct view *v)
{
	struct orgs *o = v->priv;

	window_reset(o);
	free(o);
}

static void
query_of(struct view *v, struct org_query *q)
{
	struct orgs *o = v->priv;

	*q = (struct org_query){ .text = v->narrow, .kinds = o->kinds };
}

static int
load(struct view *v)
{
	struct orgs *o = v->priv;
	struct org_query q;
	int64_t matching = 0;

	window_reset(o);
	v->rows = 0;
	view_enum_matches(organisation_kinds, v->narrow, o->kinds, sizeof o->kinds);
	query_of(v, &q);
	if (model_org_count(v->ui->m, &q, &matching) ||
	    model_org_count(v->ui->m, &(struct org_query){ 0 }, &o->total)) {
		ui_model_error(v->ui);
		return -1;
	}
	v->rows = (size_t)matching;
	return 0;
}

/* How to read rows [start, end): after or before a row of the window
 * at hand when it borders them (scrolling, paging), from the nearer end
 * otherwise; an offset costs every row it skips. */
static void
place_window(struct view *v, size_t start, size_t end, struct org_query *q)
{
	struct orgs *o = v->priv;
	size_t have = o->valid ? o->rows.count : 0;

	q->limit = (int64_t)(end - start);
	if (have && start > o->first && start <= o->first + have)
		q->after = o->rows.items[start - 1 - o->first]->uuid;
	else if (have && end >= o->first && end < o->first + have)
		q->before = o->rows.items[end - o->first]->uuid;
	else if (start > v->rows / 2) {
		q->from_end = true;
		q->offset = (int64_t)(v->rows - end);
	} else {
		q->offset = (int64_t)start;
	}
}

static void
read_window(struct view *v, struct org_query *q, size_t start)
{
	struct orgs *o = v->priv;
	struct record_list got = { 0 };

	/* Read before the window is let go: q may name one of its rows. */
	if (model_org_window(v->ui->m, q, &got))
		ui_model_error(v->ui);
	window_reset(o);
	o->rows = got;
	o->first = start;
	o->valid = true;
}

/* Rows [first, first + n) are about to be drawn. */
static void
fetch(struct view *v, size_t first, size_t n)
{
	struct orgs *o = v->priv;
	struct org_query q;
	size_t end = first + n < v->rows ? first + n : v->rows, start;

	if (o->valid && first >= o->first && end <= o->first + o->rows.count)
		return;
	n = n ? n : 1;
	start = first > n ? first - n : 0;
	end = start + 3 * n < v->rows ? start + 3 * n : v->rows;
	query_of(v, &q);
	place_window(v, start, end, &q);
	read_window(v, &q, start);
	if (o->rows.count < end - start && (q.after || q.before)) {
		/* The row it started from is gone: by the offset. */
		query_of(v, &q);
		q.offset = (int64_t)start;
		q.limit = (int64_t)(end - start);
		read_window(v, &q, start);
	}
}

/* Row `row`, read with a screen around it when it is not at hand. */
static const struct record *
item(struct view *v, size_t row)
{
	struct orgs *o = v->priv;

	if (row >= v->rows)
		return NULL;
	if (!o->valid || row < o->first || row >= o->first + o->rows.count)
		fetch(v, row, (size_t)view_height(v));
	if (row < o->first || row >= o->first + o->rows.count)
		return NULL;
	return o->rows.items[row - o->first];
}

static const char *
cell(struct view *v, size_t row, int col, char *buf, size_t size,
     enum theme_elem *elem)
{
	const struct record *r = item(v, row);
	char *s;

	(void)elem;
	if (!r)
		return "";
	s = ui_value(v->ui, r, column_field[col]);
	snprintf(buf, size, "%s", s ? s : "");
	free(s);
	return buf;
}

static void
title(struct view *v, char *left, size_t lsize, char *right, size_t rsize)
{
	struct orgs *o = v->priv;

	char shown[40], total[40];
	size_t used;

	format_count(shown, sizeof shown, (int64_t)v->rows, v->ui->fmt);
	format_count(total, sizeof total, o->total, v->ui->fmt);
	snprintf(left, lsize, "%s", _("Organisations"));
	/* The search, then the organisations found of all. */
	if (v->search) {
		snprintf(right, rsize, _("Search: %s  "), v->search);
		used = strlen(right);
		snprintf(right + used, rsize - used, "%s/%s", shown, total);
	} else
		snprintf(right, rsize, "%s", shown);
}

static enum action_result
handle(struct view *v, enum action a)
{
	const struct record *r = item(v, v->sel);
	struct record *rec;
	struct view *ov;

	switch (a) {
	case ACT_OPEN:
		if (!r)
			return AR_NOOP;
		if ((ov = view_new(v->ui, &org_view_ops, r->uuid)))
			ui_push_view(v->ui, ov);
		return AR_OK;
	case ACT_ORG_NEW:
		if (!(rec = record_new(entities[ENT_ORGANISATION])))
			return AR_ERROR;
		form_open(v->ui, rec, -1, NULL, NULL);
		record_free(&rec);
		return AR_OK;
	case ACT_EDIT:
		if (r)
			form_open(v->ui, r, -1, NULL, NULL);
		return AR_OK;
	case ACT_DELETE:
		if (r)
			dialog_delete(v->ui, r, NULL);
		return AR_OK;
	default:
		return AR_UNHANDLED;
	}
}

static bool
row_key(struct view *v, size_t row, char *buf, size_t size)
{
	const struct record *r = item(v, row);

	if (!r)
		return false;
	snprintf(buf, size, "%s", r->uuid);
	return true;
}

static const enum action footer[] = {
	ACT_HELP, ACT_SEARCH, ACT_OPEN, ACT_ORG_NEW, ACT_EDIT, ACT_DELETE,
	ACT_SCREEN_PROJECTS, ACT_SCREEN_DEADLINES, ACT_SCREEN_TIMELINE, ACT_SCREEN_REPORT,
	ACT_QUIT, ACT_NONE
};

const struct view_ops orgs_view_ops = {
	.name = "organisations",
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
	.row_key = row_key,
	.footer = footer,
};
