/* SPDX-License-Identifier: EUPL-1.2 */
/* view_org.c — one organisation: its details, the money it funds, and
 * its projects grouped by the part it plays in them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "src/base/text.h"
#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "form.h"
#include "view.h"

enum line_kind { L_FIELD, L_TOTAL, L_BLANK, L_GROUP, L_PROJECT };

struct line {
	enum line_kind kind;
	int field;          /* L_FIELD */
	size_t idx;         /* L_PROJECT: the row; L_GROUP: the first row */
	size_t count;       /* L_GROUP: how many */
};

struct org_view {
	char uuid[UUID_LEN + 1];
	struct record *org;
	struct org_project_rows rows;
	size_t *order;              /* rows by role, then code */
	struct line *lines;
	size_t nlines;
	bool has_funds;
	bool funds_overflow;        /* the total does not fit in an int64_t */
	int64_t funds;
};

static const struct column columns[] = {
	{ N_("Code"),   13, 10, 9, COL_KEEP, 24 },
	{ N_("Name"),   20, 20, 0, COL_FLEX, 0 },
	{ N_("Status"), 18, 13, 8, COL_KEEP, 0 },
	{ N_("Amount"), 13, 11, 5, COL_RIGHT, 0 },
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
org_clear(struct org_view *o)
{
	record_free(&o->org);
	org_project_rows_clear(&o->rows);
	free(o->order);
	free(o->lines);
	o->order = NULL;
	o->lines = NULL;
	o->nlines = 0;
	o->has_funds = false;
	o->funds_overflow = false;
	o->funds = 0;
}

static void
free_(struct view *v)
{
	org_clear(v->priv);
	free(v->priv);
}

/* The place of a role in the grouping: the order of role_kinds. */
static size_t
role_rank(const char *role)
{
	size_t n = enum_count(role_kinds);

	for (size_t i = 0; i < n; i++)
		if (role && !strcmp(role_kinds[i].key, role))
			return i;
	return n;
}

static void
add(struct org_view *o, struct line l)
{
	o->lines[o->nlines++] = l;
}

static int
load(struct view *v)
{
	struct org_view *o = v->priv;
	struct ui *ui = v->ui;
	size_t n;

	org_clear(o);
	v->rows = 0;
	if (model_get(ui->m, entities[ENT_ORGANISATION], o->uuid, &o->org) ||
	    model_org_projects(ui->m, o->uuid, &o->rows)) {
		ui_model_error(ui);
		return -1;
	}
	n = o->rows.count;
	o->order = malloc((n ? n : 1) * sizeof *o->order);
	o->lines = malloc((ORG_NFIELDS + 3 + 2 * n + 2 * enum_count(role_kinds) + 2) *
			  sizeof *o->lines);
	if (!o->order || !o->lines)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct org_project_row *r = &o->rows.items[i];
		size_t j = i;

		/* Insertion sort: a handful of rows. */
		while (j > 0) {
			const struct org_project_row *q = &o->rows.items[o->order[j - 1]];
			size_t a = role_rank(q->role), b = role_rank(r->role);

			if (a < b || (a == b && text_collate(q->code, strlen(q->code),
							     r->code, strlen(r->code)) <= 0))
				break;
			o->order[j] = o->order[j - 1];
			j--;
		}
		o->order[j] = i;
		/* A project once, its funding lines of all years added
		 * up (store_org_projects).  Stored amounts are bounded, but
		 * a database written by hand may hold anything. */
		if (r->role && !strcmp(r->role, "funder") &&
		    (r->has_amount || r->amount_overflow)) {
			if (r->amount_overflow || !money_add(&o->funds, r->amount))
				o->funds_overflow = true;
			o->has_funds = true;
		}
	}
	for (int f = 0; f < ORG_NFIELDS; f++)
		add(o, (struct line){ .kind = L_FIELD, .field = f });
	if (o->has_funds)
		add(o, (struct line){ .kind = L_TOTAL });
	for (size_t i = 0; i < n; i++) {
		const struct org_project_row *r = &o->rows.items[o->order[i]];

		if (i == 0 || strcmp(o->rows.items[o->order[i - 1]].role ?
				     o->rows.items[o->order[i - 1]].role : "",
				     r->role ? r->role : "")) {
			size_t count = 0;

			for (size_t j = i; j < n; j++)
				count += !strcmp(o->rows.items[o->order[j]].role ?
						 o->rows.items[o->order[j]].role : "",
						 r->role ? r->role : "");
			add(o, (struct line){ .kind = L_BLANK });
			add(o, (struct line){ .kind = L_GROUP, .idx = o->order[i], .count = count });
		}
		add(o, (struct line){ .kind = L_PROJECT, .idx = o->order[i] });
	}
	if (!n) {
		add(o, (struct line){ .kind = L_BLANK });
		add(o, (struct line){ .kind = L_GROUP, .idx = (size_t)-1 });
	}
	v->rows = o->nlines;
	return 0;
}

static bool
selectable(struct view *v, size_t row)
{
	struct org_view *o = v->priv;

	return row < o->nlines &&
	       (o->lines[row].kind == L_FIELD || o->lines[row].kind == L_PROJECT);
}

static bool
draw_row(struct view *v, WINDOW *w, int y, size_t row, bool sel)
{
	struct org_view *o = v->priv;
	const struct theme *t = &v->ui->theme;
	const struct line *l = &o->lines[row];
	attr_t base = theme_attr(t, sel ? TH_SELECTED : TH_NORMAL);
	char buf[256], money[40];
	const struct enum_def *e;
	char *value;

	(void)y;
	switch (l->kind) {
	case L_PROJECT:
		return false;
	case L_FIELD:
		value = ui_value(v->ui, o->org, l->field);
		draw_text(w, sel ? ">" : " ", 1, base, 0);
		draw_text(w, _(o->org->def->fields[l->field].label), 16,
			  base | A_BOLD, DRAW_PAD);
		draw_spaces(w, 1, base);
		draw_text(w, value, getmaxx(w) - 18, base, 0);
		free(value);
		break;
	case L_TOTAL:
		if (o->funds_overflow)
			snprintf(buf, sizeof buf, "%s",
				 _("Funds in all: too large to add up"));
		else
			snprintf(buf, sizeof buf, _("Funds in all: %s"),
				 format_money(money, sizeof money, o->funds,
					      v->ui->fmt));
		draw_text(w, " ", 1, base, 0);
		draw_text(w, buf, getmaxx(w) - 2, theme_attr(t, TH_LABEL), 0);
		break;
	case L_GROUP:
		if (l->idx == (size_t)-1) {
			draw_text(w, " ", 1, base, 0);
			draw_text(w, _("Takes part in no project."), getmaxx(w) - 2,
				  theme_attr(t, TH_DIM), 0);
			break;
		}
		e = enum_find(role_kinds, o->rows.items[l->idx].role ?
			      o->rows.items[l->idx].role : "");
		snprintf(buf, sizeof buf, "%s (%zu)",
			 e ? _(e->label) : o->rows.items[l->idx].role, l->count);
		draw_text(w, " ", 1, base, 0);
		draw_text(w, buf, getmaxx(w) - 2, theme_attr(t, TH_GROUP), 0);
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
	struct org_view *o = v->priv;
	const struct org_project_row *r = &o->rows.items[o->lines[row].idx];

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
	const struct line *l = v->sel < o->nlines ? &o->lines[v->sel] : NULL;
	struct project_view_arg arg = { 0 };
	struct view *pv;

	if (!o->org && a != ACT_BACK && a != ACT_QUIT)
		return AR_UNHANDLED;
	switch (a) {
	case ACT_OPEN:
		if (l && l->kind == L_PROJECT) {
			arg.uuid = o->rows.items[l->idx].project_uuid;
			if ((pv = view_new(v->ui, &project_view_ops, &arg)))
				ui_push_view(v->ui, pv);
			return AR_OK;
		}
		/* Enter on a detail edits it. */
		__attribute__((fallthrough));
	case ACT_EDIT:
		form_open(v->ui, o->org, l && l->kind == L_FIELD ? l->field : -1,
			  NULL, NULL);
		return AR_OK;
	case ACT_DELETE:
		dialog_delete(v->ui, o->org, gone);
		return AR_OK;
	default:
		return AR_UNHANDLED;
	}
}

/* A field by its index, a project by its uuid and part in it. */
static bool
row_key(struct view *v, size_t row, char *buf, size_t size)
{
	struct org_view *o = v->priv;
	const struct line *l;
	const struct org_project_row *r;

	if (row >= o->nlines)
		return false;
	l = &o->lines[row];
	if (l->kind == L_FIELD) {
		snprintf(buf, size, "f%d", l->field);
		return true;
	}
	if (l->kind != L_PROJECT || l->idx >= o->rows.count)
		return false;
	r = &o->rows.items[l->idx];
	snprintf(buf, size, "%s/%s", r->project_uuid, r->role ? r->role : "");
	return true;
}

static const enum action footer[] = {
	ACT_HELP, ACT_OPEN, ACT_EDIT, ACT_DELETE, ACT_UNDO, ACT_BACK, ACT_NONE
};

const struct view_ops org_view_ops = {
	.name = "organisation",
	.head_lines = 2,
	.open = open_,
	.free = free_,
	.load = load,
	.title = title,
	.fixed_columns = columns,
	.nfixed_columns = sizeof columns / sizeof columns[0],
	.cell = cell,
	.draw_row = draw_row,
	.selectable = selectable,
	.handle = handle,
	.row_key = row_key,
	.footer = footer,
};
