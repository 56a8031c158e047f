/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_show.c — `salkku show`: one project with everything that belongs
 * to it, as text for people or JSON for programs; and the formatting of
 * single values that the other commands share. */
#include "config.h"

#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/base/text.h"
#include "src/core/deadline.h"
#include "src/core/money.h"

char *
cli_value(struct cli *c, const struct field_def *fd, const struct value *v)
{
	char buf[64];
	const struct enum_def *e;
	char *label;

	if (v->null)
		return NULL;
	switch (fd->type) {
	case FT_DATE:
		return strdup(format_date(buf, sizeof buf, v->text, c->style));
	case FT_MONEY:
		return strdup(format_money(buf, sizeof buf, v->num, c->style));
	case FT_HUNDREDTHS:
		return strdup(format_hundredths(buf, sizeof buf, v->num, c->style));
	case FT_YEAR:
		snprintf(buf, sizeof buf, "%lld", (long long)v->num);
		return strdup(buf);
	case FT_BOOL:
		return strdup(v->num ? _("yes") : _("no"));
	case FT_ENUM:
		e = v->text ? enum_find(fd->enums, v->text) : NULL;
		return strdup(e ? _(e->label) : v->text ? v->text : "");
	case FT_REF:
		label = v->text ? model_ref_label(&c->m, fd->ref, v->text) : NULL;
		return label ? label : strdup(v->text ? v->text : "");
	case FT_TEXT:
	case FT_LONGTEXT:
		break;
	}
	return strdup(v->text ? v->text : "");
}

char *
cli_stored_value(struct cli *c, const struct field_def *fd, const char *stored)
{
	struct value v = { .null = stored == NULL };

	if (!stored)
		return NULL;
	if (field_type_numeric(fd->type))
		v.num = strtoll(stored, NULL, 10);
	else
		v.text = (char *)stored;
	return cli_value(c, fd, &v);
}

char *
cli_when(struct cli *c, char *buf, size_t size, const char *iso)
{
	return format_when(buf, size, iso, c->style);
}

char *
cli_deadline_state(struct cli *c, char *buf, size_t size, const char *due,
		   bool done, const char *done_date, const char *cancelled_date,
		   bool *overdue)
{
	char today[11], day[40];
	int days;

	model_today(&c->m, today);
	days = date_diff_days(today, due);
	*overdue = !done && !cancelled_date && days < 0;
	if (cancelled_date)
		snprintf(buf, size, _("cancelled %s"),
			 format_date(day, sizeof day, cancelled_date, c->style));
	else if (done && deadline_late(due, done_date)) {
		int late = date_diff_days(due, done_date);

		format_date(day, sizeof day, done_date, c->style);
		if (late == 1)
			snprintf(buf, size, _("done %s, 1 day late"), day);
		else
			snprintf(buf, size, _("done %s, %d days late"), day, late);
	} else if (done && done_date)
		snprintf(buf, size, _("done %s"),
			 format_date(day, sizeof day, done_date, c->style));
	else if (done)
		snprintf(buf, size, "%s", _("done"));
	else if (days < 0)
		snprintf(buf, size, P_("overdue %d day", "overdue %d days",
				       (unsigned long)-days), -days);
	else if (days == 0)
		snprintf(buf, size, "%s", _("today"));
	else if (days == 1)
		snprintf(buf, size, "%s", _("tomorrow"));
	else
		snprintf(buf, size, P_("in %d day", "in %d days",
				       (unsigned long)days), days);
	return buf;
}

void
cli_json_record(struct cli *c, struct json_out *j, const struct record *rec,
		bool skip_project)
{
	const struct entity_def *def = rec->def;
	char buf[64];

	json_begin_object(j);
	json_kv_string(j, "uuid", rec->uuid);
	json_kv_int(j, "version", rec->version);
	json_kv_string(j, "updated_at", rec->updated_at);
	json_kv_string(j, "updated_by", rec->updated_by);
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *fd = &def->fields[i];
		const struct value *v = &rec->v[i];

		if (skip_project && (int)i == def->project_field)
			continue;
		json_key(j, fd->name);
		if (v->null) {
			json_null(j);
		} else if (fd->type == FT_MONEY || fd->type == FT_YEAR) {
			json_int(j, v->num);
		} else if (fd->type == FT_HUNDREDTHS) {
			json_number(j, format_hundredths(buf, sizeof buf, v->num,
							 FMT_ISO));
		} else if (fd->type == FT_BOOL) {
			json_bool(j, v->num != 0);
		} else {
			json_string(j, v->text);
		}
		if (fd->type == FT_REF) {
			char *label = v->null ? NULL
				      : model_ref_label(&c->m, fd->ref, v->text);

			snprintf(buf, sizeof buf, "%s_label", fd->name);
			json_kv_string(j, buf, label);
			free(label);
		}
	}
	json_end_object(j);
}

/* ---- Text --------------------------------------------------------- */

/* One "Label  value" line, labels padded to width columns. */
static void
show_line(const char *label, int width, const char *value, bool multiline)
{
	char pad[256];

	fputs(text_pad(pad, sizeof pad, label, width, false), stdout);
	fputs("  ", stdout);
	if (multiline)
		output_indented(stdout, value, width + 2);
	else
		output_text(stdout, value, 0);
	fputc('\n', stdout);
}

void
cli_print_fields(struct cli *c, const struct record *p)
{
	const struct entity_def *def = p->def;
	const char *version_label = _("Version"), *uuid_label = _("UUID");
	char version[160], when[64];
	int width = text_width(version_label);

	if (text_width(uuid_label) > width)
		width = text_width(uuid_label);
	for (size_t i = 0; i < def->nfields; i++)
		if (text_width(_(def->fields[i].label)) > width)
			width = text_width(_(def->fields[i].label));
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *fd = &def->fields[i];
		char *value = cli_value(c, fd, &p->v[i]);

		if (value)
			show_line(_(fd->label), width, value,
				  fd->type == FT_LONGTEXT);
		free(value);
	}
	snprintf(version, sizeof version, _("%lld, changed %s by %s"),
		 (long long)p->version, cli_when(c, when, sizeof when, p->updated_at),
		 p->updated_by);
	show_line(version_label, width, version, false);
	show_line(uuid_label, width, p->uuid, false);
}

/* A section heading and its table, when it has rows. */
static void
show_section(const char *title, struct table *t)
{
	if (t->rows == 0)
		return;
	printf("\n%s\n", title);
	t->indent = 2;
	table_print(t, stdout, output_width());
}

/* Fills the cells of rec's fields listed in fields into cells, each
 * newly allocated (NULL for null). */
static void
show_cells(struct cli *c, const struct record *rec, const int *fields,
	   size_t n, char **cells)
{
	for (size_t i = 0; i < n; i++)
		cells[i] = fields[i] < 0 ? NULL
			   : cli_value(c, &rec->def->fields[fields[i]],
				       &rec->v[fields[i]]);
}

static void
free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
}

/* A child table: the columns are fields of the entity (-1: the 1-based
 * number); headers from the field labels, money and figures right.  An
 * optional field that no row fills has no column. */
static void
show_children(struct cli *c, const char *title, const struct record_list *l,
	      const int *all, size_t nall, int flex)
{
	const struct entity_def *def = l->count ? l->items[0]->def : NULL;
	struct table_col cols[16];
	struct table t;
	char *cells[16], num[24];
	int fields[16];
	size_t n = 0;

	if (!def)
		return;
	for (size_t i = 0; i < nall && n < 16; i++) {
		bool used = all[i] < 0 || all[i] == flex ||
			    (def->fields[all[i]].flags & F_REQUIRED);

		for (size_t r = 0; !used && r < l->count; r++)
			used = !l->items[r]->v[all[i]].null;
		if (used)
			fields[n++] = all[i];
	}
	for (size_t i = 0; i < n; i++) {
		const struct field_def *fd = fields[i] < 0 ? NULL
					     : &def->fields[fields[i]];

		cols[i] = (struct table_col){
			.header = fd ? _(fd->label) : "#",
			.right = !fd || fd->type == FT_MONEY ||
				 fd->type == FT_HUNDREDTHS || fd->type == FT_YEAR,
			.flex = fields[i] == flex,
		};
	}
	table_init(&t, cols, n);
	for (size_t r = 0; r < l->count; r++) {
		show_cells(c, l->items[r], fields, n, cells);
		for (size_t i = 0; i < n; i++)
			if (fields[i] < 0) {
				snprintf(num, sizeof num, "%zu", r + 1);
				cells[i] = strdup(num);
			}
		table_add(&t, (const char *const *)cells);
		free_cells(cells, n);
	}
	show_section(title, &t);
	table_free(&t);
}

static void
show_deadlines(struct cli *c, const struct record_list *l)
{
	const struct table_col cols[] = {
		{ "#", true, false, 0 }, { _("Due"), false, false, 0 },
		{ _("Kind"), false, false, 0 }, { _("Title"), false, true, 0 },
		{ _("State"), false, false, 0 },
	};
	struct table t;

	table_init(&t, cols, sizeof cols / sizeof cols[0]);
	for (size_t r = 0; r < l->count; r++) {
		const struct record *d = l->items[r];
		const int f[] = { -1, DEADLINE_DUE, DEADLINE_KIND, DEADLINE_TITLE, -1 };
		char *cells[5], num[32], state[256];
		bool overdue;

		show_cells(c, d, f, 5, cells);
		cli_deadline_state(c, state, sizeof state,
				   record_text(d, DEADLINE_DUE),
				   !d->v[DEADLINE_DONE].null && d->v[DEADLINE_DONE].num,
				   record_text(d, DEADLINE_DONE_DATE),
				   record_text(d, DEADLINE_CANCELLED_DATE), &overdue);
		/* Why it was cancelled, and that it repeats, follow. */
		if (record_text(d, DEADLINE_CANCEL_REASON))
			snprintf(state + strlen(state), sizeof state - strlen(state),
				 ": %s", record_text(d, DEADLINE_CANCEL_REASON));
		else if (record_text(d, DEADLINE_REPEAT) &&
			 deadline_state_of(d) == DEADLINE_STATE_OPEN)
			snprintf(state + strlen(state), sizeof state - strlen(state),
				 " %s", "↻");
		/* An overdue one is marked beside its number, as in the
		 * deadline list. */
		snprintf(num, sizeof num, "%s%zu", overdue ? "! " : "", r + 1);
		cells[0] = strdup(num);
		cells[4] = strdup(state);
		table_add(&t, (const char *const *)cells);
		free_cells(cells, 5);
	}
	show_section(_("Deadlines"), &t);
	table_free(&t);
}

static void
show_history(struct cli *c, const struct record_list *l)
{
	const struct table_col cols[] = {
		{ _("Date"), false, false, 0 }, { _("From"), false, false, 0 },
		{ _("To"), false, false, 0 }, { _("By"), false, false, 0 },
		{ _("Reason"), false, true, 0 },
	};
	const int f[] = { STATUS_DATE, STATUS_FROM, STATUS_TO, STATUS_BY, -1 };
	struct table t;

	table_init(&t, cols, sizeof cols / sizeof cols[0]);
	for (size_t r = 0; r < l->count; r++) {
		const struct record *s = l->items[r];
		const char *reason = record_text(s, STATUS_REASON);
		bool forced = !s->v[STATUS_FORCED].null && s->v[STATUS_FORCED].num;
		char *cells[5];
		size_t size = (reason ? strlen(reason) : 0) + 64;

		show_cells(c, s, f, 5, cells);
		if ((cells[4] = malloc(size)))
			snprintf(cells[4], size, "%s%s%s",
				 forced ? _("(forced)") : "",
				 forced && reason ? " " : "", reason ? reason : "");
		table_add(&t, (const char *const *)cells);
		free_cells(cells, 5);
	}
	show_section(_("Status history"), &t);
	table_free(&t);
}

static void
show_notes(struct cli *c, const struct record_list *l)
{
	if (l->count == 0)
		return;
	printf("\n%s\n", _("Notes"));
	for (size_t r = 0; r < l->count; r++) {
		const struct record *n = l->items[r];
		char *date = cli_value(c, &n->def->fields[NOTE_DATE], &n->v[NOTE_DATE]);

		printf("  %zu  ", r + 1);
		output_text(stdout, date, 0);
		fputs("  ", stdout);
		output_text(stdout, record_text(n, NOTE_AUTHOR), 0);
		fputs("\n    ", stdout);
		output_indented(stdout, record_text(n, NOTE_BODY), 4);
		fputc('\n', stdout);
		free(date);
	}
}

static void
show_warning(const char *text, void *arg)
{
	bool *first = arg;

	if (*first)
		printf("\n%s\n", _("Warnings"));
	*first = false;
	fputs("  ", stdout);
	output_text(stdout, text, 0);
	fputc('\n', stdout);
}

static void
show_warnings(const struct record *p, const struct record_list *roles,
	      const struct record_list *funding)
{
	bool first = true;

	money_warnings(p, roles, funding, show_warning, &first);
}

static const struct {
	enum entity_kind kind;
} children[] = {
	{ ENT_ROLE }, { ENT_FUNDING }, { ENT_DEADLINE }, { ENT_STATUS_CHANGE },
	{ ENT_NOTE }, { ENT_OUTCOME },
};
#define NCHILDREN (sizeof children / sizeof children[0])

static void
show_text(struct cli *c, const struct record *p, struct record_list *lists)
{
	static const int roles[] = { -1, ROLE_ORGANISATION, ROLE_ROLE,
				     ROLE_BUDGET_SHARE, ROLE_COFINANCING,
				     ROLE_COFINANCING_PERCENT, ROLE_NOTE };
	static const int funding[] = { -1, FUNDING_FUNDER, FUNDING_PROGRAMME,
				       FUNDING_YEAR, FUNDING_APPLIED,
				       FUNDING_GRANTED, FUNDING_PAID,
				       FUNDING_DECISION_DATE, FUNDING_REFERENCE };
	static const int outcomes[] = { -1, OUTCOME_LABEL, OUTCOME_PRECISION,
					OUTCOME_VALUE, OUTCOME_TARGET,
					OUTCOME_UNIT, OUTCOME_KIND, OUTCOME_DATE };

	cli_print_fields(c, p);
	show_warnings(p, &lists[0], &lists[1]);
	show_children(c, _("Organisations"), &lists[0], roles,
		      sizeof roles / sizeof *roles, ROLE_NOTE);
	show_children(c, _("Funding"), &lists[1], funding,
		      sizeof funding / sizeof *funding, FUNDING_PROGRAMME);
	show_deadlines(c, &lists[2]);
	show_history(c, &lists[3]);
	show_notes(c, &lists[4]);
	show_children(c, _("Outcomes"), &lists[5], outcomes,
		      sizeof outcomes / sizeof *outcomes, OUTCOME_LABEL);
}

static void
show_json(struct cli *c, const struct record *p, struct record_list *lists)
{
	struct json_out j;

	json_init(&j, stdout);
	json_begin_object(&j);
	json_key(&j, "project");
	cli_json_record(c, &j, p, false);
	for (size_t k = 0; k < NCHILDREN; k++) {
		json_key(&j, entities[children[k].kind]->plural);
		json_begin_array(&j);
		for (size_t r = 0; r < lists[k].count; r++)
			cli_json_record(c, &j, lists[k].items[r], true);
		json_end_array(&j);
	}
	json_end_object(&j);
	json_finish(&j);
}

int
cli_cmd_show(struct cli *c, const struct cli_command *cmd, int argc,
	     char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	enum cli_format format = FORMAT_TEXT;
	struct record_list lists[NCHILDREN] = { { 0 } };
	struct record *p = NULL;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "f:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if (opt == 'f' && (rc = cli_format(cmd, optarg,
						   FORMAT_TEXT | FORMAT_JSON,
						   &format)))
			return rc;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 1, 1)) ||
	    (rc = cli_open(c, false)) ||
	    (rc = cli_project(c, argv[optind], &p)))
		return rc;
	for (size_t k = 0; k < NCHILDREN && rc == ERR_OK; k++)
		rc = cli_report(c, model_children(&c->m,
						  entities[children[k].kind],
						  p->uuid, &lists[k]));
	if (rc == ERR_OK) {
		if (format == FORMAT_JSON)
			show_json(c, p, lists);
		else
			show_text(c, p, lists);
	}
	for (size_t k = 0; k < NCHILDREN; k++)
		record_list_clear(&lists[k]);
	record_free(&p);
	return rc;
}
