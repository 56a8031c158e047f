#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A locale whose character set is not UTF-8 gets what it can show: the
# screens and the command line write ASCII stand-ins (a status keeps its
# own mark) under LC_ALL=C, never UTF-8 bytes; the Linux console, whose
# fonts lack ◔ ◑ ▓, gets the stand-ins for salkku's own symbols only.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

# The screens under the C locale (ASCII): tmux shows what was written.
tui_start 100 30 LC_ALL=C
tui_expect "18/18" "the list is up"
tui_expect "Code ^" "the sort mark in ASCII"
tui_expect_re "^ LUMO +LUMO - lastensuo[^~]*~ +# closed" "dash, clipping and closed in ASCII"
tui_expect_re "^ Kansa-koulu 5 .* \* active" "active in ASCII"
tui_expect_re "453.087 E" "money with an ASCII euro"
tui_screen | LC_ALL=C grep -q "$(printf '[\200-\377]')" &&
	fail "bytes beyond ASCII on the screen: $(tui_screen)"
tui_keys 4
tui_expect "Timeline" "the timeline"
tui_expect_re "RST-kansallinen +\* +\| +#" "bars and today's line in ASCII"
tui_quit

# The Linux console: letters stay, salkku's symbols become ASCII.
TUI_TERM=linux tui_start 100 30
tui_expect "18/18" "the list on the console"
tui_expect_re "^ LUMO +LUMO – lastensuo[^…]*… +# closed" "text as it is, the status mark in ASCII"

# The command line converts only what goes to a terminal: a pipe or a
# file gets UTF-8 unchanged.
run_salkku show LUMO
expect_out "LUMO – lastensuojelun" "into a pipe: UTF-8 unchanged, even under C"
LC_ALL=C run_salkku show LUMO
expect_out "LUMO – lastensuojelun" "into a pipe under C: still UTF-8"
if command -v script >/dev/null 2>&1; then
	LC_ALL=C script -qc "'$SALKKU' show LUMO" /dev/null </dev/null >"$TEST_TMP/tty.out" 2>&1
	grep -q "LUMO - lastensuojelun" "$TEST_TMP/tty.out" ||
		fail "a C-locale terminal did not get ASCII: $(head -3 "$TEST_TMP/tty.out")"
	LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TEST_TMP/tty.out" &&
		fail "UTF-8 bytes reached a C-locale terminal"
fi
finish
