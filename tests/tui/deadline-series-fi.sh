#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Repeating deadlines from the terminal in Finnish: the dates of a new
# series are typed and shown as 15.1.2024, the interval in Finnish words
# ("4 vk"), and the series is written as typed (read back through the
# command line and the JSON export).  The series' mark ↻ has an ASCII
# stand-in where the terminal lacks it.  Only messages fi.po already
# translates are looked for: new ones change when it does.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

# today is 2023-11-20
use_language fi
run_salkku init
run_salkku add ESR "ESR-hanke" --status active
expect_rc 0 "setup"

tui_start 110 34 "LC_ALL=$lang_locale" "LANGUAGE=fi"
tui_expect "1/1" "the list is up"
tui_keys /
tui_type ESR
tui_keys Enter Enter
tui_expect "ESR — ESR-hanke" "ESR opens"
tui_keys Tab Tab Tab
tui_expect_re "\[[^]]+\] +Tilahistoria" "the deadlines tab"

tui_keys a
tui_expect "Uusi: Määräaika" "the form of a new deadline"
tui_keys Tab
tui_type "Maksatushakemus"
tui_keys Tab
tui_type "15.1.2024"
tui_keys Tab Tab Tab Tab Tab
tui_type "4 vk"
tui_keys Tab Tab
tui_type "3"
tui_keys Tab
tui_expect_re "↻ 3 .*15\.1\.2024, 12\.2\.2024, 11\.3\.2024" "the dates, Finnish-style, before saving"
tui_keys Enter
tui_expect "↻ Maksatushakemus" "marked as a series"
tui_expect "11.3.2024" "shown Finnish-style"

run_salkku deadline list --all --format csv
got=$(printf '%s\n' "$out" | tr -d '\r' | awk -F, 'NR > 1 { print $1 "=" $4 "=" $12 }' | tr '\n' ' ')
[ "$got" = "2024-01-15=Maksatushakemus=FREQ=WEEKLY;INTERVAL=4;UNTIL=20240311 2024-02-12=Maksatushakemus=FREQ=WEEKLY;INTERVAL=4;UNTIL=20240311 2024-03-11=Maksatushakemus=FREQ=WEEKLY;INTERVAL=4;UNTIL=20240311 " ] ||
	fail "three deadlines every four weeks, not: $got"
run_salkku export --format json
expect_rc 0 "export"
printf '%s\n' "$out" | grep -c '"occurrence": *"2024-0[123]-[0-9]*"' | grep -qx 3 ||
	fail "the export carries three occurrences: $out"

# x on the first occurrence: the day offered and typed Finnish-style;
# only that occurrence is done.
tui_keys x
tui_expect "20.11.2023" "x offers today, Finnish-style"
tui_keys C-u
tui_type "17.11.2023"
tui_keys Enter
tui_expect "✓ hoidettu 17.11.2023" "done on the day typed"
run_salkku deadline list --all --format csv
expect_out "^2024-01-15,ESR,other,Maksatushakemus,1,[0-9a-f-]+,done,2023-11-17,0," "the first one done"
expect_out "^2024-02-12,ESR,other,Maksatushakemus,0,[0-9a-f-]+,open," "the next one still open"

# Done late, in Finnish dates: due 1.11., done 3.11.
run_salkku deadline add ESR 2023-11-01 "Vanha raportti" --kind report_due
tui_expect "Vanha raportti" "the new deadline shows"
tui_keys g x
tui_expect "Vanha raportti" "x on it"
tui_keys C-u
tui_type "3.11.2023"
tui_keys Enter
tui_expect_re "✓ .*3\.11\.2023.* 2 " "done two days late, Finnish-style"
run_salkku deadline list --all --format csv
expect_out "^2023-11-01,ESR,report_due,Vanha raportti,1,[0-9a-f-]+,done,2023-11-03,1," "late"

# An until date typed Finnish-style, checked by name in the same step.
tui_keys a
tui_expect "Uusi: Määräaika" "the form again"
tui_keys Tab
tui_type "Ohjausryhmä"
tui_keys Tab
tui_type "31.1.2024"
tui_keys Tab Tab Tab Tab Tab
tui_type "1 kk"
tui_keys Tab
tui_type "31.13.2024"
tui_keys Tab
tui_expect_re "! .*31\.13\.2024" "a bad end date refused"
tui_keys BTab C-u
tui_type "30.6.2024"
tui_keys Tab
# 31 February, April and June do not exist: those months are skipped.
tui_expect_re "↻ 3 .*31\.1\.2024, 31\.3\.2024, 31\.5\.2024" "months without the day skipped"
tui_keys Enter
tui_expect "↻ Ohjausryhmä" "the second series"
run_salkku deadline list --all --format csv
for d in 2024-01-31 2024-03-31 2024-05-31; do
	expect_out "^$d,ESR,other,Ohjausryhmä,0," "the series holds $d"
done
tui_quit

# Where the terminal lacks ↻ (an ASCII locale, the Linux console), @
# stands in for it.
tui_start 110 34 LC_ALL=C LANGUAGE=
tui_expect "1/1" "the list under C"
tui_open_project ESR
tui_keys Tab Tab Tab
tui_expect "@ Maksatushakemus" "the mark in ASCII"
tui_quit
TUI_TERM=linux tui_start 110 34 LC_ALL=C.UTF-8 LANGUAGE=
tui_expect "1/1" "the list on the console"
tui_keys 3
tui_expect "Deadlines" "the deadline screen"
tui_keys +
tui_expect "@ Maksatushakemus" "the mark on the console"
# Not quit: under --enable-sanitizers, ncurses with the linux terminfo
# leaks at exit (whatever the screen; tests/tui/charset.sh does not
# quit either).
finish
