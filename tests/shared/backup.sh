#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Backup while in use: a consistent copy taken while another process
# writes; restore refuses to overwrite a newer database without --force.
. "${top_srcdir:-.}/tests/lib.sh"

"$SALKKU" init --demo >/dev/null || exit 99

# A writer adds notes while the backups are taken.
(
	i=0
	while [ ! -e "$TEST_TMP/stop" ]; do
		i=$((i + 1))
		"$SALKKU" note add LUMO "taustakirjoitus $i" >/dev/null 2>&1
	done
) &
writer=$!

n=1
while [ "$n" -le 5 ]; do
	run_salkku backup "$TEST_TMP/backup$n.db"
	expect_rc 0 "backup $n while writing"
	n=$((n + 1))
done
touch "$TEST_TMP/stop"
wait "$writer"

n=1
while [ "$n" -le 5 ]; do
	run_salkku --db "$TEST_TMP/backup$n.db" check
	expect_rc 0 "backup $n passes check"
	n=$((n + 1))
done
[ "$(stat -c %a "$TEST_TMP/backup1.db")" = 600 ] || fail "a backup is not private"

# The last backup holds what was committed before it, no more.
run_salkku --db "$TEST_TMP/backup5.db" show LUMO --format json
in_backup=$(printf '%s\n' "$out" | grep -c '"body": "taustakirjoitus ')
run_salkku show LUMO --format json
in_db=$(printf '%s\n' "$out" | grep -c '"body": "taustakirjoitus ')
[ "$in_backup" -le "$in_db" ] || fail "the backup has more notes ($in_backup) than the database ($in_db)"

# A change after the backup makes the database newer: restore refuses.
run_salkku set OT budget=123
run_salkku restore "$TEST_TMP/backup5.db"
expect_rc 5 "restore over newer changes"
expect_err "force" "the refusal says how to restore anyway"
run_salkku show OT --format json
expect_out '"budget": 12300' "the refused restore changed nothing"
run_salkku restore "$TEST_TMP/backup5.db" --force
expect_rc 0 "restore --force"
run_salkku show LUMO --format json
after=$(printf '%s\n' "$out" | grep -c '"body": "taustakirjoitus ')
[ "$after" -eq "$in_backup" ] || fail "restored database has $after notes, the backup $in_backup"
run_salkku check
expect_rc 0 "check after restore"

run_salkku backup /etc/passwd
expect_rc 4 "a backup over a file that is not a database"
run_salkku restore "$TEST_TMP/nonexistent.db"
expect_rc 3 "restore from a missing file"
finish
