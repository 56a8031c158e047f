/* SPDX-License-Identifier: EUPL-1.2 */
/* test_store_fixture.c — see test_store_fixture.h. */
#include "config.h"

#include "test_store_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/db_internal.h"

struct db *
fx_open(void)
{
	struct db *db = NULL;
	struct error err;

	assert_int_equal(db_open(":memory:", DB_CREATE, &db, &err), ERR_OK);
	assert_non_null(db);
	return db;
}

char *
fx_tempdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;

	assert_true(asprintf(&dir, "%s/salkku-test-XXXXXX", tmp ? tmp : "/tmp") > 0);
	assert_non_null(mkdtemp(dir));
	return dir;
}

void
fx_rmdir(const char *dir)
{
	char *cmd;

	/* Only the folder mkdtemp made for this test. */
	assert_true(strstr(dir, "/salkku-test-") != NULL);
	assert_true(asprintf(&cmd, "rm -rf '%s'", dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

char *
fx_path(const char *dir, const char *name)
{
	char *p;

	assert_true(asprintf(&p, "%s/%s", dir, name) > 0);
	return p;
}

void
fx_insert(struct db *db, struct record *rec)
{
	struct error err;
	int rc;

	assert_int_equal(db_begin(db, &err), ERR_OK);
	rc = store_insert(db, rec, "tester", &err);
	if (rc)
		fail_msg("store_insert: %s", err.message);
	assert_int_equal(db_commit(db, &err), ERR_OK);
}

void
fx_update(struct db *db, struct record *rec)
{
	struct error err;
	int rc;

	assert_int_equal(db_begin(db, &err), ERR_OK);
	rc = store_update(db, rec, "tester", &err);
	if (rc)
		fail_msg("store_update: %s", err.message);
	assert_int_equal(db_commit(db, &err), ERR_OK);
}

struct record *
fx_org(struct db *db, const char *name, const char *short_name)
{
	struct record *o = record_new(entities[ENT_ORGANISATION]);

	record_set_text(o, ORG_NAME, name);
	record_set_text(o, ORG_SHORT_NAME, short_name);
	record_set_text(o, ORG_KIND, "agency");
	fx_insert(db, o);
	return o;
}

struct record *
fx_project(struct db *db, const char *code, const char *name,
	   const char *status)
{
	struct record *p = record_new(entities[ENT_PROJECT]);

	record_set_text(p, PROJECT_CODE, code);
	record_set_text(p, PROJECT_NAME, name);
	record_set_text(p, PROJECT_STATUS, status ? status : "idea");
	fx_insert(db, p);
	return p;
}

struct record *
fx_role(struct db *db, const struct record *project, const struct record *org,
	const char *role)
{
	struct record *r = record_new(entities[ENT_ROLE]);

	record_set_text(r, ROLE_PROJECT, project->uuid);
	record_set_text(r, ROLE_ORGANISATION, org->uuid);
	record_set_text(r, ROLE_ROLE, role);
	fx_insert(db, r);
	return r;
}

struct record *
fx_funding(struct db *db, const struct record *project,
	   const struct record *org, int64_t applied, int64_t granted)
{
	struct record *f = record_new(entities[ENT_FUNDING]);

	record_set_text(f, FUNDING_PROJECT, project->uuid);
	record_set_text(f, FUNDING_FUNDER, org->uuid);
	if (applied >= 0)
		record_set_num(f, FUNDING_APPLIED, applied);
	if (granted >= 0)
		record_set_num(f, FUNDING_GRANTED, granted);
	fx_insert(db, f);
	return f;
}

struct record *
fx_note(struct db *db, const struct record *project, const char *date,
	const char *body)
{
	struct record *n = record_new(entities[ENT_NOTE]);

	record_set_text(n, NOTE_PROJECT, project->uuid);
	record_set_text(n, NOTE_DATE, date);
	record_set_text(n, NOTE_BODY, body);
	fx_insert(db, n);
	return n;
}

int64_t
fx_count(struct db *db, const char *sql)
{
	int64_t n = -1;
	struct error err;

	if (db_query_int(db, sql, &n, &err))
		fail_msg("%s: %s", sql, err.message);
	return n;
}
