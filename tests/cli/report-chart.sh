#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The report works out which projects are active in a period (its
# projects and its status chart) from one read of each table, not by
# asking the project list: it must keep the list's rule.  Projects of
# every way of being active: dates, a history only (open, ended, an
# idea), a deadline due or met, a funding line applied for, decided or
# only for a year; each period's count against list --year's.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS
export SALKKU_TODAY=2024-01-15

run_salkku init --demo
expect_rc 0 "init --demo"
add() {
	run_salkku "$@"
	expect_rc 0 "$*"
}
add add H-OPEN "History only, open" --status idea
add status H-OPEN preparing --date 2019-03-01 --force
add add H-ENDED "History only, ended" --status idea
add status H-ENDED preparing --date 2018-05-01 --force
add status H-ENDED closed --date 2019-06-30 --force
add add H-IDEA "An idea noted once" --status idea
add status H-IDEA preparing --date 2017-02-01 --force
add status H-IDEA idea --date 2017-03-01 --force
add add F-YEAR "A funding line for a year"
add funding add F-YEAR STM year=2016
add add F-DATES "A funding line applied and decided"
add funding add F-DATES STM applied_date=2015-09-01 decision_date=2016-12-31
add add D-DONE "A deadline met a year late"
add deadline add D-DONE 2015-12-31 "Report"
add deadline done D-DONE 1 --date 2016-01-02
add add NOTHING "No dates, history or records"
add add DATED "Dated" planned_start=2014-06-01 planned_end=2015-01-31

# The chart's row of year Y: its counts summed.
chart_total() {
	printf '%s\n' "$chart" | awk -F, -v y="$1" '$1 == y {
		for (i = 2; i <= NF; i++) s += $i; print s + 0 }'
}
for y in 2016 2019 2023; do
	run_salkku report --year "$y" --format csv
	expect_rc 0 "report --year $y"
	report=$(printf '%s\n' "$out" | tr -d '\r')
	chart=$(printf '%s\n' "$report" | sed -n '/^status_years$/,/^$/p')
	active=$(printf '%s\n' "$report" |
		sed -n 's/^Projects active in the period,//p')
	for z in $(printf '%s\n' "$chart" | sed -n 's/^\([0-9]\{4\}\),.*/\1/p'); do
		run_salkku list --year "$z" --format csv
		listed=$(($(printf '%s\n' "$out" | sed 1d | grep -c .)))
		[ "$(chart_total "$z")" = "$listed" ] ||
			fail "report --year $y: the chart's $z has $(chart_total "$z"), list --year $z $listed"
		[ "$z" != "$y" ] || [ "$active" = "$listed" ] ||
			fail "report --year $y: $active active, list --year $y $listed"
	done
done
# A project with nothing is in no year; the records alone make a year.
for y in 2014 2015 2016 2017 2018 2019; do
	run_salkku list --year "$y" --format csv
	printf '%s\n' "$out" | grep -q "^NOTHING," && fail "list --year $y has NOTHING"
done
run_salkku list --year 2016 --format csv
for code in F-YEAR F-DATES D-DONE; do
	printf '%s\n' "$out" | grep -q "^$code," || fail "list --year 2016 leaves out $code"
done
# The funder's report keeps the funder's projects only, in the chart too.
run_salkku report --year 2016 --funder STM --format csv
expect_rc 0 "report --funder"
chart=$(printf '%s\n' "$out" | tr -d '\r' | sed -n '/^status_years$/,/^$/p')
run_salkku list --year 2016 --funder STM --format csv
[ "$(chart_total 2016)" = "$(($(printf '%s\n' "$out" | sed 1d | grep -c .)))" ] ||
	fail "report --funder STM: the chart's 2016 is not list --year 2016 --funder STM's"
finish
