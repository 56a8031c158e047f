#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A search on the project list ranks the rows: no column heading carries
# the sort's arrow and the title says the list is ranked; the arrow comes
# back when the search is cleared (F, or / with nothing typed), and an
# empty search shows every project again.  In English and in Finnish.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"
run_salkku list --format csv
total=$(($(printf '%s\n' "$out" | wc -l) - 1))

# ranked_walk LOCALE CODE-HEADING RANKED-NOTE SEARCH-WORD
ranked_walk() {
	tui_start 110 30 "LC_ALL=$1" "LANGUAGE="
	tui_expect "$2 ▲" "$1: the list is sorted by code"
	tui_lacks "$3" "$1: no ranking before a search"
	tui_keys /
	tui_type Varikko
	tui_keys Enter
	tui_expect "$4: Varikko" "$1: the search in the title"
	tui_expect "$3" "$1: the title says the list is ranked"
	tui_gone "▲" "$1: no column is marked sorted while ranked"
	tui_expect_re "^>Varikko " "$1: the exact match first"
	tui_expect " 2/$total" "$1: two matches"
	# / with nothing typed ends the search: every project, the arrow.
	tui_keys /
	tui_keys Enter
	tui_expect "$2 ▲" "$1: the arrow comes back with the search ended"
	tui_expect "$total/$total" "$1: every project again"
	tui_gone "$3" "$1: no longer ranked"
	# A reversed sort comes back reversed after F.
	tui_keys S
	tui_expect "$2 ▼" "$1: the sort reversed"
	tui_keys /
	tui_type lastensuojelu
	tui_keys Enter
	tui_expect "$3" "$1: ranked again"
	tui_gone "▼" "$1: no arrow while ranked"
	tui_keys F
	tui_expect "$2 ▼" "$1: F brings the reversed sort back"
	tui_gone "$3" "$1: F ends the ranking"
	tui_quit
}

ranked_walk C.UTF-8 Code "ranked by relevance" Search
use_language fi
ranked_walk "$lang_locale" Koodi "osuvuusjärjestyksessä" Haku
finish
