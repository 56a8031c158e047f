/* SPDX-License-Identifier: EUPL-1.2 */
/* conflict.h — when someone else saved first.
 *
 * Every write of the TUI is checked against the version it read: a
 * record that another session saved meanwhile is refused by the model
 * with ERR_CONFLICT and nothing is overwritten.  The conflict screen
 * then says who saved which version and when, and lists the fields
 * that differ, as the screens show them: Field | Their value | Your
 * value, "(not changed)" where you left a field as you read it, and
 * "!" where both of you changed it.
 *
 * After an edit (CONFLICT_EDIT) the keys of the "conflict" scope are
 *   conflict-mine    the fields you changed are written over their
 *                    record (as the screen shows it, kept up to date
 *                    while it is open) and their other changes stay,
 *                    version-checked again: a third writer meanwhile
 *                    brings the screen back with the newest record;
 *   conflict-theirs  your edits are dropped; the record stays theirs;
 *   back (Esc)       back to editing with your values, now based on
 *                    their version, which the next save is checked
 *                    against.
 * After a status change or a deletion (CONFLICT_RELOAD) the screen
 * shows what changed since you looked (Field | Their value | You saw)
 * and offers conflict-reload (read it again and go back to the
 * question) or Esc (back, nothing done). */
#ifndef SALKKU_UI_CONFLICT_H
#define SALKKU_UI_CONFLICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/record.h"

struct ui;

enum conflict_kind { CONFLICT_EDIT, CONFLICT_RELOAD, CONFLICT_IMPORT };

/* Each hook may be NULL. */
struct conflict_hooks {
	/* EDIT, keep mine: saved is the record as written. */
	void (*saved)(struct ui *ui, void *ctx, const struct record *saved);
	/* EDIT, take theirs: theirs is the stored record (NULL: deleted). */
	void (*dropped)(struct ui *ui, void *ctx, const struct record *theirs);
	/* EDIT: back to editing, theirs the new base (NULL: deleted).
	 * RELOAD: theirs to go on with, or NULL for back as it was. */
	void (*back)(struct ui *ui, void *ctx, const struct record *theirs);
	/* Frees ctx when the screen closes (may be NULL). */
	void (*free_ctx)(void *ctx);
};

/* Opens the conflict screen after a write based on base (the record as
 * read) was refused with ERR_CONFLICT; mine is what was to be written
 * (EDIT; NULL for RELOAD).  Both are copied; hooks must be static.  ctx
 * is passed to the hooks and freed with hooks->free_ctx when the screen
 * closes (also when it cannot open). */
void conflict_open(struct ui *ui, enum conflict_kind kind,
		   const struct record *base, const struct record *mine,
		   const struct conflict_hooks *hooks, void *ctx);

/* The screen for a record an import (ui/import.c) found changed here
 * and in the file: ours as stored (NULL: deleted here), theirs as the
 * file has it (NULL: deleted in the file), fields the ones both changed,
 * shown as Field | In the file | Here.  conflict-mine keeps ours
 * (hooks->saved), conflict-theirs takes the file's (hooks->dropped),
 * back (Esc) gives the import up (hooks->back); each with NULL.
 * source names the file; n of count says which conflict this is. */
void conflict_open_import(struct ui *ui, const struct record *ours,
			  const struct record *theirs, uint64_t fields,
			  const char *source, int n, int count,
			  const struct conflict_hooks *hooks, void *ctx);

/* Whether the stored record of base has moved past version since it
 * was read: then buf says "Changed by lkorhonen at 10.02 while you were
 * editing (version 15)", or who deleted it.  Reads the record (and, when
 * it is gone, the change log).  buf is "" when nothing changed. */
bool conflict_notice(struct ui *ui, const struct record *base,
		     int64_t version, char *buf, size_t size);

/* The title of a record for these screens: a project's code, else its
 * title field, first line, clipped.  Newly allocated (NULL: no memory). */
char *conflict_name(struct ui *ui, const struct record *rec);

#endif
