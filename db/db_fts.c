/* db_fts.c — turning what people type into a safe full-text query.
 *
 * The words are found by the very tokenizer the index uses (unicode61,
 * through FTS5's C API), so that a query never holds a phrase of two
 * tokens — which the index, kept without positions, could not answer —
 * and punctuation, quotes, operators and column names typed by people
 * stay plain text. */
#include "config.h"

#include "db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"

/* Must match the tokenize option of project_fts (schema.c). */
static const char *const tokenizer_args[] = { "remove_diacritics", "0" };

static int
open_tokenizer(struct db *db, struct error *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT fts5(?1)", err);
	fts5_api *api = NULL;
	void *ctx = NULL;

	if (!st)
		return ERR_DATABASE;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	db_done(st);
	if (!api || api->iVersion < 2 ||
	    api->xFindTokenizer(api, "unicode61", &ctx, &db->fts_methods) ||
	    db->fts_methods.xCreate(ctx, (const char **)tokenizer_args, 2,
				    &db->fts_tokenizer)) {
		db->fts_tokenizer = NULL;
		return error_set(err, ERR_DATABASE, NULL,
				 _("full-text search is not available in this SQLite"));
	}
	return ERR_OK;
}

void
db_fts_close(struct db *db)
{
	if (db->fts_tokenizer)
		db->fts_methods.xDelete(db->fts_tokenizer);
	db->fts_tokenizer = NULL;
}

struct words {
	char *q;
	size_t len, cap;
	bool oom;
};

static int
add_word(void *ctx, int flags, const char *token, int n, int start, int end)
{
	struct words *w = ctx;
	size_t need = w->len + 2 * (size_t)n + 16;

	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (need > w->cap) {
		char *q = realloc(w->q, need * 2);

		if (!q) {
			w->oom = true;
			return SQLITE_NOMEM;
		}
		w->q = q;
		w->cap = need * 2;
	}
	if (w->len)
		w->len += (size_t)sprintf(w->q + w->len, " AND ");
	w->q[w->len++] = '"';
	for (int i = 0; i < n; i++) {
		/* unicode61 never keeps a quote in a token; doubled all the same. */
		if (token[i] == '"')
			w->q[w->len++] = '"';
		w->q[w->len++] = token[i];
	}
	w->len += (size_t)sprintf(w->q + w->len, "\"*");
	return SQLITE_OK;
}

char *
db_fts_query(struct db *db, const char *text, struct error *err)
{
	struct words w = { malloc(64), 0, 64, false };
	size_t len = strlen(text);

	if (!w.q) {
		error_set(err, ERR_FAILED, NULL, _("out of memory"));
		return NULL;
	}
	w.q[0] = '\0';
	if (!db->fts_tokenizer && open_tokenizer(db, err)) {
		free(w.q);
		return NULL;
	}
	if (len > INT32_MAX / 2 ||
	    db->fts_methods.xTokenize(db->fts_tokenizer, &w, FTS5_TOKENIZE_QUERY,
				      text, (int)len, add_word) != SQLITE_OK) {
		free(w.q);
		error_set(err, w.oom ? ERR_FAILED : ERR_INVALID, "text",
			  w.oom ? _("out of memory") : _("text: cannot be searched"));
		return NULL;
	}
	w.q[w.len] = '\0';
	return w.q;
}
