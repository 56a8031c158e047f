#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The terminal interface asks before it makes a new, empty database, and
# makes nothing when the answer is no.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

new_db="$TEST_TMP/new/salkku.db"

tui_start 100 30 SALKKU_DB="$new_db"
tui_expect "there is no database at $new_db" "names the missing file"
tui_expect "from SALKKU_DB" "says where the path came from"
tui_expect "Create a new, empty database there? [y/N]" "asks"
tui_type n
tui_keys Enter
tui_expect "[salkku exited 3]" "no means no"
[ -e "$new_db" ] && fail "a database was created after no"

tui_start 100 30 SALKKU_DB="$new_db"
tui_expect "Create a new, empty database there? [y/N]" "asks again"
tui_type y
tui_keys Enter
tui_expect "No projects yet" "the new database opens"
[ -f "$new_db" ] || fail "yes did not create the database"
tui_quit
finish
