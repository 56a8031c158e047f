/* SPDX-License-Identifier: EUPL-1.2 */
/* store_stage.c — the staging database of an import.
 *
 * The strict checker (json_check_stream) reads a document in chunks
 * and hands over its records one by one; they are kept here, as JSON
 * text, in a private temporary SQLite file (SQLite's own, in TMPDIR,
 * deleted on close), so that a document of any size is held on disk,
 * not in memory, and the database itself is not locked while it is
 * read and checked.  Duplicate uuids within a member are found here, by
 * a unique index, instead of by a list of every key in memory.
 * store_json_staged() then walks the records in the order the import
 * needs, each parsed by SQLite's JSON functions on its own. */
#include "config.h"

#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/i18n.h"

static int
stage_fail(struct json_stage *st, struct error *err, const char *what)
{
	return error_set(err, ERR_DATABASE, NULL, "%s: %s", what,
			 sqlite3_errmsg(st->sql));
}

int
store_stage_open(struct json_stage **out, struct error *err)
{
	struct json_stage *st = calloc(1, sizeof *st);

	*out = NULL;
	if (!st)
		return error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	db_library_setup();
	/* "": a temporary file of SQLite's, only written when the cache
	 * spills; no journal, nothing to recover. */
	if (sqlite3_open_v2("", &st->sql, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) ||
	    sqlite3_exec(st->sql,
			 "PRAGMA journal_mode = OFF;"
			 "PRAGMA synchronous = OFF;"
			 "PRAGMA cache_size = -2048;"
			 "CREATE TABLE item (seq INTEGER PRIMARY KEY, "
			 "member TEXT NOT NULL, key TEXT, body TEXT);"
			 "CREATE UNIQUE INDEX item_key ON item (member, key);"
			 "CREATE TABLE added (kind INTEGER, uuid TEXT, project TEXT, "
			 "title TEXT);"
			 "BEGIN", NULL, NULL, NULL) ||
	    sqlite3_prepare_v3(st->sql, "INSERT INTO item (member, key, body) "
			       "VALUES (?1, ?2, ?3)", -1,
			       SQLITE_PREPARE_PERSISTENT, &st->put, NULL)) {
		int rc = error_set(err, ERR_DATABASE, NULL,
				   _("cannot make a temporary database: %s"),
				   st->sql ? sqlite3_errmsg(st->sql)
					   : _("out of memory"));

		store_stage_close(&st);
		return rc;
	}
	*out = st;
	return ERR_OK;
}

void
store_stage_close(struct json_stage **stp)
{
	struct json_stage *st = *stp;

	if (!st)
		return;
	sqlite3_finalize(st->put);
	sqlite3_finalize(st->note);
	sqlite3_close(st->sql);
	free(st);
	*stp = NULL;
}

/* The members held record by record: the entities and the change log. */
bool
store_stage_split(const char *member, void *arg)
{
	const struct entity_def *def = entity_by_name(member);

	(void)arg;
	return (def && !strcmp(def->plural, member)) || !strcmp(member, "changes");
}

int
store_stage_value(const char *member, const char *key, const char *text,
		  size_t len, void *arg, struct error *err)
{
	struct json_stage *st = arg;
	int rc;

	if (!member) {
		st->not_object = true;
		return ERR_OK;
	}
	sqlite3_bind_text(st->put, 1, member, -1, SQLITE_STATIC);
	if (key)
		sqlite3_bind_text(st->put, 2, key, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st->put, 2);
	sqlite3_bind_text64(st->put, 3, text, len, SQLITE_STATIC, SQLITE_UTF8);
	rc = sqlite3_step(st->put);
	sqlite3_reset(st->put);
	if (rc == SQLITE_DONE)
		return ERR_OK;
	if (rc == SQLITE_CONSTRAINT)
		return JSON_DUPLICATE;
	return stage_fail(st, err, _("cannot write the temporary database"));
}

int
store_stage_note(struct json_stage *st, struct db *db, const struct record *rec,
		 struct error *err)
{
	char title[128];
	int rc;

	if (!st->note &&
	    sqlite3_prepare_v3(st->sql, "INSERT INTO added VALUES (?1, ?2, ?3, ?4)",
			       -1, SQLITE_PREPARE_PERSISTENT, &st->note, NULL))
		return stage_fail(st, err, _("cannot write the temporary database"));
	store_title(db, rec, title, sizeof title);
	sqlite3_bind_int(st->note, 1, (int)rec->def->kind);
	sqlite3_bind_text(st->note, 2, rec->uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st->note, 3, record_project(rec), -1, SQLITE_STATIC);
	sqlite3_bind_text(st->note, 4, title, -1, SQLITE_STATIC);
	rc = sqlite3_step(st->note);
	sqlite3_reset(st->note);
	sqlite3_clear_bindings(st->note);
	return rc == SQLITE_DONE ? ERR_OK
	       : stage_fail(st, err, _("cannot write the temporary database"));
}

int
store_stage_noted(struct json_stage *st,
		  int (*fn)(const struct stage_added *added, void *arg),
		  void *arg, struct error *err)
{
	sqlite3_stmt *q = NULL;
	int rc = ERR_OK, src;

	/* Project by project, and by uuid within each: the change log's
	 * two indexes that begin with the project (change_log_project,
	 * change_log_record, migration 19) then grow at one place in each
	 * slice of the import, not at every one of their pages, each of
	 * which a slice's commit writes again (at 10,000 projects the
	 * import wrote 1.1 GB instead of 1.6 GB).  The sort spills to a
	 * temporary file, as the stage does. */
	if (sqlite3_prepare_v2(st->sql, "SELECT kind, uuid, project, title "
			       "FROM added ORDER BY project, uuid", -1, &q, NULL))
		return stage_fail(st, err, _("cannot read the temporary database"));
	while (!rc && (src = sqlite3_step(q)) == SQLITE_ROW) {
		const struct stage_added a = {
			.kind = sqlite3_column_int(q, 0),
			.uuid = (const char *)sqlite3_column_text(q, 1),
			.project = (const char *)sqlite3_column_text(q, 2),
			.title = (const char *)sqlite3_column_text(q, 3),
		};

		rc = fn(&a, arg);
	}
	if (!rc && src != SQLITE_DONE)
		rc = stage_fail(st, err, _("cannot read the temporary database"));
	sqlite3_finalize(q);
	return rc;
}

int
store_json_exchange_staged(struct db *db, struct json_stage *st,
			   const char *me, struct exchange_doc *doc,
			   struct error *err)
{
	sqlite3_stmt *q = NULL;
	int rc;

	memset(doc, 0, sizeof *doc);
	/* The exchange members alone, as a document of their own. */
	if (sqlite3_prepare_v2(st->sql, "SELECT json_group_object(member, "
			       "json(body)) FROM item WHERE key IS NULL AND "
			       "member IN ('database', 'omitted', 'bases', "
			       "'deleted')", -1, &q, NULL) ||
	    sqlite3_step(q) != SQLITE_ROW) {
		rc = stage_fail(st, err, _("cannot read the temporary database"));
	} else {
		rc = store_json_exchange(db, (const char *)sqlite3_column_text(q, 0),
					 (size_t)sqlite3_column_bytes(q, 0), me,
					 doc, err);
	}
	sqlite3_finalize(q);
	return rc;
}
