#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A one-line scroll writes only what changed (the terminal scrolls the
# list; two rows are written), and a frame leaves in one write() — one
# packet over ssh — not a write per cursor movement.  On a pseudo-
# terminal read byte by byte (tests/tui/scroll-bytes.py), with long
# Finnish names and wide characters in the rows, in English and in
# Finnish.
. "${top_srcdir:-.}/tests/lib.sh"

have_py pty || { echo "SKIP: python3 is not installed"; exit 77; }
PY=/usr/bin/python3

run_salkku init
expect_rc 0 "init"
# Rows that differ as real ones do: names of every length, Finnish
# letters, wide characters, each status, dates and budgets.
set -- "Ikäihmisten kotihoidon yhteiskehittäminen" "Lastensuojelun sijaishuolto" \
	"Työhyvinvoinnin ja osaamisen vahvistaminen sosiaalialalla" "東京の介護 – vertaisoppiminen" \
	"Nuorten syrjäytymisen ehkäisy" "Päihde- ja mielenterveystyön yhteistoiminta"
statuses="idea preparing applied granted active reporting closed rejected"
i=1
while [ $i -le 60 ]; do
	eval "name=\${$((i % 6 + 1))}"
	status=$(echo $statuses | cut -d' ' -f$((i % 8 + 1)))
	"$SALKKU" add "$(echo KOTI SIJAIS TYÖ ÄÄNI | cut -d' ' -f$((i % 4 + 1)))-$(printf %04d $((i * 37)))" \
		"$name $i" budget=$((i * 7919)).50 planned_end=20$((20 + i % 9))-0$((i % 9 + 1))-1$((i % 9)) \
		--status "$status" >/dev/null || fail "add $i"
	i=$((i + 1))
done
# Deadlines, most of them overdue (marked with ! and the date in red).
i=1
for code in $("$SALKKU" list --format csv --limit 60 | tail -n +2 | cut -d, -f1); do
	"$SALKKU" deadline add "$code" "$(echo payment report_due other | cut -d' ' -f$((i % 3 + 1)))" \
		2023-$(printf %02d $((i % 12 + 1)))-1$((i % 10)) >/dev/null || fail "deadline $i"
	i=$((i + 1))
done

# strace counts the write() calls, where it may trace (not in every
# container).
log=
if command -v strace >/dev/null 2>&1 &&
	strace -q -o /dev/null true 2>/dev/null; then
	log="$TEST_TMP/strace.log"
fi

# At 100 columns 157-180 bytes measured on the list (224-251 when the
# selection lit the whole row) and 239-267 on the deadlines, 246-284 in
# Finnish (312 in English before the blank between "!" and the date
# took their colour); a repaint of the page is more than 2,000.
for lang in C.UTF-8 fi_FI.UTF-8; do
	LC_ALL=$lang "$PY" "$top_srcdir/tests/tui/scroll-bytes.py" "$SALKKU" 1 220 $log ||
		fail "$lang: one-line scrolls of the list"
	LC_ALL=$lang "$PY" "$top_srcdir/tests/tui/scroll-bytes.py" "$SALKKU" 3 300 ||
		fail "$lang: one-line scrolls of the deadlines"
done
finish
