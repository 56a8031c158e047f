#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The whole database: export/import round trips, --dry-run, bad CSV and
# JSON input, the change log and check.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS
me=$(id -un)

# changes: how many entries the change log holds.
changes() {
	"$SALKKU" log --format json 2>/dev/null | grep -c '"record_uuid"'
}

run_salkku init --demo
expect_rc 0 "init --demo"
expect_out '^Loaded the demo portfolio into .*: [1-9][0-9]* projects\.$' "init --demo: message"
run_salkku init --demo
expect_rc 4 "init --demo twice"

# JSON round trip: export, import into a new database, export again.
run_salkku export -o "$TEST_TMP/a.json"
expect_rc 0 "export -o"
[ -s "$TEST_TMP/a.json" ] || fail "export -o wrote nothing"
"$SALKKU" export >"$TEST_TMP/stdout.json" || fail "export to stdout"
cmp -s "$TEST_TMP/a.json" "$TEST_TMP/stdout.json" || fail "export -o and stdout differ"
ls "$TEST_TMP" | grep -q 'a\.json\.' && fail "export left a temporary file"

export SALKKU_DB="$TEST_TMP/b.db"
run_salkku init
run_salkku import "$TEST_TMP/a.json"
expect_rc 0 "import json"
expect_out '^Imported:' "import: message"
expect_out '^  projects +[1-9]' "import: counts projects"
expect_out '^  organisations +[1-9]' "import: counts organisations"
run_salkku export -o "$TEST_TMP/b.json"
same_data "$TEST_TMP/a.json" "$TEST_TMP/b.json" ||
	fail "export → import → export is not identical: $(diff "$TEST_TMP/a.json" "$TEST_TMP/b.json" | head -20)"

before=$(changes)
run_salkku import "$TEST_TMP/a.json"
expect_rc 0 "import the same file again"
[ "$(changes)" -eq "$before" ] || fail "importing again wrote to the change log"
run_salkku export -o "$TEST_TMP/c.json"
same_data "$TEST_TMP/a.json" "$TEST_TMP/c.json" || fail "importing again changed the data"

# --dry-run writes nothing.
export SALKKU_DB="$TEST_TMP/dry.db"
run_salkku init
run_salkku import --dry-run "$TEST_TMP/a.json"
expect_rc 0 "import --dry-run"
expect_out 'nothing written' "--dry-run: says so"
expect_out '^  projects +[1-9]' "--dry-run: counts"
run_salkku list
expect_out '^No projects' "--dry-run wrote projects"
[ "$(changes)" -eq 0 ] || fail "--dry-run wrote to the change log"

run_salkku import "$TEST_TMP/missing.json"
[ "$rc" -ne 0 ] || fail "import of a missing file succeeded"
expect_err 'missing\.json' "import of a missing file: names it"
run_salkku import
expect_rc 2 "import without a file"
run_salkku import "$TEST_TMP/a.json" --format xml
expect_rc 2 "import --format xml"

# A duplicate key in JSON is refused, naming the path; nothing written.
sed '0,/"code": *"\([^"]*\)"/s//"code":"\1","code":"X\1"/' "$TEST_TMP/a.json" \
	>"$TEST_TMP/dup.json"
cmp -s "$TEST_TMP/a.json" "$TEST_TMP/dup.json" && fail "could not make dup.json"
export SALKKU_DB="$TEST_TMP/dup.db"
run_salkku init
run_salkku import "$TEST_TMP/dup.json"
expect_rc 4 "json with a duplicate key"
expect_err '\$\.projects.*code|code.*\$\.projects' "duplicate key: names the path"
run_salkku list
expect_out '^No projects' "a refused json import wrote projects"

# CSV: export, import, and a bad row reported as file:line: field.
# CSV holds projects only; the organisations they name must exist.
add_orgs() {
	run_salkku org add "Itä-Suomen sosiaalialan osaamiskeskus" short_name=ISO kind=competence_centre
	expect_rc 0 "org add ISO in $SALKKU_DB"
}
export SALKKU_DB="$TEST_TMP/csvsrc.db"
run_salkku init
add_orgs
run_salkku add LUMO "Lastensuojelun uudistaminen, monialaisesti" planned_start=1.1.2020 \
	planned_end=31.12.2022 budget="980 000" description="Kaksi
riviä" --status reporting
run_salkku role add LUMO ISO administrator
run_salkku add OT "=HYPERLINK(\"http://x\")" planned_start=1.1.2022 --status active
run_salkku export --format csv -o "$TEST_TMP/p.csv"
expect_rc 0 "export csv"
head -1 "$TEST_TMP/p.csv" | grep -q '^code,' || fail "csv export has no header"
grep -q "^OT,\"'=HYPERLINK" "$TEST_TMP/p.csv" || fail "csv export did not neutralise a formula"
run_salkku list --format csv
src_list=$(printf '%s\n' "$out" | tr -d '\r' | cut -d, -f1-8)

export SALKKU_DB="$TEST_TMP/csv.db"
run_salkku init
add_orgs
run_salkku import "$TEST_TMP/p.csv"
expect_rc 0 "import csv"
expect_out '^  projects +2 +0 +0 +0$' "import csv: counts"
run_salkku list --format csv
[ "$(printf '%s\n' "$out" | tr -d '\r' | cut -d, -f1-8)" = "$src_list" ] ||
	fail "csv import did not bring the same projects: $out"
run_salkku show LUMO
expect_out '^ +riviä$' "csv import kept a multi-line description"

# LUMO's record starts on the line that begins with its code; its
# description runs over two lines.
sed 's/,2022-12-31,/,2022-02-31,/' "$TEST_TMP/p.csv" >"$TEST_TMP/bad.csv"
cmp -s "$TEST_TMP/p.csv" "$TEST_TMP/bad.csv" && fail "could not make bad.csv"
line=$(grep -n '^LUMO,' "$TEST_TMP/bad.csv" | cut -d: -f1)
export SALKKU_DB="$TEST_TMP/badcsv.db"
run_salkku init
add_orgs
run_salkku import "$TEST_TMP/bad.csv"
expect_rc 4 "csv with an invalid date"
expect_err "bad\\.csv:$line: planned_end" "bad csv row: file:line: field"
run_salkku list
expect_out '^No projects' "a refused csv import wrote projects"

run_salkku export --format xml
expect_rc 2 "export --format xml"
run_salkku export -o "$TEST_TMP/no/such/dir/x.json"
expect_rc 1 "export into a missing directory"
expect_err 'x\.json' "export into a missing directory: names the file"

# The change log: who, which field, old → new.
export SALKKU_DB="$TEST_TMP/log.db"
run_salkku init
run_salkku log
expect_rc 0 "log of an empty database"
expect_out '^No changes' "log: nothing yet"
run_salkku add P1 "Loki" budget=1000
run_salkku set P1 budget=2000 planned_end=31.12.2024
export COLUMNS=200
run_salkku log P1
expect_rc 0 "log"
expect_out '^When +Who +Record +Field +Change$' "log: header"
expect_out "^2023-11-20 09:00 +$me +project P1 +budget +1,000 € → 2,000 €\$" "log: money old → new"
expect_out "^2023-11-20 09:00 +$me +project P1 +planned_end +\(none\) → 2024-12-31\$" "log: a date set"
expect_out "$me +project P1 +created" "log: the insert"
unset COLUMNS
run_salkku log --limit 1
expect_rc 0 "log --limit"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ] || fail "log --limit 1: $out"
run_salkku log P1 --format json
expect_out "\"who\": \"$me\"" "log json: who"
expect_out '"field": "budget"' "log json: field"
expect_out '"old": "100000"' "log json: old value in storage form"
expect_out '"new": "200000"' "log json: new value"
run_salkku log NOPE
expect_rc 3 "log of a missing project"
run_salkku log --limit many
expect_rc 2 "log --limit that is not a number"
run_salkku log --format csv
expect_rc 2 "log --format csv"

# check
run_salkku check
expect_rc 0 "check"
expect_out '^ok$' "check: ok"
run_salkku check extra
expect_rc 2 "check with an argument"

# A damaged page: check lists the problems and exits 6.
export SALKKU_DB="$TEST_TMP/damaged.db"
run_salkku init --demo
expect_rc 0 "init --demo for the damage test"
set -- $(od -An -tu1 -j16 -N2 "$SALKKU_DB")
pagesize=$(($1 * 256 + $2))
[ "$pagesize" -eq 1 ] && pagesize=65536
printf '\377\377\377\377\377\377\377\377' |
	dd of="$SALKKU_DB" bs=1 seek=$((9 * pagesize)) conv=notrunc 2>/dev/null
run_salkku check
expect_rc 6 "check of a damaged database"
[ -n "$out" ] || fail "check of a damaged database printed no problems"
expect_err 'problems found' "check of a damaged database: summary"

finish
