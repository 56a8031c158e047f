/* SPDX-License-Identifier: EUPL-1.2 */
/* db_check.c — integrity checks of the whole database. */
#include "config.h"

#include "db.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/i18n.h"

/* Runs sql and reports every row it returns through format, which gets
 * the row's first columns as text (up to four). */
static int
report_rows(struct db *db, struct db_problems *p, const char *sql,
	    const char *format, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc = ERR_DATABASE, src;

	if (!st)
		return rc;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c[4];

		for (int i = 0; i < 4; i++) {
			c[i] = i < sqlite3_column_count(st)
			       ? (const char *)sqlite3_column_text(st, i) : NULL;
			if (!c[i])
				c[i] = "";
		}
		db_problem(p, format, c[0], c[1], c[2], c[3]);
	}
	if (src != SQLITE_DONE) {
		/* A check that cannot even run has found a problem. */
		db_problem(p, "%s", sqlite3_errmsg(db->sql));
		goto out;
	}
	rc = ERR_OK;
out:
	db_done(st);
	(void)err;
	return rc;
}

/* The stored full-text rows against what the triggers should have made
 * of the projects: FTS5's own check cannot see a row that is stale. */
static void
check_fts(struct db *db, struct db_problems *p, struct error *err)
{
	struct error e;

	/* FTS5 runs its own check as a write; a read-only connection can
	 * only compare the rows below. */
	if (!db->readonly &&
	    db_exec(db, "INSERT INTO project_fts (project_fts) "
			"VALUES ('integrity-check')", &e))
		db_problem(p, _("full-text index: %s"), e.message);
	report_rows(db, p,
		    "SELECT s.code FROM project_fts_source s "
		    "LEFT JOIN project_fts f ON f.rowid = s.id "
		    "WHERE f.rowid IS NULL OR f.code IS NOT s.code "
		    "OR f.name IS NOT s.name "
		    "OR f.description IS NOT s.description "
		    "OR f.notes IS NOT s.notes "
		    "OR f.organisations IS NOT s.organisations",
		    _("full-text index: project %s is out of date"), err);
	report_rows(db, p,
		    "SELECT rowid FROM project_fts "
		    "WHERE rowid NOT IN (SELECT id FROM project)",
		    _("full-text index: row %s belongs to no project"), err);
	report_rows(db, p, "SELECT count(*) FROM fts_pause HAVING count(*) > 0",
		    _("full-text index: updates were left paused (%s)"), err);
	report_rows(db, p, "SELECT count(*) FROM fts_pending HAVING count(*) > 0",
		    _("full-text index: %s projects were left to refresh"), err);
}

/* Every word of the index by base form in word_list, where a long
 * prefix's words are sought (db_terms.c): a search does not find a
 * project by a word missing there. */
static void
check_word_list(struct db *db, struct db_problems *p, struct error *err)
{
	if (db_schema_version(db) < DB_SCHEMA_WORD_LIST ||
	    db_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_words "
			"USING fts5vocab(main, project_words, 'row')", NULL))
		return;
	report_rows(db, p,
		    "SELECT count(*) FROM (SELECT term FROM temp.check_words "
		    "EXCEPT SELECT term FROM word_list) HAVING count(*) > 0",
		    _("index of base forms: %s words are missing from its word list (check --reindex rebuilds it)"),
		    err);
	db_exec(db, "DROP TABLE temp.check_words", NULL);
}

/* The index by base form, likewise; rows of the projects in
 * words_pending wait for salkku's next search and are not stale. */
static void
check_words(struct db *db, struct db_problems *p, struct error *err)
{
	struct error e;

	/* An index another analyser made reads as damaged to this one. */
	db_fts_refresh(db, true, NULL);
	if (!db->readonly &&
	    db_exec(db, "INSERT INTO project_words (project_words) "
			"VALUES ('integrity-check')", &e))
		db_problem(p, _("index of base forms: %s"), e.message);
	report_rows(db, p,
		    "SELECT s.code FROM project_fts_source s "
		    "LEFT JOIN project_words w ON w.rowid = s.id "
		    "WHERE s.id NOT IN (SELECT project FROM words_pending) "
		    "AND (w.rowid IS NULL OR w.code IS NOT s.code "
		    "OR w.name IS NOT s.name "
		    "OR w.description IS NOT s.description "
		    "OR w.notes IS NOT s.notes "
		    "OR w.organisations IS NOT s.organisations)",
		    _("index of base forms: project %s is out of date (check --reindex rebuilds it)"),
		    err);
	check_word_list(db, p, err);
}

/* The number of projects kept by triggers (migration 14): another
 * tool's INSERT OR REPLACE can leave it wrong. */
static void
check_tally(struct db *db, struct db_problems *p, struct error *err)
{
	report_rows(db, p,
		    "SELECT coalesce((SELECT n FROM tally WHERE name = 'project'), "
		    "'none'), count(*) FROM project HAVING coalesce((SELECT n "
		    "FROM tally WHERE name = 'project'), -1) != count(*)",
		    _("the number of projects is noted as %s but there are %s (check --reindex counts them again)"),
		    err);
}

int
db_check_all(struct db *db, struct db_problems *p, struct error *err)
{
	int rc;

	report_rows(db, p, "SELECT * FROM pragma_integrity_check "
			   "WHERE integrity_check != 'ok'", "%s", err);
	report_rows(db, p, "SELECT \"table\", rowid, parent "
			   "FROM pragma_foreign_key_check",
		    _("%s row %s refers to a missing %s"), err);
	if (db_schema_version(db) >= 2)
		check_fts(db, p, err);
	if (db_schema_version(db) >= DB_SCHEMA_WORDS)
		check_words(db, p, err);
	if (db_schema_version(db) >= DB_SCHEMA_TALLY)
		check_tally(db, p, err);
	if ((rc = db_verify_schema(db, p, err)))
		return rc;
	db_verify_rows(db, p);
	return ERR_OK;
}

int
db_check(struct db *db, void (*report)(const char *problem, void *arg),
	 void *arg, struct error *err)
{
	struct db_problems p = { .report = report, .arg = arg };
	int rc;

	if (!db)
		return error_set(err, ERR_INVALID, NULL, _("no database"));
	if ((rc = db_check_all(db, &p, err)))
		return rc;
	if (p.count)
		return error_set(err, ERR_DATABASE, NULL,
				 _("%d problems found in %s"), p.count, db->path);
	return ERR_OK;
}
