/* SPDX-License-Identifier: EUPL-1.2 */
/* test_validate.c — record checks and parsing people's input, field by
 * field, with messages that name the field. */
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

#include "src/base/entity.h"
#include "src/base/entity_fields.h"
#include "src/base/error.h"
#include "src/base/record.h"
#include "src/base/format.h"
#include "src/core/validate.h"

#define UUID_A "0b6b2c3e-8f1a-4d2b-9c4e-5a6f7b8c9d0e"
#define UUID_B "1C2D3E4F-5A6B-4C7D-8E9F-0A1B2C3D4E5F"

/* A project that passes: code, name and status. */
static struct record *
project(void)
{
	struct record *rec = record_new(entities[ENT_PROJECT]);

	assert_non_null(rec);
	assert_int_equal(record_set_text(rec, PROJECT_CODE, "KK5"), 0);
	assert_int_equal(record_set_text(rec, PROJECT_NAME,
					 "Kansa-koulu 5 – kirjaamisosaaminen"), 0);
	assert_int_equal(record_set_text(rec, PROJECT_STATUS, "active"), 0);
	return rec;
}

/* validate_record fails with ERR_INVALID on field, its message starting
 * with the field's name. */
static void
expect_invalid(const struct record *rec, const char *field)
{
	struct error err;
	char prefix[80];

	assert_int_equal(validate_record(rec, &err), ERR_INVALID);
	assert_int_equal(err.code, ERR_INVALID);
	assert_string_equal(err.field, field);
	snprintf(prefix, sizeof prefix, "%s: ", field);
	assert_memory_equal(err.message, prefix, strlen(prefix));
}

static void
expect_valid(const struct record *rec)
{
	struct error err;

	assert_int_equal(validate_record(rec, &err), ERR_OK);
	assert_int_equal(validate_record(rec, NULL), ERR_OK);
}

static void
test_bad_input(void **state)
{
	struct error err;
	struct record *rec = project();

	(void)state;
	assert_int_equal(validate_record(NULL, &err), ERR_INVALID);
	assert_int_equal(validate_record(NULL, NULL), ERR_INVALID);
	assert_int_equal(validate_parse_field(NULL, 0, "x", &err), ERR_INVALID);
	assert_int_equal(validate_parse_field(rec, -1, "x", &err), ERR_INVALID);
	assert_int_equal(validate_parse_field(rec, PROJECT_NFIELDS, "x", &err),
			 ERR_INVALID);
	assert_int_equal(validate_parse_field(rec, PROJECT_NFIELDS, "x", NULL),
			 ERR_INVALID);
	/* NULL input empties the field. */
	assert_int_equal(validate_parse_field(rec, PROJECT_REGION, NULL, &err),
			 ERR_OK);
	assert_true(rec->v[PROJECT_REGION].null);
	record_free(&rec);
}

static void
test_valid_records(void **state)
{
	struct record *rec = project(), *org, *fund;

	(void)state;
	expect_valid(rec);
	record_set_text(rec, PROJECT_DESCRIPTION, "Two\nlines\twith a tab");
	record_set_text(rec, PROJECT_PLANNED_START, "2023-01-01");
	record_set_text(rec, PROJECT_PLANNED_END, "2024-03-31");
	record_set_text(rec, PROJECT_ACTUAL_START, "2023-01-01");
	record_set_text(rec, PROJECT_ACTUAL_END, "2023-01-01");  /* same day */
	record_set_num(rec, PROJECT_BUDGET, 0);
	record_set_num(rec, PROJECT_PERSON_YEARS, 880);
	record_set_text(rec, PROJECT_THEMES, "kirjaaminen, lastensuojelu");
	record_set_text(rec, PROJECT_REGION, "");  /* optional text may be empty */
	expect_valid(rec);
	record_free(&rec);

	org = record_new(entities[ENT_ORGANISATION]);
	record_set_text(org, ORG_NAME, "Pohjois-Savon hyvinvointialue");
	record_set_text(org, ORG_KIND, "wellbeing_county");
	expect_valid(org);
	record_free(&org);

	/* More may be granted than was applied for. */
	fund = record_new(entities[ENT_FUNDING]);
	record_set_text(fund, FUNDING_PROJECT, UUID_A);
	record_set_text(fund, FUNDING_FUNDER, UUID_B);
	record_set_num(fund, FUNDING_APPLIED, 100000);
	record_set_num(fund, FUNDING_GRANTED, 200000);
	expect_valid(fund);
	record_free(&fund);
}

static void
test_required(void **state)
{
	struct record *rec = project();
	struct error err;

	(void)state;
	record_set_null(rec, PROJECT_CODE);
	expect_invalid(rec, "code");
	record_set_text(rec, PROJECT_CODE, "");
	expect_invalid(rec, "code");
	record_set_text(rec, PROJECT_CODE, "KK5");
	record_set_text(rec, PROJECT_NAME, "  \t ");
	expect_invalid(rec, "name");
	assert_int_equal(validate_record(rec, &err), ERR_INVALID);
	assert_string_equal(err.message, "name: a value is required");
	record_set_text(rec, PROJECT_NAME, "LUMO");
	record_set_null(rec, PROJECT_STATUS);
	expect_invalid(rec, "status");
	record_free(&rec);

	rec = record_new(entities[ENT_OUTCOME]);
	record_set_text(rec, OUTCOME_PROJECT, UUID_A);
	record_set_text(rec, OUTCOME_LABEL, "documentation experts trained");
	expect_invalid(rec, "value");
	record_set_num(rec, OUTCOME_VALUE, 38400);
	expect_valid(rec);
	record_free(&rec);
}

static void
test_types(void **state)
{
	struct record *rec = project();
	struct error err;

	(void)state;
	record_set_text(rec, PROJECT_STATUS, "käynnissä");  /* a label, not a key */
	expect_invalid(rec, "status");
	assert_int_equal(validate_record(rec, &err), ERR_INVALID);
	assert_non_null(strstr(err.message, "idea, preparing, applied"));
	record_set_text(rec, PROJECT_STATUS, "Active");
	expect_invalid(rec, "status");
	record_set_text(rec, PROJECT_STATUS, "active");

	record_set_text(rec, PROJECT_PLANNED_START, "2024-02-30");
	expect_invalid(rec, "planned_start");
	record_set_text(rec, PROJECT_PLANNED_START, "15.1.2024");  /* not ISO */
	expect_invalid(rec, "planned_start");
	record_set_text(rec, PROJECT_PLANNED_START, "");
	expect_invalid(rec, "planned_start");
	record_set_text(rec, PROJECT_PLANNED_START, "2024-01-15");
	expect_valid(rec);

	record_set_num(rec, PROJECT_BUDGET, -1);
	expect_invalid(rec, "budget");
	record_set_num(rec, PROJECT_BUDGET, 45308700);
	record_set_num(rec, PROJECT_PERSON_YEARS, -50);
	expect_invalid(rec, "person_years");
	record_set_num(rec, PROJECT_PERSON_YEARS, 50);
	/* Imported amounts are bounded too, so that sums cannot overflow. */
	record_set_num(rec, PROJECT_BUDGET, FORMAT_AMOUNT_MAX + 1);
	expect_invalid(rec, "budget");
	record_set_num(rec, PROJECT_BUDGET, INT64_MAX);
	expect_invalid(rec, "budget");
	record_set_num(rec, PROJECT_BUDGET, FORMAT_AMOUNT_MAX);
	expect_valid(rec);
	record_set_num(rec, PROJECT_PERSON_YEARS, FORMAT_AMOUNT_MAX + 1);
	expect_invalid(rec, "person_years");
	record_set_num(rec, PROJECT_PERSON_YEARS, 50);

	record_set_text(rec, PROJECT_NAME, "two\nlines");
	expect_invalid(rec, "name");
	record_set_text(rec, PROJECT_NAME, "bad \xff byte");
	expect_invalid(rec, "name");
	record_set_text(rec, PROJECT_DESCRIPTION, "bad \xc0\x80 overlong");
	record_set_text(rec, PROJECT_NAME, "LUMO");
	expect_invalid(rec, "description");
	record_set_null(rec, PROJECT_DESCRIPTION);
	expect_valid(rec);
	record_free(&rec);

	rec = record_new(entities[ENT_DEADLINE]);
	record_set_text(rec, DEADLINE_PROJECT, UUID_A);
	record_set_text(rec, DEADLINE_KIND, "report_due");
	record_set_text(rec, DEADLINE_TITLE, "Loppuraportti");
	record_set_text(rec, DEADLINE_DUE, "2024-06-30");
	record_set_num(rec, DEADLINE_DONE, 2);
	expect_invalid(rec, "done");
	record_set_num(rec, DEADLINE_DONE, 1);
	record_set_text(rec, DEADLINE_DONE_DATE, "2020-01-01");  /* any date */
	expect_valid(rec);
	record_free(&rec);
}

static void
test_refs(void **state)
{
	struct record *rec = record_new(entities[ENT_ROLE]);

	(void)state;
	record_set_text(rec, ROLE_PROJECT, UUID_A);
	record_set_text(rec, ROLE_ORGANISATION, "ISO");
	record_set_text(rec, ROLE_ROLE, "co_implementer");
	expect_invalid(rec, "organisation");
	record_set_text(rec, ROLE_ORGANISATION, UUID_A "0");
	expect_invalid(rec, "organisation");
	record_set_text(rec, ROLE_ORGANISATION, "0b6b2c3e-8f1a-4d2b-9c4e_5a6f7b8c9d0e");
	expect_invalid(rec, "organisation");
	record_set_text(rec, ROLE_ORGANISATION, "0b6b2c3e-8f1a-4d2b-9c4e-5a6f7b8c9d0g");
	expect_invalid(rec, "organisation");
	record_set_text(rec, ROLE_ORGANISATION, UUID_B);
	expect_valid(rec);
	record_free(&rec);
}

static void
test_date_ranges(void **state)
{
	struct record *rec = project();
	struct error err;

	(void)state;
	record_set_text(rec, PROJECT_PLANNED_START, "2023-02-01");
	record_set_text(rec, PROJECT_PLANNED_END, "2023-01-01");
	assert_int_equal(validate_record(rec, &err), ERR_INVALID);
	assert_string_equal(err.field, "planned_end");
	assert_string_equal(err.message,
			    "planned_end: the end (2023-01-01) is before the start (2023-02-01)");
	/* Only one of the pair: nothing to compare. */
	record_set_null(rec, PROJECT_PLANNED_START);
	expect_valid(rec);
	record_set_text(rec, PROJECT_PLANNED_START, "2023-01-01");
	expect_valid(rec);

	record_set_text(rec, PROJECT_ACTUAL_START, "2023-06-01");
	record_set_text(rec, PROJECT_ACTUAL_END, "2023-05-31");
	expect_invalid(rec, "actual_end");
	record_set_text(rec, PROJECT_ACTUAL_END, "2023-12-31");
	expect_valid(rec);
	record_free(&rec);
}

/* validate_parse_field fails naming the field, with this message. */
static void
expect_parse_error(struct record *rec, int field, const char *input,
		   const char *message)
{
	struct error err;

	assert_int_equal(validate_parse_field(rec, field, input, &err),
			 ERR_INVALID);
	assert_string_equal(err.field, rec->def->fields[field].name);
	if (message)
		assert_string_equal(err.message, message);
	assert_int_equal(validate_parse_field(rec, field, input, NULL),
			 ERR_INVALID);
}

static void
parse_ok(struct record *rec, int field, const char *input)
{
	struct error err;

	assert_int_equal(validate_parse_field(rec, field, input, &err), ERR_OK);
}

static void
test_parse_dates(void **state)
{
	struct record *rec = project();

	(void)state;
	parse_ok(rec, PROJECT_PLANNED_END, "31.3.2024");
	assert_string_equal(record_text(rec, PROJECT_PLANNED_END), "2024-03-31");
	parse_ok(rec, PROJECT_PLANNED_END, " 2024-03-30 ");
	assert_string_equal(record_text(rec, PROJECT_PLANNED_END), "2024-03-30");
	expect_parse_error(rec, PROJECT_PLANNED_END, "31.2.2024",
			   "planned_end: 31.2.2024 is not a valid date (use 15.1.2024 or 2024-01-15)");
	/* The bad value is left as it was. */
	assert_string_equal(record_text(rec, PROJECT_PLANNED_END), "2024-03-30");
	/* Echoed input is made safe for a terminal. */
	expect_parse_error(rec, PROJECT_PLANNED_END, "\x1b[2J",
			   "planned_end: ^[[2J is not a valid date (use 15.1.2024 or 2024-01-15)");
	parse_ok(rec, PROJECT_PLANNED_END, "");
	assert_true(rec->v[PROJECT_PLANNED_END].null);
	parse_ok(rec, PROJECT_PLANNED_END, "2024-03-30");
	parse_ok(rec, PROJECT_PLANNED_END, "   ");
	assert_true(rec->v[PROJECT_PLANNED_END].null);
	record_free(&rec);
}

static void
test_parse_numbers(void **state)
{
	struct record *rec = project();
	struct error err;

	(void)state;
	parse_ok(rec, PROJECT_BUDGET, "453 087,50 €");
	assert_false(rec->v[PROJECT_BUDGET].null);
	assert_int_equal(rec->v[PROJECT_BUDGET].num, 45308750);
	parse_ok(rec, PROJECT_BUDGET, "1 250 000");
	assert_int_equal(rec->v[PROJECT_BUDGET].num, 125000000);
	expect_parse_error(rec, PROJECT_BUDGET, "-5",
			   "budget: cannot be negative");
	/* A lone comma group could be decimals: refused, naming the field. */
	expect_parse_error(rec, PROJECT_BUDGET, "12,345",
			   "budget: 12,345 is ambiguous: write 1500 or 1 500 for thousands, 1,50 or 1.50 for decimals");
	assert_int_equal(rec->v[PROJECT_BUDGET].num, 125000000);
	expect_parse_error(rec, PROJECT_BUDGET, "1.500", NULL);
	parse_ok(rec, PROJECT_BUDGET, "12,345,000.50");
	assert_int_equal(rec->v[PROJECT_BUDGET].num, 1234500050);
	expect_parse_error(rec, PROJECT_BUDGET, "1,505 €x", NULL);
	expect_parse_error(rec, PROJECT_BUDGET, "1,5055",
			   "budget: 1,5055 has more than two decimals");
	expect_parse_error(rec, PROJECT_BUDGET, "10000000000000",
			   "budget: is too large (at most 9,999,999,999,999.99 €)");
	parse_ok(rec, PROJECT_BUDGET, "9999999999999.99");
	assert_int_equal(rec->v[PROJECT_BUDGET].num, FORMAT_AMOUNT_MAX);
	expect_parse_error(rec, PROJECT_BUDGET, "5,555 €x", NULL);
	assert_int_equal(validate_parse_field(rec, PROJECT_BUDGET, "lots", &err),
			 ERR_INVALID);
	assert_non_null(strstr(err.message, "budget: lots is not an amount"));

	parse_ok(rec, PROJECT_PERSON_YEARS, "8,8");
	assert_int_equal(rec->v[PROJECT_PERSON_YEARS].num, 880);
	parse_ok(rec, PROJECT_PERSON_YEARS, "0.75");
	assert_int_equal(rec->v[PROJECT_PERSON_YEARS].num, 75);
	expect_parse_error(rec, PROJECT_PERSON_YEARS, "8,888",
			   "person_years: 8,888 is ambiguous: write 1500 or 1 500 for thousands, 1,50 or 1.50 for decimals");
	expect_parse_error(rec, PROJECT_PERSON_YEARS, "99999999999999",
			   "person_years: is too large (at most 9999999999999.99)");
	expect_parse_error(rec, PROJECT_PERSON_YEARS, "8 €", NULL);
	expect_parse_error(rec, PROJECT_PERSON_YEARS, "-1",
			   "person_years: cannot be negative");
	record_free(&rec);
}

static void
test_parse_enum_bool_text(void **state)
{
	struct record *rec = project(), *dl;
	struct error err;

	(void)state;
	parse_ok(rec, PROJECT_STATUS, "applied");
	assert_string_equal(record_text(rec, PROJECT_STATUS), "applied");
	/* The label people read is accepted and stored as the key. */
	parse_ok(rec, PROJECT_STATUS, " Reporting ");
	assert_string_equal(record_text(rec, PROJECT_STATUS), "reporting");
	assert_int_equal(validate_parse_field(rec, PROJECT_STATUS, "done", &err),
			 ERR_INVALID);
	assert_string_equal(err.field, "status");
	assert_string_equal(err.message,
			    "status: \"done\" is not one of: idea, preparing, "
			    "applied, granted, rejected, active, reporting, "
			    "closed, cancelled, withdrawn");

	parse_ok(rec, PROJECT_NAME, "  Kansa-koulu 5 \t\n");
	assert_string_equal(record_text(rec, PROJECT_NAME), "Kansa-koulu 5");
	expect_parse_error(rec, PROJECT_NAME, "one\ntwo",
			   "name: must be a single line");
	expect_parse_error(rec, PROJECT_NAME, "bad \xff",
			   "name: the text is not valid UTF-8");
	parse_ok(rec, PROJECT_DESCRIPTION, "Line one\nLine two\n");
	assert_string_equal(record_text(rec, PROJECT_DESCRIPTION),
			    "Line one\nLine two\n");
	parse_ok(rec, PROJECT_NAME, "");
	assert_true(rec->v[PROJECT_NAME].null);
	expect_invalid(rec, "name");  /* empty, but required */

	dl = record_new(entities[ENT_DEADLINE]);
	parse_ok(dl, DEADLINE_DONE, "kyllä");
	assert_int_equal(dl->v[DEADLINE_DONE].num, 1);
	parse_ok(dl, DEADLINE_DONE, "no");
	assert_false(dl->v[DEADLINE_DONE].null);
	assert_int_equal(dl->v[DEADLINE_DONE].num, 0);
	expect_parse_error(dl, DEADLINE_DONE, "perhaps",
			   "done: \"perhaps\" is not yes or no");
	/* A reference is kept as typed: the model resolves it. */
	parse_ok(dl, DEADLINE_PROJECT, " KK5 ");
	assert_string_equal(record_text(dl, DEADLINE_PROJECT), "KK5");
	record_free(&dl);
	record_free(&rec);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_valid_records),
		cmocka_unit_test(test_required),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_refs),
		cmocka_unit_test(test_date_ranges),
		cmocka_unit_test(test_parse_dates),
		cmocka_unit_test(test_parse_numbers),
		cmocka_unit_test(test_parse_enum_bool_text),
	};

	/* The messages are checked in English and the dates in ISO. */
	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
