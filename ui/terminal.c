/* SPDX-License-Identifier: EUPL-1.2 */
/* terminal.c — whether the terminal can draw salkku's screens, asked of
 * terminfo before curses takes the terminal.  Apart from ui.c because
 * <term.h> defines macros (lines, columns) that clash with our names. */
#include "config.h"

#include "terminal.h"

#include <curses.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

#include "src/base/i18n.h"

/* Whether the terminal can draw screens at all: without TERM, or on
 * one that cannot move the cursor (TERM=dumb, an Emacs shell buffer),
 * curses would draw a single garbled line.  0, or -1 with the reason
 * printed. */
int
terminal_check(void)
{
	const char *term = getenv("TERM");
	const char *cup;
	int err = 0;

	if (!term || !*term) {
		fprintf(stderr, "%s\n",
			_("salkku: TERM is not set, so the screens cannot be drawn; "
			  "set it (for example TERM=xterm-256color) or use the commands "
			  "(salkku --help)"));
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		fprintf(stderr, _("salkku: the terminal “%s” is unknown here (no terminfo "
				  "entry); use another TERM or the commands (salkku --help)\n"),
			term);
		return -1;
	}
	cup = tigetstr("cup");
	del_curterm(cur_term);
	if (!cup || cup == (char *)-1) {
		fprintf(stderr, _("salkku: the terminal “%s” cannot move the cursor, so the "
				  "screens cannot be drawn; use the commands instead "
				  "(salkku list, salkku show CODE, salkku --help)\n"),
			term);
		return -1;
	}
	return 0;
}

bool
terminal_key_waiting(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	return poll(&p, 1, 0) > 0;
}
