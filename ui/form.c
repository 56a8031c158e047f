/* SPDX-License-Identifier: EUPL-1.2 */
/* form.c — the generic record form. */
#include "config.h"

#include "form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/entity.h"
#include "src/base/i18n.h"
#include "src/core/deadline.h"
#include "src/core/model.h"
#include "src/base/text.h"
#include "app.h"
#include "change.h"
#include "conflict.h"
#include "dialog.h"
#include "draw.h"
#include "editor.h"
#include "form_repeat.h"
#include "input.h"
#include "picker.h"

struct form_field {
	int field;               /* index in def->fields; -1: a repeat
				  * field of a new deadline */
	const struct field_def *def;
	struct input in;         /* typed kinds: what is typed */
	char *initial;           /* typed kinds: the text shown at first */
	char *value;             /* choices and long text: the value chosen */
	bool chosen;             /* value (or flag) set in this form */
	bool flag;               /* FT_BOOL */
	char error[512];
};

struct form {
	struct modal base;
	struct record *orig;     /* as read; never written into */
	bool is_new;
	char *title;
	struct form_field *f;
	int nf, focus, top, label_w, picking;
	char error[512];         /* what is not about one field */
	char notice[512];        /* someone else's doing: changed meanwhile,
				  * or whose version the form is now on */
	form_fn done;
	void *ctx;
	int repeat[REPEAT_NFIELDS];  /* a new deadline: its repeat fields'
				      * places in f; else -1 */
	struct record *pending;  /* an occurrence of a series, as it will
				  * be written once asked: this one or all */
};

static const struct field_def *
fdef(const struct form *fm, const struct form_field *ff)
{
	(void)fm;
	return ff->def;
}

static bool
typed(const struct field_def *d)
{
	return d->type == FT_TEXT || d->type == FT_DATE ||
	       d->type == FT_MONEY || d->type == FT_HUNDREDTHS ||
	       d->type == FT_YEAR;
}

/* The value a choice or long-text field shows now. */
static char *
shown_value(struct form *fm, struct form_field *ff)
{
	const struct field_def *d = fdef(fm, ff);
	struct record *tmp;
	char *out;

	if (d->type == FT_BOOL)
		return strdup(ff->flag ? _("[x] yes") : _("[ ] no"));
	if (!ff->chosen)
		out = ui_value(fm->base.ui, fm->orig, ff->field);
	else if (!(tmp = record_new(fm->orig->def)))
		return NULL;
	else {
		record_set_text(tmp, ff->field, ff->value);
		out = ui_value(fm->base.ui, tmp, ff->field);
		record_free(&tmp);
	}
	if (out && d->type == FT_LONGTEXT) {
		/* The first line, and how much more there is. */
		char *nl = strchr(out, '\n'), *s;
		int more = 0;

		for (char *p = nl; p; p = strchr(p + 1, '\n'))
			more++;
		if (nl) {
			*nl = '\0';
			if (asprintf(&s, P_("%s … (%d more line)",
					   "%s … (%d more lines)",
					   (unsigned long)more), out, more) >= 0) {
				free(out);
				out = s;
			}
		}
	}
	return out;
}

/* ---- A repeating deadline ---------------------------------------- */

/* The due date the form holds now, as ISO into out; NULL while it is
 * missing or wrong. */
static const char *
form_due(struct form *fm, char out[11])
{
	struct record *scratch;
	const char *due = NULL;

	for (int i = 0; i < fm->nf; i++) {
		char *text;

		if (fm->f[i].field != DEADLINE_DUE || !(scratch = record_dup(fm->orig)))
			continue;
		text = input_text(&fm->f[i].in);
		if (text && !model_parse_field(fm->base.ui->m, scratch, DEADLINE_DUE, text) &&
		    record_text(scratch, DEADLINE_DUE)) {
			snprintf(out, 11, "%s", record_text(scratch, DEADLINE_DUE));
			due = out;
		}
		free(text);
		record_free(&scratch);
	}
	return due;
}

/* The repeat fields as typed, into text (each to be freed). */
static void
repeat_texts(struct form *fm, char *text[REPEAT_NFIELDS])
{
	for (int i = 0; i < REPEAT_NFIELDS; i++)
		text[i] = input_text(&fm->f[fm->repeat[i]].in);
}

static void
repeat_texts_free(char *text[REPEAT_NFIELDS])
{
	for (int i = 0; i < REPEAT_NFIELDS; i++)
		free(text[i]);
}

/* Checks the repeat fields (whole: as on saving), marking the one at
 * fault; 0 with *plan, or -1. */
static int
repeat_check(struct form *fm, bool whole, struct repeat_plan *plan)
{
	char *text[REPEAT_NFIELDS], msg[512], day[11];
	struct repeat_plan scratch;
	int bad, rc;

	if (fm->repeat[0] < 0)
		return 0;
	repeat_texts(fm, text);
	rc = form_repeat_check(text, form_due(fm, day), whole,
			       plan ? plan : &scratch, &bad, msg, sizeof msg);
	repeat_texts_free(text);
	for (int i = 0; i < REPEAT_NFIELDS; i++)
		fm->f[fm->repeat[i]].error[0] = '\0';
	if (rc < 0) {
		snprintf(fm->f[fm->repeat[bad]].error, sizeof fm->f[0].error, "%s", msg);
		if (whole)
			fm->focus = fm->repeat[bad];
	}
	return rc;
}

/* The line under the fields: the dates a new deadline's series will
 * have, or the rule of the series an edited occurrence belongs to. */
static bool
form_info(struct form *fm, char *buf, size_t size)
{
	struct deadline_rule rule;
	struct repeat_plan plan;
	char *text[REPEAT_NFIELDS], msg[512], day[11], rule_text[160];
	int bad;

	if (fm->repeat[0] >= 0) {
		repeat_texts(fm, text);
		if (form_repeat_check(text, form_due(fm, day), false, &plan, &bad,
				      msg, sizeof msg) < 0)
			memset(&plan, 0, sizeof plan);
		repeat_texts_free(text);
		form_repeat_preview(&plan, fm->base.ui->fmt, buf, size);
		return true;
	}
	if (fm->is_new || fm->orig->def->kind != ENT_DEADLINE ||
	    deadline_rule_parse(record_text(fm->orig, DEADLINE_REPEAT), &rule) < 0)
		return false;
	snprintf(buf, size, _("↻ One occurrence of a series: %s"),
		 deadline_rule_describe(&rule, rule_text, sizeof rule_text,
					fm->base.ui->fmt));
	return true;
}

/* Checks one typed field against the model, as the cursor leaves it. */
static void
check_field(struct form *fm, struct form_field *ff)
{
	struct ui *ui = fm->base.ui;
	struct record *scratch;
	char *text;

	if (!typed(fdef(fm, ff)))
		return;
	if (ff->field < 0) {
		repeat_check(fm, false, NULL);
		return;
	}
	text = input_text(&ff->in);
	scratch = record_dup(fm->orig);
	ff->error[0] = '\0';
	if (text && scratch && strcmp(text, ff->initial) &&
	    model_parse_field(ui->m, scratch, ff->field, text))
		snprintf(ff->error, sizeof ff->error, "%s", ui->m->err.message);
	record_free(&scratch);
	free(text);
}

/* Applies the form's value of ff to work; false with ff->error set. */
static bool
apply_field(struct form *fm, struct form_field *ff, struct record *work)
{
	struct ui *ui = fm->base.ui;
	const struct field_def *d = fdef(fm, ff);
	bool ok = true;

	if (ff->field < 0)
		return true;  /* not the record's: see save_new_deadline */
	if (typed(d)) {
		char *text = input_text(&ff->in);

		/* Unchanged text keeps the stored value exactly. */
		if (text && strcmp(text, ff->initial) &&
		    model_parse_field(ui->m, work, ff->field, text)) {
			snprintf(ff->error, sizeof ff->error, "%s", ui->m->err.message);
			ok = false;
		}
		free(text);
	} else if (d->type == FT_BOOL) {
		if (ff->chosen)
			record_set_num(work, ff->field, ff->flag);
	} else if (ff->chosen) {
		record_set_text(work, ff->field,
				ff->value && *ff->value ? ff->value : NULL);
	}
	return ok;
}

static void
focus_to(struct form *fm, int i)
{
	if (i < 0 || i >= fm->nf)
		return;
	if (i != fm->focus)
		check_field(fm, &fm->f[fm->focus]);
	fm->focus = i;
}

static bool
unchanged(const struct record *a, const struct record *b)
{
	for (size_t i = 0; i < a->def->nfields; i++)
		if (!record_field_equal(a, b, (int)i))
			return false;
	return true;
}

/* ---- After a conflict -------------------------------------------- */

/* Back to editing on top of their record: the fields the user did not
 * touch show their values, the ones typed or chosen keep the user's,
 * and the next save is checked against their version. */
static void
rebase(struct form *fm, const struct record *theirs)
{
	struct ui *ui = fm->base.ui;
	struct record *copy = record_dup(theirs);

	if (!copy)
		return;
	for (int i = 0; i < fm->nf; i++) {
		struct form_field *ff = &fm->f[i];
		const struct field_def *d = fdef(fm, ff);

		if (ff->field < 0)
			continue;
		if (typed(d)) {
			char *text = input_text(&ff->in);
			char *now = ui_value(ui, copy, ff->field);

			if (!text || !now) {
				free(text);
				free(now);
				continue;
			}
			if (!strcmp(text, ff->initial) && input_set(&ff->in, now) == 0)
				ff->error[0] = '\0';
			free(ff->initial);
			ff->initial = now;
			free(text);
		} else if (d->type == FT_BOOL && !ff->chosen) {
			ff->flag = !copy->v[ff->field].null && copy->v[ff->field].num;
		}
	}
	record_free(&fm->orig);
	fm->orig = copy;
	fm->error[0] = '\0';
	snprintf(fm->notice, sizeof fm->notice,
		 _("Now based on version %lld by %s: the fields you did not change show theirs"),
		 (long long)copy->version, copy->updated_by);
}

static void
conflict_saved(struct ui *ui, void *ctx, const struct record *saved)
{
	struct form *fm = ctx;

	if (fm->done)
		fm->done(ui, fm->ctx, saved);
	ui_modal_close(ui, &fm->base);
}

static void
conflict_dropped(struct ui *ui, void *ctx, const struct record *theirs)
{
	struct form *fm = ctx;

	(void)theirs;
	if (fm->done)
		fm->done(ui, fm->ctx, NULL);
	ui_modal_close(ui, &fm->base);
}

static void
conflict_back(struct ui *ui, void *ctx, const struct record *theirs)
{
	struct form *fm = ctx;

	(void)ui;
	if (theirs)
		rebase(fm, theirs);
}

static const struct conflict_hooks form_conflict_hooks = {
	.saved = conflict_saved,
	.dropped = conflict_dropped,
	.back = conflict_back,
};

/* After the write: true when it went through (the form may close);
 * else the conflict screen, or the model's complaint beside the field
 * it names.  Frees work. */
static bool
written(struct form *fm, struct record *work, int rc)
{
	struct ui *ui = fm->base.ui;
	int bad = -1;

	if (rc == 0) {
		if (fm->done)
			fm->done(ui, fm->ctx, work);
		record_free(&work);
		return true;
	}
	if (rc == ERR_CONFLICT) {
		/* Someone saved first: the conflict screen decides. */
		conflict_open(ui, CONFLICT_EDIT, fm->orig, work, &form_conflict_hooks, fm);
		record_free(&work);
		return false;
	}
	for (int i = 0; i < fm->nf; i++)
		if (ui->m->err.field[0] &&
		    !strcmp(fdef(fm, &fm->f[i])->name, ui->m->err.field)) {
			snprintf(fm->f[i].error, sizeof fm->f[i].error, "%s",
				 ui->m->err.message);
			fm->focus = i;
			bad = i;
		}
	if (bad < 0)
		snprintf(fm->error, sizeof fm->error, "%s", ui->m->err.message);
	record_free(&work);
	return false;
}

/* A new deadline: one, or a series as the repeat fields say. */
static bool
save_new_deadline(struct form *fm, struct record *work)
{
	struct repeat_plan plan;
	int rc;

	if (repeat_check(fm, true, &plan) < 0) {
		snprintf(fm->error, sizeof fm->error, "%s",
			 _("Please correct the marked field."));
		record_free(&work);
		return false;
	}
	rc = change_deadline_add(fm->base.ui, work, plan.repeats ? plan.every : NULL,
				 plan.repeats && !plan.count ? plan.until : NULL,
				 plan.repeats ? plan.count : 0);
	return written(fm, work, rc);
}

/* The answer to "this occurrence or the whole series?". */
static void
scope_answered(struct ui *ui, void *ctx, enum series_scope scope)
{
	struct form *fm = ctx;
	struct record *work = fm->pending;
	int rc;

	fm->pending = NULL;
	if (scope == SCOPE_NONE) {
		record_free(&work);  /* back to the form */
		return;
	}
	rc = scope == SCOPE_SERIES ? change_deadline_series_update(ui, work, fm->orig)
				   : change_update(ui, work, fm->orig);
	if (written(fm, work, rc))
		ui_modal_close(ui, &fm->base);
}

/* An occurrence of a series: asks first whether the change is about
 * it alone or the whole series (a new due date is about it alone). */
static bool
save_occurrence(struct form *fm, struct record *work)
{
	struct ui *ui = fm->base.ui;
	bool moved = !record_field_equal(fm->orig, work, DEADLINE_DUE);
	char *what = change_describe(ui, fm->orig), question[1024];

	snprintf(question, sizeof question,
		 moved ? _("%s is one occurrence of a repeating deadline. A new due "
			   "date moves this occurrence only.")
		       : _("%s is one occurrence of a repeating deadline. Change this "
			   "occurrence only, or every open occurrence of the series (done "
			   "and cancelled ones stay as they were)?"),
		 what ? what : "");
	free(what);
	record_free(&fm->pending);
	fm->pending = work;
	dialog_series_scope(ui, _("Save"), question, !moved, scope_answered, fm, NULL);
	return false;
}

static bool
save(struct form *fm)
{
	struct ui *ui = fm->base.ui;
	struct record *work = record_dup(fm->orig);
	int bad = -1, rc;

	fm->error[0] = '\0';
	if (!work) {
		snprintf(fm->error, sizeof fm->error, "%s", _("Out of memory"));
		return false;
	}
	for (int i = 0; i < fm->nf; i++) {
		fm->f[i].error[0] = '\0';
		if (!apply_field(fm, &fm->f[i], work) && bad < 0)
			bad = i;
	}
	if (bad >= 0) {
		fm->focus = bad;
		snprintf(fm->error, sizeof fm->error, "%s",
			 _("Please correct the marked field."));
		record_free(&work);
		return false;
	}
	if (fm->repeat[0] >= 0)
		return save_new_deadline(fm, work);
	if (!fm->is_new && unchanged(work, fm->orig)) {
		ui_message(ui, "%s", _("Nothing was changed"));
		if (fm->done)
			fm->done(ui, fm->ctx, NULL);
		record_free(&work);
		return true;
	}
	if (!fm->is_new && work->def->kind == ENT_DEADLINE &&
	    record_text(fm->orig, DEADLINE_SERIES))
		return save_occurrence(fm, work);
	rc = fm->is_new ? change_insert(ui, work) : change_update(ui, work, fm->orig);
	return written(fm, work, rc);
}

/* ---- Choosing ---------------------------------------------------- */

static void
picked(struct ui *ui, void *ctx, int index, const struct picker_item *items,
       size_t n)
{
	struct form *fm = ctx;
	struct form_field *ff = &fm->f[fm->picking];

	(void)ui;
	if (index < 0 || (size_t)index >= n)
		return;
	free(ff->value);
	ff->value = items[index].value ? strdup(items[index].value) : NULL;
	ff->chosen = true;
	ff->error[0] = '\0';
}

static void
edited(struct ui *ui, void *ctx, const char *text)
{
	struct form *fm = ctx;
	struct form_field *ff = &fm->f[fm->picking];

	(void)ui;
	if (!text)
		return;
	free(ff->value);
	ff->value = strdup(text);
	ff->chosen = true;
	ff->error[0] = '\0';
}

/* Space, F4 or a typed character on a choice: the picker or editor. */
static void
choose(struct form *fm, struct form_field *ff, int key)
{
	struct ui *ui = fm->base.ui;
	const struct field_def *d = fdef(fm, ff);
	const char *current = ff->chosen ? ff->value : record_text(fm->orig, ff->field);
	struct picker *p;
	char title[128];

	fm->picking = (int)(ff - fm->f);
	if (d->type == FT_BOOL) {
		ff->flag = !ff->flag;
		ff->chosen = true;
		return;
	}
	if (d->type == FT_LONGTEXT) {
		editor_edit(ui, _(d->label), current, edited, fm);
		return;
	}
	snprintf(title, sizeof title, "%s", _(d->label));
	if (!(p = picker_new(title, false))) {
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	if (!(d->flags & F_REQUIRED))
		picker_add(p, _("(none)"), NULL, false);
	if (d->type == FT_ENUM)
		picker_add_enum(p, d->enums);
	else if (picker_add_orgs(ui, p))
		ui_model_error(ui);
	picker_select_value(p, current);
	if (key > ' ' && !KEY_IS_FUNC(key))
		picker_feed_key(p, key);
	picker_open(ui, p, picked, fm);
}

/* ---- The modal --------------------------------------------------- */

/* The project of the record in the form (itself, or its owner). */
static const char *
form_project(struct modal *m)
{
	struct form *fm = (struct form *)m;
	int pf = fm->orig->def->project_field;

	if (fm->orig->def->kind == ENT_PROJECT)
		return fm->is_new ? NULL : fm->orig->uuid;
	return pf >= 0 ? record_text(fm->orig, pf) : NULL;
}

/* Whether the label says the field must be filled: a new deadline
 * without a title gets its kind and due date as one. */
static bool
marked_required(const struct form *fm, const struct form_field *ff)
{
	return (fdef(fm, ff)->flags & F_REQUIRED) &&
	       !(fm->repeat[0] >= 0 && ff->field == DEADLINE_TITLE);
}

#define FORM_KEYS N_("Tab/S-Tab: field  Enter: save  Space/F4: choose or edit  Esc: cancel")

static void
form_layout(struct modal *m, int lines, int cols)
{
	struct form *fm = (struct form *)m;
	int w = cols - 4 < 96 ? cols - 4 : 96;
	char info[512];
	int h = fm->nf + 8 + form_info(fm, info, sizeof info);

	/* Room for a message under every field would be too much; the
	 * form scrolls when errors push it past the screen. */
	if (h > lines - 2)
		h = lines - 2;
	ui_modal_place(m, h, w);
}

static void
form_draw(struct modal *m)
{
	struct form *fm = (struct form *)m;
	struct theme *t = &m->ui->theme;
	int h = getmaxy(m->win), w = getmaxx(m->win);
	int hint = draw_wrap(NULL, 0, 0, _(FORM_KEYS), w - 4, 2, 0);
	char note[512], info[512];
	bool has_info = form_info(fm, info, sizeof info);
	int rows = h - 5 - hint - has_info, iw = w - fm->label_w - 6, y = 0, focus_y = 0;

	werase(m->win);
	draw_frame(m->win, fm->title, theme_attr(t, TH_BORDER), theme_attr(t, TH_TITLE));
	/* Scroll so that the focused field and its message show. */
	for (int i = 0; i < fm->focus; i++)
		focus_y += 1 + (fm->f[i].error[0] != '\0');
	if (focus_y < fm->top)
		fm->top = focus_y;
	if (focus_y + 1 + (fm->f[fm->focus].error[0] != '\0') > fm->top + rows)
		fm->top = focus_y + 1 + (fm->f[fm->focus].error[0] != '\0') - rows;
	for (int i = 0; i < fm->nf; i++) {
		struct form_field *ff = &fm->f[i];
		const struct field_def *d = fdef(fm, ff);
		bool on = i == fm->focus;
		int row = y - fm->top + 1, cx;
		char label[96];

		y += 1 + (ff->error[0] != '\0');
		if (row < 1 || row > rows)
			continue;
		snprintf(label, sizeof label, "%s%s", _(d->label),
			 marked_required(fm, ff) ? " *" : "");
		draw_text_at(m->win, row, 2, label, fm->label_w,
			     theme_attr(t, TH_LABEL), DRAW_PAD);
		wmove(m->win, row, fm->label_w + 3);
		if (typed(d)) {
			size_t cur = ff->in.cur;

			/* A field not in focus shows its beginning. */
			if (!on)
				ff->in.cur = ff->in.first = 0;
			input_draw(&ff->in, m->win, row, fm->label_w + 3, iw,
				   theme_attr(t, on ? TH_FOCUS : TH_INPUT), &cx);
			ff->in.cur = cur;
		} else {
			char *v = shown_value(fm, ff);

			cx = fm->label_w + 3;
			draw_text(m->win, v, iw, theme_attr(t, on ? TH_FOCUS : TH_INPUT),
				  DRAW_PAD);
			free(v);
		}
		if (on) {
			m->cur_y = row;
			m->cur_x = cx;
		}
		if (ff->error[0] && row + 1 <= rows) {
			char msg[530];

			snprintf(msg, sizeof msg, "! %s", ff->error);
			draw_text_at(m->win, row + 1, fm->label_w + 3, msg, iw,
				     theme_attr(t, TH_ERROR), 0);
		}
	}
	if (has_info)
		draw_text_at(m->win, h - 4 - hint, 2, info, w - 4,
			     theme_attr(t, TH_LABEL), 0);
	/* Above the form's own complaint, what others did: a change
	 * meanwhile, else who else has the project open. */
	if (fm->notice[0])
		snprintf(note, sizeof note, "%s", fm->notice);
	else
		live_others_text(m->ui, form_project(m), note, sizeof note);
	if (note[0])
		draw_text_at(m->win, h - 3 - hint, 2, note, w - 4,
			     theme_attr(t, TH_NOTICE), 0);
	if (fm->error[0])
		draw_text_at(m->win, h - 2 - hint, 2, fm->error, w - 4,
			     theme_attr(t, TH_ERROR), 0);
	draw_wrap(m->win, h - 1 - hint, 2, _(FORM_KEYS), w - 4, hint,
		  theme_attr(t, TH_FOOTER_KEY));
}

static bool
form_key(struct modal *m, int key)
{
	struct form *fm = (struct form *)m;
	struct form_field *ff = &fm->f[fm->focus];
	const struct field_def *d = fdef(fm, ff);

	switch (key) {
	case KEY_ESCAPE:
		if (fm->done)
			fm->done(m->ui, fm->ctx, NULL);
		return true;
	case KEY_FUNC + KEY_ENTER:
		return save(fm);
	case '\t':
	case KEY_FUNC + KEY_DOWN:
		focus_to(fm, fm->focus + 1 < fm->nf ? fm->focus + 1 : 0);
		return false;
	case KEY_FUNC + KEY_BTAB:
	case KEY_FUNC + KEY_UP:
		focus_to(fm, fm->focus > 0 ? fm->focus - 1 : fm->nf - 1);
		return false;
	case KEY_FUNC + KEY_F(4):
		if (!typed(d))
			choose(fm, ff, 0);
		return false;
	}
	if (typed(d)) {
		if (input_key(&ff->in, key))
			ff->error[0] = '\0';
		return false;
	}
	if (key == KEY_FUNC + KEY_BACKSPACE || key == KEY_FUNC + KEY_DC) {
		if (!(d->flags & F_REQUIRED) && d->type != FT_BOOL) {
			free(ff->value);  /* cleared */
			ff->value = NULL;
			ff->chosen = true;
		}
		return false;
	}
	if (key == ' ' || key == KEY_CTRL('e') || (!KEY_IS_FUNC(key) && key > ' '))
		choose(fm, ff, key);
	return false;
}

static void
form_free(struct modal *m)
{
	struct form *fm = (struct form *)m;

	for (int i = 0; i < fm->nf; i++) {
		input_free(&fm->f[i].in);
		free(fm->f[i].initial);
		free(fm->f[i].value);
	}
	free(fm->f);
	free(fm->title);
	record_free(&fm->orig);
	record_free(&fm->pending);
	free(fm);
}

/* Another session committed: has this record moved on?  What the
 * notice says stays until the form moves to their version. */
static void
form_recheck(struct modal *m)
{
	struct form *fm = (struct form *)m;
	char notice[sizeof fm->notice];

	if (!fm->is_new &&
	    conflict_notice(m->ui, fm->orig, fm->orig->version, notice, sizeof notice))
		memcpy(fm->notice, notice, sizeof notice);
}

static const struct modal_ops form_ops = {
	.layout = form_layout, .draw = form_draw,
	.key = form_key, .free = form_free,
	.recheck = form_recheck, .project = form_project,
};

/* A new deadline's repeat fields, after the record's. */
static int
form_add_repeat(struct form *fm)
{
	for (int i = 0; i < REPEAT_NFIELDS; i++) {
		struct form_field *ff = &fm->f[fm->nf];
		int lw = draw_width(_(form_repeat_fields[i].label)) + 2;

		ff->field = -1;
		ff->def = &form_repeat_fields[i];
		if (!(ff->initial = strdup("")) || input_set(&ff->in, "") < 0)
			return -1;
		fm->repeat[i] = fm->nf++;
		if (lw > fm->label_w)
			fm->label_w = lw < 24 ? lw : 24;
	}
	return 0;
}

/* "New: Deadline", naming the project the record will belong to: the
 * form does not show it, and a screen across projects (the deadlines)
 * may have opened it. */
static int
new_title(struct ui *ui, const struct record *rec, char **out)
{
	const struct entity_def *def = rec->def;
	char *project = def->project_field >= 0 ? ui_value(ui, rec, def->project_field) : NULL;
	int rc = project && *project
		 ? asprintf(out, _("New: %s — %s"), _(def->label), project)
		 : asprintf(out, _("New: %s"), _(def->label));

	free(project);
	return rc;
}

void
form_open(struct ui *ui, const struct record *rec, int focus_field,
	  form_fn done, void *ctx)
{
	const struct entity_def *def = rec->def;
	struct form *fm = calloc(1, sizeof *fm);
	char *what = NULL;
	int rc = 0;

	if (!fm || !(fm->orig = record_dup(rec)) ||
	    !(fm->f = calloc(def->nfields + REPEAT_NFIELDS, sizeof *fm->f)))
		goto oom;
	fm->base.ops = &form_ops;
	fm->is_new = rec->uuid[0] == '\0';
	for (int i = 0; i < REPEAT_NFIELDS; i++)
		fm->repeat[i] = -1;
	fm->done = done;
	fm->ctx = ctx;
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *d = &def->fields[i];
		struct form_field *ff;
		int lw;

		if (d->flags & F_READONLY)
			continue;
		ff = &fm->f[fm->nf];
		ff->field = (int)i;
		ff->def = d;
		if ((int)i == focus_field)
			fm->focus = fm->nf;
		fm->nf++;
		lw = draw_width(_(d->label)) + 2;
		if (lw > fm->label_w)
			fm->label_w = lw < 24 ? lw : 24;
		if (d->type == FT_BOOL)
			ff->flag = !rec->v[i].null && rec->v[i].num;
		if (typed(d)) {
			if (!(ff->initial = ui_value(ui, rec, (int)i)) ||
			    input_set(&ff->in, ff->initial) < 0)
				goto oom;
		}
	}
	if (!fm->nf)
		goto oom;
	if (fm->is_new && def->kind == ENT_DEADLINE && form_add_repeat(fm) < 0)
		goto oom;
	if (fm->is_new)
		rc = new_title(ui, rec, &fm->title);
	else if ((what = change_describe(ui, rec)))
		rc = asprintf(&fm->title, _("Edit %s"), what);
	free(what);
	if (rc < 0 || !fm->title)
		goto oom;
	ui_modal_push(ui, &fm->base);
	return;
oom:
	if (fm && fm->f)
		form_free(&fm->base);
	else if (fm) {
		record_free(&fm->orig);
		free(fm);
	}
	ui_error(ui, "%s", _("Out of memory"));
}
