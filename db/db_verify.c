/* SPDX-License-Identifier: EUPL-1.2 */
/* db_verify.c — damage that PRAGMA integrity_check cannot see: a schema
 * that is not the one this binary's migrations make, change-log rows of
 * kinds it does not know, and versions out of range.  Shared by `check`
 * and by restore, which runs it on a backup before copying a page. */
#include "config.h"

#include "db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/entity.h"
#include "src/base/i18n.h"

void
db_problem(struct db_problems *p, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (!p->count) {
		/* One line, for a message. */
		snprintf(p->first, sizeof p->first, "%s", buf);
		for (char *nl = p->first; (nl = strchr(nl, '\n'));)
			*nl = ' ';
	}
	p->count++;
	if (p->report)
		p->report(buf, p->arg);
}

/* One object of sqlite_master. */
struct schema_row {
	char *type, *name, *sql;
};

struct schema {
	struct schema_row *rows;
	size_t count;
};

static void
schema_free(struct schema *s)
{
	for (size_t i = 0; i < s->count; i++) {
		free(s->rows[i].type);
		free(s->rows[i].name);
		free(s->rows[i].sql);
	}
	free(s->rows);
	s->rows = NULL;
	s->count = 0;
}

/* Reads sqlite_master of conn, ordered by type and name.  ANALYZE's
 * statistics tables are SQLite's own business. */
static int
schema_read(sqlite3 *conn, struct schema *out)
{
	sqlite3_stmt *st = NULL;
	size_t capacity = 0;
	int src;

	out->rows = NULL;
	out->count = 0;
	if (sqlite3_prepare_v2(conn, "SELECT type, name, coalesce(sql, '') "
				     "FROM sqlite_master "
				     "WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' "
				     "ORDER BY type, name", -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct schema_row *r;

		if (out->count == capacity) {
			size_t cap = capacity ? capacity * 2 : 64;
			void *p = realloc(out->rows, cap * sizeof *out->rows);

			if (!p)
				break;
			out->rows = p;
			capacity = cap;
		}
		r = &out->rows[out->count++];
		r->type = strdup((const char *)sqlite3_column_text(st, 0));
		r->name = strdup((const char *)sqlite3_column_text(st, 1));
		r->sql = strdup((const char *)sqlite3_column_text(st, 2));
		if (!r->type || !r->name || !r->sql) {
			src = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_finalize(st);
	return src == SQLITE_DONE ? 0 : -1;
}

static int
row_cmp(const struct schema_row *a, const struct schema_row *b)
{
	int c = strcmp(a->type, b->type);

	return c ? c : strcmp(a->name, b->name);
}

/* Walks both sorted lists side by side. */
static void
schema_compare(const struct schema *want, const struct schema *have,
	       struct db_problems *p)
{
	size_t i = 0, j = 0;

	while (i < want->count || j < have->count) {
		int c = i == want->count ? 1
			: j == have->count ? -1
			: row_cmp(&want->rows[i], &have->rows[j]);

		if (c < 0) {
			db_problem(p, _("schema: %s %s is missing"),
				   want->rows[i].type, want->rows[i].name);
			i++;
		} else if (c > 0) {
			db_problem(p, _("schema: %s %s is not part of salkku's schema"),
				   have->rows[j].type, have->rows[j].name);
			j++;
		} else {
			if (strcmp(want->rows[i].sql, have->rows[j].sql))
				db_problem(p, _("schema: %s %s differs from salkku's schema"),
					   have->rows[j].type, have->rows[j].name);
			i++;
			j++;
		}
	}
}

int
db_verify_schema(struct db *db, struct db_problems *p, struct error *err)
{
	struct schema want = { 0 }, have = { 0 };
	struct db *fresh = NULL;
	int version = db_schema_version(db), rc;

	if (version < 1 || version > db_schema_latest()) {
		db_problem(p, _("schema: version %d is not one this salkku knows (1 to %d)"),
			   version, db_schema_latest());
		return ERR_OK;
	}
	/* What the same migrations make of an empty database. */
	if ((rc = db_open_at_version(":memory:", version, &fresh, err)))
		return rc;
	if (schema_read(fresh->sql, &want) < 0 || schema_read(db->sql, &have) < 0)
		db_problem(p, _("schema: cannot read it: %s"), sqlite3_errmsg(db->sql));
	else
		schema_compare(&want, &have, p);
	schema_free(&want);
	schema_free(&have);
	db_close(&fresh);
	return ERR_OK;
}

/* The single number sql yields on conn into *out; false when it
 * yields none. */
static bool
query_int(sqlite3 *conn, const char *sql, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		ok = true;
	}
	sqlite3_finalize(st);
	return ok;
}

static void
verify_versions(struct db *db, struct db_problems *p)
{
	for (int k = 0; k < ENT_COUNT; k++) {
		char sql[256];
		int64_t n = 0;

		snprintf(sql, sizeof sql,
			 "SELECT count(*) FROM \"%s\" WHERE typeof(version) != "
			 "'integer' OR version < 1 OR version > %lld",
			 entities[k]->table, (long long)DB_VERSION_MAX);
		if (!query_int(db->sql, sql, &n))
			db_problem(p, _("%s: cannot be read: %s"), entities[k]->table,
				   sqlite3_errmsg(db->sql));
		else if (n > 0)
			db_problem(p, _("%s: %lld records have a version out of range (1 to %lld)"),
				   entities[k]->table, (long long)n,
				   (long long)DB_VERSION_MAX);
	}
}

static void
verify_change_log(struct db *db, struct db_problems *p)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db->sql,
			       "SELECT entity, action, count(*) FROM change_log "
			       "GROUP BY entity, action", -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *entity = (const char *)sqlite3_column_text(st, 0);
		const char *action = (const char *)sqlite3_column_text(st, 1);
		long long n = sqlite3_column_int64(st, 2);

		if (!entity || !entity_by_name(entity))
			db_problem(p, _("change log: %lld entries about an unknown kind of record \"%s\""),
				   n, entity ? entity : "");
		if (!action || (strcmp(action, "insert") && strcmp(action, "update") &&
				strcmp(action, "delete")))
			db_problem(p, _("change log: %lld entries of an unknown action \"%s\""),
				   n, action ? action : "");
	}
	sqlite3_finalize(st);
}

/* Runs sql; each row's first column, as text, goes through format. */
static void
report_each(struct db *db, struct db_problems *p, const char *sql,
	    const char *format)
{
	sqlite3_stmt *st = NULL;
	int src;

	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		db_problem(p, "%s", sqlite3_errmsg(db->sql));
		return;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		db_problem(p, format, (const char *)sqlite3_column_text(st, 0));
	if (src != SQLITE_DONE)
		db_problem(p, "%s", sqlite3_errmsg(db->sql));
	sqlite3_finalize(st);
}

/* What the triggers cannot keep: key columns written by hand (or of
 * text that is not UTF-8), a key map that no longer computes salkku's
 * keys, and a write of salkku's left marked. */
static void
verify_keys(struct db *db, struct db_problems *p)
{
	if (db_schema_version(db) < DB_SCHEMA_PLAIN)
		return;
	report_each(db, p, "SELECT code FROM project "
		    "WHERE code_key IS NOT salkku_fold_key(code) "
		    "OR code_sort IS NOT salkku_sort_key(code) "
		    "OR name_sort IS NOT salkku_sort_key(name)",
		    _("project %s: its key columns are out of date"));
	report_each(db, p, "SELECT name FROM organisation "
		    "WHERE name_key IS NOT salkku_fold_key(name) "
		    "OR short_name_key IS NOT salkku_fold_key(short_name) "
		    "OR name_sort IS NOT salkku_sort_key(name)",
		    _("organisation %s: its key columns are out of date"));
	report_each(db, p, db_key_sql_check,
		    _("text_key_map: the key of %s is not salkku's"));
	report_each(db, p, "SELECT key FROM meta WHERE key = 'writing'",
		    _("meta: a write of salkku was left marked (%s)"));
}

void
db_verify_rows(struct db *db, struct db_problems *p)
{
	verify_versions(db, p);
	verify_change_log(db, p);
	verify_keys(db, p);
}

int
db_max_version(struct db *db, int64_t *out)
{
	int64_t max = 0;

	for (int k = 0; k < ENT_COUNT; k++) {
		char sql[128];
		int64_t v;

		snprintf(sql, sizeof sql,
			 "SELECT coalesce(max(version), 0) FROM \"%s\"",
			 entities[k]->table);
		if (!query_int(db->sql, sql, &v))
			return -1;
		if (v > max)
			max = v;
	}
	/* Deleted records and earlier restores (migration 5). */
	if (db_schema_version(db) >= 5) {
		int64_t floor = 0;

		if (!query_int(db->sql, "SELECT value FROM meta "
				       "WHERE key = 'version_floor'", &floor))
			return -1;
		if (floor > max)
			max = floor;
	}
	*out = max;
	return 0;
}
