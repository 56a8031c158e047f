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
