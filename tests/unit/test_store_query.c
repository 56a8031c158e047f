/* SPDX-License-Identifier: EUPL-1.2 */
/* test_store_query.c — the project list (sorts, filters, pages, counts,
 * full-text search), deadlines and an organisation's projects. */
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

#include "db/db_internal.h"

struct portfolio {
	struct db *db;
	struct record *stm, *iso, *pshva, *esr;
	struct record *lumo, *ot, *varikko, *kansa, *zeta;
};

/* A small portfolio from the texts, with Nordic names to sort. */
static int
setup(void **state)
{
	struct portfolio *pf = calloc(1, sizeof *pf);
	struct db *db;

	setenv("SALKKU_NOW", "2024-01-15T09:41:00Z", 1);
	db = pf->db = fx_open();
	pf->stm = fx_org(db, "Sosiaali- ja terveysministeriö", "STM");
	pf->iso = fx_org(db, "Itä-Suomen sosiaalialan osaamiskeskus", "ISO");
	pf->pshva = fx_org(db, "Pohjois-Savon hyvinvointialue", NULL);
	pf->esr = fx_org(db, "Euroopan sosiaalirahasto plus", "ESR+");

	pf->lumo = fx_project(db, "LUMO", "Lastensuojelun uudistaminen", "closed");
	record_set_text(pf->lumo, PROJECT_PLANNED_START, "2020-01-01");
	record_set_text(pf->lumo, PROJECT_PLANNED_END, "2022-12-31");
	record_set_text(pf->lumo, PROJECT_ACTUAL_END, "2023-10-31");
	record_set_text(pf->lumo, PROJECT_THEMES, "lastensuojelu, Kirjaaminen");
	record_set_num(pf->lumo, PROJECT_BUDGET, 300000000);
	fx_update(db, pf->lumo);

	pf->ot = fx_project(db, "OT", "Osaamis- ja tukikeskus", "closed");
	record_set_text(pf->ot, PROJECT_PLANNED_START, "2022-01-01");
	record_set_text(pf->ot, PROJECT_PLANNED_END, "2023-12-31");
	record_set_text(pf->ot, PROJECT_THEMES, "lapset,perheet");
	record_set_num(pf->ot, PROJECT_BUDGET, 150000000);
	fx_update(db, pf->ot);

	pf->varikko = fx_project(db, "VARIKKO", "Varikko – matkalla riittävään vanhemmuuteen", "applied");
	record_set_text(pf->varikko, PROJECT_PLANNED_START, "2024-04-01");
	record_set_text(pf->varikko, PROJECT_THEMES, "sijaishuolto");
	fx_update(db, pf->varikko);

	pf->kansa = fx_project(db, "KANSA-KOULU-5", "Kansa-koulu 5", "active");
	record_set_text(pf->kansa, PROJECT_ACTUAL_START, "2023-01-01");
	record_set_text(pf->kansa, PROJECT_PLANNED_END, "2024-03-31");
	record_set_text(pf->kansa, PROJECT_THEMES, "kirjaaminen");
	record_set_num(pf->kansa, PROJECT_BUDGET, 90000000);
	fx_update(db, pf->kansa);

	pf->zeta = fx_project(db, "ÖLJY", "Ämpäri", "idea");

	record_free((struct record *[]){ fx_role(db, pf->lumo, pf->iso, "administrator") });
	record_free((struct record *[]){ fx_role(db, pf->ot, pf->pshva, "administrator") });
	record_free((struct record *[]){ fx_role(db, pf->ot, pf->iso, "co_implementer") });
	record_free((struct record *[]){ fx_role(db, pf->varikko, pf->iso, "main_implementer") });
	record_free((struct record *[]){ fx_role(db, pf->kansa, pf->stm, "funder") });
	record_free((struct record *[]){ fx_funding(db, pf->ot, pf->stm, 200000000, 150000000) });
	record_free((struct record *[]){ fx_funding(db, pf->ot, pf->esr, 500000000, -1) });
	record_free((struct record *[]){ fx_funding(db, pf->varikko, pf->esr, 120000000, -1) });
	record_free((struct record *[]){ fx_funding(db, pf->lumo, pf->stm, -1, 300000000) });
	record_free((struct record *[]){ fx_note(db, pf->varikko, "2023-09-30",
			"Hakemus jätetty syyskuun lopussa; päätöstä odotetaan") });
	*state = pf;
	return 0;
}

static int
teardown(void **state)
{
	struct portfolio *pf = *state;

	record_free(&pf->stm);
	record_free(&pf->iso);
	record_free(&pf->pshva);
	record_free(&pf->esr);
	record_free(&pf->lumo);
	record_free(&pf->ot);
	record_free(&pf->varikko);
	record_free(&pf->kansa);
	record_free(&pf->zeta);
	db_close(&pf->db);
	free(pf);
	return 0;
}

/* The codes of a list, comma-separated, into buf. */
static const char *
codes(struct db *db, const struct project_query *q, char *buf, size_t size)
{
	struct project_rows rows = { 0 };
	struct error err;
	size_t len = 0;

	buf[0] = '\0';
	if (store_project_list(db, q, &rows, &err))
		fail_msg("store_project_list: %s", err.message);
	for (size_t i = 0; i < rows.count; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "," : "",
					rows.items[i].code);
	project_rows_clear(&rows);
	return buf;
}

static int64_t
matching(struct db *db, const struct project_query *q)
{
	int64_t m = -1, total = -1;
	struct error err;

	if (store_project_count(db, q, &m, &total, &err))
		fail_msg("store_project_count: %s", err.message);
	assert_int_equal(total, 5);
	return m;
}

static void
test_bad_input(void **state)
{
	struct portfolio *pf = *state;
	struct project_query q = { .limit = -1 };
	struct project_rows rows = { 0 };
	int64_t a, b;

	assert_int_equal(store_project_list(NULL, &q, &rows, NULL), ERR_INVALID);
	assert_int_equal(store_project_list(pf->db, NULL, &rows, NULL), ERR_INVALID);
	assert_int_equal(store_project_list(pf->db, &q, NULL, NULL), ERR_INVALID);
	assert_int_equal(store_project_list(pf->db, &q, &rows, NULL), ERR_INVALID);
	assert_int_equal(store_project_count(pf->db, &q, NULL, &b, NULL), ERR_INVALID);
	q.limit = 0;
	q.year = 20;
	assert_int_equal(store_project_count(pf->db, &q, &a, &b, NULL), ERR_INVALID);
	assert_int_equal(store_changes(NULL, NULL, NULL, 0, NULL, NULL), ERR_INVALID);
	assert_int_equal(store_deadlines(pf->db, NULL, false, NULL, NULL), ERR_INVALID);
	assert_int_equal(store_org_projects(pf->db, NULL, NULL, NULL), ERR_INVALID);
}

static void
test_sorts(void **state)
{
	struct portfolio *pf = *state;
	struct project_query q = { 0 };
	char buf[256];

	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "KANSA-KOULU-5,LUMO,OT,VARIKKO,ÖLJY");
	q.descending = true;
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "ÖLJY,VARIKKO,OT,LUMO,KANSA-KOULU-5");
	q = (struct project_query){ .sort = SORT_NAME };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "KANSA-KOULU-5,LUMO,OT,VARIKKO,ÖLJY");
	/* Lifecycle order, ties by id. */
	q = (struct project_query){ .sort = SORT_STATUS };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "ÖLJY,VARIKKO,KANSA-KOULU-5,LUMO,OT");
	/* Without dates last, either way (the timeline's order). */
	q = (struct project_query){ .sort = SORT_START };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "LUMO,OT,KANSA-KOULU-5,VARIKKO,ÖLJY");
	q.descending = true;
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "VARIKKO,KANSA-KOULU-5,OT,LUMO,ÖLJY");
	/* Actual end before planned. */
	q = (struct project_query){ .sort = SORT_END };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "VARIKKO,ÖLJY,LUMO,OT,KANSA-KOULU-5");
	q = (struct project_query){ .sort = SORT_BUDGET, .descending = true };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "LUMO,OT,KANSA-KOULU-5,ÖLJY,VARIKKO");
	q = (struct project_query){ .sort = SORT_ADMINISTRATOR };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "VARIKKO,KANSA-KOULU-5,ÖLJY,LUMO,OT");
	/* Ties (three times STM) by id. */
	q = (struct project_query){ .sort = SORT_FUNDER };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "ÖLJY,VARIKKO,LUMO,OT,KANSA-KOULU-5");
}

static void
test_row_contents(void **state)
{
	struct portfolio *pf = *state;
	struct project_query q = { 0 };
	struct project_rows rows = { 0 };
	struct error err;

	assert_int_equal(store_project_list(pf->db, &q, &rows, &err), ERR_OK);
	assert_int_equal(rows.count, 5);
	/* KANSA-KOULU-5: actual start, planned end, funder from a role. */
	assert_string_equal(rows.items[0].start, "2023-01-01");
	assert_string_equal(rows.items[0].end, "2024-03-31");
	assert_string_equal(rows.items[0].funder, "STM");
	assert_null(rows.items[0].administrator);
	assert_true(rows.items[0].has_budget);
	assert_int_equal(rows.items[0].budget, 90000000);
	/* LUMO: actual end wins. */
	assert_string_equal(rows.items[1].end, "2023-10-31");
	assert_string_equal(rows.items[1].administrator, "ISO");
	/* OT: the granted line wins over a larger application; an
	 * administrator without a short name shows its name. */
	assert_string_equal(rows.items[2].funder, "STM");
	assert_string_equal(rows.items[2].administrator,
			    "Pohjois-Savon hyvinvointialue");
	assert_string_equal(rows.items[2].uuid, pf->ot->uuid);
	assert_int_equal(rows.items[2].version, pf->ot->version);
	/* VARIKKO: only an application. */
	assert_string_equal(rows.items[3].funder, "ESR+");
	assert_null(rows.items[3].end);
	assert_false(rows.items[3].has_budget);
	assert_null(rows.items[4].start);
	project_rows_clear(&rows);
}

static void
test_filters(void **state)
{
	struct portfolio *pf = *state;
	struct project_query q = { .statuses = { "closed", "applied" } };
	char buf[256];

	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "LUMO,OT,VARIKKO");
	assert_int_equal(matching(pf->db, &q), 3);
	q.limit = 1;
	q.offset = 1;
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "OT");
	assert_int_equal(matching(pf->db, &q), 3);
	q.offset = 3;
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "");

	q = (struct project_query){ .funder = pf->stm->uuid };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "KANSA-KOULU-5,LUMO,OT");
	q = (struct project_query){ .funder = pf->esr->uuid };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "OT,VARIKKO");
	/* A small page of a big funder: read in order (choose_plan). */
	q = (struct project_query){ .funder = pf->stm->uuid, .limit = 1,
				    .offset = 1 };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "LUMO");
	q.sort = SORT_NAME;
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "LUMO");
	q.sort = SORT_BUDGET;
	q.descending = true;
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "OT");
	q = (struct project_query){ .partner = pf->iso->uuid };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "LUMO,OT,VARIKKO");
	q.statuses[0] = "applied";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "VARIKKO");

	/* Whole items, any case, around spaces. */
	q = (struct project_query){ .theme = "KIRJAAMINEN" };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "KANSA-KOULU-5,LUMO");
	q.theme = "suojelu";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "");
	q.theme = "perheet";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "OT");
	q.theme = "%";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "");

	/* Active in the year; open ends count as open.  ÖLJY has neither
	 * dates nor a status history: it is active in no year. */
	q = (struct project_query){ .year = 2023 };
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "KANSA-KOULU-5,LUMO,OT");
	q.year = 2021;
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "LUMO");
	q.year = 2025;
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "VARIKKO");
	assert_int_equal(matching(pf->db, &q), 1);
}

/* Whether a query ranks its rows (what the terminal interface shows in
 * its headings): a search by relevance with a word in it, not a search
 * in the sort order, nothing typed, or only punctuation. */
static void
test_ranked(void **state)
{
	struct portfolio *pf = *state;
	struct project_query q = { .text = "stm", .by_relevance = true };
	bool ranked = true;

	assert_int_equal(store_project_ranked(pf->db, &q, &ranked, NULL), ERR_OK);
	assert_true(ranked);
	q.by_relevance = false;
	assert_int_equal(store_project_ranked(pf->db, &q, &ranked, NULL), ERR_OK);
	assert_false(ranked);
	q.by_relevance = true;
	q.text = NULL;
	ranked = true;
	assert_int_equal(store_project_ranked(pf->db, &q, &ranked, NULL), ERR_OK);
	assert_false(ranked);
	q.text = "–";
	ranked = true;
	assert_int_equal(store_project_ranked(pf->db, &q, &ranked, NULL), ERR_OK);
	assert_false(ranked);
	q.text = "stm";
	q.year = 5;
	assert_int_equal(store_project_ranked(pf->db, &q, &ranked, NULL),
			 ERR_INVALID);
}

static void
test_full_text(void **state)
{
	struct portfolio *pf = *state;
	struct project_query q = { .text = "päätöstä" };
	char buf[256];
	struct error err;

	/* A word of a note, by prefix, in any case. */
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "VARIKKO");
	q.text = "PÄÄT";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "VARIKKO");
	/* Code, name and an organisation's name or short name. */
	q.text = "kansa";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "KANSA-KOULU-5");
	q.text = "pohjois-savon";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "OT");
	q.text = "stm";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "KANSA-KOULU-5,LUMO,OT");
	/* Page by page: a small page of many matches is read in code
	 * order rather than from the matches (choose_plan); the same rows. */
	for (int i = 0; i < 3; i++) {
		static const char *const want[] = { "KANSA-KOULU-5", "LUMO", "OT" };

		q.limit = 1;
		q.offset = i;
		assert_string_equal(codes(pf->db, &q, buf, sizeof buf), want[i]);
		q.descending = true;
		assert_string_equal(codes(pf->db, &q, buf, sizeof buf), want[2 - i]);
		q.descending = false;
	}
	q.limit = q.offset = 0;
	/* Words are ANDed. */
	q.text = "stm lasten";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "LUMO");
	assert_int_equal(matching(pf->db, &q), 1);

	/* What people type is never query syntax. */
	const char *hostile[] = { "\"", "OR", "a OR b", "NEAR(x y)", "*", "-x",
				  "code:LUMO", "^lumo", "(", "–", "€ 5", "lumo\"*",
				  "x AND", "NOT lumo", "" };
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		struct project_rows rows = { 0 };

		q.text = hostile[i];
		if (store_project_list(pf->db, &q, &rows, &err))
			fail_msg("%s: %s", hostile[i], err.message);
		project_rows_clear(&rows);
	}
	q.text = "lumo\"*";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "LUMO");
	/* Nothing typed: no filter.  Typed, but no word in it (only
	 * punctuation, or bytes that are not text): nothing matches. */
	q.text = " \t ";
	assert_int_equal(matching(pf->db, &q), 5);
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf),
			    "KANSA-KOULU-5,LUMO,OT,VARIKKO,ÖLJY");
	q.text = " – ";
	assert_int_equal(matching(pf->db, &q), 0);
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "");
	q.text = "\"";
	assert_int_equal(matching(pf->db, &q), 0);
	q.text = "\xff\xfe";
	assert_int_equal(matching(pf->db, &q), 0);
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "");
	{
		bool any = true;

		assert_int_equal(store_text_searchable(pf->db, "\"", &any, &err),
				 ERR_OK);
		assert_false(any);
		assert_int_equal(store_text_searchable(pf->db, "lumo!", &any, &err),
				 ERR_OK);
		assert_true(any);
	}

	/* Kept current: a renamed organisation, a new note. */
	record_set_text(pf->pshva, ORG_SHORT_NAME, "Savon hyvis");
	record_set_text(pf->pshva, ORG_NAME, "Pohjois-Savon hyvinvointialue (PSHVA)");
	fx_update(pf->db, pf->pshva);
	q.text = "hyvis";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "OT");
	q.text = "pshva";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "OT");
	record_free((struct record *[]){ fx_note(pf->db, pf->zeta, "2024-01-02",
						 "Ideoita öljystä") });
	q.text = "ideoita";
	assert_string_equal(codes(pf->db, &q, buf, sizeof buf), "ÖLJY");
	assert_int_equal(db_check(pf->db, NULL, NULL, &err), ERR_OK);
}

/* The query plan of a list names the index of its sort key: a page
 * costs the page. */
static void
test_plans(void **state)
{
	static const char *const index_of[SORT_COUNT] = {
		[SORT_CODE] = "project_code", [SORT_NAME] = "project_name",
		[SORT_STATUS] = "project_status_order", [SORT_START] = "project_start",
		[SORT_END] = "project_end", [SORT_BUDGET] = "project_budget",
	};
	struct portfolio *pf = *state;
	struct db *db = pf->db;

	for (int s = 0; s < SORT_COUNT; s++) {
		struct project_query q = { .sort = (enum project_sort)s, .limit = 50 };
		struct project_rows rows = { 0 };
		struct stmt_entry *e;
		sqlite3_stmt *plan;
		bool found = false;

		if (!index_of[s])
			continue;
		assert_int_equal(store_project_list(db, &q, &rows, NULL), ERR_OK);
		project_rows_clear(&rows);
		/* Ask the planner about the statement just cached. */
		for (size_t h = 0; h < DB_STMT_BUCKETS; h++)
			for (e = db->stmts[h]; e; e = e->next) {
				char *text;

				if (!strstr(e->sql, "LIMIT :limit"))
					continue;
				assert_true(asprintf(&text, "EXPLAIN QUERY PLAN %s",
						     e->sql) > 0);
				assert_int_equal(sqlite3_prepare_v2(db->sql, text, -1,
								    &plan, NULL),
						 SQLITE_OK);
				int page = -1;

				/* The page's subquery reads the sort key's index
				 * and sorts nothing; only the page is sorted after. */
				while (sqlite3_step(plan) == SQLITE_ROW) {
					const char *d = (const char *)
						sqlite3_column_text(plan, 3);
					int id = sqlite3_column_int(plan, 0);
					int parent = sqlite3_column_int(plan, 1);
					char want[64], covering[80];

					snprintf(want, sizeof want,
						 "SCAN p USING INDEX %s", index_of[s]);
					snprintf(covering, sizeof covering,
						 "SCAN p USING COVERING INDEX %s",
						 index_of[s]);
					if (strstr(d, " page"))
						page = id;
					if (parent == page && (!strcmp(d, want) ||
							       !strcmp(d, covering)))
						found = true;
					if (parent == page && strstr(d, "TEMP B-TREE"))
						fail_msg("sort %s: %s",
							 project_sort_names[s], d);
				}
				sqlite3_finalize(plan);
				free(text);
			}
		if (!found)
			fail_msg("sort %s does not use index %s",
				 project_sort_names[s], index_of[s]);
		db_cache_clear(db);
	}
}

static void
test_deadlines_and_orgs(void **state)
{
	struct portfolio *pf = *state;
	struct record *d1 = record_new(entities[ENT_DEADLINE]);
	struct record *d2 = record_new(entities[ENT_DEADLINE]);
	struct deadline_rows dl = { 0 };
	struct org_project_rows op = { 0 };
	struct error err;

	record_set_text(d1, DEADLINE_PROJECT, pf->lumo->uuid);
	record_set_text(d1, DEADLINE_KIND, "report_due");
	record_set_text(d1, DEADLINE_TITLE, "Loppuraportti");
	record_set_text(d1, DEADLINE_DUE, "2023-10-31");
	record_set_num(d1, DEADLINE_DONE, 1);
	fx_insert(pf->db, d1);
	record_set_text(d2, DEADLINE_PROJECT, pf->varikko->uuid);
	record_set_text(d2, DEADLINE_KIND, "decision_expected");
	record_set_text(d2, DEADLINE_TITLE, "Rahoituspäätös");
	record_set_text(d2, DEADLINE_DUE, "2024-02-15");
	fx_insert(pf->db, d2);

	assert_int_equal(store_deadlines(pf->db, NULL, false, &dl, &err), ERR_OK);
	assert_int_equal(dl.count, 1);
	assert_string_equal(dl.items[0].project_code, "VARIKKO");
	assert_string_equal(dl.items[0].project_uuid, pf->varikko->uuid);
	assert_string_equal(dl.items[0].kind, "decision_expected");
	assert_false(dl.items[0].done);
	deadline_rows_clear(&dl);
	assert_int_equal(store_deadlines(pf->db, NULL, true, &dl, &err), ERR_OK);
	assert_int_equal(dl.count, 2);
	assert_string_equal(dl.items[0].title, "Loppuraportti");
	assert_true(dl.items[0].done);
	deadline_rows_clear(&dl);
	assert_int_equal(store_deadlines(pf->db, "2024-01-31", true, &dl, &err), 0);
	assert_int_equal(dl.count, 1);
	deadline_rows_clear(&dl);

	/* Roles in the order of the role table, then funding as funder. */
	assert_int_equal(store_org_projects(pf->db, pf->iso->uuid, &op, &err), 0);
	assert_int_equal(op.count, 3);
	assert_string_equal(op.items[0].code, "LUMO");
	assert_string_equal(op.items[0].role, "administrator");
	assert_string_equal(op.items[1].role, "main_implementer");
	assert_string_equal(op.items[2].code, "OT");
	assert_false(op.items[2].has_amount);
	org_project_rows_clear(&op);
	assert_int_equal(store_org_projects(pf->db, pf->stm->uuid, &op, &err), 0);
	assert_int_equal(op.count, 3);
	assert_string_equal(op.items[0].code, "KANSA-KOULU-5");
	assert_string_equal(op.items[0].role, "funder");
	assert_string_equal(op.items[1].code, "LUMO");
	assert_int_equal(op.items[1].amount, 300000000);
	assert_string_equal(op.items[2].code, "OT");
	assert_int_equal(op.items[2].amount, 150000000);
	assert_string_equal(op.items[2].status, "closed");
	org_project_rows_clear(&op);
	record_free(&d1);
	record_free(&d2);
}

/* The rows of role in the order store_org_projects gives them, one
 * window of `limit` at a time: forward after the last row read, then
 * backward before the first, from the end. */
static void
assert_org_windows(struct db *db, const char *org, const char *role,
		   bool walk, const struct org_project_rows *all)
{
	struct org_project_query q = { .org = org, .role = role, .walk = walk };
	struct org_project_rows got = { 0 }, page = { 0 };
	size_t n = 0, start = 0;
	struct org_project_row *want;

	for (size_t i = 0; i < all->count; i++)
		n += !strcmp(all->items[i].role, role);
	want = calloc(n ? n : 1, sizeof *want);
	for (size_t i = 0, j = 0; i < all->count; i++)
		if (!strcmp(all->items[i].role, role))
			want[j++] = all->items[i];
	/* Forward, three at a time. */
	q.limit = 3;
	for (;;) {
		size_t had = got.count;

		assert_int_equal(store_org_project_window(db, &q, &got, NULL), ERR_OK);
		if (got.count == had)
			break;
		/* The next page after the last row read, appended. */
		q.after = &got.items[got.count - 1];
		assert_true(got.count - had <= 3);
		if (got.count >= n + 3)
			fail_msg("runs past the end");
	}
	assert_int_equal(got.count, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(got.items[i].project_uuid, want[i].project_uuid);
		assert_int_equal(got.items[i].has_amount, want[i].has_amount);
		if (want[i].has_amount)
			assert_int_equal(got.items[i].amount, want[i].amount);
		assert_int_equal(got.items[i].from_lines, want[i].from_lines);
		if (want[i].years)
			assert_string_equal(got.items[i].years, want[i].years);
	}
	/* From the end, then backward before the first row read. */
	q = (struct org_project_query){ .org = org, .role = role, .walk = walk,
					.limit = 2, .from_end = true };
	assert_int_equal(store_org_project_window(db, &q, &page, NULL), ERR_OK);
	assert_int_equal(page.count, n < 2 ? n : 2);
	start = n - page.count;
	for (size_t i = 0; i < page.count; i++)
		assert_string_equal(page.items[i].project_uuid,
				    want[start + i].project_uuid);
	while (start > 0) {
		struct org_project_rows prev = { 0 };

		q = (struct org_project_query){ .org = org, .role = role,
						.walk = walk, .limit = 2,
						.before = &page.items[0] };
		assert_int_equal(store_org_project_window(db, &q, &prev, NULL),
				 ERR_OK);
		assert_true(prev.count > 0);
		start -= prev.count;
		for (size_t i = 0; i < prev.count; i++)
			assert_string_equal(prev.items[i].project_uuid,
					    want[start + i].project_uuid);
		org_project_rows_clear(&page);
		page = prev;
	}
	/* By the offset, and from the end by it. */
	if (n > 2) {
		org_project_rows_clear(&page);
		q = (struct org_project_query){ .org = org, .role = role,
						.walk = walk, .limit = 1,
						.offset = 1 };
		assert_int_equal(store_org_project_window(db, &q, &page, NULL), ERR_OK);
		assert_string_equal(page.items[0].project_uuid, want[1].project_uuid);
		org_project_rows_clear(&page);
		q.from_end = true;
		assert_int_equal(store_org_project_window(db, &q, &page, NULL), ERR_OK);
		assert_string_equal(page.items[0].project_uuid,
				    want[n - 2].project_uuid);
	}
	org_project_rows_clear(&page);
	org_project_rows_clear(&got);
	free(want);
}

/* A project's history a window at a time, newest first, entries of
 * the same second in the order of their ids: forward after the last
 * read, backward from the oldest before the first, by the offset. */
static void
test_change_windows(void **state)
{
	struct db *db = fx_open();
	struct record *p = fx_project(db, "LOKI", "Loki", NULL);
	struct change_list all = { 0 }, got = { 0 }, page = { 0 };
	struct change_query q = { .project = p->uuid, .limit = 4 };
	int64_t count = -1;
	size_t start;
	char sql[512];

	(void)state;
	/* 25 more entries, five to a second: ties in the time. */
	for (int i = 0; i < 25; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO change_log (uuid, at, who, "
			 "action, entity, record_uuid, project_uuid, field, "
			 "new_value) VALUES ('00000000-0000-4000-8000-%012d', "
			 "'2030-01-01T00:00:%02dZ', 'test', 'update', 'project', "
			 "'%s', '%s', 'name', 'n%d')", i, i / 5, p->uuid, p->uuid, i);
		assert_int_equal(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	assert_int_equal(store_changes(db, p->uuid, NULL, 0, &all, NULL), ERR_OK);
	assert_int_equal(store_change_count(db, p->uuid, &count, NULL), ERR_OK);
	assert_int_equal(count, (int64_t)all.count);
	assert_true(all.count > 25);
	for (;;) {
		size_t had = got.count;

		assert_int_equal(store_change_window(db, &q, &got, NULL), ERR_OK);
		if (got.count == had)
			break;
		assert_true(got.count - had <= 4);
		q.after = got.items[got.count - 1].id;
		if (got.count > all.count)
			fail_msg("runs past the end");
	}
	assert_int_equal(got.count, all.count);
	for (size_t i = 0; i < all.count; i++)
		assert_int_equal(got.items[i].id, all.items[i].id);
	/* From the oldest, then backward. */
	q = (struct change_query){ .project = p->uuid, .limit = 3, .from_end = true };
	assert_int_equal(store_change_window(db, &q, &page, NULL), ERR_OK);
	assert_int_equal(page.count, 3);
	start = all.count - 3;
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(page.items[i].id, all.items[start + i].id);
	while (start > 0) {
		struct change_list prev = { 0 };

		q = (struct change_query){ .project = p->uuid, .limit = 3,
					   .before = page.items[0].id };
		assert_int_equal(store_change_window(db, &q, &prev, NULL), ERR_OK);
		assert_true(prev.count > 0 && prev.count <= start);
		start -= prev.count;
		for (size_t i = 0; i < prev.count; i++)
			assert_int_equal(prev.items[i].id, all.items[start + i].id);
		change_list_clear(&page);
		page = prev;
	}
	/* By the offset, from either end; one entry by its id. */
	change_list_clear(&page);
	q = (struct change_query){ .project = p->uuid, .limit = 2, .offset = 7 };
	assert_int_equal(store_change_window(db, &q, &page, NULL), ERR_OK);
	assert_int_equal(page.items[0].id, all.items[7].id);
	assert_int_equal(page.items[1].id, all.items[8].id);
	change_list_clear(&page);
	q.from_end = true;
	assert_int_equal(store_change_window(db, &q, &page, NULL), ERR_OK);
	assert_int_equal(page.items[0].id, all.items[all.count - 9].id);
	assert_int_equal(page.items[1].id, all.items[all.count - 8].id);
	change_list_clear(&page);
	assert_int_equal(store_change_get(db, all.items[5].id, &page, NULL), ERR_OK);
	assert_string_equal(page.items[0].new_value, all.items[5].new_value);
	assert_int_equal(store_change_get(db, 999999, &page, NULL), ERR_NOT_FOUND);
	assert_int_equal(page.count, 1);
	assert_int_equal(store_change_window(db, NULL, &page, NULL), ERR_INVALID);
	change_list_clear(&page);
	change_list_clear(&got);
	change_list_clear(&all);
	record_free(&p);
	db_close(&db);
}

static void
drop(struct record *r)
{
	record_free(&r);
}

/* An organisation's screen reads its projects a role and a window at
 * a time: the same rows as store_org_projects, whichever way read. */
static void
test_org_project_windows(void **state)
{
	struct db *db = fx_open();
	struct record *org = fx_org(db, "Rahasto", NULL);
	struct record *other = fx_org(db, "Muu", NULL);
	struct org_project_rows all = { 0 };
	struct org_project_groups groups = { 0 };
	struct record *p[12];
	char code[16];

	(void)state;
	for (int i = 0; i < 12; i++) {
		snprintf(code, sizeof code, "%s-%02d", i % 3 ? "ÄKSÄ" : "Aa", 11 - i);
		p[i] = fx_project(db, code, code, NULL);
	}
	for (int i = 0; i < 12; i++) {
		drop(fx_role(db, p[i], org, i % 2 ? "partner" : "administrator"));
		if (i % 4 == 0)
			drop(fx_funding(db, p[i], org, 500, 100 * i));
		if (i % 4 == 1) {
			/* A role and a line: the line's row stands for it. */
			drop(fx_role(db, p[i], org, "funder"));
			drop(fx_funding(db, p[i], org, 0, 7));
			drop(fx_funding(db, p[i], org, 0, 8));
		}
		if (i % 4 == 2)
			drop(fx_role(db, p[i], org, "funder"));
		drop(fx_role(db, p[i], other, "partner"));
	}
	/* Two roles of one kind in one project: a tie in the code. */
	drop(fx_role(db, p[3], org, "partner"));

	assert_int_equal(store_org_projects(db, org->uuid, &all, NULL), ERR_OK);
	assert_int_equal(store_org_project_groups(db, org->uuid, 0, &groups, NULL),
			 ERR_OK);
	assert_int_equal(groups.count, 3);
	assert_string_equal(groups.items[0].role, "administrator");
	assert_int_equal(groups.items[0].count, 6);
	assert_string_equal(groups.items[1].role, "funder");
	assert_int_equal(groups.items[1].count, 9);
	assert_string_equal(groups.items[2].role, "partner");
	assert_int_equal(groups.items[2].count, 7);
	assert_true(groups.has_funds);
	assert_false(groups.funds_overflow);
	/* Lines 0 + 400 + 800 + 3 * (7 + 8); roles have no share. */
	assert_int_equal(groups.funds, 1245);
	assert_false(groups.partial);
	for (size_t g = 0; g < groups.count; g++) {
		assert_org_windows(db, org->uuid, groups.items[g].role, false, &all);
		assert_org_windows(db, org->uuid, groups.items[g].role, true, &all);
	}
	org_project_groups_clear(&groups);
	/* Its lines are for 6 projects: counted to a cap of 6, all of
	 * them; to 5 or 1, a bound (and the roles without lines), the
	 * funds not added up but known to be there, and the group walked
	 * (its rows not all sorted). */
	assert_int_equal(store_org_project_groups(db, org->uuid, 6, &groups, NULL),
			 ERR_OK);
	assert_false(groups.partial);
	assert_int_equal(groups.items[1].count, 9);
	assert_int_equal(groups.funds, 1245);
	org_project_groups_clear(&groups);
	for (int64_t cap = 1; cap <= 5; cap += 4) {
		assert_int_equal(store_org_project_groups(db, org->uuid, cap,
							  &groups, NULL), ERR_OK);
		assert_true(groups.partial);
		assert_int_equal(groups.count, 3);
		assert_string_equal(groups.items[1].role, "funder");
		assert_int_equal(groups.items[1].count, cap + 3);
		assert_true(groups.items[1].walk);
		assert_int_equal(groups.items[0].count, 6);
		assert_int_equal(groups.items[2].count, 7);
		assert_true(groups.has_funds);
		assert_false(groups.funds_overflow);
		assert_int_equal(groups.funds, 0);
		org_project_groups_clear(&groups);
	}
	org_project_rows_clear(&all);
	for (int i = 0; i < 12; i++)
		record_free(&p[i]);
	record_free(&org);
	record_free(&other);
	db_close(&db);
}

static void
add_deadline(struct db *db, const struct record *project, const char *kind,
	     const char *title, const char *due, bool done,
	     const char *cancelled)
{
	struct record *d = record_new(entities[ENT_DEADLINE]);

	record_set_text(d, DEADLINE_PROJECT, project->uuid);
	record_set_text(d, DEADLINE_KIND, kind);
	record_set_text(d, DEADLINE_TITLE, title);
	record_set_text(d, DEADLINE_DUE, due);
	if (done) {
		record_set_num(d, DEADLINE_DONE, 1);
		record_set_text(d, DEADLINE_DONE_DATE, "2024-01-02");
	}
	if (cancelled)
		record_set_text(d, DEADLINE_CANCELLED_DATE, cancelled);
	fx_insert(db, d);
	record_free(&d);
}

/* Every cached statement of the deadline window reads the index of
 * open deadlines; the count of all reads the index alone. */
static void
assert_deadline_plans(struct db *db)
{
	int seen = 0;

	for (size_t h = 0; h < DB_STMT_BUCKETS; h++)
		for (struct stmt_entry *e = db->stmts[h]; e; e = e->next) {
			sqlite3_stmt *plan;
			char *text;
			bool indexed = false;
			bool alone = strstr(e->sql, "SELECT (SELECT count(*)") != NULL;

			if (!strstr(e->sql, ":until"))
				continue;
			seen++;
			assert_true(asprintf(&text, "EXPLAIN QUERY PLAN %s",
					     e->sql) > 0);
			assert_int_equal(sqlite3_prepare_v2(db->sql, text, -1,
							    &plan, NULL),
					 SQLITE_OK);
			while (sqlite3_step(plan) == SQLITE_ROW) {
				const char *d = (const char *)
					sqlite3_column_text(plan, 3);

				if (strstr(d, alone ? "COVERING INDEX deadline_open"
						    : "INDEX deadline_open"))
					indexed = true;
				if (!strncmp(d, "SCAN d", 6) &&
				    !strstr(d, "deadline_open"))
					fail_msg("%s: %s", e->sql, d);
			}
			sqlite3_finalize(plan);
			free(text);
			if (!indexed)
				fail_msg("not through deadline_open: %s", e->sql);
		}
	assert_true(seen >= 5);
}

/* The deadline screen's window: open deadlines by due date and
 * project code, a page at a time, counted apart, searched in SQL. */
static void
test_deadline_window(void **state)
{
	struct portfolio *pf = *state;
	struct deadline_query q = { .today = "2024-01-15", .until = "2024-06-30" };
	struct deadline_rows dl = { 0 };
	int64_t overdue = -1, coming = -1, matching = -1, first, last;

	add_deadline(pf->db, pf->zeta, "payment", "Maksatus", "2024-01-10",
		     false, NULL);
	add_deadline(pf->db, pf->lumo, "report_due", "Väliraportti",
		     "2024-01-10", false, NULL);
	add_deadline(pf->db, pf->ot, "other", "Ohjausryhmä", "2024-02-01",
		     false, NULL);
	add_deadline(pf->db, pf->varikko, "decision_expected",
		     "Rahoituspäätös", "2024-01-10", false, NULL);
	add_deadline(pf->db, pf->kansa, "report_due", "Loppuraportti",
		     "2024-03-01", true, NULL);
	add_deadline(pf->db, pf->kansa, "other", "Peruttu", "2024-02-02",
		     false, "2024-01-05");
	add_deadline(pf->db, pf->ot, "payment", "Myöhäinen", "2025-01-01",
		     false, NULL);

	assert_int_equal(store_deadline_count(pf->db, &q, &overdue, &coming,
					      &matching, NULL), ERR_OK);
	assert_int_equal(overdue, 3);
	assert_int_equal(coming, 1);
	assert_int_equal(matching, 4);
	/* A horizon before today: all of it overdue. */
	assert_int_equal(store_deadline_count(pf->db, &(struct deadline_query){
			.today = "2024-03-01", .until = "2024-01-31" },
			&overdue, &coming, &matching, NULL), ERR_OK);
	assert_int_equal(overdue, 3);
	assert_int_equal(coming, 0);
	assert_int_equal(matching, 3);
	assert_int_equal(store_deadline_count(pf->db, &q, &overdue, &coming,
					      &matching, NULL), ERR_OK);
	assert_int_equal(store_deadline_page(pf->db, &q, &dl, NULL), ERR_OK);
	assert_int_equal(dl.count, 4);
	assert_string_equal(dl.items[0].project_code, "LUMO");
	assert_string_equal(dl.items[1].project_code, "VARIKKO");
	assert_string_equal(dl.items[2].project_code, "ÖLJY");
	assert_string_equal(dl.items[3].project_code, "OT");
	first = dl.items[0].id;
	last = dl.items[3].id;
	deadline_rows_clear(&dl);

	/* From the end, after a row, before a row: in the list's order. */
	q.limit = 2;
	q.from_end = true;
	assert_int_equal(store_deadline_page(pf->db, &q, &dl, NULL), ERR_OK);
	assert_int_equal(dl.count, 2);
	assert_string_equal(dl.items[0].project_code, "ÖLJY");
	assert_string_equal(dl.items[1].project_code, "OT");
	deadline_rows_clear(&dl);
	q.from_end = false;
	q.after = first;
	assert_int_equal(store_deadline_page(pf->db, &q, &dl, NULL), ERR_OK);
	assert_int_equal(dl.count, 2);
	assert_string_equal(dl.items[0].project_code, "VARIKKO");
	assert_string_equal(dl.items[1].project_code, "ÖLJY");
	deadline_rows_clear(&dl);
	q.after = 0;
	q.before = last;
	assert_int_equal(store_deadline_page(pf->db, &q, &dl, NULL), ERR_OK);
	assert_int_equal(dl.count, 2);
	assert_string_equal(dl.items[0].project_code, "VARIKKO");
	assert_string_equal(dl.items[1].project_code, "ÖLJY");
	deadline_rows_clear(&dl);
	q.before = 0;

	/* A window: only its rows are read. */
	q.offset = 1;
	q.limit = 2;
	assert_int_equal(store_deadline_page(pf->db, &q, &dl, NULL), ERR_OK);
	assert_int_equal(dl.count, 2);
	assert_string_equal(dl.items[0].project_code, "VARIKKO");
	assert_string_equal(dl.items[0].title, "Rahoituspäätös");
	assert_string_equal(dl.items[1].project_code, "ÖLJY");
	deadline_rows_clear(&dl);
	q.offset = q.limit = 0;

	/* Search: the title and the code case-folded, the kinds given;
	 * the overdue and coming counts stay those of all. */
	q.text = "RAPORT";
	assert_int_equal(store_deadline_count(pf->db, &q, &overdue, &coming,
					      &matching, NULL), ERR_OK);
	assert_int_equal(overdue, 3);
	assert_int_equal(coming, 1);
	assert_int_equal(matching, 1);
	assert_int_equal(store_deadline_page(pf->db, &q, &dl, NULL), ERR_OK);
	assert_int_equal(dl.count, 1);
	assert_string_equal(dl.items[0].title, "Väliraportti");
	deadline_rows_clear(&dl);
	q.text = "öl";
	assert_int_equal(store_deadline_page(pf->db, &q, &dl, NULL), ERR_OK);
	assert_int_equal(dl.count, 1);
	assert_string_equal(dl.items[0].project_code, "ÖLJY");
	deadline_rows_clear(&dl);
	q.text = "maksu";
	q.kinds = "payment,other";
	assert_int_equal(store_deadline_count(pf->db, &q, &overdue, &coming,
					      &matching, NULL), ERR_OK);
	assert_int_equal(matching, 2);
	assert_int_equal(store_deadline_page(pf->db, &q, &dl, NULL), ERR_OK);
	assert_int_equal(dl.count, 2);
	assert_string_equal(dl.items[0].title, "Maksatus");
	assert_string_equal(dl.items[1].title, "Ohjausryhmä");
	deadline_rows_clear(&dl);
	assert_deadline_plans(pf->db);
}

static int
count_step(void *arg)
{
	(*(int64_t *)arg)++;
	return 0;
}

/* Virtual-machine steps of counting every project: flat in their
 * number when SQLite counts from the b-tree rather than row by row. */
static int64_t
count_steps(struct db *db)
{
	struct project_query all = { 0 };
	int64_t matching = -1, total = -1, steps = 0;

	sqlite3_progress_handler(db->sql, 1, count_step, &steps);
	assert_int_equal(store_project_count(db, &all, &matching, &total, NULL),
			 ERR_OK);
	sqlite3_progress_handler(db->sql, 0, NULL, NULL);
	assert_int_equal(matching, total);
	assert_int_equal(total, fx_count(db, "SELECT count(*) FROM project"));
	return steps;
}

/* The start-up counts: the unfiltered count reads no row, whether
 * there is a project reads one. */
static void
test_start_counts(void **state)
{
	struct db *db = fx_open();
	bool any = true;
	int64_t few;

	(void)state;
	assert_int_equal(store_has_projects(db, &any, NULL), ERR_OK);
	assert_false(any);
	record_free((struct record *[]){ fx_project(db, "PIENI", "Pieni", NULL) });
	assert_int_equal(store_has_projects(db, &any, NULL), ERR_OK);
	assert_true(any);
	few = count_steps(db);
	for (int i = 0; i < 400; i++) {
		char code[16];

		snprintf(code, sizeof code, "P%03d", i);
		record_free((struct record *[]){ fx_project(db, code, "Iso", NULL) });
	}
	assert_int_equal(count_steps(db), few);
	db_close(&db);
}

/* Rows [start, start + n) of the list q describes, read by offset,
 * from the end, and after (before) the row next to them: the same ids
 * in the same order, whatever the sort, its direction and the filter. */
static void
check_window(struct db *db, const struct project_query *base, int64_t total,
	     int64_t start, int64_t n)
{
	struct project_query q = *base;
	struct project_rows by_offset = { 0 }, other = { 0 }, edge = { 0 };

	q.offset = start;
	q.limit = n;
	assert_int_equal(store_project_list(db, &q, &by_offset, NULL), ERR_OK);
	assert_int_equal((int64_t)by_offset.count, n);

	q = *base;
	q.from_end = true;
	q.offset = total - start - n;
	q.limit = n;
	assert_int_equal(store_project_list(db, &q, &other, NULL), ERR_OK);
	assert_int_equal(other.count, by_offset.count);
	for (size_t i = 0; i < other.count; i++)
		assert_int_equal(other.items[i].id, by_offset.items[i].id);
	project_rows_clear(&other);

	for (int side = 0; side < 2; side++) {
		int64_t at = side ? start + n : start - 1;

		if (at < 0 || at >= total)
			continue;
		q = *base;
		q.offset = at;
		q.limit = 1;
		assert_int_equal(store_project_list(db, &q, &edge, NULL), ERR_OK);
		q = *base;
		q.offset = start;
		q.limit = n;
		if (side)
			q.before = edge.items[0].id;
		else
			q.after = edge.items[0].id;
		project_rows_clear(&edge);
		assert_int_equal(store_project_list(db, &q, &other, NULL), ERR_OK);
		assert_int_equal(other.count, by_offset.count);
		for (size_t i = 0; i < other.count; i++)
			assert_int_equal(other.items[i].id, by_offset.items[i].id);
		project_rows_clear(&other);
		/* The same row, with the offset counted from the end for a
		 * list that cannot read from a row. */
		q.from_end = true;
		q.offset = total - start - n;
		assert_int_equal(store_project_list(db, &q, &other, NULL), ERR_OK);
		assert_int_equal(other.count, by_offset.count);
		for (size_t i = 0; i < other.count; i++)
			assert_int_equal(other.items[i].id, by_offset.items[i].id);
		project_rows_clear(&other);
	}
	project_rows_clear(&by_offset);
}

static void
test_keyset_windows(void **state)
{
	struct db *db = fx_open();
	static const char *const names[] = { "Åbo", "Aalto", "Öljy", "aalto",
					     "Zeta", "Ämpäri", "Beta", "beta" };

	(void)state;
	for (int i = 0; i < 120; i++) {
		char code[16], name[32];

		/* Codes in an order of their own, names with ties. */
		snprintf(code, sizeof code, "%s%03d",
			 (const char *[]){ "K", "B", "Ä", "A", "Ö" }[i % 5],
			 (i * 37) % 120);
		snprintf(name, sizeof name, "%s", names[i % 8]);
		if (i % 4) {
			record_free((struct record *[]){ fx_project(db, code, name,
						i % 3 ? "active" : "idea") });
			continue;
		}
		/* A quarter dated (with ties), for the order by start:
		 * the undated last either way, also read from the end. */
		struct record *p = record_new(entities[ENT_PROJECT]);
		char day[11];

		snprintf(day, sizeof day, "20%02d-01-01", 10 + i % 7);
		record_set_text(p, PROJECT_CODE, code);
		record_set_text(p, PROJECT_NAME, name);
		record_set_text(p, PROJECT_STATUS, i % 3 ? "active" : "idea");
		record_set_text(p, i % 8 ? PROJECT_PLANNED_START : PROJECT_ACTUAL_END, day);
		fx_insert(db, p);
		record_free(&p);
	}
	for (int sort = 0; sort < SORT_COUNT; sort++)
		for (int desc = 0; desc < 2; desc++) {
			struct project_query q = { .sort = sort, .descending = desc };

			check_window(db, &q, 120, 0, 30);
			check_window(db, &q, 120, 30, 30);
			check_window(db, &q, 120, 61, 30);
			check_window(db, &q, 120, 90, 30);
			q.statuses[0] = "active";
			check_window(db, &q, 80, 20, 25);
			check_window(db, &q, 80, 55, 25);
		}
	db_close(&db);
}

/* A project with these dates (NULL: none), freed at once. */
static void
dated(struct db *db, const char *code, const char *start, const char *end)
{
	struct record *p = record_new(entities[ENT_PROJECT]);

	record_set_text(p, PROJECT_CODE, code);
	record_set_text(p, PROJECT_NAME, code);
	record_set_text(p, PROJECT_STATUS, "active");
	if (start)
		record_set_text(p, PROJECT_PLANNED_START, start);
	if (end)
		record_set_text(p, PROJECT_ACTUAL_END, end);
	fx_insert(db, p);
	record_free(&p);
}

/* The timeline's span: the earliest and latest of any start or end. */
static void
test_project_span(void **state)
{
	struct db *db = fx_open();
	char first[11], last[11];

	(void)state;
	assert_int_equal(store_project_span(db, first, last, NULL), ERR_OK);
	assert_string_equal(first, "");
	assert_string_equal(last, "");
	dated(db, "UNDATED", NULL, NULL);
	assert_int_equal(store_project_span(db, first, last, NULL), ERR_OK);
	assert_string_equal(first, "");
	dated(db, "A", "2019-05-01", NULL);
	dated(db, "ENDONLY", NULL, "2018-03-01");
	dated(db, "C", "2020-01-01", "2031-12-31");
	assert_int_equal(store_project_span(db, first, last, NULL), ERR_OK);
	assert_string_equal(first, "2018-03-01");
	assert_string_equal(last, "2031-12-31");
	dated(db, "STARTONLY", "2033-01-01", NULL);
	assert_int_equal(store_project_span(db, first, last, NULL), ERR_OK);
	assert_string_equal(last, "2033-01-01");
	db_close(&db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sorts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_contents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ranked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deadlines_and_orgs, setup, teardown),
		cmocka_unit_test(test_start_counts),
		cmocka_unit_test(test_keyset_windows),
		cmocka_unit_test(test_project_span),
		cmocka_unit_test(test_org_project_windows),
		cmocka_unit_test(test_change_windows),
		cmocka_unit_test_setup_teardown(test_deadline_window, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
