/* SPDX-License-Identifier: EUPL-1.2 */
/* store.c — reading records: by uuid, by code or name, a project's
 * children, every organisation, every record of an entity; whether
 * there is any project. */
#include "config.h"

#include "store.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_internal.h"
#include "src/base/entity_fields.h"
#include "src/base/i18n.h"

/* Steps st, whose rows are records of def, appending each to out. */
static int
read_list(struct db *db, sqlite3_stmt *st, const struct entity_def *def,
	  struct record_list *out, struct error *err)
{
	int src;

	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct record *rec = db_row_record(st, def);

		if (!rec || record_list_push(out, rec) < 0)
			return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	}
	if (src != SQLITE_DONE)
		return db_fail(db, err, _("cannot read the database"));
	return ERR_OK;
}

int
store_read(struct db *db, const struct entity_def *def, const char *uuid,
	   struct record **out, struct error *err)
{
	sqlite3_stmt *st = db_entity_stmt(db, def, ES_GET, err);
	int rc = ERR_DATABASE, src;

	*out = NULL;
	if (!st)
		return rc;
	db_bind_text(st, 1, uuid);
	src = sqlite3_step(st);
	if (src == SQLITE_DONE) {
		rc = ERR_NOT_FOUND;
	} else if (src != SQLITE_ROW) {
		db_fail(db, err, _("cannot read the database"));
	} else if (!(*out = db_row_record(st, def))) {
		rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
	} else {
		rc = ERR_OK;
	}
	db_done(st);
	return rc;
}

int
store_get(struct db *db, const struct entity_def *def, const char *uuid,
	  struct record **out, struct error *err)
{
	int rc;

	if (!db || !def || !uuid || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	rc = store_read(db, def, uuid, out, err);
	if (rc == ERR_NOT_FOUND)
		error_set(err, rc, NULL, _("there is no %s with uuid %s"),
			  def->name, uuid);
	return rc;
}

int
store_find(struct db *db, const struct entity_def *def, const char *uuid,
	   struct record **out, struct error *err)
{
	if (!db || !def || !uuid || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	return store_read(db, def, uuid, out, err);
}

/* The uuid of the only row sql (one text parameter) finds. */
static int
lookup_uuid(struct db *db, const char *sql, const char *key,
	    char uuid[UUID_LEN + 1], struct error *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc = ERR_DATABASE, src;

	if (!st)
		return rc;
	db_bind_text(st, 1, key);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		db_column_copy(st, 0, uuid, UUID_LEN + 1);
		rc = ERR_OK;
	} else if (src == SQLITE_DONE) {
		rc = ERR_NOT_FOUND;
	} else {
		db_fail(db, err, _("cannot read the database"));
	}
	db_done(st);
	return rc;
}

static int
project_by(struct db *db, const char *code, bool or_uuid, struct record **out,
	   struct error *err)
{
	const struct entity_def *def = entities[ENT_PROJECT];
	char uuid[UUID_LEN + 1];
	int rc;

	if (!db || !code || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	*out = NULL;
	rc = lookup_uuid(db, "SELECT uuid FROM project "
			     "WHERE code_key = salkku_fold_key(?1)", code, uuid, err);
	if (rc == ERR_NOT_FOUND && or_uuid)
		rc = lookup_uuid(db, "SELECT uuid FROM project "
				     "WHERE uuid = lower(?1)", code, uuid, err);
	if (rc == ERR_OK)
		rc = store_read(db, def, uuid, out, err);
	if (rc == ERR_NOT_FOUND)
		error_set(err, rc, "code", _("there is no project with code %s"),
			  code);
	return rc;
}

int
store_get_project(struct db *db, const char *code, struct record **out,
		  struct error *err)
{
	return project_by(db, code, true, out, err);
}

int
store_project_by_code(struct db *db, const char *code, struct record **out,
		      struct error *err)
{
	return project_by(db, code, false, out, err);
}

int
store_code_compare(const char *a, const char *b)
{
	return db_fold_compare(a, strlen(a), b, strlen(b));
}

/* Lists the organisations a lookup matched, for the ambiguity message. */
static int
ambiguous(const char *text, struct record_list *found, struct error *err)
{
	char list[400] = "";
	size_t len = 0;

	for (size_t i = 0; i < found->count && len < sizeof list; i++) {
		const struct record *o = found->items[i];
		const char *short_name = record_text(o, ORG_SHORT_NAME);

		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s%s%s%s",
					i ? "; " : "", record_text(o, ORG_NAME),
					short_name ? " (" : "",
					short_name ? short_name : "",
					short_name ? ")" : "");
	}
	return error_set(err, ERR_INVALID, "organisation",
			 _("%s matches %zu organisations: %s; use the full name or the uuid"),
			 text, found->count, list);
}

int
store_find_organisation(struct db *db, const char *text, struct record **out,
			struct error *err)
{
	const struct entity_def *def = entities[ENT_ORGANISATION];
	struct record_list found = { 0 };
	sqlite3_stmt *st;
	int rc = ERR_DATABASE, src;

	if (!db || !text || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	*out = NULL;
	if (!(st = db_prepare(db, "SELECT uuid FROM organisation "
				  "WHERE uuid = lower(?1) "
				  "OR name_key = salkku_fold_key(?1) "
				  "OR short_name_key = salkku_fold_key(?1) "
				  "ORDER BY name_sort", err)))
		return rc;
	db_bind_text(st, 1, text);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct record *o = NULL;
		char uuid[UUID_LEN + 1];

		db_column_copy(st, 0, uuid, sizeof uuid);
		if ((rc = store_read(db, def, uuid, &o, err)) ||
		    record_list_push(&found, o) < 0) {
			if (rc == ERR_OK)
				rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
			goto out;
		}
	}
	if (src != SQLITE_DONE) {
		rc = db_fail(db, err, _("cannot read the database"));
		goto out;
	}
	rc = ERR_OK;
	for (size_t i = 0; i < found.count; i++) {
		/* A uuid names exactly one organisation, whatever else matched. */
		if (found.count == 1 || !strcasecmp(found.items[i]->uuid, text)) {
			*out = found.items[i];
			found.items[i] = NULL;
			goto out;
		}
	}
	if (found.count == 0)
		rc = error_set(err, ERR_NOT_FOUND, "organisation",
			       _("there is no organisation called %s"), text);
	else
		rc = ambiguous(text, &found, err);
out:
	db_done(st);
	record_list_clear(&found);
	return rc;
}

int
store_children(struct db *db, const struct entity_def *def,
	       const char *project_uuid, struct record_list *out,
	       struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!db || !def || !project_uuid || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = db_entity_stmt(db, def, ES_CHILDREN, err)))
		return err ? err->code : ERR_DATABASE;
	db_bind_text(st, 1, project_uuid);
	rc = read_list(db, st, def, out, err);
	db_done(st);
	return rc;
}

int
store_organisations(struct db *db, struct record_list *out, struct error *err)
{
	const struct entity_def *def = entities[ENT_ORGANISATION];
	sqlite3_stmt *st;
	int rc;

	if (!db || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = db_entity_stmt(db, def, ES_BY_TITLE, err)))
		return ERR_DATABASE;
	rc = read_list(db, st, def, out, err);
	db_done(st);
	return rc;
}

/* The organisations' filter: the text in the name, short name or region
 * (folded), or a kind among :kinds. */
#define ORG_FILTER_SQL \
	"(:text IS NULL OR instr(o.name_key, salkku_fold_key(:text)) " \
	"OR instr(coalesce(o.short_name_key, ''), salkku_fold_key(:text)) " \
	"OR instr(salkku_fold_key(coalesce(o.region, '')), " \
	"salkku_fold_key(:text)) " \
	"OR instr(',' || :kinds || ',', ',' || o.kind || ','))"

/* The statement of a window: its uuids, read along organisation_name
 * (name_sort, then id) from the row given, or backwards for `before` and
 * `from_end`. */
static sqlite3_stmt *
org_window_stmt(struct db *db, const struct org_query *q, bool *backwards,
		struct error *err)
{
	*backwards = q->before || q->from_end;
	if (q->after)
		return db_prepare(db, "SELECT o.uuid FROM organisation o WHERE "
				  "(o.name_sort, o.id) > (SELECT name_sort, id "
				  "FROM organisation WHERE uuid = :from) AND "
				  ORG_FILTER_SQL " ORDER BY o.name_sort, o.id "
				  "LIMIT :limit", err);
	if (q->before)
		return db_prepare(db, "SELECT o.uuid FROM organisation o WHERE "
				  "(o.name_sort, o.id) < (SELECT name_sort, id "
				  "FROM organisation WHERE uuid = :from) AND "
				  ORG_FILTER_SQL " ORDER BY o.name_sort DESC, "
				  "o.id DESC LIMIT :limit", err);
	if (q->from_end)
		return db_prepare(db, "SELECT o.uuid FROM organisation o WHERE "
				  ORG_FILTER_SQL " ORDER BY o.name_sort DESC, "
				  "o.id DESC LIMIT :limit OFFSET :offset", err);
	return db_prepare(db, "SELECT o.uuid FROM organisation o WHERE "
			  ORG_FILTER_SQL " ORDER BY o.name_sort, o.id "
			  "LIMIT :limit OFFSET :offset", err);
}

static void
org_bind(sqlite3_stmt *st, const struct org_query *q)
{
	int i;

	if ((i = sqlite3_bind_parameter_index(st, ":text")) && q->text && *q->text)
		db_bind_text(st, i, q->text);
	if ((i = sqlite3_bind_parameter_index(st, ":kinds")))
		db_bind_text(st, i, q->kinds ? q->kinds : "");
	if ((i = sqlite3_bind_parameter_index(st, ":from")))
		db_bind_text(st, i, q->after ? q->after : q->before);
	if ((i = sqlite3_bind_parameter_index(st, ":limit")))
		sqlite3_bind_int64(st, i, q->limit ? q->limit : -1);
	if ((i = sqlite3_bind_parameter_index(st, ":offset")))
		sqlite3_bind_int64(st, i, q->offset);
}

int
store_organisation_window(struct db *db, const struct org_query *q,
			  struct record_list *out, struct error *err)
{
	const struct entity_def *def = entities[ENT_ORGANISATION];
	sqlite3_stmt *st;
	struct record_list uuids = { 0 };
	size_t first = out ? out->count : 0;
	bool backwards;
	int rc = ERR_OK, src;

	if (!db || !q || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = org_window_stmt(db, q, &backwards, err)))
		return ERR_DATABASE;
	org_bind(st, q);
	/* The uuids first: reading a record runs statements of its own. */
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct record *r = record_new(def);

		if (!r || record_list_push(&uuids, r) < 0) {
			record_free(&r);
			rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
			break;
		}
		db_column_copy(st, 0, r->uuid, sizeof r->uuid);
	}
	if (!rc && src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot read the database"));
	db_done(st);
	for (size_t i = 0; !rc && i < uuids.count; i++) {
		size_t k = backwards ? uuids.count - 1 - i : i;
		struct record *r = NULL;

		if ((rc = store_read(db, def, uuids.items[k]->uuid, &r, err)))
			break;
		if (record_list_push(out, r) < 0) {
			record_free(&r);
			rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
		}
	}
	record_list_clear(&uuids);
	if (rc) {
		while (out->count > first)
			record_free(&out->items[--out->count]);
	}
	return rc;
}

int
store_organisation_count(struct db *db, const struct org_query *q,
			 int64_t *count, struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_OK;

	if (!db || !q || !count)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!q->text || !*q->text)
		return db_query_int(db, "SELECT count(*) FROM organisation",
				    count, err);
	if (!(st = db_prepare(db, "SELECT count(*) FROM organisation o WHERE "
			      ORG_FILTER_SQL, err)))
		return ERR_DATABASE;
	org_bind(st, q);
	if (sqlite3_step(st) == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(db, err, _("cannot read the database"));
	db_done(st);
	return rc;
}

int
store_each(struct db *db, const struct entity_def *def,
	   int (*fn)(struct record **rec, void *arg), void *arg,
	   struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_OK, src;

	if (!db || !def || !fn)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = db_entity_stmt(db, def, ES_EACH, err)))
		return ERR_DATABASE;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct record *rec = db_row_record(st, def);

		if (!rec) {
			rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
			goto out;
		}
		rc = fn(&rec, arg);
		record_free(&rec);
		if (rc)
			goto out;
	}
	if (src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot read the database"));
out:
	db_done(st);
	return rc;
}

int
store_each_project_listed(struct db *db,
			  int (*fn)(const struct record *rec,
				    const char *administrator, void *arg),
			  void *arg, struct error *err)
{
	const struct entity_def *def = entities[ENT_PROJECT];
	char sql[2048];
	size_t len;
	sqlite3_stmt *st;
	int rc = ERR_OK, src;

	if (!db || !fn)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	/* The columns db_row_record() reads, then the administrator as the
	 * project table shows it (store_query.c), in the table's order. */
	len = (size_t)snprintf(sql, sizeof sql,
			       "SELECT id, uuid, version, updated_at, updated_by");
	for (size_t i = 0; i < def->nfields && len < sizeof sql; i++)
		len += (size_t)snprintf(sql + len, sizeof sql - len, ", p.\"%s\"",
					def->fields[i].name);
	if (len < sizeof sql)
		snprintf(sql + len, sizeof sql - len,
			 ", (SELECT coalesce(o.short_name, o.name) "
			 "FROM project_role r JOIN organisation o "
			 "ON o.uuid = r.organisation WHERE r.project = p.uuid "
			 "AND r.role = 'administrator' ORDER BY r.id LIMIT 1) "
			 "FROM project p ORDER BY p.code_sort, p.id");
	if (!(st = db_prepare(db, sql, err)))
		return ERR_DATABASE;
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		struct record *rec = db_row_record(st, def);

		if (!rec) {
			rc = error_set(err, ERR_FAILED, NULL, _("out of memory"));
			break;
		}
		rc = fn(rec, (const char *)sqlite3_column_text(st, 5 + (int)def->nfields),
			arg);
		record_free(&rec);
	}
	if (!rc && src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot read the database"));
	db_done(st);
	return rc;
}

int
store_has_projects(struct db *db, bool *any, struct error *err)
{
	int64_t n = 0;
	int rc;

	/* The first row of the table, not a count of all of them. */
	if ((rc = db_query_int(db, "SELECT EXISTS (SELECT 1 FROM project)",
			       &n, err)))
		return rc;
	*any = n != 0;
	return ERR_OK;
}
