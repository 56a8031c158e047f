/* SPDX-License-Identifier: EUPL-1.2 */
/* test_numbers.c — numbers that cross a boundary read and write the
 * same under a Finnish locale (decimal comma in LC_NUMERIC) as under C:
 * the JSON walk, the parsers and the formatters. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "src/base/format.h"
#include "test_store_fixture.h"

#define U1 "11111111-1111-4111-8111-111111111111"

static int
setup(void **state)
{
	/* The whole point: a locale whose decimal separator is a comma.
	 * Skipped where it is not installed. */
	if (!setlocale(LC_ALL, "fi_FI.UTF-8"))
		return -1;
	*state = fx_open();
	return 0;
}

static int
teardown(void **state)
{
	struct db *db = *state;

	db_close(&db);
	setlocale(LC_ALL, "C");
	return 0;
}

struct seen {
	int64_t person_years;
	int64_t budget;
};

static int
note_numbers(struct json_item *item, void *arg)
{
	struct seen *s = arg;

	if (item->def == entities[ENT_PROJECT]) {
		s->person_years = item->rec->v[PROJECT_PERSON_YEARS].num;
		s->budget = item->rec->v[PROJECT_BUDGET].num;
	}
	return 0;
}

static void
test_json_walk(void **state)
{
	struct db *db = *state;
	struct seen s = { -1, -1 };
	struct error err;
	const char *doc = "{\"format\":\"salkku\",\"format_version\":1,"
		"\"projects\":{\"" U1 "\":{\"version\":1,\"updated_at\":\"2024-01-15T10:00:00Z\","
		"\"updated_by\":\"a\",\"code\":\"X\",\"name\":\"X\","
		"\"status\":\"idea\",\"person_years\":8.80,\"budget\":45308750}}}";

	assert_int_equal(localeconv()->decimal_point[0], ',');
	assert_int_equal(store_json_items(db, doc, strlen(doc), note_numbers,
					  &s, &err), ERR_OK);
	assert_int_equal(s.person_years, 880);
	assert_int_equal(s.budget, 45308750);
	/* The walk put the caller's locale back. */
	assert_int_equal(localeconv()->decimal_point[0], ',');
}

static void
test_parse_format(void **state)
{
	int64_t v = 0;
	char buf[40];

	(void)state;
	assert_int_equal(parse_hundredths("8.80", &v), PARSE_OK);
	assert_int_equal(v, 880);
	assert_int_equal(parse_hundredths("9,5", &v), PARSE_OK);
	assert_int_equal(v, 950);
	assert_int_equal(parse_money("453087.50", &v), PARSE_OK);
	assert_int_equal(v, 45308750);
	assert_string_equal(format_hundredths(buf, sizeof buf, 880, FMT_ISO), "8.80");
	assert_string_equal(format_money(buf, sizeof buf, 45308750, FMT_ISO),
			    "453087.50");
}

static void
test_numeric_begin_end(void **state)
{
	locale_t saved;

	(void)state;
	saved = format_numeric_begin();
	assert_true(saved != (locale_t)0);
	assert_int_equal(localeconv()->decimal_point[0], '.');
	assert_true(strtod("8.80", NULL) > 8.7);
	format_numeric_end(saved);
	assert_int_equal(localeconv()->decimal_point[0], ',');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numeric_begin_end, setup,
						teardown),
	};

	if (!setlocale(LC_ALL, "fi_FI.UTF-8")) {
		fprintf(stderr, "fi_FI.UTF-8 is not installed\n");
		return 77;
	}
	setlocale(LC_ALL, "C");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
