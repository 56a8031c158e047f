/* SPDX-License-Identifier: EUPL-1.2 */
/* picker.c — the type-ahead list. */
#include "config.h"

#include "picker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "draw.h"
#include "input.h"
#include "view.h"

struct picker {
	struct modal base;
	char *title;
	bool multiple;
	struct picker_item *items;
	size_t count, capacity;
	size_t *shown;         /* indices of the items that match */
	size_t nshown, sel, top;
	struct input filter;
	picker_fn done;
	void *ctx;
	size_t initial;        /* item under the cursor at first */
};

struct picker *
picker_new(const char *title, bool multiple)
{
	struct picker *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	if (!(p->title = strdup(title)) || input_set(&p->filter, "") < 0) {
		free(p->title);
		free(p);
		return NULL;
	}
	p->multiple = multiple;
	return p;
}

int
picker_add(struct picker *p, const char *label, const char *value, bool mark)
{
	struct picker_item *it;

	if (p->count == p->capacity) {
		size_t cap = p->capacity ? p->capacity * 2 : 16;
		struct picker_item *items = realloc(p->items, cap * sizeof *items);

		if (!items)
			return -1;
		p->items = items;
		p->capacity = cap;
	}
	it = &p->items[p->count];
	it->label = strdup(label ? label : "");
	it->value = value ? strdup(value) : NULL;
	it->mark = mark;
	if (!it->label || (value && !it->value)) {
		free(it->label);
		free(it->value);
		return -1;
	}
	p->count++;
	return 0;
}

void
picker_select_value(struct picker *p, const char *value)
{
	for (size_t i = 0; i < p->count; i++)
		if ((!value && !p->items[i].value) ||
		    (value && p->items[i].value && !strcmp(value, p->items[i].value))) {
			p->initial = i;
			return;
		}
}

int
picker_add_enum(struct picker *p, const struct enum_def *enums)
{
	for (const struct enum_def *e = enums; e->key; e++) {
		char label[160];

		snprintf(label, sizeof label, "%s%s%s", e->symbol ? e->symbol : "",
			 e->symbol ? " " : "", _(e->label));
		if (picker_add(p, label, e->key, false) < 0)
			return -1;
	}
	return 0;
}

int
picker_add_orgs(struct ui *ui, struct picker *p)
{
	struct record_list orgs = { 0 };
	int rc = model_organisations(ui->m, &orgs);

	for (size_t i = 0; !rc && i < orgs.count; i++) {
		const struct record *o = orgs.items[i];
		const char *name = record_text(o, ORG_NAME);
		const char *shortname = record_text(o, ORG_SHORT_NAME);
		char *label;

		/* "ISO – Itä-Suomen …", unless the name starts with it. */
		if (shortname && *shortname && name &&
		    strncmp(shortname, name, strlen(shortname)))
			rc = asprintf(&label, "%s – %s", shortname, name) < 0;
		else
			rc = !(label = strdup(name ? name : ""));
		if (!rc) {
			rc = picker_add(p, label, o->uuid, false) < 0;
			free(label);
		}
	}
	record_list_clear(&orgs);
	return rc;
}

/* Narrows the list to what the filter text matches. */
static void
refilter(struct picker *p)
{
	char *text = input_text(&p->filter);
	size_t keep = p->nshown ? p->shown[p->sel] : p->initial;

	p->nshown = 0;
	p->sel = p->top = 0;
	for (size_t i = 0; i < p->count; i++)
		if (view_text_matches(p->items[i].label, text)) {
			if (i == keep)
				p->sel = p->nshown;
			p->shown[p->nshown++] = i;
		}
	free(text);
}

static const char *
picker_hint(const struct picker *p)
{
	return p->multiple ? _(" Space: mark  Enter: done  Esc: cancel ")
			   : _(" Enter: choose  Esc: cancel ");
}

static void
picker_layout(struct modal *m, int lines, int cols)
{
	struct picker *p = (struct picker *)m;
	int w = draw_width(p->title) + 8, h;

	for (size_t i = 0; i < p->count; i++) {
		int lw = draw_width(p->items[i].label) + 8;

		if (lw > w)
			w = lw;
	}
	if (w < draw_width(picker_hint(p)) + 6)
		w = draw_width(picker_hint(p)) + 6;
	if (w < 40)
		w = 40;
	if (w > cols - 4)
		w = cols - 4;
	h = (int)p->count + 4;
	if (h > lines - 4)
		h = lines - 4;
	ui_modal_place(m, h, w);
}

static void
picker_draw(struct modal *m)
{
	struct picker *p = (struct picker *)m;
	struct theme *t = &m->ui->theme;
	int h = getmaxy(m->win), w = getmaxx(m->win), rows = h - 4, cx;

	werase(m->win);
	draw_frame(m->win, p->title, theme_attr(t, TH_BORDER), theme_attr(t, TH_TITLE));
	draw_text_at(m->win, 1, 2, "›", 1, theme_attr(t, TH_LABEL), 0);
	input_draw(&p->filter, m->win, 1, 4, w - 6, theme_attr(t, TH_FOCUS), &cx);
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows)
		p->top = p->sel - (size_t)rows + 1;
	for (int y = 0; y < rows; y++) {
		size_t i = p->top + (size_t)y;
		const struct picker_item *it;
		char line[512];
		bool on = i == p->sel;

		wmove(m->win, y + 2, 1);
		if (i >= p->nshown) {
			draw_spaces(m->win, w - 2, theme_attr(t, TH_DIALOG));
			continue;
		}
		it = &p->items[p->shown[i]];
		snprintf(line, sizeof line, "%s%s%s", on ? ">" : " ",
			 p->multiple ? (it->mark ? "[x] " : "[ ] ") : " ",
			 it->label);
		draw_text(m->win, line, w - 2,
			  theme_attr(t, on ? TH_SELECTED : TH_DIALOG), DRAW_PAD);
	}
	if (!p->nshown)
		draw_text_at(m->win, 2, 3, _("(no match)"), w - 6, theme_attr(t, TH_DIM), 0);
	draw_text_at(m->win, h - 1, 2, picker_hint(p), w - 4,
		     theme_attr(t, TH_BORDER), 0);
	m->cur_y = 1;
	m->cur_x = cx;
}

static bool
picker_key(struct modal *m, int key)
{
	struct picker *p = (struct picker *)m;
	int rows = getmaxy(m->win) - 4;

	switch (key) {
	case KEY_ESCAPE:
		p->done(m->ui, p->ctx, -1, p->items, p->count);
		return true;
	case KEY_FUNC + KEY_ENTER:
		if (!p->nshown && !p->multiple)
			return false;
		p->done(m->ui, p->ctx, p->nshown ? (int)p->shown[p->sel] : -1,
			p->items, p->count);
		return true;
	case KEY_FUNC + KEY_DOWN:
	case KEY_CTRL('n'):
		if (p->sel + 1 < p->nshown)
			p->sel++;
		return false;
	case KEY_FUNC + KEY_UP:
	case KEY_CTRL('p'):
		if (p->sel > 0)
			p->sel--;
		return false;
	case KEY_FUNC + KEY_NPAGE:
		p->sel = p->sel + (size_t)rows < p->nshown ? p->sel + (size_t)rows
			 : (p->nshown ? p->nshown - 1 : 0);
		return false;
	case KEY_FUNC + KEY_PPAGE:
		p->sel = p->sel > (size_t)rows ? p->sel - (size_t)rows : 0;
		return false;
	case ' ':
		if (p->multiple) {
			if (p->nshown)
				p->items[p->shown[p->sel]].mark ^= true;
			return false;
		}
		break;
	}
	if (input_key(&p->filter, key))
		refilter(p);
	return false;
}

static void
picker_free(struct modal *m)
{
	struct picker *p = (struct picker *)m;

	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].label);
		free(p->items[i].value);
	}
	free(p->items);
	free(p->shown);
	free(p->title);
	input_free(&p->filter);
	free(p);
}

void
picker_feed_key(struct picker *p, int key)
{
	input_key(&p->filter, key);
}

static const struct modal_ops picker_ops = {
	.layout = picker_layout, .draw = picker_draw,
	.key = picker_key, .free = picker_free,
};

void
picker_open(struct ui *ui, struct picker *p, picker_fn done, void *ctx)
{
	p->base.ops = &picker_ops;
	p->done = done;
	p->ctx = ctx;
	p->shown = malloc((p->count ? p->count : 1) * sizeof *p->shown);
	if (!p->shown) {
		picker_free(&p->base);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	refilter(p);
	ui_modal_push(ui, &p->base);
}
