/* merge.h — what an import does with one record: the file's record
 * (theirs) against the database's (ours).  Private to the model core.
 *
 * The comparison knows only the two records and their versions.  An
 * exchange between centres will add the version both descend from (a
 * common base): then a side "changed" when it differs from the base,
 * and only fields both sides changed conflict.  merge_classify() is the
 * one step that will then take the base too. */
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
};

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
