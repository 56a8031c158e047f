/* SPDX-License-Identifier: EUPL-1.2 */
/* test_form_repeat.c — the repeat fields of a new deadline's form
 * (ui/form_repeat.c): each refusal names the field at fault, and the
 * plan holds the dates model_deadline_add will make. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ui/form_repeat.h"

struct outcome {
	int rc, bad;
	struct repeat_plan plan;
	char msg[512];
};

static struct outcome
check(const char *every, const char *until, const char *count, const char *due,
      bool whole)
{
	char *text[REPEAT_NFIELDS] = { (char *)every, (char *)until, (char *)count };
	struct outcome o;

	o.rc = form_repeat_check(text, due, whole, &o.plan, &o.bad, o.msg, sizeof o.msg);
	return o;
}

static void
refused(struct outcome o, int field, const char *start)
{
	assert_int_equal(o.rc, -1);
	assert_int_equal(o.bad, field);
	assert_true(strncmp(o.msg, start, strlen(start)) == 0);
}

static void
test_bad_input_named(void **state)
{
	(void)state;
	refused(check("fortnight", "", "", "2024-01-15", false), REPEAT_EVERY,
		"Repeats every: “fortnight” is not N weeks");
	refused(check("0 months", "", "", "2024-01-15", false), REPEAT_EVERY,
		"Repeats every:");
	refused(check("2 months", "31.13.2024", "", "2024-01-15", false),
		REPEAT_UNTIL, "Repeats until: 31.13.2024 is not a valid date");
	refused(check("2 months", "", "0", "2024-01-15", false), REPEAT_COUNT,
		"Times: give a whole number from 1 to 520");
	refused(check("2 months", "", "521", "2024-01-15", false), REPEAT_COUNT,
		"Times:");
	refused(check("2 months", "", "3x", "2024-01-15", false), REPEAT_COUNT,
		"Times:");
	refused(check("2 months", "2024-12-31", "3", "2024-01-15", false),
		REPEAT_COUNT, "Times: give the date of the last one or the number");
	refused(check("2 months", "1.1.2024", "", "2024-01-15", false),
		REPEAT_UNTIL, "Repeats until: the series ends before its first date");
	refused(check("1 week", "31.12.2040", "", "2024-01-15", false),
		REPEAT_EVERY, "Repeats every: a series has at most 520");
}

static void
test_whole_form(void **state)
{
	struct outcome o;

	(void)state;
	/* How long: only when the form is saved, not while typing. */
	assert_int_equal(check("2 months", "", "", "2024-01-15", false).rc, 0);
	refused(check("2 months", "", "", "2024-01-15", true), REPEAT_UNTIL,
		"Repeats until: give the date of the last one, or the number");
	refused(check("", "2024-12-31", "", "2024-01-15", true), REPEAT_EVERY,
		"Repeats every: say how often");
	/* Nothing given: a single deadline. */
	o = check("", "", "", "2024-01-15", true);

	assert_int_equal(o.rc, 0);
	assert_false(o.plan.repeats);
	/* Without a due date yet, no dates, no complaint. */
	o = check("2 months", "", "3", NULL, true);
	assert_int_equal(o.rc, 0);
	assert_true(o.plan.repeats);
	assert_int_equal(o.plan.n, 0);
}

static void
test_plans(void **state)
{
	struct outcome o;
	char buf[256];

	(void)state;
	o = check("2 months", "31.12.2024", "", "2024-01-15", true);
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.plan.n, 6);
	assert_int_equal(o.plan.count, 0);
	assert_string_equal(o.plan.first[1], "2024-03-15");
	assert_string_equal(o.plan.last, "2024-11-15");
	assert_string_equal(form_repeat_preview(&o.plan, FMT_FINNISH, buf, sizeof buf),
			    "↻ 6 deadlines: 15.1.2024, 15.3.2024, 15.5.2024 … 15.11.2024");
	o = check(" 4 vk ", "", " 3 ", "2024-01-15", true);
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.plan.count, 3);
	assert_string_equal(o.plan.last, "2024-03-11");
	assert_string_equal(form_repeat_preview(&o.plan, FMT_ISO, buf, sizeof buf),
			    "↻ 3 deadlines: 2024-01-15, 2024-02-12, 2024-03-11");
	/* 31 February, April and June do not exist. */
	o = check("month", "2024-06-30", "", "2024-01-31", true);
	assert_int_equal(o.plan.n, 3);
	assert_string_equal(o.plan.first[2], "2024-05-31");
	o = check("month", "", "1", "2024-01-31", true);
	assert_string_equal(form_repeat_preview(&o.plan, FMT_ISO, buf, sizeof buf),
			    "↻ 1 deadline: 2024-01-31");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_input_named),
		cmocka_unit_test(test_whole_form),
		cmocka_unit_test(test_plans),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
