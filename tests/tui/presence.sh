#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Who else has a project open: a second salkku on the same project is
# named on the first one's status line with how long it has been there
# (both run as the same login here: sessions are told apart by host and
# process), leaves it when it goes back to the list, and is forgotten
# about 30 seconds after it dies without a word (SIGKILL).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"
me=$(id -un)

tui_start 100 30
tui_expect "18/18" "A: the list"
tui_open_project LUMO
tui_lacks "Also open:" "A is alone at first"

tui_open b 100 30
tui_expect "18/18" "B: the list"
tui_lacks "Also open:" "nobody else on the list"
tui_open_project LUMO
tui_expect "Also open: $me (<1 min)" "B sees A on LUMO"

tui_use 0
tui_expect "Also open: $me (<1 min)" "A sees B within seconds"
tui_expect_re "Also open: $me \(<1 min\) +version 1 · changed" \
	"beside the project's version"

# In a form over the list, too.
tui_use b
tui_keys Escape
tui_use 0
tui_gone "Also open:" "B back on the list: A no longer sees B"
tui_use b
tui_keys F e
tui_expect "Edit Project" "B edits the first project from the list"
tui_keys Escape
tui_keys /
tui_type LUMO
tui_keys Enter e
tui_expect "Edit Project “LUMO”" "B edits LUMO from the list"
tui_expect "Also open: $me (<1 min)" "the form says who else is on LUMO"
tui_use 0
tui_expect "Also open: $me (<1 min)" "A sees B editing LUMO"

# B dies without a word; A forgets it when its heartbeat stops.
tui_use b
pid=$(tui_pid)
[ -n "$pid" ] || fail "no salkku in session b"
kill -KILL "$pid"
tui_use 0
tui_expect "Also open: $me" "B is still taken for alive at first"
start=$(date +%s)
TUI_WAIT=400 tui_gone "Also open:" "a dead session is forgotten"
took=$(($(date +%s) - start))
echo "a killed session was forgotten after ${took} s"
[ "$took" -le 36 ] || fail "forgetting took ${took} s"

tui_quit
finish
