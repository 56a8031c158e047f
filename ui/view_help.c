/* SPDX-License-Identifier: EUPL-1.2 */
/* view_help.c — the keys of the screen it was opened from, generated
 * from the bindings in force (defaults and the config file), so that
 * it cannot disagree with what the keys do. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/locate.h"
#include "app.h"
#include "conf.h"
#include "draw.h"
#include "view.h"

struct help_line {
	bool heading;
	char *keys;          /* heading: its title */
	const char *help;    /* N_() */
};

struct help {
	const struct scope_info *scope;
	struct help_line *lines;
	size_t count;
	size_t *match, nmatch;
};

static const struct column columns[] = {
	{ N_("Keys"),   24, 16, 9, COL_KEEP, 0 },
	{ N_("Action"), 30, 30, 0, COL_FLEX, 0 },
};

static void
add(struct help *h, bool heading, const char *keys, const char *help)
{
	struct help_line *l = realloc(h->lines, (h->count + 1) * sizeof *l);
	char *copy = strdup(keys);

	if (!l || !copy) {
		free(copy);
		if (l)
			h->lines = l;
		return;
	}
	h->lines = l;
	h->lines[h->count++] = (struct help_line){ heading, copy, help };
}

/* A line for the fixed keys of forms: one key, or two (b not 0). */
static void
add_keys(struct help *h, int a, int b, const char *help)
{
	char keys[80], an[32], bn[32];

	key_display(a, an, sizeof an);
	if (b)
		snprintf(keys, sizeof keys, "%s, %s", an,
			 key_display(b, bn, sizeof bn));
	else
		snprintf(keys, sizeof keys, "%s", an);
	add(h, false, keys, help);
}

/* The actions of scope with their keys; shadow: leave out the keys
 * that scope rebinds (for the generic part). */
static void
add_scope(struct ui *ui, struct help *h, const char *scope, const char *shadow)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		char keys[256];
		const struct action_info *ai = action_info((enum action)a);

		if (keymap_keys_shown(&ui->keymap, scope, (enum action)a,
				      shadow, keys, sizeof keys))
			add(h, false, keys, ai->help);
	}
}

static int
open_(struct view *v, const void *arg)
{
	struct help *h = calloc(1, sizeof *h);

	if (!h)
		return -1;
	h->scope = scope_by_name(arg ? arg : "generic");
	if (!h->scope)
		h->scope = &key_scopes[0];
	v->priv = h;
	return 0;
}

static void
help_clear(struct help *h)
{
	for (size_t i = 0; i < h->count; i++)
		free(h->lines[i].keys);
	free(h->lines);
	free(h->match);
	h->lines = NULL;
	h->match = NULL;
	h->count = h->nmatch = 0;
}

static void
free_(struct view *v)
{
	struct help *h = v->priv;

	help_clear(h);
	free(h);
}

static int
load(struct view *v)
{
	struct help *h = v->priv;
	struct ui *ui = v->ui;
	char title[160], *path;

	help_clear(h);
	if (strcmp(h->scope->name, "generic")) {
		snprintf(title, sizeof title, _("On the screen “%s”"), _(h->scope->title));
		add(h, true, title, NULL);
		add_scope(ui, h, h->scope->name, NULL);
		add(h, true, "", NULL);
	}
	add(h, true, _("Everywhere"), NULL);
	add_scope(ui, h, "generic",
		  strcmp(h->scope->name, "generic") ? h->scope->name : NULL);
	add(h, true, "", NULL);
	add(h, true, _("In forms and dialogs"), NULL);
	add_keys(h, '\t', KEY_FUNC + KEY_BTAB, N_("Next and previous field"));
	add_keys(h, KEY_FUNC + KEY_ENTER, 0, N_("Save, or choose"));
	add_keys(h, ' ', KEY_FUNC + KEY_F(4),
		 N_("Open the list of choices, the editor, or toggle"));
	add_keys(h, KEY_ESCAPE, 0, N_("Cancel"));
	add(h, true, "", NULL);
	path = config_user_path();
	snprintf(title, sizeof title, _("Keys can be changed in %s (see salkku(5))."),
		 path ? path : "~/.config/salkku/config");
	free(path);
	add(h, true, title, NULL);
	h->match = malloc(h->count * sizeof *h->match);
	for (size_t i = 0; h->match && i < h->count; i++)
		if (!v->narrow || (!h->lines[i].heading &&
				 (view_text_matches(h->lines[i].keys, v->narrow) ||
				  view_text_matches(_(h->lines[i].help), v->narrow))))
			h->match[h->nmatch++] = i;
	v->rows = h->nmatch;
	return 0;
}

static const struct help_line *
line(struct view *v, size_t row)
{
	struct help *h = v->priv;

	return row < h->nmatch ? &h->lines[h->match[row]] : NULL;
}

static bool
selectable(struct view *v, size_t row)
{
	const struct help_line *l = line(v, row);

	return l && !l->heading;
}

static bool
draw_row(struct view *v, WINDOW *w, int y, size_t row, bool sel)
{
	const struct help_line *l = line(v, row);

	(void)y;
	(void)sel;
	if (!l || !l->heading)
		return false;
	draw_text(w, " ", 1, theme_attr(&v->ui->theme, TH_NORMAL), 0);
	draw_text(w, l->keys, getmaxx(w) - 2, theme_attr(&v->ui->theme, TH_GROUP), 0);
	draw_to_eol(w, theme_attr(&v->ui->theme, TH_NORMAL));
	return true;
}

static const char *
cell(struct view *v, size_t row, int col, char *buf, size_t size,
     enum theme_elem *elem)
{
	const struct help_line *l = line(v, row);

	(void)buf;
	(void)size;
	if (!l)
		return "";
	if (col == 0) {
		*elem = TH_FOOTER_KEY;
		return l->keys;
	}
	return _(l->help);
}

static void
title(struct view *v, char *left, size_t lsize, char *right, size_t rsize)
{
	struct help *h = v->priv;

	snprintf(left, lsize, _("Help: %s"), _(h->scope->title));
	snprintf(right, rsize, "salkku %s", PACKAGE_VERSION);
}

static const enum action footer[] = {
	ACT_BACK, ACT_SEARCH, ACT_PAGE_DOWN, ACT_QUIT, ACT_NONE
};

const struct view_ops help_view_ops = {
	.name = "help",
	.head_lines = 2,
	.open = open_,
	.free = free_,
	.load = load,
	.title = title,
	.fixed_columns = columns,
	.nfixed_columns = sizeof columns / sizeof columns[0],
	.cell = cell,
	.draw_row = draw_row,
	.selectable = selectable,
	.searchable = true,
	.footer = footer,
};
