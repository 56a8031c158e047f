/* SPDX-License-Identifier: EUPL-1.2 */
/* frontend.h — how the command line hands over to the terminal UI
 * without the core linking curses: main() passes ui_run() in, and
 * cli_main() (src/cli/cli_main.h) calls it. */
#ifndef SALKKU_FRONTEND_H
#define SALKKU_FRONTEND_H

#include <stdbool.h>

struct model;

struct ui_options {
	bool read_only;        /* the session may not write: show a banner */
	const char *hint;      /* a one-line hint for the status line, or NULL */
	const char *config;    /* config file path, or NULL for the default */
};

/* Runs the TUI on an open model until the user quits.  Returns an exit
 * status (0 on a normal quit). */
typedef int (*ui_run_fn)(struct model *m, const struct ui_options *opts);

#endif
