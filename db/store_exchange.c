/* SPDX-License-Identifier: EUPL-1.2 */
/* store_exchange.c — what an exchange between databases keeps: this
 * database's id, the base version of every record per partner database
 * (exchange_base), the tombstones of deleted records, and the exchange
 * members of a JSON document (database, omitted, bases, deleted) read
 * back.  The merge itself is the model's (src/core/exchange.c). */
#include "config.h"

#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/entity_fields.h"
#include "src/base/format.h"
#include "src/base/i18n.h"

int
store_database_id(struct db *db, char out[UUID_LEN + 1], struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_NOT_FOUND, src;

	out[0] = '\0';
	if (db_schema_version(db) < DB_SCHEMA_EXCHANGE)
		return error_set(err, ERR_NOT_FOUND, NULL, "%s",
				 _("the database has no id: upgrade it first"));
	if (!(st = db_prepare(db, "SELECT CAST(value AS TEXT) FROM meta "
			      "WHERE key = 'database_id'", err)))
		return ERR_DATABASE;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		db_column_copy(st, 0, out, UUID_LEN + 1);
		rc = ERR_OK;
	} else if (src != SQLITE_DONE) {
		rc = db_fail(db, err, _("cannot read the database"));
	} else {
		error_set(err, rc, NULL, "%s", _("the database has no id"));
	}
	db_done(st);
	return rc;
}

/* ---- The day a portfolio is shown as of (meta 'as_of') ------------ */

int
store_as_of_get(struct db *db, char out[11], struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_OK, src;

	out[0] = '\0';
	if (!(st = db_prepare(db, "SELECT CAST(value AS TEXT) FROM meta "
			      "WHERE key = 'as_of'", err)))
		return ERR_DATABASE;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		db_column_copy(st, 0, out, 11);
	else if (src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot read the database"));
	db_done(st);
	/* What another tool wrote there counts only when it is a date. */
	if (rc == ERR_OK && out[0] && parse_date(out, out) < 0)
		out[0] = '\0';
	return rc;
}

int
store_as_of_set(struct db *db, const char *iso, struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_OK;

	st = db_prepare(db, iso ? "INSERT OR REPLACE INTO meta (key, value) "
				  "VALUES ('as_of', ?1)"
				: "DELETE FROM meta WHERE key = 'as_of'", err);
	if (!st)
		return ERR_DATABASE;
	if (iso)
		db_bind_text(st, 1, iso);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot write the database"));
	db_done(st);
	return rc;
}

int
store_base_get(struct db *db, const char *peer, const char *uuid,
	       int64_t *version, char **fingerprint, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT version, fingerprint "
				      "FROM exchange_base WHERE peer = ?1 AND "
				      "record_uuid = ?2", err);
	bool oom = false;
	int rc = ERR_NOT_FOUND, src;

	*fingerprint = NULL;
	if (!st)
		return ERR_DATABASE;
	db_bind_text(st, 1, peer);
	db_bind_text(st, 2, uuid);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*version = sqlite3_column_int64(st, 0);
		*fingerprint = db_column_strdup(st, 1, &oom);
		rc = oom ? error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"))
			 : ERR_OK;
	} else if (src != SQLITE_DONE) {
		rc = db_fail(db, err, _("cannot read the database"));
	}
	db_done(st);
	return rc;
}

int
store_base_put(struct db *db, const char *peer, const struct entity_def *def,
	       const char *uuid, int64_t version, const char *fingerprint,
	       struct error *err)
{
	/* Unchanged rows are not written: importing the same document
	 * again changes nothing in the file. */
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO exchange_base (peer, record_uuid, entity, version, "
		"fingerprint) VALUES (?1, ?2, ?3, ?4, ?5) "
		"ON CONFLICT (peer, record_uuid) DO UPDATE SET "
		"entity = excluded.entity, version = excluded.version, "
		"fingerprint = excluded.fingerprint "
		"WHERE version IS NOT excluded.version "
		"OR fingerprint IS NOT excluded.fingerprint", err);
	int rc = ERR_OK;

	if (!st)
		return ERR_DATABASE;
	if ((rc = db_check_write(db, err))) {
		db_done(st);
		return rc;
	}
	db_bind_text(st, 1, peer);
	db_bind_text(st, 2, uuid);
	db_bind_text(st, 3, def->name);
	sqlite3_bind_int64(st, 4, version);
	db_bind_text(st, 5, fingerprint);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot write the exchange state"));
	db_done(st);
	return rc;
}

int
store_tombstone_put(struct db *db, const struct record *rec, const char *title,
		    const char *at, struct error *err)
{
	sqlite3_stmt *st;
	char *fp;
	int rc = ERR_OK;

	if (db_schema_version(db) < DB_SCHEMA_EXCHANGE)
		return ERR_OK;
	if (!(fp = record_fingerprint(rec, 0)))
		return error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	if (!(st = db_prepare(db,
		"INSERT OR REPLACE INTO tombstone (record_uuid, entity, "
		"project_uuid, title, version, fingerprint, deleted_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err))) {
		free(fp);
		return ERR_DATABASE;
	}
	db_bind_text(st, 1, rec->uuid);
	db_bind_text(st, 2, rec->def->name);
	db_bind_text(st, 3, rec->def->kind == ENT_PROJECT ? rec->uuid
			    : rec->def->project_field >= 0
			    ? record_text(rec, rec->def->project_field) : NULL);
	db_bind_text(st, 4, rec->def->project_field < 0 ? title : NULL);
	sqlite3_bind_int64(st, 5, rec->version);
	db_bind_text(st, 6, fp);
	db_bind_text(st, 7, at);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot write the exchange state"));
	db_done(st);
	free(fp);
	return rc;
}

int
store_tombstone_drop(struct db *db, const char *uuid, struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_OK;

	if (db_schema_version(db) < DB_SCHEMA_EXCHANGE)
		return ERR_OK;
	if (!(st = db_prepare(db, "DELETE FROM tombstone WHERE record_uuid = ?1",
			      err)))
		return ERR_DATABASE;
	db_bind_text(st, 1, uuid);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot write the exchange state"));
	db_done(st);
	return rc;
}

void
tombstone_clear(struct tombstone *t)
{
	free(t->fingerprint);
	free(t->title);
	memset(t, 0, sizeof *t);
}

/* Fills t from a row: uuid, entity, project, title, version,
 * fingerprint, at. */
static int
tombstone_row(sqlite3_stmt *st, struct tombstone *t, struct error *err)
{
	bool oom = false;

	memset(t, 0, sizeof *t);
	db_column_copy(st, 0, t->uuid, sizeof t->uuid);
	t->def = entity_by_name((const char *)sqlite3_column_text(st, 1));
	db_column_copy(st, 2, t->project, sizeof t->project);
	t->title = db_column_strdup(st, 3, &oom);
	t->version = sqlite3_column_int64(st, 4);
	t->fingerprint = db_column_strdup(st, 5, &oom);
	db_column_copy(st, 6, t->at, sizeof t->at);
	if (oom) {
		tombstone_clear(t);
		return error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	}
	return t->def ? ERR_OK : error_set(err, ERR_DATABASE, NULL, "%s",
					   _("cannot read the database"));
}

int
store_tombstone_get(struct db *db, const char *uuid, struct tombstone *out,
		    struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_NOT_FOUND, src;

	memset(out, 0, sizeof *out);
	if (db_schema_version(db) < DB_SCHEMA_EXCHANGE)
		return ERR_NOT_FOUND;
	if (!(st = db_prepare(db, "SELECT record_uuid, entity, project_uuid, "
			      "title, version, fingerprint, deleted_at "
			      "FROM tombstone WHERE record_uuid = ?1", err)))
		return ERR_DATABASE;
	db_bind_text(st, 1, uuid);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		rc = tombstone_row(st, out, err);
	else if (src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot read the database"));
	db_done(st);
	return rc;
}

int
store_tombstone_project(struct db *db, const char *code,
			char uuid[UUID_LEN + 1], struct error *err)
{
	sqlite3_stmt *st;
	int rc = ERR_NOT_FOUND, src;

	uuid[0] = '\0';
	if (db_schema_version(db) < DB_SCHEMA_EXCHANGE)
		return rc;
	if (!(st = db_prepare(db, "SELECT record_uuid FROM tombstone "
			      "WHERE entity = 'project' AND (record_uuid = ?1 "
			      "OR salkku_fold_key(title) = salkku_fold_key(?1)) "
			      "ORDER BY deleted_at DESC LIMIT 1", err)))
		return ERR_DATABASE;
	db_bind_text(st, 1, code);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		db_column_copy(st, 0, uuid, UUID_LEN + 1);
		rc = ERR_OK;
	} else if (src != SQLITE_DONE) {
		rc = db_fail(db, err, _("cannot read the database"));
	}
	db_done(st);
	return rc;
}

int
store_org_match(struct db *db, const struct record *theirs,
		struct record **out, bool *by_business_id, struct error *err)
{
	const char *bid = record_text(theirs, ORG_BUSINESS_ID);
	sqlite3_stmt *st;
	char uuid[UUID_LEN + 1] = "";
	int rc = ERR_OK, src;

	*out = NULL;
	*by_business_id = false;
	/* The business ID first: it names one legal entity whatever its
	 * name; then the name, as the database's uniqueness compares it. */
	if (!(st = db_prepare(db, "SELECT uuid, business_id = ?1 FROM organisation "
			      "WHERE business_id = ?1 UNION ALL "
			      "SELECT uuid, 0 FROM organisation "
			      "WHERE name_key = salkku_fold_key(?2) LIMIT 1", err)))
		return ERR_DATABASE;
	db_bind_text(st, 1, bid);
	db_bind_text(st, 2, record_text(theirs, ORG_NAME));
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		db_column_copy(st, 0, uuid, sizeof uuid);
		*by_business_id = sqlite3_column_int(st, 1) == 1;
	} else if (src != SQLITE_DONE) {
		rc = db_fail(db, err, _("cannot read the database"));
	}
	db_done(st);
	if (rc || !uuid[0])
		return rc ? rc : ERR_NOT_FOUND;
	return store_read(db, entities[ENT_ORGANISATION], uuid, out, err);
}

/* ---- The exchange members of an export ----------------------------- */

/* fp without the fields of def an export leaves out (money): their
 * hashes would give the sums away, a few guesses each.  The caller
 * frees; NULL when out of memory. */
static char *
shared_fingerprint(const struct entity_def *def, const char *fp,
		   unsigned omit)
{
	char *out = strdup(fp), *w = out;
	const char *r = fp;

	if (!out || !(omit & OMIT_MONEY) || !def)
		return out;
	while (*r) {
		const char *end = strchr(r, ',');
		size_t len = end ? (size_t)(end - r) : strlen(r);
		const char *colon = memchr(r, ':', len);
		bool money = false;

		for (size_t i = 0; colon && i < def->nfields; i++)
			if (def->fields[i].type == FT_MONEY &&
			    strlen(def->fields[i].name) == (size_t)(colon - r) &&
			    !strncmp(def->fields[i].name, r, (size_t)(colon - r)))
				money = true;
		if (!money) {
			if (w != out)
				*w++ = ',';
			memmove(w, r, len);
			w += len;
		}
		r += len + (end ? 1 : 0);
	}
	*w = '\0';
	return out;
}

/* The tombstones an export carries: all, or those of the selected
 * projects; never those of notes when notes stay home. */
static char *
deleted_sql(const struct export_filter *filter)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);

	if (!f)
		return NULL;
	fputs("SELECT record_uuid, entity, project_uuid, json_quote(title), "
	      "version, fingerprint, deleted_at FROM tombstone WHERE 1", f);
	if (filter->omit & OMIT_OTHER_PROJECTS)
		fputs(" AND project_uuid IN (SELECT value FROM json_each(?1))", f);
	if (filter->omit & OMIT_NOTES)
		fputs(" AND entity <> 'note'", f);
	fputs(" ORDER BY record_uuid", f);
	if (fclose(f) != 0) {
		free(sql);
		return NULL;
	}
	return sql;
}

/* The bases of the records an export carries, by partner. */
static char *
bases_sql(const struct export_filter *filter)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);

	if (!f)
		return NULL;
	fputs("SELECT peer, record_uuid, entity, version, fingerprint "
	      "FROM exchange_base WHERE 1", f);
	if (filter->omit & OMIT_NOTES)
		fputs(" AND entity <> 'note'", f);
	if (filter->omit & OMIT_OTHER_PROJECTS) {
		fputs(" AND (record_uuid IN (SELECT record_uuid FROM tombstone "
		      "WHERE project_uuid IN (SELECT value FROM json_each(?1)))", f);
		for (size_t k = 0; k < ENT_COUNT; k++) {
			fprintf(f, " OR record_uuid IN (SELECT uuid FROM \"%s\"",
				entities[k]->table);
			store_put_selection(f, entities[k], filter);
			fputs(")", f);
		}
		fputs(")", f);
	}
	fputs(" ORDER BY peer, record_uuid", f);
	if (fclose(f) != 0) {
		free(sql);
		return NULL;
	}
	return sql;
}

/* Runs sql (?1: sel) and writes each row with put; the member's name
 * and braces around them. */
static int
export_rows(struct db *db, FILE *out, const char *name, const char *sql,
	    const char *sel, unsigned omit,
	    int (*put)(FILE *out, sqlite3_stmt *st, unsigned omit, int row,
		       char *peer_open),
	    struct error *err)
{
	sqlite3_stmt *st;
	char peer[UUID_LEN + 1] = "";
	int rc = ERR_OK, src, row = 0;

	if (!sql)
		return error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	if (!(st = db_prepare(db, sql, err)))
		return ERR_DATABASE;
	if (sel && sqlite3_bind_parameter_count(st) >= 1)
		db_bind_text(st, 1, sel);
	fprintf(out, ",\n\"%s\":{", name);
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW)
		rc = put(out, st, omit, row++, peer);
	if (!rc && src != SQLITE_DONE)
		rc = db_fail(db, err, _("cannot export the database"));
	if (rc == ERR_FAILED)
		error_set(err, rc, NULL, "%s", _("out of memory"));
	fputs(*peer ? "}\n}" : row ? "\n}" : "}", out);
	db_done(st);
	return rc;
}

static int
put_deleted(FILE *out, sqlite3_stmt *st, unsigned omit, int row,
	    char *peer_open)
{
	const struct entity_def *def =
		entity_by_name((const char *)sqlite3_column_text(st, 1));
	char *fp = shared_fingerprint(def, (const char *)sqlite3_column_text(st, 5),
				      omit);

	(void)peer_open;
	if (!fp)
		return ERR_FAILED;
	fprintf(out, "%s\"%s\":{\"entity\":\"%s\"", row ? ",\n" : "\n",
		sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
	if (sqlite3_column_type(st, 2) != SQLITE_NULL)
		fprintf(out, ",\"project\":\"%s\"", sqlite3_column_text(st, 2));
	if (sqlite3_column_type(st, 3) != SQLITE_NULL &&
	    strcmp((const char *)sqlite3_column_text(st, 3), "null"))
		fprintf(out, ",\"title\":%s", sqlite3_column_text(st, 3));
	fprintf(out, ",\"version\":%lld,\"fingerprint\":\"%s\",\"at\":\"%s\"}",
		(long long)sqlite3_column_int64(st, 4), fp,
		sqlite3_column_text(st, 6));
	free(fp);
	return ERR_OK;
}

static int
put_base(FILE *out, sqlite3_stmt *st, unsigned omit, int row,
	 char *peer_open)
{
	const char *peer = (const char *)sqlite3_column_text(st, 0);
	const struct entity_def *def =
		entity_by_name((const char *)sqlite3_column_text(st, 2));
	char *fp = shared_fingerprint(def, (const char *)sqlite3_column_text(st, 4),
				      omit);
	bool same = !strcmp(peer_open, peer);

	if (!fp)
		return ERR_FAILED;
	if (!same)
		fprintf(out, "%s\n\"%s\":{", row ? "}," : "", peer);
	snprintf(peer_open, UUID_LEN + 1, "%s", peer);
	fprintf(out, "%s\n\"%s\":{\"version\":%lld,\"fingerprint\":\"%s\"}",
		same ? "," : "", sqlite3_column_text(st, 1),
		(long long)sqlite3_column_int64(st, 3), fp);
	free(fp);
	return ERR_OK;
}

int
store_export_exchange(struct db *db, FILE *out,
		      const struct export_filter *filter, const char *sel,
		      struct error *err)
{
	char *sql = deleted_sql(filter);
	int rc = export_rows(db, out, "deleted", sql, sel, filter->omit,
			     put_deleted, err);

	free(sql);
	if (rc)
		return rc;
	sql = bases_sql(filter);
	rc = export_rows(db, out, "bases", sql, sel, filter->omit, put_base, err);
	free(sql);
	return rc;
}

/* ---- The exchange members of a document ---------------------------- */

static const char *const omit_names[] = {
	[0] = "notes", [1] = "changes", [2] = "money", [3] = "other_projects",
};

const char *
exchange_omit_name(unsigned bit)
{
	for (unsigned i = 0; i < sizeof omit_names / sizeof *omit_names; i++)
		if (bit == 1u << i)
			return omit_names[i];
	return NULL;
}

static int
bad_member(struct error *err, const char *path, const char *what)
{
	return error_set(err, ERR_INVALID, path, "%s: %s", path, what);
}

/* A fingerprint from outside: "-", or name:hash pairs joined by ",",
 * each name a lower-case word and each hash FIELD_HASH_LEN hex digits
 * or "-". */
static bool
fingerprint_valid(const char *s)
{
	if (!strcmp(s, "-"))
		return true;
	while (*s) {
		size_t n = 0, h = 0;

		while ((s[n] >= 'a' && s[n] <= 'z') || s[n] == '_')
			n++;
		if (!n || s[n] != ':')
			return false;
		s += n + 1;
		if (*s == '-') {
			h = 1;
		} else {
			while (h < FIELD_HASH_LEN &&
			       ((s[h] >= '0' && s[h] <= '9') || (s[h] >= 'a' && s[h] <= 'f')))
				h++;
			if (h != FIELD_HASH_LEN)
				return false;
		}
		s += h;
		if (*s == ',' && s[1])
			s++;
		else if (*s)
			return false;
	}
	return true;
}

static int
read_database(struct db *db, const char *json, int len,
	      struct exchange_doc *doc, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT json_type(?1, '$.database'), "
				      "json_extract(?1, '$.database')", err);
	int rc = ERR_OK;

	if (!st)
		return ERR_DATABASE;
	sqlite3_bind_text(st, 1, json, len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = db_fail(db, err, _("cannot read the document"));
	} else if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		const char *id = (const char *)sqlite3_column_text(st, 1);

		if (strcmp((const char *)sqlite3_column_text(st, 0), "text") ||
		    !id || !db_uuid_valid(id))
			rc = bad_member(err, "$.database",
					_("must be the lower-case uuid of the database"));
		else
			memcpy(doc->database, id, UUID_LEN + 1);
	}
	db_done(st);
	return rc;
}

static int
read_omitted(struct db *db, const char *json, int len,
	     struct exchange_doc *doc, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT type, value "
				      "FROM json_each(?1, '$.omitted')", err);
	int rc = ERR_OK, src;

	if (!st)
		return ERR_DATABASE;
	sqlite3_bind_text(st, 1, json, len, SQLITE_STATIC);
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 1);
		unsigned bit = 0;

		for (unsigned i = 0; v && i < sizeof omit_names / sizeof *omit_names; i++)
			if (!strcmp(v, omit_names[i]))
				bit = 1u << i;
		if (strcmp((const char *)sqlite3_column_text(st, 0), "text") || !bit)
			rc = bad_member(err, "$.omitted",
					_("must list some of notes, changes, money and other_projects"));
		doc->omitted |= bit;
	}
	if (!rc && src != SQLITE_DONE)
		rc = bad_member(err, "$.omitted", _("must be an array"));
	db_done(st);
	return rc;
}

static int
base_compare(const void *a, const void *b)
{
	return strcmp(((const struct base_entry *)a)->uuid,
		      ((const struct base_entry *)b)->uuid);
}

/* The bases the document's database holds for `me`: what it last
 * received from this database. */
static int
read_bases(struct db *db, const char *json, int len, const char *me,
	   struct exchange_doc *doc, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT p.type, r.key, r.type, json_type(r.value, '$.version'), "
		"json_extract(r.value, '$.version'), "
		"json_type(r.value, '$.fingerprint'), "
		"json_extract(r.value, '$.fingerprint'), "
		"(SELECT count(*) FROM json_each(r.value) "
		"WHERE key NOT IN ('version', 'fingerprint')) "
		"FROM json_each(?1, '$.bases') AS p "
		"LEFT JOIN json_each(p.value) AS r "
		"WHERE p.key = ?2 OR p.type != 'object'", err);
	size_t cap = 0;
	int rc = ERR_OK, src;

	if (!st)
		return ERR_DATABASE;
	sqlite3_bind_text(st, 1, json, len, SQLITE_STATIC);
	db_bind_text(st, 2, me);
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 1);
		const char *fp = (const char *)sqlite3_column_text(st, 6);
		struct base_entry *e;

		if (strcmp((const char *)sqlite3_column_text(st, 0), "object")) {
			rc = bad_member(err, "$.bases", _("must be an object keyed by database id"));
			break;
		}
		if (!key)
			continue;  /* an empty object */
		if (!db_uuid_valid(key) || !sqlite3_column_text(st, 2) ||
		    strcmp((const char *)sqlite3_column_text(st, 2), "object") ||
		    !sqlite3_column_text(st, 3) ||
		    strcmp((const char *)sqlite3_column_text(st, 3), "integer") ||
		    sqlite3_column_int64(st, 4) < 1 || !fp ||
		    !fingerprint_valid(fp) || sqlite3_column_int(st, 7)) {
			rc = bad_member(err, "$.bases",
					_("every base must be a record's uuid with a version and a fingerprint"));
			break;
		}
		if (doc->nbases == cap) {
			size_t n = cap ? cap * 2 : 64;
			struct base_entry *more = realloc(doc->bases, n * sizeof *more);

			if (!more) {
				rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
				break;
			}
			doc->bases = more;
			cap = n;
		}
		e = &doc->bases[doc->nbases];
		memcpy(e->uuid, key, UUID_LEN + 1);
		e->version = sqlite3_column_int64(st, 4);
		if (!(e->fingerprint = strdup(fp))) {
			rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
			break;
		}
		doc->nbases++;
	}
	if (!rc && src != SQLITE_DONE)
		rc = bad_member(err, "$.bases", _("must be an object keyed by database id"));
	db_done(st);
	if (!rc && doc->nbases)
		qsort(doc->bases, doc->nbases, sizeof *doc->bases, base_compare);
	return rc;
}

/* Children before their projects, projects before organisations. */
static int
tombstone_compare(const void *a, const void *b)
{
	const struct tombstone *x = a, *y = b;

	if (x->def->kind != y->def->kind)
		return x->def->kind > y->def->kind ? -1 : 1;
	return strcmp(x->uuid, y->uuid);
}

static int
read_deleted(struct db *db, const char *json, int len,
	     struct exchange_doc *doc, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT key, json_extract(value, '$.entity'), "
		"json_extract(value, '$.project'), json_extract(value, '$.title'), "
		"json_extract(value, '$.version'), "
		"json_extract(value, '$.fingerprint'), json_extract(value, '$.at'), "
		"type = 'object' AND json_type(value, '$.version') = 'integer' "
		"AND json_type(value, '$.entity') = 'text' "
		"AND json_type(value, '$.fingerprint') = 'text' "
		"AND json_type(value, '$.at') = 'text' "
		"AND coalesce(json_type(value, '$.project'), 'text') = 'text' "
		"AND coalesce(json_type(value, '$.title'), 'text') = 'text' "
		"AND (SELECT count(*) FROM json_each(value) WHERE key NOT IN "
		"('entity', 'project', 'title', 'version', 'fingerprint', 'at')) = 0 "
		"FROM json_each(?1, '$.deleted')", err);
	size_t cap = 0;
	int rc = ERR_OK, src;

	if (!st)
		return ERR_DATABASE;
	sqlite3_bind_text(st, 1, json, len, SQLITE_STATIC);
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		const char *project = (const char *)sqlite3_column_text(st, 2);
		const char *at = (const char *)sqlite3_column_text(st, 6);
		char now[32];
		struct tombstone *t;

		if (!sqlite3_column_int(st, 7) || !key || !db_uuid_valid(key) ||
		    !entity_by_name((const char *)sqlite3_column_text(st, 1)) ||
		    (project && !db_uuid_valid(project)) ||
		    sqlite3_column_int64(st, 4) < 1 ||
		    !fingerprint_valid((const char *)sqlite3_column_text(st, 5)) ||
		    !at || strlen(at) != 20 || at[10] != 'T' || at[19] != 'Z') {
			rc = bad_member(err, "$.deleted",
					_("every deleted record must have a uuid, entity, version, fingerprint and time"));
			break;
		}
		format_now(now);
		if (doc->ndeleted == cap) {
			size_t n = cap ? cap * 2 : 16;
			struct tombstone *more = realloc(doc->deleted, n * sizeof *more);

			if (!more) {
				rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
				break;
			}
			doc->deleted = more;
			cap = n;
		}
		t = &doc->deleted[doc->ndeleted++];
		memset(t, 0, sizeof *t);
		memcpy(t->uuid, key, UUID_LEN + 1);
		t->def = entity_by_name((const char *)sqlite3_column_text(st, 1));
		snprintf(t->project, sizeof t->project, "%s", project ? project : "");
		t->version = sqlite3_column_int64(st, 4);
		snprintf(t->at, sizeof t->at, "%s", at);
		if (!(t->fingerprint = strdup((const char *)sqlite3_column_text(st, 5))) ||
		    (sqlite3_column_text(st, 3) &&
		     !(t->title = strdup((const char *)sqlite3_column_text(st, 3)))))
			rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	}
	if (!rc && src != SQLITE_DONE)
		rc = bad_member(err, "$.deleted", _("must be an object keyed by uuid"));
	db_done(st);
	if (!rc && doc->ndeleted)
		qsort(doc->deleted, doc->ndeleted, sizeof *doc->deleted,
		      tombstone_compare);
	return rc;
}

/* omitted an array, bases and deleted objects, where given. */
static int
check_types(struct db *db, const char *json, int len, struct error *err)
{
	static const char *const path[] = { "$.omitted", "$.bases", "$.deleted" };
	static const char *const type[] = { "array", "object", "object" };
	sqlite3_stmt *st = db_prepare(db, "SELECT json_type(?1, '$.omitted'), "
				      "json_type(?1, '$.bases'), "
				      "json_type(?1, '$.deleted')", err);
	int rc = ERR_OK;

	if (!st)
		return ERR_DATABASE;
	sqlite3_bind_text(st, 1, json, len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = db_fail(db, err, _("cannot read the document"));
	for (int i = 0; i < 3 && !rc; i++) {
		const char *t = (const char *)sqlite3_column_text(st, i);

		if (t && strcmp(t, type[i]))
			rc = bad_member(err, path[i], i ? _("must be an object keyed by uuid")
							: _("must be an array"));
	}
	db_done(st);
	return rc;
}

int
store_json_exchange(struct db *db, const char *json, size_t len,
		    const char *me, struct exchange_doc *doc, struct error *err)
{
	int rc;

	memset(doc, 0, sizeof *doc);
	if (!db || !json || !me)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (len > INT32_MAX)
		return error_set(err, ERR_INVALID, "$", _("the document is too large"));
	if ((rc = check_types(db, json, (int)len, err)) ||
	    (rc = read_database(db, json, (int)len, doc, err)) ||
	    (rc = read_omitted(db, json, (int)len, doc, err)) ||
	    (rc = read_bases(db, json, (int)len, me, doc, err)) ||
	    (rc = read_deleted(db, json, (int)len, doc, err)))
		exchange_doc_clear(doc);
	return rc;
}

const struct base_entry *
exchange_doc_base(const struct exchange_doc *doc, const char *uuid)
{
	struct base_entry key;

	if (!doc->nbases)
		return NULL;
	snprintf(key.uuid, sizeof key.uuid, "%s", uuid);
	return bsearch(&key, doc->bases, doc->nbases, sizeof *doc->bases,
		       base_compare);
}

void
exchange_doc_clear(struct exchange_doc *doc)
{
	for (size_t i = 0; i < doc->nbases; i++)
		free(doc->bases[i].fingerprint);
	for (size_t i = 0; i < doc->ndeleted; i++)
		tombstone_clear(&doc->deleted[i]);
	free(doc->bases);
	free(doc->deleted);
	memset(doc, 0, sizeof *doc);
}
