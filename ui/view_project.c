/* SPDX-License-Identifier: EUPL-1.2 */
/* view_project.c — one project, everything about it on tabs: overview,
 * organisations and roles, funding, deadlines, status history, notes,
 * outcome figures and the change log. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "conflict.h"
#include "dialog.h"
#include "draw.h"
#include "editor.h"
#include "form.h"
#include "project_tabs.h"
#include "view.h"

static const char *const tab_titles[T_COUNT] = {
	N_("Overview"), N_("Organisations"), N_("Funding"), N_("Deadlines"),
	N_("Status history"), N_("Notes"), N_("Outcomes"), N_("Changes"),
};

const enum entity_kind tab_entity[T_COUNT] = {
	ENT_PROJECT, ENT_ROLE, ENT_FUNDING, ENT_DEADLINE, ENT_STATUS_CHANGE,
	ENT_NOTE, ENT_OUTCOME, ENT_COUNT,
};

static int
open_(struct view *v, const void *arg)
{
	const struct project_view_arg *a = arg;
	struct project_view *p = calloc(1, sizeof *p);

	if (!p)
		return -1;
	snprintf(p->uuid, sizeof p->uuid, "%s", a->uuid);
	p->tab = a->tab >= 0 && a->tab < T_COUNT ? a->tab : T_OVERVIEW;
	v->priv = p;
	return 0;
}

static void
free_(struct view *v)
{
	struct project_view *p = v->priv;

	tabs_clear(p);
	record_free(&p->proj);
	free(p);
}

static int
load(struct view *v)
{
	struct project_view *p = v->priv;
	struct ui *ui = v->ui;

	record_free(&p->proj);
	tabs_clear(p);
	if (model_get(ui->m, entities[ENT_PROJECT], p->uuid, &p->proj)) {
		if (ui->m->err.code != ERR_NOT_FOUND)
			ui_model_error(ui);
		else
			ui_error(ui, "%s", _("This project is no longer in the database"));
		v->rows = 0;
		return -1;
	}
	tabs_load(v);
	return 0;
}

static void
title(struct view *v, char *left, size_t lsize, char *right, size_t rsize)
{
	struct project_view *p = v->priv;
	const char *code, *name;

	if (!p->proj) {
		snprintf(left, lsize, "%s", _("(deleted project)"));
		return;
	}
	code = record_text(p->proj, PROJECT_CODE);
	name = record_text(p->proj, PROJECT_NAME);
	snprintf(left, lsize, "%s — %s", code ? code : "", name ? name : "");
	draw_status_label(right, rsize, record_text(p->proj, PROJECT_STATUS));
	if (v->search) {
		size_t n = strlen(right);

		snprintf(right + n, rsize - n, _("  Search: %s"), v->search);
	}
}

/* The tab bar: the tab on show reverse and in brackets, so that it
 * shows without colour too; counts when they fit. */
static void
draw_head(struct view *v, WINDOW *w, int y)
{
	struct project_view *p = v->priv;
	const struct theme *t = &v->ui->theme;
	char labels[T_COUNT][96], count[40];
	int width = getmaxx(w), total, first = 0;

	for (int pass = 0; pass < 2; pass++) {
		total = 1;
		for (int i = 0; i < T_COUNT; i++) {
			if (pass == 0 && p->counts[i] > 0)
				snprintf(labels[i], sizeof labels[i], "%s %s",
					 _(tab_titles[i]),
					 format_count(count, sizeof count,
						      (int64_t)p->counts[i],
						      v->ui->fmt));
			else
				snprintf(labels[i], sizeof labels[i], "%s", _(tab_titles[i]));
			total += draw_width(labels[i]) + 3;
		}
		if (total <= width)
			break;
	}
	/* Still too wide: start further right so that the tab on show fits. */
	while (total > width && first < p->tab) {
		total -= draw_width(labels[first]) + 3;
		first++;
	}
	wmove(w, y, 0);
	draw_text(w, first ? "‹" : " ", 1, theme_attr(t, TH_TAB), 0);
	for (int i = 0; i < T_COUNT; i++) {
		char s[110];
		bool on = i == p->tab;

		p->tab_x[i] = -1;
		if (i < first)
			continue;
		snprintf(s, sizeof s, on ? "[%s]" : " %s ", labels[i]);
		if (getcurx(w) + draw_width(s) >= width - 2) {
			draw_to_eol(w, theme_attr(t, TH_TAB));
			draw_text_at(w, y, width - 2, "›", 1, theme_attr(t, TH_TAB), 0);
			return;
		}
		p->tab_x[i] = getcurx(w);
		p->tab_w[i] = draw_width(s);
		draw_text(w, s, width, theme_attr(t, on ? TH_TAB_ACTIVE : TH_TAB), 0);
		draw_spaces(w, 1, theme_attr(t, TH_TAB));
	}
	draw_to_eol(w, theme_attr(t, TH_TAB));
}

static bool
click_head(struct view *v, int y, int x)
{
	struct project_view *p = v->priv;

	if (y != 1)
		return false;
	for (int i = 0; i < T_COUNT; i++)
		if (p->tab_x[i] >= 0 && x >= p->tab_x[i] && x < p->tab_x[i] + p->tab_w[i]) {
			tabs_switch(v, i);
			return true;
		}
	return false;
}

static void
status(struct view *v, char *buf, size_t size)
{
	struct project_view *p = v->priv;
	char when[64];

	if (!p->proj)
		return;
	if (!v->rows && p->tab != T_OVERVIEW && !v->narrow) {
		snprintf(buf, size, "%s", p->tab == T_NOTES ?
			 _("No notes yet: n writes one.") :
			 _("Nothing here yet: a adds one."));
		return;
	}
	tabs_when(v->ui, p->proj->updated_at, when, sizeof when);
	snprintf(buf, size, _("version %lld · changed %s by %s"),
		 (long long)p->proj->version, when, p->proj->updated_by);
}

/* ---- Actions ----------------------------------------------------- */

/* The description, edited on the project as it was when the editor
 * opened: a change someone saved meanwhile is a conflict, never
 * silently overwritten. */
struct description_edit {
	struct record *base;     /* the project as read */
	char *text;              /* the text written, kept for a conflict */
};

static void
description_edit_free(void *ctx)
{
	struct description_edit *de = ctx;

	record_free(&de->base);
	free(de->text);
	free(de);
}

static void description_edited(struct ui *ui, void *ctx, const char *text);

/* Back to the editor with the text written, on their version. */
static void
description_back(struct ui *ui, void *ctx, const struct record *theirs)
{
	struct description_edit *de = ctx, *again;

	if (!theirs || !(again = calloc(1, sizeof *again)))
		return;
	if (!(again->base = record_dup(theirs))) {
		free(again);
		return;
	}
	editor_edit(ui, _("Description"), de->text, description_edited, again);
}

static const struct conflict_hooks description_conflict_hooks = {
	.back = description_back,
	.free_ctx = description_edit_free,
};

static void
description_edited(struct ui *ui, void *ctx, const char *text)
{
	struct description_edit *de = ctx;
	const char *old;
	struct record *work;

	if (!text) {
		description_edit_free(de);
		return;
	}
	old = record_text(de->base, PROJECT_DESCRIPTION);
	if (!strcmp(old ? old : "", text)) {
		ui_message(ui, "%s", _("The description did not change"));
		description_edit_free(de);
		return;
	}
	if (!(work = record_dup(de->base)) || !(de->text = strdup(text))) {
		record_free(&work);
		description_edit_free(de);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	record_set_text(work, PROJECT_DESCRIPTION, *text ? text : NULL);
	if (change_update(ui, work, de->base) == ERR_CONFLICT)
		conflict_open(ui, CONFLICT_EDIT, de->base, work,
			      &description_conflict_hooks, de);
	else
		description_edit_free(de);
	record_free(&work);
}

/* Opens the editor on the description of the project as read now. */
static void
description_edit(struct view *v)
{
	struct project_view *p = v->priv;
	struct description_edit *de = calloc(1, sizeof *de);

	if (!de || !(de->base = record_dup(p->proj))) {
		free(de);
		ui_error(v->ui, "%s", _("Out of memory"));
		return;
	}
	editor_edit(v->ui, _("Description"), record_text(p->proj, PROJECT_DESCRIPTION),
		    description_edited, de);
}

static void
note_written(struct ui *ui, void *ctx, const char *text)
{
	struct view *v = ctx;
	struct project_view *p = v->priv;
	struct record *note;

	/* NULL: cancelled, or the editor failed and said why already. */
	if (!text)
		return;
	if (!*text) {
		ui_message(ui, "%s", _("The note was empty: nothing was added"));
		return;
	}
	if (!(note = record_new(entities[ENT_NOTE])))
		return;
	record_set_text(note, NOTE_PROJECT, p->uuid);
	record_set_text(note, NOTE_DATE, ui->clock_day);
	record_set_text(note, NOTE_AUTHOR, ui->m->user);
	record_set_text(note, NOTE_BODY, text);
	if (change_insert(ui, note) == 0)
		tabs_switch(v, T_NOTES);
	record_free(&note);
}

static void
project_gone(struct ui *ui)
{
	ui_pop_view(ui);
}

/* Edit on the overview: the field of the line, in the form or the
 * editor; a summary line leads to its tab. */
static enum action_result
edit_overview(struct view *v)
{
	struct project_view *p = v->priv;
	int field = tabs_overview_field(v, v->sel);

	if (field == OV_ROLES || field == OV_FUNDING || field == OV_WARNING) {
		tabs_switch(v, field == OV_ROLES ? T_ORGS : T_FUNDING);
		return AR_OK;
	}
	if (field == PROJECT_DESCRIPTION) {
		description_edit(v);
		return AR_OK;
	}
	if (field == PROJECT_STATUS) {
		dialog_status(v->ui, p->proj);
		return AR_OK;
	}
	form_open(v->ui, p->proj, field >= 0 ? field : -1, NULL, NULL);
	return AR_OK;
}

static enum action_result
new_item(struct view *v)
{
	struct project_view *p = v->priv;
	struct ui *ui = v->ui;
	struct record *rec;
	enum entity_kind k = tab_entity[p->tab];

	switch (p->tab) {
	case T_OVERVIEW:
		tabs_switch(v, T_ORGS);
		k = ENT_ROLE;
		break;
	case T_HISTORY:
		dialog_status(ui, p->proj);
		return AR_OK;
	case T_NOTES:
		editor_edit(ui, _("New note"), "", note_written, v);
		return AR_OK;
	case T_CHANGES:
		ui_message(ui, "%s", _("The change log is written by salkku itself"));
		return AR_NOOP;
	}
	if (!(rec = record_new(entities[k])))
		return AR_ERROR;
	record_set_text(rec, entities[k]->project_field, p->uuid);
	if (k == ENT_DEADLINE)
		record_set_text(rec, DEADLINE_KIND, "other");
	if (k == ENT_OUTCOME)
		record_set_text(rec, OUTCOME_DATE, ui->clock_day);
	form_open(ui, rec, -1, NULL, NULL);
	record_free(&rec);
	return AR_OK;
}

static enum action_result
deadline_action(struct view *v, enum action a)
{
	const struct record *d = tabs_item(v, v->sel);

	if (!d || d->def->kind != ENT_DEADLINE) {
		ui_message(v->ui, "%s", a == ACT_DONE
			   ? _("x marks deadlines done, on the Deadlines tab")
			   : _("c cancels deadlines, on the Deadlines tab"));
		return AR_NOOP;
	}
	if (a == ACT_DONE)
		dialog_deadline_done(v->ui, d);
	else
		dialog_deadline_cancel(v->ui, d);
	return AR_OK;
}

static enum action_result
handle(struct view *v, enum action a)
{
	struct project_view *p = v->priv;
	const struct record *item;

	if (!p->proj && a != ACT_BACK && a != ACT_QUIT)
		return AR_UNHANDLED;
	switch (a) {
	case ACT_TAB_NEXT:
		tabs_switch(v, (p->tab + 1) % T_COUNT);
		return AR_OK;
	case ACT_TAB_PREV:
		tabs_switch(v, (p->tab + T_COUNT - 1) % T_COUNT);
		return AR_OK;
	case ACT_ITEM_NEW:
		return new_item(v);
	case ACT_NOTE_NEW:
		editor_edit(v->ui, _("New note"), "", note_written, v);
		return AR_OK;
	case ACT_STATUS:
		dialog_status(v->ui, p->proj);
		return AR_OK;
	case ACT_DONE:
	case ACT_DEADLINE_CANCEL:
		return deadline_action(v, a);
	case ACT_OPEN:
	case ACT_EDIT:
		if (p->tab == T_OVERVIEW)
			return edit_overview(v);
		if (p->tab == T_CHANGES) {
			ui_message(v->ui, "%s", _("The change log cannot be edited"));
			return AR_NOOP;
		}
		if (!(item = tabs_item(v, v->sel)))
			return AR_NOOP;
		if (item->def->kind == ENT_NOTE) {
			form_open(v->ui, item, NOTE_BODY, NULL, NULL);
			return AR_OK;
		}
		form_open(v->ui, item, -1, NULL, NULL);
		return AR_OK;
	case ACT_DELETE:
		if (p->tab == T_OVERVIEW) {
			dialog_delete(v->ui, p->proj, project_gone);
			return AR_OK;
		}
		if (!(item = tabs_item(v, v->sel)))
			return AR_NOOP;
		dialog_delete(v->ui, item, NULL);
		return AR_OK;
	default:
		return AR_UNHANDLED;
	}
}

static const char *
project(struct view *v)
{
	struct project_view *p = v->priv;

	return p->uuid;
}

static const enum action footer[] = {
	ACT_HELP, ACT_TAB_NEXT, ACT_EDIT, ACT_ITEM_NEW, ACT_NOTE_NEW, ACT_STATUS,
	ACT_DONE, ACT_DEADLINE_CANCEL, ACT_DELETE, ACT_UNDO, ACT_SEARCH, ACT_BACK, ACT_NONE
};

const struct view_ops project_view_ops = {
	.name = "project",
	.head_lines = 3,
	.open = open_,
	.free = free_,
	.load = load,
	.fetch = tabs_fetch,
	.title = title,
	.draw_head = draw_head,
	.columns = tabs_columns,
	.cell = tabs_cell,
	.handle = handle,
	.searchable = true,
	.click_head = click_head,
	.status = status,
	.status_right = true,
	.row_key = tabs_row_key,
	.project = project,
	.footer = footer,
};
