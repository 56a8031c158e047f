/* SPDX-License-Identifier: EUPL-1.2 */
/* form_repeat.h — the fields of a new deadline's form that make it
 * repeat: every N weeks or months, until a date or N times.
 *
 * They are not fields of the record: what they say goes to
 * model_deadline_add (as `salkku deadline add --every … --until …|
 * --count N` does), which makes the occurrences in one transaction.
 * The form checks them here, names the field at fault, and shows the
 * dates the series will have before it is saved. */
#ifndef SALKKU_UI_FORM_REPEAT_H
#define SALKKU_UI_FORM_REPEAT_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/entity.h"
#include "src/base/format.h"

enum repeat_field { REPEAT_EVERY, REPEAT_UNTIL, REPEAT_COUNT, REPEAT_NFIELDS };

/* Their names ("every", "until", "count": the model's complaints name
 * the first two) and labels. */
extern const struct field_def form_repeat_fields[REPEAT_NFIELDS];

struct repeat_plan {
	bool repeats;         /* every was given */
	char every[64];       /* as typed, without the spaces around */
	char until[64];       /* as typed, trimmed; "" with a count */
	int count;            /* > 0: so many times; else until the date */
	int n;                /* how many deadlines: 0 when not yet known */
	char first[3][11];    /* the first dates (ISO), at most n */
	char last[11];        /* the last date (ISO) */
};

/* Checks text[REPEAT_NFIELDS] (as typed; empty: not given) for a series
 * starting on due (ISO; NULL while the due date is missing or wrong).
 * whole: also what only the fields together say (how long the series
 * runs), as on saving; otherwise only what is typed in each.  0 with
 * *plan filled; or -1 with *bad the field at fault and its message in
 * msg, which names the field by its label. */
int form_repeat_check(char *const text[REPEAT_NFIELDS], const char *due,
		      bool whole, struct repeat_plan *plan, int *bad,
		      char *msg, size_t size);

/* What the form shows under its fields: the dates of the plan ("12
 * deadlines: 15.1.2024, 15.3.2024, 15.5.2024 … 15.11.2025"), or how
 * to make the deadline repeat.  Into buf. */
char *form_repeat_preview(const struct repeat_plan *plan, enum fmt_style st,
			  char *buf, size_t size);

#endif
