/* SPDX-License-Identifier: EUPL-1.2 */
/* entity.c — the field tables.  Order must match entity_fields.h. */
#include "config.h"

#include "entity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#include "entity_fields.h"
#include "i18n.h"

const struct enum_def project_statuses[] = {
	{ "idea",      N_("idea"),          "·" },
	{ "preparing", N_("preparing"),     "◔" },
	{ "applied",   N_("applied"),       "○" },
	{ "granted",   N_("granted"),       "◑" },
	{ "rejected",  N_("rejected"),      "✗" },
	{ "active",    N_("active"),        "●" },
	{ "reporting", N_("reporting"),     "◐" },
	{ "closed",    N_("closed"),        "■" },
	{ "cancelled", N_("cancelled"),     "✗" },
	{ "withdrawn", N_("withdrawn"),     "✗" },
	{ NULL, NULL, NULL }
};

const struct enum_def role_kinds[] = {
	{ "administrator",    N_("administrator"),    NULL },
	{ "main_implementer", N_("main implementer"), NULL },
	{ "co_implementer",   N_("co-implementer"),   NULL },
	{ "funder",           N_("funder"),           NULL },
	{ "partner",          N_("partner"),          NULL },
	{ "steering_group",   N_("steering group"),   NULL },
	{ NULL, NULL, NULL }
};

const struct enum_def organisation_kinds[] = {
	{ "ministry",          N_("ministry"),          NULL },
	{ "agency",            N_("agency"),            NULL },
	{ "eu_programme",      N_("EU programme"),      NULL },
	{ "wellbeing_county",  N_("wellbeing county"),  NULL },
	{ "university",        N_("university"),        NULL },
	{ "uas",               N_("university of applied sciences"), NULL },
	{ "competence_centre", N_("competence centre"), NULL },
	{ "municipality",      N_("municipality"),      NULL },
	{ "ngo",               N_("NGO"),               NULL },
	{ "company",           N_("company"),           NULL },
	{ "other",             N_("other"),             NULL },
	{ NULL, NULL, NULL }
};

const struct enum_def deadline_kinds[] = {
	{ "application_due",   N_("application due"),   NULL },
	{ "decision_expected", N_("decision expected"), NULL },
	{ "report_due",        N_("report due"),        NULL },
	{ "steering_meeting",  N_("steering group meeting"), NULL },
	{ "payment",           N_("payment"),           NULL },
	{ "other",             N_("other"),             NULL },
	{ NULL, NULL, NULL }
};

/* Whether an outcome figure counts what happened in its period (the
 * year of its date) or everything since the project began. */
const struct enum_def outcome_kinds[] = {
	{ "period",     N_("in the period"), NULL },
	{ "cumulative", N_("cumulative"),    NULL },
	{ NULL, NULL, NULL }
};

/* How exact a figure is: the sources say "lähes 4 000", "yli 5 000". */
const struct enum_def outcome_precisions[] = {
	{ "exact",    N_("exact"),    NULL },
	{ "about",    N_("about"),    "~" },
	{ "nearly",   N_("nearly"),   "<" },
	{ "over",     N_("over"),     ">" },
	{ NULL, NULL, NULL }
};

#define FIELDS(a) (a), (sizeof (a) / sizeof (a)[0])

static const struct field_def organisation_fields[] = {
	[ORG_NAME]       = { "name",       N_("Name"),       FT_TEXT, F_REQUIRED | F_UNIQUE, NULL, 0 },
	[ORG_SHORT_NAME] = { "short_name", N_("Short name"), FT_TEXT, 0, NULL, 0 },
	[ORG_KIND]       = { "kind",       N_("Kind"),       FT_ENUM, F_REQUIRED, organisation_kinds, 0 },
	[ORG_REGION]     = { "region",     N_("Region"),     FT_TEXT, 0, NULL, 0 },
	[ORG_WEBSITE]    = { "website",    N_("Website"),    FT_TEXT, 0, NULL, 0 },
	[ORG_BUSINESS_ID] = { "business_id", N_("Business ID"), FT_TEXT, F_UNIQUE, NULL, 0 },
};

static const struct field_def project_fields[] = {
	[PROJECT_CODE]          = { "code",          N_("Code"),          FT_TEXT, F_REQUIRED | F_UNIQUE, NULL, 0 },
	[PROJECT_NAME]          = { "name",          N_("Name"),          FT_TEXT, F_REQUIRED, NULL, 0 },
	[PROJECT_DESCRIPTION]   = { "description",   N_("Description"),   FT_LONGTEXT, 0, NULL, 0 },
	[PROJECT_STATUS]        = { "status",        N_("Status"),        FT_ENUM, F_REQUIRED | F_READONLY, project_statuses, 0 },
	[PROJECT_PLANNED_START] = { "planned_start", N_("Planned start"), FT_DATE, 0, NULL, 0 },
	[PROJECT_PLANNED_END]   = { "planned_end",   N_("Planned end"),   FT_DATE, 0, NULL, 0 },
	[PROJECT_ACTUAL_START]  = { "actual_start",  N_("Actual start"),  FT_DATE, 0, NULL, 0 },
	[PROJECT_ACTUAL_END]    = { "actual_end",    N_("Actual end"),    FT_DATE, 0, NULL, 0 },
	[PROJECT_THEMES]        = { "themes",        N_("Themes"),        FT_TEXT, F_LIST, NULL, 0 },
	[PROJECT_REGION]        = { "region",        N_("Region"),        FT_TEXT, 0, NULL, 0 },
	[PROJECT_BUDGET]        = { "budget",        N_("Budget"),        FT_MONEY, 0, NULL, 0 },
	[PROJECT_PERSON_YEARS]  = { "person_years",  N_("Person-years"),  FT_HUNDREDTHS, 0, NULL, 0 },
	[PROJECT_WEBSITE]       = { "website",       N_("Website"),       FT_TEXT, 0, NULL, 0 },
};

static const struct field_def role_fields[] = {
	[ROLE_PROJECT]      = { "project",      N_("Project"),      FT_REF,  F_REQUIRED | F_READONLY, NULL, ENT_PROJECT },
	[ROLE_ORGANISATION] = { "organisation", N_("Organisation"), FT_REF,  F_REQUIRED, NULL, ENT_ORGANISATION },
	[ROLE_ROLE]         = { "role",         N_("Role"),         FT_ENUM, F_REQUIRED, role_kinds, 0 },
	[ROLE_BUDGET_SHARE] = { "budget_share", N_("Budget share"), FT_MONEY, 0, NULL, 0 },
	[ROLE_NOTE]         = { "note",         N_("Note"),         FT_TEXT, 0, NULL, 0 },
	/* Own financing (omarahoitus) the organisation brings: an amount,
	 * or a per cent of its budget share (of the budget without one). */
	[ROLE_COFINANCING]  = { "cofinancing",  N_("Co-financing"), FT_MONEY, 0, NULL, 0 },
	[ROLE_COFINANCING_PERCENT] = { "cofinancing_percent", N_("Co-financing %"), FT_HUNDREDTHS, 0, NULL, 0 },
};

static const struct field_def funding_fields[] = {
	[FUNDING_PROJECT]       = { "project",       N_("Project"),       FT_REF,  F_REQUIRED | F_READONLY, NULL, ENT_PROJECT },
	[FUNDING_FUNDER]        = { "funder",        N_("Funder"),        FT_REF,  F_REQUIRED, NULL, ENT_ORGANISATION },
	[FUNDING_PROGRAMME]     = { "programme",     N_("Programme"),     FT_TEXT, 0, NULL, 0 },
	[FUNDING_APPLIED]       = { "applied",       N_("Applied"),       FT_MONEY, 0, NULL, 0 },
	[FUNDING_GRANTED]       = { "granted",       N_("Granted"),       FT_MONEY, 0, NULL, 0 },
	[FUNDING_DECISION_DATE] = { "decision_date", N_("Decision date"), FT_DATE, 0, NULL, 0 },
	[FUNDING_REFERENCE]     = { "reference",     N_("Reference"),     FT_TEXT, 0, NULL, 0 },
	/* The year the line is for; none: the whole project. */
	[FUNDING_YEAR]          = { "year",          N_("Year"),          FT_YEAR, 0, NULL, 0 },
	[FUNDING_PAID]          = { "paid",          N_("Paid"),          FT_MONEY, 0, NULL, 0 },
	[FUNDING_APPLIED_DATE]  = { "applied_date",  N_("Applied on"),    FT_DATE, 0, NULL, 0 },
};

static const struct field_def status_change_fields[] = {
	[STATUS_PROJECT] = { "project",     N_("Project"), FT_REF,  F_REQUIRED | F_READONLY, NULL, ENT_PROJECT },
	[STATUS_FROM]    = { "from_status", N_("From"),    FT_ENUM, F_READONLY, project_statuses, 0 },
	[STATUS_TO]      = { "to_status",   N_("To"),      FT_ENUM, F_REQUIRED | F_READONLY, project_statuses, 0 },
	[STATUS_DATE]    = { "date",        N_("Date"),    FT_DATE, F_REQUIRED, NULL, 0 },
	[STATUS_BY]      = { "by",          N_("By"),      FT_TEXT, F_READONLY, NULL, 0 },
	[STATUS_REASON]  = { "reason",      N_("Reason"),  FT_TEXT, 0, NULL, 0 },
	[STATUS_FORCED]  = { "forced",      N_("Forced"),  FT_BOOL, F_READONLY, NULL, 0 },
};

static const struct field_def deadline_fields[] = {
	[DEADLINE_PROJECT]   = { "project",   N_("Project"),   FT_REF,  F_REQUIRED | F_READONLY, NULL, ENT_PROJECT },
	[DEADLINE_KIND]      = { "kind",      N_("Kind"),      FT_ENUM, F_REQUIRED, deadline_kinds, 0 },
	[DEADLINE_TITLE]     = { "title",     N_("Title"),     FT_TEXT, F_REQUIRED, NULL, 0 },
	[DEADLINE_DUE]       = { "due",       N_("Due"),       FT_DATE, F_REQUIRED, NULL, 0 },
	[DEADLINE_DONE]      = { "done",      N_("Done"),      FT_BOOL, 0, NULL, 0 },
	[DEADLINE_DONE_DATE] = { "done_date", N_("Done on"),   FT_DATE, 0, NULL, 0 },
	[DEADLINE_CANCELLED_DATE] = { "cancelled_date", N_("Cancelled on"), FT_DATE, 0, NULL, 0 },
	[DEADLINE_CANCEL_REASON]  = { "cancel_reason",  N_("Cancel reason"), FT_TEXT, 0, NULL, 0 },
	/* A repeating deadline: every occurrence is a record of its own,
	 * carrying the series' uuid, its rule (an RFC 5545 RRULE, UNTIL
	 * form) and the date the rule gave it. */
	[DEADLINE_SERIES]     = { "series",     N_("Series"),        FT_TEXT, F_READONLY, NULL, 0 },
	[DEADLINE_REPEAT]     = { "repeat",     N_("Repeats"),       FT_TEXT, F_READONLY, NULL, 0 },
	[DEADLINE_OCCURRENCE] = { "occurrence", N_("Occurrence of"), FT_DATE, F_READONLY, NULL, 0 },
};

static const struct field_def note_fields[] = {
	[NOTE_PROJECT] = { "project", N_("Project"), FT_REF,  F_REQUIRED | F_READONLY, NULL, ENT_PROJECT },
	[NOTE_DATE]    = { "date",    N_("Date"),    FT_DATE, F_REQUIRED, NULL, 0 },
	[NOTE_AUTHOR]  = { "author",  N_("Author"),  FT_TEXT, F_READONLY, NULL, 0 },
	[NOTE_BODY]    = { "body",    N_("Text"),    FT_LONGTEXT, F_REQUIRED, NULL, 0 },
};

static const struct field_def outcome_fields[] = {
	[OUTCOME_PROJECT] = { "project", N_("Project"), FT_REF,  F_REQUIRED | F_READONLY, NULL, ENT_PROJECT },
	[OUTCOME_LABEL]   = { "label",   N_("Label"),   FT_TEXT, F_REQUIRED, NULL, 0 },
	[OUTCOME_VALUE]   = { "value",   N_("Value"),   FT_HUNDREDTHS, F_REQUIRED, NULL, 0 },
	[OUTCOME_UNIT]    = { "unit",    N_("Unit"),    FT_TEXT, 0, NULL, 0 },
	[OUTCOME_DATE]    = { "date",    N_("Date"),    FT_DATE, 0, NULL, 0 },
	[OUTCOME_TARGET]  = { "target",  N_("Target"),  FT_HUNDREDTHS, 0, NULL, 0 },
	[OUTCOME_KIND]    = { "kind",    N_("Counted"), FT_ENUM, 0, outcome_kinds, 0 },
	[OUTCOME_PRECISION] = { "precision", N_("Precision"), FT_ENUM, 0, outcome_precisions, 0 },
};

static const struct entity_def organisation_def = {
	ENT_ORGANISATION, "organisation", "organisations", "organisation",
	N_("Organisation"), N_("organisation"), FIELDS(organisation_fields), -1, ORG_NAME,
};
static const struct entity_def project_def = {
	ENT_PROJECT, "project", "projects", "project",
	N_("Project"), N_("project"), FIELDS(project_fields), -1, PROJECT_CODE,
};
static const struct entity_def role_def = {
	ENT_ROLE, "role", "roles", "project_role",
	N_("Role"), N_("role"), FIELDS(role_fields), ROLE_PROJECT, ROLE_ROLE,
};
static const struct entity_def funding_def = {
	ENT_FUNDING, "funding", "funding", "funding",
	N_("Funding"), N_("funding line"), FIELDS(funding_fields), FUNDING_PROJECT, FUNDING_PROGRAMME,
};
static const struct entity_def status_change_def = {
	ENT_STATUS_CHANGE, "status_change", "status_changes", "status_change",
	N_("Status change"), N_("status change"), FIELDS(status_change_fields), STATUS_PROJECT, STATUS_TO,
};
static const struct entity_def deadline_def = {
	ENT_DEADLINE, "deadline", "deadlines", "deadline",
	N_("Deadline"), N_("deadline"), FIELDS(deadline_fields), DEADLINE_PROJECT, DEADLINE_TITLE,
};
static const struct entity_def note_def = {
	ENT_NOTE, "note", "notes", "note",
	N_("Note"), N_("note"), FIELDS(note_fields), NOTE_PROJECT, NOTE_BODY,
};
static const struct entity_def outcome_def = {
	ENT_OUTCOME, "outcome", "outcomes", "outcome",
	N_("Outcome"), N_("outcome"), FIELDS(outcome_fields), OUTCOME_PROJECT, OUTCOME_LABEL,
};

const struct entity_def *const entities[ENT_COUNT] = {
	[ENT_ORGANISATION]  = &organisation_def,
	[ENT_PROJECT]       = &project_def,
	[ENT_ROLE]          = &role_def,
	[ENT_FUNDING]       = &funding_def,
	[ENT_STATUS_CHANGE] = &status_change_def,
	[ENT_DEADLINE]      = &deadline_def,
	[ENT_NOTE]          = &note_def,
	[ENT_OUTCOME]       = &outcome_def,
};

const struct entity_def *
entity_by_name(const char *name)
{
	for (size_t i = 0; i < ENT_COUNT; i++)
		if (!strcmp(entities[i]->name, name) ||
		    !strcmp(entities[i]->plural, name))
			return entities[i];
	return NULL;
}

/* Whether typed names what a person reads as label: letters compared
 * without case (Unicode, by the locale), and a space, '-' or '_' in
 * either all alike, so that "budjetti", "Suunniteltu_alku" and
 * "main implementer" all match. */
static bool
label_compare(const char *label, const char *typed, bool words)
{
	mbstate_t sl = { 0 }, st = { 0 };
	const char *a = label, *b = typed;

	for (;;) {
		wchar_t wa, wb;
		size_t na = mbrtowc(&wa, a, MB_CUR_MAX, &sl);
		size_t nb = mbrtowc(&wb, b, MB_CUR_MAX, &st);

		if (na == (size_t)-1 || na == (size_t)-2 ||
		    nb == (size_t)-1 || nb == (size_t)-2)
			return false;
		if (wa == L' ' || wa == L'-')
			wa = L'_';
		if (wb == L' ' || wb == L'-')
			wb = L'_';
		/* With words, typed may stop where a word of label ends. */
		if (words && !wb && a != label && (wa == L'_' || !wa))
			return true;
		if (towlower((wint_t)wa) != towlower((wint_t)wb))
			return false;
		if (!wa)
			return true;
		a += na;
		b += nb;
	}
}

static bool
label_matches(const char *label, const char *typed)
{
	return label_compare(label, typed, false);
}

int
entity_field_index(const struct entity_def *def, const char *name)
{
	for (size_t i = 0; i < def->nfields; i++)
		if (!strcmp(def->fields[i].name, name))
			return (int)i;
	return -1;
}

/* What people read for the N_() text label, or for key where the locale
 * has no translation: in English the command line's own word
 * ("person_years", "main_implementer"), in Finnish "Henkilötyövuodet". */
static const char *
shown(const char *label, const char *key)
{
	const char *t = _(label);

	return t != label && strcmp(t, label) ? t : key;
}

const char *
field_shown(const struct field_def *f)
{
	return shown(f->label, f->name);
}

const char *
entity_shown(const struct entity_def *def)
{
	return shown(def->noun, def->name);
}

const char *
field_name_shown(const char *name)
{
	for (size_t i = 0; i < ENT_COUNT; i++) {
		int f = entity_field_index(entities[i], name);

		if (f >= 0)
			return field_shown(&entities[i]->fields[f]);
	}
	return name;
}

int
entity_field_find(const struct entity_def *def, const char *name)
{
	int i = entity_field_index(def, name);

	for (size_t j = 0; i < 0 && j < def->nfields; j++)
		if (label_matches(_(def->fields[j].label), name))
			i = (int)j;
	return i;
}

const char *
entity_field_label(const struct entity_def *def, const char *name)
{
	int i = name ? entity_field_index(def, name) : -1;

	return i >= 0 ? field_shown(&def->fields[i]) : name;
}

const struct enum_def *
enum_find(const struct enum_def *enums, const char *key)
{
	const struct enum_def *found = NULL;

	for (const struct enum_def *e = enums; e->key; e++)
		if (!strcmp(e->key, key))
			return e;
	/* The translated label, as a person reading the screen types it. */
	for (const struct enum_def *e = enums; e->key; e++)
		if (label_matches(_(e->label), key))
			return e;
	/* Its first words, when only one label begins so: "raportti" for
	 * "raportti jätettävä". */
	for (const struct enum_def *e = enums; e->key; e++)
		if (label_compare(_(e->label), key, true)) {
			if (found)
				return NULL;
			found = e;
		}
	return found;
}

const char *
enum_label(const struct enum_def *enums, const char *key)
{
	const struct enum_def *e;

	if (!key)
		return NULL;
	for (e = enums; e->key; e++)
		if (!strcmp(e->key, key))
			return shown(e->label, e->key);
	return key;
}

char *
entity_title_text(const struct entity_def *def, const char *title, char *buf,
		  size_t size)
{
	const struct field_def *f = def && def->title_field >= 0
				    ? &def->fields[def->title_field] : NULL;
	const char *tail, *sep;

	snprintf(buf, size, "%s", title ? title : "");
	if (!f || f->type != FT_ENUM || !title)
		return buf;
	/* The store titles a role "ORG: key" and a status change "key". */
	sep = strrchr(title, ':');
	tail = sep && sep[1] == ' ' ? sep + 2 : title;
	snprintf(buf, size, "%.*s%s", (int)(tail - title), title,
		 enum_label(f->enums, tail));
	return buf;
}

size_t
enum_count(const struct enum_def *enums)
{
	size_t n = 0;

	while (enums[n].key)
		n++;
	return n;
}
