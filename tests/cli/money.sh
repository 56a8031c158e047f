#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The money model on the command line: funding lines per year with what
# was paid, co-financing without a funder line, the warnings of check
# and show; outcomes' targets and precision; outcome set/rm/list, note rm.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS

run_salkku init
run_salkku org add "Itä-Suomen sosiaalialan osaamiskeskus" short_name=ISO kind=competence_centre
run_salkku org add "Sosiaali- ja terveysministeriö" short_name=STM kind=ministry
run_salkku org add "Pohjois-Savon hyvinvointialue" short_name=PSHVA kind=wellbeing_county
run_salkku add OT "OT-hanke" budget=1200000 planned_start=2022-01-01 planned_end=2023-12-31
expect_rc 0 "add"
run_salkku role add OT ISO administrator --share 700000 --cofinancing "20 %"
expect_rc 0 "role add --cofinancing per cent"
run_salkku role add OT PSHVA co_implementer --share 600000 --cofinancing 5000
expect_rc 0 "role add --cofinancing amount"
run_salkku check
expect_rc 0 "check: warnings are not problems"
expect_out '^OT: warning: the budget shares add up to 1,300,000 €, but the budget is 1,200,000 €$' \
	"check: shares over the budget"

run_salkku funding add OT STM year=2023 applied=500000 granted=450000 paid=460000
expect_rc 0 "funding add with year and paid"
run_salkku funding add OT STM year=1899
expect_rc 4 "funding: a year out of range"
expect_err 'not a year' "funding: the message"
run_salkku show OT
expect_out '^Warnings$' "show: warnings"
expect_out 'funding line 1: 450,000 € granted where 500,000 € was applied for' "show: granted differs"
expect_out 'funding line 1: 460,000 € paid, more than the 450,000 € granted' "show: paid over granted"
expect_out '^  1  STM .* 2023 +500,000 € +450,000 € +460,000 €' "show: the line's year and paid"
run_salkku role set OT 1 budget_share=600000
expect_rc 0 "role set"
run_salkku check
printf '%s\n' "$out" | grep -q 'budget shares' && fail "check: shares now add up"

# Co-financing: 20 % of ISO's 600 000 and PSHVA's 5 000.
run_salkku report --year 2023 --format csv
expect_out '^Co-financing,125000.00' "report: co-financing"

# Outcomes.
run_salkku outcome add OT "Koulutetut" 3950 henkilöä target=4000 precision=nearly kind=period --date 2023-12-31
expect_rc 0 "outcome add with target"
run_salkku outcome set OT 1 value=3990
expect_rc 0 "outcome set"
run_salkku outcome list --year 2023 --format csv
expect_out '^OT,Koulutetut,3990.00,4000.00,99.75,henkilöä,period,2023-12-31,nearly' \
	"outcome list"
run_salkku outcome list --year 2021
expect_out 'No outcome figures' "outcome list: another year"
run_salkku outcome rm OT 1
expect_rc 0 "outcome rm"
run_salkku outcome list
expect_out 'No outcome figures' "outcome rm removed it"

run_salkku note add OT "Muistiinpano"
run_salkku note rm OT 1
expect_rc 0 "note rm"
run_salkku show OT
printf '%s\n' "$out" | grep -q Muistiinpano && fail "note rm left the note"

finish
