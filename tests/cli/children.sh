#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The records of a project: role, funding, deadline, note and outcome,
# each with good and bad input, read back through show and list.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS
me=$(id -un)

run_salkku init
run_salkku org add "Itä-Suomen sosiaalialan osaamiskeskus" short_name=ISO kind=competence_centre
run_salkku org add "Sosiaali- ja terveysministeriö" short_name=STM kind=ministry
run_salkku org add "Euroopan sosiaalirahasto plus" short_name=ESR+ kind=eu_programme
run_salkku add LUMO "Lastensuojelun uudistaminen"
expect_rc 0 "add LUMO"

# ---- role
run_salkku role add LUMO ISO administrator
expect_rc 0 "role add"
expect_out '^ISO is now administrator of LUMO\.$' "role add: message"
run_salkku role add LUMO STM funder --share "100 000" --note valtionavustus
expect_rc 0 "role add with share and note"
run_salkku show LUMO
expect_out '^  [0-9]+  ISO +administrator' "show: the administrator"
expect_out '^  [0-9]+  STM +funder +100,000 € +valtionavustus$' "show: share and note"
run_salkku list --format csv
expect_out '^LUMO,Lastensuojelun uudistaminen,idea,ISO,' "list: the administrator"

run_salkku role add LUMO ISO bogus
expect_rc 4 "role add with an unknown role"
expect_err '^salkku: role' "unknown role: names the field"
run_salkku role add LUMO Nobody partner
expect_rc 3 "role add with an unknown organisation"
expect_err 'Nobody' "unknown organisation: named"
run_salkku role add NOPE ISO partner
expect_rc 3 "role add to a missing project"
run_salkku role add LUMO ISO
expect_rc 2 "role add without a role"
run_salkku role add LUMO ESR+ partner --share -5
expect_rc 4 "role add with a negative share"
run_salkku show LUMO
printf '%s\n' "$out" | grep -q 'ESR+' && fail "a refused role was written"

run_salkku role rm LUMO STM funder
expect_rc 0 "role rm"
run_salkku show LUMO
printf '%s\n' "$out" | grep -qE '^  [0-9]+  STM +funder' && fail "role rm left the role"
run_salkku role rm LUMO STM funder
expect_rc 3 "role rm of a role that is not there"
run_salkku role rm LUMO ISO bogus
expect_rc 4 "role rm with an unknown role"

# ---- funding
run_salkku funding add LUMO STM programme="Tulevaisuuden sote-keskus" \
	applied=500000 granted="450 000,50" decision_date=15.6.2020 reference=VN/123
expect_rc 0 "funding add"
expect_out '^Added funding 1 of LUMO \([0-9a-f-]{36}\)\.$' "funding add: message"
funding_uuid=$(printf '%s\n' "$out" | sed -n 's/.*(\(.*\))\.$/\1/p')
run_salkku funding add LUMO ESR+ applied=-5
expect_rc 4 "funding add with negative money"
expect_err '^salkku: applied' "negative applied: names the field"
run_salkku funding add LUMO ESR+ decision_date=31.2.2024
expect_rc 4 "funding add with an invalid date"
expect_err '^salkku: decision_date' "invalid decision date: names the field"
run_salkku funding add LUMO STM bogus=1
expect_rc 2 "funding add with an unknown field"
run_salkku funding add LUMO STM granted
expect_rc 2 "funding add with a bare word"
run_salkku funding add LUMO
expect_rc 2 "funding add without a funder"
run_salkku show LUMO
expect_out '^  1 +STM +Tulevaisuuden sote-keskus +500,000 € +450,000\.50 € +2020-06-15 +VN/123$' "show: the funding line"
printf '%s\n' "$out" | grep -q '^  2 ' && fail "a refused funding line was written"
run_salkku list --format csv --funder STM
expect_out '^LUMO,' "list --funder finds the funding line"

run_salkku funding set LUMO 1 granted=460000
expect_rc 0 "funding set by number"
run_salkku funding set LUMO "$funding_uuid" reference=VN/456
expect_rc 0 "funding set by uuid"
run_salkku show LUMO
expect_out '^  1 +STM +.* +460,000 € +2020-06-15 +VN/456$' "show: the changed funding line"
run_salkku funding set LUMO 1 granted=1 --if-version 1
expect_rc 5 "funding set with a stale version"
expect_err "$me" "funding conflict: who"
run_salkku funding set LUMO 9 granted=1
expect_rc 3 "funding set of a missing line"
run_salkku funding set LUMO 1 granted=-1
expect_rc 4 "funding set with negative money"
run_salkku funding rm LUMO 1
expect_rc 0 "funding rm"
run_salkku show LUMO
printf '%s\n' "$out" | grep -q '^Funding$' && fail "funding rm left the line"
run_salkku funding rm LUMO 1
expect_rc 3 "funding rm of a missing line"

# ---- deadlines (today is 2023-11-20)
run_salkku deadline add LUMO 10.11.2023 "Loppuraportti" --kind report_due
expect_rc 0 "deadline add"
run_salkku deadline add LUMO 15.12.2023 "Ohjausryhmän kokous" --kind steering_meeting
expect_rc 0 "deadline add 2"
run_salkku deadline add LUMO 2024-06-30 "Kaukainen"
expect_rc 0 "deadline add 3"
run_salkku deadline add LUMO 31.2.2024 "Huono"
expect_rc 4 "deadline add with an invalid date"
expect_err '^salkku: due' "invalid due date: names the field"
run_salkku deadline add LUMO 1.1.2024 "Huono laji" --kind bogus
expect_rc 4 "deadline add with an unknown kind"
expect_err '^salkku: kind' "unknown kind: names the field"
run_salkku deadline add LUMO
expect_rc 2 "deadline add without a date"

run_salkku deadline list
expect_rc 0 "deadline list"
expect_out '^! +2023-11-10 +LUMO +report due +Loppuraportti +overdue 10 days$' "overdue deadline"
expect_out '^ +2023-12-15 +LUMO +steering group meeting +Ohjausryhmän kokous +in 25 days$' "coming deadline"
expect_out 'Kaukainen' "deadline list: all open ones"
printf '%s\n' "$out" | grep -q 'Huono' && fail "a refused deadline was written"

run_salkku show LUMO
expect_out '^  ! 1 +2023-11-10 +report due +Loppuraportti +overdue 10 days$' "show: the overdue deadline marked"
expect_out '^    2 +2023-12-15 +steering group meeting +Ohjausryhmän kokous +in 25 days$' "show: a coming deadline"

run_salkku deadline list --upcoming 30
expect_rc 0 "deadline list --upcoming"
expect_out 'Loppuraportti' "--upcoming keeps the overdue"
expect_out 'Ohjausryhmän' "--upcoming keeps those within the days"
printf '%s\n' "$out" | grep -q 'Kaukainen' && fail "--upcoming 30 shows a deadline in June"
run_salkku deadline list --upcoming soon
expect_rc 2 "--upcoming that is not a number"

run_salkku deadline list --format json
expect_out '"overdue": true' "deadline json: overdue"
expect_out '"due": "2023-11-10"' "deadline json: ISO date"

run_salkku deadline done LUMO 1
expect_rc 0 "deadline done"
run_salkku deadline list
printf '%s\n' "$out" | grep -q 'Loppuraportti' && fail "a done deadline is still listed"
run_salkku deadline list --all
expect_out 'Loppuraportti +done' "--all shows the done one"
run_salkku show LUMO
expect_out '^  1 +2023-11-10 +report due +Loppuraportti +done 2023-11-20, 10 days late$' "show: done on today, late"
run_salkku deadline done LUMO 7
expect_rc 3 "deadline done of a missing deadline"
run_salkku deadline done LUMO 2 --date 31.2.2023
expect_rc 4 "deadline done with an invalid date"

# ---- notes: from an argument, from standard input, and hostile text
run_salkku note add LUMO "Ensimmäinen muistiinpano"
expect_rc 0 "note add"
printf 'rivi yksi\nrivi kaksi\n' | "$SALKKU" note add LUMO - >/dev/null 2>&1
[ $? -eq 0 ] || fail "note add from standard input"
esc=$(printf '\033')
cr=$(printf '\r')
rlo=$(printf '\342\200\256')
run_salkku note add LUMO "vaarallinen ${esc}[31mpunainen${esc}[0m${cr}yli ${rlo}txet"
expect_rc 0 "note add with control characters"
run_salkku show LUMO
expect_out "^  1  2023-11-20  $me\$" "show: note author is the user"
expect_out '^    Ensimmäinen muistiinpano$' "show: first note"
expect_out '^    rivi yksi$' "show: note from stdin, line 1"
expect_out '^    rivi kaksi$' "show: note from stdin, line 2, indented"
expect_out 'vaarallinen \^\[\[31mpunainen\^\[\[0m\^Myli <U\+202E>txet' "show: control characters made visible"
"$SALKKU" show LUMO >"$TEST_TMP/show.txt" 2>&1
[ "$(grep -c "$esc" "$TEST_TMP/show.txt")" -eq 0 ] || fail "show printed a raw ESC"
[ "$(grep -c "$cr" "$TEST_TMP/show.txt")" -eq 0 ] || fail "show printed a raw CR"
[ "$(grep -c "$rlo" "$TEST_TMP/show.txt")" -eq 0 ] || fail "show printed a raw U+202E"
"$SALKKU" show LUMO --format json >"$TEST_TMP/show.json" 2>&1
grep -q 'vaarallinen \\u001b\[31m' "$TEST_TMP/show.json" || fail "json: ESC not escaped"
grep -q '\\u202e' "$TEST_TMP/show.json" || fail "json: U+202E not escaped"
[ "$(grep -c "$esc" "$TEST_TMP/show.json")" -eq 0 ] || fail "json printed a raw ESC"
run_salkku note add LUMO ""
expect_rc 4 "an empty note"
run_salkku note add NOPE "x"
expect_rc 3 "a note on a missing project"

# ---- outcomes
run_salkku outcome add LUMO "Koulutetut asiantuntijat" 384 henkilöä --date 30.11.2023
expect_rc 0 "outcome add"
run_salkku outcome add LUMO "Henkilötyövuodet" 8,8
expect_rc 0 "outcome add without a unit"
run_salkku outcome add LUMO "Katselut" paljon
expect_rc 4 "outcome add with a value that is no number"
expect_err '^salkku: value' "bad value: names the field"
run_salkku outcome add LUMO "Katselut"
expect_rc 2 "outcome add without a value"
run_salkku show LUMO
expect_out '^  [0-9]+  Koulutetut asiantuntijat +384 +henkilöä +2023-11-30$' "show: an outcome"
expect_out '^  [0-9]+  Henkilötyövuodet +8\.8' "show: an outcome with decimals"
printf '%s\n' "$out" | grep -q 'Katselut' && fail "a refused outcome was written"

finish
