/* SPDX-License-Identifier: EUPL-1.2 */
/* main.c — sets up locale and translations, then hands over to the
 * command line, which may open the TUI. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "src/base/i18n.h"
#include "src/cli/cli_main.h"
#include "ui/ui.h"

int
main(int argc, char **argv)
{
	const char *localedir = getenv("SALKKU_LOCALEDIR");

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
	bindtextdomain(PACKAGE, localedir ? localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)localedir;
#endif
	return cli_main(argc, argv, ui_run);
}
