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

	assert_int_equal(db_open_at_version(f->path, 1, &db, &err), ERR_OK);
	assert_int_equal(db_schema_version(db), 1);
	p = fx_project(db, "LUMO", "Lastensuojelun uudistaminen", "closed");
	o = fx_org(db, "Itä-Suomen sosiaalialan osaamiskeskus", "ISO");
	record_free((struct record *[]){ fx_role(db, p, o, "administrator") });
	n = fx_note(db, p, "2023-12-15", "Viimeiset maksatukset saapuivat");
	db_close(&db);

	/* Read-only does not migrate: it asks for a writable open. */
	assert_int_equal(db_open(f->path, DB_READONLY, &db, &err), ERR_DATABASE);
	assert_non_null(strstr(err.message, "without read-only"));

	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(fx_count(db, "SELECT count(*) FROM change_log"), 4);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM presence"), 0);
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
	/* An index another analyser made is made again when opened. */
	assert_int_equal(fx_count(db, "SELECT count(*) FROM fts_analyser"), 1);
	assert_int_equal(db_exec(db, "UPDATE fts_analyser SET name = 'x';"
			 "DELETE FROM project_fts", &err), ERR_OK);
	db_close(&db);
	assert_int_equal(db_open(f->path, 0, &db, &err), ERR_OK);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM fts_analyser "
				      "WHERE name != 'x'"), 1);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project_fts"), 1);
	assert_int_equal(db_check(db, NULL, NULL, &err), ERR_OK);
	db_close(&db);
	record_free(&p);
	record_free(&o);
	record_free(&n);
}

static void
collect(const char *problem, void *arg)
{
	int *n = arg;

	assert_non_null(problem);
	(*n)++;
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
	assert_int_equal(db_check(db, collect, &n, &err), ERR_DATABASE);
	assert_int_equal(n, 1);
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
	assert_int_equal(n, 2);
	record_free(&p);
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
	assert_int_equal(db_backup(db, copy, &err), ERR_OK);
	assert_int_equal(stat(copy, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
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

		assert_int_equal(store_export_json(back, out, &err), ERR_OK);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_open_memory),
		cmocka_unit_test(test_schema_matches_entities),
		cmocka_unit_test_setup_teardown(test_open_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuse_foreign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuse_newer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_from_1, setup, teardown),
		cmocka_unit_test(test_check),
		cmocka_unit_test_setup_teardown(test_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_and_data_version, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
