/* SPDX-License-Identifier: EUPL-1.2 */
/* conflict.c — the conflict screen, and the notice of a record changed
 * meanwhile. */
#include "config.h"

#include "conflict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/entity.h"
#include "src/base/i18n.h"
#include "src/core/model.h"
#include "src/base/text.h"
#include "app.h"
#include "change.h"
#include "draw.h"

#define NAME_CELLS 30
#define LABEL_MAX 22

struct conflict {
	struct modal base;
	enum conflict_kind kind;
	struct record *read;     /* as read: what "changed" is measured from */
	struct record *mine;     /* EDIT: what was to be written */
	struct record *theirs;   /* as stored now; NULL when deleted */
	int64_t tried;           /* the version the refused write was based on */
	char gone_by[64], gone_at[32];  /* who deleted it, when (theirs NULL) */
	int *rows;               /* the fields that differ */
	int nrows;
	bool both;               /* a field both changed: the legend shows */
	uint64_t fields;         /* IMPORT: the fields both sides changed */
	char source[256];        /* IMPORT: the file */
	int n, count;            /* IMPORT: this conflict of how many */
	char error[512];
	const struct conflict_hooks *hooks;
	void *ctx;
};

char *
conflict_name(struct ui *ui, const struct record *rec)
{
	char *title = ui_value(ui, rec, rec->def->title_field), *nl, *clip;

	if (!title)
		return NULL;
	if ((nl = strchr(title, '\n')))
		*nl = '\0';
	clip = text_clip(title, NAME_CELLS);
	free(title);
	return clip;
}

/* The first line of a field as the screens show it; "—" for none. */
static char *
shown(struct ui *ui, const struct record *rec, int f)
{
	char *s = ui_value(ui, rec, f), *nl, *out;

	if (!s)
		return NULL;
	if (!*s) {
		free(s);
		return strdup("—");
	}
	if (!(nl = strchr(s, '\n')))
		return s;
	*nl = '\0';
	if (asprintf(&out, "%s …", s) < 0)
		out = NULL;
	free(s);
	return out;
}

/* Copies field f of from into to. */
static void
copy_field(struct record *to, const struct record *from, int f)
{
	const struct value *v = &from->v[f];
	enum field_type t = from->def->fields[f].type;

	if (v->null)
		record_set_null(to, f);
	else if (field_type_numeric(t))
		record_set_num(to, f, v->num);
	else
		record_set_text(to, f, v->text);
}

/* Who deleted rec and when, from the change log; by is "" when the
 * log does not say. */
static void
find_deleter(struct ui *ui, const struct record *rec, char by[64], char at[32])
{
	struct change_list log = { 0 };
	struct error saved = ui->m->err;

	by[0] = at[0] = '\0';
	if (!model_changes(ui->m, record_project(rec), rec->uuid, 1, &log) &&
	    log.count &&
	    !strcmp(log.items[0].action, "delete")) {
		snprintf(by, 64, "%s", log.items[0].who);
		snprintf(at, 32, "%s", log.items[0].at);
	}
	change_list_clear(&log);
	ui->m->err = saved;
}

static void
relayout(struct conflict *c)
{
	struct ui *ui = c->base.ui;

	if (!ui->too_small)
		c->base.ops->layout(&c->base, ui->lines, ui->cols);
}

/* Reads the stored record and works out the fields that differ. */
static void
compare(struct conflict *c)
{
	struct ui *ui = c->base.ui;
	const struct record *ours = c->mine ? c->mine : c->read;
	struct record *stored = NULL;

	if (c->kind == CONFLICT_IMPORT) {
		/* Both sides are given: the import holds its transaction's
		 * view of them, and nothing is written until all are settled. */
		c->nrows = 0;
		for (size_t i = 0; c->mine && c->theirs && i < c->read->def->nfields; i++)
			if (c->fields & (UINT64_C(1) << i))
				c->rows[c->nrows++] = (int)i;
		c->both = c->nrows > 0;
		return;
	}
	if (model_get(ui->m, c->read->def, c->read->uuid, &stored) == 0) {
		record_free(&c->theirs);
		c->theirs = stored;
	} else if (ui->m->err.code == ERR_NOT_FOUND) {
		record_free(&c->theirs);
		find_deleter(ui, c->read, c->gone_by, c->gone_at);
	}
	c->nrows = 0;
	c->both = false;
	if (!c->theirs)
		return;
	for (size_t i = 0; i < c->read->def->nfields; i++) {
		int f = (int)i;

		if (record_field_equal(c->theirs, ours, f))
			continue;
		c->rows[c->nrows++] = f;
		if (c->mine && !record_field_equal(c->mine, c->read, f) &&
		    !record_field_equal(c->theirs, c->read, f))
			c->both = true;
	}
}

/* "t/h" for the keys bound to a of the conflict scope, else its first
 * key (Esc comes from the generic scope). */
static void
keys_of(struct ui *ui, enum action a, char *buf, size_t size)
{
	char list[128], *p, *out = buf;
	size_t room = size;

	if (!keymap_keys_shown(&ui->keymap, "conflict", a, NULL, list,
			       sizeof list)) {
		int k = keymap_first_key(&ui->keymap, "conflict", a);

		if (!k) {
			snprintf(buf, size, "?");
			return;
		}
		key_display(k, list, sizeof list);
	}
	/* "Enter, r" reads as "Enter/r". */
	for (p = list; *p && room > 1; p++) {
		if (*p == ',' && p[1] == ' ') {
			*out++ = '/';
			room--;
			p++;
			continue;
		}
		*out++ = *p;
		room--;
	}
	*out = '\0';
}

/* ---- The modal --------------------------------------------------- */

static void
conflict_layout(struct modal *m, int lines, int cols)
{
	struct conflict *c = (struct conflict *)m;
	int w = cols - 4 < 96 ? cols - 4 : 96;

	(void)lines;
	ui_modal_place(m, (c->nrows ? c->nrows : 1) + 8, w);
}

static void
draw_keys(struct conflict *c, int y, int width)
{
	struct ui *ui = c->base.ui;
	struct theme *t = &ui->theme;
	struct key_item {
		enum action a;
		const char *label;
	} items[3];
	int n = 0;
	char keys[64], item[160];

	if (c->kind == CONFLICT_IMPORT) {
		items[n++] = (struct key_item){ ACT_KEEP_MINE, _("keep ours") };
		items[n++] = (struct key_item){ ACT_TAKE_THEIRS, _("take the file's") };
		items[n++] = (struct key_item){ ACT_BACK, _("import nothing") };
	} else if (c->kind == CONFLICT_EDIT) {
		if (c->theirs)
			items[n++] = (struct key_item){ ACT_KEEP_MINE, _("keep mine") };
		items[n++] = (struct key_item){ ACT_TAKE_THEIRS,
			c->theirs ? _("take theirs") : _("drop your edits") };
		items[n++] = (struct key_item){ ACT_BACK, _("back to editing") };
	} else {
		if (c->theirs)
			items[n++] = (struct key_item){ ACT_RELOAD, _("reload and look again") };
		items[n++] = (struct key_item){ ACT_BACK, _("back") };
	}
	wmove(c->base.win, y, 2);
	for (int i = 0; i < n; i++) {
		int used = getcurx(c->base.win) - 2;

		keys_of(ui, items[i].a, keys, sizeof keys);
		snprintf(item, sizeof item, "%s: ", keys);
		used += draw_text(c->base.win, item, width - used,
				  theme_attr(t, TH_FOOTER_KEY), 0);
		used += draw_text(c->base.win, items[i].label, width - used,
				  theme_attr(t, TH_DIALOG), 0);
		if (i + 1 < n)
			draw_text(c->base.win, "   ", width - used,
				  theme_attr(t, TH_DIALOG), 0);
	}
}

/* An import's conflict: the fields both sides changed, the file's
 * value beside ours. */
static void
draw_import(struct conflict *c)
{
	struct modal *m = &c->base;
	struct ui *ui = m->ui;
	struct theme *t = &ui->theme;
	int h = getmaxy(m->win), w = getmaxx(m->win), iw = w - 4;
	int lw = draw_width(_("Field")), vw, y = 3, room = h - 8;
	char *name = conflict_name(ui, c->read);
	char buf[640];

	for (int i = 0; i < c->nrows; i++) {
		int x = draw_width(_(c->read->def->fields[c->rows[i]].label)) + 2;

		if (x > lw)
			lw = x;
	}
	if (lw > LABEL_MAX)
		lw = LABEL_MAX;
	vw = (iw - lw - 4) / 2;
	werase(m->win);
	snprintf(buf, sizeof buf, !c->theirs ? _("Import: %s was deleted here (%d of %d)")
			       : !c->mine ? _("Import: %s was deleted in the file (%d of %d)")
			       : _("Import: %s changed here and in the file (%d of %d)"),
		 name ? name : "", c->n, c->count);
	free(name);
	draw_frame(m->win, buf, theme_attr(t, TH_BORDER), theme_attr(t, TH_TITLE));
	snprintf(buf, sizeof buf, _("%s: choose a side; nothing is imported until every conflict is settled"),
		 c->source);
	draw_text_at(m->win, 1, 2, buf, iw, theme_attr(t, TH_DIALOG), 0);
	if (!c->theirs || !c->mine) {
		draw_text_at(m->win, y, 2, !c->theirs
			     ? _("It was deleted here and changed in the file since.")
			     : _("It was deleted in the file and changed here since."),
			     iw, theme_attr(t, TH_DIALOG), 0);
	} else {
		wmove(m->win, y, 2);
		draw_text(m->win, _("Field"), lw, theme_attr(t, TH_HEADING), DRAW_PAD);
		draw_spaces(m->win, 2, theme_attr(t, TH_HEADING));
		draw_text(m->win, _("In the file"), vw, theme_attr(t, TH_HEADING), DRAW_PAD);
		draw_spaces(m->win, 2, theme_attr(t, TH_HEADING));
		draw_text(m->win, _("Here"), vw, theme_attr(t, TH_HEADING), DRAW_PAD);
		for (int i = 0; i < c->nrows && i < room; i++) {
			int f = c->rows[i];
			char *file = shown(ui, c->mine, f), *here = shown(ui, c->theirs, f);
			attr_t a = theme_attr(t, TH_NOTICE);

			y++;
			snprintf(buf, sizeof buf, "! %s", _(c->read->def->fields[f].label));
			wmove(m->win, y, 2);
			draw_text(m->win, buf, lw, a | A_BOLD, DRAW_PAD);
			draw_spaces(m->win, 2, a);
			draw_text(m->win, file, vw, a, DRAW_PAD);
			draw_spaces(m->win, 2, a);
			draw_text(m->win, here, vw, a, DRAW_PAD);
			free(file);
			free(here);
		}
	}
	if (c->both)
		draw_text_at(m->win, h - 3, 2, _("! changed here and in the file"),
			     iw, theme_attr(t, TH_NOTICE), 0);
	draw_keys(c, h - 2, iw);
	m->cur_y = h - 2;
	m->cur_x = 2;
}

static void
conflict_draw(struct modal *m)
{
	struct conflict *c = (struct conflict *)m;
	struct ui *ui = m->ui;
	struct theme *t = &ui->theme;
	int h = getmaxy(m->win), w = getmaxx(m->win), iw = w - 4;
	int lw = draw_width(_("Field")), vw, y, room;
	char *name;
	char buf[640], when[64];

	if (c->kind == CONFLICT_IMPORT) {
		draw_import(c);
		return;
	}
	name = conflict_name(ui, c->read);
	for (int i = 0; i < c->nrows; i++) {
		int x = draw_width(_(c->read->def->fields[c->rows[i]].label)) + 2;

		if (x > lw)
			lw = x;
	}
	if (lw > LABEL_MAX)
		lw = LABEL_MAX;
	vw = (iw - lw - 4) / 2;
	werase(m->win);
	snprintf(buf, sizeof buf, c->theirs ? _("Conflict: %s changed meanwhile")
					     : _("Conflict: %s was deleted meanwhile"),
		 name ? name : "");
	free(name);
	draw_frame(m->win, buf, theme_attr(t, TH_BORDER), theme_attr(t, TH_TITLE));

	if (c->theirs) {
		snprintf(buf, sizeof buf, _("%s saved version %lld at %s (you opened version %lld)"),
			 c->theirs->updated_by, (long long)c->theirs->version,
			 ui_when(ui, c->theirs->updated_at, when, sizeof when),
			 (long long)c->tried);
	} else if (c->gone_by[0]) {
		snprintf(buf, sizeof buf, _("%s deleted it at %s (you opened version %lld)"),
			 c->gone_by, ui_when(ui, c->gone_at, when, sizeof when),
			 (long long)c->tried);
	} else {
		snprintf(buf, sizeof buf, _("Someone deleted it (you opened version %lld)"),
			 (long long)c->tried);
	}
	draw_text_at(m->win, 1, 2, buf, iw, theme_attr(t, TH_DIALOG), 0);

	y = 3;
	room = h - 8;
	if (!c->theirs) {
		draw_text_at(m->win, y, 2, c->kind == CONFLICT_EDIT ?
			     _("Your edits cannot be saved: the record is gone.") :
			     _("There is nothing left to change."),
			     iw, theme_attr(t, TH_DIALOG), 0);
	} else if (!c->nrows) {
		draw_text_at(m->win, y, 2,
			     _("No field differs: only the version moved on."),
			     iw, theme_attr(t, TH_DIALOG), 0);
	} else {
		wmove(m->win, y, 2);
		draw_text(m->win, _("Field"), lw, theme_attr(t, TH_HEADING), DRAW_PAD);
		draw_spaces(m->win, 2, theme_attr(t, TH_HEADING));
		draw_text(m->win, _("Their value"), vw, theme_attr(t, TH_HEADING), DRAW_PAD);
		draw_spaces(m->win, 2, theme_attr(t, TH_HEADING));
		draw_text(m->win, c->kind == CONFLICT_EDIT ? _("Your value") : _("You saw"),
			  vw, theme_attr(t, TH_HEADING), DRAW_PAD);
		for (int i = 0; i < c->nrows && i < room; i++) {
			int f = c->rows[i];
			const struct field_def *d = &c->read->def->fields[f];
			bool mine_changed = c->mine && !record_field_equal(c->mine, c->read, f);
			bool both = mine_changed && !record_field_equal(c->theirs, c->read, f);
			char *theirs = shown(ui, c->theirs, f), *yours;
			attr_t a = theme_attr(t, both ? TH_NOTICE : TH_DIALOG);

			if (c->mine)
				yours = mine_changed ? shown(ui, c->mine, f)
						     : strdup(_("(not changed)"));
			else
				yours = shown(ui, c->read, f);
			y++;
			if (i == room - 1 && c->nrows > room) {
				snprintf(buf, sizeof buf, P_("… and %d more field",
						       "… and %d more fields",
						       (unsigned long)(c->nrows - i)),
					 c->nrows - i);
				draw_text_at(m->win, y, 2, buf, iw, theme_attr(t, TH_DIM), 0);
				free(theirs);
				free(yours);
				break;
			}
			snprintf(buf, sizeof buf, "%s%s", both ? "! " : "", _(d->label));
			wmove(m->win, y, 2);
			draw_text(m->win, buf, lw, a | A_BOLD, DRAW_PAD);
			draw_spaces(m->win, 2, a);
			draw_text(m->win, theirs, vw, a, DRAW_PAD);
			draw_spaces(m->win, 2, a);
			/* "(not changed)" is dimmed: theirs stands there. */
			draw_text(m->win, yours, vw, c->mine && !mine_changed ?
				  theme_attr(t, TH_DIM) : a, DRAW_PAD);
			free(theirs);
			free(yours);
		}
	}
	if (c->error[0])
		draw_text_at(m->win, h - 3, 2, c->error, iw, theme_attr(t, TH_ERROR), 0);
	else if (c->both)
		draw_text_at(m->win, h - 3, 2, _("! both of you changed this field"),
			     iw, theme_attr(t, TH_NOTICE), 0);
	draw_keys(c, h - 2, iw);
	/* The cursor on the choices, as in the other dialogs. */
	m->cur_y = h - 2;
	m->cur_x = 2;
}

/* Writes the fields I changed over their record as the screen shows
 * it, at its version: should a third session have saved since, the
 * write is refused and the screen shows the newest record instead, so
 * that nothing is overwritten unseen. */
static bool
keep_mine(struct conflict *c)
{
	struct ui *ui = c->base.ui;
	struct record *merged;
	int rc;

	c->error[0] = '\0';
	if (!c->theirs || !ui_check_writable(ui))
		return false;
	if (!(merged = record_dup(c->theirs))) {
		snprintf(c->error, sizeof c->error, "%s", _("Out of memory"));
		return false;
	}
	for (size_t i = 0; i < c->read->def->nfields; i++)
		if (!record_field_equal(c->mine, c->read, (int)i))
			copy_field(merged, c->mine, (int)i);
	rc = change_update(ui, merged, c->theirs);
	if (rc == 0) {
		if (c->hooks->saved)
			c->hooks->saved(ui, c->ctx, merged);
	} else if (rc == ERR_CONFLICT || rc == ERR_NOT_FOUND) {
		c->tried = c->theirs->version;
		compare(c);
		relayout(c);
		ui->message[0] = '\0';
		if (c->theirs)
			snprintf(c->error, sizeof c->error, "%s",
				 _("Saved again meanwhile: this is the newest version."));
	} else {
		snprintf(c->error, sizeof c->error, "%s", ui->m->err.message);
	}
	record_free(&merged);
	return rc == 0;
}

static bool
conflict_key(struct modal *m, int key)
{
	struct conflict *c = (struct conflict *)m;
	struct ui *ui = m->ui;
	char *name;

	if (c->kind == CONFLICT_IMPORT) {
		switch (keymap_lookup(&ui->keymap, "conflict", key)) {
		case ACT_KEEP_MINE:
			if (c->hooks->saved)
				c->hooks->saved(ui, c->ctx, NULL);
			return true;
		case ACT_TAKE_THEIRS:
			if (c->hooks->dropped)
				c->hooks->dropped(ui, c->ctx, NULL);
			return true;
		case ACT_BACK:
		case ACT_QUIT:
			if (c->hooks->back)
				c->hooks->back(ui, c->ctx, NULL);
			return true;
		default:
			return false;
		}
	}
	switch (keymap_lookup(&ui->keymap, "conflict", key)) {
	case ACT_KEEP_MINE:
		return c->kind == CONFLICT_EDIT && c->theirs && keep_mine(c);
	case ACT_TAKE_THEIRS:
		if (c->kind != CONFLICT_EDIT)
			return false;
		name = conflict_name(ui, c->read);
		if (c->theirs)
			ui_message(ui, _("Your edits were dropped: %s stays as %s saved it (version %lld)"),
				   name ? name : "", c->theirs->updated_by,
				   (long long)c->theirs->version);
		else
			ui_message(ui, "%s", _("Your edits were dropped"));
		free(name);
		if (c->hooks->dropped)
			c->hooks->dropped(ui, c->ctx, c->theirs);
		return true;
	case ACT_RELOAD:
		if (c->kind != CONFLICT_RELOAD || !c->theirs)
			return false;
		if (c->hooks->back)
			c->hooks->back(ui, c->ctx, c->theirs);
		return true;
	case ACT_BACK:
	case ACT_QUIT:
		if (c->hooks->back)
			c->hooks->back(ui, c->ctx,
				       c->kind == CONFLICT_EDIT ? c->theirs : NULL);
		return true;
	default:
		return false;
	}
}

/* A third session saved while the screen is open: show its record. */
static void
conflict_recheck(struct modal *m)
{
	struct conflict *c = (struct conflict *)m;
	int before = c->nrows;

	compare(c);
	if (c->nrows != before)
		relayout(c);
}

static const char *
conflict_project(struct modal *m)
{
	struct conflict *c = (struct conflict *)m;
	int pf = c->read->def->project_field;

	if (c->read->def->kind == ENT_PROJECT)
		return c->read->uuid;
	return pf >= 0 ? record_text(c->read, pf) : NULL;
}

static void
conflict_free(struct modal *m)
{
	struct conflict *c = (struct conflict *)m;

	if (c->hooks->free_ctx)
		c->hooks->free_ctx(c->ctx);
	record_free(&c->read);
	record_free(&c->mine);
	record_free(&c->theirs);
	free(c->rows);
	free(c);
}

static const struct modal_ops conflict_ops = {
	.layout = conflict_layout, .draw = conflict_draw,
	.key = conflict_key, .free = conflict_free,
	.recheck = conflict_recheck, .project = conflict_project,
};

void
conflict_open(struct ui *ui, enum conflict_kind kind,
	      const struct record *base, const struct record *mine,
	      const struct conflict_hooks *hooks, void *ctx)
{
	struct conflict *c = calloc(1, sizeof *c);

	if (!c || !(c->read = record_dup(base)) ||
	    (mine && !(c->mine = record_dup(mine))) ||
	    !(c->rows = calloc(base->def->nfields, sizeof *c->rows))) {
		if (c) {
			record_free(&c->read);
			record_free(&c->mine);
			free(c);
		}
		if (hooks->free_ctx)
			hooks->free_ctx(ctx);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	c->base.ops = &conflict_ops;
	c->base.ui = ui;
	c->kind = mine ? kind : CONFLICT_RELOAD;
	c->tried = base->version;
	c->hooks = hooks;
	c->ctx = ctx;
	compare(c);
	/* The screen says it all; the model's sentence would say it twice. */
	ui->message[0] = '\0';
	ui->dirty_status = true;
	ui_modal_push(ui, &c->base);
}

void
conflict_open_import(struct ui *ui, const struct record *ours,
		     const struct record *theirs, uint64_t fields,
		     const char *source, int n, int count,
		     const struct conflict_hooks *hooks, void *ctx)
{
	const struct record *any = ours ? ours : theirs;
	struct conflict *c = any ? calloc(1, sizeof *c) : NULL;

	if (!c || !(c->read = record_dup(any)) ||
	    (theirs && !(c->mine = record_dup(theirs))) ||
	    (ours && !(c->theirs = record_dup(ours))) ||
	    !(c->rows = calloc(any->def->nfields, sizeof *c->rows))) {
		if (c) {
			record_free(&c->read);
			record_free(&c->mine);
			record_free(&c->theirs);
			free(c);
		}
		if (hooks->free_ctx)
			hooks->free_ctx(ctx);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	c->base.ops = &conflict_ops;
	c->base.ui = ui;
	c->kind = CONFLICT_IMPORT;
	c->tried = any->version;
	c->fields = fields;
	snprintf(c->source, sizeof c->source, "%s", source);
	c->n = n;
	c->count = count;
	c->hooks = hooks;
	c->ctx = ctx;
	compare(c);
	ui->dirty_status = true;
	ui_modal_push(ui, &c->base);
}

bool
conflict_notice(struct ui *ui, const struct record *base, int64_t version,
		char *buf, size_t size)
{
	struct record *stored = NULL;
	struct error saved = ui->m->err;
	char when[64];
	int rc;

	buf[0] = '\0';
	if (!base->uuid[0])
		return false;
	rc = model_get(ui->m, base->def, base->uuid, &stored);
	if (rc == 0 && stored->version != version) {
		snprintf(buf, size, _("Changed by %s at %s while you were editing (version %lld)"),
			 stored->updated_by,
			 ui_when(ui, stored->updated_at, when, sizeof when),
			 (long long)stored->version);
	} else if (rc == ERR_NOT_FOUND) {
		char by[64], at[32];

		find_deleter(ui, base, by, at);
		if (by[0])
			snprintf(buf, size, _("Deleted by %s at %s while you were editing"),
				 by, ui_when(ui, at, when, sizeof when));
		else
			snprintf(buf, size, "%s",
				 _("Deleted by someone else while you were editing"));
	}
	record_free(&stored);
	ui->m->err = saved;
	return buf[0] != '\0';
}
