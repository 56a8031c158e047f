/* SPDX-License-Identifier: EUPL-1.2 */
/* main.c — sets up locale and translations, then hands over to the
 * command line, which may open the TUI. */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/base/i18n.h"
#include "src/cli/cli_main.h"
#include "ui/ui.h"

#ifdef ENABLE_NLS
/* The catalogues: $SALKKU_LOCALEDIR (the tests'), else those that
 * `make` puts beside an uninstalled salkku in locale/ (so that the
 * README's "./salkku demo" speaks the user's language before any
 * `make install`), else the installed ones.  BUF holds the path found
 * beside the program. */
static const char *
catalogue_dir(char *buf, size_t size)
{
	const char *env = getenv("SALKKU_LOCALEDIR");
	struct stat st;
	ssize_t len;
	char *slash;

	if (env != NULL)
		return env;
	len = readlink("/proc/self/exe", buf, size - 1);
	if (len <= 0)
		return LOCALEDIR;
	buf[len] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL || (size_t)(slash - buf) + sizeof "/locale" > size)
		return LOCALEDIR;
	strcpy(slash, "/locale");
	/* An installed salkku has no such directory beside it (in
	 * /usr/bin, "locale" is a program). */
	if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
		return LOCALEDIR;
	return buf;
}
#endif

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Numbers people read are written by format.c after LC_TIME and
	 * LC_MESSAGES; nothing of ours reads LC_NUMERIC, and a library that
	 * parses "8.80" with strtod() must not meet a decimal comma. */
	setlocale(LC_NUMERIC, "C");
	/* LC_CTYPE stays the user's: stored text is UTF-8 and decoded by
	 * text.c, and what reaches a terminal of another character set is
	 * converted to it (the CLI: cli_charset.c; the screens: curses,
	 * with stand-ins from draw.c). */
#ifdef ENABLE_NLS
	char beside[PATH_MAX];

	bindtextdomain(PACKAGE, catalogue_dir(beside, sizeof beside));
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	return cli_main(argc, argv, ui_run);
}
