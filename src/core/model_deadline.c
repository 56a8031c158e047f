/* SPDX-License-Identifier: EUPL-1.2 */
/* model_deadline.c — the deadline lifecycle (done, cancelled, open
 * again), repeating deadlines, and what becomes of a project's open
 * deadlines when it closes.  One transaction per call, as everywhere in
 * the model. */
#include "config.h"

#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/store.h"
#include "src/base/format.h"
#include "src/base/i18n.h"
#include "deadline.h"
#include "model_internal.h"
#include "validate.h"

static int
oom(struct model *m)
{
	return error_set(&m->err, ERR_FAILED, NULL, "%s", _("out of memory"));
}

/* A date people typed (NULL or "": today) as ISO into out; field names
 * it in the message.  A day in the future is refused: nothing is done
 * or cancelled before it happens. */
static int
past_date(struct model *m, const char *field, const char *in, char out[11])
{
	char today[11], day[40];

	format_today(today);
	if (!in || !*in) {
		memcpy(out, today, 11);
		return ERR_OK;
	}
	if (parse_date(in, out) < 0)
		return error_set(&m->err, ERR_INVALID, field,
				 _("%s: %s is not a valid date (use 15.1.2024 or 2024-01-15)"),
				 field, in);
	if (strcmp(out, today) > 0)
		return error_set(&m->err, ERR_INVALID, field,
				 _("%s: %s is in the future"), field,
				 format_date(day, sizeof day, out,
					     format_style_from_locale()));
	return ERR_OK;
}

/* Writes next (a changed copy of d) and, on success, makes d what was
 * stored. */
static int
write_over(struct model *m, struct record *d, struct record *next)
{
	int rc;

	if ((rc = validate_record(next, &m->err)) != ERR_OK ||
	    (rc = db_begin(m->db, &m->err)) != ERR_OK)
		return rc;
	rc = model_finish(m, store_update(m->db, next, m->user, &m->err));
	if (rc == ERR_OK) {
		for (size_t i = 0; i < d->def->nfields; i++) {
			struct value tmp = d->v[i];

			d->v[i] = next->v[i];
			next->v[i] = tmp;
		}
		d->version = next->version;
		memcpy(d->updated_at, next->updated_at, sizeof d->updated_at);
		memcpy(d->updated_by, next->updated_by, sizeof d->updated_by);
	}
	return rc;
}

/* Sets the lifecycle fields of d: done on `done`, cancelled on
 * `cancelled` for reason, or open (all NULL).  0 or -1 (memory). */
static int
set_state(struct record *d, const char *done, const char *cancelled,
	  const char *reason)
{
	record_set_num(d, DEADLINE_DONE, done != NULL);
	return record_set_text(d, DEADLINE_DONE_DATE, done) < 0 ||
	       record_set_text(d, DEADLINE_CANCELLED_DATE, cancelled) < 0 ||
	       record_set_text(d, DEADLINE_CANCEL_REASON, reason) < 0 ? -1 : 0;
}

static int
change_state(struct model *m, struct record *d, const char *done,
	     const char *cancelled, const char *reason)
{
	struct record *next = record_dup(d);
	int rc;

	if (!next || set_state(next, done, cancelled, reason) < 0) {
		record_free(&next);
		return oom(m);
	}
	rc = write_over(m, d, next);
	record_free(&next);
	return rc;
}

int
model_deadline_done(struct model *m, struct record *d, const char *date)
{
	char when[11];
	int rc;

	if ((rc = model_check_writable(m)) != ERR_OK ||
	    (rc = past_date(m, "done_date", date, when)) != ERR_OK)
		return rc;
	if (deadline_state_of(d) == DEADLINE_STATE_CANCELLED)
		return error_set(&m->err, ERR_INVALID, "done",
				 "%s", _("done: the deadline is cancelled; reopen it first"));
	return change_state(m, d, when, NULL, NULL);
}

int
model_deadline_cancel(struct model *m, struct record *d, const char *reason,
		      const char *date)
{
	char when[11];
	int rc;

	if ((rc = model_check_writable(m)) != ERR_OK ||
	    (rc = past_date(m, "cancelled_date", date, when)) != ERR_OK)
		return rc;
	if (!reason || !*reason)
		return error_set(&m->err, ERR_INVALID, "cancel_reason", "%s",
				 _("cancel_reason: say why the deadline is cancelled"));
	if (deadline_state_of(d) == DEADLINE_STATE_DONE)
		return error_set(&m->err, ERR_INVALID, "cancelled_date", "%s",
				 _("cancelled_date: the deadline is done; reopen it first"));
	return change_state(m, d, NULL, when, reason);
}

int
model_deadline_reopen(struct model *m, struct record *d)
{
	int rc;

	if ((rc = model_check_writable(m)) != ERR_OK)
		return rc;
	if (deadline_state_of(d) == DEADLINE_STATE_OPEN)
		return error_set(&m->err, ERR_INVALID, "done", "%s",
				 _("done: the deadline is already open"));
	return change_state(m, d, NULL, NULL, NULL);
}

/* ---- Adding, and series ------------------------------------------- */

/* The title of d, or the default one from its kind and due date. */
static int
fill_title(struct model *m, struct record *d, bool default_title)
{
	char title[160];

	if (!default_title)
		return ERR_OK;
	deadline_default_title(title, sizeof title, record_text(d, DEADLINE_KIND),
			       record_text(d, DEADLINE_DUE),
			       format_style_from_locale());
	return record_set_text(d, DEADLINE_TITLE, title) < 0 ? oom(m) : ERR_OK;
}

int
model_deadline_add(struct model *m, struct record *d, const char *every,
		   const char *until, int count, size_t *added)
{
	struct deadline_rule rule;
	char (*dates)[11] = NULL, series[UUID_LEN + 1], rrule[64], end[11];
	bool default_title;
	int n = 1, rc;

	*added = 0;
	if ((rc = model_check_writable(m)) != ERR_OK)
		return rc;
	if (d->v[DEADLINE_KIND].null && record_set_text(d, DEADLINE_KIND, "other") < 0)
		return oom(m);
	if (d->v[DEADLINE_DUE].null)
		return error_set(&m->err, ERR_INVALID, "due", "%s",
				 _("due: a deadline needs a due date"));
	default_title = d->v[DEADLINE_TITLE].null;
	if (every) {
		if (deadline_every_parse(every, &rule) < 0)
			return error_set(&m->err, ERR_INVALID, "every",
					 _("--every: '%s' is not N weeks or N months (for example 2months)"),
					 every);
		if ((until && count > 0) || (!until && count <= 0))
			return error_set(&m->err, ERR_INVALID, "every", "%s",
					 _("--every: say how long, with --until DATE or --count N"));
		if (until) {
			if (parse_date(until, end) < 0)
				return error_set(&m->err, ERR_INVALID, "until",
						 _("%s: %s is not a valid date (use 15.1.2024 or 2024-01-15)"),
						 "until", until);
			if (strcmp(end, record_text(d, DEADLINE_DUE)) < 0)
				return error_set(&m->err, ERR_INVALID, "until", "%s",
						 _("until: the series ends before its first date"));
			memcpy(rule.until, end, sizeof end);
		}
		if (!(dates = calloc(DEADLINE_SERIES_MAX, sizeof *dates)))
			return oom(m);
		n = deadline_rule_dates(&rule, record_text(d, DEADLINE_DUE), count,
					dates, DEADLINE_SERIES_MAX);
		if (n < 0) {
			free(dates);
			return error_set(&m->err, ERR_INVALID, "every",
					 _("--every: a series has at most %d deadlines"),
					 DEADLINE_SERIES_MAX);
		}
		store_new_uuid(series);
		deadline_rule_format(&rule, rrule, sizeof rrule);
		if (record_set_text(d, DEADLINE_SERIES, series) < 0 ||
		    record_set_text(d, DEADLINE_REPEAT, rrule) < 0) {
			free(dates);
			return oom(m);
		}
	}
	if ((rc = db_begin(m->db, &m->err)) != ERR_OK) {
		free(dates);
		return rc;
	}
	for (int i = 0; i < n && rc == ERR_OK; i++) {
		struct record *occ = i == 0 ? d : record_dup(d);

		if (!occ) {
			rc = oom(m);
			break;
		}
		if (i > 0) {
			occ->uuid[0] = '\0';
			occ->version = 0;
		}
		if (dates && (record_set_text(occ, DEADLINE_DUE, dates[i]) < 0 ||
			      record_set_text(occ, DEADLINE_OCCURRENCE, dates[i]) < 0))
			rc = oom(m);
		if (rc == ERR_OK && (rc = fill_title(m, occ, default_title)) == ERR_OK &&
		    (rc = validate_record(occ, &m->err)) == ERR_OK)
			rc = store_insert(m->db, occ, m->user, &m->err);
		if (occ != d)
			record_free(&occ);
	}
	free(dates);
	if ((rc = model_finish(m, rc)) == ERR_OK)
		*added = (size_t)n;
	return rc;
}

/* The other occurrences of d's series, into out (none for a deadline
 * that does not repeat). */
static int
series_members(struct model *m, const struct record *d, struct record_list *out)
{
	const char *series = record_text(d, DEADLINE_SERIES);
	struct record_list all = { 0 };
	int rc;

	if (!series)
		return ERR_OK;
	rc = store_children(m->db, entities[ENT_DEADLINE],
			    record_text(d, DEADLINE_PROJECT), &all, &m->err);
	for (size_t i = 0; rc == ERR_OK && i < all.count; i++) {
		const char *s = record_text(all.items[i], DEADLINE_SERIES);

		if (s && !strcmp(s, series) && strcmp(all.items[i]->uuid, d->uuid)) {
			if (record_list_push(out, all.items[i]) < 0)
				rc = oom(m);
			all.items[i] = NULL;
		}
	}
	record_list_clear(&all);
	return rc;
}

int
model_deadline_update_series(struct model *m, const struct record *base,
			     struct record *rec, size_t *changed)
{
	struct record_list others = { 0 };
	int rc;

	*changed = 0;
	if ((rc = model_check_writable(m)) != ERR_OK)
		return rc;
	if (!record_field_equal(base, rec, DEADLINE_DUE))
		return error_set(&m->err, ERR_INVALID, "due", "%s",
				 _("due: the dates of a series follow its rule; change one occurrence without --series"));
	if ((rc = validate_record(rec, &m->err)) != ERR_OK ||
	    (rc = db_begin(m->db, &m->err)) != ERR_OK)
		return rc;
	rc = store_update(m->db, rec, m->user, &m->err);
	if (rc == ERR_OK)
		rc = series_members(m, rec, &others);
	*changed = rc == ERR_OK;
	/* What is done or cancelled is history, and stays as it was. */
	for (size_t i = 0; rc == ERR_OK && i < others.count; i++) {
		struct record *o = others.items[i];

		if (deadline_state_of(o) != DEADLINE_STATE_OPEN)
			continue;
		for (size_t f = 0; f < rec->def->nfields && rc == ERR_OK; f++)
			if (!record_field_equal(base, rec, (int)f) &&
			    record_copy_field(o, rec, (int)f) < 0)
				rc = oom(m);
		if (rc == ERR_OK && (rc = validate_record(o, &m->err)) == ERR_OK &&
		    (rc = store_update(m->db, o, m->user, &m->err)) == ERR_OK)
			(*changed)++;
	}
	record_list_clear(&others);
	rc = model_finish(m, rc);
	if (rc != ERR_OK)
		*changed = 0;
	return rc;
}

int
model_deadline_delete_series(struct model *m, const struct record *d,
			     size_t *deleted)
{
	struct record_list others = { 0 };
	int rc;

	*deleted = 0;
	if ((rc = model_check_writable(m)) != ERR_OK ||
	    (rc = db_begin(m->db, &m->err)) != ERR_OK)
		return rc;
	rc = store_delete(m->db, d, m->user, &m->err);
	if (rc == ERR_OK)
		rc = series_members(m, d, &others);
	for (size_t i = 0; rc == ERR_OK && i < others.count; i++)
		rc = store_delete(m->db, others.items[i], m->user, &m->err);
	if ((rc = model_finish(m, rc)) == ERR_OK)
		*deleted = others.count + 1;
	record_list_clear(&others);
	return rc;
}

/* ---- Closing a project -------------------------------------------- */

int
model_open_deadlines(struct model *m, const char *project_uuid,
		     struct record_list *out)
{
	struct record_list all = { 0 };
	int rc = store_children(m->db, entities[ENT_DEADLINE], project_uuid,
				&all, &m->err);

	for (size_t i = 0; rc == ERR_OK && i < all.count; i++)
		if (deadline_state_of(all.items[i]) == DEADLINE_STATE_OPEN) {
			if (record_list_push(out, all.items[i]) < 0)
				rc = oom(m);
			all.items[i] = NULL;
		}
	record_list_clear(&all);
	return rc;
}

/* "15.3.2024 Väliraportti, 1.6.2024 Loppuraportti" (at most a few,
 * then "…"): into buf. */
static void
list_open(const struct record_list *l, char *buf, size_t size)
{
	enum fmt_style st = format_style_from_locale();
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->count && used < size; i++) {
		char day[40];

		if (i == 5) {
			snprintf(buf + used, size - used, ", …");
			break;
		}
		used += (size_t)snprintf(buf + used, size - used, "%s%s %s",
					 i ? ", " : "",
					 format_date(day, sizeof day,
						     record_text(l->items[i], DEADLINE_DUE), st),
					 record_text(l->items[i], DEADLINE_TITLE));
	}
}

int
model_close_deadlines(struct model *m, const struct record *project,
		      const char *to, const char *date, const char *reason,
		      enum deadline_policy policy)
{
	struct record_list open = { 0 };
	char what[300], why[200];
	int rc;

	if (policy == DEADLINES_KEEP)
		return ERR_OK;
	if ((rc = model_open_deadlines(m, project->uuid, &open)) != ERR_OK)
		return rc;
	if (open.count && policy == DEADLINES_REFUSE) {
		list_open(&open, what, sizeof what);
		rc = error_set(&m->err, ERR_INVALID, "deadlines",
			       P_("deadlines: %s has %zu open deadline: %s",
				  "deadlines: %s has %zu open deadlines: %s",
				  open.count),
			       record_text(project, PROJECT_CODE), open.count, what);
	}
	if (reason && *reason)
		snprintf(why, sizeof why, "%s", reason);
	else {
		const struct enum_def *e = enum_find(project_statuses, to);

		snprintf(why, sizeof why, _("the project moved to %s"),
			 e ? _(e->label) : to);
	}
	for (size_t i = 0; rc == ERR_OK && i < open.count; i++) {
		struct record *d = open.items[i];

		if ((policy == DEADLINES_DONE ? set_state(d, date, NULL, NULL)
					      : set_state(d, NULL, date, why)) < 0)
			rc = oom(m);
		else if ((rc = validate_record(d, &m->err)) == ERR_OK)
			rc = store_update(m->db, d, m->user, &m->err);
	}
	record_list_clear(&open);
	return rc;
}
