/* SPDX-License-Identifier: EUPL-1.2 */
/* picker.h — a list to choose from, narrowed as you type.
 *
 * Used for organisations, statuses, roles and every other fixed set:
 * typing narrows the list to the items that contain the text, Up/Down
 * move, Enter chooses, Esc cancels.  A multiple choice marks items with
 * Space and accepts them with Enter. */
#ifndef SALKKU_UI_PICKER_H
#define SALKKU_UI_PICKER_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/entity.h"

struct ui;

struct picker_item {
	char *label;   /* shown (may be stored text: drawn sanitised) */
	char *value;   /* key or uuid; NULL for "none" */
	bool mark;     /* multiple choice: chosen */
};

struct picker;

/* index: the chosen item, or -1 when cancelled.  In a multiple choice
 * the marks say what was chosen (index is then the one under the
 * cursor).  items stay the picker's. */
typedef void (*picker_fn)(struct ui *ui, void *ctx, int index,
			  const struct picker_item *items, size_t n);

/* A new, empty picker; NULL when out of memory. */
struct picker *picker_new(const char *title, bool multiple);

/* Adds an item (strings copied).  0, or -1 when out of memory. */
int picker_add(struct picker *p, const char *label, const char *value,
	       bool mark);

/* Puts the cursor on the item whose value is value (NULL: the "none"). */
void picker_select_value(struct picker *p, const char *value);

/* Types key into the filter before the picker shows (type-ahead from
 * the field that opened it). */
void picker_feed_key(struct picker *p, int key);

/* Shows p (which the UI then owns) and calls done when it closes. */
void picker_open(struct ui *ui, struct picker *p, picker_fn done, void *ctx);

/* Adds the items of an enumeration (translated labels, with symbols). */
int picker_add_enum(struct picker *p, const struct enum_def *enums);

/* Adds every organisation ("ISO – Itä-Suomen sosiaalialan …", uuid).
 * 0, or the model's error code. */
int picker_add_orgs(struct ui *ui, struct picker *p);

#endif
