/* db.c — opening and closing the connection, and transactions. */
#include "config.h"

#include "db.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "db_internal.h"
#include "src/base/i18n.h"
#include "src/base/text.h"

/* How long SQLite itself waits for a lock in one statement, and how long
 * db_begin/db_commit keep retrying in all. */
#define BUSY_TIMEOUT_MS 5000
#define BUSY_TOTAL_MS 10000

static int
collate_nordic(void *arg, int alen, const void *a, int blen, const void *b)
{
	(void)arg;
	return text_collate(a, (size_t)alen, b, (size_t)blen);
}

static int
collate_fold(void *arg, int alen, const void *a, int blen, const void *b)
{
	(void)arg;
	return db_fold_compare(a, (size_t)alen, b, (size_t)blen);
}

static void
trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* salkku_has_item(list, item): 1 when item is one whole item of the
 * comma-separated list, compared case-insensitively ("Lastensuojelu" is
 * an item of "kirjaaminen, lastensuojelu"); a LIKE pattern could not
 * tell "suojelu" from "lastensuojelu" nor escape what people type. */
static void
fn_has_item(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *list = (const char *)sqlite3_value_text(argv[0]);
	const char *item = (const char *)sqlite3_value_text(argv[1]);
	size_t llen = (size_t)sqlite3_value_bytes(argv[0]);
	size_t ilen = (size_t)sqlite3_value_bytes(argv[1]);

	(void)argc;
	if (!list || !item) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	trim(&item, &ilen);
	while (llen > 0) {
		const char *comma = memchr(list, ',', llen);
		size_t n = comma ? (size_t)(comma - list) : llen;
		const char *part = list;
		size_t plen = n;

		trim(&part, &plen);
		if (plen && !db_fold_compare(part, plen, item, ilen)) {
			sqlite3_result_int(ctx, 1);
			return;
		}
		if (!comma)
			break;
		list += n + 1;
		llen -= n + 1;
	}
	sqlite3_result_int(ctx, 0);
}

static int
register_functions(struct db *db, struct error *err)
{
	if (sqlite3_create_collation_v2(db->sql, "nordic", SQLITE_UTF8, NULL,
					collate_nordic, NULL) != SQLITE_OK ||
	    sqlite3_create_collation_v2(db->sql, "fold", SQLITE_UTF8, NULL,
					collate_fold, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db->sql, "salkku_has_item", 2,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC |
				       SQLITE_INNOCUOUS, NULL, fn_has_item,
				       NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, _("cannot register the collations"));
	return ERR_OK;
}

/* mkdir -p of the folder that will hold path; private, as the portfolio
 * is the centre's working data. */
static int
make_parents(const char *path, struct error *err)
{
	char *dir = strdup(path), *slash;
	int rc = ERR_OK;

	if (!dir)
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		goto out;
	*slash = '\0';
	for (char *p = dir + 1;; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			rc = error_set(err, ERR_DATABASE, NULL,
				       _("cannot create the folder %s: %s"), dir,
				       strerror(errno));
			goto out;
		}
		*p = c;
		if (!c)
			break;
	}
out:
	free(dir);
	return rc;
}

static int
check_file(const char *path, unsigned flags, struct error *err)
{
	struct stat sb;

	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return error_set(err, ERR_DATABASE, NULL,
					 _("%s is a folder, not a database"), path);
		return ERR_OK;
	}
	if (errno != ENOENT)
		return error_set(err, ERR_DATABASE, NULL, _("cannot open %s: %s"),
				 path, strerror(errno));
	if (!(flags & DB_CREATE) || (flags & DB_READONLY))
		return error_set(err, ERR_NOT_FOUND, NULL,
				 _("there is no database at %s"), path);
	return make_parents(path, err);
}

/* Reads the header only: a file that is not ours, or is newer than this
 * binary, is refused before anything could write to it. */
static int
check_identity(struct db *db, struct error *err)
{
	int64_t version = 0, app = 0, objects = 0;
	struct error e;

	if (db_query_int(db, "PRAGMA user_version", &version, &e) ||
	    db_query_int(db, "PRAGMA application_id", &app, &e) ||
	    db_query_int(db, "SELECT count(*) FROM sqlite_master", &objects, &e))
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s is not a salkku database (%s)"), db->path,
				 sqlite3_errmsg(db->sql));
	if (app != DB_APPLICATION_ID && (app != 0 || objects > 0))
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s is an SQLite database of another program, not of salkku"),
				 db->path);
	if (version > db_schema_latest())
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s was written by a newer salkku (schema %d; this one knows up to %d): upgrade salkku to open it"),
				 db->path, (int)version, db_schema_latest());
	return ERR_OK;
}

static int
open_at(const char *path, unsigned flags, int target, struct db **out,
	struct error *err)
{
	struct db *db = NULL;
	bool memory;
	int oflags, rc;

	if (!out)
		return error_set(err, ERR_INVALID, NULL, _("no database handle given"));
	*out = NULL;
	if (!path || !*path)
		return error_set(err, ERR_INVALID, NULL, _("no database path given"));
	if (target < 0 || target > db_schema_latest())
		return error_set(err, ERR_INVALID, NULL,
				 _("there is no schema version %d"), target);
	memory = !strcmp(path, ":memory:");
	if (!memory && (rc = check_file(path, flags, err)))
		return rc;
	if (!(db = calloc(1, sizeof *db)) || !(db->path = strdup(path))) {
		free(db);
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	}
	db->readonly = flags & DB_READONLY;
	db->busy_timeout_ms = BUSY_TIMEOUT_MS;
	db->busy_total_ms = BUSY_TOTAL_MS;
	/* One connection, one thread: no need for SQLite's mutexes. */
	oflags = SQLITE_OPEN_NOMUTEX |
		 (db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
	if (!db->readonly && ((flags & DB_CREATE) || memory))
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->sql, oflags, NULL) != SQLITE_OK) {
		rc = error_set(err, ERR_DATABASE, NULL, _("cannot open %s: %s"),
			       path, db->sql ? sqlite3_errmsg(db->sql)
					     : _("out of memory"));
		goto fail;
	}
	sqlite3_extended_result_codes(db->sql, 1);
	sqlite3_busy_timeout(db->sql, db->busy_timeout_ms);
	if ((rc = register_functions(db, err)) || (rc = db_fts_register(db, err)) ||
	    (rc = check_identity(db, err)))
		goto fail;
	/* Only now that the file is known to be ours may anything be set
	 * that writes to it. */
	if (!db->readonly && !memory &&
	    (rc = db_exec(db, "PRAGMA journal_mode = WAL", err)))
		goto fail;
	/* The last writer to close leaves -wal and -shm in place: a user who
	 * may only read cannot create them, and could not open the database
	 * while no writer is about. */
	if (!db->readonly && !memory) {
		int persist = 1;

		sqlite3_file_control(db->sql, "main", SQLITE_FCNTL_PERSIST_WAL,
				     &persist);
		/* ... but empty: checkpointed and cut to nothing on close. */
		if ((rc = db_exec(db, "PRAGMA journal_size_limit = 0", err)))
			goto fail;
	}
	/* 32 MB of page cache rather than SQLite's 2 MB: a portfolio of
	 * 100,000 projects is some hundreds of megabytes, and imports touch
	 * its indexes all over. */
	if ((rc = db_exec(db, "PRAGMA synchronous = NORMAL;"
			      "PRAGMA cache_size = -32768;"
			      "PRAGMA foreign_keys = ON", err)))
		goto fail;
	if (db->readonly) {
		if (db_schema_version(db) < target) {
			rc = error_set(err, ERR_DATABASE, NULL,
				       _("%s has an older schema (%d; this salkku uses %d): open it once without read-only to upgrade it"),
				       path, db_schema_version(db), target);
			goto fail;
		}
	} else if ((rc = db_migrate(db, target, err)) ||
		   (target == db_schema_latest() && (rc = db_fts_refresh(db, err)))) {
		goto fail;
	}
	*out = db;
	return ERR_OK;
fail:
	db_close(&db);
	return rc;
}

int
db_open(const char *path, unsigned flags, struct db **out, struct error *err)
{
	return open_at(path, flags, db_schema_latest(), out, err);
}

int
db_open_at_version(const char *path, int target, struct db **out,
		   struct error *err)
{
	return open_at(path, DB_CREATE, target, out, err);
}

void
db_close(struct db **db)
{
	if (!db || !*db)
		return;
	if ((*db)->sql) {
		db_rollback(*db);
		db_cache_clear(*db);
		sqlite3_close((*db)->sql);
	}
	free((*db)->path);
	free(*db);
	*db = NULL;
}

int
db_schema_version(struct db *db)
{
	int64_t v = -1;

	if (!db || db_query_int(db, "PRAGMA user_version", &v, NULL))
		return -1;
	return (int)v;
}

const char *
db_path(struct db *db)
{
	return db ? db->path : NULL;
}

bool
db_is_readonly(struct db *db)
{
	return db && db->readonly;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(int64_t ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Runs BEGIN IMMEDIATE or COMMIT.  SQLite's busy handler already waits
 * inside one step, but not in every case (a WAL snapshot that went
 * stale, recovery by another process), so a busy answer is retried with
 * growing pauses until busy_total_ms have passed. */
static int
step_retrying(struct db *db, const char *sql, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int64_t deadline = now_ms() + db->busy_total_ms, pause = 10;
	int rc = ERR_DATABASE;

	if (!st)
		return rc;
	for (;;) {
		int src = sqlite3_step(st), code = src & 0xff;
		int64_t left;

		if (src == SQLITE_DONE) {
			rc = ERR_OK;
			break;
		}
		left = deadline - now_ms();
		if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || left <= 0) {
			db_fail(db, err, sql);
			break;
		}
		sqlite3_reset(st);
		sleep_ms(pause < left ? pause : left);
		pause = pause * 2 > 1000 ? 1000 : pause * 2;
	}
	db_done(st);
	return rc;
}

int
db_begin(struct db *db, struct error *err)
{
	if (!db)
		return error_set(err, ERR_INVALID, NULL, _("no database"));
	if (db->readonly)
		return error_set(err, ERR_DATABASE, NULL,
				 _("the database is open read-only"));
	if (!sqlite3_get_autocommit(db->sql))
		return error_set(err, ERR_DATABASE, NULL,
				 _("internal error: a transaction is already open"));
	return step_retrying(db, "BEGIN IMMEDIATE", err);
}

int
db_begin_read(struct db *db, struct error *err)
{
	if (!db)
		return error_set(err, ERR_INVALID, NULL, _("no database"));
	if (!sqlite3_get_autocommit(db->sql))
		return error_set(err, ERR_DATABASE, NULL,
				 _("internal error: a transaction is already open"));
	return db_exec(db, "BEGIN", err);
}

int
db_commit(struct db *db, struct error *err)
{
	int rc;

	if (!db)
		return error_set(err, ERR_INVALID, NULL, _("no database"));
	if (sqlite3_get_autocommit(db->sql))
		return error_set(err, ERR_DATABASE, NULL,
				 _("internal error: no transaction to commit"));
	/* A commit that cannot happen leaves nothing half-done behind. */
	if ((rc = step_retrying(db, "COMMIT", err)))
		db_rollback(db);
	return rc;
}

void
db_rollback(struct db *db)
{
	if (db && db->sql && !sqlite3_get_autocommit(db->sql))
		db_exec(db, "ROLLBACK", NULL);
}

int64_t
db_data_version(struct db *db)
{
	int64_t v = -1;

	if (!db || db_query_int(db, "PRAGMA data_version", &v, NULL))
		return -1;
	return v;
}
