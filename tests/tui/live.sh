#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# What another session commits shows within a second or two, on the
# screen on show and under a form, without moving the cursor off its
# project or losing the search or what is typed: the command line
# plays the other session.  A form, a status change and a deletion
# begun before the change say who changed the record, a form whose
# record is deleted says who deleted it, and a status change or
# deletion refused for it offers to read it again.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"
me=$(id -un)

# soon TEXT DESCRIPTION: TEXT shows within about two seconds.
soon() {
	_saved=$TUI_WAIT
	TUI_WAIT=25
	tui_expect "$1" "$2"
	TUI_WAIT=$_saved
}
soon_re() {
	_saved=$TUI_WAIT
	TUI_WAIT=25
	tui_expect_re "$1" "$2"
	TUI_WAIT=$_saved
}

# other ARGS...: the other session, on the command line.
other() {
	run_salkku "$@"
	expect_rc 0 "salkku $*"
}

tui_start 100 30
tui_expect "18/18" "the list is up"
# LUMO is the sixth project by code.
tui_keys j j j j j
tui_expect_re "^>LUMO " "the cursor on LUMO"

other set LUMO "name=LUMO – nimi muutettu"
soon "LUMO – nimi mu" "another session's new name shows"
tui_expect_re "^>LUMO +LUMO – nimi mu" "the cursor stays on LUMO"

other add AAA-1 "Ensimmäinen hanke"
soon "19/19" "a project added elsewhere shows"
tui_expect_re "^ AAA-1 " "at the top of the list"
tui_expect_re "^>LUMO " "the cursor still on LUMO, one row down"

other set LUMO code=ZZ-LUMO
soon_re "^>ZZ-LUMO " "a new code moves the row to the end; the cursor follows it"

# A search stays in force.
tui_keys /
tui_type "Kansa"
tui_keys Enter
tui_expect "Search: Kansa" "a search"
tui_expect "5/19" "the matches (names, descriptions, notes)"
tui_keys j
# Best match first: Kansa-koulu II, then RST-kansallinen ("kansa"*).
tui_expect_re "^>RST-kansalli" "the second match selected"
other set "Kansa-koulu II" "name=Kansa-koulu II – uusi nimi"
soon "Kansa-koulu II – uus" "the change shows in the search"
tui_expect "Search: Kansa" "the search stays"
tui_expect "5/19" "and its matches"
tui_expect_re "^>RST-kansalli" "the cursor stays"
tui_keys F

# ---- a form open while the record changes -------------------------
tui_keys /
tui_type "ZZ-LUMO"
tui_keys Enter Enter
tui_expect "[Overview]" "ZZ-LUMO opens"
tui_keys e
tui_expect "Edit Project “ZZ-LUMO”" "the form"
tui_keys Tab Tab Tab Tab Tab Tab Tab Tab C-u
tui_type "Puolivalmis alue"
other set ZZ-LUMO budget=5000
soon "Changed by $me at 09:00 while you were editing (version 4)" \
	"the form says who changed the project meanwhile"
tui_expect_re "Region +Puolivalmis alue" "what was typed stays"
tui_keys Escape
tui_expect_re "Budget +5,000 €" "the project screen shows the new budget"
run_salkku show ZZ-LUMO
expect_out "^Region +Itä- ja Keski-Suomi" "the cancelled form wrote nothing"

# ---- a status change begun before someone else's change ----------
tui_keys Escape F /
tui_type "Peliklinikka"
tui_keys Enter t
tui_expect "Change status: Peliklinikka" "the status dialog"
tui_expect "> ◔ preparing" "the next move offered"
other set "Peliklinikka" region=Kainuu
soon "Changed by $me at 09:00 while you were editing (version 2)" \
	"the dialog says the project changed"
tui_keys Enter
tui_expect "Conflict: Peliklinikka changed meanwhile" "the change is refused"
tui_expect "$me saved version 2 at 09:00 (you opened version 1)" "who and when"
tui_expect_re "Region +Kainuu +koko maa" "what changed, beside what was seen"
tui_expect "r/Enter: reload and look again   Esc: back" "the keys"
tui_keys r
tui_expect "Read again: version 2. Enter changes the status." "r reads it again"
tui_keys Enter
tui_expect "Status changed: Project “Peliklinikka”" "the second try goes through"
run_salkku show "Peliklinikka"
expect_out "^Status +preparing" "the status is stored"
expect_out "^Region +Kainuu" "over the other change, which stays"

# ---- a deletion begun before someone else's change --------------
tui_keys F /
tui_type "SOSRAKE"
tui_keys Enter d
tui_expect "Delete Project “SOSRAKE”" "the question"
other set SOSRAKE region=Lappi
tui_keys y
tui_expect "Conflict: SOSRAKE changed meanwhile" "the deletion is refused"
tui_expect_re "Region +Lappi +[^ ]" "what changed"
run_salkku show SOSRAKE
expect_rc 0 "nothing was deleted"
tui_keys Escape
tui_expect "Nothing was deleted" "Esc goes back"
tui_keys d
tui_expect "Delete Project “SOSRAKE”" "the question again"
other set SOSRAKE region=Inari
tui_keys y
tui_expect "Conflict: SOSRAKE changed meanwhile" "refused once more"
tui_keys Enter
tui_expect "Delete Project “SOSRAKE”" "Enter reads it again and asks again"
tui_keys y
tui_expect "Deleted Project “SOSRAKE”" "deleted at the version seen"
run_salkku show SOSRAKE
expect_rc 3 "the project is gone"

# ---- a form open while its record is deleted ----------------------
# Who deleted a role is found in the change log by its project.
tui_keys F /
tui_type "ZZ-LUMO"
tui_keys Enter Enter
tui_expect "[Overview]" "ZZ-LUMO opens"
tui_keys Tab
tui_expect "[Organisations]" "its organisations"
tui_keys e
tui_expect "Edit Role “administrator”" "the form of ISO's role"
other role rm ZZ-LUMO ISO administrator
soon "Deleted by $me at 09:00 while you were editing" \
	"the form says who deleted the role meanwhile"
tui_keys Escape

tui_quit
finish
