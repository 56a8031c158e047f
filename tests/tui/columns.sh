#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Codes and sums are shown whole, counts grouped by thousands, on a
# portfolio of 1,234 projects: a budget with cents ("2 286 000,50 €",
# wider than the column was) in the project list, a long code in the
# list, on an organisation's screen, in the deadlines and on the
# timeline, an organisation's budget share with cents, a funding line's
# sums; the list's count in the title ("1 234/1 234") and the count of
# an organisation's projects in a role ("(1 234)"), the counts of an
# import through the terminal interface.  At 100 and at 80 columns, in
# English, Finnish and Swedish; and at 80 columns a long code beside
# the end date.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

N=1234
LONG=Osallisuusverkosto-2024-007

run_salkku init
expect_rc 0 "init"
# Project 1 (A-0001) has the budget with cents and a funding line of
# the same sum; project 2 the long code, a deadline and a budget share
# with cents; project 3 a deadline 2,998 days overdue; Itä-Suomen
# osaamiskeskus administers all of them.
awk -v n=$N -v long=$LONG 'BEGIN {
	u = "\"00000000-0000-4000-8000-%012d\""
	m = "\"version\": 1, \"updated_at\": \"2023-01-01T00:00:00Z\", \"updated_by\": \"test\""
	printf "{\"format\": \"salkku\", \"format_version\": 2, \"organisations\": {"
	printf u ": {" m ", \"name\": \"Itä-Suomen osaamiskeskus\", \"kind\": \"competence_centre\"}}, \"projects\": {", 1
	for (i = 1; i <= n; i++) {
		code = i == 1 ? "A-0001" : i == 2 ? long : sprintf("P-%04d", i)
		budget = i == 1 ? 228600050 : 100000 * i
		printf "%s" u ": {" m ", \"code\": \"%s\", \"name\": \"Sosiaalialan osaamisen kehittäminen %d\", \"status\": \"active\", \"budget\": %d}", (i > 1 ? ", " : ""), 1000 + i, code, i, budget
	}
	printf "}, \"roles\": {"
	for (i = 1; i <= n; i++)
		printf "%s" u ": {" m ", \"project\": " u ", \"organisation\": " u ", \"role\": \"administrator\"%s}", (i > 1 ? ", " : ""), 10000 + i, 1000 + i, 1, (i == 2 ? ", \"budget_share\": 125000075" : "")
	printf "}, \"funding\": {" u ": {" m ", \"project\": " u ", \"funder\": " u ", \"programme\": \"Perusrahoitus\", \"applied\": 228600050, \"granted\": 228600050, \"year\": 2023}}", 20001, 1001, 1
	printf ", \"deadlines\": {" u ": {" m ", \"project\": " u ", \"kind\": \"other\", \"title\": \"Väliraportti\", \"due\": \"2023-12-01\"}", 30001, 1002
	printf ", " u ": {" m ", \"project\": " u ", \"kind\": \"payment\", \"title\": \"Maksatushakemus\", \"due\": \"2015-09-05\"}}}\n", 30002, 1003
}' >"$TEST_TMP/portfolio.json"
run_salkku import "$TEST_TMP/portfolio.json"
expect_rc 0 "import" || finish
run_salkku list --format csv
expect_out "A-0001,Sosiaalialan osaamisen kehittäminen 1,active,Itä-Suomen osaamiskeskus,Itä-Suomen osaamiskeskus,,,2286000.50," "the budget with cents stored"

# walk LOCALE LANGUAGE WIDTH HEIGHT MONEY SHARE COUNT
walk() {
	what="$1 at $3x$4"
	tui_start "$3" "$4" "LC_ALL=$1" "LANGUAGE=$2"
	tui_expect "$7/$7" "$what: the count in the title, grouped"
	tui_expect_re "^>A-0001 .* $5 *\$" "$what: the budget with cents whole"
	tui_expect_re "^ $LONG " "$what: the long code whole in the list"
	tui_keys 2
	tui_gone "$7/$7" "$what: the organisations"
	tui_keys Enter
	tui_expect "($7)" "$what: the organisation's projects in the role, grouped"
	tui_expect_re "^ $LONG .* $6 *\$" "$what: the long code and the budget share whole on the organisation's screen"
	tui_keys 3
	tui_expect_re "^[ >] +[0-9./-]+ +$LONG " "$what: the long code whole in the deadlines"
	tui_keys 4
	tui_expect_re "^ $LONG +. " "$what: the long code whole on the timeline"
	tui_keys 1
	tui_expect_re "^>A-0001 " "$what: back on the list"
	tui_keys Enter
	tui_keys Tab Tab
	tui_expect_re "Perusrahoitus .*$5 +$5" "$what: the funding line's sums whole"
	tui_quit
}

for size in "100 30" "80 24"; do
	# shellcheck disable=SC2086
	walk C.UTF-8 en $size "2,286,000.50 €" "1,250,000.75 €" "1,234"
done
use_language fi
for size in "100 30" "80 24"; do
	# shellcheck disable=SC2086
	walk "$lang_locale" fi $size "2 286 000,50 €" "1 250 000,75 €" "1 234"
done
# How late a deadline is, whole beside the titles ("2998 päivää
# myöhässä" is wider than the column was).
tui_start 80 24 "LC_ALL=$lang_locale" "LANGUAGE=fi"
tui_expect "1 234/1 234" "the list in Finnish"
tui_keys 3
tui_expect_re "^>! 5\.9\.2015 +P-0003 .* 2998 päivää myöhässä *\$" "how late, whole in the deadlines"
tui_quit
use_language sv
for size in "100 30" "80 24"; do
	# shellcheck disable=SC2086
	walk "$lang_locale" sv $size "2 286 000,50 €" "1 250 000,75 €" "1 234"
done

# The report's money per funder: a funder's long name gives way to the
# sums (the first column of the table is no project's code).
run_salkku org set "Itä-Suomen osaamiskeskus" \
	"name=Itä-Suomen sosiaalialan osaamiskeskus ja sen kumppaniverkosto ry"
expect_rc 0 "a long name"
for lang in "C.UTF-8 en 2,286,000.50 €" "$lang_locale sv 2 286 000,50 €"; do
	# shellcheck disable=SC2086
	set -- $lang
	money="$3 $4 $5 $6"
	[ "$1" = C.UTF-8 ] && money="$3 $4"
	tui_start 80 24 "LC_ALL=$1" "LANGUAGE=$2"
	tui_expect "1" "$1: the list"
	tui_keys 5
	tui_expect_re "^  \[ 2022 +2023 +2024 \]" "$1: the report of 2023"
	tui_keys PgDn
	tui_expect_re "  2023 +1 +$money +$money *\$" "$1: the report's sums whole beside a long funder's name"
	tui_quit
done

# The import's counts, grouped: the portfolio again, through the
# terminal interface, into an empty database.
rm -f "$SALKKU_DB"
run_salkku init
expect_rc 0 "an empty database"
use_language fi
tui_start 100 30 "LC_ALL=$lang_locale" "LANGUAGE=fi"
tui_keys i
tui_type "$TEST_TMP/portfolio.json"
tui_keys Enter
tui_expect "Tuotu: 2 472 lisätty, 0 päivitetty, 0 poistettu" "the import's count of records (1,234 projects, as many roles, an organisation, a funding line, two deadlines) in Finnish, grouped"
tui_expect "1 234/1 234" "the imported list"
tui_quit

# A long code takes its width from the name, not from the dates: at 80
# columns the demo's "ISO-perustoiminta 2023" stands whole beside its
# end date and budget.
rm -f "$SALKKU_DB"
run_salkku init --demo
expect_rc 0 "the demo"
use_language fi
tui_start 80 24 "LC_ALL=$lang_locale" "LANGUAGE=fi"
tui_expect_re "^ Koodi ▲ +Nimi +Tila +Loppu +Budjetti *\$" "80 columns: the end date beside a long code"
tui_expect_re "^ ISO-perustoiminta 2023 ISOn perustoim.*… .* 31\.12\.2023 +453 087 € *\$" "80 columns: the long code, the name's start, the end and the budget"
tui_quit
finish
