/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_shared.c — the commands of shared use: backup and restore. */
#include "config.h"

#include "cli.h"

#include <errno.h>
#include <string.h>

#include <unistd.h>

#include "src/base/i18n.h"

int
cli_cmd_backup(struct cli *c, const struct cli_command *cmd, int argc,
	       char **argv)
{
	static const struct option longopts[] = { CLI_HELP_OPTION, { NULL, 0, NULL, 0 } };
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, &rc)) != -1)
		if (opt == CLI_OPT_STOP)
			return rc;
	if ((rc = cli_nargs(cmd, argc - optind, 1, 1)) ||
	    (rc = cli_open(c, false)))
		return rc;
	if ((rc = cli_report(c, model_backup(&c->m, argv[optind]))))
		return rc;
	cli_say(_("Backed up %s to %s."), model_path(&c->m), argv[optind]);
	return ERR_OK;
}

int
cli_cmd_restore(struct cli *c, const struct cli_command *cmd, int argc,
		char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	bool force = false;
	int opt, rc = ERR_OK;

	while ((opt = cli_getopt(cmd, argc, argv, "", longopts, &rc)) != -1) {
		if (opt == CLI_OPT_STOP)
			return rc;
		force = force || opt == 'f';
	}
	if ((rc = cli_nargs(cmd, argc - optind, 1, 1)))
		return rc;
	/* The real reason: a backup that is there but not readable by this
	 * user is a matter of permission (1), not of a missing file (3). */
	if (access(argv[optind], R_OK) != 0)
		return cli_fail(c, errno == ENOENT ? ERR_NOT_FOUND : ERR_FAILED, NULL,
				_("cannot read %s: %s"), argv[optind], strerror(errno));
	/* Into a database that exists: only init makes one. */
	if ((rc = cli_open(c, false)) ||
	    (rc = cli_report(c, model_restore(&c->m, argv[optind], force))))
		return rc;
	cli_say(_("Restored %s from %s."), model_path(&c->m), argv[optind]);
	return ERR_OK;
}
