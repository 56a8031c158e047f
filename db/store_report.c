/* SPDX-License-Identifier: EUPL-1.2 */
/* store_report.c — the change history, the deadlines across projects,
 * the projects of one organisation and what the report reads. */
#include "config.h"

#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/format.h"
#include "src/base/i18n.h"

/* The project's code now, else (the project is gone) the code it had
 * when last logged. */
#define CHANGES_SELECT \
	"SELECT c.id, c.uuid, c.at, c.who, c.action, c.entity, " \
	"c.record_uuid, c.project_uuid, coalesce(p.code, (SELECT l.record_title " \
	"FROM change_log l WHERE l.project_uuid = c.project_uuid " \
	"AND l.record_uuid = c.project_uuid AND l.entity = 'project' " \
	"ORDER BY l.at DESC, l.id DESC LIMIT 1)), " \
	"c.record_title, c.field, c.old_value, c.new_value, c.source " \
	"FROM change_log c LEFT JOIN project p ON p.uuid = c.project_uuid "

#define CHANGES_ORDER " ORDER BY c.at DESC, c.id DESC LIMIT ?3"

static int
grow(void **items, size_t *capacity, size_t count, size_t size)
{
	void *p;
	size_t cap;

	if (count < *capacity)
		return 0;
	cap = *capacity ? *capacity * 2 : 32;
	if (!(p = realloc(*items, cap * size)))
		return -1;
	*items = p;
	*capacity = cap;
	return 0;
}

static int
push_change(struct change_list *out, sqlite3_stmt *st)
{
	struct change_entry *c;
	bool oom = false;

	if (grow((void **)&out->items, &out->capacity, out->count, sizeof *c) < 0)
		return -1;
	c = &out->items[out->count++];
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	db_column_copy(st, 1, c->uuid, sizeof c->uuid);
	db_column_copy(st, 2, c->at, sizeof c->at);
	db_column_copy(st, 3, c->who, sizeof c->who);
	db_column_copy(st, 4, c->action, sizeof c->action);
	db_column_copy(st, 5, c->entity, sizeof c->entity);
	/* A row of a newer salkku, or damage: shown by its name. */
	c->def = entity_by_name(c->entity);
	db_column_copy(st, 6, c->record_uuid, sizeof c->record_uuid);
	c->project_uuid = db_column_strdup(st, 7, &oom);
	c->project_code = db_column_strdup(st, 8, &oom);
	c->record_title = db_column_strdup(st, 9, &oom);
	c->field = db_column_strdup(st, 10, &oom);
	c->old_value = db_column_strdup(st, 11, &oom);
	c->new_value = db_column_strdup(st, 12, &oom);
	c->source = db_column_strdup(st, 13, &oom);
	return oom ? -1 : 0;
}

int
store_changes(struct db *db, const char *project_uuid, const char *record_uuid,
	      int64_t limit, struct change_list *out, struct error *err)
{
	const char *sql;
	sqlite3_stmt *st;
	int rc = ERR_DATABASE, src;

	if (!db || !out || limit < 0)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	/* One statement per question, so that each can use its index. */
	if (record_uuid)
		sql = CHANGES_SELECT "WHERE c.project_uuid IS ?1 AND "
		      "c.record_uuid = ?2" CHANGES_ORDER;
	else if (project_uuid)
		sql = CHANGES_SELECT "WHERE c.project_uuid = ?1" CHANGES_ORDER;
	else
		sql = CHANGES_SELECT CHANGES_ORDER;
	if (!(st = db_prepare(db, sql, err)))
		return rc;
	if (sqlite3_bind_parameter_count(st) >= 1)
		db_bind_text(st, 1, project_uuid);
	if (record_uuid)
		db_bind_text(st, 2, record_uuid);
	sqlite3_bind_int64(st, 3, limit ? limit : -1);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (push_change(out, st) < 0) {
			rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
			goto out;
		}
	}
	if (src != SQLITE_DONE) {
		db_fail(db, err, _("cannot read the change history"));
		goto out;
	}
	rc = ERR_OK;
out:
	db_done(st);
	return rc;
}

static int
read_changes(struct db *db, sqlite3_stmt *st, struct change_list *out,
	     struct error *err)
{
	int src;

	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		if (push_change(out, st) < 0)
			return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	if (src != SQLITE_DONE)
		return db_fail(db, err, _("cannot read the change history"));
	return ERR_OK;
}

static void
reverse_changes(struct change_list *list, size_t from)
{
	for (size_t i = from, j = list->count; i + 1 < j; i++, j--) {
		struct change_entry t = list->items[i];

		list->items[i] = list->items[j - 1];
		list->items[j - 1] = t;
	}
}

int
store_change_window(struct db *db, const struct change_query *q,
		    struct change_list *out, struct error *err)
{
	/* Newest first; read backward (oldest first, then turned) from
	 * the end or before an entry.  After or before an entry, the index
	 * (project_uuid, at, id) is entered at its time. */
	static const char *const sql[3][2] = {
		{ CHANGES_SELECT "WHERE c.project_uuid = :project "
		  "ORDER BY c.at DESC, c.id DESC LIMIT :limit OFFSET :offset",
		  CHANGES_SELECT "WHERE c.project_uuid = :project "
		  "ORDER BY c.at, c.id LIMIT :limit OFFSET :offset" },
		{ CHANGES_SELECT "WHERE c.project_uuid = :project "
		  "AND c.at <= (SELECT at FROM change_log WHERE id = :key) "
		  "AND (c.at, c.id) < (SELECT at, id FROM change_log "
		  "WHERE id = :key) ORDER BY c.at DESC, c.id DESC LIMIT :limit",
		  NULL },
		{ NULL,
		  CHANGES_SELECT "WHERE c.project_uuid = :project "
		  "AND c.at >= (SELECT at FROM change_log WHERE id = :key) "
		  "AND (c.at, c.id) > (SELECT at, id FROM change_log "
		  "WHERE id = :key) ORDER BY c.at, c.id LIMIT :limit" },
	};
	bool backward = q && !q->after && (q->before || q->from_end);
	size_t from = out ? out->count : 0;
	sqlite3_stmt *st;
	int rc, i;

	if (!db || !q || !q->project || !out || q->limit < 0 || q->offset < 0)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = db_prepare(db, sql[q->after ? 1 : q->before ? 2 : 0][backward],
			      err)))
		return ERR_DATABASE;
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":project"), q->project);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":limit"),
			   q->limit > 0 ? q->limit : -1);
	if ((i = sqlite3_bind_parameter_index(st, ":offset")))
		sqlite3_bind_int64(st, i, q->offset);
	if ((i = sqlite3_bind_parameter_index(st, ":key")))
		sqlite3_bind_int64(st, i, q->after ? q->after : q->before);
	rc = read_changes(db, st, out, err);
	db_done(st);
	if (rc == ERR_OK && backward)
		reverse_changes(out, from);
	return rc;
}

int
store_change_count(struct db *db, const char *project_uuid, int64_t *count,
		   struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_OK;

	if (!db || !project_uuid || !count)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = db_prepare(db, "SELECT count(*) FROM change_log "
			      "WHERE project_uuid = ?1", err)))
		return ERR_DATABASE;
	db_bind_text(st, 1, project_uuid);
	if (sqlite3_step(st) == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(db, err, _("cannot read the change history"));
	db_done(st);
	return rc;
}

int
store_change_get(struct db *db, int64_t id, struct change_list *out,
		 struct error *err)
{
	sqlite3_stmt *st;
	size_t had = out ? out->count : 0;
	int rc;

	if (!db || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = db_prepare(db, CHANGES_SELECT "WHERE c.id = ?1", err)))
		return ERR_DATABASE;
	sqlite3_bind_int64(st, 1, id);
	rc = read_changes(db, st, out, err);
	db_done(st);
	if (rc == ERR_OK && out->count == had)
		rc = error_set(err, ERR_NOT_FOUND, NULL,
			       _("no change %lld in the history"), (long long)id);
	return rc;
}

void
store_new_uuid(char out[UUID_LEN + 1])
{
	db_uuid_new(out);
}

#define DEADLINE_COLUMNS \
	"d.uuid, p.code, d.project, d.kind, d.title, d.due, " \
	"coalesce(d.done, 0), d.done_date, d.cancelled_date, " \
	"d.cancel_reason, d.repeat, d.id"

/* Steps st, whose rows are DEADLINE_COLUMNS, appending each to out. */
static int
read_deadlines(struct db *db, sqlite3_stmt *st, struct deadline_rows *out,
	       struct error *err)
{
	int src;

	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct deadline_row *d;
		bool oom = false;

		if (grow((void **)&out->items, &out->capacity, out->count,
			 sizeof *d) < 0)
			return error_set(err, ERR_FAILED, NULL,
					 _("out of memory"));
		d = &out->items[out->count++];
		memset(d, 0, sizeof *d);
		db_column_copy(st, 0, d->uuid, sizeof d->uuid);
		d->project_code = db_column_strdup(st, 1, &oom);
		d->project_uuid = db_column_strdup(st, 2, &oom);
		d->kind = db_column_strdup(st, 3, &oom);
		d->title = db_column_strdup(st, 4, &oom);
		d->due = db_column_strdup(st, 5, &oom);
		d->done = sqlite3_column_int(st, 6) != 0;
		d->done_date = db_column_strdup(st, 7, &oom);
		d->cancelled_date = db_column_strdup(st, 8, &oom);
		d->cancel_reason = db_column_strdup(st, 9, &oom);
		d->repeat = db_column_strdup(st, 10, &oom);
		d->id = sqlite3_column_int64(st, 11);
		if (oom)
			return error_set(err, ERR_FAILED, NULL,
					 _("out of memory"));
	}
	if (src != SQLITE_DONE)
		return db_fail(db, err, _("cannot read the deadlines"));
	return ERR_OK;
}

int
store_deadlines(struct db *db, const char *until, bool include_done,
		struct deadline_rows *out, struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!db || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = db_prepare(db,
		"SELECT " DEADLINE_COLUMNS " FROM deadline d "
		"JOIN project p ON p.uuid = d.project "
		"WHERE d.due <= ?1 AND (?2 OR (coalesce(d.done, 0) = 0 "
		"AND d.cancelled_date IS NULL)) "
		"ORDER BY d.due, p.code_sort, d.id", err)))
		return ERR_DATABASE;
	/* No limit is a date after every ISO date. */
	db_bind_text(st, 1, until ? until : "9999-99-99");
	sqlite3_bind_int(st, 2, include_done);
	rc = read_deadlines(db, st, out, err);
	db_done(st);
	return rc;
}

/* The open deadlines of a window: the terms of the partial index
 * deadline_open, word for word, so that SQLite reads it. */
#define DEADLINE_OPEN_TERMS \
	" coalesce(d.done, 0) = 0 AND d.cancelled_date IS NULL"
#define DEADLINE_OPEN_SQL DEADLINE_OPEN_TERMS " AND d.due <= :until"
#define DEADLINE_TEXT_SQL \
	" AND (instr(salkku_fold_key(d.title), salkku_fold_key(:text)) " \
	"OR instr(p.code_key, salkku_fold_key(:text)) " \
	"OR instr(',' || :kinds || ',', ',' || d.kind || ','))"

static void
bind_deadline_query(sqlite3_stmt *st, const struct deadline_query *q)
{
	int i;

	if ((i = sqlite3_bind_parameter_index(st, ":until")))
		db_bind_text(st, i, q->until ? q->until : "9999-99-99");
	if ((i = sqlite3_bind_parameter_index(st, ":today")))
		db_bind_text(st, i, q->today ? q->today : "");
	if ((i = sqlite3_bind_parameter_index(st, ":text")))
		db_bind_text(st, i, q->text);
	if ((i = sqlite3_bind_parameter_index(st, ":kinds")))
		db_bind_text(st, i, q->kinds ? q->kinds : "");
	if ((i = sqlite3_bind_parameter_index(st, ":limit")))
		sqlite3_bind_int64(st, i, q->limit > 0 ? q->limit : -1);
	if ((i = sqlite3_bind_parameter_index(st, ":offset")))
		sqlite3_bind_int64(st, i, q->offset);
}

static bool
searching(const struct deadline_query *q)
{
	return q->text && *q->text;
}

/* The page's statement.  Read backward (from the end, or before a
 * row), the rows come last first.  After or before a row, the index
 * is entered at that row's due date: the window costs its own rows
 * wherever it is, where an offset costs every row before it. */
static sqlite3_stmt *
page_stmt(struct db *db, const struct deadline_query *q, bool backward,
	  struct error *err)
{
	static const char *const keyset[] = {
		" AND d.due >= (SELECT due FROM deadline WHERE id = :after) "
		"AND (d.due, p.code_sort, d.id) > (SELECT x.due, y.code_sort, "
		"x.id FROM deadline x JOIN project y ON y.uuid = x.project "
		"WHERE x.id = :after)",
		" AND d.due <= (SELECT due FROM deadline WHERE id = :before) "
		"AND (d.due, p.code_sort, d.id) < (SELECT x.due, y.code_sort, "
		"x.id FROM deadline x JOIN project y ON y.uuid = x.project "
		"WHERE x.id = :before)",
	};
	sqlite3_stmt *st;
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);

	if (!f) {
		error_set(err, ERR_FAILED, NULL, _("out of memory"));
		return NULL;
	}
	fputs("SELECT " DEADLINE_COLUMNS " FROM deadline d JOIN project p "
	      "ON p.uuid = d.project WHERE" DEADLINE_OPEN_SQL, f);
	if (searching(q))
		fputs(DEADLINE_TEXT_SQL, f);
	if (q->after)
		fputs(keyset[0], f);
	else if (q->before)
		fputs(keyset[1], f);
	fputs(backward ? " ORDER BY d.due DESC, p.code_sort DESC, d.id DESC"
		       : " ORDER BY d.due, p.code_sort, d.id", f);
	fputs(" LIMIT :limit OFFSET :offset", f);
	if (fclose(f) != 0) {
		free(sql);
		error_set(err, ERR_FAILED, NULL, _("out of memory"));
		return NULL;
	}
	st = db_prepare(db, sql, err);
	free(sql);
	return st;
}

static void
reverse_rows(struct deadline_rows *rows, size_t from)
{
	for (size_t i = from, j = rows->count; i + 1 < j; i++, j--) {
		struct deadline_row t = rows->items[i];

		rows->items[i] = rows->items[j - 1];
		rows->items[j - 1] = t;
	}
}

int
store_deadline_page(struct db *db, const struct deadline_query *q,
		    struct deadline_rows *out, struct error *err)
{
	bool backward = q && !q->after && (q->before || q->from_end);
	size_t from = out ? out->count : 0;
	sqlite3_stmt *st;
	int rc, i;

	if (!db || !q || !out || q->limit < 0 || q->offset < 0)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	/* Only the window's rows are joined to their projects and sorted
	 * by code, a day's deadlines at a time. */
	if (!(st = page_stmt(db, q, backward, err)))
		return err ? err->code : ERR_DATABASE;
	bind_deadline_query(st, q);
	if ((i = sqlite3_bind_parameter_index(st, ":after")))
		sqlite3_bind_int64(st, i, q->after);
	if ((i = sqlite3_bind_parameter_index(st, ":before")))
		sqlite3_bind_int64(st, i, q->before);
	rc = read_deadlines(db, st, out, err);
	db_done(st);
	if (rc == ERR_OK && backward)
		reverse_rows(out, from);
	return rc;
}

int
store_deadline_count(struct db *db, const struct deadline_query *q,
		     int64_t *overdue, int64_t *coming, int64_t *matching,
		     struct error *err)
{
	sqlite3_stmt *st;
	bool overdue_only;

	if (!db || !q || !overdue || !coming || !matching)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	/* Counted in the index alone, no row of the table read, and as two
	 * ranges: a plain count(*) of each costs a third of one count
	 * with a sum beside it.  The overdue, the longest range, has one
	 * bound: given two upper ones (until and today) SQLite reads to
	 * the one and tests the other on every entry, which doubles the
	 * count.  Until a day before today, everything is overdue. */
	overdue_only = q->until && q->today && strcmp(q->until, q->today) < 0;
	if (!(st = db_prepare(db, overdue_only ?
			      "SELECT (SELECT count(*) FROM deadline d WHERE"
			      DEADLINE_OPEN_SQL "), 0" :
			      "SELECT (SELECT count(*) FROM deadline d WHERE"
			      DEADLINE_OPEN_TERMS " AND d.due < :today), "
			      "(SELECT count(*) FROM deadline d WHERE"
			      DEADLINE_OPEN_SQL " AND d.due >= :today)", err)))
		return ERR_DATABASE;
	bind_deadline_query(st, q);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_done(st);
		return db_fail(db, err, _("cannot read the deadlines"));
	}
	*overdue = sqlite3_column_int64(st, 0);
	*coming = sqlite3_column_int64(st, 1);
	db_done(st);
	*matching = *overdue + *coming;
	if (!searching(q))
		return ERR_OK;
	if (!(st = db_prepare(db, "SELECT count(*) FROM deadline d "
			      "JOIN project p ON p.uuid = d.project WHERE"
			      DEADLINE_OPEN_SQL DEADLINE_TEXT_SQL, err)))
		return ERR_DATABASE;
	bind_deadline_query(st, q);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_done(st);
		return db_fail(db, err, _("cannot read the deadlines"));
	}
	*matching = sqlite3_column_int64(st, 0);
	db_done(st);
	return ERR_OK;
}

int
store_deadline_count_upto(struct db *db, const struct deadline_query *q,
			  int64_t cap, int64_t *overdue, int64_t *coming,
			  int64_t *matching, bool *more, struct error *err)
{
	sqlite3_stmt *st;
	int64_t n;
	int i;

	if (!db || !q || !overdue || !coming || !matching || !more || cap < 1)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	*more = false;
	/* A search's counts are of all deadlines and of its matches. */
	if (searching(q))
		return store_deadline_count(db, q, overdue, coming, matching, err);
	/* The first cap + 1 entries of the index in due order, the
	 * overdue first. */
	if (!(st = db_prepare(db, "SELECT count(*), coalesce(sum(due < :today), 0) "
			      "FROM (SELECT d.due FROM deadline d WHERE"
			      DEADLINE_OPEN_SQL " ORDER BY d.due LIMIT :cap)", err)))
		return ERR_DATABASE;
	bind_deadline_query(st, q);
	if ((i = sqlite3_bind_parameter_index(st, ":cap")))
		sqlite3_bind_int64(st, i, cap + 1);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_done(st);
		return db_fail(db, err, _("cannot read the deadlines"));
	}
	n = sqlite3_column_int64(st, 0);
	*overdue = sqlite3_column_int64(st, 1);
	db_done(st);
	if (n > cap) {
		*more = true;
		*matching = cap;
		*overdue = *coming = 0;
		return ERR_OK;
	}
	*coming = n - *overdue;
	*matching = n;
	return ERR_OK;
}

/* The SQL of store_org_projects: roles in the order of role_kinds, and
 * each funding line of the organisation's as the role "funder" (its
 * granted sum and year, kind 1), which stands for a funder role of the
 * same project (kind 0, its budget share) when there is one. */
static char *
org_projects_sql(void)
{
	char *sql = NULL;
	size_t len = 0, funder = 0;
	FILE *f = open_memstream(&sql, &len);

	if (!f)
		return NULL;
	fputs("SELECT project_uuid, code, name, status, role, amount, year, line "
	      "FROM (SELECT p.uuid AS project_uuid, p.code AS code, p.name AS name, "
	      "p.code_sort AS code_sort, "
	      "p.status AS status, r.role AS role, r.budget_share AS amount, "
	      "NULL AS year, 0 AS line, "
	      "CASE r.role", f);
	for (size_t i = 0; role_kinds[i].key; i++) {
		fprintf(f, " WHEN '%s' THEN %zu", role_kinds[i].key, i);
		if (!strcmp(role_kinds[i].key, "funder"))
			funder = i;
	}
	fprintf(f, " END AS rank, r.id AS seq FROM project_role r "
		"JOIN project p ON p.uuid = r.project WHERE r.organisation = ?1 "
		"AND NOT (r.role = 'funder' AND EXISTS (SELECT 1 FROM funding f "
		"WHERE f.project = p.uuid AND f.funder = ?1)) "
		"UNION ALL SELECT p.uuid, p.code, p.name, p.code_sort, p.status, "
		"'funder', f.granted, f.year, 1, %zu, f.id FROM funding f "
		"JOIN project p ON p.uuid = f.project WHERE f.funder = ?1) "
		"ORDER BY rank, code_sort, year, seq", funder);
	if (fclose(f) != 0) {
		free(sql);
		return NULL;
	}
	return sql;
}

/* Adds year to the years of row r ("2019, 2024"), once. */
static bool
add_year(struct org_project_row *r, int64_t year)
{
	char y[24], *joined;

	snprintf(y, sizeof y, "%lld", (long long)year);
	if (!r->years)
		return (r->years = strdup(y)) != NULL;
	if (strstr(r->years, y))
		return true;
	if (asprintf(&joined, "%s, %s", r->years, y) < 0)
		return false;
	free(r->years);
	r->years = joined;
	return true;
}

/* A funding line of the project of the last row: its granted sum is
 * added to the row's (an unknown total when it does not fit). */
static bool
merge_line(struct org_project_row *r, sqlite3_stmt *st)
{
	if (sqlite3_column_type(st, 5) != SQLITE_NULL && !r->amount_overflow) {
		if (!money_add(&r->amount, sqlite3_column_int64(st, 5))) {
			r->amount_overflow = true;
			r->has_amount = false;
		} else {
			r->has_amount = true;
		}
	}
	return sqlite3_column_type(st, 6) == SQLITE_NULL ||
	       add_year(r, sqlite3_column_int64(st, 6));
}

int
store_org_projects(struct db *db, const char *org_uuid,
		   struct org_project_rows *out, struct error *err)
{
	sqlite3_stmt *st;
	char *sql;
	int rc = ERR_DATABASE, src;

	if (!db || !org_uuid || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(sql = org_projects_sql()))
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	st = db_prepare(db, sql, err);
	free(sql);
	if (!st)
		return rc;
	db_bind_text(st, 1, org_uuid);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *uuid = (const char *)sqlite3_column_text(st, 0);
		bool line = sqlite3_column_int(st, 7) == 1, oom = false;
		struct org_project_row *r = out->count ? &out->items[out->count - 1] : NULL;

		/* One row a project: its funding lines add up. */
		if (line && r && r->from_lines && uuid && !strcmp(r->project_uuid, uuid)) {
			if (!merge_line(r, st)) {
				rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
				goto out;
			}
			continue;
		}
		if (grow((void **)&out->items, &out->capacity, out->count,
			 sizeof *r) < 0) {
			rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
			goto out;
		}
		r = &out->items[out->count++];
		memset(r, 0, sizeof *r);
		r->project_uuid = db_column_strdup(st, 0, &oom);
		r->code = db_column_strdup(st, 1, &oom);
		r->name = db_column_strdup(st, 2, &oom);
		r->status = db_column_strdup(st, 3, &oom);
		r->role = db_column_strdup(st, 4, &oom);
		r->from_lines = line;
		if (line)
			oom |= !merge_line(r, st);
		else if ((r->has_amount = sqlite3_column_type(st, 5) != SQLITE_NULL))
			r->amount = sqlite3_column_int64(st, 5);
		if (oom) {
			rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
			goto out;
		}
	}
	if (src != SQLITE_DONE) {
		db_fail(db, err, _("cannot read the organisation's projects"));
		goto out;
	}
	rc = ERR_OK;
out:
	db_done(st);
	return rc;
}

/* ---- the report's records, a project at a time --------------------- */

struct store_cursor {
	struct db *db;
	const struct entity_def *def;
	sqlite3_stmt *st;
	bool stepped, done;   /* a row is waiting; no row is left */
	int64_t project;      /* the waiting row's project (its id) */
};

/* The columns db_row_record() reads, those not in fields as NULL, and
 * of the record's own only its id and a project's uuid (its lists are
 * read by it): the uuids, versions and stamps of a million records
 * were a tenth of the report's reading. */
static void
put_fields(FILE *f, const struct entity_def *def, uint64_t fields,
	   const char *t)
{
	if (def->project_field < 0)
		fprintf(f, "SELECT %s.id, %s.uuid, NULL, NULL, NULL", t, t);
	else
		fprintf(f, "SELECT %s.id, NULL, NULL, NULL, NULL", t);
	for (size_t i = 0; i < def->nfields; i++)
		if (fields & (UINT64_C(1) << i))
			fprintf(f, ", %s.\"%s\"", t, def->fields[i].name);
		else
			fputs(", NULL", f);
}

/* The order of a project's records (as store_children: undated after
 * dated, then in creation order), after earlier terms when after; a
 * status history's, the order made, only when by_id (the cursor leaves
 * it to the reader: sorting each project's few changes cost SQLite a
 * sorter each). */
static void
put_order(FILE *f, const struct entity_def *def, bool by_id, bool after)
{
	const char *sep = after ? ", " : "";
	int date = -1;

	for (size_t i = 0; def->kind != ENT_STATUS_CHANGE && i < def->nfields &&
			   date < 0; i++)
		if (def->fields[i].type == FT_DATE)
			date = (int)i;
	if (date >= 0) {
		fprintf(f, "%sc.\"%s\" IS NULL, c.\"%s\"", sep,
			def->fields[date].name, def->fields[date].name);
		sep = ", ";
	}
	if (by_id || def->kind != ENT_STATUS_CHANGE)
		fprintf(f, "%sc.id", sep);
}

/* The projects funder (?1, when not NULL) keeps, as the project list's
 * filter does (store_query.c). */
#define REPORT_FUNDER_SQL \
	" WHERE ?1 IS NULL OR p.uuid IN " \
	"(SELECT f.project FROM funding f WHERE f.funder = ?1 " \
	"UNION ALL SELECT r.project FROM project_role r " \
	"WHERE r.organisation = ?1 AND r.role = 'funder')"

int
store_report_projects(struct db *db, const char *funder, int64_t *count,
		      struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	*count = 0;
	if ((rc = db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS report_project "
			  "(ord INTEGER PRIMARY KEY, id INTEGER NOT NULL, "
			  "uuid TEXT NOT NULL);"
			  "DELETE FROM temp.report_project;", err)))
		return rc;
	if (!(st = db_prepare(db, "INSERT INTO temp.report_project (id, uuid) "
			      "SELECT p.id, p.uuid FROM project p"
			      REPORT_FUNDER_SQL " ORDER BY p.code_sort, p.id", err)))
		return ERR_DATABASE;
	if (funder)
		db_bind_text(st, 1, funder);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot read the database"));
	else
		*count = sqlite3_changes64(db->sql);
	db_done(st);
	return rc;
}

/* SELECT the columns db_row_record() reads (those not in fields as
 * NULL) and the project's id, of the projects of report_project in
 * their order, each project's records in store_children's order (a
 * status history in any).
 *
 * Each project's records are looked up through the table's index of
 * projects, which at 100,000 projects reads a page of the index and one
 * of the table from the file for nearly every project: 1.3 million
 * reads of a page, about half of a report's 7 to 8 seconds.  Walking
 * each table in the order of its rows and sorting what it holds into
 * the projects' order reads each page once, and made the report screen
 * a quarter faster (6.6 to 4.9 s), but SQLite's sorters, several open
 * at once, each hold what the page cache may hold, or a buffer for
 * each of the parts they sorted: the peak memory of a session grew by
 * 1.3 MB, so the lookups stay (tests/bench/tui-run, 100,000 projects). */
static char *
cursor_sql(const struct entity_def *def, uint64_t fields)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);

	if (!f)
		return NULL;
	put_fields(f, def, fields, "c");
	/* CROSS: the projects in order outside, whatever the planner
	 * guesses (it would sort a whole table of lines). */
	if (def->project_field >= 0) {
		fprintf(f, ", t.id FROM temp.report_project t CROSS JOIN \"%s\" c "
			"ON c.\"%s\" = t.uuid ORDER BY t.ord", def->table,
			def->fields[def->project_field].name);
		put_order(f, def, false, true);
	} else {
		fprintf(f, ", t.id FROM temp.report_project t CROSS JOIN \"%s\" c "
			"ON c.id = t.id ORDER BY t.ord", def->table);
	}
	if (fclose(f)) {
		free(sql);
		return NULL;
	}
	return sql;
}

/* A cursor of def over the statement sql (freed here; NULL: out of
 * memory). */
static int
cursor_new(struct db *db, const struct entity_def *def, char *sql,
	   struct store_cursor **out, struct error *err)
{
	struct store_cursor *c;

	if (!sql || !(c = calloc(1, sizeof *c))) {
		free(sql);
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	}
	c->db = db;
	c->def = def;
	c->st = db_prepare(db, sql, err);
	free(sql);
	if (!c->st) {
		free(c);
		return ERR_DATABASE;
	}
	*out = c;
	return ERR_OK;
}

int
store_cursor_open(struct db *db, const struct entity_def *def,
		  uint64_t fields, struct store_cursor **out,
		  struct error *err)
{
	*out = NULL;
	if (!db || !def)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	return cursor_new(db, def, cursor_sql(def, fields), out, err);
}

int
store_cursor_next(struct store_cursor *c, int64_t project,
		  struct record **out, struct error *err)
{
	int src;

	*out = NULL;
	if (!c->stepped && !c->done) {
		src = sqlite3_step(c->st);
		if (src == SQLITE_ROW) {
			c->stepped = true;
			c->project = sqlite3_column_int64(c->st,
							  5 + (int)c->def->nfields);
		} else if (src == SQLITE_DONE) {
			c->done = true;
		} else {
			return db_fail(c->db, err, _("cannot read the database"));
		}
	}
	if (!c->stepped || (project >= 0 && c->project != project))
		return ERR_OK;
	c->stepped = false;
	if (!(*out = db_row_record(c->st, c->def)))
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	return ERR_OK;
}

/* SELECT the columns db_row_record() reads of def's records of the
 * project ?1, in store_children's order. */
static char *
each_sql(const struct entity_def *def, uint64_t fields)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);

	if (!f)
		return NULL;
	put_fields(f, def, fields, "c");
	fprintf(f, " FROM \"%s\" c WHERE c.\"%s\" = ?1 ORDER BY ",
		def->table, def->fields[def->project_field].name);
	put_order(f, def, true, false);
	if (fclose(f)) {
		free(sql);
		return NULL;
	}
	return sql;
}

int
store_cursor_open_each(struct db *db, const struct entity_def *def,
		       uint64_t fields, struct store_cursor **out,
		       struct error *err)
{
	*out = NULL;
	if (!db || !def || def->project_field < 0)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	return cursor_new(db, def, each_sql(def, fields), out, err);
}

int
store_cursor_project(struct store_cursor *c, const char *project_uuid,
		     struct record_list *out, struct error *err)
{
	int src, rc = ERR_OK;

	db_bind_text(c->st, 1, project_uuid);
	while (!rc && (src = sqlite3_step(c->st)) == SQLITE_ROW) {
		struct record *rec = db_row_record(c->st, c->def);

		if (!rec || record_list_push(out, rec) < 0)
			rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
	}
	if (!rc && src != SQLITE_DONE)
		rc = db_fail(c->db, err, _("cannot read the database"));
	sqlite3_reset(c->st);
	return rc;
}

void
store_cursor_close(struct store_cursor **c)
{
	if (!*c)
		return;
	db_done((*c)->st);
	free(*c);
	*c = NULL;
}

/* ---- watching the report's statements ----------------------------- */

/* SQLite's virtual machine instructions between two questions: some
 * milliseconds. */
#define WATCH_STEPS 20000

static int
watch_step(void *arg)
{
	struct db *db = arg;

	return db->watch && db->watch(db->watch_arg);
}

void
store_report_watch(struct db *db, bool (*fn)(void *arg), void *arg)
{
	db->watch = fn;
	db->watch_arg = arg;
	if (fn)
		sqlite3_progress_handler(db->sql, WATCH_STEPS, watch_step, db);
	else  /* The connection's own handler, if any, again. */
		db_set_cancel(db, db->cancel, db->cancel_arg);
}

/* ---- the report's long tables, kept out of memory ------------------ */

/* The rows to be sorted, a row each under its keys (report_key, a
 * walk along it gives them in order), and the rest some hundred rows to
 * a chunk (report_chunk, by tab and chunk in one key); both as their
 * writer packs them.  A row of 28 values each cost a fifth of the
 * report's time, and an index of keys a lookup of each row. */

/* The key of a chunk: tab in the high bits. */
#define CHUNK_KEY(tab, chunk) ((int64_t)(tab) << 40 | (chunk))

int
store_report_rows_begin(struct db *db, struct error *err)
{
	int rc;

	if ((rc = db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS report_key "
			  "(tab INTEGER NOT NULL, k1 TEXT NOT NULL, "
			  "k2 TEXT NOT NULL, seq INTEGER NOT NULL, "
			  "data BLOB NOT NULL, PRIMARY KEY (tab, k1, k2, seq)) "
			  "WITHOUT ROWID;"
			  "CREATE TEMP TABLE IF NOT EXISTS report_chunk "
			  "(id INTEGER PRIMARY KEY, data BLOB NOT NULL);"
			  "DELETE FROM temp.report_key;"
			  "DELETE FROM temp.report_chunk;"
			  /* Written once and read a window at a time: a small
			   * cache (the rest in the file, or the system's cache
			   * of it). */
			  "PRAGMA temp.cache_size = -256;", err)))
		return rc;
	/* One transaction for the rows (and one view of the database). */
	return db_exec(db, "SAVEPOINT report_rows", err);
}

int
store_report_rows_end(struct db *db, bool keep, struct error *err)
{
	if (!keep)
		db_exec(db, "ROLLBACK TO report_rows", NULL);
	return db_exec(db, "RELEASE report_rows", keep ? err : NULL);
}

void
store_report_rows_clear(struct db *db)
{
	if (db)
		db_exec(db, "DELETE FROM temp.report_key;"
			"DELETE FROM temp.report_chunk", NULL);
}

int
store_report_key_put(struct db *db, int tab, int64_t seq, const char *key1,
		     const char *key2, const void *data, size_t size,
		     struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_OK;

	if (!key1 || !key2 || size > INT32_MAX)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = db_prepare(db, "INSERT INTO temp.report_key "
			      "VALUES (?1, ?2, ?3, ?4, ?5)", err)))
		return ERR_DATABASE;
	sqlite3_bind_int(st, 1, tab);
	db_bind_text(st, 2, key1);
	db_bind_text(st, 3, key2);
	sqlite3_bind_int64(st, 4, seq);
	sqlite3_bind_blob(st, 5, data, (int)size, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot write the report"));
	db_done(st);
	return rc;
}

int
store_report_keyed(struct db *db, int tab,
		   int (*fn)(void *arg, const void *data, size_t size),
		   void *arg, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT data FROM temp.report_key "
				      "WHERE tab = ?1 ORDER BY k1, k2, seq", err);
	int rc = ERR_OK, src;

	if (!st)
		return ERR_DATABASE;
	sqlite3_bind_int(st, 1, tab);
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn(arg, sqlite3_column_blob(st, 0),
			(size_t)sqlite3_column_bytes(st, 0));
	if (!rc && src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot read the report"));
	db_done(st);
	return rc;
}

int
store_report_chunk_put(struct db *db, int tab, int64_t chunk,
		       const void *data, size_t size, struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_OK;

	if (size > INT32_MAX)
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	if (!(st = db_prepare(db, "INSERT INTO temp.report_chunk VALUES (?1, ?2)",
			      err)))
		return ERR_DATABASE;
	sqlite3_bind_int64(st, 1, CHUNK_KEY(tab, chunk));
	sqlite3_bind_blob(st, 2, data, (int)size, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot write the report"));
	db_done(st);
	return rc;
}

int
store_report_chunk_read(struct db *db, int tab, int64_t chunk,
			int (*fn)(void *arg, const void *data, size_t size),
			void *arg, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT data FROM temp.report_chunk "
				      "WHERE id = ?1", err);
	int rc = ERR_OK, src;

	if (!st)
		return ERR_DATABASE;
	sqlite3_bind_int64(st, 1, CHUNK_KEY(tab, chunk));
	if ((src = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn(arg, sqlite3_column_blob(st, 0),
			(size_t)sqlite3_column_bytes(st, 0));
	else if (src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot read the report"));
	db_done(st);
	return rc;
}

int
store_role_counts(struct db *db,
		  int (*fn)(const char *organisation, int64_t roles, void *arg),
		  void *arg, struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_OK, src;

	if (!(st = db_prepare(db, "SELECT organisation, count(*) FROM project_role "
			      "WHERE organisation IS NOT NULL "
			      "GROUP BY organisation ORDER BY organisation", err)))
		return ERR_DATABASE;
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn((const char *)sqlite3_column_text(st, 0),
			sqlite3_column_int64(st, 1), arg);
	if (!rc && src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot read the database"));
	db_done(st);
	return rc;
}

