/* SPDX-License-Identifier: EUPL-1.2 */
/* store_query.c — the project table: one page of projects, and counts.
 *
 * A page costs the page, not the portfolio.  Its ids are chosen first,
 * reading projects in the order of the index on the sort key with
 * LIMIT/OFFSET; only those rows then look up their administrator and
 * main funder by key, in correlated subqueries.  Filters that name few
 * projects (words, a funder, a partner) are read through their own
 * indexes instead when that is cheaper (choose_plan).  Sorting by
 * administrator or funder has no index and sorts every match. */
#include "config.h"

#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/i18n.h"

#define ORG_LABEL "coalesce(o.short_name, o.name)"

#define ADMINISTRATOR_SQL \
	"(SELECT " ORG_LABEL " FROM project_role r JOIN organisation o " \
	"ON o.uuid = r.organisation WHERE r.project = p.uuid " \
	"AND r.role = 'administrator' ORDER BY r.id LIMIT 1)"

/* The funding line with the largest grant, else the largest application
 * (NULL sorts lowest): the first entry of the index funding_project read
 * backwards, so that no row is sorted; ties go by that index too.
 * Without funding lines, an organisation in the funder role. */
#define FUNDER_SQL \
	"coalesce((SELECT " ORG_LABEL " FROM funding f JOIN organisation o " \
	"ON o.uuid = f.funder WHERE f.project = p.uuid ORDER BY " \
	"f.granted DESC, f.applied DESC, f.funder DESC, f.id DESC LIMIT 1), " \
	"(SELECT " ORG_LABEL " FROM project_role r JOIN organisation o " \
	"ON o.uuid = r.organisation WHERE r.project = p.uuid " \
	"AND r.role = 'funder' ORDER BY r.id LIMIT 1))"

#define START_SQL "coalesce(p.actual_start, p.planned_start)"
#define END_SQL "coalesce(p.actual_end, p.planned_end)"
/* The expression of the index project_start (migration 12). */
#define DATED_SQL \
	"coalesce(p.actual_start, p.planned_start, p.actual_end, p.planned_end)"

/* Whether a project is active at some time in the period :from .. :to.
 * Its span is its dates (actual, else planned); a missing start is the
 * first entry of its status history, a missing end that of the last
 * when it has ended (closed, cancelled, withdrawn, rejected) or is still
 * an idea (an idea noted once does not run on by itself), else open.
 * A project without dates or history is active in no period.  Besides
 * its span, a project is active in a period in which its status
 * changed, a deadline of it was due or met, or a funding line of it was
 * applied for, decided or is for. */
#define TERMINAL_SQL "('closed', 'cancelled', 'withdrawn', 'rejected')"
#define SPAN_START_SQL \
	"coalesce(p.actual_start, p.planned_start, (SELECT min(s.date) " \
	"FROM status_change s WHERE s.project = p.uuid))"
#define SPAN_END_SQL \
	"coalesce(p.actual_end, p.planned_end, CASE WHEN p.status IN " \
	TERMINAL_SQL " OR p.status = 'idea' THEN (SELECT max(s.date) FROM status_change s " \
	"WHERE s.project = p.uuid) END)"
#define ACTIVE_SQL \
	"((" SPAN_START_SQL " IS NOT NULL OR " SPAN_END_SQL " IS NOT NULL) " \
	"AND coalesce(" SPAN_START_SQL " <= :period_to, 1) " \
	"AND coalesce(" SPAN_END_SQL " >= :period_from, 1) " \
	"OR EXISTS (SELECT 1 FROM status_change s WHERE s.project = p.uuid " \
	"AND s.date BETWEEN :period_from AND :period_to) " \
	"OR EXISTS (SELECT 1 FROM deadline d WHERE d.project = p.uuid " \
	"AND (d.due BETWEEN :period_from AND :period_to " \
	"OR d.done_date BETWEEN :period_from AND :period_to)) " \
	"OR EXISTS (SELECT 1 FROM funding f WHERE f.project = p.uuid " \
	"AND (f.applied_date BETWEEN :period_from AND :period_to " \
	"OR f.decision_date BETWEEN :period_from AND :period_to " \
	"OR f.year BETWEEN CAST(substr(:period_from, 1, 4) AS INTEGER) " \
	"AND CAST(substr(:period_to, 1, 4) AS INTEGER))))"

/* Parameters of the filters: statuses take ?10 .. ?25. */
#define STATUS_PARAM 10
#define MAX_STATUSES 16

static int
out_of_memory(struct error *err)
{
	return error_set(err, ERR_FAILED, NULL, _("out of memory"));
}

/* "CASE <column> WHEN 'key0' THEN 0 ... END": the order of an enum
 * table.  Keys come from the static tables of src/entity.c. */
static void
put_rank(FILE *f, const char *column, const struct enum_def *enums)
{
	fprintf(f, "CASE %s", column);
	for (size_t i = 0; enums[i].key; i++)
		fprintf(f, " WHEN '%s' THEN %zu", enums[i].key, i);
	fputs(" END", f);
}

/* The sort key, its direction left to the caller; backwards: for a
 * window read from the end. */
static void
put_sort(FILE *f, enum project_sort sort, bool backwards)
{
	switch (sort) {
	case SORT_NAME:
		fputs("p.name_sort", f);
		break;
	case SORT_STATUS:
		/* The same expression as the index project_status. */
		put_rank(f, "status", project_statuses);
		break;
	case SORT_ADMINISTRATOR:
		fputs("salkku_sort_key(" ADMINISTRATOR_SQL ")", f);
		break;
	case SORT_FUNDER:
		fputs("salkku_sort_key(" FUNDER_SQL ")", f);
		break;
	case SORT_START:
		/* By start, else end (where the timeline draws it);
		 * projects without dates last, either way, so first when
		 * read from the end (the index project_start in reverse). */
		fprintf(f, DATED_SQL " IS NULL%s, " DATED_SQL,
			backwards ? " DESC" : "");
		break;
	case SORT_END:
		fputs(END_SQL, f);
		break;
	case SORT_BUDGET:
		fputs("p.budget", f);
		break;
	case SORT_CODE:
	case SORT_COUNT:
	default:
		fputs("p.code_sort", f);
		break;
	}
}

/* bm25 weights of the columns of project_words (code, name, description,
 * notes, organisations): a word in the code or name says far more of
 * what a project is than one in a note. */
#define RELEVANCE_SQL "bm25(project_words, 10.0, 10.0, 2.0, 1.0, 1.0)"

/* A project whose code or name is what was typed, in any case. */
#define EXACT_SQL \
	"(p.code = :exact COLLATE fold OR p.name = :exact COLLATE fold)"

/* How a statement reads the projects. */
enum plan {
	PLAN_COUNT,     /* count: any index may serve a filter */
	PLAN_DRIVE,     /* a page, from the few projects a filter names */
	PLAN_IN_ORDER,  /* a page, in the sort key's index order */
	/* As PLAN_IN_ORDER, with only the matches of the lowest ids read:
	 * a project past them is asked of the full-text index itself. */
	PLAN_WALK,
	PLAN_RANKED,    /* a page, the best matches of the words first */
};

/* The list's order, or (backwards) its reverse: a window counted from
 * the end, or before a row, is read backwards and put in order again
 * outside. */
static void
put_order(FILE *f, const struct project_query *q, const char *ranked,
	  bool backwards)
{
	const char *up = backwards ? " DESC" : "", *down = backwards ? "" : " DESC";
	const char *dir = q->descending ? down : up;

	fputs(" ORDER BY ", f);
	if (ranked)
		fprintf(f, "%sexact%s, %sscore%s, ", ranked, down, ranked, up);
	put_sort(f, q->sort, backwards);
	fprintf(f, "%s, p.id%s", dir, dir);
}

/* Whether q's window can be read from a row by keyset: a sort key that
 * is never NULL, with its index (code, name), and no ranking. */
static bool
keyset(const struct project_query *q, enum plan plan)
{
	return (q->after || q->before) && plan != PLAN_RANKED &&
	       plan != PLAN_COUNT &&
	       (q->sort == SORT_CODE || q->sort == SORT_NAME);
}

/* The rows after (before) the row q names, in the list's order. */
static void
put_keyset(FILE *f, const struct project_query *q)
{
	bool later = q->after != 0;
	const char *col = q->sort == SORT_NAME ? "name_sort" : "code_sort";

	fprintf(f, " AND (p.%s, p.id) %c (SELECT k.%s, k.id FROM project k "
		"WHERE k.id = :from)", col, later != q->descending ? '>' : '<',
		col);
}

/* From a row when the order allows, else from the end when asked. */
static bool
backwards(const struct project_query *q, enum plan plan)
{
	return keyset(q, plan) ? q->before != 0 : q->from_end;
}


/* The WHERE clause of q.  In a page's statement the status test is kept
 * off the status index ("+p.status"), so that the page is read in the
 * sort key's order until it is full rather than every project of those
 * statuses being sorted; with PLAN_IN_ORDER so are the tests naming
 * projects by organisation or by words. */
static void
put_filters(FILE *f, const struct project_query *q, bool text, enum plan plan)
{
	const char *off = plan == PLAN_IN_ORDER || plan == PLAN_WALK ? "+" : "";

	fputs(" WHERE 1", f);
	if (q->statuses[0]) {
		fprintf(f, " AND %sp.status IN (", plan == PLAN_COUNT ? "" : "+");
		for (int i = 0; i < MAX_STATUSES; i++)
			fprintf(f, "%s?%d", i ? ", " : "", STATUS_PARAM + i);
		fputs(")", f);
	}
	/* The organisation's projects are gathered once through its own
	 * indexes; an EXISTS per project would search by organisation too
	 * and cost its whole list for every project. */
	if (q->funder)
		fprintf(f, " AND %sp.uuid IN (SELECT f.project FROM funding f "
			"WHERE f.funder = :funder UNION ALL SELECT r.project "
			"FROM project_role r WHERE r.organisation = :funder "
			"AND r.role = 'funder')", off);
	if (q->partner)
		fprintf(f, " AND %sp.uuid IN (SELECT r.project FROM project_role r "
			"WHERE r.organisation = :partner)", off);
	if (q->theme)
		fputs(" AND salkku_has_item(p.themes, :theme)", f);
	if (q->year || q->from || q->to)
		fputs(" AND " ACTIVE_SQL, f);
	/* In order, the page walks the sort key's index and asks the
	 * search's bitmap of each project (db_hits.c); past the ids it
	 * holds (NULL), the index, by rowid, some tens of microseconds. */
	if (text && plan == PLAN_IN_ORDER)
		fputs(" AND salkku_hit(p.id)", f);
	else if (text && plan == PLAN_WALK)
		fputs(" AND coalesce(salkku_hit(p.id), EXISTS (SELECT 1 FROM "
		      "project_words w WHERE w.rowid = p.id AND "
		      "project_words MATCH :text))", f);
	else if (text && plan != PLAN_RANKED)
		fputs(" AND p.id IN (SELECT rowid FROM project_words "
		      "WHERE project_words MATCH :text)", f);
}

static void
bind_named(sqlite3_stmt *st, const char *name, const char *value)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
}

/* What was typed, without the white space around it, for EXACT_SQL. */
static void
bind_exact(sqlite3_stmt *st, const char *text)
{
	int i = sqlite3_bind_parameter_index(st, ":exact");
	size_t len;

	if (i <= 0 || !text)
		return;
	text += strspn(text, " \t\r\n");
	len = strlen(text);
	while (len && strchr(" \t\r\n", text[len - 1]))
		len--;
	sqlite3_bind_text(st, i, text, (int)len, SQLITE_TRANSIENT);
}

static void
bind_filters(sqlite3_stmt *st, const struct project_query *q, const char *text)
{
	char from[16], to[16];

	/* Unused status slots stay NULL, which equals nothing. */
	for (int i = 0; i < MAX_STATUSES && q->statuses[i]; i++)
		db_bind_text(st, STATUS_PARAM + i, q->statuses[i]);
	bind_named(st, ":funder", q->funder);
	bind_named(st, ":partner", q->partner);
	bind_named(st, ":theme", q->theme);
	bind_named(st, ":text", text);
	bind_exact(st, q->text);
	if (q->year) {
		snprintf(from, sizeof from, "%04d-01-01", q->year);
		snprintf(to, sizeof to, "%04d-12-31", q->year);
	} else {
		snprintf(from, sizeof from, "%s", q->from ? q->from : "0000-01-01");
		snprintf(to, sizeof to, "%s", q->to ? q->to : "9999-12-31");
	}
	bind_named(st, ":period_from", from);
	bind_named(st, ":period_to", to);
}

/* Whether a ranked page can read of each match only what the index
 * project_hit holds (migration 18): its filters and its sort need no
 * more than the status, the code's sort key, the code and the name.
 * SQLite, left to choose, reads each match's row by its rowid. */
static bool
hit_index_covers(struct db *db, const struct project_query *q)
{
	return !q->funder && !q->partner && !q->theme && !q->year && !q->from &&
	       !q->to && (q->sort == SORT_CODE || q->sort == SORT_STATUS) &&
	       db_schema_version(db) >= DB_SCHEMA_HIT;
}

/* The statement for q: the SQL text depends only on which filters are
 * set, the sort and the plan, so the cache holds a handful of shapes. */
static sqlite3_stmt *
list_stmt(struct db *db, const struct project_query *q, bool text,
	  enum plan plan, struct error *err)
{
	sqlite3_stmt *st;
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);

	if (!f) {
		out_of_memory(err);
		return NULL;
	}
	if (plan == PLAN_COUNT) {
		fputs("SELECT count(*) FROM project p", f);
		put_filters(f, q, text, plan);
	} else {
		/* The page is chosen first, by id alone; only its rows then
		 * pay for the administrator and funder lookups, whichever
		 * plan SQLite picks for the filters. */
		bool ranked = plan == PLAN_RANKED;

		fprintf(f, "SELECT p.id, p.uuid, p.version, p.code, p.name, "
			"p.status, %s, %s, " START_SQL ", " END_SQL ", p.budget "
			"FROM (SELECT p.id AS page_id",
			q->no_administrator ? "NULL" : ADMINISTRATOR_SQL,
			q->no_funder ? "NULL" : FUNDER_SQL);
		/* Ranked, the matches and their scores come from one read
		 * of the index, joined to their projects. */
		if (ranked)
			fprintf(f, ", " EXACT_SQL " AS exact, hit.score AS score "
				"FROM (SELECT rowid AS id, " RELEVANCE_SQL " AS score "
				"FROM project_words WHERE project_words MATCH :text) "
				"AS hit JOIN project p%s ON p.id = hit.id",
				hit_index_covers(db, q) ? " INDEXED BY project_hit" : "");
		else
			fputs(" FROM project p", f);
		put_filters(f, q, text, plan);
		if (keyset(q, plan))
			put_keyset(f, q);
		put_order(f, q, ranked ? "" : NULL, backwards(q, plan));
		fputs(" LIMIT :limit OFFSET :offset) AS page "
		      "JOIN project p ON p.id = page.page_id", f);
		put_order(f, q, ranked ? "page." : NULL, false);
	}
	if (fclose(f) != 0) {
		free(sql);
		out_of_memory(err);
		return NULL;
	}
	st = db_prepare(db, sql, err);
	free(sql);
	return st;
}

/* The fewest projects one of the filters that name projects directly
 * (words, funder, partner) lets through, counted through their own
 * indexes (the words: the search's hits, already read); -1 when there
 * is none of them.  *words gets the count of the words alone (-1
 * without them). */
static int64_t
named_projects(struct db *db, const struct project_query *q, const char *text,
	       int64_t *words)
{
	static const char *const sql[] = {
		NULL,
		"SELECT (SELECT count(*) FROM funding WHERE funder = ?1) + "
		"(SELECT count(*) FROM project_role WHERE organisation = ?1 "
		"AND role = 'funder')",
		"SELECT count(*) FROM project_role WHERE organisation = ?1",
	};
	const char *arg[] = { text, q->funder, q->partner };
	int64_t fewest = -1;

	*words = text ? db->hits.count : -1;
	fewest = *words;
	for (size_t i = 1; i < 3; i++) {
		sqlite3_stmt *st;
		int64_t n;

		if (!arg[i] || !(st = db_prepare(db, sql[i], NULL)))
			continue;
		db_bind_text(st, 1, arg[i]);
		n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
		db_done(st);
		if (n >= 0 && (fewest < 0 || n < fewest))
			fewest = n;
	}
	return fewest;
}

/* SQLite, knowing nothing of how many projects a filter names, starts
 * from those projects and sorts them all.  That is right for a few
 * hundred, wrong for half the portfolio: then reading the sort key's
 * index until the page is full costs far less.  Reading in order wins
 * roughly when n * n > (offset + limit) * total.
 *
 * Ranking scores every match, reading its words' statistics and what
 * project_hit holds of it: 2 to 4 microseconds each from 10,000 to
 * 100,000 projects, so that up to RANK_MAX matches a typed letter stays
 * under 5 ms (5,000 took 18 ms at 100,000).  Beyond, as while the first
 * letters of a word are typed, the matches come in the sort order. */
#define RANK_MAX 1000

static enum plan
choose_plan(struct db *db, const struct project_query *q, const char *text)
{
	int64_t n, words, total = 0, need;

	/* Left incomplete only when walking was the cheaper (search_hits). */
	if (text && !db->hits.complete)
		return PLAN_WALK;
	n = named_projects(db, q, text, &words);
	if (text && q->by_relevance && words >= 0 && words <= RANK_MAX)
		return PLAN_RANKED;
	if (q->sort == SORT_ADMINISTRATOR || q->sort == SORT_FUNDER || n < 0 ||
	    db_query_int(db, "SELECT max(id) FROM project", &total, NULL))
		return PLAN_DRIVE;
	/* From a row, a window needs only its own rows. */
	need = !q->limit ? total
	       : (q->after || q->before ? 0 : q->offset) + q->limit;
	return (double)n * (double)n > (double)need * (double)total
	       ? PLAN_IN_ORDER : PLAN_DRIVE;
}

/* The rows a list reads first: a screen with a screen's margin either
 * side (ui/rows.c), which a quick count plans for. */
#define FIRST_PAGE 100

/* The rows a list of q reads: the window, and those it skips to reach
 * it unless it starts from a row (keyset); 0 for all of them. */
static int64_t
list_need(const struct project_query *q)
{
	if (!q->limit)
		return 0;
	return (q->after || q->before) && (q->sort == SORT_CODE ||
					   q->sort == SORT_NAME)
	       ? q->limit : q->offset + q->limit;
}

/* No filter but the words. */
static bool
words_alone(const struct project_query *q)
{
	return !q->statuses[0] && !q->funder && !q->partner && !q->theme &&
	       !q->year && !q->from && !q->to;
}

/* A search reads first the matches of the lowest ids, up to one more
 * than HITS_FIRST (a fraction of a millisecond).  That many, and not
 * only as many as are ranked: the searches between the two are then
 * counted and listed from the bitmap, and a walk (PLAN_WALK) reaches
 * the projects past the ids read, each asked of the index in a search
 * of its own, only far down the list.  With 1,001 read, a page of
 * "sijaishuollon" took 100 ms at 100,000 projects, against 12 ms
 * (before db_terms.c made such a search of its own cheaper). */
#define HITS_FIRST 5000

/* The hits a list of `need` rows (0: all of them) or a count of text
 * needs.  The matches of the lowest ids come first (HITS_FIRST): when
 * they are all there are, the search is exact and cheap.  Else, when
 * they are dense and only a page is wanted, the page walks the sort
 * key's index (PLAN_WALK), which costs the page and not the matches
 * (first letters match nearly every project); otherwise every match
 * is read. */
static int
search_hits(struct db *db, const struct project_query *q, const char *text,
	    int64_t need, struct error *err)
{
	const struct hit_set *h = &db->hits;
	bool walkable = need > 0 && words_alone(q) &&
			(q->sort == SORT_CODE || q->sort == SORT_NAME);
	int rc;

	if (!walkable)
		return db_hits_read(db, text, 0, err);
	if ((rc = db_hits_read(db, text, HITS_FIRST + 1, err)) || h->complete ||
	    db_hits_walk(h->count, h->known, h->max_id, need))
		return rc;
	return db_hits_read(db, text, 0, err);
}

static int
check_query(struct db *db, const struct project_query *q, struct error *err)
{
	if (!db || !q)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (q->limit < 0 || q->offset < 0)
		return error_set(err, ERR_INVALID, "limit",
				 _("limit and offset cannot be negative"));
	if (q->year && (q->year < 1000 || q->year > 9999))
		return error_set(err, ERR_INVALID, "year",
				 _("year: %d is not a year"), q->year);
	return ERR_OK;
}

static int
push_row(struct project_rows *out, sqlite3_stmt *st)
{
	struct project_row *r;
	bool oom = false;

	if (out->count == out->capacity) {
		size_t cap = out->capacity ? out->capacity * 2 : 64;
		struct project_row *items = realloc(out->items, cap * sizeof *items);

		if (!items)
			return -1;
		out->items = items;
		out->capacity = cap;
	}
	r = &out->items[out->count];
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	db_column_copy(st, 1, r->uuid, sizeof r->uuid);
	r->version = sqlite3_column_int64(st, 2);
	r->code = db_column_strdup(st, 3, &oom);
	r->name = db_column_strdup(st, 4, &oom);
	r->status = db_column_strdup(st, 5, &oom);
	r->administrator = db_column_strdup(st, 6, &oom);
	r->funder = db_column_strdup(st, 7, &oom);
	r->start = db_column_strdup(st, 8, &oom);
	r->end = db_column_strdup(st, 9, &oom);
	r->has_budget = sqlite3_column_type(st, 10) != SQLITE_NULL;
	r->budget = sqlite3_column_int64(st, 10);
	out->count++;
	return oom ? -1 : 0;
}

/* The FTS5 query for what was typed, on an index brought up to date
 * first: writes since the last search, salkku's own or another tool's,
 * are in words_pending.  A refresh that fails (the database busy)
 * leaves the search to the index as it is. */
static char *
search_query(struct db *db, const char *typed, struct error *err)
{
	db_fts_refresh(db, true, NULL);
	return db_fts_query(db, typed, err);
}

void
store_search_ready(struct db *db)
{
	if (!db)
		return;
	db_fts_refresh(db, true, NULL);
	/* A reader's refresh stops short of the analysers. */
	db_fts_analyser(db);
}

/* Only white space: no search typed at all. */
static bool
blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return !*s;
}

int
store_text_searchable(struct db *db, const char *text, bool *any,
		      struct error *err)
{
	char *query;

	if (!db || !text || !any)
		return error_set(err, ERR_INVALID, NULL,
				 _("internal error: missing argument"));
	if (!(query = db_fts_query(db, text, err)))
		return err ? err->code : ERR_FAILED;
	*any = *query != '\0';
	free(query);
	return ERR_OK;
}

int
store_project_ranked(struct db *db, const struct project_query *q,
		     bool *ranked, struct error *err)
{
	char *text;
	int rc;

	if (!ranked)
		return check_query(NULL, q, err);
	*ranked = false;
	if ((rc = check_query(db, q, err)))
		return rc;
	if (!q->text || !q->by_relevance)
		return ERR_OK;
	if (!(text = search_query(db, q->text, err)))
		return err ? err->code : ERR_FAILED;
	if (*text && !(rc = search_hits(db, q, text, FIRST_PAGE, err)))
		*ranked = choose_plan(db, q, text) == PLAN_RANKED;
	free(text);
	return rc;
}

int
store_project_list(struct db *db, const struct project_query *q,
		   struct project_rows *out, struct error *err)
{
	sqlite3_stmt *st = NULL;
	char *text = NULL;
	int rc, src;

	if (!out)
		return check_query(NULL, q, err);
	if ((rc = check_query(db, q, err)))
		return rc;
	if (q->text && !(text = search_query(db, q->text, err)))
		return err ? err->code : ERR_FAILED;
	if (text && !*text) {
		free(text);
		/* Nothing typed: no filter.  Only punctuation (or bytes
		 * that are not text): nothing can match. */
		if (!blank(q->text))
			return ERR_OK;
		text = NULL;
	}
	if (db_cancel_arm(db, text != NULL || q->yielding)) {
		rc = error_set(err, ERR_DATABASE, NULL, "%s",
			       _("cannot list the projects"));
		goto out;
	}
	if (text && (rc = search_hits(db, q, text, list_need(q), err)))
		goto out;
	rc = ERR_DATABASE;
	if (!(st = list_stmt(db, q, text != NULL, choose_plan(db, q, text), err)))
		goto out;
	bind_filters(st, q, text);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":limit"),
			   q->limit ? q->limit : -1);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":offset"),
			   sqlite3_bind_parameter_index(st, ":from") ? 0 : q->offset);
	if (sqlite3_bind_parameter_index(st, ":from"))
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":from"),
				   q->after ? q->after : q->before);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (push_row(out, st) < 0) {
			rc = out_of_memory(err);
			goto out;
		}
	}
	if (src != SQLITE_DONE) {
		db_fail(db, err, _("cannot list the projects"));
		goto out;
	}
	rc = ERR_OK;
out:
	db_cancel_disarm(db);
	db_done(st);
	free(text);
	return rc;
}

int
store_project_span(struct db *db, char first[11], char last[11],
		   struct error *err)
{
	/* Each read from an end of its index: the first of project_start
	 * among the dated (its leading column fixed), the last of it and
	 * the last of project_end.  An ORDER BY mixing directions would
	 * sort the whole table instead. */
	sqlite3_stmt *st = db_prepare(db,
		"SELECT (SELECT " DATED_SQL " FROM project p WHERE " DATED_SQL
		" IS NULL = 0 ORDER BY " DATED_SQL " LIMIT 1), "
		"(SELECT " DATED_SQL " FROM project p WHERE " DATED_SQL
		" IS NULL = 0 ORDER BY " DATED_SQL " DESC LIMIT 1), "
		"(SELECT max(" END_SQL ") FROM project p)", err);
	char end[11];

	first[0] = last[0] = '\0';
	if (!st)
		return err ? err->code : ERR_DATABASE;
	if (sqlite3_step(st) != SQLITE_ROW) {
		int rc = db_fail(db, err, _("cannot list the projects"));

		db_done(st);
		return rc;
	}
	db_column_copy(st, 0, first, 11);
	db_column_copy(st, 1, last, 11);
	db_column_copy(st, 2, end, sizeof end);
	if (strcmp(end, last) > 0)
		memcpy(last, end, sizeof end);
	db_done(st);
	return ERR_OK;
}

/* The count of q; need > 0: one for a list whose first `need` rows
 * are read next, which a search with many matches may leave capped
 * (*more). */
static int
count_projects(struct db *db, const struct project_query *q, int64_t need,
	       int64_t *matching, bool *more, int64_t *total,
	       struct error *err)
{
	sqlite3_stmt *st = NULL;
	char *text = NULL;
	int rc;

	*more = false;
	if ((rc = check_query(db, q, err)) ||
	    (rc = db_query_int(db, TALLY_PROJECTS_SQL, total, err)))
		return rc;
	/* Without a filter the matching projects are all of them: a second
	 * count through "WHERE 1" would scan the table, as SQLite counts
	 * from the b-tree only a count(*) with no WHERE at all. */
	if (!q->statuses[0] && !q->funder && !q->partner && !q->theme &&
	    !q->year && !q->from && !q->to && !q->text) {
		*matching = *total;
		return ERR_OK;
	}
	if (q->text && !(text = search_query(db, q->text, err)))
		return err ? err->code : ERR_FAILED;
	if (text && !*text) {
		free(text);
		if (!blank(q->text)) {
			*matching = 0;
			return ERR_OK;
		}
		text = NULL;
	}
	if (db_cancel_arm(db, text != NULL)) {
		rc = error_set(err, ERR_DATABASE, NULL, "%s",
			       _("cannot list the projects"));
		goto out;
	}
	if (text && (rc = search_hits(db, q, text, need, err)))
		goto out;
	/* The words alone: their matches are counted already, or more
	 * than HITS_FIRST are (a walk's hits: search_hits). */
	if (text && words_alone(q)) {
		*more = !db->hits.complete;
		*matching = *more ? HITS_FIRST : db->hits.count;
		rc = ERR_OK;
		goto out;
	}
	rc = ERR_DATABASE;
	if (!(st = list_stmt(db, q, text != NULL, PLAN_COUNT, err)))
		goto out;
	bind_filters(st, q, text);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(db, err, _("cannot count the projects"));
		goto out;
	}
	*matching = sqlite3_column_int64(st, 0);
	rc = ERR_OK;
out:
	db_cancel_disarm(db);
	db_done(st);
	free(text);
	return rc;
}

int
store_project_count(struct db *db, const struct project_query *q,
		    int64_t *matching, int64_t *total, struct error *err)
{
	bool more;

	if (!matching || !total)
		return check_query(NULL, q, err);
	return count_projects(db, q, 0, matching, &more, total, err);
}

int
store_project_count_quick(struct db *db, const struct project_query *q,
			  int64_t *matching, bool *more, int64_t *total,
			  struct error *err)
{
	if (!matching || !more || !total)
		return check_query(NULL, q, err);
	return count_projects(db, q, FIRST_PAGE, matching, more, total, err);
}
