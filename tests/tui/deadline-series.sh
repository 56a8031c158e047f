#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Repeating deadlines from the terminal: the new deadline's form makes a
# series (every N weeks or months, until a date or N times) with its
# dates shown before saving and its fields checked by name; editing or
# deleting an occurrence asks whether it is about that one or the whole
# series.  What is written is read back through the command line.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

# today is 2023-11-20
run_salkku init
run_salkku add ESR "ESR-hanke" --status active
expect_rc 0 "setup"

tui_start 110 34
tui_expect "1/1" "the list is up"
tui_open_project ESR
tui_keys Tab Tab Tab
tui_expect "[Deadlines" "the deadlines tab"

# a: the form of a new deadline, with its repeat fields.
tui_keys a
tui_expect "New: Deadline" "the form"
tui_expect "Repeats every" "the repeat fields"
tui_expect "To repeat:" "how to make it repeat"
tui_keys Tab
tui_type "Ohjausryhmä"
tui_keys Tab
tui_type "2024-01-15"
# Down to "Repeats every".
tui_keys Tab Tab Tab Tab Tab
tui_type "fortnight"
tui_keys Tab
tui_expect "Repeats every: “fortnight” is not N weeks or N months" "a bad interval, named"
tui_keys BTab C-u
tui_type "2 months"
tui_keys Enter
tui_expect "Repeats until: give the date of the last one, or the number of times" "how long, named"
# Focus is on "Repeats until"; Tab goes to "Times".
tui_keys Tab
tui_type "0"
tui_keys Tab
tui_expect "Times: give a whole number from 1 to 520" "a bad count, named"
# S-Tab back to "Times" (from the first field), emptied; then "Repeats until".
tui_keys BTab C-u BTab
tui_type "2024-12-31"
tui_keys Tab
tui_expect "↻ 6 deadlines: 2024-01-15, 2024-03-15, 2024-05-15 … 2024-11-15" "the dates before saving"
tui_keys Enter
tui_expect "Added Deadline “Ohjausryhmä” and 5 more of its series" "added"
tui_expect "↻ Ohjausryhmä" "marked as a series"

run_salkku deadline list --all --format csv
expect_rc 0 "list"
for d in 2024-01-15 2024-03-15 2024-05-15 2024-07-15 2024-09-15 2024-11-15; do
	expect_out "^$d,ESR,other,Ohjausryhmä,0," "the series holds $d"
done
[ "$(printf '%s\n' "$out" | grep -c Ohjausryhmä)" -eq 6 ] ||
	fail "six deadlines, not: $out"

tui_quit
finish
