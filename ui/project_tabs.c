/* SPDX-License-Identifier: EUPL-1.2 */
/* project_tabs.c — what the tabs of a project show. */
#include "config.h"

#include "project_tabs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/base/i18n.h"
#include "src/core/deadline.h"
#include "src/core/model.h"
#include "src/core/money.h"
#include "app.h"
#include "draw.h"
#include "view.h"

static const struct column overview_cols[] = {
	{ N_("Field"), 16, 12, 9, COL_KEEP, 0 },
	{ N_("Value"), 30, 30, 0, COL_FLEX, 0 },
};
static const struct column role_cols[] = {
	{ N_("Organisation"), 24, 24, 0, COL_FLEX, 0 },
	{ N_("Role"),         18, 14, 9, COL_KEEP, 0 },
	{ N_("Budget share"), 13, 11, 3, COL_RIGHT | COL_FIT, 0 },
	{ N_("Note"),         24, 10, 1, 0, 0 },
};
static const struct column funding_cols[] = {
	{ N_("Funder"),        14, 10, 9, COL_KEEP, 30 },
	{ N_("Programme"),     20, 20, 0, COL_FLEX, 0 },
	{ N_("Applied"),       13, 11, 3, COL_RIGHT | COL_FIT, 0 },
	{ N_("Granted"),       13, 11, 4, COL_RIGHT | COL_KEEP | COL_FIT, 0 },
	{ N_("Decision date"), 13, 10, 2, 0, 0 },
	{ N_("Reference"),     14,  8, 1, 0, 0 },
};
static const struct column deadline_cols[] = {
	{ N_("Due"),   10, 10, 9, COL_KEEP, 0 },
	{ N_("Kind"),  20, 12, 2, 0, 0 },
	{ N_("Title"), 20, 20, 0, COL_FLEX, 0 },
	{ N_("State"), 30, 14, 3, COL_KEEP, 0 },
};
static const struct column history_cols[] = {
	{ N_("Date"),   10, 10, 9, COL_KEEP, 0 },
	{ N_("From"),   18, 13, 3, 0, 0 },
	{ N_("To"),     18, 13, 8, COL_KEEP, 0 },
	{ N_("By"),     12,  8, 2, 0, 0 },
	{ N_("Reason"), 20, 20, 0, COL_FLEX, 0 },
	{ N_("Forced"),  8,  6, 1, 0, 0 },
};
static const struct column note_cols[] = {
	{ N_("Date"),   10, 10, 9, COL_KEEP, 0 },
	{ N_("Author"), 12,  8, 1, 0, 0 },
	{ N_("Text"),   30, 30, 0, COL_FLEX, 0 },
};
static const struct column outcome_cols[] = {
	{ N_("Label"), 30, 30, 0, COL_FLEX, 0 },
	{ N_("Value"), 12, 10, 9, COL_RIGHT | COL_KEEP | COL_FIT, 0 },
	{ N_("Unit"),  14,  8, 2, 0, 0 },
	{ N_("Date"),  10, 10, 1, 0, 0 },
};
static const struct column change_cols[] = {
	{ N_("When"),   16, 16, 9, COL_KEEP, 0 },
	{ N_("Who"),    12,  8, 2, 0, 0 },
	{ N_("Record"), 24, 14, 3, 0, 40 },
	{ N_("Field"),  16, 10, 1, 0, 0 },
	{ N_("Change"), 24, 24, 0, COL_FLEX, 0 },
};

static const struct {
	const struct column *cols;
	size_t n;
} tab_columns[T_COUNT] = {
#define COLS(a) { a, sizeof a / sizeof a[0] }
	[T_OVERVIEW] = COLS(overview_cols), [T_ORGS] = COLS(role_cols),
	[T_FUNDING] = COLS(funding_cols), [T_DEADLINES] = COLS(deadline_cols),
	[T_HISTORY] = COLS(history_cols), [T_NOTES] = COLS(note_cols),
	[T_OUTCOMES] = COLS(outcome_cols), [T_CHANGES] = COLS(change_cols),
#undef COLS
};

void
tabs_clear(struct project_view *p)
{
	for (size_t i = 0; p->labels && i < p->items.count; i++)
		free(p->labels[i]);
	free(p->labels);
	p->labels = NULL;
	record_list_clear(&p->items);
	changes_clear(&p->changes);
	for (size_t i = 0; i < p->nov; i++)
		free(p->ov[i].text);
	free(p->ov);
	p->ov = NULL;
	p->nov = 0;
	free(p->match);
	p->match = NULL;
	p->nmatch = 0;
}

void
tabs_when(struct ui *ui, const char *iso, char *buf, size_t size)
{
	format_when(buf, size, iso, ui->fmt);
}

/* ---- Overview ---------------------------------------------------- */

static void
ov_add(struct project_view *p, int field, bool first, char *text)
{
	struct ov_line *ov = realloc(p->ov, (p->nov + 1) * sizeof *ov);

	if (!ov || !text) {
		free(text);
		if (ov)
			p->ov = ov;
		return;
	}
	p->ov = ov;
	p->ov[p->nov++] = (struct ov_line){ field, first, text };
}

/* "ISO, Koske" for the administrators; "STM 980 000 €" for funders. */
static char *
summary(struct ui *ui, const struct record_list *list, bool roles)
{
	char buf[1024] = "";
	size_t used = 0;

	for (size_t i = 0; i < list->count && used < sizeof buf; i++) {
		const struct record *r = list->items[i];
		const char *role = record_text(r, ROLE_ROLE);
		char *who, money[40] = "";
		int w;

		if (roles && (!role || strcmp(role, "administrator")))
			continue;
		who = ui_value(ui, r, roles ? ROLE_ORGANISATION : FUNDING_FUNDER);
		if (!roles && !r->v[FUNDING_GRANTED].null)
			format_money(money, sizeof money, r->v[FUNDING_GRANTED].num, ui->fmt);
		else if (!roles && !r->v[FUNDING_APPLIED].null)
			snprintf(money, sizeof money, _("%s applied"),
				 format_money((char[40]){ 0 }, 40,
					      r->v[FUNDING_APPLIED].num, ui->fmt));
		w = snprintf(buf + used, sizeof buf - used, "%s%s%s%s",
			     used ? ", " : "", who ? who : "", money[0] ? " " : "", money);
		used += w > 0 ? (size_t)w : 0;
		free(who);
	}
	return strdup(buf[0] ? buf : "—");
}

static void
warning_add(const char *text, void *arg)
{
	struct project_view *p = arg;
	bool first = !p->nov || p->ov[p->nov - 1].field != OV_WARNING;

	ov_add(p, OV_WARNING, first, strdup(text));
}

static void
build_overview(struct view *v, const struct record_list *roles,
	       const struct record_list *funding)
{
	struct project_view *p = v->priv;
	struct ui *ui = v->ui;
	static const int order[] = {
		PROJECT_CODE, PROJECT_NAME, PROJECT_STATUS, OV_ROLES, OV_FUNDING,
		PROJECT_PLANNED_START, PROJECT_PLANNED_END, PROJECT_ACTUAL_START,
		PROJECT_ACTUAL_END, PROJECT_THEMES, PROJECT_REGION, PROJECT_BUDGET,
		PROJECT_PERSON_YEARS, PROJECT_WEBSITE, PROJECT_DESCRIPTION,
	};

	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		int f = order[i];
		char *value, *line, *nl;

		if (f == OV_ROLES || f == OV_FUNDING) {
			ov_add(p, f, true, summary(ui, f == OV_ROLES ? roles : funding,
						   f == OV_ROLES));
			/* The warnings of `check` and `show`, under the
			 * funders. */
			if (f == OV_FUNDING)
				money_warnings(p->proj, roles, funding,
					       warning_add, p);
			continue;
		}
		if (!(value = ui_value(ui, p->proj, f)))
			continue;
		if (f != PROJECT_DESCRIPTION || !*value) {
			ov_add(p, f, true, value);
			continue;
		}
		/* A line of the screen for each line of the description. */
		for (line = value; line; line = nl) {
			if ((nl = strchr(line, '\n')))
				*nl++ = '\0';
			ov_add(p, f, line == value, strdup(line));
		}
		free(value);
	}
}

/* ---- Loading ----------------------------------------------------- */

static size_t
raw_count(const struct project_view *p)
{
	if (p->tab == T_OVERVIEW)
		return p->nov;
	return p->items.count;
}

static const char *raw_cell(struct view *v, size_t i, int col, char *buf,
			    size_t size, enum theme_elem *elem);

static bool
raw_matches(struct view *v, size_t i)
{
	struct project_view *p = v->priv;
	const struct column *c = tab_columns[p->tab].cols;

	for (size_t col = 0; col < tab_columns[p->tab].n; col++) {
		char buf[512] = "";
		enum theme_elem e;

		(void)c;
		if (view_text_matches(raw_cell(v, i, (int)col, buf, sizeof buf, &e),
				      v->narrow))
			return true;
	}
	return false;
}

void
tabs_load(struct view *v)
{
	struct project_view *p = v->priv;
	struct ui *ui = v->ui;
	struct record_list roles = { 0 }, funding = { 0 };
	size_t n;

	for (int t = T_ORGS; t <= T_OUTCOMES; t++) {
		struct record_list list = { 0 };

		if (model_children(ui->m, entities[tab_entity[t]], p->uuid, &list)) {
			ui_model_error(ui);
			continue;
		}
		p->counts[t] = list.count;
		if (t == p->tab)
			p->items = list;
		else if (t == T_ORGS)
			roles = list;
		else if (t == T_FUNDING)
			funding = list;
		else
			record_list_clear(&list);
	}
	if (p->tab == T_OVERVIEW)
		build_overview(v, &roles, &funding);
	record_list_clear(&roles);
	record_list_clear(&funding);
	if (p->tab == T_CHANGES) {
		/* Its rows are the entries' (or the matches') own order. */
		v->rows = changes_load(v, p->uuid);
		return;
	}
	if ((p->tab == T_ORGS || p->tab == T_FUNDING) && p->items.count &&
	    (p->labels = calloc(p->items.count, sizeof *p->labels)))
		for (size_t i = 0; i < p->items.count; i++)
			p->labels[i] = ui_value(ui, p->items.items[i],
						p->tab == T_ORGS ? ROLE_ORGANISATION
								 : FUNDING_FUNDER);
	n = raw_count(p);
	p->match = malloc((n ? n : 1) * sizeof *p->match);
	for (size_t i = 0; p->match && i < n; i++)
		if (!v->narrow || raw_matches(v, i))
			p->match[p->nmatch++] = i;
	v->rows = p->nmatch;
}

void
tabs_switch(struct view *v, int tab)
{
	struct project_view *p = v->priv;

	if (tab == p->tab)
		return;
	p->tab_sel[p->tab] = v->sel;
	p->tab_top[p->tab] = v->top;
	p->tab = tab;
	/* Nothing of the old tab may pass for a row of the new one. */
	tabs_clear(p);
	view_clear_search(v);
	v->sel = p->tab_sel[tab];
	v->top = p->tab_top[tab];
	v->layout_width = 0;
	view_reload(v);
}

static size_t
raw_index(struct view *v, size_t row)
{
	struct project_view *p = v->priv;

	if (p->tab == T_CHANGES)
		return row < v->rows ? row : (size_t)-1;
	return row < p->nmatch ? p->match[row] : (size_t)-1;
}

void
tabs_fetch(struct view *v, size_t first, size_t n)
{
	struct project_view *p = v->priv;

	if (p->tab == T_CHANGES)
		changes_fetch(v, p->uuid, first, n);
}

const struct record *
tabs_item(struct view *v, size_t row)
{
	struct project_view *p = v->priv;
	size_t i = raw_index(v, row);

	if (p->tab == T_OVERVIEW || p->tab == T_CHANGES || i >= p->items.count)
		return NULL;
	return p->items.items[i];
}

bool
tabs_row_key(struct view *v, size_t row, char *buf, size_t size)
{
	struct project_view *p = v->priv;
	size_t i = raw_index(v, row), k = 0;

	if (i == (size_t)-1)
		return false;
	if (p->tab == T_OVERVIEW) {
		if (i >= p->nov)
			return false;
		/* A description has a line per line: which one of them. */
		while (k < i && p->ov[i - k - 1].field == p->ov[i].field)
			k++;
		snprintf(buf, size, "%d/%zu", p->ov[i].field, k);
		return true;
	}
	if (p->tab == T_CHANGES) {
		const struct change_entry *c = changes_row(v, p->uuid, i);

		if (!c)
			return false;
		snprintf(buf, size, "%s", c->uuid);
		return true;
	}
	if (i >= p->items.count)
		return false;
	snprintf(buf, size, "%s", p->items.items[i]->uuid);
	return true;
}

int
tabs_overview_field(struct view *v, size_t row)
{
	struct project_view *p = v->priv;
	size_t i = raw_index(v, row);

	return p->tab == T_OVERVIEW && i < p->nov ? p->ov[i].field : -1;
}

const struct column *
tabs_columns(struct view *v, size_t *n)
{
	struct project_view *p = v->priv;

	*n = tab_columns[p->tab].n;
	return tab_columns[p->tab].cols;
}

/* ---- Cells ------------------------------------------------------- */

/* A field of rec into buf. */
static const char *
value(struct view *v, const struct record *rec, int field, char *buf, size_t size)
{
	char *s = ui_value(v->ui, rec, field);

	snprintf(buf, size, "%s", s ? s : "");
	free(s);
	return buf;
}

static const char *
deadline_state(struct view *v, const struct record *d, char *buf, size_t size,
	       enum theme_elem *elem)
{
	struct ui *ui = v->ui;
	const char *due = record_text(d, DEADLINE_DUE);
	char date[40];
	int days;

	if (deadline_state_of(d) == DEADLINE_STATE_CANCELLED) {
		snprintf(buf, size, "✗ %s %s", _("cancelled"),
			 format_date(date, sizeof date,
				     record_text(d, DEADLINE_CANCELLED_DATE), ui->fmt));
		return buf;
	}
	if (deadline_state_of(d) == DEADLINE_STATE_DONE) {
		const char *on = record_text(d, DEADLINE_DONE_DATE);

		if (deadline_late(due, on)) {
			*elem = TH_OVERDUE;
			snprintf(buf, size, _("✓ done %s, %d days late"),
				 format_date(date, sizeof date, on, ui->fmt),
				 date_diff_days(due, on));
		} else
			snprintf(buf, size, "✓ %s %s", _("done"),
				 on ? format_date(date, sizeof date, on, ui->fmt) : "");
		return buf;
	}
	if (!due)
		return "";
	days = date_diff_days(ui->today, due);
	if (days < 0) {
		*elem = TH_OVERDUE;
		snprintf(buf, size, P_("! overdue %d day", "! overdue %d days",
				       (unsigned long)-days), -days);
	} else if (days == 0) {
		*elem = TH_OVERDUE;
		snprintf(buf, size, "%s", _("! due today"));
	} else {
		snprintf(buf, size, P_("in %d day", "in %d days",
				       (unsigned long)days), days);
	}
	return buf;
}

static const char *
raw_cell(struct view *v, size_t i, int col, char *buf, size_t size,
	 enum theme_elem *elem)
{
	struct project_view *p = v->priv;
	const struct record *r;
	const char *s;

	*elem = TH_NORMAL;
	if (p->tab == T_OVERVIEW) {
		const struct ov_line *o = &p->ov[i];

		if (o->field == OV_WARNING)
			*elem = TH_OVERDUE;
		if (col == 1) {
			if (o->field == PROJECT_STATUS)
				*elem = theme_status(record_text(p->proj, PROJECT_STATUS));
			return o->text;
		}
		if (!o->first)
			return "";
		if (o->field == OV_WARNING)
			return _("Warning");
		if (o->field == OV_ROLES)
			return _("Administrator");
		if (o->field == OV_FUNDING)
			return _("Funders");
		return _(p->proj->def->fields[o->field].label);
	}
	if (p->tab == T_CHANGES) {
		const struct change_entry *c = changes_row(v, p->uuid, i);

		return c ? changes_cell(v, c, col, buf, size) : "";
	}
	r = p->items.items[i];
	switch (p->tab) {
	case T_ORGS:
		if (col == 0)
			return p->labels && p->labels[i] ? p->labels[i] : "";
		return value(v, r, (int[]){ 0, ROLE_ROLE, ROLE_BUDGET_SHARE, ROLE_NOTE }[col],
			     buf, size);
	case T_FUNDING:
		if (col == 0)
			return p->labels && p->labels[i] ? p->labels[i] : "";
		return value(v, r, (int[]){ 0, FUNDING_PROGRAMME, FUNDING_APPLIED,
					    FUNDING_GRANTED, FUNDING_DECISION_DATE,
					    FUNDING_REFERENCE }[col], buf, size);
	case T_DEADLINES:
		if (col == 3)
			return deadline_state(v, r, buf, size, elem);
		if (col == 2 && record_text(r, DEADLINE_SERIES)) {
			/* An occurrence of a series is marked as one. */
			char *t = ui_value(v->ui, r, DEADLINE_TITLE);

			snprintf(buf, size, "%s %s", SERIES_MARK, t ? t : "");
			free(t);
			return buf;
		}
		return value(v, r, (int[]){ DEADLINE_DUE, DEADLINE_KIND, DEADLINE_TITLE }[col],
			     buf, size);
	case T_HISTORY:
		if (col == 1 || col == 2)
			*elem = theme_status(record_text(r, col == 1 ? STATUS_FROM : STATUS_TO));
		if (col == 5)
			return !r->v[STATUS_FORCED].null && r->v[STATUS_FORCED].num ?
			       _("forced") : "";
		return value(v, r, (int[]){ STATUS_DATE, STATUS_FROM, STATUS_TO, STATUS_BY,
					    STATUS_REASON }[col], buf, size);
	case T_NOTES:
		if (col < 2)
			return value(v, r, col == 0 ? NOTE_DATE : NOTE_AUTHOR, buf, size);
		s = record_text(r, NOTE_BODY);
		if (s && strchr(s, '\n')) {
			/* The first line, and how much more there is. */
			int more = 0;

			for (const char *q = strchr(s, '\n'); q; q = strchr(q + 1, '\n'))
				more++;
			snprintf(buf, size, P_("%.*s … (%d more line)",
					    "%.*s … (%d more lines)",
					    (unsigned long)more),
				 (int)(strchr(s, '\n') - s), s, more);
			return buf;
		}
		return s ? s : "";
	case T_OUTCOMES:
		return value(v, r, (int[]){ OUTCOME_LABEL, OUTCOME_VALUE, OUTCOME_UNIT,
					    OUTCOME_DATE }[col], buf, size);
	}
	return "";
}

const char *
tabs_cell(struct view *v, size_t row, int col, char *buf, size_t size,
	  enum theme_elem *elem)
{
	size_t i = raw_index(v, row);

	if (i == (size_t)-1)
		return "";
	return raw_cell(v, i, col, buf, size, elem);
}
