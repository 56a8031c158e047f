/* SPDX-License-Identifier: EUPL-1.2 */
/* query.h — the questions people ask of the portfolio, and the rows
 * that answer them, as plain C structs.  The storage layer answers
 * them (db/store.h); the CLI and the TUI only read them. */
#ifndef SALKKU_QUERY_H
#define SALKKU_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

enum project_sort {
	SORT_CODE, SORT_NAME, SORT_STATUS, SORT_ADMINISTRATOR, SORT_FUNDER,
	SORT_START, SORT_END, SORT_BUDGET,
	SORT_COUNT
};

/* The config/CLI names of the sort keys ("code", "name", ...), indexed
 * by enum project_sort. */
extern const char *const project_sort_names[SORT_COUNT];

/* Filters of a project list.  Every member is optional (NULL / 0 / false
 * means "no filter"); the filters combine with AND.  Strings are
 * borrowed for the duration of the call. */
struct project_query {
	const char *statuses[16];   /* status keys, any of which; NULL-ended */
	const char *funder;         /* organisation uuid in a funding line or funder role */
	const char *partner;        /* organisation uuid in any role */
	const char *theme;          /* one theme, case-insensitive, whole item */
	int year;                   /* active at some time in this year */
	const char *from, *to;      /* or in this period (ISO dates; either may
				     * be NULL: open); see store_query.c */
	const char *text;           /* full-text words, as a person typed them */
	enum project_sort sort;
	bool descending;
	/* With text: a project whose code or name is the text comes first,
	 * then the best matches (code and name count over descriptions,
	 * notes and organisations); sort and descending break ties. */
	bool by_relevance;
	int64_t limit;              /* 0: no limit */
	int64_t offset;
	/* A window by keyset: the rows after (before) the project with id
	 * `after` (`before`) in the list's order, read from there along
	 * the sort key's index.  Only sorts by code or name without ranking
	 * read so; any other list still reads by offset, which the caller
	 * therefore sets too.  from_end: `limit` rows ending `offset` rows
	 * before the last, read backwards (G costs a page, not the list);
	 * with after or before, the offset is so counted for a list that
	 * reads by offset. */
	int64_t after, before;
	bool from_end;
	/* Left out of the rows (NULL there) for a screen that does not show
	 * them: each is looked up for every row read, in its own index and
	 * an organisation's row (at 100,000 projects, pages not cached). */
	bool no_administrator, no_funder;
	/* Read ahead of need: given up, as a search is, when the model's
	 * cancel hook says so (model_set_cancel). */
	bool yielding;
};

/* One line of the project table.  start/end are the actual dates when
 * set, else the planned ones ("" when neither).  Strings are owned. */
struct project_row {
	int64_t id;
	char uuid[UUID_LEN + 1];
	int64_t version;
	char *code, *name, *status;
	char *administrator;   /* short name (else name) of the administrator, or NULL */
	char *funder;          /* short name of the main funder (largest grant), or NULL */
	char *start, *end;     /* ISO dates or NULL */
	bool has_budget;
	int64_t budget;        /* cents */
};

struct project_rows {
	struct project_row *items;
	size_t count, capacity;
};

/* Frees the texts a row owns (not the row itself). */
void project_row_free(struct project_row *r);
void project_rows_clear(struct project_rows *rows);

/* One entry of the change history: one field of one record. */
struct change_entry {
	int64_t id;
	char uuid[UUID_LEN + 1];  /* identity of the entry across databases */
	char at[32];           /* ISO 8601 UTC */
	char who[64];
	char action[8];        /* "insert", "update", "delete" */
	const struct entity_def *def;  /* NULL when entity names no kind we know */
	char entity[32];       /* the stored entity name, whatever it is */
	char record_uuid[UUID_LEN + 1];
	char *project_uuid;    /* the project the record belongs to, or NULL */
	char *project_code;    /* that project's code now, or NULL */
	char *record_title;    /* what the record is called, at the time */
	char *field;           /* field name; NULL for insert/delete */
	char *old_value, *new_value;  /* storage form; NULL when null */
	char *source;          /* the file an import took it from, or NULL */
};

struct change_list {
	struct change_entry *items;
	size_t count, capacity;
};

void change_list_clear(struct change_list *list);

/* A window of one project's change history (that of the project and its
 * records), newest first: `limit` entries from `offset` (counted back
 * from the oldest when `from_end`), or those after (older than) the
 * entry of id `after`, or before (newer than) that of id `before`. */
struct change_query {
	const char *project;        /* uuid */
	int64_t limit;              /* 0: no limit */
	int64_t offset;
	bool from_end;
	int64_t after, before;      /* change ids, or 0 */
};

/* A deadline with its project, for the cross-project deadline view. */
struct deadline_row {
	int64_t id;                /* the row's id: a place in a window's order */
	char uuid[UUID_LEN + 1];
	char *project_code;
	char *project_uuid;
	char *kind, *title, *due;  /* due: ISO date */
	bool done;
	char *done_date;           /* ISO, or NULL */
	char *cancelled_date;      /* ISO, or NULL: not cancelled */
	char *cancel_reason;
	char *repeat;              /* the series' rule (an RRULE), or NULL */
};

struct deadline_rows {
	struct deadline_row *items;
	size_t count, capacity;
};

void deadline_rows_clear(struct deadline_rows *rows);

/* The open deadlines (neither done nor cancelled) due by `until`, in
 * the order of due date and project code; a window of them for the
 * deadline screen.  `text`, when set, keeps those whose title or
 * project code contains it (case folded) or whose kind is one of
 * `kinds` (kind keys, comma-separated: those whose label, in the
 * language shown, contains the text). */
struct deadline_query {
	const char *today;          /* ISO date: due before it is overdue */
	const char *until;          /* ISO date */
	const char *text;
	const char *kinds;
	int64_t limit;              /* 0: no limit */
	int64_t offset;             /* rows skipped (from the end: from_end) */
	bool from_end;              /* the window is counted back from the last */
	int64_t after;              /* or: the rows after deadline id `after` */
	int64_t before;             /* or: the rows before deadline id `before` */
};

/* A window of the organisations, in name order, for the organisations
 * screen.  `text`, when set, keeps those whose name, short name or
 * region holds it (case folded) or whose kind is one of `kinds` (kind
 * keys, comma-separated: those whose label, in the language shown,
 * holds the text).  The window is `limit` rows from `offset`, or those
 * after (or before) the organisation `after` (`before`), or the last
 * ones (`from_end`); it always comes in name order. */
struct org_query {
	const char *text;
	const char *kinds;
	int64_t limit;              /* 0: no limit */
	int64_t offset;
	const char *after;          /* uuid, or NULL */
	const char *before;         /* uuid, or NULL */
	bool from_end;
};

/* A project an organisation takes part in, with its role; for the
 * organisation's detail screen and `org show`. */
struct org_project_row {
	char *project_uuid, *code, *name, *status;
	char *role;           /* role key ("funder" for the funding lines) */
	bool has_amount;
	bool amount_overflow; /* the granted sums do not add up in an int64_t */
	bool from_lines;      /* a funder's row made of its funding lines */
	int64_t amount;       /* budget share; for funding lines the granted
			       * sums of all their years together */
	char *years;          /* the funding lines' years, "2019, 2024"; or NULL */
	int64_t seq;          /* the role's id; 0 for a row of funding lines */
};

struct org_project_rows {
	struct org_project_row *items;
	size_t count, capacity;
};

void org_project_rows_clear(struct org_project_rows *rows);

/* The rows of one role among an organisation's projects (a group of
 * the organisation's screen), in the order of store_org_projects: by
 * project code.  The window is `limit` rows from `offset` (counted back
 * from the last when `from_end`), or those after (before) the row
 * `after` (`before`), a row of the same group. */
struct org_project_query {
	const char *org;            /* uuid */
	const char *role;           /* role key */
	int64_t limit;              /* 0: no limit */
	int64_t offset;
	bool from_end;
	const struct org_project_row *after, *before;
	bool walk;                  /* read along the projects' code index
				     * (a role with a large share of all
				     * projects) instead of sorting the
				     * role's rows (org_project_group) */
};

/* A role an organisation plays, with how many rows it has there. */
struct org_project_group {
	char role[40];
	int64_t count;
	bool walk;                  /* for org_project_query */
};

struct org_project_groups {
	struct org_project_group *items;
	size_t count;
	/* The funder rows' sums added up: funds_overflow when they do not
	 * fit an int64_t, has_funds when any row has a sum. */
	bool has_funds, funds_overflow;
	int64_t funds;
	/* Counted up to a bound (store_org_project_groups' cap): the
	 * funder group holds at least its count, and funds is not known
	 * (has_funds is). */
	bool partial;
};

void org_project_groups_clear(struct org_project_groups *g);

/* Another session that has the portfolio open (the TUI's presence). */
struct presence {
	char user[64];
	char project_uuid[40];  /* "" when on no project */
	char since[32];         /* when it opened that project, ISO UTC */
};

#endif
