#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The number and text part of the bad-input matrix.  Every number field
# (budget, person-years, a funding line's money, an outcome's value,
# --if-version, dates) is given an overflow, a value past the bound,
# too many decimals, an ambiguous thousands separator and garbage, in C
# and under fi_FI.UTF-8; every text field (name, description, note) is
# given control characters, bidi controls, invalid UTF-8, a NUL and
# 128 KB.  Refused input gets a message naming the field, its own exit
# status and leaves the database file byte for byte as it was; accepted
# input reads back exactly.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS

run_salkku init --demo
expect_rc 0 "init --demo"

# state: the database file and its WAL, byte for byte.
state() {
	cat "$SALKKU_DB" "$SALKKU_DB-wal" 2>/dev/null | sha256sum
}

# fi_label FIELD: the Finnish label a message names FIELD by when the
# catalogue is installed.
fi_label() {
	case $1 in
	budget) echo Budjetti ;; budget_share) echo Budjettiosuus ;;
	applied) echo Haettu ;; granted) echo Myönnetty ;;
	date) echo Päivämäärä ;; due) echo Eräpäivä ;; value) echo Arvo ;;
	planned_start) echo "Suunniteltu alku" ;; person_years) echo Henkilötyövuodet ;;
	*) echo "$1" ;;
	esac
}

# refused RC FIELD ARGS...: salkku ARGS exits with RC, names FIELD (by
# its key, or its label in Finnish) on stderr, writes nothing to the
# database.
refused() {
	_rc=$1 _field=$2
	shift 2
	_before=$(state)
	run_salkku "$@"
	expect_rc "$_rc" "$* ($LC_ALL)"
	expect_err "$_field|$(fi_label "$_field")" "$* ($LC_ALL): names $_field"
	[ "$(state)" = "$_before" ] || fail "$* ($LC_ALL): the database changed"
}

# field CODE NAME: the value of a field of project CODE in `show`.
field() {
	"$SALKKU" show "$1" | sed -n "s/^$2  *//p"
}

# json_field CODE NAME: the field as show --format json writes it.
json_field() {
	"$SALKKU" show "$1" --format json |
		sed -n "s/^    \"$2\": \(.*\)\$/\1/p" | head -1 | sed 's/,$//'
}

# ---- numbers ----------------------------------------------------------
for loc in C.UTF-8 fi_FI.UTF-8; do
	# Numbers in the locale's form, messages in English whether or not
	# another test has installed the Finnish catalogue.
	export LC_ALL=$loc LANGUAGE=en
	for f in budget person_years; do
		refused 4 "$f" set LUMO "$f=99999999999999999999999"   # overflow
		refused 4 "$f" set LUMO "$f=10000000000000"            # past the bound
		refused 4 "$f" set LUMO "$f=1,5555"                    # decimals
		refused 4 "$f" set LUMO "$f=1.5555"
		refused 4 "$f" set LUMO "$f=1,500"                     # ambiguous
		refused 4 "$f" set LUMO "$f=1.500"
		refused 4 "$f" set LUMO "$f=8.8.8"                     # garbage
		refused 4 "$f" set LUMO "$f=12abc"
		refused 4 "$f" set LUMO "$f=-5"
		refused 4 "$f" set LUMO "$f=Infinity"
		refused 4 "$f" set LUMO "$f=1e5"
	done
	# The wording is checked in English; under fi_FI it is translated
	# (tests/cli/finnish.sh looks at the language).
	if [ "$loc" = C.UTF-8 ]; then
		expect_err 'is too large|not a number' "overflow: a clear message"
		refused 4 'budget: 1,500 is ambiguous' set LUMO budget=1,500
		refused 4 'budget: 1,5555 has more than two decimals' set LUMO budget=1,5555
		refused 4 'budget: is too large \(at most 9.999.999.999.999.99' \
			set LUMO budget=10000000000000
	fi
	refused 4 granted funding add LUMO STM granted=92233720368547757
	refused 4 applied funding add LUMO STM applied=1,500
	refused 4 budget_share role add LUMO STM funder --share 1.500
	refused 4 value outcome add LUMO "koulutetut" 1,125
	refused 4 value outcome add LUMO "koulutetut" 10000000000000
	# --if-version: a whole number in range, or a usage error.
	refused 2 --if-version set LUMO --if-version 99999999999999999999 name=x
	refused 2 --if-version set LUMO --if-version 1,5 name=x
	refused 2 --if-version set LUMO --if-version -1 name=x
	refused 2 --if-version set LUMO --if-version abc name=x
	# Dates.
	refused 4 planned_start set LUMO planned_start=2024-13-01
	refused 4 planned_start set LUMO planned_start=31.2.2024
	refused 4 planned_start set LUMO planned_start=99999-01-01
	refused 4 planned_start set LUMO planned_start=1.1.2024x
	refused 4 planned_start set LUMO planned_start=2024-01-01T00:00
	refused 4 date note add LUMO text --date 2024-02-30
	refused 4 due deadline add LUMO 32.1.2024 title

	# Accepted forms read back exactly, whatever the locale.
	run_salkku set LUMO "budget=1 500,50 €" person_years=8.80
	expect_rc 0 "budget with spaces and a decimal comma ($loc)"
	[ "$(json_field LUMO budget)" = 150050 ] || fail "1 500,50 € ($loc): $(json_field LUMO budget)"
	[ "$(json_field LUMO person_years)" = 8.80 ] || fail "8.80 ($loc): $(json_field LUMO person_years)"
	run_salkku set LUMO "budget=2$(printf '\302\240')500$(printf '\302\240')000" person_years=9,5
	expect_rc 0 "budget grouped with no-break spaces ($loc)"
	[ "$(json_field LUMO budget)" = 250000000 ] || fail "NBSP ($loc): $(json_field LUMO budget)"
	[ "$(json_field LUMO person_years)" = 9.50 ] || fail "9,5 ($loc): $(json_field LUMO person_years)"
	run_salkku set LUMO "budget=1$(printf '\342\200\257')250,5" person_years=0.75
	expect_rc 0 "budget grouped with narrow no-break spaces ($loc)"
	[ "$(json_field LUMO budget)" = 125050 ] || fail "NNBSP ($loc): $(json_field LUMO budget)"
	run_salkku set LUMO budget=1,250,000.50
	expect_rc 0 "English grouping with a point ($loc)"
	[ "$(json_field LUMO budget)" = 125000050 ] || fail "1,250,000.50 ($loc): $(json_field LUMO budget)"
	run_salkku set LUMO "budget=9 999 999 999 999,99"
	expect_rc 0 "the largest amount ($loc)"
	[ "$(json_field LUMO budget)" = 999999999999999 ] || fail "max ($loc): $(json_field LUMO budget)"
	run_salkku set LUMO planned_start=1.1.2020
	expect_rc 0 "a Finnish date ($loc)"
	[ "$(json_field LUMO planned_start)" = '"2020-01-01"' ] ||
		fail "1.1.2020 ($loc): $(json_field LUMO planned_start)"
done
export LC_ALL=C.UTF-8

# Two funding lines at the largest amount: the totals stay right.
run_salkku funding add Varikko STM granted=9999999999999.99
expect_rc 0 "a funding line at the largest amount"
run_salkku funding add Varikko STM granted=9999999999999.99
expect_rc 0 "another"
run_salkku org show STM --format json
expect_out '"amount": 1999999999999998' "org show: the project's two lines added up"

# ---- text -------------------------------------------------------------
esc=$(printf '\033')
bel=$(printf '\007')
cr=$(printf '\r')
csi=$(printf '\302\233')
rlo=$(printf '\342\200\256')
fsi=$(printf '\342\201\250')

# Accepted: controls and bidi are stored as they are and come out
# exactly into a file, escaped in JSON and shown safely in tables.
run_salkku set LUMO "name=N${esc}[2J${bel}${csi}X${rlo}txt${fsi}" \
	"description=D${esc}]0;t${bel}${cr}${rlo}"
expect_rc 0 "name and description with controls and bidi"
[ "$(json_field LUMO name)" = '"N\u001b[2J\u0007\u009bX\u202etxt\u2068"' ] ||
	fail "name read back: $(json_field LUMO name)"
[ "$(json_field LUMO description)" = '"D\u001b]0;t\u0007\u000d\u202e"' ] &&
	: || [ "$(json_field LUMO description)" = '"D\u001b]0;t\u0007\r\u202e"' ] ||
	fail "description read back: $(json_field LUMO description)"
run_salkku show LUMO
expect_out '^Name +N\^\[\[2J\^G<U\+009B>X<U\+202E>txt<U\+2068>$' "show: the name safely"
printf '%s\n' "$out" | LC_ALL=C grep -q "$esc\|$bel\|$csi\|$rlo" &&
	fail "show wrote a control character raw"
run_salkku note add LUMO "M${esc}[31m${rlo}"
expect_rc 0 "a note with controls"
"$SALKKU" export --format csv >"$TEST_TMP/out.csv"
grep -q "N${esc}\[2J${bel}${csi}X${rlo}txt${fsi}" "$TEST_TMP/out.csv" ||
	fail "csv export into a file is not exact"

# Refused: invalid UTF-8, a newline in a one-line field, a NUL.
for f in name description; do
	refused 4 "$f: the text is not valid UTF-8" set LUMO "$f=a$(printf '\377')b"
	refused 4 "$f: the text is not valid UTF-8" set LUMO "$f=a$(printf '\300\200')b"
	refused 4 "$f: the text is not valid UTF-8" set LUMO "$f=a$(printf '\355\240\200')b"
done
refused 4 "body: the text is not valid UTF-8" note add LUMO "$(printf 'x\377')"
refused 4 "name: must be a single line" set LUMO "name=two
lines"
before=$(state)
printf 'alku\000loppu' | "$SALKKU" note add LUMO - >"$TEST_TMP/out" 2>"$TEST_TMP/err"
rc=$?
err=$(cat "$TEST_TMP/err")
expect_rc 4 "a NUL on standard input"
expect_err '^salkku: body: standard input holds a NUL byte \(at byte 5\)' "the NUL: named"
[ "$(state)" = "$before" ] || fail "a note with a NUL changed the database"
printf '\377\376' | "$SALKKU" note add LUMO - 2>"$TEST_TMP/err"
rc=$?
err=$(cat "$TEST_TMP/err")
expect_rc 4 "invalid UTF-8 on standard input"
expect_err 'body: the text is not valid UTF-8' "invalid UTF-8 on stdin: named"

# 128 KB: a note from standard input, a name and a description as big
# as one argument may be, all read back whole.
big_text() {
	# $1 bytes of "äbc…" text: two-byte and one-byte characters.
	awk -v n="$1" 'BEGIN { s = ""; while (length(s) < n / 4) s = s "äbc"; printf "%s", s }'
}
head -c 131072 /dev/zero | tr '\0' 'x' >"$TEST_TMP/big.txt"
"$SALKKU" note add LUMO - <"$TEST_TMP/big.txt" >/dev/null 2>"$TEST_TMP/err" ||
	fail "a 128 KB note: $(cat "$TEST_TMP/err")"
"$SALKKU" export >"$TEST_TMP/big.json"
# (The note is as long as an argument may be: counted, not grepped for.)
[ "$(grep -o '"body":"x*"' "$TEST_TMP/big.json" | wc -c)" -eq $((131072 + 10)) ] ||
	fail "the 128 KB note was not stored whole"
big=$(big_text 120000)
run_salkku set LUMO "name=$big" "description=$big"
expect_rc 0 "a name and description of 120 KB"
"$SALKKU" export >"$TEST_TMP/big.json"
[ "$(grep -c "\"name\":\"$big\"" "$TEST_TMP/big.json")" -eq 1 ] ||
	fail "the 120 KB name was not stored whole"
[ "$(grep -c "\"description\":\"$big\"" "$TEST_TMP/big.json")" -eq 1 ] ||
	fail "the 120 KB description was not stored whole"

# ---- searching --------------------------------------------------------
refused 2 "--text: '\"' has no word to search for" list --text '"'
refused 2 "has no word to search for" list --text "$(printf '\377\376')"
refused 2 "has no word to search for" list '!?'
run_salkku list --text 'Varikko!'
expect_rc 0 "a word with punctuation"
expect_out '^Varikko ' "finds the project"

# ---- the whole round trip under fi_FI -----------------------------------
# Importing under a Finnish locale read 8.80 person-years as 8.
export SALKKU_DB="$TEST_TMP/demo.db"
run_salkku init --demo
"$SALKKU" export -o "$TEST_TMP/a.json" || fail "export the demo"
grep -q '"person_years":8.80' "$TEST_TMP/a.json" || fail "the demo has no 8.80 person-years"
export SALKKU_DB="$TEST_TMP/fi.db"
run_salkku init
LC_ALL=fi_FI.UTF-8 "$SALKKU" import "$TEST_TMP/a.json" >/dev/null ||
	fail "import under fi_FI"
LC_ALL=fi_FI.UTF-8 "$SALKKU" export -o "$TEST_TMP/b.json" || fail "export under fi_FI"
same_data "$TEST_TMP/a.json" "$TEST_TMP/b.json" ||
	fail "export → import → export under fi_FI differs: $(diff "$TEST_TMP/a.json" "$TEST_TMP/b.json" | grep -o '"person_years":[0-9.]*' | head -4)"
LC_ALL=fi_FI.UTF-8 "$SALKKU" export --format csv >"$TEST_TMP/fi.csv"
grep -q ',8.80,' "$TEST_TMP/fi.csv" || fail "CSV under fi_FI: no 8.80"
# Read back over the same data: a figure read wrongly would change it.
LC_ALL=fi_FI.UTF-8 "$SALKKU" import "$TEST_TMP/fi.csv" >/dev/null 2>"$TEST_TMP/err" ||
	fail "CSV import under fi_FI: $(cat "$TEST_TMP/err")"
LC_ALL=fi_FI.UTF-8 "$SALKKU" export --format csv >"$TEST_TMP/fi2.csv"
cmp -s "$TEST_TMP/fi.csv" "$TEST_TMP/fi2.csv" ||
	fail "CSV export → import → export under fi_FI differs"
finish
