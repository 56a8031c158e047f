#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# "Funds in all" on an organisation's screen: each project once, its
# funding lines of all years added up (granted only); a funder role's
# share only where the project has no line from the organisation; the
# role's line carries the headings of its rows.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init
run_salkku org add "Rahasto" short_name=RAHA kind=other
run_salkku add P1 "Kolmen vuoden hanke"
run_salkku add P2 "Pelkkä rooli"
run_salkku role add P1 RAHA funder --share 700
run_salkku funding add P1 RAHA year=2023 granted=1000
run_salkku funding add P1 RAHA year=2024 granted=500
run_salkku funding add P1 RAHA year=2024 applied=9999
run_salkku role add P2 RAHA funder --share 300
expect_rc 0 "set-up"

tui_start 100 30
tui_expect "2/2" "the projects"
tui_keys 2
tui_expect "Short name" "the organisations"
tui_keys /
tui_type "Rahasto"
tui_keys Enter
tui_expect_re "^>Rahasto +RAHA" "the search finds it"
tui_keys Enter
tui_expect "Funds in all: 1,800 €" "1 000 + 500 granted for P1, and P2's share of 300"
tui_expect_re "funder \(2\)" "two projects under funder, each once"
# The role's line heads its rows; no heading line stands over the fields.
tui_expect_re "^ funder \(2\) +Status +Amount *$" "the role's line names the columns of its rows"
tui_expect_re "^>Name +Rahasto" "the fields begin under the title"
tui_lacks "Code " "no heading of the project columns over the fields"
tui_quit
finish
