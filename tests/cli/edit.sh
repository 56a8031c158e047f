#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# add, set, rm and status: good input is written and read back; bad
# input is refused with the right exit status, naming the field, and
# writes nothing.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS
me=$(id -un)

# field NAME: the value of a project field in `salkku show LUMO`.
field() {
	run_salkku show "${2:-LUMO}"
	printf '%s\n' "$out" | sed -n "s/^$1   *//p"
}

run_salkku init
expect_rc 0 "init"

# add
run_salkku add LUMO "Lastensuojelun uudistaminen monialaisesti" \
	planned_start=1.1.2020 budget="980 000"
expect_rc 0 "add"
expect_out '^Added project LUMO\.$' "add: message"
[ "$(field 'Planned start')" = 2020-01-01 ] || fail "add: planned start is '$(field 'Planned start')'"
[ "$(field Budget)" = "980,000 €" ] || fail "add: budget is '$(field Budget)'"
[ "$(field Status)" = idea ] || fail "add: a new project is an idea, not '$(field Status)'"

run_salkku add code=OT name="OT-hanke" planned_end=2023-12-31 --status active
expect_rc 0 "add with code= and name="
[ "$(field Status OT)" = active ] || fail "add --status: '$(field Status OT)'"

run_salkku add ONLYCODE
expect_rc 2 "add without a name"
expect_err 'needs a code and a name' "add without a name: message"
run_salkku add
expect_rc 2 "add without arguments"
run_salkku add X "Y" --status bogus
expect_rc 4 "add --status bogus"
expect_err "^salkku: status: unknown status 'bogus'" "add --status bogus: message"

run_salkku add LUMO "Again"
expect_rc 4 "add a duplicate code"
expect_err 'code' "duplicate code: names the field"

run_salkku add BAD "Bad dates" planned_end=31.2.2024
expect_rc 4 "add with 31.2.2024"
expect_err '^salkku: planned_end: .*31\.2\.2024' "31.2.2024: names the field and the value"
run_salkku show BAD
expect_rc 3 "a refused add wrote nothing"

run_salkku add BAD2 "Bad order" planned_start=1.1.2024 planned_end=1.1.2023
expect_rc 4 "add with the end before the start"
expect_err 'planned_end|planned_start' "end before start: names the field"

# set
run_salkku set LUMO planned_end=31.12.2022 region="Itä-Suomi"
expect_rc 0 "set"
expect_out '^Updated project LUMO \(version 2\)\.$' "set: message"
[ "$(field 'Planned end')" = 2022-12-31 ] || fail "set: planned end '$(field 'Planned end')'"
[ "$(field Region)" = "Itä-Suomi" ] || fail "set: region '$(field Region)'"

run_salkku set LUMO budget=-5
expect_rc 4 "negative money"
expect_err '^salkku: budget' "negative money: names the field"
[ "$(field Budget)" = "980,000 €" ] || fail "negative money was written: '$(field Budget)'"

run_salkku set LUMO budget="453 087,50 €"
expect_rc 0 "money with a comma and a euro sign"
[ "$(field Budget)" = "453,087.50 €" ] || fail "money with decimals: '$(field Budget)'"

run_salkku set LUMO planned_end=31.2.2024 region=Lappi
expect_rc 4 "set with an invalid date"
expect_err '^salkku: planned_end: ' "set 31.2.2024: names the field"
[ "$(field Region)" = "Itä-Suomi" ] || fail "a refused set wrote another field: '$(field Region)'"

run_salkku set LUMO colour=red
expect_rc 2 "unknown field"
expect_err '^salkku: colour: ' "unknown field: names it"

run_salkku set LUMO status=active
expect_rc 2 "status through set"
expect_err 'salkku status' "status through set: points to salkku status"

run_salkku set LUMO budget
expect_rc 2 "set without ="
run_salkku set LUMO
expect_rc 2 "set without assignments"
run_salkku set NOPE budget=1
expect_rc 3 "set on a missing project"
expect_err 'NOPE' "missing project: named"

run_salkku set LUMO region="Itä-Suomi"
expect_rc 0 "set to the same value"
expect_out 'nothing changed' "set to the same value: nothing changed"

# --if-version: a stale version is a conflict naming who and when.
version=$(field Version | cut -d, -f1)
run_salkku set LUMO budget=1000 --if-version 1
expect_rc 5 "stale --if-version"
expect_err "$me" "conflict: who"
expect_err '2023-11-20' "conflict: when"
[ "$(field Budget)" = "453,087.50 €" ] || fail "a conflicting set was written"
run_salkku set LUMO budget=1000 --if-version "$version"
expect_rc 0 "current --if-version"
[ "$(field Budget)" = "1,000 €" ] || fail "--if-version set: '$(field Budget)'"
run_salkku set LUMO budget=1 --if-version zero
expect_rc 2 "--if-version that is not a number"

# rm
run_salkku rm OT
expect_rc 2 "rm without --yes"
expect_err 'needs --yes' "rm without --yes: message"
run_salkku show OT
expect_rc 0 "rm without --yes deleted nothing"
run_salkku rm OT --yes
expect_rc 0 "rm --yes"
expect_out '^Deleted project OT\.$' "rm: message"
run_salkku show OT
expect_rc 3 "rm deleted the project"
run_salkku rm OT --yes
expect_rc 3 "rm a missing project"

# status: the workflow, refused moves, forced moves.
run_salkku status LUMO preparing --note "hakemus tekeillä"
expect_rc 0 "status idea → preparing"
expect_out '^LUMO: idea → preparing$' "status: message"
[ "$(field Status)" = preparing ] || fail "status: '$(field Status)'"

run_salkku status LUMO closed
expect_rc 4 "status preparing → closed"
expect_err '^salkku: status: .*allowed: applied' "refused move: names the allowed moves"
expect_err '--force' "refused move: mentions --force"
[ "$(field Status)" = preparing ] || fail "a refused move was written"

run_salkku status LUMO closed --force --note "ended early" --date 15.1.2024
expect_rc 0 "forced move"
expect_out '\(forced\)' "forced move: message"
[ "$(field Status)" = closed ] || fail "forced move: '$(field Status)'"
run_salkku show LUMO
expect_out '^  2024-01-15 +preparing +closed +[^ ]+ +\(forced\) ended early$' "show: the forced move in the history"
expect_out '^  2023-11-20 +idea +preparing +[^ ]+ +hakemus tekeillä$' "show: the normal move in the history"
run_salkku show LUMO --format json
expect_out '"forced": true' "show json: forced"
run_salkku log LUMO
expect_out 'closed' "log: the status change"

run_salkku status LUMO bogus
expect_rc 4 "unknown status"
expect_err "unknown status 'bogus'" "unknown status: message"
run_salkku status LUMO active --force --date 31.2.2024
expect_rc 4 "status with an invalid date"
expect_err '^salkku: date: ' "status with an invalid date: names it"
[ "$(field Status)" = closed ] || fail "a status move with a bad date was written"
run_salkku status NOPE active
expect_rc 3 "status of a missing project"
run_salkku status LUMO
expect_rc 2 "status without the new status"

finish
