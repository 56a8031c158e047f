/* SPDX-License-Identifier: EUPL-1.2 */
/* entity.h — what salkku stores, described as data.
 *
 * Every kind of record (project, organisation, role, funding line, ...)
 * is an entity_def: a table name and a list of field_defs.  The storage
 * layer builds its column lists from these, the model validates by them,
 * the command line maps FIELD=VALUE onto them, JSON export/import walks
 * them and the TUI builds its forms from them.  Adding a field means one
 * line here plus a migration in db/.
 *
 * Every record also has, outside its fields: an integer id (local to
 * one database), a uuid (identity across databases) and a version
 * (bumped on every change, for conflict detection). */
#ifndef SALKKU_ENTITY_H
#define SALKKU_ENTITY_H

#include <stdbool.h>
#include <stddef.h>

enum field_type {
	FT_TEXT,        /* one line of text */
	FT_LONGTEXT,    /* free text, may hold newlines (descriptions, notes) */
	FT_DATE,        /* ISO 8601 date "2024-01-15" */
	FT_MONEY,       /* integer cents */
	FT_HUNDREDTHS,  /* fixed point, two decimals: person-years, figures */
	FT_BOOL,        /* 0 or 1 */
	FT_ENUM,        /* one key of field_def.enums, stored as the key */
	FT_REF,         /* uuid of a record of entity field_def.ref */
	FT_YEAR,        /* a calendar year, 1900-2199, as an integer */
};

/* Whether a field of type t is stored as a number (struct value.num)
 * rather than as text. */
static inline bool
field_type_numeric(enum field_type t)
{
	return t == FT_MONEY || t == FT_HUNDREDTHS || t == FT_BOOL ||
	       t == FT_YEAR;
}

/* The years an FT_YEAR field holds. */
#define FIELD_YEAR_MIN 1900
#define FIELD_YEAR_MAX 2199

/* Field flags. */
enum {
	F_REQUIRED = 1 << 0,  /* must not be empty */
	F_UNIQUE   = 1 << 1,  /* unique across the table (project code) */
	F_READONLY = 1 << 2,  /* not changed by `set`/forms: status, author */
	F_LIST     = 1 << 3,  /* comma-separated list (themes) */
};

/* One allowed value of an FT_ENUM field.  key is stored and typed on the
 * command line; label is the (translatable) text people read. */
struct enum_def {
	const char *key;
	const char *label;  /* N_() — translate with gettext at use */
	const char *symbol; /* a one-cell symbol shown beside the label, or NULL */
};

enum entity_kind {
	ENT_ORGANISATION,
	ENT_PROJECT,
	ENT_ROLE,
	ENT_FUNDING,
	ENT_STATUS_CHANGE,
	ENT_DEADLINE,
	ENT_NOTE,
	ENT_OUTCOME,
	ENT_COUNT
};

struct field_def {
	const char *name;    /* column, CLI and JSON name: "planned_start" */
	const char *label;   /* N_("Planned start") */
	enum field_type type;
	unsigned flags;
	const struct enum_def *enums; /* FT_ENUM: terminated by {NULL} */
	enum entity_kind ref;         /* FT_REF: the referenced entity */
};

struct entity_def {
	enum entity_kind kind;
	const char *name;         /* "project": used in JSON and the change log */
	const char *plural;       /* "projects": the JSON dump's array name */
	const char *table;        /* SQL table */
	const char *label;        /* N_("Project"): a heading */
	const char *noun;         /* N_("project"): inside a sentence */
	const struct field_def *fields;
	size_t nfields;
	/* Index of the FT_REF field naming the owning project, or -1 for the
	 * top-level entities (project, organisation). */
	int project_field;
	/* Index of the field that names a record to people ("code", "name",
	 * "title"), used in messages and pickers. */
	int title_field;
};

extern const struct entity_def *const entities[ENT_COUNT];

/* The canonical enumerations. */
extern const struct enum_def project_statuses[];
extern const struct enum_def role_kinds[];
extern const struct enum_def organisation_kinds[];
extern const struct enum_def deadline_kinds[];
extern const struct enum_def outcome_kinds[];
extern const struct enum_def outcome_precisions[];

/* Looks an entity up by name ("project") or plural ("projects"); NULL if
 * there is none. */
const struct entity_def *entity_by_name(const char *name);

/* Index of the field called name in def, or -1. */
int entity_field_index(const struct entity_def *def, const char *name);

/* Index of the field a person typed: its name ("person_years") or its
 * translated label, without case, a space written as '_' or '-'
 * ("henkilötyövuodet", "Planned_start"); -1 if neither. */
int entity_field_find(const struct entity_def *def, const char *name);

/* How a field, an entity or an enum value is named inside a sentence:
 * its translated label ("Henkilötyövuodet", "hanke", "myönnetty") when
 * the locale has a translation, else its key, the word an English user
 * types ("person_years", "project", "granted").  Borrowed. */
const char *field_shown(const struct field_def *f);
const char *entity_shown(const struct entity_def *def);

/* field_shown() of the first entity field called name; name itself if
 * none is (for an error's field key). */
const char *field_name_shown(const char *name);

/* field_shown() of the field called name; name itself when def has no
 * such field (borrowed either way). */
const char *entity_field_label(const struct entity_def *def, const char *name);

/* The enum value key as people read it (see field_shown); key itself
 * when the table has none; NULL for NULL.  Borrowed. */
const char *enum_label(const struct enum_def *enums, const char *key);

/* A stored record title ("ISO: administrator", "granted") as people
 * read it: when def is titled by an enum field, its key at the end is
 * replaced by enum_label().  Writes into buf and returns it. */
char *entity_title_text(const struct entity_def *def, const char *title,
			char *buf, size_t size);

/* The enum_def whose key is key (case-sensitive), or NULL.  The lookup
 * also accepts the translated label, without case and with '_' for a
 * space, so that a Finnish user may type "Käynnissä" or "päätoteuttaja", or
 * the first words of one label only ("raportti" for "raportti jätettävä"). */
const struct enum_def *enum_find(const struct enum_def *enums, const char *key);

/* Number of entries in a {NULL}-terminated enum table. */
size_t enum_count(const struct enum_def *enums);

#endif
