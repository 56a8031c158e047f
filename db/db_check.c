/* db_check.c — integrity checks and backups of the whole database. */
#include "config.h"

#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

/* True when path is an SQLite database with salkku's application id. */
static bool
is_salkku_file(const char *path)
{
	sqlite3 *other = NULL;
	sqlite3_stmt *st = NULL;
	bool ours = false;

	if (sqlite3_open_v2(path, &other, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(other, "PRAGMA application_id", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		ours = sqlite3_column_int64(st, 0) == DB_APPLICATION_ID;
	sqlite3_finalize(st);
	sqlite3_close(other);
	return ours;
}

static int
prepare_dest(struct db *db, const char *dest, struct error *err)
{
	struct stat ds, ss;
	int fd;

	if (stat(dest, &ds) == 0) {
		if (stat(db->path, &ss) == 0 && ds.st_dev == ss.st_dev &&
		    ds.st_ino == ss.st_ino)
			return error_set(err, ERR_INVALID, NULL,
					 _("%s is the database itself"), dest);
		if (!S_ISREG(ds.st_mode) || !is_salkku_file(dest))
			return error_set(err, ERR_INVALID, NULL,
					 _("%s exists and is not a salkku database: not overwriting it"),
					 dest);
		return ERR_OK;
	}
	if (errno != ENOENT)
		return error_set(err, ERR_FAILED, NULL, _("cannot back up to %s: %s"),
				 dest, strerror(errno));
	/* Created here, private and exclusively, before SQLite opens it. */
	if ((fd = open(dest, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
		return error_set(err, ERR_FAILED, NULL, _("cannot create %s: %s"),
				 dest, strerror(errno));
	close(fd);
	return ERR_OK;
}

int
db_backup(struct db *db, const char *dest, struct error *err)
{
	sqlite3 *out = NULL;
	sqlite3_backup *bk;
	int rc, src, tries = 0;

	if (!db || !dest || !*dest)
		return error_set(err, ERR_INVALID, NULL,
				 _("no backup file given"));
	if ((rc = prepare_dest(db, dest, err)))
		return rc;
	if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = error_set(err, ERR_DATABASE, NULL, _("cannot open %s: %s"),
			       dest, out ? sqlite3_errmsg(out) : _("out of memory"));
		goto out;
	}
	if (!(bk = sqlite3_backup_init(out, "main", db->sql, "main"))) {
		rc = error_set(err, ERR_DATABASE, NULL, _("cannot back up to %s: %s"),
			       dest, sqlite3_errmsg(out));
		goto out;
	}
	/* In one step: in WAL mode it reads one snapshot and writers go on
	 * meanwhile, whereas a copy in several steps starts over whenever
	 * another process commits, and might never end on a busy day.  A
	 * step that finds the source busy waits and tries again. */
	while ((src = sqlite3_backup_step(bk, -1)) == SQLITE_OK ||
	       ((src == SQLITE_BUSY || src == SQLITE_LOCKED) && tries++ < 200)) {
		if (src != SQLITE_OK) {
			struct timespec ts = { 0, 50 * 1000000L };

			nanosleep(&ts, NULL);
		}
	}
	sqlite3_backup_finish(bk);
	if (src != SQLITE_DONE)
		rc = error_set(err, ERR_DATABASE, NULL, _("cannot back up to %s: %s"),
			       dest, sqlite3_errstr(src));
	else
		rc = ERR_OK;
out:
	sqlite3_close(out);
	return rc;
}
