#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A disk that fails mid-write (tests/fail-write.so: every write to a file
# after the first N fails with EIO).  For every N, a change, a restore
# and a backup either happen whole or not at all: a clear error, and the
# database intact at its last committed state.
. "${top_srcdir:-.}/tests/lib.sh"

SHIM="$top_builddir/tests/fail-write.so"
[ -f "$SHIM" ] || exit 77
# In a sanitizer build the shim comes before the ASan runtime.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

"$SALKKU" init --demo >/dev/null || exit 99
"$SALKKU" backup "$TEST_TMP/backup.db" >/dev/null || exit 99

# failing N ARGS...: runs salkku with writes failing after the first N.
failing() {
	n=$1
	shift
	FAIL_WRITE_AFTER=$n LD_PRELOAD="$SHIM" "$SALKKU" "$@" \
		>"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	err=$(cat "$TEST_TMP/err")
}

# intact WHAT: the database passes check.
intact() {
	run_salkku check
	expect_rc 0 "$1: the database is intact"
}

# Sanity: the shim does fail writes.
failing 0 set LUMO name=Ei
[ "$rc" -ne 0 ] || fail "the shim let a write through"

name=$("$SALKKU" show LUMO --format json | sed -n 's/^    "name": "\(.*\)",$/\1/p')
saved=0
n=0
# The limit covers a set with its full-text rows in both indexes.
while [ "$n" -le 90 ]; do
	failing "$n" set LUMO name="Nimi $n"
	now=$("$SALKKU" show LUMO --format json | sed -n 's/^    "name": "\(.*\)",$/\1/p')
	if [ "$rc" -eq 0 ]; then
		[ "$now" = "Nimi $n" ] || fail "set with writes failing after $n: exit 0 but the name is $now"
		name=$now
		saved=$((saved + 1))
	else
		expect_rc 6 "set with writes failing after $n"
		expect_err "I/O error" "set with writes failing after $n: message"
		expect_err "salkku.db" "set with writes failing after $n: names the file"
		[ "$now" = "$name" ] ||
			fail "set with writes failing after $n: the name is $now, not the last saved $name"
	fi
	intact "set, writes failing after $n"
	n=$((n + 3))
done
[ "$saved" -gt 0 ] || fail "no set got through: the test proves nothing"

# Restore: either the backup's portfolio whole, or the one before.
"$SALKKU" set LUMO name="Ennen palautusta" >/dev/null || exit 99
restored=0
for n in 0 10 50 100 150 200 300 400 800; do
	before=$("$SALKKU" export)
	failing "$n" restore "$TEST_TMP/backup.db" --force
	after=$("$SALKKU" export)
	if [ "$rc" -eq 0 ]; then
		restored=$((restored + 1))
		printf '%s\n' "$after" | grep -q '"name": "Ennen palautusta"' &&
			fail "restore with writes failing after $n: exit 0 but the change is still there"
		"$SALKKU" set LUMO name="Ennen palautusta" >/dev/null || exit 99
	else
		expect_rc 6 "restore with writes failing after $n"
		expect_err "backup.db|salkku.db" "restore with writes failing after $n: names the file"
		[ "$after" = "$before" ] || fail "restore with writes failing after $n changed the database"
	fi
	intact "restore, writes failing after $n"
done
[ "$restored" -gt 0 ] || fail "no restore got through: the test proves nothing"

# Backup: fails cleanly, leaves nothing half-written.
for n in 0 5 30; do
	failing "$n" backup "$TEST_TMP/new.db"
	expect_rc 6 "backup with writes failing after $n"
	expect_err "new.db|salkku.db" "backup with writes failing after $n: names the file"
	[ -z "$(ls "$TEST_TMP" | grep '^new\.db')" ] ||
		fail "backup with writes failing after $n left $(ls "$TEST_TMP" | grep '^new\.db')"
	intact "backup, writes failing after $n"
done
finish
