/* SPDX-License-Identifier: EUPL-1.2 */
/* test_store_json.c — the JSON exchange document: deterministic export,
 * a round trip through an empty database, idempotent imports, and the
 * paths named when a document does not fit. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_store_fixture.h"

#define U1 "11111111-1111-4111-8111-111111111111"

static int
setup(void **state)
{
	setenv("SALKKU_NOW", "2024-01-15T09:41:00Z", 1);
	*state = fx_open();
	return 0;
}

static int
teardown(void **state)
{
	struct db *db = *state;

	db_close(&db);
	return 0;
}

/* The export, less its "database" line: the id differs between
 * databases by design, the data must not. */
static char *
export(struct db *db, size_t *len)
{
	char *buf = NULL, *line, *end;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	struct error err;

	assert_non_null(f);
	if (store_export_json(db, f, NULL, &err))
		fail_msg("export: %s", err.message);
	assert_int_equal(fclose(f), 0);
	line = strstr(buf, "\n\"database\":\"");
	assert_non_null(line);
	end = strchr(line + 1, '\n');
	assert_non_null(end);
	memmove(line, end, strlen(end) + 1);
	if (len)
		*len = strlen(buf);
	return buf;
}

struct import {
	struct db *db;
	struct error *err;
	int changed;
	int items;
};

/* As the model imports a record: added when new, left when the same,
 * else written at a version above both (conflicts are the model's
 * business, tested there). */
static int
import_record(struct db *db, const struct record *rec, bool *changed,
	      struct error *err)
{
	struct record *ours = NULL;
	int rc = store_get(db, rec->def, rec->uuid, &ours, err);
	bool same = rc == ERR_OK;

	*changed = false;
	if (rc == ERR_NOT_FOUND) {
		rc = store_import_insert(db, rec, err);
		*changed = rc == ERR_OK;
		return rc;
	}
	for (size_t i = 0; same && i < rec->def->nfields; i++)
		same = record_field_equal(ours, rec, (int)i);
	if (rc == ERR_OK && !same) {
		rc = store_import_update(db, rec, ours,
					 (ours->version > rec->version ? ours->version
								       : rec->version) + 1,
					 "importer", err);
		*changed = rc == ERR_OK;
	}
	record_free(&ours);
	return rc;
}

static int
import_item(struct json_item *item, void *arg)
{
	struct import *im = arg;
	bool changed = false;
	int rc;

	im->items++;
	assert_non_null(item->path);
	if (item->def)
		rc = import_record(im->db, item->rec, &changed, im->err);
	else
		rc = store_import_change(im->db, item->change, &changed, im->err);
	im->changed += changed;
	return rc;
}

/* Imports json into db in one transaction; returns the error code. */
static int
import(struct db *db, const char *json, struct error *err, int *changed)
{
	struct import im = { db, err, 0, 0 };
	int rc;

	assert_int_equal(db_begin(db, err), ERR_OK);
	rc = store_json_items(db, json, strlen(json), import_item, &im, err);
	if (rc)
		db_rollback(db);
	else
		assert_int_equal(db_commit(db, err), ERR_OK);
	if (changed)
		*changed = im.changed;
	return rc;
}

/* One record of every entity, with every kind of value. */
static void
fill(struct db *db)
{
	struct record *iso = fx_org(db, "Itä-Suomen sosiaalialan osaamiskeskus", "ISO");
	struct record *stm = fx_org(db, "Sosiaali- ja terveysministeriö", "STM");
	struct record *p = fx_project(db, "KANSA-KOULU-5", "Kansa-koulu 5 – \"kirjaaminen\"\n", "active");
	struct record *s = record_new(entities[ENT_STATUS_CHANGE]);
	struct record *d = record_new(entities[ENT_DEADLINE]);
	struct record *o = record_new(entities[ENT_OUTCOME]);

	record_set_num(p, PROJECT_PERSON_YEARS, 880);
	record_set_num(p, PROJECT_BUDGET, 45308750);
	record_set_text(p, PROJECT_THEMES, "kirjaaminen");
	record_set_text(p, PROJECT_ACTUAL_START, "2023-01-01");
	fx_update(db, p);
	record_free((struct record *[]){ fx_role(db, p, iso, "co_implementer") });
	record_free((struct record *[]){ fx_funding(db, p, stm, 100, 99) });
	record_free((struct record *[]){ fx_note(db, p, "2023-11-30", "384 kirjaamisen asiantuntijaa koulutettu") });
	record_set_text(s, STATUS_PROJECT, p->uuid);
	record_set_text(s, STATUS_FROM, "granted");
	record_set_text(s, STATUS_TO, "active");
	record_set_text(s, STATUS_DATE, "2023-01-01");
	record_set_num(s, STATUS_FORCED, 1);
	fx_insert(db, s);
	record_set_text(d, DEADLINE_PROJECT, p->uuid);
	record_set_text(d, DEADLINE_KIND, "report_due");
	record_set_text(d, DEADLINE_TITLE, "Loppuraportti");
	record_set_text(d, DEADLINE_DUE, "2024-06-30");
	record_set_num(d, DEADLINE_DONE, 0);
	fx_insert(db, d);
	record_set_text(o, OUTCOME_PROJECT, p->uuid);
	record_set_text(o, OUTCOME_LABEL, "Koulutetut");
	record_set_num(o, OUTCOME_VALUE, -5);
	fx_insert(db, o);
	record_free(&iso);
	record_free(&stm);
	record_free(&p);
	record_free(&s);
	record_free(&d);
	record_free(&o);
}

static void
test_bad_input(void **state)
{
	struct db *db = *state;
	bool changed;

	assert_int_equal(store_export_json(db, NULL, NULL, NULL), ERR_INVALID);
	assert_int_equal(store_export_json(NULL, stdout, NULL, NULL), ERR_INVALID);
	assert_int_equal(store_json_items(db, NULL, 0, import_item, NULL, NULL),
			 ERR_INVALID);
	assert_int_equal(store_json_items(db, "{}", 2, NULL, NULL, NULL),
			 ERR_INVALID);
	assert_int_equal(store_import_insert(db, NULL, NULL), ERR_INVALID);
	assert_int_equal(store_import_update(db, NULL, NULL, 2, "a", NULL),
			 ERR_INVALID);
	assert_int_equal(store_import_log_new(db, NULL, "a", NULL),
			 ERR_INVALID);
	assert_int_equal(store_import_change(db, NULL, &changed, NULL), ERR_INVALID);
}

static void
test_empty(void **state)
{
	struct db *db = *state;
	char *json = export(db, NULL);

	assert_string_equal(json, "{\"format\":\"salkku\",\"format_version\":2,\n"
			    "\"omitted\":[],\n"
			    "\"organisations\":{},\n\"projects\":{},\n\"roles\":{},\n"
			    "\"funding\":{},\n\"status_changes\":{},\n"
			    "\"deadlines\":{},\n\"notes\":{},\n\"outcomes\":{},\n"
			    "\"changes\":{},\n\"deleted\":{},\n\"bases\":{}}\n");
	free(json);
}

static void
test_round_trip(void **state)
{
	struct db *db = *state, *copy = fx_open();
	char *first, *second, *third;
	struct error err;
	int changed = -1;

	fill(db);
	first = export(db, NULL);
	/* Values in their JSON form; nulls left out. */
	assert_non_null(strstr(first, "\"person_years\":8.80}"));
	assert_non_null(strstr(first, "\"budget\":45308750"));
	assert_non_null(strstr(first, "\"value\":-0.05"));
	assert_non_null(strstr(first, "\"forced\":true"));
	assert_non_null(strstr(first, "\"done\":false"));
	assert_non_null(strstr(first, "\\\"kirjaaminen\\\"\\n"));
	assert_null(strstr(first, "null"));
	assert_null(strstr(first, "planned_start"));
	second = export(db, NULL);
	assert_string_equal(first, second);
	free(second);

	assert_int_equal(import(copy, first, &err, &changed), ERR_OK);
	assert_int_equal(changed, fx_count(db, "SELECT count(*) FROM change_log") + 9);
	second = export(copy, NULL);
	assert_string_equal(first, second);
	/* The full-text index of the copy follows the imported records. */
	assert_int_equal(db_check(copy, NULL, NULL, &err), ERR_OK);
	{
		struct project_query q = { .text = "asiantuntijaa ISO" };
		struct project_rows rows = { 0 };

		assert_int_equal(store_project_list(copy, &q, &rows, &err), 0);
		assert_int_equal(rows.count, 1);
		project_rows_clear(&rows);
	}

	/* The same document again changes nothing. */
	assert_int_equal(import(copy, first, &err, &changed), ERR_OK);
	assert_int_equal(changed, 0);
	third = export(copy, NULL);
	assert_string_equal(first, third);
	free(first);
	free(second);
	free(third);
	db_close(&copy);
}

static void
test_import_updates(void **state)
{
	struct db *db = *state;
	struct record *got = NULL;
	struct error err;
	int changed;
	const char *v1 = "{\"format\":\"salkku\",\"format_version\":1,\"projects\":{\""
		U1 "\":{\"version\":3,\"updated_at\":\"2024-01-01T00:00:00Z\","
		"\"updated_by\":\"a\",\"code\":\"X\",\"name\":\"Eks\",\"status\":\"idea\","
		"\"person_years\":8.8,\"budget\":5}}}";
	const char *v2 = "{\"format\":\"salkku\",\"format_version\":1,\"projects\":{\""
		U1 "\":{\"version\":4,\"updated_at\":\"2024-01-02T00:00:00Z\","
		"\"updated_by\":\"b\",\"code\":\"X\",\"name\":\"Uusi\",\"status\":\"idea\","
		"\"person_years\":12}}}";

	assert_int_equal(import(db, v1, &err, &changed), ERR_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(store_get(db, entities[ENT_PROJECT], U1, &got, &err), 0);
	assert_int_equal(got->version, 3);
	assert_int_equal(got->v[PROJECT_PERSON_YEARS].num, 880);
	assert_string_equal(got->updated_by, "a");
	record_free(&got);
	/* No change-log entries of its own. */
	assert_int_equal(fx_count(db, "SELECT count(*) FROM change_log"), 0);

	assert_int_equal(import(db, v2, &err, &changed), ERR_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(store_get(db, entities[ENT_PROJECT], U1, &got, &err), 0);
	/* Above both versions, by the importer, each changed field logged. */
	assert_int_equal(got->version, 5);
	assert_string_equal(got->updated_by, "importer");
	assert_int_equal(fx_count(db, "SELECT count(*) FROM change_log "
				  "WHERE action = 'update' AND who = 'importer'"), 3);
	assert_string_equal(record_text(got, PROJECT_NAME), "Uusi");
	assert_int_equal(got->v[PROJECT_PERSON_YEARS].num, 1200);
	assert_true(got->v[PROJECT_BUDGET].null);
	record_free(&got);
}

/* Imports a one-record document and expects ERR_INVALID at path. */
static void
refused(struct db *db, const char *json, const char *path, const char *words)
{
	struct error err;

	assert_int_equal(import(db, json, &err, NULL), ERR_INVALID);
	assert_string_equal(err.field, path);
	if (words && !strstr(err.message, words))
		fail_msg("\"%s\" not in \"%s\"", words, err.message);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project"), 0);
}

#define DOC(members) "{\"format\":\"salkku\",\"format_version\":1," members "}"
#define PROJECT(fields) DOC("\"projects\":{\"" U1 "\":{\"version\":1," \
	"\"updated_at\":\"2024-01-01T00:00:00Z\",\"updated_by\":\"a\"," \
	"\"code\":\"X\",\"name\":\"X\",\"status\":\"idea\"" fields "}}")

static void
test_import_refused(void **state)
{
	struct db *db = *state;

	refused(db, PROJECT(",\"budget\":\"lots\""), "$.projects." U1 ".budget",
		"cents");
	refused(db, PROJECT(",\"budget\":1.5"), "$.projects." U1 ".budget", NULL);
	refused(db, PROJECT(",\"person_years\":8.805"),
		"$.projects." U1 ".person_years", "two decimals");
	refused(db, PROJECT(",\"colour\":\"red\""), "$.projects." U1 ".colour",
		"no member");
	refused(db, PROJECT(",\"description\":7"), "$.projects." U1 ".description",
		"string");
	refused(db, DOC("\"projects\":{\"" U1 "\":{\"code\":\"X\"}}"),
		"$.projects." U1 ".version", "missing");
	refused(db, DOC("\"projects\":{\"" U1 "\":{\"version\":0}}"),
		"$.projects." U1 ".version", NULL);
	refused(db, DOC("\"projects\":{\"NOT-A-UUID\":{\"version\":1}}"),
		"$.projects.NOT-A-UUID", "uuid");
	refused(db, DOC("\"projects\":{\"" U1 "\":[]}"), "$.projects." U1,
		"object");
	refused(db, DOC("\"widgets\":{}"), "$.widgets", "unknown");
	refused(db, DOC("\"projects\":[]"), "$.projects", "object");
	refused(db, "{\"format\":\"other\",\"format_version\":1}", "$.format", NULL);
	refused(db, "{\"format\":\"salkku\",\"format_version\":3}",
		"$.format_version", "newer");
	refused(db, "{\"format\":\"salkku\"}", "$.format_version", "missing");
	refused(db, "[1,2]", "$", "object");
	refused(db, "{\"format\":", "$.format", "end of the document");
	refused(db, DOC("\"roles\":{\"" U1 "\":{\"version\":1,\"updated_at\":\"2024-01-01T00:00:00Z\","
			"\"updated_by\":\"a\",\"organisation\":\"ISO\"}}"),
		"$.roles." U1 ".organisation", "uuid");
	refused(db, DOC("\"deadlines\":{\"" U1 "\":{\"version\":1,\"updated_at\":\"2024-01-01T00:00:00Z\","
			"\"updated_by\":\"a\",\"done\":\"yes\"}}"),
		"$.deadlines." U1 ".done", "true or false");
	refused(db, DOC("\"changes\":{\"" U1 "\":{\"at\":\"2024-01-01T00:00:00Z\",\"who\":\"a\","
			"\"action\":\"rename\",\"entity\":\"project\",\"record\":\"" U1 "\"}}"),
		"$.changes." U1 ".action", NULL);
	refused(db, DOC("\"changes\":{\"" U1 "\":{\"at\":\"2024-01-01T00:00:00Z\",\"who\":\"a\","
			"\"action\":\"insert\",\"entity\":\"projects\",\"record\":\"" U1 "\"}}"),
		"$.changes." U1 ".entity", NULL);
	refused(db, DOC("\"changes\":{\"" U1 "\":{\"at\":\"2024-01-01T00:00:00Z\",\"who\":\"a\","
			"\"action\":\"insert\",\"entity\":\"project\",\"record\":\"" U1 "\","
			"\"extra\":1}}"), "$.changes." U1 ".extra", NULL);
	/* A unique code twice, under two uuids: named like an insert. */
	refused(db, DOC("\"projects\":{"
			"\"" U1 "\":{\"version\":1,\"updated_at\":\"2024-01-01T00:00:00Z\",\"updated_by\":\"a\","
			"\"code\":\"X\",\"name\":\"X\",\"status\":\"idea\"},"
			"\"22222222-2222-4222-8222-222222222222\":{\"version\":1,"
			"\"updated_at\":\"2024-01-01T00:00:00Z\",\"updated_by\":\"a\",\"code\":\"x\","
			"\"name\":\"X\",\"status\":\"idea\"}}"), "code", "exists");
}

struct order {
	char seen[8][16];
	int n;
};

static int
note_order(struct json_item *item, void *arg)
{
	struct order *o = arg;

	if (o->n < 8)
		snprintf(o->seen[o->n++], sizeof o->seen[0], "%s",
			 item->def ? item->def->name : "change");
	return 0;
}

/* Members in any order reach the callback referenced-first. */
static void
test_out_of_order(void **state)
{
	struct db *db = *state;
	struct order o = { .n = 0 };
	struct error err;
	int changed;
	const char *doc = "{\"changes\":{\"" U1 "\":{\"at\":\"2024-01-01T00:00:00Z\",\"who\":\"a\","
		"\"action\":\"insert\",\"entity\":\"role\",\"record\":\""
		"33333333-3333-4333-8333-333333333333\"}},"
		"\"roles\":{\"33333333-3333-4333-8333-333333333333\":{\"version\":1,"
		"\"updated_at\":\"2024-01-01T00:00:00Z\",\"updated_by\":\"a\",\"project\":\"" U1 "\","
		"\"organisation\":\"22222222-2222-4222-8222-222222222222\","
		"\"role\":\"administrator\"}},"
		"\"projects\":{\"" U1 "\":{\"version\":1,\"updated_at\":\"2024-01-01T00:00:00Z\","
		"\"updated_by\":\"a\",\"code\":\"X\",\"name\":\"X\",\"status\":\"idea\"}},"
		"\"format_version\":1,"
		"\"organisations\":{\"22222222-2222-4222-8222-222222222222\":{"
		"\"version\":1,\"updated_at\":\"2024-01-01T00:00:00Z\",\"updated_by\":\"a\","
		"\"name\":\"Kainuun hyvinvointialue\",\"kind\":\"wellbeing_county\"}},"
		"\"format\":\"salkku\"}";

	assert_int_equal(store_json_items(db, doc, strlen(doc), note_order, &o,
					  &err), ERR_OK);
	assert_int_equal(o.n, 4);
	assert_string_equal(o.seen[0], "organisation");
	assert_string_equal(o.seen[1], "project");
	assert_string_equal(o.seen[2], "role");
	assert_string_equal(o.seen[3], "change");
	assert_int_equal(import(db, doc, &err, &changed), ERR_OK);
	assert_int_equal(changed, 4);
	{
		struct project_query q = { .text = "kainuun" };
		struct project_rows rows = { 0 };

		assert_int_equal(store_project_list(db, &q, &rows, &err), 0);
		assert_int_equal(rows.count, 1);
		assert_string_equal(rows.items[0].administrator,
				    "Kainuun hyvinvointialue");
		project_rows_clear(&rows);
	}
	assert_int_equal(db_check(db, NULL, NULL, &err), ERR_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_order, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
