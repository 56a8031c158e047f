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
 * The words are read from word_list (migration 21), which salkku
 * writes as it writes the index (db_words.c): one seek and a row per
 * word.  A prefix of more than TERMS_MAX words is left to FTS5. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db_internal.h"

/* Characters: migration 13's longest prefix list. */
#define PREFIX_INDEXED 6
#define TERMS_MAX 16

/* Characters of UTF-8 s: its bytes that do not continue one. */
static size_t
characters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
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

/* The words of word_list beginning with p, as a newly allocated block;
 * "" when there are none, NULL when there are more than TERMS_MAX or
 * they cannot be read. */
static char *
words_beginning(struct db *db, const char *p, size_t plen)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT term FROM word_list "
				      "WHERE term >= ?1 ORDER BY term", NULL);
	char *terms = NULL;
	size_t used = 0, n = 0;
	int rc = SQLITE_ERROR;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, p, (int)plen, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);

		if (!t || len < plen || memcmp(t, p, plen)) {
			rc = SQLITE_DONE;
			break;
		}
		if (++n > TERMS_MAX || !append(&terms, &used, t, len))
			break;
	}
	db_done(st);
	if (rc == SQLITE_DONE && !terms)
		append(&terms, &used, "", 0);
	else if (rc != SQLITE_DONE) {
		free(terms);
		terms = NULL;
	}
	return terms;
}

const char *
db_terms_of(struct db *db, const char *prefix)
{
	free(db->terms);
	db->terms = NULL;
	/* (Before migration 21 the statement fails: the prefix as it is.) */
	if (characters(prefix) <= PREFIX_INDEXED)
		return NULL;
	db->terms = words_beginning(db, prefix, strlen(prefix));
	/* None: the prefix, searched as it is, matches nothing either. */
	return db->terms && *db->terms ? db->terms : NULL;
}
