/* SPDX-License-Identifier: EUPL-1.2 */
/* view_orgs.c — the organisations: funders, counties, universities,
 * the competence centres.  Their number does not grow with the
 * portfolio, so the view reads them whole and searches what it holds. */
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
	struct record_list all;
	size_t *match, nmatch;
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
free_(struct view *v)
{
	struct orgs *o = v->priv;

	record_list_clear(&o->all);
	free(o->match);
	free(o);
}

static bool
matches(struct view *v, const struct record *r)
{
	for (size_t c = 0; c < sizeof column_field / sizeof column_field[0]; c++) {
		char *s = ui_value(v->ui, r, column_field[c]);
		bool hit = view_text_matches(s, v->narrow);

		free(s);
		if (hit)
			return true;
	}
	return false;
}

static int
load(struct view *v)
{
	struct orgs *o = v->priv;

	record_list_clear(&o->all);
	free(o->match);
	o->match = NULL;
	o->nmatch = 0;
	v->rows = 0;
	if (model_organisations(v->ui->m, &o->all)) {
		ui_model_error(v->ui);
		return -1;
	}
	o->match = malloc((o->all.count ? o->all.count : 1) * sizeof *o->match);
	for (size_t i = 0; o->match && i < o->all.count; i++)
		if (!v->narrow || matches(v, o->all.items[i]))
			o->match[o->nmatch++] = i;
	v->rows = o->nmatch;
	return 0;
}

static const struct record *
item(struct view *v, size_t row)
{
	struct orgs *o = v->priv;

	return row < o->nmatch ? o->all.items[o->match[row]] : NULL;
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

	snprintf(left, lsize, "%s", _("Organisations"));
	if (v->search)
		snprintf(right, rsize, _("Search: %s  %zu/%zu"), v->search,
			 o->nmatch, o->all.count);
	else
		snprintf(right, rsize, "%zu", o->all.count);
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
	.title = title,
	.fixed_columns = columns,
	.nfixed_columns = sizeof columns / sizeof columns[0],
	.cell = cell,
	.handle = handle,
	.searchable = true,
	.row_key = row_key,
	.footer = footer,
};
