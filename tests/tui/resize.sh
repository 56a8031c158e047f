#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Sizes: 100x30, the smallest 80x24 (columns drop by priority, the
# selection stays), a wide 200x60 (the rows read again with the columns
# that came back), below the minimum a clear message,
# and back, with a form open across a resize.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

tui_start 100 30
tui_expect "18/18" "the list is up"
tui_keys j j j
tui_expect_re "^>Kansa-koulu 5" "Kansa-koulu 5 selected"
tui_expect "Administr" "at 100 columns the administrator shows"
tui_lacks "Main funder" "the main funder is the first to go"

tui_resize 80 24
tui_gone "Administr" "at 80x24 the administrator goes"
tui_expect "Budget" "and the budget still shows"
tui_expect_re "^>Kansa-koulu 5" "the selection stays"
tui_expect "?:help" "the footer is drawn at the new size"
[ "$(tui_screen | wc -l)" -eq 24 ] || fail "the screen has 24 lines"

tui_resize 200 60
tui_expect "Main funder" "at 200 columns every column shows"
# The rows read at 100 columns left the main funder out (no room for
# it): widened, they are read again with it.
tui_expect_re "^ ISO-perustoiminta 2023 .* ISO +STM +2023-01-01" \
	"the main funder of the rows already read"
tui_expect "Start" "the start date as well"
tui_expect_re "^>Kansa-koulu 5 +Kansa-koulu 5 – sosiaalialan kirjaamisosaamisen vahvistaminen yhteiskehit" \
	"the name takes the room"

tui_resize 79 24
tui_expect "Terminal too small: 79x24; salkku needs 80x24." "79 columns are too few"
tui_resize 80 23
tui_expect "Terminal too small: 80x23" "23 lines are too few"
tui_resize 100 30
tui_expect_re "^>Kansa-koulu 5" "back to normal, the selection kept"

# A form open across a resize keeps what was typed.
tui_keys e Tab
tui_type "X"
tui_resize 80 24
tui_expect "Edit Project" "the form is still there"
tui_expect "yhteiskehittämälläX" "what was typed is kept"
tui_keys Escape
tui_expect_re "^>Kansa-koulu 5" "and the list under it"

tui_quit
finish
