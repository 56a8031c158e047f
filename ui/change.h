/* SPDX-License-Identifier: EUPL-1.2 */
/* change.h — every write the TUI makes, and undoing them.
 *
 * Views, forms and dialogs write only through these functions: each
 * calls one model_* function (one transaction), keeps what is needed to
 * take the change back, announces it (ui_data_changed) and says what
 * happened in the status line.  Undo takes back the user's own changes
 * of this session, newest first: an update is written back over the
 * stored record, version-checked, so that someone else's later change
 * is never overwritten; a deleted record is inserted again with its uuid
 * and what belonged to it; an insert is deleted; a status change is
 * moved back (recorded in the history as a forced move, because the
 * history is kept). */
#ifndef SALKKU_UI_CHANGE_H
#define SALKKU_UI_CHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/record.h"
#include "src/core/deadline.h"
#include "src/core/model.h"

struct ui;

enum undo_kind { UNDO_INSERT, UNDO_UPDATE, UNDO_DELETE, UNDO_STATUS };

struct undo_entry {
	enum undo_kind kind;
	/* INSERT: the record as inserted; UPDATE: the record before the
	 * change, carrying the version after it; DELETE: the record as it
	 * was; STATUS: the project after the move. */
	struct record *rec;
	struct record_list children;   /* DELETE: what went with it;
					* INSERT: the other occurrences of
					* a series added; UPDATE: those of
					* a series written, as before */
	char status_before[32];        /* STATUS */
	struct record *before;         /* STATUS: the project before the
					* move, whose dates the move may set */
};

struct undo_log {
	struct undo_entry *items;
	size_t count, capacity;
};

void undo_log_free(struct undo_log *log);

/* Each returns the model's code (0 on success); on failure the status
 * line shows m->err and the caller may show it by its field too. */

/* Inserts rec (filled in by the model on success). */
int change_insert(struct ui *ui, struct record *rec);

/* Writes rec over the stored record; before is the record as read
 * (same uuid and version). */
int change_update(struct ui *ui, struct record *rec,
		  const struct record *before);

/* Deletes rec and, for a project, what belongs to it. */
int change_delete(struct ui *ui, const struct record *rec);

/* Moves project to status `to` (see model_set_status, which settles
 * open deadlines of a closing project by policy); project is updated in
 * place on success. */
int change_status(struct ui *ui, struct record *project, const char *to,
		  const char *date, const char *reason, bool force,
		  enum deadline_policy policy);

/* Marks deadline d (as read) done on date (as typed; NULL: today),
 * cancelled on date for reason, or open again (see model_deadline_*). */
int change_deadline_state(struct ui *ui, const struct record *d,
			  enum deadline_state to, const char *date,
			  const char *reason);

/* Adds deadline d: one, or with every ("2 months") the first of a
 * series until the date `until` (as typed) or of count deadlines (see
 * model_deadline_add).  Undo deletes all it added. */
int change_deadline_add(struct ui *ui, struct record *d, const char *every,
			const char *until, int count);

/* Writes rec (an occurrence, changed from before, the record as read)
 * and its changes onto every other open occurrence of its series (see
 * model_deadline_update_series); undo writes them all back. */
int change_deadline_series_update(struct ui *ui, struct record *rec,
				  const struct record *before);

/* Deletes d and every other occurrence of its series; undo puts them
 * all back. */
int change_deadline_series_delete(struct ui *ui, const struct record *d);

/* Undoes the newest change of the session. */
int change_undo(struct ui *ui);

/* "project LUMO": what a record is called in messages.  Newly
 * allocated; NULL when out of memory. */
char *change_describe(struct ui *ui, const struct record *rec);

#endif
