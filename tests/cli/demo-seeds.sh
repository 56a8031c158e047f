#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The demo as the source texts tell it, and shown as of the day of ISO's
# annual report 2023 (15.1.2024) whatever the clock says.  The figures
# below are typed from the texts (../shared/seeds/ beside the project,
# not in this tree; file:line named at each), not taken from the demo
# or from salkku: the report must reproduce them.  Under C and under
# fi_FI.UTF-8.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS
# A clock far from the demo's day: nothing below may depend on it.
export SALKKU_TODAY=2026-12-06

# ---- The texts' figures ----------------------------------------------
# 004_bb92e4bb860184f5.txt:111-112 "Osaamiskeskuksen perustoiminnan
# valtionavustus oli 453 087 euroa."
STATE_GRANT_2023=453087
# 004:433-434 "Syksyllä järjestettiin 20 valmennusryhmää, joista valmistui
# 384 kirjaamisasiantuntijaa. Näistä 28 oli ISOn toiminta-alueelta."
KK5_GROUPS=20 KK5_TRAINED=384 KK5_ISO_AREA=28
# 004:436-438 "... ISOn alueella yhteensä 469 ja valtakunnallisesti jo
# lähes 5 000."
KK5_ISO_ALL=469 KK5_NATIONAL=5000
# 004:440-441 "Valtakunnallisessa hankkeessa työskenteli kaikkiaan 20
# henkilöä (8,8 htv)."
KK5_PEOPLE=20 KK5_PY_C=8.80 KK5_PY_FI=8,8
# 004:351-352 "Hankkeen maksuttomiin koulutuksiin osallistui lähes 4 000
# ammattilaista." (OT)
OT_TRAINED=4000
# 004:442-443 "... jatkuu hanketyönä 31.3.2024 asti" (Kansa-koulu 5)
KK5_END=2024-03-31
# 004:23-24 "STM kertoi odottavansa alueiden sopimuksia valmiiksi
# 30.4.2024 mennessä." (YTA agreements)
YTA_DUE=2024-04-30
# 004:233-235 "Tätä työtä rahoitetaan EU-hankevaroin vuoden 2025 loppuun
# saakka." (THL-coordinated structural social work)
RST_EU_END=2025-12-31
# 001_eedb953499952347.txt:545-547 "Valtionosuus vuodelle 2019 oskeille
# yht. 2 950 000€, josta SONet BOTNIAn osuus 241 551€ (tästä
# pohjoismaiseen erit.tehtävään 22 125€) ja kuntaraha:perussopimus-
# osapuolet 81 000€ + muut yht. 40 120€"
SB_STATE_2019=241551 SB_NORDIC_2019=22125 SB_MUNICIPAL_2019=$((81000 + 40120))
# 004:56 "Kuopiossa 15.1.2024" (the date of the annual report)
AS_OF=2024-01-15

# csv_row SECTION PATTERN: the lines of section SECTION of a report in
# CSV ($out) that match the grep -E PATTERN.
csv_row() {
	printf '%s\n' "$out" | tr -d '\r' |
		awk -v s="$1" '$0 == s { on = 1; next } /^$/ { on = 0 } on' |
		grep -E -- "$2"
}

run_salkku init --demo
expect_rc 0 "init --demo"

# ---- As of 15.1.2024 --------------------------------------------------
run_salkku report --year 2023
expect_rc 0 "report --year 2023"
expect_out "as of $AS_OF\.$" "report: as of the demo's day, not the clock's"
run_salkku deadline list
expect_rc 0 "deadline list"
expect_out "^ *2024-02-01 +RST-valmennus .* in 17 days$" "deadline list: days from 15.1.2024"
printf '%s\n' "$out" | grep -q "overdue\|ago" && fail "deadline list: overdue on the demo's day: $out"
expect_out "^ *$YTA_DUE +ISO-perustoiminta 2024 .*YTA" "the YTA agreements due 30.4.2024"
expect_out "^ *$KK5_END +Kansa-koulu 5 " "Kansa-koulu 5 runs to 31.3.2024"
expect_out "^ *$RST_EU_END +RST-kansallinen " "RST-kansallinen: EU funding to the end of 2025"
run_salkku remind --days 20
expect_rc 0 "remind"
expect_out "Valmennus alkaa \(in 17 days\)" "remind: as of 15.1.2024"
printf '%s\n' "$out" | grep -q "^Overdue" && fail "remind: overdue on the demo's day: $out"

# ---- The report's figures against the texts' ---------------------------
run_salkku report --year 2023 --format csv
expect_rc 0 "report --year 2023 --format csv"
csv_row summary "^Granted for the period's years,$STATE_GRANT_2023\.00$" >/dev/null ||
	fail "state grant 2023: not $STATE_GRANT_2023: $out"
csv_row money "^STM,2023,1,,$STATE_GRANT_2023\.00," >/dev/null ||
	fail "money per funder: STM 2023 not $STATE_GRANT_2023"
csv_row summary "^Person-years,$KK5_PY_C$" >/dev/null || fail "person-years not 8.8"
csv_row person_years "^Kansa-koulu 5,.*,$KK5_PY_C$" >/dev/null ||
	fail "Kansa-koulu 5: person-years not 8.8"
for pair in "$KK5_GROUPS,ryhmää" "$KK5_TRAINED,henkilöä" "$KK5_ISO_AREA,henkilöä" \
	    "$KK5_ISO_ALL,henkilöä" "$KK5_PEOPLE,henkilöä"; do
	csv_row outcomes "^Kansa-koulu 5,[^,\"]*(\"[^\"]*\")?[^,]*,${pair%%,*}\.00,,,${pair#*,}," >/dev/null ||
		fail "Kansa-koulu 5: no outcome ${pair%%,*}"
done
csv_row outcomes "^Kansa-koulu 5,.*,$KK5_NATIONAL\.00,.*,nearly$" >/dev/null ||
	fail "Kansa-koulu 5: not nearly $KK5_NATIONAL nationally"
csv_row outcomes "^OT,.*,$OT_TRAINED\.00,.*,nearly$" >/dev/null ||
	fail "OT: not nearly $OT_TRAINED trained"

# An idea the 2019 slides name is of 2019, not of every year after it.
run_salkku list --year 2023 --format csv
printf '%s\n' "$out" | grep -q '^Peliklinikka,' &&
	fail "an idea noted in 2019 counts as active in 2023"
run_salkku list --year 2019 --format csv
expect_out '^Peliklinikka,' "the idea is of 2019"

run_salkku report --year 2019 --format csv
expect_rc 0 "report --year 2019"
csv_row money "^STM,2019,2,,$SB_STATE_2019\.00," >/dev/null ||
	fail "2019: STM's money to SONet BOTNIA not $SB_STATE_2019 (Nordic task within it): $out"
csv_row money "^SONet BOTNIAn kunnat,2019,1,,$SB_MUNICIPAL_2019\.00," >/dev/null ||
	fail "2019: municipal money not $SB_MUNICIPAL_2019"
run_salkku show Pohjoismainen
expect_out "2019 +22,125 €" "the Nordic task's 2019 share"
[ "$SB_NORDIC_2019" = 22125 ] || fail "the texts' Nordic share"

# ---- Statuses and records as the texts have them -----------------------
run_salkku list --status closed --format csv
for code in "Kansa-koulu II" "PRO SOS" "Pohjoismainen"; do
	printf '%s\n' "$out" | grep -q "^$code," && fail "$code is closed: the texts do not say so"
done
run_salkku show "Kansa-koulu II"
expect_out "^Status +active" "Kansa-koulu II: rooting work started or planned in 2019"
run_salkku show Pohjoismainen
expect_out "^Status +active" "the Nordic task: a yearly task, not a closed project"
run_salkku show "Hyvää työtä"
expect_rc 3 "Hyvää työtä is an STM programme, not an ISO project"
run_salkku show "Kansa-koulu 5"
printf '%s\n' "$out" | grep -q "Vasso" && fail "Kansa-koulu 5: an administrator the texts do not name"
expect_out "Oletus:" "Kansa-koulu 5: the assumed role said"
for code in LUMO Varikko OT YTA-interventio YTA-mittarit; do
	run_salkku show "$code"
	expect_out "Oletus:" "$code: its assumptions said"
done
run_salkku show OT
printf '%s\n' "$out" | grep -q "2024-04-30" && fail "OT: a report deadline the texts do not give"
run_salkku show Varikko
printf '%s\n' "$out" | grep -q "Uudistuva ja osaava" && fail "Varikko: a programme the texts do not name"
printf '%s\n' "$out" | grep -q "administrator" && fail "Varikko: an administrator the texts do not name"

# ---- In Finnish ----------------------------------------------------------
use_language fi
run_salkku report --year 2023
expect_rc 0 "report in Finnish"
expect_out "tilanne 15\.1\.2024\.$" "report in Finnish: as of 15.1.2024"
expect_out "453[  ]087 €" "report in Finnish: the state grant"
expect_out "Henkilötyövuodet +$KK5_PY_FI$" "report in Finnish: 8,8 person-years"
expect_out "Kansa-koulu 5 .* $KK5_TRAINED +henkilöä" "report in Finnish: 384 trained"
expect_out "OT .* lähes 4[  ]000 +henkilöä" "report in Finnish: nearly 4 000 trained"
run_salkku deadline list
expect_out "1\.2\.2024 +RST-valmennus .* 17 päivän päästä" "deadline list in Finnish: as of 15.1.2024"

# ---- Any other database keeps the clock --------------------------------
export SALKKU_DB="$TEST_TMP/own.db"
run_salkku init
run_salkku add OMA "Oma hanke"
run_salkku deadline add OMA 20.12.2026 Raportti
run_salkku deadline list
expect_out "14 päivän päästä" "a database of one's own counts from the clock"
finish
