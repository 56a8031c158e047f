/* SPDX-License-Identifier: EUPL-1.2 */
/* query.c — names of the sort keys, and freeing the answer rows. */
#include "config.h"

#include "query.h"

#include <stdlib.h>

const char *const project_sort_names[SORT_COUNT] = {
	[SORT_CODE]          = "code",
	[SORT_NAME]          = "name",
	[SORT_STATUS]        = "status",
	[SORT_ADMINISTRATOR] = "administrator",
	[SORT_FUNDER]        = "funder",
	[SORT_START]         = "start",
	[SORT_END]           = "end",
	[SORT_BUDGET]        = "budget",
};

void
project_row_free(struct project_row *r)
{
	free(r->code);
	free(r->name);
	free(r->status);
	free(r->administrator);
	free(r->funder);
	free(r->start);
	free(r->end);
}

void
project_rows_clear(struct project_rows *rows)
{
	if (!rows)
		return;
	for (size_t i = 0; i < rows->count; i++)
		project_row_free(&rows->items[i]);
	free(rows->items);
	rows->items = NULL;
	rows->count = rows->capacity = 0;
}

void
change_list_clear(struct change_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->count; i++) {
		struct change_entry *c = &list->items[i];

		free(c->project_uuid);
		free(c->project_code);
		free(c->record_title);
		free(c->field);
		free(c->old_value);
		free(c->new_value);
		free(c->source);
	}
	free(list->items);
	list->items = NULL;
	list->count = list->capacity = 0;
}

void
deadline_rows_clear(struct deadline_rows *rows)
{
	if (!rows)
		return;
	for (size_t i = 0; i < rows->count; i++) {
		struct deadline_row *d = &rows->items[i];

		free(d->project_code);
		free(d->project_uuid);
		free(d->kind);
		free(d->title);
		free(d->due);
		free(d->done_date);
		free(d->cancelled_date);
		free(d->cancel_reason);
		free(d->repeat);
	}
	free(rows->items);
	rows->items = NULL;
	rows->count = rows->capacity = 0;
}

void
org_project_rows_clear(struct org_project_rows *rows)
{
	if (!rows)
		return;
	for (size_t i = 0; i < rows->count; i++) {
		struct org_project_row *r = &rows->items[i];

		free(r->project_uuid);
		free(r->code);
		free(r->name);
		free(r->status);
		free(r->role);
		free(r->years);
	}
	free(rows->items);
	rows->items = NULL;
	rows->count = rows->capacity = 0;
}

void
org_project_groups_clear(struct org_project_groups *g)
{
	if (!g)
		return;
	free(g->items);
	*g = (struct org_project_groups){ 0 };
}
