/* SPDX-License-Identifier: EUPL-1.2 */
/* test_workflow.c — the project status lifecycle. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "src/base/entity.h"
#include "src/core/workflow.h"

static void
test_bad_input(void **state)
{
	const char *out[4];

	(void)state;
	assert_false(workflow_allows(NULL, NULL));
	assert_false(workflow_allows("idea", NULL));
	assert_false(workflow_allows(NULL, "bogus"));
	assert_false(workflow_allows("bogus", "cancelled"));
	assert_false(workflow_allows("idea", "bogus"));
	assert_false(workflow_allows("idea", ""));
	assert_false(workflow_allows("Idea", "preparing"));
	assert_false(workflow_is_final(NULL));
	assert_false(workflow_is_final("bogus"));
	assert_false(workflow_is_running(NULL));
	assert_false(workflow_is_running("Active"));
	assert_int_equal(workflow_next("idea", NULL, 4), 0);
	assert_int_equal(workflow_next("idea", out, 0), 0);
	assert_int_equal(workflow_next("bogus", out, 4), 0);
}

static void
test_new_project(void **state)
{
	const char *out[16];

	(void)state;
	for (const struct enum_def *e = project_statuses; e->key; e++)
		assert_true(workflow_allows(NULL, e->key));
	assert_int_equal(workflow_next(NULL, out, 16), enum_count(project_statuses));
	assert_string_equal(out[0], "idea");
}

static void
test_chain(void **state)
{
	static const char *const chain[] = {
		"idea", "preparing", "applied", "granted", "active",
		"reporting", "closed",
	};

	(void)state;
	for (size_t i = 0; i + 1 < sizeof chain / sizeof chain[0]; i++) {
		assert_true(workflow_allows(chain[i], chain[i + 1]));
		/* No going back, no skipping. */
		assert_false(workflow_allows(chain[i + 1], chain[i]));
		if (i + 2 < sizeof chain / sizeof chain[0])
			assert_false(workflow_allows(chain[i], chain[i + 2]));
		assert_false(workflow_allows(chain[i], chain[i]));
	}
	assert_true(workflow_allows("applied", "rejected"));
	assert_false(workflow_allows("idea", "applied"));
	assert_false(workflow_allows("preparing", "granted"));
	assert_false(workflow_allows("granted", "rejected"));
	assert_false(workflow_allows("active", "closed"));
	assert_false(workflow_allows("rejected", "granted"));
}

static void
test_leaving(void **state)
{
	static const char *const open[] = {
		"idea", "preparing", "applied", "granted", "active", "reporting",
	};
	static const char *const final[] = {
		"closed", "rejected", "cancelled", "withdrawn",
	};

	(void)state;
	for (size_t i = 0; i < sizeof open / sizeof open[0]; i++) {
		assert_false(workflow_is_final(open[i]));
		assert_true(workflow_allows(open[i], "cancelled"));
		assert_true(workflow_allows(open[i], "withdrawn"));
	}
	for (size_t i = 0; i < sizeof final / sizeof final[0]; i++) {
		const char *out[16];

		assert_true(workflow_is_final(final[i]));
		assert_int_equal(workflow_next(final[i], out, 16), 0);
		for (const struct enum_def *e = project_statuses; e->key; e++)
			assert_false(workflow_allows(final[i], e->key));
	}
}

static void
test_next(void **state)
{
	const char *out[16];
	size_t n;

	(void)state;
	n = workflow_next("applied", out, 16);
	assert_int_equal(n, 4);
	assert_string_equal(out[0], "granted");
	assert_string_equal(out[1], "rejected");
	assert_string_equal(out[2], "cancelled");
	assert_string_equal(out[3], "withdrawn");

	n = workflow_next("idea", out, 16);
	assert_int_equal(n, 3);
	assert_string_equal(out[0], "preparing");
	assert_string_equal(out[1], "cancelled");
	assert_string_equal(out[2], "withdrawn");

	n = workflow_next("reporting", out, 16);
	assert_int_equal(n, 3);
	assert_string_equal(out[0], "closed");

	/* At most max. */
	n = workflow_next("applied", out, 2);
	assert_int_equal(n, 2);
	assert_string_equal(out[1], "rejected");

	/* Every listed move is allowed, every allowed move listed. */
	for (const struct enum_def *f = project_statuses; f->key; f++) {
		size_t allowed = 0;

		n = workflow_next(f->key, out, 16);
		for (size_t i = 0; i < n; i++)
			assert_true(workflow_allows(f->key, out[i]));
		for (const struct enum_def *t = project_statuses; t->key; t++)
			allowed += workflow_allows(f->key, t->key);
		assert_int_equal(n, allowed);
	}
}

/* Granted and active projects run toward their planned end; before a
 * grant and after it (reporting, closed, …) the end is no deadline. */
static void
test_running(void **state)
{
	static const char *const running[] = { "granted", "active" };
	static const char *const not_running[] = {
		"idea", "preparing", "applied", "reporting", "closed",
		"rejected", "cancelled", "withdrawn",
	};

	(void)state;
	for (size_t i = 0; i < sizeof running / sizeof *running; i++)
		assert_true(workflow_is_running(running[i]));
	for (size_t i = 0; i < sizeof not_running / sizeof *not_running; i++)
		assert_false(workflow_is_running(not_running[i]));
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_new_project),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_leaving),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_running),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
