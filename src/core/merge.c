/* SPDX-License-Identifier: EUPL-1.2 */
/* merge.c — classifying an imported record against the stored one. */
#include "config.h"

#include "merge.h"

#include <stdio.h>
#include <string.h>

#include "src/base/format.h"
#include "src/base/i18n.h"

/* Text longer than this is cut in a conflict line. */
#define SHOWN_MAX 60

static bool
same_values(const struct record *a, const struct record *b)
{
	for (size_t i = 0; i < a->def->nfields; i++)
		if (!record_field_equal(a, b, (int)i))
			return false;
	return true;
}

enum merge_class
merge_classify(const struct record *ours, const struct record *theirs)
{
	if (!ours)
		return MERGE_NEW;
	if (same_values(ours, theirs))
		return MERGE_SAME;
	return theirs->version > ours->version ? MERGE_UPDATE : MERGE_CONFLICT;
}

/* Whether field i of rec holds the value some base has for it;
 * *known says whether any base has the field. */
static bool
field_in_bases(const struct record *rec, int i, const char *const *bases,
	       size_t nbases, bool *known)
{
	char mine[FIELD_HASH_LEN + 1], base[FIELD_HASH_LEN + 1];
	bool found = false;

	record_field_hash(rec, i, mine);
	*known = false;
	for (size_t b = 0; b < nbases && !found; b++) {
		if (!bases[b] || !fingerprint_field(bases[b], rec->def->fields[i].name,
						    base))
			continue;
		*known = true;
		found = !strcmp(base, mine);
	}
	return found;
}

static bool
any_base(const char *const *bases, size_t nbases)
{
	for (size_t b = 0; b < nbases; b++)
		if (bases[b] && strcmp(bases[b], MERGE_BASE_DELETED))
			return true;
	return false;
}

static bool
base_deleted(const char *const *bases, size_t nbases)
{
	for (size_t b = 0; b < nbases; b++)
		if (bases[b] && !strcmp(bases[b], MERGE_BASE_DELETED))
			return true;
	return false;
}

/* Whether every field of rec that a base knows holds a base's value:
 * the record did not change since. */
static bool
unchanged_since(const struct record *rec, const char *const *bases,
		size_t nbases)
{
	bool known, any = false;

	for (size_t i = 0; i < rec->def->nfields; i++) {
		if (!field_in_bases(rec, (int)i, bases, nbases, &known) && known)
			return false;
		any = any || known;
	}
	return any;
}

enum merge_class
merge_three_way(const struct record *ours, const struct record *theirs,
		const char *const *bases, size_t nbases, uint64_t *take,
		uint64_t *conflict)
{
	enum merge_class c;

	*take = *conflict = 0;
	if (!any_base(bases, nbases)) {
		c = merge_classify(ours, theirs);
		for (size_t i = 0; c != MERGE_SAME && i < ours->def->nfields; i++)
			if (!record_field_equal(ours, theirs, (int)i))
				*(c == MERGE_UPDATE ? take : conflict) |= UINT64_C(1) << i;
		return c;
	}
	for (size_t i = 0; i < ours->def->nfields; i++) {
		bool known_o, known_t, o, t;

		if (record_field_equal(ours, theirs, (int)i))
			continue;
		o = field_in_bases(ours, (int)i, bases, nbases, &known_o);
		t = field_in_bases(theirs, (int)i, bases, nbases, &known_t);
		if (o && !t)
			*take |= UINT64_C(1) << i;       /* only theirs changed */
		else if (!(t && !o))
			*conflict |= UINT64_C(1) << i;   /* both, or unknown */
	}
	if (*conflict)
		return MERGE_CONFLICT;
	if (*take)
		return MERGE_UPDATE;
	return same_values(ours, theirs) ? MERGE_SAME : MERGE_KEEP;
}

enum merge_class
merge_matched(const struct record *ours, const struct record *theirs,
	      uint64_t *take, uint64_t *conflict)
{
	*take = *conflict = 0;
	for (size_t i = 0; i < ours->def->nfields; i++)
		if (ours->v[i].null && !theirs->v[i].null)
			*take |= UINT64_C(1) << i;
	if (*take)
		return MERGE_UPDATE;
	return same_values(ours, theirs) ? MERGE_SAME : MERGE_KEEP;
}

enum merge_class
merge_deleted_there(const struct record *ours, const char *const *bases,
		    size_t nbases)
{
	if (unchanged_since(ours, bases, nbases))
		return MERGE_DELETE;
	return base_deleted(bases, nbases) ? MERGE_KEEP : MERGE_CONFLICT;
}

enum merge_class
merge_deleted_here(const struct record *theirs, const char *const *bases,
		   size_t nbases)
{
	return unchanged_since(theirs, bases, nbases) ? MERGE_KEEP
						      : MERGE_CONFLICT;
}

int64_t
merge_version(const struct record *ours, const struct record *theirs)
{
	return (ours->version > theirs->version ? ours->version
						: theirs->version) + 1;
}

/* One value in its exchange form: quoted text (cut at a character
 * boundary), ISO money and hundredths, true/false. */
static const char *
shown(const struct record *rec, int i, char *buf, size_t size)
{
	const struct value *v = &rec->v[i];
	size_t n;

	if (v->null)
		return _("(none)");
	switch (rec->def->fields[i].type) {
	case FT_MONEY:
		return format_money(buf, size, v->num, FMT_ISO);
	case FT_HUNDREDTHS:
		return format_hundredths(buf, size, v->num, FMT_ISO);
	case FT_YEAR:
		snprintf(buf, size, "%lld", (long long)v->num);
		return buf;
	case FT_BOOL:
		return v->num ? "true" : "false";
	default:
		break;
	}
	n = strlen(v->text);
	if (n > SHOWN_MAX) {
		n = SHOWN_MAX;
		while (n > 0 && ((unsigned char)v->text[n] & 0xC0) == 0x80)
			n--;
	}
	snprintf(buf, size, "\"%.*s%s\"", (int)n, v->text,
		 n < strlen(v->text) ? "…" : "");
	return buf;
}

char *
merge_describe(const struct record *ours, const struct record *theirs,
	       int field, char *buf, size_t size)
{
	char a[SHOWN_MAX + 16], b[SHOWN_MAX + 16];

	snprintf(buf, size, _("%s: ours %s theirs %s"),
		 ours->def->fields[field].name, shown(ours, field, a, sizeof a),
		 shown(theirs, field, b, sizeof b));
	return buf;
}
