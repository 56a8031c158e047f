#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# salkku report and list --year on the demo portfolio: every figure
# checked against what tests/cli/report-expect.py computes from the
# JSON export on its own, not by asking salkku twice.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS
export SALKKU_TODAY=2024-01-15

[ -x /usr/bin/python3 ] || { echo "no /usr/bin/python3: skipped"; exit 77; }

run_salkku init --demo
expect_rc 0 "init --demo"
"$SALKKU" export -o "$TEST_TMP/demo.json" || fail "export"
/usr/bin/python3 "$top_srcdir/tests/cli/report-expect.py" "$TEST_TMP/demo.json" \
	2023 "$SALKKU_TODAY" >"$TEST_TMP/expect" || fail "report-expect.py"
expect() {
	sed -n "s/^$1 //p" "$TEST_TMP/expect"
}

# list --year follows dates, status history and deadlines.
run_salkku list --year 2023 --format csv
expect_rc 0 "list --year 2023"
codes=$(printf '%s\n' "$out" | tr -d '\r' | sed 1d | cut -d, -f1 | sort | paste -sd, -)
[ "$codes" = "$(expect codes)" ] ||
	fail "list --year 2023: $codes, expected $(expect codes)"
for code in LUMO Varikko RST-valmennus; do
	printf '%s\n' "$codes" | grep -q "$code" || fail "list --year 2023 leaves out $code"
done
for code in "Kansa-koulu II" "PRO SOS" "Hyvää työtä"; do
	printf '%s\n' "$codes" | grep -q "$code" && fail "list --year 2023 has $code"
done

run_salkku report --year 2023 --format csv
expect_rc 0 "report --format csv"
printf '%s\n' "$out" | tr -d '\r' >"$TEST_TMP/report.csv"
# figure LABEL: the value of a key figure in the CSV's summary block.
figure() {
	grep -m1 "^$1," "$TEST_TMP/report.csv" | sed 's/^[^,]*,//; s/"//g'
}
check() {
	[ "$(figure "$1")" = "$2" ] || fail "report: $1 is $(figure "$1"), expected $2"
}
check "Projects active in the period" "$(expect active)"
check "Person-years" "$(expect person_years)"
check "Outcome figures" "$(expect outcomes)"
check "Deadlines met on time" "$(expect on_time)"
check "Deadlines met late" "$(expect late)"
check "Deadlines missed" "$(expect missed)"
check "Deadlines still open" "$(expect open)"
check "Deadlines coming next" "$(expect coming)"
# The annual report's own figures (the seeds): the state grant, and
# Kansa-koulu 5's trained and person-years.
check "Granted for the period's years" "453087.00"
grep -q '^Kansa-koulu 5,Valmistuneet kirjaamisasiantuntijat syksyllä 2023,384.00,' \
	"$TEST_TMP/report.csv" || fail "report: Kansa-koulu 5's 384 trained"
grep -q '^OT,Maksuttomiin koulutuksiin osallistuneet ammattilaiset,4000.00,.*,nearly$' \
	"$TEST_TMP/report.csv" || fail "report: OT's nearly 4 000 trained"
grep -q '^Kansa-koulu 5,.*,8.80$' "$TEST_TMP/report.csv" ||
	fail "report: Kansa-koulu 5's 8.8 person-years"
grep -q '^STM,2023,1,,453087.00,$' "$TEST_TMP/report.csv" ||
	fail "report: money per funder and year"

# The text report says the same in people's numbers.
run_salkku report --year 2023
expect_rc 0 "report (text)"
expect_out '^ISO in 2023$' "report: whose and when"
expect_out "Projects active in the period +$(expect active)\$" "report text: active"
expect_out 'nearly 4,000' "report text: an approximate figure"

# In Finnish: Finnish numbers and dates.
if locale -a 2>/dev/null | grep -qi '^fi_FI\.utf-\?8$'; then
	LC_ALL=fi_FI.UTF-8 run_salkku report --year 2023
	expect_rc 0 "report under fi_FI"
	expect_out '453 087 €' "report fi: money"
	expect_out '15\.1\.2024' "report fi: the date"
	expect_out '4 000' "report fi: grouped figure"
fi

# Period and funder.
run_salkku report --from 2023-09-01 --to 2023-12-31 --funder ESR+ --format md
expect_rc 0 "report --from --to --funder"
expect_out '^# ISO, 2023-09-01–2023-12-31$' "report md: the period"
expect_out '^\| Varikko \| ESR\+' "report md: the funder's application"
run_salkku report --year 2023 --from 2023-01-01
expect_rc 2 "report: --year with --from"
run_salkku report --format pdf
expect_rc 2 "report: an unknown format"

finish
