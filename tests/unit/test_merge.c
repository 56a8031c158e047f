/* SPDX-License-Identifier: EUPL-1.2 */
/* test_merge.c — the three-way classification of an exchange
 * (src/core/merge.c), the fingerprints it compares (src/base/record.c)
 * and the business ID's check digit (src/base/format.c). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "src/base/entity.h"
#include "src/base/entity_fields.h"
#include "src/base/format.h"
#include "src/base/record.h"
#include "src/core/merge.h"

#define BIT(f) (UINT64_C(1) << (f))

/* A project with the given name, description and person-years. */
static struct record *
project(const char *name, const char *description, int64_t py, int64_t version)
{
	struct record *p = record_new(entities[ENT_PROJECT]);

	assert_non_null(p);
	record_set_text(p, PROJECT_CODE, "KK5");
	record_set_text(p, PROJECT_NAME, name);
	record_set_text(p, PROJECT_STATUS, "active");
	if (description)
		record_set_text(p, PROJECT_DESCRIPTION, description);
	record_set_num(p, PROJECT_PERSON_YEARS, py);
	p->version = version;
	return p;
}

static void
test_fingerprint(void **state)
{
	struct record *a = project("A", NULL, 880, 1), *b = project("A", NULL, 880, 7);
	char *fa, *fb, hash[FIELD_HASH_LEN + 1];

	(void)state;
	fa = record_fingerprint(a, 0);
	fb = record_fingerprint(b, 0);
	/* Values alone: versions and databases do not count. */
	assert_string_equal(fa, fb);
	assert_true(fingerprint_field(fa, "name", hash));
	assert_int_equal(strlen(hash), FIELD_HASH_LEN);
	assert_true(fingerprint_field(fa, "description", hash));
	assert_string_equal(hash, "-");
	assert_false(fingerprint_field(fa, "nosuch", hash));
	/* A prefix of a field's name is not the field. */
	assert_false(fingerprint_field("codex:00000000", "code", hash));
	free(fb);
	/* Skipped fields are left out; text and numbers never collide. */
	fb = record_fingerprint(a, BIT(PROJECT_PERSON_YEARS));
	assert_false(fingerprint_field(fb, "person_years", hash));
	assert_true(fingerprint_field(fb, "name", hash));
	record_set_text(b, PROJECT_NAME, "B");
	free(fb);
	fb = record_fingerprint(b, 0);
	assert_string_not_equal(fa, fb);
	free(fa);
	free(fb);
	record_free(&a);
	record_free(&b);
}

/* One base, ours and theirs each changing other fields: both taken. */
static void
test_one_sided_each(void **state)
{
	struct record *base = project("A", "d", 880, 1);
	struct record *ours = project("A", "ours", 880, 2);
	struct record *theirs = project("A", "d", 950, 2);
	char *fp = record_fingerprint(base, 0);
	const char *bases[] = { fp, NULL };
	uint64_t take, conflict;

	(void)state;
	assert_int_equal(merge_three_way(ours, theirs, bases, 2, &take, &conflict),
			 MERGE_UPDATE);
	assert_int_equal(take, BIT(PROJECT_PERSON_YEARS));
	assert_int_equal(conflict, 0);
	free(fp);
	record_free(&base);
	record_free(&ours);
	record_free(&theirs);
}

/* Only ours changed: nothing to do, whatever the versions say. */
static void
test_ours_only(void **state)
{
	struct record *base = project("A", "d", 880, 1);
	struct record *ours = project("A", "ours", 880, 2);
	struct record *theirs = project("A", "d", 880, 9);
	char *fp = record_fingerprint(base, 0);
	const char *bases[] = { NULL, fp };
	uint64_t take, conflict;

	(void)state;
	assert_int_equal(merge_three_way(ours, theirs, bases, 2, &take, &conflict),
			 MERGE_KEEP);
	assert_int_equal(take | conflict, 0);
	/* Equal values are the same, base or not. */
	assert_int_equal(merge_three_way(ours, ours, bases, 2, &take, &conflict),
			 MERGE_SAME);
	free(fp);
	record_free(&base);
	record_free(&ours);
	record_free(&theirs);
}

/* The same field changed on both sides: a conflict of that field only. */
static void
test_both_sides(void **state)
{
	struct record *base = project("A", "d", 880, 1);
	struct record *ours = project("Ours", "d", 880, 2);
	struct record *theirs = project("Theirs", "d", 950, 2);
	char *fp = record_fingerprint(base, 0);
	const char *bases[] = { fp };
	uint64_t take, conflict;

	(void)state;
	assert_int_equal(merge_three_way(ours, theirs, bases, 1, &take, &conflict),
			 MERGE_CONFLICT);
	assert_int_equal(conflict, BIT(PROJECT_NAME));
	assert_int_equal(take, BIT(PROJECT_PERSON_YEARS));
	free(fp);
	record_free(&base);
	record_free(&ours);
	record_free(&theirs);
}

/* A field no base knows (left out of the exchange before) that differs
 * counts as changed on both sides. */
static void
test_unknown_field(void **state)
{
	struct record *base = project("A", "d", 880, 1);
	struct record *ours = project("A", "d", 880, 2);
	struct record *theirs = project("A", "d", 950, 2);
	char *fp = record_fingerprint(base, BIT(PROJECT_PERSON_YEARS));
	const char *bases[] = { fp };
	uint64_t take, conflict;

	(void)state;
	assert_int_equal(merge_three_way(ours, theirs, bases, 1, &take, &conflict),
			 MERGE_CONFLICT);
	assert_int_equal(conflict, BIT(PROJECT_PERSON_YEARS));
	free(fp);
	record_free(&base);
	record_free(&ours);
	record_free(&theirs);
}

/* Without any base the versions decide, as a plain import does. */
static void
test_no_base(void **state)
{
	struct record *ours = project("Ours", "d", 880, 2);
	struct record *later = project("Theirs", "d", 880, 3);
	struct record *same = project("Theirs", "d", 880, 2);
	const char *bases[] = { NULL, NULL, MERGE_BASE_DELETED };
	uint64_t take, conflict;

	(void)state;
	assert_int_equal(merge_three_way(ours, later, bases, 3, &take, &conflict),
			 MERGE_UPDATE);
	assert_int_equal(take, BIT(PROJECT_NAME));
	assert_int_equal(merge_three_way(ours, same, NULL, 0, &take, &conflict),
			 MERGE_CONFLICT);
	assert_int_equal(conflict, BIT(PROJECT_NAME));
	record_free(&ours);
	record_free(&later);
	record_free(&same);
}

/* Deleted there: gone here unless changed here since; a deletion
 * already known keeps ours quietly. */
static void
test_deleted_there(void **state)
{
	struct record *base = project("A", "d", 880, 1);
	struct record *changed = project("A", "changed", 880, 2);
	char *fp = record_fingerprint(base, 0);
	const char *bases[] = { NULL, NULL, fp };
	const char *known[] = { MERGE_BASE_DELETED, NULL, fp };
	const char *nothing[] = { NULL, NULL, NULL };

	(void)state;
	assert_int_equal(merge_deleted_there(base, bases, 3), MERGE_DELETE);
	assert_int_equal(merge_deleted_there(changed, bases, 3), MERGE_CONFLICT);
	assert_int_equal(merge_deleted_there(changed, known, 3), MERGE_KEEP);
	/* Nothing to compare with: never deleted silently. */
	assert_int_equal(merge_deleted_there(base, nothing, 3), MERGE_CONFLICT);
	free(fp);
	record_free(&base);
	record_free(&changed);
}

/* Deleted here: it stays deleted unless they changed it since. */
static void
test_deleted_here(void **state)
{
	struct record *base = project("A", "d", 880, 1);
	struct record *changed = project("A", "d", 990, 2);
	char *fp = record_fingerprint(base, 0);
	const char *bases[] = { NULL, NULL, fp };

	(void)state;
	assert_int_equal(merge_deleted_here(base, bases, 3), MERGE_KEEP);
	assert_int_equal(merge_deleted_here(changed, bases, 3), MERGE_CONFLICT);
	free(fp);
	record_free(&base);
	record_free(&changed);
}

/* An organisation matched by name or business ID: empty fields filled,
 * this database's values kept. */
static void
test_matched(void **state)
{
	struct record *ours = record_new(entities[ENT_ORGANISATION]);
	struct record *theirs = record_new(entities[ENT_ORGANISATION]);
	uint64_t take, conflict;

	(void)state;
	record_set_text(ours, ORG_NAME, "Itä-Suomen osaamiskeskus");
	record_set_text(ours, ORG_KIND, "competence_centre");
	record_set_text(theirs, ORG_NAME, "ISO – Itä-Suomen sosiaalialan osaamiskeskus");
	record_set_text(theirs, ORG_KIND, "competence_centre");
	assert_int_equal(merge_matched(ours, theirs, &take, &conflict), MERGE_KEEP);
	record_set_text(theirs, ORG_BUSINESS_ID, "0737546-2");
	assert_int_equal(merge_matched(ours, theirs, &take, &conflict), MERGE_UPDATE);
	assert_int_equal(take, BIT(ORG_BUSINESS_ID));
	assert_int_equal(conflict, 0);
	record_free(&ours);
	record_free(&theirs);
}

static void
test_business_id(void **state)
{
	(void)state;
	assert_true(business_id_valid("0737546-2"));
	assert_true(business_id_valid("1234567-1"));
	assert_false(business_id_valid("0737546-3"));
	/* Remainder 0: check digit 0. */
	assert_true(business_id_valid("0000000-0"));
	for (char d = '0'; d <= '9'; d++) {
		char id[] = "0000032-0";

		/* 3 * 4 + 2 * 2 = 16, remainder 5: only the digit 6. */
		id[8] = d;
		assert_int_equal(business_id_valid(id), d == '6');
		/* 6 * 2 = 12, remainder 1: no valid ID whatever the digit. */
		memcpy(id, "0000006", 7);
		assert_false(business_id_valid(id));
	}
	assert_false(business_id_valid(""));
	assert_false(business_id_valid("0737546"));
	assert_false(business_id_valid("0737546-22"));
	assert_false(business_id_valid("073754-62"));
	assert_false(business_id_valid("O737546-2"));
	assert_false(business_id_valid("0737546 2"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_business_id),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_one_sided_each),
		cmocka_unit_test(test_ours_only),
		cmocka_unit_test(test_both_sides),
		cmocka_unit_test(test_unknown_field),
		cmocka_unit_test(test_no_base),
		cmocka_unit_test(test_deleted_there),
		cmocka_unit_test(test_deleted_here),
		cmocka_unit_test(test_matched),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
