/* SPDX-License-Identifier: EUPL-1.2 */
/* project_tabs.h — the data behind the tabs of the project view: what
 * each tab reads, its columns and its cells.  view_project.c draws the
 * tab bar and handles the keys; this half knows the records. */
#ifndef SALKKU_UI_PROJECT_TABS_H
#define SALKKU_UI_PROJECT_TABS_H

#include <stddef.h>

#include "src/base/query.h"
#include "src/base/record.h"
#include "theme.h"

struct ui;
struct view;
struct column;

enum tab {
	T_OVERVIEW, T_ORGS, T_FUNDING, T_DEADLINES, T_HISTORY, T_NOTES,
	T_OUTCOMES, T_CHANGES, T_COUNT
};

/* Overview lines that are no field of the project: summaries of the
 * roles and the funding, and what does not add up in its money. */
enum { OV_ROLES = -2, OV_FUNDING = -3, OV_WARNING = -4 };

struct ov_line {
	int field;      /* project field, or OV_* */
	bool first;     /* the first line of its field: shows the label */
	char *text;     /* the value as shown */
};

/* The change log tab's entries on hand (tab_changes.c). */
struct change_window {
	struct change_list rows;              /* those on screen and a margin */
	size_t first;                         /* the tab's row of rows.items[0] */
	bool valid;
	bool searching;                       /* rows are the matches of ids */
	int64_t *ids;                         /* the matches, newest first */
	size_t nids;
};

struct project_view {
	char uuid[UUID_LEN + 1];
	struct record *proj;
	int tab;
	size_t tab_sel[T_COUNT], tab_top[T_COUNT];
	size_t counts[T_COUNT];
	int tab_x[T_COUNT], tab_w[T_COUNT];   /* where the tab bar drew them */
	struct record_list items;             /* the records of the tab on show */
	char **labels;                        /* their organisations, as shown */
	struct change_window changes;
	struct ov_line *ov;
	size_t nov;
	size_t *match, nmatch;                /* rows: what the search keeps */
};

/* The entity each tab lists (ENT_COUNT for the change log). */
extern const enum entity_kind tab_entity[T_COUNT];

void tabs_clear(struct project_view *p);
/* Reads the tab on show (and the counts of all) and sets v->rows. */
void tabs_load(struct view *v);
/* Shows another tab, each remembering where its cursor was. */
void tabs_switch(struct view *v, int tab);
/* The record of a row, or NULL (overview, change log). */
const struct record *tabs_item(struct view *v, size_t row);
/* The view's row_key: the record's uuid, the change's, or the field
 * and line of the overview. */
bool tabs_row_key(struct view *v, size_t row, char *buf, size_t size);
/* The field (or OV_*) of an overview row; -1 when none. */
int tabs_overview_field(struct view *v, size_t row);

const struct column *tabs_columns(struct view *v, size_t *n);
const char *tabs_cell(struct view *v, size_t row, int col, char *buf,
		      size_t size, enum theme_elem *elem);

/* Lines [first, first + n) of the tab on show are about to be drawn. */
void tabs_fetch(struct view *v, size_t first, size_t n);

/* The change log tab (tab_changes.c).  changes_load reads how many
 * entries the project's history holds, or which match the search in
 * v->narrow, and returns the tab's rows; changes_row is the entry of
 * a row, read with a screen around it when it is not at hand (NULL
 * when there is none); changes_cell, a column of an entry. */
void changes_clear(struct change_window *c);
size_t changes_load(struct view *v, const char *project);
void changes_fetch(struct view *v, const char *project, size_t first, size_t n);
const struct change_entry *changes_row(struct view *v, const char *project,
				       size_t row);
const char *changes_cell(struct view *v, const struct change_entry *c, int col,
			 char *buf, size_t size);

/* An ISO 8601 UTC time as people read it, in local time. */
void tabs_when(struct ui *ui, const char *iso, char *buf, size_t size);

#endif
