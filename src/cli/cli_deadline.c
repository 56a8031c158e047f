/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_deadline.c — `salkku deadline`: add (once or repeating), done,
 * cancel, reopen, set, rm; `deadline list` is in cli_list.c.
 *
 * A deadline is named as the other records of a project are, by the
 * project's code and its number in `salkku show` (or its uuid), or by
 * its uuid alone, as `deadline list` and reminders print it. */
#include "config.h"

#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/deadline.h"

/* The deadline named by args[0] (a uuid) or args[0..1] (CODE N|UUID);
 * *used says how many arguments named it.  Errors printed. */
static int
deadline_find(struct cli *c, const struct cli_command *cmd, int nargs,
	      char **args, int *used, struct record **project,
	      struct record **out)
{
	int rc;

	*out = *project = NULL;
	if (nargs < 1)
		return cli_usage(cmd, "%s", _("which deadline? (CODE N, CODE UUID or UUID)"));
	if ((rc = cli_open(c, false)))
		return rc;
	if (strlen(args[0]) == UUID_LEN &&
	    model_get(&c->m, entities[ENT_DEADLINE], args[0], out) == ERR_OK) {
		*used = 1;
		return cli_project(c, record_text(*out, DEADLINE_PROJECT), project);
	}
	if (nargs < 2)
		return cli_fail(c, ERR_NOT_FOUND, NULL,
				_("there is no deadline '%s' (name one by CODE N or its uuid)"),
				args[0]);
	*used = 2;
	if ((rc = cli_project(c, args[0], project)))
		return rc;
	return cli_child(c, entities[ENT_DEADLINE], *project, args[1], out);
}

/* "“Väliraportti” (15.3.2024)" for messages. */
static char *
deadline_name(struct cli *c, const struct record *d, char *buf, size_t size)
{
	char day[40];

	snprintf(buf, size, "“%s” (%s)", record_text(d, DEADLINE_TITLE),
		 format_date(day, sizeof day, record_text(d, DEADLINE_DUE), c->style));
	return buf;
}

/* ---- add ---------------------------------------------------------- */

struct add_args {
	const char *kind, *every, *until;
	int64_t count;
};

static int
add_options(const struct cli_command *cmd, int argc, char **argv,
	    struct add_args *a, int *rc)
{
	static const struct option longopts[] = {
		{ "kind",  required_argument, NULL, 'k' },
		{ "every", required_argument, NULL, 'e' },
		{ "until", required_argument, NULL, 'u' },
		{ "count", required_argument, NULL, 'n' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	int opt;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return -1;
		if (opt == 'k')
			a->kind = optarg;
		else if (opt == 'e')
			a->every = optarg;
		else if (opt == 'u')
			a->until = optarg;
		else if (opt == 'n' &&
			 (*rc = cli_number(cmd, "--count", optarg, 1,
					   DEADLINE_SERIES_MAX, &a->count)))
			return -1;
	}
	if ((a->until || a->count) && !a->every) {
		*rc = cli_usage(cmd, "%s", _("--until and --count go with --every"));
		return -1;
	}
	return 0;
}

static int
add_say(struct cli *c, const struct record *p, const struct record *d,
	size_t added)
{
	struct deadline_rule rule;
	char name[300], rule_text[120];

	if (added == 1) {
		cli_say(_("Added deadline %s to %s (%s)."),
			deadline_name(c, d, name, sizeof name),
			record_text(p, PROJECT_CODE), d->uuid);
		return ERR_OK;
	}
	if (deadline_rule_parse(record_text(d, DEADLINE_REPEAT), &rule) < 0)
		rule_text[0] = '\0';
	else
		deadline_rule_describe(&rule, rule_text, sizeof rule_text, c->style);
	cli_say(_("Added %zu deadlines to %s, from %s %s (series %s)."), added,
		record_text(p, PROJECT_CODE), deadline_name(c, d, name, sizeof name),
		rule_text, record_text(d, DEADLINE_SERIES));
	return ERR_OK;
}

static int
deadline_add(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	struct add_args a = { 0 };
	struct record *p = NULL, *d = NULL;
	char **args;
	int nargs, i = 0, rc = ERR_OK;
	size_t added = 0;

	if (add_options(cmd, argc, argv, &a, &rc) < 0)
		return rc;
	args = argv + optind;
	nargs = argc - optind;
	if ((rc = cli_nargs(cmd, nargs, 2, -1)) || (rc = cli_open(c, false)) ||
	    (rc = cli_project(c, args[0], &p)))
		return rc;
	if (!(d = record_new(entities[ENT_DEADLINE])) ||
	    record_set_text(d, DEADLINE_PROJECT, p->uuid) < 0) {
		rc = cli_fail(c, ERR_FAILED, NULL, "%s", _("out of memory"));
		goto out;
	}
	i = 1;
	/* CODE [KIND] DATE [TITLE]: a kind is never a date. */
	if (nargs > 2 && !cli_is_assignment(args[1]) &&
	    enum_find(deadline_kinds, args[1])) {
		if (a.kind) {
			rc = cli_usage(cmd, "%s", _("the kind is given twice"));
			goto out;
		}
		a.kind = args[i++];
	}
	if ((rc = cli_report(c, model_parse_field(&c->m, d, DEADLINE_KIND,
						  a.kind ? a.kind : "other"))) ||
	    (rc = cli_report(c, model_parse_field(&c->m, d, DEADLINE_DUE, args[i++]))))
		goto out;
	if (i < nargs && !cli_is_assignment(args[i]) &&
	    (rc = cli_report(c, model_parse_field(&c->m, d, DEADLINE_TITLE, args[i++]))))
		goto out;
	for (; i < nargs && rc == ERR_OK; i++)
		rc = cli_is_assignment(args[i])
		     ? cli_assign(c, d, 1, &args[i])
		     : cli_usage(cmd, _("'%s' is not FIELD=VALUE"), args[i]);
	if (rc == ERR_OK &&
	    !(rc = cli_report(c, model_deadline_add(&c->m, d, a.every, a.until,
						    (int)a.count, &added))))
		rc = add_say(c, p, d, added);
out:
	record_free(&d);
	record_free(&p);
	return rc;
}

/* ---- done, cancel, reopen ----------------------------------------- */

enum state_change { TO_DONE, TO_CANCELLED, TO_OPEN };

static int
state_command(struct cli *c, const struct cli_command *cmd, int argc,
	      char **argv, enum state_change to)
{
	static const struct option longopts[] = {
		{ "date",   required_argument, NULL, 'd' },
		{ "reason", required_argument, NULL, 'r' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	const char *date = NULL, *reason = NULL;
	struct record *p = NULL, *d = NULL;
	char name[300], day[40];
	int opt, used = 0, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if ((opt == 'd' && to == TO_OPEN) || (opt == 'r' && to != TO_CANCELLED))
			return cli_usage(cmd, _("'%s' does not go with this command"),
					 argv[optind - 1]);
		if (opt == 'd')
			date = optarg;
		else
			reason = optarg;
	}
	if (to == TO_CANCELLED && !reason)
		return cli_usage(cmd, "%s", _("say why with --reason TEXT"));
	if ((rc = deadline_find(c, cmd, argc - optind, argv + optind, &used, &p, &d)))
		goto out;
	if ((rc = cli_nargs(cmd, argc - optind - used, 0, 0)))
		goto out;
	if (to == TO_DONE)
		rc = model_deadline_done(&c->m, d, date);
	else if (to == TO_CANCELLED)
		rc = model_deadline_cancel(&c->m, d, reason, date);
	else
		rc = model_deadline_reopen(&c->m, d);
	if ((rc = cli_report(c, rc)))
		goto out;
	deadline_name(c, d, name, sizeof name);
	if (to == TO_DONE)
		cli_say(_("Done: %s of %s, on %s%s."), name, record_text(p, PROJECT_CODE),
			format_date(day, sizeof day, record_text(d, DEADLINE_DONE_DATE), c->style),
			deadline_late(record_text(d, DEADLINE_DUE),
				      record_text(d, DEADLINE_DONE_DATE)) ? _(" (late)") : "");
	else if (to == TO_CANCELLED)
		cli_say(_("Cancelled: %s of %s."), name, record_text(p, PROJECT_CODE));
	else
		cli_say(_("Open again: %s of %s."), name, record_text(p, PROJECT_CODE));
out:
	record_free(&d);
	record_free(&p);
	return rc;
}

static int
deadline_done(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	return state_command(c, cmd, argc, argv, TO_DONE);
}

static int
deadline_cancel(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	return state_command(c, cmd, argc, argv, TO_CANCELLED);
}

static int
deadline_reopen(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	return state_command(c, cmd, argc, argv, TO_OPEN);
}

/* ---- set, rm ------------------------------------------------------ */

static int
series_option(const struct cli_command *cmd, int argc, char **argv,
	      bool *series, int64_t *version, int *rc)
{
	static const struct option longopts[] = {
		{ "series",     no_argument,       NULL, 's' },
		{ "if-version", required_argument, NULL, 'v' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	int opt;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return -1;
		if (opt == 's')
			*series = true;
		else if (opt == 'v' &&
			 (*rc = cli_number(cmd, "--if-version", optarg, 1,
					   INT64_MAX, version)))
			return -1;
	}
	return 0;
}

static int
deadline_set(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	struct record *p = NULL, *d = NULL, *base = NULL;
	bool series = false;
	int64_t version = 0;
	size_t changed = 0;
	int used = 0, rc = ERR_OK;

	if (series_option(cmd, argc, argv, &series, &version, &rc) < 0)
		return rc;
	if ((rc = deadline_find(c, cmd, argc - optind, argv + optind, &used, &p, &d)))
		goto out;
	if ((rc = cli_nargs(cmd, argc - optind - used, 1, -1)))
		goto out;
	for (int i = optind + used; i < argc && rc == ERR_OK; i++)
		if (!cli_is_assignment(argv[i]))
			rc = cli_usage(cmd, _("'%s' is not FIELD=VALUE"), argv[i]);
	if (rc)
		goto out;
	if (version)
		d->version = version;
	if (series && d->v[DEADLINE_SERIES].null) {
		rc = cli_fail(c, ERR_INVALID, "series", "%s",
			      _("series: this deadline does not repeat"));
		goto out;
	}
	if (!(base = record_dup(d))) {
		rc = cli_fail(c, ERR_FAILED, NULL, "%s", _("out of memory"));
		goto out;
	}
	if ((rc = cli_assign(c, d, argc - optind - used, argv + optind + used)))
		goto out;
	if (series) {
		if (!(rc = cli_report(c, model_deadline_update_series(&c->m, base, d,
								      &changed))))
			cli_say(_("Updated %zu deadlines of the series of %s."), changed,
				record_text(p, PROJECT_CODE));
	} else if (!(rc = cli_report(c, model_update(&c->m, d)))) {
		char name[300];

		cli_say(_("Updated deadline %s of %s (version %lld)."),
			deadline_name(c, d, name, sizeof name),
			record_text(p, PROJECT_CODE), (long long)d->version);
	}
out:
	record_free(&base);
	record_free(&d);
	record_free(&p);
	return rc;
}

static int
deadline_rm(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	struct record *p = NULL, *d = NULL;
	bool series = false;
	int64_t version = 0;
	size_t deleted = 0;
	int used = 0, rc = ERR_OK;
	char name[300];

	if (series_option(cmd, argc, argv, &series, &version, &rc) < 0)
		return rc;
	if ((rc = deadline_find(c, cmd, argc - optind, argv + optind, &used, &p, &d)) ||
	    (rc = cli_nargs(cmd, argc - optind - used, 0, 0)))
		goto out;
	if (version)
		d->version = version;
	deadline_name(c, d, name, sizeof name);
	if (series && d->v[DEADLINE_SERIES].null)
		rc = cli_fail(c, ERR_INVALID, "series", "%s",
			      _("series: this deadline does not repeat"));
	else if (series) {
		if (!(rc = cli_report(c, model_deadline_delete_series(&c->m, d, &deleted))))
			cli_say(_("Deleted %zu deadlines of the series of %s."), deleted,
				record_text(p, PROJECT_CODE));
	} else if (!(rc = cli_report(c, model_delete(&c->m, d))))
		cli_say(_("Deleted deadline %s of %s."), name, record_text(p, PROJECT_CODE));
out:
	record_free(&d);
	record_free(&p);
	return rc;
}

/* ---- remind ------------------------------------------------------- */

static void
remind_section(struct cli *c, const struct deadline_rows *rows, bool overdue,
	       const char *heading)
{
	bool first = true;

	for (size_t i = 0; i < rows->count; i++) {
		const struct deadline_row *r = &rows->items[i];
		char due[40], state[64];
		bool late;

		cli_deadline_state(c, state, sizeof state, r->due, false, NULL,
				   NULL, &late);
		if (late != overdue)
			continue;
		if (first)
			printf("%s\n", heading);
		first = false;
		cli_say("  %s  %s  %s (%s)  %s",
			format_date(due, sizeof due, r->due, c->style),
			r->project_code, r->title, state, r->uuid);
	}
	if (!first)
		putchar('\n');
}

int
cli_cmd_remind(struct cli *c, const struct cli_command *cmd, int argc,
	       char **argv)
{
	static const struct option longopts[] = {
		{ "days", required_argument, NULL, 'd' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	struct deadline_rows rows = { 0 };
	char today[11], until[11], heading[128];
	int64_t days = 14;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "d:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if ((rc = cli_number(cmd, "--days", optarg, 0, 3650, &days)))
			return rc;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 0, 0)) || (rc = cli_open(c, false)))
		return rc;
	model_today(&c->m, today);
	if (date_add_days(today, (int)days, until) < 0)
		return cli_fail(c, ERR_INVALID, NULL, "%s", _("--days: too far ahead"));
	if ((rc = cli_report(c, model_deadlines(&c->m, until, false, &rows))))
		return rc;
	/* Nothing due, nothing printed: cron then sends no mail. */
	remind_section(c, &rows, true, _("Overdue:"));
	snprintf(heading, sizeof heading, _("Due in the next %d days:"), (int)days);
	remind_section(c, &rows, false, heading);
	deadline_rows_clear(&rows);
	return ERR_OK;
}

static const struct cli_command deadline_commands[] = {
	{ "add", deadline_add,
	  N_("deadline add CODE [KIND] DATE [TITLE] [FIELD=VALUE]... [--every N{weeks|months} --until DATE|--count N]"),
	  N_("Add a deadline to a project, once or repeating."),
	  N_("  KIND, --kind KIND  application_due, decision_expected, report_due,\n"
	     "                     steering_meeting, payment or other (default)\n"
	     "  TITLE              default: the kind and the date (\"Payment 15.3.2024\")\n"
	     "  --every N{weeks|months}  repeat every N weeks or months (2months)\n"
	     "  --until DATE       the last day of the series\n"
	     "  --count N          the number of deadlines in the series"),
	  CMD_WRITES },
	{ "done", deadline_done, N_("deadline done CODE N|UUID [--date DATE]"),
	  N_("Mark a deadline done (CODE N, CODE UUID or UUID)."),
	  N_("  --date DATE        when it was done (default: today)"), CMD_WRITES },
	{ "cancel", deadline_cancel,
	  N_("deadline cancel CODE N|UUID --reason TEXT [--date DATE]"),
	  N_("Cancel a deadline, saying why."),
	  N_("  --reason TEXT      why it is cancelled (required)\n"
	     "  --date DATE        when (default: today)"), CMD_WRITES },
	{ "reopen", deadline_reopen, N_("deadline reopen CODE N|UUID"),
	  N_("Open a done or cancelled deadline again."), NULL, CMD_WRITES },
	{ "set", deadline_set,
	  N_("deadline set CODE N|UUID FIELD=VALUE... [--series] [--if-version V]"),
	  N_("Change a deadline, or with --series every open one of its series."),
	  N_("  --series           change every open deadline of the series (not\n"
	     "                     the due date, which follows the rule)\n"
	     "  --if-version V     refuse unless the deadline is still at version V"),
	  CMD_WRITES },
	{ "rm", deadline_rm, N_("deadline rm CODE N|UUID [--series]"),
	  N_("Delete a deadline, or with --series its whole series."),
	  N_("  --series           delete every deadline of the series"), CMD_WRITES },
	{ "list", cli_cmd_deadline_list,
	  N_("deadline list [--upcoming DAYS] [--all] [--format table|csv|json]"),
	  N_("List open deadlines of every project, overdue ones marked with !."),
	  N_("  --upcoming DAYS    only those due within DAYS days (and overdue)\n"
	     "  --all              done and cancelled ones too\n"
	     "  --format FORMAT    table (default), csv or json"), 0 },
};

CLI_GROUP(cli_cmd_deadline, "deadline", deadline_commands)
