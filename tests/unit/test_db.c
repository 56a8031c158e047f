/* SPDX-License-Identifier: EUPL-1.2 */
/* test_db.c — opening, refusing what is not ours or too new, migrating
 * an older schema with its data, transactions under contention, checks
 * and backups. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "test_store_fixture.h"

#include "db/db_internal.h"

struct files {
	char *dir;
	char *path;
};

static int
setup(void **state)
{
	struct files *f = calloc(1, sizeof *f);

	setenv("SALKKU_NOW", "2024-01-15T09:41:00Z", 1);
	f->dir = fx_tempdir();
	f->path = fx_path(f->dir, "sub/folder/salkku.db");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct files *f = *state;

	fx_rmdir(f->dir);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* The whole file, for comparing before and after. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static void
test_bad_input(void **state)
{
	struct db *db = (struct db *)1;
	struct error err;

	(void)state;
	assert_int_equal(db_open(NULL, 0, &db, &err), ERR_INVALID);
	assert_null(db);
	assert_int_equal(db_open("", 0, &db, NULL), ERR_INVALID);
	assert_int_equal(db_open(":memory:", 0, NULL, NULL), ERR_INVALID);
	assert_int_equal(db_open_at_version(":memory:", 99, &db, &err), ERR_INVALID);
	assert_int_equal(db_begin(NULL, NULL), ERR_INVALID);
	assert_int_equal(db_commit(NULL, NULL), ERR_INVALID);
	assert_int_equal(db_check(NULL, NULL, NULL, NULL), ERR_INVALID);
	assert_int_equal(db_backup(NULL, "x", NULL), ERR_INVALID);
	assert_int_equal(db_data_version(NULL), -1);
	assert_int_equal(db_schema_version(NULL), -1);
	assert_null(db_path(NULL));
	assert_false(db_is_readonly(NULL));
	db_rollback(NULL);
	db_close(NULL);
	db = NULL;
	db_close(&db);
}

static void
test_open_memory(void **state)
{
	struct db *db = fx_open();
	struct error err;
	int64_t mode = 0;

	(void)state;
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_true(db_schema_latest() >= 2);
	assert_string_equal(db_path(db), ":memory:");
	assert_false(db_is_readonly(db));
	assert_int_equal(db_query_int(db, "PRAGMA foreign_keys", &mode, &err), 0);
	assert_int_equal(mode, 1);
	assert_int_equal(db_query_int(db, "PRAGMA application_id", &mode, &err), 0);
	assert_int_equal(mode, DB_APPLICATION_ID);
	/* Transactions pair up. */
	assert_int_equal(db_commit(db, &err), ERR_DATABASE);
	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(db_begin(db, &err), ERR_DATABASE);
	assert_int_equal(db_commit(db, &err), ERR_OK);
	assert_int_equal(db_begin_read(db, &err), ERR_OK);
	db_rollback(db);
	db_rollback(db);
	db_close(&db);
	assert_null(db);
}

/* Every field of every entity has its column: the migrations and the
 * field tables agree. */
static void
test_schema_matches_entities(void **state)
{
	struct db *db = fx_open();

	(void)state;
	for (size_t k = 0; k < ENT_COUNT; k++) {
		const struct entity_def *def = entities[k];

		for (size_t i = 0; i < def->nfields; i++) {
			char sql[256];

			snprintf(sql, sizeof sql, "SELECT count(*) FROM "
				 "pragma_table_info('%s') WHERE name = '%s'",
				 def->table, def->fields[i].name);
			if (fx_count(db, sql) != 1)
				fail_msg("%s.%s has no column", def->table,
					 def->fields[i].name);
		}
	}
	db_close(&db);
}

static void
test_open_file(void **state)
{
	struct files *f = *state;
	struct db *db = NULL;
	struct error err;
	struct stat sb;
	char *folder;
	int64_t v;

	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_NOT_FOUND);
	assert_int_equal(db_open(f->path, DB_READONLY | DB_CREATE, &db, &err),
			 ERR_NOT_FOUND);
	assert_int_equal(db_open(f->path, DB_CREATE, &db, &err), ERR_OK);
	assert_int_equal(db_query_int(db, "PRAGMA journal_mode = WAL", &v, &err), 0);
	/* The page cache is bounded (KiB when negative) to what a screen
	 * reads: a long session keeps 2 MB, not tens. */
	assert_int_equal(db_query_int(db, "PRAGMA cache_size", &v, &err), 0);
	assert_true(v < 0 && v >= -2048);
	record_free((struct record *[]){ fx_project(db, "LUMO", "Lumo", NULL) });
	db_close(&db);
	folder = fx_path(f->dir, "sub");
	assert_int_equal(stat(folder, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	free(folder);

	/* Read-only: reads, never writes. */
	assert_int_equal(db_open(f->path, DB_READONLY, &db, &err), ERR_OK);
	assert_true(db_is_readonly(db));
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project"), 1);
	assert_int_equal(db_begin(db, &err), ERR_DATABASE);
	db_close(&db);

	/* A folder is no database. */
	assert_int_equal(db_open(f->dir, 0, &db, &err), ERR_DATABASE);
}

/* A file deleted or replaced under an open connection takes no more
 * writes: they would be lost with it. */
static void
test_file_replaced(void **state)
{
	struct files *f = *state;
	struct db *db = NULL, *other = NULL;
	struct error err;
	char *moved = fx_path(f->dir, "moved.db");

	assert_int_equal(db_open(f->path, DB_CREATE, &db, &err), ERR_OK);
	assert_int_equal(db_file_check(db, &err), ERR_OK);
	assert_false(db_file_gone(db));
	db_close(&db);
	/* (Another process's connection is seen: tests/tui/file-gone.sh.
	 * This process's own is not, by the nature of POSIX locks.) */
	assert_int_equal(db_file_user(f->path), 0);

	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	/* Another file under the same name. */
	assert_int_equal(rename(f->path, moved), 0);
	assert_int_equal(db_open(f->path, DB_CREATE, &other, &err), ERR_OK);
	db_close(&other);
	assert_true(db_file_gone(db));
	assert_int_equal(db_begin(db, &err), ERR_DATABASE);
	assert_non_null(strstr(err.message, "was replaced by another file"));
	/* Deleted outright. */
	assert_int_equal(unlink(f->path), 0);
	assert_int_equal(db_begin(db, &err), ERR_DATABASE);
	assert_non_null(strstr(err.message, "was deleted"));
	db_close(&db);
	free(moved);
}

static void
test_refuse_foreign(void **state)
{
	struct files *f = *state;
	char *text = fx_path(f->dir, "notes.txt"), *other = fx_path(f->dir, "other.db");
	char *before, *after;
	size_t blen, alen;
	struct db *db = NULL;
	sqlite3 *raw;
	struct error err;

	write_file(text, "These are not the droids you are looking for.\n"
			 "Not an SQLite file, but long enough to have a header.\n");
	before = slurp(text, &blen);
	assert_int_equal(db_open(text, DB_CREATE, &db, &err), ERR_DATABASE);
	assert_null(db);
	assert_non_null(strstr(err.message, "not a salkku database"));
	after = slurp(text, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(before, after, blen);
	free(before);
	free(after);

	/* An SQLite database of some other program stays as it is. */
	assert_int_equal(sqlite3_open(other, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE t (x)", NULL, NULL, NULL), 0);
	sqlite3_close(raw);
	assert_int_equal(db_open(other, 0, &db, &err), ERR_DATABASE);
	assert_non_null(strstr(err.message, "another program"));
	free(text);
	free(other);
}

static void
test_refuse_newer(void **state)
{
	struct files *f = *state;
	struct db *db = NULL;
	struct error err;
	struct stat sa, sb;
	char *before, *after, sql[64];
	size_t blen, alen;
	sqlite3 *raw;

	assert_int_equal(db_open(f->path, DB_CREATE, &db, &err), ERR_OK);
	db_close(&db);
	/* As a later salkku would leave it: newer schema, rollback journal. */
	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	snprintf(sql, sizeof sql, "PRAGMA journal_mode = DELETE;"
		 "PRAGMA user_version = %d", db_schema_latest() + 1);
	assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);

	before = slurp(f->path, &blen);
	assert_int_equal(stat(f->path, &sb), 0);
	sleep(1);
	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_DATABASE);
	assert_null(db);
	assert_non_null(strstr(err.message, "newer salkku"));
	assert_int_equal(db_open(f->path, DB_READONLY, &db, &err), ERR_DATABASE);
	after = slurp(f->path, &alen);
	assert_int_equal(stat(f->path, &sa), 0);
	assert_int_equal(alen, blen);
	assert_memory_equal(before, after, blen);
	assert_int_equal(sa.st_mtime, sb.st_mtime);
	free(before);
	free(after);
}

static void
test_migrate_from_1(void **state)
{
	struct files *f = *state;
	struct db *db = NULL;
	struct error err;
	struct record *p, *o, *n;
	struct project_rows rows = { 0 };
	struct project_query q = { .text = "maksatukset" };
	char sql[512];

	assert_int_equal(db_open_at_version(f->path, 1, &db, &err), ERR_OK);
	assert_int_equal(db_schema_version(db), 1);
	p = fx_project(db, "LUMO", "Lastensuojelun uudistaminen", "closed");
	/* In the columns schema 1 had: the store writes today's columns. */
	o = record_new(entities[ENT_ORGANISATION]);
	snprintf(o->uuid, sizeof o->uuid, "%s", "0c7e0f1a-3b2d-4c5e-8f90-1a2b3c4d5e6f");
	record_set_text(o, ORG_NAME, "Itä-Suomen sosiaalialan osaamiskeskus");
	assert_int_equal(db_exec(db, "INSERT INTO organisation (uuid, version, "
				 "updated_at, updated_by, name, short_name, kind) "
				 "VALUES ('0c7e0f1a-3b2d-4c5e-8f90-1a2b3c4d5e6f', 1, "
				 "'2024-01-15T09:41:00Z', 'tester', "
				 "'Itä-Suomen sosiaalialan osaamiskeskus', 'ISO', "
				 "'agency')", &err), ERR_OK);
	snprintf(sql, sizeof sql, "INSERT INTO project_role (uuid, version, "
		 "updated_at, updated_by, project, organisation, role) VALUES "
		 "('00000000-0000-4000-8000-0000000000aa', 1, "
		 "'2024-01-15T09:41:00Z', 'test', '%s', '%s', 'administrator')",
		 p->uuid, o->uuid);
	assert_int_equal(db_exec(db, sql, &err), ERR_OK);
	n = fx_note(db, p, "2023-12-15", "Viimeiset maksatukset saapuivat");
	db_close(&db);

	/* Read-only does not migrate: it asks for a writable open. */
	assert_int_equal(db_open(f->path, DB_READONLY, &db, &err), ERR_DATABASE);
	assert_non_null(strstr(err.message, "without read-only"));

	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(fx_count(db, "SELECT count(*) FROM change_log"), 2);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM presence"), 0);
	/* Schema 9 gave it an id and the exchange tables. */
	assert_int_equal(fx_count(db, "SELECT count(*) FROM meta WHERE key = "
				  "'database_id' AND length(value) = 36"), 1);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM tombstone"), 0);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM exchange_base"), 0);
	/* The full-text index was filled from the data already there. */
	assert_int_equal(store_project_list(db, &q, &rows, &err), ERR_OK);
	assert_int_equal(rows.count, 1);
	assert_string_equal(rows.items[0].code, "LUMO");
	assert_string_equal(rows.items[0].administrator, "ISO");
	project_rows_clear(&rows);
	q.text = "itä";
	assert_int_equal(store_project_list(db, &q, &rows, &err), ERR_OK);
	assert_int_equal(rows.count, 1);
	project_rows_clear(&rows);
#ifdef HAVE_VOIKKO
	/* By base form: "maksatus" in "maksatukset". */
	q.text = "maksatus";
	assert_int_equal(store_project_list(db, &q, &rows, &err), ERR_OK);
	if (access("/usr/lib/voikko", F_OK) == 0 ||
	    access("/usr/share/voikko", F_OK) == 0)
		assert_int_equal(rows.count, 1);
	project_rows_clear(&rows);
#endif
	assert_int_equal(db_check(db, NULL, NULL, &err), ERR_OK);
	/* An index another analyser made is made again by the next search,
	 * not when opened: asking which analyser this build has loads
	 * Voikko, which an open that searches nothing must not. */
	assert_int_equal(fx_count(db, "SELECT count(*) FROM fts_analyser"), 1);
	assert_int_equal(db_exec(db, "UPDATE fts_analyser SET name = 'x';"
			 "DELETE FROM project_words", &err), ERR_OK);
	db_close(&db);
	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM fts_analyser "
				      "WHERE name = 'x'"), 1);
	q.text = "itä";
	assert_int_equal(store_project_list(db, &q, &rows, &err), ERR_OK);
	assert_int_equal(rows.count, 1);
	project_rows_clear(&rows);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM fts_analyser "
				      "WHERE name != 'x'"), 1);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project_words"), 1);
	assert_int_equal(db_check(db, NULL, NULL, &err), ERR_OK);
	/* A write in plain SQL, as another tool's, leaves the project to
	 * refresh; the next search does. */
	assert_int_equal(db_exec(db, "UPDATE project SET description = "
				 "'Lastensuojelun sijaishuollon malli'", &err),
			 ERR_OK);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM words_pending"), 1);
	q.text = "lastensuojelun";
	assert_int_equal(store_project_list(db, &q, &rows, &err), ERR_OK);
	assert_int_equal(rows.count, 1);
	project_rows_clear(&rows);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM words_pending"), 0);
	assert_int_equal(db_check(db, NULL, NULL, &err), ERR_OK);
	db_close(&db);
	record_free(&p);
	record_free(&o);
	record_free(&n);
}

/* Migration 7 drops the collations: the keys of the rows already there
 * are filled, uniqueness without case and the Nordic order hold, the
 * triggers' SQL computes salkku's keys, and the schema names no
 * collation. */
static void
test_migrate_to_plain(void **state)
{
	struct files *f = *state;
	struct db *db = NULL;
	struct error err;
	struct record *p, *q, *o, *x = NULL;
	struct project_rows rows = { 0 };
	struct project_query pq = { .sort = SORT_CODE };

	assert_int_equal(db_open_at_version(f->path, DB_SCHEMA_PLAIN - 1, &db,
					    &err), ERR_OK);
	p = fx_project(db, "ÄLY", "Älykäs", NULL);
	q = fx_project(db, "ZETA", "Zeta", NULL);
	/* In the columns schema 7 had: the store writes today's columns. */
	o = record_new(entities[ENT_ORGANISATION]);
	assert_int_equal(db_exec(db, "INSERT INTO organisation (uuid, version, "
				 "updated_at, updated_by, name, short_name, kind) "
				 "VALUES ('0c7e0f1a-3b2d-4c5e-8f90-1a2b3c4d5e70', 1, "
				 "'2024-01-15T09:41:00Z', 'tester', 'Åbo Akademi', "
				 "'ÅA', 'agency')", &err), ERR_OK);
	db_close(&db);

	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM sqlite_master "
				  "WHERE sql LIKE '%COLLATE%'"), 0);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project WHERE "
				  "code_key IS NULL OR code_sort IS NULL "
				  "OR name_sort IS NULL"), 0);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM meta WHERE "
				  "key = 'schema_version' AND value = "
				  "(SELECT user_version FROM pragma_user_version)"), 1);
	assert_int_equal(store_project_by_code(db, "äly", &x, &err), ERR_OK);
	record_free(&x);
	assert_int_equal(store_find_organisation(db, "åa", &x, &err), ERR_OK);
	record_free(&x);
	assert_int_equal(store_project_list(db, &pq, &rows, &err), ERR_OK);
	assert_int_equal(rows.count, 2);
	assert_string_equal(rows.items[0].code, "ZETA");
	assert_string_equal(rows.items[1].code, "ÄLY");
	project_rows_clear(&rows);
	/* The triggers' keys are salkku's, character by character. */
	{
		sqlite3_stmt *st = NULL;

		assert_int_equal(sqlite3_prepare_v2(db->sql, db_key_sql_check, -1,
						    &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
	}
	assert_int_equal(db_check(db, NULL, NULL, &err), ERR_OK);
	db_close(&db);
	record_free(&p);
	record_free(&q);
	record_free(&o);
}

/* Looking a project up by code reads the unique index, as it did
 * through the collation. */
static void
test_code_lookup_plan(void **state)
{
	struct db *db = fx_open();
	sqlite3_stmt *st = NULL;
	bool found = false;

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(db->sql, "EXPLAIN QUERY PLAN "
					    "SELECT uuid FROM project WHERE "
					    "code_key = salkku_fold_key(?1)",
					    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (strstr((const char *)sqlite3_column_text(st, 3),
			   "USING INDEX project_code_unique"))
			found = true;
	sqlite3_finalize(st);
	assert_true(found);
	db_close(&db);
}

static void
collect(const char *problem, void *arg)
{
	int *n = arg;

	assert_non_null(problem);
	(*n)++;
}


/* Migration 5 carries the money over: a line of a one-year project is
 * for that year, a "funding line" from an organisation working in the
 * project becomes its co-financing, "(lähes)" becomes a precision. */
static void
test_migrate_money(void **state)
{
	struct files *f = *state;
	struct db *db = NULL;
	struct error err;

	assert_int_equal(db_open_at_version(f->path, 4, &db, &err), ERR_OK);
#define META(id, uuid) id ", '" uuid "', 1, '2024-01-01T00:00:00Z', 'test', "
	assert_int_equal(db_exec(db,
		"INSERT INTO organisation VALUES (" META("1", "00000000-0000-4000-8000-000000000001")
		"'ISO', NULL, 'competence_centre', NULL, NULL);"
		"INSERT INTO organisation VALUES (" META("2", "00000000-0000-4000-8000-000000000002")
		"'STM', NULL, 'ministry', NULL, NULL);"
		"INSERT INTO project (id, uuid, version, updated_at, updated_by, code, "
		"name, status, planned_start, planned_end) VALUES ("
		META("1", "00000000-0000-4000-8000-000000000003")
		"'P', 'P', 'active', '2023-01-01', '2023-12-31');"
		"INSERT INTO project_role VALUES (" META("1", "00000000-0000-4000-8000-000000000004")
		"'00000000-0000-4000-8000-000000000003', "
		"'00000000-0000-4000-8000-000000000001', 'administrator', NULL, NULL);"
		"INSERT INTO funding VALUES (" META("1", "00000000-0000-4000-8000-000000000005")
		"'00000000-0000-4000-8000-000000000003', "
		"'00000000-0000-4000-8000-000000000001', 'omarahoitus', NULL, 100000, NULL, NULL);"
		"INSERT INTO funding VALUES (" META("2", "00000000-0000-4000-8000-000000000006")
		"'00000000-0000-4000-8000-000000000003', "
		"'00000000-0000-4000-8000-000000000002', NULL, NULL, 400000, NULL, NULL);"
		"INSERT INTO outcome VALUES (" META("1", "00000000-0000-4000-8000-000000000007")
		"'00000000-0000-4000-8000-000000000003', 'Koulutetut (lähes)', 400000, "
		"NULL, NULL);", &err), ERR_OK);
#undef META
	db_close(&db);
	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM funding"), 1);
	assert_int_equal(fx_count(db, "SELECT year FROM funding"), 2023);
	assert_int_equal(fx_count(db, "SELECT cofinancing FROM project_role"), 100000);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM outcome WHERE "
				  "label = 'Koulutetut' AND precision = 'nearly'"), 1);
	db_close(&db);
}

/* Migration 14 counts the projects already there into tally, and its
 * triggers keep the count through inserts and deletions, salkku's and
 * plain SQL's; the list's total reads it. */
static void
test_migrate_tally(void **state)
{
	struct files *f = *state;
	struct db *db = NULL;
	struct error err;
	struct project_query q = { 0 };
	int64_t matching = 0, total = 0;

	assert_int_equal(db_open_at_version(f->path, DB_SCHEMA_TALLY - 1, &db,
					    &err), ERR_OK);
	record_free((struct record *[]){ fx_project(db, "A", "Aa", "idea") });
	record_free((struct record *[]){ fx_project(db, "B", "Bb", "active") });
	db_close(&db);
	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(fx_count(db, "SELECT n FROM tally WHERE name = 'project'"), 2);
	record_free((struct record *[]){ fx_project(db, "C", "Cc", "idea") });
	assert_int_equal(db_exec(db, "INSERT INTO project (uuid, version, "
				 "updated_at, updated_by, code, name, status) VALUES "
				 "('00000000-0000-4000-8000-0000000000d1', 1, '', '', "
				 "'D', 'Dd', 'idea');"
				 "DELETE FROM project WHERE code = 'A'", &err), ERR_OK);
	assert_int_equal(store_project_count(db, &q, &matching, &total, &err), ERR_OK);
	assert_int_equal(total, 3);
	assert_int_equal(matching, 3);
	/* A tally another tool deleted: counted. */
	assert_int_equal(db_exec(db, "DELETE FROM tally", &err), ERR_OK);
	assert_int_equal(store_project_count(db, &q, &matching, &total, &err), ERR_OK);
	assert_int_equal(total, 3);
	db_close(&db);
}

/* Migration 15 makes the index of open deadlines narrow (the screen
 * counts every open deadline due by its horizon in it) and gives a
 * funder's lines their sums and years (its screen adds them up). */
static void
test_migrate_deadline_index(void **state)
{
	struct files *f = *state;
	struct db *db = NULL;
	struct error err;
	const char *project = "SELECT count(*) FROM "
			      "pragma_index_info('deadline_open') "
			      "WHERE name = 'project'";
	const char *columns = "SELECT count(*) FROM "
			      "pragma_index_info('deadline_open')";

	assert_int_equal(db_open_at_version(f->path, DB_SCHEMA_TALLY, &db, &err), ERR_OK);
	assert_int_equal(fx_count(db, project), 1);
	db_close(&db);
	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(fx_count(db, project), 0);
	assert_int_equal(fx_count(db, columns), 3);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM "
				  "pragma_index_info('funding_funder') WHERE "
				  "name IN ('granted', 'year')"), 2);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM sqlite_schema "
				  "WHERE name = 'deadline_open' AND sql LIKE "
				  "'%WHERE coalesce(done, 0) = 0 AND "
				  "cancelled_date IS NULL'"), 1);
	db_close(&db);
}

/* Migration 17 spells the keys of other programs' writes once (the view
 * text_keys) and their change-log rows once (outside_change): an
 * upgrade keeps the records, and writes outside salkku's transactions
 * still get salkku's keys, a new version, the stamp and one change-log
 * row per field changed, inserted or deleted record. */
static void
test_migrate_key_view(void **state)
{
	struct files *f = *state;
	struct db *db = NULL;
	struct error err;
	struct record *x = NULL;
	const char *stale = "SELECT (SELECT count(*) FROM project WHERE "
			    "code_key IS NOT salkku_fold_key(code) OR code_sort "
			    "IS NOT salkku_sort_key(code) OR name_sort IS NOT "
			    "salkku_sort_key(name)) + (SELECT count(*) FROM "
			    "organisation WHERE name_key IS NOT "
			    "salkku_fold_key(name) OR short_name_key IS NOT "
			    "salkku_fold_key(short_name) OR name_sort IS NOT "
			    "salkku_sort_key(name))";

	assert_int_equal(db_open_at_version(f->path, DB_SCHEMA_KEY_VIEW - 1,
					    &db, &err), ERR_OK);
	record_free((struct record *[]){ fx_project(db, "ÄLY", "Älykäs", NULL) });
	assert_int_equal(db_exec(db, "INSERT INTO organisation (uuid, version, "
				 "updated_at, updated_by, name, short_name, kind, "
				 "name_key, short_name_key, name_sort) VALUES "
				 "('0c7e0f1a-3b2d-4c5e-8f90-1a2b3c4d5e70', 1, "
				 "'2024-01-15T09:41:00Z', 'tester', 'Åbo Akademi', "
				 "'ÅA', 'agency', salkku_fold_key('Åbo Akademi'), "
				 "salkku_fold_key('ÅA'), "
				 "salkku_sort_key('Åbo Akademi'))", &err), ERR_OK);
	db_close(&db);

	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(store_project_by_code(db, "äly", &x, &err), ERR_OK);
	record_free(&x);
	assert_int_equal(store_find_organisation(db, "åa", &x, &err), ERR_OK);
	record_free(&x);
	assert_int_equal(fx_count(db, stale), 0);
	/* No recursive CTE in a trigger: the keys are the view's. */
	assert_int_equal(fx_count(db, "SELECT count(*) FROM sqlite_schema "
				  "WHERE type = 'trigger' AND sql LIKE "
				  "'%RECURSIVE%'"), 0);

	/* Another program's writes: no 'writing' row in meta. */
	assert_int_equal(db_exec(db, "UPDATE project SET code = 'Öljy-Ÿ2', "
				 "name = 'Åke ĲSSEL Ω' WHERE code = 'ÄLY';"
				 "INSERT INTO project (uuid, version, updated_at, "
				 "updated_by, code, name, status) VALUES "
				 "('00000000-0000-4000-8000-0000000000d1', 1, '', '', "
				 "'Ürs', '', 'idea');"
				 "UPDATE organisation SET name = 'Östra Ж', "
				 "short_name = 'Ös';"
				 "INSERT INTO organisation (uuid, version, "
				 "updated_at, updated_by, name, kind) VALUES "
				 "('00000000-0000-4000-8000-0000000000e1', 1, '', '', "
				 "'Ärrä', 'agency')", &err), ERR_OK);
	assert_int_equal(fx_count(db, stale), 0);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project WHERE "
				  "code_key IS NULL OR code_sort IS NULL "
				  "OR name_sort IS NULL"), 0);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM organisation WHERE "
				  "short_name IS NULL AND short_name_key IS NULL"), 1);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM key_text"), 0);
	assert_int_equal(store_project_by_code(db, "ÖLJY-ÿ2", &x, &err), ERR_OK);
	record_free(&x);
	assert_int_equal(fx_count(db, "SELECT version FROM project "
				  "WHERE code = 'Öljy-Ÿ2'"), 2);
	assert_int_equal(fx_count(db, "SELECT version FROM organisation "
				  "WHERE name = 'Östra Ж'"), 2);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project WHERE "
				  "updated_by = '(outside salkku)'"), 2);
	/* The organisation's insert under schema 16 (outside salkku's
	 * transactions too); code and name of the project, name and
	 * short_name of the organisation, one insert each. */
	assert_int_equal(fx_count(db, "SELECT count(*) FROM change_log WHERE "
				  "source = 'outside salkku' AND who = "
				  "'(outside salkku)'"), 7);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM change_log WHERE "
				  "action = 'update' AND entity = 'project' AND "
				  "(field, old_value, new_value) IN (VALUES "
				  "('code', 'ÄLY', 'Öljy-Ÿ2'), "
				  "('name', 'Älykäs', 'Åke ĲSSEL Ω'))"), 2);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM change_log WHERE "
				  "action = 'update' AND entity = 'organisation' "
				  "AND record_title = 'Östra Ж' AND "
				  "(field, old_value, new_value) IN (VALUES "
				  "('name', 'Åbo Akademi', 'Östra Ж'), "
				  "('short_name', 'ÅA', 'Ös'))"), 2);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM change_log WHERE "
				  "action = 'insert' AND field IS NULL AND "
				  "record_title IN ('Ürs', 'Ärrä')"), 2);
	assert_int_equal(fx_count(db, "SELECT count(DISTINCT uuid) FROM "
				  "change_log"), fx_count(db, "SELECT count(*) "
							  "FROM change_log"));
	/* Case-folded uniqueness holds for other programs too. */
	assert_int_not_equal(db_exec(db, "UPDATE project SET code = 'ürs' "
				     "WHERE code = 'Öljy-Ÿ2'", &err), ERR_OK);
	assert_int_equal(db_check(db, NULL, NULL, &err), ERR_OK);
	db_close(&db);
}

static void
test_check(void **state)
{
	struct db *db = fx_open();
	struct record *p = fx_project(db, "LUMO", "Lumo", NULL);
	struct error err;
	int n = 0;

	(void)state;
	assert_int_equal(db_check(db, collect, &n, &err), ERR_OK);
	assert_int_equal(n, 0);
	/* A full-text row gone stale behind the triggers' back. */
	assert_int_equal(sqlite3_exec(db->sql, "DROP TRIGGER project_fts_update;"
				      "UPDATE project SET name = 'Toinen'",
				      NULL, NULL, NULL), SQLITE_OK);
	/* The stale rows (the trigger notes the project for project_words
	 * too, since migration 17), and the trigger missing from the
	 * schema. */
	assert_int_equal(db_check(db, collect, &n, &err), ERR_DATABASE);
	assert_int_equal(n, 3);
	/* A reference to nothing. */
	assert_int_equal(sqlite3_exec(db->sql, "PRAGMA foreign_keys = OFF;"
				      "INSERT INTO note (uuid, version, updated_at, "
				      "updated_by, project, date, body) VALUES ("
				      "'00000000-0000-4000-8000-000000000001', 1, '', '', "
				      "'00000000-0000-4000-8000-000000000000', "
				      "'2024-01-01', 'x')", NULL, NULL, NULL),
			 SQLITE_OK);
	n = 0;
	assert_int_equal(db_check(db, collect, &n, &err), ERR_DATABASE);
	assert_int_equal(n, 4);
	record_free(&p);
	db_close(&db);
}

/* A project's full-text row follows its notes at once; while an import
 * pauses that index (a row in fts_pause), the project is only noted in
 * fts_pending for the import's end.  Its words (project_words, made
 * from words_pending as the change commits) follow either way
 * (migration 20's two triggers). */
static void
test_index_refresh(void **state)
{
	struct db *db = fx_open();
	struct record *p = fx_project(db, "LUMO", "Lumo", NULL);
	struct record *n1, *n2;
	char sql[160];

	(void)state;
	n1 = fx_note(db, p, "2024-01-10", "Sijaishuollon kehittaminen");
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project_fts "
				      "WHERE notes LIKE '%Sijaishuollon%'"), 1);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project_words "
				      "WHERE project_words MATCH "
				      "'notes:sijaishuollon'"), 1);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM fts_pending"), 0);

	assert_int_equal(sqlite3_exec(db->sql, "INSERT INTO fts_pause VALUES (1)",
				      NULL, NULL, NULL), SQLITE_OK);
	n2 = fx_note(db, p, "2024-01-11", "Loppuraportti");
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project_fts "
				      "WHERE notes LIKE '%Loppuraportti%'"), 0);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project_fts "
				      "WHERE notes LIKE '%Sijaishuollon%'"), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM fts_pending "
		 "WHERE project = '%s'", p->uuid);
	assert_int_equal(fx_count(db, sql), 1);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project_words "
				      "WHERE project_words MATCH "
				      "'notes:loppuraportti'"), 1);
	record_free(&n2);
	record_free(&n1);
	record_free(&p);
	db_close(&db);
}

/* The opcodes of sql that open a temporary b-tree. */
static int
ephemeral_tables(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	int n = 0;

	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		n += !strcmp((const char *)sqlite3_column_text(st, 1),
			     "OpenEphemeral");
	sqlite3_finalize(st);
	return n;
}

/* A change-log entry of uuid and action, for snprintf. */
#define LOG_ENTRY_SQL "INSERT INTO change_log (uuid, at, who, action, " \
	"entity, record_uuid) VALUES ('%s', '2024-01-15', 'tester', '%s', " \
	"'project', 'r')"

/* SQLite's result of writing a change-log entry of action. */
static int
log_entry(struct db *db, const char *uuid, const char *action)
{
	char sql[256];

	snprintf(sql, sizeof sql, LOG_ENTRY_SQL, uuid, action);
	return sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
}

/* Migration 20 keeps the change log's rule on an entry's action, in a
 * file upgraded to it as in a new one, and writing an entry builds no
 * temporary table of the three actions any more. */
static void
test_migrate_lean_writes(void **state)
{
	struct files *f = *state;
	struct db *db = NULL;
	struct error err;
	char sql[256];

	snprintf(sql, sizeof sql, "EXPLAIN " LOG_ENTRY_SQL, "u", "insert");
	assert_int_equal(db_open_at_version(f->path, DB_SCHEMA_LEAN_WRITES - 1,
					    &db, &err), ERR_OK);
	record_free((struct record *[]){ fx_project(db, "LUMO", "Lumo", NULL) });
	assert_int_equal(ephemeral_tables(db, sql), 1);
	db_close(&db);

	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(db_check(db, NULL, NULL, &err), ERR_OK);
	assert_int_equal(ephemeral_tables(db, sql), 0);
	assert_int_equal(log_entry(db, "a", "update"), SQLITE_OK);
	assert_int_equal(log_entry(db, "b", "rename"), SQLITE_CONSTRAINT_CHECK);
	db_close(&db);
}

/* Damage integrity_check cannot see: each is one problem. */
static void
test_check_schema_and_rows(void **state)
{
	static const char *const damage[] = {
		"DROP INDEX project_budget",
		"CREATE INDEX project_website ON project(website)",
		"DROP TRIGGER note_fts_insert;"
		"CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN "
		"SELECT 1; END",
		"CREATE TABLE gadget (x)",
		"UPDATE project SET version = 0",
		"UPDATE project SET version = 9007199254740993",
		"UPDATE project SET version = 'x'",
		"INSERT INTO change_log (uuid, at, who, action, entity, "
		"record_uuid) VALUES ('00000000-0000-4000-8000-000000000009', "
		"'2024-01-01T00:00:00Z', 'x', 'update', 'gadget', "
		"'00000000-0000-4000-8000-000000000008')",
		"DELETE FROM word_list WHERE term = 'lumo'",
	};

	(void)state;
	for (size_t i = 0; i < sizeof damage / sizeof damage[0]; i++) {
		struct db *db = fx_open();
		struct record *p = fx_project(db, "LUMO", "Lumo", NULL);
		struct error err;
		int n = 0;

		assert_int_equal(sqlite3_exec(db->sql, damage[i], NULL, NULL,
					      NULL), SQLITE_OK);
		assert_int_equal(db_check(db, collect, &n, &err), ERR_DATABASE);
		if (n != 1)
			fail_msg("%s: %d problems", damage[i], n);
		record_free(&p);
		db_close(&db);
	}
}

/* A ranked search for "koulu" finds the three projects of
 * test_migrate_hit_index in this order: the project whose code is what
 * was typed, then the better match, then the other. */
static void
assert_ranked(struct db *db)
{
	struct project_query q = { .text = "koulu", .by_relevance = true };
	struct project_rows rows = { 0 };
	struct error err;

	assert_int_equal(store_project_list(db, &q, &rows, &err), ERR_OK);
	assert_int_equal(rows.count, 3);
	assert_string_equal(rows.items[0].code, "KOULU");
	assert_string_equal(rows.items[1].code, "BBB");
	assert_string_equal(rows.items[2].code, "AAA");
	project_rows_clear(&rows);
}

/* Migration 18 adds the index that a ranked search reads its matches
 * through; a database still at 17 ranks the same without it (its
 * statement does not name the index). */
static void
test_migrate_hit_index(void **state)
{
	struct files *f = *state;
	struct db *db = NULL;
	struct error err;
	const char *columns = "SELECT count(*) FROM "
			      "pragma_index_info('project_hit')";

	assert_int_equal(db_open_at_version(f->path, DB_SCHEMA_HIT - 1, &db,
					    &err), ERR_OK);
	record_free((struct record *[]){
		fx_project(db, "AAA", "Älykäs koulu ja paljon muuta", NULL) });
	record_free((struct record *[]){
		fx_project(db, "BBB", "Koulu, koulu ja koulu", NULL) });
	record_free((struct record *[]){ fx_project(db, "KOULU", "Zeta", NULL) });
	assert_int_equal(fx_count(db, columns), 0);
	assert_ranked(db);
	db_close(&db);

	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(fx_count(db, columns), 5);
	assert_ranked(db);
	assert_int_equal(db_check(db, NULL, NULL, &err), ERR_OK);
	db_close(&db);
}

static void
test_backup(void **state)
{
	struct files *f = *state;
	char *copy = fx_path(f->dir, "copy.db"), *text = fx_path(f->dir, "t.txt");
	struct db *db = NULL, *back = NULL;
	struct error err;
	struct stat sb;

	assert_int_equal(db_open(f->path, DB_CREATE, &db, &err), ERR_OK);
	record_free((struct record *[]){ fx_project(db, "LUMO", "Lumo", NULL) });
	/* Private, or readable by the group as the database is; never by
	 * others; and a rollback-journal file, not WAL. */
	assert_int_equal(chmod(f->path, 0600), 0);
	assert_int_equal(db_backup(db, copy, &err), ERR_OK);
	assert_int_equal(stat(copy, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(chmod(f->path, 0640), 0);
	assert_int_equal(db_backup(db, copy, &err), ERR_OK);
	assert_int_equal(stat(copy, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	/* Over an older backup: fine; over anything else: refused. */
	record_free((struct record *[]){ fx_project(db, "OT", "OT", NULL) });
	assert_int_equal(db_backup(db, copy, &err), ERR_OK);
	write_file(text, "precious\n");
	assert_int_equal(db_backup(db, text, &err), ERR_INVALID);
	assert_int_equal(db_backup(db, f->path, &err), ERR_INVALID);
	db_close(&db);

	if (db_open(copy, DB_READONLY, &back, &err))
		fail_msg("%s", err.message);
	assert_int_equal(fx_count(back, "SELECT count(*) FROM project"), 2);
	assert_int_equal(db_check(back, NULL, NULL, &err), ERR_OK);
	/* A read-only connection exports too. */
	{
		char *json = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&json, &len);

		assert_int_equal(store_export_json(back, out, NULL, &err), ERR_OK);
		fclose(out);
		assert_non_null(strstr(json, "\"code\":\"OT\""));
		free(json);
	}
	db_close(&back);
	free(copy);
	free(text);
}

static void
test_busy_and_data_version(void **state)
{
	struct files *f = *state;
	struct db *a = NULL, *b = NULL;
	struct error err;
	int64_t before;

	assert_int_equal(db_open(f->path, DB_CREATE, &a, &err), ERR_OK);
	assert_int_equal(db_open(f->path, 0, &b, &err), ERR_OK);
	before = db_data_version(b);
	assert_true(before >= 0);

	/* b waits a short while for a's write lock, then gives up. */
	b->busy_total_ms = 200;
	sqlite3_busy_timeout(b->sql, 50);
	assert_int_equal(db_begin(a, &err), ERR_OK);
	assert_int_equal(db_begin(b, &err), ERR_DATABASE);
	assert_non_null(strstr(err.message, "busy"));
	assert_true(sqlite3_get_autocommit(b->sql));
	assert_int_equal(db_commit(a, &err), ERR_OK);

	/* Once a is done, b may write, and sees that a wrote. */
	record_free((struct record *[]){ fx_project(a, "LUMO", "Lumo", NULL) });
	assert_true(db_data_version(b) != before);
	assert_int_equal(db_begin(b, &err), ERR_OK);
	assert_int_equal(db_commit(b, &err), ERR_OK);
	db_close(&a);
	db_close(&b);
}

static bool
always(void *arg)
{
	(*(int *)arg)++;
	return true;
}

/* A search reads its matches once (db_hits.c) and keeps them: a write,
 * ours or another connection's, makes it read them again; the count of
 * the words alone is those matches; a cancel hook that says so abandons
 * a search, and of the other reads only a page read ahead. */
static void
test_search_hits(void **state)
{
	struct files *f = *state;
	struct db *a = NULL, *b = NULL;
	struct error err;
	struct project_rows rows = { 0 };
	struct project_query q = { .text = "lastensuojelu", .limit = 30 };
	int64_t matching, total;
	int asked = 0;

	assert_int_equal(db_open(f->path, DB_CREATE, &a, &err), ERR_OK);
	assert_int_equal(db_open(f->path, 0, &b, &err), ERR_OK);
	record_free((struct record *[]){ fx_project(a, "LUMO", "Lastensuojelu", NULL) });
	record_free((struct record *[]){ fx_project(a, "ABC", "Muuta", NULL) });
	for (int i = 0; i < 40; i++) {
		char code[16];

		snprintf(code, sizeof code, "P%02d", i);
		record_free((struct record *[]){ fx_project(a, code,
					i % 2 ? "Lastensuojelun malli" : "Muu", NULL) });
	}
	assert_int_equal(store_project_count(a, &q, &matching, &total, &err), ERR_OK);
	assert_int_equal(matching, 21);
	assert_int_equal(total, 42);
	/* Most projects match: the page is read in order, asking the hits. */
	q.text = "l";
	assert_int_equal(store_project_list(a, &q, &rows, &err), ERR_OK);
	assert_int_equal(rows.count, 21);
	assert_string_equal(rows.items[0].code, "LUMO");
	project_rows_clear(&rows);
	/* Our own write. */
	record_free((struct record *[]){ fx_project(a, "UUSI", "Lastensuojelu", NULL) });
	assert_int_equal(store_project_count(a, &q, &matching, &total, &err), ERR_OK);
	assert_int_equal(matching, 22);
	/* Another connection's. */
	record_free((struct record *[]){ fx_project(b, "TOINEN", "Lastensuojelu", NULL) });
	assert_int_equal(store_project_count(a, &q, &matching, &total, &err), ERR_OK);
	assert_int_equal(matching, 23);
	assert_int_equal(store_project_list(a, &q, &rows, &err), ERR_OK);
	assert_int_equal(rows.count, 23);
	project_rows_clear(&rows);

	db_set_cancel(a, always, &asked);
	assert_int_equal(store_project_list(a, &q, &rows, &err), ERR_DATABASE);
	assert_true(db_cancelled(a));
	assert_true(asked > 0);
	assert_int_equal(store_project_count(a, &q, &matching, &total, &err),
			 ERR_DATABASE);
	assert_true(db_cancelled(a));
	/* Without words, nothing is abandoned (nor is a write)... */
	q.text = NULL;
	assert_int_equal(store_project_list(a, &q, &rows, &err), ERR_OK);
	assert_false(db_cancelled(a));
	assert_int_equal(rows.count, 30);
	project_rows_clear(&rows);
	/* ...but a page read ahead of need, with or without them. */
	q.yielding = true;
	assert_int_equal(store_project_list(a, &q, &rows, &err), ERR_DATABASE);
	assert_true(db_cancelled(a));
	assert_int_equal(rows.count, 0);
	q.yielding = false;
	record_free((struct record *[]){ fx_project(a, "VIELA", "Lastensuojelu", NULL) });
	db_set_cancel(a, NULL, NULL);
	q.text = "l";
	assert_int_equal(store_project_count(a, &q, &matching, &total, &err), ERR_OK);
	assert_int_equal(matching, 24);
	db_close(&a);
	db_close(&b);
}

/* The matches of typed, counted. */
static int64_t
count_text(struct db *db, const char *typed)
{
	struct project_query q = { .text = typed };
	struct error err;
	int64_t matching = -1, total;

	assert_int_equal(store_project_count(db, &q, &matching, &total, &err),
			 ERR_OK);
	return matching;
}

/* Whether every word of terms ("a\0b\0\0") begins with prefix, and
 * word is one of them. */
static bool
terms_hold(const char *terms, const char *prefix, const char *word)
{
	bool found = false;

	for (const char *t = terms; *t; t += strlen(t) + 1) {
		if (strncmp(t, prefix, strlen(prefix)))
			return false;
		found |= !strcmp(t, word);
	}
	return found;
}

/* A prefix of more than six letters, of which FTS5 keeps no list, is
 * searched as the words of the index it begins, with the same matches
 * as the prefix itself; a word written since, by another connection or
 * by us, is among them; with more than 16 words the prefix is searched
 * as it is. */
static void
test_long_prefix(void **state)
{
	struct files *f = *state;
	struct db *a = NULL, *b = NULL;
	struct error err;
	const char *terms;
	char *query;

	assert_int_equal(db_open(f->path, DB_CREATE, &a, &err), ERR_OK);
	assert_int_equal(db_open(f->path, 0, &b, &err), ERR_OK);
	record_free((struct record *[]){ fx_project(a, "K1", "Kehittäminen", NULL) });
	record_free((struct record *[]){ fx_project(a, "K2", "Kehittämistyö", NULL) });
	record_free((struct record *[]){ fx_project(a, "K3", "Kehittämiskeskus", NULL) });
	record_free((struct record *[]){ fx_project(a, "M", "Muu", NULL) });

	assert_int_equal(count_text(a, "kehittäm"), 3);
	assert_non_null(query = db_fts_query(a, "kehittäm", &err));
	assert_null(strstr(query, "\"kehittäm\"*"));
	assert_non_null(strstr(query, "\"kehittämistyö\""));
	free(query);
	assert_int_equal(db_hits_read(a, "\"kehittäm\"*", 0, &err), ERR_OK);
	assert_int_equal(a->hits.count, 3);

	assert_non_null(terms = db_terms_of(a, "kehittämis"));
	assert_true(terms_hold(terms, "kehittämis", "kehittämistyö"));
	assert_int_equal(count_text(a, "kehittämis"), 2);

	record_free((struct record *[]){ fx_project(b, "K4", "Kehittämisohjelma", NULL) });
	assert_non_null(terms = db_terms_of(a, "kehittämis"));
	assert_true(terms_hold(terms, "kehittämis", "kehittämisohjelma"));
	assert_int_equal(count_text(a, "kehittämis"), 3);
	record_free((struct record *[]){ fx_project(a, "K5", "Kehittämisraha", NULL) });
	assert_int_equal(count_text(a, "kehittämis"), 4);

	/* Six letters: FTS5's own list. */
	assert_null(db_terms_of(a, "kehitt"));
	assert_int_equal(count_text(a, "kehitt"), 5);

	for (int i = 0; i < 17; i++) {
		char code[16], name[32];

		snprintf(code, sizeof code, "T%02d", i);
		snprintf(name, sizeof name, "Testisana%02d", i);
		record_free((struct record *[]){ fx_project(a, code, name, NULL) });
	}
	assert_null(db_terms_of(a, "testisana"));
	assert_non_null(query = db_fts_query(a, "testisana", &err));
	assert_non_null(strstr(query, "\"testisana\"*"));
	free(query);
	assert_int_equal(count_text(a, "testisana"), 17);
	assert_non_null(terms = db_terms_of(a, "testisana1"));
	assert_true(terms_hold(terms, "testisana1", "testisana16"));
	assert_int_equal(count_text(a, "testisana1"), 7);
	db_close(&a);
	db_close(&b);
}

/* Migration 21 lists the words the index holds already: a search by a
 * long prefix finds a project written before it as after, and a
 * rebuild of the index leaves out the words of a deleted project. */
static void
test_migrate_word_list(void **state)
{
	struct files *f = *state;
	struct db *db = NULL;
	struct record *gone;
	struct error err;
	const char *terms;

	assert_int_equal(db_open_at_version(f->path, DB_SCHEMA_WORD_LIST - 1,
					    &db, &err), ERR_OK);
	record_free((struct record *[]){ fx_project(db, "K1", "Kehittämistyö", NULL) });
	gone = fx_project(db, "K2", "Kehittämisraha", NULL);
	assert_null(db_terms_of(db, "kehittämis"));
	db_close(&db);

	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(db_check(db, NULL, NULL, &err), ERR_OK);
	assert_non_null(terms = db_terms_of(db, "kehittämis"));
	assert_true(terms_hold(terms, "kehittämis", "kehittämistyö"));
	assert_true(terms_hold(terms, "kehittämis", "kehittämisraha"));
	assert_int_equal(count_text(db, "kehittämistyö"), 1);
	assert_int_equal(count_text(db, "kehittämis"), 2);

	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(store_delete(db, gone, "test", &err), ERR_OK);
	assert_int_equal(db_commit(db, &err), ERR_OK);
	assert_int_equal(db_fts_reindex(db, &err), ERR_OK);
	assert_non_null(terms = db_terms_of(db, "kehittämis"));
	assert_false(terms_hold(terms, "kehittämis", "kehittämisraha"));
	assert_int_equal(count_text(db, "kehittämis"), 1);
	record_free(&gone);
	db_close(&db);
}

/* Counts the words; each without base forms unless *n starts below 0. */
static int
count_word(void *arg, const char *word, const char *forms)
{
	int *n = arg;

	(void)word;
	if (*n >= 0)
		assert_string_equal(forms, "");
	++*n;
	return 0;
}

/* Numbers, which have no base forms, are not kept in the tokenizer's
 * cache of analyses: a portfolio's codes would fill it. */
static void
test_words_cache(void **state)
{
	struct db *db = fx_open();
	int64_t found = 0;
	int words = 0;
	size_t kept;

	(void)state;
	for (int i = 0; i < 30; i++) {
		char code[16];

		snprintf(code, sizeof code, "P-%04d", i);
		record_free((struct record *[]){ fx_project(db, code, "Hanke 2024", NULL) });
	}
	kept = db_fts_cached(db);
	assert_int_equal(db_fts_words(db, "12345 0042 2025", count_word, &words),
			 SQLITE_OK);
	assert_int_equal(words, 3);
	assert_int_equal(db_fts_cached(db), kept);
	words = -1;
	assert_int_equal(db_fts_words(db, "hankkeet", count_word, &words),
			 SQLITE_OK);
	assert_int_equal(words, 0);
	assert_int_equal(db_fts_cached(db), kept + 1);
	/* The codes' numbers are indexed all the same. */
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM project_words "
				      "WHERE project_words MATCH '\"0007\"'",
				      &found, NULL), ERR_OK);
	assert_int_equal(found, 1);
	db_close(&db);
}

/* The plan of a search's page: walking the sort key's index pays when
 * the matches are dense and many, reading them all when they are few
 * or sparse, or when the page lies deep. */
static void
test_hits_walk(void **state)
{
	(void)state;
	/* The first 5,001 matches among the first 5,001 ids of 100,000. */
	assert_true(db_hits_walk(5001, 5001, 100000, 100));
	/* Half the ids match: still. */
	assert_true(db_hits_walk(5001, 10002, 100000, 100));
	/* A tenth: reading 10,000 matches costs less than 1,000 tests. */
	assert_false(db_hits_walk(5001, 50010, 100000, 100));
	/* A small portfolio: every match read costs little. */
	assert_false(db_hits_walk(5001, 5001, 5200, 100));
	assert_true(db_hits_walk(5001, 5001, 25000, 100));
	/* Deep in the list (an offset), or all of it. */
	assert_false(db_hits_walk(5001, 5001, 100000, 1000));
	assert_false(db_hits_walk(5001, 5001, 100000, 0));
	assert_false(db_hits_walk(0, 0, 100000, 100));
}

/* The same ids in the same order. */
static void
assert_same_rows(const struct project_rows *a, const struct project_rows *b)
{
	assert_int_equal(a->count, b->count);
	for (size_t i = 0; i < a->count; i++)
		assert_int_equal(a->items[i].id, b->items[i].id);
}

/* A search that matches nearly all of 25,000 projects: the quick count
 * stops at more than 5,000 (the matches of the lowest ids only), the
 * page walks the code index, and it holds what a full read gives, by
 * offset, from a row and from the end; the exact count is the same as
 * ever. */
static void
test_capped_count(void **state)
{
	struct db *db = fx_open();
	struct error err;
	struct project_query q = { .text = "k", .by_relevance = true,
				   .limit = 78 };
	struct project_rows walked = { 0 }, read = { 0 };
	int64_t matching, total;
	bool more, ranked = true;
	char *fts;
	enum { N = 25000 };

	(void)state;
	assert_int_equal(db_begin(db, &err), ERR_OK);
	for (int i = 0; i < N + 3; i++) {
		struct record *p = record_new(entities[ENT_PROJECT]);
		char code[16];

		/* Codes against the order of the ids: the walk tests the
		 * projects past the hits read against the index. */
		snprintf(code, sizeof code, i < N ? "K%05d" : "Z%d", i < N ? N - i : i);
		record_set_text(p, PROJECT_CODE, code);
		record_set_text(p, PROJECT_NAME, i < N ? "Kehitys" : "Zeta");
		record_set_text(p, PROJECT_STATUS, "idea");
		assert_int_equal(store_insert(db, p, "tester", &err), ERR_OK);
		record_free(&p);
	}
	assert_int_equal(db_commit(db, &err), ERR_OK);

	assert_int_equal(store_project_count_quick(db, &q, &matching, &more,
						   &total, &err), ERR_OK);
	assert_true(more);
	assert_int_equal(matching, 5000);
	assert_int_equal(total, N + 3);
	assert_false(db->hits.complete);
	assert_int_equal(db->hits.count, 5001);
	assert_int_equal(store_project_ranked(db, &q, &ranked, &err), ERR_OK);
	assert_false(ranked);

	/* The walk's pages against those of a full read. */
	for (int k = 0; k < 4; k++) {
		struct project_query w = q;

		if (k == 1)
			w.offset = 40;
		else if (k == 2)
			w.from_end = true;
		else if (k == 3)
			w.sort = SORT_NAME, w.descending = true;
		db_hits_clear(&db->hits);
		assert_int_equal(store_project_list(db, &w, &walked, &err), ERR_OK);
		assert_false(db->hits.complete);
		fts = strdup(db->hits.query);
		assert_int_equal(db_hits_read(db, fts, 0, &err), ERR_OK);
		free(fts);
		assert_true(db->hits.complete);
		assert_int_equal(store_project_list(db, &w, &read, &err), ERR_OK);
		assert_int_equal(walked.count, 78);
		assert_same_rows(&walked, &read);
		if (k == 0)
			assert_string_equal(walked.items[0].code, "K00001");
		if (k == 2)
			assert_string_equal(walked.items[77].code, "K25000");
		/* From the row after the first page: the next one. */
		if (k == 0) {
			project_rows_clear(&read);
			w.after = walked.items[77].id;
			db_hits_clear(&db->hits);
			assert_int_equal(store_project_list(db, &w, &read, &err), ERR_OK);
			assert_false(db->hits.complete);
			assert_string_equal(read.items[0].code, "K00079");
		}
		project_rows_clear(&walked);
		project_rows_clear(&read);
	}

	/* Counted in full: the exact number, and the hits all read. */
	assert_int_equal(store_project_count(db, &q, &matching, &total, &err),
			 ERR_OK);
	assert_int_equal(matching, N);
	assert_true(db->hits.complete);
	assert_int_equal(store_project_count_quick(db, &q, &matching, &more,
						   &total, &err), ERR_OK);
	assert_false(more);
	assert_int_equal(matching, N);
	/* Few matches: counted exactly and ranked, quick or not. */
	q.text = "zeta";
	assert_int_equal(store_project_count_quick(db, &q, &matching, &more,
						   &total, &err), ERR_OK);
	assert_false(more);
	assert_int_equal(matching, 3);
	assert_int_equal(store_project_ranked(db, &q, &ranked, &err), ERR_OK);
	assert_true(ranked);
	db_close(&db);
}

/* Ranking stops at 1,000 matches, counting at 5,000: 1,001 matches are
 * counted exactly, at once, and listed in code order; one fewer and
 * they are ranked, the best match first. */
static void
test_rank_cap(void **state)
{
	struct db *db = fx_open();
	struct error err;
	struct project_query q = { .text = "kehitys", .by_relevance = true,
				   .limit = 50 };
	struct project_rows rows = { 0 };
	struct record *middle = NULL;
	int64_t matching, total;
	bool more = true, ranked = true;
	enum { N = 1001 };

	(void)state;
	assert_int_equal(db_begin(db, &err), ERR_OK);
	for (int i = 1; i <= N; i++) {
		struct record *p = record_new(entities[ENT_PROJECT]);
		char code[16];

		snprintf(code, sizeof code, "P%04d", i);
		record_set_text(p, PROJECT_CODE, code);
		/* The last code the best match: its name is the word. */
		record_set_text(p, PROJECT_NAME, i == N ? "Kehitys"
						       : "Kehitys ja kokeilu");
		record_set_text(p, PROJECT_STATUS, "idea");
		assert_int_equal(store_insert(db, p, "tester", &err), ERR_OK);
		if (i == N / 2)
			middle = p;
		else
			record_free(&p);
	}
	assert_int_equal(db_commit(db, &err), ERR_OK);

	assert_int_equal(store_project_count_quick(db, &q, &matching, &more,
						   &total, &err), ERR_OK);
	assert_false(more);
	assert_int_equal(matching, N);
	assert_int_equal(store_project_ranked(db, &q, &ranked, &err), ERR_OK);
	assert_false(ranked);
	assert_int_equal(store_project_list(db, &q, &rows, &err), ERR_OK);
	assert_int_equal(rows.count, 50);
	assert_string_equal(rows.items[0].code, "P0001");
	assert_string_equal(rows.items[49].code, "P0050");
	project_rows_clear(&rows);

	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(store_delete(db, middle, "tester", &err), ERR_OK);
	assert_int_equal(db_commit(db, &err), ERR_OK);
	record_free(&middle);
	assert_int_equal(store_project_count_quick(db, &q, &matching, &more,
						   &total, &err), ERR_OK);
	assert_false(more);
	assert_int_equal(matching, N - 1);
	assert_int_equal(store_project_ranked(db, &q, &ranked, &err), ERR_OK);
	assert_true(ranked);
	assert_int_equal(store_project_list(db, &q, &rows, &err), ERR_OK);
	assert_int_equal(rows.count, 50);
	assert_string_equal(rows.items[0].code, "P1001");
	assert_string_equal(rows.items[1].code, "P0001");
	project_rows_clear(&rows);
	db_close(&db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_open_memory),
		cmocka_unit_test(test_schema_matches_entities),
		cmocka_unit_test_setup_teardown(test_open_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuse_foreign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuse_newer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_from_1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_to_plain, setup, teardown),
		cmocka_unit_test(test_code_lookup_plan),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_index_refresh),
		cmocka_unit_test_setup_teardown(test_migrate_lean_writes, setup,
						teardown),
		cmocka_unit_test(test_check_schema_and_rows),
		cmocka_unit_test_setup_teardown(test_migrate_money, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_tally, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_deadline_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_key_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_hit_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_and_data_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_hits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_word_list, setup,
						teardown),
		cmocka_unit_test(test_hits_walk),
		cmocka_unit_test(test_words_cache),
		cmocka_unit_test_setup_teardown(test_capped_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rank_cap, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
