/* SPDX-License-Identifier: EUPL-1.2 */
/* db_restore.c — putting a backup back, with SQLite's backup API, into
 * a database that others may have open.
 *
 * The backup is first copied into a private temporary database and
 * checked there (integrity, schema, rows), brought up to this binary's
 * schema and given versions above every version the database has
 * handed out; only then does it replace the database, in one step.  So
 * a damaged backup changes nothing, what is checked is what is copied,
 * and a version read before the restore never matches again. */
#include "config.h"

#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "db_internal.h"
#include "src/base/entity.h"
#include "src/base/i18n.h"

/* The uuid, time and author of the change last written to conn's change
 * log, "" when there is none.  Last written, by row id: the times are
 * what an import brought and prove nothing. */
static void
last_change(sqlite3 *conn, char uuid[40], char at[32], char who[64])
{
	sqlite3_stmt *st = NULL;

	uuid[0] = at[0] = who[0] = '\0';
	if (sqlite3_prepare_v2(conn, "SELECT uuid, at, who FROM change_log "
				     "ORDER BY id DESC LIMIT 1",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		snprintf(uuid, 40, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(at, 32, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(who, 64, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
}

/* True when conn's change log holds the entry uuid. */
static bool
has_change(sqlite3 *conn, const char *uuid)
{
	sqlite3_stmt *st = NULL;
	bool found = false;

	if (sqlite3_prepare_v2(conn, "SELECT 1 FROM change_log WHERE uuid = ?1",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC) == SQLITE_OK)
		found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static int64_t
pragma_int(sqlite3 *conn, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Opens the backup for reading.  A backup with a -wal file beside it
 * (copied while in use) is opened normally, so that SQLite reads what
 * the -wal holds. */
static int
open_backup(const char *path, sqlite3 **out, struct error *err)
{
	char wal[4096];
	struct stat sb;
	char *uri = NULL;
	int rc;

	*out = NULL;
	db_library_setup();
	snprintf(wal, sizeof wal, "%s-wal", path);
	if (stat(wal, &sb) == 0 && sb.st_size > 0) {
		rc = sqlite3_open_v2(path, out, SQLITE_OPEN_READONLY, NULL);
	} else {
		if (!(uri = db_immutable_uri(path)))
			return error_set(err, ERR_FAILED, NULL, _("out of memory"));
		rc = sqlite3_open_v2(uri, out, SQLITE_OPEN_READONLY |
				     SQLITE_OPEN_URI, NULL);
		free(uri);
	}
	if (rc != SQLITE_OK)
		return error_set(err, ERR_INVALID, NULL, _("cannot open %s: %s"),
				 path, *out ? sqlite3_errmsg(*out) : _("out of memory"));
	return ERR_OK;
}

/* The header: salkku's, of a schema this binary knows. */
static int
check_header(sqlite3 *src, const char *path, struct error *err)
{
	int64_t app = pragma_int(src, "PRAGMA application_id");
	int64_t version = pragma_int(src, "PRAGMA user_version");
	int64_t dumped = app == 0 && version == 0 ? db_meta_version(src) : 0;

	/* A backup made through .dump and the sqlite3 shell: meta says. */
	if (dumped > 0) {
		app = DB_APPLICATION_ID;
		version = dumped;
	}

	if (app < 0 || version < 0)
		return error_set(err, ERR_INVALID, NULL,
				 _("%s is not a salkku backup: %s"), path,
				 sqlite3_errmsg(src));
	if (app != DB_APPLICATION_ID)
		return error_set(err, ERR_INVALID, NULL,
				 _("%s is not a salkku backup (an SQLite database of another program)"),
				 path);
	if (version > db_schema_latest())
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s was written by a newer salkku (schema %lld; this one knows %d)"),
				 path, (long long)version, db_schema_latest());
	if (version < 1)
		return error_set(err, ERR_INVALID, NULL,
				 _("%s is not a salkku backup (it holds no schema)"),
				 path);
	return ERR_OK;
}

/* Copies src into dest whole, in one step, retrying while dest is
 * locked by others; the SQLite result. */
static int
copy_all(sqlite3 *dest, sqlite3 *src)
{
	sqlite3_backup *bk = sqlite3_backup_init(dest, "main", src, "main");
	int step, tries = 0;

	if (!bk)
		return sqlite3_errcode(dest);
	while ((step = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY ||
	       step == SQLITE_LOCKED) {
		struct timespec ts = { 0, 50 * 1000000L };

		if (++tries > 200)
			break;
		nanosleep(&ts, NULL);
	}
	sqlite3_backup_finish(bk);
	return step == SQLITE_DONE ? SQLITE_OK : step;
}

/* Copies the backup at path into a new temporary database *out. */
static int
load_backup(const char *path, struct db **out, struct error *err)
{
	sqlite3 *src = NULL;
	int rc, step;

	/* Not a usable file is a bad backup, not a bad database. */
	if ((rc = db_check_path(path, false, false, err))) {
		char why[sizeof err->message];

		if (rc != ERR_DATABASE || !err)
			return rc;
		snprintf(why, sizeof why, "%s", err->message);
		return error_set(err, ERR_INVALID, NULL, "%s", why);
	}
	if ((rc = open_backup(path, &src, err)) ||
	    (rc = check_header(src, path, err)) ||
	    (rc = db_open_temp(out, err)))
		goto out;
	if ((step = copy_all((*out)->sql, src)) != SQLITE_OK) {
		int sys = sqlite3_system_errno((*out)->sql);
		int code = step & 0xff;

		/* A full temporary folder is not the backup's fault. */
		rc = error_set(err, code == SQLITE_FULL || code == SQLITE_IOERR
				    ? ERR_DATABASE : ERR_INVALID, NULL,
			       _("cannot read the backup %s: %s"), path,
			       sys ? strerror(sys) : sqlite3_errstr(step));
		goto out;
	}
	/* The copy keeps the backup's WAL flag in its header; a temporary
	 * database keeps a rollback journal. */
	rc = db_exec(*out, "PRAGMA journal_mode = DELETE", err);
	/* A copy of a .dump has a blank header: the copy gets salkku's. */
	if (rc == ERR_OK && pragma_int((*out)->sql, "PRAGMA application_id") == 0) {
		int64_t version = db_meta_version((*out)->sql);
		char sql[96];

		snprintf(sql, sizeof sql,
			 "PRAGMA application_id = %d; PRAGMA user_version = %lld",
			 (int)DB_APPLICATION_ID, (long long)version);
		if (version > 0)
			rc = db_exec(*out, sql, err);
	}
out:
	sqlite3_close(src);
	if (rc)
		db_close(out);
	return rc;
}

/* Everything `check` looks at, on the copy of the backup. */
static int
verify_backup(struct db *work, const char *path, struct error *err)
{
	struct db_problems p = { 0 };
	int rc;

	if ((rc = db_check_all(work, &p, err)))
		return rc;
	if (!p.count)
		return ERR_OK;
	if (p.count == 1)
		return error_set(err, ERR_INVALID, NULL,
				 _("%s is damaged or not a complete salkku backup (%s): nothing was restored"),
				 path, p.first);
	return error_set(err, ERR_INVALID, NULL,
			 _("%s is damaged or not a complete salkku backup (%s; %d problems in all): nothing was restored"),
			 path, p.first, p.count);
}

/* Every record of work at version floor + 1, and the floor kept. */
static int
lift_versions(struct db *work, int64_t floor, struct error *err)
{
	int rc;

	if ((rc = db_exec(work, "BEGIN", err)))
		return rc;
	for (int k = 0; k < ENT_COUNT && !rc; k++) {
		char sql[128];
		sqlite3_stmt *st;

		snprintf(sql, sizeof sql, "UPDATE \"%s\" SET version = ?1",
			 entities[k]->table);
		if (!(st = db_prepare(work, sql, err))) {
			rc = ERR_DATABASE;
			break;
		}
		sqlite3_bind_int64(st, 1, floor + 1);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(work, err, sql);
		db_done(st);
	}
	if (!rc) {
		sqlite3_stmt *st = db_prepare(work, "UPDATE meta SET value = "
					      "max(value, ?1) WHERE key = "
					      "'version_floor'", err);

		if (!st)
			rc = ERR_DATABASE;
		else {
			sqlite3_bind_int64(st, 1, floor);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = db_fail(work, err, "version floor");
			db_done(st);
		}
	}
	if (!rc)
		rc = db_exec(work, "COMMIT", err);
	if (rc)
		db_rollback(work);
	return rc;
}

int
db_restore(struct db *db, const char *src_path, bool force, struct error *err)
{
	char ours_uuid[40], ours_at[32], ours_who[64];
	char theirs_uuid[40], theirs_at[32], theirs_who[64];
	struct db *work = NULL;
	struct stat bs, ds;
	int64_t floor;
	int rc, step;

	if (db->readonly)
		return error_set(err, ERR_FAILED, NULL,
				 _("the database is open read-only: nothing was changed"));
	if (stat(src_path, &bs) == 0 && stat(db->path, &ds) == 0 &&
	    bs.st_dev == ds.st_dev && bs.st_ino == ds.st_ino)
		return error_set(err, ERR_INVALID, NULL,
				 _("%s is the database itself"), src_path);
	if ((rc = load_backup(src_path, &work, err)) ||
	    (rc = verify_backup(work, src_path, err)))
		goto out;
	/* Newer means: the change last written to the database is not in
	 * the backup, so restoring would lose it. */
	last_change(db->sql, ours_uuid, ours_at, ours_who);
	last_change(work->sql, theirs_uuid, theirs_at, theirs_who);
	if (!force && ours_uuid[0] && !has_change(work->sql, ours_uuid)) {
		rc = error_set(err, ERR_CONFLICT, NULL,
			       _("the database is newer than the backup (its last change: %s by %s; the backup's: %s): "
				 "restore with --force to discard the changes since"),
			       ours_at, ours_who, theirs_at[0] ? theirs_at : _("none"));
		goto out;
	}
	if ((rc = db_migrate(work, db_schema_latest(), err)))
		goto out;
	if (db_max_version(db, &floor) < 0) {
		rc = db_fail(db, err, _("cannot read the versions of the database"));
		goto out;
	}
	/* The copy is a temporary file of no name: the message names the
	 * backup. */
	if ((rc = lift_versions(work, floor, err))) {
		char why[sizeof err->message];

		snprintf(why, sizeof why, "%s", err ? err->message : "");
		rc = error_set(err, rc, NULL,
			       _("cannot restore from %s: %s (the database was not changed)"),
			       src_path, why);
		goto out;
	}
	/* One step: the copy replaces the whole database at once, under the
	 * write lock, so others see either the old or the restored one.
	 * The cached statements re-prepare themselves on the new schema. */
	if ((step = copy_all(db->sql, work->sql)) != SQLITE_OK) {
		int sys = sqlite3_system_errno(db->sql);

		rc = error_set(err, ERR_DATABASE, NULL,
			       _("cannot restore from %s: %s (the database was not changed)"),
			       src_path, sys ? strerror(sys) : sqlite3_errstr(step));
	}
out:
	db_close(&work);
	return rc;
}
