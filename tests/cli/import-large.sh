#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# import-large.sh — import streams the document: a generated dump of
# thousands of projects goes in within a memory bound that reading it
# whole (and parsing it whole with SQLite's JSON functions) exceeded
# several times over; a bad record or a syntax error at its very end
# leaves the database as it was, naming the file, the JSON path and the
# line; and the exports stream too.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || exit 77
[ -x /usr/bin/time ] || exit 77
# The generated records were written up to 2025.
export SALKKU_NOW=2030-01-01T00:00:00Z

N=3000
# Peak resident memory allowed, in KB: the whole-document import took
# about 120 MB on this dump (19 MB); streaming it takes about 25 MB.
BOUND=64000
EXPORT_BOUND=24000
# A build with AddressSanitizer takes several times the memory: the
# bounds do not apply to it.
if grep -qa __asan_init "$SALKKU"; then
	BOUND=999999999
	EXPORT_BOUND=999999999
fi
dump=$TEST_TMP/dump.json
python3 "$top_srcdir/tests/bench/generate" "$N" >"$dump" ||
	{ echo "cannot generate the dump" >&2; exit 99; }
"$SALKKU" init >/dev/null || exit 99

# peak_kb ARGS...: salkku's peak resident set in KB; $rc its status.
peak_kb() {
	/usr/bin/time -f %M -o "$TEST_TMP/rss" "$SALKKU" "$@" \
		>"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	err=$(cat "$TEST_TMP/err")
	kb=$(tail -n 1 "$TEST_TMP/rss")
}

# projects: how many projects the database holds (a generated code
# begins every project's row of the CSV).
projects() {
	"$SALKKU" export --format csv | grep -c '^[^,"]*-[0-9][0-9]*,'
}

# A bad change-log entry after every record: the records are written by
# then, and must all go again.
bad=$TEST_TMP/bad.json
u=0b2a0c1b-4e65-4991-9e18-000000000bad
head -n -1 "$dump" >"$bad"
printf ',\n"%s":{"at":"2017-02-17T17:35:11Z","who":"x","action":"rename","entity":"project","record":"%s"}\n}}\n' \
	"$u" "$u" >>"$bad"
peak_kb import "$bad"
[ "$rc" -eq 4 ] || fail "a bad record at the end: exit status $rc, expected 4 ($err)"
printf '%s\n' "$err" | grep -qF "$bad: \$.changes.$u.action: must be insert, update or delete" ||
	fail "a bad record at the end: the message names the file and the path: $err"
[ "$(projects)" -eq 0 ] || fail "a bad record at the end: projects were left behind"

# A syntax error on the last line: found before anything is written.
cut=$TEST_TMP/cut.json
head -n -1 "$dump" >"$cut"
printf '}\n' >>"$cut"
lines=$(wc -l <"$cut")
peak_kb import "$cut"
[ "$rc" -eq 4 ] || fail "a syntax error at the end: exit status $rc, expected 4 ($err)"
printf '%s\n' "$err" | grep -qF "\$.changes: $cut: line $((lines + 1)): \",\" or \"}\" expected" ||
	fail "a syntax error at the end: the message names the file and the line: $err"
[ "$(projects)" -eq 0 ] || fail "a syntax error at the end: projects were left behind"

# A duplicate uuid far into a member is still refused as one.
dup=$TEST_TMP/dup.json
line=$(grep -n '^"projects":{' "$dump" | cut -d: -f1)
first=$(sed -n "$((line + 1))p" "$dump")
last=$((line + N))
sed -n "1,${last}p" "$dump" | sed "${last}s/\$/,/" >"$dup"
printf '%s\n' "$first" | sed 's/,$//' >>"$dup"
sed -n "$((last + 1)),\$p" "$dump" >>"$dup"
run_salkku import "$dup"
expect_rc 4 "a duplicate project at the end of the member"
expect_err "line $((last + 1)): duplicate key \"$(printf '%s' "$first" | cut -c2-37)\"" \
	"the duplicate is named with its line"

# The whole dump, within the bound.
peak_kb import "$dump"
[ "$rc" -eq 0 ] || fail "import of $N projects: exit status $rc ($err)"
[ "$kb" -lt "$BOUND" ] || fail "import of $N projects took $kb KB (bound $BOUND KB)"
[ "$(projects)" -eq "$N" ] || fail "import of $N projects: $(projects) there"
# Its search words were made in slices after the records: every
# project's are there and up to date, none left for later, and the last
# project is found by its code.
run_salkku check
expect_rc 0 "check after the import of $N projects"
SQL="$top_builddir/tests/sql-exec"
if [ -x "$SQL" ]; then
	pending=$("$SQL" "$SALKKU_DB" "SELECT count(*) FROM words_pending")
	[ "$pending" = 0 ] || fail "import of $N projects: $pending left without search words"
fi
last=$(grep -o '"code":"[^"]*"' "$dump" | tail -n 1 | cut -d'"' -f4)
run_salkku list --text "$last" --format csv
expect_rc 0 "search for the last imported project"
expect_out "^$last," "the last imported project found by its code"

# The exports stream: they stay within a bound too (and give back the
# same projects).
peak_kb export --format csv
[ "$rc" -eq 0 ] || fail "export --format csv: exit status $rc ($err)"
[ "$kb" -lt "$EXPORT_BOUND" ] || fail "export --format csv took $kb KB"
[ "$(grep -c '^[^,"]*-[0-9][0-9]*,' "$TEST_TMP/out")" -eq "$N" ] ||
	fail "export --format csv: not every project"
cp "$TEST_TMP/out" "$TEST_TMP/all.csv"
peak_kb export --format json
[ "$rc" -eq 0 ] || fail "export --format json: exit status $rc ($err)"
[ "$kb" -lt "$EXPORT_BOUND" ] || fail "export --format json took $kb KB"

# The CSV export read back in chunks: every project unchanged; a row at
# the very end repeating the first row's code (in other case) is named
# with the line of the first.
run_salkku import "$TEST_TMP/all.csv" --dry-run
expect_rc 0 "the CSV export imported again"
# The counts are for people: grouped by thousands as the language
# writes them.
grouped=$(echo "$N" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|[^0-9]\)/\1,\2\3/' -e 'ta')
expect_out "projects +0 +0 +$grouped +0" "the CSV export imported again: all unchanged"
LC_ALL=fi_FI.UTF-8 run_salkku import "$TEST_TMP/all.csv" --dry-run
expect_rc 0 "the CSV export imported again under fi_FI"
expect_out " +0 +0 +$(echo "$grouped" | tr , ' ') +0\$" "fi_FI: the count grouped by thousands with a space"
code=$(sed -n 2p "$TEST_TMP/all.csv" | cut -d, -f1)
commas=$(head -n 1 "$TEST_TMP/all.csv" | tr -cd ,)
{ cat "$TEST_TMP/all.csv"
  printf '%s%s\r\n' "$(printf %s "$code" | tr '[:upper:]' '[:lower:]')" "$commas"
} >"$TEST_TMP/dup.csv"
run_salkku import "$TEST_TMP/dup.csv"
expect_rc 4 "a repeated code at the end of a CSV file"
expect_err "is also on line 2" "the repeated code names the first line"

finish
