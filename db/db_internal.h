/* SPDX-License-Identifier: EUPL-1.2 */
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
#include <stdio.h>
#include <sys/types.h>

#include "db.h"
#include "store.h"
#include "src/base/entity.h"
#include "src/base/error.h"
#include "src/base/query.h"
#include "src/base/record.h"

/* PRAGMA application_id of a salkku database: "SALK". */
#define DB_APPLICATION_ID 1396788299

/* The first schema (migration 7) without custom collations: key
 * columns, the meta rows 'application' and 'schema_version', and the
 * triggers that tell salkku's writes from those of other programs by a
 * 'writing' row in meta, which salkku holds from BEGIN to COMMIT. */
#define DB_SCHEMA_PLAIN 8

/* The first schema (migration 9) with this database's id, the bases
 * and tombstones of exchanges and organisations' business IDs. */
#define DB_SCHEMA_EXCHANGE 9
/* From this schema on, project_words (search by base form) is there. */
#define DB_SCHEMA_WORDS 11
/* From this schema on, tally holds the number of projects. */
#define DB_SCHEMA_TALLY 14
/* From this schema on, the keys of outside writes are spelt once, in
 * the view text_keys. */
#define DB_SCHEMA_KEY_VIEW 17
/* From this schema on, the index project_hit serves a ranked search. */
#define DB_SCHEMA_HIT 18
/* From this schema on, writing a change-log entry or a project's
 * record builds no temporary table (migration 20). */
#define DB_SCHEMA_LEAN_WRITES 20
/* From this schema on, word_list holds every term of project_words. */
#define DB_SCHEMA_WORD_LIST 21

/* The number of projects, from tally (kept by triggers), counted only
 * when another tool deleted its row. */
#define TALLY_PROJECTS_SQL \
	"SELECT coalesce((SELECT n FROM tally WHERE name = 'project'), " \
	"(SELECT count(*) FROM project))"

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

/* The projects a search's words match, as a bitmap over project ids
 * (db_hits.c): read once per search and kept until the words or the
 * data change, so that counting the matches and reading a page of them
 * in any order cost no second pass over the full-text index.  A read
 * may stop early, after the matches of the lowest ids: the bits then
 * say nothing of the ids above `known`. */
/* The data as something was read from them: a write since, ours
 * (total_changes) or another connection's (PRAGMA data_version), makes
 * what was read stale. */
struct data_stamp {
	int64_t data_version;  /* -1: unknown, the same as nothing */
	int64_t changes;
};

/* The stamp of the data now. */
struct data_stamp db_stamp(struct db *db);

/* Whether a and b stamp the same data; never when either is unknown. */
bool db_stamp_same(struct data_stamp a, struct data_stamp b);

struct hit_set {
	char *query;           /* the FTS5 query they answer; NULL: none read */
	uint64_t *bits;
	int64_t limit;         /* ids below it have a bit */
	int64_t count;         /* bits set */
	bool complete;         /* every match read */
	int64_t known;         /* else: the bits of ids up to this one hold */
	int64_t max_id;        /* the highest project id when read */
	struct data_stamp stamp;
};

struct db {
	sqlite3 *sql;
	char *path;
	bool readonly;
	int busy_timeout_ms;   /* the wait for a lock within one statement */
	int64_t busy_since;    /* when the present wait began (monotonic ms) */
	/* Told while a write waits for another process's lock; false from
	 * it gives up the wait (db.h, db_set_wait_hook). */
	bool (*on_wait)(void *arg, int64_t waited_ms);
	void *wait_arg;
	/* A search may be abandoned while armed (db_set_cancel). */
	db_cancel_fn cancel;
	void *cancel_arg;
	bool cancel_armed, cancelled;
	/* Asked while the report's statements run (store_report_watch). */
	bool (*watch)(void *arg);
	void *watch_arg;
	struct hit_set hits;
	char *terms;           /* what db_terms_of returned last */
	int busy_total_ms;     /* db_begin/db_commit's bound on retrying */
	struct entity_cache ent[ENT_COUNT];
	struct stmt_entry *stmts[DB_STMT_BUCKETS];
	/* The full-text index's tokenizer "salkku" and its cache of
	 * analysed words (db_words.c); SQLite frees it on close. */
	struct fts_words *fts_words;
	/* The change log's source for the writes of an import, or "". */
	char log_source[256];
	/* An import in slices: the full-text rows wait in temp.import_fts
	 * until its records are all written (store_undo.c). */
	bool fts_deferred;
	/* The file this connection opened (db_file.c), to notice it being
	 * deleted or replaced under us. */
	bool file_known;
	dev_t file_dev;
	ino_t file_ino;
};

/* An import's staging database (store_stage.c). */
struct json_stage {
	sqlite3 *sql;
	sqlite3_stmt *put, *note;
	bool not_object;   /* the document's top level is no object */
};

/* The mark and schema version a .dump carries (the meta table, from
 * the plain schema on), read from conn: the version, or 0 when the file
 * bears no such mark.  The header's application_id and user_version
 * are the fast path; a file restored from a .dump has them blank. */
int64_t db_meta_version(sqlite3 *conn);

/* ---- store_json_read.c: the full-text rows during an import ------- */

/* Inside a write transaction: the triggers only note the projects whose
 * full-text rows need refreshing (fts_pause); false when not paused. */
bool store_fts_pause(struct db *db);

/* Refreshes the rows noted while paused, and ends the pause. */
int store_fts_resume(struct db *db, struct error *err);

/* ---- db_hits.c: the matches of a search ---------------------------- */

/* Makes db->hits the projects that the FTS5 query `query` matches in
 * project_words, unless it already is: all of them (cap 0), or those
 * of the lowest ids, stopping at the cap-th (then incomplete, when
 * there are more).  Abandoned (ERR_DATABASE, db->cancelled) when the
 * cancel hook says so while armed. */
int db_hits_read(struct db *db, const char *query, int64_t cap,
		 struct error *err);

/* Whether a page of `need` projects costs less read along the sort
 * key's index, each project past the hits known tested against the
 * full-text index, than reading every match first: from a read that
 * stopped at `found` matches among the ids up to `known`, of ids up to
 * `max_id`.  Density d = found / known estimates the matches (d times
 * max_id) and the projects tested for the page (need / d); a test costs
 * about DB_WALK_COST reads of a match. */
#define DB_WALK_COST 200
bool db_hits_walk(int64_t found, int64_t known, int64_t max_id, int64_t need);

/* Forgets the hits (on close, or when a read failed half-way). */
void db_hits_clear(struct hit_set *h);

/* Arms (or disarms) the cancel hook for the statements that follow;
 * true when, asked at once, it says to give up already. */
bool db_cancel_arm(struct db *db, bool armed);

/* Disarms it after the statements, keeping whether it gave up. */
void db_cancel_disarm(struct db *db);

/* The SQL function salkku_hit(id): 1 when the project is in db->hits,
 * 0 when not, NULL when the hits say nothing of it (an id above
 * `known` of a read that stopped early). */
void db_hit_function(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* ---- db_file.c: the file under the connection ---------------------- */

/* Remembers the device and inode of db->path, just opened. */
void db_file_remember(struct db *db);

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

/* The kinds of key column (migration 7). */
enum db_key {
	DB_KEY_FOLD,   /* text_fold_key(): uniqueness and exact lookups */
	DB_KEY_SORT,   /* text_sort_key(): the Nordic order */
};

/* The column holding field's key of that kind, or NULL when it has none:
 * project code (fold, sort) and name (sort); organisation name (fold,
 * sort) and short name (fold). */
const char *db_key_column(const struct entity_def *def, int field,
			  enum db_key key);

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

/* A new time-ordered uuid (version 7), for change-log entries. */
void db_uuid_v7(char out[UUID_LEN + 1]);

/* True for a lower-case uuid in canonical 8-4-4-4-12 form. */
bool db_uuid_valid(const char *s);

/* Case-insensitive comparison of UTF-8 text by text_fold_char(): equal
 * exactly when the fold keys are (the unique indexes), and the "fold"
 * collation of schemas before 7.  Changing the folding needs a
 * migration that recomputes the keys and text_key_map. */
int db_fold_compare(const char *a, size_t alen, const char *b, size_t blen);

/* ---- db_fts.c ------------------------------------------------------ */

/* What a person typed as an FTS5 query: the words the index's own
 * tokenizer finds in it, each with its base forms, quoted and
 * prefix-matched, every word required ("lasten koti" becomes
 * ("lasten"* OR "lapsi"*) AND ("koti"*)); a prefix of more than six
 * letters is named as the words of the index it begins (db_terms_of:
 * "sijaishuollon" becomes ("sijaishuollon" OR "sijaishuolto")).
 * Nothing typed is read as query syntax.  Newly allocated; "" when there
 * are no words; NULL with err set on failure. */
char *db_fts_query(struct db *db, const char *text, struct error *err);

/* ---- db_terms.c ---------------------------------------------------- */

/* The words of project_words that begin with prefix, as
 * "word\0word\0\0" (kept in db->terms: valid until the next call), when
 * FTS5 keeps no list of the prefix itself (more than six characters)
 * and they are at most 16; else NULL, and the prefix is searched as it
 * is. */
const char *db_terms_of(struct db *db, const char *prefix);

/* Rebuilds project_words (the index by base form) from
 * project_fts_source, and notes which analyser made it; inside the
 * caller's transaction. */
int db_fts_rebuild(struct db *db, struct error *err);

/* The rows of the projects in words_pending made again (the whole index
 * when another analyser made it), inside the caller's transaction:
 * db_commit runs it, so that salkku's own writes
 * leave project_words current and only other tools' wait for
 * db_fts_refresh. */
int db_fts_flush(struct db *db, struct error *err);

/* Brings project_words up to date, in its own transaction: rebuilt
 * when another analyser made it (Voikko installed or removed since),
 * else the rows of the projects in words_pending made again.  Does
 * nothing on a read-only connection or inside a transaction.  Run by
 * db_open (searching false: the analyser, which loads Voikko, is
 * compared only when rows wait or none is noted) and before each search
 * and check (searching true). */
int db_fts_refresh(struct db *db, bool searching, struct error *err);

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

/* From db_words_gather to db_words_gathered, every term the tokenizer
 * gives a row written to project_words is added to word_list (from
 * DB_SCHEMA_WORD_LIST on; before it, nothing is). */
int db_words_gather(struct db *db, struct error *err);
void db_words_gathered(struct db *db);

/* How many words' analyses the tokenizer keeps (for the tests). */
size_t db_fts_cached(struct db *db);

/* ---- db.c ---------------------------------------------------------- */

/* Sets SQLite up for this process (one thread, no memory statistics)
 * before it initialises itself: called before any sqlite3_open_v2;
 * harmless once SQLite is running. */
void db_library_setup(void);

/* Checks what is at path before SQLite opens it: a folder, device, FIFO
 * or socket is ERR_DATABASE, and so is a file shorter than its header
 * says; an empty file too unless create; a missing file is
 * ERR_NOT_FOUND unless create, and a symbolic link to nothing is
 * refused either way.  With identity and not create, a header without
 * salkku's mark or of a newer schema is ERR_DATABASE as well.  Messages
 * name the file. */
int db_check_path(const char *path, bool create, bool identity,
		  struct error *err);

/* "file:PATH?immutable=1", PATH percent-encoded, for sqlite3_open_v2
 * with SQLITE_OPEN_URI: a file that is only read (a backup), without
 * SQLite making -wal and -shm files beside one in WAL mode, or failing
 * where it may not write them.  Newly allocated; NULL when out of
 * memory. */
char *db_immutable_uri(const char *path);

/* A private temporary database (deleted when closed) with salkku's
 * collations and functions, and no schema: where a backup is checked
 * and made ready before it replaces the database. */
int db_open_temp(struct db **out, struct error *err);

/* Marks the open transaction as salkku's (the 'writing' row in meta),
 * so that the schema's triggers do not take its writes for another
 * program's; nothing on a schema before DB_SCHEMA_PLAIN. */
int db_mark_writing(struct db *db, struct error *err);

/* Removes the mark before COMMIT: it never reaches the file. */
int db_unmark_writing(struct db *db, struct error *err);

/* ---- db_verify.c -------------------------------------------------- */

/* Problems found by a check: each is passed to report (may be NULL);
 * the first is kept for a message. */
struct db_problems {
	void (*report)(const char *problem, void *arg);
	void *arg;
	int count;
	char first[512];
};

void db_problem(struct db_problems *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Everything db_check() runs, into p (db_check.c).  ERR_OK unless a
 * check could not run at all. */
int db_check_all(struct db *db, struct db_problems *p, struct error *err);

/* Compares sqlite_master (tables, indexes, triggers, views) with what
 * this binary's migrations make of an empty database at the same
 * user_version; each object missing, extra or changed is a problem.
 * ERR_OK unless the comparison itself could not run. */
int db_verify_schema(struct db *db, struct db_problems *p, struct error *err);

/* Records whose version is not an integer from 1 to DB_VERSION_MAX, and
 * change-log rows of an unknown entity or action. */
void db_verify_rows(struct db *db, struct db_problems *p);

/* The highest version db has ever handed out that is known: the
 * highest stored, or the version floor (deleted records, restores).
 * -1 when it cannot be read. */
int db_max_version(struct db *db, int64_t *out);

/* ---- schema.c ------------------------------------------------------ */

/* SQL yielding each code point (below U+0500) whose fold or sort key,
 * as the schema's triggers compute it, differs from salkku's own. */
extern const char db_key_sql_check[];

/* Runs the migrations after the current user_version up to target, each
 * in its own BEGIN IMMEDIATE transaction. */
int db_migrate(struct db *db, int target, struct error *err);

/* ---- store_write.c: shared by the store files ---------------------- */

/* Writes into buf (size bytes) what rec is called in the change log
 * and in messages: its title field, after the organisation's short name
 * for roles and funding lines ("ISO: administrator"), cut to a line. */
void store_title(struct db *db, const struct record *rec, char *buf,
		 size_t size);

/* Writes the WHERE clause that keeps def's records of the projects an
 * export selects (?1: a JSON array of their uuids); nothing when it
 * exports all (store_json.c). */
void store_put_selection(FILE *f, const struct entity_def *def,
			 const struct export_filter *filter);

/* Writes the members "deleted" and "bases" of an export (sel: the
 * selected projects as in store_json.c). */
int store_export_exchange(struct db *db, FILE *out,
			  const struct export_filter *filter, const char *sel,
			  struct error *err);

/* Remembers the deletion of rec (store_exchange.c). */
int store_tombstone_put(struct db *db, const struct record *rec,
			const char *title, const char *at, struct error *err);

/* One change-log entry, by its parts (store_log for a record). */
struct log_row {
	const struct entity_def *def;
	const char *uuid, *project, *title;
	const char *action;      /* "insert", "update" or "delete" */
	int field;               /* -1 for the whole record */
	const char *old_value, *new_value;
	const char *who, *at;
};
int store_log_row(struct db *db, const struct log_row *r, struct error *err);

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
