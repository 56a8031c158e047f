#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The project list's total ("18/18") is the number of projects kept by
# triggers (migration 14), not a count of the table: it stays right
# through salkku's adds and deletions and through those of the stock
# sqlite3 shell.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: no sqlite3 shell (Debian package sqlite3)"
	exit 77
fi

run_salkku init --demo
expect_rc 0 "init --demo"
run_salkku add UUSI "Uusi hanke"
expect_rc 0 "add UUSI"
run_salkku rm LUMO --yes
expect_rc 0 "rm LUMO"
out=$(sqlite3 -batch "$SALKKU_DB" "INSERT INTO project (uuid, version, updated_at, updated_by, code, name, status) VALUES ('0a1b2c3d-0000-4000-8000-000000000001', 1, '', '', 'SHELL1', 'Kuorella', 'idea'); INSERT INTO project (uuid, version, updated_at, updated_by, code, name, status) VALUES ('0a1b2c3d-0000-4000-8000-000000000002', 1, '', '', 'SHELL2', 'Kuorella 2', 'idea'); INSERT INTO project (uuid, version, updated_at, updated_by, code, name, status) VALUES ('0a1b2c3d-0000-4000-8000-000000000003', 1, '', '', 'SHELL3', 'Kuorella 3', 'idea'); DELETE FROM project WHERE code = 'SHELL3';" 2>&1) ||
	fail "the shell's writes: $out"
# 18 + UUSI - LUMO + SHELL1 + SHELL2 + SHELL3 - SHELL3
[ "$(sqlite3 -batch "$SALKKU_DB" "SELECT count(*) FROM project")" = 20 ] ||
	fail "the shell's writes did not make 20 projects"

tui_start 100 30
tui_expect "20/20" "the total counts every writer's projects"
tui_keys d
tui_expect "y: yes" "the delete confirmation"
tui_keys y
tui_expect "19/19" "a deletion in the terminal counted"
tui_quit
[ "$(sqlite3 -batch "$SALKKU_DB" "SELECT n FROM tally WHERE name = 'project'")" = 19 ] ||
	fail "the tally is not 19"
run_salkku check
expect_rc 0 "check"
finish
