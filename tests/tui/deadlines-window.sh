#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The deadline screen reads a window of the deadlines: paging to the end
# and back reads the rows there, the counts are of all of them, and the
# search (title, project code, kind) narrows them in the database.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

# today is 2023-11-20; 120 weekly meetings from 2023-10-02, 7 of them
# past, and the screen looks 60 days ahead: 7 overdue, 9 coming.
run_salkku init
run_salkku add ESR "ESR-hanke" --status active
run_salkku add LUMO "Lumo" --status active
run_salkku deadline add ESR steering_meeting 2023-10-02 "Viikkopalaveri" \
	--every 1weeks --count 120
run_salkku deadline add LUMO payment 2023-12-05 "Maksatushakemus"
run_salkku deadline add LUMO report_due 2023-12-06 "Väliraportti"
expect_rc 0 "setup"

tui_start 100 24
tui_expect "2/2" "the list is up"
tui_keys 3
tui_expect "overdue 7 · coming 11" "the counts are of every open deadline"
tui_expect "Viikkopalaveri" "the first rows"
# + three times: 150 days ahead, to 2024-04-18, more rows than the screen.
tui_keys + + +
tui_expect "the next 150 days" "looks further"
tui_expect "overdue 7 · coming 24" "counted again"
tui_keys G
tui_expect "2024-04-15" "G reaches the last row (the 29th meeting)"
tui_lacks "2023-10-02" "the first is off screen"
tui_keys g
tui_expect "2023-10-02" "g back at the first"

# Search: the title, case folded ...
tui_keys /
tui_type "VÄLI"
tui_keys Enter
tui_expect "Väliraportti" "found by its title"
tui_lacks "Viikkopalaveri" "the others narrowed away"
tui_expect "overdue 7 · coming 24" "the counts stay those of all"
tui_keys Escape
# ... the project code ...
tui_keys /
tui_type "lumo"
tui_keys Enter
tui_expect "Maksatushakemus" "found by the project code"
tui_lacks "Viikkopalaveri" "ESR's narrowed away"
tui_keys Escape
# ... and the kind, as shown.
tui_keys /
tui_type "payment"
tui_keys Enter
tui_expect "Maksatushakemus" "found by its kind"
tui_lacks "Väliraportti" "another kind narrowed away"
tui_keys /
tui_keys C-u
tui_keys Enter
tui_expect "Viikkopalaveri" "the search cleared"

# 870 days ahead: all 122 rows, more than a window (three screens).
# Moving row by row reads each next window from the row it borders,
# back and forth, and lands where the order says.
tui_keys + + + + + + + + + + + + + + + + + + + + + + + +
tui_expect "the next 870 days" "looks much further"
tui_expect "overdue 7 · coming 115" "all of them"
tui_keys G
tui_expect_re "^>  2026-01-12 ESR" "G on the 120th meeting, row 122"
for _ in $(seq 60); do tui_keys k; done
tui_expect_re "^>  2024-11-18 ESR" "60 up: the 60th meeting, row 62"
tui_keys g
for _ in $(seq 70); do tui_keys j; done
tui_expect_re "^>  2025-01-20 ESR" "70 down from the top: the 69th meeting"
# Paged down and up across windows, the rows on screen are still one
# meeting a week, none missing, none twice.
tui_keys PgDn PgDn PgDn PgUp PgUp PgUp PgUp PgDn
sleep 0.3
prev=
for day in $(tui_screen | sed -n 's/^.. *\(20[0-9-]*\) ESR .*/\1/p'); do
	if [ -n "$prev" ] &&
	   [ "$(date -u -d "$prev + 7 days" +%F)" != "$day" ]; then
		fail "paged: $day follows $prev"
	fi
	prev=$day
done
[ -n "$prev" ] || fail "paged: no meeting on screen"
tui_quit
finish
