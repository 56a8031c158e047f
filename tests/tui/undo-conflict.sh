#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# An undo refused because someone else saved meanwhile names who and
# when in the user's local time, never a raw ISO time stamp.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

tui_start 100 30 TZ=Europe/Helsinki
tui_expect "18/18" "the list is up"
tui_open_project LUMO
tui_keys e
tui_expect "Edit Project" "e opens the form"
tui_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab C-u
tui_type "980 000"
tui_keys Enter
tui_expect "Saved Project “LUMO”" "the form saves"

# Someone else saves, at 09:00 UTC (11:00 in Helsinki in November).
run_salkku set LUMO budget=1000000
expect_rc 0 "another session saves LUMO"
tui_keys u
tui_expect "has changed since you read version" "the undo is refused as a conflict"
tui_expect "saved version 3 at 11:00" "who, which version and the local time"
tui_screen | grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:' &&
	fail "a raw ISO time stamp on the screen: $(tui_screen)"
run_salkku show LUMO
expect_out "^Budget +1,000,000 €" "the other session's save stands"
tui_quit
finish
