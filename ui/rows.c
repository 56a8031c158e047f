/* rows.c — a window onto a long list of projects. */
#include "config.h"

#include "rows.h"

#include "src/core/model.h"
#include "app.h"

void
project_window_reset(struct project_window *w)
{
	project_rows_clear(&w->rows);
	w->first = 0;
	w->valid = false;
}

void
project_window_fetch(struct ui *ui, struct project_window *w,
		     const struct project_query *q, size_t first, size_t n,
		     size_t total)
{
	struct project_query page = *q;
	size_t end = first + n < total ? first + n : total;

	if (w->valid && first >= w->first && end <= w->first + w->rows.count)
		return;
	project_window_reset(w);
	w->first = first > n ? first - n : 0;
	page.offset = (int64_t)w->first;
	page.limit = (int64_t)(3 * n);
	w->valid = true;
	if (model_list_projects(ui->m, &page, &w->rows))
		ui_model_error(ui);
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
		    const struct project_query *q)
{
	project_window_reset(w);
	if (model_count_projects(ui->m, q, &w->matching, &w->total)) {
		ui_model_error(ui);
		w->matching = w->total = 0;
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
