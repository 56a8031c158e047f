/* SPDX-License-Identifier: EUPL-1.2 */
/* filter.c — the portfolio filter and sort: the dialog, and the query
 * and title text they make. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/entity.h"
#include "src/base/i18n.h"
#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "picker.h"

enum filter_row { FR_STATUS, FR_FUNDER, FR_PARTNER, FR_THEME, FR_YEAR, FR_COUNT };

static const char *const row_titles[FR_COUNT] = {
	N_("Status"), N_("Funder"), N_("Partner"), N_("Theme"), N_("Year active"),
};

static const char *const sort_titles[SORT_COUNT] = {
	[SORT_CODE] = N_("Code"), [SORT_NAME] = N_("Name"),
	[SORT_STATUS] = N_("Status"), [SORT_ADMINISTRATOR] = N_("Administrator"),
	[SORT_FUNDER] = N_("Main funder"), [SORT_START] = N_("Start"),
	[SORT_END] = N_("End"), [SORT_BUDGET] = N_("Budget"),
};

const char *
sort_title(enum project_sort s)
{
	return _(sort_titles[s < SORT_COUNT ? s : SORT_CODE]);
}

void
filter_query(const struct portfolio_filter *f, struct project_query *q)
{
	size_t n = 0;

	memset(q, 0, sizeof *q);
	for (size_t i = 0; project_statuses[i].key && i < 16 && n < 15; i++)
		if (f->status[i])
			q->statuses[n++] = project_statuses[i].key;
	q->statuses[n] = NULL;
	q->funder = f->funder;
	q->partner = f->partner;
	q->theme = f->theme;
	q->year = f->year;
	q->sort = f->sort;
	q->descending = f->descending;
}

/* The value shown for a row of the dialog and in the title line. */
static void
row_value(const struct portfolio_filter *f, int row, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	switch (row) {
	case FR_STATUS:
		for (size_t i = 0; project_statuses[i].key && i < 16; i++)
			if (f->status[i] && used < size) {
				int w = snprintf(buf + used, size - used, "%s%s",
						 used ? "," : "", _(project_statuses[i].label));
				used += w > 0 ? (size_t)w : 0;
			}
		break;
	case FR_FUNDER:
		snprintf(buf, size, "%s", f->funder ? f->funder_label : "");
		break;
	case FR_PARTNER:
		snprintf(buf, size, "%s", f->partner ? f->partner_label : "");
		break;
	case FR_THEME:
		snprintf(buf, size, "%s", f->theme ? f->theme : "");
		break;
	case FR_YEAR:
		if (f->year)
			snprintf(buf, size, "%d", f->year);
		break;
	}
}

void
filter_describe(const struct portfolio_filter *f, char *buf, size_t size)
{
	static const char *const keys[FR_COUNT] = {
		N_("status"), N_("funder"), N_("partner"), N_("theme"), N_("year"),
	};
	size_t used = 0;

	buf[0] = '\0';
	for (int r = 0; r < FR_COUNT; r++) {
		char value[256];
		int w;

		row_value(f, r, value, sizeof value);
		if (!value[0] || used >= size)
			continue;
		w = snprintf(buf + used, size - used, "%s%s=%s",
			     used ? " " : "", _(keys[r]), value);
		used += w > 0 ? (size_t)w : 0;
	}
}

void
filter_reset(struct portfolio_filter *f)
{
	memset(f->status, 0, sizeof f->status);
	free(f->funder);
	free(f->funder_label);
	free(f->partner);
	free(f->partner_label);
	free(f->theme);
	f->funder = f->funder_label = f->partner = f->partner_label = f->theme = NULL;
	f->year = 0;
}

static int
dup_text(char **dst, const char *src)
{
	*dst = src ? strdup(src) : NULL;
	return src && !*dst ? -1 : 0;
}

int
filter_copy(struct portfolio_filter *dst, const struct portfolio_filter *src)
{
	*dst = *src;
	if (dup_text(&dst->funder, src->funder) |
	    dup_text(&dst->funder_label, src->funder_label) |
	    dup_text(&dst->partner, src->partner) |
	    dup_text(&dst->partner_label, src->partner_label) |
	    dup_text(&dst->theme, src->theme)) {
		filter_reset(dst);
		return -1;
	}
	return 0;
}

void
filter_clear(struct ui *ui)
{
	filter_reset(&ui->filter);
	ui->filter_gen++;
}

/* ---- The dialog -------------------------------------------------- */

struct filter_dlg {
	struct modal base;
	int sel;
};

static void
changed(struct ui *ui)
{
	ui->filter_gen++;
	ui->dirty_head = true;
}

static void
statuses_picked(struct ui *ui, void *ctx, int index,
		const struct picker_item *items, size_t n)
{
	(void)ctx;
	if (index < 0)
		return;
	for (size_t i = 0; i < n && i < 16; i++)
		ui->filter.status[i] = items[i].mark;
	changed(ui);
}

static void
org_picked(struct ui *ui, void *ctx, int index, const struct picker_item *items,
	   size_t n)
{
	struct filter_dlg *d = ctx;
	char **uuid = d->sel == FR_FUNDER ? &ui->filter.funder : &ui->filter.partner;
	char **label = d->sel == FR_FUNDER ? &ui->filter.funder_label
					   : &ui->filter.partner_label;
	const char *dash;

	if (index < 0 || (size_t)index >= n)
		return;
	free(*uuid);
	free(*label);
	*uuid = items[index].value ? strdup(items[index].value) : NULL;
	/* "ISO – Itä-Suomen …" reads as "ISO" in the title line. */
	dash = strstr(items[index].label, " – ");
	*label = *uuid ? strndup(items[index].label,
				 dash ? (size_t)(dash - items[index].label)
				      : strlen(items[index].label)) : NULL;
	changed(ui);
}

static void
theme_typed(struct ui *ui, void *ctx, const char *text)
{
	(void)ctx;
	if (!text)
		return;
	free(ui->filter.theme);
	ui->filter.theme = *text ? strdup(text) : NULL;
	changed(ui);
}

static void
year_typed(struct ui *ui, void *ctx, const char *text)
{
	char *end;
	long y;

	(void)ctx;
	if (!text)
		return;
	y = strtol(text, &end, 10);
	if (!*text) {
		ui->filter.year = 0;
	} else if (*end || y < 1900 || y > 2199) {
		ui_error(ui, _("Year: “%s” is not a year"), text);
		return;
	} else {
		ui->filter.year = (int)y;
	}
	changed(ui);
}

static void
change_row(struct filter_dlg *d)
{
	struct ui *ui = d->base.ui;
	struct picker *p;
	char year[16] = "";

	switch (d->sel) {
	case FR_STATUS:
		if (!(p = picker_new(_("Status"), true)))
			return;
		for (size_t i = 0; project_statuses[i].key && i < 16; i++) {
			char label[128];

			draw_status_label(label, sizeof label, project_statuses[i].key);
			picker_add(p, label, project_statuses[i].key, ui->filter.status[i]);
		}
		picker_open(ui, p, statuses_picked, d);
		break;
	case FR_FUNDER:
	case FR_PARTNER:
		if (!(p = picker_new(_(row_titles[d->sel]), false)))
			return;
		picker_add(p, _("(any)"), NULL, false);
		if (picker_add_orgs(ui, p))
			ui_model_error(ui);
		picker_select_value(p, d->sel == FR_FUNDER ? ui->filter.funder
							   : ui->filter.partner);
		picker_open(ui, p, org_picked, d);
		break;
	case FR_THEME:
		dialog_prompt(ui, _("Theme:"), ui->filter.theme, NULL, theme_typed, d);
		break;
	case FR_YEAR:
		if (ui->filter.year)
			snprintf(year, sizeof year, "%d", ui->filter.year);
		dialog_prompt(ui, _("Year active:"), year, NULL, year_typed, d);
		break;
	}
}

static void
clear_row(struct ui *ui, int row)
{
	struct portfolio_filter *f = &ui->filter;

	switch (row) {
	case FR_STATUS:
		memset(f->status, 0, sizeof f->status);
		break;
	case FR_FUNDER:
		free(f->funder);
		free(f->funder_label);
		f->funder = f->funder_label = NULL;
		break;
	case FR_PARTNER:
		free(f->partner);
		free(f->partner_label);
		f->partner = f->partner_label = NULL;
		break;
	case FR_THEME:
		free(f->theme);
		f->theme = NULL;
		break;
	case FR_YEAR:
		f->year = 0;
		break;
	}
	changed(ui);
}

static void
filter_layout(struct modal *m, int lines, int cols)
{
	(void)lines;
	(void)cols;
	ui_modal_place(m, FR_COUNT + 6, 72);
}

static void
filter_draw(struct modal *m)
{
	struct filter_dlg *d = (struct filter_dlg *)m;
	struct theme *t = &m->ui->theme;
	int w = getmaxx(m->win), h = getmaxy(m->win);

	werase(m->win);
	draw_frame(m->win, _("Filter"), theme_attr(t, TH_BORDER), theme_attr(t, TH_TITLE));
	for (int r = 0; r < FR_COUNT; r++) {
		char value[512];
		bool on = r == d->sel;
		attr_t a = theme_attr(t, on ? TH_SELECTED : TH_DIALOG);

		row_value(&m->ui->filter, r, value, sizeof value);
		wmove(m->win, r + 1, 2);
		draw_text(m->win, on ? ">" : " ", 1, a, 0);
		draw_text(m->win, _(row_titles[r]), 16, a | A_BOLD, DRAW_PAD);
		draw_text(m->win, value[0] ? value : _("(any)"), w - 21,
			  value[0] ? a : a | theme_attr(t, TH_DIM), DRAW_PAD);
		if (on) {
			m->cur_y = r + 1;
			m->cur_x = 2;
		}
	}
	draw_text_at(m->win, h - 2, 2,
		     _("Enter: change  Del: clear  F: clear all  Esc: close"),
		     w - 4, theme_attr(t, TH_FOOTER_KEY), 0);
}

static bool
filter_key(struct modal *m, int key)
{
	struct filter_dlg *d = (struct filter_dlg *)m;

	switch (key) {
	case KEY_ESCAPE:
	case 'q':
	case 'f':
		return true;
	case 'j':
	case KEY_FUNC + KEY_DOWN:
	case '\t':
		d->sel = (d->sel + 1) % FR_COUNT;
		break;
	case 'k':
	case KEY_FUNC + KEY_UP:
	case KEY_FUNC + KEY_BTAB:
		d->sel = (d->sel + FR_COUNT - 1) % FR_COUNT;
		break;
	case KEY_FUNC + KEY_ENTER:
	case ' ':
		change_row(d);
		break;
	case KEY_FUNC + KEY_DC:
	case KEY_FUNC + KEY_BACKSPACE:
	case 'd':
		clear_row(m->ui, d->sel);
		break;
	case 'F':
		filter_clear(m->ui);
		break;
	}
	return false;
}

static void
filter_free(struct modal *m)
{
	free(m);
}

static const struct modal_ops filter_ops = {
	.layout = filter_layout, .draw = filter_draw,
	.key = filter_key, .free = filter_free,
};

void
dialog_filter(struct ui *ui)
{
	struct filter_dlg *d = calloc(1, sizeof *d);

	if (!d) {
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	d->base.ops = &filter_ops;
	ui_modal_push(ui, &d->base);
}

/* ---- Sorting ----------------------------------------------------- */

static void
sort_picked(struct ui *ui, void *ctx, int index, const struct picker_item *items,
	    size_t n)
{
	(void)ctx;
	(void)items;
	if (index < 0 || (size_t)index >= n)
		return;
	if ((enum project_sort)index == ui->filter.sort) {
		ui->filter.descending = !ui->filter.descending;
	} else {
		ui->filter.sort = (enum project_sort)index;
		ui->filter.descending = false;
	}
	changed(ui);
}

void
dialog_sort(struct ui *ui)
{
	struct picker *p = picker_new(_("Sort by"), false);

	if (!p) {
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	for (int s = 0; s < SORT_COUNT; s++) {
		char label[128];

		snprintf(label, sizeof label, "%s%s", sort_title((enum project_sort)s),
			 s == (int)ui->filter.sort ?
			 (ui->filter.descending ? _("  (now ▼, again: ▲)")
						: _("  (now ▲, again: ▼)")) : "");
		picker_add(p, label, project_sort_names[s], false);
	}
	picker_select_value(p, project_sort_names[ui->filter.sort]);
	picker_open(ui, p, sort_picked, NULL);
}
