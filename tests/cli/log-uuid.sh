#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The change log's entries get time-ordered uuids (version 7, RFC
# 9562): the time of the entry, in milliseconds, then random bits, so
# that the log's uuid index grows at its end.  Entries with uuids of
# any version (an older salkku's, version 4) are still imported.
. "${top_srcdir:-.}/tests/lib.sh"
SQL="$top_builddir/tests/sql-exec"
[ -x "$SQL" ] || exit 77

run_salkku init
expect_rc 0 "init"
before=$(date +%s)
run_salkku add LUMO "Lastensuojelun uudistaminen monialaisesti"
expect_rc 0 "add LUMO"
sleep 0.01
run_salkku set LUMO budget=1000
expect_rc 0 "set LUMO"
sleep 0.01
run_salkku note add LUMO "Ensimmäinen muistiinpano"
expect_rc 0 "note add"
after=$(date +%s)

uuids=$("$SQL" "$SALKKU_DB" "SELECT uuid FROM change_log ORDER BY id")
[ "$(printf '%s\n' "$uuids" | wc -l)" -ge 3 ] ||
	fail "the change log has fewer than three entries: $uuids"
prev=0
for u in $uuids; do
	printf '%s\n' "$u" | grep -qE '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' ||
		fail "change-log entry $u is no version 7 uuid"
	ms=$(printf '%s\n' "$u" | cut -c1-8,10-13)
	ms=$(printf '%d' "0x$ms")
	[ "$ms" -ge $((before * 1000)) ] && [ "$ms" -le $(((after + 1) * 1000)) ] ||
		fail "change-log entry $u: its time $ms ms is not when it was made"
	[ "$ms" -ge "$prev" ] || fail "change-log entry $u is older than the one before it"
	prev=$ms
done

# An exported log (version 7 keys) and one with version 4 keys import.
run_salkku export
expect_rc 0 "export"
printf '%s\n' "$out" >"$TEST_TMP/log.json"
sed 's/"\([0-9a-f]\{8\}-[0-9a-f]\{4\}-\)7\([0-9a-f]\{3\}-[89ab]\)/"\14\2/g' \
	"$TEST_TMP/log.json" >"$TEST_TMP/log4.json"
grep -q -- '-4[0-9a-f]\{3\}-[89ab]' "$TEST_TMP/log4.json" ||
	fail "the version 4 copy of the export has no version 4 uuid"
SALKKU_DB=$TEST_TMP/other.db
export SALKKU_DB
run_salkku init
expect_rc 0 "init another"
run_salkku import "$TEST_TMP/log.json"
expect_rc 0 "import of version 7 entries"
run_salkku import "$TEST_TMP/log4.json"
expect_rc 0 "import of version 4 entries"
n=$("$SQL" "$SALKKU_DB" "SELECT count(*) FROM change_log WHERE substr(uuid, 15, 1) = '4'")
[ "$n" -ge 3 ] || fail "the version 4 entries were not imported: $n"

finish
