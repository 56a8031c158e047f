#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A NUL byte cannot cut text short without a word: the text of a note
# written in $VISUAL and a line of the config file that hold one are
# refused with a message, and nothing of them is used.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"
notes_before=$("$SALKKU" show LUMO | grep -c 'alku')
cat >"$TEST_TMP/editor.sh" <<'SH'
#!/bin/sh
printf 'alku\000loppu\n' >"$1"
SH
chmod +x "$TEST_TMP/editor.sh"
mkdir -p "$XDG_CONFIG_HOME/salkku"
conf="$XDG_CONFIG_HOME/salkku/config"
printf 'set start-screen organisations\000 junk\n' >"$conf"

tui_start 100 30 "VISUAL=$TEST_TMP/editor.sh"
tui_expect "$conf:1: the line holds a NUL byte" "the config line is refused"
tui_expect "18/18" "and not used: the projects are the start screen"
tui_open_project LUMO
tui_keys n
tui_expect "The text holds a NUL byte; nothing was changed" "the note is refused"
[ "$("$SALKKU" show LUMO | grep -c 'alku')" -eq "$notes_before" ] ||
	fail "a note cut at the NUL was stored"
tui_quit
finish
