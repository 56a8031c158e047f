/* SPDX-License-Identifier: EUPL-1.2 */
/* db_hits.c — the projects a search matches, read once.
 *
 * The first letters of a word match most of the portfolio, and every
 * statement that names `project_words MATCH` merges the index's lists
 * again (tens of milliseconds at 100,000 projects).  A search reads its
 * matches once into a bitmap over project ids; the count is then the
 * bits set, and a page in the list's order walks the sort key's index
 * asking salkku_hit(p.id) until the page is full.  The bitmap stays
 * until the words or the data change (ours: total_changes; another
 * connection's: PRAGMA data_version).  While armed, a progress handler
 * asks the front end whether a key is waiting, and abandons the read.
 *
 * Reading every match costs about a tenth of a microsecond each (ten
 * milliseconds when a first letter matches 100,000 projects).  A read
 * may therefore stop after the first matches by id: they are all there
 * are (a few: counted and ranked exactly), or they say how dense the
 * matches are, and a dense search reads its page along the sort key
 * asking the index of each project past the ids read (db_hits_walk). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/i18n.h"

/* Virtual machine steps between two questions to the cancel hook: a
 * few tens of microseconds. */
#define CANCEL_STEPS 1000

void
db_hits_clear(struct hit_set *h)
{
	free(h->query);
	free(h->bits);
	memset(h, 0, sizeof *h);
}

static int
on_progress(void *arg)
{
	struct db *db = arg;

	if (!db->cancel_armed || !db->cancel || !db->cancel(db->cancel_arg))
		return 0;
	db->cancelled = true;
	return 1;
}

void
db_set_cancel(struct db *db, db_cancel_fn fn, void *arg)
{
	if (!db)
		return;
	db->cancel = fn;
	db->cancel_arg = arg;
	sqlite3_progress_handler(db->sql, fn ? CANCEL_STEPS : 0,
				 fn ? on_progress : NULL, db);
}

bool
db_cancelled(const struct db *db)
{
	return db && db->cancelled;
}

bool
db_cancel_arm(struct db *db, bool armed)
{
	db->cancel_armed = armed;
	/* A key already waiting: the search is stale before it starts.
	 * Unarmed, a statement is never abandoned. */
	db->cancelled = armed && db->cancel && db->cancel(db->cancel_arg);
	return db->cancelled;
}

void
db_cancel_disarm(struct db *db)
{
	db->cancel_armed = false;
}

void
db_hit_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct hit_set *h = sqlite3_user_data(ctx);
	sqlite3_int64 id = sqlite3_value_int64(argv[0]);

	(void)argc;
	if (!h->complete && id > h->known)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_int(ctx, h->bits && id >= 0 && id < h->limit &&
				   (h->bits[id / 64] >> (id % 64) & 1));
}

bool
db_hits_walk(int64_t found, int64_t known, int64_t max_id, int64_t need)
{
	double d;

	if (found <= 0 || known <= 0 || need <= 0)
		return false;
	d = (double)found / (double)known;
	/* need / d tests against d * max_id reads. */
	return (double)need * DB_WALK_COST < d * d * (double)max_id;
}

/* The hits of query are read, as far as cap asks (0: all), from the
 * data as they are now. */
static bool
hits_current(const struct hit_set *h, const char *query, int64_t cap,
	     struct data_stamp now)
{
	return h->query && !strcmp(h->query, query) &&
	       db_stamp_same(h->stamp, now) &&
	       (h->complete || (cap && h->count >= cap));
}

/* Room for id in the bitmap; false when out of memory. */
static bool
hits_reserve(struct hit_set *h, int64_t id)
{
	int64_t limit = h->limit ? h->limit : 1024;
	uint64_t *bits;

	if (id < h->limit)
		return true;
	while (limit <= id)
		limit *= 2;
	if (!(bits = realloc(h->bits, (size_t)(limit / 64) * sizeof *bits)))
		return false;
	memset(bits + h->limit / 64, 0,
	       (size_t)((limit - h->limit) / 64) * sizeof *bits);
	h->bits = bits;
	h->limit = limit;
	return true;
}

int
db_hits_read(struct db *db, const char *query, int64_t cap,
	     struct error *err)
{
	struct hit_set *h = &db->hits;
	struct data_stamp now = db_stamp(db);
	sqlite3_stmt *st;
	int64_t max = 0, id = 0;
	int rc;

	if (hits_current(h, query, cap, now))
		return ERR_OK;
	db_hits_clear(h);
	if (db_query_int(db, "SELECT coalesce(max(id), 0) FROM project", &max,
			 err))
		return err ? err->code : ERR_DATABASE;
	if (!hits_reserve(h, max) ||
	    !(h->query = strdup(query))) {
		db_hits_clear(h);
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	}
	h->max_id = max;
	/* By rowid, ascending: FTS5's own order, so nothing is sorted. */
	if (!(st = db_prepare(db, "SELECT rowid FROM project_words "
			      "WHERE project_words MATCH ?1 ORDER BY rowid "
			      "LIMIT ?2", err))) {
		db_hits_clear(h);
		return ERR_DATABASE;
	}
	db_bind_text(st, 1, query);
	sqlite3_bind_int64(st, 2, cap > 0 ? cap : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id < 0 || !hits_reserve(h, id)) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (!(h->bits[id / 64] >> (id % 64) & 1))
			h->count++;
		h->bits[id / 64] |= UINT64_C(1) << (id % 64);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, err, _("cannot list the projects"));
		db_done(st);
		db_hits_clear(h);
		return ERR_DATABASE;
	}
	db_done(st);
	/* Stopped at the cap: there may be more, of higher ids. */
	h->complete = !cap || h->count < cap;
	h->known = h->complete ? INT64_MAX : id;
	h->stamp = now;
	return ERR_OK;
}
