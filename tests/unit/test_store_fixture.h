/* SPDX-License-Identifier: EUPL-1.2 */
/* test_store_fixture.h — shared set-up of the storage layer's tests:
 * databases in memory or in a private temporary folder, and records
 * inserted in one transaction each, asserting success. */
#ifndef SALKKU_TEST_STORE_FIXTURE_H
#define SALKKU_TEST_STORE_FIXTURE_H

#include "db/db.h"
#include "db/store.h"
#include "src/base/entity_fields.h"

/* A migrated ":memory:" database. */
struct db *fx_open(void);

/* A private temporary folder (mkdtemp); the caller frees the string and
 * removes the folder with fx_rmdir(). */
char *fx_tempdir(void);
void fx_rmdir(const char *dir);

/* dir + "/" + name, newly allocated. */
char *fx_path(const char *dir, const char *name);

/* Inserts / updates rec in its own transaction as "tester". */
void fx_insert(struct db *db, struct record *rec);
void fx_update(struct db *db, struct record *rec);

/* New records, inserted.  short_name, status may be NULL. */
struct record *fx_org(struct db *db, const char *name, const char *short_name);
struct record *fx_project(struct db *db, const char *code, const char *name,
			  const char *status);
struct record *fx_role(struct db *db, const struct record *project,
		       const struct record *org, const char *role);
struct record *fx_funding(struct db *db, const struct record *project,
			  const struct record *org, int64_t applied,
			  int64_t granted);
struct record *fx_note(struct db *db, const struct record *project,
		       const char *date, const char *body);

/* Number of rows of a table, or of sql's first column. */
int64_t fx_count(struct db *db, const char *sql);

#endif
