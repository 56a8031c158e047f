#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The first frame is whole when drawn: the keypad mode, which ncurses
# used to set with the first read of a key, leaves before it, not after
# the first presence write (a commit and its fsync) that follows the
# frame.  On a pseudo-terminal read byte by byte
# (tests/tui/first-frame.py), in English and in Finnish.
. "${top_srcdir:-.}/tests/lib.sh"

have_py pty || { echo "SKIP: python3 is not installed"; exit 77; }
PY=/usr/bin/python3

run_salkku init
expect_rc 0 "init"
run_salkku add KOTI-1 "Ikäihmisten kotihoito"
expect_rc 0 "add"
for lang in C.UTF-8 fi_FI.UTF-8; do
	LC_ALL=$lang "$PY" "$top_srcdir/tests/tui/first-frame.py" "$SALKKU" ||
		fail "$lang: the first frame"
done
finish
