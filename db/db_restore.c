/* db_restore.c — putting a backup back, with SQLite's backup API, into
 * a database that others may have open. */
#include "config.h"

#include "db.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db_internal.h"
#include "src/base/i18n.h"

/* The uuid, time and author of the newest change in the change log of
 * conn, "" when there is none. */
static void
last_change(sqlite3 *conn, char uuid[40], char at[32], char who[64])
{
	sqlite3_stmt *st = NULL;

	uuid[0] = at[0] = who[0] = '\0';
	if (sqlite3_prepare_v2(conn, "SELECT uuid, at, who FROM change_log "
				     "ORDER BY at DESC, id DESC LIMIT 1",
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

/* Checks that src is a salkku backup this program can read. */
static int
check_backup(sqlite3 *src, const char *path, struct error *err)
{
	int64_t version;

	if (pragma_int(src, "PRAGMA application_id") != DB_APPLICATION_ID)
		return error_set(err, ERR_INVALID, NULL,
				 _("%s is not a salkku database"), path);
	version = pragma_int(src, "PRAGMA user_version");
	if (version > db_schema_latest())
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s was written by a newer salkku (schema %lld; this one knows %d)"),
				 path, (long long)version, db_schema_latest());
	return ERR_OK;
}

int
db_restore(struct db *db, const char *src_path, bool force, struct error *err)
{
	char ours_uuid[40], ours_at[32], ours_who[64];
	char theirs_uuid[40], theirs_at[32], theirs_who[64];
	sqlite3 *src = NULL;
	sqlite3_backup *bk;
	int rc, step, tries = 0;

	if (db->readonly)
		return error_set(err, ERR_FAILED, NULL,
				 _("the database is open read-only: nothing was changed"));
	if (sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		rc = error_set(err, ERR_NOT_FOUND, NULL, _("cannot open %s: %s"),
			       src_path, src ? sqlite3_errmsg(src) : _("out of memory"));
		goto out;
	}
	if ((rc = check_backup(src, src_path, err)) != ERR_OK)
		goto out;
	/* Newer means: the database's newest change is not in the backup,
	 * so restoring would lose it.  Times alone cannot tell within one
	 * second. */
	last_change(db->sql, ours_uuid, ours_at, ours_who);
	last_change(src, theirs_uuid, theirs_at, theirs_who);
	if (!force && ours_uuid[0] && !has_change(src, ours_uuid)) {
		rc = error_set(err, ERR_INVALID, NULL,
			       _("the database is newer than the backup (its last change: %s by %s; the backup's: %s): "
				 "restore with --force to discard the changes since"),
			       ours_at, ours_who, theirs_at[0] ? theirs_at : _("none"));
		goto out;
	}
	if (!(bk = sqlite3_backup_init(db->sql, "main", src, "main"))) {
		rc = db_fail(db, err, "restore");
		goto out;
	}
	/* One step: the copy replaces the whole database at once, under the
	 * write lock, so others see either the old or the restored one. */
	while ((step = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY ||
	       step == SQLITE_LOCKED) {
		struct timespec ts = { 0, 50 * 1000000L };

		if (++tries > 200)
			break;
		nanosleep(&ts, NULL);
	}
	sqlite3_backup_finish(bk);
	if (step != SQLITE_DONE) {
		rc = error_set(err, ERR_DATABASE, NULL, _("cannot restore from %s: %s"),
			       src_path, sqlite3_errstr(step));
		goto out;
	}
	/* An older backup comes back at its own schema: bring it up.  The
	 * cached statements re-prepare themselves on the changed schema. */
	rc = db_migrate(db, db_schema_latest(), err);
out:
	sqlite3_close(src);
	return rc;
}
