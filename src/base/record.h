/* SPDX-License-Identifier: EUPL-1.2 */
/* record.h — one stored record of any entity, as plain values.
 *
 * A record owns every string in it.  Values are in storage form: dates
 * as ISO text, money as cents, FT_REF as the referenced uuid, FT_ENUM as
 * the key; parsing people's input into that form is format.h's job. */
#ifndef SALKKU_RECORD_H
#define SALKKU_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "entity.h"

#define UUID_LEN 36

struct value {
	bool null;     /* no value (SQL NULL) */
	int64_t num;   /* FT_MONEY, FT_HUNDREDTHS, FT_BOOL, FT_YEAR */
	char *text;    /* every other type; owned; NULL when null */
};

struct record {
	const struct entity_def *def;
	int64_t id;                 /* local rowid; 0 before insert */
	char uuid[UUID_LEN + 1];    /* "" before insert: the store makes one */
	int64_t version;            /* 0 before insert, then 1, 2, ... */
	char updated_at[32];        /* ISO 8601 UTC of the last change */
	char updated_by[64];        /* login name of the last change */
	struct value v[];           /* def->nfields values, all null at first */
};

/* A new record of def with every value null.  Free with record_free().
 * Returns NULL when out of memory. */
struct record *record_new(const struct entity_def *def);

/* A deep copy, or NULL when out of memory. */
struct record *record_dup(const struct record *rec);

/* Frees *rec and its strings and sets *rec to NULL; NULL is fine. */
void record_free(struct record **rec);

/* Setters copy what they are given.  They return 0, or -1 when out of
 * memory.  text NULL sets null. */
int record_set_text(struct record *rec, int field, const char *text);
void record_set_num(struct record *rec, int field, int64_t num);
void record_set_null(struct record *rec, int field);

/* Borrowed text of a field, or NULL when null or not a text type. */
const char *record_text(const struct record *rec, int field);

/* The uuid of the project rec belongs to (a project's own), or NULL
 * (an organisation); borrowed. */
const char *record_project(const struct record *rec);

/* Sets field of dst to src's value of it (same entity).  0, or -1 when
 * out of memory. */
int record_copy_field(struct record *dst, const struct record *src, int field);

/* True when field holds the same value in a and b (same entity). */
bool record_field_equal(const struct record *a, const struct record *b,
			int field);

/* Exchange fingerprints (src/core/exchange.c): what a record's values
 * were, field by field, compact enough to keep per record and per
 * partner database.  A fingerprint is "name:hash" for each field, joined
 * by ",", in the order of the field table; the hash is a 32-bit FNV-1a
 * of the value in storage form (8 hex digits), "-" for no value.  Equal
 * values give equal fingerprints in every database. */
#define FIELD_HASH_LEN 8

/* The hash of one field of rec into out (FIELD_HASH_LEN + 1 bytes). */
void record_field_hash(const struct record *rec, int field, char *out);

/* The fingerprint of rec, leaving out the fields whose bit is set in
 * skip (bit i: field i).  The caller frees it; NULL when out of memory. */
char *record_fingerprint(const struct record *rec, uint64_t skip);

/* The hash fp holds for the field called name, into out
 * (FIELD_HASH_LEN + 1 bytes); false when fp does not hold the field. */
bool fingerprint_field(const char *fp, const char *name, char *out);

/* A growable array of owned records. */
struct record_list {
	struct record **items;
	size_t count, capacity;
};

/* Appends rec, taking ownership; returns 0 or -1 when out of memory (rec
 * is then freed). */
int record_list_push(struct record_list *list, struct record *rec);

/* Frees every record and the array; leaves an empty list. */
void record_list_clear(struct record_list *list);

#endif
