/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_org.c — organisations (`salkku org ...`) and the roles they have
 * in projects (`salkku role ...`). */
#include "config.h"

#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"

static int
org_list(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	const struct table_col cols[] = {
		{ _("Short name"), false, false, 16 },
		{ _("Name"), false, true, 0 },
		{ _("Kind"), false, false, 0 },
		{ _("Region"), false, false, 0 },
	};
	static const char *const header[] = {
		"name", "short_name", "kind", "region", "website", "uuid",
	};
	enum cli_format format = FORMAT_TABLE;
	struct record_list orgs = { 0 };
	struct json_out j;
	struct table t;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "f:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if ((rc = cli_format(cmd, optarg, FORMAT_TABLE | FORMAT_CSV | FORMAT_JSON,
				     &format)))
			return rc;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 0, 0)) || (rc = cli_open(c, false)) ||
	    (rc = cli_report(c, model_organisations(&c->m, &orgs))))
		return rc;
	json_init(&j, stdout);
	table_init(&t, cols, sizeof cols / sizeof cols[0]);
	if (format == FORMAT_JSON)
		json_begin_array(&j);
	else if (format == FORMAT_CSV)
		csv_row(stdout, header, 6);
	for (size_t i = 0; i < orgs.count; i++) {
		const struct record *o = orgs.items[i];
		const struct enum_def *kind = enum_find(organisation_kinds,
							record_text(o, ORG_KIND) ? record_text(o, ORG_KIND) : "");
		const char *cells[6] = {
			record_text(o, ORG_NAME), record_text(o, ORG_SHORT_NAME),
			record_text(o, ORG_KIND), record_text(o, ORG_REGION),
			record_text(o, ORG_WEBSITE), o->uuid,
		};

		if (format == FORMAT_JSON) {
			cli_json_record(c, &j, o, false);
		} else if (format == FORMAT_CSV) {
			csv_row(stdout, cells, 6);
		} else {
			const char *row[4] = {
				cells[1], cells[0], kind ? _(kind->label) : cells[2],
				cells[3],
			};

			table_add(&t, row);
		}
	}
	if (format == FORMAT_JSON) {
		json_end_array(&j);
		json_finish(&j);
	} else if (format == FORMAT_TABLE && orgs.count == 0) {
		printf("%s\n", _("No organisations."));
	} else if (format == FORMAT_TABLE) {
		table_print(&t, stdout, output_width());
	}
	table_free(&t);
	record_list_clear(&orgs);
	return ERR_OK;
}

/* The projects the organisation takes part in, as a table or JSON. */
static void
org_projects(struct cli *c, const struct org_project_rows *rows,
	     struct json_out *j)
{
	const struct table_col cols[] = {
		{ _("Code"), false, false, 0 }, { _("Name"), false, true, 0 },
		{ _("Status"), false, false, 0 }, { _("Role"), false, false, 0 },
		{ _("Amount"), true, false, 0 }, { _("Years"), false, false, 0 },
	};
	size_t ncols = sizeof cols / sizeof cols[0] - 1;
	struct table t;

	/* The years of funding lines, when there are any. */
	for (size_t i = 0; i < rows->count; i++)
		if (rows->items[i].years)
			ncols = sizeof cols / sizeof cols[0];
	table_init(&t, cols, ncols);
	t.indent = 2;
	for (size_t i = 0; i < rows->count; i++) {
		const struct org_project_row *r = &rows->items[i];
		const struct enum_def *st = enum_find(project_statuses, r->status);
		const struct enum_def *role = enum_find(role_kinds, r->role);
		char amount[40] = "";
		const char *cells[6] = {
			r->code, r->name, st ? _(st->label) : r->status,
			role ? enum_label(role_kinds, role->key) : r->role, amount,
			r->years ? r->years : "",
		};

		if (j) {
			json_begin_object(j);
			json_kv_string(j, "project_uuid", r->project_uuid);
			json_kv_string(j, "code", r->code);
			json_kv_string(j, "name", r->name);
			json_kv_string(j, "status", r->status);
			json_kv_string(j, "role", r->role);
			json_key(j, "amount");
			if (r->has_amount)
				json_int(j, r->amount);
			else
				json_null(j);
			json_kv_string(j, "years", r->years);
			json_end_object(j);
			continue;
		}
		if (r->has_amount)
			format_money(amount, sizeof amount, r->amount, c->style);
		else if (r->amount_overflow)
			snprintf(amount, sizeof amount, "%s", _("too large"));
		table_add(&t, cells);
	}
	if (!j && t.rows) {
		printf("\n%s\n", _("Projects"));
		table_print(&t, stdout, output_width());
	}
	table_free(&t);
}

static int
org_show(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	enum cli_format format = FORMAT_TEXT;
	struct org_project_rows rows = { 0 };
	struct record *o = NULL;
	struct json_out j;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "f:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if ((rc = cli_format(cmd, optarg, FORMAT_TEXT | FORMAT_JSON, &format)))
			return rc;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 1, 1)) || (rc = cli_open(c, false)) ||
	    (rc = cli_organisation(c, argv[optind], &o)))
		return rc;
	if (!(rc = cli_report(c, model_org_projects(&c->m, o->uuid, &rows)))) {
		if (format == FORMAT_JSON) {
			json_init(&j, stdout);
			json_begin_object(&j);
			json_key(&j, "organisation");
			cli_json_record(c, &j, o, false);
			json_key(&j, "projects");
			json_begin_array(&j);
			org_projects(c, &rows, &j);
			json_end_array(&j);
			json_end_object(&j);
			json_finish(&j);
		} else {
			cli_print_fields(c, o);
			org_projects(c, &rows, NULL);
		}
	}
	org_project_rows_clear(&rows);
	record_free(&o);
	return rc;
}

static int
org_add(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = { CLI_HELP_OPTION, { NULL, 0, NULL, 0 } };
	struct record *o = NULL;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, &rc)) != -1)
		if (opt == CLI_OPT_STOP)
			return rc;
	if ((rc = cli_nargs(cmd, argc - optind, 1, -1)) || (rc = cli_open(c, false)))
		return rc;
	if (!(o = record_new(entities[ENT_ORGANISATION])))
		return cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	for (int i = optind; i < argc && rc == ERR_OK; i++) {
		if (cli_is_assignment(argv[i]))
			rc = cli_assign(c, o, 1, &argv[i]);
		else if (i == optind)
			rc = cli_report(c, model_parse_field(&c->m, o, ORG_NAME, argv[i]));
		else
			rc = cli_usage(cmd, _("'%s' is not FIELD=VALUE"), argv[i]);
	}
	if (rc == ERR_OK && !(rc = cli_report(c, model_insert(&c->m, o))))
		cli_say(_("Added organisation %s (%s)."), record_text(o, ORG_NAME),
			o->uuid);
	record_free(&o);
	return rc;
}

static int
org_set(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "if-version", required_argument, NULL, 'v' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	struct record *o = NULL;
	int64_t version = 0;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "v:", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		if ((rc = cli_number(cmd, "--if-version", optarg, 1, INT64_MAX, &version)))
			return rc;
	}
	if ((rc = cli_nargs(cmd, argc - optind, 2, -1)))
		return rc;
	for (int i = optind + 1; i < argc; i++)
		if (!cli_is_assignment(argv[i]))
			return cli_usage(cmd, _("'%s' is not FIELD=VALUE"), argv[i]);
	if ((rc = cli_open(c, false)) || (rc = cli_organisation(c, argv[optind], &o)))
		return rc;
	if (version)
		o->version = version;
	if (!(rc = cli_assign(c, o, argc - optind - 1, argv + optind + 1)) &&
	    !(rc = cli_report(c, model_update(&c->m, o))))
		cli_say(_("Updated organisation %s (version %lld)."),
			record_text(o, ORG_NAME), (long long)o->version);
	record_free(&o);
	return rc;
}

static int
org_rm(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	struct record *o = NULL;
	bool done;
	int rc;

	if ((rc = cli_rm_args(cmd, argc, argv, _("deleting %s needs --yes"),
			      &done)) || done)
		return rc;
	if ((rc = cli_open(c, false)) || (rc = cli_organisation(c, argv[optind], &o)))
		return rc;
	if (!(rc = cli_report(c, model_delete(&c->m, o))))
		cli_say(_("Deleted organisation %s."), record_text(o, ORG_NAME));
	record_free(&o);
	return rc;
}

/* ---- role --------------------------------------------------------- */

static int
role_add(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "share", required_argument, NULL, 's' },
		{ "note",  required_argument, NULL, 'n' },
		{ "cofinancing", required_argument, NULL, 'c' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	struct input in[] = {
		{ ROLE_ORGANISATION, NULL }, { ROLE_ROLE, NULL },
		{ ROLE_BUDGET_SHARE, NULL }, { ROLE_NOTE, NULL },
		{ ROLE_COFINANCING, NULL },
	};
	char *percent = NULL;
	struct record *p = NULL, *r = NULL;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "s:n:c:", longopts, &rc)) != -1) {
		size_t len;

		if (opt == CLI_OPT_STOP)
			return rc;
		if (opt != 'c') {
			in[opt == 's' ? 2 : 3].input = optarg;
			continue;
		}
		/* "20 %" is a per cent of the share, "5 000" an amount. */
		len = strlen(optarg);
		while (len && (optarg[len - 1] == ' ' || optarg[len - 1] == '\t'))
			len--;
		free(percent);
		percent = NULL;
		if (len && optarg[len - 1] == '%') {
			if (!(percent = strndup(optarg, len - 1)))
				return cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
			in[4] = (struct input){ ROLE_COFINANCING_PERCENT, percent };
		} else {
			in[4] = (struct input){ ROLE_COFINANCING, optarg };
		}
	}
	if ((rc = cli_nargs(cmd, argc - optind, 3, 3)) || (rc = cli_open(c, false)) ||
	    (rc = cli_project(c, argv[optind], &p)))
		return rc;
	in[0].input = argv[optind + 1];
	in[1].input = argv[optind + 2];
	if (!(r = record_new(entities[ENT_ROLE])) ||
	    record_set_text(r, ROLE_PROJECT, p->uuid))
		rc = cli_fail(c, ERR_FAILED, NULL, _("out of memory"));
	for (size_t i = 0; i < sizeof in / sizeof in[0] && rc == ERR_OK; i++)
		if (in[i].input)
			rc = cli_report(c, model_parse_field(&c->m, r, in[i].field,
							     in[i].input));
	if (rc == ERR_OK && !(rc = cli_report(c, model_insert(&c->m, r))))
		cli_say(_("%s is now %s of %s."), argv[optind + 1],
			enum_label(role_kinds, record_text(r, ROLE_ROLE)),
			record_text(p, PROJECT_CODE));
	record_free(&r);
	record_free(&p);
	free(percent);
	return rc;
}

static int
role_set(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	return cli_child_change(c, cmd, ENT_ROLE, argc, argv, false, NULL, 0);
}

static int
role_rm(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = { CLI_HELP_OPTION, { NULL, 0, NULL, 0 } };
	struct record *p = NULL, *org = NULL, *found = NULL;
	struct record_list roles = { 0 };
	const struct enum_def *role;
	char keys[256];
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, &rc)) != -1)
		if (opt == CLI_OPT_STOP)
			return rc;
	if ((rc = cli_nargs(cmd, argc - optind, 3, 3)) || (rc = cli_open(c, false)))
		return rc;
	if (!(role = enum_find(role_kinds, argv[optind + 2])))
		return cli_fail(c, ERR_INVALID, "role", _("unknown role '%s' (one of: %s)"),
				argv[optind + 2],
				cli_enum_keys(role_kinds, keys, sizeof keys));
	if ((rc = cli_project(c, argv[optind], &p)) ||
	    (rc = cli_organisation(c, argv[optind + 1], &org)) ||
	    (rc = cli_report(c, model_children(&c->m, entities[ENT_ROLE], p->uuid,
					       &roles))))
		goto out;
	for (size_t i = 0; i < roles.count && !found; i++) {
		const char *who = record_text(roles.items[i], ROLE_ORGANISATION);
		const char *what = record_text(roles.items[i], ROLE_ROLE);

		if (who && what && !strcmp(who, org->uuid) && !strcmp(what, role->key))
			found = roles.items[i];
	}
	if (!found)
		rc = cli_fail(c, ERR_NOT_FOUND, NULL, _("%s is not %s of %s"),
			      argv[optind + 1], enum_label(role_kinds, role->key), record_text(p, PROJECT_CODE));
	else if (!(rc = cli_report(c, model_delete(&c->m, found))))
		cli_say(_("%s is no longer %s of %s."), argv[optind + 1], enum_label(role_kinds, role->key),
			record_text(p, PROJECT_CODE));
out:
	record_list_clear(&roles);
	record_free(&org);
	record_free(&p);
	return rc;
}

static const struct cli_command org_commands[] = {
	{ "list", org_list, "org list [--format table|csv|json]",
	  N_("List organisations."),
	  N_("  --format FORMAT    table (default), csv or json"), 0 },
	{ "show", org_show, N_("org show ORG [--format text|json]"),
	  N_("Show an organisation and the projects it takes part in."),
	  N_("  --format FORMAT    text (default) or json"), 0 },
	{ "add", org_add, N_("org add NAME [FIELD=VALUE]..."),
	  N_("Add an organisation (fields: short_name, kind, region, website, business_id)."),
	  NULL, CMD_WRITES },
	{ "set", org_set, N_("org set ORG FIELD=VALUE... [--if-version N]"),
	  N_("Change fields of an organisation."),
	  N_("  --if-version N     refuse unless it is still at version N"),
	  CMD_WRITES },
	{ "rm", org_rm, N_("org rm ORG --yes"),
	  N_("Delete an organisation that has no roles or funding lines left."),
	  N_("  --yes              really delete"), CMD_WRITES },
};

static const struct cli_command role_commands[] = {
	{ "add", role_add, N_("role add CODE ORG ROLE [--share MONEY] [--cofinancing MONEY|PERCENT%] [--note TEXT]"),
	  N_("Give an organisation a role in a project (administrator,\n"
	     "main_implementer, co_implementer, funder, partner, steering_group)."),
	  N_("  --share MONEY      its share of the budget\n"
	     "  --cofinancing MONEY|PERCENT%  the own financing it brings: an\n"
	     "                     amount, or a per cent of its share (or budget)\n"
	     "  --note TEXT        a note on the role"), CMD_WRITES },
	{ "set", role_set,
	  N_("role set CODE N|UUID FIELD=VALUE... [--if-version V]"),
	  N_("Change a role, named by its number in 'salkku show' or its uuid."),
	  N_("  --if-version V     refuse unless the role is still at version V"),
	  CMD_WRITES },
	{ "rm", role_rm, N_("role rm CODE ORG ROLE"),
	  N_("Take a role away."), NULL, CMD_WRITES },
};

CLI_GROUP(cli_cmd_org, "org", org_commands)
CLI_GROUP(cli_cmd_role, "role", role_commands)
