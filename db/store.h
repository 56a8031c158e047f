/* SPDX-License-Identifier: EUPL-1.2 */
/* store.h — records in and out of the database.
 *
 * Generic over entity_def: the column lists come from the field tables
 * in src/entity.c.  Writes must run inside db_begin()/db_commit(); each
 * write also appends to the change log (who, when, field, old, new) and
 * keeps the full-text index current.  Reads may run outside a
 * transaction.
 *
 * Every function returns an enum err_code and fills *err (may be NULL). */
#ifndef SALKKU_STORE_H
#define SALKKU_STORE_H

#include <stdio.h>

#include "src/base/error.h"
#include "src/base/json_check.h"
#include "src/base/query.h"
#include "src/base/record.h"
#include "db.h"

/* The record of def with this uuid.  ERR_NOT_FOUND when there is none.
 * *out is the caller's. */
int store_get(struct db *db, const struct entity_def *def, const char *uuid,
	      struct record **out, struct error *err);

/* store_get() for a record that is as likely not to exist (an import's):
 * ERR_NOT_FOUND leaves err untouched, without a message to make. */
int store_find(struct db *db, const struct entity_def *def, const char *uuid,
	       struct record **out, struct error *err);

/* The project whose code is code (case-insensitive), else the one whose
 * uuid it is.  ERR_NOT_FOUND. */
int store_get_project(struct db *db, const char *code, struct record **out,
		      struct error *err);

/* The project whose code is code, compared as the database's uniqueness
 * does (store_code_compare); never looked up as a uuid.  ERR_NOT_FOUND. */
int store_project_by_code(struct db *db, const char *code,
			  struct record **out, struct error *err);

/* Compares two codes or names as the database's unique indexes do
 * (their fold keys: case folded, also outside ASCII): 0 when the
 * database holds them as the same. */
int store_code_compare(const char *a, const char *b);

/* The organisation named by text: its uuid, its short name or its name
 * (case-insensitive, exact).  ERR_NOT_FOUND when none matches,
 * ERR_INVALID when several do (the message lists them). */
int store_find_organisation(struct db *db, const char *text,
			    struct record **out, struct error *err);

/* Inserts rec.  An empty rec->uuid gets a new random one (libuuid);
 * rec->id, version (1), updated_at and updated_by are filled in.  A
 * duplicate of a F_UNIQUE field is ERR_INVALID naming the field.  The
 * change log gets one "insert" entry. */
int store_insert(struct db *db, struct record *rec, const char *who,
		 struct error *err);

/* Writes rec over the stored record with the same uuid, provided the
 * stored version still equals rec->version; otherwise ERR_CONFLICT with
 * err->current_version, changed_by and changed_at set.  Only changed
 * fields are written, each logged as one "update" entry; when nothing
 * changed it writes nothing and returns ERR_OK.  On success rec->version
 * and updated_* hold the new values. */
int store_update(struct db *db, struct record *rec, const char *who,
		 struct error *err);

/* Deletes the record (version-checked as store_update).  A project or
 * organisation takes its dependent records with it (each logged); an
 * organisation still named in a role or funding line is ERR_INVALID
 * unless those go first. */
int store_delete(struct db *db, const struct record *rec, const char *who,
		 struct error *err);

/* Appends to out every record of def belonging to the project, in a
 * natural order (dates ascending, undated last, then creation; status
 * changes in the order they were made). */
int store_children(struct db *db, const struct entity_def *def,
		   const char *project_uuid, struct record_list *out,
		   struct error *err);

/* Appends every organisation, by name in Nordic order. */
int store_organisations(struct db *db, struct record_list *out,
			struct error *err);

/* Appends the window of organisations q describes (query.h), in name
 * order; a window reads its rows through the index on the name, so
 * that it costs the window, not the organisations. */
int store_organisation_window(struct db *db, const struct org_query *q,
			      struct record_list *out, struct error *err);

/* How many organisations q's text and kinds keep. */
int store_organisation_count(struct db *db, const struct org_query *q,
			     int64_t *count, struct error *err);

/* Calls fn for every record of def, in uuid order, until fn returns
 * non-zero (which is then returned).  fn may keep the record (taking
 * ownership) by setting it to NULL; otherwise it is freed after. */
int store_each(struct db *db, const struct entity_def *def,
	       int (*fn)(struct record **rec, void *arg), void *arg,
	       struct error *err);

/* Calls fn for every project in the order of the project table (by
 * code, in Nordic order), with its administrator's short name or name
 * (NULL when it has none), one at a time, until fn returns non-zero
 * (which is then returned). */
int store_each_project_listed(struct db *db,
			      int (*fn)(const struct record *rec,
					const char *administrator, void *arg),
			      void *arg, struct error *err);

/* The project table.  Appends at most q->limit rows from q->offset in
 * q->sort order.  Cost is bounded by the page, not the portfolio, when
 * there is no text filter. */
int store_project_list(struct db *db, const struct project_query *q,
		       struct project_rows *out, struct error *err);

/* Sets *any when text holds a word the full-text search can look for
 * (as the index's tokenizer splits text: letters and digits).  A
 * q->text of white space only filters nothing; one with no word (only
 * punctuation, or bytes that are not UTF-8) matches no project. */
int store_text_searchable(struct db *db, const char *text, bool *any,
			  struct error *err);

/* Gets the full-text search ready for a first word, as a search would
 * (its index brought up to date, Voikko and Snowball loaded), for a
 * caller that knows a search is coming before its first letter.  A
 * refresh that fails leaves it to the search. */
void store_search_ready(struct db *db);

/* Sets *any when the database holds a project (reading one row). */
int store_has_projects(struct db *db, bool *any, struct error *err);

/* The earliest and the latest date of any project (start or end,
 * actual or planned) as ISO dates, "" when no project has one; read
 * from the ends of two indexes, not by a scan. */
int store_project_span(struct db *db, char first[11], char last[11],
		       struct error *err);

/* Number of projects matching q (limit/offset ignored), and in all. */
int store_project_count(struct db *db, const struct project_query *q,
			int64_t *matching, int64_t *total, struct error *err);

/* As store_project_count, for a list whose first page is read next:
 * a search with more than 5,000 matches, so dense that
 * counting them would cost more than that page, is not counted: *more
 * is then set, and *matching is the number it surely exceeds. */
int store_project_count_quick(struct db *db, const struct project_query *q,
			      int64_t *matching, bool *more, int64_t *total,
			      struct error *err);

/* *ranked: store_project_list gives the rows of q best match first
 * (a search, q->by_relevance, and few enough matches to score), not in
 * the order of q->sort. */
int store_project_ranked(struct db *db, const struct project_query *q,
			 bool *ranked, struct error *err);

/* Change history, newest first: of one project and its records
 * (project_uuid), of one record (record_uuid, with the project it
 * belongs to: project_uuid, the record's own for a project, NULL for an
 * organisation), or of everything (both NULL).  limit 0 means all. */
int store_changes(struct db *db, const char *project_uuid,
		  const char *record_uuid, int64_t limit,
		  struct change_list *out, struct error *err);

/* Appends the window of a project's history q describes (query.h),
 * newest first, read along the index of the project's entries: a window
 * costs its own entries wherever it is. */
int store_change_window(struct db *db, const struct change_query *q,
			struct change_list *out, struct error *err);

/* How many entries the project's history holds (counted in the index). */
int store_change_count(struct db *db, const char *project_uuid,
		       int64_t *count, struct error *err);

/* Appends the entry of id `id` to out; ERR_NOT_FOUND when there is none. */
int store_change_get(struct db *db, int64_t id, struct change_list *out,
		     struct error *err);

/* Deadlines due on or before `until` (ISO date; NULL: all), open ones
 * only (neither done nor cancelled) unless include_done; ordered by due
 * date. */
/* The report's reading (store_report.c): the records of every project,
 * a table at a time, in one statement each rather than one per project.
 * store_report_projects() lists the projects funder (when not NULL)
 * keeps as the project list's filter does, in the project list's order
 * (by code), in a temporary table (count: how many); a cursor then
 * reads the records of def of those projects, project by project in
 * that order and each project's records in store_children()'s order
 * (of the project itself, its own record), but a status history's in
 * any (the reader sorts them by id).  Only the fields whose bit is set
 * in fields are read, the others null, and of the record's own columns
 * only its id and (a project's) its uuid.  A new
 * store_report_projects() may only come when every cursor is closed. */
int store_report_projects(struct db *db, const char *funder, int64_t *count,
			  struct error *err);

struct store_cursor;

int store_cursor_open(struct db *db, const struct entity_def *def,
		      uint64_t fields, struct store_cursor **out,
		      struct error *err);

/* The next record when it belongs to the project whose id is project
 * (any project when project < 0), else NULL in *out (the records of
 * later projects wait). */
int store_cursor_next(struct store_cursor *c, int64_t project,
		      struct record **out, struct error *err);

/* A cursor of def's records of one project at a time, those of
 * project_uuid appended to out by each store_cursor_project() (fields
 * as above, in store_children()'s order). */
int store_cursor_open_each(struct db *db, const struct entity_def *def,
			   uint64_t fields, struct store_cursor **out,
			   struct error *err);
int store_cursor_project(struct store_cursor *c, const char *project_uuid,
			 struct record_list *out, struct error *err);

void store_cursor_close(struct store_cursor **c);

/* Asks fn now and then (every few milliseconds of SQLite's work) while
 * statements run on db; fn returning true abandons the statement, which
 * then fails.  NULL: no more (the connection's own db_set_cancel()
 * again). */
void store_report_watch(struct db *db, bool (*fn)(void *arg), void *arg);

/* The rows of the report's long tables, kept in temporary tables of
 * the connection (their pages in SQLite's bounded cache, spilled to a
 * file) rather than in memory; one report at a time per connection.
 * The rows are bytes only their writer reads: those of a table to be
 * sorted one by one under their keys, numbered seq from 0; the others
 * in chunks, numbered from 0 in each table. */

/* Empties the rows and begins the one transaction that writes them
 * (and reads the database as it is now); store_report_rows_end() ends
 * it, keeping the rows or not. */
int store_report_rows_begin(struct db *db, struct error *err);
int store_report_rows_end(struct db *db, bool keep, struct error *err);

/* Lets the rows and chunks go (their pages too, in time). */
void store_report_rows_clear(struct db *db);

/* A row of table tab to be sorted by key1, key2 (byte by byte; neither
 * NULL) and seq. */
int store_report_key_put(struct db *db, int tab, int64_t seq,
			 const char *key1, const char *key2, const void *data,
			 size_t size, struct error *err);

/* Calls fn with the rows of table tab in the order of their keys (the
 * bytes valid during the call), until fn returns non-zero (returned). */
int store_report_keyed(struct db *db, int tab,
		       int (*fn)(void *arg, const void *data, size_t size),
		       void *arg, struct error *err);

int store_report_chunk_put(struct db *db, int tab, int64_t chunk,
			   const void *data, size_t size, struct error *err);

/* Calls fn with the bytes of chunk chunk of table tab (valid during the
 * call) and returns what it returns; ERR_OK, fn not called, when there
 * is no such chunk. */
int store_report_chunk_read(struct db *db, int tab, int64_t chunk,
			    int (*fn)(void *arg, const void *data,
				      size_t size),
			    void *arg, struct error *err);

/* Calls fn for every organisation in the order of
 * store_organisations() with its uuid, its short name (else its name)
 * and its kind, until fn returns non-zero (returned). */
int store_org_labels(struct db *db,
		     int (*fn)(void *arg, const char *uuid, const char *label,
			       const char *kind),
		     void *arg, struct error *err);

/* Calls fn for every organisation with roles in projects, with how many
 * roles it has, in uuid order, until fn returns non-zero (returned). */
int store_role_counts(struct db *db,
		      int (*fn)(const char *organisation, int64_t roles,
				void *arg),
		      void *arg, struct error *err);

/* A new random uuid, for what is not a record of its own (the series of
 * repeating deadlines). */
void store_new_uuid(char out[UUID_LEN + 1]);

int store_deadlines(struct db *db, const char *until, bool include_done,
		    struct deadline_rows *out, struct error *err);

/* The window of q's deadlines, read through the index of open
 * deadlines and appended to out in the list's order: q->limit rows
 * from q->offset (counted back from the last when q->from_end), or the
 * q->limit rows that follow the deadline q->after or precede
 * q->before (ids of rows of the same query). */
int store_deadline_page(struct db *db, const struct deadline_query *q,
			struct deadline_rows *out, struct error *err);

/* Of the open deadlines due by q->until: *overdue (due before q->today)
 * and *coming, whatever q->text; *matching, those q->text keeps. */
int store_deadline_count(struct db *db, const struct deadline_query *q,
			 int64_t *overdue, int64_t *coming,
			 int64_t *matching, struct error *err);

/* As store_deadline_count, but without a search counting no further
 * than cap deadlines in the list's order (each costs an index entry,
 * and a large portfolio's overdue are tens of thousands): when more
 * than cap are due by q->until, *more, *matching = cap (the list's
 * first cap rows are there) and the others 0. */
int store_deadline_count_upto(struct db *db, const struct deadline_query *q,
			      int64_t cap, int64_t *overdue, int64_t *coming,
			      int64_t *matching, bool *more, struct error *err);

/* The projects an organisation takes part in: one row per role and per
 * funding line, ordered by role then project code. */
int store_org_projects(struct db *db, const char *org_uuid,
		       struct org_project_rows *out, struct error *err);

/* The roles the organisation plays, with how many rows of its screen
 * each has (as store_org_projects gives them: a row per role, and a
 * funder's funding lines of a project as one row), in the order of
 * role_kinds, and the sums of its funder rows added up.  Costs the
 * organisation's index entries, reads none of its projects.  With a
 * cap > 0, the projects of its funding lines (a large funder's are
 * tens of thousands) are counted only up to cap: beyond it, out->partial
 * (the funder group's count is a bound, the funds are not added up). */
int store_org_project_groups(struct db *db, const char *org, int64_t cap,
			     struct org_project_groups *out, struct error *err);

/* Appends the window of one role's rows q describes (query.h), by
 * project code, to out: the rows store_org_projects gives for that
 * role. */
int store_org_project_window(struct db *db, const struct org_project_query *q,
			     struct org_project_rows *out, struct error *err);

struct export_filter;

/* Writes the database as the JSON exchange document (see
 * salkku-json(5)) to out, built with SQLite's JSON functions: all of
 * it, or what filter (NULL: everything) keeps. */
int store_export_json(struct db *db, FILE *out,
		      const struct export_filter *filter, struct error *err);

/* One item of a JSON exchange document, as store_json_items() hands it
 * over: a record (def != NULL) or a change-log entry (def == NULL). */
struct json_item {
	const struct entity_def *def;
	struct record *rec;           /* owned by the caller of fn; may be taken (set NULL) */
	struct change_entry *change;  /* for a change-log entry */
	const char *path;             /* "$.projects.<uuid>", for messages */
};

/* Walks a JSON exchange document that json_check_document() has already
 * found well-formed, with SQLite's JSON functions, and calls fn for every
 * record (organisations first, then projects, then their dependants, then
 * the change log) until fn returns non-zero.  A member of the wrong JSON
 * type, an unknown member or entity, or a value that does not fit its
 * field is ERR_INVALID naming the JSON path.  (It stages the document
 * as store_json_staged() reads it.) */
int store_json_items(struct db *db, const char *json, size_t len,
		     int (*fn)(struct json_item *item, void *arg), void *arg,
		     struct error *err);

/* An import's staging database: the records of a document that
 * json_check_stream() reads, held on disk (a temporary file) one row
 * each.  Free with store_stage_close(). */
struct json_stage;

int store_stage_open(struct json_stage **out, struct error *err);
void store_stage_close(struct json_stage **st);

/* The json_sink of json_check_stream() that fills a stage (arg). */
bool store_stage_split(const char *member, void *arg);
int store_stage_value(const char *member, const char *key, const char *text,
		      size_t len, void *arg, struct error *err);

/* store_json_items() over a filled stage: the records in the order fn
 * needs, each parsed on its own. */
int store_json_staged(struct db *db, struct json_stage *st,
		      int (*fn)(struct json_item *item, void *arg), void *arg,
		      struct error *err);

/* store_json_exchange() over the exchange members of a filled stage. */
struct exchange_doc;
int store_json_exchange_staged(struct db *db, struct json_stage *st,
			       const char *me, struct exchange_doc *doc,
			       struct error *err);

/* A record an import added, as its change-log entry names it. */
struct stage_added {
	int kind;             /* enum entity_kind */
	const char *uuid;
	const char *project;  /* the project it belongs to, or NULL */
	const char *title;    /* as store_title() makes it */
};

/* Notes a record the import inserted in the stage, with its project
 * and its title as they are now (read once, while the import has the
 * record in hand), and hands the noted ones to fn project by project
 * (those of no project first), each project's in the order noted,
 * until fn returns non-zero. */
int store_stage_note(struct json_stage *st, struct db *db,
		     const struct record *rec, struct error *err);
int store_stage_noted(struct json_stage *st,
		      int (*fn)(const struct stage_added *added, void *arg),
		      void *arg, struct error *err);

/* ---- An import in slices: its undo journal (store_undo.c) ---------- */

/* The running import, as import_run names it. */
struct import_run {
	char user[64];
	char file[256];
	char host[256];
	long pid;
	char started_at[32];  /* ISO UTC */
	char seen_at[32];     /* its last slice (ISO UTC) */
};

/* The running import (or a rollback of one), or ERR_NOT_FOUND. */
int store_undo_run(struct db *db, struct import_run *out, struct error *err);

/* Inside a write transaction: names run as the running import and makes
 * this connection journal, in the database, the undoing statement of
 * each change it makes to the tables an import writes (records, change
 * log, tombstones, exchange bases, meta), until store_undo_stop(). */
int store_undo_start(struct db *db, const struct import_run *run,
		     struct error *err);

/* Ends a slice and begins the next: refreshes the full-text rows a
 * paused walk noted, notes now (ISO UTC) as the run's heartbeat,
 * commits (the journal with the data), and takes the write lock again,
 * the walk still paused. */
int store_undo_slice(struct db *db, const char *now, struct error *err);

/* Inside a write transaction, once the import's records are written:
 * the rows in project_fts of up to max of the projects the import
 * changed are made again, and up to max of those whose words it changed
 * are handed to the commit to analyse (db_fts_flush); *done when none
 * waits. */
int store_undo_words(struct db *db, int64_t max, bool *done,
		     struct error *err);

/* Stops journalling on this connection; harmless when it was not. */
void store_undo_stop(struct db *db);

/* Inside a write transaction: empties the journal and the run (the
 * import is whole, or its rollback ended). */
int store_undo_forget(struct db *db, struct error *err);

/* Inside a write transaction: the run's rollback is this process's
 * (host, pid) from now on. */
int store_undo_claim(struct db *db, const char *host, long pid,
		     const char *now, struct error *err);

/* Inside a write transaction: runs the journal's statements, newest
 * first, for about max_ms milliseconds, and drops those run; *done when
 * none is left.  A record comes back with a version above any handed
 * out; one that others changed since the import wrote it, or that
 * their records need (a project they added records to, an organisation
 * they name), stays as they left it, and counts in *kept. */
int store_undo_apply(struct db *db, int64_t max_ms, size_t *kept,
		     bool *done, struct error *err);

/* Inserts an imported record as it is: its uuid, version and updated_*
 * kept, no change-log entry made (its history comes with the document's
 * change log; see store_import_log_new).  A duplicate unique field or a
 * missing reference is ERR_INVALID naming the field. */
int store_import_insert(struct db *db, const struct record *rec,
			struct error *err);

/* Writes the fields of the imported rec over ours, the stored record
 * with the same uuid read in this transaction: at `version` (which must
 * be above ours->version), updated now by who, each changed field
 * logged as an "update" entry (with the source, store_set_source). */
int store_import_update(struct db *db, const struct record *rec,
			const struct record *ours, int64_t version,
			const char *who, struct error *err);

/* For a record an import inserted (noted by store_stage_note): an
 * "insert" entry by who, now, unless the change log already holds an
 * entry for the record (the history the document brought with it). */
int store_import_log_new(struct db *db, const struct stage_added *added,
			 const char *who, struct error *err);

/* The source the change log records for every write on db from now on
 * (an import's file name), until set to NULL.  Cut to 255 bytes. */
void store_set_source(struct db *db, const char *source);

/* Adds an imported change-log entry unless one with its uuid exists. */
int store_import_change(struct db *db, const struct change_entry *change,
			bool *changed, struct error *err);

/* ---- Exchange between databases (store_exchange.c) ---------------- */

/* The day the portfolio is shown as of (meta 'as_of', ISO), which the
 * demo sets: deadlines and reports count from it instead of the clock.
 * out gets "" when the database has none. */
int store_as_of_get(struct db *db, char out[11], struct error *err);

/* Sets it (NULL: removes it), inside the caller's transaction. */
int store_as_of_set(struct db *db, const char *iso, struct error *err);

/* This database's id: a random uuid made with the schema (migration 5),
 * written into its exports.  ERR_NOT_FOUND on an older schema. */
int store_database_id(struct db *db, char out[UUID_LEN + 1], struct error *err);

/* The base of record uuid for the partner database peer: the version
 * and fingerprint (record_fingerprint; "-": it had deleted the record)
 * the peer sent last.  ERR_NOT_FOUND when none; *fingerprint the
 * caller's. */
int store_base_get(struct db *db, const char *peer, const char *uuid,
		   int64_t *version, char **fingerprint, struct error *err);

/* Sets that base (written only when it differs). */
int store_base_put(struct db *db, const char *peer, const struct entity_def *def,
		   const char *uuid, int64_t version, const char *fingerprint,
		   struct error *err);

/* A record deleted here (or in a document's "deleted"). */
struct tombstone {
	const struct entity_def *def;
	char uuid[UUID_LEN + 1];
	char project[UUID_LEN + 1];   /* the project it belonged to, or "" */
	char *title;                  /* a project's code, an organisation's name */
	int64_t version;              /* its version when deleted */
	char *fingerprint;            /* its values when deleted */
	char at[32];
};

void tombstone_clear(struct tombstone *t);

/* The tombstone of uuid; ERR_NOT_FOUND when it was not deleted here. */
int store_tombstone_get(struct db *db, const char *uuid, struct tombstone *out,
			struct error *err);

/* Forgets the tombstone of uuid (the record came back). */
int store_tombstone_drop(struct db *db, const char *uuid, struct error *err);

/* The uuid of the deleted project whose code (or uuid) is code, the
 * latest deleted; ERR_NOT_FOUND. */
int store_tombstone_project(struct db *db, const char *code,
			    char uuid[UUID_LEN + 1], struct error *err);

/* The organisation here that theirs (from another database, under
 * another uuid) is: the one with its business ID, else the one with
 * its name (case folded).  ERR_NOT_FOUND when none; *by_business_id
 * says which matched. */
int store_org_match(struct db *db, const struct record *theirs,
		    struct record **out, bool *by_business_id,
		    struct error *err);

/* What an export leaves out (its "omitted" member). */
enum exchange_omit {
	OMIT_NOTES          = 1 << 0,
	OMIT_CHANGES        = 1 << 1,
	OMIT_MONEY          = 1 << 2,
	OMIT_OTHER_PROJECTS = 1 << 3,  /* only the projects asked for */
};

/* The name of one OMIT_ bit in a document, or NULL. */
const char *exchange_omit_name(unsigned bit);

/* What an export writes: every project (nprojects 0, no
 * OMIT_OTHER_PROJECTS) or only these, with the organisations they
 * name; without what omit says. */
struct export_filter {
	const char *const *projects;  /* uuids */
	size_t nprojects;
	unsigned omit;                /* enum exchange_omit */
};

struct base_entry {
	char uuid[UUID_LEN + 1];
	int64_t version;
	char *fingerprint;
};

/* The exchange members of a document, as read back. */
struct exchange_doc {
	char database[UUID_LEN + 1];  /* the exporting database, or "" */
	unsigned omitted;             /* enum exchange_omit */
	struct base_entry *bases;     /* what it last received from us, by uuid */
	size_t nbases;
	struct tombstone *deleted;    /* children first, organisations last */
	size_t ndeleted;
};

/* Reads database, omitted, the bases the document holds for the
 * database `me`, and deleted; a malformed member is ERR_INVALID naming
 * its path.  Free with exchange_doc_clear(). */
int store_json_exchange(struct db *db, const char *json, size_t len,
			const char *me, struct exchange_doc *doc,
			struct error *err);

/* The document's base for uuid, or NULL. */
const struct base_entry *exchange_doc_base(const struct exchange_doc *doc,
					   const char *uuid);

void exchange_doc_clear(struct exchange_doc *doc);

#endif
