/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_list.c — `salkku list` (the project table) and `salkku deadline
 * list`: filters in, rows out as an aligned table, CSV or JSON. */
#include "config.h"

#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/base/text.h"
#include "src/core/deadline.h"

/* Options of `list` as given, before they are resolved. */
struct list_args {
	struct project_query q;
	const char *funder, *partner;
	char *statuses;        /* owned copy of --status, split in place */
	char *text;            /* --text and the positional words; owned */
	enum cli_format format;
	bool sorted;           /* --sort given: no ranking of the matches */
};

static int
list_statuses(struct cli *c, struct list_args *a, const char *arg)
{
	char *save = NULL, *tok;
	size_t n = 0;

	free(a->statuses);
	if (!(a->statuses = strdup(arg)))
		return cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	for (tok = strtok_r(a->statuses, ", ", &save); tok;
	     tok = strtok_r(NULL, ", ", &save)) {
		const struct enum_def *e = enum_find(project_statuses, tok);
		char keys[256];

		if (!e)
			return cli_fail(c, ERR_INVALID, "status",
					_("unknown status '%s' (one of: %s)"), tok,
					cli_enum_keys(project_statuses, keys,
						      sizeof keys));
		if (n + 1 < sizeof a->q.statuses / sizeof a->q.statuses[0])
			a->q.statuses[n++] = e->key;
	}
	a->q.statuses[n] = NULL;
	return ERR_OK;
}

static int
list_sort(const struct cli_command *cmd, struct list_args *a, const char *arg)
{
	size_t len = strcspn(arg, ":");
	const char *dir = arg[len] ? arg + len + 1 : "asc";

	if (strcmp(dir, "asc") && strcmp(dir, "desc"))
		return cli_usage(cmd, _("--sort: '%s' is neither asc nor desc"), dir);
	a->q.descending = !strcmp(dir, "desc");
	for (int i = 0; i < SORT_COUNT; i++)
		if (strlen(project_sort_names[i]) == len &&
		    !strncmp(project_sort_names[i], arg, len)) {
			a->q.sort = (enum project_sort)i;
			return ERR_OK;
		}
	return cli_usage(cmd, _("--sort: unknown key '%.*s' (code, name, status, "
				"administrator, funder, start, end or budget)"),
			 (int)len, arg);
}

/* Appends words to a->text, space-separated. */
static int
list_words(struct cli *c, struct list_args *a, const char *words)
{
	size_t old = a->text ? strlen(a->text) : 0;
	char *grown = realloc(a->text, old + strlen(words) + 2);

	if (!grown)
		return cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	if (old)
		grown[old++] = ' ';
	strcpy(grown + old, words);
	a->text = grown;
	return ERR_OK;
}

static int
list_options(struct cli *c, const struct cli_command *cmd, struct list_args *a,
	     int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "status",  required_argument, NULL, 's' },
		{ "funder",  required_argument, NULL, 'F' },
		{ "partner", required_argument, NULL, 'P' },
		{ "theme",   required_argument, NULL, 't' },
		{ "year",    required_argument, NULL, 'y' },
		{ "text",    required_argument, NULL, 'x' },
		{ "sort",    required_argument, NULL, 'S' },
		{ "limit",   required_argument, NULL, 'n' },
		{ "format",  required_argument, NULL, 'f' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	int opt, rc = ERR_OK;
	int64_t n;

	while ((opt = cli_getopt(cmd, argc, argv, "s:F:P:t:y:x:S:n:f:",
				 longopts, &rc)) != -1) {
		switch (opt) {
		case CLI_OPT_STOP: return rc == ERR_OK ? CLI_OPT_STOP : rc;
		case 's': rc = list_statuses(c, a, optarg); break;
		case 'F': a->funder = optarg; break;
		case 'P': a->partner = optarg; break;
		case 't': a->q.theme = optarg; break;
		case 'x': rc = list_words(c, a, optarg); break;
		case 'S':
			rc = list_sort(cmd, a, optarg);
			a->sorted = true;
			break;
		case 'f':
			rc = cli_format(cmd, optarg,
					FORMAT_TABLE | FORMAT_CSV | FORMAT_JSON,
					&a->format);
			break;
		case 'y':
			if (!(rc = cli_number(cmd, "--year", optarg, 1900, 2199, &n)))
				a->q.year = (int)n;
			break;
		case 'n':
			if (!(rc = cli_number(cmd, "--limit", optarg, 1, INT64_MAX, &n)))
				a->q.limit = n;
			break;
		}
		if (rc != ERR_OK)
			return rc;
	}
	for (int i = optind; i < argc && rc == ERR_OK; i++)
		rc = list_words(c, a, argv[i]);
	return rc;
}

static void
list_table(struct cli *c, const struct project_rows *rows)
{
	const struct table_col cols[] = {
		{ _("Code"), false, false, 0 },
		{ _("Name"), false, true, 0 },
		{ _("Status"), false, false, 0 },
		{ _("Administrator"), false, false, 16 },
		{ _("Funder"), false, false, 16 },
		{ _("Start"), false, false, 0 },
		{ _("End"), false, false, 0 },
		{ _("Budget"), true, false, 0 },
	};
	struct table t;

	if (rows->count == 0) {
		printf("%s\n", _("No projects."));
		return;
	}
	table_init(&t, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < rows->count; i++) {
		const struct project_row *r = &rows->items[i];
		const struct enum_def *e = enum_find(project_statuses, r->status);
		char start[40] = "", end[40] = "", budget[40] = "";
		const char *cells[8] = {
			r->code, r->name, e ? _(e->label) : r->status,
			r->administrator, r->funder, start, end, budget,
		};

		if (r->start)
			format_date(start, sizeof start, r->start, c->style);
		if (r->end)
			format_date(end, sizeof end, r->end, c->style);
		if (r->has_budget)
			format_money(budget, sizeof budget, r->budget, c->style);
		table_add(&t, cells);
	}
	table_print(&t, stdout, output_width());
	table_free(&t);
}

static void
list_csv(const struct project_rows *rows)
{
	static const char *const header[] = {
		"code", "name", "status", "administrator", "funder", "start",
		"end", "budget", "uuid",
	};

	csv_row(stdout, header, 9);
	for (size_t i = 0; i < rows->count; i++) {
		const struct project_row *r = &rows->items[i];
		char budget[40] = "";
		const char *cells[9] = {
			r->code, r->name, r->status, r->administrator, r->funder,
			r->start, r->end, budget, r->uuid,
		};

		if (r->has_budget)
			format_money(budget, sizeof budget, r->budget, FMT_ISO);
		csv_row(stdout, cells, 9);
	}
}

static void
list_json(const struct project_rows *rows)
{
	struct json_out j;

	json_init(&j, stdout);
	json_begin_array(&j);
	for (size_t i = 0; i < rows->count; i++) {
		const struct project_row *r = &rows->items[i];

		json_begin_object(&j);
		json_kv_string(&j, "uuid", r->uuid);
		json_kv_int(&j, "version", r->version);
		json_kv_string(&j, "code", r->code);
		json_kv_string(&j, "name", r->name);
		json_kv_string(&j, "status", r->status);
		json_kv_string(&j, "administrator", r->administrator);
		json_kv_string(&j, "funder", r->funder);
		json_kv_string(&j, "start", r->start);
		json_kv_string(&j, "end", r->end);
		json_key(&j, "budget");
		if (r->has_budget)
			json_int(&j, r->budget);
		else
			json_null(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_finish(&j);
}

/* Resolves an organisation option to its uuid, kept in *rec. */
static int
list_org(struct cli *c, const char *arg, struct record **rec,
	 const char **uuid)
{
	int rc;

	if (!arg)
		return ERR_OK;
	if ((rc = cli_organisation(c, arg, rec)) == ERR_OK)
		*uuid = (*rec)->uuid;
	return rc;
}

/* A search with no word in it would match nothing: said so, as a
 * usage error, rather than an empty table that looks like an answer. */
static int
searchable(struct cli *c, const struct cli_command *cmd, const char *text)
{
	bool any = false;
	char *safe;
	int rc;

	if ((rc = cli_report(c, model_text_searchable(&c->m, text, &any))) || any)
		return rc;
	safe = text_sanitize(text, 0);
	rc = cli_usage(cmd, _("--text: '%s' has no word to search for (letters or digits)"),
		       safe ? safe : "");
	free(safe);
	return rc;
}

int
cli_cmd_list(struct cli *c, const struct cli_command *cmd, int argc,
	     char **argv)
{
	struct list_args a = { .format = FORMAT_TABLE };
	struct project_rows rows = { 0 };
	struct record *funder = NULL, *partner = NULL;
	int rc;

	if ((rc = list_options(c, cmd, &a, argc, argv)) == CLI_OPT_STOP) {
		rc = ERR_OK;
		goto out;
	}
	if (rc != ERR_OK ||
	    (rc = cli_open(c, false)) ||
	    (rc = list_org(c, a.funder, &funder, &a.q.funder)) ||
	    (rc = list_org(c, a.partner, &partner, &a.q.partner)))
		goto out;
	a.q.text = a.text;
	a.q.by_relevance = a.text && !a.sorted;
	if (a.text && (rc = searchable(c, cmd, a.text)))
		goto out;
	if ((rc = cli_report(c, model_list_projects(&c->m, &a.q, &rows))))
		goto out;
	if (a.format == FORMAT_CSV)
		list_csv(&rows);
	else if (a.format == FORMAT_JSON)
		list_json(&rows);
	else
		list_table(c, &rows);
out:
	project_rows_clear(&rows);
	record_free(&funder);
	record_free(&partner);
	free(a.statuses);
	free(a.text);
	return rc;
}

/* ---- deadline list ------------------------------------------------ */

static void
deadlines_table(struct cli *c, const struct deadline_rows *rows)
{
	const struct table_col cols[] = {
		{ "", false, false, 0 },
		{ _("Due"), false, false, 0 },
		{ _("Project"), false, false, 16 },
		{ _("Kind"), false, false, 0 },
		{ _("Title"), false, true, 0 },
		{ _("State"), false, false, 0 },
	};
	struct table t;

	if (rows->count == 0) {
		printf("%s\n", _("No deadlines."));
		return;
	}
	table_init(&t, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < rows->count; i++) {
		const struct deadline_row *r = &rows->items[i];
		const struct enum_def *e = enum_find(deadline_kinds, r->kind);
		char due[40], state[64];
		bool overdue;
		const char *cells[6] = {
			NULL, format_date(due, sizeof due, r->due, c->style),
			r->project_code, e ? _(e->label) : r->kind, r->title, state,
		};

		cli_deadline_state(c, state, sizeof state, r->due, r->done,
				   r->done_date, r->cancelled_date, &overdue);
		cells[0] = overdue ? "!" : "";
		table_add(&t, cells);
	}
	table_print(&t, stdout, output_width());
	table_free(&t);
}

static const char *
row_state(const struct deadline_row *r)
{
	return deadline_state_key(r->cancelled_date ? DEADLINE_STATE_CANCELLED
				  : r->done ? DEADLINE_STATE_DONE
				  : DEADLINE_STATE_OPEN);
}

static void
deadlines_csv(const struct deadline_rows *rows)
{
	static const char *const header[] = {
		"due", "project", "kind", "title", "done", "uuid",
		"state", "done_date", "late", "cancelled_date", "cancel_reason",
		"repeat",
	};
	const size_t n = sizeof header / sizeof header[0];

	csv_row(stdout, header, n);
	for (size_t i = 0; i < rows->count; i++) {
		const struct deadline_row *r = &rows->items[i];
		const char *cells[] = {
			r->due, r->project_code, r->kind, r->title,
			r->done ? "1" : "0", r->uuid, row_state(r), r->done_date,
			deadline_late(r->due, r->done_date) ? "1" : "0",
			r->cancelled_date, r->cancel_reason, r->repeat,
		};

		csv_row(stdout, cells, n);
	}
}

static void
json_kv_maybe(struct json_out *j, const char *key, const char *value)
{
	json_key(j, key);
	if (value)
		json_string(j, value);
	else
		json_null(j);
}

static void
deadlines_json(struct cli *c, const struct deadline_rows *rows)
{
	struct json_out j;
	char state[64];
	bool overdue;

	json_init(&j, stdout);
	json_begin_array(&j);
	for (size_t i = 0; i < rows->count; i++) {
		const struct deadline_row *r = &rows->items[i];

		cli_deadline_state(c, state, sizeof state, r->due, r->done,
				   r->done_date, r->cancelled_date, &overdue);
		json_begin_object(&j);
		json_kv_string(&j, "uuid", r->uuid);
		json_kv_string(&j, "project", r->project_code);
		json_kv_string(&j, "project_uuid", r->project_uuid);
		json_kv_string(&j, "kind", r->kind);
		json_kv_string(&j, "title", r->title);
		json_kv_string(&j, "due", r->due);
		json_key(&j, "done");
		json_bool(&j, r->done);
		json_key(&j, "overdue");
		json_bool(&j, overdue);
		json_kv_string(&j, "state", row_state(r));
		json_kv_maybe(&j, "done_date", r->done_date);
		json_key(&j, "late");
		json_bool(&j, deadline_late(r->due, r->done_date));
		json_kv_maybe(&j, "cancelled_date", r->cancelled_date);
		json_kv_maybe(&j, "cancel_reason", r->cancel_reason);
		json_kv_maybe(&j, "repeat", r->repeat);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_finish(&j);
}

int
cli_cmd_deadline_list(struct cli *c, const struct cli_command *cmd, int argc,
		      char **argv)
{
	static const struct option longopts[] = {
		{ "upcoming", required_argument, NULL, 'u' },
		{ "all",      no_argument,       NULL, 'a' },
		{ "format",   required_argument, NULL, 'f' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	enum cli_format format = FORMAT_TABLE;
	struct deadline_rows rows = { 0 };
	char today[11], until[11];
	bool all = false, upcoming = false;
	int64_t days = 0;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "u:af:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if (opt == 'a')
			all = true;
		else if (opt == 'u') {
			upcoming = true;
			rc = cli_number(cmd, "--upcoming", optarg, 0, 36500, &days);
		} else if (opt == 'f')
			rc = cli_format(cmd, optarg,
					FORMAT_TABLE | FORMAT_CSV | FORMAT_JSON,
					&format);
		if (rc != ERR_OK)
			return rc;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 0, 0)) || (rc = cli_open(c, false)))
		return rc;
	model_today(&c->m, today);
	if (upcoming && date_add_days(today, (int)days, until) < 0)
		return cli_fail(c, ERR_INVALID, NULL, _("--upcoming: too far ahead"));
	rc = cli_report(c, model_deadlines(&c->m, upcoming ? until : NULL, all,
					   &rows));
	if (rc == ERR_OK && format == FORMAT_CSV)
		deadlines_csv(&rows);
	else if (rc == ERR_OK && format == FORMAT_JSON)
		deadlines_json(c, &rows);
	else if (rc == ERR_OK)
		deadlines_table(c, &rows);
	deadline_rows_clear(&rows);
	return rc;
}
