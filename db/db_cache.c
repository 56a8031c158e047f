/* SPDX-License-Identifier: EUPL-1.2 */
/* db_cache.c — prepared statements kept for the life of the connection,
 * the SQL built from the entity tables, row <-> record mapping, uuids
 * and the errors of the storage layer. */
#include "config.h"

#include "db_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <uuid/uuid.h>

#include "src/base/entity_fields.h"
#include "src/base/i18n.h"
#include "src/base/text.h"

/* The length, the first and the last 32 bytes: hashing every byte of
 * the long INSERTs an import runs for each record cost it 1 % of its
 * time; strcmp() settles the rare collision. */
static unsigned
hash_sql(const char *s)
{
	size_t n = strlen(s);
	uint32_t h = 2166136261u ^ (uint32_t)n;

	for (size_t i = 0; i < n; i = i == 31 && n > 64 ? n - 32 : i + 1)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h % DB_STMT_BUCKETS;
}

static sqlite3_stmt *
prepare(struct db *db, const char *sql, struct error *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &st, NULL) != SQLITE_OK) {
		db_fail(db, err, _("cannot prepare a statement"));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* A statement still stepping belongs to a caller further up the stack;
 * resetting it under them would silently end their loop. */
static sqlite3_stmt *
hand_out(sqlite3_stmt *st, struct error *err)
{
	if (st && sqlite3_stmt_busy(st)) {
		error_set(err, ERR_DATABASE, NULL,
			  _("internal error: a statement was used re-entrantly"));
		return NULL;
	}
	return st;
}

sqlite3_stmt *
db_prepare(struct db *db, const char *sql, struct error *err)
{
	unsigned h = hash_sql(sql);
	struct stmt_entry *e;

	for (e = db->stmts[h]; e; e = e->next)
		if (!strcmp(e->sql, sql))
			return hand_out(e->st, err);
	e = calloc(1, sizeof *e);
	if (!e || !(e->sql = strdup(sql))) {
		free(e);
		error_set(err, ERR_DATABASE, NULL, _("out of memory"));
		return NULL;
	}
	if (!(e->st = prepare(db, sql, err))) {
		free(e->sql);
		free(e);
		return NULL;
	}
	e->next = db->stmts[h];
	db->stmts[h] = e;
	return e->st;
}

/* The key columns of migration 7: each is a function of one field,
 * filled by salkku's own statements below (and by the schema's triggers
 * for other programs' writes). */
static const struct key_column {
	enum entity_kind kind;
	int field;
	enum db_key key;
	const char *column;
} key_columns[] = {
	{ ENT_PROJECT, PROJECT_CODE, DB_KEY_FOLD, "code_key" },
	{ ENT_PROJECT, PROJECT_CODE, DB_KEY_SORT, "code_sort" },
	{ ENT_PROJECT, PROJECT_NAME, DB_KEY_SORT, "name_sort" },
	{ ENT_ORGANISATION, ORG_NAME, DB_KEY_FOLD, "name_key" },
	{ ENT_ORGANISATION, ORG_SHORT_NAME, DB_KEY_FOLD, "short_name_key" },
	{ ENT_ORGANISATION, ORG_NAME, DB_KEY_SORT, "name_sort" },
};

static const char *const key_functions[] = {
	[DB_KEY_FOLD] = "salkku_fold_key",
	[DB_KEY_SORT] = "salkku_sort_key",
};

const char *
db_key_column(const struct entity_def *def, int field, enum db_key key)
{
	for (size_t i = 0; i < sizeof key_columns / sizeof key_columns[0]; i++)
		if (key_columns[i].kind == def->kind &&
		    key_columns[i].field == field && key_columns[i].key == key)
			return key_columns[i].column;
	return NULL;
}

/* ", column = fn(?N)" for the key columns of the fields in mask, or
 * ", column" / ", fn(?N)" for an INSERT's column and value lists. */
enum key_list { KEYS_SET, KEYS_NAMES, KEYS_VALUES };

static void
put_keys(FILE *f, const struct entity_def *def, uint64_t mask,
	 enum key_list what)
{
	for (size_t i = 0; i < sizeof key_columns / sizeof key_columns[0]; i++) {
		const struct key_column *k = &key_columns[i];

		if (k->kind != def->kind || !(mask & (UINT64_C(1) << k->field)))
			continue;
		if (what == KEYS_NAMES)
			fprintf(f, ", %s", k->column);
		else if (what == KEYS_VALUES)
			fprintf(f, ", %s(?%d)", key_functions[k->key],
				k->field + DB_RECORD_META);
		else
			fprintf(f, ", %s = %s(?%d)", k->column,
				key_functions[k->key], k->field + DB_RECORD_META);
	}
}

/* The column list of a record SELECT: meta columns, then each field by
 * its name from the static table, quoted ("by" is an SQL keyword). */
static void
put_columns(FILE *f, const struct entity_def *def)
{
	fputs("id, uuid, version, updated_at, updated_by", f);
	for (size_t i = 0; i < def->nfields; i++)
		fprintf(f, ", \"%s\"", def->fields[i].name);
}

static int
first_date_field(const struct entity_def *def)
{
	for (size_t i = 0; i < def->nfields; i++)
		if (def->fields[i].type == FT_DATE)
			return (int)i;
	return -1;
}

static void
build_entity_sql(FILE *f, const struct entity_def *def, enum entity_stmt which,
		 bool keys)
{
	uint64_t all = keys ? db_all_fields(def) : 0;
	const char *sort;
	int date;

	switch (which) {
	case ES_GET:
		fputs("SELECT ", f);
		put_columns(f, def);
		fprintf(f, " FROM \"%s\" WHERE uuid = ?1", def->table);
		break;
	case ES_INSERT:
		fprintf(f, "INSERT INTO \"%s\" (uuid, version, updated_at, updated_by",
			def->table);
		for (size_t i = 0; i < def->nfields; i++)
			fprintf(f, ", \"%s\"", def->fields[i].name);
		put_keys(f, def, all, KEYS_NAMES);
		fputs(") VALUES (?1, ?2, ?3, ?4", f);
		for (size_t i = 0; i < def->nfields; i++)
			fprintf(f, ", ?%zu", i + DB_RECORD_META);
		put_keys(f, def, all, KEYS_VALUES);
		fputs(")", f);
		break;
	case ES_DELETE:
		fprintf(f, "DELETE FROM \"%s\" WHERE uuid = ?1 AND version = ?2",
			def->table);
		break;
	case ES_CHILDREN:
		fputs("SELECT ", f);
		put_columns(f, def);
		fprintf(f, " FROM \"%s\" WHERE \"%s\" = ?1 ORDER BY ", def->table,
			def->fields[def->project_field].name);
		/* Undated records after the dated ones, then in creation order.
		 * A status history stays in the order it was made: each change
		 * starts from the status the one before left, whatever dates
		 * people gave them. */
		date = def->kind == ENT_STATUS_CHANGE ? -1 : first_date_field(def);
		if (date >= 0)
			fprintf(f, "\"%s\" IS NULL, \"%s\", ",
				def->fields[date].name, def->fields[date].name);
		fputs("id", f);
		break;
	case ES_EACH:
		fputs("SELECT ", f);
		put_columns(f, def);
		fprintf(f, " FROM \"%s\" ORDER BY uuid", def->table);
		break;
	case ES_BY_TITLE:
		fputs("SELECT ", f);
		put_columns(f, def);
		/* The title's sort-key column, or its key made as it is read. */
		sort = keys ? db_key_column(def, def->title_field, DB_KEY_SORT)
			    : NULL;
		if (sort)
			fprintf(f, " FROM \"%s\" ORDER BY %s, id", def->table, sort);
		else
			fprintf(f, " FROM \"%s\" ORDER BY salkku_sort_key(\"%s\"), id",
				def->table, def->fields[def->title_field].name);
		break;
	case ES_OVERWRITE:
		fprintf(f, "UPDATE \"%s\" SET version = ?2, updated_at = ?3, "
			"updated_by = ?4", def->table);
		for (size_t i = 0; i < def->nfields; i++)
			fprintf(f, ", \"%s\" = ?%zu", def->fields[i].name,
				i + DB_RECORD_META);
		put_keys(f, def, all, KEYS_SET);
		fputs(" WHERE uuid = ?1", f);
		break;
	case ES_COUNT:
		break;
	}
}

/* Builds SQL text with a memory stream; NULL when out of memory. */
static char *
build_sql(const struct entity_def *def, enum entity_stmt which, uint64_t mask,
	  bool keys)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);

	if (!f)
		return NULL;
	if (which < ES_COUNT) {
		build_entity_sql(f, def, which, keys);
	} else {
		fprintf(f, "UPDATE \"%s\" SET ", def->table);
		for (size_t i = 0; i < def->nfields; i++)
			if (mask & (UINT64_C(1) << i))
				fprintf(f, "\"%s\" = ?%zu, ", def->fields[i].name,
					i + DB_RECORD_META);
		fputs("version = version + 1", f);
		put_keys(f, def, keys ? mask : 0, KEYS_SET);
		fputs(", updated_at = ?3, updated_by = ?4 "
		      "WHERE uuid = ?1 AND version = ?2", f);
	}
	if (fclose(f) != 0) {
		free(sql);
		return NULL;
	}
	return sql;
}

/* Whether the schema has the key columns (tests open older ones). */
static bool
has_keys(struct db *db)
{
	return db_schema_version(db) >= DB_SCHEMA_PLAIN;
}

sqlite3_stmt *
db_entity_stmt(struct db *db, const struct entity_def *def,
	       enum entity_stmt which, struct error *err)
{
	struct entity_cache *c = &db->ent[def->kind];
	char *sql;

	if (c->st[which])
		return hand_out(c->st[which], err);
	if (which == ES_CHILDREN && def->project_field < 0) {
		error_set(err, ERR_INVALID, NULL,
			  _("a %s does not belong to a project"), entity_shown(def));
		return NULL;
	}
	if (!(sql = build_sql(def, which, 0, has_keys(db)))) {
		error_set(err, ERR_DATABASE, NULL, _("out of memory"));
		return NULL;
	}
	c->st[which] = prepare(db, sql, err);
	free(sql);
	return c->st[which];
}

sqlite3_stmt *
db_update_stmt(struct db *db, const struct entity_def *def, uint64_t mask,
	       struct error *err)
{
	struct entity_cache *c = &db->ent[def->kind];
	sqlite3_stmt *st;
	char *sql;

	for (size_t i = 0; i < c->nupdates; i++)
		if (c->updates[i].mask == mask)
			return hand_out(c->updates[i].st, err);
	if (c->nupdates == c->capacity) {
		size_t cap = c->capacity ? c->capacity * 2 : 8;
		struct update_stmt *u = realloc(c->updates, cap * sizeof *u);

		if (!u) {
			error_set(err, ERR_DATABASE, NULL, _("out of memory"));
			return NULL;
		}
		c->updates = u;
		c->capacity = cap;
	}
	if (!(sql = build_sql(def, ES_COUNT, mask, has_keys(db)))) {
		error_set(err, ERR_DATABASE, NULL, _("out of memory"));
		return NULL;
	}
	st = prepare(db, sql, err);
	free(sql);
	if (st) {
		c->updates[c->nupdates].mask = mask;
		c->updates[c->nupdates].st = st;
		c->nupdates++;
	}
	return st;
}

void
db_cache_clear(struct db *db)
{
	for (size_t k = 0; k < ENT_COUNT; k++) {
		struct entity_cache *c = &db->ent[k];

		for (size_t i = 0; i < ES_COUNT; i++) {
			sqlite3_finalize(c->st[i]);
			c->st[i] = NULL;
		}
		for (size_t i = 0; i < c->nupdates; i++)
			sqlite3_finalize(c->updates[i].st);
		free(c->updates);
		c->updates = NULL;
		c->nupdates = c->capacity = 0;
	}
	for (size_t h = 0; h < DB_STMT_BUCKETS; h++) {
		while (db->stmts[h]) {
			struct stmt_entry *e = db->stmts[h];

			db->stmts[h] = e->next;
			sqlite3_finalize(e->st);
			free(e->sql);
			free(e);
		}
	}
}

void
db_done(sqlite3_stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int
db_fail(struct db *db, struct error *err, const char *what)
{
	int code = sqlite3_extended_errcode(db->sql) & 0xff;

	int sys = sqlite3_system_errno(db->sql);

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return error_set(err, ERR_DATABASE, NULL,
				 _("the database is busy: another salkku is writing; try again"));
	/* The file and the system's word for it: "disk I/O error" alone
	 * does not say which file, nor that the disk is full. */
	if (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN ||
	    code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_READONLY)
		return sys ? error_set(err, ERR_DATABASE, NULL, "%s: %s: %s (%s)",
				       what, db->path, sqlite3_errmsg(db->sql),
				       strerror(sys))
			   : error_set(err, ERR_DATABASE, NULL, "%s: %s: %s", what,
				       db->path, sqlite3_errmsg(db->sql));
	return error_set(err, ERR_DATABASE, NULL, "%s: %s", what,
			 sqlite3_errmsg(db->sql));
}

int
db_check_write(struct db *db, struct error *err)
{
	if (db->readonly)
		return error_set(err, ERR_DATABASE, NULL,
				 _("the database is open read-only"));
	if (sqlite3_get_autocommit(db->sql))
		return error_set(err, ERR_DATABASE, NULL,
				 _("internal error: a write outside a transaction"));
	return ERR_OK;
}

int
db_exec(struct db *db, const char *sql, struct error *err)
{
	char *msg = NULL;
	int rc = ERR_OK;

	if (sqlite3_exec(db->sql, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int code = sqlite3_extended_errcode(db->sql) & 0xff;

		if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
			rc = db_fail(db, err, "");
		else
			rc = error_set(err, ERR_DATABASE, NULL, "%s",
				       msg ? msg : sqlite3_errmsg(db->sql));
	}
	sqlite3_free(msg);
	return rc;
}

int
db_query_int(struct db *db, const char *sql, int64_t *out, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc = ERR_DATABASE;

	if (!st)
		return rc;
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(db, err, sql);
		goto out;
	}
	*out = sqlite3_column_int64(st, 0);
	rc = ERR_OK;
out:
	db_done(st);
	return rc;
}

static bool
is_numeric(enum field_type t)
{
	return field_type_numeric(t);
}

struct record *
db_row_record(sqlite3_stmt *st, const struct entity_def *def)
{
	struct record *rec = record_new(def);

	if (!rec)
		return NULL;
	rec->id = sqlite3_column_int64(st, 0);
	db_column_copy(st, 1, rec->uuid, sizeof rec->uuid);
	rec->version = sqlite3_column_int64(st, 2);
	db_column_copy(st, 3, rec->updated_at, sizeof rec->updated_at);
	db_column_copy(st, 4, rec->updated_by, sizeof rec->updated_by);
	for (size_t i = 0; i < def->nfields; i++) {
		int col = (int)i + DB_RECORD_META;

		if (sqlite3_column_type(st, col) == SQLITE_NULL)
			continue;
		if (is_numeric(def->fields[i].type)) {
			record_set_num(rec, (int)i, sqlite3_column_int64(st, col));
		} else if (record_set_text(rec, (int)i,
				(const char *)sqlite3_column_text(st, col)) < 0) {
			record_free(&rec);
			return NULL;
		}
	}
	return rec;
}

int
db_bind_text(sqlite3_stmt *st, int index, const char *text)
{
	if (!text)
		return sqlite3_bind_null(st, index);
	return sqlite3_bind_text(st, index, text, -1, SQLITE_STATIC);
}

int
db_bind_record(sqlite3_stmt *st, const struct record *rec, uint64_t mask)
{
	int n = sqlite3_bind_parameter_count(st);
	int rc = SQLITE_OK;

	/* Statements use a subset of the numbered parameters; bind only
	 * those that exist. */
	if (n >= 1)
		rc |= db_bind_text(st, 1, rec->uuid);
	if (n >= 2)
		rc |= sqlite3_bind_int64(st, 2, rec->version);
	if (n >= 3)
		rc |= db_bind_text(st, 3, rec->updated_at);
	if (n >= 4)
		rc |= db_bind_text(st, 4, rec->updated_by);
	for (size_t i = 0; i < rec->def->nfields; i++) {
		int index = (int)i + DB_RECORD_META;
		const struct value *v = &rec->v[i];

		if (!(mask & (UINT64_C(1) << i)) || index > n)
			continue;
		if (v->null)
			rc |= sqlite3_bind_null(st, index);
		else if (is_numeric(rec->def->fields[i].type))
			rc |= sqlite3_bind_int64(st, index, v->num);
		else
			rc |= db_bind_text(st, index, v->text);
	}
	return rc == SQLITE_OK ? 0 : -1;
}

char *
db_column_strdup(sqlite3_stmt *st, int col, bool *oom)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	char *copy;

	if (!s)
		return NULL;
	if (!(copy = strdup((const char *)s)))
		*oom = true;
	return copy;
}

void
db_column_copy(sqlite3_stmt *st, int col, char *buf, size_t size)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	snprintf(buf, size, "%s", s ? (const char *)s : "");
}

uint64_t
db_all_fields(const struct entity_def *def)
{
	return def->nfields >= 64 ? UINT64_MAX
				  : (UINT64_C(1) << def->nfields) - 1;
}

/* Random bits from getrandom() itself, stamped with VERSION and the
 * RFC variant: libuuid's generator also reseeds and cranks random()
 * for each one, which an import writing a change-log entry per record
 * felt (3 % of its time). */
static void
uuid_random(uuid_t u, unsigned version)
{
	if (getrandom(u, sizeof(uuid_t), 0) != (ssize_t)sizeof(uuid_t))
		uuid_generate_random(u);
	u[6] = (unsigned char)((u[6] & 0x0F) | version << 4);
	u[8] = (unsigned char)((u[8] & 0x3F) | 0x80);
}

void
db_uuid_new(char out[UUID_LEN + 1])
{
	uuid_t u;

	uuid_random(u, 4);
	uuid_unparse_lower(u, out);
}

void
db_uuid_v7(char out[UUID_LEN + 1])
{
	struct timespec ts;
	uint64_t ms;
	uuid_t u;

	/* RFC 9562 version 7: the Unix time in milliseconds, big-endian,
	 * in the first 48 bits, then 74 random ones.  Entries made one
	 * after another sort one after another, so that an index of them
	 * grows at its end instead of at random places. */
	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	uuid_random(u, 7);
	for (int i = 0; i < 6; i++)
		u[i] = (unsigned char)(ms >> (40 - 8 * i));
	uuid_unparse_lower(u, out);
}

bool
db_uuid_valid(const char *s)
{
	if (!s)
		return false;
	for (int i = 0; i < UUID_LEN; i++) {
		char c = s[i];

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return false;
		}
	}
	return s[UUID_LEN] == '\0';
}

/* The next folded character; a byte that is not UTF-8 sorts after all
 * of Unicode, by its value. */
static unsigned
next_folded(const char *s, size_t len, size_t *pos)
{
	unsigned cp;
	int n = utf8_decode(s + *pos, len - *pos, &cp);

	if (n < 1) {
		cp = 0x110000u + (unsigned char)s[*pos];
		n = 1;
	}
	*pos += (size_t)n;
	return text_fold_char(cp);
}

int
db_fold_compare(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;

	while (i < alen && j < blen) {
		unsigned x = next_folded(a, alen, &i);
		unsigned y = next_folded(b, blen, &j);

		if (x != y)
			return x < y ? -1 : 1;
	}
	if (i < alen)
		return 1;
	return j < blen ? -1 : 0;
}
