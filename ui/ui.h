/* ui.h — the terminal UI's one entry point.  No curses in this header,
 * so that main.c need not include it. */
#ifndef SALKKU_UI_H
#define SALKKU_UI_H

#include "src/frontend.h"

/* See ui_run_fn in src/frontend.h. */
int ui_run(struct model *m, const struct ui_options *opts);

#endif
