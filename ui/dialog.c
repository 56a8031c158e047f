/* SPDX-License-Identifier: EUPL-1.2 */
/* dialog.c — the prompt, the yes/no question and the status dialog. */
#include "config.h"

#include "dialog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/entity.h"
#include "src/base/format.h"
#include "src/base/i18n.h"
#include "src/core/model.h"
#include "src/core/workflow.h"
#include "app.h"
#include "change.h"
#include "conflict.h"
#include "draw.h"
#include "input.h"

/* ---- Prompt ------------------------------------------------------ */

struct prompt {
	struct modal base;
	char *label;
	struct input in;
	prompt_fn on_change, on_done;
	void *ctx;
};

static void
prompt_layout(struct modal *m, int lines, int cols)
{
	if (m->win)
		delwin(m->win);
	m->win = newwin(1, cols, lines - 2, 0);
}

static void
prompt_draw(struct modal *m)
{
	struct prompt *p = (struct prompt *)m;
	struct theme *t = &m->ui->theme;
	int x;

	wmove(m->win, 0, 0);
	x = draw_text(m->win, p->label, getmaxx(m->win) / 2, theme_attr(t, TH_LABEL), 0);
	draw_spaces(m->win, 1, theme_attr(t, TH_NORMAL));
	input_draw(&p->in, m->win, 0, x + 1, getmaxx(m->win) - x - 2,
		   theme_attr(t, TH_NORMAL), &m->cur_x);
	m->cur_y = 0;
}

static bool
prompt_key(struct modal *m, int key)
{
	struct prompt *p = (struct prompt *)m;
	char *text;

	if (key == KEY_ESCAPE || key == KEY_CTRL('g')) {
		p->on_done(m->ui, p->ctx, NULL);
		return true;
	}
	if (key == KEY_FUNC + KEY_ENTER) {
		text = input_text(&p->in);
		p->on_done(m->ui, p->ctx, text ? text : "");
		free(text);
		return true;
	}
	/* Backspace on an empty prompt leaves it, as in less and vi. */
	if (key == KEY_FUNC + KEY_BACKSPACE && p->in.len == 0) {
		p->on_done(m->ui, p->ctx, NULL);
		return true;
	}
	if (input_key(&p->in, key) && p->on_change) {
		text = input_text(&p->in);
		if (text)
			p->on_change(m->ui, p->ctx, text);
		free(text);
	}
	return false;
}

static void
prompt_free(struct modal *m)
{
	struct prompt *p = (struct prompt *)m;

	input_free(&p->in);
	free(p->label);
	free(p);
}

static const struct modal_ops prompt_ops = {
	.layout = prompt_layout, .draw = prompt_draw,
	.key = prompt_key, .free = prompt_free,
};

void
dialog_prompt(struct ui *ui, const char *label, const char *initial,
	      prompt_fn on_change, prompt_fn on_done, void *ctx)
{
	struct prompt *p = calloc(1, sizeof *p);

	if (!p || !(p->label = strdup(label)) || input_set(&p->in, initial) < 0) {
		if (p)
			prompt_free(&p->base);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	p->base.ops = &prompt_ops;
	p->on_change = on_change;
	p->on_done = on_done;
	p->ctx = ctx;
	ui_modal_push(ui, &p->base);
}

/* ---- Confirm ----------------------------------------------------- */

struct confirm {
	struct modal base;
	char *title, *question;
	confirm_fn done;
	void *ctx;
	void (*free_ctx)(void *);
};

static void
confirm_layout(struct modal *m, int lines, int cols)
{
	struct confirm *c = (struct confirm *)m;
	int w = cols - 8 < 64 ? cols - 8 : 64;
	int h = draw_wrap(NULL, 0, 0, c->question, w - 4, lines - 8, 0) + 5;

	(void)lines;
	ui_modal_place(m, h, w);
}

static void
confirm_draw(struct modal *m)
{
	struct confirm *c = (struct confirm *)m;
	struct theme *t = &m->ui->theme;
	int h = getmaxy(m->win), w = getmaxx(m->win);
	char keys[128];

	werase(m->win);
	draw_frame(m->win, c->title, theme_attr(t, TH_BORDER), theme_attr(t, TH_TITLE));
	draw_wrap(m->win, 1, 2, c->question, w - 4, h - 4, theme_attr(t, TH_DIALOG));
	snprintf(keys, sizeof keys, "%s", _("y: yes   n/Esc: no"));
	draw_text_at(m->win, h - 2, 2, keys, w - 4, theme_attr(t, TH_FOOTER_KEY), 0);
	m->cur_y = h - 2;
	m->cur_x = 2;
}

static bool
confirm_key(struct modal *m, int key)
{
	struct confirm *c = (struct confirm *)m;
	/* The answer in the UI's language too: "k" for kyllä. */
	const char *yes = _("y"), *no = _("n");

	if (key == 'y' || key == 'Y' || key == (unsigned char)yes[0]) {
		c->done(m->ui, c->ctx, true);
		return true;
	}
	if (key == 'n' || key == 'N' || key == (unsigned char)no[0] ||
	    key == KEY_ESCAPE || key == 'q') {
		c->done(m->ui, c->ctx, false);
		return true;
	}
	return false;
}

static void
confirm_free(struct modal *m)
{
	struct confirm *c = (struct confirm *)m;

	if (c->free_ctx)
		c->free_ctx(c->ctx);
	free(c->title);
	free(c->question);
	free(c);
}

static const struct modal_ops confirm_ops = {
	.layout = confirm_layout, .draw = confirm_draw,
	.key = confirm_key, .free = confirm_free,
};

void
dialog_confirm(struct ui *ui, const char *title, const char *question,
	       confirm_fn done, void *ctx, void (*free_ctx)(void *))
{
	struct confirm *c = calloc(1, sizeof *c);

	if (!c || !(c->title = strdup(title)) || !(c->question = strdup(question))) {
		if (c) {
			free(c->title);
			free(c);
		}
		if (free_ctx)
			free_ctx(ctx);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	c->base.ops = &confirm_ops;
	c->done = done;
	c->ctx = ctx;
	c->free_ctx = free_ctx;
	ui_modal_push(ui, &c->base);
}

/* ---- Status change ----------------------------------------------- */

#define MAX_MOVES 16

struct status_dlg {
	struct modal base;
	struct record *project;
	const char *moves[MAX_MOVES];
	size_t nmoves, sel;
	bool all;        /* every status, forced where the workflow says no */
	int focus;       /* 0 the list, 1 the date, 2 the reason */
	struct input date, reason;
	char error[512];
	char notice[512];  /* the project changed meanwhile */
	bool policy_chosen;  /* what becomes of open deadlines was asked */
	enum deadline_policy policy;
};

static const char *
current_status(const struct status_dlg *d)
{
	const char *s = record_text(d->project, PROJECT_STATUS);

	return s ? s : "";
}

static void
status_fill(struct status_dlg *d)
{
	const char *from = current_status(d);

	d->nmoves = 0;
	if (d->all) {
		for (const struct enum_def *e = project_statuses;
		     e->key && d->nmoves < MAX_MOVES; e++)
			if (strcmp(e->key, from))
				d->moves[d->nmoves++] = e->key;
	} else {
		d->nmoves = workflow_next(*from ? from : NULL, d->moves, MAX_MOVES);
	}
	if (d->sel >= d->nmoves)
		d->sel = 0;
}

static void
status_layout(struct modal *m, int lines, int cols)
{
	(void)lines;
	(void)cols;
	/* Room for every status, so that "!" does not resize the box. */
	ui_modal_place(m, (int)enum_count(project_statuses) + 12, 64);
}

static void
status_draw(struct modal *m)
{
	struct status_dlg *d = (struct status_dlg *)m;
	struct theme *t = &m->ui->theme;
	int h = getmaxy(m->win), w = getmaxx(m->win), y = 1, cx;
	char buf[256], label[96];
	const char *code = record_text(d->project, PROJECT_CODE);

	werase(m->win);
	snprintf(buf, sizeof buf, _("Change status: %s"), code ? code : "");
	draw_frame(m->win, buf, theme_attr(t, TH_BORDER), theme_attr(t, TH_TITLE));
	draw_status_label(label, sizeof label, current_status(d));
	snprintf(buf, sizeof buf, _("Now: %s"), label);
	draw_text_at(m->win, y++, 2, buf, w - 4, theme_attr(t, TH_DIALOG), 0);
	y++;
	if (!d->nmoves)
		draw_text_at(m->win, y++, 2,
			     _("The workflow allows no move from here; ! shows every status."),
			     w - 4, theme_attr(t, TH_DIM), 0);
	for (size_t i = 0; i < d->nmoves; i++, y++) {
		bool on = i == d->sel;
		bool forced = !workflow_allows(*current_status(d) ? current_status(d) : NULL,
					       d->moves[i]);
		attr_t a = theme_attr(t, theme_status(d->moves[i]));

		if (on)
			a = (d->focus == 0 ? A_REVERSE : A_BOLD) | a;
		draw_status_label(label, sizeof label, d->moves[i]);
		snprintf(buf, sizeof buf, "%s %s%s", on ? ">" : " ", label,
			 forced ? _("  (forced)") : "");
		draw_text_at(m->win, y, 2, buf, w - 4, a, DRAW_PAD);
		if (on && d->focus == 0) {
			m->cur_y = y;
			m->cur_x = 2;
		}
	}
	y = h - 8;
	draw_text_at(m->win, y, 2, _("Date"), 10, theme_attr(t, TH_LABEL), DRAW_PAD);
	input_draw(&d->date, m->win, y, 13, 14,
		   theme_attr(t, d->focus == 1 ? TH_FOCUS : TH_INPUT), &cx);
	if (d->focus == 1) {
		m->cur_y = y;
		m->cur_x = cx;
	}
	y++;
	draw_text_at(m->win, y, 2, _("Reason"), 10, theme_attr(t, TH_LABEL), DRAW_PAD);
	input_draw(&d->reason, m->win, y, 13, w - 15,
		   theme_attr(t, d->focus == 2 ? TH_FOCUS : TH_INPUT), &cx);
	if (d->focus == 2) {
		m->cur_y = y;
		m->cur_x = cx;
	}
	if (d->notice[0])
		draw_text_at(m->win, h - 6, 2, d->notice, w - 4, theme_attr(t, TH_NOTICE), 0);
	if (d->error[0])
		draw_text_at(m->win, h - 5, 2, d->error, w - 4, theme_attr(t, TH_ERROR), 0);
	draw_wrap(m->win, h - 3, 2,
		  _("Tab: next  Enter: change  !: any status  Esc: cancel"),
		  w - 4, 2, theme_attr(t, TH_FOOTER_KEY));
}

/* After a conflict: go on with the project as stored now, keeping the
 * move chosen when the workflow still offers it, the date and reason. */
static void
status_reloaded(struct ui *ui, void *ctx, const struct record *theirs)
{
	struct status_dlg *d = ctx;
	const char *to = d->nmoves ? d->moves[d->sel] : NULL;
	struct record *copy;

	(void)ui;
	if (!theirs || !(copy = record_dup(theirs)))
		return;
	record_free(&d->project);
	d->project = copy;
	status_fill(d);
	for (size_t i = 0; to && i < d->nmoves; i++)
		if (!strcmp(d->moves[i], to))
			d->sel = i;
	d->error[0] = '\0';
	snprintf(d->notice, sizeof d->notice,
		 _("Read again: version %lld. Enter changes the status."),
		 (long long)copy->version);
}

static const struct conflict_hooks status_conflict_hooks = {
	.back = status_reloaded,
};

static bool status_apply(struct status_dlg *d);

/* The answer about open deadlines: the move goes on with it. */
static void
status_policy(struct ui *ui, void *ctx, enum deadline_policy policy)
{
	struct status_dlg *d = ctx;

	d->policy = policy;
	d->policy_chosen = true;
	if (status_apply(d))
		ui_modal_close(ui, &d->base);
}

/* How many open deadlines the project has (0 when they cannot be read:
 * the move then says so itself). */
static size_t
status_open_deadlines(struct ui *ui, const struct record *project)
{
	struct record_list open = { 0 };
	size_t n = 0;

	if (model_open_deadlines(ui->m, project->uuid, &open) == 0)
		n = open.count;
	record_list_clear(&open);
	return n;
}

static bool
status_apply(struct status_dlg *d)
{
	struct ui *ui = d->base.ui;
	char *date = input_text(&d->date), *reason = input_text(&d->reason);
	char iso[11];
	const char *to = d->nmoves ? d->moves[d->sel] : NULL;
	bool done = false;

	d->error[0] = '\0';
	if (!to) {
		snprintf(d->error, sizeof d->error, "%s", _("Choose a status first."));
	} else if (!date || parse_date(date, iso) < 0) {
		snprintf(d->error, sizeof d->error, "%s",
			 _("Date: not a date (for example 15.1.2024)"));
		d->focus = 1;
	} else if (!d->policy_chosen && workflow_is_final(to) &&
		   status_open_deadlines(ui, d->project)) {
		/* Closing with open deadlines: ask first, then come back. */
		dialog_open_deadlines(ui, d->project,
				      status_open_deadlines(ui, d->project),
				      status_policy, d);
	} else {
		const char *from = current_status(d);
		bool force = !workflow_allows(*from ? from : NULL, to);
		int rc = change_status(ui, d->project, to, iso,
				       reason && *reason ? reason : NULL, force,
				       d->policy_chosen ? d->policy : DEADLINES_REFUSE);

		if (rc == 0)
			done = true;
		else if (rc == ERR_CONFLICT)
			conflict_open(ui, CONFLICT_RELOAD, d->project, NULL,
				      &status_conflict_hooks, d);
		else
			snprintf(d->error, sizeof d->error, "%s", ui->m->err.message);
	}
	free(date);
	free(reason);
	return done;
}

static bool
status_key(struct modal *m, int key)
{
	struct status_dlg *d = (struct status_dlg *)m;

	switch (key) {
	case KEY_ESCAPE:
		return true;
	case KEY_FUNC + KEY_ENTER:
		return status_apply(d);
	case '\t':
		d->focus = (d->focus + 1) % 3;
		return false;
	case KEY_FUNC + KEY_BTAB:
		d->focus = (d->focus + 2) % 3;
		return false;
	}
	if (d->focus == 0) {
		if ((key == 'j' || key == KEY_FUNC + KEY_DOWN) && d->sel + 1 < d->nmoves)
			d->sel++;
		else if ((key == 'k' || key == KEY_FUNC + KEY_UP) && d->sel > 0)
			d->sel--;
		else if (key == '!') {
			d->all = !d->all;
			status_fill(d);
		}
		return false;
	}
	if (key == KEY_FUNC + KEY_DOWN)
		d->focus = (d->focus + 1) % 3;
	else if (key == KEY_FUNC + KEY_UP)
		d->focus = (d->focus + 2) % 3;
	else
		input_key(d->focus == 1 ? &d->date : &d->reason, key);
	return false;
}

static void
status_free(struct modal *m)
{
	struct status_dlg *d = (struct status_dlg *)m;

	record_free(&d->project);
	input_free(&d->date);
	input_free(&d->reason);
	free(d);
}

/* Another session committed: has the project moved on?  What the
 * notice says stays until the dialog reads the project again. */
static void
status_recheck(struct modal *m)
{
	struct status_dlg *d = (struct status_dlg *)m;
	char notice[sizeof d->notice];

	if (conflict_notice(m->ui, d->project, d->project->version, notice,
			    sizeof notice))
		memcpy(d->notice, notice, sizeof notice);
}

static const char *
status_project(struct modal *m)
{
	return ((struct status_dlg *)m)->project->uuid;
}

static const struct modal_ops status_ops = {
	.layout = status_layout, .draw = status_draw,
	.key = status_key, .free = status_free,
	.recheck = status_recheck, .project = status_project,
};

void
dialog_status(struct ui *ui, const struct record *project)
{
	struct status_dlg *d = calloc(1, sizeof *d);
	char today[40];

	if (!d || !(d->project = record_dup(project))) {
		free(d);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	d->base.ops = &status_ops;
	format_date(today, sizeof today, ui->clock_day, ui->fmt);
	input_set(&d->date, today);
	input_set(&d->reason, "");
	status_fill(d);
	ui_modal_push(ui, &d->base);
}

/* ---- Delete ------------------------------------------------------ */

struct delete_ctx {
	struct record *rec;
	void (*done)(struct ui *ui);
};

/* After a conflict: ask again about the record as stored now. */
static void
delete_reloaded(struct ui *ui, void *ctx, const struct record *theirs)
{
	struct delete_ctx *d = ctx;

	if (theirs)
		dialog_delete(ui, theirs, d->done);
	else
		ui_message(ui, "%s", _("Nothing was deleted"));
}

static void
delete_ctx_free(void *ctx)
{
	free(ctx);
}

static const struct conflict_hooks delete_conflict_hooks = {
	.back = delete_reloaded,
	.free_ctx = delete_ctx_free,
};

static void
delete_answered(struct ui *ui, void *ctx, bool yes)
{
	struct delete_ctx *d = ctx, *again;
	int rc;

	if (!yes) {
		ui_message(ui, "%s", _("Nothing was deleted"));
		return;
	}
	rc = change_delete(ui, d->rec);
	if (rc == 0 && d->done)
		d->done(ui);
	if (rc == ERR_CONFLICT && (again = calloc(1, sizeof *again))) {
		again->done = d->done;
		conflict_open(ui, CONFLICT_RELOAD, d->rec, NULL,
			      &delete_conflict_hooks, again);
	}
}

static void
delete_free(void *ctx)
{
	struct delete_ctx *d = ctx;

	record_free(&d->rec);
	free(d);
}

/* "Role 3, Funding 2, …": what goes with a project. */
static void
count_children(struct ui *ui, const struct record *rec, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int k = 0; k < ENT_COUNT; k++) {
		struct record_list list = { 0 };
		int w;

		if (entities[k]->project_field < 0 ||
		    model_children(ui->m, entities[k], rec->uuid, &list))
			continue;
		if (list.count && used < size) {
			w = snprintf(buf + used, size - used, "%s%s %s",
				     used ? ", " : "", _(entities[k]->label),
				     format_count((char[40]){ 0 }, 40,
						  (int64_t)list.count, ui->fmt));
			used += w > 0 ? (size_t)w : 0;
		}
		record_list_clear(&list);
	}
}

void
dialog_delete(struct ui *ui, const struct record *rec,
	      void (*done)(struct ui *ui))
{
	struct delete_ctx *d = calloc(1, sizeof *d);
	char *what = change_describe(ui, rec), question[1024], title[128];
	char children[512] = "";

	if (rec->def->kind == ENT_DEADLINE && record_text(rec, DEADLINE_SERIES)) {
		free(d);
		free(what);
		dialog_deadline_delete(ui, rec, done);
		return;
	}
	if (!d || !what || !(d->rec = record_dup(rec))) {
		free(d);
		free(what);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	d->done = done;
	if (rec->def->kind == ENT_PROJECT)
		count_children(ui, rec, children, sizeof children);
	if (rec->def->kind == ENT_ORGANISATION) {
		struct org_project_rows rows = { 0 };

		char n[40];

		if (!model_org_projects(ui->m, rec->uuid, &rows) && rows.count)
			snprintf(children, sizeof children,
				 _("its part in projects: %s"),
				 format_count(n, sizeof n, (int64_t)rows.count,
					      ui->fmt));
		org_project_rows_clear(&rows);
	}
	if (children[0])
		snprintf(question, sizeof question,
			 _("Delete %s and with it %s? You can undo this with u while salkku stays open."),
			 what, children);
	else
		snprintf(question, sizeof question,
			 _("Delete %s? You can undo this with u while salkku stays open."),
			 what);
	snprintf(title, sizeof title, "%s", _("Delete"));
	free(what);
	dialog_confirm(ui, title, question, delete_answered, d, delete_free);
}
