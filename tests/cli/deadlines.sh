#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The deadline lifecycle (done on a date, late, cancelled with a reason,
# open again, removed), default titles, repeating deadlines edited one
# by one or as a series, closing a project with open deadlines, the
# deadline list's CSV and JSON, and reminders for cron.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS

# today is 2023-11-20
run_salkku init
run_salkku add ESR "ESR-hanke" --status granted
run_salkku status ESR active
expect_rc 0 "setup"

# ---- default titles: two deadlines without a title differ
run_salkku deadline add ESR report_due 15.3.2024
expect_rc 0 "add CODE KIND DATE"
expect_out '“Report due 2024-03-15”' "default title from kind and date"
run_salkku deadline add ESR 2024-04-15 --kind payment
expect_rc 0 "add CODE DATE --kind"
expect_out '“Payment 2024-04-15”' "default title, kind by option"
run_salkku deadline add ESR report_due 15.6.2024 --kind payment
expect_rc 2 "kind given twice"
run_salkku deadline list --format csv
[ "$(printf '%s\n' "$out" | cut -d, -f4 | sort | uniq -d)" = "" ] ||
	fail "two deadlines share a title: $out"
LC_ALL=fi_FI.UTF-8 run_salkku deadline add ESR report_due 1.7.2024
expect_out '“Raportti määräpäivä 1.7.2024”|“[^”]* 1\.7\.2024”' "default title in Finnish form"

# ---- done with a date, late, reopen, cancel
run_salkku deadline add ESR 2023-11-10 "Hakemus" --kind application_due
id=$(printf '%s\n' "$out" | sed -n 's/.*(\([0-9a-f-]\{36\}\))\.$/\1/p')
[ -n "$id" ] || fail "add prints the uuid: $out"
run_salkku deadline done "$id" --date 8.11.2023
expect_rc 0 "done UUID --date"
expect_out 'on 2023-11-08\.$' "done: the date given"
run_salkku deadline list --all --format json
expect_out '"done_date": "2023-11-08"' "json: done date"
expect_out '"late": false' "json: done on time"
run_salkku deadline reopen "$id"
expect_rc 0 "reopen"
run_salkku deadline done ESR 1
expect_rc 0 "done CODE N (today)"
expect_out '\(late\)' "done after the due date: late"
run_salkku show ESR
expect_out 'Hakemus +done 2023-11-20, 10 days late$' "show: done late"
run_salkku deadline list --all --format csv
expect_out '^due,project,kind,title,done,uuid,state,done_date,late,cancelled_date,cancel_reason,repeat' "csv header"
expect_out '^2023-11-10,ESR,application_due,Hakemus,1,[0-9a-f-]+,done,2023-11-20,1,,,' "csv: done late"
run_salkku deadline done ESR 1 --date 1.1.2030
expect_rc 4 "a done date in the future"
expect_err 'done_date' "future done date: names the field"

run_salkku deadline cancel ESR 2
expect_rc 2 "cancel without a reason"
run_salkku deadline cancel ESR 2 --reason "Ei tarvita, raportti yhdistetään"
expect_rc 0 "cancel --reason"
run_salkku deadline done ESR 2
expect_rc 4 "done of a cancelled deadline"
run_salkku deadline list
printf '%s\n' "$out" | grep -q 'Report due 2024-03-15' && fail "a cancelled deadline is listed as open"
run_salkku deadline list --all --format csv
expect_out ',cancelled,,0,2023-11-20,"Ei tarvita, raportti yhdistetään",' "csv: cancelled with its reason"
run_salkku deadline list --all --format json
expect_out '"state": "cancelled"' "json: state"
expect_out '"cancel_reason": "Ei tarvita, raportti yhdistetään"' "json: reason"
run_salkku show ESR
expect_out 'cancelled 2023-11-20: Ei tarvita' "show: cancelled and why"
run_salkku export --format json
expect_out '"cancelled_date":"2023-11-20","cancel_reason":"Ei tarvita, raportti yhdistetään"' "exchange JSON carries the reason"

# ---- rm
run_salkku deadline add ESR 2024-12-01 "Poistettava"
id=$(printf '%s\n' "$out" | sed -n 's/.*(\([0-9a-f-]\{36\}\))\.$/\1/p')
run_salkku deadline rm "$id"
expect_rc 0 "rm"
run_salkku deadline list --all
printf '%s\n' "$out" | grep -q Poistettava && fail "rm left the deadline"

# ---- repeating deadlines
run_salkku deadline add ESR steering_meeting 2024-01-15 Ohjausryhmä --every 2months --until 2024-12-31
expect_rc 0 "--every --until"
expect_out '^Added 6 deadlines to ESR' "every second month for a year: 6"
run_salkku deadline add ESR payment 2024-01-31 Maksatushakemus --every 4months --count 4
expect_rc 0 "--every --count"
run_salkku deadline list --format csv
for d in 2024-01-31 2024-05-31 2025-01-31 2025-05-31; do
	expect_out "^$d,ESR,payment,Maksatushakemus," "payment series: $d"
done
printf '%s\n' "$out" | grep -q '^2024-09-31' && fail "an impossible date in a series"
expect_out 'FREQ=MONTHLY;INTERVAL=2;UNTIL=20241231' "the rule travels with the deadline"
LC_ALL=sv_FI.UTF-8 run_salkku deadline add ESR 2026-01-05 Styrgrupp --every "2 mån" --count 2
expect_rc 0 "--every in Swedish (2 mån)"
LC_ALL=sv_FI.UTF-8 run_salkku deadline add ESR 2026-01-07 Vecko --every "3 v" --count 2
expect_rc 0 "--every in Swedish (3 v)"
run_salkku deadline list --format csv --all
expect_out '^2026-03-05,ESR,' "every second month in Swedish"
expect_out '^2026-01-28,ESR,' "every third week in Swedish"
run_salkku deadline add ESR 2024-01-15 X --every fortnight --count 3
expect_rc 4 "--every that is not weeks or months"
run_salkku deadline add ESR 2024-01-15 X --every 2weeks
expect_rc 4 "--every without --until or --count"
run_salkku deadline add ESR 2024-01-15 X --count 3
expect_rc 2 "--count without --every"
run_salkku deadline add ESR 2024-01-15 X --every 1week --count 600
expect_rc 2 "a series too long"
run_salkku deadline list --all --format csv
printf '%s\n' "$out" | grep -q ',X,' && fail "a refused series was written"

# One occurrence, then the series.
run_salkku show ESR
n=$(printf '%s\n' "$out" | sed -n 's/^ *\([0-9]*\)  2024-03-15 .*Ohjausryhmä.*/\1/p')
run_salkku deadline set ESR "$n" due=2024-03-20
expect_rc 0 "set one occurrence's date"
run_salkku deadline set ESR "$n" title="Ohjausryhmän kokous" --series
expect_rc 0 "set --series"
expect_out '^Updated 6 deadlines of the series' "the whole open series"
run_salkku deadline set ESR "$n" due=2024-03-22 --series
expect_rc 4 "--series cannot move the dates"
run_salkku deadline list --format csv
[ "$(printf '%s\n' "$out" | grep -c 'Ohjausryhmän kokous')" -eq 6 ] || fail "series title: $out"
expect_out '^2024-03-20,ESR,steering_meeting,Ohjausryhmän kokous' "the moved occurrence kept its date"
run_salkku deadline set ESR 1 title=Y --series
expect_rc 4 "--series on a deadline that does not repeat"

# ---- closing a project with open deadlines
run_salkku status ESR withdrawn
expect_rc 4 "withdrawn with open deadlines is refused"
expect_err 'deadlines: ESR has [0-9]+ open deadlines?: ' "refusal lists them"
expect_err -- '--deadlines done, cancel or keep' "refusal says what to do"
run_salkku show ESR
expect_out '^Status +active' "nothing changed"
run_salkku status ESR withdrawn --deadlines bogus
expect_rc 2 "--deadlines bogus"
run_salkku status ESR withdrawn --deadlines cancel --note "Rahoitus päättyi"
expect_rc 0 "withdrawn --deadlines cancel"
run_salkku deadline list
expect_out '^No deadlines\.$' "no open deadline left"
run_salkku deadline list --all --format csv
expect_out ',cancelled,,0,2023-11-20,Rahoitus päättyi,' "cancelled for the move's reason"

run_salkku add KEEP "Keep" --status active
run_salkku deadline add KEEP 2024-02-01 "Jää auki"
run_salkku status KEEP cancelled --deadlines keep
expect_rc 0 "cancelled --deadlines keep"
run_salkku deadline list
expect_out 'Jää auki' "kept open"
run_salkku add DONE "Done" --status active
run_salkku deadline add DONE 2023-11-01 "Tehty"
run_salkku status DONE withdrawn --deadlines done --date 15.11.2023
expect_rc 0 "withdrawn --deadlines done"
run_salkku deadline list --all --format csv
expect_out '^2023-11-01,DONE,other,Tehty,1,[0-9a-f-]+,done,2023-11-15,1,' "done on the date of the move"

# ---- rm --series
run_salkku add SER "Series" --status active
run_salkku deadline add SER 2024-01-01 Viikko --every 1week --count 5
run_salkku deadline rm SER 3 --series
expect_rc 0 "rm --series"
expect_out '^Deleted 5 deadlines' "the whole series"

# ---- remind: plain text, nothing at all when nothing is due
rm -f "$SALKKU_DB"
run_salkku init
run_salkku remind
expect_rc 0 "remind with nothing due"
[ -z "$out" ] || fail "remind printed something with nothing due: $out"
run_salkku add R "R" --status active
run_salkku deadline add R 2023-11-15 "Myöhässä"
run_salkku deadline add R 2023-11-25 "Pian"
run_salkku deadline add R 2024-01-25 "Myöhemmin"
run_salkku remind --days 7
expect_rc 0 "remind"
expect_out '^Overdue:$' "remind: overdue heading"
expect_out '^  2023-11-15  R  Myöhässä \(overdue 5 days\)  [0-9a-f-]{36}$' "remind: the overdue one"
expect_out '^Due in the next 7 days:$' "remind: coming heading"
expect_out '^  2023-11-25  R  Pian \(in 5 days\)' "remind: the coming one"
printf '%s\n' "$out" | grep -q Myöhemmin && fail "remind: beyond the days"
printf '%s' "$out" | grep -q "$(printf '\033')" && fail "remind: escape sequences"
run_salkku remind --days x
expect_rc 2 "remind --days x"

finish
