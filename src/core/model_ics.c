/* SPDX-License-Identifier: EUPL-1.2 */
/* model_ics.c — deadlines (and project start and end dates) as an
 * iCalendar file (RFC 5545), written with libical.
 *
 * Every deadline is an all-day VEVENT, not a VTODO: Thunderbird,
 * Outlook, Google, phones and calcurse all import events, while many
 * ignore to-dos or keep them apart from the calendar where deadlines
 * are looked for.  An event has no COMPLETED status, so a done deadline
 * says so in its summary ("✓") and description; a cancelled one is
 * STATUS:CANCELLED.  UIDs are the records' uuids and SEQUENCE their
 * versions, so that importing the file again updates what an earlier
 * import made.  A series is one event with an RRULE (UID: the series'
 * uuid, SEQUENCE: the highest version of its occurrences), open
 * occurrences on the dates of the rule being its instances.  Every
 * other date of the rule is an EXDATE: the occurrence was removed, or
 * it differs from the rule (moved, renamed, done, cancelled) and is an
 * event of its own with its own uuid.  Overrides by RECURRENCE-ID would
 * say the same, but calcurse, among others, shows them beside the
 * instance they replace. */
#include "config.h"

#include "model.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/base/format.h"
#include "src/base/i18n.h"
#include "deadline.h"
#include "src/base/library.h"

/* The functions of libical used here.  libical (with ICU under it) is
 * opened when a calendar is exported, not linked: every other command
 * would pay for loading it (src/base/library.h). */
#define ICAL_FUNCTIONS(_) \
	_(component_add_component) \
	_(component_add_property) \
	_(component_as_ical_string_r) \
	_(component_free) \
	_(component_new_vevent) \
	_(component_vanew) \
	_(property_new_calscale) \
	_(property_new_categories) \
	_(property_new_description) \
	_(property_new_dtend) \
	_(property_new_dtstamp) \
	_(property_new_dtstart) \
	_(property_new_exdate) \
	_(property_new_method) \
	_(property_new_prodid) \
	_(property_new_rrule) \
	_(property_new_sequence) \
	_(property_new_status) \
	_(property_new_summary) \
	_(property_new_transp) \
	_(property_new_uid) \
	_(property_new_version) \
	_(recurrencetype_from_string) \
	_(time_adjust) \
	_(time_from_string) \
	_(time_null_date)

struct ical_api {
#define ICAL_FIELD(f) __typeof__(ical##f) *f;
	ICAL_FUNCTIONS(ICAL_FIELD)
#undef ICAL_FIELD
};

struct ics {
	struct model *m;
	const struct ics_options *o;
	struct record_list projects;   /* those exported */
	struct record_list deadlines;  /* theirs, within the window */
	char from[11], until[11];      /* the window; "" when none */
	icalcomponent *cal;
	struct ical_api ical;
};

static int
oom(struct model *m)
{
	return error_set(&m->err, ERR_FAILED, NULL, "%s", _("out of memory"));
}

static struct icaltimetype
ics_date(const struct ical_api *ical, const char *iso)
{
	struct icaltimetype t = ical->time_null_date();

	t.year = atoi(iso);
	t.month = atoi(iso + 5);
	t.day = atoi(iso + 8);
	return t;
}

static bool
in_window(const struct ics *x, const char *iso)
{
	return iso && (!x->from[0] || (strcmp(iso, x->from) >= 0 &&
				       strcmp(iso, x->until) <= 0));
}

static const struct record *
project_of(const struct ics *x, const struct record *d)
{
	const char *uuid = record_text(d, DEADLINE_PROJECT);

	for (size_t i = 0; i < x->projects.count; i++)
		if (!strcmp(x->projects.items[i]->uuid, uuid))
			return x->projects.items[i];
	return NULL;
}

/* ---- Gathering ---------------------------------------------------- */

static int
take_project(struct record **rec, void *arg)
{
	struct ics *x = arg;

	if (record_list_push(&x->projects, *rec) < 0)
		return oom(x->m);
	*rec = NULL;
	return 0;
}

static int
take_deadline(struct record **rec, void *arg)
{
	struct ics *x = arg;

	if (!project_of(x, *rec))
		return 0;
	if (record_list_push(&x->deadlines, *rec) < 0)
		return oom(x->m);
	*rec = NULL;
	return 0;
}

static int
gather(struct ics *x)
{
	struct model *m = x->m;
	int rc;

	if (!x->o->nprojects)
		return store_each(m->db, entities[ENT_PROJECT], take_project, x,
				  &m->err);
	for (size_t i = 0; i < x->o->nprojects; i++) {
		struct record *p = NULL;

		if ((rc = model_project(m, x->o->projects[i], &p)) != ERR_OK)
			return rc;
		if (record_list_push(&x->projects, p) < 0)
			return oom(m);
	}
	return ERR_OK;
}

static bool
same_series(const struct record *d, const char *series)
{
	const char *s = record_text(d, DEADLINE_SERIES);

	return s && !strcmp(s, series);
}

/* Keeps the deadlines due within the window, and every occurrence of a
 * series one of whose occurrences is. */
static int
window_deadlines(struct ics *x)
{
	struct record_list *l = &x->deadlines;
	bool *keep = calloc(l->count + 1, sizeof *keep);
	size_t kept = 0;

	if (!keep)
		return oom(x->m);
	for (size_t i = 0; i < l->count; i++)
		keep[i] = in_window(x, record_text(l->items[i], DEADLINE_DUE));
	for (size_t i = 0; i < l->count; i++) {
		const char *series = record_text(l->items[i], DEADLINE_SERIES);

		for (size_t j = 0; !keep[i] && series && j < l->count; j++)
			keep[i] = same_series(l->items[j], series) &&
				  in_window(x, record_text(l->items[j], DEADLINE_DUE));
	}
	for (size_t i = 0; i < l->count; i++) {
		if (keep[i])
			l->items[kept++] = l->items[i];
		else
			record_free(&l->items[i]);
	}
	l->count = kept;
	free(keep);
	return ERR_OK;
}

/* ---- Events ------------------------------------------------------- */

/* Now, in UTC (SALKKU_NOW in tests), for DTSTAMP. */
static struct icaltimetype
ics_now(const struct ical_api *ical)
{
	char now[32], compact[32];
	size_t n = 0;

	format_now(now);
	for (const char *s = now; *s && n + 1 < sizeof compact; s++)
		if (*s != '-' && *s != ':')
			compact[n++] = *s;
	compact[n] = '\0';
	return ical->time_from_string(compact);
}

static icalcomponent *
new_event(const struct ical_api *ical, const char *uid, int64_t version,
	  const char *due)
{
	icalcomponent *ev = ical->component_new_vevent();
	struct icaltimetype day = ics_date(ical, due);
	char buf[UUID_LEN + 32];

	snprintf(buf, sizeof buf, "%s@salkku", uid);
	ical->component_add_property(ev, ical->property_new_uid(buf));
	ical->component_add_property(ev, ical->property_new_sequence((int)version));
	ical->component_add_property(ev, ical->property_new_dtstamp(ics_now(ical)));
	ical->component_add_property(ev, ical->property_new_dtstart(day));
	ical->time_adjust(&day, 1, 0, 0, 0);
	ical->component_add_property(ev, ical->property_new_dtend(day));
	/* A deadline takes no time of the day. */
	ical->component_add_property(ev,
		ical->property_new_transp(ICAL_TRANSP_TRANSPARENT));
	return ev;
}

/* Summary, description, category and status of deadline d. */
static void
describe(struct ics *x, icalcomponent *ev, const struct record *d)
{
	const struct ical_api *ical = &x->ical;
	const struct record *p = project_of(x, d);
	const struct enum_def *k = enum_find(deadline_kinds, record_text(d, DEADLINE_KIND));
	enum deadline_state st = deadline_state_of(d);
	enum fmt_style style = format_style_from_locale();
	char summary[512], text[1024], day[40];
	const char *due = record_text(d, DEADLINE_DUE);
	const char *done = record_text(d, DEADLINE_DONE_DATE);
	size_t used;

	snprintf(summary, sizeof summary, "%s%s: %s",
		 st == DEADLINE_STATE_DONE ? "✓ " : "",
		 record_text(p, PROJECT_CODE), record_text(d, DEADLINE_TITLE));
	ical->component_add_property(ev, ical->property_new_summary(summary));
	used = (size_t)snprintf(text, sizeof text, "%s — %s\n%s: %s",
				record_text(p, PROJECT_CODE),
				record_text(p, PROJECT_NAME), _("Kind"),
				k ? _(k->label) : "");
	if (st == DEADLINE_STATE_DONE && !done && used < sizeof text)
		used += (size_t)snprintf(text + used, sizeof text - used, "\n%s",
					 _("Done"));
	else if (st == DEADLINE_STATE_DONE && used < sizeof text) {
		used += (size_t)snprintf(text + used, sizeof text - used, "\n");
		used += (size_t)snprintf(text + used, sizeof text - used,
					 deadline_late(due, done) ? _("Done on %s (late)")
								  : _("Done on %s"),
					 format_date(day, sizeof day, done, style));
	}
	if (st == DEADLINE_STATE_CANCELLED && used < sizeof text)
		snprintf(text + used, sizeof text - used, "\n%s: %s", _("Cancelled"),
			 record_text(d, DEADLINE_CANCEL_REASON));
	ical->component_add_property(ev, ical->property_new_description(text));
	if (k)
		ical->component_add_property(ev, ical->property_new_categories(_(k->label)));
	ical->component_add_property(ev, ical->property_new_status(
		st == DEADLINE_STATE_CANCELLED ? ICAL_STATUS_CANCELLED
					       : ICAL_STATUS_CONFIRMED));
}

static void
single(struct ics *x, const struct record *d)
{
	const struct ical_api *ical = &x->ical;
	icalcomponent *ev = new_event(ical, d->uuid, d->version,
				      record_text(d, DEADLINE_DUE));

	describe(x, ev, d);
	ical->component_add_component(x->cal, ev);
}

static bool
same_text(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

/* True when occurrence d is what the rule makes of master: open, on
 * the date the rule gave it, with master's title and kind. */
static bool
as_rule_says(const struct record *d, const struct record *master)
{
	return deadline_state_of(d) == DEADLINE_STATE_OPEN &&
	       !strcmp(record_text(d, DEADLINE_DUE), record_text(d, DEADLINE_OCCURRENCE)) &&
	       same_text(record_text(d, DEADLINE_TITLE), record_text(master, DEADLINE_TITLE)) &&
	       same_text(record_text(d, DEADLINE_KIND), record_text(master, DEADLINE_KIND));
}

/* The series of deadlines[first] (its first occurrence in the list):
 * one event with the rule, EXDATEs and overrides.  written[] marks the
 * occurrences dealt with. */
static int
series(struct ics *x, size_t first, bool *written)
{
	const struct ical_api *ical = &x->ical;
	const char *uuid = record_text(x->deadlines.items[first], DEADLINE_SERIES);
	const struct record *master = NULL;
	struct record *open;
	struct deadline_rule rule;
	char (*dates)[11] = NULL;
	int64_t sequence = 0;
	icalcomponent *ev;
	int n;

	for (size_t i = first; i < x->deadlines.count; i++) {
		const struct record *d = x->deadlines.items[i];
		const char *s = record_text(d, DEADLINE_SERIES);

		if (!s || strcmp(s, uuid))
			continue;
		if (!master || strcmp(record_text(d, DEADLINE_OCCURRENCE),
				      record_text(master, DEADLINE_OCCURRENCE)) < 0)
			master = d;
		if (d->version > sequence)
			sequence = d->version;
	}
	if (deadline_rule_parse(record_text(master, DEADLINE_REPEAT), &rule) < 0) {
		/* A rule this version cannot read: the occurrences as they are. */
		for (size_t i = first; i < x->deadlines.count; i++)
			if (!written[i] && same_text(record_text(x->deadlines.items[i],
								 DEADLINE_SERIES), uuid)) {
				single(x, x->deadlines.items[i]);
				written[i] = true;
			}
		return ERR_OK;
	}
	if (!(dates = calloc(DEADLINE_SERIES_MAX, sizeof *dates)))
		return oom(x->m);
	n = deadline_rule_dates(&rule, record_text(master, DEADLINE_OCCURRENCE), 0,
				dates, DEADLINE_SERIES_MAX);
	ev = new_event(ical, uuid, sequence, record_text(master, DEADLINE_OCCURRENCE));
	ical->component_add_property(ev, ical->property_new_rrule(
		ical->recurrencetype_from_string(record_text(master, DEADLINE_REPEAT))));
	/* The master says what the rule says: an open deadline with the
	 * first occurrence's title; where that one differs, it is an event
	 * of its own below like any other. */
	if (!(open = record_dup(master))) {
		free(dates);
		ical->component_free(ev);
		return oom(x->m);
	}
	record_set_num(open, DEADLINE_DONE, 0);
	record_set_null(open, DEADLINE_CANCELLED_DATE);
	describe(x, ev, open);
	record_free(&open);
	for (int k = 0; k < n; k++) {
		bool plain = false;

		for (size_t i = first; i < x->deadlines.count && !plain; i++)
			plain = same_text(record_text(x->deadlines.items[i], DEADLINE_SERIES), uuid) &&
				!strcmp(record_text(x->deadlines.items[i], DEADLINE_OCCURRENCE),
					dates[k]) &&
				as_rule_says(x->deadlines.items[i], master);
		if (!plain)
			ical->component_add_property(ev, ical->property_new_exdate(
				ics_date(ical, dates[k])));
	}
	free(dates);
	ical->component_add_component(x->cal, ev);
	for (size_t i = first; i < x->deadlines.count; i++) {
		const struct record *d = x->deadlines.items[i];

		if (!same_text(record_text(d, DEADLINE_SERIES), uuid))
			continue;
		written[i] = true;
		if (!as_rule_says(d, master))
			single(x, d);
	}
	return ERR_OK;
}

/* The start and end of project p (actual, else planned), when within
 * the window. */
static void
project_dates(struct ics *x, const struct record *p)
{
	const struct ical_api *ical = &x->ical;
	static const struct { int actual, planned; const char *suffix, *what; } ends[] = {
		{ PROJECT_ACTUAL_START, PROJECT_PLANNED_START, "start", N_("%s starts: %s") },
		{ PROJECT_ACTUAL_END, PROJECT_PLANNED_END, "end", N_("%s ends: %s") },
	};

	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		const char *day = record_text(p, ends[i].actual);
		char uid[UUID_LEN + 16], summary[512];
		icalcomponent *ev;

		if (!day)
			day = record_text(p, ends[i].planned);
		if (!in_window(x, day))
			continue;
		snprintf(uid, sizeof uid, "%s-%s", p->uuid, ends[i].suffix);
		ev = new_event(ical, uid, p->version, day);
		snprintf(summary, sizeof summary, _(ends[i].what),
			 record_text(p, PROJECT_CODE), record_text(p, PROJECT_NAME));
		ical->component_add_property(ev, ical->property_new_summary(summary));
		ical->component_add_component(x->cal, ev);
	}
}

static int
by_due(const void *a, const void *b)
{
	const struct record *x = *(struct record *const *)a;
	const struct record *y = *(struct record *const *)b;
	int c = strcmp(record_text(x, DEADLINE_DUE), record_text(y, DEADLINE_DUE));

	return c ? c : strcmp(x->uuid, y->uuid);
}

static int
build(struct ics *x)
{
	bool *written;
	int rc = ERR_OK;

	if (x->deadlines.count)
		qsort(x->deadlines.items, x->deadlines.count,
		      sizeof *x->deadlines.items, by_due);
	if (!(written = calloc(x->deadlines.count + 1, sizeof *written)))
		return oom(x->m);
	for (size_t i = 0; i < x->deadlines.count && rc == ERR_OK; i++) {
		if (written[i])
			continue;
		if (record_text(x->deadlines.items[i], DEADLINE_SERIES) &&
		    record_text(x->deadlines.items[i], DEADLINE_OCCURRENCE))
			rc = series(x, i, written);
		else
			single(x, x->deadlines.items[i]);
		written[i] = true;
	}
	free(written);
	for (size_t i = 0; x->o->project_dates && i < x->projects.count; i++)
		project_dates(x, x->projects.items[i]);
	return rc;
}

/* Fills x->ical, or says which library is missing. */
static int
ical_open(struct ics *x)
{
	static const struct library lib = {
		ICAL_SONAME, "libical3", N_("calendar export")
	};
	struct ical_api *a = &x->ical;
	const struct library_symbol syms[] = {
#define ICAL_SYMBOL(f) { "ical" #f, &a->f },
		ICAL_FUNCTIONS(ICAL_SYMBOL)
#undef ICAL_SYMBOL
	};

	return library_open(&lib, syms, sizeof syms / sizeof *syms, &x->m->err);
}

int
model_export_ics(struct model *m, const struct ics_options *o, FILE *out)
{
	struct ics x = { .m = m, .o = o };
	const struct ical_api *ical = &x.ical;
	char *text = NULL;
	int rc;

	if ((rc = ical_open(&x)))
		return rc;
	if (o->upcoming >= 0) {
		model_today(m, x.from);
		if (date_add_days(x.from, o->upcoming, x.until) < 0)
			return error_set(&m->err, ERR_INVALID, "upcoming", "%s",
					 _("--upcoming: too far ahead"));
	}
	if ((rc = gather(&x)) == ERR_OK)
		rc = store_each(m->db, entities[ENT_DEADLINE], take_deadline, &x,
				&m->err);
	if (rc == ERR_OK)
		rc = window_deadlines(&x);
	if (rc == ERR_OK) {
		x.cal = ical->component_vanew(ICAL_VCALENDAR_COMPONENT,
			ical->property_new_version("2.0"),
			ical->property_new_prodid("-//salkku//salkku " PACKAGE_VERSION "//EN"),
			ical->property_new_calscale("GREGORIAN"),
			ical->property_new_method(ICAL_METHOD_PUBLISH),
			(void *)0);
		if (!x.cal)
			rc = oom(m);
	}
	if (rc == ERR_OK)
		rc = build(&x);
	if (rc == ERR_OK && !(text = ical->component_as_ical_string_r(x.cal)))
		rc = oom(m);
	if (rc == ERR_OK && (fputs(text, out) == EOF || fflush(out) == EOF))
		rc = error_set(&m->err, ERR_FAILED, NULL, "%s",
			       _("cannot write the calendar"));
	free(text);
	if (x.cal)
		ical->component_free(x.cal);
	record_list_clear(&x.projects);
	record_list_clear(&x.deadlines);
	return rc;
}
