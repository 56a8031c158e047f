/* SPDX-License-Identifier: EUPL-1.2 */
/* db_terms.c — a long prefix searched as the words it begins.
 *
 * project_words keeps a list for every prefix of one to six letters
 * (migration 13).  A longer prefix FTS5 answers by merging the lists
 * of every word that begins with it, whole, before the first match
 * comes: 26 ms for "kehittä" at 100,000 projects (nine words, in most
 * projects), even when only the first 5,001 matches are read, and as
 * much again for each project a walk asks of the index.  Named as
 * those words, OR'd, the same matches come from lists read only as
 * far as they are wanted: 1.2 ms.
 *
 * The words are read from the index itself, one probe of fts5vocab
 * each (0.1 to 0.25 ms at 100,000 projects), so that they are always
 * the index's own.  They are kept per prefix until the data change:
 * the next letter typed only narrows them.  A prefix of more than
 * TERMS_MAX words is left to FTS5. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db_internal.h"

/* Characters: migration 13's longest prefix list. */
#define PREFIX_INDEXED 6
#define TERMS_MAX 16

/* The words of the index between two terms in byte order (fts5vocab
 * seeks to the first term at or after ?1; an instance type row is one
 * occurrence, so one row is enough). */
#define PROBE_SQL "SELECT term FROM temp.salkku_terms WHERE term >= ?1 LIMIT 1"

/* The words kept, forgotten; the stamp and the table stay. */
static void
forget(struct term_cache *c)
{
	for (size_t i = 0; i < TERM_SLOTS; i++) {
		free(c->slot[i].prefix);
		free(c->slot[i].terms);
	}
	memset(c->slot, 0, sizeof c->slot);
	c->next = 0;
}

void
db_terms_clear(struct term_cache *c)
{
	forget(c);
	memset(c, 0, sizeof *c);
}

/* Characters of UTF-8 s: its bytes that do not continue one. */
static size_t
characters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Forgets the words kept when the data changed since they were read,
 * by us or by another connection; false when that cannot be told. */
static bool
terms_current(struct db *db)
{
	struct term_cache *c = &db->terms;
	struct data_stamp now = db_stamp(db);

	if (now.data_version < 0)
		return false;
	if (!db_stamp_same(c->stamp, now)) {
		forget(c);
		c->stamp = now;
	}
	return true;
}

/* Appends word (len bytes) to the block at *terms ("a\0b\0\0"). */
static bool
append(char **terms, size_t *used, const char *word, size_t len)
{
	char *t = realloc(*terms, *used + len + 2);

	if (!t)
		return false;
	memcpy(t + *used, word, len);
	t[*used + len] = '\0';
	t[*used + len + 1] = '\0';
	*terms = t;
	*used += len + 1;
	return true;
}

/* The slot that keeps p itself; else, when one keeps the words of a
 * shorter prefix of p (at most TERMS_MAX), that slot, with *narrowed
 * set to those of its words that begin with p; else NULL. */
static struct term_list *
kept(struct term_cache *c, const char *p, size_t plen, char **narrowed,
     bool *oom)
{
	*narrowed = NULL;
	for (size_t i = 0; i < TERM_SLOTS; i++) {
		struct term_list *s = &c->slot[i];
		size_t slen = s->prefix ? strlen(s->prefix) : 0, used = 0;

		if (!s->prefix || slen > plen || memcmp(s->prefix, p, slen))
			continue;
		if (slen == plen)
			return s;
		if (!s->terms)
			continue;
		for (const char *t = s->terms; *t; t += strlen(t) + 1)
			if (!strncmp(t, p, plen) &&
			    !append(narrowed, &used, t, strlen(t)))
				goto oom;
		if (!*narrowed && !append(narrowed, &used, "", 0))
			goto oom;
		return s;
	}
	return NULL;
oom:
	free(*narrowed);
	*narrowed = NULL;
	*oom = true;
	return NULL;
}

/* Reads the words beginning with p from the index: false on error
 * (never a part of them); *terms NULL when more than TERMS_MAX. */
static bool
probe(struct db *db, const char *p, size_t plen, char **terms)
{
	sqlite3_stmt *st;
	char *from = NULL;
	size_t used = 0, n = 0;
	bool many = false;
	int rc = SQLITE_ERROR;

	*terms = NULL;
	if (!db->terms.table) {
		if (db_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS "
			    "temp.salkku_terms USING fts5vocab(main, "
			    "project_words, 'instance')", NULL))
			return false;
		db->terms.table = true;
		/* Not a write of data: the words kept stay current. */
		db->terms.stamp.changes = sqlite3_total_changes64(db->sql);
	}
	if (!(st = db_prepare(db, PROBE_SQL, NULL)) || !(from = strdup(p)))
		goto out;
	sqlite3_bind_text(st, 1, from, (int)plen, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		char *next;

		if (!t || len < plen || memcmp(t, p, plen)) {
			rc = SQLITE_DONE;
			break;
		}
		if (++n > TERMS_MAX) {
			many = true;
			rc = SQLITE_DONE;
			break;
		}
		if (!append(terms, &used, t, len) ||
		    !(next = realloc(from, len + 2))) {
			rc = SQLITE_NOMEM;
			break;
		}
		/* The first term after t: t and a byte no token holds. */
		from = next;
		memcpy(from, t, len);
		from[len] = '\x01';
		from[len + 1] = '\0';
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, from, (int)len + 1, SQLITE_TRANSIENT);
	}
	/* None: an empty list, told apart from too many (NULL). */
	if (rc == SQLITE_DONE && !many && !*terms &&
	    !append(terms, &used, "", 0))
		rc = SQLITE_NOMEM;
out:
	free(from);
	db_done(st);
	if (rc != SQLITE_DONE || many) {
		free(*terms);
		*terms = NULL;
	}
	return rc == SQLITE_DONE;
}

const char *
db_terms_of(struct db *db, const char *prefix)
{
	struct term_cache *c = &db->terms;
	struct term_list *s;
	size_t plen = strlen(prefix);
	char *terms = NULL, *copy;
	bool oom = false;

	if (characters(prefix) <= PREFIX_INDEXED || !terms_current(db))
		return NULL;
	s = kept(c, prefix, plen, &terms, &oom);
	if (oom)
		return NULL;
	if (s && !terms)        /* the prefix itself */
		return s->terms && *s->terms ? s->terms : NULL;
	if (!s && !probe(db, prefix, plen, &terms))
		return NULL;
	if (!(copy = strdup(prefix))) {
		free(terms);
		return NULL;
	}
	s = &c->slot[c->next++ % TERM_SLOTS];
	free(s->prefix);
	free(s->terms);
	s->prefix = copy;
	s->terms = terms;
	/* None: the prefix, searched as it is, matches nothing either. */
	return terms && *terms ? terms : NULL;
}
