/* SPDX-License-Identifier: EUPL-1.2 */
/* store_json_read.c — walking a JSON exchange document with SQLite's
 * JSON functions, record by record, checking every member's type
 * against the field tables.  No JSON is parsed by hand here; json_check.c
 * has already refused what SQLite would accept too kindly.
 *
 * A document can be gigabytes: it is never parsed whole.  The checker
 * (json_check_stream) hands its records one by one to a staging
 * database (store_stage.c); the walk here reads the top-level members
 * from there, then each member's records in the order the callback
 * needs (organisations, projects, dependants, changes), each record's
 * text parsed on its own by json_each(). */
#include "config.h"

#include "store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/format.h"
#include "src/base/i18n.h"

/* The member after the entities: the change log. */
#define MEMBER_CHANGES ENT_COUNT
#define NO_MEMBER (-1)

/* Columns of the json_each rows read here. */
enum { COL_KEY, COL_TYPE, COL_ATOM };

struct walk {
	struct db *db;
	struct json_stage *stage;
	int (*fn)(struct json_item *item, void *arg);
	void *arg;
	struct error *err;
	char path[192];          /* "$.projects.<uuid>" */
	int member;              /* the member being walked, or NO_MEMBER */
	int64_t rec_id;          /* 0: a record is open; -1: none */
	struct record *rec;      /* the record being read ... */
	struct change_entry change;  /* ... or the change */
	char entity[32];         /* the change's entity, by name */
};

static int
bad(struct walk *w, const char *member, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ERR_INVALID at w->path (plus .member): the path is the field of the
 * error and begins the message, as err->field may be too short for a
 * long path. */
static int
bad(struct walk *w, const char *member, const char *fmt, ...)
{
	char path[sizeof w->path + 64], text[400];
	va_list ap;

	snprintf(path, sizeof path, "%s%s%s", w->path, member ? "." : "",
		 member ? member : "");
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	return error_set(w->err, ERR_INVALID, path, "%s: %s", path, text);
}

static const char *
col_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return s ? s : "";
}

/* Integers from outside are bounded to what JSON holds exactly
 * (2^53 - 1): far beyond any version or sum of cents, and far enough
 * below INT64_MAX that adding to them cannot overflow. */
#define JSON_INT_MAX INT64_C(9007199254740991)

/* The member's whole number, refused when it is not an integer that
 * fits within ±JSON_INT_MAX. */
static int
whole(struct walk *w, const char *member, sqlite3_stmt *st, const char *type,
      int64_t *out)
{
	int64_t v = sqlite3_column_int64(st, COL_ATOM);

	if (strcmp(type, "integer"))
		return bad(w, member, _("must be a whole number"));
	if (sqlite3_column_type(st, COL_ATOM) != SQLITE_INTEGER ||
	    v > JSON_INT_MAX || v < -JSON_INT_MAX)
		return bad(w, member, _("the number is too large (at most %lld)"),
			   (long long)JSON_INT_MAX);
	*out = v;
	return ERR_OK;
}

/* A time stamp from outside: ISO 8601 UTC to the second
 * ("2024-01-15T10:00:00Z"), a real date and time, and not later than a
 * day after now (clocks differ a little between machines; a stamp
 * further ahead would pass for the newest change forever). */
static int
check_stamp(struct walk *w, const char *member, const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	char date[11], iso[11], now[32], limit[32], tomorrow[11];
	size_t i;

	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
			break;
	memcpy(date, s, i >= 10 ? 10 : 0);
	date[i >= 10 ? 10 : 0] = '\0';
	if (shape[i] || s[i] || parse_date(date, iso) < 0 ||
	    (s[11] - '0') * 10 + (s[12] - '0') > 23 || s[14] > '5' || s[17] > '5')
		return bad(w, member, _("must be a UTC time like 2024-01-15T10:00:00Z, not \"%.40s\""),
			   s);
	format_now(now);
	memcpy(date, now, 10);
	if (date_add_days(date, 1, tomorrow) < 0)
		return ERR_OK;
	snprintf(limit, sizeof limit, "%s%s", tomorrow, now + 10);
	if (strcmp(s, limit) > 0)
		return bad(w, member, _("%s lies in the future (it is now %s)"), s,
			   now);
	return ERR_OK;
}

/* Hundredths from a JSON number: whole numbers exactly, others through
 * a double, which holds two decimals of any sensible figure exactly
 * enough to round back.  Rounded by hand: libm is not linked. */
static int
hundredths(struct walk *w, const char *member, sqlite3_stmt *st,
	   const char *type, int64_t *out)
{
	double d, ad, diff;
	int64_t r;

	if (!strcmp(type, "integer")) {
		int64_t v = sqlite3_column_int64(st, COL_ATOM);

		if (v > INT64_MAX / 100 || v < INT64_MIN / 100)
			return bad(w, member, _("the number is too large"));
		*out = v * 100;
		return ERR_OK;
	}
	d = sqlite3_column_double(st, COL_ATOM) * 100.0;
	ad = d < 0 ? -d : d;
	if (ad > 9e15)
		return bad(w, member, _("the number is too large"));
	r = (int64_t)(d < 0 ? d - 0.5 : d + 0.5);
	diff = d - (double)r;
	if ((diff < 0 ? -diff : diff) > 1e-6 * (ad > 1 ? ad : 1))
		return bad(w, member, _("must be a number with at most two decimals"));
	*out = r;
	return ERR_OK;
}

static int
set_field(struct walk *w, struct record *rec, int i, sqlite3_stmt *st,
	  const char *type)
{
	const struct field_def *f = &rec->def->fields[i];
	const char *member = f->name;
	int64_t v = 0;
	int rc;

	if (!strcmp(type, "null"))
		return ERR_OK;
	switch (f->type) {
	case FT_MONEY:
		if (strcmp(type, "integer"))
			return bad(w, member, _("must be a whole number of cents"));
		if ((rc = whole(w, member, st, type, &v)))
			return rc;
		record_set_num(rec, i, v);
		return ERR_OK;
	case FT_YEAR:
		if (strcmp(type, "integer"))
			return bad(w, member, _("must be a year, a whole number"));
		if ((rc = whole(w, member, st, type, &v)))
			return rc;
		record_set_num(rec, i, v);
		return ERR_OK;
	case FT_HUNDREDTHS:
		if (strcmp(type, "integer") && strcmp(type, "real"))
			return bad(w, member, _("must be a number"));
		if ((rc = hundredths(w, member, st, type, &v)))
			return rc;
		record_set_num(rec, i, v);
		return ERR_OK;
	case FT_BOOL:
		if (strcmp(type, "true") && strcmp(type, "false"))
			return bad(w, member, _("must be true or false"));
		record_set_num(rec, i, !strcmp(type, "true"));
		return ERR_OK;
	default:
		break;
	}
	if (strcmp(type, "text"))
		return bad(w, member, _("must be a string"));
	if (f->type == FT_REF && !db_uuid_valid(col_text(st, COL_ATOM)))
		return bad(w, member, _("must be the lower-case uuid of a %s"),
			   entities[f->ref]->name);
	if (record_set_text(rec, i, col_text(st, COL_ATOM)) < 0)
		return error_set(w->err, ERR_FAILED, NULL, _("out of memory"));
	return ERR_OK;
}

/* Copies a string member into a fixed buffer, refusing what is too long. */
static int
set_meta(struct walk *w, const char *member, sqlite3_stmt *st,
	 const char *type, char *buf, size_t size)
{
	const char *s = col_text(st, COL_ATOM);
	size_t n = strlen(s);

	if (strcmp(type, "text") || !n)
		return bad(w, member, _("must be a non-empty string"));
	if (n >= size)
		return bad(w, member, _("is too long"));
	memcpy(buf, s, n + 1);
	return ERR_OK;
}

static int
record_member(struct walk *w, sqlite3_stmt *st, const char *key,
	      const char *type)
{
	struct record *rec = w->rec;
	int i;

	if (!strcmp(key, "version")) {
		int64_t v = 0;
		int rc;

		if (strcmp(type, "integer") || sqlite3_column_int64(st, COL_ATOM) < 1)
			return bad(w, key, _("must be a whole number from 1 up"));
		if ((rc = whole(w, key, st, type, &v)))
			return rc;
		rec->version = v;
		return ERR_OK;
	}
	if (!strcmp(key, "updated_at")) {
		int rc = set_meta(w, key, st, type, rec->updated_at,
				  sizeof rec->updated_at);

		return rc ? rc : check_stamp(w, key, rec->updated_at);
	}
	if (!strcmp(key, "updated_by"))
		return set_meta(w, key, st, type, rec->updated_by,
				sizeof rec->updated_by);
	if ((i = entity_field_index(rec->def, key)) < 0)
		return bad(w, key, _("a %s has no member called %s"),
			   rec->def->name, key);
	return set_field(w, rec, i, st, type);
}

/* A member of a change-log entry: every one is a string. */
static int
change_member(struct walk *w, sqlite3_stmt *st, const char *key,
	      const char *type)
{
	static const char *const known[] = {
		"at", "who", "action", "entity", "record", "project", "title",
		"field", "old", "new", "source", NULL
	};
	struct change_entry *c = &w->change;
	const char *const *k = known;
	char **dup;

	while (*k && strcmp(*k, key))
		k++;
	if (!*k)
		return bad(w, key, _("a change has no member called %s"), key);
	if (!strcmp(type, "null"))
		return ERR_OK;
	if (!strcmp(key, "at")) {
		int rc = set_meta(w, key, st, type, c->at, sizeof c->at);

		return rc ? rc : check_stamp(w, key, c->at);
	}
	if (!strcmp(key, "who"))
		return set_meta(w, key, st, type, c->who, sizeof c->who);
	if (!strcmp(key, "action"))
		return set_meta(w, key, st, type, c->action, sizeof c->action);
	if (!strcmp(key, "entity"))
		return set_meta(w, key, st, type, w->entity, sizeof w->entity);
	if (!strcmp(key, "record"))
		return set_meta(w, key, st, type, c->record_uuid,
				sizeof c->record_uuid);
	if (!strcmp(key, "project"))
		dup = &c->project_uuid;
	else if (!strcmp(key, "title"))
		dup = &c->record_title;
	else if (!strcmp(key, "field"))
		dup = &c->field;
	else if (!strcmp(key, "old"))
		dup = &c->old_value;
	else if (!strcmp(key, "source"))
		dup = &c->source;
	else
		dup = &c->new_value;
	if (strcmp(type, "text"))
		return bad(w, key, _("must be a string"));
	free(*dup);
	if (!(*dup = strdup(col_text(st, COL_ATOM))))
		return error_set(w->err, ERR_FAILED, NULL, _("out of memory"));
	return ERR_OK;
}

static int
change_complete(struct walk *w)
{
	struct change_entry *c = &w->change;

	if (!c->at[0] || !c->who[0] || !c->action[0] || !w->entity[0] ||
	    !c->record_uuid[0])
		return bad(w, NULL, _("at, who, action, entity and record are required"));
	if (strcmp(c->action, "insert") && strcmp(c->action, "update") &&
	    strcmp(c->action, "delete"))
		return bad(w, "action", _("must be insert, update or delete"));
	if (!(c->def = entity_by_name(w->entity)) || strcmp(c->def->name, w->entity))
		return bad(w, "entity", _("there is no entity called %s"), w->entity);
	if (!db_uuid_valid(c->record_uuid))
		return bad(w, "record", _("must be a lower-case uuid"));
	if (c->project_uuid && !db_uuid_valid(c->project_uuid))
		return bad(w, "project", _("must be a lower-case uuid"));
	return ERR_OK;
}

static void
drop_current(struct walk *w)
{
	record_free(&w->rec);
	free(w->change.project_uuid);
	free(w->change.project_code);
	free(w->change.record_title);
	free(w->change.field);
	free(w->change.old_value);
	free(w->change.new_value);
	free(w->change.source);
	memset(&w->change, 0, sizeof w->change);
	w->entity[0] = '\0';
	w->rec_id = -1;
}

/* The record or change read so far is complete: check it and hand it
 * over. */
static int
flush(struct walk *w)
{
	struct json_item item = { NULL, NULL, NULL, w->path };
	int rc = ERR_OK;

	if (w->rec_id < 0)
		return ERR_OK;
	if (w->member == MEMBER_CHANGES) {
		if (!(rc = change_complete(w))) {
			item.change = &w->change;
			rc = w->fn(&item, w->arg);
		}
	} else if (!w->rec->version) {
		rc = bad(w, "version", _("is missing"));
	} else if (!w->rec->updated_at[0] || !w->rec->updated_by[0]) {
		rc = bad(w, w->rec->updated_at[0] ? "updated_by" : "updated_at",
			 _("is missing"));
	} else {
		item.def = w->rec->def;
		item.rec = w->rec;
		rc = w->fn(&item, w->arg);
		w->rec = item.rec;
	}
	drop_current(w);
	return rc;
}

static const char *
member_name(int member)
{
	return member == MEMBER_CHANGES ? "changes" : entities[member]->plural;
}

/* A node directly under the member being walked: a new record. */
static int
begin_record(struct walk *w, const char *key, const char *type)
{
	snprintf(w->path, sizeof w->path, "$.%s.%s", member_name(w->member), key);
	if (strcmp(type, "object"))
		return bad(w, NULL, _("must be an object"));
	if (!db_uuid_valid(key))
		return bad(w, NULL, _("the key must be a lower-case uuid"));
	if (w->member == MEMBER_CHANGES) {
		memcpy(w->change.uuid, key, UUID_LEN + 1);
	} else {
		if (!(w->rec = record_new(entities[w->member])))
			return error_set(w->err, ERR_FAILED, NULL, _("out of memory"));
		memcpy(w->rec->uuid, key, UUID_LEN + 1);
	}
	w->rec_id = 0;
	return ERR_OK;
}

/* The member a top-level key names: an entity's kind, the changes, or
 * NO_MEMBER for format and format_version. */
static int
member_of(const char *key)
{
	const struct entity_def *def = entity_by_name(key);

	if (def && !strcmp(def->plural, key))
		return (int)def->kind;
	return strcmp(key, "changes") ? NO_MEMBER : MEMBER_CHANGES;
}

static int
stage_fail(struct walk *w)
{
	return error_set(w->err, ERR_DATABASE, NULL,
			 _("cannot read the temporary database: %s"),
			 sqlite3_errmsg(w->stage->sql));
}

/* The members of one record, from its own text. */
static int
walk_record(struct walk *w, sqlite3_stmt *each)
{
	int rc = ERR_OK, src;

	while (!rc && (src = sqlite3_step(each)) == SQLITE_ROW)
		rc = w->member == MEMBER_CHANGES
		     ? change_member(w, each, col_text(each, COL_KEY),
				     col_text(each, COL_TYPE))
		     : record_member(w, each, col_text(each, COL_KEY),
				     col_text(each, COL_TYPE));
	if (!rc && src != SQLITE_DONE)
		rc = bad(w, NULL, "%s", sqlite3_errmsg(w->stage->sql));
	sqlite3_reset(each);
	return rc;
}

/* The records of member, staged between rows lo and hi. */
static int
walk_member(struct walk *w, int member, int64_t lo, int64_t hi)
{
	sqlite3_stmt *rows = NULL, *each = NULL;
	int rc = ERR_OK, src;

	/* The body is the checked text of one JSON value, from its first
	 * byte: an object when that is a brace (json_type() would parse
	 * it once more before json_each() does). */
	if (sqlite3_prepare_v2(w->stage->sql, "SELECT key, body FROM item "
			       "WHERE seq > ?1 AND seq < ?2 ORDER BY seq", -1,
			       &rows, NULL) ||
	    sqlite3_prepare_v2(w->stage->sql, "SELECT key, type, atom "
			       "FROM json_each(?1)", -1, &each, NULL)) {
		rc = stage_fail(w);
		goto out;
	}
	sqlite3_bind_int64(rows, 1, lo);
	sqlite3_bind_int64(rows, 2, hi);
	w->member = member;
	w->rec_id = -1;
	while (!rc && (src = sqlite3_step(rows)) == SQLITE_ROW) {
		const char *body = col_text(rows, 1);

		if ((rc = begin_record(w, col_text(rows, 0),
				       body[0] == '{' ? "object" : "other")))
			break;
		sqlite3_bind_value(each, 1, sqlite3_column_value(rows, 1));
		if (!(rc = walk_record(w, each)))
			rc = flush(w);
	}
	if (!rc && src != SQLITE_DONE)
		rc = stage_fail(w);
out:
	drop_current(w);
	sqlite3_finalize(each);
	sqlite3_finalize(rows);
	return rc;
}

static int
check_format(struct walk *w, sqlite3_stmt *st, const char *key,
	     const char *type)
{
	int64_t v = 0;
	int rc;

	if (!strcmp(key, "format")) {
		if (strcmp(type, "text") || strcmp(col_text(st, COL_ATOM), "salkku"))
			return bad(w, key, _("this is not a salkku document"));
		return ERR_OK;
	}
	if ((rc = whole(w, key, st, type, &v)))
		return rc;
	if (v < 1)
		return bad(w, key, _("must be a whole number"));
	if (v > 2)
		return bad(w, key, _("written by a newer salkku (format %lld); upgrade salkku to read it"),
			   (long long)v);
	return ERR_OK;
}

/* The members an exchange adds (format 2), read by store_exchange.c. */
static bool
exchange_member(const char *key)
{
	return !strcmp(key, "database") || !strcmp(key, "omitted") ||
	       !strcmp(key, "bases") || !strcmp(key, "deleted");
}

/* Checks the top level (the members staged whole, and a row for each
 * member staged record by record), and notes where each member's
 * records lie among the staged rows. */
static int
scan_top(struct walk *w, int64_t lo[ENT_COUNT + 1], int64_t hi[ENT_COUNT + 1])
{
	sqlite3_stmt *st = NULL;
	bool format = false, version = false;
	int rc = ERR_OK, src, last = NO_MEMBER;

	snprintf(w->path, sizeof w->path, "$");
	if (w->stage->not_object)
		return bad(w, NULL, _("the document must be a JSON object"));
	if (sqlite3_prepare_v2(w->stage->sql, "SELECT member, json_type(body), "
			       "json_extract(body, '$'), seq FROM item "
			       "WHERE key IS NULL ORDER BY seq", -1, &st, NULL))
		return stage_fail(w);
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = col_text(st, COL_KEY), *type = col_text(st, COL_TYPE);
		int member = member_of(key);
		int64_t seq = sqlite3_column_int64(st, 3);

		if (last != NO_MEMBER) {
			hi[last] = seq;
			last = NO_MEMBER;
		}
		if (!strcmp(key, "format") || !strcmp(key, "format_version")) {
			if (!strcmp(key, "format"))
				format = true;
			else
				version = true;
			rc = check_format(w, st, key, type);
		} else if (member == NO_MEMBER && exchange_member(key)) {
			/* Read by store_json_exchange(). */
		} else if (member == NO_MEMBER) {
			rc = bad(w, key, _("unknown member"));
		} else if (strcmp(type, "object")) {
			rc = bad(w, key, _("must be an object keyed by uuid"));
		} else {
			lo[member] = seq;
			hi[member] = INT64_MAX;
			last = member;
		}
	}
	if (!rc && src != SQLITE_DONE)
		rc = stage_fail(w);
	else if (!rc && (!format || !version))
		rc = bad(w, format ? "format_version" : "format", _("is missing"));
	sqlite3_finalize(st);
	return rc;
}

/* While the walk runs inside a writer's transaction, the triggers only
 * note which projects' full-text rows need refreshing: an import would
 * otherwise rewrite a project's row once for each of its notes, roles
 * and funding lines. */
bool
store_fts_pause(struct db *db)
{
	return !db->readonly && !sqlite3_get_autocommit(db->sql) &&
	       db_schema_version(db) >= 2 &&
	       db_exec(db, "INSERT INTO fts_pause VALUES (1)", NULL) == ERR_OK;
}

/* Refreshes every row noted while paused, in one pass, in rowid order
 * (FTS5 flushes its pending terms whenever a rowid goes backwards); an
 * import in slices leaves them to its end (store_undo_words). */
int
store_fts_resume(struct db *db, struct error *err)
{
	if (db->fts_deferred)
		return db_exec(db,
			"DELETE FROM fts_pause;"
			"INSERT OR IGNORE INTO temp.import_fts (project) "
			"SELECT p.id FROM fts_pending d JOIN project p "
			"ON p.uuid = d.project;"
			"DELETE FROM fts_pending", err);
	return db_exec(db,
		"DELETE FROM fts_pause;"
		"DELETE FROM project_fts WHERE rowid IN (SELECT p.id "
		"FROM fts_pending d JOIN project p ON p.uuid = d.project);"
		"INSERT INTO project_fts (rowid, code, name, description, notes, "
		"organisations) SELECT id, code, name, description, notes, "
		"organisations FROM project_fts_source "
		"WHERE uuid IN (SELECT project FROM fts_pending) ORDER BY id;"
		"DELETE FROM fts_pending", err);
}

int
store_json_staged(struct db *db, struct json_stage *stage,
		  int (*fn)(struct json_item *item, void *arg), void *arg,
		  struct error *err)
{
	struct walk w = { .db = db, .stage = stage, .fn = fn, .arg = arg,
			  .err = err, .rec_id = -1 };
	int64_t lo[ENT_COUNT + 1], hi[ENT_COUNT + 1];
	struct error e;
	locale_t numeric;
	bool paused;
	int rc, rc2;

	if (!db || !stage || !fn)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	for (int k = 0; k <= MEMBER_CHANGES; k++)
		lo[k] = hi[k] = -1;
	/* SQLite's JSON functions read reals with strtod() in some builds:
	 * under fi_FI, 8.80 would be 8. */
	numeric = format_numeric_begin();
	if ((rc = scan_top(&w, lo, hi)))
		goto out;
	paused = store_fts_pause(db);
	/* Referenced records before those that refer to them. */
	for (int k = 0; k <= MEMBER_CHANGES && !rc; k++)
		if (lo[k] >= 0)
			rc = walk_member(&w, k, lo[k], hi[k]);
	/* A slice that could not begin again leaves no transaction. */
	if (paused && !sqlite3_get_autocommit(db->sql) &&
	    (rc2 = store_fts_resume(db, rc ? &e : err)) && !rc)
		rc = rc2;
out:
	format_numeric_end(numeric);
	return rc;
}

/* Reads a document in memory for json_check_stream(). */
struct memory_reader {
	const char *text;
	size_t len, at;
};

static size_t
read_memory(void *buf, size_t size, void *arg)
{
	struct memory_reader *r = arg;
	size_t n = r->len - r->at < size ? r->len - r->at : size;

	memcpy(buf, r->text + r->at, n);
	r->at += n;
	return n;
}

int
store_json_items(struct db *db, const char *json, size_t len,
		 int (*fn)(struct json_item *item, void *arg), void *arg,
		 struct error *err)
{
	struct memory_reader r = { .text = json, .len = len };
	struct json_stage *stage = NULL;
	int rc;

	if (!db || !json || !fn)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if ((rc = store_stage_open(&stage, err)) == ERR_OK) {
		const struct json_sink sink = { store_stage_split,
						store_stage_value, stage };

		rc = json_check_stream(read_memory, &r, NULL, &sink, err);
		if (rc == ERR_OK)
			rc = store_json_staged(db, stage, fn, arg, err);
	}
	store_stage_close(&stage);
	return rc;
}
