/* SPDX-License-Identifier: EUPL-1.2 */
/* db_backup.c — copying the whole database to a file, consistently,
 * while others write. */
#include "config.h"

#include "db.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "src/base/i18n.h"

/* True when path is an SQLite database with salkku's application id. */
static bool
is_salkku_file(const char *path)
{
	sqlite3 *other = NULL;
	sqlite3_stmt *st = NULL;
	char *uri = db_immutable_uri(path);
	bool ours = false;

	db_library_setup();
	if (uri &&
	    sqlite3_open_v2(uri, &other, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
			    NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(other, "PRAGMA application_id", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		ours = sqlite3_column_int64(st, 0) == DB_APPLICATION_ID;
	sqlite3_finalize(st);
	sqlite3_close(other);
	free(uri);
	return ours;
}

/* Where the backup goes: dest, or the file a link at dest points to.
 * An existing file must be an older salkku backup, not the database
 * itself.  *target is newly allocated. */
static int
backup_target(struct db *db, const char *dest, char **target,
	      struct error *err)
{
	struct stat ds, ss;

	*target = NULL;
	if (stat(dest, &ds) == 0) {
		if (stat(db->path, &ss) == 0 && ds.st_dev == ss.st_dev &&
		    ds.st_ino == ss.st_ino)
			return error_set(err, ERR_INVALID, NULL,
					 _("%s is the database itself"), dest);
		if (access(dest, R_OK) != 0)
			return error_set(err, ERR_FAILED, NULL,
					 _("cannot back up to %s: %s (it is not this user's to read)"),
					 dest, strerror(errno));
		if (!S_ISREG(ds.st_mode) || !is_salkku_file(dest))
			return error_set(err, ERR_INVALID, NULL,
					 _("%s exists and is not a salkku database: not overwriting it"),
					 dest);
		/* Replace the file a link points to, not the link. */
		if (!(*target = realpath(dest, NULL)))
			return error_set(err, ERR_FAILED, NULL,
					 _("cannot back up to %s: %s"), dest,
					 strerror(errno));
		return ERR_OK;
	}
	if (errno != ENOENT)
		return error_set(err, ERR_FAILED, NULL, _("cannot back up to %s: %s"),
				 dest, strerror(errno));
	if (lstat(dest, &ds) == 0)
		return error_set(err, ERR_INVALID, NULL,
				 _("%s is a symbolic link to a file that does not exist: not following it"),
				 dest);
	if (!(*target = strdup(dest)))
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	return ERR_OK;
}

/* A backup is the team's as the database is: readable by the database
 * file's group when the database is (never writable by it, never by
 * others), in that group when this user may give it.  mkstemp made it
 * 0600. */
static void
give_group_read(struct db *db, const char *tmp)
{
	struct stat st;

	if (stat(db->path, &st) != 0 || !(st.st_mode & S_IRGRP))
		return;
	/* A user outside the group cannot chgrp; the mode still says it. */
	if (chown(tmp, (uid_t)-1, st.st_gid) != 0) {
		struct stat mine;

		if (stat(tmp, &mine) != 0 || mine.st_gid != st.st_gid)
			return;
	}
	chmod(tmp, 0640);
}

/* Removes a temporary copy and its journal. */
static void
remove_temp(const char *tmp)
{
	char journal[PATH_MAX + 16];

	unlink(tmp);
	snprintf(journal, sizeof journal, "%s-journal", tmp);
	unlink(journal);
}

/* Copies the database into the new file tmp, in one step: in WAL mode
 * it reads one snapshot and writers go on meanwhile, whereas a copy in
 * several steps starts over whenever another process commits, and might
 * never end on a busy day.  A step that finds the source busy waits and
 * tries again.  The SQLite result. */
static int
copy_to(struct db *db, const char *tmp, int *sys_errno)
{
	sqlite3 *out = NULL;
	sqlite3_backup *bk;
	int src, tries = 0;

	if ((src = sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE, NULL)) != SQLITE_OK)
		goto out;
	if (!(bk = sqlite3_backup_init(out, "main", db->sql, "main"))) {
		src = sqlite3_errcode(out);
		goto out;
	}
	while ((src = sqlite3_backup_step(bk, -1)) == SQLITE_OK ||
	       ((src == SQLITE_BUSY || src == SQLITE_LOCKED) && tries++ < 200)) {
		if (src != SQLITE_OK) {
			struct timespec ts = { 0, 50 * 1000000L };

			nanosleep(&ts, NULL);
		}
	}
	sqlite3_backup_finish(bk);
	if (src == SQLITE_DONE)
		src = SQLITE_OK;
	/* An ordinary rollback-journal file, not WAL like its source: one
	 * that a reader in a read-only place can open without making -wal
	 * and -shm beside it, and any tool can copy as one file. */
	if (src == SQLITE_OK)
		src = sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
out:
	/* "disk I/O error" alone does not say that the disk is full. */
	*sys_errno = out ? sqlite3_system_errno(out) : 0;
	if (sqlite3_close(out) != SQLITE_OK && src == SQLITE_OK)
		src = SQLITE_IOERR;
	return src;
}

int
db_backup(struct db *db, const char *dest, struct error *err)
{
	char *target = NULL, *tmp = NULL;
	int rc, src, fd, sys = 0;

	if (!db || !dest || !*dest)
		return error_set(err, ERR_INVALID, NULL,
				 _("no backup file given"));
	if ((rc = backup_target(db, dest, &target, err)))
		return rc;
	/* Into a new private file beside the target, renamed over it when
	 * complete: a backup that fails half-way (a full disk) leaves the
	 * older backup as it was, and no half-written one. */
	if (asprintf(&tmp, "%s.XXXXXX", target) < 0) {
		tmp = NULL;
		rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
		goto out;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		rc = error_set(err, ERR_FAILED, NULL, _("cannot create %s: %s"),
			       dest, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	close(fd);
	if ((src = copy_to(db, tmp, &sys)) != SQLITE_OK) {
		rc = error_set(err, ERR_DATABASE, NULL, _("cannot back up to %s: %s"),
			       dest, sys ? strerror(sys) : sqlite3_errstr(src));
		remove_temp(tmp);
		goto out;
	}
	give_group_read(db, tmp);
	if (rename(tmp, target) != 0) {
		rc = error_set(err, ERR_FAILED, NULL, _("cannot back up to %s: %s"),
			       dest, strerror(errno));
		remove_temp(tmp);
		goto out;
	}
	rc = ERR_OK;
out:
	free(tmp);
	free(target);
	return rc;
}
