#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The database is whole for other SQLite tools: the stock sqlite3 shell
# checks, vacuums and writes it without salkku's help; its writes move
# versions and are logged as made outside salkku; a .dump restored into
# a new file is a salkku database as it is, uniqueness and Nordic order
# intact.  Python's sqlite3 module writes too, when it is there.
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: no sqlite3 shell (Debian package sqlite3)"
	exit 77
fi

# shell SQL: runs SQL in the stock shell on the database; $out, $rc.
shell() {
	out=$(sqlite3 -batch "$SALKKU_DB" "$1" 2>&1)
	rc=$?
}

run_salkku init
expect_rc 0 "init"
run_salkku add X1 "Ensimmäinen"
expect_rc 0 "add X1"
run_salkku add ZETA "Zeta-hanke"
expect_rc 0 "add ZETA"
run_salkku add ÖLJY "Öljyhanke"
expect_rc 0 "add ÖLJY"
run_salkku org add "Itä-Suomen sosiaalialan osaamiskeskus" short_name=ISO kind=competence_centre
expect_rc 0 "org add"

# No collation sequence is missing anywhere.
for sql in "PRAGMA integrity_check" "PRAGMA quick_check" "VACUUM" \
	   "VACUUM INTO '$TEST_TMP/vacuumed.db'" \
	   "SELECT code FROM project ORDER BY code_sort"; do
	shell "$sql"
	[ "$rc" -eq 0 ] || fail "$sql: exit status $rc: $out"
	case $out in *"no such collation"*) fail "$sql: $out" ;; esac
done
shell "PRAGMA integrity_check"
[ "$out" = ok ] || fail "integrity_check: $out"
run_salkku --db "$TEST_TMP/vacuumed.db" check
expect_rc 0 "check of the VACUUM INTO copy"

# Someone reads X1 at version 1; the shell then changes its budget and
# name without touching version.
run_salkku show X1 --format json
version=$(printf '%s\n' "$out" | sed -n 's/.*"version": *\([0-9]*\).*/\1/p' | head -n 1)
[ "$version" = 1 ] || fail "X1 read at version 1: $version"
shell "UPDATE project SET budget = 500000, name = 'Äly-hanke' WHERE code = 'X1'"
[ "$rc" -eq 0 ] || fail "UPDATE by the shell: $out"
shell "SELECT version, updated_by FROM project WHERE code = 'X1'"
[ "$out" = "2|(outside salkku)" ] || fail "the shell's UPDATE moved the version: $out"
run_salkku set X1 budget=1000 --if-version 1
expect_rc 5 "a stale salkku save after the shell's UPDATE"
run_salkku show X1
expect_out 'Budget +5,000' "the shell's budget kept"
run_salkku log
expect_out '\(outside salkku\).*project X1.*budget.*5,000' "the log shows the budget changed outside"
expect_out '\(outside salkku\).*Äly-hanke' "the log shows the name changed outside"

# An INSERT by the shell: keys filled, logged, unique without case, and
# the full-text index follows.
shell "INSERT INTO project (uuid, version, updated_at, updated_by, code, name, status) VALUES ('0a1b2c3d-0000-4000-8000-000000000001', 1, '', '', 'ÄLY', 'Älykäs hanke', 'idea')"
[ "$rc" -eq 0 ] || fail "INSERT by the shell: $out"
shell "INSERT INTO project (uuid, version, updated_at, updated_by, code, name, status) VALUES ('0a1b2c3d-0000-4000-8000-000000000002', 1, '', '', 'äly', 'Toinen', 'idea')"
[ "$rc" -ne 0 ] || fail "the shell inserted äly beside ÄLY"
run_salkku log
expect_out '\(outside salkku\).*project ÄLY.*created' "the log shows the INSERT"
run_salkku list --text älykäs --format csv
expect_out '^ÄLY,' "the full-text index has the shell's project"
run_salkku check
expect_rc 0 "check after the shell's writes"
expect_out '^ok$' "check says ok"

# The number of projects (migration 14) follows the shell's INSERT and
# DELETE; an INSERT OR REPLACE, which fires no delete trigger, leaves it
# one too high: check says so and check --reindex counts again.
tally() {
	shell "SELECT n, (SELECT count(*) FROM project) FROM tally WHERE name = 'project'"
}
tally
[ "$out" = "4|4" ] || fail "the tally after the shell's INSERT: $out"
shell "INSERT INTO project (uuid, version, updated_at, updated_by, code, name, status) VALUES ('0a1b2c3d-0000-4000-8000-000000000003', 1, '', '', 'POIS', 'Poistuva', 'idea'); DELETE FROM project WHERE code = 'POIS'"
tally
[ "$out" = "4|4" ] || fail "the tally after the shell's INSERT and DELETE: $out"
shell "INSERT OR REPLACE INTO project (id, uuid, version, updated_at, updated_by, code, name, status) SELECT id, uuid, version, updated_at, updated_by, code, name, status FROM project WHERE code = 'ZETA'"
tally
[ "$out" = "5|4" ] || fail "the shell's REPLACE did not leave the tally off: $out"
run_salkku check
expect_rc 6 "check after a REPLACE"
expect_out "number of projects is noted as 5 but there are 4" "check names the tally"
run_salkku check --reindex
expect_rc 0 "check --reindex"
tally
[ "$out" = "4|4" ] || fail "check --reindex did not count again: $out"

# Python's sqlite3 module as a second writer, when it is there.
if command -v python3 >/dev/null 2>&1 &&
   python3 -c 'import sqlite3' >/dev/null 2>&1; then
	python3 - "$SALKKU_DB" <<'PY' || fail "python3 could not write"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE organisation SET name = 'ISO ry' WHERE short_name = 'ISO'")
c.commit()
PY
	run_salkku org show "iso ry"
	expect_rc 0 "the name Python wrote is found without case"
	run_salkku check
	expect_rc 0 "check after Python's write"
fi

# .dump into a new file with the stock shell: no errors, and salkku
# opens and checks it as it is.
dump="$TEST_TMP/dumped.db"
errors=$(sqlite3 -batch "$SALKKU_DB" .dump | sqlite3 -batch "$dump" 2>&1)
[ -z "$errors" ] || fail ".dump restored with errors: $errors"
[ "$(sqlite3 "$dump" 'PRAGMA application_id')" = 0 ] ||
	fail "the dump was expected to lose application_id"
run_salkku --db "$dump" --read-only check
expect_rc 0 "read-only check of the restored dump"
run_salkku --db "$dump" check
expect_rc 0 "check of the restored dump"
expect_out '^ok$' "check of the restored dump says ok"
[ "$(sqlite3 "$dump" 'PRAGMA application_id; PRAGMA user_version' | tr '\n' ' ')" = \
  "1396788299 $(sqlite3 "$SALKKU_DB" 'PRAGMA user_version') " ] ||
	fail "salkku set the header of the restored dump again"
run_salkku --db "$dump" add x1 "Pieni"
expect_rc 4 "x1 beside X1 in the restored dump"
expect_err 'x1 already exists' "the refusal names the code"
run_salkku --db "$dump" list --format csv
codes=$(printf '%s\n' "$out" | tr -d '\r' | sed 1d | cut -d, -f1 | tr '\n' ' ')
[ "$codes" = "X1 ZETA ÄLY ÖLJY " ] || fail "Nordic order in the restored dump: $codes"
run_salkku --db "$dump" list --format csv --sort name
codes=$(printf '%s\n' "$out" | tr -d '\r' | sed 1d | cut -d, -f1 | tr '\n' ' ')
[ "$codes" = "ZETA X1 ÄLY ÖLJY " ] || fail "Nordic order by name: $codes"

# A backup made through .dump (blank header) restores: meta says whose
# it is and at which schema.
dump2="$TEST_TMP/dumped2.db"
sqlite3 -batch "$SALKKU_DB" .dump | sqlite3 -batch "$dump2" 2>/dev/null
run_salkku set ZETA name="Zeta muutettu"
run_salkku restore "$dump2" --force
expect_rc 0 "restore from a .dump copy"
run_salkku check
expect_out '^ok$' "check after restoring a .dump copy"
run_salkku show ZETA
expect_out "^Name +Zeta-hanke$" "the restored name"

# The shell's writes of the texts behind the key columns (a project's
# code and name, an organisation's name and short name) get the keys
# salkku computes: the same as a record salkku writes with the same
# text, found by a folded code or short name, in Nordic order; each
# moves the version and is logged once per field.
run_salkku add SAMA "Åke ja Ÿlva: Ωmega"
expect_rc 0 "add SAMA"
shell "SELECT version + 1 FROM project WHERE code = 'ZETA'"
next=$out
shell "UPDATE project SET code = 'Ĳssel-Ö2', name = 'Åke ja Ÿlva: Ωmega' WHERE code = 'ZETA'"
[ "$rc" -eq 0 ] || fail "UPDATE of code and name by the shell: $out"
shell "SELECT count(DISTINCT name_sort), count(*) FROM project WHERE name = 'Åke ja Ÿlva: Ωmega'"
[ "$out" = "1|2" ] || fail "the shell's name_sort differs from salkku's: $out"
shell "SELECT version, updated_by FROM project WHERE code = 'Ĳssel-Ö2'"
[ "$out" = "$next|(outside salkku)" ] || fail "the shell's code change moved the version: $out"
run_salkku show ĳssel-ö2
expect_rc 0 "the code the shell wrote is found folded"
run_salkku org add "Pohjoisen osaamiskeskus" short_name=POK kind=competence_centre
expect_rc 0 "org add POK"
shell "UPDATE organisation SET name = 'Ärrä Östra', short_name = 'ÄÖ' WHERE short_name = 'POK'"
[ "$rc" -eq 0 ] || fail "UPDATE of an organisation by the shell: $out"
run_salkku org show äö
expect_rc 0 "the short name the shell wrote is found folded"
expect_out 'Ärrä Östra' "the organisation by its new short name"
run_salkku org show "ärrä östra"
expect_rc 0 "the name the shell wrote is found folded"
shell "INSERT INTO organisation (uuid, version, updated_at, updated_by, name, kind) VALUES ('0a1b2c3d-0000-4000-8000-000000000011', 1, '', '', 'Åland ÿ', 'agency')"
[ "$rc" -eq 0 ] || fail "INSERT of an organisation by the shell: $out"
shell "INSERT INTO organisation (uuid, version, updated_at, updated_by, name, kind) VALUES ('0a1b2c3d-0000-4000-8000-000000000012', 1, '', '', 'ÅLAND Ÿ', 'agency')"
[ "$rc" -ne 0 ] || fail "the shell inserted ÅLAND Ÿ beside Åland ÿ"
run_salkku log
expect_out '\(outside salkku\).*project Ĳssel-Ö2.*code.*ZETA.*Ĳssel-Ö2' "the log shows the code changed outside"
expect_out '\(outside salkku\).*organisation Ärrä Östra.*short_name' "the log shows the short name changed outside"
expect_out '\(outside salkku\).*organisation Åland ÿ.*created' "the log shows the organisation inserted"
shell "SELECT count(*) FROM change_log WHERE source = 'outside salkku' AND (record_title IN ('Ĳssel-Ö2', 'Ärrä Östra', 'Åland ÿ'))"
[ "$out" = 5 ] || fail "one change-log row per field and insert: $out"
run_salkku list --format csv --sort name
names=$(printf '%s\n' "$out" | tr -d '\r' | sed 1d | cut -d, -f1 | tr '\n' ' ')
case $names in *"SAMA Ĳssel-Ö2 "*|*"Ĳssel-Ö2 SAMA "*) ;;
*) fail "the shell's project beside salkku's in the order by name: $names" ;; esac
run_salkku check
expect_rc 0 "check after the shell's key writes"
expect_out '^ok$' "check says the keys are salkku's"

finish
