#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# An organisation's screen reads its projects a window at a time: one
# that administers 130 projects and funds 43 of them (more than six
# screens) shows each role's count and its funds in all, G shows the
# last row, PgUp to the top and PgDn to the end and j across windows
# reach every row once, in order, and another session's new project
# and new name show with the cursor kept on its row.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init
expect_rc 0 "init"
# Projects P-001 … P-130 administered by Iso Rahoittaja, every third
# funded by it (a line of 1,000 €), and a partner of all of them
# elsewhere, which the screen must not show.
awk 'BEGIN {
	u = "\"00000000-0000-4000-8000-%012d\""
	m = "\"version\": 1, \"updated_at\": \"2023-01-01T00:00:00Z\", \"updated_by\": \"test\""
	printf "{\"format\": \"salkku\", \"format_version\": 2, \"organisations\": {"
	printf u ": {" m ", \"name\": \"Iso Rahoittaja\", \"kind\": \"ngo\"}, ", 1
	printf u ": {" m ", \"name\": \"Muu\", \"kind\": \"ngo\"}}, \"projects\": {", 2
	for (i = 1; i <= 130; i++)
		printf "%s" u ": {" m ", \"code\": \"P-%03d\", \"name\": \"Hanke %03d\", \"status\": \"idea\"}", (i > 1 ? ", " : ""), 1000 + i, i, i
	printf "}, \"roles\": {"
	for (i = 1; i <= 130; i++) {
		printf "%s" u ": {" m ", \"project\": " u ", \"organisation\": " u ", \"role\": \"administrator\"}", (i > 1 ? ", " : ""), 2000 + i, 1000 + i, 1
		printf ", " u ": {" m ", \"project\": " u ", \"organisation\": " u ", \"role\": \"partner\"}", 4000 + i, 1000 + i, 2
	}
	printf "}, \"funding\": {"
	for (i = 3; i <= 130; i += 3)
		printf "%s" u ": {" m ", \"project\": " u ", \"funder\": " u ", \"granted\": 100000, \"year\": 2023}", (i > 3 ? ", " : ""), 3000 + i, 1000 + i, 1
	printf "}}\n"
}' >"$TEST_TMP/portfolio.json"
run_salkku import "$TEST_TMP/portfolio.json"
expect_rc 0 "import"

# The projects on the screen, in order, none missing, none twice: the
# administered one by one, the funded (with their 1,000 €) by threes.
in_order() {
	tui_screen | awk -v what="$1" '
		/^. *P-[0-9][0-9][0-9] / {
			n = substr($0, index($0, "P-") + 2, 3) + 0
			funded = /1,000/
			if (seen && funded == was && n != prev + (funded ? 3 : 1)) {
				printf "%s: P-%03d after P-%03d\n", what, n, prev
				bad = 1
			}
			seen = 1; prev = n; was = funded
		}
		END { if (!seen) print what ": no projects"; exit bad || !seen }' >"$TEST_TMP/order" ||
		{ fail "$(cat "$TEST_TMP/order")"; tui_screen | sed 's/^/    | /' >&2; }
}

tui_start 100 24
tui_keys 2
tui_expect "Iso Rahoittaja" "the organisations"
tui_keys Enter
tui_expect "administrator (130)" "the administered counted"
tui_expect "Funds in all: 43,000" "the funds of its 43 lines added up"
tui_lacks "partner" "the other organisation's roles are not its"
in_order "the first screen"
tui_keys G
tui_expect_re "^>P-129 +Hanke 129 .*1,000" "G on the last funded project"
tui_lacks "P-001" "the first off screen"
# Up to the top a page at a time, then down to the end.
for i in 1 2 3 4 5 6 7 8 9; do
	tui_keys PgUp
	sleep 0.2
	in_order "PgUp $i"
	case $i in 2) tui_expect "funder (43)" "the funded counted" ;; esac
done
tui_expect_re "^.Name +Iso Rahoittaja" "PgUp back at the top"
for i in 1 2 3 4 5 6 7 8 9; do
	tui_keys PgDn
	sleep 0.2
	in_order "PgDn $i"
done
tui_expect_re "^>P-129 " "PgDn down to the end"
tui_keys g
tui_expect_re "^>Name +Iso Rahoittaja" "g on the first field"
# Six fields, then the first project: 60 down is P-055.
for _ in $(seq 60); do tui_keys j; done
tui_expect_re "^>P-055 " "60 down: the 55th project"
in_order "j across windows"

# Another session adds a project it administers, before all the
# others, and then renames the one under the cursor.
run_salkku add A-001 "Alku"
expect_rc 0 "add A-001"
run_salkku role add A-001 "Iso Rahoittaja" administrator
expect_rc 0 "role add"
run_salkku set P-055 "name=Hanke 055 uusi"
expect_rc 0 "set"
TUI_WAIT=25 tui_expect_re "^>P-055 +Hanke 055 uusi" "the new name, the cursor kept on its row"
in_order "after another session's changes"
tui_keys Enter
tui_expect "Hanke 055 uusi" "Enter opens the project"
tui_keys Escape
tui_expect_re "^>P-055 " "back on its row"
tui_keys g
tui_expect "administrator (131)" "another session's project counted"
tui_expect_re "^ A-001 +Alku" "and shown first"
tui_keys G
tui_expect_re "^>P-129 " "G still on the last"
tui_quit
finish
