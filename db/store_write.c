/* SPDX-License-Identifier: EUPL-1.2 */
/* store_write.c — inserting, updating and deleting records, with the
 * change log and version checks.  Every function here runs inside the
 * caller's transaction and refuses to run outside one; the full-text
 * index follows through the triggers of schema migration 2. */
#include "config.h"

#include "store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/format.h"
#include "src/base/i18n.h"

/* A title longer than this is cut (notes are titled by their text). */
#define TITLE_MAX 80

static int
missing_argument(struct error *err)
{
	return error_set(err, ERR_INVALID, NULL,
			 _("internal error: missing argument"));
}

/* Cuts s to at most max bytes at a character boundary, adding "…". */
static void
cut_utf8(char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return;
	n = max - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(s + n, "\xE2\x80\xA6", 4);
}

static void
org_label(struct db *db, const char *uuid, char *buf, size_t size)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(short_name, name) "
				      "FROM organisation WHERE uuid = ?1", NULL);

	buf[0] = '\0';
	if (!st)
		return;
	db_bind_text(st, 1, uuid);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_column_copy(st, 0, buf, size);
	db_done(st);
}

void
store_title(struct db *db, const struct record *rec, char *buf, size_t size)
{
	const struct entity_def *def = rec->def;
	const char *title = record_text(rec, def->title_field);
	char org[128] = "";

	for (size_t i = 0; i < def->nfields; i++)
		if (def->fields[i].type == FT_REF &&
		    def->fields[i].ref == ENT_ORGANISATION &&
		    record_text(rec, (int)i))
			org_label(db, record_text(rec, (int)i), org, sizeof org);
	if (!title)
		title = "";
	snprintf(buf, size, "%s%s%s", org, *org && *title ? ": " : "", title);
	/* One line: a note's first line stands for the note. */
	buf[strcspn(buf, "\r\n")] = '\0';
	cut_utf8(buf, size - 1 < TITLE_MAX ? size - 1 : TITLE_MAX);
}

int
store_log_row(struct db *db, const struct log_row *r, struct error *err)
{
	/* A database below schema 4 (only while it is being made, in
	 * tests of the migrations) has no source column. */
	sqlite3_stmt *st = db_prepare(db, db_schema_version(db) >= 4
		? "INSERT INTO change_log (uuid, at, who, action, entity, "
		  "record_uuid, project_uuid, record_title, field, old_value, "
		  "new_value, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		  "?9, ?10, ?11, ?12)"
		: "INSERT INTO change_log (uuid, at, who, action, entity, "
		  "record_uuid, project_uuid, record_title, field, old_value, "
		  "new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		  "?11)", err);
	char uuid[UUID_LEN + 1];
	int rc = ERR_DATABASE;

	if (!st)
		return rc;
	db_uuid_v7(uuid);
	db_bind_text(st, 1, uuid);
	db_bind_text(st, 2, r->at);
	db_bind_text(st, 3, r->who);
	db_bind_text(st, 4, r->action);
	db_bind_text(st, 5, r->def->name);
	db_bind_text(st, 6, r->uuid);
	db_bind_text(st, 7, r->project);
	db_bind_text(st, 8, r->title);
	db_bind_text(st, 9, r->field >= 0 ? r->def->fields[r->field].name : NULL);
	db_bind_text(st, 10, r->old_value);
	db_bind_text(st, 11, r->new_value);
	if (sqlite3_bind_parameter_count(st) >= 12)
		db_bind_text(st, 12, db->log_source[0] ? db->log_source : NULL);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_fail(db, err, _("cannot write the change log"));
		goto out;
	}
	rc = ERR_OK;
out:
	db_done(st);
	return rc;
}

int
store_log(struct db *db, const struct record *rec, const char *title,
	  const char *action, int field, const char *old_value,
	  const char *new_value, const char *who, const char *at,
	  struct error *err)
{
	const struct log_row r = {
		.def = rec->def, .uuid = rec->uuid,
		.project = record_project(rec), .title = title,
		.action = action, .field = field, .old_value = old_value,
		.new_value = new_value, .who = who, .at = at,
	};

	return store_log_row(db, &r, err);
}

/* True when sql (one or two text parameters) finds a row. */
static bool
exists(struct db *db, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	bool found;

	if (!st)
		return false;
	db_bind_text(st, 1, a);
	if (b)
		db_bind_text(st, 2, b);
	found = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return found;
}

static int
duplicate(struct db *db, const struct record *rec, struct error *err)
{
	const struct entity_def *def = rec->def;
	char sql[256];

	for (size_t i = 0; i < def->nfields; i++) {
		const char *name = def->fields[i].name, *v = record_text(rec, (int)i);
		const char *key = db_key_column(def, (int)i, DB_KEY_FOLD);

		if (!(def->fields[i].flags & F_UNIQUE) || !v)
			continue;
		/* A unique field without a key column (a business ID) is
		 * compared as it is. */
		if (key)
			snprintf(sql, sizeof sql, "SELECT 1 FROM \"%s\" WHERE %s = "
				 "salkku_fold_key(?1) AND uuid != ?2", def->table, key);
		else
			snprintf(sql, sizeof sql, "SELECT 1 FROM \"%s\" WHERE \"%s\" = "
				 "?1 AND uuid != ?2", def->table, name);
		if (exists(db, sql, v, rec->uuid))
			return error_set(err, ERR_INVALID, name,
					 _("%s: %s %s already exists"),
					 field_shown(&def->fields[i]), entity_shown(def), v);
	}
	return error_set(err, ERR_INVALID, "uuid", _("uuid: a %s with uuid %s exists"),
			 entity_shown(def), rec->uuid);
}

static int
missing_reference(struct db *db, const struct record *rec, struct error *err)
{
	const struct entity_def *def = rec->def;
	char sql[128];

	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		const char *v = record_text(rec, (int)i);

		if (f->type != FT_REF || !v)
			continue;
		snprintf(sql, sizeof sql, "SELECT 1 FROM \"%s\" WHERE uuid = ?1",
			 entities[f->ref]->table);
		/* A uuid says nothing to a person: the usual cause is a
		 * record deleted by someone else while a form was open. */
		if (!exists(db, sql, v, NULL))
			return error_set(err, ERR_NOT_FOUND, f->name,
					 _("%s: that %s no longer exists (someone deleted it): nothing was saved"),
					 f->name, _(entities[f->ref]->label));
	}
	return db_fail(db, err, _("cannot write the database"));
}

int
store_write_failed(struct db *db, const struct record *rec, struct error *err)
{
	int code = sqlite3_extended_errcode(db->sql);
	const struct entity_def *def = rec->def;

	switch (code) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return duplicate(db, rec, err);
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return missing_reference(db, rec, err);
	case SQLITE_CONSTRAINT_NOTNULL:
		for (size_t i = 0; i < def->nfields; i++)
			if ((def->fields[i].flags & F_REQUIRED) && rec->v[i].null)
				return error_set(err, ERR_INVALID, def->fields[i].name,
						 _("%s: a value is required"),
						 def->fields[i].name);
		break;
	case SQLITE_CONSTRAINT_CHECK:
		return error_set(err, ERR_INVALID, NULL, "%s",
				 sqlite3_errmsg(db->sql));
	}
	return db_fail(db, err, _("cannot write the database"));
}

/* A field's stored value as change-log text: numbers in decimal. */
static const char *
value_text(const struct record *rec, int field, char buf[24])
{
	const struct value *v = &rec->v[field];

	if (v->null)
		return NULL;
	if (v->text)
		return v->text;
	snprintf(buf, 24, "%" PRId64, v->num);
	return buf;
}

static int
conflict(const struct record *stored, const char *title, int64_t yours,
	 struct error *err)
{
	/* Who and when are left to the front ends, which write the time
	 * in the user's zone and language. */
	error_set(err, ERR_CONFLICT, NULL,
		  _("%s has changed since you read version %" PRId64),
		  title, yours);
	if (err) {
		err->current_version = stored->version;
		snprintf(err->changed_by, sizeof err->changed_by, "%s",
			 stored->updated_by);
		snprintf(err->changed_at, sizeof err->changed_at, "%s",
			 stored->updated_at);
	}
	return ERR_CONFLICT;
}

/* The stored record of rec, provided it is still at rec->version. */
static int
read_current(struct db *db, const struct record *rec, struct record **stored,
	     struct error *err)
{
	char title[TITLE_MAX + 8];
	int rc = store_read(db, rec->def, rec->uuid, stored, err);

	if (rc == ERR_NOT_FOUND) {
		store_title(db, rec, title, sizeof title);
		return error_set(err, ERR_NOT_FOUND, NULL,
				 _("%s %s no longer exists: someone deleted it"),
				 rec->def->name, title);
	}
	if (rc)
		return rc;
	if ((*stored)->version != rec->version) {
		store_title(db, *stored, title, sizeof title);
		rc = conflict(*stored, title, rec->version, err);
		record_free(stored);
	}
	return rc;
}

void
store_set_source(struct db *db, const char *source)
{
	if (db)
		snprintf(db->log_source, sizeof db->log_source, "%s",
			 source ? source : "");
}

int
store_insert(struct db *db, struct record *rec, const char *who,
	     struct error *err)
{
	char saved_uuid[UUID_LEN + 1], at[32], title[TITLE_MAX + 8];
	sqlite3_stmt *st;
	int rc;

	if (!db || !rec || !who)
		return missing_argument(err);
	if ((rc = db_check_write(db, err)))
		return rc;
	memcpy(saved_uuid, rec->uuid, sizeof saved_uuid);
	if (!rec->uuid[0])
		db_uuid_new(rec->uuid);
	else if (!db_uuid_valid(rec->uuid))
		return error_set(err, ERR_INVALID, "uuid",
				 _("uuid: %s is not a lower-case uuid"), rec->uuid);
	if (!(st = db_entity_stmt(db, rec->def, ES_INSERT, err))) {
		rc = ERR_DATABASE;
		goto fail;
	}
	format_now(at);
	rec->version = 1;
	snprintf(rec->updated_at, sizeof rec->updated_at, "%s", at);
	snprintf(rec->updated_by, sizeof rec->updated_by, "%s", who);
	db_bind_record(st, rec, db_all_fields(rec->def));
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = store_write_failed(db, rec, err);
		db_done(st);
		goto fail;
	}
	db_done(st);
	rec->id = sqlite3_last_insert_rowid(db->sql);
	store_title(db, rec, title, sizeof title);
	if ((rc = store_log(db, rec, title, "insert", -1, NULL, NULL, who, at,
			    err)))
		goto fail;
	return ERR_OK;
fail:
	/* The record stays as the caller had it, to be corrected and tried
	 * again. */
	memcpy(rec->uuid, saved_uuid, sizeof saved_uuid);
	rec->id = 0;
	rec->version = 0;
	rec->updated_at[0] = rec->updated_by[0] = '\0';
	return rc;
}

/* After an UPDATE that matched no row: gone, or changed meanwhile. */
static int
update_missed(struct db *db, const struct record *rec, struct error *err)
{
	struct record *stored = NULL;
	int rc = read_current(db, rec, &stored, err);

	record_free(&stored);
	return rc ? rc : error_set(err, ERR_CONFLICT, NULL,
				   _("the record changed while it was written"));
}

int
store_log_changes(struct db *db, const struct record *old, const struct record *rec,
	    uint64_t mask, const char *who, const char *at, struct error *err)
{
	char title[TITLE_MAX + 8];
	int rc = ERR_OK;

	store_title(db, rec, title, sizeof title);
	for (size_t i = 0; i < rec->def->nfields && !rc; i++) {
		char a[24], b[24];

		if (mask & (UINT64_C(1) << i))
			rc = store_log(db, rec, title, "update", (int)i,
				       value_text(old, (int)i, a),
				       value_text(rec, (int)i, b), who, at, err);
	}
	return rc;
}

int
store_update(struct db *db, struct record *rec, const char *who,
	     struct error *err)
{
	char at[32], saved_at[32], saved_by[64];
	struct record *old = NULL;
	sqlite3_stmt *st = NULL;
	uint64_t mask = 0;
	int rc;

	if (!db || !rec || !who || !rec->uuid[0])
		return missing_argument(err);
	if ((rc = db_check_write(db, err)) ||
	    (rc = read_current(db, rec, &old, err)))
		return rc;
	for (size_t i = 0; i < rec->def->nfields; i++)
		if (!record_field_equal(old, rec, (int)i))
			mask |= UINT64_C(1) << i;
	rec->id = old->id;
	if (!mask)
		goto out;
	if (!(st = db_update_stmt(db, rec->def, mask, err))) {
		rc = ERR_DATABASE;
		goto out;
	}
	format_now(at);
	memcpy(saved_at, rec->updated_at, sizeof saved_at);
	memcpy(saved_by, rec->updated_by, sizeof saved_by);
	snprintf(rec->updated_at, sizeof rec->updated_at, "%s", at);
	snprintf(rec->updated_by, sizeof rec->updated_by, "%s", who);
	db_bind_record(st, rec, mask);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_write_failed(db, rec, err);
	else if (sqlite3_changes(db->sql) != 1)
		rc = update_missed(db, rec, err);
	else
		rc = store_log_changes(db, old, rec, mask, who, at, err);
	if (rc) {
		memcpy(rec->updated_at, saved_at, sizeof saved_at);
		memcpy(rec->updated_by, saved_by, sizeof saved_by);
	} else {
		rec->version++;
	}
out:
	db_done(st);
	record_free(&old);
	return rc;
}

/* An organisation named in roles or funding lines stays: the message
 * says where, so that those can be changed first. */
static int
org_in_use(struct db *db, const struct record *org, const char *title,
	   struct error *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT p.code, r.role, p.code_sort FROM project_role r "
		"JOIN project p ON p.uuid = r.project WHERE r.organisation = ?1 "
		"UNION ALL SELECT p.code, 'funder', p.code_sort FROM funding f "
		"JOIN project p ON p.uuid = f.project WHERE f.funder = ?1 "
		"ORDER BY 3 LIMIT 6", err);
	char list[300] = "";
	size_t len = 0;
	int n = 0, rc = ERR_DATABASE, src;

	if (!st)
		return rc;
	db_bind_text(st, 1, org->uuid);
	while ((src = sqlite3_step(st)) == SQLITE_ROW && len < sizeof list) {
		if (++n > 5) {
			len += (size_t)snprintf(list + len, sizeof list - len, ", …");
			break;
		}
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s (%s)",
					n > 1 ? ", " : "",
					(const char *)sqlite3_column_text(st, 0),
					(const char *)sqlite3_column_text(st, 1));
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		db_fail(db, err, _("cannot read the database"));
	else if (n)
		rc = error_set(err, ERR_INVALID, "organisation",
			       _("%s is still named in %s: remove those roles and funding lines first"),
			       title, list);
	else
		rc = ERR_OK;
	db_done(st);
	return rc;
}

/* Logs the deletion of every record that belongs to the project. */
static int
log_children(struct db *db, const struct record *project, const char *who,
	     const char *at, struct error *err)
{
	int rc = ERR_OK;

	for (size_t k = 0; k < ENT_COUNT && !rc; k++) {
		struct record_list kids = { 0 };
		char title[TITLE_MAX + 8];

		if (entities[k]->project_field < 0)
			continue;
		rc = store_children(db, entities[k], project->uuid, &kids, err);
		for (size_t i = 0; i < kids.count && !rc; i++) {
			store_title(db, kids.items[i], title, sizeof title);
			rc = store_log(db, kids.items[i], title, "delete", -1, NULL,
				       NULL, who, at, err);
			if (!rc)
				rc = store_tombstone_put(db, kids.items[i], title, at,
							 err);
		}
		record_list_clear(&kids);
	}
	return rc;
}

int
store_delete(struct db *db, const struct record *rec, const char *who,
	     struct error *err)
{
	char at[32], title[TITLE_MAX + 8];
	struct record *stored = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	if (!db || !rec || !who || !rec->uuid[0])
		return missing_argument(err);
	if ((rc = db_check_write(db, err)) ||
	    (rc = read_current(db, rec, &stored, err)))
		return rc;
	format_now(at);
	store_title(db, stored, title, sizeof title);
	if (rec->def->kind == ENT_ORGANISATION &&
	    (rc = org_in_use(db, stored, title, err)))
		goto out;
	/* The children go by ON DELETE CASCADE; each is logged first. */
	if (rec->def->kind == ENT_PROJECT &&
	    (rc = log_children(db, stored, who, at, err)))
		goto out;
	if ((rc = store_log(db, stored, title, "delete", -1, NULL, NULL, who, at,
			    err)) ||
	    (rc = store_tombstone_put(db, stored, title, at, err)))
		goto out;
	if (!(st = db_entity_stmt(db, rec->def, ES_DELETE, err))) {
		rc = ERR_DATABASE;
		goto out;
	}
	db_bind_record(st, stored, 0);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_write_failed(db, stored, err);
	else if (sqlite3_changes(db->sql) != 1)
		rc = update_missed(db, rec, err);
out:
	db_done(st);
	record_free(&stored);
	return rc;
}
