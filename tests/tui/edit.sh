#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Editing: a field changed in a form and stored (read back through the
# command line), a refused value with its message beside the field, a
# new project, a status change, a note written in $VISUAL, a deadline
# marked done, and a deletion undone with its children.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"
cat >"$TEST_TMP/editor.sh" <<'SH'
#!/bin/sh
printf 'Muistiinpano editorista\nToinen rivi\n' >"$1"
SH
chmod +x "$TEST_TMP/editor.sh"

tui_start 100 30 "VISUAL=$TEST_TMP/editor.sh"
tui_expect "18/18" "the list is up"
tui_open_project LUMO

# A field: the budget, the tenth field of the form.
tui_keys e
tui_expect "Edit Project" "e opens the form"
tui_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab C-u
tui_type "abc"
tui_keys Enter
tui_expect "Please correct the marked field." "a bad amount is refused"
tui_expect_re "! .*abc" "the reason shows beside the field"
tui_keys C-u
tui_type "980 000"
tui_keys Enter
tui_expect "Saved Project “LUMO”" "the form saves"
run_salkku show LUMO
expect_out "^Budget +980,000 €" "the budget is stored"

# A date that does not exist.
tui_keys e Tab Tab Tab C-u
tui_type "31.2.2024"
tui_keys Enter
tui_expect "Please correct the marked field." "31.2.2024 is refused"
tui_keys Escape
tui_expect "[Overview]" "Esc leaves the form"
run_salkku show LUMO
expect_out "^Budget +980,000 €" "the refused form wrote nothing"

# A new project, which opens when saved.
tui_keys Escape 1 a
tui_expect "New: Project" "a opens an empty form"
tui_type "TESTI-1"
tui_keys Tab
tui_type "Testihanke – äöå"
tui_keys Enter
tui_expect "TESTI-1 — Testihanke – äöå" "the new project opens"
run_salkku show TESTI-1
expect_rc 0 "the new project is stored"
expect_out "^Status +idea" "it starts as an idea"

# Its status, through the dialog's first allowed move.
tui_keys t
tui_expect "Change status: TESTI-1" "t opens the status dialog"
tui_expect "> ◔ preparing" "the first allowed move is offered"
tui_keys Tab Tab
tui_type "valmistelu alkaa"
tui_keys Enter
tui_expect "Status changed" "the status changes"
run_salkku show TESTI-1
expect_out "^Status +preparing" "the status is stored"
expect_out "valmistelu alkaa" "with its reason"
tui_keys u
tui_expect "Undone: Project “TESTI-1”" "u takes the move back"
run_salkku show TESTI-1
expect_out "^Status +idea" "the status is back"
expect_out "\(forced\) undo" "and the history says so"
tui_keys t
tui_expect "> ◔ preparing" "the dialog again"
tui_keys Enter
tui_expect "Status changed" "moved again"

# A note, written in $VISUAL.
tui_keys n
tui_expect "[Notes" "n writes a note and shows the notes"
tui_expect "Muistiinpano editorista … (1 more line)" "the note shows"
run_salkku show TESTI-1
expect_out "Muistiinpano editorista" "the note is stored"

# A deadline, added and marked done.
tui_keys Tab Tab Tab Tab Tab Tab
tui_expect "[Deadlines" "the deadlines tab"
tui_keys a
tui_expect "New: Deadline" "a adds a deadline"
tui_keys Tab
tui_type "Väliraportti"
tui_keys Tab
tui_type "9.2.2024"
tui_keys Enter
tui_expect "in 25 days" "the deadline shows how far it is"
tui_keys x
tui_expect "Done on:" "x asks when it was done"
tui_keys Enter
tui_expect "✓ done" "x marks it done"

# Delete, naming what goes, and undo.
# The list keeps its search for LUMO: TESTI-1 is not on it.  (Waiting
# for "TESTI-1" here was met by the project screen before Esc took
# effect, and failed when Esc was quicker.)
tui_keys Escape
tui_expect_re "Search: LUMO +1/19" "back on the list, which keeps its search"
tui_keys /
tui_type "TESTI"
tui_keys Enter d
tui_expect "Delete Project “TESTI-1” and with it" "the question names the project"
tui_expect "Note 1" "and its note"
tui_keys y
tui_expect "Deleted Project “TESTI-1”" "deleted"
run_salkku show TESTI-1
expect_rc 3 "the project is gone"
tui_keys u
tui_expect "Undone: Project “TESTI-1”" "u undoes the deletion"
run_salkku show TESTI-1
expect_rc 0 "the project is back"
expect_out "Muistiinpano editorista" "with its note"
expect_out "Väliraportti" "and its deadline"
expect_out "^Status +preparing" "and its status"

tui_quit

# Without $VISUAL and $EDITOR the note is written in the screen.
tui_start 100 30
tui_expect "19/19" "the list is up again"
tui_keys /
tui_type "TESTI"
tui_keys Enter Enter n
tui_expect "F2 or Ctrl-X: keep" "the editor in the screen opens"
tui_type "Ruudulla kirjoitettu"
tui_keys Enter
tui_type "toinen rivi 漢字"
tui_keys C-x
tui_expect "Ruudulla kirjoitettu … (1 more line)" "the note is added"
run_salkku show TESTI-1
expect_out "toinen rivi 漢字" "with both lines"
tui_quit
finish
