/* SPDX-License-Identifier: EUPL-1.2 */
/* form.h — a form for any record, built from its entity's field table.
 *
 * One line per field the user may change (F_READONLY fields are left
 * out); text, dates, money and figures are typed and checked one field
 * at a time with model_parse_field as the cursor leaves them; choices
 * (statuses, roles, kinds, organisations) open a type-ahead picker;
 * yes/no fields toggle with Space; long text opens the editor.  The form
 * keeps what is typed apart from the record it was opened on, and builds
 * the record to write only on Enter: model_insert or model_update, whose
 * complaint is shown beside the field it names.  Esc cancels. */
#ifndef SALKKU_UI_FORM_H
#define SALKKU_UI_FORM_H

#include "src/base/record.h"

struct ui;

/* saved: the record as written, or NULL when the form was cancelled. */
typedef void (*form_fn)(struct ui *ui, void *ctx, const struct record *saved);

/* Opens a form on a copy of rec: a new record when rec->uuid is empty
 * (values already set are the defaults), else an edit of the stored
 * one.  focus_field: the field to start on, or -1.  done may be NULL. */
void form_open(struct ui *ui, const struct record *rec, int focus_field,
	       form_fn done, void *ctx);

#endif
