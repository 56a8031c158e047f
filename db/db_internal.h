/* db_internal.h — what the files of db/ share and nothing above sees:
 * the connection struct, its statement caches, row <-> record mapping
 * and the error helpers.
 *
 * Statements are prepared once (SQLITE_PREPARE_PERSISTENT) and kept
 * until db_close(): fixed SQL is cached by its text (db_prepare), the
 * generic record statements per entity (db_entity_stmt) and the UPDATEs
 * of a set of changed columns per entity and column mask
 * (db_update_stmt).  A statement handed out must be given back with
 * db_done() before the function returns, so that it is reset and its
 * bindings cleared for the next caller. */
#ifndef SALKKU_DB_INTERNAL_H
#define SALKKU_DB_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "src/base/entity.h"
#include "src/base/error.h"
#include "src/base/query.h"
#include "src/base/record.h"

/* PRAGMA application_id of a salkku database: "SALK". */
#define DB_APPLICATION_ID 1396788299

/* Columns every entity table has before its fields, in this order, in
 * every SELECT of a record: id, uuid, version, updated_at, updated_by. */
#define DB_RECORD_META 5

/* The generic statements of one entity, built from its field table.
 * Parameters: ?1 uuid, ?2 version, ?3 updated_at, ?4 updated_by and
 * field i as ?(5 + i), wherever they occur. */
enum entity_stmt {
	ES_GET,        /* the record with uuid ?1 */
	ES_INSERT,     /* a new row from ?1 .. ?(4 + nfields) */
	ES_DELETE,     /* uuid ?1 at version ?2 */
	ES_CHILDREN,   /* the records of project ?1, dates ascending */
	ES_EACH,       /* every record, by uuid */
	ES_BY_TITLE,   /* every record, by title field in Nordic order */
	ES_OVERWRITE,  /* every field, version and updated_* of uuid ?1 (import) */
	ES_COUNT
};

struct update_stmt {
	uint64_t mask;        /* bit i: field i is SET */
	sqlite3_stmt *st;
};

struct entity_cache {
	sqlite3_stmt *st[ES_COUNT];
	struct update_stmt *updates;
	size_t nupdates, capacity;
};

struct stmt_entry {
	char *sql;
	sqlite3_stmt *st;
	struct stmt_entry *next;
};

#define DB_STMT_BUCKETS 64

struct db {
	sqlite3 *sql;
	char *path;
	bool readonly;
	int busy_timeout_ms;   /* SQLite's own wait for a lock, per statement */
	int busy_total_ms;     /* db_begin/db_commit's bound on retrying */
	struct entity_cache ent[ENT_COUNT];
	struct stmt_entry *stmts[DB_STMT_BUCKETS];
	/* The full-text index's tokenizer "salkku" and its cache of
	 * analysed words (db_words.c); SQLite frees it on close. */
	struct fts_words *fts_words;
	/* The change log's source for the writes of an import, or "". */
	char log_source[256];
};

/* ---- db_cache.c: statements and errors ----------------------------- */

/* The cached statement for sql (compared by text), prepared on first
 * use.  NULL with ERR_DATABASE in err when SQLite refuses it, or when it
 * is still running for an outer caller (re-entrant use). */
sqlite3_stmt *db_prepare(struct db *db, const char *sql, struct error *err);

/* The generic statement `which` of def, built and prepared on first use. */
sqlite3_stmt *db_entity_stmt(struct db *db, const struct entity_def *def,
			     enum entity_stmt which, struct error *err);

/* UPDATE "table" SET <fields of mask>, version = version + 1,
 * updated_at = ?3, updated_by = ?4 WHERE uuid = ?1 AND version = ?2. */
sqlite3_stmt *db_update_stmt(struct db *db, const struct entity_def *def,
			     uint64_t mask, struct error *err);

/* Finalizes every cached statement (before sqlite3_close). */
void db_cache_clear(struct db *db);

/* Resets st and clears its bindings; NULL is fine. */
void db_done(sqlite3_stmt *st);

/* ERR_DATABASE from the connection's last error: "the database is busy"
 * for SQLITE_BUSY/LOCKED, else "<what>: <sqlite3_errmsg>". */
int db_fail(struct db *db, struct error *err, const char *what);

/* ERR_DATABASE unless a write may run now: the connection is writable
 * and inside a transaction (store writes never BEGIN themselves). */
int db_check_write(struct db *db, struct error *err);

/* Runs a script of statements without results (migrations, pragmas). */
int db_exec(struct db *db, const char *sql, struct error *err);

/* The single integer a statement like "PRAGMA user_version" yields. */
int db_query_int(struct db *db, const char *sql, int64_t *out,
		 struct error *err);

/* ---- db_cache.c: records ------------------------------------------- */

/* Reads the current row of st (columns id, uuid, version, updated_at,
 * updated_by, fields...) into a new record of def.  NULL when out of
 * memory. */
struct record *db_row_record(sqlite3_stmt *st, const struct entity_def *def);

/* Binds ?1 uuid, ?2 version, ?3 updated_at, ?4 updated_by and every
 * field whose bit is set in mask as ?(5 + i).  Text is bound without a
 * copy: rec must outlive the statement's run. */
int db_bind_record(sqlite3_stmt *st, const struct record *rec, uint64_t mask);

/* Binds a possibly NULL text without a copy. */
int db_bind_text(sqlite3_stmt *st, int index, const char *text);

/* A duplicate of column col of the current row, or NULL when it is NULL
 * (or out of memory: *oom is then set). */
char *db_column_strdup(sqlite3_stmt *st, int col, bool *oom);

/* Copies column col into buf (size bytes), "" when NULL. */
void db_column_copy(sqlite3_stmt *st, int col, char *buf, size_t size);

/* All fields of def as a bit mask. */
uint64_t db_all_fields(const struct entity_def *def);

/* ---- db_cache.c: uuids and text ------------------------------------ */

/* A new random uuid, lower-case, 36 characters and a NUL. */
void db_uuid_new(char out[UUID_LEN + 1]);

/* True for a lower-case uuid in canonical 8-4-4-4-12 form. */
bool db_uuid_valid(const char *s);

/* Case-insensitive comparison of UTF-8 text (ASCII, Latin-1, Latin
 * Extended-A, Greek and Cyrillic letters fold), for the "fold"
 * collation behind the unique indexes and exact name lookups.  Its
 * order is stored in indexes: changing it needs a REINDEX migration. */
int db_fold_compare(const char *a, size_t alen, const char *b, size_t blen);

/* ---- db_fts.c ------------------------------------------------------ */

/* What a person typed as an FTS5 query: the words the index's own
 * tokenizer finds in it, each with its base forms, quoted and
 * prefix-matched, every word required ("lasten sijaishuollon" becomes
 * ("lasten"* OR "lapsi"*) AND ("sijaishuollon"* OR "sijaishuolto"*)).
 * Nothing typed is read as query syntax.  Newly allocated; "" when there
 * are no words; NULL with err set on failure. */
char *db_fts_query(struct db *db, const char *text, struct error *err);

/* Rebuilds the full-text index from project_fts_source, and notes which
 * analyser made it; inside the caller's transaction. */
int db_fts_rebuild(struct db *db, struct error *err);

/* Rebuilds the index when another analyser made it (Voikko installed or
 * removed since), or when a writer left projects to refresh; in its own
 * transaction.  Writable connections only. */
int db_fts_refresh(struct db *db, struct error *err);

/* ---- db_words.c ---------------------------------------------------- */

/* Registers the tokenizer "salkku" (base forms by Voikko, else Snowball
 * stems, else the words alone) on the connection: db_open, before the
 * migrations, since the index cannot be read or written without it. */
int db_fts_register(struct db *db, struct error *err);

/* Called for each word of a text: the word (case folded) and its base
 * forms and stems, a list of NUL-ended strings ended by "".  Non-zero
 * stops. */
typedef int (*fts_words_fn)(void *arg, const char *word, const char *forms);

/* The words of text, as the tokenizer reads a query: an SQLite code. */
int db_fts_words(struct db *db, const char *text, fts_words_fn each, void *arg);

/* Which analyser the tokenizer uses here: "voikko", "snowball" or
 * "words" (static). */
const char *db_fts_analyser(struct db *db);

/* ---- schema.c ------------------------------------------------------ */

/* Runs the migrations after the current user_version up to target, each
 * in its own BEGIN IMMEDIATE transaction. */
int db_migrate(struct db *db, int target, struct error *err);

/* ---- store_write.c: shared by the store files ---------------------- */

/* Writes into buf (size bytes) what rec is called in the change log
 * and in messages: its title field, after the organisation's short name
 * for roles and funding lines ("ISO: administrator"), cut to a line. */
void store_title(struct db *db, const struct record *rec, char *buf,
		 size_t size);

/* The change-log entry for rec: action "insert"/"update"/"delete";
 * field -1 for a whole record.  old/new are storage text or NULL. */
int store_log(struct db *db, const struct record *rec, const char *title,
	      const char *action, int field, const char *old_value,
	      const char *new_value, const char *who, const char *at,
	      struct error *err);

/* One "update" entry for each field of mask, old → rec. */
int store_log_changes(struct db *db, const struct record *old,
		      const struct record *rec, uint64_t mask, const char *who,
		      const char *at, struct error *err);

/* Maps a failed write of rec to an error: a duplicate unique field, a
 * missing referenced record or a missing required value is ERR_INVALID
 * naming the field; anything else ERR_DATABASE. */
int store_write_failed(struct db *db, const struct record *rec,
		       struct error *err);

/* Reads the stored record of def with this uuid.  ERR_NOT_FOUND when it
 * does not exist (err untouched), ERR_DATABASE on failure. */
int store_read(struct db *db, const struct entity_def *def, const char *uuid,
	       struct record **out, struct error *err);

#endif
