/* SPDX-License-Identifier: EUPL-1.2 */
/* terminal.h — whether the terminal can draw the screens at all, and
 * whether a key waits on it. */
#ifndef SALKKU_UI_TERMINAL_H
#define SALKKU_UI_TERMINAL_H

#include <stdbool.h>

/* Without TERM, with an unknown one, or on one that cannot move the
 * cursor (TERM=dumb, an Emacs shell buffer), curses would draw a single
 * garbled line.  0, or -1 with the reason printed to standard error,
 * pointing to the command line. */
int terminal_check(void);

/* Whether a key has been typed and not yet read (or the terminal is
 * gone, which a read then says): work that the next key would make
 * stale, or that may wait, gives way. */
bool terminal_key_waiting(void);

#endif
