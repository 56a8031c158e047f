/* SPDX-License-Identifier: EUPL-1.2 */
/* store_undo.c — the undo journal of an import that commits in slices.
 *
 * An import commits in slices of about 200 ms, so that others' writes
 * wait for it a fraction of a second, not for the whole import; to stay
 * all-or-nothing it keeps, in the database and committed with each
 * slice, what undoes its changes (SQLite's undo/redo technique,
 * https://www.sqlite.org/undoredo.html): the key of a row it added, the
 * statement that puts back a row it changed or deleted.  TEMP triggers on
 * the importing connection write them: they fire for that connection
 * only, so others' writes between slices are never journalled, and
 * they follow every column of the live schema.  The full-text tables
 * carry no triggers: the schema's own triggers, which fire for the
 * undoing statements as for any other, refresh them.
 *
 * A record is found by its uuid, and an undoing statement touches it
 * only while it still has the version the import left it at (or the
 * one a rollback gave it, ?1): a record someone else changed after the
 * import wrote it stays as they left it; so does a project others
 * added records to (deleting it would take theirs along) and an
 * organisation their records name (the foreign key refuses).  A record
 * put back takes ?1, a version above any handed out, so that a version
 * read while the import ran never matches again. */
#include "config.h"

#include "store.h"

#include <string.h>
#include <time.h>

#include "db_internal.h"
#include "src/base/clock.h"
#include "src/base/i18n.h"

/* From this schema on (migration 16), the journal is there. */
#define DB_SCHEMA_UNDO 16

/* A table an import writes besides the records: the columns that find
 * a row, and rows never journalled (the transaction's own mark, and the
 * version floor, which never goes down). */
struct undo_table {
	const char *name;
	const char *key[2];
	const char *skip;
};

static const struct undo_table other_tables[] = {
	{ "change_log", { "id", NULL }, NULL },
	{ "tombstone", { "record_uuid", NULL }, NULL },
	{ "exchange_base", { "peer", "record_uuid" }, NULL },
	{ "meta", { "key", NULL }, "key NOT IN ('writing', 'version_floor')" },
};

/* A record table's journal: by uuid. */
static struct undo_table
record_table(int k)
{
	return (struct undo_table){ entities[k]->table, { "uuid", NULL }, NULL };
}

/* The table the journal names, into *out: false when it is none of
 * those an import writes. */
static bool
find_table(const char *name, struct undo_table *out, bool *record,
	   bool *project)
{
	for (int k = 0; k < ENT_COUNT; k++)
		if (!strcmp(entities[k]->table, name)) {
			*out = record_table(k);
			*record = true;
			*project = k == ENT_PROJECT;
			return true;
		}
	for (size_t i = 0; i < sizeof other_tables / sizeof other_tables[0]; i++)
		if (!strcmp(other_tables[i].name, name)) {
			*out = other_tables[i];
			*record = *project = false;
			return true;
		}
	return false;
}

static const char *const events[] = { "insert", "update", "delete" };

/* ' || quote(ref."col") || ' */
static void
put_value(sqlite3_str *s, const char *ref, const char *col)
{
	sqlite3_str_appendf(s, "' || quote(%s.\"%w\") || '", ref, col);
}

/* The condition that finds the row ref names, as SQL text. */
static void
put_key(sqlite3_str *s, const struct undo_table *t, const char *ref)
{
	for (int i = 0; i < 2 && t->key[i]; i++) {
		sqlite3_str_appendf(s, "%s\"%w\" = ", i ? " AND " : "", t->key[i]);
		put_value(s, ref, t->key[i]);
	}
}

/* A record: still as the import (or the rollback) left it. */
static void
put_unchanged(sqlite3_str *s, const char *ref)
{
	sqlite3_str_appendf(s, " AND \"version\" IN (' || %s.\"version\" || ', ?1)", ref);
}

/* The statement that deletes a row the import added: ?2 its key, ?3
 * the version it added a record at, ?1 the rollback's.  A project
 * others gave records to stays, with them. */
static char *
delete_sql(const struct undo_table *t, bool record, bool project)
{
	sqlite3_str *s = sqlite3_str_new(NULL);

	sqlite3_str_appendf(s, "DELETE FROM \"%w\" WHERE \"%w\" = ?2", t->name,
			    t->key[0]);
	if (record)
		sqlite3_str_appendall(s, " AND \"version\" IN (?3, ?1)");
	for (int k = 0; project && k < ENT_COUNT; k++)
		if (entities[k]->project_field >= 0)
			sqlite3_str_appendf(s, " AND NOT EXISTS (SELECT 1 FROM \"%w\" "
					    "WHERE \"project\" = ?2)", entities[k]->table);
	return sqlite3_str_finish(s);
}

/* The undoing statement of one event on t, as an SQL expression (an
 * insert: only into a table keyed by two columns, never a record's). */
static void
put_undo(sqlite3_str *s, const struct undo_table *t, bool record,
	 const char *event, char **cols, int ncols)
{
	sqlite3_str_appendall(s, "'");
	if (!strcmp(event, "insert")) {
		sqlite3_str_appendf(s, "DELETE FROM \"%w\" WHERE ", t->name);
		put_key(s, t, "new");
	} else if (!strcmp(event, "update")) {
		sqlite3_str_appendf(s, "UPDATE \"%w\" SET ", t->name);
		for (int i = 0, n = 0; i < ncols; i++) {
			if (record && (!strcmp(cols[i], "id") ||
				       !strcmp(cols[i], "version")))
				continue;
			sqlite3_str_appendf(s, "%s\"%w\" = ", n++ ? ", " : "",
					    cols[i]);
			put_value(s, "old", cols[i]);
		}
		if (record)
			sqlite3_str_appendall(s, ", \"version\" = ?1");
		sqlite3_str_appendall(s, " WHERE ");
		put_key(s, t, "new");
		if (record)
			put_unchanged(s, "new");
	} else {
		sqlite3_str_appendf(s, "INSERT INTO \"%w\" (", t->name);
		for (int i = 0; i < ncols; i++)
			sqlite3_str_appendf(s, "%s\"%w\"", i ? ", " : "", cols[i]);
		sqlite3_str_appendall(s, ") SELECT ");
		for (int i = 0; i < ncols; i++) {
			if (i)
				sqlite3_str_appendall(s, ", ");
			if (record && !strcmp(cols[i], "version"))
				sqlite3_str_appendall(s, "?1");
			else if (record && !strcmp(cols[i], "id"))
				/* Its old rowid, unless another row took it. */
				sqlite3_str_appendf(s, "CASE WHEN EXISTS (SELECT 1 FROM \"%w\" "
						    "WHERE \"id\" = ' || old.\"id\" || ') THEN NULL "
						    "ELSE ' || old.\"id\" || ' END", t->name);
			else
				put_value(s, "old", cols[i]);
		}
		sqlite3_str_appendf(s, " WHERE NOT EXISTS (SELECT 1 FROM \"%w\" WHERE ",
				    t->name);
		put_key(s, t, "old");
		sqlite3_str_appendall(s, ")");
	}
	sqlite3_str_appendall(s, "'");
}

/* The columns of table, in order; *cols is the caller's to free with
 * sqlite3_free (one block). */
static int
table_columns(struct db *db, const char *table, char ***cols, int *ncols,
	      struct error *err)
{
	char *sql = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q) "
				    "ORDER BY cid", table);
	sqlite3_stmt *st = NULL;
	char **out = NULL;
	int n = 0, rc = ERR_OK;

	if (!sql || sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = db_fail(db, err, _("cannot read the database"));
		goto out;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char **more = sqlite3_realloc64(out, (n + 1) * sizeof *out);

		if (!more || !(more[n] = sqlite3_mprintf("%s", name))) {
			out = more ? more : out;
			rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
			break;
		}
		out = more;
		n++;
	}
out:
	sqlite3_finalize(st);
	sqlite3_free(sql);
	if (rc != ERR_OK) {
		for (int i = 0; i < n; i++)
			sqlite3_free(out[i]);
		sqlite3_free(out);
		out = NULL;
		n = 0;
	}
	*cols = out;
	*ncols = n;
	return rc;
}

/* The three triggers that journal the changes to t. */
static int
journal_table(struct db *db, const struct undo_table *t, bool record,
	      struct error *err)
{
	char **cols = NULL;
	int ncols = 0, rc;

	if ((rc = table_columns(db, t->name, &cols, &ncols, err)))
		return rc;
	for (size_t e = 0; e < sizeof events / sizeof events[0] && !rc; e++) {
		const char *ref = strcmp(events[e], "delete") ? "new" : "old";
		sqlite3_str *s = sqlite3_str_new(db->sql);
		char *sql;

		sqlite3_str_appendf(s, "CREATE TEMP TRIGGER \"undo_%w_%s\" AFTER %s "
				    "ON main.\"%w\"", t->name, events[e],
				    events[e], t->name);
		if (t->skip)
			sqlite3_str_appendf(s, " WHEN %s.%s", ref, t->skip);
		/* A row added, by far the most common: its key is enough. */
		if (!strcmp(events[e], "insert") && !t->key[1]) {
			sqlite3_str_appendf(s, " BEGIN INSERT INTO import_undo (record, "
					    "tbl, key, version) VALUES (%d, %Q, "
					    "new.\"%w\", %s); END;", record, t->name,
					    t->key[0], record ? "new.\"version\"" : "NULL");
		} else {
			sqlite3_str_appendf(s, " BEGIN INSERT INTO import_undo (record, "
					    "tbl, sql) VALUES (%d, %Q, ", record, t->name);
			put_undo(s, t, record, events[e], cols, ncols);
			sqlite3_str_appendall(s, "); END;");
		}
		if (!(sql = sqlite3_str_finish(s)))
			rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
		else
			rc = db_exec(db, sql, err);
		sqlite3_free(sql);
	}
	for (int i = 0; i < ncols; i++)
		sqlite3_free(cols[i]);
	sqlite3_free(cols);
	return rc;
}

static int
journal_all(struct db *db, struct error *err)
{
	int rc = ERR_OK;

	for (int k = 0; k < ENT_COUNT && !rc; k++) {
		const struct undo_table t = record_table(k);

		rc = journal_table(db, &t, true, err);
	}
	for (size_t i = 0; i < sizeof other_tables / sizeof other_tables[0] && !rc; i++)
		rc = journal_table(db, &other_tables[i], false, err);
	return rc;
}

void
store_undo_stop(struct db *db)
{
	sqlite3_stmt *st;
	char **names = NULL;
	int n = 0;

	if (!db || !db->sql ||
	    sqlite3_prepare_v2(db->sql, "SELECT name FROM temp.sqlite_master "
			       "WHERE type = 'trigger' AND name LIKE 'undo\\_%' "
			       "ESCAPE '\\'", -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		char **more = sqlite3_realloc64(names, (n + 1) * sizeof *names);

		if (!more)
			break;
		names = more;
		if ((names[n] = sqlite3_mprintf("DROP TRIGGER temp.\"%w\"",
						sqlite3_column_text(st, 0))))
			n++;
	}
	sqlite3_finalize(st);
	for (int i = 0; i < n; i++) {
		sqlite3_exec(db->sql, names[i], NULL, NULL, NULL);
		sqlite3_free(names[i]);
	}
	sqlite3_free(names);
	sqlite3_exec(db->sql, "DROP TABLE IF EXISTS temp.import_words;"
		     "DROP TABLE IF EXISTS temp.import_fts", NULL, NULL, NULL);
	db->fts_deferred = false;
	/* A REPLACE deletes the row it replaces without a word otherwise. */
	sqlite3_exec(db->sql, "PRAGMA recursive_triggers = OFF", NULL, NULL, NULL);
}

/* The projects whose words (project_words, which only salkku's
 * tokenizer writes) the import changed wait in a table of this
 * connection until its records are all written: each slice's commit
 * would otherwise analyse a project's text again for each member of the
 * document that names it (roles, funding lines, notes), and another
 * session's commit would analyse what the import left pending.  So do
 * those whose row in project_fts it changed (store_fts_resume): until
 * the end, a search of another program in project_fts finds the rows
 * as they were before the import. */
#define WORDS_DEFER \
	"CREATE TEMP TABLE IF NOT EXISTS import_words " \
	"(project INTEGER PRIMARY KEY);" \
	"CREATE TEMP TABLE IF NOT EXISTS import_fts " \
	"(project INTEGER PRIMARY KEY);" \
	"CREATE TEMP TRIGGER undo_words_defer AFTER INSERT ON main.words_pending " \
	"BEGIN INSERT OR IGNORE INTO import_words (project) VALUES (new.project); " \
	"DELETE FROM words_pending WHERE project = new.project; END;"

/* The rows in project_fts of up to max of the projects the import
 * changed made again, in rowid order. */
static int
fts_refresh(struct db *db, int64_t max, struct error *err)
{
	char first[96], sql[640];

	snprintf(first, sizeof first, "(SELECT project FROM temp.import_fts "
		 "ORDER BY project LIMIT %lld)", (long long)max);
	snprintf(sql, sizeof sql,
		 "DELETE FROM project_fts WHERE rowid IN %s;"
		 "INSERT INTO project_fts (rowid, code, name, description, notes, "
		 "organisations) SELECT id, code, name, description, notes, "
		 "organisations FROM project_fts_source WHERE id IN %s ORDER BY id;"
		 "DELETE FROM temp.import_fts WHERE project IN %s", first, first,
		 first);
	return db_exec(db, sql, err);
}

int
store_undo_words(struct db *db, int64_t max, bool *done, struct error *err)
{
	sqlite3_stmt *st;
	int64_t left = 0;
	int rc;

	*done = false;
	if ((rc = db_check_write(db, err)) ||
	    (rc = db_exec(db, "DROP TRIGGER IF EXISTS temp.undo_words_defer", err)) ||
	    (rc = fts_refresh(db, max, err)))
		return rc;
	if (!(st = db_prepare(db, "INSERT OR IGNORE INTO main.words_pending (project) "
			      "SELECT project FROM temp.import_words "
			      "ORDER BY project LIMIT ?1", err)))
		return ERR_DATABASE;
	sqlite3_bind_int64(st, 1, max);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot write the database"));
	db_done(st);
	if (!rc)
		rc = db_exec(db, "DELETE FROM temp.import_words WHERE project IN "
			     "(SELECT project FROM main.words_pending)", err);
	if (!rc)
		rc = db_query_int(db, "SELECT (SELECT count(*) FROM temp.import_words)"
				  " + (SELECT count(*) FROM temp.import_fts)",
				  &left, err);
	*done = !rc && left == 0;
	return rc;
}

/* The columns of import_run, in the order store_undo_run reads them. */
#define RUN_COLUMNS "user, file, host, pid, started_at, seen_at"

int
store_undo_run(struct db *db, struct import_run *out, struct error *err)
{
	sqlite3_stmt *st;
	int src, rc = ERR_NOT_FOUND;

	memset(out, 0, sizeof *out);
	if (!db || db_schema_version(db) < DB_SCHEMA_UNDO)
		return ERR_NOT_FOUND;
	if (!(st = db_prepare(db, "SELECT " RUN_COLUMNS " FROM import_run", err)))
		return ERR_DATABASE;
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		db_column_copy(st, 0, out->user, sizeof out->user);
		db_column_copy(st, 1, out->file, sizeof out->file);
		db_column_copy(st, 2, out->host, sizeof out->host);
		out->pid = (long)sqlite3_column_int64(st, 3);
		db_column_copy(st, 4, out->started_at, sizeof out->started_at);
		db_column_copy(st, 5, out->seen_at, sizeof out->seen_at);
		rc = ERR_OK;
	} else if (src != SQLITE_DONE) {
		rc = db_fail(db, err, _("cannot read the database"));
	}
	db_done(st);
	return rc;
}

int
store_undo_start(struct db *db, const struct import_run *run,
		 struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_check_write(db, err)))
		return rc;
	if (db_schema_version(db) < DB_SCHEMA_UNDO)
		return error_set(err, ERR_DATABASE, NULL,
				 _("internal error: the database has no import journal"));
	if (!(st = db_prepare(db, "INSERT INTO import_run (id, " RUN_COLUMNS ") "
			      "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?5)", err)))
		return ERR_DATABASE;
	db_bind_text(st, 1, run->user);
	db_bind_text(st, 2, run->file);
	db_bind_text(st, 3, run->host);
	sqlite3_bind_int64(st, 4, run->pid);
	db_bind_text(st, 5, run->started_at);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot write the database"));
	db_done(st);
	if (rc)
		return rc;
	store_undo_stop(db);
	if ((rc = db_exec(db, "PRAGMA recursive_triggers = ON", err)) ||
	    (rc = journal_all(db, err)) ||
	    (rc = db_exec(db, WORDS_DEFER, err)))
		store_undo_stop(db);
	else
		db->fts_deferred = true;
	return rc;
}

/* The heartbeat that tells a live import from one whose process died. */
static int
run_seen(struct db *db, const char *now, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE import_run SET seen_at = ?1", err);
	int rc = ERR_OK;

	if (!st)
		return ERR_DATABASE;
	db_bind_text(st, 1, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot write the database"));
	db_done(st);
	return rc;
}

int
store_undo_slice(struct db *db, const char *now, struct error *err)
{
	int64_t paused = 0;
	int rc;

	if ((rc = db_query_int(db, "SELECT count(*) FROM fts_pause", &paused, err)) ||
	    (paused && (rc = store_fts_resume(db, err))) ||
	    (rc = run_seen(db, now, err)) || (rc = db_commit(db, err)) ||
	    (rc = db_begin(db, err)))
		return rc;
	if (paused && !store_fts_pause(db))
		return db_fail(db, err, _("cannot write the database"));
	return ERR_OK;
}

int
store_undo_forget(struct db *db, struct error *err)
{
	int rc;

	if ((rc = db_check_write(db, err)))
		return rc;
	return db_exec(db, "DELETE FROM import_undo; DELETE FROM import_run", err);
}

int
store_undo_claim(struct db *db, const char *host, long pid, const char *now,
		 struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_OK;

	if ((rc = db_check_write(db, err)))
		return rc;
	if (!(st = db_prepare(db, "UPDATE import_run SET host = ?1, pid = ?2, "
			      "seen_at = ?3", err)))
		return ERR_DATABASE;
	db_bind_text(st, 1, host);
	sqlite3_bind_int64(st, 2, pid);
	db_bind_text(st, 3, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot write the database"));
	db_done(st);
	return rc;
}

/* The version records put back take: chosen once per rollback, above
 * every version handed out so far, and kept in the run so that a
 * rollback taken over by another process goes on with it. */
static int
restore_version(struct db *db, int64_t *out, struct error *err)
{
	char sql[96];
	int rc;

	if ((rc = db_query_int(db, "SELECT restore_version FROM import_run",
			       out, err)) || *out > 0)
		return rc;
	if (db_max_version(db, out) < 0)
		return db_fail(db, err, _("cannot read the database"));
	(*out)++;
	snprintf(sql, sizeof sql, "UPDATE import_run SET restore_version = %lld",
		 (long long)*out);
	return db_exec(db, sql, err);
}


/* The statement of the journal's row at st: the one it holds, or the
 * deletion of the row it names (cached); NULL on error. */
static sqlite3_stmt *
undo_statement(struct db *db, sqlite3_stmt *row, bool *owned,
	       struct error *err)
{
	const char *sql = (const char *)sqlite3_column_text(row, 3);
	sqlite3_stmt *st = NULL;
	struct undo_table t;
	bool record, project;
	char *del;

	*owned = sql != NULL;
	if (sql) {
		if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
			db_fail(db, err, _("cannot undo the import"));
		return st;
	}
	if (!find_table((const char *)sqlite3_column_text(row, 2), &t, &record,
			&project)) {
		error_set(err, ERR_DATABASE, NULL, "%s",
			  _("cannot undo the import: the journal names an unknown table"));
		return NULL;
	}
	if (!(del = delete_sql(&t, record, project))) {
		error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
		return NULL;
	}
	st = db_prepare(db, del, err);
	sqlite3_free(del);
	if (st) {
		sqlite3_bind_value(st, 2, sqlite3_column_value(row, 4));
		if (record)
			sqlite3_bind_value(st, 3, sqlite3_column_value(row, 5));
	}
	return st;
}

/* Runs the undoing statement of the journal's row at `row`: *kept when
 * it restored nothing because others changed the record (or need it)
 * since. */
static int
undo_one(struct db *db, sqlite3_stmt *row, int64_t version, bool *kept,
	 struct error *err)
{
	bool record = sqlite3_column_int(row, 1) != 0, owned;
	sqlite3_stmt *st = undo_statement(db, row, &owned, err);
	int src;

	*kept = false;
	if (!st)
		return ERR_DATABASE;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, version);
	src = sqlite3_step(st);
	if (owned)
		sqlite3_finalize(st);
	else
		db_done(st);
	if ((src & 0xff) == SQLITE_CONSTRAINT && record) {
		*kept = true;
		return ERR_OK;
	}
	if (src != SQLITE_DONE)
		return db_fail(db, err, _("cannot undo the import"));
	*kept = record && sqlite3_changes(db->sql) == 0;
	return ERR_OK;
}

int
store_undo_apply(struct db *db, int64_t max_ms, size_t *kept, bool *done,
		 struct error *err)
{
	sqlite3_stmt *st = NULL, *del = NULL;
	int64_t start = clock_ms(), version = 0, last = -1;
	int src = SQLITE_DONE, rc;
	size_t n = 0;

	*done = false;
	if ((rc = db_check_write(db, err)) ||
	    (rc = restore_version(db, &version, err)))
		return rc;
	/* Not cached: the statements it runs are of any kind. */
	if (sqlite3_prepare_v2(db->sql, "SELECT seq, record, tbl, sql, key, "
			       "version FROM import_undo ORDER BY seq DESC", -1,
			       &st, NULL) != SQLITE_OK)
		return db_fail(db, err, _("cannot undo the import"));
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		bool skipped = false;

		last = sqlite3_column_int64(st, 0);
		rc = undo_one(db, st, version, &skipped, err);
		*kept += skipped;
		if (++n % 64 == 0 && clock_ms() - start >= max_ms)
			break;
	}
	if (!rc && src != SQLITE_ROW && src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot undo the import"));
	*done = !rc && src == SQLITE_DONE;
	sqlite3_finalize(st);
	if (rc || last < 0)
		return rc;
	if (!(del = db_prepare(db, "DELETE FROM import_undo WHERE seq >= ?1", err)))
		return ERR_DATABASE;
	sqlite3_bind_int64(del, 1, last);
	if (sqlite3_step(del) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot undo the import"));
	db_done(del);
	return rc;
}
