/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_io.c — the whole database at once: init, demo, export, import,
 * check and the change log; and the hand-over to the terminal UI. */
#include "config.h"

#include "cli.h"
#include "cli_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/base/i18n.h"
#include "src/core/report.h"
#include "src/core/shared.h"
#include "src/base/text.h"

int
cli_read_stdin(struct cli *c, const char *field, char **out)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *nul;
	ssize_t n;

	*out = NULL;
	while (buf && (n = read(STDIN_FILENO, buf + len, cap - len - 1)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return cli_fail(c, ERR_FAILED, field,
					_("%s: cannot read standard input: %s"),
					field, strerror(errno));
		}
		len += (size_t)n;
		if (cap - len < 2) {
			char *grown = realloc(buf, cap *= 2);

			if (!grown)
				free(buf);
			buf = grown;
		}
	}
	if (!buf)
		return cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	if ((nul = memchr(buf, '\0', len))) {
		size_t at = (size_t)(nul - buf);

		free(buf);
		return cli_fail(c, ERR_INVALID, field,
				_("%s: standard input holds a NUL byte (at byte %zu); the text must be plain UTF-8 text"),
				field, at + 1);
	}
	while (len > 0 && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	*out = buf;
	return ERR_OK;
}

/* Removes a database file and the WAL files beside it. */
static int
remove_database(struct cli *c, const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char name[4096];

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
		if (unlink(name) < 0 && errno != ENOENT)
			return cli_fail(c, ERR_FAILED, NULL, _("cannot remove %s: %s"),
					name, strerror(errno));
	}
	return ERR_OK;
}

static int64_t
count_projects(struct cli *c)
{
	struct project_query q = { .limit = 0 };
	int64_t matching = 0, total = 0;

	if (model_count_projects(&c->m, &q, &matching, &total) != ERR_OK)
		return -1;
	return total;
}

int
cli_cmd_init(struct cli *c, const struct cli_command *cmd, int argc,
	     char **argv)
{
	static const struct option longopts[] = {
		{ "demo",  no_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'f' },
		{ "shared", required_argument, NULL, 's' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	bool demo = false, force = false;
	const char *group = NULL;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		demo = demo || opt == 'd';
		force = force || opt == 'f';
		if (opt == 's')
			group = optarg;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 0, 0)))
		return rc;
	if (!cli_db_path(c))
		return c->m.err.code ? c->m.err.code : ERR_FAILED;
	if (force && (shared_check_removable(c->path, &c->m.err) != ERR_OK))
		return cli_report(c, c->m.err.code);
	if (force && (rc = remove_database(c, c->path)))
		return rc;
	if (group && shared_init(c->path, group, &c->m.err) != ERR_OK)
		return cli_report(c, c->m.err.code);
	if ((rc = cli_open(c, true)))
		return rc;
	if (demo && (rc = cli_report(c, model_load_demo(&c->m))))
		return rc;
	if (demo)
		cli_say(_("Loaded the demo portfolio into %s: %lld projects."),
			c->path, (long long)count_projects(c));
	else
		cli_say(_("Database ready: %s"), c->path);
	return ERR_OK;
}

/* Where the path of a database came from, for a person. */
static const char *
path_source(const struct cli *c, char *buf, size_t size)
{
	switch (c->path_source) {
	case DB_FROM_OPTION:
		return _("given with --db");
	case DB_FROM_ENV:
		return _("from SALKKU_DB");
	case DB_FROM_USER_CONFIG:
	case DB_FROM_SYSTEM_CONFIG:
		snprintf(buf, size, _("set in %s"), c->path_config);
		return buf;
	case DB_FROM_DEFAULT:
		break;
	}
	return _("the private default: neither --db, SALKKU_DB nor a config file names a database");
}

/* The terminal interface never makes a new, empty database unasked: a
 * session that meant the team's file (an ssh command reads no profile,
 * so SALKKU_DB may be unset) would work alone without knowing it. */
static int
confirm_new_database(struct cli *c)
{
	char *answer = NULL, where[512];
	size_t cap = 0;
	bool yes = false;
	struct stat st;

	if (stat(c->path, &st) == 0 || errno != ENOENT)
		return ERR_OK;
	fprintf(stderr, _("salkku: there is no database at %s\n(%s).\n"),
		c->path, path_source(c, where, sizeof where));
	if (isatty(STDIN_FILENO) && isatty(STDERR_FILENO)) {
		fputs(_("Create a new, empty database there? [y/N] "), stderr);
		fflush(stderr);
		yes = getline(&answer, &cap, stdin) > 0 && rpmatch(answer) == 1;
		free(answer);
	}
	if (yes)
		return ERR_OK;
	return cli_fail(c, ERR_NOT_FOUND, NULL, "%s",
			_("nothing created: name the database with --db, SALKKU_DB or "
			  "“database” in the config file (salkku(5)), or create one with "
			  "“salkku init”"));
}

int
cli_run_tui(struct cli *c)
{
	struct ui_options opts = { 0 };
	bool any = true;
	int rc;

	if (!c->ui_run)
		return cli_fail(c, ERR_FAILED, NULL,
				_("this program has no terminal interface"));
	if (!cli_db_path(c))
		return c->m.err.code ? c->m.err.code : ERR_FAILED;
	if (!c->read_only && (rc = confirm_new_database(c)))
		return rc;
	if ((rc = cli_open(c, true)))
		return rc;
	opts.read_only = c->read_only || c->m.read_only;
	if (model_has_projects(&c->m, &any) == ERR_OK && !any)
		opts.hint = _("No projects yet: run salkku init --demo to load the demo");
	/* An interrupted import rolled back by this open. */
	if (c->m.notice[0])
		opts.hint = c->m.notice;
	return c->ui_run(&c->m, &opts);
}

int
cli_cmd_demo(struct cli *c, const struct cli_command *cmd, int argc,
	     char **argv)
{
	static const struct option longopts[] = { CLI_HELP_OPTION, { NULL, 0, NULL, 0 } };
	const char *data = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	struct ui_options opts = { 0 };
	char path[4096], hint[4200];
	bool read_only = c->read_only;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, &rc)) != -1)
		if (opt == CLI_OPT_STOP)
			return rc;
	if ((rc = cli_nargs(cmd, argc - optind, 0, 0)))
		return rc;
	if (!c->ui_run)
		return cli_fail(c, ERR_FAILED, NULL,
				_("this program has no terminal interface"));
	/* Its own file, never the real database, made anew every time. */
	if (data && *data == '/')
		snprintf(path, sizeof path, "%s/salkku/demo.db", data);
	else
		snprintf(path, sizeof path, "%s/.local/share/salkku/demo.db",
			 home ? home : ".");
	free(c->path);
	if (!(c->path = strdup(path)))
		return cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	c->read_only = false;
	if ((rc = remove_database(c, path)) || (rc = cli_open(c, true)) ||
	    (rc = cli_report(c, model_load_demo(&c->m))))
		return rc;
	snprintf(hint, sizeof hint,
		 _("Demo database %s: made anew by every salkku demo"), path);
	opts.read_only = read_only;
	opts.hint = hint;
	return c->ui_run(&c->m, &opts);
}

/* Shows an export on a terminal: stored text may hold escape
 * sequences, so it goes through text_sanitize() as tables do, CRLF
 * record ends becoming line ends.  Into a file or a pipe the export is
 * written exactly instead. */
static void
show_export(const char *text, size_t len)
{
	char *lines = malloc(len + 1), *safe;
	size_t n = 0;

	if (!lines)
		return;
	for (size_t i = 0; i < len; i++)
		if (!(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n'))
			lines[n++] = text[i];
	lines[n] = '\0';
	if ((safe = text_sanitize(lines, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS)))
		fputs(safe, stdout);
	free(safe);
	free(lines);
}

/* What the export options ask for: the iCalendar of the deadlines, CSV,
 * the whole JSON document, or what an exchange shares. */
struct export_request {
	enum cli_format format;
	struct ics_options ics;
	struct export_options x;
};

static int
export_run(struct cli *c, const struct export_request *r, FILE *out)
{
	const struct export_options *x = &r->x;

	if (r->format == FORMAT_ICS)
		return model_export_ics(&c->m, &r->ics, out);
	if (r->format == FORMAT_CSV)
		return model_export_csv(&c->m, out);
	if (x->nprojects || x->no_notes || x->no_log || x->no_money)
		return model_export_exchange(&c->m, out, x);
	return model_export_json(&c->m, out);
}

/* Runs the export into memory and shows it safely on the terminal. */
static int
export_to_terminal(struct cli *c, const struct export_request *r)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int rc;

	if (!mem)
		return cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	rc = export_run(c, r, mem);
	if (fclose(mem) != 0 && rc == ERR_OK)
		rc = cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	else if (rc == ERR_OK)
		show_export(text, len);
	else
		cli_report(c, rc);
	free(text);
	return rc;
}

/* The workbook: libxlsxwriter writes a file of its own by name, put in
 * place when complete (cli_file.h). */
static int
export_xlsx(struct cli *c, const char *output)
{
	struct out_file o;
	int rc, e;

	if (!output)
		return cli_fail(c, ERR_USAGE, NULL,
				_("xlsx is written to a file: name it with -o FILE"));
	if ((e = out_file_open(&o, output, true)))
		return cli_fail(c, ERR_FAILED, NULL, _("cannot write %s: %s"),
				output, strerror(e));
	rc = report_export_xlsx(&c->m, o.tmp);
	if (rc != ERR_OK) {
		out_file_close(&o, false);
		return cli_report(c, rc);
	}
	if ((e = out_file_close(&o, true)))
		return cli_fail(c, ERR_FAILED, NULL, _("cannot write %s: %s"),
				output, strerror(e));
	return ERR_OK;
}

/* Writes the export to output (NULL: standard output). */
static int
export_write(struct cli *c, const struct export_request *r, const char *output)
{
	struct out_file o;
	int rc, e;

	if (r->format == FORMAT_XLSX)
		return export_xlsx(c, output);
	if (!output && isatty(STDOUT_FILENO) && r->format != FORMAT_ICS)
		return export_to_terminal(c, r);
	if (!output)
		return cli_report(c, export_run(c, r, stdout));
	/* An export that fails half-way leaves no half a file. */
	if ((e = out_file_open(&o, output, false)))
		return cli_fail(c, ERR_FAILED, NULL, _("cannot write %s: %s"),
				output, strerror(e));
	rc = export_run(c, r, o.f);
	if (rc != ERR_OK) {
		char why[sizeof c->m.err.message];

		out_file_close(&o, false);
		snprintf(why, sizeof why, "%s", c->m.err.message);
		return cli_fail(c, rc, NULL, "%s: %s", output, why);
	}
	if ((e = out_file_close(&o, true)))
		return cli_fail(c, ERR_FAILED, NULL, _("cannot write %s: %s"),
				output, strerror(e));
	return ERR_OK;
}

/* The options that go with one format only. */
static int
export_check_options(struct cli *c, const struct cli_command *cmd,
		     const struct export_request *r, bool ics_only, bool json_only)
{
	(void)c;
	if (ics_only && r->format != FORMAT_ICS)
		return cli_usage(cmd, "%s", _("--upcoming and --with-project-dates go with --format ics"));
	if (json_only && r->format != FORMAT_JSON)
		return cli_usage(cmd, "%s", _("--no-notes, --no-log and --no-money go with --format json"));
	if (r->ics.nprojects && (r->format == FORMAT_CSV || r->format == FORMAT_XLSX))
		return cli_usage(cmd, "%s", _("--project goes with --format json or ics"));
	return ERR_OK;
}

int
cli_cmd_export(struct cli *c, const struct cli_command *cmd, int argc,
	       char **argv)
{
	static const struct option longopts[] = {
		{ "format",   required_argument, NULL, 'f' },
		{ "output",   required_argument, NULL, 'o' },
		{ "project",  required_argument, NULL, 'p' },
		{ "upcoming", required_argument, NULL, 'u' },
		{ "with-project-dates", no_argument, NULL, 'P' },
		{ "no-notes", no_argument,       NULL, 'N' },
		{ "no-log",   no_argument,       NULL, 'L' },
		{ "no-money", no_argument,       NULL, 'M' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	struct export_request r = { .format = FORMAT_JSON,
				    .ics = { .upcoming = -1 } };
	const char *output = NULL, **codes = NULL;
	int64_t days;
	int opt, rc = ERR_OK;
	bool ics_only = false, json_only = false;

	/* At most every argument names a project. */
	if (!(codes = calloc((size_t)argc + 1, sizeof *codes)))
		return cli_fail(c, ERR_FAILED, NULL, "%s", _("out of memory"));
	r.ics.projects = codes;
	r.x.projects = codes;
	while ((opt = cli_getopt(cmd, argc, argv, "f:o:p:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			goto out;
		if (opt == 'o')
			output = strcmp(optarg, "-") ? optarg : NULL;
		else if (opt == 'p')
			codes[r.ics.nprojects++] = optarg;
		else if (opt == 'u' &&
			 !(rc = cli_number(cmd, "--upcoming", optarg, 0, 36500, &days)))
			r.ics.upcoming = (int)days;
		else if (opt == 'P')
			r.ics.project_dates = true;
		else if (opt == 'N')
			r.x.no_notes = true;
		else if (opt == 'L')
			r.x.no_log = true;
		else if (opt == 'M')
			r.x.no_money = true;
		else if (opt == 'f')
			rc = cli_format(cmd, optarg, FORMAT_JSON | FORMAT_CSV |
					FORMAT_ICS | FORMAT_XLSX, &r.format);
		if (rc)
			goto out;
		ics_only |= opt == 'u' || opt == 'P';
		json_only |= opt == 'N' || opt == 'L' || opt == 'M';
	}
	r.x.nprojects = r.ics.nprojects;
	if ((rc = export_check_options(c, cmd, &r, ics_only, json_only)) ||
	    (rc = cli_nargs(cmd, argc - optind, 0, 0)) || (rc = cli_open(c, false)))
		goto out;
	rc = export_write(c, &r, output);
out:
	free(codes);
	return rc;
}

/* A conflicting field: on standard output in a dry run (part of what
 * it shows), else on standard error (why nothing was imported). */
static void
import_conflict(const char *line, void *arg)
{
	FILE *out = arg;

	output_text(out, line, 0);
	fputc('\n', out);
}

/* What an exchange decided on its own: on standard output. */
static void
import_notice(const char *line, void *arg)
{
	(void)arg;
	output_text(stdout, line, 0);
	fputc('\n', stdout);
}

/* The counts grouped by thousands as the language writes them
 * ("3 000"): a table for people. */
static void
import_counts_print(const struct import_counts *n,
		    const struct import_options *opt, enum fmt_style st)
{
	/* The order people think of them in: who, what, then the rest. */
	static const enum entity_kind order[] = {
		ENT_ORGANISATION, ENT_PROJECT, ENT_ROLE, ENT_FUNDING,
		ENT_STATUS_CHANGE, ENT_DEADLINE, ENT_NOTE, ENT_OUTCOME,
	};
	const struct table_col cols[] = {
		{ "", false, false, 0 }, { _("added"), true, false, 0 },
		{ _("updated"), true, false, 0 }, { _("unchanged"), true, false, 0 },
		{ _("conflicts"), true, false, 0 }, { _("deleted"), true, false, 0 },
	};
	size_t conflicts = 0, deleted = 0;
	struct table t;

	for (size_t k = 0; k < ENT_COUNT; k++)
		deleted += n->deleted[k];
	/* The deleted column only when a tombstone took something. */
	table_init(&t, cols, sizeof cols / sizeof cols[0] - (deleted ? 0 : 1));
	t.indent = 2;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		enum entity_kind k = order[i];
		char a[40], u[40], s[40], x[40], d[40];
		const char *cells[6] = { entities[k]->plural, a, u, s, x, d };

		format_count(a, sizeof a, (int64_t)n->added[k], st);
		format_count(u, sizeof u, (int64_t)n->updated[k], st);
		format_count(s, sizeof s, (int64_t)n->unchanged[k], st);
		format_count(x, sizeof x, (int64_t)n->conflicts[k], st);
		format_count(d, sizeof d, (int64_t)n->deleted[k], st);
		table_add(&t, cells);
		conflicts += n->conflicts[k];
	}
	table_print(&t, stdout, 0);
	table_free(&t);
	if (conflicts && opt->nchoices)
		cli_say("%s", _("Conflicts settled by the sides chosen for them (--ours=, --theirs=)."));
	else if (conflicts && opt->side == IMPORT_OURS)
		cli_say("%s", _("Conflicts settled by keeping the database's values (--ours)."));
	else if (conflicts && opt->side == IMPORT_THEIRS)
		cli_say("%s", _("Conflicts settled by taking the file's values (--theirs)."));
}

/* --ours / --theirs: for all records, or with =RECORD for one. */
static int
import_side_option(struct cli *c, struct import_options *opt,
		   struct import_choice *choices, int o, const char *record)
{
	enum import_side side = o == 'O' ? IMPORT_OURS : IMPORT_THEIRS;

	if (record) {
		for (size_t i = 0; i < opt->nchoices; i++)
			if (!strcmp(choices[i].record, record) && choices[i].side != side)
				return cli_fail(c, ERR_USAGE, NULL,
						_("import: both --ours and --theirs for %s"),
						record);
		choices[opt->nchoices].record = record;
		choices[opt->nchoices++].side = side;
		return ERR_OK;
	}
	if (opt->side != IMPORT_ASK && opt->side != side)
		return cli_fail(c, ERR_USAGE, NULL, "%s",
				_("import: --ours and --theirs exclude each other"));
	opt->side = side;
	return ERR_OK;
}

/* Set by SIGINT or SIGTERM while an import writes: it stops before its
 * next record and is rolled back (a handler only sets a flag). */
static volatile sig_atomic_t import_interrupted;

static void
import_on_signal(int sig)
{
	(void)sig;
	import_interrupted = 1;
}

static bool
import_stop(void *arg)
{
	(void)arg;
	return import_interrupted != 0;
}

/* The JSON import, Ctrl-C and SIGTERM caught while it runs. */
static int
import_json_caught(struct cli *c, const char *path,
		   struct import_options *opt, struct import_counts *counts)
{
	struct sigaction sa = { .sa_handler = import_on_signal }, old_int, old_term;
	int rc;

	sigemptyset(&sa.sa_mask);
	import_interrupted = 0;
	opt->stop = import_stop;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	rc = model_import_json(&c->m, path, opt, counts);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	return rc;
}

int
cli_cmd_import(struct cli *c, const struct cli_command *cmd, int argc,
	       char **argv)
{
	static const struct option longopts[] = {
		{ "format",  required_argument, NULL, 'f' },
		{ "dry-run", no_argument,       NULL, 'n' },
		{ "ours",    optional_argument, NULL, 'O' },
		{ "theirs",  optional_argument, NULL, 'T' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	struct import_options opt = { .side = IMPORT_ASK,
				      .conflict = import_conflict,
				      .notice = import_notice };
	enum cli_format format = 0;
	struct import_counts counts;
	struct import_choice *choices;
	const char *path;
	size_t len;
	int o, rc = ERR_OK;

	/* At most one choice per argument. */
	if (!(choices = calloc((size_t)argc + 1, sizeof *choices)))
		return cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	opt.choices = choices;
	while ((o = cli_getopt(cmd, argc, argv, "f:n", longopts, &rc)) != -1) {
		if (o == CLI_OPT_STOP)
			goto out;
		if (o == 'n')
			opt.dry_run = true;
		else if (o == 'O' || o == 'T')
			rc = import_side_option(c, &opt, choices, o, optarg);
		else
			rc = cli_format(cmd, optarg, FORMAT_JSON | FORMAT_CSV, &format);
		if (rc)
			goto out;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 1, 1)))
		goto out;
	path = argv[optind];
	len = strlen(path);
	if (!format)
		format = len > 4 && !strcasecmp(path + len - 4, ".csv") ? FORMAT_CSV
									: FORMAT_JSON;
	if ((rc = cli_open(c, false)))
		goto out;
	/* A dry run shows everything it found on standard output. */
	opt.arg = opt.dry_run ? stdout : stderr;
	rc = format == FORMAT_CSV
	     ? model_import_csv(&c->m, path, &opt, &counts)
	     : import_json_caught(c, path, &opt, &counts);
	if (rc != ERR_OK && !(rc == ERR_CONFLICT && opt.dry_run)) {
		rc = cli_report(c, rc);
		goto out;
	}
	cli_say("%s", opt.dry_run ? _("Would import (nothing written):")
				  : _("Imported:"));
	import_counts_print(&counts, &opt, c->style);
	fflush(stdout);
	rc = rc == ERR_OK ? ERR_OK : cli_report(c, rc);
out:
	free(choices);
	return rc;
}

static void
check_report(const char *problem, void *arg)
{
	size_t *n = arg;

	output_text(stdout, problem, TEXT_KEEP_NEWLINES);
	fputc('\n', stdout);
	(*n)++;
}

/* A money warning does not make the database faulty: it is printed, and
 * check still succeeds. */
static void
check_warn(const char *code, const char *text, void *arg)
{
	(void)arg;
	output_text(stdout, code, 0);
	printf(": %s ", _("warning:"));
	output_text(stdout, text, 0);
	fputc('\n', stdout);
}

int
cli_cmd_check(struct cli *c, const struct cli_command *cmd, int argc,
	      char **argv)
{
	static const struct option longopts[] = {
		{ "reindex", no_argument, NULL, 'r' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	size_t problems = 0;
	bool reindex = false;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if (opt == 'r')
			reindex = true;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 0, 0)) || (rc = cli_open(c, false)))
		return rc;
	if (reindex && (rc = cli_report(c, model_reindex(&c->m))))
		return rc;
	rc = model_check(&c->m, check_report, &problems);
	if (rc == ERR_OK && problems == 0)
		rc = model_check_money(&c->m, check_warn, NULL, NULL);
	if (rc == ERR_OK && problems == 0) {
		printf("ok\n");
		return ERR_OK;
	}
	if (problems > 0)
		return cli_fail(c, ERR_DATABASE, NULL,
				P_("%s: %s problem found", "%s: %s problems found",
				   problems), c->path,
				format_count((char[40]){ 0 }, 40,
					     (int64_t)problems, c->style));
	return cli_report(c, rc);
}

/* ---- log ---------------------------------------------------------- */

/* "old → new" in people's form, or what happened to the record. */
static char *
log_change(struct cli *c, const struct change_entry *e)
{
	int f = e->def && e->field ? entity_field_index(e->def, e->field) : -1;
	char *old, *new, *out;
	size_t size;

	if (!strcmp(e->action, "insert") && e->source)
		return asprintf(&out, _("created (from %s)"), e->source) < 0
		       ? NULL : out;
	if (!strcmp(e->action, "insert"))
		return strdup(_("created"));
	if (!strcmp(e->action, "delete"))
		return strdup(_("deleted"));
	old = f >= 0 ? cli_stored_value(c, &e->def->fields[f], e->old_value)
		     : (e->old_value ? strdup(e->old_value) : NULL);
	new = f >= 0 ? cli_stored_value(c, &e->def->fields[f], e->new_value)
		     : (e->new_value ? strdup(e->new_value) : NULL);
	size = (old ? strlen(old) : 8) + (new ? strlen(new) : 8) + 32;
	if ((out = malloc(size)))
		snprintf(out, size, "%s → %s", old ? old : _("(none)"),
			 new ? new : _("(none)"));
	if (out && e->source) {
		char *from = NULL;

		if (asprintf(&from, _("%s (from %s)"), out, e->source) < 0)
			from = NULL;
		free(out);
		out = from;
	}
	free(old);
	free(new);
	return out;
}

static void
log_table(struct cli *c, const struct change_list *list)
{
	const struct table_col cols[] = {
		{ _("When"), false, false, 0 }, { _("Who"), false, false, 12 },
		{ _("Record"), false, true, 32 }, { _("Field"), false, false, 0 },
		{ _("Change"), false, true, 0 },
	};
	struct table t;

	table_init(&t, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < list->count; i++) {
		const struct change_entry *e = &list->items[i];
		char when[64], record[256], title[256];
		char *change = log_change(c, e);
		/* e->def is NULL for a kind this binary does not know (a
		 * newer salkku's row, or damage): shown by its stored name. */
		const char *cells[5] = { when, e->who, record,
					 e->def ? entity_field_label(e->def, e->field)
						: e->field,
					 change };
		bool child = e->project_code &&
			     (!e->def || e->def->kind != ENT_PROJECT);

		cli_when(c, when, sizeof when, e->at);
		snprintf(record, sizeof record, "%s %s%s%s",
			 e->def ? entity_shown(e->def) : e->entity,
			 child ? e->project_code : "", child ? ": " : "",
			 e->def ? entity_title_text(e->def, e->record_title, title,
						    sizeof title)
				: e->record_title ? e->record_title : "");
		table_add(&t, cells);
		free(change);
	}
	if (t.rows)
		table_print(&t, stdout, output_width());
	else
		printf("%s\n", _("No changes."));
	table_free(&t);
}

static void
log_json(const struct change_list *list)
{
	struct json_out j;

	json_init(&j, stdout);
	json_begin_array(&j);
	for (size_t i = 0; i < list->count; i++) {
		const struct change_entry *e = &list->items[i];

		json_begin_object(&j);
		json_kv_string(&j, "uuid", e->uuid);
		json_kv_string(&j, "at", e->at);
		json_kv_string(&j, "who", e->who);
		json_kv_string(&j, "action", e->action);
		json_kv_string(&j, "entity", e->entity);
		json_kv_string(&j, "record_uuid", e->record_uuid);
		json_kv_string(&j, "project", e->project_code);
		json_kv_string(&j, "title", e->record_title);
		json_kv_string(&j, "field", e->field);
		json_kv_string(&j, "old", e->old_value);
		json_kv_string(&j, "new", e->new_value);
		json_kv_string(&j, "source", e->source);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_finish(&j);
}

int
cli_cmd_log(struct cli *c, const struct cli_command *cmd, int argc,
	    char **argv)
{
	static const struct option longopts[] = {
		{ "limit",  required_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'f' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	enum cli_format format = FORMAT_TABLE;
	struct change_list list = { 0 };
	struct record *p = NULL;
	int64_t limit = 0;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "n:f:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if (opt == 'n')
			rc = cli_number(cmd, "--limit", optarg, 1, INT64_MAX, &limit);
		else
			rc = cli_format(cmd, optarg, FORMAT_TABLE | FORMAT_JSON, &format);
		if (rc != ERR_OK)
			return rc;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 0, 1)) || (rc = cli_open(c, false)))
		return rc;
	if (optind < argc && (rc = cli_project(c, argv[optind], &p)))
		return rc;
	rc = cli_report(c, model_changes(&c->m, p ? p->uuid : NULL, NULL, limit,
					 &list));
	if (rc == ERR_OK && format == FORMAT_JSON)
		log_json(&list);
	else if (rc == ERR_OK)
		log_table(c, &list);
	change_list_clear(&list);
	record_free(&p);
	return rc;
}
