/* SPDX-License-Identifier: EUPL-1.2 */
/* test_model_io.c — the whole portfolio in and out on in-memory
 * databases: the demo, JSON export and import (strict, all or nothing,
 * idempotent), CSV export and import. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/core/model.h"

#define UUID_A "0a1b2c3d-0000-4000-8000-00000000000a"
#define UUID_B "0a1b2c3d-0000-4000-8000-00000000000b"

struct fixture {
	struct model a, b;     /* two databases */
	char path[64];         /* a temporary file, "" when none */
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	setenv("SALKKU_TODAY", "2023-11-20", 1);
	setenv("SALKKU_NOW", "2023-11-20T09:00:00Z", 1);
	assert_non_null(f);
	assert_int_equal(model_open(&f->a, ":memory:", MODEL_CREATE), ERR_OK);
	assert_int_equal(model_open(&f->b, ":memory:", MODEL_CREATE), ERR_OK);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	model_close(&f->a);
	model_close(&f->b);
	if (f->path[0])
		unlink(f->path);
	free(f);
	return 0;
}

/* Writes text to the fixture's temporary file and returns its path. */
static const char *
file_with(struct fixture *f, const char *text)
{
	FILE *out;
	int fd;

	/* In the working directory: a short name keeps the collected
	 * problems of a CSV import within one message. */
	if (f->path[0])
		unlink(f->path);
	snprintf(f->path, sizeof f->path, "salkku-io.XXXXXX");
	assert_true((fd = mkstemp(f->path)) >= 0);
	assert_non_null(out = fdopen(fd, "w"));
	fputs(text, out);
	assert_int_equal(fclose(out), 0);
	return f->path;
}

static char *
export_json(struct model *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	assert_int_equal(model_export_json(m, out), ERR_OK);
	fclose(out);
	return buf;
}

/* The data of an export: without the exchange members that name the
 * exporting database and what it received from others, which differ
 * between databases by design. */
static char *
data_of(char *json)
{
	char *db = strstr(json, "\n\"database\":\""), *end, *bases;

	assert_non_null(db);
	end = strchr(db + 1, '\n');
	memmove(db, end, strlen(end) + 1);
	bases = strstr(json, ",\n\"bases\":{");
	assert_non_null(bases);
	*bases = '\0';
	return json;
}

static char *
export_csv(struct model *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	assert_int_equal(model_export_csv(m, out), ERR_OK);
	fclose(out);
	return buf;
}

static int64_t
projects(struct model *m, const char *status)
{
	struct project_query q = { .statuses = { status, NULL } };
	int64_t matching = -1, total = -1;

	assert_int_equal(model_count_projects(m, &q, &matching, &total), ERR_OK);
	return status ? matching : total;
}

static const struct import_options dry = { .dry_run = true };

/* Records of kind k added or updated. */
static size_t
written(const struct import_counts *n, enum entity_kind k)
{
	return n->added[k] + n->updated[k];
}

static size_t
sum(const struct import_counts *n)
{
	size_t total = 0;

	for (size_t k = 0; k < ENT_COUNT; k++)
		total += written(n, (enum entity_kind)k);
	return total;
}
/* ---- Bad input first ------------------------------------------------ */

static void
test_import_missing_file(void **state)
{
	struct fixture *f = *state;
	struct import_counts counts;

	assert_int_equal(model_import_json(&f->a, "/nonexistent/dump.json", NULL, &counts), ERR_NOT_FOUND);
	assert_non_null(strstr(f->a.err.message, "/nonexistent/dump.json"));
	assert_int_equal(model_import_csv(&f->a, "/nonexistent/p.csv", NULL, &counts), ERR_NOT_FOUND);
	assert_non_null(strstr(f->a.err.message, "/nonexistent/p.csv"));
	assert_int_equal(sum(&counts), 0);
}

/* The strict checks come first, naming the file, the line and the path. */
static void
test_import_json_strict(void **state)
{
	struct fixture *f = *state;
	struct import_counts counts;
	const char *path = file_with(f,
		"{\"format\":\"salkku\",\"format_version\":1,\n"
		"\"projects\":{\"" UUID_A "\":{\"version\":1,\"updated_at\":\"2023-11-20T09:00:00Z\",\n"
		"\"updated_by\":\"x\",\"code\":\"A\",\"name\":\"a\",\"name\":\"b\",\"status\":\"idea\"}}}\n");

	assert_int_equal(model_import_json(&f->a, path, NULL, &counts), ERR_INVALID);
	assert_string_equal(f->a.err.field, "$.projects." UUID_A ".name");
	assert_non_null(strstr(f->a.err.message, path));
	assert_non_null(strstr(f->a.err.message, "line 3: duplicate key \"name\""));
	assert_int_equal(projects(&f->a, NULL), 0);
}

/* A record that does not validate: the path and the field are named, and
 * the records before it are not written either. */
static void
test_import_json_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct import_counts counts;
	const char *path = file_with(f,
		"{\"format\":\"salkku\",\"format_version\":1,\"projects\":{\n"
		"\"" UUID_A "\":{\"version\":1,\"updated_at\":\"2023-11-20T09:00:00Z\","
		"\"updated_by\":\"x\",\"code\":\"A\",\"name\":\"Alku\",\"status\":\"idea\"},\n"
		"\"" UUID_B "\":{\"version\":1,\"updated_at\":\"2023-11-20T09:00:00Z\","
		"\"updated_by\":\"x\",\"code\":\"B\",\"name\":\"Budjetti\",\"status\":\"idea\","
		"\"budget\":-500}}}\n");

	assert_int_equal(model_import_json(&f->a, path, NULL, &counts), ERR_INVALID);
	assert_string_equal(f->a.err.field, "$.projects." UUID_B);
	assert_non_null(strstr(f->a.err.message, "$.projects." UUID_B ": budget:"));
	assert_int_equal(sum(&counts), 0);
	assert_int_equal(projects(&f->a, NULL), 0);
}

/* An empty portfolio: a header only, and a document that imports as
 * nothing. */
static void
test_empty(void **state)
{
	struct fixture *f = *state;
	struct import_counts counts;
	char *csv = export_csv(&f->a), *json = export_json(&f->a);

	assert_string_equal(csv,
		"code,name,description,status,planned_start,planned_end,"
		"actual_start,actual_end,themes,region,budget,person_years,"
		"website,administrator\r\n");
	assert_int_equal(model_import_csv(&f->b, file_with(f, csv), NULL, &counts),
			 ERR_OK);
	assert_int_equal(sum(&counts), 0);
	assert_int_equal(model_import_json(&f->b, file_with(f, json), NULL, &counts),
			 ERR_OK);
	assert_int_equal(sum(&counts), 0);
	free(csv);
	free(json);
}

/* ---- The demo ------------------------------------------------------- */

static void
test_demo(void **state)
{
	static const char *const statuses[] = {
		"idea", "preparing", "applied", "granted", "active", "reporting",
		"closed",
	};
	struct fixture *f = *state;
	struct record *p = NULL, *org = NULL;
	struct record_list list = { 0 };

	assert_int_equal(model_load_demo(&f->a), ERR_OK);
	assert_true(projects(&f->a, NULL) >= 15);
	for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
		if (projects(&f->a, statuses[i]) < 1)
			fail_msg("no demo project is %s", statuses[i]);

	/* Once only: the database has projects now. */
	assert_int_equal(model_load_demo(&f->a), ERR_INVALID);

	assert_int_equal(model_project(&f->a, "Kansa-koulu 5", &p), ERR_OK);
	assert_int_equal(p->v[PROJECT_PERSON_YEARS].num, 880);
	assert_string_equal(record_text(p, PROJECT_STATUS), "active");
	assert_int_equal(model_children(&f->a, entities[ENT_OUTCOME], p->uuid, &list), ERR_OK);
	assert_int_equal(list.count, 6);
	record_list_clear(&list);
	record_free(&p);

	assert_int_equal(model_project(&f->a, "Varikko", &p), ERR_OK);
	assert_string_equal(record_text(p, PROJECT_STATUS), "applied");
	assert_true(p->v[PROJECT_BUDGET].null);   /* the texts give no sum */
	assert_int_equal(model_children(&f->a, entities[ENT_STATUS_CHANGE], p->uuid, &list), ERR_OK);
	assert_int_equal(list.count, 2);
	assert_string_equal(record_text(list.items[1], STATUS_TO), "applied");
	assert_string_equal(record_text(list.items[1], STATUS_BY), "demo");
	record_list_clear(&list);
	record_free(&p);

	assert_int_equal(model_organisation(&f->a, "ISO", &org), ERR_OK);
	assert_string_equal(record_text(org, ORG_NAME),
			    "ISO – Itä-Suomen sosiaalialan osaamiskeskus");
	record_free(&org);
	assert_int_equal(model_organisation(&f->a, "Etelä-Savon hyvinvointialue (Eloisa)", &org),
			 ERR_OK);
	record_free(&org);
}

/* ---- JSON round trip ------------------------------------------------ */

static void
test_json_round_trip(void **state)
{
	struct fixture *f = *state;
	struct import_counts counts;
	char *first, *second;
	const char *path;

	assert_int_equal(model_load_demo(&f->a), ERR_OK);
	first = export_json(&f->a);
	path = file_with(f, first);

	/* A dry run counts and writes nothing. */
	assert_int_equal(model_import_json(&f->b, path, &dry, &counts), ERR_OK);
	assert_int_equal(written(&counts, ENT_PROJECT), (size_t)projects(&f->a, NULL));
	assert_true(written(&counts, ENT_ORGANISATION) >= 29);
	assert_int_equal(projects(&f->b, NULL), 0);

	assert_int_equal(model_import_json(&f->b, path, NULL, &counts), ERR_OK);
	assert_int_equal(written(&counts, ENT_PROJECT), (size_t)projects(&f->a, NULL));
	assert_true(written(&counts, ENT_ROLE) > 0 && written(&counts, ENT_FUNDING) > 0 &&
		    written(&counts, ENT_STATUS_CHANGE) > 0 && written(&counts, ENT_DEADLINE) > 0 &&
		    written(&counts, ENT_NOTE) > 0 && written(&counts, ENT_OUTCOME) > 0);
	second = export_json(&f->b);
	data_of(first);
	assert_string_equal(first, data_of(second));

	/* The same document again writes nothing. */
	assert_int_equal(model_import_json(&f->b, path, NULL, &counts), ERR_OK);
	assert_int_equal(sum(&counts), 0);
	free(second);
	second = export_json(&f->b);
	assert_string_equal(first, data_of(second));
	free(first);
	free(second);
}

static void
count_line(const char *line, void *arg)
{
	int *n = arg;

	assert_non_null(strstr(line, ": name: ours \"Newer\" theirs \""));
	(*n)++;
}

/* An older document over a newer edit: a conflict, reported by field,
 * nothing written; --ours keeps, --theirs takes at a version above both. */
static void
test_json_conflict(void **state)
{
	struct fixture *f = *state;
	struct import_options opt = { .conflict = count_line };
	struct import_counts counts;
	struct record *p = NULL;
	char *old, *now, *after;
	const char *path;
	int lines = 0;

	opt.arg = &lines;
	assert_int_equal(model_load_demo(&f->a), ERR_OK);
	path = file_with(f, old = export_json(&f->a));
	assert_int_equal(model_project(&f->a, "LUMO", &p), ERR_OK);
	assert_int_equal(model_assign(&f->a, p, "name=Newer"), ERR_OK);
	assert_int_equal(model_update(&f->a, p), ERR_OK);
	record_free(&p);
	now = export_json(&f->a);

	assert_int_equal(model_import_json(&f->a, path, &opt, &counts), ERR_CONFLICT);
	assert_int_equal(lines, 1);
	assert_int_equal(counts.conflicts[ENT_PROJECT], 1);
	assert_non_null(strstr(f->a.err.message, "--ours or --theirs"));
	after = export_json(&f->a);
	assert_string_equal(after, now);
	free(after);

	opt.side = IMPORT_OURS;
	assert_int_equal(model_import_json(&f->a, path, &opt, &counts), ERR_OK);
	assert_int_equal(sum(&counts), 0);

	opt.side = IMPORT_THEIRS;
	assert_int_equal(model_import_json(&f->a, path, &opt, &counts), ERR_OK);
	assert_int_equal(model_project(&f->a, "LUMO", &p), ERR_OK);
	assert_int_equal(p->version, 3);
	assert_string_not_equal(record_text(p, PROJECT_NAME), "Newer");
	record_free(&p);
	free(old);
	free(now);
}

/* ---- CSV ------------------------------------------------------------ */

static void
test_csv_export(void **state)
{
	struct fixture *f = *state;
	char *csv;

	assert_int_equal(model_load_demo(&f->a), ERR_OK);
	csv = export_csv(&f->a);
	assert_non_null(strstr(csv,
		"code,name,description,status,planned_start,planned_end,"
		"actual_start,actual_end,themes,region,budget,person_years,"
		"website,administrator\r\n"));
	assert_non_null(strstr(csv, "\r\nISO-perustoiminta 2023,"
			       "ISOn perustoiminta 2023 (valtionavustus),"));
	assert_non_null(strstr(csv, ",reporting,2023-01-01,2023-12-31,2023-01-01,"
			       "2023-12-31,perustoiminta,"));
	assert_non_null(strstr(csv, ",453087.00,,https://www.isonet.fi,ISO\r\n"));
	assert_non_null(strstr(csv, ",8.80,"));
	/* A description with line breaks is one quoted cell. */
	assert_non_null(strstr(csv, "\"Osaamiskeskusten viides valtakunnallinen"));
	free(csv);
}

/* Projects exported as CSV and imported into a database with the same
 * organisations export as the same CSV. */
static void
test_csv_round_trip(void **state)
{
	struct fixture *f = *state;
	struct record_list orgs = { 0 };
	struct import_counts counts;
	char *first, *second;
	const char *path;

	assert_int_equal(model_load_demo(&f->a), ERR_OK);
	assert_int_equal(model_organisations(&f->a, &orgs), ERR_OK);
	for (size_t i = 0; i < orgs.count; i++) {
		struct record *copy = record_dup(orgs.items[i]);

		copy->uuid[0] = '\0';
		copy->id = copy->version = 0;
		assert_int_equal(model_insert(&f->b, copy), ERR_OK);
		record_free(&copy);
	}
	record_list_clear(&orgs);

	first = export_csv(&f->a);
	path = file_with(f, first);
	assert_int_equal(model_import_csv(&f->b, path, NULL, &counts), ERR_OK);
	assert_int_equal(written(&counts, ENT_PROJECT), (size_t)projects(&f->a, NULL));
	assert_int_equal(written(&counts, ENT_STATUS_CHANGE), written(&counts, ENT_PROJECT));
	assert_true(written(&counts, ENT_ROLE) > 0);
	second = export_csv(&f->b);
	assert_string_equal(first, second);

	/* Again: nothing changes. */
	assert_int_equal(model_import_csv(&f->b, path, NULL, &counts), ERR_OK);
	assert_int_equal(sum(&counts), 0);
	free(first);
	free(second);
}

static void
test_csv_update(void **state)
{
	struct fixture *f = *state;
	struct import_counts counts;
	struct record *p = NULL;
	struct record_list list = { 0 };
	const char *path;

	assert_int_equal(model_load_demo(&f->a), ERR_OK);
	/* Only the columns given change; a move of the workflow is kept in
	 * the history; a neutralised formula reads back as it was. */
	path = file_with(f, "code,name,budget,status\r\n"
			 "varikko,'=Varikko,\"1 100 000\",granted\r\n");
	assert_int_equal(model_import_csv(&f->a, path, &dry, &counts), ERR_OK);
	assert_int_equal(written(&counts, ENT_PROJECT), 1);
	assert_int_equal(model_project(&f->a, "Varikko", &p), ERR_OK);
	assert_true(p->v[PROJECT_BUDGET].null);
	record_free(&p);

	assert_int_equal(model_import_csv(&f->a, path, NULL, &counts), ERR_OK);
	assert_int_equal(written(&counts, ENT_PROJECT), 1);
	assert_int_equal(written(&counts, ENT_STATUS_CHANGE), 1);
	assert_int_equal(model_project(&f->a, "Varikko", &p), ERR_OK);
	assert_int_equal(p->v[PROJECT_BUDGET].num, 110000000);
	assert_string_equal(record_text(p, PROJECT_NAME), "=Varikko");
	assert_string_equal(record_text(p, PROJECT_STATUS), "granted");
	assert_string_equal(record_text(p, PROJECT_PLANNED_END), "2027-03-31");
	assert_int_equal(model_children(&f->a, entities[ENT_STATUS_CHANGE], p->uuid, &list), ERR_OK);
	assert_int_equal(list.count, 3);
	assert_string_equal(record_text(list.items[2], STATUS_FROM), "applied");
	record_list_clear(&list);
	record_free(&p);

	assert_int_equal(model_import_csv(&f->a, path, NULL, &counts), ERR_OK);
	assert_int_equal(sum(&counts), 0);
}

static void
test_csv_problems(void **state)
{
	struct fixture *f = *state;
	struct import_counts counts;
	const char *path;

	assert_int_equal(model_load_demo(&f->a), ERR_OK);
	path = file_with(f, "code,name,budget,status,administrator\r\n"
			 "NEW,Uusi hanke,100,,ISO\r\n"
			 "A,Alpha,-5,,\r\n"
			 "B,,1,,\r\n"
			 "A,Again,1,,\r\n"
			 "LUMO,LUMO,,idea,\r\n"
			 "C,Gamma,,,Nobody\r\n"
			 "D,Delta\r\n");
	assert_int_equal(model_import_csv(&f->a, path, NULL, &counts), ERR_INVALID);
	assert_int_equal(sum(&counts), 0);
	assert_non_null(strstr(f->a.err.message, ":3: budget: cannot be negative"));
	assert_non_null(strstr(f->a.err.message, ":4: name: a value is required"));
	assert_non_null(strstr(f->a.err.message, ":5: code: \"A\" is also on line 3"));
	assert_non_null(strstr(f->a.err.message, ":6: status: closed → idea"));
	assert_non_null(strstr(f->a.err.message, ":7: administrator: no organisation \"Nobody\""));
	assert_non_null(strstr(f->a.err.message, ":8: the row has 2 fields, the header 5"));
	assert_non_null(strstr(f->a.err.message, path));
	/* Nothing was written, not even the good first row. */
	assert_int_equal(model_project(&f->a, "NEW", &(struct record *){ NULL }),
			 ERR_NOT_FOUND);

	path = file_with(f, "code,name,colour\r\nA,B,red\r\n");
	assert_int_equal(model_import_csv(&f->a, path, NULL, &counts), ERR_INVALID);
	assert_string_equal(f->a.err.field, "colour");
	assert_non_null(strstr(f->a.err.message, ":1: unknown column \"colour\""));

	path = file_with(f, "name,budget\r\nB,1\r\n");
	assert_int_equal(model_import_csv(&f->a, path, NULL, &counts), ERR_INVALID);
	assert_non_null(strstr(f->a.err.message, "\"code\" and \"name\""));

	path = file_with(f, "code,name\r\nA,\"open\r\n");
	assert_int_equal(model_import_csv(&f->a, path, NULL, &counts), ERR_INVALID);
	assert_non_null(strstr(f->a.err.message, ":2: a quoted field is not closed"));

	path = file_with(f, "");
	assert_int_equal(model_import_csv(&f->a, path, NULL, &counts), ERR_INVALID);
	assert_non_null(strstr(f->a.err.message, "empty"));
}

/* Many bad rows: the message stops at twenty and says so. */
static void
test_csv_many_problems(void **state)
{
	struct fixture *f = *state;
	struct import_counts counts;
	size_t len = 0;
	char text[4096];

	len += (size_t)snprintf(text + len, sizeof text - len, "code,name,budget\r\n");
	for (int i = 0; i < 40; i++)
		len += (size_t)snprintf(text + len, sizeof text - len,
					"P%d,Hanke %d,-%d\r\n", i, i, i + 1);
	assert_int_equal(model_import_csv(&f->a, file_with(f, text), NULL, &counts),
			 ERR_INVALID);
	assert_non_null(strstr(f->a.err.message, ":2: budget: cannot be negative"));
	assert_non_null(strstr(f->a.err.message, "stopped after 20 problems"));
	assert_null(strstr(f->a.err.message, ":22:"));
	assert_int_equal(projects(&f->a, NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_missing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_json_strict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_json_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_problems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_many_problems, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
