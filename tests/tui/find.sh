#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Finding: incremental search with n/N, the filter (status, funder,
# year) always shown and cleared with one key, and sorting both ways.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

tui_start 100 30
tui_expect "18/18" "the list is up"

# Search as one types: the count falls with each letter.
tui_keys /
tui_type "lastensuoj"
tui_expect_re " [1-9]/18 · ranked by relevance *$" "typing narrows the list"
tui_expect "/ lastensuoj" "the prompt shows what is typed"
tui_keys Enter
tui_expect "Search: lastensuoj" "Enter keeps the search"
# Ranked: SOILA's name and description say lastensuojelu most.
tui_expect_re "^>SOILA" "the best match is selected"
tui_keys n
tui_expect_re "^>LUMO " "n goes to the next match"
tui_keys N
tui_expect_re "^>SOILA" "N goes back"
tui_keys /
tui_type "zzzz"
tui_expect "0/18" "a search that matches nothing"
tui_keys Escape
tui_expect "Search: lastensuoj" "Esc gives the search in force back"

# The filter: status.
tui_keys F
tui_expect "18/18" "F clears the search"
tui_keys f
tui_expect "Year active" "f opens the filter"
tui_keys Enter
tui_expect "[ ] ◐ reporting" "the statuses to choose from"
tui_type "report"
tui_keys Space Enter
tui_expect "Filter: status=reporting" "the filter shows in the title line"
tui_keys Escape
tui_expect "2/18" "two projects are reporting"
tui_expect "ISO-perustoi" "ISO's base funding is one"
tui_gone "LUMO" "LUMO is closed"

# Funder and year on top.
tui_keys f j Enter
tui_type "STM –"
tui_keys Enter
tui_expect "funder=STM" "the funder joins the filter"
tui_keys j j j Enter
tui_expect "Year active:" "the year is asked"
tui_type "2022"
tui_keys Enter Escape
tui_expect "Filter: status=reporting funder=STM year=2022" "all three show"
tui_expect "1/18" "only OT was reporting, STM-funded and active in 2022"
tui_expect_re "^>OT " "OT"
tui_keys F
tui_expect "18/18" "F clears the whole filter"
tui_gone "Filter:" "nothing of the filter is left"

# Sorting: by budget, then the other way.
tui_keys s
tui_expect "Sort by" "s lists the columns"
tui_type "Budget"
tui_keys Enter
tui_expect "Budget ▲" "the sorted column is marked"
tui_keys S
tui_expect "Budget ▼" "S reverses the order"
tui_keys g
tui_expect_re "^>ISO-perustoi.*453,087 €" "the largest budget comes first"
tui_keys s
tui_type "Code"
tui_keys Enter
tui_expect "Code ▲" "back to sorting by code"
tui_expect_re "^>ISO SOS" "in code order"

tui_quit
finish
