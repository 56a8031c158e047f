/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_complete.c — `salkku complete`: the words a shell completes, one
 * per line, so that completion/salkku.bash and completion/_salkku ask
 * the program instead of keeping lists of their own.
 *
 * Field names and enumerations come from the entity tables; project
 * codes and organisations from the database, opened read-only so that
 * completing never creates or migrates a file. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "src/base/i18n.h"

/* The entity named by name, or the project when name is NULL. */
static const struct entity_def *
complete_entity(const struct cli_command *cmd, const char *name)
{
	const struct entity_def *def;

	if (!name)
		return entities[ENT_PROJECT];
	def = entity_by_name(name);
	if (!def)
		cli_usage(cmd, _("unknown entity '%s' (project, organisation, role, funding, deadline, note, outcome)"),
			  name);
	return def;
}

/* The fields `set`, `add` and the forms accept: not the read-only ones. */
static int
complete_fields(const struct cli_command *cmd, const char *entity)
{
	const struct entity_def *def = complete_entity(cmd, entity);

	if (!def)
		return ERR_USAGE;
	for (size_t i = 0; i < def->nfields; i++)
		if (!(def->fields[i].flags & F_READONLY))
			printf("%s\n", def->fields[i].name);
	return ERR_OK;
}

static int
complete_values(const struct cli_command *cmd, const char *entity,
		const char *field)
{
	const struct entity_def *def = complete_entity(cmd, entity);
	int i;

	if (!def)
		return ERR_USAGE;
	i = entity_field_index(def, field);
	if (i < 0 || !def->fields[i].enums)
		return cli_usage(cmd, _("%s has no field '%s' with a fixed set of values"),
				 def->name, field);
	for (const struct enum_def *e = def->fields[i].enums; e->key; e++)
		printf("%s\n", e->key);
	return ERR_OK;
}

static int
complete_codes(struct cli *c)
{
	struct project_query q = { .sort = SORT_CODE };
	struct project_rows rows = { 0 };
	int rc = cli_report(c, model_list_projects(&c->m, &q, &rows));

	for (size_t i = 0; rc == ERR_OK && i < rows.count; i++) {
		output_text(stdout, rows.items[i].code, 0);
		fputc('\n', stdout);
	}
	project_rows_clear(&rows);
	return rc;
}

/* Organisations by their short name, else their name. */
static int
complete_orgs(struct cli *c)
{
	struct record_list list = { 0 };
	int rc = cli_report(c, model_organisations(&c->m, &list));

	for (size_t i = 0; rc == ERR_OK && i < list.count; i++) {
		const char *name = record_text(list.items[i], ORG_SHORT_NAME);

		if (!name || !*name)
			name = record_text(list.items[i], ORG_NAME);
		output_text(stdout, name ? name : "", 0);
		fputc('\n', stdout);
	}
	record_list_clear(&list);
	return rc;
}

int
cli_cmd_complete(struct cli *c, const struct cli_command *cmd, int argc,
		 char **argv)
{
	static const struct option longopts[] = { CLI_HELP_OPTION, { NULL, 0, NULL, 0 } };
	const char *what;
	int opt, nargs, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, &rc)) != -1)
		if (opt == CLI_OPT_STOP)
			return rc;
	nargs = argc - optind;
	if ((rc = cli_nargs(cmd, nargs, 1, 3)))
		return rc;
	what = argv[optind];
	if (!strcmp(what, "fields") && nargs <= 2)
		return complete_fields(cmd, nargs == 2 ? argv[optind + 1] : NULL);
	if (!strcmp(what, "values") && nargs == 3)
		return complete_values(cmd, argv[optind + 1], argv[optind + 2]);
	if ((!strcmp(what, "codes") || !strcmp(what, "orgs")) && nargs == 1) {
		c->read_only = true;
		if ((rc = cli_open(c, false)))
			return rc;
		return what[0] == 'c' ? complete_codes(c) : complete_orgs(c);
	}
	return cli_usage(cmd, _("complete: unknown list '%s' or wrong number of arguments"),
			 what);
}
