/* SPDX-License-Identifier: EUPL-1.2 */
/* view_org.c — one organisation: its details, the money it funds, and
 * its projects grouped by the part it plays in them, read a window at
 * a time. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "form.h"
#include "view.h"

enum line_kind { L_FIELD, L_TOTAL, L_BLANK, L_GROUP, L_PROJECT, L_NONE };

struct line {
	enum line_kind kind;
	int field;          /* L_FIELD */
	size_t group;       /* L_GROUP, L_PROJECT */
	size_t idx;         /* L_PROJECT: the row within its group */
};

/* The rows of a role on hand: those on screen with a page's margin. */
struct window {
	struct org_project_rows rows;
	size_t first;       /* the group's row of rows.items[0] */
	bool valid;
};

/* The organisation's projects are read a window at a time, one window
 * per role it plays (a large funder has thousands): the screen counts
 * them in the database and keeps what it shows. */
struct org_view {
	char uuid[UUID_LEN + 1];
	struct record *org;
	struct org_project_groups groups;
	struct window *wins;        /* one per group */
	size_t head;                /* lines above the first group */
};

/* The projects of a funder's lines are counted up to this many for
 * the first frame: a large funder's are tens of thousands, a pass over
 * all of them several milliseconds.  The rest are counted when keys
 * pause, or before the first move that needs the screen's length. */
#define LINES_COUNTED_FIRST 1000

static const struct column columns[] = {
	{ N_("Code"),   13, 10, 9, COL_KEEP | COL_FIT, 0 },
	{ N_("Name"),   20, 20, 0, COL_FLEX, 0 },
	{ N_("Status"), 18, 13, 8, COL_KEEP, 0 },
	{ N_("Amount"), 13, 11, 5, COL_RIGHT | COL_FIT, 0 },
};

static int
open_(struct view *v, const void *arg)
{
	struct org_view *o = calloc(1, sizeof *o);

	if (!o)
		return -1;
	snprintf(o->uuid, sizeof o->uuid, "%s", (const char *)arg);
	v->priv = o;
	return 0;
}

static void
window_reset(struct window *w)
{
	org_project_rows_clear(&w->rows);
	w->first = 0;
	w->valid = false;
}

static void
org_clear(struct org_view *o)
{
	record_free(&o->org);
	for (size_t g = 0; o->wins && g < o->groups.count; g++)
		window_reset(&o->wins[g]);
	free(o->wins);
	o->wins = NULL;
	org_project_groups_clear(&o->groups);
	o->head = 0;
}

static void
free_(struct view *v)
{
	org_clear(v->priv);
	free(v->priv);
}

/* What line `row` of the screen is: the fields, the funds, then each
 * role's blank, heading and rows. */
static struct line
line_at(const struct org_view *o, size_t row)
{
	if (row < ORG_NFIELDS)
		return (struct line){ .kind = L_FIELD, .field = (int)row };
	if (row < o->head)
		return (struct line){ .kind = L_TOTAL };
	row -= o->head;
	if (!o->groups.count)
		return (struct line){ .kind = row ? L_NONE : L_BLANK };
	for (size_t g = 0; g < o->groups.count; g++) {
		size_t n = (size_t)o->groups.items[g].count;

		if (row == 0)
			return (struct line){ .kind = L_BLANK, .group = g };
		if (row == 1)
			return (struct line){ .kind = L_GROUP, .group = g };
		if (row - 2 < n)
			return (struct line){ .kind = L_PROJECT, .group = g,
					      .idx = row - 2 };
		row -= 2 + n;
	}
	return (struct line){ .kind = L_BLANK };
}

/* The screen's lines: the fields, the funds, each role's blank,
 * heading and rows. */
static void
count_rows(struct view *v)
{
	struct org_view *o = v->priv;

	v->rows = o->head + 2;   /* "Takes part in no project." */
	if (o->groups.count) {
		v->rows = o->head;
		for (size_t g = 0; g < o->groups.count; g++)
			v->rows += 2 + (size_t)o->groups.items[g].count;
	}
}

static int
load(struct view *v)
{
	struct org_view *o = v->priv;
	struct ui *ui = v->ui;

	org_clear(o);
	v->rows = 0;
	if (model_get(ui->m, entities[ENT_ORGANISATION], o->uuid, &o->org) ||
	    model_org_project_groups(ui->m, o->uuid, LINES_COUNTED_FIRST,
				     &o->groups)) {
		ui_model_error(ui);
		return -1;
	}
	if (!(o->wins = calloc(o->groups.count ? o->groups.count : 1,
			       sizeof *o->wins)))
		return -1;
	o->head = ORG_NFIELDS + (o->groups.has_funds || o->groups.funds_overflow);
	count_rows(v);
	v->unsettled = o->groups.partial;
	return 0;
}

/* The funder's lines counted to the end: its group's count and the
 * funds become known; the rows read stay, as none of them moves. */
static void
settle(struct view *v)
{
	struct org_view *o = v->priv;
	struct org_project_groups all = { 0 };

	v->unsettled = false;
	if (!o->groups.partial)
		return;
	if (model_org_project_groups(v->ui->m, o->uuid, 0, &all)) {
		ui_model_error(v->ui);
		return;
	}
	if (all.count != o->groups.count ||
	    all.has_funds != o->groups.has_funds) {
		/* Changed meanwhile: read again at the next paint. */
		org_project_groups_clear(&all);
		v->loaded = false;
		return;
	}
	org_project_groups_clear(&o->groups);
	o->groups = all;
	o->head = ORG_NFIELDS + (o->groups.has_funds || o->groups.funds_overflow);
	count_rows(v);
	view_select(v, v->sel);
	v->full = true;
}

/* How to read rows [start, end) of group g: after or before a row of
 * the window at hand when it borders them (scrolling, paging), from the
 * nearer end otherwise; an offset costs every row it skips. */
static void
place_window(const struct org_view *o, size_t g, size_t start, size_t end,
	     struct org_project_query *q)
{
	const struct window *w = &o->wins[g];
	size_t have = w->valid ? w->rows.count : 0;
	size_t count = (size_t)o->groups.items[g].count;

	q->limit = (int64_t)(end - start);
	if (have && start > w->first && start <= w->first + have)
		q->after = &w->rows.items[start - 1 - w->first];
	else if (have && end >= w->first && end < w->first + have)
		q->before = &w->rows.items[end - w->first];
	else if (start > count / 2) {
		q->from_end = true;
		q->offset = (int64_t)(count - end);
	} else {
		q->offset = (int64_t)start;
	}
}

static void
query_of(const struct org_view *o, size_t g, struct org_project_query *q)
{
	*q = (struct org_project_query){ .org = o->uuid,
					 .role = o->groups.items[g].role,
					 .walk = o->groups.items[g].walk };
}

static void
read_window(struct view *v, size_t g, const struct org_project_query *q,
	    size_t start)
{
	struct org_view *o = v->priv;
	struct org_project_rows got = { 0 };

	/* Read before the window is let go: q may name one of its rows. */
	if (model_org_project_window(v->ui->m, q, &got))
		ui_model_error(v->ui);
	window_reset(&o->wins[g]);
	o->wins[g].rows = got;
	o->wins[g].first = start;
	o->wins[g].valid = true;
}

/* Group g's rows around row i, a screen of n either side of it. */
static void
fetch_group(struct view *v, size_t g, size_t i, size_t n)
{
	struct org_view *o = v->priv;
	size_t count = (size_t)o->groups.items[g].count, start, end;
	struct org_project_query q;

	view_window_span(o->wins[g].first, o->wins[g].valid ?
			 o->wins[g].rows.count : 0, i, n, count, &start, &end);
	query_of(o, g, &q);
	place_window(o, g, start, end, &q);
	read_window(v, g, &q, start);
	if (o->wins[g].rows.count < end - start && (q.after || q.before)) {
		/* The row it started from is gone: by the offset. */
		query_of(o, g, &q);
		q.offset = (int64_t)start;
		q.limit = (int64_t)(end - start);
		read_window(v, g, &q, start);
	}
}

/* The project of line `row`, read with a screen around it when it is
 * not at hand; NULL for a line that is none. */
static const struct org_project_row *
item(struct view *v, size_t row)
{
	struct org_view *o = v->priv;
	struct line l = line_at(o, row);
	size_t h = (size_t)view_height(v), from;
	struct window *w;

	if (row >= v->rows || l.kind != L_PROJECT)
		return NULL;
	w = &o->wins[l.group];
	if (!w->valid || l.idx < w->first || l.idx >= w->first + w->rows.count) {
		/* On screen, from the group's first row there: the rows of
		 * it above this one are drawn too, and a window read from
		 * this one alone would drop them, to be read again. */
		from = l.idx;
		if (row >= v->top && row < v->top + h)
			from = l.idx > row - v->top ? l.idx - (row - v->top) : 0;
		fetch_group(v, l.group, from, h);
	}
	if (l.idx < w->first || l.idx >= w->first + w->rows.count)
		return NULL;
	return &w->rows.items[l.idx - w->first];
}

/* Lines [first, first + n) are about to be drawn. */
static void
fetch(struct view *v, size_t first, size_t n)
{
	for (size_t row = first; row < first + n && row < v->rows; row++)
		item(v, row);
}

static bool
selectable(struct view *v, size_t row)
{
	struct line l = line_at(v->priv, row);

	return row < v->rows && (l.kind == L_FIELD || l.kind == L_PROJECT);
}

/* A role's line heads its rows: the role and how many, over the code
 * and the name, then the headings of the other columns, as the screen
 * has no heading line of its own (its first lines are the fields). */
static void
draw_group(struct view *v, WINDOW *w, const char *label, attr_t base)
{
	attr_t a = theme_attr(&v->ui->theme, TH_GROUP);

	draw_text(w, " ", 1, base, 0);
	draw_text(w, label, v->widths[0] + 1 + v->widths[1], a, DRAW_PAD);
	for (size_t c = 2; c < sizeof columns / sizeof columns[0]; c++) {
		if (!v->widths[c])
			continue;
		draw_spaces(w, 1, base);
		draw_text(w, _(columns[c].title), v->widths[c], a,
			  DRAW_PAD | ((columns[c].flags & COL_RIGHT) ? DRAW_RIGHT : 0));
	}
}

static bool
draw_row(struct view *v, WINDOW *w, int y, size_t row, bool sel)
{
	struct org_view *o = v->priv;
	const struct theme *t = &v->ui->theme;
	struct line l = line_at(o, row);
	attr_t base = theme_attr(t, sel ? TH_SELECTED : TH_NORMAL);
	char buf[256], money[40];
	const struct org_project_group *g;
	const struct enum_def *e;
	char *value;

	(void)y;
	switch (l.kind) {
	case L_PROJECT:
		return false;
	case L_FIELD:
		value = ui_value(v->ui, o->org, l.field);
		draw_text(w, sel ? ">" : " ", 1, base, 0);
		draw_text(w, _(o->org->def->fields[l.field].label), 16,
			  base | A_BOLD, DRAW_PAD);
		draw_spaces(w, 1, base);
		draw_text(w, value, getmaxx(w) - 18, base, 0);
		free(value);
		break;
	case L_TOTAL:
		if (o->groups.funds_overflow)
			snprintf(buf, sizeof buf, "%s",
				 _("Funds in all: too large to add up"));
		else if (o->groups.partial)  /* still being added up */
			snprintf(buf, sizeof buf, _("Funds in all: %s"), "…");
		else
			snprintf(buf, sizeof buf, _("Funds in all: %s"),
				 format_money(money, sizeof money, o->groups.funds,
					      v->ui->fmt));
		draw_text(w, " ", 1, base, 0);
		draw_text(w, buf, getmaxx(w) - 2, theme_attr(t, TH_LABEL), 0);
		break;
	case L_NONE:
		draw_text(w, " ", 1, base, 0);
		draw_text(w, _("Takes part in no project."), getmaxx(w) - 2,
			  theme_attr(t, TH_DIM), 0);
		break;
	case L_GROUP:
		g = &o->groups.items[l.group];
		e = enum_find(role_kinds, g->role);
		if (o->groups.partial && !strcmp(g->role, "funder"))
			snprintf(buf, sizeof buf, "%s (…)",
				 e ? _(e->label) : g->role);
		else
			snprintf(buf, sizeof buf, "%s (%s)", e ? _(e->label) : g->role,
				 format_count(money, sizeof money, g->count,
					      v->ui->fmt));
		draw_group(v, w, buf, base);
		break;
	case L_BLANK:
		break;
	}
	draw_to_eol(w, base);
	return true;
}

static const char *
cell(struct view *v, size_t row, int col, char *buf, size_t size,
     enum theme_elem *elem)
{
	const struct org_project_row *r = item(v, row);

	if (!r)
		return "";
	switch (col) {
	case 0: return r->code;
	case 1: return r->name;
	case 2:
		*elem = theme_status(r->status);
		return draw_status_label(buf, size, r->status);
	case 3:
		return r->has_amount ? format_money(buf, size, r->amount, v->ui->fmt) : "";
	}
	return "";
}

static void
title(struct view *v, char *left, size_t lsize, char *right, size_t rsize)
{
	struct org_view *o = v->priv;
	char *name, *kind;

	if (!o->org) {
		snprintf(left, lsize, "%s", _("(deleted organisation)"));
		return;
	}
	name = ui_value(v->ui, o->org, ORG_NAME);
	kind = ui_value(v->ui, o->org, ORG_KIND);
	snprintf(left, lsize, "%s", name ? name : "");
	snprintf(right, rsize, "%s", kind ? kind : "");
	free(name);
	free(kind);
}

static void
gone(struct ui *ui)
{
	ui_pop_view(ui);
}

static enum action_result
handle(struct view *v, enum action a)
{
	struct org_view *o = v->priv;
	struct line l = line_at(o, v->sel);
	const struct org_project_row *r = item(v, v->sel);
	struct project_view_arg arg = { 0 };
	struct view *pv;

	if (!o->org && a != ACT_BACK && a != ACT_QUIT)
		return AR_UNHANDLED;
	switch (a) {
	case ACT_OPEN:
		if (r) {
			arg.uuid = r->project_uuid;
			if ((pv = view_new(v->ui, &project_view_ops, &arg)))
				ui_push_view(v->ui, pv);
			return AR_OK;
		}
		/* Enter on a detail edits it. */
		__attribute__((fallthrough));
	case ACT_EDIT:
		form_open(v->ui, o->org, v->sel < v->rows && l.kind == L_FIELD ?
			  l.field : -1, NULL, NULL);
		return AR_OK;
	case ACT_DELETE:
		dialog_delete(v->ui, o->org, gone);
		return AR_OK;
	default:
		return AR_UNHANDLED;
	}
}

/* A field by its index, a project by its uuid, its part in it and the
 * role's id. */
static bool
row_key(struct view *v, size_t row, char *buf, size_t size)
{
	struct line l = line_at(v->priv, row);
	const struct org_project_row *r;

	if (row >= v->rows)
		return false;
	if (l.kind == L_FIELD) {
		snprintf(buf, size, "f%d", l.field);
		return true;
	}
	if (!(r = item(v, row)))
		return false;
	snprintf(buf, size, "%s/%s/%lld", r->project_uuid, r->role ? r->role : "",
		 (long long)r->seq);
	return true;
}

static const enum action footer[] = {
	ACT_HELP, ACT_OPEN, ACT_EDIT, ACT_DELETE, ACT_UNDO, ACT_BACK, ACT_NONE
};

const struct view_ops org_view_ops = {
	.name = "organisation",
	.head_lines = 1,
	.open = open_,
	.free = free_,
	.load = load,
	.fetch = fetch,
	.title = title,
	.fixed_columns = columns,
	.nfixed_columns = sizeof columns / sizeof columns[0],
	.cell = cell,
	.draw_row = draw_row,
	.selectable = selectable,
	.handle = handle,
	.row_key = row_key,
	.footer = footer,
	.settle = settle,
};
