#!/bin/sh
# An ssh connection that drops (SIGHUP) or a kill (SIGTERM) ends salkku
# with the terminal restored: out of the alternate screen, the cursor
# back, and an exit status that says which signal it was.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

for sig in TERM HUP INT; do
	tui_start 100 30
	tui_expect "16/16" "SIG$sig: the list is up"
	tui_keys e
	tui_expect "Edit Project" "SIG$sig: with a form open"
	[ "$(tmux_ display-message -p -t 0 '#{alternate_on}')" = 1 ] ||
		fail "SIG$sig: salkku uses the alternate screen"
	shell=$(tmux_ display-message -p -t 0 '#{pane_pid}')
	pid=$(ps -o pid= --ppid "$shell" | tr -d ' ')
	[ -n "$pid" ] || { fail "SIG$sig: no salkku process"; continue; }
	kill -"$sig" "$pid"
	case $sig in TERM) status=143 ;; HUP) status=129 ;; INT) status=130 ;; esac
	tui_expect "[salkku exited $status]" "SIG$sig ends salkku"
	[ "$(tmux_ display-message -p -t 0 '#{alternate_on}')" = 0 ] ||
		fail "SIG$sig: the terminal is back from the alternate screen"
	[ "$(tmux_ display-message -p -t 0 '#{cursor_flag}')" = 1 ] ||
		fail "SIG$sig: the cursor shows again"
done
finish
