/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_access.c — `salkku access`: who may read or write a shared
 * database, granted and taken away on its directory and every file at
 * once (src/core/access.c). */
#include "config.h"

#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/access.h"

static const char *
level_label(enum access_level level)
{
	switch (level) {
	case ACCESS_READ:  return _("read");
	case ACCESS_WRITE: return _("read and write");
	case ACCESS_NONE:  break;
	}
	return _("none");
}

static const char *
who_label(enum access_who who)
{
	switch (who) {
	case ACCESS_OWNER:       return _("owner");
	case ACCESS_GROUP:       return _("group");
	case ACCESS_USER:        return _("user");
	case ACCESS_NAMED_GROUP: return _("group");
	case ACCESS_OTHERS:      return _("others");
	}
	return "";
}

/* The command that evens an entry out, into buf. */
static const char *
mend_hint(const struct access_entry *a, char *buf, size_t size)
{
	if (a->who == ACCESS_USER || a->who == ACCESS_NAMED_GROUP)
		snprintf(buf, size, "salkku access grant %s %s%s",
			 access_level_key(a->level == ACCESS_NONE ? ACCESS_READ : a->level),
			 a->who == ACCESS_NAMED_GROUP ? "--group " : "", a->name);
	else
		snprintf(buf, size, "chmod/chgrp, or salkku init --shared");
	return buf;
}

static int
access_list_cmd(struct cli *c, const struct cli_command *cmd, int argc,
		char **argv)
{
	const struct table_col cols[] = {
		{ .header = _("Who") }, { .header = _("Name") },
		{ .header = _("Access") }, { .header = _("Note"), .flex = true },
	};
	static const struct option longopts[] = {
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	struct access_list list;
	struct table t;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, &rc)) != -1)
		if (opt == CLI_OPT_STOP)
			return rc;
	if ((rc = cli_nargs(cmd, argc - optind, 0, 0)))
		return rc;
	if (!cli_db_path(c))
		return c->m.err.code ? c->m.err.code : ERR_FAILED;
	if ((rc = cli_report(c, access_read(c->path, &list, &c->m.err))))
		return rc;
	cli_say(_("Access to %s: its directory %s and %zu files"), c->path,
		list.dir, list.files);
	table_init(&t, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < list.count; i++) {
		const struct access_entry *a = &list.items[i];
		char note[600] = "", hint[160];
		const char *row[4];

		if (a->uneven)
			snprintf(note, sizeof note,
				 _("not the same everywhere (%s differs): %s"),
				 a->uneven_file, mend_hint(a, hint, sizeof hint));
		row[0] = who_label(a->who);
		row[1] = a->name;
		row[2] = level_label(a->level);
		row[3] = note;
		if (table_add(&t, row) < 0) {
			rc = cli_fail(c, ERR_FAILED, NULL, "%s", _("out of memory"));
			break;
		}
	}
	if (rc == ERR_OK)
		table_print(&t, stdout, output_width());
	table_free(&t);
	access_list_clear(&list);
	return rc;
}

/* grant and revoke: [--group] NAME after the level (grant only). */
static int
access_change(struct cli *c, const struct cli_command *cmd, int argc,
	      char **argv, bool grant)
{
	static const struct option longopts[] = {
		{ "group", no_argument, NULL, 'g' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	bool group = false;
	int opt, level = ACCESS_NONE, rc = ERR_OK;
	const char *name;

	while ((opt = cli_getopt(cmd, argc, argv, "g", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		group = group || opt == 'g';
	}
	if ((rc = cli_nargs(cmd, argc - optind, grant ? 2 : 1, grant ? 2 : 1)))
		return rc;
	if (grant && (level = access_level_parse(argv[optind])) < 0)
		return cli_usage(cmd, _("access must be read or write, not “%s”"),
				 argv[optind]);
	name = argv[optind + (grant ? 1 : 0)];
	if (!cli_db_path(c))
		return c->m.err.code ? c->m.err.code : ERR_FAILED;
	rc = grant ? access_grant(c->path, group, name, (enum access_level)level,
				  &c->m.err)
		   : access_revoke(c->path, group, name, &c->m.err);
	if ((rc = cli_report(c, rc)))
		return rc;
	if (grant)
		cli_say(level == ACCESS_WRITE
			? _("%s may now read and write %s (its directory, the files there now and those made later).")
			: _("%s may now read %s (its directory, the files there now and those made later)."),
			name, c->path);
	else
		cli_say(_("%s no longer has access of its own to %s."), name, c->path);
	return ERR_OK;
}

static int
access_grant_cmd(struct cli *c, const struct cli_command *cmd, int argc,
		 char **argv)
{
	return access_change(c, cmd, argc, argv, true);
}

static int
access_revoke_cmd(struct cli *c, const struct cli_command *cmd, int argc,
		  char **argv)
{
	return access_change(c, cmd, argc, argv, false);
}

static const struct cli_command access_commands[] = {
	{ "list", access_list_cmd, N_("access list"),
	  N_("Show who may read or write the database, and where that is uneven."),
	  NULL, 0 },
	{ "grant", access_grant_cmd, N_("access grant read|write [--group] NAME"),
	  N_("Let a user (or a group) read, or read and write, the database."),
	  N_("  --group            NAME is a group, not a user"), 0 },
	{ "revoke", access_revoke_cmd, N_("access revoke [--group] NAME"),
	  N_("Take a user's (or a group's) own access away."),
	  N_("  --group            NAME is a group, not a user"), 0 },
};

CLI_GROUP(cli_cmd_access, "access", access_commands)
