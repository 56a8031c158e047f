/* SPDX-License-Identifier: EUPL-1.2 */
/* change.c — writes through the model, with undo. */
#include "config.h"

#include "change.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "src/base/text.h"
#include "app.h"

/* Enough for a working session; the oldest entries go first. */
#define UNDO_MAX 100

static void
entry_free(struct undo_entry *e)
{
	record_free(&e->rec);
	record_free(&e->before);
	record_list_clear(&e->children);
}

void
undo_log_free(struct undo_log *log)
{
	for (size_t i = 0; i < log->count; i++)
		entry_free(&log->items[i]);
	free(log->items);
	memset(log, 0, sizeof *log);
}

/* Takes ownership of rec and children (even on failure); returns the
 * new entry, or NULL. */
static struct undo_entry *
undo_push(struct ui *ui, enum undo_kind kind, struct record *rec,
	  struct record_list *children, const char *status_before)
{
	struct undo_log *log = &ui->undo;
	struct undo_entry *e;

	if (!rec) {  /* out of memory: this change cannot be undone */
		if (children)
			record_list_clear(children);
		return NULL;
	}
	if (log->count == UNDO_MAX) {
		entry_free(&log->items[0]);
		memmove(log->items, log->items + 1,
			(log->count - 1) * sizeof *log->items);
		log->count--;
	}
	if (log->count == log->capacity) {
		size_t cap = log->capacity ? log->capacity * 2 : 8;
		struct undo_entry *items = realloc(log->items, cap * sizeof *items);

		if (!items) {
			record_free(&rec);
			if (children)
				record_list_clear(children);
			return NULL;
		}
		log->items = items;
		log->capacity = cap;
	}
	e = &log->items[log->count++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->rec = rec;
	if (children) {
		e->children = *children;
		memset(children, 0, sizeof *children);
	}
	if (status_before)
		snprintf(e->status_before, sizeof e->status_before, "%s",
			 status_before);
	return e;
}

char *
change_describe(struct ui *ui, const struct record *rec)
{
	char *title = ui_value(ui, rec, rec->def->title_field);
	char *nl, *clip, *out;

	if (!title)
		return NULL;
	if ((nl = strchr(title, '\n')))
		*nl = '\0';
	clip = text_clip(title, 30);
	free(title);
	if (!clip)
		return NULL;
	if (asprintf(&out, "%s “%s”", _(rec->def->label), clip) < 0)
		out = NULL;
	free(clip);
	return out;
}

static void
say(struct ui *ui, const char *fmt, const struct record *rec)
{
	char *what = change_describe(ui, rec);

	ui_message(ui, fmt, what ? what : "");
	free(what);
}

int
change_insert(struct ui *ui, struct record *rec)
{
	int rc = model_insert(ui->m, rec);

	if (rc) {
		ui_model_error(ui);
		return rc;
	}
	undo_push(ui, UNDO_INSERT, record_dup(rec), NULL, NULL);
	ui_data_changed(ui);
	say(ui, _("Added %s (u: undo)"), rec);
	return 0;
}

int
change_update(struct ui *ui, struct record *rec, const struct record *before)
{
	struct record *stored = NULL, *back;
	int rc = model_update(ui->m, rec);

	if (rc) {
		ui_model_error(ui);
		return rc;
	}
	/* The version after the write, for a version-checked undo. */
	if (model_get(ui->m, rec->def, rec->uuid, &stored) == 0) {
		rec->version = stored->version;
		record_free(&stored);
	}
	back = record_dup(before);
	if (back) {
		back->version = rec->version;
		undo_push(ui, UNDO_UPDATE, back, NULL, NULL);
	}
	ui_data_changed(ui);
	say(ui, _("Saved %s (u: undo)"), rec);
	return 0;
}

/* What goes with rec when it is deleted, for putting it back. */
static void
snapshot_children(struct ui *ui, const struct record *rec,
		  struct record_list *out)
{
	if (rec->def->kind == ENT_PROJECT) {
		for (int k = 0; k < ENT_COUNT; k++) {
			struct record_list list = { 0 };

			if (entities[k]->project_field < 0 ||
			    model_children(ui->m, entities[k], rec->uuid, &list))
				continue;
			for (size_t i = 0; i < list.count; i++) {
				record_list_push(out, list.items[i]);
				list.items[i] = NULL;
			}
			list.count = 0;
			record_list_clear(&list);
		}
	} else if (rec->def->kind == ENT_ORGANISATION) {
		/* Roles and funding lines naming the organisation. */
		struct org_project_rows rows = { 0 };

		if (model_org_projects(ui->m, rec->uuid, &rows))
			return;
		for (size_t i = 0; i < rows.count; i++) {
			bool seen = false;

			for (size_t j = 0; j < i; j++)
				seen |= !strcmp(rows.items[j].project_uuid,
						rows.items[i].project_uuid);
			if (seen)
				continue;
			for (int k = ENT_ROLE; k <= ENT_FUNDING; k++) {
				struct record_list list = { 0 };
				int f = k == ENT_ROLE ? ROLE_ORGANISATION : FUNDING_FUNDER;

				if (model_children(ui->m, entities[k],
						   rows.items[i].project_uuid, &list))
					continue;
				for (size_t r = 0; r < list.count; r++) {
					const char *ref = record_text(list.items[r], f);

					if (ref && !strcmp(ref, rec->uuid)) {
						record_list_push(out, list.items[r]);
						list.items[r] = NULL;
					}
				}
				record_list_clear(&list);
			}
		}
		org_project_rows_clear(&rows);
	}
}

int
change_delete(struct ui *ui, const struct record *rec)
{
	struct record_list children = { 0 };
	struct record *copy;
	int rc;

	snapshot_children(ui, rec, &children);
	rc = model_delete(ui->m, rec);
	if (rc) {
		record_list_clear(&children);
		ui_model_error(ui);
		return rc;
	}
	copy = record_dup(rec);
	say(ui, _("Deleted %s (u: undo)"), rec);
	if (copy)
		undo_push(ui, UNDO_DELETE, copy, &children, NULL);
	else
		record_list_clear(&children);
	ui_data_changed(ui);
	return 0;
}

int
change_status(struct ui *ui, struct record *project, const char *to,
	      const char *date, const char *reason, bool force,
	      enum deadline_policy policy)
{
	struct record *before = record_dup(project);
	struct undo_entry *e;
	int rc;

	rc = model_set_status(ui->m, project, to, date, reason, force, policy);
	if (rc) {
		record_free(&before);
		ui_model_error(ui);
		return rc;
	}
	e = undo_push(ui, UNDO_STATUS, record_dup(project), NULL,
		      before ? record_text(before, PROJECT_STATUS) : NULL);
	if (e)
		e->before = before;
	else
		record_free(&before);
	ui_data_changed(ui);
	say(ui, _("Status changed: %s (u: undo)"), project);
	return 0;
}

int
change_deadline_state(struct ui *ui, const struct record *d,
		      enum deadline_state to, const char *date,
		      const char *reason)
{
	struct record *work = record_dup(d), *back;
	int rc;

	if (!work)
		return ERR_FAILED;
	if (to == DEADLINE_STATE_DONE)
		rc = model_deadline_done(ui->m, work, date);
	else if (to == DEADLINE_STATE_CANCELLED)
		rc = model_deadline_cancel(ui->m, work, reason, date);
	else
		rc = model_deadline_reopen(ui->m, work);
	if (rc) {
		record_free(&work);
		ui_model_error(ui);
		return rc;
	}
	/* Undone as any update: the record as it was, at the new version. */
	if ((back = record_dup(d))) {
		back->version = work->version;
		undo_push(ui, UNDO_UPDATE, back, NULL, NULL);
	}
	ui_data_changed(ui);
	say(ui, to == DEADLINE_STATE_DONE ? _("Done: %s (u: undo)")
		: to == DEADLINE_STATE_CANCELLED ? _("Cancelled: %s (u: undo)")
		: _("Open again: %s (u: undo)"), work);
	record_free(&work);
	return 0;
}

/* ---- Series of deadlines ----------------------------------------- */

/* The other occurrences of d's series as stored, into out. */
static int
series_others(struct ui *ui, const struct record *d, struct record_list *out)
{
	const char *series = record_text(d, DEADLINE_SERIES);
	struct record_list all = { 0 };
	int rc;

	if (!series)
		return 0;
	if ((rc = model_children(ui->m, entities[ENT_DEADLINE],
				 record_text(d, DEADLINE_PROJECT), &all)))
		return rc;
	for (size_t i = 0; i < all.count; i++) {
		const char *s = record_text(all.items[i], DEADLINE_SERIES);

		if (s && !strcmp(s, series) && strcmp(all.items[i]->uuid, d->uuid) &&
		    record_list_push(out, all.items[i]) == 0)
			all.items[i] = NULL;
	}
	record_list_clear(&all);
	return 0;
}

/* "Added deadline “X” and 11 more (u: undo)", of n records. */
static void
say_many(struct ui *ui, const char *fmt, const struct record *rec, size_t n)
{
	char *what = change_describe(ui, rec);

	ui_message(ui, fmt, what ? what : "", n);
	free(what);
}

int
change_deadline_add(struct ui *ui, struct record *d, const char *every,
		    const char *until, int count)
{
	struct record_list others = { 0 };
	size_t added = 0;
	int rc = model_deadline_add(ui->m, d, every, until, count, &added);

	if (rc) {
		ui_model_error(ui);
		return rc;
	}
	series_others(ui, d, &others);
	undo_push(ui, UNDO_INSERT, record_dup(d), &others, NULL);
	ui_data_changed(ui);
	if (added > 1)
		say_many(ui, P_("Added %s and %zu more of its series (u: undo)",
				"Added %s and %zu more of its series (u: undo)",
				(unsigned long)(added - 1)), d, added - 1);
	else
		say(ui, _("Added %s (u: undo)"), d);
	return 0;
}

int
change_deadline_series_update(struct ui *ui, struct record *rec,
			      const struct record *before)
{
	struct record_list was = { 0 }, back_list = { 0 };
	struct record *back, *now;
	size_t changed = 0;
	int rc;

	series_others(ui, before, &was);
	rc = model_deadline_update_series(ui->m, before, rec, &changed);
	if (rc) {
		record_list_clear(&was);
		ui_model_error(ui);
		return rc;
	}
	/* Each record written comes back, as it was, at its new version. */
	for (size_t i = 0; i < was.count; i++) {
		if (model_get(ui->m, entities[ENT_DEADLINE], was.items[i]->uuid, &now))
			continue;
		if (now->version != was.items[i]->version) {
			was.items[i]->version = now->version;
			if (record_list_push(&back_list, was.items[i]) == 0)
				was.items[i] = NULL;
		}
		record_free(&now);
	}
	record_list_clear(&was);
	if (model_get(ui->m, rec->def, rec->uuid, &now) == 0) {
		rec->version = now->version;
		record_free(&now);
	}
	if ((back = record_dup(before)))
		back->version = rec->version;
	undo_push(ui, UNDO_UPDATE, back, &back_list, NULL);
	ui_data_changed(ui);
	if (changed > 1)
		say_many(ui, P_("Saved %s and %zu more of its series (u: undo)",
				"Saved %s and %zu more of its series (u: undo)",
				(unsigned long)(changed - 1)), rec, changed - 1);
	else
		say(ui, _("Saved %s (u: undo)"), rec);
	return 0;
}

int
change_deadline_series_delete(struct ui *ui, const struct record *d)
{
	struct record_list others = { 0 };
	size_t deleted = 0;
	int rc;

	series_others(ui, d, &others);
	rc = model_deadline_delete_series(ui->m, d, &deleted);
	if (rc) {
		record_list_clear(&others);
		ui_model_error(ui);
		return rc;
	}
	if (deleted > 1)
		say_many(ui, P_("Deleted %s and %zu more of its series (u: undo)",
				"Deleted %s and %zu more of its series (u: undo)",
				(unsigned long)(deleted - 1)), d, deleted - 1);
	else
		say(ui, _("Deleted %s (u: undo)"), d);
	undo_push(ui, UNDO_DELETE, record_dup(d), &others, NULL);
	ui_data_changed(ui);
	return 0;
}

/* Puts a deleted record back with its uuid, then what belonged to it. */
static int
undo_delete(struct ui *ui, struct undo_entry *e)
{
	struct record *rec = record_dup(e->rec);
	char old_uuid[UUID_LEN + 1];
	int rc;

	if (!rec)
		return ERR_FAILED;
	memcpy(old_uuid, rec->uuid, sizeof old_uuid);
	rec->version = 0;
	rc = model_insert(ui->m, rec);
	if (rc) {
		record_free(&rec);
		return rc;
	}
	for (size_t i = 0; i < e->children.count; i++) {
		struct record *c = e->children.items[i];
		int pf = c->def->project_field;

		/* Should the store have given the record a new uuid, the
		 * children follow it. */
		if (rec->def->kind == ENT_PROJECT && pf >= 0 &&
		    strcmp(rec->uuid, old_uuid))
			record_set_text(c, pf, rec->uuid);
		c->version = 0;
		if ((rc = model_insert(ui->m, c)))
			break;
	}
	if (!rc && rec->def->kind == ENT_PROJECT) {
		/* Inserting the project recorded its status anew; the
		 * restored history already holds it. */
		struct record_list hist = { 0 };

		if (!model_children(ui->m, entities[ENT_STATUS_CHANGE],
				    rec->uuid, &hist)) {
			for (size_t i = 0; i < hist.count; i++) {
				bool old = false;

				for (size_t j = 0; j < e->children.count; j++)
					old |= !strcmp(e->children.items[j]->uuid,
						       hist.items[i]->uuid);
				if (!old)
					model_delete(ui->m, hist.items[i]);
			}
			record_list_clear(&hist);
		}
	}
	record_free(&rec);
	return rc;
}

/* Moves the project back (forced: the workflow goes one way), then
 * puts back the dates the move set. */
static int
undo_status(struct ui *ui, struct undo_entry *e)
{
	struct record *now = record_dup(e->rec);
	int rc;

	if (!now)
		return ERR_FAILED;
	rc = model_set_status(ui->m, now, e->status_before, NULL, _("undo"), true,
			      DEADLINES_KEEP);
	if (!rc && e->before) {
		bool dates = false;

		for (int f = PROJECT_ACTUAL_START; f <= PROJECT_ACTUAL_END; f++)
			if (!record_field_equal(now, e->before, f)) {
				if (e->before->v[f].null)
					record_set_null(now, f);
				else
					record_set_text(now, f, e->before->v[f].text);
				dates = true;
			}
		if (dates)
			rc = model_update(ui->m, now);
	}
	record_free(&now);
	return rc;
}

int
change_undo(struct ui *ui)
{
	struct undo_log *log = &ui->undo;
	struct undo_entry *e;
	struct record *tmp;
	char *what;
	int rc;

	if (!log->count) {
		ui_message(ui, "%s", _("Nothing to undo"));
		return ERR_NOT_FOUND;
	}
	e = &log->items[log->count - 1];
	what = change_describe(ui, e->rec);
	switch (e->kind) {
	case UNDO_INSERT:
		rc = model_delete(ui->m, e->rec);
		for (size_t i = 0; !rc && i < e->children.count; i++)
			rc = model_delete(ui->m, e->children.items[i]);
		break;
	case UNDO_UPDATE:
		tmp = record_dup(e->rec);
		rc = tmp ? model_update(ui->m, tmp) : ERR_FAILED;
		record_free(&tmp);
		for (size_t i = 0; !rc && i < e->children.count; i++) {
			tmp = record_dup(e->children.items[i]);
			rc = tmp ? model_update(ui->m, tmp) : ERR_FAILED;
			record_free(&tmp);
		}
		break;
	case UNDO_DELETE:
		rc = undo_delete(ui, e);
		break;
	case UNDO_STATUS:
		rc = undo_status(ui, e);
		break;
	default:
		rc = ERR_FAILED;
	}
	if (rc) {
		ui_model_error(ui);
	} else {
		ui_message(ui, _("Undone: %s"), what ? what : "");
	}
	/* Done, or beyond doing: someone else changed or removed the record
	 * since, and their change stands.  Only a failure that may pass
	 * (the database busy) keeps the entry for another try. */
	if (rc != ERR_DATABASE && rc != ERR_FAILED) {
		entry_free(e);
		log->count--;
	}
	free(what);
	ui_data_changed(ui);
	return rc;
}
