/* SPDX-License-Identifier: EUPL-1.2 */
/* ui.h — the terminal UI's one entry point.  No curses in this header,
 * so that main.c need not include it. */
#ifndef SALKKU_UI_H
#define SALKKU_UI_H

#include "src/core/frontend.h"

#include <stdbool.h>

/* See ui_run_fn in src/frontend.h. */
int ui_run(struct model *m, const struct ui_options *opts);

/* Whether a signal (SIGHUP, SIGTERM, SIGINT) or a hang-up has asked the
 * UI to end: what is being edited then is dropped, not saved. */
bool ui_interrupted(void);

#endif
