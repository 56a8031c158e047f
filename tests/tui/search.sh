#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The project list's search: the project whose code or name is what was
# typed is selected first, then the best matches.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

tui_start 100 30
tui_expect "18/18" "the list is up"

# SOILA's note mentions Varikko, and SOILA comes first by code.
tui_keys /
tui_type "Varikko"
tui_expect_re " 2/18 · ranked by relevance *$" "two projects mention Varikko"
tui_keys Enter
tui_expect "Search: Varikko" "Enter keeps the search"
tui_expect_re "^>Varikko " "Varikko itself is selected first"
tui_keys n
tui_expect_re "^>SOILA " "n goes on to SOILA"

# The same typed in lower case.
tui_keys /
tui_type "varikko"
tui_keys Enter
tui_expect_re "^>Varikko " "the exact name in any case"

tui_quit
finish
