/* SPDX-License-Identifier: EUPL-1.2 */
/* view_projects.c — the portfolio: one line per project.
 *
 * The list is never read whole: the view counts the matching projects
 * and reads only the page on screen with a page's margin either side
 * (model_list_projects with limit and offset), so that memory and the
 * time per key stay the same at a thousand projects or at a hundred
 * thousand. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "src/core/workflow.h"
#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "form.h"
#include "import.h"
#include "rows.h"
#include "view.h"

/* v->priv is a struct projects: the list (rows.h) and whether a search
 * ranks it.  Opened with a struct portfolio_filter (from the report), it
 * is a list of its own, pushed over the report, on a copy of that
 * filter rather than the portfolio's. */

enum { C_CODE, C_NAME, C_STATUS, C_ADMIN, C_FUNDER, C_START, C_END, C_BUDGET };

static const struct column columns[] = {
	[C_CODE]   = { N_("Code"),          13, 10, 9, COL_KEEP | COL_FIT, 0 },
	[C_NAME]   = { N_("Name"),          24, 24, 0, COL_FLEX, 0 },
	[C_STATUS] = { N_("Status"),        18, 13, 8, COL_KEEP, 0 },
	[C_ADMIN]  = { N_("Administrator"), 14, 10, 3, 0, 24 },
	[C_FUNDER] = { N_("Main funder"),   11,  7, 1, 0, 14 },
	[C_START]  = { N_("Start"),         10, 10, 2, 0, 0 },
	[C_END]    = { N_("End"),           11, 11, 4, 0, 0 },
	[C_BUDGET] = { N_("Budget"),        12, 11, 5, COL_RIGHT | COL_FIT, 0 },
};

/* The column of each sort key, and back. */
static const enum project_sort column_sort[] = {
	[C_CODE] = SORT_CODE, [C_NAME] = SORT_NAME, [C_STATUS] = SORT_STATUS,
	[C_ADMIN] = SORT_ADMINISTRATOR, [C_FUNDER] = SORT_FUNDER,
	[C_START] = SORT_START, [C_END] = SORT_END, [C_BUDGET] = SORT_BUDGET,
};

/* The list, and whether a search ranks its rows. */
struct projects {
	struct project_list list;  /* first: the project_list_* ops use it */
	bool ranked;               /* best match first, not in the sort order */
	bool unranked;             /* words searched for, too many matches */
};

static int
open_(struct view *v, const void *arg)
{
	struct projects *p = calloc(1, sizeof *p);

	if (!p)
		return -1;
	v->priv = p;
	if (arg && (!(p->list.own = calloc(1, sizeof *p->list.own)) ||
		    filter_copy(p->list.own, arg))) {
		free(p->list.own);
		free(p);
		return -1;
	}
	return 0;
}

/* Loads the list and asks the model whether its search ranks it (the
 * query of rows.c: the filter, the search, by relevance). */
static int
load(struct view *v)
{
	struct projects *p = v->priv;
	struct project_query q;

	p->ranked = p->unranked = false;
	if (project_list_load(v) < 0)
		return -1;
	if (!v->narrow)
		return 0;
	filter_query(p->list.own ? p->list.own : &v->ui->filter, &q);
	q.text = v->narrow;
	q.by_relevance = true;
	if (model_projects_ranked(v->ui->m, &q, &p->ranked))
		ui_model_error(v->ui);
	/* Not ranked though words were typed (not only spaces): too many
	 * matches to rank. */
	else if (!p->ranked && p->list.win.matching > 0 &&
		 model_text_searchable(v->ui->m, v->narrow, &p->unranked))
		ui_model_error(v->ui);
	return 0;
}

static void
free_(struct view *v)
{
	struct projects *p = v->priv;

	project_list_free(&p->list);
	if (p->list.own)
		filter_reset(p->list.own);
	free(p->list.own);
	free(p);
}

static const char *
cell(struct view *v, size_t row, int col, char *buf, size_t size,
     enum theme_elem *elem)
{
	const struct project_row *r = project_list_row(v, row);
	struct ui *ui = v->ui;

	if (!r)
		return "";
	switch (col) {
	case C_CODE:   return r->code;
	case C_NAME:   return r->name;
	case C_STATUS:
		*elem = theme_status(r->status);
		return draw_status_label(buf, size, r->status);
	case C_ADMIN:  return r->administrator;
	case C_FUNDER: return r->funder;
	case C_START:  return r->start ? format_date(buf, size, r->start, ui->fmt) : "";
	case C_END:
		if (!r->end)
			return "";
		/* Running past its planned end: it should be reporting.
		 * Marked by a sign, as an overdue deadline is; not by a
		 * colour, which would cost every such row that scrolls in
		 * two attribute changes (some 25 bytes). */
		if (workflow_is_running(r->status) && strcmp(r->end, ui->today) < 0) {
			buf[0] = '!';
			return format_date(buf + 1, size - 1, r->end, ui->fmt) ?
			       buf : "";
		}
		return format_date(buf, size, r->end, ui->fmt);
	case C_BUDGET: return r->has_budget ? format_money(buf, size, r->budget, ui->fmt) : "";
	}
	return "";
}

/* A screen too narrow for the administrator or the main funder spares
 * their lookups (the main funder's is two: its funding lines, else its
 * funder roles, and the organisation). */
static void
laid_out(struct view *v)
{
	project_list_columns(v, v->widths[C_ADMIN] > 0, v->widths[C_FUNDER] > 0);
}

/* No column while a search ranks the rows: the sort comes back with the
 * search cleared. */
static int
sorted(struct view *v, bool *desc)
{
	const struct projects *p = v->priv;
	const struct portfolio_filter *f = p->list.own ? p->list.own : &v->ui->filter;

	*desc = f->descending;
	if (p->ranked)
		return -1;
	for (size_t i = 0; i < sizeof column_sort / sizeof column_sort[0]; i++)
		if (column_sort[i] == f->sort)
			return (int)i;
	return -1;
}

static void
title(struct view *v, char *left, size_t lsize, char *right, size_t rsize)
{
	const struct projects *p = v->priv;
	size_t n;

	if (p->list.own)
		snprintf(left, lsize, "%s", _("Projects behind the report"));
	else
		snprintf(left, lsize, "salkku — %s", v->ui->db_label ? v->ui->db_label : "");
	project_list_title_right(v, right, rsize);
	n = strlen(right);
	if (p->ranked && n < rsize)
		snprintf(right + n, rsize - n, " · %s", _("ranked by relevance"));
	/* Too many to rank: they come in the list's order (the heading's
	 * arrow says which). */
	else if (p->unranked && n < rsize)
		snprintf(right + n, rsize - n, " · %s", _("too many to rank"));
}

static void
status(struct view *v, char *buf, size_t size)
{
	const struct project_list *l = v->priv;

	if (!l->win.total)
		snprintf(buf, size, "%s", _("No projects yet: press a to add one, or run “salkku demo” to try the demo."));
	else if (!l->win.matching)
		snprintf(buf, size, "%s", _("No project matches: F clears the filter and the search."));
}

/* The stored project of the selected row, or NULL (message set). */
static struct record *
selected(struct view *v)
{
	const struct project_row *r = project_list_row(v, v->sel);
	struct record *rec = NULL;

	if (!r)
		return NULL;
	if (model_get(v->ui->m, entities[ENT_PROJECT], r->uuid, &rec)) {
		ui_model_error(v->ui);
		return NULL;
	}
	return rec;
}

static void
open_project(struct ui *ui, const char *uuid)
{
	struct project_view_arg arg = { .uuid = uuid, .tab = 0 };
	struct view *pv = view_new(ui, &project_view_ops, &arg);

	if (pv)
		ui_push_view(ui, pv);
}

static void
added(struct ui *ui, void *ctx, const struct record *saved)
{
	(void)ctx;
	if (saved)
		open_project(ui, saved->uuid);
}

/* The filter and the sort of a list of its own are the report row's:
 * true (and a message) for an action that would change them. */
static bool
own_filter(struct view *v, enum action a)
{
	const struct project_list *l = v->priv;

	if (!l->own || (a != ACT_FILTER && a != ACT_FILTER_CLEAR &&
			a != ACT_SORT && a != ACT_SORT_REVERSE))
		return false;
	ui_message(v->ui, "%s", _("These are the projects behind a row of the report: Esc goes back to it."));
	return true;
}

static enum action_result
handle(struct view *v, enum action a)
{
	struct ui *ui = v->ui;
	const struct project_row *r;
	struct record *rec;

	if (own_filter(v, a))
		return AR_NOOP;
	switch (a) {
	case ACT_OPEN:
		if (!(r = project_list_row(v, v->sel)))
			return AR_NOOP;
		open_project(ui, r->uuid);
		return AR_OK;
	case ACT_PROJECT_NEW:
		if (!(rec = record_new(entities[ENT_PROJECT])))
			return AR_ERROR;
		form_open(ui, rec, -1, added, NULL);
		record_free(&rec);
		return AR_OK;
	case ACT_EDIT:
	case ACT_STATUS:
	case ACT_DELETE:
		if (!(rec = selected(v)))
			return AR_ERROR;
		if (a == ACT_EDIT)
			form_open(ui, rec, -1, NULL, NULL);
		else if (a == ACT_STATUS)
			dialog_status(ui, rec);
		else
			dialog_delete(ui, rec, NULL);
		record_free(&rec);
		return AR_OK;
	case ACT_FILTER:
		dialog_filter(ui);
		return AR_OK;
	case ACT_IMPORT:
		import_start(ui);
		return AR_OK;
	case ACT_FILTER_CLEAR:
		project_list_clear(v);
		return AR_OK;
	case ACT_SORT:
		dialog_sort(ui);
		return AR_OK;
	case ACT_SORT_REVERSE:
		ui->filter.descending = !ui->filter.descending;
		ui->filter_gen++;
		return AR_OK;
	default:
		return AR_UNHANDLED;
	}
}

/* A click on a column heading sorts by it; again reverses. */
static bool
click_head(struct view *v, int y, int x)
{
	struct ui *ui = v->ui;
	const struct project_list *l = v->priv;
	int at = 1;

	/* A list of its own keeps the sort it was opened with. */
	if (y != ui->head_lines - 1 || l->own)
		return false;
	for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
		if (!v->widths[i])
			continue;
		if (x >= at && x < at + v->widths[i]) {
			if (ui->filter.sort == column_sort[i])
				ui->filter.descending = !ui->filter.descending;
			else
				ui->filter.sort = column_sort[i], ui->filter.descending = false;
			ui->filter_gen++;
			return true;
		}
		at += v->widths[i] + 1;
	}
	return false;
}

static const enum action footer[] = {
	ACT_HELP, ACT_SEARCH, ACT_FILTER, ACT_SORT, ACT_OPEN, ACT_PROJECT_NEW,
	ACT_EDIT, ACT_STATUS, ACT_DELETE, ACT_SCREEN_ORGS, ACT_SCREEN_DEADLINES,
	ACT_SCREEN_TIMELINE, ACT_SCREEN_REPORT, ACT_QUIT, ACT_NONE
};

const struct view_ops projects_view_ops = {
	.name = "projects",
	.head_lines = 2,
	.open = open_,
	.free = free_,
	.load = load,
	.fetch = project_list_fetch,
	.title = title,
	.fixed_columns = columns,
	.nfixed_columns = sizeof columns / sizeof columns[0],
	.sorted = sorted,
	.laid_out = laid_out,
	.cell = cell,
	.handle = handle,
	.searchable = true,
	.search_words = true,
	.click_head = click_head,
	.status = status,
	.row_key = project_list_row_key,
	.footer = footer,
	.settle = project_list_settle,
	.read_ahead = project_list_read_ahead,
};
