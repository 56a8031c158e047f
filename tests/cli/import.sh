#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Import never loses a change: versions are compared, conflicts are
# refused unless a side is chosen, versions never go back, every change
# is logged with the importing user and the file; time stamps and
# integers from the file are checked; CSV codes are only codes.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS
me=$(id -un)

# db_sum: the database file's checksum, to show that nothing was written.
db_sum() {
	sha256sum <"$SALKKU_DB"
}

# version CODE: the project's version as export shows it.
version() {
	"$SALKKU" show "$1" --format json | sed -n 's/^ *"version": \([0-9]*\),*$/\1/p' | head -1
}

# name CODE: the project's name.
name() {
	"$SALKKU" show "$1" | sed -n 's/^Name  *//p'
}

run_salkku init --demo
expect_rc 0 "init --demo"
run_salkku export -o "$TEST_TMP/old.json"
expect_rc 0 "export old.json"
old_name=$(name LUMO)
lumo=$("$SALKKU" show LUMO --format json | sed -n 's/^ *"uuid": "\([^"]*\)",*$/\1/p' | head -1)
[ -n "$lumo" ] || fail "could not read LUMO's uuid"
run_salkku set LUMO name=Newer
expect_rc 0 "set LUMO name=Newer"
[ "$(version LUMO)" = 2 ] || fail "LUMO is at version $(version LUMO), not 2"

# An older export does not undo a newer edit: a conflict, field by field,
# exit 5, nothing written.
before=$(db_sum)
run_salkku import "$TEST_TMP/old.json"
expect_rc 5 "import of an older export over a newer edit"
expect_err "old\\.json: $lumo/LUMO: name: ours \"Newer\" theirs \"LUMO" "conflict: file: uuid/code: field: ours … theirs …"
expect_err 'nothing was imported' "conflict: says nothing was imported"
expect_err 'choose a side with --ours or --theirs' "conflict: names the way out"
[ "$(db_sum)" = "$before" ] || fail "a refused import changed the database"
[ "$(name LUMO)" = Newer ] || fail "a refused import changed LUMO's name: $(name LUMO)"

# --dry-run shows the same and writes nothing.
run_salkku import --dry-run "$TEST_TMP/old.json"
expect_rc 5 "import --dry-run with a conflict"
expect_out "old\\.json: $lumo/LUMO: name: ours \"Newer\"" "--dry-run: the conflicting field"
expect_out 'nothing written' "--dry-run: says so"
expect_out '^ +added +updated +unchanged +conflicts$' "--dry-run: the columns"
expect_out '^  projects +0 +0 +[1-9][0-9]* +1$' "--dry-run: counts the conflict"
[ "$(db_sum)" = "$before" ] || fail "--dry-run changed the database"

# --ours keeps the database's values.
run_salkku import --ours "$TEST_TMP/old.json"
expect_rc 0 "import --ours"
expect_out 'keeping the database' "--ours: says how it settled"
[ "$(name LUMO)" = Newer ] || fail "--ours changed LUMO's name: $(name LUMO)"
[ "$(version LUMO)" = 2 ] || fail "--ours changed LUMO's version: $(version LUMO)"

run_salkku import --ours --theirs "$TEST_TMP/old.json"
expect_rc 2 "--ours and --theirs together"

# --theirs takes the file's values at a version above both; the change
# is logged by the importing user, naming the file; an editor who read
# version 2 before the import is refused afterwards.
run_salkku import --theirs "$TEST_TMP/old.json"
expect_rc 0 "import --theirs"
expect_out 'taking the file' "--theirs: says how it settled"
[ "$(name LUMO)" = "$old_name" ] || fail "--theirs did not take the file's name: $(name LUMO)"
[ "$(version LUMO)" = 3 ] || fail "--theirs: version $(version LUMO), expected max(2, 1) + 1 = 3"
run_salkku log LUMO --format json
expect_out "\"who\": \"$me\"" "--theirs: the change names the importing user"
expect_out '"old": "Newer"' "--theirs: the change log holds the old value"
expect_out '"source": ".*old\.json"' "--theirs: the change log names the file"
run_salkku set LUMO --if-version 2 name=Stale
expect_rc 5 "a stale editor's save after the import"
[ "$(name LUMO)" = "$old_name" ] || fail "a stale save went through"

# The same file again: everything unchanged, nothing written.
before=$(db_sum)
run_salkku import "$TEST_TMP/old.json"
expect_rc 0 "import of the same file again"
expect_out '^  projects +0 +0 +[1-9][0-9]* +0$' "second import: all unchanged"
[ "$(db_sum)" = "$before" ] || fail "a second import of the same file wrote"

# A file at a later version updates without a conflict, to its version + 1.
sed "s/^\"$lumo\":{\"version\":1,/\"$lumo\":{\"version\":7,/; s/\"name\":\"LUMO –[^\"]*\"/\"name\":\"Later\"/" \
	"$TEST_TMP/old.json" >"$TEST_TMP/later.json"
run_salkku import "$TEST_TMP/later.json"
expect_rc 0 "import of a later version"
expect_out '^  projects +0 +1 +' "later version: counted as an update"
[ "$(name LUMO)" = Later ] || fail "later version: name $(name LUMO)"
[ "$(version LUMO)" = 8 ] || fail "later version: version $(version LUMO), expected 8"

# New records keep the history the file brings; one without history
# gets an insert entry by the importer, naming the file.
export SALKKU_DB="$TEST_TMP/fresh.db"
run_salkku init
run_salkku import "$TEST_TMP/old.json"
expect_rc 0 "import into an empty database"
run_salkku export -o "$TEST_TMP/fresh.json"
same_data "$TEST_TMP/old.json" "$TEST_TMP/fresh.json" ||
	fail "export → import → export is not identical"
sed '/^"changes":{/,$d' "$TEST_TMP/old.json" >"$TEST_TMP/nolog.json"
echo '"changes":{}}' >>"$TEST_TMP/nolog.json"
export SALKKU_DB="$TEST_TMP/nolog.db"
run_salkku init
run_salkku import "$TEST_TMP/nolog.json"
expect_rc 0 "import without a change log"
run_salkku log LUMO --format json
expect_out "\"who\": \"$me\"" "no history: insert entry by the importer"
expect_out '"source": ".*nolog\.json"' "no history: the entry names the file"
# Each record's entry names it as an edit would: its project, and a
# role by its organisation's short name (the title is taken when the
# record is added, not read back at the end).
expect_out '"title": "ISO: administrator"' "no history: a role's entry names its organisation"
expect_out '"title": "LUMO"' "no history: the project's own entry"
run_salkku log --format json
[ "$(grep -c '"project": null' "$TEST_TMP/out")" = \
  "$(grep -c '"entity": "organisation"' "$TEST_TMP/out")" ] ||
	fail "no history: an entry of a project's record without its project"
# The entries come project by project (the organisations' first): a
# project's own and its records' one after another.
SQL="$top_builddir/tests/sql-exec"
if [ -x "$SQL" ]; then
	runs=$("$SQL" "$SALKKU_DB" "SELECT count(*) FROM (SELECT project_uuid,
		lag(project_uuid, 1, 'none') OVER (ORDER BY id) AS prev
		FROM change_log WHERE source LIKE '%nolog.json')
		WHERE project_uuid IS NOT prev") || exit 99
	groups=$("$SQL" "$SALKKU_DB" "SELECT count(DISTINCT coalesce(project_uuid, ''))
		FROM change_log WHERE source LIKE '%nolog.json'") || exit 99
	[ "$groups" -gt 2 ] && [ "$runs" = "$groups" ] ||
		fail "no history: the entries are not project by project ($runs runs of $groups projects)"
fi

# content: every record and the change log, as export reads them.
content() {
	"$SALKKU" export | sha256sum
}

# Time stamps: ISO 8601 UTC, not in the future beyond a day.  These and
# the bounds below are found while the records are written, which an
# import commits in slices of 200 ms: one that got that far (on a slow
# machine, or under AddressSanitizer) rolls its slices back, and leaves
# the content as it was but not the file's bytes.  Each runs in slices
# of one record, so that the rollback is what is tested, every time.
export SALKKU_DB="$TEST_TMP/stamps.db"
export SALKKU_IMPORT_SLICE=1
run_salkku init
before=$(content)
change=$(sed -n '/^"changes":{/{n;p;}' "$TEST_TMP/old.json" | cut -d'"' -f2)
for at in 2099-01-01T00:00:00Z x 2023-02-30T10:00:00Z 2023-11-20T25:00:00Z \
	  "2023-11-20 09:00:00" 2023-11-22T09:00:01Z; do
	sed "s/^\\(\"$change\":{\"at\":\"\\)[^\"]*/\\1$at/" "$TEST_TMP/old.json" \
		>"$TEST_TMP/stamp.json"
	run_salkku import "$TEST_TMP/stamp.json"
	expect_rc 4 "change dated '$at'"
	expect_err "stamp\\.json: .*\\\$\\.changes\\.$change\\.at" "change dated '$at': names the path"
	[ "$(content)" = "$before" ] || fail "change dated '$at' was written"
done
sed "s/^\\(\"$lumo\":{\"version\":1,\"updated_at\":\"\\)[^\"]*/\\12099-12-31T00:00:00Z/" \
	"$TEST_TMP/old.json" >"$TEST_TMP/stamp.json"
run_salkku import "$TEST_TMP/stamp.json"
expect_rc 4 "a record updated in 2099"
expect_err "\\\$\\.projects\\.$lumo\\.updated_at" "updated_at in 2099: names the path"
expect_err 'future' "updated_at in 2099: says why"
# Within a day ahead (another machine's clock) is fine.
sed "s/^\\(\"$change\":{\"at\":\"\\)[^\"]*/\\12023-11-21T08:00:00Z/" "$TEST_TMP/old.json" \
	>"$TEST_TMP/stamp.json"
run_salkku import --dry-run "$TEST_TMP/stamp.json"
expect_rc 0 "a change a few hours ahead"

# Integers from outside are bounded to 2^53 - 1.
for v in 9223372036854775807 99999999999999999999 9007199254740992; do
	sed "s/^\"$lumo\":{\"version\":1,/\"$lumo\":{\"version\":$v,/" \
		"$TEST_TMP/old.json" >"$TEST_TMP/big.json"
	run_salkku import "$TEST_TMP/big.json"
	expect_rc 4 "version $v"
	expect_err "\\\$\\.projects\\.$lumo\\.version" "version $v: names the path"
	[ "$v" = 99999999999999999999 ] ||
		expect_err '9007199254740991' "version $v: names the bound"
	[ "$(content)" = "$before" ] || fail "version $v was written"
done
sed "s/^\"$lumo\":{\"version\":1,/\"$lumo\":{\"version\":9007199254740991,/" \
	"$TEST_TMP/old.json" >"$TEST_TMP/big.json"
run_salkku import --dry-run "$TEST_TMP/big.json"
expect_rc 0 "version 2^53 - 1 is taken"
unset SALKKU_IMPORT_SLICE
sed "s/\"format_version\":2/\"format_version\":9223372036854775807/" \
	"$TEST_TMP/old.json" >"$TEST_TMP/big.json"
run_salkku import "$TEST_TMP/big.json"
expect_rc 4 "format_version 2^63 - 1"
expect_err '\$\.format_version' "format_version: names the path"

# The same import under a Finnish locale: the same result.
export SALKKU_DB="$TEST_TMP/fi.db"
run_salkku init
LC_ALL=fi_FI.UTF-8 run_salkku import "$TEST_TMP/old.json"
expect_rc 0 "import under fi_FI"
LC_ALL=fi_FI.UTF-8 run_salkku import "$TEST_TMP/old.json"
expect_rc 0 "second import under fi_FI"
expect_out '^  projects +0 +0 +[1-9][0-9]* +0$' "fi_FI: the second import changes nothing"

# CSV: codes that differ only in non-ASCII case are one project, as the
# database's unique index holds them: the second row is refused.
export SALKKU_DB="$TEST_TMP/csv.db"
run_salkku init
printf 'code,name\r\nÄLY,Ensimmäinen\r\näly,Toinen\r\n' >"$TEST_TMP/case.csv"
before=$(db_sum)
run_salkku import "$TEST_TMP/case.csv"
expect_rc 4 "CSV codes ÄLY and äly"
expect_err 'case\.csv:3: code: "äly" is also on line 2' "ÄLY/äly: file:line and the first line"
[ "$(db_sum)" = "$before" ] || fail "ÄLY/äly: the refused import wrote"

# A CSV code that equals another project's uuid is a new code, never
# that project.
run_salkku add ORIG "Alkuperäinen" description="Säilyy"
uuid=$("$SALKKU" show ORIG --format json | sed -n 's/^ *"uuid": "\([^"]*\)",*$/\1/p' | head -1)
printf 'code,name\r\n%s,Kaappaaja\r\n' "$uuid" >"$TEST_TMP/uuid.csv"
run_salkku import "$TEST_TMP/uuid.csv"
expect_rc 0 "CSV code that is a uuid"
expect_out '^  projects +1 +0 +0 +0$' "uuid as code: added, not updated"
[ "$(name ORIG)" = "Alkuperäinen" ] || fail "a CSV code renamed the project whose uuid it was: $(name ORIG)"
run_salkku show ORIG
expect_out 'Säilyy' "a CSV code cleared the project whose uuid it was"

# CSV changes are logged naming the file.
run_salkku log ORIG --format json
run_salkku log --format json
expect_out '"source": ".*uuid\.csv"' "CSV import: the change log names the file"

finish
