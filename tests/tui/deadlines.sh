#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The deadline lifecycle in the terminal: x asks for the day it was
# done (today, editable), c cancels with a reason, and closing a project
# with open deadlines asks what becomes of them; a adds a deadline to
# the project of the selected one.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

# today is 2023-11-20
run_salkku init
run_salkku add ESR "ESR-hanke" --status active
run_salkku deadline add ESR 2023-11-15 "Maksatushakemus" --kind payment
run_salkku deadline add ESR 2023-11-25 "Ohjausryhmä" --kind steering_meeting
run_salkku deadline add ESR 2023-12-10 "Väliraportti" --kind report_due
expect_rc 0 "setup"

tui_start 100 30
tui_expect "1/1" "the list is up"
tui_keys 3
tui_expect "Maksatushakemus" "the deadline screen"

# x: the day it was done, today to begin with, changed to an earlier one.
tui_keys x
tui_expect "Done on: 2023-11-20" "x asks, offering today"
tui_keys C-u
tui_type "18.11.2023"
tui_keys Enter
tui_expect "Done: Deadline “Maksatushakemus”" "done"
tui_gone "2023-11-15" "a done deadline leaves the open ones"
run_salkku deadline list --all --format csv
expect_out '^2023-11-15,ESR,payment,Maksatushakemus,1,[0-9a-f-]+,done,2023-11-18,1,' "done on the day typed, late"

# A day that is not a date is refused, and nothing changes.
tui_keys x
tui_expect "Done on:" "x again"
tui_keys C-u
tui_type "31.2.2023"
tui_keys Enter
tui_expect "not a valid date" "a bad date is refused"
run_salkku deadline list --format csv
expect_out '^2023-11-25,ESR,steering_meeting,Ohjausryhmä,0,[0-9a-f-]+,open,' "still open"

# Esc leaves it as it was.
tui_keys x
tui_expect "Done on:" "x once more"
tui_keys Escape
tui_expect "Nothing was changed" "Esc changes nothing"

# c: cancelled, and why.
tui_keys c
tui_expect "Cancelled, because:" "c asks why"
tui_type "Kokous peruttu"
tui_keys Enter
tui_expect "Cancelled: Deadline “Ohjausryhmä”" "cancelled"
run_salkku deadline list --all --format csv
expect_out ',cancelled,,0,2023-11-20,Kokous peruttu,' "cancelled with the reason typed"

# a: a new deadline for the project of the selected one, the form
# naming that project.
run_salkku add KK "Kansa-koulu" --status active
run_salkku deadline add KK 2023-12-01 "Väliraportti KK" --kind report_due
tui_keys C-l
tui_expect "Väliraportti KK" "the other project's deadline is listed"
tui_keys g a
tui_expect "New: Deadline — KK" "a opens a new deadline of the selected deadline's project"
tui_keys Tab
tui_type "Ohjausryhmä KK"
tui_keys Tab
tui_type "2023-12-05"
tui_keys Enter
tui_expect "Added Deadline “Ohjausryhmä KK”" "saved"
run_salkku deadline list --format csv
expect_out '^2023-12-05,KK,other,Ohjausryhmä KK,' "the deadline belongs to that project"

# The project tab shows done late and cancelled.
run_salkku deadline add ESR 2023-11-01 "Vanha"
run_salkku deadline done ESR 1 --date 2023-11-03
tui_keys 1
tui_expect "ESR" "the projects"
tui_keys Enter
tui_expect "[Overview]" "ESR opens"
tui_keys Tab Tab Tab
tui_expect "[Deadlines" "the deadlines tab"
tui_expect "✓ done 2023-11-03, 2 days late" "done late"
tui_expect "✗ cancelled 2023-11-20" "cancelled"

# Closing with an open deadline asks; k keeps it open.
tui_keys t
tui_expect "withdrawn" "the status dialog"
tui_keys j j
tui_keys Enter
tui_expect "ESR has 1 open deadline. When it closes, what becomes of it?" "closing asks about the open deadline"
tui_keys c
tui_expect "Status changed" "the move goes on"
run_salkku show ESR
expect_out '^Status +withdrawn' "withdrawn"
run_salkku deadline list --all --format csv
expect_out '^2023-12-10,ESR,report_due,Väliraportti,0,[0-9a-f-]+,cancelled,,0,2023-11-20,' "the open one cancelled with the move"

tui_quit
finish
