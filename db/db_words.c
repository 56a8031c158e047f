/* SPDX-License-Identifier: EUPL-1.2 */
/* db_words.c — the "salkku" FTS5 tokenizer: Finnish and Swedish words
 * indexed by their base forms as well as by what was written.
 *
 * unicode61 (diacritics kept) finds the words and folds their case.
 * Each word is then analysed once per connection: Voikko gives its base
 * forms ("sijaishuollon" → "sijaishuolto") and the parts of a compound
 * ("sijais", "huolto"); a word Voikko does not know (a name, a Swedish
 * word) gets its Swedish Snowball stem.  Without Voikko, or without its
 * Finnish dictionary, the Finnish and Swedish Snowball stems stand in;
 * without either library, only the words themselves are indexed and
 * searches match by prefix, as before.
 *
 * The index holds the word, then its base forms and parts as colocated
 * tokens.  A query (db_fts.c) asks for any of a word's base forms or the
 * word itself, each as a prefix, but never for its parts: "huolto"
 * finds "sijaishuolto", not the other way round.
 *
 * While db_fts.c writes the index, every term the tokenizer gives it
 * is also written to the table word_list (migration 21), where a long
 * prefix's words are sought (db_terms.c).
 *
 * Analyses are kept per distinct word: a portfolio repeats its words,
 * so that an import analyses each only once.  Numbers, which have no
 * analysis, are not kept: a portfolio's codes are most of its distinct
 * words (100,000 of 105,000 in the benchmark's), and would fill the
 * cache with entries that save nothing. */
#include "config.h"

#include "db_internal.h"

#include <stdlib.h>
#include <string.h>

#ifdef HAVE_VOIKKO
#include <libvoikko/voikko.h>
#endif
#ifdef HAVE_LIBSTEMMER
#include <libstemmer.h>
#endif

#include "src/base/i18n.h"
#include "src/base/library.h"

/* Longer tokens are no words of any language; they are indexed as
 * they are. */
#define WORD_MAX 64
/* The cache is emptied when it holds this many words. */
#define CACHE_MAX (1u << 17)

/* One analysed word: "word\0form\0form\0\0part\0part\0\0" in one block;
 * forms are the base forms and stems, parts the compound's parts, none
 * equal to the word. */
struct entry {
	char *block;
	size_t wlen;
	unsigned gathered;  /* the gathering that wrote its terms, or 0 */
};

#ifdef HAVE_VOIKKO
/* Voikko is opened with the first word analysed (src/base/library.h):
 * most commands and the TUI's start analyse none. */
struct voikko_api {
	__typeof__(voikkoInit) *init;
	__typeof__(voikkoTerminate) *terminate;
	__typeof__(voikkoAnalyzeWordCstr) *analyze;
	__typeof__(voikko_mor_analysis_value_cstr) *value;
	__typeof__(voikko_free_mor_analysis_value_cstr) *free_value;
	__typeof__(voikko_free_mor_analysis) *free_analysis;
};
#endif

#ifdef HAVE_LIBSTEMMER
/* Snowball likewise: its tables cost every start 10,000 relocations
 * and 650 KB. */
struct snowball_api {
	__typeof__(sb_stemmer_new) *new_stemmer;
	__typeof__(sb_stemmer_delete) *delete_stemmer;
	__typeof__(sb_stemmer_stem) *stem;
	__typeof__(sb_stemmer_length) *length;
};
#endif

struct fts_words {
	fts5_tokenizer unicode61;
	/* Two unicode61 instances (remove_diacritics 0): one splits the
	 * text, the other folds the base forms found meanwhile, since an
	 * instance's buffer holds the token being handed out. */
	Fts5Tokenizer *splitter, *folder;
	bool started;                 /* the analysers below were sought */
#ifdef HAVE_VOIKKO
	struct voikko_api api;
	struct VoikkoHandle *voikko;  /* NULL without the library or its
				       * Finnish dictionary */
#endif
#ifdef HAVE_LIBSTEMMER
	struct snowball_api sb;
	struct sb_stemmer *stem_fi, *stem_sv;  /* NULL without the library */
#endif
	struct entry *slots;          /* open addressing, a power of two */
	size_t nslots, count;
	/* The block of the last word not worth analysing, kept out of the
	 * cache: numbers (a portfolio's codes) are most of its distinct
	 * words, and would fill it. */
	char *plain;
	size_t plain_cap;
	/* While db_fts writes rows of project_words: the statement that
	 * adds a term to word_list, and which gathering this is (never
	 * 0), so that an analysed word's terms are written once in it. */
	sqlite3_stmt *gather;
	unsigned gathering;
};

/* A list of distinct strings being gathered. */
struct list {
	char *buf;
	size_t len, cap;
	bool oom;
};

static void
list_add(struct list *l, const char *s, size_t n, const char *word, size_t wlen)
{
	size_t need;

	if (!n || n > WORD_MAX || (n == wlen && !memcmp(s, word, n)))
		return;
	for (size_t i = 0; i < l->len; i += strlen(l->buf + i) + 1)
		if (strlen(l->buf + i) == n && !memcmp(l->buf + i, s, n))
			return;
	need = l->len + n + 1;
	if (need > l->cap) {
		char *b = realloc(l->buf, need * 2);

		if (!b) {
			l->oom = true;
			return;
		}
		l->buf = b;
		l->cap = need * 2;
	}
	memcpy(l->buf + l->len, s, n);
	l->buf[l->len + n] = '\0';
	l->len = need;
}

/* ---- Analysis ------------------------------------------------------ */

#ifdef HAVE_VOIKKO
/* Opens Voikko and its Finnish dictionary; without either, words are
 * stemmed by Snowball as they always were without Voikko, so a missing
 * library is no error here. */
static void
voikko_open(struct fts_words *w)
{
	static const struct library lib = {
		VOIKKO_SONAME, "libvoikko1", N_("search by base form")
	};
	struct voikko_api *a = &w->api;
	const struct library_symbol syms[] = {
		{ "voikkoInit", &a->init },
		{ "voikkoTerminate", &a->terminate },
		{ "voikkoAnalyzeWordCstr", &a->analyze },
		{ "voikko_mor_analysis_value_cstr", &a->value },
		{ "voikko_free_mor_analysis_value_cstr", &a->free_value },
		{ "voikko_free_mor_analysis", &a->free_analysis },
	};
	const char *why = NULL;

	if (library_open(&lib, syms, sizeof syms / sizeof *syms, NULL) == ERR_OK)
		w->voikko = a->init(&why, "fi", NULL);
}
#endif

#ifdef HAVE_LIBSTEMMER
/* Opens Snowball and its Finnish and Swedish stemmers; without the
 * library, words are indexed as they are written. */
static void
snowball_open(struct fts_words *w)
{
	static const struct library lib = {
		STEMMER_SONAME, "libstemmer0d", N_("search by stem")
	};
	struct snowball_api *a = &w->sb;
	const struct library_symbol syms[] = {
		{ "sb_stemmer_new", &a->new_stemmer },
		{ "sb_stemmer_delete", &a->delete_stemmer },
		{ "sb_stemmer_stem", &a->stem },
		{ "sb_stemmer_length", &a->length },
	};

	if (library_open(&lib, syms, sizeof syms / sizeof *syms, NULL) != ERR_OK)
		return;
	w->stem_fi = a->new_stemmer("finnish", "UTF_8");
	w->stem_sv = a->new_stemmer("swedish", "UTF_8");
}
#endif

/* Loads the analysers on the first word: a command that indexes or
 * searches nothing never pays for them. */
static void
words_start(struct fts_words *w)
{
	if (w->started)
		return;
	w->started = true;
#ifdef HAVE_VOIKKO
	voikko_open(w);
#endif
#ifdef HAVE_LIBSTEMMER
	snowball_open(w);
#endif
}

struct fold {
	struct list *into;
	const char *word;
	size_t wlen;
};

static int
fold_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	struct fold *f = ctx;

	(void)flags;
	(void)start;
	(void)end;
	list_add(f->into, token, (size_t)n, f->word, f->wlen);
	return SQLITE_OK;
}

/* Adds s (case folded, and split where unicode61 splits) to l. */
static void
add_folded(struct fts_words *w, struct list *l, const char *s, size_t n,
	   const char *word, size_t wlen)
{
	struct fold f = { l, word, wlen };

	w->unicode61.xTokenize(w->folder, &f, FTS5_TOKENIZE_DOCUMENT, s,
			       (int)n, fold_token);
}

#ifdef HAVE_VOIKKO
/* UTF-8 length of the first chars characters of s. */
static size_t
utf8_span(const char *s, size_t len, size_t chars)
{
	size_t i = 0;

	while (i < len && chars) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars--;
	}
	return i;
}

/* The parts of a compound: STRUCTURE marks where each begins ('=')
 * in the written word, one character per other mark.  Only the last
 * part inflects, so the base form is the earlier parts as written and
 * then the last part's base form. */
static void
add_parts(struct fts_words *w, struct list *parts, const char *word,
	  size_t wlen, const char *structure, const char *base)
{
	size_t starts[16], n = 0, chars = 0, blen = strlen(base), prefix;

	for (const char *s = structure; *s && n < 16; s++) {
		if (*s == '=')
			starts[n++] = utf8_span(word, wlen, chars);
		else
			chars++;
	}
	if (n < 2)
		return;
	for (size_t i = 0; i + 1 < n; i++)
		if (starts[i + 1] > starts[i])
			add_folded(w, parts, word + starts[i],
				   starts[i + 1] - starts[i], word, wlen);
	prefix = starts[n - 1];
	if (prefix < blen && !strncmp(base, word, prefix))
		add_folded(w, parts, base + prefix, blen - prefix, word, wlen);
}

static bool
analyse_voikko(struct fts_words *w, const char *word, size_t wlen,
	       struct list *forms, struct list *parts)
{
	struct voikko_mor_analysis **a;
	bool known;

	words_start(w);
	if (!w->voikko)
		return false;
	a = w->api.analyze(w->voikko, word);
	known = a && a[0];
	for (size_t i = 0; a && a[i]; i++) {
		char *base = w->api.value(a[i], "BASEFORM");
		char *structure = w->api.value(a[i], "STRUCTURE");

		if (base) {
			add_folded(w, forms, base, strlen(base), word, wlen);
			if (structure)
				add_parts(w, parts, word, wlen, structure, base);
		}
		w->api.free_value(base);
		w->api.free_value(structure);
	}
	if (a)
		w->api.free_analysis(a);
	return known;
}
#endif

#ifdef HAVE_LIBSTEMMER
static void
add_stem(struct fts_words *w, struct sb_stemmer *s, struct list *forms,
	 const char *word, size_t wlen)
{
	const sb_symbol *stem;

	if (!s || !(stem = w->sb.stem(s, (const sb_symbol *)word, (int)wlen)))
		return;
	add_folded(w, forms, (const char *)stem, (size_t)w->sb.length(s),
		   word, wlen);
}

static void
analyse_snowball(struct fts_words *w, const char *word, size_t wlen,
		 bool finnish, struct list *forms)
{
	words_start(w);
	if (finnish)
		add_stem(w, w->stem_fi, forms, word, wlen);
	add_stem(w, w->stem_sv, forms, word, wlen);
}
#endif

/* Words of digits alone have no base form. */
static bool
worth_analysing(const char *word, size_t wlen)
{
	if (wlen < 2 || wlen > WORD_MAX)
		return false;
	for (size_t i = 0; i < wlen; i++)
		if (word[i] < '0' || word[i] > '9')
			return true;
	return false;
}

/* The block of a new entry for word, one worth analysing, or NULL when
 * out of memory. */
static char *
analyse(struct fts_words *w, const char *word, size_t wlen)
{
	struct list forms = { 0 }, parts = { 0 };
	char z[WORD_MAX + 1], *block = NULL;
	bool known = false;

	memcpy(z, word, wlen);
	z[wlen] = '\0';
#ifdef HAVE_VOIKKO
	known = analyse_voikko(w, z, wlen, &forms, &parts);
#endif
#ifdef HAVE_LIBSTEMMER
	if (!known) {
#ifdef HAVE_VOIKKO
		analyse_snowball(w, z, wlen, !w->voikko, &forms);
#else
		analyse_snowball(w, z, wlen, true, &forms);
#endif
	}
#endif
	(void)known;
	if (!forms.oom && !parts.oom &&
	    (block = malloc(wlen + forms.len + parts.len + 3))) {
		char *p = block;

		memcpy(p, word, wlen);
		p[wlen] = '\0';
		p += wlen + 1;
		if (forms.len)
			memcpy(p, forms.buf, forms.len);
		p[forms.len] = '\0';
		p += forms.len + 1;
		if (parts.len)
			memcpy(p, parts.buf, parts.len);
		p[parts.len] = '\0';
	}
	free(forms.buf);
	free(parts.buf);
	return block;
}

/* ---- The cache ----------------------------------------------------- */

static size_t
hash(const char *s, size_t n)
{
	size_t h = 14695981039346656037u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static void
cache_clear(struct fts_words *w)
{
	for (size_t i = 0; i < w->nslots; i++)
		free(w->slots[i].block);
	free(w->slots);
	w->slots = NULL;
	w->nslots = w->count = 0;
}

static bool
cache_grow(struct fts_words *w)
{
	size_t n = w->nslots ? w->nslots * 2 : 1024;
	struct entry *slots = calloc(n, sizeof *slots);

	if (!slots)
		return false;
	for (size_t i = 0; i < w->nslots; i++) {
		struct entry *e = &w->slots[i];
		size_t j;

		if (!e->block)
			continue;
		for (j = hash(e->block, e->wlen) & (n - 1); slots[j].block;
		     j = (j + 1) & (n - 1))
			;
		slots[j] = *e;
	}
	free(w->slots);
	w->slots = slots;
	w->nslots = n;
	return true;
}

/* The block of a word without forms or parts, valid until the next
 * call; NULL when out of memory. */
static const char *
plain_block(struct fts_words *w, const char *word, size_t wlen)
{
	if (wlen + 3 > w->plain_cap) {
		char *b = realloc(w->plain, wlen + 3);

		if (!b)
			return NULL;
		w->plain = b;
		w->plain_cap = wlen + 3;
	}
	memcpy(w->plain, word, wlen);
	memset(w->plain + wlen, '\0', 3);
	return w->plain;
}

/* The analysis of word: its block, or NULL when out of memory.  Valid
 * until the next call.  *mark is its entry's gathering, NULL for a
 * word not kept. */
static const char *
words_lookup(struct fts_words *w, const char *word, size_t wlen,
	     unsigned **mark)
{
	size_t i;

	*mark = NULL;
	if (!worth_analysing(word, wlen))
		return plain_block(w, word, wlen);
	if (w->nslots) {
		for (i = hash(word, wlen) & (w->nslots - 1); w->slots[i].block;
		     i = (i + 1) & (w->nslots - 1))
			if (w->slots[i].wlen == wlen &&
			    !memcmp(w->slots[i].block, word, wlen)) {
				*mark = &w->slots[i].gathered;
				return w->slots[i].block;
			}
	}
	if (w->count >= CACHE_MAX)
		cache_clear(w);
	if ((w->count + 1) * 2 > w->nslots && !cache_grow(w))
		return NULL;
	for (i = hash(word, wlen) & (w->nslots - 1); w->slots[i].block;
	     i = (i + 1) & (w->nslots - 1))
		;
	if (!(w->slots[i].block = analyse(w, word, wlen)))
		return NULL;
	w->slots[i].wlen = wlen;
	w->slots[i].gathered = 0;
	w->count++;
	*mark = &w->slots[i].gathered;
	return w->slots[i].block;
}

/* ---- The tokenizer ------------------------------------------------- */

struct emit {
	struct fts_words *w;
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
	bool document;     /* indexing: the parts too */
	fts_words_fn each; /* db_fts_words: one call per word instead */
	void *arg;
};

/* Hands FTS5 a token; also adds it to word_list when the word's terms
 * are being listed (db_words_gather). */
static int
emit_term(const struct emit *e, bool listing, int flags, const char *s,
	  int n, int start, int end)
{
	int rc = e->token(e->ctx, flags, s, n, start, end);

	if (rc != SQLITE_OK || !listing)
		return rc;
	sqlite3_bind_text(e->w->gather, 1, s, n, SQLITE_STATIC);
	rc = sqlite3_step(e->w->gather);
	sqlite3_reset(e->w->gather);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Each string of the NUL-ended list at p, then the end of the list. */
static const char *
emit_list(const struct emit *e, bool listing, const char *p, int start,
	  int end, int *rc)
{
	for (; *p; p += strlen(p) + 1)
		if (*rc == SQLITE_OK)
			*rc = emit_term(e, listing, FTS5_TOKEN_COLOCATED, p,
					(int)strlen(p), start, end);
	return p + 1;
}

static int
emit_word(void *ctx, int flags, const char *token, int n, int start, int end)
{
	const struct emit *e = ctx;
	const char *block, *forms, *parts;
	unsigned *mark;
	bool listing;
	int rc;

	(void)flags;
	if (!(block = words_lookup(e->w, token, (size_t)n, &mark)))
		return SQLITE_NOMEM;
	forms = block + n + 1;
	if (e->each)
		return e->each(e->arg, block, forms) ? SQLITE_ABORT : SQLITE_OK;
	/* A query's words are expanded by db_fts_query into their forms
	 * already; FTS5 reading that query back gets each as it is. */
	if (!e->document)
		return e->token(e->ctx, 0, block, n, start, end);
	/* A word not kept (a number) is listed each time: the list's key,
	 * not a set of ours, tells it is there already. */
	listing = e->w->gather && (!mark || *mark != e->w->gathering);
	rc = emit_term(e, listing, 0, block, n, start, end);
	parts = emit_list(e, listing, forms, start, end, &rc);
	emit_list(e, listing, parts, start, end, &rc);
	if (listing && mark && rc == SQLITE_OK)
		*mark = e->w->gathering;
	return rc;
}

static int
tok_create(void *arg, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)argv;
	if (argc)
		return SQLITE_ERROR;
	*out = arg;
	return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *t)
{
	/* The instance is the connection's fts_words, freed with it. */
	(void)t;
}

static int
tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text,
	     int n, int (*token)(void *, int, const char *, int, int, int))
{
	struct fts_words *w = (struct fts_words *)t;
	struct emit e = { w, ctx, token,
			  (flags & FTS5_TOKENIZE_DOCUMENT) != 0, NULL, NULL };

	return w->unicode61.xTokenize(w->splitter, &e, flags, text, n, emit_word);
}

static void
words_free(void *arg)
{
	struct fts_words *w = arg;

	if (!w)
		return;
	cache_clear(w);
	free(w->plain);
	if (w->splitter)
		w->unicode61.xDelete(w->splitter);
	if (w->folder)
		w->unicode61.xDelete(w->folder);
#ifdef HAVE_VOIKKO
	if (w->voikko)
		w->api.terminate(w->voikko);
#endif
#ifdef HAVE_LIBSTEMMER
	if (w->stem_fi)
		w->sb.delete_stemmer(w->stem_fi);
	if (w->stem_sv)
		w->sb.delete_stemmer(w->stem_sv);
#endif
	free(w);
}

int
db_fts_register(struct db *db, struct error *err)
{
	static const char *const args[] = { "remove_diacritics", "0" };
	static fts5_tokenizer methods = { tok_create, tok_delete, tok_tokenize };
	sqlite3_stmt *st = db_prepare(db, "SELECT fts5(?1)", err);
	struct fts_words *w = calloc(1, sizeof *w);
	fts5_api *api = NULL;
	void *ctx = NULL;

	if (!st || !w) {
		db_done(st);
		free(w);
		return st ? error_set(err, ERR_FAILED, NULL, _("out of memory"))
			  : ERR_DATABASE;
	}
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	db_done(st);
	if (!api || api->iVersion < 2 ||
	    api->xFindTokenizer(api, "unicode61", &ctx, &w->unicode61) ||
	    w->unicode61.xCreate(ctx, (const char **)args, 2, &w->splitter) ||
	    w->unicode61.xCreate(ctx, (const char **)args, 2, &w->folder)) {
		words_free(w);
		return error_set(err, ERR_DATABASE, NULL,
				 _("full-text search is not available in this SQLite"));
	}
	/* SQLite owns w from here, and frees it when the connection closes. */
	if (api->xCreateTokenizer(api, "salkku", w, &methods, words_free))
		return db_fail(db, err, _("full-text search is not available in this SQLite"));
	db->fts_words = w;
	return ERR_OK;
}

int
db_fts_words(struct db *db, const char *text, fts_words_fn each, void *arg)
{
	struct fts_words *w = db->fts_words;
	struct emit e = { w, NULL, NULL, false, each, arg };
	size_t len = strlen(text);

	if (len > INT32_MAX / 2)
		return SQLITE_TOOBIG;
	return w->unicode61.xTokenize(w->splitter, &e, FTS5_TOKENIZE_QUERY, text,
				      (int)len, emit_word);
}

const char *
db_fts_analyser(struct db *db)
{
	struct fts_words *w = db->fts_words;

	words_start(w);
#ifdef HAVE_VOIKKO
	if (w->voikko)
		return "voikko";
#endif
#ifdef HAVE_LIBSTEMMER
	if (w->stem_fi && w->stem_sv)
		return "snowball";
#endif
	return "words";
}

int
db_words_gather(struct db *db, struct error *err)
{
	struct fts_words *w = db->fts_words;

	if (db_schema_version(db) < DB_SCHEMA_WORD_LIST)
		return ERR_OK;
	if (!(w->gather = db_prepare(db, "INSERT OR IGNORE INTO word_list "
				     "(term) VALUES (?1)", err)))
		return ERR_DATABASE;
	if (!++w->gathering)
		w->gathering = 1;
	return ERR_OK;
}

void
db_words_gathered(struct db *db)
{
	struct fts_words *w = db->fts_words;

	db_done(w->gather);
	w->gather = NULL;
}

size_t
db_fts_cached(struct db *db)
{
	struct fts_words *w = db->fts_words;

	return w->count;
}
