/* SPDX-License-Identifier: EUPL-1.2 */
/* store_org.c — an organisation's projects a window at a time, for its
 * screen: the roles it plays with how many rows each, and a window of
 * one role's rows.  A large funder takes part in a quarter of a big
 * portfolio; the screen reads what it shows, never all of them. */
#include "config.h"

#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/format.h"
#include "src/base/i18n.h"

/* A window of a role's rows costs, walked along the code index, the
 * projects it passes; sorted, all the role's rows.  The walk pays when
 * the role holds more than one project in WALK_SHARE. */
#define WALK_SHARE 40

/* The organisation :org has funding lines for project `p` (a uuid). */
#define HAS_LINES(p) \
	"EXISTS (SELECT 1 FROM funding f WHERE f.funder = :org AND " \
	"f.project = " p ")"

static int
oom(struct error *err)
{
	return error_set(err, ERR_FAILED, NULL, _("out of memory"));
}

static size_t
role_rank(const char *role)
{
	size_t i;

	for (i = 0; role_kinds[i].key; i++)
		if (!strcmp(role_kinds[i].key, role))
			break;
	return i;
}

static int
group_cmp(const void *a, const void *b)
{
	const struct org_project_group *x = a, *y = b;
	size_t rx = role_rank(x->role), ry = role_rank(y->role);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->role, y->role);
}

static struct org_project_group *
group_of(struct org_project_groups *out, const char *role, struct error *err)
{
	struct org_project_group *g;

	for (size_t i = 0; i < out->count; i++)
		if (!strcmp(out->items[i].role, role))
			return &out->items[i];
	if (!(g = realloc(out->items, (out->count + 1) * sizeof *g))) {
		oom(err);
		return NULL;
	}
	out->items = g;
	g = &out->items[out->count++];
	memset(g, 0, sizeof *g);
	snprintf(g->role, sizeof g->role, "%s", role);
	return g;
}

static int
bind_org(sqlite3_stmt *st, const char *org)
{
	return db_bind_text(st, sqlite3_bind_parameter_index(st, ":org"), org);
}

/* The funder's lines, in one pass over the index of its lines alone
 * (funder, project, granted): how many projects they are for, and
 * their sums added up; then the budget shares of its funder roles in
 * projects without its lines.  Added up in C, so that an overflow is
 * told apart from a failure.  With cap > 0, the pass stops at the
 * cap + 1st project: out->partial, its sums not added up, only whether
 * any line or share has one. */
static int
read_lines_and_funds(struct db *db, const char *org, int64_t cap,
		     int64_t *projects, struct org_project_groups *out,
		     struct error *err)
{
	static const char *const sql[3] = {
		"SELECT project, granted FROM funding WHERE funder = :org "
		"ORDER BY project",
		"SELECT NULL, r.budget_share FROM project_role r "
		"WHERE r.organisation = :org AND r.role = 'funder' AND NOT "
		HAS_LINES("r.project"),
		"SELECT NULL, 0 WHERE EXISTS (SELECT 1 FROM funding "
		"WHERE funder = :org AND granted IS NOT NULL)",
	};
	char last[UUID_LEN + 1] = "";
	size_t last_len = 0;

	*projects = 0;
	for (int i = 0; i < 3; i++) {
		sqlite3_stmt *st;
		int src;

		if (i == 2 && !out->partial)
			break;
		if (!(st = db_prepare(db, sql[i], err)))
			return ERR_DATABASE;
		bind_org(st, org);
		while ((src = sqlite3_step(st)) == SQLITE_ROW) {
			const char *p = (const char *)sqlite3_column_text(st, 0);
			size_t len = (size_t)sqlite3_column_bytes(st, 0);

			/* By length and bytes: a formatted copy per line was
			 * half of the pass. */
			if (p && (len != last_len || memcmp(p, last, len))) {
				if (cap > 0 && *projects == cap) {
					out->partial = true;
					break;
				}
				(*projects)++;
				last_len = len < sizeof last ? len : sizeof last - 1;
				memcpy(last, p, last_len);
			}
			if (sqlite3_column_type(st, 1) == SQLITE_NULL)
				continue;
			out->has_funds = true;
			if (!out->funds_overflow &&
			    !money_add(&out->funds, sqlite3_column_int64(st, 1)))
				out->funds_overflow = true;
		}
		db_done(st);
		if (src != SQLITE_DONE && src != SQLITE_ROW)
			return db_fail(db, err, _("cannot read the organisation's projects"));
	}
	if (out->partial) {
		out->funds = 0;
		out->funds_overflow = false;
	}
	return ERR_OK;
}

int
store_org_project_groups(struct db *db, const char *org, int64_t cap,
			 struct org_project_groups *out, struct error *err)
{
	sqlite3_stmt *st;
	struct org_project_group *g;
	int64_t lines = 0, projects = 0;
	int src, rc;

	if (!db || !org || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = db_prepare(db, "SELECT r.role, count(*) FROM project_role r "
			      "WHERE r.organisation = :org AND NOT (r.role = 'funder' "
			      "AND " HAS_LINES("r.project") ") GROUP BY r.role", err)))
		return ERR_DATABASE;
	bind_org(st, org);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(st, 0);

		if (!(g = group_of(out, role ? role : "", err))) {
			db_done(st);
			return ERR_FAILED;
		}
		g->count += sqlite3_column_int64(st, 1);
	}
	db_done(st);
	if (src != SQLITE_DONE)
		return db_fail(db, err, _("cannot read the organisation's projects"));
	/* The largest project id: a bound of their number, read from the
	 * end of the table. */
	if ((rc = db_query_int(db, "SELECT coalesce(max(id), 0) FROM project",
			       &projects, err)) ||
	    (rc = read_lines_and_funds(db, org, cap, &lines, out, err)))
		return rc;
	if (lines && !(g = group_of(out, "funder", err)))
		return ERR_FAILED;
	if (lines)
		g->count += lines;
	qsort(out->items, out->count, sizeof *out->items, group_cmp);
	/* Past the cap the funder's count is unknown but large: a walk
	 * passes at most projects / cap projects a row, where a sort would
	 * read every one of its rows. */
	for (size_t i = 0; i < out->count; i++)
		out->items[i].walk = out->items[i].count * WALK_SHARE > projects ||
				     (out->partial &&
				      !strcmp(out->items[i].role, "funder"));
	return ERR_OK;
}

/* The rows of the role: the organisation's roles of that kind, and for
 * "funder" a row for each project it has funding lines for (which
 * stands for its funder roles there).  Columns: project uuid, code,
 * name, status, seq (the role's id, 0 for lines), budget share.
 * Sorted: the role's rows, then their projects.  Walked: the projects
 * along the code index, each looked up among the role's rows (a LEFT
 * JOIN: without a role row, the row of its lines). */
static const char *const window_from[2] = {
	"SELECT p.uuid, p.code, p.name, p.status, e.seq, e.amount FROM ("
	"SELECT r.project AS project, r.id AS seq, r.budget_share AS amount "
	"FROM project_role r WHERE r.organisation = :org AND r.role = :role "
	"AND NOT (:role = 'funder' AND " HAS_LINES("r.project") ") "
	"UNION ALL SELECT project, 0, NULL FROM funding WHERE funder = :org "
	"AND :role = 'funder' GROUP BY project) e "
	"CROSS JOIN project p ON p.uuid = e.project WHERE 1",
	"SELECT p.uuid, p.code, p.name, p.status, coalesce(r.id, 0), "
	"r.budget_share FROM project p INDEXED BY project_code "
	"LEFT JOIN project_role r ON r.organisation = :org AND r.role = :role "
	"AND r.project = p.uuid AND NOT (:role = 'funder' AND "
	HAS_LINES("p.uuid") ") WHERE (r.id IS NOT NULL OR (:role = 'funder' "
	"AND " HAS_LINES("p.uuid") "))",
};

/* The window's statement, read backward (the rows come last first)
 * from the end or before a row; after or before a row, entered at that
 * row's key, so that it costs its own rows wherever it is. */
static sqlite3_stmt *
window_stmt(struct db *db, const struct org_project_query *q, bool backward,
	    struct error *err)
{
	const char *dir = backward ? " DESC" : "";
	const char *seq = q->walk ? "coalesce(r.id, 0)" : "e.seq";
	sqlite3_stmt *st;
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);

	if (!f) {
		oom(err);
		return NULL;
	}
	fputs(window_from[q->walk], f);
	if (q->after || q->before)
		fprintf(f, " AND p.code_sort %s= (SELECT code_sort FROM project "
			"WHERE uuid = :key) AND (p.code_sort, p.id, %s) %s "
			"(SELECT code_sort, id, :seq FROM project WHERE uuid = :key)",
			q->after ? ">" : "<", seq, q->after ? ">" : "<");
	fprintf(f, " ORDER BY p.code_sort%s, p.id%s, %s%s "
		"LIMIT :limit OFFSET :offset", dir, dir, seq, dir);
	if (fclose(f) != 0) {
		free(sql);
		oom(err);
		return NULL;
	}
	st = db_prepare(db, sql, err);
	free(sql);
	return st;
}

/* The row of the organisation's funding lines for the project of r:
 * their granted sums added up, their years. */
static int
read_lines(struct db *db, const char *org, struct org_project_row *r,
	   struct error *err)
{
	sqlite3_stmt *st;
	char *years = NULL;
	size_t len = 0;
	FILE *f;
	int src;

	if (!(st = db_prepare(db, "SELECT granted, year FROM funding "
			      "WHERE funder = :org AND project = :project "
			      "ORDER BY year, id", err)))
		return ERR_DATABASE;
	bind_org(st, org);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":project"),
		     r->project_uuid);
	if (!(f = open_memstream(&years, &len))) {
		db_done(st);
		return oom(err);
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL &&
		    !r->amount_overflow) {
			r->has_amount = money_add(&r->amount,
						  sqlite3_column_int64(st, 0));
			r->amount_overflow = !r->has_amount;
		}
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			char y[24];

			snprintf(y, sizeof y, "%lld",
				 (long long)sqlite3_column_int64(st, 1));
			if (!len || !strstr(years, y))
				fprintf(f, "%s%s", len ? ", " : "", y);
			fflush(f);
		}
	}
	db_done(st);
	if (fclose(f) != 0)
		return oom(err);
	if (src != SQLITE_DONE) {
		free(years);
		return db_fail(db, err, _("cannot read the organisation's projects"));
	}
	if (len)
		r->years = years;
	else
		free(years);
	return ERR_OK;
}

static int
push_row(struct db *db, const struct org_project_query *q, sqlite3_stmt *st,
	 struct org_project_rows *out, struct error *err)
{
	struct org_project_row *r;
	bool no_mem = false;

	if (out->count == out->capacity) {
		size_t cap = out->capacity ? 2 * out->capacity : 32;

		if (!(r = realloc(out->items, cap * sizeof *r)))
			return oom(err);
		out->items = r;
		out->capacity = cap;
	}
	r = &out->items[out->count++];
	memset(r, 0, sizeof *r);
	r->project_uuid = db_column_strdup(st, 0, &no_mem);
	r->code = db_column_strdup(st, 1, &no_mem);
	r->name = db_column_strdup(st, 2, &no_mem);
	r->status = db_column_strdup(st, 3, &no_mem);
	r->role = strdup(q->role);
	r->seq = sqlite3_column_int64(st, 4);
	if (no_mem || !r->role)
		return oom(err);
	if (!r->seq) {
		r->from_lines = true;
		return read_lines(db, q->org, r, err);
	}
	if ((r->has_amount = sqlite3_column_type(st, 5) != SQLITE_NULL))
		r->amount = sqlite3_column_int64(st, 5);
	return ERR_OK;
}

static void
reverse_rows(struct org_project_rows *rows, size_t from)
{
	for (size_t i = from, j = rows->count; i + 1 < j; i++, j--) {
		struct org_project_row t = rows->items[i];

		rows->items[i] = rows->items[j - 1];
		rows->items[j - 1] = t;
	}
}

int
store_org_project_window(struct db *db, const struct org_project_query *q,
			 struct org_project_rows *out, struct error *err)
{
	bool backward = q && !q->after && (q->before || q->from_end);
	const struct org_project_row *key = q ? (q->after ? q->after : q->before) : NULL;
	size_t from = out ? out->count : 0;
	sqlite3_stmt *st;
	int rc = ERR_OK, src = SQLITE_DONE;

	if (!db || !q || !q->org || !q->role || !out || q->limit < 0 ||
	    q->offset < 0)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = window_stmt(db, q, backward, err)))
		return err ? err->code : ERR_DATABASE;
	bind_org(st, q->org);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":role"), q->role);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":limit"),
			   q->limit > 0 ? q->limit : -1);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":offset"),
			   q->offset);
	if (key) {
		db_bind_text(st, sqlite3_bind_parameter_index(st, ":key"),
			     key->project_uuid);
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":seq"),
				   key->seq);
	}
	while (rc == ERR_OK && (src = sqlite3_step(st)) == SQLITE_ROW)
		rc = push_row(db, q, st, out, err);
	if (rc == ERR_OK && src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot read the organisation's projects"));
	db_done(st);
	if (rc == ERR_OK && backward)
		reverse_rows(out, from);
	return rc;
}

int
store_org_labels(struct db *db,
		 int (*fn)(void *arg, const char *uuid, const char *label,
			   const char *kind),
		 void *arg, struct error *err)
{
	const struct entity_def *def = entities[ENT_ORGANISATION];
	const char *sort = db_key_column(def, def->title_field, DB_KEY_SORT);
	char sql[256];
	sqlite3_stmt *st;
	int rc = ERR_OK, src;

	/* In the order of store_organisations(): by name. */
	snprintf(sql, sizeof sql, "SELECT uuid, coalesce(short_name, name), kind "
		 "FROM organisation ORDER BY %s, id",
		 sort ? sort : "salkku_sort_key(name)");
	if (!(st = db_prepare(db, sql, err)))
		return ERR_DATABASE;
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2));
	if (!rc && src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot read the database"));
	db_done(st);
	return rc;
}
