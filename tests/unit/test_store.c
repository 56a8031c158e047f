/* SPDX-License-Identifier: EUPL-1.2 */
/* test_store.c — records in and out: insert, get, update, delete, the
 * change log, version conflicts, uniqueness and lookups. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_store_fixture.h"

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

static void
test_bad_input(void **state)
{
	struct db *db = *state;
	struct record *rec = record_new(entities[ENT_PROJECT]), *out = NULL;
	struct record_list list = { 0 };
	struct error err;

	assert_int_equal(store_get(NULL, entities[ENT_PROJECT], "x", &out, &err),
			 ERR_INVALID);
	assert_int_equal(store_get(db, NULL, "x", &out, &err), ERR_INVALID);
	assert_int_equal(store_get(db, entities[ENT_PROJECT], NULL, &out, &err),
			 ERR_INVALID);
	assert_int_equal(store_get_project(db, NULL, &out, NULL), ERR_INVALID);
	assert_int_equal(store_find_organisation(db, NULL, &out, NULL), ERR_INVALID);
	assert_int_equal(store_insert(NULL, rec, "me", NULL), ERR_INVALID);
	assert_int_equal(store_insert(db, NULL, "me", NULL), ERR_INVALID);
	assert_int_equal(store_insert(db, rec, NULL, NULL), ERR_INVALID);
	assert_int_equal(store_update(db, rec, "me", NULL), ERR_INVALID);
	assert_int_equal(store_delete(db, NULL, "me", NULL), ERR_INVALID);
	assert_int_equal(store_children(db, entities[ENT_ROLE], NULL, &list, NULL),
			 ERR_INVALID);
	assert_int_equal(store_children(db, entities[ENT_PROJECT], "x", &list, &err),
			 ERR_INVALID);
	assert_int_equal(store_organisations(db, NULL, NULL), ERR_INVALID);
	assert_int_equal(store_each(db, entities[ENT_PROJECT], NULL, NULL, NULL),
			 ERR_INVALID);
	/* Writes only inside a transaction. */
	record_set_text(rec, PROJECT_CODE, "X");
	record_set_text(rec, PROJECT_NAME, "X");
	record_set_text(rec, PROJECT_STATUS, "idea");
	assert_int_equal(store_insert(db, rec, "me", &err), ERR_DATABASE);
	assert_non_null(strstr(err.message, "transaction"));
	assert_string_equal(rec->uuid, "");
	/* A uuid given must be a real one. */
	assert_int_equal(db_begin(db, &err), ERR_OK);
	strcpy(rec->uuid, "NOT-A-UUID");
	assert_int_equal(store_insert(db, rec, "me", &err), ERR_INVALID);
	assert_string_equal(err.field, "uuid");
	db_rollback(db);
	record_free(&rec);
}

static void
test_insert_get(void **state)
{
	struct db *db = *state;
	struct record *p = record_new(entities[ENT_PROJECT]), *got = NULL;
	struct change_list log = { 0 };
	struct error err;

	record_set_text(p, PROJECT_CODE, "LUMO");
	record_set_text(p, PROJECT_NAME, "LUMO – lastensuojelun uudistaminen");
	record_set_text(p, PROJECT_STATUS, "closed");
	record_set_num(p, PROJECT_BUDGET, 45308700);
	record_set_num(p, PROJECT_PERSON_YEARS, 880);
	record_set_text(p, PROJECT_PLANNED_START, "2020-01-01");
	fx_insert(db, p);
	assert_int_equal(strlen(p->uuid), UUID_LEN);
	assert_int_equal(p->version, 1);
	assert_true(p->id > 0);
	assert_string_equal(p->updated_by, "tester");
	assert_string_equal(p->updated_at, "2024-01-15T09:41:00Z");

	assert_int_equal(store_get(db, entities[ENT_PROJECT], p->uuid, &got, &err),
			 ERR_OK);
	for (size_t i = 0; i < PROJECT_NFIELDS; i++)
		assert_true(record_field_equal(p, got, (int)i));
	assert_int_equal(got->version, 1);
	assert_int_equal(got->id, p->id);
	record_free(&got);

	/* By code, in any case, or by uuid. */
	assert_int_equal(store_get_project(db, "lumo", &got, &err), ERR_OK);
	assert_string_equal(got->uuid, p->uuid);
	record_free(&got);
	assert_int_equal(store_get_project(db, p->uuid, &got, &err), ERR_OK);
	record_free(&got);
	assert_int_equal(store_get_project(db, "NOPE", &got, &err), ERR_NOT_FOUND);
	assert_null(got);
	assert_int_equal(store_get(db, entities[ENT_PROJECT],
				   "00000000-0000-4000-8000-000000000000", &got,
				   &err), ERR_NOT_FOUND);

	assert_int_equal(store_changes(db, p->uuid, NULL, 0, &log, &err), ERR_OK);
	assert_int_equal(log.count, 1);
	assert_string_equal(log.items[0].action, "insert");
	assert_null(log.items[0].field);
	assert_string_equal(log.items[0].record_title, "LUMO");
	assert_string_equal(log.items[0].project_code, "LUMO");
	assert_string_equal(log.items[0].who, "tester");
	assert_ptr_equal(log.items[0].def, entities[ENT_PROJECT]);
	assert_int_equal(strlen(log.items[0].uuid), UUID_LEN);
	change_list_clear(&log);
	record_free(&p);
}

static void
test_update_logs_fields(void **state)
{
	struct db *db = *state;
	struct record *p = fx_project(db, "OT", "OT-hanke", "active");
	struct change_list log = { 0 };
	struct error err;

	/* Nothing changed: nothing written. */
	fx_update(db, p);
	assert_int_equal(p->version, 1);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM change_log"), 1);

	setenv("SALKKU_NOW", "2024-02-01T10:00:00Z", 1);
	record_set_text(p, PROJECT_NAME, "OT-hanke – lasten ja perheiden tukikeskus");
	record_set_num(p, PROJECT_BUDGET, 150000000);
	fx_update(db, p);
	assert_int_equal(p->version, 2);
	assert_string_equal(p->updated_at, "2024-02-01T10:00:00Z");

	assert_int_equal(store_changes(db, record_project(p), p->uuid, 0, &log,
				       &err), ERR_OK);
	assert_int_equal(log.count, 3);
	/* Newest first; the two updates share a time, the later id first. */
	assert_string_equal(log.items[0].action, "update");
	assert_string_equal(log.items[0].field, "budget");
	assert_null(log.items[0].old_value);
	assert_string_equal(log.items[0].new_value, "150000000");
	assert_string_equal(log.items[1].field, "name");
	assert_string_equal(log.items[1].old_value, "OT-hanke");
	assert_string_equal(log.items[2].action, "insert");
	change_list_clear(&log);

	assert_int_equal(store_changes(db, NULL, NULL, 2, &log, &err), ERR_OK);
	assert_int_equal(log.count, 2);
	change_list_clear(&log);
	record_free(&p);
}

/* A record's history is sought with its project: a role's with the
 * project it is in, an organisation's with none.  The same uuid under
 * another project is another record's history, and none. */
static void
test_changes_of_a_record(void **state)
{
	struct db *db = *state;
	struct record *org = fx_org(db, "Itä-Suomen yliopisto", "UEF");
	struct record *p = fx_project(db, "LUMO", "LUMO-hanke", NULL);
	struct record *q = fx_project(db, "OT", "OT-hanke", NULL);
	struct record *role = fx_role(db, p, org, "partner");
	struct change_list log = { 0 };
	struct error err;

	assert_string_equal(record_project(role), p->uuid);
	assert_null(record_project(org));
	assert_string_equal(record_project(p), p->uuid);

	setenv("SALKKU_NOW", "2024-02-01T10:00:00Z", 1);
	record_set_text(role, ROLE_ROLE, "co_implementer");
	fx_update(db, role);
	record_set_text(org, ORG_SHORT_NAME, "UEF/ISO");
	fx_update(db, org);

	assert_int_equal(store_changes(db, record_project(role), role->uuid, 0,
				       &log, &err), ERR_OK);
	assert_int_equal(log.count, 2);
	assert_string_equal(log.items[0].action, "update");
	assert_string_equal(log.items[0].new_value, "co_implementer");
	assert_string_equal(log.items[1].action, "insert");
	change_list_clear(&log);

	assert_int_equal(store_changes(db, q->uuid, role->uuid, 0, &log, &err),
			 ERR_OK);
	assert_int_equal(log.count, 0);
	change_list_clear(&log);

	assert_int_equal(store_changes(db, NULL, org->uuid, 1, &log, &err), ERR_OK);
	assert_int_equal(log.count, 1);
	assert_string_equal(log.items[0].field, "short_name");
	assert_string_equal(log.items[0].new_value, "UEF/ISO");
	change_list_clear(&log);

	/* Both questions by the index that leads with the project. */
	assert_int_equal(fx_count(db, "SELECT count(*) FROM pragma_index_info"
				  "('change_log_record') WHERE seqno = 0 AND "
				  "name = 'project_uuid'"), 1);
	record_free(&role);
	record_free(&q);
	record_free(&p);
	record_free(&org);
}

static void
test_conflict(void **state)
{
	struct db *db = *state;
	struct record *p = fx_project(db, "VARIKKO", "Varikko", "applied");
	struct record *a = NULL, *b = NULL, *got = NULL;
	struct error err;

	assert_int_equal(store_get(db, entities[ENT_PROJECT], p->uuid, &a, &err), 0);
	assert_int_equal(store_get(db, entities[ENT_PROJECT], p->uuid, &b, &err), 0);
	setenv("SALKKU_NOW", "2024-03-01T08:00:00Z", 1);
	record_set_num(a, PROJECT_BUDGET, 100);
	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(store_update(db, a, "lkorhonen", &err), ERR_OK);
	assert_int_equal(db_commit(db, &err), ERR_OK);

	record_set_num(b, PROJECT_BUDGET, 200);
	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(store_update(db, b, "mvirtanen", &err), ERR_CONFLICT);
	db_rollback(db);
	assert_int_equal(err.current_version, 2);
	assert_string_equal(err.changed_by, "lkorhonen");
	assert_string_equal(err.changed_at, "2024-03-01T08:00:00Z");
	assert_non_null(strstr(err.message, "VARIKKO has changed since you read version 1"));
	/* No raw time stamp: the front ends write it in local time. */
	assert_null(strstr(err.message, "2024-03-01"));
	assert_int_equal(b->version, 1);

	/* Deleting at an old version is refused too. */
	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(store_delete(db, b, "mvirtanen", &err), ERR_CONFLICT);
	db_rollback(db);

	assert_int_equal(store_get(db, entities[ENT_PROJECT], p->uuid, &got, &err), 0);
	assert_int_equal(got->v[PROJECT_BUDGET].num, 100);
	record_free(&got);

	/* Deleted meanwhile: not found. */
	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(store_delete(db, a, "lkorhonen", &err), ERR_OK);
	assert_int_equal(db_commit(db, &err), ERR_OK);
	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(store_update(db, a, "lkorhonen", &err), ERR_NOT_FOUND);
	db_rollback(db);
	record_free(&a);
	record_free(&b);
	record_free(&p);
}

static void
test_unique(void **state)
{
	struct db *db = *state;
	struct record *p = fx_project(db, "LUMO", "Lumo", NULL);
	struct record *q = record_new(entities[ENT_PROJECT]);
	struct record *r = fx_project(db, "ÄLY", "Äly", NULL);
	struct error err;

	record_set_text(q, PROJECT_CODE, "lumo");
	record_set_text(q, PROJECT_NAME, "Toinen");
	record_set_text(q, PROJECT_STATUS, "idea");
	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(store_insert(db, q, "tester", &err), ERR_INVALID);
	assert_string_equal(err.field, "code");
	assert_string_equal(err.message, "code: project lumo already exists");
	assert_string_equal(q->uuid, "");
	assert_int_equal(q->version, 0);
	/* Case folding reaches beyond ASCII. */
	record_set_text(q, PROJECT_CODE, "äly");
	assert_int_equal(store_insert(db, q, "tester", &err), ERR_INVALID);
	assert_string_equal(err.field, "code");
	/* Renaming onto another code too. */
	record_set_text(r, PROJECT_CODE, "Lumo");
	assert_int_equal(store_update(db, r, "tester", &err), ERR_INVALID);
	assert_string_equal(err.field, "code");
	assert_int_equal(r->version, 1);
	/* A required field missing is named. */
	record_set_text(q, PROJECT_CODE, "UUSI");
	record_set_null(q, PROJECT_NAME);
	assert_int_equal(store_insert(db, q, "tester", &err), ERR_INVALID);
	assert_string_equal(err.field, "name");
	db_rollback(db);
	record_free(&p);
	record_free(&q);
	record_free(&r);
}

static void
test_references(void **state)
{
	struct db *db = *state;
	struct record *p = fx_project(db, "OT", "OT-hanke", NULL);
	struct record *stm = fx_org(db, "Sosiaali- ja terveysministeriö", "STM");
	struct record *r = record_new(entities[ENT_ROLE]);
	struct record_list list = { 0 };
	struct error err;

	record_set_text(r, ROLE_PROJECT, p->uuid);
	record_set_text(r, ROLE_ORGANISATION, "00000000-0000-4000-8000-000000000000");
	record_set_text(r, ROLE_ROLE, "funder");
	assert_int_equal(db_begin(db, &err), ERR_OK);
	/* Deleted meanwhile: said as such, without the uuid. */
	assert_int_equal(store_insert(db, r, "tester", &err), ERR_NOT_FOUND);
	assert_string_equal(err.field, "organisation");
	assert_non_null(strstr(err.message, "no longer exists"));
	assert_null(strstr(err.message, "00000000-0000"));
	db_rollback(db);
	record_set_text(r, ROLE_ORGANISATION, stm->uuid);
	fx_insert(db, r);

	/* The organisation is in use. */
	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(store_delete(db, stm, "tester", &err), ERR_INVALID);
	assert_non_null(strstr(err.message, "OT (funder)"));
	db_rollback(db);

	assert_int_equal(store_children(db, entities[ENT_ROLE], p->uuid, &list,
					&err), ERR_OK);
	assert_int_equal(list.count, 1);
	assert_string_equal(list.items[0]->uuid, r->uuid);
	record_list_clear(&list);
	record_free(&r);
	record_free(&stm);
	record_free(&p);
}

static void
test_delete_project(void **state)
{
	struct db *db = *state;
	struct record *p = fx_project(db, "LUMO", "Lumo", NULL);
	struct record *iso = fx_org(db, "Itä-Suomen sosiaalialan osaamiskeskus", "ISO");
	struct record *role = fx_role(db, p, iso, "administrator");
	struct record *n1 = fx_note(db, p, "2023-12-15", "Viimeiset maksatukset\nsaapuivat");
	struct record *n2 = fx_note(db, p, "2023-09-01", "Loppuraportti");
	struct change_list log = { 0 };
	struct record_list notes = { 0 };
	struct error err;

	/* Children come in date order. */
	assert_int_equal(store_children(db, entities[ENT_NOTE], p->uuid, &notes,
					&err), ERR_OK);
	assert_int_equal(notes.count, 2);
	assert_string_equal(notes.items[0]->uuid, n2->uuid);
	record_list_clear(&notes);

	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(store_delete(db, p, "tester", &err), ERR_OK);
	assert_int_equal(db_commit(db, &err), ERR_OK);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM note"), 0);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project_role"), 0);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM project_fts"), 0);

	/* Each dependant and the project logged; the code survives. */
	assert_int_equal(store_changes(db, p->uuid, NULL, 0, &log, &err), ERR_OK);
	assert_int_equal(fx_count(db, "SELECT count(*) FROM change_log "
				      "WHERE action = 'delete'"), 4);
	assert_string_equal(log.items[0].action, "delete");
	assert_string_equal(log.items[0].project_code, "LUMO");
	for (size_t i = 0; i < log.count; i++)
		if (log.items[i].def == entities[ENT_ROLE] &&
		    !strcmp(log.items[i].action, "delete"))
			assert_string_equal(log.items[i].record_title,
					    "ISO: administrator");
		else if (log.items[i].def == entities[ENT_NOTE])
			assert_true(!strcmp(log.items[i].record_title,
					    "Viimeiset maksatukset") ||
				    !strcmp(log.items[i].record_title, "Loppuraportti"));
	change_list_clear(&log);

	/* Now the organisation may go. */
	assert_int_equal(db_begin(db, &err), ERR_OK);
	assert_int_equal(store_delete(db, iso, "tester", &err), ERR_OK);
	assert_int_equal(db_commit(db, &err), ERR_OK);
	record_free(&n1);
	record_free(&n2);
	record_free(&role);
	record_free(&iso);
	record_free(&p);
}

static void
test_find_organisation(void **state)
{
	struct db *db = *state;
	struct record *iso = fx_org(db, "Itä-Suomen sosiaalialan osaamiskeskus", "ISO");
	struct record *other = fx_org(db, "Iso", NULL);
	struct record *stm = fx_org(db, "Sosiaali- ja terveysministeriö", "STM");
	struct record *out = NULL;
	struct record_list all = { 0 };
	struct error err;

	assert_int_equal(store_find_organisation(db, "stm", &out, &err), ERR_OK);
	assert_string_equal(out->uuid, stm->uuid);
	record_free(&out);
	assert_int_equal(store_find_organisation(db, "SOSIAALI- JA TERVEYSMINISTERIÖ",
						 &out, &err), ERR_OK);
	assert_string_equal(out->uuid, stm->uuid);
	record_free(&out);
	assert_int_equal(store_find_organisation(db, iso->uuid, &out, &err), ERR_OK);
	assert_string_equal(out->uuid, iso->uuid);
	record_free(&out);
	assert_int_equal(store_find_organisation(db, "iso", &out, &err), ERR_INVALID);
	assert_null(out);
	assert_non_null(strstr(err.message, "Itä-Suomen sosiaalialan osaamiskeskus (ISO)"));
	assert_int_equal(store_find_organisation(db, "THL", &out, &err),
			 ERR_NOT_FOUND);

	/* Nordic order: Ä after Z. */
	assert_int_equal(store_organisations(db, &all, &err), ERR_OK);
	assert_int_equal(all.count, 3);
	assert_string_equal(record_text(all.items[0], ORG_NAME), "Iso");
	assert_string_equal(record_text(all.items[1], ORG_NAME),
			    "Itä-Suomen sosiaalialan osaamiskeskus");
	record_list_clear(&all);
	record_free(&iso);
	record_free(&other);
	record_free(&stm);
}

static int
count_each(struct record **rec, void *arg)
{
	int *n = arg;

	assert_non_null(*rec);
	if (++*n == 2) {
		/* Keeping the record takes it over. */
		record_free(rec);
	}
	return *n == 3 ? 42 : 0;
}

static void
test_each(void **state)
{
	struct db *db = *state;
	struct record *p[4];
	struct error err;
	int n = 0;

	for (int i = 0; i < 4; i++) {
		char code[8];

		snprintf(code, sizeof code, "P%d", i);
		p[i] = fx_project(db, code, code, NULL);
	}
	assert_int_equal(store_each(db, entities[ENT_PROJECT], count_each, &n,
				    &err), 42);
	assert_int_equal(n, 3);
	for (int i = 0; i < 4; i++)
		record_free(&p[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_insert_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_logs_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes_of_a_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unique, setup, teardown),
		cmocka_unit_test_setup_teardown(test_references, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_project, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_organisation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
