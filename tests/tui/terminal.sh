#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A terminal that cannot draw the screens (TERM=dumb, TERM unset, an
# unknown TERM) is refused with a message pointing to the command line,
# never a single garbled line.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

TUI_TERM=dumb tui_start 100 30
tui_expect "the terminal “dumb” cannot move the cursor" "dumb is refused"
tui_expect "salkku --help" "the message points to the commands"
tui_expect "[salkku exited 2]" "with the usage status"

TUI_TERM= tui_start 100 30
tui_expect "TERM is not set" "an empty TERM is named"
tui_expect "[salkku exited 2]" "and refused"

TUI_TERM=no-such-terminal tui_start 100 30
tui_expect "“no-such-terminal” is unknown here" "an unknown TERM is named"
tui_expect "[salkku exited 2]" "and refused"

# A real terminal still works.
tui_start 100 30
tui_expect "18/18" "xterm draws the list"
tui_quit
finish
