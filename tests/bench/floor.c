/* SPDX-License-Identifier: EUPL-1.2 */
/* floor.c — the least any program must do to answer salkku's questions
 * from the same SQLite file: the "floor" that tests/bench/run compares
 * salkku with.  No validation, no formatting beyond tab-separated
 * output, no change history beyond one log row per write (import-full
 * apart, which writes the history and word index salkku's import
 * writes): what is left is SQLite's own work plus process start-up.
 *
 *   floor DB list [STATUS]      50 projects by code, with administrator
 *                               and main funder
 *   floor DB text WORD          the 50 best matches of WORD (full text)
 *   floor DB show CODE          one project and its records
 *   floor DB set CODE CENTS     budget of one project, in a transaction
 *   floor DB export             every table as JSON
 *   floor DB csv                every project as CSV, by code, with
 *                               its administrator, row by row
 *   floor DB import DUMP        a dump as generate writes it (a record
 *                               a line), streamed: each record's JSON
 *                               text parsed by SQLite and inserted,
 *                               in one transaction
 *   floor DB import-full DUMP   the same, and what salkku's import
 *                               writes besides: a "created" change-log
 *                               entry for every record the dump brings
 *                               no history for, and the word index
 *                               (project_words) by salkku's analysis
 *   floor --peak-rss CMD ARG... runs CMD and prints its peak resident
 *                               memory in KB (for systems without
 *                               /usr/bin/time)
 *
 * The time spent inside the program (after start-up) goes to stderr.
 *
 * Since the plain schema, salkku sorts by key columns (code_sort) and
 * looks codes up by code_key; this program reads the same indexes.
 * code_key is salkku's case folding, which lower() equals for the
 * generator's ASCII codes.  The collations registered below are
 * stand-ins that only the migrations of old files name.  Nothing here
 * writes a column those indexes hold. */
#include "config.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_VOIKKO
#include <libvoikko/voikko.h>
#endif
#ifdef HAVE_LIBSTEMMER
#include <libstemmer.h>
#endif

static sqlite3 *db;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
die(const char *what)
{
	fprintf(stderr, "floor: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

static int
collate_bytes(void *arg, int alen, const void *a, int blen, const void *b)
{
	int c = memcmp(a, b, (size_t)(alen < blen ? alen : blen));

	(void)arg;
	return c ? c : alen - blen;
}

static int
collate_fold(void *arg, int alen, const void *a, int blen, const void *b)
{
	const unsigned char *x = a, *y = b;
	int n = alen < blen ? alen : blen;

	(void)arg;
	for (int i = 0; i < n; i++) {
		int cx = x[i] >= 'A' && x[i] <= 'Z' ? x[i] + 32 : x[i];
		int cy = y[i] >= 'A' && y[i] <= 'Z' ? y[i] + 32 : y[i];

		if (cx != cy)
			return cx - cy;
	}
	return alen - blen;
}

static sqlite3_stmt *
prepare(const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql);
	return st;
}

static void
exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql);
}

/* Prints every row of st, columns separated by tabs. */
static void
print_rows(sqlite3_stmt *st)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_count(st);

		for (int i = 0; i < n; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);

			printf("%s%s", i ? "\t" : "", t ? (const char *)t : "");
		}
		putchar('\n');
	}
	if (rc != SQLITE_DONE)
		die("step");
	sqlite3_finalize(st);
}

#define ORG_LABEL "coalesce(o.short_name, o.name)"

/* A page's rows, each with its administrator and main funder: salkku's
 * plan (db/store_query.c).  The page's ids are chosen first, from the
 * index on the sort key (or from the ranked matches); only those 50
 * rows then pay for the lookups. */
#define PAGE_SQL(choose, order) \
	"SELECT p.code, p.name, p.status, " \
	"(SELECT " ORG_LABEL " FROM project_role r " \
	"JOIN organisation o ON o.uuid = r.organisation " \
	"WHERE r.project = p.uuid AND r.role = 'administrator' " \
	"ORDER BY r.id LIMIT 1), " \
	"coalesce((SELECT " ORG_LABEL " FROM funding f JOIN organisation o " \
	"ON o.uuid = f.funder WHERE f.project = p.uuid ORDER BY " \
	"f.granted DESC, f.applied DESC, f.funder DESC, f.id DESC LIMIT 1), " \
	"(SELECT " ORG_LABEL " FROM project_role r JOIN organisation o " \
	"ON o.uuid = r.organisation WHERE r.project = p.uuid " \
	"AND r.role = 'funder' ORDER BY r.id LIMIT 1)), " \
	"coalesce(p.actual_start, p.planned_start), " \
	"coalesce(p.actual_end, p.planned_end), p.budget " \
	"FROM (" choose ") AS page JOIN project p ON p.id = page.id " \
	"ORDER BY " order

static void
list(const char *status)
{
	sqlite3_stmt *st = prepare(status
		? PAGE_SQL("SELECT id FROM project WHERE +status = ?1 "
			   "ORDER BY code_sort, id LIMIT 50", "p.code_sort, p.id")
		: PAGE_SQL("SELECT id FROM project ORDER BY code_sort, id LIMIT 50",
			   "p.code_sort, p.id"));

	if (status)
		sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	print_rows(st);
}

static void
show(const char *code)
{
	static const char *const children[] = {
		"SELECT r.role, coalesce(o.short_name, o.name), r.budget_share, r.note "
		"FROM project_role r JOIN organisation o ON o.uuid = r.organisation "
		"WHERE r.project = ?1 ORDER BY r.id",
		"SELECT coalesce(o.short_name, o.name), f.programme, f.applied, "
		"f.granted, f.decision_date FROM funding f JOIN organisation o "
		"ON o.uuid = f.funder WHERE f.project = ?1 ORDER BY f.id",
		"SELECT date, from_status, to_status, \"by\", reason FROM status_change "
		"WHERE project = ?1 ORDER BY date, id",
		"SELECT due, kind, title, done FROM deadline WHERE project = ?1 "
		"ORDER BY due, id",
		"SELECT date, author, body FROM note WHERE project = ?1 ORDER BY date, id",
		"SELECT label, value, unit, date FROM outcome WHERE project = ?1 "
		"ORDER BY date, id",
	};
	sqlite3_stmt *st = prepare("SELECT uuid, code, name, description, status, "
				   "planned_start, planned_end, actual_start, actual_end, "
				   "themes, region, budget, person_years, website "
				   "FROM project WHERE code_key = lower(?1)");
	char uuid[64];

	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		fprintf(stderr, "floor: no project %s\n", code);
		exit(3);
	}
	snprintf(uuid, sizeof uuid, "%s", sqlite3_column_text(st, 0));
	for (int i = 1; i < sqlite3_column_count(st); i++) {
		const unsigned char *t = sqlite3_column_text(st, i);

		printf("%s\t%s\n", sqlite3_column_name(st, i), t ? (const char *)t : "");
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < sizeof children / sizeof children[0]; i++) {
		st = prepare(children[i]);
		sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
		print_rows(st);
	}
}

static void
set_budget(const char *code, const char *cents)
{
	sqlite3_stmt *st;
	char uuid[64] = "", old[32] = "";

	exec("BEGIN IMMEDIATE");
	st = prepare("SELECT uuid, budget FROM project WHERE code_key = lower(?1)");
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(uuid, sizeof uuid, "%s", sqlite3_column_text(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			snprintf(old, sizeof old, "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (!uuid[0]) {
		fprintf(stderr, "floor: no project %s\n", code);
		exit(3);
	}
	st = prepare("UPDATE project SET budget = ?2, version = version + 1, "
		     "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
		     "updated_by = 'floor' WHERE uuid = ?1");
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, strtoll(cents, NULL, 10));
	if (sqlite3_step(st) != SQLITE_DONE)
		die("update");
	sqlite3_finalize(st);
	/* The one history row every write leaves. */
	st = prepare("INSERT INTO change_log (uuid, at, who, action, entity, "
		     "record_uuid, project_uuid, record_title, field, old_value, "
		     "new_value) VALUES (lower(hex(randomblob(4))) || '-' || "
		     "lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) "
		     "|| '-8' || substr(lower(hex(randomblob(2))), 2) || '-' || "
		     "lower(hex(randomblob(6))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
		     "'floor', 'update', 'project', ?1, ?1, ?2, 'budget', ?3, ?4)");
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, old[0] ? old : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, cents, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		die("change log");
	sqlite3_finalize(st);
	exec("COMMIT");
}

/* Every table of records, and the change log, as one JSON document of
 * objects keyed by uuid, built by SQLite from the tables' own columns. */
static void
export(void)
{
	static const char *const tables[][2] = {
		{ "organisation", "organisations" }, { "project", "projects" },
		{ "project_role", "roles" }, { "funding", "funding" },
		{ "status_change", "status_changes" }, { "deadline", "deadlines" },
		{ "note", "notes" }, { "outcome", "outcomes" },
		{ "change_log", "changes" },
	};

	exec("BEGIN");
	fputs("{\"format\":\"salkku\",\"format_version\":1", stdout);
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		sqlite3_stmt *cols = prepare("SELECT name FROM pragma_table_info(?1) "
					     "WHERE name NOT IN ('id', 'uuid')");
		sqlite3_str *sql = sqlite3_str_new(db);
		sqlite3_stmt *st;
		bool first = true;
		int n = 0;

		sqlite3_bind_text(cols, 1, tables[t][0], -1, SQLITE_STATIC);
		sqlite3_str_appendall(sql, "SELECT json_quote(uuid) || ':' || "
				      "json_patch('{}', json_object(");
		while (sqlite3_step(cols) == SQLITE_ROW)
			sqlite3_str_appendf(sql, "%s%Q, \"%w\"", n++ ? ", " : "",
					    sqlite3_column_text(cols, 0),
					    sqlite3_column_text(cols, 0));
		sqlite3_finalize(cols);
		sqlite3_str_appendf(sql, ")) FROM \"%w\" ORDER BY uuid", tables[t][0]);
		{
			char *text = sqlite3_str_finish(sql);

			st = prepare(text);
			sqlite3_free(text);
		}
		printf(",\n\"%s\":{", tables[t][1]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			fputs(first ? "\n" : ",\n", stdout);
			fwrite(sqlite3_column_text(st, 0), 1,
			       (size_t)sqlite3_column_bytes(st, 0), stdout);
			first = false;
		}
		sqlite3_finalize(st);
		fputs(first ? "}" : "\n}", stdout);
	}
	fputs("}\n", stdout);
	exec("COMMIT");
}

/* The projects as CSV in code order with their administrator, one
 * row at a time: no quoting beyond what a cell needs. */
static void
put_csv_cell(const unsigned char *t, bool first)
{
	if (!first)
		putchar(',');
	if (!t)
		return;
	if (!strpbrk((const char *)t, ",\"\n\r")) {
		fputs((const char *)t, stdout);
		return;
	}
	putchar('"');
	for (; *t; t++) {
		if (*t == '"')
			putchar('"');
		putchar(*t);
	}
	putchar('"');
}

static void
csv(void)
{
	sqlite3_stmt *st = prepare("SELECT p.*, (SELECT coalesce(o.short_name, "
		"o.name) FROM project_role r JOIN organisation o "
		"ON o.uuid = r.organisation WHERE r.project = p.uuid "
		"AND r.role = 'administrator' ORDER BY r.id LIMIT 1) "
		"FROM project p ORDER BY p.code_sort, p.id");
	int n = sqlite3_column_count(st);

	exec("BEGIN");
	for (int i = 0; i < n; i++)
		put_csv_cell((const unsigned char *)sqlite3_column_name(st, i), i == 0);
	putchar('\n');
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			put_csv_cell(sqlite3_column_text(st, i), i == 0);
		putchar('\n');
	}
	sqlite3_finalize(st);
	exec("COMMIT");
}

/* The member a dump's line opens ("projects":{), as its table. */
static const char *
member_table(const char *line)
{
	static const char *const members[][2] = {
		{ "organisations", "organisation" }, { "projects", "project" },
		{ "roles", "project_role" }, { "funding", "funding" },
		{ "status_changes", "status_change" }, { "deadlines", "deadline" },
		{ "notes", "note" }, { "outcomes", "outcome" },
		{ "changes", "change_log" },
	};

	for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
		size_t n = strlen(members[i][0]);

		if (line[0] == '"' && !strncmp(line + 1, members[i][0], n) &&
		    !strncmp(line + 1 + n, "\":{", 3))
			return members[i][1];
	}
	return NULL;
}

/* INSERT INTO table, each column from the record's JSON text (?2) by
 * the member of its name; the key columns (code_key, name_sort ...)
 * from their field, lower-cased. */
static sqlite3_stmt *
insert_for(const char *table)
{
	static const char *const renamed[][2] = {
		{ "record_uuid", "record" }, { "project_uuid", "project" },
		{ "record_title", "title" }, { "old_value", "old" },
		{ "new_value", "new" },
	};
	sqlite3_stmt *cols = prepare("SELECT name FROM pragma_table_info(?1) "
				     "WHERE name NOT IN ('id', 'uuid')");
	sqlite3_str *sql = sqlite3_str_new(db), *values = sqlite3_str_new(db);
	sqlite3_stmt *st;
	char *a, *b;

	sqlite3_bind_text(cols, 1, table, -1, SQLITE_STATIC);
	sqlite3_str_appendf(sql, "INSERT INTO \"%w\" (uuid", table);
	sqlite3_str_appendall(values, "?1");
	while (sqlite3_step(cols) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(cols, 0);
		char member[64];
		size_t n = strlen(c);
		bool key = n > 4 && (!strcmp(c + n - 4, "_key") ||
				     !strcmp(c + n - 5, "_sort"));

		snprintf(member, sizeof member, "%.*s", (int)(key ? n - (c[n - 1] == 'y' ? 4 : 5) : n), c);
		for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
			if (!strcmp(c, renamed[i][0]))
				snprintf(member, sizeof member, "%s", renamed[i][1]);
		sqlite3_str_appendf(sql, ", \"%w\"", c);
		sqlite3_str_appendf(values, key ? ", lower(json_extract(?2, '$.%q'))"
					     : ", json_extract(?2, '$.%q')", member);
	}
	sqlite3_finalize(cols);
	a = sqlite3_str_finish(values);
	sqlite3_str_appendf(sql, ") VALUES (%s)", a);
	b = sqlite3_str_finish(sql);
	st = prepare(b);
	sqlite3_free(a);
	sqlite3_free(b);
	return st;
}

/* ---- import-full: what salkku's import writes besides the records -- */

/* A version 7 uuid, as salkku's change log gets (db_uuid_v7): the time
 * in milliseconds first, so that the entries of one import go to the
 * end of the uuid index rather than to random places. */
static void
uuid7(char out[37])
{
	static const char hex[] = "0123456789abcdef";
	struct timespec ts;
	unsigned char u[16];
	uint64_t ms;
	int o = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	sqlite3_randomness(sizeof u, u);
	for (int i = 0; i < 6; i++)
		u[i] = (unsigned char)(ms >> (40 - 8 * i));
	u[6] = (unsigned char)(0x70 | (u[6] & 0x0F));
	u[8] = (unsigned char)(0x80 | (u[8] & 0x3F));
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[u[i] >> 4];
		out[o++] = hex[u[i] & 15];
	}
	out[o] = '\0';
}

/* A record's title in the change log, as store_title() makes it:
 * "org: title", its first line, cut to 80 bytes at a character with
 * "…". */
#define TITLE_MAX 80

static void
log_title(char buf[128], const unsigned char *org, const unsigned char *title)
{
	const char *o = org ? (const char *)org : "";
	const char *t = title ? (const char *)title : "";
	size_t n;

	snprintf(buf, 128, "%s%s%s", o, *o && *t ? ": " : "", t);
	buf[strcspn(buf, "\r\n")] = '\0';
	if ((n = strlen(buf)) <= TITLE_MAX)
		return;
	n = TITLE_MAX - 3;
	while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf + n, "\xE2\x80\xA6", 4);
}

/* The "created" entry salkku's import gives every record it adds that
 * has no entry in the change log yet (store_import_log_new), after the
 * records, by the importing user with the file as the source.  Each
 * entry is an INSERT of its own, as salkku's: an INSERT ... SELECT of
 * a table's entries would keep, in its statement journal, every page
 * of the log's indexes it changes (15 MB more at 10,000 projects,
 * growing with them). */
static void
log_created(const char *source)
{
	static const struct {
		const char *table, *entity, *project, *org, *title;
	} logged[] = {
		{ "organisation", "organisation", "NULL", NULL, "name" },
		{ "project", "project", "r.uuid", NULL, "code" },
		{ "project_role", "role", "r.project", "organisation", "role" },
		{ "funding", "funding", "r.project", "funder", "programme" },
		{ "status_change", "status_change", "r.project", NULL, "to_status" },
		{ "deadline", "deadline", "r.project", NULL, "title" },
		{ "note", "note", "r.project", NULL, "body" },
		{ "outcome", "outcome", "r.project", NULL, "label" },
	};
	const struct passwd *pw = getpwuid(getuid());
	sqlite3_stmt *put = prepare("INSERT INTO change_log (uuid, at, who, "
				    "action, entity, record_uuid, project_uuid, "
				    "record_title, source) VALUES (?1, ?2, ?3, "
				    "'insert', ?4, ?5, ?6, ?7, ?8)");
	char at[32], uuid[37], title[128];
	time_t t = time(NULL);

	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	sqlite3_bind_text(put, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(put, 3, pw ? pw->pw_name : "floor", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(put, 8, source, -1, SQLITE_STATIC);
	for (size_t i = 0; i < sizeof logged / sizeof logged[0]; i++) {
		char *org = logged[i].org
			? sqlite3_mprintf("(SELECT coalesce(short_name, name) FROM "
					  "organisation WHERE uuid = r.\"%w\")",
					  logged[i].org)
			: NULL;
		char *sql = sqlite3_mprintf("SELECT r.uuid, %s, %s, r.\"%w\" "
					    "FROM \"%w\" r WHERE NOT EXISTS "
					    "(SELECT 1 FROM change_log "
					    "WHERE project_uuid IS %s "
					    "AND record_uuid = r.uuid)",
					    logged[i].project, org ? org : "NULL",
					    logged[i].title, logged[i].table,
					    logged[i].project);
		sqlite3_stmt *rows;

		rows = prepare(sql);
		sqlite3_free(sql);
		sqlite3_free(org);
		sqlite3_bind_text(put, 4, logged[i].entity, -1, SQLITE_STATIC);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			uuid7(uuid);
			log_title(title, sqlite3_column_text(rows, 2),
				  sqlite3_column_text(rows, 3));
			sqlite3_bind_text(put, 1, uuid, -1, SQLITE_STATIC);
			sqlite3_bind_value(put, 5, sqlite3_column_value(rows, 0));
			sqlite3_bind_value(put, 6, sqlite3_column_value(rows, 1));
			sqlite3_bind_text(put, 7, title, -1, SQLITE_STATIC);
			if (sqlite3_step(put) != SQLITE_DONE)
				die("change log");
			sqlite3_reset(put);
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(put);
}

/* salkku's tokenizer "salkku" (db/db_words.c), which project_words
 * names, with its analysis: unicode61 (diacritics kept) finds and
 * folds the words; a word of 2-64 bytes not all digits gets, as
 * colocated tokens, its base forms and then its compound parts from
 * Voikko, or, when Voikko does not know it, its Swedish Snowball stem
 * (both Snowball stems without Voikko's Finnish dictionary).  Each
 * distinct word is analysed once; the libraries are opened with
 * dlopen, as salkku does, so that no other floor loads them. */
#define WORD_MAX 64

struct analysis {
	char *block;  /* "word\0forms...\0\0parts...\0\0" */
	size_t wlen;
	bool listed;  /* its terms are in word_list */
};

struct analyser {
	fts5_tokenizer unicode61;
	Fts5Tokenizer *splitter, *folder;
#ifdef HAVE_VOIKKO
	struct VoikkoHandle *voikko;
	__typeof__(voikkoAnalyzeWordCstr) *analyze;
	__typeof__(voikko_mor_analysis_value_cstr) *value;
	__typeof__(voikko_free_mor_analysis_value_cstr) *free_value;
	__typeof__(voikko_free_mor_analysis) *free_analysis;
#endif
#ifdef HAVE_LIBSTEMMER
	struct sb_stemmer *stem_fi, *stem_sv;
	__typeof__(sb_stemmer_stem) *stem;
	__typeof__(sb_stemmer_length) *length;
#endif
	struct analysis *slots;  /* open addressing, a power of two */
	size_t nslots, count;
	/* Adds a term the index is given to word_list (migration 21), as
	 * salkku does while it writes project_words; NULL otherwise. */
	sqlite3_stmt *list;
};

/* Distinct strings, each ended by NUL. */
struct strings {
	char *buf;
	size_t len, cap;
};

static void
strings_add(struct strings *l, const char *s, size_t n, const char *word,
	    size_t wlen)
{
	if (!n || n > WORD_MAX || (n == wlen && !memcmp(s, word, n)))
		return;
	for (size_t i = 0; i < l->len; i += strlen(l->buf + i) + 1)
		if (strlen(l->buf + i) == n && !memcmp(l->buf + i, s, n))
			return;
	if (l->len + n + 1 > l->cap) {
		l->cap = (l->len + n + 1) * 2;
		if (!(l->buf = realloc(l->buf, l->cap)))
			die("out of memory");
	}
	memcpy(l->buf + l->len, s, n);
	l->buf[l->len + n] = '\0';
	l->len += n + 1;
}

struct fold {
	struct strings *into;
	const char *word;
	size_t wlen;
};

static int
fold_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	struct fold *f = ctx;

	(void)flags;
	(void)start;
	(void)end;
	strings_add(f->into, token, (size_t)n, f->word, f->wlen);
	return SQLITE_OK;
}

/* Adds s to l folded and split as unicode61 does. */
static void
add_folded(struct analyser *a, struct strings *l, const char *s, size_t n,
	   const char *word, size_t wlen)
{
	struct fold f = { l, word, wlen };

	a->unicode61.xTokenize(a->folder, &f, FTS5_TOKENIZE_DOCUMENT, s, (int)n,
			       fold_token);
}

#ifdef HAVE_VOIKKO
/* The parts of a compound from Voikko's STRUCTURE ('=' where a part
 * begins, one mark per character): the earlier parts as written, the
 * last one from the base form. */
static void
add_parts(struct analyser *a, struct strings *parts, const char *word,
	  size_t wlen, const char *structure, const char *base)
{
	size_t starts[16], n = 0, i = 0, blen = strlen(base);

	for (const char *s = structure; *s && n < 16; s++) {
		if (*s == '=') {
			starts[n++] = i;
			continue;
		}
		/* One character of the word. */
		if (i < wlen)
			i++;
		while (i < wlen && ((unsigned char)word[i] & 0xC0) == 0x80)
			i++;
	}
	if (n < 2)
		return;
	for (size_t k = 0; k + 1 < n; k++)
		if (starts[k + 1] > starts[k])
			add_folded(a, parts, word + starts[k],
				   starts[k + 1] - starts[k], word, wlen);
	if (starts[n - 1] < blen && !strncmp(base, word, starts[n - 1]))
		add_folded(a, parts, base + starts[n - 1], blen - starts[n - 1],
			   word, wlen);
}

/* Voikko's base forms and parts of word; whether it knows the word. */
static bool
analyse_voikko(struct analyser *a, const char *word, size_t wlen,
	       struct strings *forms, struct strings *parts)
{
	struct voikko_mor_analysis **m;
	bool known;

	if (!a->voikko)
		return false;
	m = a->analyze(a->voikko, word);
	known = m && m[0];
	for (size_t i = 0; m && m[i]; i++) {
		char *base = a->value(m[i], "BASEFORM");
		char *structure = a->value(m[i], "STRUCTURE");

		if (base) {
			add_folded(a, forms, base, strlen(base), word, wlen);
			if (structure)
				add_parts(a, parts, word, wlen, structure, base);
		}
		a->free_value(base);
		a->free_value(structure);
	}
	if (m)
		a->free_analysis(m);
	return known;
}
#endif

#ifdef HAVE_LIBSTEMMER
static void
add_stem(struct analyser *a, struct sb_stemmer *s, struct strings *forms,
	 const char *word, size_t wlen)
{
	const sb_symbol *stem;

	if (s && (stem = a->stem(s, (const sb_symbol *)word, (int)wlen)))
		add_folded(a, forms, (const char *)stem, (size_t)a->length(s),
			   word, wlen);
}
#endif

/* The block of word: the word, its forms, its parts. */
static char *
analyse(struct analyser *a, const char *word, size_t wlen)
{
	struct strings forms = { 0 }, parts = { 0 };
	char z[WORD_MAX + 1], *block, *p;
	bool known = false;

	memcpy(z, word, wlen);
	z[wlen] = '\0';
#ifdef HAVE_VOIKKO
	known = analyse_voikko(a, z, wlen, &forms, &parts);
#endif
#ifdef HAVE_LIBSTEMMER
	if (!known) {
#ifdef HAVE_VOIKKO
		if (!a->voikko)
			add_stem(a, a->stem_fi, &forms, z, wlen);
#else
		add_stem(a, a->stem_fi, &forms, z, wlen);
#endif
		add_stem(a, a->stem_sv, &forms, z, wlen);
	}
#endif
	(void)known;
	if (!(p = block = malloc(wlen + forms.len + parts.len + 3)))
		die("out of memory");
	memcpy(p, word, wlen);
	p[wlen] = '\0';
	p += wlen + 1;
	if (forms.len)
		memcpy(p, forms.buf, forms.len);
	p[forms.len] = '\0';
	p += forms.len + 1;
	if (parts.len)
		memcpy(p, parts.buf, parts.len);
	p[parts.len] = '\0';
	free(forms.buf);
	free(parts.buf);
	return block;
}

static size_t
hash(const char *s, size_t n)
{
	size_t h = 14695981039346656037u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* The analysis of word, made on its first sight. */
static struct analysis *
lookup(struct analyser *a, const char *word, size_t wlen)
{
	size_t i;

	if (a->nslots)
		for (i = hash(word, wlen) & (a->nslots - 1); a->slots[i].block;
		     i = (i + 1) & (a->nslots - 1))
			if (a->slots[i].wlen == wlen &&
			    !memcmp(a->slots[i].block, word, wlen))
				return &a->slots[i];
	if ((a->count + 1) * 2 > a->nslots) {
		size_t n = a->nslots ? a->nslots * 2 : 1024;
		struct analysis *slots = calloc(n, sizeof *slots);

		if (!slots)
			die("out of memory");
		for (size_t k = 0; k < a->nslots; k++) {
			if (!a->slots[k].block)
				continue;
			for (i = hash(a->slots[k].block, a->slots[k].wlen) & (n - 1);
			     slots[i].block; i = (i + 1) & (n - 1))
				;
			slots[i] = a->slots[k];
		}
		free(a->slots);
		a->slots = slots;
		a->nslots = n;
	}
	for (i = hash(word, wlen) & (a->nslots - 1); a->slots[i].block;
	     i = (i + 1) & (a->nslots - 1))
		;
	a->slots[i].block = analyse(a, word, wlen);
	a->slots[i].wlen = wlen;
	a->count++;
	return &a->slots[i];
}

static int
list_term(struct analyser *a, const char *term, size_t n)
{
	int rc;

	sqlite3_bind_text(a->list, 1, term, (int)n, SQLITE_STATIC);
	rc = sqlite3_step(a->list);
	sqlite3_reset(a->list);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Words of digits alone (a portfolio's codes, mostly) have no base
 * form and are not kept. */
static bool
worth_analysing(const char *word, size_t wlen)
{
	if (wlen < 2 || wlen > WORD_MAX)
		return false;
	for (size_t i = 0; i < wlen; i++)
		if (word[i] < '0' || word[i] > '9')
			return true;
	return false;
}

struct emit {
	struct analyser *a;
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
	bool document;
};

static int
emit_word(void *ctx, int flags, const char *token, int n, int start, int end)
{
	const struct emit *e = ctx;
	const char *p;
	int rc;

	struct analysis *an;
	bool listing;

	(void)flags;
	rc = e->token(e->ctx, 0, token, n, start, end);
	/* A query names the forms itself (match_query), as salkku's does. */
	if (!e->document)
		return rc;
	if (!worth_analysing(token, (size_t)n))
		return rc == SQLITE_OK && e->a->list
		       ? list_term(e->a, token, (size_t)n) : rc;
	an = lookup(e->a, token, (size_t)n);
	listing = e->a->list && !an->listed;
	if (listing && rc == SQLITE_OK)
		rc = list_term(e->a, token, (size_t)n);
	/* The forms, then the parts, colocated with the word. */
	p = an->block + n + 1;
	for (int list = 0; list < 2; list++, p++)
		for (; *p; p += strlen(p) + 1) {
			if (rc == SQLITE_OK)
				rc = e->token(e->ctx, FTS5_TOKEN_COLOCATED, p,
					      (int)strlen(p), start, end);
			if (listing && rc == SQLITE_OK)
				rc = list_term(e->a, p, strlen(p));
		}
	an->listed |= listing && rc == SQLITE_OK;
	return rc;
}

static int
tok_create(void *arg, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)argv;
	(void)argc;
	*out = arg;
	return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int
tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
	     int (*token)(void *, int, const char *, int, int, int))
{
	struct analyser *a = (struct analyser *)t;
	struct emit e = { a, ctx, token, (flags & FTS5_TOKENIZE_DOCUMENT) != 0 };

	return a->unicode61.xTokenize(a->splitter, &e, flags, text, n, emit_word);
}

static void *
symbol(void *lib, const char *name)
{
	void *f = lib ? dlsym(lib, name) : NULL;

	if (lib && !f)
		die(name);
	return f;
}

/* Opens Voikko and Snowball as salkku does (without either, its
 * analysis is left out, as salkku leaves it out). */
static void
analyser_open(struct analyser *a)
{
#ifdef HAVE_VOIKKO
	void *v = dlopen(VOIKKO_SONAME, RTLD_NOW | RTLD_LOCAL);
	__typeof__(voikkoInit) *init = (__typeof__(voikkoInit) *)symbol(v, "voikkoInit");
	const char *why = NULL;

	*(void **)&a->analyze = symbol(v, "voikkoAnalyzeWordCstr");
	*(void **)&a->value = symbol(v, "voikko_mor_analysis_value_cstr");
	*(void **)&a->free_value = symbol(v, "voikko_free_mor_analysis_value_cstr");
	*(void **)&a->free_analysis = symbol(v, "voikko_free_mor_analysis");
	a->voikko = init ? init(&why, "fi", NULL) : NULL;
#endif
#ifdef HAVE_LIBSTEMMER
	void *s = dlopen(STEMMER_SONAME, RTLD_NOW | RTLD_LOCAL);
	__typeof__(sb_stemmer_new) *new_stemmer =
		(__typeof__(sb_stemmer_new) *)symbol(s, "sb_stemmer_new");

	*(void **)&a->stem = symbol(s, "sb_stemmer_stem");
	*(void **)&a->length = symbol(s, "sb_stemmer_length");
	if (new_stemmer) {
		a->stem_fi = new_stemmer("finnish", "UTF_8");
		a->stem_sv = new_stemmer("swedish", "UTF_8");
	}
#endif
	(void)a;
}

/* Registers the tokenizer "salkku" on the connection; the analyser
 * lives until the process ends. */
static void
analyser_register(struct analyser *a)
{
	static const char *const args[] = { "remove_diacritics", "0" };
	static fts5_tokenizer methods = { tok_create, tok_delete, tok_tokenize };
	sqlite3_stmt *st = prepare("SELECT fts5(?1)");
	fts5_api *api = NULL;
	void *ctx = NULL;

	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->xFindTokenizer(api, "unicode61", &ctx, &a->unicode61) ||
	    a->unicode61.xCreate(ctx, (const char **)args, 2, &a->splitter) ||
	    a->unicode61.xCreate(ctx, (const char **)args, 2, &a->folder) ||
	    api->xCreateTokenizer(api, "salkku", a, &methods, NULL))
		die("tokenizer");
	analyser_open(a);
}

/* The rows of project_fts and project_words of the projects the
 * import noted (in fts_pending and words_pending, both every project
 * of the dump), in rowid order, as salkku's refresh makes them
 * (store_fts_resume, db_fts.c), each project's text read once for
 * both.  salkku makes them 200 projects at a time; the floor a row at
 * a time, for the same reason as the change log's: in one INSERT ...
 * SELECT, the statement journal would keep every page of the indexes
 * it changes. */
static void
index_projects(void)
{
	static struct analyser a;
	sqlite3_stmt *rows, *put[2];

	analyser_register(&a);
	a.list = prepare("INSERT OR IGNORE INTO word_list (term) VALUES (?1)");
	rows = prepare("SELECT id, code, name, description, notes, "
		       "organisations FROM project_fts_source "
		       "WHERE id IN (SELECT project FROM words_pending) ORDER BY id");
	put[0] = prepare("INSERT INTO project_fts (rowid, code, name, "
			 "description, notes, organisations) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	put[1] = prepare("INSERT INTO project_words (rowid, code, name, "
			 "description, notes, organisations) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	while (sqlite3_step(rows) == SQLITE_ROW)
		for (int t = 0; t < 2; t++) {
			for (int c = 0; c < 6; c++)
				sqlite3_bind_value(put[t], c + 1,
						   sqlite3_column_value(rows, c));
			if (sqlite3_step(put[t]) != SQLITE_DONE)
				die("full-text index");
			sqlite3_reset(put[t]);
		}
	sqlite3_finalize(rows);
	sqlite3_finalize(put[0]);
	sqlite3_finalize(put[1]);
	sqlite3_finalize(a.list);
	a.list = NULL;
	exec("DELETE FROM fts_pending; DELETE FROM words_pending");
}

/* The matches of WORD, as salkku chooses them (db/store_query.c,
 * db/db_hits.c) on the index it writes (project_words): the query names
 * each word folded and its base forms, each as a prefix; the matches
 * of the lowest ids are read into a bitmap, up to 5,001.  All of them,
 * and up to 1,000: best first (a project whose code or name is the
 * word, then bm25 with code and name weighed most, then code).  More
 * than 5,000, and dense: the page walks code_sort, a project past the
 * ids read asked of the index itself.  Else every match is read and
 * the page taken in code order (or from the matches, when they are
 * few beside the portfolio). */
#define RANK_MAX 1000
#define HITS_FIRST 5000
#define WALK_COST 200  /* DB_WALK_COST */

static struct {
	unsigned char *bits;
	sqlite3_int64 size, count, known, max_id;
	bool complete;
} hits;

/* ("word"* OR "form"*) for each word of the text, joined by AND. */
struct match {
	struct analyser *a;
	sqlite3_str *q;
};

static void
put_quoted(sqlite3_str *q, const char *s, int n)
{
	sqlite3_str_appendchar(q, 1, '"');
	for (int i = 0; i < n; i++) {
		if (s[i] == '"')
			sqlite3_str_appendchar(q, 1, '"');
		sqlite3_str_appendchar(q, 1, s[i]);
	}
	sqlite3_str_appendchar(q, 1, '"');
}

/* A prefix of more than six characters, of which the index keeps no
 * list, as the words of the index it begins when they are at most 16
 * (db/db_terms.c): read from word_list from the prefix on. */
#define TERMS_MAX 16

static void
put_prefix(sqlite3_str *q, const char *s, int n)
{
	static sqlite3_stmt *st;
	sqlite3_str *words = sqlite3_str_new(db);
	int chars = 0, found = 0;

	for (int i = 0; i < n; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	if (!st && chars > 6)
		st = prepare("SELECT term FROM word_list WHERE term >= ?1 "
			     "ORDER BY term");
	if (chars > 6)
		sqlite3_bind_text(st, 1, s, n, SQLITE_STATIC);
	while (chars > 6 && found <= TERMS_MAX && sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		int tlen = sqlite3_column_bytes(st, 0);

		if (tlen < n || memcmp(t, s, (size_t)n))
			break;
		if (found++)
			sqlite3_str_appendall(words, " OR ");
		put_quoted(words, t, tlen);
	}
	if (st)
		sqlite3_reset(st);
	if (found && found <= TERMS_MAX)
		sqlite3_str_appendall(q, sqlite3_str_value(words));
	else {
		put_quoted(q, s, n);
		sqlite3_str_appendchar(q, 1, '*');
	}
	sqlite3_free(sqlite3_str_finish(words));
}

static int
match_word(void *ctx, int flags, const char *token, int n, int start, int end)
{
	struct match *m = ctx;

	(void)flags;
	(void)start;
	(void)end;
	if (sqlite3_str_length(m->q))
		sqlite3_str_appendall(m->q, " AND ");
	sqlite3_str_appendchar(m->q, 1, '(');
	put_prefix(m->q, token, n);
	if (worth_analysing(token, (size_t)n))
		for (const char *f = lookup(m->a, token, (size_t)n)->block + n + 1; *f;
		     f += strlen(f) + 1) {
			sqlite3_str_appendall(m->q, " OR ");
			put_prefix(m->q, f, (int)strlen(f));
		}
	sqlite3_str_appendchar(m->q, 1, ')');
	return SQLITE_OK;
}

static char *
match_query(struct analyser *a, const char *text)
{
	struct match m = { a, sqlite3_str_new(db) };

	a->unicode61.xTokenize(a->folder, &m, FTS5_TOKENIZE_QUERY, text,
			       (int)strlen(text), match_word);
	return sqlite3_str_finish(m.q);
}

/* Reads the matches of query by id, up to cap (0: all). */
static void
hits_read(const char *query, sqlite3_int64 cap)
{
	sqlite3_stmt *st = prepare("SELECT coalesce(max(id), 0) FROM project");
	sqlite3_int64 id = 0;

	if (sqlite3_step(st) != SQLITE_ROW)
		die("max(id)");
	hits.max_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	free(hits.bits);
	hits.size = hits.max_id / 8 + 1;
	if (!(hits.bits = calloc((size_t)hits.size, 1)))
		die("out of memory");
	hits.count = 0;
	st = prepare("SELECT rowid FROM project_words WHERE project_words "
		     "MATCH ?1 ORDER BY rowid LIMIT ?2");
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, cap > 0 ? cap : -1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id >= 0 && id <= hits.max_id) {
			hits.bits[id / 8] |= (unsigned char)(1u << (id % 8));
			hits.count++;
		}
	}
	sqlite3_finalize(st);
	hits.complete = !cap || hits.count < cap;
	hits.known = hits.complete ? INT64_MAX : id;
}

/* salkku_hit(id): 1 or 0, NULL past the ids read. */
static void
hit_function(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	sqlite3_int64 id = sqlite3_value_int64(argv[0]);

	(void)argc;
	if (id > hits.known)
		sqlite3_result_null(c);
	else
		sqlite3_result_int(c, id >= 0 && id <= hits.max_id &&
				   hits.bits[id / 8] >> (id % 8) & 1);
}

static void
text(const char *word)
{
	static struct analyser a;
	const sqlite3_int64 need = 50;
	sqlite3_stmt *st;
	char *query;
	double d;

	analyser_register(&a);
	if (sqlite3_create_function(db, "salkku_hit", 1, SQLITE_UTF8, NULL,
				    hit_function, NULL, NULL))
		die("salkku_hit");
	query = match_query(&a, word);
	hits_read(query, HITS_FIRST + 1);
	d = hits.known > 0 ? (double)hits.count / (double)hits.known : 0;
	if (hits.complete && hits.count <= RANK_MAX)
		st = prepare(PAGE_SQL(
			"SELECT p.id, (p.code = ?2 COLLATE fold OR "
			"p.name = ?2 COLLATE fold) AS exact, hit.score AS score, "
			"p.code_sort AS code_sort FROM (SELECT rowid AS id, "
			"bm25(project_words, 10.0, 10.0, 2.0, 1.0, 1.0) AS score "
			"FROM project_words WHERE project_words MATCH ?1) AS hit "
			"JOIN project p INDEXED BY project_hit ON p.id = hit.id "
			"ORDER BY exact DESC, score, code_sort, p.id LIMIT 50",
			"page.exact DESC, page.score, p.code_sort, p.id"));
	else if ((double)need * WALK_COST < d * d * (double)hits.max_id)
		st = prepare(PAGE_SQL(
			"SELECT id FROM project p WHERE coalesce(salkku_hit(p.id), "
			"EXISTS (SELECT 1 FROM project_words w WHERE w.rowid = p.id "
			"AND project_words MATCH ?1)) ORDER BY code_sort, id LIMIT 50",
			"p.code_sort, p.id"));
	else {
		if (!hits.complete)
			hits_read(query, 0);
		st = prepare((double)hits.count * (double)hits.count >
			     (double)need * (double)hits.max_id
			? PAGE_SQL("SELECT id FROM project p WHERE salkku_hit(p.id) "
				   "ORDER BY code_sort, id LIMIT 50", "p.code_sort, p.id")
			: PAGE_SQL("SELECT id FROM project p WHERE p.id IN (SELECT "
				   "rowid FROM project_words WHERE project_words "
				   "MATCH ?1) ORDER BY code_sort, id LIMIT 50",
				   "p.code_sort, p.id"));
	}
	if (sqlite3_bind_parameter_index(st, "?1"))
		sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_index(st, "?2"))
		sqlite3_bind_text(st, 2, word, -1, SQLITE_STATIC);
	print_rows(st);
	sqlite3_free(query);
	free(hits.bits);
}

/* The dump's records in one transaction; with full, the change-log
 * entries and the word index salkku's import writes too, under its
 * settings for an import (db_set_bulk: a 16 MB page cache, temporary
 * tables in memory). */
static void
import(const char *path, bool full)
{
	FILE *f = fopen(path, "r");
	sqlite3_stmt *st = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!f)
		die(path);
	if (full)
		exec("PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY");
	exec("BEGIN IMMEDIATE;"
	     "INSERT INTO meta VALUES ('writing', 1);"
	     "INSERT INTO fts_pause VALUES (1)");
	while ((len = getline(&line, &cap, f)) > 0) {
		const char *table = member_table(line);
		char *body;

		if (table) {
			sqlite3_finalize(st);
			st = insert_for(table);
			continue;
		}
		/* "uuid":{...}, */
		if (!st || line[0] != '"' || len < 42 || !(body = strchr(line, '{')))
			continue;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == ','))
			len--;
		sqlite3_bind_text(st, 1, line + 1, 36, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, body, (int)(line + len - body), SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("insert");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	free(line);
	fclose(f);
	exec("DELETE FROM fts_pause");
	if (full) {
		log_created(path);
		index_projects();
	} else {
		/* The full-text rows, in one pass, as salkku makes them. */
		exec("INSERT INTO project_fts (rowid, code, name, description, "
		     "notes, organisations) SELECT id, code, name, description, "
		     "notes, organisations FROM project_fts_source "
		     "WHERE uuid IN (SELECT project FROM fts_pending) ORDER BY id;"
		     "DELETE FROM fts_pending");
	}
	exec("DELETE FROM meta WHERE key = 'writing'; COMMIT");
}

/* Runs argv and prints the peak resident set of that child.  A small
 * program of its own, because the peak of a child forked from a bigger
 * one (a shell, python) can be the parent's size at the fork. */
static int
peak_rss(char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0) {
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait4");
	printf("%ld\n", ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static void
usage(void)
{
	fputs("usage: floor DB list [STATUS] | text WORD | show CODE | "
	      "set CODE CENTS | export | csv | import DUMP |\n"
	      "       import-full DUMP\n"
	      "       floor --peak-rss COMMAND [ARG]...\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	double start = now();
	const char *op;

	if (argc >= 3 && !strcmp(argv[1], "--peak-rss"))
		return peak_rss(argv + 2);
	if (argc < 3)
		usage();
	op = argv[2];
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(argv[1]);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_create_collation(db, "nordic", SQLITE_UTF8, NULL, collate_bytes) ||
	    sqlite3_create_collation(db, "fold", SQLITE_UTF8, NULL, collate_fold))
		die("collations");
	/* salkku's settings (db/db.c): a commit waits for the WAL, not
	 * for the disk. */
	exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL");
	if (!strcmp(op, "list") && argc <= 4)
		list(argc == 4 ? argv[3] : NULL);
	else if (!strcmp(op, "text") && argc == 4)
		text(argv[3]);
	else if (!strcmp(op, "show") && argc == 4)
		show(argv[3]);
	else if (!strcmp(op, "set") && argc == 5)
		set_budget(argv[3], argv[4]);
	else if (!strcmp(op, "export") && argc == 3)
		export();
	else if (!strcmp(op, "csv") && argc == 3)
		csv();
	else if (!strcmp(op, "import") && argc == 4)
		import(argv[3], false);
	else if (!strcmp(op, "import-full") && argc == 4)
		import(argv[3], true);
	else
		usage();
	if (fflush(stdout) != 0)
		die("stdout");
	sqlite3_close(db);
	fprintf(stderr, "floor %s: %.3f ms\n", op, (now() - start) * 1e3);
	return 0;
}
