#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Browsing: the project list, a project and every one of its tabs, the
# organisations and one organisation, the deadlines, the timeline and
# the help screen, and back out with q.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

tui_start 100 30
tui_expect "Code" "the project list has its headings"
tui_expect "18/18" "the header counts the projects"
tui_expect "?:help" "the footer names the keys"
tui_expect "salkku.db · as of 2024-01-15" "the title: the demo as of 15.1.2024, not the clock's day"
tui_expect_re "^>ISO SOS" "the first row is selected and marked"

# To LUMO and into it.
tui_keys /
tui_type "LUMO"
tui_keys Enter
tui_expect "Search: LUMO" "the search shows in the header"
tui_keys g Enter
tui_expect "LUMO — LUMO" "the project opens"
tui_expect "[Overview]" "on the overview tab"
tui_expect "Administrator" "the overview names the administrator"
for tab in "Organisations:Budget share" "Funding:Programme" \
	   "Deadlines:State" "Status history:Reason" "Notes:Author" \
	   "Outcomes:Unit" "Changes:Who"; do
	tui_keys Tab
	tui_expect "[${tab%%:*}" "tab ${tab%%:*}"
	tui_expect "${tab#*:}" "the headings of ${tab%%:*}"
done
tui_keys Tab
tui_expect "[Overview]" "Tab comes round to the overview"
tui_keys BTab
tui_expect "[Changes]" "S-Tab (BTab) goes back"
tui_keys Escape
tui_expect "Search: LUMO" "Esc goes back to the list, as it was"

# The other screens.
tui_keys 2
tui_expect "Short name" "2 shows the organisations"
tui_keys /
tui_type "Itä-Suomen sosiaalialan"
tui_keys Enter
tui_expect_re "^>ISO" "the search finds ISO"
tui_keys Enter
tui_expect "competence centre" "ISO's details"
tui_expect_re "administrator \([0-9]+\)" "its projects grouped by role"
tui_expect "LUMO" "LUMO among them"
tui_keys Escape
tui_keys 3
tui_expect "Deadlines — the next" "3 shows the deadlines"
tui_keys +
tui_expect "Deadlines — the next 90 days" "+ looks further"
tui_keys 4
tui_expect "Timeline" "4 shows the timeline"
tui_expect "▼" "today is marked"
tui_expect "(reporting)" "bars say their status in words"
tui_keys 1
tui_expect "Search: LUMO" "the project list kept its search"

# The mouse (xterm's SGR reports): a click selects, a second opens.
tui_keys F
tui_expect "18/18" "F clears the search"
click='\033[<0;5;7M\033[<0;5;7m'
tui_type "$(printf "$click")"
tui_expect_re "^>Kansa-koulu II " "a click selects the fifth row"
tui_type "$(printf "$click")"
tui_expect "Kansa-koulu II — " "a click on the selected row opens it"
tui_keys Escape
tui_keys /
tui_type "LUMO"
tui_keys Enter

# Help, generated from the bindings of the screen.
tui_keys '?'
tui_expect "Help: Projects" "? opens the help of the screen"
tui_expect "Add a project" "the help lists this screen's keys"
tui_expect "Move the selection down" "and the keys of every screen"
tui_keys q
tui_expect "Search: LUMO" "q closes the help"

tui_quit
finish
