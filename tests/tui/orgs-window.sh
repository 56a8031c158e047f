#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The organisations screen reads a window of the organisations in the
# Nordic order of their names: G shows the last, PgUp from there and j
# from the top read the rows they reach, none missing, none twice, and
# the search (name, region, the kind as shown) narrows them in the
# database, in English and in Finnish.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init
expect_rc 0 "init"
i=1
while [ $i -le 100 ]; do
	n=$(printf %03d $i)
	if [ $((i % 10)) -eq 0 ]; then kind=university; else kind=ngo; fi
	"$SALKKU" org add "Yhdistys $n" kind=$kind region="Alue$n" >/dev/null ||
		fail "org add $n"
	i=$((i + 1))
done
run_salkku org add "Zeta ry" kind=ngo
run_salkku org add "Äänekosken kaupunki" kind=municipality
run_salkku org add "Åbo Akademi" kind=university
expect_rc 0 "setup"

# Rows of the screen that name a Yhdistys, as their numbers, in order:
# consecutive, none missing, none twice.
consecutive() {
	prev=
	for k in $(tui_screen | sed -n 's/^. *Yhdistys \([0-9]*\) .*/\1/p'); do
		k=$(expr "$k" + 0)
		if [ -n "$prev" ] && [ "$k" -ne $((prev + 1)) ]; then
			fail "$1: Yhdistys $k after $prev"
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
	tui_keys 2
	tui_expect "Yhdistys 001" "$lang: the first rows"
	tui_expect_re " 103 *$" "$lang: every organisation counted"
	tui_keys G
	tui_expect_re "^> *Äänekosken kaupunki" "$lang: G on the last by the Nordic order"
	tui_expect "Åbo Akademi" "$lang: Å before Ä"
	tui_lacks "Yhdistys 001" "$lang: the first off screen"
	tui_keys PgUp
	tui_expect "Yhdistys 08" "$lang: PgUp from the end reads the rows before"
	sleep 0.3
	consecutive "$lang: PgUp from the end"
	tui_keys PgUp PgUp PgUp PgDn
	sleep 0.3
	consecutive "$lang: paged up and down"
	tui_keys g
	tui_expect_re "^> *Yhdistys 001" "$lang: g back at the first"
	for _ in $(seq 60); do tui_keys j; done
	tui_expect_re "^> *Yhdistys 061" "$lang: 60 down: the 61st"
	consecutive "$lang: j across windows"
	tui_keys g

	# The name, the region and the kind as shown in the language.
	tui_keys /
	tui_type "alue042"
	tui_keys Enter
	tui_expect "Yhdistys 042" "$lang: found by the region"
	tui_lacks "Yhdistys 041" "$lang: the others narrowed away"
	tui_keys /
	tui_keys C-u
	if [ $lg = en ]; then tui_type "universit"; else tui_type "yliopisto"; fi
	tui_keys Enter
	tui_expect "Yhdistys 010" "$lang: found by the kind as shown"
	tui_expect "Åbo Akademi" "$lang: every one of that kind"
	tui_lacks "Yhdistys 011" "$lang: another kind narrowed away"
	tui_expect_re "11/103 *$" "$lang: the matches counted"
	tui_keys /
	tui_keys C-u
	tui_type "ZETA"
	tui_keys Enter
	tui_expect "Zeta ry" "$lang: found by the name, case folded"
	tui_lacks "Yhdistys" "$lang: the others narrowed away"
	tui_quit
done
finish
