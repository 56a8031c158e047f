#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Money that does not add up shows on the project's overview as the
# warnings `check` prints (shares not the budget, a grant that differs
# from the application, more paid than granted); a project whose money
# adds up shows none.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init
run_salkku org add "Itä-Suomen sosiaalialan osaamiskeskus" short_name=ISO kind=competence_centre
run_salkku org add "Sosiaali- ja terveysministeriö" short_name=STM kind=ministry
run_salkku org add "Pohjois-Savon hyvinvointialue" short_name=PSHVA kind=wellbeing_county
run_salkku add OT "OT-hanke" budget=1200000 planned_start=2022-01-01 planned_end=2023-12-31
run_salkku role add OT ISO administrator --share 700000
run_salkku role add OT PSHVA co_implementer --share 600000
run_salkku funding add OT STM year=2023 applied=500000 granted=450000 paid=460000
run_salkku add TASAN "Tasan" budget=100000
run_salkku role add TASAN ISO administrator --share 100000
expect_rc 0 "setup"

# The warnings as check words them.
run_salkku check
printf '%s\n' "$out" | sed -n 's/^OT: warning: //p' >"$TEST_TMP/warnings"
[ "$(wc -l <"$TEST_TMP/warnings")" -eq 3 ] || fail "check warns three times: $out"

tui_start 140 30
tui_expect "2/2" "the list is up"
tui_open_project OT
tui_expect_re "^ *Warning +" "a warning line on the overview"
while IFS= read -r w; do
	tui_expect "$w" "the overview warns: $w"
done <"$TEST_TMP/warnings"
tui_keys Escape
tui_expect "Search: OT" "back to the list"
tui_keys F
tui_expect "2/2" "the search cleared"
tui_open_project TASAN
tui_lacks "Warning" "money that adds up: no warning"
tui_quit
finish
