/* entity.c — the field tables.  Order must match entity_fields.h. */
#include "config.h"

#include "entity.h"

#include <string.h>
#include <strings.h>

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

#define FIELDS(a) (a), (sizeof (a) / sizeof (a)[0])

static const struct field_def organisation_fields[] = {
	[ORG_NAME]       = { "name",       N_("Name"),       FT_TEXT, F_REQUIRED | F_UNIQUE, NULL, 0 },
	[ORG_SHORT_NAME] = { "short_name", N_("Short name"), FT_TEXT, 0, NULL, 0 },
	[ORG_KIND]       = { "kind",       N_("Kind"),       FT_ENUM, F_REQUIRED, organisation_kinds, 0 },
	[ORG_REGION]     = { "region",     N_("Region"),     FT_TEXT, 0, NULL, 0 },
	[ORG_WEBSITE]    = { "website",    N_("Website"),    FT_TEXT, 0, NULL, 0 },
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
};

static const struct field_def funding_fields[] = {
	[FUNDING_PROJECT]       = { "project",       N_("Project"),       FT_REF,  F_REQUIRED | F_READONLY, NULL, ENT_PROJECT },
	[FUNDING_FUNDER]        = { "funder",        N_("Funder"),        FT_REF,  F_REQUIRED, NULL, ENT_ORGANISATION },
	[FUNDING_PROGRAMME]     = { "programme",     N_("Programme"),     FT_TEXT, 0, NULL, 0 },
	[FUNDING_APPLIED]       = { "applied",       N_("Applied"),       FT_MONEY, 0, NULL, 0 },
	[FUNDING_GRANTED]       = { "granted",       N_("Granted"),       FT_MONEY, 0, NULL, 0 },
	[FUNDING_DECISION_DATE] = { "decision_date", N_("Decision date"), FT_DATE, 0, NULL, 0 },
	[FUNDING_REFERENCE]     = { "reference",     N_("Reference"),     FT_TEXT, 0, NULL, 0 },
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
};

static const struct entity_def organisation_def = {
	ENT_ORGANISATION, "organisation", "organisations", "organisation",
	N_("Organisation"), FIELDS(organisation_fields), -1, ORG_NAME,
};
static const struct entity_def project_def = {
	ENT_PROJECT, "project", "projects", "project",
	N_("Project"), FIELDS(project_fields), -1, PROJECT_CODE,
};
static const struct entity_def role_def = {
	ENT_ROLE, "role", "roles", "project_role",
	N_("Role"), FIELDS(role_fields), ROLE_PROJECT, ROLE_ROLE,
};
static const struct entity_def funding_def = {
	ENT_FUNDING, "funding", "funding", "funding",
	N_("Funding"), FIELDS(funding_fields), FUNDING_PROJECT, FUNDING_PROGRAMME,
};
static const struct entity_def status_change_def = {
	ENT_STATUS_CHANGE, "status_change", "status_changes", "status_change",
	N_("Status change"), FIELDS(status_change_fields), STATUS_PROJECT, STATUS_TO,
};
static const struct entity_def deadline_def = {
	ENT_DEADLINE, "deadline", "deadlines", "deadline",
	N_("Deadline"), FIELDS(deadline_fields), DEADLINE_PROJECT, DEADLINE_TITLE,
};
static const struct entity_def note_def = {
	ENT_NOTE, "note", "notes", "note",
	N_("Note"), FIELDS(note_fields), NOTE_PROJECT, NOTE_BODY,
};
static const struct entity_def outcome_def = {
	ENT_OUTCOME, "outcome", "outcomes", "outcome",
	N_("Outcome"), FIELDS(outcome_fields), OUTCOME_PROJECT, OUTCOME_LABEL,
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

int
entity_field_index(const struct entity_def *def, const char *name)
{
	for (size_t i = 0; i < def->nfields; i++)
		if (!strcmp(def->fields[i].name, name))
			return (int)i;
	return -1;
}

const struct enum_def *
enum_find(const struct enum_def *enums, const char *key)
{
	for (const struct enum_def *e = enums; e->key; e++)
		if (!strcmp(e->key, key))
			return e;
	/* The translated label, as a person reading the screen would type it.
	 * strcasecmp folds ASCII only, which is enough for "Käynnissä" vs
	 * "käynnissä" only at the first letter; exact labels always match. */
	for (const struct enum_def *e = enums; e->key; e++)
		if (!strcasecmp(_(e->label), key))
			return e;
	return NULL;
}

size_t
enum_count(const struct enum_def *enums)
{
	size_t n = 0;

	while (enums[n].key)
		n++;
	return n;
}
