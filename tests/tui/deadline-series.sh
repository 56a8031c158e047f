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
tui_expect "Due *" "the due date is required"
tui_lacks "Title *" "the title is not: it has a default"
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

# Without a title and a repeat, one deadline titled by its kind and date.
tui_keys a
tui_expect "New: Deadline" "the form again"
tui_keys Tab Tab
tui_type "2025-01-10"
tui_keys Enter
tui_expect "Added Deadline “Other 2025-01-10”" "one deadline, its title made"
run_salkku deadline list --all --format csv
expect_out "^2025-01-10,ESR,other,Other 2025-01-10,0,[0-9a-f-]+,open,,0,,,.?$" "a single one, no rule (CRLF)"

# The title of the series' second deadline, j from the first: this
# occurrence only.
titles() {
	run_salkku deadline list --all --format csv
	printf '%s\n' "$out" | awk -F, 'NR > 1 && /Ohjausryhm/ { print $1 "=" $4 }' | tr '\n' ' '
}
tui_keys g j e
tui_expect "Edit Deadline “Ohjausryhmä”" "the occurrence's form"
tui_expect "↻ One occurrence of a series: every 2 months until 2024-12-31" "the series' rule"
tui_keys Tab C-u
tui_type "Ohjausryhmä (etä)"
tui_keys Enter
tui_expect "o: this occurrence only   s: the whole series" "asks: this one or all"
tui_keys o
tui_expect "Saved Deadline “Ohjausryhmä (etä)”" "this one saved"
got=$(titles)
[ "$got" = "2024-01-15=Ohjausryhmä 2024-03-15=Ohjausryhmä (etä) 2024-05-15=Ohjausryhmä 2024-07-15=Ohjausryhmä 2024-09-15=Ohjausryhmä 2024-11-15=Ohjausryhmä " ] ||
	fail "one occurrence changed, not: $got"

# The first one done; then the whole series renamed from the third:
# the open ones follow, the done one stays as it was.
tui_keys g
tui_keys x
tui_expect "Done on: 2023-11-20" "x asks, offering today"
tui_keys Enter
tui_expect "Done: Deadline" "done"
tui_keys j j e
tui_expect "One occurrence of a series" "the third one's form"
tui_keys Tab C-u
tui_type "Ohjausryhmän kokous"
tui_keys Enter
tui_expect "s: the whole series" "asks again"
tui_keys s
tui_expect "Saved Deadline “Ohjausryhmän kokous” and 4 more of its series" "all open saved"
got=$(titles)
[ "$got" = "2024-01-15=Ohjausryhmä 2024-03-15=Ohjausryhmän kokous 2024-05-15=Ohjausryhmän kokous 2024-07-15=Ohjausryhmän kokous 2024-09-15=Ohjausryhmän kokous 2024-11-15=Ohjausryhmän kokous " ] ||
	fail "the open occurrences renamed, not: $got"

# u takes the whole series' change back.
tui_keys u
tui_expect "Undone:" "undone"
got=$(titles)
[ "$got" = "2024-01-15=Ohjausryhmä 2024-03-15=Ohjausryhmä (etä) 2024-05-15=Ohjausryhmä 2024-07-15=Ohjausryhmä 2024-09-15=Ohjausryhmä 2024-11-15=Ohjausryhmä " ] ||
	fail "undo puts every title back, not: $got"

# A new due date moves one occurrence only: s is not offered.
tui_keys e
tui_expect "One occurrence of a series" "the form again"
tui_keys Tab Tab C-u
tui_type "2024-05-20"
tui_keys Enter
tui_expect "A new due date moves this occurrence only." "only this one"
tui_lacks "s: the whole series" "no whole series for a date"
tui_keys s
tui_lacks "Saved" "s does nothing here"
tui_keys o
tui_expect "Saved Deadline" "moved"
run_salkku deadline list --all --format csv
expect_out "^2024-05-20,ESR,other,Ohjausryhmä,0," "the occurrence moved"
expect_out "^2024-07-15,ESR,other,Ohjausryhmä,0," "the others stay"

# Deleting asks too: o deletes the one, s the whole series; u brings
# them back.
tui_keys d
tui_expect "Delete this occurrence only" "delete asks"
tui_keys o
tui_expect "Deleted Deadline" "one deleted"
run_salkku deadline list --all --format csv
[ "$(printf '%s\n' "$out" | grep -c Ohjausryhmä)" -eq 5 ] || fail "five left: $out"
tui_keys d
tui_expect "Delete this occurrence only" "delete asks again"
tui_keys s
tui_expect "and 4 more of its series" "all deleted"
run_salkku deadline list --all --format csv
printf '%s\n' "$out" | grep -q Ohjausryhmä && fail "the series is gone: $out"
tui_keys u
tui_expect "Undone:" "undone"
run_salkku deadline list --all --format csv
[ "$(printf '%s\n' "$out" | grep -c Ohjausryhmä)" -eq 5 ] || fail "five back: $out"

# The Deadlines screen (the next 360 days) asks the same on e and d.
tui_keys 3
tui_expect "Deadlines" "the deadline screen"
tui_keys + + + + + + + + + +
tui_expect "↻ Ohjausryhmä (etä)" "the series on the deadline screen, marked"
tui_keys e
tui_expect "One occurrence of a series" "its form"
tui_keys Tab C-u
tui_type "Ohjausryhmä, kevät"
tui_keys Enter
tui_expect "s: the whole series" "asks from the deadline screen"
tui_keys Escape
tui_gone "s: the whole series" "Esc leaves the question"
tui_expect "Title *         Ohjausryhmä, kevät" "back in the form, as typed"
tui_keys Escape
tui_gone "Ohjausryhmä, kevät" "Esc leaves the form"
tui_keys d
tui_expect "Delete this occurrence only" "d asks on the deadline screen"
tui_keys o
tui_expect "Deleted Deadline" "one deleted from the deadline screen"
run_salkku deadline list --all --format csv
[ "$(printf '%s\n' "$out" | grep -c Ohjausryhmä)" -eq 4 ] || fail "four left: $out"
printf '%s\n' "$out" | grep -q "kevät" && fail "Esc wrote nothing: $out"

tui_quit
finish
