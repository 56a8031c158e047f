/* SPDX-License-Identifier: EUPL-1.2 */
/* merge.h — what an import does with one record: the file's record
 * (theirs) against the database's (ours).  Private to the model core.
 *
 * Without a base (a document of this database, or of one never
 * exchanged with), merge_classify() knows only the two records and
 * their versions.  In an exchange between databases the bases are the
 * fingerprints (record_fingerprint) of what both sides last agreed on:
 * what the partner last sent here, what it last received from here
 * (the document's "bases"), and the values a deleted record had.  A
 * side "changed" a field when its value matches none of the bases, and
 * only a field both sides changed is in conflict (merge_three_way). */
#ifndef SALKKU_MERGE_H
#define SALKKU_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "src/base/record.h"

enum merge_class {
	MERGE_NEW,       /* the database does not hold it */
	MERGE_SAME,      /* the same values (versions and time stamps aside) */
	MERGE_UPDATE,    /* other values at a later version than ours */
	MERGE_CONFLICT,  /* other values, and ours at the file's version or
			  * later: ours changed since the file was made */
	MERGE_KEEP,      /* only ours changed since the base: nothing to do */
	MERGE_DELETE,    /* deleted there, not changed here since: delete */
};

/* The base fingerprint that says "the partner had deleted it". */
#define MERGE_BASE_DELETED "-"

/* Three-way, both records present (ours not NULL).  bases: nbases
 * fingerprints (NULL entries ignored).  *take gets the fields to take
 * from theirs (bit i: field i), *conflict those both sides changed.
 * MERGE_SAME, MERGE_KEEP (nothing to take), MERGE_UPDATE (fields to
 * take, no conflict) or MERGE_CONFLICT.  With no base at all it falls
 * back on merge_classify(), every differing field taken or in
 * conflict. */
enum merge_class merge_three_way(const struct record *ours,
				 const struct record *theirs,
				 const char *const *bases, size_t nbases,
				 uint64_t *take, uint64_t *conflict);

/* Two records made apart that are the same (an organisation matched by
 * business ID or name), never exchanged before: a field only theirs
 * has is taken (MERGE_UPDATE); one both have keeps ours, this
 * database's own name for it (MERGE_KEEP).  *conflict is 0. */
enum merge_class merge_matched(const struct record *ours,
			       const struct record *theirs, uint64_t *take,
			       uint64_t *conflict);

/* Deleted there, ours present: MERGE_DELETE when ours did not change
 * since a base (the tombstone's fingerprint among them), MERGE_KEEP
 * when the partner's deletion is already known (a base is
 * MERGE_BASE_DELETED) and ours was kept, else MERGE_CONFLICT. */
enum merge_class merge_deleted_there(const struct record *ours,
				     const char *const *bases, size_t nbases);

/* Deleted here (bases hold our tombstone's fingerprint), theirs
 * present: MERGE_KEEP (it stays deleted) when theirs did not change
 * since a base, else MERGE_CONFLICT. */
enum merge_class merge_deleted_here(const struct record *theirs,
				    const char *const *bases, size_t nbases);

/* ours may be NULL (MERGE_NEW). */
enum merge_class merge_classify(const struct record *ours,
				const struct record *theirs);

/* The version a record gets when the file's values are written over
 * ours: max(ours, theirs) + 1, so that versions never go back and no
 * version read before the import matches after it. */
int64_t merge_version(const struct record *ours, const struct record *theirs);

/* Writes "field: ours X theirs Y" for field i into buf (values in
 * their exchange form, long text cut); returns buf. */
char *merge_describe(const struct record *ours, const struct record *theirs,
		     int field, char *buf, size_t size);

#endif
