#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A session that may only read cannot write the presence table, yet the
# others see it: it announces itself in a file beside the database (a
# sticky directory of the machine), and is forgotten when it quits.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

export SALKKU_READERS_DIR="$TEST_TMP/run"
mkdir -p "$SALKKU_READERS_DIR"
run_salkku init --demo
expect_rc 0 "init --demo"
me=$(id -un)

tui_start 100 30 "SALKKU_READERS_DIR=$SALKKU_READERS_DIR"
tui_expect "18/18" "A, who writes: the list"
tui_open_project LUMO
tui_lacks "Also open:" "A is alone at first"

SALKKU_ARGS=--read-only tui_open r 100 30 "SALKKU_READERS_DIR=$SALKKU_READERS_DIR"
tui_expect "READ-ONLY" "R reads only"
tui_open_project LUMO
tui_expect "Also open: $me (<1 min)" "R sees A"

tui_use 0
tui_expect "Also open: $me (<1 min)" "A sees the reader within seconds"

tui_use r
tui_quit
tui_use 0
tui_gone "Also open:" "the reader is forgotten when it quits"
tui_quit
finish
