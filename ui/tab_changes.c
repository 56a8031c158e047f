/* SPDX-License-Identifier: EUPL-1.2 */
/* tab_changes.c — a project's change log tab.  A long-lived project
 * gathers thousands of entries: the tab keeps those on screen with a
 * page's margin either side, read along the index of the project's
 * entries from one it has, and counts the rest in the database.  A
 * search matches what the tab shows (times, labels and values as
 * formatted), so it reads the history through once, a batch at a
 * time, and keeps the ids of the entries that match. */
#include "config.h"

#include "project_tabs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "view.h"

/* Entries read at a time while searching. */
#define SEARCH_BATCH 256
/* Columns of the tab (project_tabs.c, change_cols). */
#define CHANGE_COLUMNS 5

static struct change_window *
window_of(struct view *v)
{
	return &((struct project_view *)v->priv)->changes;
}

static void
window_reset(struct change_window *c)
{
	change_list_clear(&c->rows);
	c->first = 0;
	c->valid = false;
}

void
changes_clear(struct change_window *c)
{
	window_reset(c);
	free(c->ids);
	c->ids = NULL;
	c->nids = 0;
	c->searching = false;
}

const char *
changes_cell(struct view *v, const struct change_entry *c, int col, char *buf,
	     size_t size)
{
	int f;
	char *old, *new;

	switch (col) {
	case 0:
		tabs_when(v->ui, c->at, buf, size);
		return buf;
	case 1:
		return c->who;
	case 2:
		if (!c->def) {
			snprintf(buf, size, "%s", c->record_title ? c->record_title : "");
			return buf;
		}
		snprintf(buf, size, "%s ", _(c->def->label));
		entity_title_text(c->def, c->record_title, buf + strlen(buf),
				  size - strlen(buf));
		return buf;
	case 3:
		f = c->def && c->field ? entity_field_index(c->def, c->field) : -1;
		return f >= 0 ? _(c->def->fields[f].label) : c->field ? c->field : "";
	case 4:
		if (!strcmp(c->action, "insert"))
			return _("added");
		if (!strcmp(c->action, "delete"))
			return _("deleted");
		f = c->def && c->field ? entity_field_index(c->def, c->field) : -1;
		if (f < 0) {
			snprintf(buf, size, "%s → %s", c->old_value ? c->old_value : "—",
				 c->new_value ? c->new_value : "—");
			return buf;
		}
		old = ui_value_text(v->ui, &c->def->fields[f], c->old_value);
		new = ui_value_text(v->ui, &c->def->fields[f], c->new_value);
		snprintf(buf, size, "%s → %s", old && *old ? old : "—",
			 new && *new ? new : "—");
		free(old);
		free(new);
		return buf;
	}
	return "";
}

static bool
matches(struct view *v, const struct change_entry *c)
{
	for (int col = 0; col < CHANGE_COLUMNS; col++) {
		char buf[512] = "";

		if (view_text_matches(changes_cell(v, c, col, buf, sizeof buf),
				      v->narrow))
			return true;
	}
	return false;
}

/* The ids of the entries that match the search, newest first. */
static int
search(struct view *v, const char *project)
{
	struct change_window *c = window_of(v);
	struct change_query q = { .project = project, .limit = SEARCH_BATCH };
	size_t cap = 0;

	for (;;) {
		struct change_list batch = { 0 };

		if (model_change_window(v->ui->m, &q, &batch)) {
			change_list_clear(&batch);
			return -1;
		}
		for (size_t i = 0; i < batch.count; i++) {
			int64_t *ids;

			if (!matches(v, &batch.items[i]))
				continue;
			if (c->nids == cap) {
				cap = cap ? 2 * cap : 64;
				if (!(ids = realloc(c->ids, cap * sizeof *ids))) {
					change_list_clear(&batch);
					ui_error(v->ui, "%s", _("Out of memory"));
					return 0;
				}
				c->ids = ids;
			}
			c->ids[c->nids++] = batch.items[i].id;
		}
		if (batch.count < SEARCH_BATCH) {
			change_list_clear(&batch);
			return 0;
		}
		q.after = batch.items[batch.count - 1].id;
		change_list_clear(&batch);
	}
}

size_t
changes_load(struct view *v, const char *project)
{
	struct change_window *c = window_of(v);
	int64_t count = 0;

	changes_clear(c);
	if (v->narrow) {
		c->searching = true;
		if (search(v, project) < 0) {
			ui_model_error(v->ui);
			return 0;
		}
		return c->nids;
	}
	if (model_change_count(v->ui->m, project, &count)) {
		ui_model_error(v->ui);
		return 0;
	}
	return (size_t)count;
}

/* How to read rows [start, end): after or before an entry of the window
 * at hand when it borders them (scrolling, paging), from the nearer end
 * otherwise; an offset costs every entry it skips. */
static void
place_window(const struct change_window *c, size_t start, size_t end,
	     size_t rows, struct change_query *q)
{
	size_t have = c->valid ? c->rows.count : 0;

	q->limit = (int64_t)(end - start);
	if (have && start > c->first && start <= c->first + have)
		q->after = c->rows.items[start - 1 - c->first].id;
	else if (have && end >= c->first && end < c->first + have)
		q->before = c->rows.items[end - c->first].id;
	else if (start > rows / 2) {
		q->from_end = true;
		q->offset = (int64_t)(rows - end);
	} else {
		q->offset = (int64_t)start;
	}
}

/* The window [start, end) read into got: the matches by their ids under
 * a search (one gone meanwhile is left out), else along the index. */
static int
read_window(struct view *v, const char *project, size_t start, size_t end,
	    struct change_list *got)
{
	struct change_window *c = window_of(v);
	struct change_query q = { .project = project };

	if (c->searching) {
		for (size_t i = start; i < end && i < c->nids; i++)
			if (model_change_get(v->ui->m, c->ids[i], got) &&
			    v->ui->m->err.code != ERR_NOT_FOUND)
				return -1;
		return 0;
	}
	place_window(c, start, end, v->rows, &q);
	if (model_change_window(v->ui->m, &q, got))
		return -1;
	/* The entry it started from is gone: read by the offset. */
	if (got->count < end - start && (q.after || q.before)) {
		change_list_clear(got);
		q = (struct change_query){ .project = project,
					   .offset = (int64_t)start,
					   .limit = (int64_t)(end - start) };
		return model_change_window(v->ui->m, &q, got) ? -1 : 0;
	}
	return 0;
}

void
changes_fetch(struct view *v, const char *project, size_t first, size_t n)
{
	struct change_window *c = window_of(v);
	struct change_list got = { 0 };
	size_t end = first + n < v->rows ? first + n : v->rows, start;

	if (c->valid && first >= c->first && end <= c->first + c->rows.count)
		return;
	n = n ? n : 1;
	start = first > n ? first - n : 0;
	end = start + 3 * n < v->rows ? start + 3 * n : v->rows;
	/* Read before the window is let go: the query names its entries. */
	if (read_window(v, project, start, end, &got))
		ui_model_error(v->ui);
	window_reset(c);
	c->rows = got;
	c->first = start;
	c->valid = true;
}

const struct change_entry *
changes_row(struct view *v, const char *project, size_t row)
{
	struct change_window *c = window_of(v);

	if (row >= v->rows)
		return NULL;
	if (!c->valid || row < c->first || row >= c->first + c->rows.count)
		changes_fetch(v, project, row, (size_t)view_height(v));
	if (row < c->first || row >= c->first + c->rows.count)
		return NULL;
	return &c->rows.items[row - c->first];
}
