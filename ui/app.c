/* SPDX-License-Identifier: EUPL-1.2 */
/* app.c — the session's services: messages, the view stack, modals and
 * values as people read them. */
#include "config.h"

#include "app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/base/entity.h"
#include "src/base/i18n.h"
#include "src/core/model.h"
#include "draw.h"
#include "view.h"

/* ---- Messages ---------------------------------------------------- */

static void
vmessage(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	ui->message_error = error;
	ui->dirty_status = true;
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(ui, false, fmt, ap);
	va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(ui, true, fmt, ap);
	va_end(ap);
}

void
ui_model_error(struct ui *ui)
{
	const struct error *e = &ui->m->err;
	char when[64];

	if (e->code == ERR_CONFLICT && e->changed_by[0])
		ui_error(ui, _("%s: %s saved version %lld at %s"), e->message,
			 e->changed_by, (long long)e->current_version,
			 ui_when(ui, e->changed_at, when, sizeof when));
	else if (e->message[0])
		ui_error(ui, "%s", e->message);
	else
		ui_error(ui, "%s", _(error_name(e->code)));
}

bool
ui_check_writable(struct ui *ui)
{
	if (!ui->read_only)
		return true;
	if (ui->file_gone)
		ui_error(ui, "%s", _("The database file was deleted or replaced: this session saves nothing more. Quit (q) and open salkku again."));
	else
		ui_error(ui, "%s", _("Read-only: this session cannot change anything"));
	return false;
}

/* ---- Views ------------------------------------------------------- */

static const struct view_ops *const screen_ops[SCREEN_COUNT] = {
	[SCREEN_PROJECTS] = &projects_view_ops,
	[SCREEN_ORGS] = &orgs_view_ops,
	[SCREEN_DEADLINES] = &deadlines_view_ops,
	[SCREEN_TIMELINE] = &timeline_view_ops,
	[SCREEN_REPORT] = &report_view_ops,
};

/* The view on show changed: its head may need another height. */
static void
shown(struct ui *ui)
{
	if (ui->cur && ui->cur->ops->head_lines != ui->head_lines)
		ui->relayout = true;
	if (ui->cur) {
		ui->cur->full = true;
		ui->cur->layout_width = 0;
		if (ui->cur->ops->show)
			ui->cur->ops->show(ui->cur);
	}
	ui->dirty_head = ui->dirty_foot = ui->dirty_status = true;
}

void
ui_show_screen(struct ui *ui, enum main_screen s)
{
	while (ui_pop_view(ui))
		;
	if (!ui->screens[s]) {
		ui->screens[s] = view_new(ui, screen_ops[s], NULL);
		if (!ui->screens[s])
			return;
	}
	ui->screen = s;
	ui->cur = ui->screens[s];
	shown(ui);
}

void
ui_push_view(struct ui *ui, struct view *v)
{
	v->prev = ui->cur;
	v->pushed = true;
	ui->cur = v;
	shown(ui);
}

bool
ui_pop_view(struct ui *ui)
{
	struct view *v = ui->cur;

	if (!v || !v->pushed)
		return false;
	ui->cur = v->prev;
	view_free(&v);
	shown(ui);
	return true;
}

void
ui_touch_all(struct ui *ui)
{
	WINDOW *wins[] = { ui->head, ui->body, ui->status, ui->foot };

	for (size_t i = 0; i < sizeof wins / sizeof wins[0]; i++)
		if (wins[i])
			touchwin(wins[i]);
	for (struct modal *m = ui->modal; m; m = m->below)
		m->dirty = true;
	ui->dirty_head = ui->dirty_status = ui->dirty_foot = true;
}

void
ui_data_changed(struct ui *ui)
{
	ui->data_gen++;
	ui->dirty_head = true;
}

void
ui_remote_changed(struct ui *ui)
{
	ui_data_changed(ui);
	ui->dirty_status = true;
	for (struct modal *m = ui->modal; m; m = m->below) {
		if (m->ops->recheck)
			m->ops->recheck(m);
		m->dirty = true;
	}
}

/* ---- Modals ------------------------------------------------------ */

void
ui_modal_push(struct ui *ui, struct modal *m)
{
	m->ui = ui;
	m->below = ui->modal;
	m->cur_y = m->cur_x = -1;
	m->dirty = true;
	ui->modal = m;
	if (!ui->too_small)
		m->ops->layout(m, ui->lines, ui->cols);
}

void
ui_modal_close(struct ui *ui, struct modal *m)
{
	for (struct modal **p = &ui->modal; *p; p = &(*p)->below)
		if (*p == m) {
			*p = m->below;
			break;
		}
	if (m->win)
		delwin(m->win);
	m->ops->free(m);
	ui_touch_all(ui);
}

void
ui_modal_place(struct modal *m, int h, int w)
{
	int lines = m->ui->lines, cols = m->ui->cols;

	if (h > lines)
		h = lines;
	if (w > cols)
		w = cols;
	if (h < 3)
		h = 3;
	if (w < 10)
		w = 10;
	if (m->win)
		delwin(m->win);
	m->win = newwin(h, w, (lines - h) / 2, (cols - w) / 2);
	if (m->win)
		keypad(m->win, TRUE);
	m->dirty = true;
}

/* ---- Values ------------------------------------------------------ */

char *
ui_when(struct ui *ui, const char *iso, char *buf, size_t size)
{
	struct tm tm = { 0 }, local;
	char day[11], date[40];
	time_t t;

	if (!iso || !strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm)) {
		snprintf(buf, size, "%s", iso ? iso : "");
		return buf;
	}
	t = timegm(&tm);
	localtime_r(&t, &local);
	strftime(day, sizeof day, "%Y-%m-%d", &local);
	date[0] = '\0';
	if (strcmp(day, ui->clock_day)) {  /* not today: the date too */
		format_date(date, sizeof date - 1, day, ui->fmt);
		strcat(date, " ");
	}
	snprintf(buf, size, ui->fmt == FMT_FINNISH ? "%s%d.%02d" : "%s%02d:%02d",
		 date, local.tm_hour, local.tm_min);
	return buf;
}

static char *
format_value(struct ui *ui, const struct field_def *f, bool null,
	     int64_t num, const char *text)
{
	char buf[160];
	const struct enum_def *e;
	char *label;

	if (null)
		return strdup("");
	switch (f->type) {
	case FT_DATE:
		return strdup(format_date(buf, sizeof buf, text, ui->fmt));
	case FT_MONEY:
		return strdup(format_money(buf, sizeof buf, num, ui->fmt));
	case FT_HUNDREDTHS:
		return strdup(format_hundredths(buf, sizeof buf, num, ui->fmt));
	case FT_YEAR:
		snprintf(buf, sizeof buf, "%lld", (long long)num);
		return strdup(buf);
	case FT_BOOL:
		return strdup(num ? _("yes") : _("no"));
	case FT_ENUM:
		if (f->enums == project_statuses)
			return strdup(draw_status_label(buf, sizeof buf, text));
		e = text ? enum_find(f->enums, text) : NULL;
		return strdup(e ? _(e->label) : text ? text : "");
	case FT_REF:
		label = text ? model_ref_label(ui->m, f->ref, text) : NULL;
		return label ? label : strdup(text ? _("(deleted)") : "");
	default:
		return strdup(text ? text : "");
	}
}

char *
ui_value(struct ui *ui, const struct record *rec, int field)
{
	const struct value *v = &rec->v[field];

	return format_value(ui, &rec->def->fields[field], v->null, v->num, v->text);
}

char *
ui_value_text(struct ui *ui, const struct field_def *f, const char *stored)
{
	int64_t num = 0;

	if (stored && field_type_numeric(f->type))
		num = strtoll(stored, NULL, 10);
	return format_value(ui, f, stored == NULL, num, stored);
}
