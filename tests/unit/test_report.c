/* SPDX-License-Identifier: EUPL-1.2 */
/* test_report.c — the report of many projects: its long tables are
 * read back from the database a window at a time (only a window of
 * rows in memory, whatever the count), in their order; the deadlines
 * coming are sorted by their date; the build tells its progress and
 * gives way when asked, leaving the database ready for the next. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/core/model.h"
#include "src/core/report.h"

#define PROJECTS 700

static void
insert(struct model *m, struct record *rec, const char *const *values)
{
	for (size_t i = 0; values[i]; i++)
		if (model_assign(m, rec, values[i]))
			fail_msg("%s: %s", values[i], m->err.message);
	assert_int_equal(model_insert(m, rec), ERR_OK);
}

/* PROJECTS projects active in 2023, each with a person-year figure and
 * a deadline due in 2024, on a day that is not in the order of codes. */
static int
setup(void **state)
{
	struct model *m = calloc(1, sizeof *m);

	setenv("SALKKU_TODAY", "2023-11-20", 1);
	setenv("SALKKU_NOW", "2023-11-20T09:00:00Z", 1);
	assert_non_null(m);
	assert_int_equal(model_open(m, ":memory:", MODEL_CREATE), ERR_OK);
	for (int i = 0; i < PROJECTS; i++) {
		struct record *p = record_new(entities[ENT_PROJECT]);
		struct record *d = record_new(entities[ENT_DEADLINE]);
		char code[32], py[32], due[32];

		assert_non_null(p);
		assert_non_null(d);
		snprintf(code, sizeof code, "code=P%04d", i);
		snprintf(py, sizeof py, "person_years=%d", i % 7 + 1);
		insert(m, p, (const char *[]){ code, "name=Hanke",
			"planned_start=2023-01-01", "planned_end=2023-12-31",
			py, NULL });
		assert_int_equal(record_set_text(d, DEADLINE_PROJECT, p->uuid), 0);
		snprintf(due, sizeof due, "due=2024-02-%02d", 28 - i % 28);
		insert(m, d, (const char *[]){ "kind=report_due",
			"title=Loppuraportti", due, NULL });
		record_free(&p);
		record_free(&d);
	}
	*state = m;
	return 0;
}

static int
teardown(void **state)
{
	struct model *m = *state;

	model_close(m);
	free(m);
	return 0;
}

static const char *
text_at(const struct report_table *t, size_t row, size_t col)
{
	const struct report_cell *c = report_cell(t, row, col);

	return c->text ? c->text : "";
}

static void
test_long_tables_are_read_a_window_at_a_time(void **state)
{
	struct model *m = *state;
	struct report_options opt = { .year = 2023 };
	struct report r;
	const struct report_table *t = &r.tables[RTAB_PROJECTS];
	const struct report_table *py = &r.tables[RTAB_PERSON_YEARS];
	int64_t sum = 0;
	char code[16];

	assert_int_equal(report_build(m, &opt, &r), ERR_OK);
	assert_int_equal(t->nrows, PROJECTS);
	/* Not every row in memory: a window of them. */
	assert_true(t->capacity < PROJECTS);
	assert_string_equal(text_at(t, 0, 0), "P0000");
	assert_string_equal(text_at(t, PROJECTS - 1, 0), "P0699");
	assert_string_equal(text_at(t, 1, 0), "P0001");
	for (size_t i = 0; i < PROJECTS; i += 37) {
		snprintf(code, sizeof code, "P%04zu", i);
		assert_string_equal(text_at(t, i, 0), code);
		assert_string_equal(text_at(t, i, 1), "Hanke");
	}
	/* The figures, and their total last. */
	assert_int_equal(py->nrows, PROJECTS + 1);
	assert_true(py->has_total);
	for (size_t i = 0; i < PROJECTS; i++)
		sum += report_cell(py, i, 2)->num;
	assert_int_equal(report_cell(py, PROJECTS, 2)->num, sum);
	assert_string_equal(text_at(py, PROJECTS, 0), "Total");
	report_free(&r);
}

static void
test_deadlines_coming_are_in_date_order(void **state)
{
	struct model *m = *state;
	struct report_options opt = { .year = 2023 };
	const struct report_table *t;
	struct report r;
	char last[64] = "";

	assert_int_equal(report_build(m, &opt, &r), ERR_OK);
	t = &r.tables[RTAB_COMING];
	assert_int_equal(t->nrows, PROJECTS);
	for (size_t i = 0; i < t->nrows; i++) {
		char key[64];

		/* By due date, then by code. */
		snprintf(key, sizeof key, "%s %s", text_at(t, i, 3), text_at(t, i, 0));
		assert_true(strcmp(last, key) < 0);
		snprintf(last, sizeof last, "%s", key);
	}
	assert_string_equal(text_at(t, 0, 3), "2024-02-01");
	assert_string_equal(text_at(t, 0, 0), "P0027");
	report_free(&r);
}

struct progress {
	size_t calls, done, total;
	bool cancel;
};

static bool
progress(void *arg, size_t done, size_t total)
{
	struct progress *p = arg;

	p->calls++;
	assert_true(done >= p->done);
	assert_true(done <= total);
	p->done = done;
	p->total = total;
	return p->cancel;
}

static void
test_progress_is_told_and_a_build_can_be_abandoned(void **state)
{
	struct model *m = *state;
	struct progress p = { 0 }, stop = { .cancel = true };
	struct report_options opt = { .year = 2023, .progress = progress,
				      .progress_arg = &p };
	struct report r;

	assert_int_equal(report_build(m, &opt, &r), ERR_OK);
	assert_false(r.cancelled);
	assert_true(p.calls >= 1);
	assert_int_equal(p.total, PROJECTS);
	report_free(&r);

	opt.progress_arg = &stop;
	assert_int_not_equal(report_build(m, &opt, &r), ERR_OK);
	assert_true(r.cancelled);
	assert_int_equal(stop.calls, 1);
	report_free(&r);

	/* Nothing left half done: the next report is whole. */
	opt.progress = NULL;
	assert_int_equal(report_build(m, &opt, &r), ERR_OK);
	assert_int_equal(r.tables[RTAB_PROJECTS].nrows, PROJECTS);
	assert_string_equal(text_at(&r.tables[RTAB_PROJECTS], PROJECTS - 1, 0),
			    "P0699");
	report_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_tables_are_read_a_window_at_a_time),
		cmocka_unit_test(test_deadlines_coming_are_in_date_order),
		cmocka_unit_test(test_progress_is_told_and_a_build_can_be_abandoned),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
