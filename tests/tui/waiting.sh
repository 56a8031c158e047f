#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A save that must wait for another process's write lock (an import, a
# stock SQLite tool) says so on the status line, with who else has the
# database open, or who is importing, and the screen still answers: Esc
# stops the wait (the save fails as busy, nothing is written), C-l
# redraws.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

py=/usr/bin/python3
"$py" -c 'import sqlite3' 2>/dev/null || { echo "skipped: no Python sqlite3 to hold a lock"; exit 77; }

run_salkku init --demo
expect_rc 0 "init --demo"

# hold SECONDS: another process holds the write lock for SECONDS.
hold() {
	rm -f "$TEST_TMP/locked"
	"$py" -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
c.execute("ROLLBACK")
' "$SALKKU_DB" "$TEST_TMP/locked" "$1" &
	holder=$!
	n=0
	while [ ! -e "$TEST_TMP/locked" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
}

# hold_import SECONDS: as hold, by a process that says it is aino's
# import (the row an import in slices keeps while it runs).
hold_import() {
	rm -f "$TEST_TMP/locked"
	"$py" -c '
import os, socket, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
c.execute("INSERT INTO import_run (id, user, file, host, pid, started_at, "
          "seen_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
          ("aino", "iso.json", socket.gethostname(), os.getpid(),
           "2023-11-20T09:00:00Z", "2023-11-20T09:00:00Z"))
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
c.execute("ROLLBACK")
c.execute("DELETE FROM import_run")
' "$SALKKU_DB" "$TEST_TMP/locked" "$1" &
	holder=$!
	n=0
	while [ ! -e "$TEST_TMP/locked" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
}

tui_start 100 30
tui_expect "18/18" "the list is up"
tui_open_project LUMO

# A wait that ends by itself: the save goes through afterwards.
tui_keys e
tui_expect "Edit Project" "the form"
tui_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab C-u
tui_type "970 000"
hold 3
tui_keys Enter
tui_expect "Waiting for the database: another session is writing" "the wait is said"
tui_expect "Esc: stop waiting" "with the way out"
tui_expect "Saved Project “LUMO”" "the save goes through when the lock is free"
wait "$holder"
run_salkku show LUMO
expect_out "^Budget +970,000 €" "the waited save is stored"

# Esc gives up the wait: nothing is written, the screen answers.
tui_keys e
tui_expect "Edit Project" "the form again"
tui_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab C-u
tui_type "960 000"
hold 20
tui_keys Enter
tui_expect "Waiting for the database" "waiting again"
tui_keys Escape
tui_gone "Waiting for the database" "Esc ends the wait"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
run_salkku show LUMO
expect_out "^Budget +970,000 €" "the given-up save wrote nothing"

# Waiting for an import: whose, and C-l still redraws.  (The form of
# the given-up save is still open, on the budget.)
tui_keys C-u
tui_type "950 000"
hold_import 3
tui_keys Enter
tui_expect "Waiting for the database: aino is importing" "the wait names the importer"
tui_keys C-l
tui_expect "aino is importing" "C-l redraws during the wait"
tui_expect "Saved Project “LUMO”" "the save goes through after the slice"
wait "$holder"
run_salkku show LUMO
expect_out "^Budget +950,000 €" "the save that waited for the import is stored"
tui_quit
finish
