#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# An ssh connection that drops (SIGHUP) or a kill (SIGTERM) ends salkku
# with the terminal restored: out of the alternate screen, the cursor
# back, and an exit status that says which signal it was.  A form half
# filled at that moment is dropped, not saved.  A terminal that goes
# away without the signal reaching salkku ends it all the same, rather
# than leaving it behind reading a dead terminal.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

for sig in TERM HUP INT; do
	tui_start 100 30
	tui_expect "18/18" "SIG$sig: the list is up"
	tui_keys e
	tui_expect "Edit Project" "SIG$sig: with a form open"
	tui_keys Tab C-u
	tui_type "Puolivalmis $sig"
	tui_expect "Puolivalmis $sig" "SIG$sig: a field half edited"
	[ "$(tmux_ display-message -p -t 0 '#{alternate_on}')" = 1 ] ||
		fail "SIG$sig: salkku uses the alternate screen"
	pid=$(tui_pid)
	[ -n "$pid" ] || { fail "SIG$sig: no salkku process"; continue; }
	kill -"$sig" "$pid"
	case $sig in TERM) status=143 ;; HUP) status=129 ;; INT) status=130 ;; esac
	tui_expect "[salkku exited $status]" "SIG$sig ends salkku"
	[ "$(tmux_ display-message -p -t 0 '#{alternate_on}')" = 0 ] ||
		fail "SIG$sig: the terminal is back from the alternate screen"
	[ "$(tmux_ display-message -p -t 0 '#{cursor_flag}')" = 1 ] ||
		fail "SIG$sig: the cursor shows again"
	run_salkku list
	printf '%s\n' "$out" | grep -q "Puolivalmis" &&
		fail "SIG$sig: the half-filled form was saved"
done

# The terminal closes under a salkku that gets no SIGHUP (it has none
# as its controlling terminal): reads fail, and it leaves as if hung up.
if command -v python3 >/dev/null 2>&1 && command -v setsid >/dev/null 2>&1; then
	cat >"$TEST_TMP/nohup.py" <<'PY'
import os, signal, sys
# Blocked, not ignored: salkku's own handler cannot take it back.
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, st = os.waitpid(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write("%d\n" % os.waitstatus_to_exitcode(st))
PY
	# The session runs salkku through the helper (tui_start takes one
	# program).
	printf '#!/bin/sh\nexec setsid -w python3 "%s" "%s" "%s"\n' \
		"$TEST_TMP/nohup.py" "$TEST_TMP/status" "$SALKKU" >"$TEST_TMP/detached.sh"
	chmod +x "$TEST_TMP/detached.sh"
	real=$SALKKU
	SALKKU=$TEST_TMP/detached.sh
	tui_start 100 30
	SALKKU=$real
	tui_expect "18/18" "detached: the list is up"
	tui_keys e
	tui_expect "Edit Project" "detached: a form open"
	tmux_ kill-server
	n=0
	while [ ! -s "$TEST_TMP/status" ] && [ $n -lt "$TUI_WAIT" ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(cat "$TEST_TMP/status" 2>/dev/null)" = 129 ] ||
		fail "a terminal gone without SIGHUP ends salkku as a hang-up (status: $(cat "$TEST_TMP/status" 2>/dev/null))"
fi
finish
