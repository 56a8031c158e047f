/* SPDX-License-Identifier: EUPL-1.2 */
/* model_write.c — every change people make: one transaction each,
 * validated first, version-checked, logged with the real user. */
#include "config.h"

#include "model.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "db/store.h"
#include "src/base/format.h"
#include "src/base/i18n.h"
#include "model_internal.h"
#include "validate.h"
#include "workflow.h"

int
model_check_writable(struct model *m)
{
	/* The same status as a change refused under --read-only (2), so
	 * that a script sees one answer for "you may not write here". */
	if (m->may_not_write)
		return error_set(&m->err, ERR_USAGE, NULL,
				 _("you may only read %s (no write permission): nothing was changed"),
				 model_path(m));
	if (m->read_only)
		return error_set(&m->err, ERR_USAGE, NULL,
				 _("the database is open read-only: nothing was changed"));
	return ERR_OK;
}

int
model_reindex(struct model *m)
{
	int rc = model_check_writable(m);

	return rc ? rc : db_fts_reindex(m->db, &m->err);
}

/* Ends the transaction: commits when rc is ERR_OK, else rolls back so
 * that nothing of a failed action stays. */
int
model_finish(struct model *m, int rc)
{
	if (rc == ERR_OK)
		rc = db_commit(m->db, &m->err);
	if (rc != ERR_OK)
		db_rollback(m->db);
	return rc;
}

/* Fills what a new record gets without anyone typing it. */
static int
model_fill_defaults(struct model *m, struct record *rec)
{
	char today[11];
	int rc = 0;

	format_today(today);
	switch (rec->def->kind) {
	case ENT_PROJECT:
		if (rec->v[PROJECT_STATUS].null)
			rc = record_set_text(rec, PROJECT_STATUS, "idea");
		break;
	case ENT_NOTE:
		if (rec->v[NOTE_DATE].null)
			rc = record_set_text(rec, NOTE_DATE, today);
		if (rc == 0 && rec->v[NOTE_AUTHOR].null)
			rc = record_set_text(rec, NOTE_AUTHOR, m->user);
		break;
	case ENT_DEADLINE:
		if (rec->v[DEADLINE_DONE].null)
			record_set_num(rec, DEADLINE_DONE, 0);
		if (rec->v[DEADLINE_KIND].null)
			rc = record_set_text(rec, DEADLINE_KIND, "other");
		break;
	case ENT_STATUS_CHANGE:
		if (rec->v[STATUS_DATE].null)
			rc = record_set_text(rec, STATUS_DATE, today);
		if (rc == 0 && rec->v[STATUS_BY].null)
			rc = record_set_text(rec, STATUS_BY, m->user);
		if (rec->v[STATUS_FORCED].null)
			record_set_num(rec, STATUS_FORCED, 0);
		break;
	default:
		break;
	}
	return rc < 0 ? error_set(&m->err, ERR_FAILED, NULL, _("out of memory"))
		      : ERR_OK;
}

/* Appends one entry to a project's status history. */
static int
model_record_status(struct model *m, const struct record *project,
		    const char *from, const char *to, const char *date,
		    const char *reason, bool forced)
{
	struct record *change = record_new(entities[ENT_STATUS_CHANGE]);
	int rc = ERR_FAILED;

	if (!change)
		return error_set(&m->err, ERR_FAILED, NULL, _("out of memory"));
	if (record_set_text(change, STATUS_PROJECT, project->uuid) < 0 ||
	    record_set_text(change, STATUS_FROM, from) < 0 ||
	    record_set_text(change, STATUS_TO, to) < 0 ||
	    record_set_text(change, STATUS_DATE, date) < 0 ||
	    record_set_text(change, STATUS_BY, m->user) < 0 ||
	    record_set_text(change, STATUS_REASON, reason) < 0) {
		error_set(&m->err, ERR_FAILED, NULL, _("out of memory"));
		goto out;
	}
	record_set_num(change, STATUS_FORCED, forced);
	rc = store_insert(m->db, change, m->user, &m->err);
out:
	record_free(&change);
	return rc;
}

int
model_insert(struct model *m, struct record *rec)
{
	char today[11];
	int rc;

	if ((rc = model_check_writable(m)) != ERR_OK ||
	    (rc = model_fill_defaults(m, rec)) != ERR_OK ||
	    (rc = validate_record(rec, &m->err)) != ERR_OK)
		return rc;
	if ((rc = db_begin(m->db, &m->err)) != ERR_OK)
		return rc;
	rc = store_insert(m->db, rec, m->user, &m->err);
	if (rc == ERR_OK && rec->def->kind == ENT_PROJECT) {
		format_today(today);
		rc = model_record_status(m, rec, NULL,
					 record_text(rec, PROJECT_STATUS), today,
					 _("created"), false);
	}
	return model_finish(m, rc);
}

int
model_update(struct model *m, struct record *rec)
{
	struct record *stored = NULL;
	int rc;

	if ((rc = model_check_writable(m)) != ERR_OK ||
	    (rc = validate_record(rec, &m->err)) != ERR_OK)
		return rc;
	if ((rc = db_begin(m->db, &m->err)) != ERR_OK)
		return rc;
	rc = store_get(m->db, rec->def, rec->uuid, &stored, &m->err);
	/* Status moves only through model_set_status, which keeps the
	 * history; a stale version is left for store_update to report as
	 * the conflict it is. */
	if (rc == ERR_OK && rec->def->kind == ENT_PROJECT &&
	    stored->version == rec->version &&
	    !record_field_equal(stored, rec, PROJECT_STATUS))
		rc = error_set(&m->err, ERR_INVALID, "status",
			       _("status: change it with the status workflow, which keeps the history"));
	if (rc == ERR_OK)
		rc = store_update(m->db, rec, m->user, &m->err);
	record_free(&stored);
	return model_finish(m, rc);
}

/* Makes dst a copy of src's values and stamps (same entity and uuid). */
static int
model_copy_record(struct model *m, struct record *dst, const struct record *src)
{
	for (size_t f = 0; f < src->def->nfields; f++)
		if (record_copy_field(dst, src, (int)f) < 0)
			return error_set(&m->err, ERR_FAILED, NULL, "%s", _("out of memory"));
	memcpy(dst->updated_at, src->updated_at, sizeof dst->updated_at);
	memcpy(dst->updated_by, src->updated_by, sizeof dst->updated_by);
	return ERR_OK;
}

/* Writes onto stored the fields in which rec differs from base; how
 * many through *changed. */
static int
model_merge_changes(struct model *m, struct record *stored,
		    const struct record *base, const struct record *rec,
		    size_t *changed)
{
	*changed = 0;
	for (size_t f = 0; f < rec->def->nfields; f++) {
		if (record_field_equal(base, rec, (int)f))
			continue;
		if (rec->def->kind == ENT_PROJECT && f == PROJECT_STATUS)
			return error_set(&m->err, ERR_INVALID, "status",
					 _("status: change it with the status workflow, which keeps the history"));
		if (record_copy_field(stored, rec, (int)f) < 0)
			return error_set(&m->err, ERR_FAILED, NULL, "%s", _("out of memory"));
		(*changed)++;
	}
	return ERR_OK;
}

int
model_update_changes(struct model *m, const struct record *base,
		     struct record *rec)
{
	struct record *stored = NULL;
	size_t changed = 0;
	int rc;

	if ((rc = model_check_writable(m)) != ERR_OK)
		return rc;
	if ((rc = db_begin(m->db, &m->err)) != ERR_OK)
		return rc;
	rc = store_get(m->db, rec->def, rec->uuid, &stored, &m->err);
	if (rc == ERR_OK)
		rc = model_merge_changes(m, stored, base, rec, &changed);
	if (rc == ERR_OK && changed &&
	    (rc = validate_record(stored, &m->err)) == ERR_OK)
		rc = store_update(m->db, stored, m->user, &m->err);
	rc = model_finish(m, rc);
	/* The caller sees what is stored now. */
	if (rc == ERR_OK && (rc = model_copy_record(m, rec, stored)) == ERR_OK)
		rec->version = stored->version;
	record_free(&stored);
	return rc;
}

int
model_delete(struct model *m, const struct record *rec)
{
	int rc;

	if ((rc = model_check_writable(m)) != ERR_OK)
		return rc;
	if ((rc = db_begin(m->db, &m->err)) != ERR_OK)
		return rc;
	return model_finish(m, store_delete(m->db, rec, m->user, &m->err));
}

/* Dates that follow from a move: a project that becomes active has
 * started, one that goes to reporting or closes has ended — unless
 * someone already said when. */
static int
model_status_dates(struct record *project, const char *to, const char *date)
{
	int field = -1;
	const char *start = record_text(project, PROJECT_ACTUAL_START);

	if (!strcmp(to, "active"))
		field = PROJECT_ACTUAL_START;
	else if ((!strcmp(to, "reporting") || !strcmp(to, "closed")) && start &&
		 strcmp(date, start) >= 0)
		field = PROJECT_ACTUAL_END;
	if (field < 0 || !project->v[field].null)
		return 0;
	return record_set_text(project, field, date);
}

static int
model_refuse_move(struct model *m, const char *from, const char *to)
{
	const char *next[16];
	char allowed[256] = "";
	size_t n = workflow_next(from, next, 16);

	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(allowed);

		snprintf(allowed + used, sizeof allowed - used, "%s%s",
			 i ? ", " : "", enum_label(project_statuses, next[i]));
	}
	return error_set(&m->err, ERR_INVALID, "status",
			 _("status: %s → %s is not a step of the workflow (allowed: %s); use --force to record it anyway"),
			 enum_label(project_statuses, from),
			 enum_label(project_statuses, to), n ? allowed : _("none"));
}

int
model_set_status(struct model *m, struct record *project, const char *to,
		 const char *date, const char *reason, bool force,
		 enum deadline_policy policy)
{
	const struct enum_def *target = enum_find(project_statuses, to ? to : "");
	struct record *next = NULL;
	char from[32], when[11];
	bool allowed;
	int rc;

	if ((rc = model_check_writable(m)) != ERR_OK)
		return rc;
	if (!target)
		return error_set(&m->err, ERR_INVALID, "status",
				 _("status: unknown status \"%s\""), to ? to : "");
	if (date && *date) {
		if (parse_date(date, when) < 0)
			return error_set(&m->err, ERR_INVALID, "date",
					 _("date: %s is not a valid date (use 15.1.2024 or 2024-01-15)"),
					 date);
	} else {
		format_today(when);
	}
	snprintf(from, sizeof from, "%s",
		 record_text(project, PROJECT_STATUS) ? record_text(project, PROJECT_STATUS) : "");
	if (!strcmp(from, target->key))
		return error_set(&m->err, ERR_INVALID, "status",
				 _("status: the project is already %s"), _(target->label));
	allowed = workflow_allows(from, target->key);
	if (!allowed && !force)
		return model_refuse_move(m, from, target->key);

	if (!(next = record_dup(project)) ||
	    record_set_text(next, PROJECT_STATUS, target->key) < 0 ||
	    model_status_dates(next, target->key, when) < 0) {
		record_free(&next);
		return error_set(&m->err, ERR_FAILED, NULL, _("out of memory"));
	}
	if ((rc = validate_record(next, &m->err)) != ERR_OK ||
	    (rc = db_begin(m->db, &m->err)) != ERR_OK) {
		record_free(&next);
		return rc;
	}
	rc = store_update(m->db, next, m->user, &m->err);
	if (rc == ERR_OK)
		rc = model_record_status(m, next, from, target->key, when,
					 reason && *reason ? reason : NULL,
					 !allowed);
	if (rc == ERR_OK && workflow_is_final(target->key))
		rc = model_close_deadlines(m, next, target->key, when, reason,
					   policy);
	rc = model_finish(m, rc);
	if (rc == ERR_OK) {
		/* The caller's record now is what was stored. */
		for (size_t i = 0; i < next->def->nfields; i++) {
			struct value tmp = project->v[i];

			project->v[i] = next->v[i];
			next->v[i] = tmp;
		}
		project->version = next->version;
		memcpy(project->updated_at, next->updated_at, sizeof project->updated_at);
		memcpy(project->updated_by, next->updated_by, sizeof project->updated_by);
	}
	record_free(&next);
	return rc;
}
