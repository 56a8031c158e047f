#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A status history is the order its changes were made, whatever dates
# people gave them: the report reads a project's history in the order
# of its dates, and its changes in the period and its chart's status at
# the end of a year must still follow the order made.  Here the second
# change is dated before the first.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS
export SALKKU_TODAY=2024-01-15

add() {
	run_salkku "$@"
	expect_rc 0 "$*"
}
add init
add add BACK "Dated backwards" --status idea \
	planned_start=2023-01-01 planned_end=2023-12-31
add status BACK preparing --date 2023-05-01 --force
add status BACK applied --date 2023-03-01 --force
add add OTHER "Another" --status idea \
	planned_start=2023-01-01 planned_end=2023-12-31

# report_csv LOCALE: the CSV report of 2023 in LOCALE, in $report.
report_csv() {
	LC_ALL=$1 run_salkku report --year 2023 --format csv
	expect_rc 0 "report --year 2023 under $1"
	report=$(printf '%s\n' "$out" | tr -d '\r')
}

report_csv C.UTF-8
printf '%s\n' "$report" | grep -qxF 'BACK,Dated backwards,,applied,2023-01-01,2023-12-31,"idea → preparing 2023-05-01; preparing → applied 2023-03-01",,' ||
	fail "the changes in the period are not in the order made: $(printf '%s\n' "$report" | grep '^BACK,')"
# At the end of 2023 BACK is applied (the last change made), not
# preparing (the last by date); OTHER an idea.
printf '%s\n' "$report" | sed -n '/^status_years$/,/^$/p' |
	grep -qx '2023,1,0,1,0,0,0,0,0,0,0' ||
	fail "the chart's 2023 is not by the order made: $(printf '%s\n' "$report" | sed -n '/^status_years$/,/^$/p')"

report_csv fi_FI.UTF-8
printf '%s\n' "$report" | grep '^BACK,' | grep -qF '1.5.2023; ' ||
	fail "fi_FI: the changes in the period are not in the order made: $(printf '%s\n' "$report" | grep '^BACK,')"
printf '%s\n' "$report" | sed -n '/^status_years$/,/^$/p' |
	grep -qx '2023,1,0,1,0,0,0,0,0,0,0' ||
	fail "fi_FI: the chart's 2023 is not by the order made"
finish
