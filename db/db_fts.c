/* SPDX-License-Identifier: EUPL-1.2 */
/* db_fts.c — the full-text index: turning what people type into a safe
 * query, and rebuilding the index when the analyser changes.
 *
 * The words are found by the very tokenizer the index uses (db_words.c),
 * so that a query never holds a phrase of two tokens — which the index,
 * kept without positions, could not answer — and punctuation, quotes,
 * operators and column names typed by people stay plain text. */
#include "config.h"

#include "db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"

struct query {
	struct db *db;
	char *q;
	size_t len, cap;
	bool oom;
};

static bool
reserve(struct query *w, size_t more)
{
	size_t need = w->len + more + 1;

	if (need > w->cap) {
		char *q = realloc(w->q, need * 2);

		if (!q) {
			w->oom = true;
			return false;
		}
		w->q = q;
		w->cap = need * 2;
	}
	return true;
}

/* "s" — quotes doubled, though unicode61 never keeps one in a token. */
static bool
put_quoted(struct query *w, const char *s)
{
	if (!reserve(w, 2 * strlen(s) + 2))
		return false;
	w->q[w->len++] = '"';
	for (; *s; s++) {
		if (*s == '"')
			w->q[w->len++] = '"';
		w->q[w->len++] = *s;
	}
	w->q[w->len++] = '"';
	w->q[w->len] = '\0';
	return true;
}

static bool
put_text(struct query *w, const char *s)
{
	size_t n = strlen(s);

	if (!reserve(w, n))
		return false;
	memcpy(w->q + w->len, s, n + 1);
	w->len += n;
	return true;
}

/* "form"*, or the words of the index it begins ("a" OR "b"), which FTS5
 * reads faster when the prefix is long (db_terms.c). */
static bool
put_term(struct query *w, const char *s)
{
	const char *terms = db_terms_of(w->db, s);

	if (!terms)
		return put_quoted(w, s) && put_text(w, "*");
	for (const char *t = terms; *t; t += strlen(t) + 1)
		if ((t != terms && !put_text(w, " OR ")) || !put_quoted(w, t))
			return false;
	return true;
}

static int
add_word(void *ctx, const char *word, const char *forms)
{
	struct query *w = ctx;

	if ((w->len && !put_text(w, " AND ")) || !put_text(w, "(") ||
	    !put_term(w, word))
		return 1;
	for (const char *f = forms; *f; f += strlen(f) + 1)
		if (!put_text(w, " OR ") || !put_term(w, f))
			return 1;
	return put_text(w, ")") ? 0 : 1;
}

char *
db_fts_query(struct db *db, const char *text, struct error *err)
{
	struct query w = { db, malloc(64), 0, 64, false };

	if (!w.q) {
		error_set(err, ERR_FAILED, NULL, _("out of memory"));
		return NULL;
	}
	w.q[0] = '\0';
	if (db_fts_words(db, text, add_word, &w) != SQLITE_OK) {
		free(w.q);
		error_set(err, w.oom ? ERR_FAILED : ERR_INVALID, "text",
			  w.oom ? _("out of memory") : _("text: cannot be searched"));
		return NULL;
	}
	w.q[w.len] = '\0';
	return w.q;
}

#define WORDS_SOURCE \
	"INSERT INTO project_words (rowid, code, name, description, notes, " \
	"organisations) SELECT id, code, name, description, notes, " \
	"organisations FROM project_fts_source"

/* Runs sql, which writes rows of project_words, with their terms
 * written to word_list as well. */
static int
write_words(struct db *db, const char *sql, struct error *err)
{
	int rc = db_words_gather(db, err);

	if (rc)
		return rc;
	rc = db_exec(db, sql, err);
	db_words_gathered(db);
	return rc;
}

/* The table is dropped and made again from its own CREATE statement
 * rather than emptied: emptying a row tokenizes it again to find its
 * entries, which leaves stale ones behind (and a malformed index) when
 * another analyser wrote them. */
int
db_fts_rebuild(struct db *db, struct error *err)
{
	sqlite3_stmt *st;
	char *create = NULL;
	bool oom = false;
	int rc;

	if (!(st = db_prepare(db, "SELECT sql FROM sqlite_schema "
			      "WHERE name = 'project_words'", err)))
		return ERR_DATABASE;
	if (sqlite3_step(st) == SQLITE_ROW)
		create = db_column_strdup(st, 0, &oom);
	db_done(st);
	if (!create)
		return oom ? error_set(err, ERR_FAILED, NULL, _("out of memory"))
			   : db_fail(db, err, _("cannot rebuild the full-text index"));
	/* The word list is made again with it, without the words of
	 * projects long gone. */
	if ((rc = db_exec(db, "DROP TABLE project_words", err)) ||
	    (rc = db_exec(db, create, err)) ||
	    (db_schema_version(db) >= DB_SCHEMA_WORD_LIST &&
	     (rc = db_exec(db, "DELETE FROM word_list", err))) ||
	    (rc = write_words(db, WORDS_SOURCE " ORDER BY id;"
			      "DELETE FROM words_pending;"
			      "DELETE FROM fts_analyser", err))) {
		free(create);
		return rc;
	}
	free(create);
	if (!(st = db_prepare(db, "INSERT INTO fts_analyser (name) VALUES (?1)",
			      err)))
		return ERR_DATABASE;
	db_bind_text(st, 1, db_fts_analyser(db));
	rc = sqlite3_step(st) == SQLITE_DONE
	     ? ERR_OK : db_fail(db, err, _("cannot rebuild the full-text index"));
	db_done(st);
	return rc;
}

/* The rows of the projects in words_pending made again (a deleted
 * project's only dropped), in rowid order: FTS5 writes out its pending
 * terms whenever a rowid comes lower than the one before. */
static int
refresh_pending(struct db *db, struct error *err)
{
	return write_words(db, "DELETE FROM project_words WHERE rowid IN "
			       "(SELECT project FROM words_pending);"
			   WORDS_SOURCE " WHERE id IN (SELECT project FROM "
			       "words_pending) ORDER BY id;"
			   "DELETE FROM words_pending", err);
}

/* What db_fts_refresh has to do: 2 rebuild, 1 the pending rows, 0
 * nothing.  Which analyser the tokenizer has is asked (loading Voikko)
 * only when rows wait, no analyser is noted (a migration emptied it) or
 * a search comes: a start that writes and searches no words never
 * loads it, and a change of analyser waits for the next search or
 * write of words. */
static int
work(struct db *db, bool searching)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM "
				      "words_pending), NOT EXISTS (SELECT 1 "
				      "FROM fts_analyser)", NULL);
	bool pending = false, rebuild = false;

	if (!st)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		pending = sqlite3_column_int(st, 0);
		rebuild = sqlite3_column_int(st, 1);
	}
	db_done(st);
	if (rebuild)
		return 2;
	if (!searching && !pending)
		return 0;
	if (!(st = db_prepare(db, "SELECT NOT EXISTS (SELECT 1 FROM "
			      "fts_analyser WHERE name = ?1)", NULL)))
		return 0;
	db_bind_text(st, 1, db_fts_analyser(db));
	rebuild = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	db_done(st);
	return rebuild ? 2 : pending;
}

int
db_fts_flush(struct db *db, struct error *err)
{
	/* Another analyser may have made the index: db_open leaves that to
	 * the first search or write of words, which this may be.  (work()
	 * finds no table in a schema before 11, as a migration test makes.) */
	int w = work(db, false);

	return w == 2 ? db_fts_rebuild(db, err)
	     : w == 1 ? refresh_pending(db, err) : ERR_OK;
}

int
db_fts_reindex(struct db *db, struct error *err)
{
	int rc;

	if (!db)
		return error_set(err, ERR_INVALID, NULL, _("no database"));
	if (db->readonly)
		return error_set(err, ERR_INVALID, NULL,
				 _("the database is open read-only"));
	if ((rc = db_begin(db, err)))
		return rc;
	/* And the number of projects (migration 14), which another tool's
	 * INSERT OR REPLACE can leave wrong as it leaves the index. */
	if ((rc = db_fts_rebuild(db, err)) ||
	    (db_schema_version(db) >= DB_SCHEMA_TALLY &&
	     (rc = db_exec(db, "INSERT OR REPLACE INTO tally (name, n) "
			       "SELECT 'project', count(*) FROM project", err)))) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

int
db_fts_refresh(struct db *db, bool searching, struct error *err)
{
	int rc, w;

	/* Within the caller's transaction (or a reader's): later. */
	if (db->readonly || !sqlite3_get_autocommit(db->sql) ||
	    db_schema_version(db) < DB_SCHEMA_WORDS ||
	    !(w = work(db, searching)))
		return ERR_OK;
	if ((rc = db_begin(db, err)))
		return rc;
	/* Another session may have done it meanwhile. */
	w = work(db, searching);
	if ((w == 2 && (rc = db_fts_rebuild(db, err))) ||
	    (w == 1 && (rc = refresh_pending(db, err)))) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}
