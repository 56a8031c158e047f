#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The terminal interface starts without Voikko, Snowball, libical and
# libxlsxwriter (and what they bring): they are opened when a search,
# a calendar or a workbook first needs one.  A search loads Voikko, as
# soon as its prompt shows: the first letter does not wait for it.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"
# Whether this build searches with Voikko at all.
LD_DEBUG=files "$SALKKU" list Varikko >/dev/null 2>"$TEST_TMP/trace"
grep -q 'file=libvoikko' "$TEST_TMP/trace" && voikko=yes || voikko=no

tui_start 100 30
tui_expect "18/18" "the list is up"
pid=$(tui_pid)
[ -n "$pid" ] && [ -r "/proc/$pid/maps" ] || { echo "no /proc/$pid/maps"; exit 99; }
# Every screen, then the maps.
tui_keys 2
tui_expect "Short name" "the organisations"
tui_keys 3
tui_expect "Deadlines — the next 60 days" "the deadlines"
tui_keys 4
tui_expect "(no dates)" "the timeline"
tui_keys 5
tui_expect "Report — " "the report"
tui_keys 1
tui_expect "18/18" "back on the list"
maps=$(cut -c74- "/proc/$pid/maps" | sed -n 's|.*/||p' | sort -u)
case $maps in
# (Not libstdc++: a sanitizer build's run-time brings it.)
*libvoikko* | *libstemmer* | *libical* | *libxlsxwriter* | *libicuuc*)
	fail "the terminal interface loaded: $(printf '%s\n' "$maps" |
		grep -E 'voikko|stemmer|ical|xlsx|icu' | tr '\n' ' ')" ;;
esac
printf '%s\n' "$maps" | grep -q '^libsqlite3\.so' ||
	fail "the maps do not show even SQLite: $maps"

if [ "$voikko" = yes ]; then
	tui_keys /
	tui_expect_re "^/ *$" "the search prompt"
	n=0
	until grep -q 'libvoikko' "/proc/$pid/maps"; do
		if [ "$n" -ge "$TUI_WAIT" ]; then
			fail "the search prompt did not load Voikko before the first letter"
			break
		fi
		sleep 0.1
		n=$((n + 1))
	done
	tui_type "Varikko"
	tui_expect_re " 2/18 · ranked by relevance *$" "the search found them"
	grep -q 'libvoikko' "/proc/$pid/maps" ||
		fail "a search did not load Voikko"
	tui_keys Escape
fi
tui_quit
finish
