#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Two people edit one project, each in their own salkku: the second to
# save meets the conflict screen (who saved which version when, both
# values of each field that differs), and each way out does what it
# says — read back through the command line:
#   m keeps mine over theirs, their other changes staying, and a third
#     writer meanwhile brings the screen back rather than being lost;
#   t (and h) takes theirs, dropping mine;
#   Esc goes back to editing on their version, and the next save holds.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"
me=$(id -un)

# field CODE NAME: the project's field as the JSON export writes it.
field() {
	"$SALKKU" show "$1" --format json |
		sed -n "s/^    \"$2\": \\(.*\\)/\\1/p" | head -n 1 | sed 's/,$//'
}

# expect_field CODE NAME VALUE DESCRIPTION
expect_field() {
	_got=$(field "$1" "$2")
	[ "$_got" = "$3" ] || fail "$4: $2 is $_got, expected $3"
}

# Both open LUMO on its overview.
tui_start 100 30
tui_expect "18/18" "A: the list"
tui_open_project LUMO A
tui_open b 100 30
tui_expect "18/18" "B: the list"
tui_keys /
tui_type LUMO
tui_keys Enter Enter
tui_expect "[Overview]" "B: LUMO opens"

# The form's fields in order: Code, Name, Description, Planned start,
# Planned end, Actual start, Actual end, Themes, Region, Budget,
# Person-years, Website.  tabs N: N presses of Tab.
tabs() {
	_i=0
	while [ $_i -lt "$1" ]; do
		tui_keys Tab
		_i=$((_i + 1))
	done
}

# ---- keep mine ----------------------------------------------------
tui_use b
tui_keys e
tui_expect "Edit Project “LUMO”" "B: the form opens at version 1"

tui_use 0
tui_keys e
tui_expect "Edit Project “LUMO”" "A: the form opens"
tabs 8
tui_keys C-u
tui_type "Itä-Suomi"
tui_keys Tab C-u
tui_type "990 000"
tui_keys Enter
tui_expect "Saved Project “LUMO”" "A saves region and budget"

tui_use b
tui_expect "Changed by $me at 09:00 while you were editing (version 2)" \
	"B's form says who changed the project meanwhile"
tabs 9
tui_keys C-u
tui_type "1 000 000"
tui_keys Enter
tui_expect "Conflict: LUMO changed meanwhile" "B's save meets the conflict screen"
tui_expect "$me saved version 2 at 09:00 (you opened version 1)" "who, which version, when"
tui_expect_re "! Budget +990,000 € +1,000,000 €" "both budgets, marked as changed by both"
tui_expect_re "Region +Itä-Suomi +\(not changed\)" "their region, mine not changed"
tui_expect "m: keep mine   t/h: take theirs   Esc: back to editing" "the keys"
expect_field LUMO budget 99000000 "nothing of B's is written yet"

# A third writer saves while B looks, and B presses m before the
# screen could show it (the process stopped meanwhile): the write is
# refused and the screen comes back with the third version.
pid=$(tui_pid)
kill -STOP "$pid"
run_salkku set LUMO website=https://example.org/lumo
expect_rc 0 "a third writer"
tui_keys m
kill -CONT "$pid"
tui_expect "$me saved version 3 at 09:00 (you opened version 2)" \
	"keep mine against a newer version brings the screen back"
tui_expect "Saved again meanwhile: this is the newest version." "and says why"
tui_expect_re "Website +https://example.org/lumo +\(not changed\)" "with the third change"
expect_field LUMO budget 99000000 "still nothing of B's written"
tui_keys m
tui_expect "Saved Project “LUMO”" "m keeps mine"
tui_gone "Conflict:" "the screen and the form are closed"
expect_field LUMO budget 100000000 "B's budget is stored"
expect_field LUMO region '"Itä-Suomi"' "A's region stays"
expect_field LUMO website '"https://example.org/lumo"' "the third writer's website stays"
expect_field LUMO version 4 "one version for B's save"

# ---- take theirs --------------------------------------------------
tui_keys e
tui_expect "Edit Project “LUMO”" "B edits again at version 4"
tui_use 0
tui_expect_re "Budget +1,000,000 €" "A's screen follows"
tui_keys e
tui_expect "Edit Project “LUMO”" "A edits"
tabs 10
tui_keys C-u
tui_type "6.5"
tui_keys Enter
tui_expect "Saved Project “LUMO”" "A saves person-years"
tui_use b
tabs 9
tui_keys C-u
tui_type "2 000 000"
tui_keys Enter
tui_expect "Conflict: LUMO changed meanwhile" "B meets the screen again"
tui_expect_re "Person-years +6.5 +\(not changed\)" "their person-years"
tui_expect_re "Budget +1,000,000 € +2,000,000 €" "and the budget only B changed"
tui_lacks "! both of you" "nothing both changed"
tui_keys t
tui_expect "Your edits were dropped: LUMO stays as $me saved it (version 5)" "t takes theirs"
tui_gone "Edit Project" "the form is closed"
tui_keys C-l
tui_expect "version 5 ·" "B's screen shows the stored record"
expect_field LUMO budget 100000000 "B's budget was not written"
expect_field LUMO person_years 6.50 "A's person-years stay"

# h takes theirs too (the Finnish "heidän").
tui_keys e
tui_expect "Edit Project “LUMO”" "B edits at version 5"
run_salkku set LUMO region=Savo
tabs 8
tui_keys C-u
tui_type "Karjala"
tui_keys Enter
tui_expect_re "Region +Savo +Karjala" "both regions"
tui_keys h
tui_expect "Your edits were dropped" "h takes theirs"
expect_field LUMO region '"Savo"' "their region stays"

# ---- back to editing ----------------------------------------------
tui_keys e
tui_expect "Edit Project “LUMO”" "B edits at version 6"
tui_use 0
tui_expect_re "Region +Savo" "A's screen follows"
tui_keys e
tabs 7
tui_keys C-u
tui_type "lastensuojelu"
tui_keys Enter
tui_expect "Saved Project “LUMO”" "A saves the themes"
tui_use b
tabs 8
tui_keys C-u
tui_type "Pohjois-Savo"
tui_keys Enter
tui_expect "Conflict: LUMO changed meanwhile" "the screen once more"
tui_keys Escape
tui_expect "Now based on version 7 by $me" "Esc goes back to the form, on their version"
tui_expect_re "Themes +lastensuojelu +│" "the field B left shows their value"
tui_expect_re "Region +Pohjois-Savo" "B's value stays in the form"
expect_field LUMO region '"Savo"' "nothing written on Esc"
tui_keys Enter
tui_expect "Saved Project “LUMO”" "the next save goes through"
expect_field LUMO region '"Pohjois-Savo"' "B's region is stored"
expect_field LUMO themes '"lastensuojelu"' "A's themes stay"
expect_field LUMO version 8 "at the next version"

tui_quit
tui_use 0
tui_quit
finish
