/* SPDX-License-Identifier: EUPL-1.2 */
/* rows.c — a window onto a long list of projects, and the view ops
 * that the project list and the timeline share over it. */
#include "config.h"

#include "rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "dialog.h"
#include "view.h"

void
project_window_reset(struct project_window *w)
{
	project_rows_clear(&w->rows);
	w->first = 0;
	w->valid = false;
}

/* How to read rows [start, end) of the list: after or before a row of
 * the window at hand when it borders them (scrolling, paging), from the
 * nearer end otherwise.  The offset is set as well: a list the store
 * cannot read from a row (another sort, ranked matches) reads by it. */
static void
place_window(const struct project_window *w, size_t start, size_t end,
	     size_t total, struct project_query *page)
{
	size_t have = w->valid ? w->rows.count : 0;

	page->limit = (int64_t)(end - start);
	page->offset = (int64_t)start;
	/* Uncounted, the end is not known. */
	if (start > total / 2 && !w->more) {
		page->from_end = true;
		page->offset = (int64_t)(total - end);
	}
	if (have && start > w->first && start <= w->first + have)
		page->after = w->rows.items[start - 1 - w->first].id;
	else if (have && end >= w->first && end < w->first + have)
		page->before = w->rows.items[end - w->first].id;
}

/* Reads the window `page` describes into w, whose rows start at list
 * row `start`; false when it failed (said, or abandoned for a key). */
static bool
read_window(struct ui *ui, struct project_window *w,
	    const struct project_query *page, size_t start)
{
	struct project_rows got = { 0 };
	bool ok = !model_list_projects(ui->m, page, &got);

	/* Read before the window is let go: page may name one of its rows. */
	project_window_reset(w);
	if (!ok) {
		project_rows_clear(&got);
		/* Abandoned for a key typed meanwhile: read again when drawn. */
		if (!model_cancelled(ui->m))
			ui_model_error(ui);
		return false;
	}
	w->rows = got;
	w->first = start;
	w->valid = true;
	return true;
}

void
project_window_fetch(struct ui *ui, struct project_window *w,
		     const struct project_query *q, size_t first, size_t n,
		     size_t total)
{
	struct project_query page = *q;
	size_t end = first + n < total ? first + n : total, start;

	if (w->valid && first >= w->first && end <= w->first + w->rows.count)
		return;
	view_window_span(w->first, w->valid ? w->rows.count : 0, first, n,
			 total, &start, &end);
	place_window(w, start, end, total, &page);
	if (!read_window(ui, w, &page, start)) {
		if (!model_cancelled(ui->m))
			w->valid = true;  /* said once; not read again and again */
		return;
	}
	if (w->rows.count < end - start && (page.after || page.before)) {
		/* The row it started from is gone: by the offset. */
		page = *q;
		page.offset = (int64_t)start;
		page.limit = (int64_t)(end - start);
		read_window(ui, w, &page, start);
	}
}

/* Frees rows [from, to) of the window's rows and closes the gap. */
static void
rows_drop(struct project_rows *r, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		project_row_free(&r->items[i]);
	memmove(&r->items[from], &r->items[to],
		(r->count - to) * sizeof *r->items);
	r->count -= to - from;
}

/* Joins got, list rows [start, start + got->count) that border the
 * window, to it (got is left empty: its rows are the window's), then
 * keeps list rows [keep_lo, keep_hi) only.  false when out of memory,
 * the window as it was. */
static bool
window_join(struct project_window *w, struct project_rows *got, size_t start,
	    size_t keep_lo, size_t keep_hi)
{
	struct project_rows *r = &w->rows;
	size_t n = r->count + got->count;

	if (n > r->capacity) {
		struct project_row *items = realloc(r->items, n * sizeof *items);

		if (!items)
			return false;
		r->items = items;
		r->capacity = n;
	}
	if (start < w->first) {
		memmove(r->items + got->count, r->items,
			r->count * sizeof *r->items);
		memcpy(r->items, got->items, got->count * sizeof *got->items);
		w->first = start;
	} else {
		memcpy(r->items + r->count, got->items,
		       got->count * sizeof *got->items);
	}
	r->count = n;
	got->count = 0;
	project_rows_clear(got);
	if (keep_hi > w->first && keep_hi < w->first + r->count)
		rows_drop(r, keep_hi - w->first, r->count);
	if (keep_lo > w->first && keep_lo < w->first + r->count) {
		rows_drop(r, 0, keep_lo - w->first);
		w->first = keep_lo;
	}
	return true;
}

const struct project_row *
project_window_row(const struct project_window *w, size_t row)
{
	if (!w->valid || row < w->first || row >= w->first + w->rows.count)
		return NULL;
	return &w->rows.items[row - w->first];
}

size_t
project_window_load(struct ui *ui, struct project_window *w,
		    const struct project_query *q, bool quick)
{
	int rc;

	project_window_reset(w);
	w->cancelled = w->more = false;
	rc = quick ? model_count_projects_quick(ui->m, q, &w->matching,
						&w->more, &w->total)
		   : model_count_projects(ui->m, q, &w->matching, &w->total);
	if (rc) {
		if (model_cancelled(ui->m))
			w->cancelled = true;
		else
			ui_model_error(ui);
		w->matching = w->total = 0;
		w->more = false;
	}
	return (size_t)w->matching;
}

const struct project_row *
project_window_at(struct ui *ui, struct project_window *w,
		  const struct project_query *q, size_t row, size_t height,
		  size_t rows)
{
	if (!project_window_row(w, row))
		project_window_fetch(ui, w, q, row, height, rows);
	return project_window_row(w, row);
}

void
project_list_free(struct project_list *l)
{
	project_window_reset(&l->win);
}

static struct project_list *
list_of(struct view *v)
{
	return v->priv;
}

static void
list_query(struct view *v, struct project_query *q)
{
	const struct project_list *l = list_of(v);

	filter_query(l->own ? l->own : &v->ui->filter, q);
	q->text = v->narrow;
	/* What is searched for comes first; the timeline keeps its order. */
	q->by_relevance = !l->by_start;
	q->no_administrator = l->no_administrator;
	q->no_funder = l->no_funder;
	if (l->by_start) {
		q->sort = SORT_START;
		q->descending = false;
	}
}

int
project_list_load(struct view *v)
{
	struct project_query q;

	list_query(v, &q);
	/* While a search is typed, its count may wait for a pause. */
	v->rows = project_window_load(v->ui, &list_of(v)->win, &q, v->typing);
	v->unsettled = list_of(v)->win.more;
	/* Abandoned for a key typed meanwhile: read again at the next
	 * paint, after that key. */
	if (list_of(v)->win.cancelled)
		v->loaded = false;
	return 0;
}

void
project_list_settle(struct view *v)
{
	struct project_window *w = &list_of(v)->win;
	struct project_query q;
	int64_t matching, total;

	if (!w->more) {
		v->unsettled = false;
		return;
	}
	list_query(v, &q);
	/* Abandoned for a key: counted at the next pause. */
	if (model_count_projects(v->ui->m, &q, &matching, &total)) {
		if (model_cancelled(v->ui->m))
			return;
		ui_model_error(v->ui);
		v->unsettled = false;
		return;
	}
	/* The rows read stay: the count only says where the list ends. */
	w->matching = matching;
	w->total = total;
	w->more = false;
	v->unsettled = false;
	v->rows = (size_t)matching;
	view_select(v, v->sel);
	v->ui->dirty_head = true;
}

void
project_list_columns(struct view *v, bool administrator, bool funder)
{
	struct project_list *l = list_of(v);

	if ((administrator && l->no_administrator) || (funder && l->no_funder))
		project_window_reset(&l->win);
	l->no_administrator = !administrator;
	l->no_funder = !funder;
}

/* A page move reads the rows it shows when they are not at hand: a
 * page of random reads, 2-6 ms at 100,000 projects.  Read while no key
 * waits, the next move finds them, and the window holds the screen with
 * a page behind it and up to two ahead (the way the screen last moved,
 * or back from an end of the list).  Not after a jump (G, g, a search's
 * row): where one goes next is not known, and the pages read would push
 * out of SQLite's cache those of the place jumped from (G and g in
 * turns: 115 reads each instead of none).  Only from a whole, counted
 * window: a read that does not border it, or that finds fewer rows than
 * the count promised (another session's change, which the next poll
 * reads again), is let go, as is one a key typed meanwhile stops. */
void
project_list_read_ahead(struct view *v)
{
	struct project_list *l = list_of(v);
	struct project_window *w = &l->win;
	struct project_rows got = { 0 };
	struct project_query page;
	size_t h = (size_t)view_height(v), top = v->top;
	size_t lo = w->first, hi = w->first + w->rows.count, start, end;
	size_t keep_lo, keep_hi;
	bool need_up, need_down;

	if (top != l->seen_top) {
		size_t moved = top > l->seen_top ? top - l->seen_top
						 : l->seen_top - top;

		l->moving_up = top < l->seen_top;
		l->jumped = moved > 2 * h;
		l->seen_top = top;
	}
	if (l->jumped || !w->valid || w->more || !v->rows ||
	    !project_window_row(w, top) ||
	    !project_window_row(w, (top + h < v->rows ? top + h : v->rows) - 1))
		return;
	/* The way it last moved; the other way when the list ends there
	 * and the window is the screen alone (read again after another
	 * session's change). */
	need_up = lo > 0 && lo + h > top;
	need_down = hi < v->rows && hi < top + 2 * h;
	if (need_up && (l->moving_up || !need_down)) {
		start = lo > 2 * h ? lo - 2 * h : 0;
		end = lo;
		keep_lo = start;
		keep_hi = top + 2 * h;
	} else if (need_down) {
		start = hi;
		end = hi + 2 * h < v->rows ? hi + 2 * h : v->rows;
		keep_lo = top > h ? top - h : 0;
		keep_hi = end;
	} else {
		return;
	}
	list_query(v, &page);
	page.yielding = true;
	place_window(w, start, end, v->rows, &page);
	if (model_list_projects(v->ui->m, &page, &got) ||
	    got.count != end - start ||
	    !window_join(w, &got, start, keep_lo, keep_hi))
		project_rows_clear(&got);
}

/* Rows [first, first + n) are about to be drawn. */
void
project_list_fetch(struct view *v, size_t first, size_t n)
{
	struct project_query q;

	list_query(v, &q);
	project_window_fetch(v->ui, &list_of(v)->win, &q, first, n, v->rows);
}

const struct project_row *
project_list_row(struct view *v, size_t row)
{
	struct project_query q;

	list_query(v, &q);
	return project_window_at(v->ui, &list_of(v)->win, &q, row,
				 (size_t)view_height(v), v->rows);
}

void
project_list_clear(struct view *v)
{
	filter_clear(v->ui);
	view_clear_search(v);
	ui_message(v->ui, "%s", _("Filter and search cleared"));
}

bool
project_list_row_key(struct view *v, size_t row, char *buf, size_t size)
{
	const struct project_row *r = project_list_row(v, row);

	if (!r)
		return false;
	snprintf(buf, size, "%s", r->uuid);
	return true;
}

void
project_list_title_right(struct view *v, char *right, size_t rsize)
{
	const struct project_list *l = list_of(v);
	char filter[256], matching[40], total[40];
	size_t used = 0;
	int w;

	filter_describe(l->own ? l->own : &v->ui->filter, filter, sizeof filter);
	right[0] = '\0';
	if (filter[0]) {
		w = snprintf(right, rsize, _("Filter: %s  "), filter);
		used += w > 0 ? (size_t)w : 0;
	}
	if (v->search && used < rsize) {
		w = snprintf(right + used, rsize - used, _("Search: %s  "), v->search);
		used += w > 0 ? (size_t)w : 0;
	}
	format_count(matching, sizeof matching, l->win.matching, v->ui->fmt);
	format_count(total, sizeof total, l->win.total, v->ui->fmt);
	/* TRANSLATORS: matching/all projects (grouped by thousands), the
	 * count of a search not finished while typed: "5 000+/100 000",
	 * more than 5,000. */
	if (used < rsize)
		snprintf(right + used, rsize - used,
			 l->win.more ? _("%s+/%s") : "%s/%s", matching, total);
}
