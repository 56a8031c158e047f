/* SPDX-License-Identifier: EUPL-1.2 */
/* validate.c — checks driven by the entity field tables.
 *
 * Each field is checked by its type and flags alone, so that a field
 * added to entity.c is validated without a line here.  The only rules
 * that know about particular fields are the cross-field ones in
 * date_ranges[].  Messages begin with the field's name, as people type
 * it on the command line, and echo bad input only after sanitising it:
 * an import file may hold escape sequences. */
#include "config.h"

#include "validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/entity_fields.h"
#include "src/base/format.h"
#include "src/base/i18n.h"
#include "src/base/text.h"

/* End dates that must not come before their start. */
static const struct {
	enum entity_kind kind;
	int start, end;
} date_ranges[] = {
	{ ENT_PROJECT, PROJECT_PLANNED_START, PROJECT_PLANNED_END },
	{ ENT_PROJECT, PROJECT_ACTUAL_START,  PROJECT_ACTUAL_END },
};

/* Echoed input is cut to this many columns in messages. */
#define ECHO_WIDTH 40

static int fail(struct error *err, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Sets ERR_INVALID naming field; fmt gets the field name first. */
static int
fail(struct error *err, const char *field, const char *fmt, ...)
{
	char msg[sizeof err->message];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return error_set(err, ERR_INVALID, field, "%s", msg);
}

/* What a person typed, made safe to print and short: into buf. */
static const char *
shown(const char *in, char *buf, size_t size)
{
	char *safe = text_sanitize(in, 0);
	char *clipped = safe ? text_clip(safe, ECHO_WIDTH) : NULL;

	snprintf(buf, size, "%s", clipped ? clipped : "?");
	free(clipped);
	free(safe);
	return buf;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
blank(const char *s)
{
	while (s && is_space(*s))
		s++;
	return !s || !*s;
}

/* The labels of an enum, translated, as "idea, preparing, ..." into buf. */
static const char *
enum_keys(const struct enum_def *enums, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (const struct enum_def *e = enums; e->key && len < size; e++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					e == enums ? "" : ", ", enum_label(enums, e->key));
	return buf;
}

static bool
enum_has_key(const struct enum_def *enums, const char *key)
{
	for (const struct enum_def *e = enums; e && e->key; e++)
		if (!strcmp(e->key, key))
			return true;
	return false;
}

/* A uuid as the store writes it: 8-4-4-4-12 hexadecimal digits. */
static bool
uuid_ok(const char *s)
{
	if (strlen(s) != UUID_LEN)
		return false;
	for (int i = 0; i < UUID_LEN; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		char c = s[i];

		if (dash ? c != '-' :
			   !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
			     (c >= 'A' && c <= 'F')))
			return false;
	}
	return true;
}

/* A date in storage form: valid and written exactly as ISO. */
static bool
iso_date_ok(const char *s)
{
	char norm[11];

	return parse_date(s, norm) == 0 && !strcmp(norm, s);
}

static int
too_large(struct error *err, const struct field_def *f)
{
	enum fmt_style st = format_style_from_locale();
	char max[40];

	return fail(err, f->name, _("%s: is too large (at most %s)"), field_shown(f),
		    f->type == FT_MONEY
		    ? format_money(max, sizeof max, FORMAT_AMOUNT_MAX, st)
		    : format_hundredths(max, sizeof max, FORMAT_AMOUNT_MAX, st));
}

/* Why what was typed for a money or figure field is not one; rc is
 * parse_money()'s or parse_hundredths()'s answer. */
static int
number_refused(struct error *err, const struct field_def *f, const char *word,
	       int rc)
{
	char echo[256];

	shown(word, echo, sizeof echo);
	switch (rc) {
	case PARSE_AMBIGUOUS:
		return fail(err, f->name,
			    _("%s: %s is ambiguous: write 1500 or 1 500 for thousands, 1,50 or 1.50 for decimals"),
			    field_shown(f), echo);
	case PARSE_DECIMALS:
		return fail(err, f->name, _("%s: %s has more than two decimals"),
			    field_shown(f), echo);
	case PARSE_RANGE:
		return too_large(err, f);
	default:
		break;
	}
	if (f->type == FT_MONEY)
		return fail(err, f->name,
			    _("%s: %s is not an amount of money (use 453 087,50 € or 453087.50)"),
			    field_shown(f), echo);
	return fail(err, f->name,
		    _("%s: %s is not a number with at most two decimals (use 8,8 or 8.8)"),
		    field_shown(f), echo);
}

static bool
is_text_type(enum field_type t)
{
	return !field_type_numeric(t);
}

static int
check_text(const struct field_def *f, const char *s, struct error *err)
{
	char echo[256], keys[400];

	if (!utf8_valid(s, strlen(s)))
		return fail(err, f->name, _("%s: the text is not valid UTF-8"),
			    field_shown(f));
	switch (f->type) {
	case FT_TEXT:
		if (strchr(s, '\n'))
			return fail(err, f->name,
				    _("%s: must be a single line"), field_shown(f));
		break;
	case FT_DATE:
		if (!iso_date_ok(s))
			return fail(err, f->name,
				    _("%s: %s is not a valid date (use 2024-01-15)"),
				    field_shown(f), shown(s, echo, sizeof echo));
		break;
	case FT_ENUM:
		if (!enum_has_key(f->enums, s))
			return fail(err, f->name,
				    _("%s: \"%s\" is not one of: %s"), field_shown(f),
				    shown(s, echo, sizeof echo),
				    enum_keys(f->enums, keys, sizeof keys));
		break;
	case FT_REF:
		if (!uuid_ok(s))
			return fail(err, f->name,
				    _("%s: \"%s\" is not a record identifier (uuid)"),
				    field_shown(f), shown(s, echo, sizeof echo));
		break;
	default:
		break;
	}
	return ERR_OK;
}

static int
check_field(const struct record *rec, size_t i, struct error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	const struct value *v = &rec->v[i];

	if (v->null || (is_text_type(f->type) && (!v->text || blank(v->text)))) {
		if (f->flags & F_REQUIRED)
			return fail(err, f->name, _("%s: a value is required"),
				    field_shown(f));
		/* An empty string would be stored as a value: only free
		 * text may be empty. */
		if (!v->null && f->type != FT_TEXT && f->type != FT_LONGTEXT)
			return fail(err, f->name, _("%s: the value is empty"),
				    field_shown(f));
		if (v->null || !v->text)
			return ERR_OK;
	}
	switch (f->type) {
	case FT_MONEY:
	case FT_HUNDREDTHS:
		if (v->num < 0)
			return fail(err, f->name, _("%s: cannot be negative"),
				    field_shown(f));
		if (v->num > FORMAT_AMOUNT_MAX)
			return too_large(err, f);
		return ERR_OK;
	case FT_YEAR:
		if (v->num < FIELD_YEAR_MIN || v->num > FIELD_YEAR_MAX)
			return fail(err, f->name, _("%s: %lld is not a year (%d-%d)"),
				    field_shown(f), (long long)v->num,
				    FIELD_YEAR_MIN, FIELD_YEAR_MAX);
		return ERR_OK;
	case FT_BOOL:
		if (v->num != 0 && v->num != 1)
			return fail(err, f->name, _("%s: must be yes or no"),
				    field_shown(f));
		return ERR_OK;
	default:
		return check_text(f, v->text, err);
	}
}

static int
check_ranges(const struct record *rec, struct error *err)
{
	enum fmt_style st = format_style_from_locale();

	for (size_t i = 0; i < sizeof date_ranges / sizeof *date_ranges; i++) {
		const char *start, *end;
		char s[40], e[40];

		if (date_ranges[i].kind != rec->def->kind)
			continue;
		start = record_text(rec, date_ranges[i].start);
		end = record_text(rec, date_ranges[i].end);
		if (!start || !end || strcmp(end, start) >= 0)
			continue;
		return fail(err, rec->def->fields[date_ranges[i].end].name,
			    _("%s: the end (%s) is before the start (%s)"),
			    rec->def->fields[date_ranges[i].end].name,
			    format_date(e, sizeof e, end, st),
			    format_date(s, sizeof s, start, st));
	}
	return ERR_OK;
}

/* An organisation's business ID (Y-tunnus) with its check digit. */
static int
check_business_id(const struct record *rec, struct error *err)
{
	const char *id;
	char echo[256];

	if (rec->def->kind != ENT_ORGANISATION ||
	    !(id = record_text(rec, ORG_BUSINESS_ID)) || business_id_valid(id))
		return ERR_OK;
	return fail(err, rec->def->fields[ORG_BUSINESS_ID].name,
		    _("%s: %s is not a business ID (Y-tunnus) with a right check digit, such as 0737546-2"),
		    field_shown(&rec->def->fields[ORG_BUSINESS_ID]),
		    shown(id, echo, sizeof echo));
}

/* A deadline is open, done or cancelled: never done and cancelled at
 * once, and a cancellation says when and why. */
static int
check_deadline(const struct record *rec, struct error *err)
{
	bool done, cancelled;

	/* Only a deadline has these fields. */
	if (rec->def->kind != ENT_DEADLINE)
		return ERR_OK;
	done = !rec->v[DEADLINE_DONE].null && rec->v[DEADLINE_DONE].num;
	cancelled = !rec->v[DEADLINE_CANCELLED_DATE].null;
	if (done && cancelled)
		return fail(err, "cancelled_date", "%s",
			    _("cancelled_date: a deadline cannot be both done and cancelled"));
	if (cancelled && rec->v[DEADLINE_CANCEL_REASON].null)
		return fail(err, "cancel_reason", "%s",
			    _("cancel_reason: a cancelled deadline needs a reason"));
	if (!cancelled && !rec->v[DEADLINE_CANCEL_REASON].null)
		return fail(err, "cancelled_date", "%s",
			    _("cancelled_date: a cancel reason needs the date of the cancellation"));
	if (!rec->v[DEADLINE_REPEAT].null &&
	    (rec->v[DEADLINE_SERIES].null || rec->v[DEADLINE_OCCURRENCE].null))
		return fail(err, "series", "%s",
			    _("series: a repeating deadline needs its series and occurrence"));
	return ERR_OK;
}

int
validate_record(const struct record *rec, struct error *err)
{
	int rc;

	if (!rec || !rec->def)
		return error_set(err, ERR_INVALID, NULL,
				 _("there is no record to check"));
	for (size_t i = 0; i < rec->def->nfields; i++)
		if ((rc = check_field(rec, i, err)) != ERR_OK)
			return rc;
	if ((rc = check_business_id(rec, err)) != ERR_OK)
		return rc;
	if ((rc = check_deadline(rec, err)) != ERR_OK)
		return rc;
	return check_ranges(rec, err);
}

/* A copy of s without leading and trailing white space; NULL when out
 * of memory. */
static char *
trimmed(const char *s)
{
	size_t len;

	while (is_space(*s))
		s++;
	len = strlen(s);
	while (len && is_space(s[len - 1]))
		len--;
	return strndup(s, len);
}

static int
set_text(struct record *rec, int field, const char *text, struct error *err)
{
	if (record_set_text(rec, field, text) < 0)
		return error_set(err, ERR_FAILED, rec->def->fields[field].name,
				 _("out of memory"));
	return ERR_OK;
}

static int
parse_value(struct record *rec, int field, const char *in, const char *word,
	    struct error *err)
{
	const struct field_def *f = &rec->def->fields[field];
	const struct enum_def *e;
	char echo[256], keys[400], iso[11];
	int64_t num;
	bool yes;
	int rc;

	switch (f->type) {
	case FT_TEXT:
	case FT_REF:
		if (!utf8_valid(word, strlen(word)))
			return fail(err, f->name,
				    _("%s: the text is not valid UTF-8"), field_shown(f));
		if (strchr(word, '\n'))
			return fail(err, f->name,
				    _("%s: must be a single line"), field_shown(f));
		return set_text(rec, field, word, err);
	case FT_LONGTEXT:
		if (!utf8_valid(in, strlen(in)))
			return fail(err, f->name,
				    _("%s: the text is not valid UTF-8"), field_shown(f));
		return set_text(rec, field, in, err);
	case FT_DATE:
		if (parse_date(word, iso) < 0)
			return fail(err, f->name,
				    _("%s: %s is not a valid date (use 15.1.2024 or 2024-01-15)"),
				    field_shown(f), shown(word, echo, sizeof echo));
		return set_text(rec, field, iso, err);
	case FT_MONEY:
	case FT_HUNDREDTHS:
		if ((rc = f->type == FT_MONEY ? parse_money(word, &num)
					      : parse_hundredths(word, &num)))
			return number_refused(err, f, word, rc);
		if (num < 0)
			return fail(err, f->name, _("%s: cannot be negative"),
				    field_shown(f));
		record_set_num(rec, field, num);
		return ERR_OK;
	case FT_YEAR:
		if (parse_year(word, &num) < 0)
			return fail(err, f->name,
				    _("%s: %s is not a year (%d-%d)"), field_shown(f),
				    shown(word, echo, sizeof echo),
				    FIELD_YEAR_MIN, FIELD_YEAR_MAX);
		record_set_num(rec, field, num);
		return ERR_OK;
	case FT_BOOL:
		if (parse_bool(word, &yes) < 0)
			return fail(err, f->name,
				    _("%s: \"%s\" is not yes or no"), field_shown(f),
				    shown(word, echo, sizeof echo));
		record_set_num(rec, field, yes);
		return ERR_OK;
	case FT_ENUM:
		if (!(e = enum_find(f->enums, word)))
			return fail(err, f->name,
				    _("%s: \"%s\" is not one of: %s"), field_shown(f),
				    shown(word, echo, sizeof echo),
				    enum_keys(f->enums, keys, sizeof keys));
		return set_text(rec, field, e->key, err);
	}
	return fail(err, f->name, _("%s: the field has an unknown type"),
		    field_shown(f));
}

int
validate_parse_field(struct record *rec, int field, const char *input,
		     struct error *err)
{
	char *word;
	int rc;

	if (!rec || !rec->def)
		return error_set(err, ERR_INVALID, NULL,
				 _("there is no record to check"));
	if (field < 0 || (size_t)field >= rec->def->nfields)
		return error_set(err, ERR_INVALID, NULL,
				 _("%s has no field number %d"),
				 entity_shown(rec->def), field);
	if (blank(input)) {
		record_set_null(rec, field);
		return ERR_OK;
	}
	if (!(word = trimmed(input)))
		return error_set(err, ERR_FAILED, rec->def->fields[field].name,
				 _("out of memory"));
	rc = parse_value(rec, field, input, word, err);
	free(word);
	return rc;
}
