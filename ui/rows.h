/* SPDX-License-Identifier: EUPL-1.2 */
/* rows.h — a window onto a long list of projects.
 *
 * The project list and the timeline never read the portfolio whole:
 * they count what matches and keep only the rows on screen with a
 * page's margin either side, read from the row they border (keyset),
 * counted from the end, or else by offset. */
#ifndef SALKKU_UI_ROWS_H
#define SALKKU_UI_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/query.h"

struct ui;
struct view;

struct project_window {
	struct project_rows rows;
	size_t first;          /* the list row of rows.items[0] */
	bool valid;
	int64_t matching;      /* projects that match the query */
	bool more;             /* matching is a bound: more match, uncounted */
	int64_t total;         /* projects in all */
	bool cancelled;        /* the count was abandoned for a key typed */
};

/* Forgets what was read (after a change or a new query). */
void project_window_reset(struct project_window *w);

/* Makes rows [first, first + n) of the list q describes available,
 * reading them with a margin when they are not. */
void project_window_fetch(struct ui *ui, struct project_window *w,
			  const struct project_query *q, size_t first,
			  size_t n, size_t total);

/* Starts over on the list q describes: forgets the rows read and counts
 * the matching projects (a model error goes to the status line and
 * counts as none); quick: a search with many matches is not counted
 * (w->more, model_count_projects_quick).  Returns how many rows the
 * list has, or surely has. */
size_t project_window_load(struct ui *ui, struct project_window *w,
			   const struct project_query *q, bool quick);

/* Row `row` of the list (of `rows` rows), read with a screen of
 * `height` rows around it when it is not at hand; NULL when it cannot
 * be read. */
const struct project_row *project_window_at(struct ui *ui,
					    struct project_window *w,
					    const struct project_query *q,
					    size_t row, size_t height,
					    size_t rows);

/* Row `row` of the list, or NULL when it has not been read. */
const struct project_row *project_window_row(const struct project_window *w,
					     size_t row);

/* A view whose rows are projects (the list, the timeline).  Its priv
 * struct begins with a struct project_list, so that the functions below
 * can serve as the view's ops: they read the filter from the ui and the
 * search from the list. */
struct project_list {
	struct project_window win;
	bool by_start;         /* always in start order (the timeline) */
	/* Read without the administrator or the main funder: columns the
	 * screen has no room for (the timeline shows neither). */
	bool no_administrator, no_funder;
	/* A list of its own (the projects behind a row of the report):
	 * this filter rather than the portfolio's; owned, or NULL. */
	struct portfolio_filter *own;
	/* The way the screen last moved, which the next page read ahead
	 * follows: up since it was at seen_top, or down; or a jump of
	 * more than two pages, after which nothing is read ahead. */
	size_t seen_top;
	bool moving_up, jumped;
};

void project_list_free(struct project_list *l);

/* The view ops load, fetch and row_key. */
int project_list_load(struct view *v);
void project_list_fetch(struct view *v, size_t first, size_t n);
/* Whether the rows need the administrator and the main funder; rows
 * read without one that is needed now are read again. */
void project_list_columns(struct view *v, bool administrator, bool funder);
/* Clears the filter and the search, and says so. */
void project_list_clear(struct view *v);
/* The view op settle: counts a search left uncounted while typed. */
void project_list_settle(struct view *v);
/* The view op read_ahead: the two pages past the screen's end (or
 * before its top, when it last moved up), joined to the window. */
void project_list_read_ahead(struct view *v);
bool project_list_row_key(struct view *v, size_t row, char *buf, size_t size);

/* Row `row` of the view's list, read when it is not at hand; NULL when
 * it cannot be read. */
const struct project_row *project_list_row(struct view *v, size_t row);

/* The right side of the title: the filter, the search and how many of
 * all projects match. */
void project_list_title_right(struct view *v, char *right, size_t rsize);

#endif
