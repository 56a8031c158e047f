/* SPDX-License-Identifier: EUPL-1.2 */
/* db.h — the connection: opening, schema migrations, transactions,
 * integrity checks and backups.  The only layer that includes
 * <sqlite3.h>; everything above sees struct db as opaque.
 *
 * Every function that can fail returns an enum err_code (ERR_OK on
 * success) and fills *err, which may be NULL. */
#ifndef SALKKU_DB_H
#define SALKKU_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/error.h"

struct db;

enum db_open_flags {
	DB_READONLY = 1 << 0,  /* SQLITE_OPEN_READONLY; never creates or migrates */
	DB_CREATE   = 1 << 1,  /* create the file (and its directory) if missing */
};

/* The highest record version salkku accepts: 2^53 - 1, as for every
 * integer an import reads (exact in every JSON reader); `check` reports
 * versions above it. */
#define DB_VERSION_MAX INT64_C(9007199254740991)

/* The schema version this binary writes (the number of migrations). */
int db_schema_latest(void);

/* Opens path (":memory:" for tests), sets foreign keys on, WAL (not for
 * :memory:), a busy timeout, registers salkku's key functions (and the
 * collations of old schemas), writes back the header of a copy made by
 * .dump (whose meta table says it is salkku's), and migrates the schema to db_schema_latest() in numbered steps, each in
 * its own transaction.  A database whose user_version is newer than this
 * binary knows is refused with ERR_DATABASE and left untouched; so is a
 * file that is not a SQLite database.  A missing file without DB_CREATE
 * is ERR_NOT_FOUND; with it, missing folders are made (mode 0700).
 * *out is the caller's, to close with db_close(), and is used from one
 * thread at a time. */
int db_open(const char *path, unsigned flags, struct db **out,
	    struct error *err);

/* As db_open, but migrates only up to version `target` (tests of
 * migrations from an older schema). */
int db_open_at_version(const char *path, int target, struct db **out,
		       struct error *err);

/* Finalizes every cached statement and closes; *db becomes NULL. */
void db_close(struct db **db);

/* The schema version of the open database (PRAGMA user_version). */
int db_schema_version(struct db *db);

/* The file path the connection was opened with (borrowed). */
const char *db_path(struct db *db);

/* True when the connection was opened read-only. */
bool db_is_readonly(struct db *db);

/* BEGIN IMMEDIATE: takes the write lock at once, so a transaction never
 * fails half-way with SQLITE_BUSY.  Waits with backoff while another
 * process writes, up to the busy timeout, then ERR_DATABASE "the
 * database is busy".  One transaction per user action. */
int db_begin(struct db *db, struct error *err);

/* A larger page cache while bulk is true (an import's one transaction),
 * the usual small one again when false. */
void db_set_bulk(struct db *db, bool bulk);

/* fn is told, every few milliseconds, how long a write has waited so far
 * for another process's lock; returning false gives the wait up (the
 * write then fails as busy).  NULL: wait quietly. */
void db_set_wait_hook(struct db *db, bool (*fn)(void *arg, int64_t waited_ms),
		      void *arg);

/* Asked now and then while a search runs (a project list or count with
 * words): true abandons it, and the call then fails with db_cancelled()
 * true, so that typing never waits for a search the next key makes
 * stale.  Nothing that writes is ever abandoned.  NULL: never. */
typedef bool (*db_cancel_fn)(void *arg);
void db_set_cancel(struct db *db, db_cancel_fn fn, void *arg);

/* Whether the last search failed because it was abandoned. */
bool db_cancelled(const struct db *db);

/* ERR_DATABASE, saying which, when the path no longer names the file
 * this connection opened (deleted, or replaced by another file); db_begin
 * checks it with the write lock held. */
int db_file_check(struct db *db, struct error *err);

/* The same as a question, for a session that polls (the TUI). */
bool db_file_gone(struct db *db);

/* Whether a process has the database at path open: its pid, -1 when
 * some process does but its pid is not known, 0 when none.  Only for a
 * caller that has no connection to path open itself. */
long db_file_user(const char *path);

/* A read transaction (plain BEGIN) for a consistent multi-query read. */
int db_begin_read(struct db *db, struct error *err);

int db_commit(struct db *db, struct error *err);

/* Rolls back if a transaction is open; harmless otherwise. */
void db_rollback(struct db *db);

/* PRAGMA data_version: changes when another connection commits.  The
 * TUI polls it to refresh. */
int64_t db_data_version(struct db *db);

/* Runs PRAGMA integrity_check and foreign_key_check and the FTS index's
 * own check (not on a read-only connection: FTS5 runs it as a write),
 * and compares every full-text row with what it should hold.  Each
 * problem found is passed to report() (may be NULL); returns ERR_OK
 * when there were none, ERR_DATABASE otherwise. */
int db_check(struct db *db, void (*report)(const char *problem, void *arg),
	     void *arg, struct error *err);

/* Rebuilds the full-text index from the projects, in one transaction:
 * for an index that db_check finds out of date, since no other program
 * can write it (it needs salkku's tokenizer).  ERR_INVALID read-only. */
int db_fts_reindex(struct db *db, struct error *err);

/* Copies the whole database to dest_path with SQLite's online backup
 * API, consistent even while others write.  A new file is created
 * private (0600).  An existing dest_path is overwritten only when it is
 * itself a salkku database (an older backup); anything else there, or
 * the database itself, is ERR_INVALID and left alone. */
int db_backup(struct db *db, const char *dest_path, struct error *err);

/* Replaces the whole database with the backup at src_path (online
 * backup API, one step under the write lock), then migrates it to this
 * binary's schema.  Refused with ERR_INVALID when the database has
 * changes newer than the backup's newest, unless force; a file that is
 * not a salkku database is ERR_INVALID, one from a newer salkku
 * ERR_DATABASE. */
int db_restore(struct db *db, const char *src_path, bool force,
	       struct error *err);

#endif
