#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# import-undo.sh — the undo journal of an import in slices, slice by
# slice (SALKKU_IMPORT_SLICE=1 commits every record on its own): an
# exchange that fails at its end (a conflict) is rolled back whole,
# tombstones, exchange bases, updates and deletions too, its restored
# records above every version handed out; and a rollback after a crash
# keeps what others changed meanwhile: an imported project they gave a
# note and one they renamed stay, the rest goes.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || exit 77
SQL="$top_builddir/tests/sql-exec"
[ -x "$SQL" ] || exit 77

# tables FILE: the exchange's own tables and meta, as rows.
tables() {
	"$SQL" "$1" "SELECT * FROM exchange_base ORDER BY 1, 2;
		SELECT * FROM tombstone ORDER BY 1;
		SELECT * FROM meta WHERE key NOT IN ('version_floor') ORDER BY 1;
		SELECT count(*) FROM change_log;
		SELECT count(*) FROM import_undo; SELECT count(*) FROM import_run"
}

# unversioned FILE: an export without the versions (a rollback gives
# what it puts back a new one).
unversioned() {
	grep -v '"version":' "$1"
}

# 1. An exchange with a conflict, rolled back slice by slice.
A=$TEST_TMP/a.db
B=$TEST_TMP/b.db
SALKKU_DB=$A "$SALKKU" init --demo >/dev/null || exit 99
SALKKU_DB=$A "$SALKKU" export >"$TEST_TMP/a1.json" || exit 99
SALKKU_DB=$B "$SALKKU" init >/dev/null || exit 99
SALKKU_DB=$B "$SALKKU" import "$TEST_TMP/a1.json" >/dev/null || exit 99
# There: a project deleted (tombstones), one changed, one changed on
# both sides (the conflict).
SALKKU_DB=$A "$SALKKU" rm LUMO --yes >/dev/null || exit 99
SALKKU_DB=$A "$SALKKU" set "ISO-perustoiminta 2023" budget=111 >/dev/null || exit 99
SALKKU_DB=$A "$SALKKU" set "ISO-perustoiminta 2024" budget=222 >/dev/null || exit 99
SALKKU_DB=$B "$SALKKU" set "ISO-perustoiminta 2024" budget=333 >/dev/null || exit 99
SALKKU_DB=$A "$SALKKU" export >"$TEST_TMP/a2.json" || exit 99
SALKKU_DB=$B "$SALKKU" export >"$TEST_TMP/b-before.json" || exit 99
tables "$B" >"$TEST_TMP/b-before.rows" || exit 99
SALKKU_DB=$B run_salkku show "ISO-perustoiminta 2023" --format json
v2023=$(printf '%s\n' "$out" | sed -n 's/^    "version": \([0-9]*\),$/\1/p' | head -n 1)

SALKKU_DB=$B SALKKU_IMPORT_SLICE=1 run_salkku import "$TEST_TMP/a2.json"
expect_rc 5 "the exchange with a conflict"
expect_err "records in conflict: 1 " "the conflict is named"
SALKKU_DB=$B "$SALKKU" export >"$TEST_TMP/b-after.json" || exit 99
unversioned "$TEST_TMP/b-before.json" >"$TEST_TMP/b-before.nv"
unversioned "$TEST_TMP/b-after.json" >"$TEST_TMP/b-after.nv"
cmp -s "$TEST_TMP/b-before.nv" "$TEST_TMP/b-after.nv" ||
	fail "the rolled-back exchange left changes: $(diff "$TEST_TMP/b-before.nv" "$TEST_TMP/b-after.nv" | head -5)"
tables "$B" >"$TEST_TMP/b-after.rows" || exit 99
cmp -s "$TEST_TMP/b-before.rows" "$TEST_TMP/b-after.rows" ||
	fail "bases, tombstones, meta or the change log differ: $(diff "$TEST_TMP/b-before.rows" "$TEST_TMP/b-after.rows" | head -5)"
SALKKU_DB=$B run_salkku show LUMO
expect_rc 0 "the project deleted by the exchange is back"
SALKKU_DB=$B run_salkku set "ISO-perustoiminta 2023" budget=5 --if-version "$v2023"
expect_rc 5 "a restored record is at a version never handed out before"
SALKKU_DB=$B run_salkku check
expect_rc 0 "check after the rolled-back exchange"
SALKKU_DB=$B run_salkku import "$TEST_TMP/a2.json" --ours
expect_rc 0 "the same exchange, a side chosen, goes through after the rollback"

# 2. A crash, and what others did meanwhile.
export SALKKU_NOW=2030-01-01T00:00:00Z
C=$TEST_TMP/c.db
python3 "$top_srcdir/tests/bench/generate" 40 >"$TEST_TMP/g.json" || exit 99
SALKKU_DB=$C "$SALKKU" init >/dev/null || exit 99
SALKKU_DB=$C SALKKU_IMPORT_SLICE=1 "$SALKKU" import "$TEST_TMP/g.json" \
	>/dev/null 2>&1 &
importer=$!
n=0
until [ "$("$SQL" "$C" "SELECT count(*) FROM note" 2>/dev/null || echo 0)" -gt 0 ] ||
      [ $n -ge 400 ]; do
	sleep 0.02
	n=$((n + 1))
done
kill -KILL "$importer"
wait "$importer" 2>/dev/null
[ "$("$SQL" "$C" "SELECT count(*) FROM project")" -eq 40 ] ||
	fail "the importer was not killed after the projects were written"
# Another program (a salkku would roll the import back first): a note
# on one imported project, another one renamed.
first=$("$SQL" "$C" "SELECT code FROM project ORDER BY id LIMIT 1")
second=$("$SQL" "$C" "SELECT code FROM project ORDER BY id LIMIT 1 OFFSET 1")
"$SQL" "$C" "INSERT INTO note (uuid, version, updated_at, updated_by,
		project, date, body) SELECT
		'11111111-2222-4333-8444-555555555555', 1,
		'2030-01-01T00:00:00Z', 'aino', uuid, '2029-12-31',
		'toisen muistiinpano' FROM project WHERE code = '$first';
	UPDATE project SET name = 'Toisen nimi' WHERE code = '$second'" ||
	exit 99
SALKKU_DB=$C run_salkku list --format csv
expect_rc 0 "the open after the crash"
expect_err "was interrupted: it was rolled back, except 2 records others changed meanwhile" \
	"the rollback says what it kept"
[ "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" -eq 2 ] ||
	fail "not just the two projects others changed are left: $out"
SALKKU_DB=$C run_salkku show "$first"
expect_out "toisen muistiinpano" "the note another added stays, with its project"
SALKKU_DB=$C run_salkku show "$second"
expect_out "^Name +Toisen nimi" "the project another renamed stays as renamed"
SALKKU_DB=$C run_salkku check
expect_rc 0 "check after the rollback that kept others' records"
finish
