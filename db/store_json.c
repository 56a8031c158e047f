/* SPDX-License-Identifier: EUPL-1.2 */
/* store_json.c — the JSON exchange document out (built by SQLite's JSON
 * functions, one line per record), and imported records and change-log
 * entries in.
 *
 * The export is deterministic: members keyed by uuid in uuid order,
 * fields in the order of the field tables, null fields left out, no
 * time stamp of the export itself.  Two exports of the same data are
 * the same bytes, so an export, an import into an empty database and a
 * second export compare equal. */
#include "config.h"

#include "store.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/format.h"
#include "src/base/i18n.h"
#include "src/base/text.h"

/* The JSON value of one field: cents as integers, hundredths as numbers
 * with two decimals made as text (8.80; no binary floating point on the
 * way), bools as true/false, everything else as strings. */
static void
put_value(FILE *f, const struct field_def *fd)
{
	const char *n = fd->name;

	switch (fd->type) {
	case FT_HUNDREDTHS:
		fprintf(f, "CASE WHEN \"%s\" IS NULL THEN NULL ELSE json(printf("
			"'%%s%%d.%%02d', CASE WHEN \"%s\" < 0 THEN '-' ELSE '' END, "
			"abs(\"%s\") / 100, abs(\"%s\") %% 100)) END", n, n, n, n);
		break;
	case FT_BOOL:
		fprintf(f, "CASE WHEN \"%s\" IS NULL THEN NULL WHEN \"%s\" "
			"THEN json('true') ELSE json('false') END", n, n);
		break;
	default:
		fprintf(f, "\"%s\"", n);
		break;
	}
}

/* The WHERE clause that keeps def's records of the selected projects
 * (?1: a JSON array of their uuids), or nothing when every project is
 * exported.  An organisation is kept when a record of a selected
 * project names it. */
void
store_put_selection(FILE *f, const struct entity_def *def,
	      const struct export_filter *filter)
{
	const char *sep = "";

	if (!(filter->omit & OMIT_OTHER_PROJECTS))
		return;
	if (def->kind == ENT_PROJECT) {
		fputs(" WHERE uuid IN (SELECT value FROM json_each(?1))", f);
		return;
	}
	if (def->project_field >= 0) {
		fprintf(f, " WHERE \"%s\" IN (SELECT value FROM json_each(?1))",
			def->fields[def->project_field].name);
		return;
	}
	fputs(" WHERE uuid IN (", f);
	for (size_t k = 0; k < ENT_COUNT; k++) {
		const struct entity_def *e = entities[k];

		for (size_t i = 0; e->project_field >= 0 && i < e->nfields; i++) {
			if (e->fields[i].type != FT_REF || e->fields[i].ref != def->kind)
				continue;
			fprintf(f, "%sSELECT \"%s\" FROM \"%s\" WHERE \"%s\" IN "
				"(SELECT value FROM json_each(?1))", sep,
				e->fields[i].name, e->table,
				e->fields[e->project_field].name);
			sep = " UNION ";
		}
	}
	fputs(*sep ? ")" : "NULL)", f);
}

/* Whether the field leaves with the export. */
static bool
field_exported(const struct field_def *fd, const struct export_filter *filter)
{
	return !(filter->omit & OMIT_MONEY) || fd->type != FT_MONEY;
}

/* The change log, less what the filter leaves out: entries of notes,
 * of money fields, of other projects' records. */
static void
put_change_filter(FILE *f, const struct export_filter *filter)
{
	const char *sep = " WHERE ";

	if (filter->omit & OMIT_OTHER_PROJECTS) {
		fprintf(f, "%s(project_uuid IN (SELECT value FROM json_each(?1)) "
			"OR record_uuid IN (SELECT uuid FROM organisation", sep);
		store_put_selection(f, entities[ENT_ORGANISATION], filter);
		fputs("))", f);
		sep = " AND ";
	}
	if (filter->omit & OMIT_NOTES) {
		fprintf(f, "%sentity <> 'note'", sep);
		sep = " AND ";
	}
	if (filter->omit & OMIT_MONEY) {
		fprintf(f, "%s(entity || '.' || coalesce(field, '')) NOT IN ('-'", sep);
		for (size_t k = 0; k < ENT_COUNT; k++)
			for (size_t i = 0; i < entities[k]->nfields; i++)
				if (entities[k]->fields[i].type == FT_MONEY)
					fprintf(f, ", '%s.%s'", entities[k]->name,
						entities[k]->fields[i].name);
		fputs(")", f);
	}
}

/* One row per record: "<uuid>":{...}.  json_patch onto {} drops the
 * members whose value is null and keeps the order of the others. */
static char *
export_sql(const struct entity_def *def, const struct export_filter *filter)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);

	if (!f)
		return NULL;
	if (!def) {
		fputs("SELECT json_quote(uuid) || ':' || json_patch('{}', "
		      "json_object('at', at, 'who', who, 'action', action, "
		      "'entity', entity, 'record', record_uuid, "
		      "'project', project_uuid, 'title', record_title, "
		      "'field', field, 'old', old_value, 'new', new_value, "
		      "'source', source)) "
		      "FROM change_log", f);
		put_change_filter(f, filter);
		fputs(" ORDER BY uuid", f);
	} else {
		fputs("SELECT json_quote(uuid) || ':' || json_patch('{}', "
		      "json_object('version', version, 'updated_at', updated_at, "
		      "'updated_by', updated_by", f);
		for (size_t i = 0; i < def->nfields; i++) {
			if (!field_exported(&def->fields[i], filter))
				continue;
			fprintf(f, ", '%s', ", def->fields[i].name);
			put_value(f, &def->fields[i]);
		}
		fprintf(f, ")) FROM \"%s\"", def->table);
		store_put_selection(f, def, filter);
		fputs(" ORDER BY uuid", f);
	}
	if (fclose(f) != 0) {
		free(sql);
		return NULL;
	}
	return sql;
}

/* Writes the JSON text SQLite made (valid UTF-8) with every character
 * that text_is_control() names as \uXXXX: SQLite escapes only the C0
 * controls, and a C1 CSI or a bidi override would act on a terminal
 * that shows the file.  Such characters can only stand inside strings,
 * so the document stays valid and its data the same. */
static void
put_escaped(FILE *out, const char *json, size_t n)
{
	size_t from = 0, i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)json[i];
		unsigned cp = c;
		int len = c < 0x80 ? 1 : utf8_decode(json + i, n - i, &cp);

		if (len < 0) {
			i++;
			continue;
		}
		/* C0 controls SQLite escaped already. */
		if (c >= 0x7f && text_is_control(cp)) {
			fwrite(json + from, 1, i - from, out);
			fprintf(out, "\\u%04x", cp);
			from = i + (size_t)len;
		}
		i += (size_t)len;
	}
	fwrite(json + from, 1, n - from, out);
}

/* Writes "name":{ rows }, streaming: one record in memory at a time.
 * sel is the JSON array of the selected projects' uuids, or NULL. */
static int
export_member(struct db *db, const struct entity_def *def, const char *name,
	      const struct export_filter *filter, const char *sel, FILE *out,
	      struct error *err)
{
	char *sql = export_sql(def, filter);
	sqlite3_stmt *st = NULL;
	int rc = ERR_DATABASE, src;
	bool first = true;

	if (!sql)
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	if (!(st = db_prepare(db, sql, err)))
		goto out;
	if (sel && sqlite3_bind_parameter_count(st) >= 1)
		db_bind_text(st, 1, sel);
	fprintf(out, ",\n\"%s\":{", name);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		fputs(first ? "\n" : ",\n", out);
		put_escaped(out, (const char *)sqlite3_column_text(st, 0),
			    (size_t)sqlite3_column_bytes(st, 0));
		first = false;
	}
	if (src != SQLITE_DONE) {
		db_fail(db, err, _("cannot export the database"));
		goto out;
	}
	fputs(first ? "}" : "\n}", out);
	rc = ERR_OK;
out:
	db_done(st);
	free(sql);
	return rc;
}

/* The selected projects' uuids as a JSON array (uuids need no
 * escaping), or NULL when every project goes; *oom on failure. */
static char *
selection_json(const struct export_filter *filter, bool *oom)
{
	size_t size = 3 + filter->nprojects * (UUID_LEN + 3), len = 0;
	char *sel;

	*oom = false;
	if (!(filter->omit & OMIT_OTHER_PROJECTS))
		return NULL;
	if (!(sel = malloc(size))) {
		*oom = true;
		return NULL;
	}
	len += (size_t)snprintf(sel, size, "[");
	for (size_t i = 0; i < filter->nprojects; i++)
		len += (size_t)snprintf(sel + len, size - len, "%s\"%s\"",
					i ? "," : "", filter->projects[i]);
	snprintf(sel + len, size - len, "]");
	return sel;
}

/* The top of the document: format, and for an exchange the database's
 * id and what the export leaves out. */
static int
export_head(struct db *db, FILE *out, const struct export_filter *filter,
	    struct error *err)
{
	char id[UUID_LEN + 1];
	const char *sep = "";
	int rc;

	fputs("{\"format\":\"salkku\",\"format_version\":2", out);
	if (db_schema_version(db) < DB_SCHEMA_EXCHANGE)
		return ERR_OK;
	if ((rc = store_database_id(db, id, err)))
		return rc;
	fprintf(out, ",\n\"database\":\"%s\",\n\"omitted\":[", id);
	for (unsigned bit = 1; exchange_omit_name(bit); bit <<= 1) {
		if (!(filter->omit & bit))
			continue;
		fprintf(out, "%s\"%s\"", sep, exchange_omit_name(bit));
		sep = ",";
	}
	fputs("]", out);
	return ERR_OK;
}

int
store_export_json(struct db *db, FILE *out, const struct export_filter *filter,
		  struct error *err)
{
	static const struct export_filter all = { NULL, 0, 0 };
	char *sel = NULL;
	bool oom;
	int rc;

	if (!db || !out)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!filter)
		filter = &all;
	if (!(sel = selection_json(filter, &oom)) && oom)
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	/* One snapshot for the whole document, inside the caller's
	 * transaction if there is one. */
	if ((rc = db_exec(db, "SAVEPOINT salkku_export", err))) {
		free(sel);
		return rc;
	}
	rc = export_head(db, out, filter, err);
	for (size_t k = 0; k < ENT_COUNT && !rc; k++)
		if (k != ENT_NOTE || !(filter->omit & OMIT_NOTES))
			rc = export_member(db, entities[k], entities[k]->plural,
					   filter, sel, out, err);
	if (!rc && !(filter->omit & OMIT_CHANGES))
		rc = export_member(db, NULL, "changes", filter, sel, out, err);
	if (!rc && db_schema_version(db) >= DB_SCHEMA_EXCHANGE)
		rc = store_export_exchange(db, out, filter, sel, err);
	if (!rc)
		fputs("}\n", out);
	db_exec(db, "RELEASE salkku_export", NULL);
	free(sel);
	if (!rc && (fflush(out) != 0 || ferror(out)))
		rc = error_set(err, ERR_FAILED, NULL, _("cannot write the export: %s"),
			       strerror(errno));
	return rc;
}

/* An imported record's uuid and version, checked before it is written. */
static int
check_imported(const struct record *rec, struct error *err)
{
	if (!db_uuid_valid(rec->uuid))
		return error_set(err, ERR_INVALID, "uuid",
				 _("uuid: %s is not a lower-case uuid"), rec->uuid);
	if (rec->version < 1)
		return error_set(err, ERR_INVALID, "version",
				 _("version: %s %s has no version"), entity_shown(rec->def),
				 rec->uuid);
	return ERR_OK;
}

int
store_import_insert(struct db *db, const struct record *rec, struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!db || !rec)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if ((rc = db_check_write(db, err)) || (rc = check_imported(rec, err)))
		return rc;
	if (!(st = db_entity_stmt(db, rec->def, ES_INSERT, err)))
		return ERR_DATABASE;
	db_bind_record(st, rec, db_all_fields(rec->def));
	rc = sqlite3_step(st) == SQLITE_DONE ? ERR_OK
					     : store_write_failed(db, rec, err);
	db_done(st);
	/* A record that comes back is no longer deleted here. */
	return rc ? rc : store_tombstone_drop(db, rec->uuid, err);
}

int
store_import_update(struct db *db, const struct record *rec,
		    const struct record *ours, int64_t version, const char *who,
		    struct error *err)
{
	struct record *written = NULL;
	sqlite3_stmt *st = NULL;
	uint64_t mask = 0;
	char at[32];
	int rc;

	if (!db || !rec || !ours || !who || strcmp(rec->uuid, ours->uuid) ||
	    version <= ours->version)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if ((rc = db_check_write(db, err)) || (rc = check_imported(rec, err)))
		return rc;
	for (size_t i = 0; i < rec->def->nfields; i++)
		if (!record_field_equal(ours, rec, (int)i))
			mask |= UINT64_C(1) << i;
	if (!mask)
		return ERR_OK;
	if (!(written = record_dup(rec)))
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	format_now(at);
	written->version = version;
	snprintf(written->updated_at, sizeof written->updated_at, "%s", at);
	snprintf(written->updated_by, sizeof written->updated_by, "%s", who);
	rc = ERR_DATABASE;
	if (!(st = db_entity_stmt(db, rec->def, ES_OVERWRITE, err)))
		goto out;
	db_bind_record(st, written, db_all_fields(rec->def));
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_write_failed(db, written, err);
	else
		rc = store_log_changes(db, ours, written, mask, who, at, err);
out:
	db_done(st);
	record_free(&written);
	return rc;
}

int
store_import_log_new(struct db *db, const struct stage_added *added,
		     const char *who, struct error *err)
{
	sqlite3_stmt *st;
	char at[32];
	bool logged;
	int rc;

	if (!db || !added || !added->uuid || added->kind < 0 ||
	    added->kind >= ENT_COUNT || !who)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(st = db_prepare(db, "SELECT 1 FROM change_log WHERE "
			      "project_uuid IS ?1 AND record_uuid = ?2 LIMIT 1",
			      err)))
		return ERR_DATABASE;
	db_bind_text(st, 1, added->project);
	db_bind_text(st, 2, added->uuid);
	rc = sqlite3_step(st);
	logged = rc == SQLITE_ROW;
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("cannot read the change log"));
	if (logged)
		return ERR_OK;
	format_now(at);
	{
		const struct log_row r = {
			.def = entities[added->kind], .uuid = added->uuid,
			.project = added->project, .title = added->title,
			.action = "insert", .field = -1, .who = who, .at = at,
		};

		return store_log_row(db, &r, err);
	}
}

static bool
valid_action(const char *a)
{
	return !strcmp(a, "insert") || !strcmp(a, "update") || !strcmp(a, "delete");
}

int
store_import_change(struct db *db, const struct change_entry *c, bool *changed,
		    struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!db || !c || !changed)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	*changed = false;
	if ((rc = db_check_write(db, err)))
		return rc;
	if (!db_uuid_valid(c->uuid) || !db_uuid_valid(c->record_uuid) ||
	    (c->project_uuid && !db_uuid_valid(c->project_uuid)))
		return error_set(err, ERR_INVALID, "uuid",
				 _("change %s: not a lower-case uuid"), c->uuid);
	if (!c->def || !valid_action(c->action) || !c->at[0] || !c->who[0])
		return error_set(err, ERR_INVALID, NULL,
				 _("change %s: entity, action, time and author are required"),
				 c->uuid);
	if (!(st = db_prepare(db,
		"INSERT INTO change_log (uuid, at, who, action, entity, "
		"record_uuid, project_uuid, record_title, field, old_value, "
		"new_value, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
		"?10, ?11, ?12) ON CONFLICT (uuid) DO NOTHING", err)))
		return ERR_DATABASE;
	db_bind_text(st, 1, c->uuid);
	db_bind_text(st, 2, c->at);
	db_bind_text(st, 3, c->who);
	db_bind_text(st, 4, c->action);
	db_bind_text(st, 5, c->def->name);
	db_bind_text(st, 6, c->record_uuid);
	db_bind_text(st, 7, c->project_uuid);
	db_bind_text(st, 8, c->record_title);
	db_bind_text(st, 9, c->field);
	db_bind_text(st, 10, c->old_value);
	db_bind_text(st, 11, c->new_value);
	db_bind_text(st, 12, c->source);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = db_fail(db, err, _("cannot import the change log"));
	} else {
		*changed = sqlite3_changes(db->sql) > 0;
		rc = ERR_OK;
	}
	db_done(st);
	return rc;
}
