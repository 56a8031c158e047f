#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The project list reads a window of the projects, from the row it
# borders or from the end: G shows the last project by the list's order
# (the Nordic one), PgUp from there and j from the top read the rows
# they reach, none missing, none twice, in English and in Finnish; the
# pages read ahead while no key waits join the rows read before.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init
expect_rc 0 "init"
i=1
while [ $i -le 118 ]; do
	"$SALKKU" add "P$(printf %03d $i)" "Hanke $i" >/dev/null || fail "add $i"
	i=$((i + 1))
done
run_salkku add "ÖLJY-1" "Öljy"
run_salkku add "ÅBO-1" "Åbo"
expect_rc 0 "setup"

# The codes of the rows on screen, as numbers, in order: consecutive.
consecutive() {
	prev=
	for k in $(tui_screen | sed -n 's/^. *P\([0-9][0-9][0-9]\) .*/\1/p'); do
		k=$(expr "$k" + 0)
		if [ -n "$prev" ] && [ "$k" -ne $((prev + 1)) ]; then
			fail "$1: P$k after P$prev"
			tui_screen | sed 's/^/    | /' >&2
			return
		fi
		prev=$k
	done
	[ -n "$prev" ] || fail "$1: no rows"
}

use_language fi
export LC_ALL=C.UTF-8
for lang in C.UTF-8 "$lang_locale"; do
	case $lang in C.*) lg=en ;; *) lg=fi ;; esac
	tui_start 100 24 "LC_ALL=$lang" "LANGUAGE=$lg"
	tui_expect "120/120" "$lang: the list is up"
	tui_keys G
	tui_expect_re "^> *ÖLJY-1 " "$lang: G on the last by the Nordic order"
	tui_expect "ÅBO-1" "$lang: Å before Ö"
	tui_lacks "P001" "$lang: the first off screen"
	tui_keys PgUp
	tui_expect "P09" "$lang: PgUp from the end reads the rows before"
	sleep 0.3
	consecutive "$lang: PgUp from the end"
	tui_keys PgUp PgUp PgUp PgDn
	sleep 0.3
	consecutive "$lang: paged up and down"
	tui_keys G
	tui_expect_re "^> *ÖLJY-1 " "$lang: G again"
	for _ in $(seq 50); do tui_keys k; done
	tui_expect_re "^> *P070 " "$lang: 50 up from the end: the 70th"
	consecutive "$lang: k across windows"
	tui_keys g
	tui_expect_re "^> *P001 " "$lang: g back at the first"
	for _ in $(seq 70); do tui_keys j; done
	tui_expect_re "^> *P071 " "$lang: 70 down: the 71st"
	consecutive "$lang: j across windows"
	tui_quit
done

# Paused between keys, salkku reads the pages past the screen before
# the next key comes, down and then up, and joins them to the rows it
# has: each page is whole and in order, down to the end and back.
tui_start 100 24
tui_expect "120/120" "the list is up again"
for i in 1 2 3 4 5 6 7; do
	sleep 0.3
	tui_keys PgDn
	consecutive "PgDn $i after a pause"
done
tui_expect_re "^> *ÖLJY-1 " "paged down to the last"
for i in 1 2 3 4 5 6 7; do
	sleep 0.3
	tui_keys PgUp
	consecutive "PgUp $i after a pause"
done
tui_expect_re "^> *P001 " "paged up to the first"
sleep 0.3
tui_keys PgDn PgDn
sleep 0.3
tui_keys PgUp
consecutive "down, then up again"
# G is a jump: PgUp from the end reads the page before it, then reads
# ahead from there.
tui_keys G
sleep 0.3
tui_keys PgUp
consecutive "PgUp after G and a pause"
tui_expect "P10" "the page before the last"
sleep 0.3
tui_keys PgUp
consecutive "PgUp again, after a pause"
tui_quit
finish
