/* SPDX-License-Identifier: EUPL-1.2 */
/* db.c — opening and closing the connection, and transactions. */
#include "config.h"

#include "db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "src/base/clock.h"
#include "src/base/i18n.h"
#include "src/base/text.h"

/* How long SQLite itself waits for a lock in one statement, and how long
 * db_begin/db_commit keep retrying in all. */
#define BUSY_TIMEOUT_MS 5000
#define BUSY_TOTAL_MS 10000

/* The collations of schemas 1 to 6, whose migrations still run on every
 * new database and whose indexes an older file has until migration 7
 * drops them; no index of the current schema uses them. */
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

/* The key columns' values (text_sort_key, text_fold_key): salkku's own
 * writes fill them with these; other programs' writes, through the
 * schema's triggers, with the same keys computed in SQL.  Never used in
 * the schema itself, which every SQLite tool must be able to read. */
static void
result_key(sqlite3_context *ctx, sqlite3_value *arg,
	   char *(*make)(const char *, size_t))
{
	const char *s = (const char *)sqlite3_value_text(arg);
	char *key;

	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	if (!(key = make(s, (size_t)sqlite3_value_bytes(arg)))) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, key, -1, free);
}

static void
fn_sort_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	result_key(ctx, argv[0], text_sort_key);
}

static void
fn_fold_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	result_key(ctx, argv[0], text_fold_key);
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
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_collation_v2(db->sql, "nordic", SQLITE_UTF8, NULL,
					collate_nordic, NULL) != SQLITE_OK ||
	    sqlite3_create_collation_v2(db->sql, "fold", SQLITE_UTF8, NULL,
					collate_fold, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db->sql, "salkku_sort_key", 1, flags,
				       NULL, fn_sort_key, NULL,
				       NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db->sql, "salkku_fold_key", 1, flags,
				       NULL, fn_fold_key, NULL,
				       NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db->sql, "salkku_has_item", 2,
				       flags, NULL, fn_has_item,
				       NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db->sql, "salkku_hit", 1,
				       SQLITE_UTF8 | SQLITE_DIRECTONLY,
				       &db->hits, db_hit_function,
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

/* What stat() says path is, when it is not a regular file: refused
 * before SQLite opens it, as opening a FIFO blocks and a device or a
 * folder would get a journal written beside it. */
static const char *
file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return _("a folder");
	if (S_ISFIFO(mode))
		return _("a FIFO");
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return _("a device");
	if (S_ISSOCK(mode))
		return _("a socket");
	return _("not a regular file");
}

void
db_library_setup(void)
{
	/* Before SQLite initialises itself; later calls return
	 * SQLITE_MISUSE and change nothing.  One thread uses SQLite (the
	 * editor's child execs at once), so its mutexes are dead weight,
	 * and no one reads its memory statistics, whose upkeep takes a
	 * mutex on every allocation: the two were a seventh of the
	 * instructions of a start, most of them in parsing the schema. */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* The database header (100 bytes) and page 1's b-tree header. */
#define HEADER_BYTES 108

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* The first bytes of path (the header and page 1's b-tree header) into
 * h, and the file's size into *size, when they are what SQLite will go
 * by: not when a -wal beside it may hold newer pages.  Read through
 * SQLite's own file (opened immutable: no -wal or -shm made), as
 * closing a descriptor of our own could drop the locks of a connection
 * this process has open on the same file.  The order matters while
 * others write: a checkpoint writes page 1 before it extends the file,
 * and empties the -wal only when it is done; so the header first, then
 * the -wal, then the size. */
static bool
read_header(const char *path, unsigned char h[HEADER_BYTES], off_t *size)
{
	char wal[4096], *uri = db_immutable_uri(path);
	sqlite3_file *file = NULL;
	sqlite3_int64 bytes = 0;
	sqlite3 *conn = NULL;
	struct stat ws;
	bool ok = false;

	if (!uri || sqlite3_open_v2(uri, &conn, SQLITE_OPEN_READONLY |
				    SQLITE_OPEN_URI, NULL) != SQLITE_OK ||
	    sqlite3_file_control(conn, "main", SQLITE_FCNTL_FILE_POINTER,
				 &file) != SQLITE_OK ||
	    !file || !file->pMethods ||
	    file->pMethods->xRead(file, h, HEADER_BYTES, 0) != SQLITE_OK)
		goto out;
	snprintf(wal, sizeof wal, "%s-wal", path);
	if ((stat(wal, &ws) == 0 && ws.st_size > 0) ||
	    file->pMethods->xFileSize(file, &bytes) != SQLITE_OK)
		goto out;
	*size = (off_t)bytes;
	ok = true;
out:
	sqlite3_close(conn);
	free(uri);
	return ok;
}

/* The size the header gives a file cut short (a copy that ran out of
 * space), which SQLite would find damaged only on reaching the missing
 * pages; 0 when it is whole or not a database at all. */
static int64_t
truncated_size(const unsigned char *h, off_t size)
{
	uint32_t page = (uint32_t)h[16] << 8 | h[17], pages = be32(h + 28);

	if (memcmp(h, "SQLite format 3", 16))
		return 0;
	if (page == 1)
		page = 65536;
	/* The page count is valid only while the change counter matches. */
	if (be32(h + 24) != be32(h + 92) || page < 512)
		return 0;
	if ((int64_t)pages * page > (int64_t)size)
		return (int64_t)pages * page;
	return 0;
}

int64_t
db_meta_version(sqlite3 *conn)
{
	sqlite3_stmt *st = NULL;
	int64_t app = 0, version = 0;

	if (sqlite3_prepare_v2(conn, "SELECT (SELECT value FROM meta WHERE "
				     "key = 'application'), (SELECT value FROM "
				     "meta WHERE key = 'schema_version')",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		app = sqlite3_column_int64(st, 0);
		version = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return app == DB_APPLICATION_ID && version > 0 ? version : 0;
}

static int64_t
meta_version(sqlite3 *conn)
{
	return db_meta_version(conn);
}

/* The same through an immutable connection, before the real open. */
static int64_t
meta_version_at(const char *path)
{
	char *uri = db_immutable_uri(path);
	sqlite3 *conn = NULL;
	int64_t version = 0;

	if (uri && sqlite3_open_v2(uri, &conn, SQLITE_OPEN_READONLY |
				   SQLITE_OPEN_URI, NULL) == SQLITE_OK)
		version = meta_version(conn);
	sqlite3_close(conn);
	free(uri);
	return version;
}

/* salkku's mark and schema version from the header: a file that is not
 * ours is refused before SQLite opens it (read-only, it would make
 * -wal and -shm files beside it). */
static int
check_header(const char *path, const unsigned char *h, struct error *err)
{
	uint32_t app = be32(h + 68), version = be32(h + 60);
	/* Page 1 a leaf with no cells: sqlite_master is empty. */
	bool empty = h[100] == 0x0d && h[103] == 0 && h[104] == 0;

	if (memcmp(h, "SQLite format 3", 16))
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s is not a salkku database (not an SQLite file)"),
				 path);
	/* A copy made through .dump: the header is blank, meta says. */
	if (app == 0 && version == 0 && !empty &&
	    (version = (uint32_t)meta_version_at(path)) > 0)
		app = DB_APPLICATION_ID;
	if (app != DB_APPLICATION_ID && !empty)
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s is an SQLite database of another program, not of salkku"),
				 path);
	if (app != DB_APPLICATION_ID || version < 1)
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s is an empty SQLite database, not a salkku database"),
				 path);
	if (version > (uint32_t)db_schema_latest())
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s was written by a newer salkku (schema %d; this one knows up to %d): upgrade salkku to open it"),
				 path, (int)version, db_schema_latest());
	return ERR_OK;
}

int
db_check_path(const char *path, bool create, bool identity,
	      struct error *err)
{
	unsigned char h[HEADER_BYTES];
	struct stat sb;
	off_t size;
	char target[4096];
	int64_t whole;
	ssize_t n;

	db_library_setup();
	if (stat(path, &sb) == 0) {
		if (!S_ISREG(sb.st_mode))
			return error_set(err, ERR_DATABASE, NULL,
					 _("%s is %s, not a salkku database"), path,
					 file_kind(sb.st_mode));
		if (sb.st_size == 0 && !create)
			return error_set(err, ERR_DATABASE, NULL,
					 _("%s is an empty file, not a salkku database"),
					 path);
		if (sb.st_size == 0 || !read_header(path, h, &size))
			return ERR_OK;
		if ((whole = truncated_size(h, size)) > 0)
			return error_set(err, ERR_DATABASE, NULL,
					 _("%s is cut short (%lld bytes of %lld): restore it from a backup"),
					 path, (long long)size, (long long)whole);
		return identity && !create ? check_header(path, h, err) : ERR_OK;
	}
	if (errno != ENOENT)
		return error_set(err, ERR_DATABASE, NULL, _("cannot open %s: %s"),
				 path, strerror(errno));
	/* A link to nothing: SQLite would make its target with the
	 * umask's mode, not the database's own (see salkku(1)). */
	if ((n = readlink(path, target, sizeof target - 1)) >= 0) {
		target[n] = '\0';
		return error_set(err, create ? ERR_DATABASE : ERR_NOT_FOUND, NULL,
				 _("%s is a symbolic link to %s, which does not exist"),
				 path, target);
	}
	if (!create)
		return error_set(err, ERR_NOT_FOUND, NULL,
				 _("%s: no database here"), path);
	return ERR_OK;
}

char *
db_immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(path);
	char *uri = malloc(len * 3 + 32), *o;

	if (!uri)
		return NULL;
	o = uri + sprintf(uri, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	strcpy(o, "?immutable=1");
	return uri;
}

static int
check_file(const char *path, unsigned flags, struct error *err)
{
	bool create = (flags & DB_CREATE) && !(flags & DB_READONLY);
	struct stat sb;
	int rc;

	if ((rc = db_check_path(path, create, true, err)))
		return rc;
	if (stat(path, &sb) == 0)
		return ERR_OK;
	return make_parents(path, err);
}

static void sleep_ms(int64_t ms);

/* SQLite's busy handler: waits for another process's lock with short
 * growing pauses, up to busy_timeout_ms per statement, telling the wait
 * hook how long it has waited so far (the TUI says so on screen, and
 * may give up). */
static int
busy_wait(void *arg, int count)
{
	struct db *db = arg;
	int64_t now = clock_ms(), waited;

	if (count == 0)
		db->busy_since = now;
	waited = now - db->busy_since;
	if (waited >= db->busy_timeout_ms)
		return 0;
	if (db->on_wait && !db->on_wait(db->wait_arg, waited))
		return 0;
	sleep_ms(count < 4 ? 1 << count : 20);
	return 1;
}

void
db_set_wait_hook(struct db *db, bool (*fn)(void *arg, int64_t waited_ms),
		 void *arg)
{
	if (!db)
		return;
	db->on_wait = fn;
	db->wait_arg = arg;
}

/* True when a WAL database's -wal or -shm file is not beside it: a
 * reader who may not create them cannot open it then. */
static bool
wal_files_missing(const char *path)
{
	char name[4096];
	struct stat st;

	snprintf(name, sizeof name, "%s-shm", path);
	if (stat(name, &st) != 0)
		return true;
	snprintf(name, sizeof name, "%s-wal", path);
	return stat(name, &st) != 0;
}

/* Reads the header only: a file that is not ours, or is newer than this
 * binary, is refused before anything could write to it. */
static int
check_identity(struct db *db, bool create, struct error *err)
{
	int64_t version = 0, app = 0, objects = 0;
	struct error e;

	if (db_query_int(db, "PRAGMA user_version", &version, &e) ||
	    db_query_int(db, "PRAGMA application_id", &app, &e) ||
	    db_query_int(db, "SELECT count(*) FROM sqlite_master", &objects, &e)) {
		int code = sqlite3_errcode(db->sql);

		if (db->readonly && ((code & 0xff) == SQLITE_READONLY ||
				     (code & 0xff) == SQLITE_CANTOPEN) &&
		    wal_files_missing(db->path))
			return error_set(err, ERR_DATABASE, NULL,
					 _("%s cannot be read: its -wal and -shm files are gone (a tool such as the sqlite3 shell removes them when it closes the database), and this session may not make them again; a session that may write makes them when it opens the database (for example salkku list, run by a member of its group)"),
					 db->path);
		/* Only what SQLite read and found wrong says what the file is;
		 * a full disk or a lock says nothing about it. */
		if (code != SQLITE_NOTADB && code != SQLITE_CORRUPT)
			return error_set(err, ERR_DATABASE, NULL,
					 _("cannot open %s: %s"), db->path,
					 sqlite3_errmsg(db->sql));
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s is not a salkku database (%s)"), db->path,
				 sqlite3_errmsg(db->sql));
	}
	if (app == 0 && version == 0 && objects > 0 &&
	    (version = meta_version(db->sql)) > 0)
		app = DB_APPLICATION_ID;
	if (app != DB_APPLICATION_ID && (app != 0 || objects > 0))
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s is an SQLite database of another program, not of salkku"),
				 db->path);
	/* Only a creating open may fill an empty database with the schema. */
	if (!create && (app != DB_APPLICATION_ID || version < 1))
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s is an empty SQLite database, not a salkku database"),
				 db->path);
	if (version > db_schema_latest())
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s was written by a newer salkku (schema %d; this one knows up to %d): upgrade salkku to open it"),
				 db->path, (int)version, db_schema_latest());
	return ERR_OK;
}

/* A file copied through .dump comes without application_id and
 * user_version; meta still says whose it is and at which schema, and
 * the header, which is read first, gets them back. */
static int
restore_header(struct db *db, struct error *err)
{
	int64_t user = 0, version;
	char sql[128];

	if (db_query_int(db, "PRAGMA user_version", &user, err))
		return ERR_DATABASE;
	if (user > 0 || (version = meta_version(db->sql)) == 0)
		return ERR_OK;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d;"
		 "PRAGMA user_version = %lld", DB_APPLICATION_ID,
		 (long long)version);
	return db_exec(db, sql, err);
}

static int
open_at(const char *path, unsigned flags, int target, struct db **out,
	struct error *err)
{
	struct db *db = NULL;
	bool memory, create;
	int oflags, rc;

	if (!out)
		return error_set(err, ERR_INVALID, NULL, _("no database handle given"));
	*out = NULL;
	if (!path || !*path)
		return error_set(err, ERR_INVALID, NULL, _("no database path given"));
	if (target < 0 || target > db_schema_latest())
		return error_set(err, ERR_INVALID, NULL,
				 _("there is no schema version %d"), target);
	db_library_setup();
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
	sqlite3_busy_handler(db->sql, busy_wait, db);
	create = !db->readonly && ((flags & DB_CREATE) || memory);
	if ((rc = register_functions(db, err)) || (rc = db_fts_register(db, err)) ||
	    (rc = check_identity(db, create, err)))
		goto fail;
	/* Only now that the file is known to be ours may anything be set
	 * that writes to it. */
	if (!db->readonly && !memory &&
	    (rc = db_exec(db, "PRAGMA journal_mode = WAL", err)))
		goto fail;
	if (!db->readonly && (rc = restore_header(db, err)))
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
	/* A bounded page cache of 2 MB, about 450 pages: every screen
	 * reads a window through an index (the first frame's at 100,000
	 * projects reads some 550, most of them once), so a larger cache
	 * only grows the memory of a long session with pages of screens
	 * left behind (32 MB did, to 57 MB resident at 100,000 projects;
	 * 4 MB to 10.6 MB, 2 MB to 8.5 MB).  db_set_bulk() lends an import
	 * more. */
	if ((rc = db_exec(db, "PRAGMA synchronous = NORMAL;"
			      "PRAGMA cache_size = -2048;"
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
		   (target == db_schema_latest() && (rc = db_fts_refresh(db, false, err)))) {
		goto fail;
	}
	db_file_remember(db);
	*out = db;
	return ERR_OK;
fail:
	db_close(&db);
	return rc;
}

int
db_open_temp(struct db **out, struct error *err)
{
	struct db *db;
	int rc;

	*out = NULL;
	db_library_setup();
	if (!(db = calloc(1, sizeof *db)) || !(db->path = strdup(""))) {
		free(db);
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	}
	db->busy_timeout_ms = BUSY_TIMEOUT_MS;
	db->busy_total_ms = BUSY_TOTAL_MS;
	/* "": a file of SQLite's own in the temporary folder, not memory,
	 * as a portfolio may be hundreds of megabytes. */
	if (sqlite3_open_v2("", &db->sql, SQLITE_OPEN_NOMUTEX |
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		rc = error_set(err, ERR_DATABASE, NULL,
			       _("cannot make a temporary database: %s"),
			       db->sql ? sqlite3_errmsg(db->sql) : _("out of memory"));
		goto fail;
	}
	sqlite3_extended_result_codes(db->sql, 1);
	if ((rc = register_functions(db, err)) || (rc = db_fts_register(db, err)))
		goto fail;
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
	db_hits_clear(&(*db)->hits);
	free((*db)->terms);
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
	/* Read-only, a copy made through .dump keeps its blank header. */
	if (v == 0)
		v = meta_version(db->sql);
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
	int64_t start = clock_ms(), deadline = start + db->busy_total_ms, pause = 10;
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
		left = deadline - clock_ms();
		if ((code == SQLITE_BUSY || code == SQLITE_LOCKED) && db->on_wait &&
		    !db->on_wait(db->wait_arg, clock_ms() - start))
			left = 0;
		if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || left <= 0) {
			db_fail(db, err, !strcmp(sql, "COMMIT")
					 ? _("cannot save the changes")
					 : _("cannot start writing"));
			break;
		}
		sqlite3_reset(st);
		sleep_ms(pause < left ? pause : left);
		pause = pause * 2 > 1000 ? 1000 : pause * 2;
	}
	db_done(st);
	return rc;
}

void
db_set_bulk(struct db *db, bool bulk)
{
	/* An import inserts into every uuid index at random places: with
	 * a few MB of cache the pages of one transaction spill and are read
	 * again (10,000 projects: 11.2 s; with 16 MB, 5.8 s and 45 MB
	 * resident).  Each of its inserts fires triggers (the undo
	 * journal's, the full-text ones), and keeps the pages it changes in
	 * a statement journal, which SQLite writes to a temporary file past
	 * 64 KB: 4.7 million writes of such files at 10,000 projects; in
	 * memory, they cost none.  The log is checkpointed every 1,000
	 * pages as usual: a longer log is copied into the database by the
	 * next connection that commits, another user's save (at 64 MB,
	 * seconds of it). */
	if (db)
		sqlite3_exec(db->sql, bulk ? "PRAGMA cache_size = -16384;"
					     "PRAGMA temp_store = MEMORY"
					   : "PRAGMA cache_size = -2048;"
					     "PRAGMA temp_store = DEFAULT",
			     NULL, NULL, NULL);
}

int
db_begin(struct db *db, struct error *err)
{
	int rc;

	if (!db)
		return error_set(err, ERR_INVALID, NULL, _("no database"));
	if (db->readonly)
		return error_set(err, ERR_DATABASE, NULL,
				 _("the database is open read-only"));
	if (!sqlite3_get_autocommit(db->sql))
		return error_set(err, ERR_DATABASE, NULL,
				 _("internal error: a transaction is already open"));
	if ((rc = step_retrying(db, "BEGIN IMMEDIATE", err)))
		return rc;
	/* Checked with the lock held: a file deleted or replaced under this
	 * session takes no more writes, which would be lost with it. */
	if ((rc = db_file_check(db, err)) || (rc = db_mark_writing(db, err))) {
		db_rollback(db);
		return rc;
	}
	return ERR_OK;
}

int
db_mark_writing(struct db *db, struct error *err)
{
	if (db_schema_version(db) < DB_SCHEMA_PLAIN)
		return ERR_OK;
	return db_exec(db, "INSERT OR REPLACE INTO meta (key, value) "
		       "VALUES ('writing', 1)", err);
}

int
db_unmark_writing(struct db *db, struct error *err)
{
	if (db_schema_version(db) < DB_SCHEMA_PLAIN)
		return ERR_OK;
	return db_exec(db, "DELETE FROM meta WHERE key = 'writing'", err);
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
	if ((rc = db_fts_flush(db, err)) || (rc = db_unmark_writing(db, err)) ||
	    (rc = step_retrying(db, "COMMIT", err)))
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

struct data_stamp
db_stamp(struct db *db)
{
	return (struct data_stamp){ .data_version = db_data_version(db),
				    .changes = sqlite3_total_changes64(db->sql) };
}

bool
db_stamp_same(struct data_stamp a, struct data_stamp b)
{
	return a.data_version >= 0 && a.data_version == b.data_version &&
	       a.changes == b.changes;
}
