/* SPDX-License-Identifier: EUPL-1.2 */
/* cli.c — the command line: global options, the command table and what
 * every command shares (options, opening the database, errors).
 *
 * Commands are rows of a table, not cases of a switch: adding one is a
 * handler in the file of its area and a row here (or in its group's
 * table), which also gives it its --help and its line in `salkku
 * --help`. */
#include "config.h"

#include "cli.h"
#include "cli_main.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/i18n.h"
#include "src/base/text.h"

static const struct cli_command commands[] = {
	{ "init", cli_cmd_init, N_("init [--demo] [--force] [--shared GROUP]"),
	  N_("Create the database (migrating an older one); --demo loads the demo portfolio."),
	  N_("  --demo      load the demo portfolio into an empty database\n"
	     "  --force     remove an existing database first and start anew\n"
	     "  --shared GROUP  make the database's directory and files usable by\n"
	     "              GROUP (directory 2770, files 0660), nothing for others"),
	  CMD_WRITES },
	{ "demo", cli_cmd_demo, "demo",
	  N_("Open a fresh demo database in the terminal interface."), NULL,
	  CMD_SCREEN },
	{ "list", cli_cmd_list, N_("list [OPTION]... [WORDS]..."),
	  N_("List projects, filtered and sorted."),
	  N_("  --status S[,S]...  only projects in these statuses\n"
	     "  --funder ORG       only projects this organisation funds\n"
	     "  --partner ORG      only projects this organisation takes part in\n"
	     "  --theme THEME      only projects with this theme\n"
	     "  --year YYYY        only projects running during this year\n"
	     "  --text WORDS       only projects matching these words (as WORDS)\n"
	     "  --sort KEY[:desc]  code, name, status, administrator, funder,\n"
	     "                     start, end or budget\n"
	     "  --limit N          at most N projects\n"
	     "  --format FORMAT    table (default), csv or json"),
	  0 },
	{ "show", cli_cmd_show, N_("show CODE [--format text|json]"),
	  N_("Show everything about one project."),
	  N_("  --format FORMAT    text (default) or json"), 0 },
	{ "add", cli_cmd_add, N_("add CODE NAME [FIELD=VALUE]... [--status S]"),
	  N_("Add a project."),
	  N_("  --status S         its first status (default: idea)\n"
	     "FIELD is one of the project fields listed in salkku(1)."),
	  CMD_WRITES },
	{ "set", cli_cmd_set, N_("set CODE FIELD=VALUE... [--if-version N]"),
	  N_("Change fields of a project."),
	  N_("  --if-version N     refuse (exit status 5) unless the project is\n"
	     "                     still at version N"),
	  CMD_WRITES },
	{ "rm", cli_cmd_rm, N_("rm CODE --yes"),
	  N_("Delete a project and everything that belongs to it."),
	  N_("  --yes              really delete"), CMD_WRITES },
	{ "status", cli_cmd_status,
	  N_("status CODE STATUS [--note REASON] [--date DATE] [--force] [--if-version N] [--deadlines done|cancel|keep]"),
	  N_("Move a project to another status."),
	  N_("  --note REASON      why (kept in the status history)\n"
	     "  --date DATE        when (default: today)\n"
	     "  --force            allow a move the workflow does not foresee\n"
	     "  --if-version N     refuse unless the project is at version N\n"
	     "  --deadlines WHAT   on closing (closed, rejected, cancelled,\n"
	     "                     withdrawn), what becomes of open deadlines:\n"
	     "                     done, cancel (for the --note) or keep;\n"
	     "                     without it, a project with open deadlines\n"
	     "                     is not closed"),
	  CMD_WRITES },
	{ "org", cli_cmd_org, "org list|show|add|set|rm ...",
	  N_("List, show and edit organisations."), NULL, 0 },
	{ "role", cli_cmd_role, "role add|set|rm ...",
	  N_("Give an organisation a role in a project, change it or take it away."),
	  NULL, 0 },
	{ "funding", cli_cmd_funding, "funding add|set|rm ...",
	  N_("Edit the funding lines of a project."), NULL, 0 },
	{ "deadline", cli_cmd_deadline, N_("deadline add|done|cancel|reopen|set|rm|list ..."),
	  N_("Add, complete and list deadlines."), NULL, 0 },
	{ "remind", cli_cmd_remind, N_("remind [--days N]"),
	  N_("Print what is due in the next N days and what is overdue, for cron mail."),
	  N_("  --days N           how far ahead (default: 14)\n"
	     "Prints nothing when nothing is due, so that cron sends no mail."), 0 },
	{ "note", cli_cmd_note, N_("note add|rm ..."),
	  N_("Add a note to a project, or delete one."), NULL, 0 },
	{ "outcome", cli_cmd_outcome, N_("outcome add|set|rm|list ..."),
	  N_("Record, change, delete and list outcome figures."), NULL, 0 },
	{ "report", cli_cmd_report,
	  N_("report [--year Y | --from DATE --to DATE] [--funder ORG] [--centre ORG] [--format F] [--csv-dialect D] [-o FILE]"),
	  N_("The year (or a period) in numbers: projects, money, outcomes, deadlines."),
	  N_("  --year YYYY        the calendar year (default: this year)\n"
	     "  --from DATE, --to DATE  any other period\n"
	     "  --funder ORG       only this funder's projects and funding lines\n"
	     "  --centre ORG       whose report (default: the competence centre in\n"
	     "                     most projects)\n"
	     "  --format FORMAT    text (default), md, html, csv or xlsx\n"
	     "  --csv-dialect D    plain (default) or excel-fi (';', BOM, decimal comma)\n"
	     "  -o, --output FILE  write to FILE (xlsx needs one)"), 0 },
	{ "log", cli_cmd_log, N_("log [CODE] [--limit N] [--format table|json]"),
	  N_("Show the change history, newest first."),
	  N_("  --limit N          at most N changes\n"
	     "  --format FORMAT    table (default) or json"), 0 },
	{ "export", cli_cmd_export,
	  N_("export [--format json|csv|ics|xlsx] [-o FILE] [--project CODE]... [--no-notes] [--no-log] [--no-money] [--upcoming DAYS] [--with-project-dates]"),
	  N_("Write the whole portfolio (or some projects) as JSON, the projects as CSV, the deadlines as iCalendar or the whole portfolio as a workbook (xlsx)."),
	  N_("  --format FORMAT    json (default), csv, ics (iCalendar) or xlsx\n"
	     "  -o, --output FILE  write to FILE instead of standard output\n"
	     "                     (xlsx needs one)\n"
	     "  -p, --project CODE only this project (repeatable; default: every\n"
	     "                     project); in JSON with the organisations it\n"
	     "                     names, for another centre\n"
	     "json only:\n"
	     "  --no-notes         leave the notes out\n"
	     "  --no-log           leave the change log out\n"
	     "  --no-money         leave out budgets, shares and sums\n"
	     "ics only:\n"
	     "  --upcoming DAYS    only those due from today to DAYS days ahead\n"
	     "  --with-project-dates  also the projects' start and end dates"), 0 },
	{ "import", cli_cmd_import,
	  N_("import FILE [--format json|csv] [--dry-run] [--ours | --theirs] [--ours=RECORD]... [--theirs=RECORD]..."),
	  N_("Read records from a JSON or CSV file (\"-\": standard input)."),
	  N_("  --format FORMAT    json or csv (default: from the file name)\n"
	     "  --dry-run          show what would be added, updated, left and in\n"
	     "                     conflict, but write nothing\n"
	     "  --ours             settle conflicts by keeping the database's values\n"
	     "  --theirs           settle conflicts by taking the file's values\n"
	     "  --ours=RECORD      keep the database's values for one record: its\n"
	     "                     uuid, a project's code (with its records) or an\n"
	     "                     organisation's name (repeatable)\n"
	     "  --theirs=RECORD    take the file's values for one record"),
	  CMD_WRITES },
	{ "check", cli_cmd_check, N_("check [--reindex]"),
	  N_("Check the integrity of the database."),
	  N_("  --reindex          first rebuild the search index from the projects"),
	  0 },
	{ "backup", cli_cmd_backup, N_("backup FILE"),
	  N_("Copy the database to FILE, consistently, while others work."),
	  NULL, 0 },
	{ "restore", cli_cmd_restore, N_("restore FILE [--force]"),
	  N_("Put a backup back in place of the database."),
	  N_("  --force     even when the database has changes newer than the backup"),
	  CMD_WRITES },
	{ "access", cli_cmd_access, N_("access list|grant|revoke ..."),
	  N_("Show, grant and revoke access to a shared database (ACLs)."),
	  NULL, 0 },
	{ "complete", cli_cmd_complete,
	  "complete codes|orgs|fields [ENTITY]|values ENTITY FIELD",
	  N_("List words for shell completion, one per line."),
	  N_("  codes              the project codes in the database\n"
	     "  orgs               the organisations' short names (else names)\n"
	     "  fields [ENTITY]    the fields FIELD=VALUE may name (default: project)\n"
	     "  values ENTITY FIELD  the values of a field with a fixed set"),
	  0 },
};

static void
print_table_help(const char *group, const struct cli_command *table,
		 size_t n, FILE *out)
{
	char buf[64];

	fprintf(out, "%s\n", _("Commands:"));
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "  %s  %s\n",
			text_pad(buf, sizeof buf, table[i].name, 9, false),
			_(table[i].summary));
	}
	fputc('\n', out);
	fprintf(out, _("Run 'salkku %s%sCOMMAND --help' for the options of a command.\n"),
		group ? group : "", group ? " " : "");
}

static void
print_main_help(void)
{
	printf("%s\n", _("usage: salkku [OPTION]... [COMMAND [ARG]...]"));
	printf("%s\n\n", _("Track the project portfolio of a social-welfare competence centre.\n"
			   "With no command, opens the terminal interface."));
	printf("%s\n", _("Options:\n"
			 "  --db PATH    the database (default: $SALKKU_DB, else the\n"
			 "               \"database\" of the config file, else\n"
			 "               $XDG_DATA_HOME/salkku/salkku.db)\n"
			 "  --read-only  open the database read-only\n"
			 "  --help       show this help\n"
			 "  --version    show the version\n"));
	print_table_help(NULL, commands, sizeof commands / sizeof commands[0],
			 stdout);
}

static void
print_command_help(const struct cli_command *cmd)
{
	printf(_("usage: salkku %s\n"), _(cmd->usage));
	printf("%s\n", _(cmd->summary));
	if (cmd->help)
		printf("\n%s\n", _(cmd->help));
}

int
cli_usage(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fputs("salkku: ", stderr);
	output_text(stderr, msg, 0);
	fputc('\n', stderr);
	fprintf(stderr, _("usage: salkku %s\n"),
		cmd ? _(cmd->usage) : _("[OPTION]... [COMMAND [ARG]...]"));
	return ERR_USAGE;
}

void
cli_say(const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	output_text(stdout, msg, TEXT_KEEP_NEWLINES);
	fputc('\n', stdout);
}

int
cli_dispatch(struct cli *c, const char *group,
	     const struct cli_command *table, size_t n, int argc, char **argv)
{
	const struct cli_command *cmd = NULL;

	if (argc == 0) {
		fprintf(stderr, _("salkku %s: which command?\n"), group);
		print_table_help(group, table, n, stderr);
		return ERR_USAGE;
	}
	if (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h") ||
	    !strcmp(argv[0], "help")) {
		if (group)
			printf(_("usage: salkku %s COMMAND [ARG]...\n\n"), group);
		else if (argc > 1)
			return cli_dispatch(c, group, table, n, 2,
					    (char *[]){ argv[1], (char *)"--help", NULL });
		else {
			print_main_help();
			return ERR_OK;
		}
		print_table_help(group, table, n, stdout);
		return ERR_OK;
	}
	for (size_t i = 0; i < n && !cmd; i++)
		if (!strcmp(table[i].name, argv[0]))
			cmd = &table[i];
	if (!cmd) {
		char what[128], help[64];

		snprintf(what, sizeof what, "%s%s%s", group ? group : "",
			 group ? " " : "", argv[0]);
		snprintf(help, sizeof help, "salkku %s%s--help",
			 group ? group : "", group ? " " : "");
		return cli_usage(NULL, _("unknown command '%s' (see %s)"),
				 what, help);
	}
	if ((cmd->flags & CMD_WRITES) && c->read_only) {
		for (int i = 1; i < argc; i++)
			if (!strcmp(argv[i], "--help"))
				goto run;
		return cli_usage(cmd, _("'%s' changes the database, which --read-only forbids"),
				 cmd->name);
	}
run:
	if (!(cmd->flags & CMD_SCREEN))
		cli_charset_setup(c);
	optind = 0;
	return cmd->run(c, cmd, argc, argv);
}

int
cli_getopt(const struct cli_command *cmd, int argc, char **argv,
	   const char *shortopts, const struct option *longopts, int *rc)
{
	char spec[64];
	const char *arg;
	int opt;

	snprintf(spec, sizeof spec, ":h%s", shortopts);
	opterr = 0;
	opt = getopt_long(argc, argv, spec, longopts, NULL);
	if (opt == 'h') {
		print_command_help(cmd);
		*rc = ERR_OK;
		return CLI_OPT_STOP;
	}
	if (opt != '?' && opt != ':')
		return opt;
	arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	if (strncmp(arg, "--", 2) != 0 && optopt)
		*rc = opt == ':'
		      ? cli_usage(cmd, _("option -%c needs a value"), optopt)
		      : cli_usage(cmd, _("unknown option -%c"), optopt);
	else
		*rc = opt == ':'
		      ? cli_usage(cmd, _("option %s needs a value"), arg)
		      : cli_usage(cmd, _("unknown option %s"), arg);
	return CLI_OPT_STOP;
}

int
cli_nargs(const struct cli_command *cmd, int nargs, int min, int max)
{
	if (nargs < min)
		return cli_usage(cmd, _("missing argument"));
	if (max >= 0 && nargs > max)
		return cli_usage(cmd, _("too many arguments"));
	return ERR_OK;
}

int
cli_number(const struct cli_command *cmd, const char *opt, const char *arg,
	   int64_t min, int64_t max, int64_t *out)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(arg, &end, 10);
	if (errno || end == arg || *end || n < min || n > max)
		return cli_usage(cmd, _("%s: '%s' is not a whole number from %lld to %lld"),
				 opt, arg, (long long)min, (long long)max);
	*out = n;
	return ERR_OK;
}

int
cli_format(const struct cli_command *cmd, const char *arg, unsigned allowed,
	   enum cli_format *out)
{
	static const struct { const char *name; enum cli_format f; } names[] = {
		{ "table", FORMAT_TABLE }, { "text", FORMAT_TEXT },
		{ "csv", FORMAT_CSV }, { "json", FORMAT_JSON },
		{ "ics", FORMAT_ICS }, { "xlsx", FORMAT_XLSX },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if ((allowed & names[i].f) && !strcmp(arg, names[i].name)) {
			*out = names[i].f;
			return ERR_OK;
		}
	return cli_usage(cmd, _("--format: unknown format '%s'"), arg);
}

char *
cli_enum_keys(const struct enum_def *enums, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (const struct enum_def *e = enums; e->key && len < size; e++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					e == enums ? "" : ", ", enum_label(enums, e->key));
	return buf;
}

const char *
cli_db_path(struct cli *c)
{
	struct db_location loc;

	if (c->path)
		return c->path;
	if (cli_report(c, db_locate(c->db_option, NULL, &loc, &c->m.err)))
		return NULL;
	c->path = loc.path;
	c->path_source = loc.source;
	c->path_config = loc.config;
	return c->path;
}

int
cli_open(struct cli *c, bool create)
{
	unsigned flags = 0;
	int rc;

	if (c->opened)
		return ERR_OK;
	if (!cli_db_path(c))
		return c->m.err.code ? c->m.err.code : ERR_FAILED;
	if (c->read_only)
		flags |= MODEL_READONLY;
	else if (create)
		flags |= MODEL_CREATE;
	rc = model_open(&c->m, c->path, flags);
	if (rc == ERR_NOT_FOUND && !(flags & MODEL_CREATE)) {
		char why[sizeof c->m.err.message];

		snprintf(why, sizeof why, "%s", c->m.err.message);
		return cli_fail(c, rc, NULL,
				_("%s; create one with 'salkku init'"), why);
	}
	if (rc != ERR_OK)
		return cli_report(c, rc);
	if (c->m.notice[0])
		fprintf(stderr, "salkku: %s\n", c->m.notice);
	c->opened = true;
	return ERR_OK;
}

/* True when msg holds "field:" as a word of its own. */
static bool
names_field(const char *msg, const char *field)
{
	size_t len = strlen(field);

	for (const char *p = strstr(msg, field); p; p = strstr(p + 1, field))
		if ((p == msg || p[-1] == ' ') && p[len] == ':')
			return true;
	return false;
}

int
cli_report(struct cli *c, int rc)
{
	const struct error *e = &c->m.err;
	const char *msg, *field;

	if (rc == ERR_OK)
		return rc;
	msg = e->message[0] ? e->message : _(error_name(rc));
	fputs("salkku: ", stderr);
	/* The model's message may name the field itself ("budget: ...",
	 * "file:3: Budjetti: ..."); say it once, as the locale names it. */
	field = e->field[0] ? field_name_shown(e->field) : NULL;
	if (field && !names_field(msg, field)) {
		output_text(stderr, field, 0);
		fputs(": ", stderr);
	}
	output_text(stderr, msg, TEXT_KEEP_NEWLINES);
	if (rc == ERR_CONFLICT && e->changed_by[0] && !strstr(msg, e->changed_by)) {
		char when[64], saved[256];

		snprintf(saved, sizeof saved, _("%s saved version %lld on %s"),
			 e->changed_by, (long long)e->current_version,
			 cli_when(c, when, sizeof when, e->changed_at));
		fputs(": ", stderr);
		output_text(stderr, saved, 0);
	}
	fputc('\n', stderr);
	return rc;
}

int
cli_fail(struct cli *c, enum err_code code, const char *field,
	 const char *fmt, ...)
{
	va_list ap;

	error_clear(&c->m.err);
	c->m.err.code = code;
	if (field)
		snprintf(c->m.err.field, sizeof c->m.err.field, "%s", field);
	va_start(ap, fmt);
	vsnprintf(c->m.err.message, sizeof c->m.err.message, fmt, ap);
	va_end(ap);
	return cli_report(c, code);
}

int
cli_project(struct cli *c, const char *code, struct record **out)
{
	int rc = model_project(&c->m, code, out);

	if (rc == ERR_NOT_FOUND && !c->m.err.message[0])
		return cli_fail(c, rc, NULL, _("no project %s"), code);
	return cli_report(c, rc);
}

int
cli_organisation(struct cli *c, const char *text, struct record **out)
{
	int rc = model_organisation(&c->m, text, out);

	if (rc == ERR_NOT_FOUND && !c->m.err.message[0])
		return cli_fail(c, rc, NULL, _("no organisation %s"), text);
	return cli_report(c, rc);
}

/* A letter of a field's name or label: ASCII letters and any byte of a
 * multibyte UTF-8 character ("budjetti", "Henkilötyövuodet"). */
static bool
name_char(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       ch >= 0x80 || ch == '_';
}

bool
cli_is_assignment(const char *arg)
{
	const unsigned char *p = (const unsigned char *)arg;

	if (!name_char(*p))
		return false;
	while (name_char(*p) || (*p >= '0' && *p <= '9') || *p == '-')
		p++;
	return *p == '=';
}

int
cli_assign(struct cli *c, struct record *rec, int n, char **assignments)
{
	for (int i = 0; i < n; i++) {
		int rc = model_assign(&c->m, rec, assignments[i]);

		if (rc != ERR_OK)
			return cli_report(c, rc);
	}
	return ERR_OK;
}

int
cli_child(struct cli *c, const struct entity_def *def,
	  const struct record *project, const char *which, struct record **out)
{
	struct record_list list = { 0 };
	char *end;
	long n;
	int rc;

	*out = NULL;
	rc = model_children(&c->m, def, project->uuid, &list);
	if (rc != ERR_OK)
		return cli_report(c, rc);
	n = strtol(which, &end, 10);
	for (size_t i = 0; i < list.count && !*out; i++)
		if ((*which && !*end) ? (long)i + 1 == n
				      : !strcasecmp(list.items[i]->uuid, which)) {
			*out = list.items[i];
			list.items[i] = NULL;
		}
	record_list_clear(&list);
	if (!*out)
		return cli_fail(c, ERR_NOT_FOUND, NULL,
				_("%s has no %s '%s' (numbers and uuids are shown by 'salkku show %s')"),
				record_text(project, PROJECT_CODE), def->name, which,
				record_text(project, PROJECT_CODE));
	return ERR_OK;
}

static int
main_usage(const char *fmt, const char *arg)
{
	return cli_usage(NULL, fmt, arg);
}

int
cli_main(int argc, char **argv, ui_run_fn ui_run)
{
	static const struct option longopts[] = {
		{ "db",        required_argument, NULL, 'd' },
		{ "read-only", no_argument,       NULL, 'r' },
		{ "help",      no_argument,       NULL, 'h' },
		{ "version",   no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli c = { .ui_run = ui_run, .style = format_style_from_locale() };
	int opt, rc;

	opterr = 0;
	optind = 0;
	while ((opt = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			c.db_option = optarg;
			break;
		case 'r':
			c.read_only = true;
			break;
		case 'h':
			cli_charset_setup(&c);
			print_main_help();
			return ERR_OK;
		case 'V':
			printf("salkku %s\n", PACKAGE_VERSION);
			return ERR_OK;
		case ':':
			return main_usage(_("option %s needs a value"), argv[optind - 1]);
		default:
			return main_usage(_("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		rc = cli_run_tui(&c);
	else
		rc = cli_dispatch(&c, NULL, commands,
				  sizeof commands / sizeof commands[0],
				  argc - optind, argv + optind);
	if (c.opened)
		model_close(&c.m);
	free(c.path);
	free(c.path_config);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("salkku: cannot write the output: %s\n"),
			strerror(errno));
		if (rc == ERR_OK)
			rc = ERR_FAILED;
	}
	return rc;
}

int
cli_rm_args(const struct cli_command *cmd, int argc, char **argv,
	    const char *refusal, bool *done)
{
	static const struct option longopts[] = {
		{ "yes", no_argument, NULL, 'y' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	bool yes = false;
	int opt, rc = ERR_OK;

	*done = false;
	while ((opt = cli_getopt(cmd, argc, argv, "y", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP) {
			*done = true;
			return rc;
		}
		yes = yes || opt == 'y';
	}
	if ((rc = cli_nargs(cmd, argc - optind, 1, 1)))
		return rc;
	if (!yes)
		return cli_usage(cmd, refusal, argv[optind]);
	return ERR_OK;
}
