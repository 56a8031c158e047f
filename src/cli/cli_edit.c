/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_edit.c — the commands that change a project: add, set, rm and
 * status, and the records that belong to it (role, funding, note,
 * outcome).
 *
 * (Roles are in cli_org.c, with the organisations; deadlines in
 * cli_deadline.c.)
 *
 * Each command reads what it changes, applies people's input through
 * the model (model_parse_field / model_assign, which know Finnish dates
 * and money), and writes it with one model call: one transaction. */
#include "config.h"

#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/base/i18n.h"
#include "src/core/workflow.h"

static int
edit_inputs(struct cli *c, struct record *rec, const struct input *in,
	    size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (in[i].input) {
			int rc = model_parse_field(&c->m, rec, in[i].field,
						   in[i].input);

			if (rc != ERR_OK)
				return cli_report(c, rc);
		}
	return ERR_OK;
}

/* The FIELD=VALUE arguments that follow the fixed ones. */
static int
edit_assignments(struct cli *c, const struct cli_command *cmd,
		 struct record *rec, int n, char **args)
{
	for (int i = 0; i < n; i++)
		if (!cli_is_assignment(args[i]))
			return cli_usage(cmd, _("'%s' is not FIELD=VALUE"), args[i]);
	return cli_assign(c, rec, n, args);
}

/* The 1-based number of record uuid among project's records of def, as
 * `salkku show` numbers them; 0 if it is not there. */
static size_t
edit_number(struct cli *c, const struct entity_def *def,
	    const char *project_uuid, const char *uuid)
{
	struct record_list list = { 0 };
	size_t n = 0;

	if (model_children(&c->m, def, project_uuid, &list) == ERR_OK)
		for (size_t i = 0; i < list.count && !n; i++)
			if (!strcmp(list.items[i]->uuid, uuid))
				n = i + 1;
	record_list_clear(&list);
	return n;
}

/* --if-version N: the update is made against version N. */
static int
edit_version(const struct cli_command *cmd, const char *arg, int64_t *out)
{
	return cli_number(cmd, "--if-version", arg, 1, INT64_MAX, out);
}

/* ---- Projects ----------------------------------------------------- */

static int
unknown_status(struct cli *c, const char *status)
{
	char keys[256];

	return cli_fail(c, ERR_INVALID, "status",
			_("unknown status '%s' (one of: %s)"), status,
			cli_enum_keys(project_statuses, keys, sizeof keys));
}

int
cli_cmd_add(struct cli *c, const struct cli_command *cmd, int argc,
	    char **argv)
{
	static const struct option longopts[] = {
		{ "status", required_argument, NULL, 's' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	const struct enum_def *status = NULL;
	struct input in[2] = { { PROJECT_CODE, NULL }, { PROJECT_NAME, NULL } };
	struct record *p = NULL;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "s:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if (opt == 's' && !(status = enum_find(project_statuses, optarg)))
			return unknown_status(c, optarg);
	}
	if ((rc = cli_nargs(cmd, argc - optind, 1, -1)) || (rc = cli_open(c, false)))
		return rc;
	if (!(p = record_new(entities[ENT_PROJECT])))
		return cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	for (int i = optind; i < argc && rc == ERR_OK; i++) {
		if (cli_is_assignment(argv[i]))
			rc = cli_assign(c, p, 1, &argv[i]);
		else if (!in[0].input)
			in[0].input = argv[i];
		else if (!in[1].input)
			in[1].input = argv[i];
		else
			rc = cli_usage(cmd, _("'%s' is not FIELD=VALUE"), argv[i]);
	}
	if (rc == ERR_OK)
		rc = edit_inputs(c, p, in, 2);
	if (rc == ERR_OK && (p->v[PROJECT_CODE].null || p->v[PROJECT_NAME].null))
		rc = cli_usage(cmd, _("a project needs a code and a name"));
	if (rc == ERR_OK && status && record_set_text(p, PROJECT_STATUS, status->key))
		rc = cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	if (rc == ERR_OK && !(rc = cli_report(c, model_insert(&c->m, p))))
		cli_say(_("Added project %s."), record_text(p, PROJECT_CODE));
	record_free(&p);
	return rc;
}

static bool
same_values(const struct record *a, const struct record *b)
{
	for (size_t f = 0; f < a->def->nfields; f++)
		if (!record_field_equal(a, b, (int)f))
			return false;
	return true;
}

int
cli_cmd_set(struct cli *c, const struct cli_command *cmd, int argc,
	    char **argv)
{
	static const struct option longopts[] = {
		{ "if-version", required_argument, NULL, 'v' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	struct record *p = NULL, *base = NULL;
	int64_t version = 0, before;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "v:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if (opt == 'v' && (rc = edit_version(cmd, optarg, &version)))
			return rc;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 2, -1)) ||
	    (rc = cli_open(c, false)) ||
	    (rc = cli_project(c, argv[optind], &p)))
		return rc;
	/* Without --if-version nothing was asked to be checked: the fields
	 * named are written onto the project as it is at the write, in one
	 * transaction, and a commit in between is no conflict. */
	if (version)
		p->version = version;
	else if (!(base = record_dup(p)))
		rc = cli_fail(c, ERR_FAILED, NULL, "%s", _("out of memory"));
	before = p->version;
	if (!rc)
		rc = edit_assignments(c, cmd, p, argc - optind - 1, argv + optind + 1);
	if (!rc && base && same_values(base, p))
		cli_say(_("Project %s: nothing changed."), record_text(p, PROJECT_CODE));
	else if (!rc && !(rc = cli_report(c, base ? model_update_changes(&c->m, base, p)
						   : model_update(&c->m, p)))) {
		if (p->version == before && !base)
			cli_say(_("Project %s: nothing changed."),
				record_text(p, PROJECT_CODE));
		else
			cli_say(_("Updated project %s (version %lld)."),
				record_text(p, PROJECT_CODE), (long long)p->version);
	}
	record_free(&base);
	record_free(&p);
	return rc;
}

int
cli_cmd_rm(struct cli *c, const struct cli_command *cmd, int argc,
	   char **argv)
{
	struct record *p = NULL;
	bool done;
	int rc;

	if ((rc = cli_rm_args(cmd, argc, argv,
			      _("deleting %s and everything in it needs --yes"),
			      &done)) || done)
		return rc;
	if ((rc = cli_open(c, false)) || (rc = cli_project(c, argv[optind], &p)))
		return rc;
	if (!(rc = cli_report(c, model_delete(&c->m, p))))
		cli_say(_("Deleted project %s."), record_text(p, PROJECT_CODE));
	record_free(&p);
	return rc;
}

/* A refused move: say which moves the workflow allows from here. */
static int
status_refused(struct cli *c, const struct record *p, const char *from,
	       const char *to)
{
	const char *next[16];
	size_t n = workflow_next(from, next, 16), len = 0;
	char allowed[256] = "";

	for (size_t i = 0; i < n && len < sizeof allowed; i++)
		len += (size_t)snprintf(allowed + len, sizeof allowed - len,
					"%s%s", i ? ", " : "",
					enum_label(project_statuses, next[i]));
	return cli_fail(c, ERR_INVALID, "status",
			_("%s cannot move from %s to %s; allowed: %s "
			  "(--force moves it anyway, recorded as forced)"),
			record_text(p, PROJECT_CODE),
			enum_label(project_statuses, from),
			enum_label(project_statuses, to),
			n ? allowed : _("none"));
}

int
cli_cmd_status(struct cli *c, const struct cli_command *cmd, int argc,
	       char **argv)
{
	static const struct option longopts[] = {
		{ "note",       required_argument, NULL, 'n' },
		{ "date",       required_argument, NULL, 'd' },
		{ "force",      no_argument,       NULL, 'f' },
		{ "if-version", required_argument, NULL, 'v' },
		{ "deadlines",  required_argument, NULL, 'D' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	static const char *const policies[] = {
		[DEADLINES_DONE] = "done", [DEADLINES_CANCEL] = "cancel",
		[DEADLINES_KEEP] = "keep",
	};
	enum deadline_policy policy = DEADLINES_REFUSE;
	const char *reason = NULL, *date = NULL;
	const struct enum_def *to;
	struct record *p = NULL;
	char iso[11], *from = NULL;
	bool force = false;
	int64_t version = 0;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "n:d:fv:D:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if (opt == 'D') {
			for (size_t i = DEADLINES_DONE; i <= DEADLINES_KEEP; i++)
				if (!strcmp(optarg, policies[i]))
					policy = (enum deadline_policy)i;
			if (policy == DEADLINES_REFUSE)
				return cli_usage(cmd, _("--deadlines: '%s' is not done, cancel or keep"),
						 optarg);
		} else if (opt == 'n')
			reason = optarg;
		else if (opt == 'd')
			date = optarg;
		else if (opt == 'f')
			force = true;
		else if (opt == 'v' && (rc = edit_version(cmd, optarg, &version)))
			return rc;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 2, 2)) || (rc = cli_open(c, false)))
		return rc;
	if (!(to = enum_find(project_statuses, argv[optind + 1])))
		return unknown_status(c, argv[optind + 1]);
	if (date && parse_date(date, iso) < 0)
		return cli_fail(c, ERR_INVALID, "date", _("%s is not a valid date"),
				date);
	if ((rc = cli_project(c, argv[optind], &p)))
		return rc;
	if (version)
		p->version = version;
	from = strdup(p->v[PROJECT_STATUS].null ? "" : p->v[PROJECT_STATUS].text);
	rc = model_set_status(&c->m, p, to->key, date ? iso : NULL, reason, force,
			      policy);
	if (rc == ERR_INVALID && !force && from && !workflow_allows(from, to->key))
		rc = status_refused(c, p, from, to->key);
	else if (rc == ERR_INVALID && !strcmp(c->m.err.field, "deadlines")) {
		cli_report(c, rc);
		fprintf(stderr, "%s\n",
			_("Nothing was changed. Say what becomes of them with --deadlines done, cancel or keep."));
	} else if (rc != ERR_OK)
		cli_report(c, rc);
	else
		cli_say("%s: %s → %s%s", record_text(p, PROJECT_CODE),
			from ? enum_label(project_statuses, from) : "",
			enum_label(project_statuses, to->key), force && from && !workflow_allows(from, to->key)
				 ? _(" (forced)") : "");
	free(from);
	record_free(&p);
	return rc;
}

/* ---- Records of a project ----------------------------------------- */

/* Inserts rec, a new record of project, once in inputs and the
 * assignments have been applied; says what was added. */
static int
child_insert(struct cli *c, const struct cli_command *cmd,
	     struct record *project, struct record *rec,
	     const struct input *in, size_t nin, int nassign, char **assign)
{
	const char *code = record_text(project, PROJECT_CODE);
	int rc;

	if (record_set_text(rec, rec->def->project_field, project->uuid))
		return cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	if ((rc = edit_inputs(c, rec, in, nin)) ||
	    (rc = edit_assignments(c, cmd, rec, nassign, assign)) ||
	    (rc = cli_report(c, model_insert(&c->m, rec))))
		return rc;
	cli_say(_("Added %s %zu of %s (%s)."), entity_shown(rec->def),
		edit_number(c, rec->def, project->uuid, rec->uuid), code, rec->uuid);
	return ERR_OK;
}

/* The common shape of `X add CODE ARG... [FIELD=VALUE]...`: the
 * arguments after CODE fill the fields pos[] in turn (the first
 * nrequired always, the others unless they are assignments); what
 * follows are assignments.  extra[] come from options. */
static int
child_add(struct cli *c, const struct cli_command *cmd, enum entity_kind kind,
	  int argc, char **argv, const int *pos, int npos, int nrequired,
	  const struct input *extra, size_t nextra)
{
	struct record *p = NULL, *rec = NULL;
	struct input in[8];
	char **args = argv + optind + 1;
	int nargs = argc - optind - 1, used = 0, rc;

	if ((rc = cli_nargs(cmd, nargs + 1, 1 + nrequired, -1)))
		return rc;
	while (used < npos && used < nargs &&
	       (used < nrequired || !cli_is_assignment(args[used]))) {
		in[used] = (struct input){ pos[used], args[used] };
		used++;
	}
	for (size_t i = 0; i < nextra; i++)
		in[used + (int)i] = extra[i];
	if ((rc = cli_open(c, false)) || (rc = cli_project(c, argv[optind], &p)))
		return rc;
	if (!(rec = record_new(entities[kind])))
		rc = cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	else
		rc = child_insert(c, cmd, p, rec, in, (size_t)used + nextra,
				  nargs - used, args + used);
	record_free(&rec);
	record_free(&p);
	return rc;
}

/* `X set CODE N|UUID FIELD=VALUE...` and `X rm CODE N|UUID`. */
int
cli_child_change(struct cli *c, const struct cli_command *cmd,
	     enum entity_kind kind, int argc, char **argv, bool remove,
	     const struct input *in, size_t nin)
{
	static const struct option longopts[] = {
		{ "if-version", required_argument, NULL, 'v' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	struct record *p = NULL, *rec = NULL;
	int64_t version = 0;
	int opt, rc = ERR_OK;

	while (!in && (opt = cli_getopt(cmd, argc, argv, "v:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if (opt == 'v' && (rc = edit_version(cmd, optarg, &version)))
			return rc;
	}
	if ((rc = cli_nargs(cmd, argc - optind, remove || in ? 2 : 3,
			    remove || in ? 2 : -1)) ||
	    (rc = cli_open(c, false)) ||
	    (rc = cli_project(c, argv[optind], &p)) ||
	    (rc = cli_child(c, entities[kind], p, argv[optind + 1], &rec)))
		goto out;
	if (version)
		rec->version = version;
	if (remove) {
		if (!(rc = cli_report(c, model_delete(&c->m, rec))))
			cli_say(_("Deleted %s %s of %s."), entity_shown(rec->def),
				argv[optind + 1], record_text(p, PROJECT_CODE));
	} else if (!(rc = edit_inputs(c, rec, in, nin)) &&
		   !(rc = edit_assignments(c, cmd, rec, argc - optind - 2,
					   argv + optind + 2)) &&
		   !(rc = cli_report(c, model_update(&c->m, rec)))) {
		cli_say(_("Updated %s %s of %s (version %lld)."), entity_shown(rec->def),
			argv[optind + 1], record_text(p, PROJECT_CODE),
			(long long)rec->version);
	}
out:
	record_free(&rec);
	record_free(&p);
	return rc;
}

/* Options that only set fields: each long option's val is the index of
 * its slot in in[]. */
static int
field_options(const struct cli_command *cmd, int argc, char **argv,
	      const struct option *longopts, struct input *in, int *rc)
{
	int opt;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return -1;
		in[opt - '0'].input = optarg;
	}
	return 0;
}

/* ---- funding, deadline, note, outcome ----------------------------- */

static int
funding_add(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = { CLI_HELP_OPTION, { NULL, 0, NULL, 0 } };
	static const int pos[] = { FUNDING_FUNDER };
	int rc = ERR_OK;

	if (field_options(cmd, argc, argv, longopts, NULL, &rc) < 0)
		return rc;
	return child_add(c, cmd, ENT_FUNDING, argc, argv, pos, 1, 1, NULL, 0);
}

static int
funding_set(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	return cli_child_change(c, cmd, ENT_FUNDING, argc, argv, false, NULL, 0);
}

static int
funding_rm(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	return cli_child_change(c, cmd, ENT_FUNDING, argc, argv, true, NULL, 0);
}

static int
note_add(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, '0' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	char today[11], *text = NULL;
	struct input in[] = { { NOTE_DATE, today }, { NOTE_BODY, NULL } };
	struct record *p = NULL, *rec = NULL;
	int rc = ERR_OK, nargs;

	format_today(today);
	if (field_options(cmd, argc, argv, longopts, in, &rc) < 0)
		return rc;
	nargs = argc - optind;
	if ((rc = cli_nargs(cmd, nargs, 1, 2)))
		return rc;
	if (nargs == 1 || !strcmp(argv[optind + 1], "-")) {
		if (isatty(STDIN_FILENO))
			fprintf(stderr, "%s\n",
				_("Type the note; end it with Ctrl-D on a line of its own."));
		if ((rc = cli_read_stdin(c, entities[ENT_NOTE]->fields[NOTE_BODY].name,
					 &text)))
			return rc;
		in[1].input = text;
	} else {
		in[1].input = argv[optind + 1];
	}
	if ((rc = cli_open(c, false)) || (rc = cli_project(c, argv[optind], &p)))
		goto out;
	/* The author is who runs the command, not something to type. */
	if (!(rec = record_new(entities[ENT_NOTE])) ||
	    record_set_text(rec, NOTE_AUTHOR, c->m.user))
		rc = cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	else
		rc = child_insert(c, cmd, p, rec, in, 2, 0, NULL);
out:
	record_free(&rec);
	record_free(&p);
	free(text);
	return rc;
}

static int
outcome_add(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, '0' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	static const int pos[] = { OUTCOME_LABEL, OUTCOME_VALUE, OUTCOME_UNIT };
	struct input in[] = { { OUTCOME_DATE, NULL } };
	int rc = ERR_OK;

	if (field_options(cmd, argc, argv, longopts, in, &rc) < 0)
		return rc;
	return child_add(c, cmd, ENT_OUTCOME, argc, argv, pos, 3, 2, in, 1);
}

static int
note_rm(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	return cli_child_change(c, cmd, ENT_NOTE, argc, argv, true, NULL, 0);
}

static int
outcome_set(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	return cli_child_change(c, cmd, ENT_OUTCOME, argc, argv, false, NULL, 0);
}

static int
outcome_rm(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	return cli_child_change(c, cmd, ENT_OUTCOME, argc, argv, true, NULL, 0);
}

/* ---- The groups --------------------------------------------------- */

static const struct cli_command funding_commands[] = {
	{ "add", funding_add,
	  N_("funding add CODE FUNDER [FIELD=VALUE]..."),
	  N_("Add a funding line (fields: programme, year, applied_date, applied,\n"
	     "granted, decision_date, reference, paid)."), NULL, CMD_WRITES },
	{ "set", funding_set,
	  N_("funding set CODE N|UUID FIELD=VALUE... [--if-version V]"),
	  N_("Change a funding line, named by its number in 'salkku show' or its uuid."),
	  N_("  --if-version V     refuse unless the line is still at version V"),
	  CMD_WRITES },
	{ "rm", funding_rm, N_("funding rm CODE N|UUID"),
	  N_("Delete a funding line."), NULL, CMD_WRITES },
};

static const struct cli_command note_commands[] = {
	{ "add", note_add, N_("note add CODE [TEXT|-] [--date DATE]"),
	  N_("Add a note; without TEXT, or with -, read it from standard input."),
	  N_("  --date DATE        the note's date (default: today)"), CMD_WRITES },
	{ "rm", note_rm, N_("note rm CODE N|UUID"),
	  N_("Delete a note, named by its number in 'salkku show' or its uuid."),
	  NULL, CMD_WRITES },
};

static const struct cli_command outcome_commands[] = {
	{ "add", outcome_add,
	  N_("outcome add CODE LABEL VALUE [UNIT] [--date DATE] [FIELD=VALUE]..."),
	  N_("Record an outcome figure (\"trained experts\" 384 people; fields:\n"
	     "target, kind, precision)."),
	  N_("  --date DATE        when the figure was measured"), CMD_WRITES },
	{ "set", outcome_set,
	  N_("outcome set CODE N|UUID FIELD=VALUE... [--if-version V]"),
	  N_("Change an outcome figure, named by its number in 'salkku show' or its uuid."),
	  N_("  --if-version V     refuse unless the figure is still at version V"),
	  CMD_WRITES },
	{ "rm", outcome_rm, N_("outcome rm CODE N|UUID"),
	  N_("Delete an outcome figure."), NULL, CMD_WRITES },
	{ "list", cli_cmd_outcome_list,
	  N_("outcome list [--year YYYY] [--format table|csv|json]"),
	  N_("List the outcome figures of every project."),
	  N_("  --year YYYY        only the figures of projects active that year,\n"
	     "                     dated that year or undated\n"
	     "  --format FORMAT    table (default), csv or json"), 0 },
};

CLI_GROUP(cli_cmd_funding, "funding", funding_commands)
CLI_GROUP(cli_cmd_note, "note", note_commands)
CLI_GROUP(cli_cmd_outcome, "outcome", outcome_commands)
