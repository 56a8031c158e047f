#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Stored text never acts on the terminal: an escape sequence, a carriage
# return and a right-to-left override in a note and a name are shown
# escaped; the note also comes out through the CLI unharmed.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init
expect_rc 0 "init"
esc=$(printf '\033')
cr=$(printf '\r')
rlo=$(printf '\342\200\256')
run_salkku add "code=EVIL" "name=Nimi${cr}PIILO ${rlo}txet"
expect_rc 0 "a project with a CR and U+202E in its name"
run_salkku note add EVIL "Punainen ${esc}[31mVAARA${esc}[0m ja ${esc}]0;otsikko${esc}\\ loppu"
expect_rc 0 "a note with escape sequences"

tui_start 100 30
tui_expect "EVIL" "the project shows"
tui_expect "Nimi^MPIILO <U+202E>txet" "CR and the override show escaped"
tui_keys Enter
tui_expect "EVIL — Nimi^MPIILO <U+202E>txet" "the title too"
tui_keys BTab BTab BTab
tui_expect "[Notes" "the notes tab"
tui_expect "Punainen ^[[31mVAARA^[[0m ja ^[]0;otsikko^[\\ loppu" "the escapes show as text"
# Nothing reached the terminal as colour or a title.
if tmux_ capture-pane -p -e -t 0 | grep -q "$esc\[31m"; then
	fail "the note's red reached the terminal"
fi
title=$(tmux_ display-message -p -t 0 '#{pane_title}')
[ "$title" != "otsikko" ] || fail "the note set the terminal's title"

tui_quit
finish
