/* SPDX-License-Identifier: EUPL-1.2 */
/* floor.c — the least any program must do to answer salkku's questions
 * from the same SQLite file: the "floor" that tests/bench/run compares
 * salkku with.  No validation, no formatting beyond tab-separated
 * output, no change history beyond one log row per write: what is left
 * is SQLite's own work plus process start-up.
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
#include <fcntl.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

/* The matches of WORD as a prefix, as salkku chooses (store_query.c):
 * their ids read once; up to 5,000 of them best first (a project whose
 * code or name is the word, then bm25 with code and name weighed most,
 * then code), more in code order, read along code_sort and kept when
 * they are among the matches.  salkku reads the index it writes itself
 * (project_words, through its own tokenizer, which this program
 * lacks); project_fts holds the same columns through the stock one. */
#define RANK_MAX 5000

static void
text(const char *word)
{
	char *query = sqlite3_mprintf("\"%w\"*", word);
	sqlite3_stmt *st = prepare("SELECT count(*) FROM project_fts "
				   "WHERE project_fts MATCH ?1");
	sqlite3_int64 matches;

	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	matches = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (matches <= RANK_MAX)
		st = prepare(PAGE_SQL(
			"SELECT p.id, (p.code_key = lower(?2) OR "
			"lower(p.name) = lower(?2)) AS exact, hit.score AS score, "
			"p.code_sort AS code_sort FROM (SELECT rowid AS id, "
			"bm25(project_fts, 10.0, 10.0, 2.0, 1.0, 1.0) AS score "
			"FROM project_fts WHERE project_fts MATCH ?1) AS hit "
			"JOIN project p ON p.id = hit.id "
			"ORDER BY exact DESC, score, code_sort, p.id LIMIT 50",
			"page.exact DESC, page.score, p.code_sort, p.id"));
	else
		st = prepare(PAGE_SQL(
			"SELECT p.id FROM project p WHERE p.id IN (SELECT rowid "
			"FROM project_fts WHERE project_fts MATCH ?1) "
			"ORDER BY p.code_sort, p.id LIMIT 50",
			"p.code_sort, p.id"));
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	if (matches <= RANK_MAX)
		sqlite3_bind_text(st, 2, word, -1, SQLITE_STATIC);
	print_rows(st);
	sqlite3_free(query);
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

static void
import(const char *path)
{
	FILE *f = fopen(path, "r");
	sqlite3_stmt *st = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!f)
		die(path);
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
	/* The full-text rows, in one pass, as salkku makes them. */
	exec("DELETE FROM fts_pause;"
	     "INSERT INTO project_fts (rowid, code, name, description, notes, "
	     "organisations) SELECT id, code, name, description, notes, "
	     "organisations FROM project_fts_source "
	     "WHERE uuid IN (SELECT project FROM fts_pending) ORDER BY id;"
	     "DELETE FROM fts_pending;"
	     "DELETE FROM meta WHERE key = 'writing';"
	     "COMMIT");
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
	      "set CODE CENTS | export | csv | import DUMP\n"
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
		import(argv[3]);
	else
		usage();
	if (fflush(stdout) != 0)
		die("stdout");
	sqlite3_close(db);
	fprintf(stderr, "floor %s: %.3f ms\n", op, (now() - start) * 1e3);
	return 0;
}
