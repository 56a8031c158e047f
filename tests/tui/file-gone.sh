#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# init --force never pulls a database from under an open session, and a
# session whose file is deleted or replaced by hand notices, says so and
# saves nothing more (its writes would be lost with the old file).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

tui_start 100 30
tui_expect "18/18" "a session has the database open"

# init --force is refused while the session is there.
before=$(cat "$SALKKU_DB" "$SALKKU_DB-wal" 2>/dev/null | sha256sum)
run_salkku init --force
expect_rc 2 "init --force with a session open"
expect_err "is open in another session \\(process [0-9]+ of $(id -un)\\)" \
	"names the process and its user"
[ "$(cat "$SALKKU_DB" "$SALKKU_DB-wal" 2>/dev/null | sha256sum)" = "$before" ] ||
	fail "the refused init --force changed the database"
run_salkku show LUMO
expect_rc 0 "the database is still the demo"

# Replaced by hand (a new file under the same name): the session notices.
cp "$SALKKU_DB" "$TEST_TMP/copy.db"
mv "$SALKKU_DB" "$TEST_TMP/old.db"
mv "$TEST_TMP/copy.db" "$SALKKU_DB"
tui_expect "FILE GONE: NOT SAVING" "the banner"
tui_expect "deleted or replaced" "the message says what happened"
tui_keys Enter e
tui_expect "this session saves nothing more" "an edit is refused"
tui_lacks "Edit Project" "no form opened"
tui_quit

# With no session left, init --force starts anew.
rm -f "$TEST_TMP/old.db"*
run_salkku init --force
expect_rc 0 "init --force once nobody has it open"
finish
