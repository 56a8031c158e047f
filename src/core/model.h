/* SPDX-License-Identifier: EUPL-1.2 */
/* model.h — the model core: what the command line and the TUI call.
 *
 * A struct model holds one open database, who is using it and the last
 * error.  Every write is one transaction (BEGIN IMMEDIATE … COMMIT):
 * validated first, nothing half-written on failure, recorded in the
 * change log with the real user's login name.  Every function returns
 * an enum err_code and leaves the detail in m->err.
 *
 * Records passed in stay the caller's; records passed out (struct
 * record **out) become the caller's, to free with record_free(). */
#ifndef SALKKU_MODEL_H
#define SALKKU_MODEL_H

#include <stdbool.h>
#include <stdio.h>

#include "src/base/entity.h"
#include "src/base/entity_fields.h"
#include "src/base/error.h"
#include "src/base/query.h"
#include "src/base/record.h"

struct db;

struct model {
	struct db *db;
	char user[64];      /* login name of the real uid (getpwuid(getuid())) */
	bool read_only;
	bool may_not_write; /* read-only because this user may not write the file */
	struct error err;   /* the last failure */
	char as_of[11];     /* the day it is shown as of ("": the clock) */
	/* What opening did that the user should hear of (an interrupted
	 * import rolled back, model_undo.c); "" when nothing. */
	char notice[512];
};

enum model_open_flags {
	MODEL_READONLY = 1 << 0,
	MODEL_CREATE   = 1 << 1,  /* create the file and directory if missing */
};

/* Opens (and migrates) the database at path.  m is zeroed first. */
int model_open(struct model *m, const char *path, unsigned flags);

void model_close(struct model *m);

/* The reference day for deadlines and reports (ISO): the day the
 * database is shown as of (the demo's 15.1.2024), else the clock's today
 * (format_today).  Dates and times of changes keep the clock. */
void model_today(const struct model *m, char out[11]);

/* The path of the open database (borrowed). */
const char *model_path(const struct model *m);

/* ---- Reading ------------------------------------------------------ */

/* The project with this code (case-insensitive) or uuid. */
int model_project(struct model *m, const char *code, struct record **out);

/* An organisation by uuid, short name or name. */
int model_organisation(struct model *m, const char *text,
		       struct record **out);

/* Any record by entity and uuid. */
int model_get(struct model *m, const struct entity_def *def,
	      const char *uuid, struct record **out);

/* The records of def that belong to a project (roles, funding, ...). */
int model_children(struct model *m, const struct entity_def *def,
		   const char *project_uuid, struct record_list *out);

int model_organisations(struct model *m, struct record_list *out);

/* A window of the organisations in name order, and how many the
 * query's text and kinds keep (query.h, struct org_query). */
int model_org_window(struct model *m, const struct org_query *q,
		     struct record_list *out);
int model_org_count(struct model *m, const struct org_query *q,
		    int64_t *count);

int model_list_projects(struct model *m, const struct project_query *q,
			struct project_rows *out);
int model_count_projects(struct model *m, const struct project_query *q,
			 int64_t *matching, int64_t *total);
/* A count that a search with many matches may leave capped: *more
 * set and *matching the number it exceeds (store_project_count_quick). */
int model_count_projects_quick(struct model *m, const struct project_query *q,
			       int64_t *matching, bool *more, int64_t *total);
/* *ranked: the rows of q come best match first (store_project_ranked). */
int model_projects_ranked(struct model *m, const struct project_query *q,
			  bool *ranked);
/* The earliest and latest date of any project, "" without one
 * (store_project_span). */
int model_project_span(struct model *m, char first[11], char last[11]);
/* *any: the database holds a project (store_has_projects). */
int model_has_projects(struct model *m, bool *any);
/* The word search made ready before its first letter
 * (store_search_ready). */
void model_search_ready(struct model *m);
/* *any: text holds a word to search for (store_text_searchable). */
int model_text_searchable(struct model *m, const char *text, bool *any);
/* The change history (store_changes): a record's is sought with its
 * project, record_project(). */
int model_changes(struct model *m, const char *project_uuid,
		  const char *record_uuid, int64_t limit,
		  struct change_list *out);
/* A window of a project's history, its length, one entry by id
 * (store_change_window, store_change_count, store_change_get). */
int model_change_window(struct model *m, const struct change_query *q,
			struct change_list *out);
int model_change_count(struct model *m, const char *project_uuid,
		       int64_t *count);
int model_change_get(struct model *m, int64_t id, struct change_list *out);
int model_deadlines(struct model *m, const char *until, bool include_done,
		    struct deadline_rows *out);
/* A window of the open deadlines, and their counts
 * (store_deadline_page, store_deadline_count, store_deadline_count_upto). */
int model_deadline_page(struct model *m, const struct deadline_query *q,
			struct deadline_rows *out);
int model_deadline_count(struct model *m, const struct deadline_query *q,
			 int64_t *overdue, int64_t *coming, int64_t *matching);
int model_deadline_count_upto(struct model *m, const struct deadline_query *q,
			      int64_t cap, int64_t *overdue, int64_t *coming,
			      int64_t *matching, bool *more);
int model_org_projects(struct model *m, const char *org_uuid,
		       struct org_project_rows *out);
/* An organisation's roles and funds, and a window of one role's rows
 * (store_org_project_groups, store_org_project_window). */
int model_org_project_groups(struct model *m, const char *org_uuid,
			     int64_t cap, struct org_project_groups *out);
int model_org_project_window(struct model *m, const struct org_project_query *q,
			     struct org_project_rows *out);

/* A short label for a record reference: the project's code, or the
 * organisation's short name (else name).  Newly allocated, or NULL when
 * the record is gone. */
char *model_ref_label(struct model *m, enum entity_kind kind,
		      const char *uuid);

/* ---- Input -------------------------------------------------------- */

/* Sets field of rec from what a person typed ("15.1.2024", "453 087 €",
 * "käynnissä", "ISO" for an organisation reference, "" for none).
 * ERR_INVALID / ERR_NOT_FOUND naming the field. */
int model_parse_field(struct model *m, struct record *rec, int field,
		      const char *input);

/* As model_parse_field, with the field named ("budget") and "FIELD=VALUE"
 * split; an unknown or read-only field is ERR_USAGE naming it. */
int model_assign(struct model *m, struct record *rec, const char *assignment);

/* ---- Writing: each call is one transaction ------------------------ */

/* Validates and inserts rec (uuid, id, version filled in).  A new
 * project without status gets "idea"; its first status is recorded in
 * the status history. */
int model_insert(struct model *m, struct record *rec);

/* Validates and writes rec over the stored record, provided it is still
 * at rec->version (the version the caller read): else ERR_CONFLICT with
 * who changed it and when in m->err.  Status is not changed here. */
int model_update(struct model *m, struct record *rec);

/* For a change asked without a version (set without --if-version): in
 * one transaction, reads the stored record and writes onto it the fields
 * in which rec differs from base (the record as the caller read it), so
 * that a commit by someone else in between is neither a conflict nor
 * lost.  rec becomes the record as written (or as stored, when nothing
 * differed).  Status is not changed here. */
int model_update_changes(struct model *m, const struct record *base,
			 struct record *rec);

/* Deletes rec (version-checked) and, for a project, everything that
 * belongs to it. */
int model_delete(struct model *m, const struct record *rec);

/* What becomes of a project's open deadlines when it moves to a final
 * status (closed, rejected, cancelled, withdrawn). */
enum deadline_policy {
	DEADLINES_REFUSE,  /* ERR_INVALID naming them, nothing written */
	DEADLINES_DONE,    /* done on the date of the move */
	DEADLINES_CANCEL,  /* cancelled on that date, for the move's reason */
	DEADLINES_KEEP,    /* left open */
};

/* Moves project to status `to` on date (ISO; NULL: today) for reason
 * (may be NULL).  A move the workflow does not allow is ERR_INVALID
 * unless force; a forced move is recorded as such.  A move to a final
 * status settles the project's open deadlines by policy, in the same
 * transaction.  project->version must be the version read (conflict
 * otherwise); on success project is updated in place. */
int model_set_status(struct model *m, struct record *project,
		     const char *to, const char *date, const char *reason,
		     bool force, enum deadline_policy policy);

/* ---- Deadlines (model_deadline.c; deadline.h for their state) ----- */

/* Adds deadline d (project, due and kind set; without a title it gets
 * its kind and due date as one).  With every ("2months", "4weeks") it
 * is the first of a series until the date `until` (as typed) or of
 * count deadlines (exactly one of the two), all in one transaction; d
 * becomes the first.  *added says how many were made. */
int model_deadline_add(struct model *m, struct record *d, const char *every,
		       const char *until, int count, size_t *added);

/* Marks d (as read: version-checked) done on date (as typed; NULL:
 * today), cancelled on date for reason, or open again.  A date in the
 * future, a done deadline cancelled or a cancelled one done is
 * ERR_INVALID.  d is updated in place on success. */
int model_deadline_done(struct model *m, struct record *d, const char *date);
int model_deadline_cancel(struct model *m, struct record *d,
			  const char *reason, const char *date);
int model_deadline_reopen(struct model *m, struct record *d);

/* Writes rec (an occurrence of a series, changed from base, the record
 * as read) and the same changes onto every other open occurrence of its
 * series.  The due date cannot change this way (ERR_INVALID).
 * *changed: how many were written. */
int model_deadline_update_series(struct model *m, const struct record *base,
				 struct record *rec, size_t *changed);

/* Deletes d and every other occurrence of its series. */
int model_deadline_delete_series(struct model *m, const struct record *d,
				 size_t *deleted);

/* The open deadlines of a project, by due date. */
int model_open_deadlines(struct model *m, const char *project_uuid,
			 struct record_list *out);

/* ---- Several people, one database -------------------------------- */

/* A number that changes whenever another process commits to the
 * database: the TUI polls it to refresh what it shows. */
int64_t model_data_version(struct model *m);

/* Says that this session looks at project_uuid (NULL: at none).  Call it
 * on opening a project and then every few seconds as a heartbeat; a
 * session that stops beating for PRESENCE_TTL (30) seconds is taken for
 * dead and forgotten.  A read-only session, which cannot write the
 * table, leaves a file beside it instead (readers.h). */
int model_presence_touch(struct model *m, const char *project_uuid);

/* The other live sessions on project_uuid (NULL: on anything), at most
 * max, oldest first. */
int model_presence_others(struct model *m, const char *project_uuid,
			  struct presence *out, size_t max, size_t *count);

/* Forgets this session (on quitting). */
void model_presence_leave(struct model *m);

/* Who runs the import that is writing now (an import commits in
 * slices, model_import_json): true, with the user's login name in user,
 * while one runs; false when none does (or it cannot be read). */
bool model_import_running(struct model *m, char *user, size_t size);

/* fn is told, every few milliseconds, how long a save has waited so far
 * for another session's write lock (an import, say); returning false
 * gives up (the save fails as busy, nothing written).  The TUI uses it
 * to say what it waits for and to stay responsive. */
void model_set_wait_hook(struct model *m,
			 bool (*fn)(void *arg, int64_t waited_ms), void *arg);

/* Asked now and then while a search runs (a list or count of projects
 * with words), or a list read ahead of need (query.yielding): returning
 * true abandons it, and the call then fails with model_cancelled() true
 * and no message worth showing.  The TUI asks whether a key is waiting,
 * so that the next letter never waits for the search the last one
 * started, nor any key for a read ahead.  NULL: they run to the end. */
typedef bool (*model_cancel_fn)(void *arg);
void model_set_cancel(struct model *m, model_cancel_fn fn, void *arg);

/* Whether the last search failed because it was abandoned. */
bool model_cancelled(const struct model *m);

/* True when the database file this session opened was deleted or
 * replaced under it (init --force, rm): it then takes no more writes.
 * The TUI polls this to say so. */
bool model_file_gone(struct model *m);

/* ---- Whole database ----------------------------------------------- */

/* A consistent copy of the database in dest_path while others may be
 * writing (SQLite's online backup API). */
int model_backup(struct model *m, const char *dest_path);

/* Puts the backup at src_path back in place of the database; refuses
 * to overwrite changes newer than the backup unless force. */
int model_restore(struct model *m, const char *src_path, bool force);


/* Writes the JSON exchange document (salkku-json(5)). */
int model_export_json(struct model *m, FILE *out);

/* What an export to another centre shares. */
struct export_options {
	const char *const *projects;  /* codes or uuids; none: every project */
	size_t nprojects;
	bool no_notes;     /* leave the notes out */
	bool no_log;       /* leave the change log out */
	bool no_money;     /* leave out budgets, shares, applied and granted sums */
};

/* The JSON exchange document of what opt keeps: the projects named
 * (a deleted one by its code: its tombstone goes) with the
 * organisations they name; the document lists what it leaves out.
 * A code that names no project is ERR_NOT_FOUND. */
int model_export_exchange(struct model *m, FILE *out,
			  const struct export_options *opt);

/* Writes projects as CSV (RFC 4180, a header line, ISO dates, money as
 * decimal euros; cells a spreadsheet would run as formulas neutralised). */
int model_export_csv(struct model *m, FILE *out);

/* What goes into an iCalendar export. */
struct ics_options {
	const char *const *projects;  /* codes or uuids; none: every project */
	size_t nprojects;
	int upcoming;                 /* only due within this many days from
				       * today (a series: when one of its
				       * occurrences is); -1: all */
	bool project_dates;           /* also the projects' starts and ends */
};

/* Writes the deadlines of the projects (and by option their start and
 * end dates) as an iCalendar file (RFC 5545): all-day events, UIDs from
 * the records' uuids, SEQUENCE from their versions, series as RRULEs;
 * see model_ics.c.  An unknown project is ERR_NOT_FOUND. */
int model_export_ics(struct model *m, const struct ics_options *o, FILE *out);

/* Which side an import takes for a record in conflict: one the
 * database holds at the file's version or a later one, with other
 * values.  IMPORT_ASK refuses the whole import (ERR_CONFLICT). */
enum import_side {
	IMPORT_ASK,
	IMPORT_OURS,    /* keep the database's values */
	IMPORT_THEIRS,  /* take the file's values, at a new version */
};

/* A side chosen for one record: its uuid, or the code of a project
 * (the project and its records) or an organisation's short name or
 * name. */
struct import_choice {
	const char *record;
	enum import_side side;
};

struct import_options {
	bool dry_run;          /* count and report, then roll back */
	enum import_side side;
	const struct import_choice *choices;  /* before side, per record */
	size_t nchoices;
	/* Called for each conflicting field with one line, "file:
	 * uuid/code: field: ours … theirs …" (text from the file and the
	 * database: show it sanitised); may be NULL. */
	void (*conflict)(const char *line, void *arg);
	/* Called with what an exchange decided on its own: organisations
	 * matched, deletions kept; may be NULL. */
	void (*notice)(const char *line, void *arg);
	/* Called for each record in conflict, before its side is chosen:
	 * ours as stored (NULL: deleted here), theirs as the file has it
	 * (NULL: deleted in the file), fields the ones both changed (bit
	 * i: field i; 0 for a deletion); may be NULL. */
	void (*conflict_record)(const struct record *ours,
				const struct record *theirs, uint64_t fields,
				void *arg);
	/* Asked between slices: true stops the import (Ctrl-C), which is
	 * then rolled back as a failed one is (ERR_FAILED); may be NULL. */
	bool (*stop)(void *arg);
	void *arg;
};

/* What an import did (or would do) with the records of each entity.
 * Records in conflict are counted only under conflicts, however settled. */
struct import_counts {
	size_t added[ENT_COUNT];
	size_t updated[ENT_COUNT];
	size_t unchanged[ENT_COUNT];
	size_t conflicts[ENT_COUNT];
	size_t deleted[ENT_COUNT];
};

/* Imports a JSON exchange document (path "-" is standard input):
 * checked strictly first (json_check.h), then every record validated
 * and compared with the stored one (salkku-json(5)), written in slices
 * of a few hundred records, each its own transaction, so that others'
 * writes wait for a slice, not for the import; all or nothing all the
 * same: a failure after the first slice rolls the slices back through
 * the undo journal (model_undo.c).  New records are added as they are; a record the file
 * holds at a later version with other values is updated to version
 * max(ours, theirs) + 1, logged as changed by m->user from the file; a
 * conflict is reported through opt->conflict and settled by opt->side
 * (IMPORT_ASK: ERR_CONFLICT, nothing written).  With opt->dry_run it
 * is one transaction, rolled back.  Any error writes nothing.  While
 * another import runs, ERR_DATABASE naming who runs it. */
int model_import_json(struct model *m, const char *path,
		      const struct import_options *opt,
		      struct import_counts *counts);

/* Imports projects from CSV with the export's header; a row's code finds
 * the stored project it updates (never its uuid).  Bad rows are
 * ERR_INVALID as "file:line: field: problem"; any error writes nothing.
 * opt->side does not apply (CSV carries no versions). */
int model_import_csv(struct model *m, const char *path,
		     const struct import_options *opt,
		     struct import_counts *counts);

/* Fills an empty database with the demo portfolio (real projects of the
 * competence centres).  ERR_INVALID if the database has projects. */
int model_load_demo(struct model *m);

/* Rebuilds the full-text index from the projects (check --reindex). */
int model_reindex(struct model *m);
/* Calls fn for every record of def, in uuid order, until fn returns
 * non-zero (returned); fn may keep the record by setting it to NULL. */
int model_each(struct model *m, const struct entity_def *def,
	       int (*fn)(struct record **rec, void *arg), void *arg);

/* Calls warn(code, text, arg) for each warning of money_warnings()
 * (money.h) in every project, in uuid order; *count adds them up. */
int model_check_money(struct model *m,
		      void (*warn)(const char *code, const char *text, void *arg),
		      void *arg, size_t *count);

/* Integrity and foreign-key check; problems go to report(). */
int model_check(struct model *m, void (*report)(const char *, void *),
		void *arg);

#endif
