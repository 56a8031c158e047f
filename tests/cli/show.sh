#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# salkku show: every part of a project, as text and as JSON.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS
me=$(id -un)

run_salkku init
run_salkku org add "Itä-Suomen sosiaalialan osaamiskeskus" short_name=ISO kind=competence_centre
expect_rc 0 "org add ISO"
run_salkku org add "Sosiaali- ja terveysministeriö" short_name=STM kind=ministry
expect_rc 0 "org add STM"
run_salkku add LUMO "Lastensuojelun uudistaminen monialaisesti" \
	planned_start=1.1.2020 planned_end=31.12.2022 budget="980 000" \
	person_years=6,5 themes="lastensuojelu, monialaisuus" \
	description="Ensimmäinen rivi
Toinen rivi"
expect_rc 0 "add LUMO"
run_salkku role add LUMO ISO administrator --share "200 000"
expect_rc 0 "role add"
run_salkku funding add LUMO STM programme="Tulevaisuuden sote-keskus" granted=780000 decision_date=1.12.2019
expect_rc 0 "funding add"
run_salkku deadline add LUMO 15.12.2023 "Loppuraportti" --kind report_due
expect_rc 0 "deadline add"
run_salkku note add LUMO "Viimeiset maksatukset joulukuussa"
expect_rc 0 "note add"
run_salkku outcome add LUMO "Videoiden katselukerrat" 2700 katselua --date 30.11.2023
expect_rc 0 "outcome add"
run_salkku status LUMO preparing
expect_rc 0 "status"

run_salkku show LUMO
expect_rc 0 "show"
expect_out '^Code +LUMO$' "show: code"
expect_out '^Name +Lastensuojelun uudistaminen monialaisesti$' "show: name"
expect_out '^Description +Ensimmäinen rivi$' "show: description, first line"
expect_out '^ +Toinen rivi$' "show: description, second line indented"
expect_out '^Status +preparing$' "show: status"
expect_out '^Planned start +2020-01-01$' "show: date"
expect_out '^Budget +980,000 €$' "show: money"
expect_out '^Person-years +6\.5$' "show: person-years"
expect_out '^Themes +lastensuojelu, monialaisuus$' "show: themes"
expect_out "^Version +[0-9]+, changed 2023-11-20 09:00 by $me\$" "show: version and last change"
expect_out '^UUID +[0-9a-f-]{36}$' "show: uuid"
expect_out '^Organisations$' "show: organisations"
expect_out '^  [0-9]+  ISO +administrator +200,000 €' "show: a role"
expect_out '^Funding$' "show: funding"
expect_out '^  1 +STM +Tulevaisuuden sote-keskus +780,000 € +2019-12-01' "show: a numbered funding line"
expect_out '^Deadlines$' "show: deadlines"
expect_out '^  1 +2023-12-15 +report due +Loppuraportti +in 25 days$' "show: a deadline"
expect_out '^Status history$' "show: status history"
expect_out "^  2023-11-20 +idea +preparing +$me" "show: a status change"
expect_out '^Notes$' "show: notes"
expect_out "^  1  2023-11-20  $me\$" "show: a note's date and author"
expect_out '^    Viimeiset maksatukset joulukuussa$' "show: a note's text"
expect_out '^Outcomes$' "show: outcomes"
expect_out '^  [0-9]+  Videoiden katselukerrat +2700 +katselua +2023-11-30$' "show: an outcome"

run_salkku show lumo
expect_rc 0 "show is case-insensitive"
uuid=$(printf '%s\n' "$out" | sed -n 's/^UUID  *//p')
run_salkku show "$uuid"
expect_rc 0 "show by uuid"
expect_out '^Code +LUMO$' "show by uuid: the project"

run_salkku show LUMO --format json
expect_rc 0 "show json"
expect_out '^\{$' "json: an object"
expect_out '"project": \{' "json: the project"
expect_out "\"uuid\": \"$uuid\"" "json: uuid"
expect_out '"version": [0-9]+' "json: version"
expect_out '"budget": 98000000' "json: money in cents"
expect_out '"person_years": 6\.50' "json: figures"
expect_out '"description": "Ensimmäinen rivi\\nToinen rivi"' "json: newline escaped"
expect_out '"roles": \[' "json: roles"
expect_out '"organisation_label": "ISO"' "json: reference labels"
expect_out '"funding": \[' "json: funding"
expect_out '"granted": 78000000' "json: granted in cents"
expect_out '"deadlines": \[' "json: deadlines"
expect_out '"status_changes": \[' "json: status changes"
expect_out '"notes": \[' "json: notes"
expect_out '"outcomes": \[' "json: outcomes"
expect_out "\"updated_by\": \"$me\"" "json: who"

run_salkku show NOPE
expect_rc 3 "show a missing project"
expect_err '^salkku: .*NOPE' "missing project: named"
run_salkku show LUMO --format csv
expect_rc 2 "show --format csv"

# A project with nothing but a code and a name shows no empty sections.
run_salkku add EMPTY "Tyhjä"
run_salkku show EMPTY
expect_rc 0 "show a bare project"
printf '%s\n' "$out" | grep -qE '^(Funding|Deadlines|Notes)$' &&
	fail "show prints empty sections: $out"

finish
