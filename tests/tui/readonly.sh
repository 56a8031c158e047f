#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A read-only session says so in a banner and refuses every change
# with a message; the footer does not offer what it would refuse.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

SALKKU_ARGS=--read-only tui_start 100 30
tui_expect "READ-ONLY" "the banner"
tui_expect "18/18" "the list"
tui_lacks "a:add" "the footer offers no adding"
for key in a e t d u; do
	tui_keys "$key"
	tui_expect "Read-only: this session cannot change anything" "$key is refused"
	tui_keys j
done
tui_keys Enter
tui_expect "[Overview]" "projects still open"
tui_keys n
tui_expect "Read-only: this session cannot change anything" "no notes either"
tui_lacks "New note" "no editor opened"
tui_quit
run_salkku list --format=csv
run_salkku show LUMO
expect_out "^Status +closed" "nothing changed"
finish
