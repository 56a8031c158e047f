/* rows.h — a window onto a long list of projects.
 *
 * The project list and the timeline never read the portfolio whole:
 * they count what matches and keep only the rows on screen with a
 * page's margin either side, read by limit and offset. */
#ifndef SALKKU_UI_ROWS_H
#define SALKKU_UI_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "src/query.h"

struct ui;

struct project_window {
	struct project_rows rows;
	size_t first;          /* the list row of rows.items[0] */
	bool valid;
};

/* Forgets what was read (after a change or a new query). */
void project_window_reset(struct project_window *w);

/* Makes rows [first, first + n) of the list q describes available,
 * reading them with a margin when they are not. */
void project_window_fetch(struct ui *ui, struct project_window *w,
			  const struct project_query *q, size_t first,
			  size_t n, size_t total);

/* Row `row` of the list, or NULL when it has not been read. */
const struct project_row *project_window_row(const struct project_window *w,
					     size_t row);

#endif
