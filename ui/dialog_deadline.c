/* SPDX-License-Identifier: EUPL-1.2 */
/* dialog_deadline.c — the questions of the deadline lifecycle: when a
 * deadline was done (today unless told), why it is cancelled, and what
 * becomes of a closing project's open deadlines. */
#include "config.h"

#include "dialog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/format.h"
#include "src/base/i18n.h"
#include "src/core/deadline.h"
#include "app.h"
#include "change.h"
#include "draw.h"

/* ---- Done on which day, cancelled why ----------------------------- */

struct state_ctx {
	struct record *d;
	enum deadline_state to;
};

static void
state_answered(struct ui *ui, void *ctx, const char *text)
{
	struct state_ctx *s = ctx;

	if (!text)
		ui_message(ui, "%s", _("Nothing was changed"));
	else if (s->to == DEADLINE_STATE_DONE)
		change_deadline_state(ui, s->d, s->to, text, NULL);
	else
		change_deadline_state(ui, s->d, s->to, NULL, text);
	record_free(&s->d);
	free(s);
}

static void
state_ask(struct ui *ui, const struct record *d, enum deadline_state to,
	  const char *label, const char *initial)
{
	struct state_ctx *s = calloc(1, sizeof *s);

	if (!s || !(s->d = record_dup(d))) {
		free(s);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	s->to = to;
	dialog_prompt(ui, label, initial, NULL, state_answered, s);
}

void
dialog_deadline_done(struct ui *ui, const struct record *d)
{
	char today[40];

	if (deadline_state_of(d) != DEADLINE_STATE_OPEN) {
		change_deadline_state(ui, d, DEADLINE_STATE_OPEN, NULL, NULL);
		return;
	}
	format_date(today, sizeof today, ui->clock_day, ui->fmt);
	state_ask(ui, d, DEADLINE_STATE_DONE, _("Done on:"), today);
}

void
dialog_deadline_cancel(struct ui *ui, const struct record *d)
{
	if (deadline_state_of(d) == DEADLINE_STATE_CANCELLED) {
		change_deadline_state(ui, d, DEADLINE_STATE_OPEN, NULL, NULL);
		return;
	}
	state_ask(ui, d, DEADLINE_STATE_CANCELLED, _("Cancelled, because:"), "");
}

/* ---- A closing project's open deadlines --------------------------- */

struct policy_dlg {
	struct modal base;
	char *question;
	policy_fn done;
	void *ctx;
};

static void
policy_layout(struct modal *m, int lines, int cols)
{
	struct policy_dlg *p = (struct policy_dlg *)m;
	int w = cols - 8 < 64 ? cols - 8 : 64;
	int h = draw_wrap(NULL, 0, 0, p->question, w - 4, lines - 8, 0) + 6;

	ui_modal_place(m, h, w);
}

static void
policy_draw(struct modal *m)
{
	struct policy_dlg *p = (struct policy_dlg *)m;
	struct theme *t = &m->ui->theme;
	int h = getmaxy(m->win), w = getmaxx(m->win);

	werase(m->win);
	draw_frame(m->win, _("Open deadlines"), theme_attr(t, TH_BORDER),
		   theme_attr(t, TH_TITLE));
	draw_wrap(m->win, 1, 2, p->question, w - 4, h - 4, theme_attr(t, TH_DIALOG));
	draw_wrap(m->win, h - 3, 2,
		  _("d: mark them done   c: cancel them   k: keep them open   Esc: back"),
		  w - 4, 2, theme_attr(t, TH_FOOTER_KEY));
	m->cur_y = h - 3;
	m->cur_x = 2;
}

static bool
policy_key(struct modal *m, int key)
{
	struct policy_dlg *p = (struct policy_dlg *)m;

	if (key == KEY_ESCAPE || key == 'q')
		return true;
	if (key == 'd' || key == 'c' || key == 'k') {
		p->done(m->ui, p->ctx, key == 'd' ? DEADLINES_DONE
				       : key == 'c' ? DEADLINES_CANCEL
				       : DEADLINES_KEEP);
		return true;
	}
	return false;
}

static void
policy_free(struct modal *m)
{
	struct policy_dlg *p = (struct policy_dlg *)m;

	free(p->question);
	free(p);
}

static const struct modal_ops policy_ops = {
	.layout = policy_layout, .draw = policy_draw,
	.key = policy_key, .free = policy_free,
};

void
dialog_open_deadlines(struct ui *ui, const struct record *project, size_t n,
		      policy_fn done, void *ctx)
{
	struct policy_dlg *p = calloc(1, sizeof *p);

	if (!p || asprintf(&p->question,
			   P_("%s has %zu open deadline. When it closes, what becomes of it? "
			      "Done or cancelled, it gets the date of the move; cancelled, "
			      "its reason too.",
			      "%s has %zu open deadlines. When it closes, what becomes of them? "
			      "Done and cancelled ones get the date of the move; cancelled ones "
			      "its reason.", n),
			   record_text(project, PROJECT_CODE), n) < 0) {
		free(p);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	p->base.ops = &policy_ops;
	p->done = done;
	p->ctx = ctx;
	ui_modal_push(ui, &p->base);
}

/* ---- One occurrence, or the whole series -------------------------- */

struct scope_dlg {
	struct modal base;
	char *title, *question;
	bool series_allowed;
	scope_fn done;
	void *ctx;
	void (*free_ctx)(void *ctx);
};

static const char *
scope_keys(const struct scope_dlg *s)
{
	return s->series_allowed
	       ? _("o: this occurrence only   s: the whole series   Esc: back")
	       : _("o: this occurrence only   Esc: back");
}

static void
scope_layout(struct modal *m, int lines, int cols)
{
	struct scope_dlg *s = (struct scope_dlg *)m;
	int w = cols - 8 < 64 ? cols - 8 : 64;
	int h = draw_wrap(NULL, 0, 0, s->question, w - 4, lines - 8, 0) +
		draw_wrap(NULL, 0, 0, scope_keys(s), w - 4, 2, 0) + 3;

	ui_modal_place(m, h, w);
}

static void
scope_draw(struct modal *m)
{
	struct scope_dlg *s = (struct scope_dlg *)m;
	struct theme *t = &m->ui->theme;
	int h = getmaxy(m->win), w = getmaxx(m->win);
	int keys = draw_wrap(NULL, 0, 0, scope_keys(s), w - 4, 2, 0);

	werase(m->win);
	draw_frame(m->win, s->title, theme_attr(t, TH_BORDER), theme_attr(t, TH_TITLE));
	draw_wrap(m->win, 1, 2, s->question, w - 4, h - 3 - keys,
		  theme_attr(t, TH_DIALOG));
	draw_wrap(m->win, h - 1 - keys, 2, scope_keys(s), w - 4, keys,
		  theme_attr(t, TH_FOOTER_KEY));
	m->cur_y = h - 1 - keys;
	m->cur_x = 2;
}

static bool
scope_key(struct modal *m, int key)
{
	struct scope_dlg *s = (struct scope_dlg *)m;

	if (key == KEY_ESCAPE || key == 'q') {
		s->done(m->ui, s->ctx, SCOPE_NONE);
		return true;
	}
	if (key == 'o' || (key == 's' && s->series_allowed)) {
		s->done(m->ui, s->ctx, key == 'o' ? SCOPE_ONE : SCOPE_SERIES);
		return true;
	}
	return false;
}

static void
scope_free(struct modal *m)
{
	struct scope_dlg *s = (struct scope_dlg *)m;

	if (s->free_ctx)
		s->free_ctx(s->ctx);
	free(s->title);
	free(s->question);
	free(s);
}

static const struct modal_ops scope_ops = {
	.layout = scope_layout, .draw = scope_draw,
	.key = scope_key, .free = scope_free,
};

void
dialog_series_scope(struct ui *ui, const char *title, const char *question,
		    bool series_allowed, scope_fn done, void *ctx,
		    void (*free_ctx)(void *ctx))
{
	struct scope_dlg *s = calloc(1, sizeof *s);

	if (!s || !(s->title = strdup(title)) || !(s->question = strdup(question))) {
		if (s)
			free(s->title);
		free(s);
		if (free_ctx)
			free_ctx(ctx);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	s->base.ops = &scope_ops;
	s->series_allowed = series_allowed;
	s->done = done;
	s->ctx = ctx;
	s->free_ctx = free_ctx;
	ui_modal_push(ui, &s->base);
}

/* ---- Deleting an occurrence of a series --------------------------- */

struct series_delete {
	struct record *d;
	void (*done)(struct ui *ui);
};

static void
series_delete_answered(struct ui *ui, void *ctx, enum series_scope scope)
{
	struct series_delete *sd = ctx;
	int rc;

	if (scope == SCOPE_NONE) {
		ui_message(ui, "%s", _("Nothing was deleted"));
		return;
	}
	rc = scope == SCOPE_SERIES ? change_deadline_series_delete(ui, sd->d)
				   : change_delete(ui, sd->d);
	if (rc == 0 && sd->done)
		sd->done(ui);
}

static void
series_delete_free(void *ctx)
{
	struct series_delete *sd = ctx;

	record_free(&sd->d);
	free(sd);
}

void
dialog_deadline_delete(struct ui *ui, const struct record *d,
		       void (*done)(struct ui *ui))
{
	struct series_delete *sd = calloc(1, sizeof *sd);
	char *what = change_describe(ui, d), *question = NULL;

	if (!sd || !what || !(sd->d = record_dup(d)) ||
	    asprintf(&question,
		     _("%s is one occurrence of a repeating deadline. Delete this occurrence "
		       "only, or every occurrence of the series, done and cancelled ones "
		       "too? You can undo this with u while salkku stays open."),
		     what) < 0) {
		free(what);
		if (sd)
			record_free(&sd->d);
		free(sd);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	sd->done = done;
	dialog_series_scope(ui, _("Delete"), question, true, series_delete_answered,
			    sd, series_delete_free);
	free(question);
	free(what);
}
