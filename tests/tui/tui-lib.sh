# SPDX-License-Identifier: EUPL-1.2
# tui-lib.sh — drives salkku in a detached tmux session of fixed size.
# Sourced by tests/tui/*.sh after tests/lib.sh; not a test itself.
#
#   tui_start 100 30 [VAR=value ...]  start salkku (args: SALKKU_ARGS)
#   tui_open NAME 100 30 [VAR=...]     start another salkku beside the
#                                      first, in session NAME, and use it
#   tui_use NAME                       send to and look at session NAME
#                                      (the first one is "0")
#   tui_pid                            the process id of its salkku
#   tui_keys KEY ...                   tmux send-keys (j, Enter, C-d, …)
#   tui_type TEXT                      type literal text
#   tui_expect TEXT DESCRIPTION        wait (bounded) until TEXT shows
#   tui_expect_re REGEX DESCRIPTION    the same with grep -E
#   tui_lacks TEXT DESCRIPTION         TEXT is not on the screen now
#   tui_gone TEXT DESCRIPTION          wait (bounded) until TEXT is gone
#   tui_screen                         the screen as text
#   tui_resize W H                     resize the terminal
#   tui_quit                           q until salkku has exited 0
#   tui_open_project CODE [WHO]        / CODE Enter Enter: the project
#
# Nothing here sleeps for a fixed time: every wait polls for what it
# waits for (the screen, a process, a file) up to TUI_WAIT tenths of a
# second, so that the tests pass on a loaded machine (make -j4
# distcheck).  An expectation must not be met by the screen as it was
# before the keys were sent: after a key that leaves a screen, wait for
# something only the next screen shows, and use tui_gone (not tui_lacks)
# for what the keys should take away.

# configure's TMUX may hold tmux's own $TMUX (a socket, not a program)
# when it ran inside tmux: then the one on the PATH.
[ -n "${TMUX_BIN:-}" ] && [ -f "$TMUX_BIN" ] && [ -x "$TMUX_BIN" ] ||
	TMUX_BIN=$(command -v tmux 2>/dev/null)
if [ -z "$TMUX_BIN" ] || ! [ -x "$TMUX_BIN" ]; then
	echo "SKIP: tmux is not installed; the terminal tests need it"
	exit 77
fi
if ! [ -x "$SALKKU" ]; then
	echo "salkku not built: $SALKKU" >&2
	exit 99
fi

# A private server: nothing of the user's tmux is touched or read.
unset TMUX
TUI_SOCKET="salkku-test-$$"
tmux_() {
	"$TMUX_BIN" -L "$TUI_SOCKET" -f /dev/null "$@"
}
trap 'tmux_ kill-server 2>/dev/null; rm -rf "$TEST_TMP"' EXIT
# Killed (a harness timeout, C-c), the test still takes its sessions
# down: the EXIT trap runs only on exit.
trap 'exit 1' HUP INT TERM

# How long a wait polls, in tenths of a second (at least; a loaded
# machine stretches each round).
TUI_WAIT=${TUI_WAIT:-100}
: "${TUI_TERM:=xterm-256color}"

# The session the other functions talk to, as a target that names the
# session exactly (a bare "0" would be read as a pane of the session
# last used).
TUI_T="=0:"

# _tui_session NAME W H [VAR=value ...]: a session running salkku.
_tui_session() {
	_name=$1 _w=$2 _h=$3
	shift 3
	# The session runs a script, so that nothing is quoted twice; it
	# reports how salkku ended and keeps the pane for the last look.
	{
		echo "#!/bin/sh"
		for _v in "$@"; do
			printf 'export %s\n' "$(printf '%s' "$_v" | sed "s/=\(.*\)/='\1'/")"
		done
		printf "TERM='%s' '%s' %s\n" "$TUI_TERM" "$SALKKU" "${SALKKU_ARGS:-}"
		echo 'echo "[salkku exited $?]"'
		echo 'sleep 600'
	} >"$TEST_TMP/tui-run-$_name.sh"
	chmod +x "$TEST_TMP/tui-run-$_name.sh"
	# A server just told to quit may still be going: try again.
	_n=0
	until tmux_ new-session -d -s "$_name" -x "$_w" -y "$_h" \
		"$TEST_TMP/tui-run-$_name.sh" 2>/dev/null; do
		_n=$((_n + 1))
		if [ $_n -ge "$TUI_WAIT" ]; then
			echo "tmux cannot start session $_name" >&2
			exit 99
		fi
		sleep 0.1
	done
	TUI_T="=$_name:"
}

tui_start() {
	tmux_ kill-server 2>/dev/null
	_tui_session 0 "$@"
}

tui_open() {
	_tui_session "$@"
}

tui_use() {
	TUI_T="=$1:"
}

tui_pid() {
	_shell=$(tmux_ display-message -p -t "$TUI_T" '#{pane_pid}')
	ps -o pid= --ppid "$_shell" | tr -d ' '
}

tui_screen() {
	tmux_ capture-pane -p -t "$TUI_T" 2>/dev/null
}

tui_keys() {
	tmux_ send-keys -t "$TUI_T" "$@"
}

tui_type() {
	tmux_ send-keys -t "$TUI_T" -l "$1"
}

# _tui_wait GREP-FLAGS PATTERN: 0 when the screen shows it in time.
_tui_wait() {
	_n=0
	while [ "$_n" -lt "$TUI_WAIT" ]; do
		if tui_screen | grep -q $1 -- "$2"; then
			return 0
		fi
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

tui_expect() {
	if ! _tui_wait -F "$1"; then
		fail "$2: the screen lacks '$1'"
		tui_screen | sed 's/^/    | /' >&2
		return 1
	fi
}

tui_expect_re() {
	if ! _tui_wait -E "$1"; then
		fail "$2: the screen lacks /$1/"
		tui_screen | sed 's/^/    | /' >&2
		return 1
	fi
}

tui_lacks() {
	if tui_screen | grep -qF -- "$1"; then
		fail "$2: the screen shows '$1'"
		tui_screen | sed 's/^/    | /' >&2
	fi
}

tui_gone() {
	_n=0
	while [ "$_n" -lt "$TUI_WAIT" ]; do
		if ! tui_screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		_n=$((_n + 1))
	done
	fail "$2: the screen still shows '$1'"
	tui_screen | sed 's/^/    | /' >&2
	return 1
}

tui_resize() {
	tmux_ resize-window -t "$TUI_T" -x "$1" -y "$2"
}

# Leaves every screen with Escape q, again each second salkku is still
# there (at most 6 times: no screen is deeper), and checks that it
# ended well.
tui_quit() {
	_i=0
	while [ $_i -lt 6 ] && ! tui_screen | grep -q '\[salkku exited'; do
		tui_keys Escape q
		_n=0
		while [ $_n -lt 10 ] && ! tui_screen | grep -q '\[salkku exited'; do
			sleep 0.1
			_n=$((_n + 1))
		done
		_i=$((_i + 1))
	done
	tui_expect "[salkku exited 0]" "salkku quits cleanly"
}

# tui_open_project CODE [WHO]: from the list, the project's screen, found
# by a search for its code.
tui_open_project() {
	tui_keys /
	tui_type "$1"
	tui_keys Enter Enter
	tui_expect "[Overview]" "${2:+$2: }$1 opens"
}
