#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The config file: a rebound key works, the start screen is set, a bad
# line is reported as file:line: problem while the rest applies, and
# NO_COLOR (or "set colors off") leaves colour out.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"
mkdir -p "$XDG_CONFIG_HOME/salkku"
conf="$XDG_CONFIG_HOME/salkku/config"
cat >"$conf" <<'CONF'
# test configuration
set start-screen organisations
bind generic C-n move-down
bind organisations x no-such-action
bind organisations X screen-projects
color status.active green default bold
CONF

tui_start 100 30
tui_expect "Short name" "the start screen is the organisations"
tui_expect "$conf:4: unknown action “no-such-action”" "the bad line is reported"
tui_keys C-n
tui_expect_re "^>Etelä-Savon" "C-n moves down as bound"
tui_keys X
tui_expect "Code" "X shows the projects as bound"
# Colour is on: the status symbols carry escape sequences of colour.
tmux_ capture-pane -p -e -t 0 | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m" ||
	fail "colours are used by default"
# "color status.active green default bold" makes active projects bold.
tmux_ capture-pane -p -e -t 0 | grep -q "$(printf '\033')\[1m$(printf '\033')\[32m● active" ||
	fail "the colour line's bold is applied to active projects"
tui_quit

NO_COLOR_SETTING="NO_COLOR=1"
tui_start 100 30 "$NO_COLOR_SETTING"
tui_expect "Short name" "started again"
tui_keys X
tui_expect "Code" "the projects"
if tmux_ capture-pane -p -e -t 0 | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m"; then
	fail "NO_COLOR: no colour is used"
fi
tui_expect_re "^>" "the selection still shows without colour"
tui_quit

# The example configuration that is installed (examples/config) is read
# without a single complaint.
cp "$top_srcdir/examples/config" "$conf"
tui_start 100 30
tui_expect "18/18" "the example configuration: the project list"
tui_lacks "$conf:" "the example configuration has no bad line"
# Its colour lines are commented out: active projects in the default
# look, green and not bold (bold costs every such row that scrolls in
# 15 bytes of attribute changes).
active=$(tmux_ capture-pane -p -e -t 0 | grep "● active" | head -n 1)
case $active in
*"$(printf '\033')[32m● active"*) ;;
*) fail "the default look: active projects in green" ;;
esac
case $active in
*"$(printf '\033')[1m"*) fail "the default look: active projects not in bold" ;;
esac
tui_quit
finish
