/* SPDX-License-Identifier: EUPL-1.2 */
/* test_model.c — the model core on an in-memory database: validation,
 * the status workflow, conflict detection and the change history. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/core/model.h"

static int
setup(void **state)
{
	struct model *m = calloc(1, sizeof *m);

	setenv("SALKKU_TODAY", "2023-11-20", 1);
	setenv("SALKKU_NOW", "2023-11-20T09:00:00Z", 1);
	assert_non_null(m);
	assert_int_equal(model_open(m, ":memory:", MODEL_CREATE), ERR_OK);
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

/* A project typed in as a person would, through model_assign. */
static struct record *
new_project(struct model *m, const char *code, const char *name)
{
	struct record *p = record_new(entities[ENT_PROJECT]);
	char buf[256];

	assert_non_null(p);
	snprintf(buf, sizeof buf, "code=%s", code);
	assert_int_equal(model_assign(m, p, buf), ERR_OK);
	snprintf(buf, sizeof buf, "name=%s", name);
	assert_int_equal(model_assign(m, p, buf), ERR_OK);
	return p;
}

static int64_t
project_count(struct model *m)
{
	struct project_query q = { .limit = 0 };
	int64_t matching = -1, total = -1;

	assert_int_equal(model_count_projects(m, &q, &matching, &total), ERR_OK);
	return total;
}

static void
test_bad_input_is_refused_naming_the_field(void **state)
{
	struct model *m = *state;
	struct record *p = new_project(m, "LUMO", "Lastensuojelun uudistaminen");

	assert_int_equal(model_assign(m, p, "planned_start=31.2.2024"), ERR_INVALID);
	assert_string_equal(m->err.field, "planned_start");
	assert_int_equal(model_assign(m, p, "budget=-5"), ERR_INVALID);
	assert_string_equal(m->err.field, "budget");
	/* A negative amount that got past parsing is still refused. */
	record_set_num(p, PROJECT_BUDGET, -500);
	assert_int_equal(model_insert(m, p), ERR_INVALID);
	assert_string_equal(m->err.field, "budget");
	assert_int_equal(model_assign(m, p, "budget=980 000 €"), ERR_OK);
	assert_int_equal(model_assign(m, p, "planned_start=1.1.2020"), ERR_OK);
	assert_int_equal(model_assign(m, p, "planned_end=31.12.2019"), ERR_OK);
	assert_int_equal(model_insert(m, p), ERR_INVALID);
	assert_string_equal(m->err.field, "planned_end");
	assert_int_equal(model_assign(m, p, "nonsense=1"), ERR_USAGE);
	assert_int_equal(model_assign(m, p, "status=active"), ERR_USAGE);
	assert_int_equal(model_assign(m, p, "no equals sign"), ERR_USAGE);
	/* Nothing of the refused inserts was written. */
	assert_int_equal(project_count(m), 0);
	record_free(&p);
}

static void
test_insert_starts_history_and_rejects_duplicate_code(void **state)
{
	struct model *m = *state;
	struct record *p = new_project(m, "LUMO", "Lastensuojelun uudistaminen");
	struct record *dup = new_project(m, "lumo", "Toinen");
	struct record_list history = { 0 };

	assert_int_equal(model_insert(m, p), ERR_OK);
	assert_int_equal(p->version, 1);
	assert_int_equal(strlen(p->uuid), 36);
	assert_string_equal(record_text(p, PROJECT_STATUS), "idea");
	assert_int_equal(model_children(m, entities[ENT_STATUS_CHANGE], p->uuid,
					&history), ERR_OK);
	assert_int_equal(history.count, 1);
	assert_string_equal(record_text(history.items[0], STATUS_TO), "idea");
	assert_string_equal(record_text(history.items[0], STATUS_BY), m->user);

	assert_int_equal(model_insert(m, dup), ERR_INVALID);
	assert_string_equal(m->err.field, "code");
	assert_int_equal(project_count(m), 1);
	record_list_clear(&history);
	record_free(&p);
	record_free(&dup);
}

static void
test_second_writer_gets_a_conflict(void **state)
{
	struct model *m = *state;
	struct record *p = new_project(m, "OT", "Osaamis- ja tukikeskus");
	struct record *mine = NULL, *theirs = NULL, *now = NULL;

	assert_int_equal(model_insert(m, p), ERR_OK);
	assert_int_equal(model_project(m, "OT", &mine), ERR_OK);
	assert_int_equal(model_project(m, "ot", &theirs), ERR_OK);
	assert_int_equal(mine->version, theirs->version);

	assert_int_equal(model_assign(m, theirs, "budget=2 400 000"), ERR_OK);
	assert_int_equal(model_update(m, theirs), ERR_OK);
	assert_int_equal(theirs->version, 2);

	assert_int_equal(model_assign(m, mine, "budget=1"), ERR_OK);
	assert_int_equal(model_update(m, mine), ERR_CONFLICT);
	assert_int_equal(m->err.current_version, 2);
	assert_string_equal(m->err.changed_by, m->user);
	assert_string_equal(m->err.changed_at, "2023-11-20T09:00:00Z");

	/* The first save stands. */
	assert_int_equal(model_project(m, "OT", &now), ERR_OK);
	assert_int_equal(now->v[PROJECT_BUDGET].num, 240000000);
	record_free(&p);
	record_free(&mine);
	record_free(&theirs);
	record_free(&now);
}

/* A change asked without a version (set without --if-version) lands on
 * the record as it is at the write: the other writer's change stays. */
static void
test_change_without_version_merges_onto_the_latest(void **state)
{
	struct model *m = *state;
	struct record *p = new_project(m, "OT", "Osaamis- ja tukikeskus");
	struct record *mine = NULL, *base = NULL, *theirs = NULL, *now = NULL;

	assert_int_equal(model_insert(m, p), ERR_OK);
	assert_int_equal(model_project(m, "OT", &mine), ERR_OK);
	assert_non_null(base = record_dup(mine));
	assert_int_equal(model_project(m, "OT", &theirs), ERR_OK);
	assert_int_equal(model_assign(m, theirs, "budget=2 400 000"), ERR_OK);
	assert_int_equal(model_update(m, theirs), ERR_OK);

	assert_int_equal(model_assign(m, mine, "name=OT-keskus"), ERR_OK);
	assert_int_equal(model_update_changes(m, base, mine), ERR_OK);
	assert_int_equal(mine->version, 3);
	assert_int_equal(mine->v[PROJECT_BUDGET].num, 240000000);

	assert_int_equal(model_project(m, "OT", &now), ERR_OK);
	assert_string_equal(record_text(now, PROJECT_NAME), "OT-keskus");
	assert_int_equal(now->v[PROJECT_BUDGET].num, 240000000);
	assert_int_equal(now->version, 3);

	/* Status still moves only through the workflow. */
	record_free(&base);
	assert_non_null(base = record_dup(now));
	assert_int_equal(record_set_text(now, PROJECT_STATUS, "closed"), 0);
	assert_int_equal(model_update_changes(m, base, now), ERR_INVALID);
	record_free(&p);
	record_free(&mine);
	record_free(&base);
	record_free(&theirs);
	record_free(&now);
}

static void
test_every_field_change_is_logged(void **state)
{
	struct model *m = *state;
	struct record *p = new_project(m, "Varikko", "Matkalla riittävään vanhemmuuteen");
	struct change_list log = { 0 };
	bool seen_budget = false;

	assert_int_equal(model_insert(m, p), ERR_OK);
	assert_int_equal(model_assign(m, p, "budget=1 100 000 €"), ERR_OK);
	assert_int_equal(model_assign(m, p, "themes=sijaishuolto"), ERR_OK);
	assert_int_equal(model_update(m, p), ERR_OK);
	assert_int_equal(model_changes(m, p->uuid, NULL, 0, &log), ERR_OK);
	for (size_t i = 0; i < log.count; i++) {
		struct change_entry *c = &log.items[i];

		assert_string_equal(c->who, m->user);
		if (c->field && !strcmp(c->field, "budget")) {
			seen_budget = true;
			assert_string_equal(c->action, "update");
			assert_null(c->old_value);
			assert_string_equal(c->new_value, "110000000");
		}
	}
	assert_true(seen_budget);
	change_list_clear(&log);
	record_free(&p);
}

static void
test_status_follows_the_workflow(void **state)
{
	struct model *m = *state;
	struct record *p = new_project(m, "SOSRAKE", "Rakenteellisen sosiaalityön verkosto");
	struct record_list history = { 0 };

	assert_int_equal(model_insert(m, p), ERR_OK);
	assert_int_equal(model_set_status(m, p, "bogus", NULL, NULL, false, DEADLINES_REFUSE), ERR_INVALID);
	assert_int_equal(model_set_status(m, p, "active", NULL, NULL, false, DEADLINES_REFUSE), ERR_INVALID);
	assert_non_null(strstr(m->err.message, "preparing"));
	assert_string_equal(record_text(p, PROJECT_STATUS), "idea");
	assert_int_equal(model_set_status(m, p, "preparing", "1.9.2023", "hakuun", false, DEADLINES_REFUSE), ERR_OK);
	assert_string_equal(record_text(p, PROJECT_STATUS), "preparing");
	assert_int_equal(model_set_status(m, p, "active", "2023-10-01", "aloitettiin", true, DEADLINES_REFUSE), ERR_OK);
	assert_string_equal(record_text(p, PROJECT_ACTUAL_START), "2023-10-01");
	assert_int_equal(model_set_status(m, p, "closed", "31.2.2024", NULL, true, DEADLINES_REFUSE), ERR_INVALID);
	assert_string_equal(m->err.field, "date");

	assert_int_equal(model_children(m, entities[ENT_STATUS_CHANGE], p->uuid,
					&history), ERR_OK);
	assert_int_equal(history.count, 3);
	assert_string_equal(record_text(history.items[1], STATUS_REASON), "hakuun");
	assert_int_equal(history.items[1]->v[STATUS_FORCED].num, 0);
	assert_string_equal(record_text(history.items[2], STATUS_FROM), "preparing");
	assert_int_equal(history.items[2]->v[STATUS_FORCED].num, 1);
	record_list_clear(&history);
	record_free(&p);
}

static void
test_references_are_typed_by_name(void **state)
{
	struct model *m = *state;
	struct record *org = record_new(entities[ENT_ORGANISATION]);
	struct record *p = new_project(m, "LUMO", "Lastensuojelun uudistaminen");
	struct record *role = record_new(entities[ENT_ROLE]);

	assert_int_equal(model_assign(m, org, "name=Itä-Suomen sosiaalialan osaamiskeskus"), ERR_OK);
	assert_int_equal(model_assign(m, org, "short_name=ISO"), ERR_OK);
	assert_int_equal(model_assign(m, org, "kind=competence_centre"), ERR_OK);
	assert_int_equal(model_insert(m, org), ERR_OK);
	assert_int_equal(model_insert(m, p), ERR_OK);

	assert_int_equal(record_set_text(role, ROLE_PROJECT, p->uuid), 0);
	assert_int_equal(model_assign(m, role, "organisation=Nobody"), ERR_NOT_FOUND);
	assert_string_equal(m->err.field, "organisation");
	assert_int_equal(model_assign(m, role, "organisation=iso"), ERR_OK);
	assert_string_equal(record_text(role, ROLE_ORGANISATION), org->uuid);
	assert_int_equal(model_assign(m, role, "role=steward"), ERR_INVALID);
	assert_int_equal(model_assign(m, role, "role=administrator"), ERR_OK);
	assert_int_equal(model_insert(m, role), ERR_OK);
	record_free(&org);
	record_free(&p);
	record_free(&role);
}

static void
test_delete_takes_dependants(void **state)
{
	struct model *m = *state;
	struct record *p = new_project(m, "ISO SOS", "ISO SOS");
	struct record *note = record_new(entities[ENT_NOTE]);
	struct record_list notes = { 0 };

	assert_int_equal(model_insert(m, p), ERR_OK);
	assert_int_equal(record_set_text(note, NOTE_PROJECT, p->uuid), 0);
	assert_int_equal(model_assign(m, note, "body=Päättyi"), ERR_OK);
	assert_int_equal(model_insert(m, note), ERR_OK);
	assert_string_equal(record_text(note, NOTE_AUTHOR), m->user);
	assert_int_equal(model_delete(m, p), ERR_OK);
	assert_int_equal(project_count(m), 0);
	assert_int_equal(model_children(m, entities[ENT_NOTE], p->uuid, &notes), ERR_OK);
	assert_int_equal(notes.count, 0);
	record_free(&p);
	record_free(&note);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bad_input_is_refused_naming_the_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_insert_starts_history_and_rejects_duplicate_code, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_writer_gets_a_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_without_version_merges_onto_the_latest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_field_change_is_logged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_follows_the_workflow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_references_are_typed_by_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_takes_dependants, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
