#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Scrolling leaves nothing stale or garbled: after j past the end of
# the page, k back over its top, PgDn, G and g, with long Finnish names
# and wide characters in the rows and a resize in between, the screen
# is what a fresh redraw (C-l) shows, colours and reverse video
# included; on the project list and the timeline.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

have_py pty || { echo "SKIP: python3 is not installed"; exit 77; }
PY=/usr/bin/python3

run_salkku init
expect_rc 0 "init"
set -- "Ikäihmisten kotihoidon yhteiskehittäminen" "Lastensuojelun sijaishuolto" \
	"Työhyvinvoinnin ja osaamisen vahvistaminen sosiaalialalla" "東京の介護 – vertaisoppiminen" \
	"Nuorten syrjäytymisen ehkäisy" "Päihde- ja mielenterveystyön yhteistoiminta"
statuses="idea preparing applied granted active reporting closed rejected"
i=1
while [ $i -le 70 ]; do
	eval "name=\${$((i % 6 + 1))}"
	status=$(echo $statuses | cut -d' ' -f$((i % 8 + 1)))
	"$SALKKU" add "$(echo KOTI SIJAIS TYÖ ÄÄNI | cut -d' ' -f$((i % 4 + 1)))-$(printf %04d $i)" \
		"$name $i" budget=$((i * 7919)).50 \
		planned_start=20$((20 + i % 5))-0$((i % 9 + 1))-01 \
		planned_end=20$((25 + i % 4))-0$((i % 9 + 1))-1$((i % 9)) \
		--status "$status" >/dev/null || fail "add $i"
	i=$((i + 1))
done

# The screen with the attributes of each cell, less the status line's
# message, written one way (tests/tui/cells.py: tmux may capture one
# screen in different words).
painted() {
	tmux_ capture-pane -p -e -t "$TUI_T" |
		"$PY" "$top_srcdir/tests/tui/cells.py" | grep -v "F1[12] "
}

# settled KEY: a key that does nothing has been answered (the status
# line names it, in either language), so every key sent before it has
# been handled and painted.
settled() {
	tui_keys "$1"
	tui_expect_re "^ $1 " "$1 answered"
}

# same_as_redrawn DESCRIPTION: the screen equals itself redrawn.
same_as_redrawn() {
	settled F11
	painted >"$TEST_TMP/before"
	tui_keys C-l
	settled F12
	painted >"$TEST_TMP/after"
	if ! cmp -s "$TEST_TMP/before" "$TEST_TMP/after"; then
		fail "$1: the screen differs from a fresh redraw"
		diff "$TEST_TMP/before" "$TEST_TMP/after" | cat -v | sed 's/^/    /' >&2
	fi
}

# keys N KEY: KEY sent N times.
keys() {
	_k=0
	while [ $_k -lt "$1" ]; do
		tui_keys "$2"
		_k=$((_k + 1))
	done
}

for lang in C.UTF-8 fi_FI.UTF-8; do
	tui_start 100 30 "LC_ALL=$lang"
	tui_expect "70/70" "$lang: the list is up"
	same_as_redrawn "$lang: the first frame"
	keys 30 j
	tui_expect_re "^>SIJAIS-0053 " "$lang: j past the end of the page"
	same_as_redrawn "$lang: j past the end of the page"
	keys 29 k
	tui_expect_re "^>KOTI-0008 " "$lang: k back"
	same_as_redrawn "$lang: k back over the top"
	tui_keys PgDn PgDn
	same_as_redrawn "$lang: PgDn twice"
	tui_keys G
	tui_expect_re "^>ÄÄNI-0067 " "$lang: G"
	same_as_redrawn "$lang: G"
	keys 3 k
	keys 5 j
	same_as_redrawn "$lang: k and j at the end"
	tui_keys g
	tui_expect_re "^>KOTI-0004 " "$lang: g"
	same_as_redrawn "$lang: g"

	# Smaller, scrolled, and back.
	tui_resize 80 24
	tui_expect "?:" "$lang: drawn at 80x24"
	same_as_redrawn "$lang: resized to 80x24"
	keys 25 j
	tui_expect_re "^>SIJAIS-0033 " "$lang: j on the smaller page"
	same_as_redrawn "$lang: j past the end of the smaller page"
	keys 22 k
	tui_expect_re "^>KOTI-0016 " "$lang: k on the smaller page"
	same_as_redrawn "$lang: k back on the smaller page"
	tui_resize 100 30
	tui_expect_re "^>KOTI-0016 .*€" "$lang: drawn at 100x30 again"
	same_as_redrawn "$lang: resized back"
	keys 27 j
	tui_expect_re "^>SIJAIS-0053 " "$lang: j after the resize"
	same_as_redrawn "$lang: j past the end after the resize"

	# The timeline draws its own rows.
	tui_keys 4
	tui_expect_re "20(2[0-9])" "$lang: the timeline"
	keys 30 j
	same_as_redrawn "$lang: timeline, j past the end of the page"
	keys 28 k
	same_as_redrawn "$lang: timeline, k back"
	tui_keys G
	same_as_redrawn "$lang: timeline, G"
	tui_keys g
	same_as_redrawn "$lang: timeline, g"
	tui_quit
done
finish
