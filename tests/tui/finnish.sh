#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The Finnish interface: the screens in Finnish, dates and money in the
# Finnish form, and rows that stay aligned with Finnish and wide (CJK)
# characters in them.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

# A Finnish locale: installed, or built here from the system's sources.
fi_locale=$(locale -a 2>/dev/null | grep -i '^fi_FI\.utf-\?8$' | head -n 1)
if [ -z "$fi_locale" ]; then
	if command -v localedef >/dev/null 2>&1 &&
	   [ -f /usr/share/i18n/locales/fi_FI ] &&
	   localedef -i fi_FI -f UTF-8 "$TEST_TMP/loc/fi_FI.UTF-8" >/dev/null 2>&1; then
		export LOCPATH="$TEST_TMP/loc"
		fi_locale=fi_FI.UTF-8
	else
		echo "SKIP: no fi_FI.UTF-8 locale, and none can be built here (install locales)"
		exit 77
	fi
fi

# The catalogue, compiled from po/fi.po itself when msgfmt is there (a
# built fi.gmo may be older than fi.po), where salkku looks for it under
# the test harness.
if command -v msgfmt >/dev/null 2>&1; then
	msgfmt -o "$TEST_TMP/fi.gmo" "$top_srcdir/po/fi.po" || exit 99
	gmo="$TEST_TMP/fi.gmo"
else
	gmo="$top_builddir/po/fi.gmo"
	[ -f "$gmo" ] || gmo="$top_srcdir/po/fi.gmo"
	if [ ! -f "$gmo" ]; then
		echo "SKIP: po/fi.gmo is not built and msgfmt is missing"
		exit 77
	fi
fi
mkdir -p "$SALKKU_LOCALEDIR/fi/LC_MESSAGES" || exit 99
cp "$gmo" "$SALKKU_LOCALEDIR/fi/LC_MESSAGES/salkku.mo.$$" &&
	mv "$SALKKU_LOCALEDIR/fi/LC_MESSAGES/salkku.mo.$$" \
	   "$SALKKU_LOCALEDIR/fi/LC_MESSAGES/salkku.mo" || exit 99

run_salkku init
expect_rc 0 "init"
run_salkku add code=ASCII-1 "name=Plain ASCII name for alignment" \
	planned_start=2024-01-01 planned_end=2024-03-31 budget=1250000
expect_rc 0 "an ASCII project"
run_salkku add code=ÄÄKKÖS-2 "name=Äänekosken öljyä ja ååå – pitkä nimi" \
	planned_start=2023-01-15 planned_end=2023-12-31 budget=453087
expect_rc 0 "a Finnish project"
run_salkku add code=漢字-3 "name=中文名字的项目很长很长很长很长很长很长很长很长" \
	planned_start=2022-05-01 planned_end=2025-05-01
expect_rc 0 "a CJK project"

tui_start 100 30 "LC_ALL=$fi_locale" "LANGUAGE=fi"
tui_expect "Koodi" "the headings are in Finnish"
tui_expect "Budjetti" "the budget heading"
tui_expect "?:ohje" "the footer is in Finnish"
tui_expect "31.3.2024" "dates in the Finnish form"
tui_expect "1 250 000 €" "money in the Finnish form"
tui_expect "453 087 €" "with spaces between thousands"

# Aligned: what comes before the status takes the same cells on each
# row, whatever the letters (wc -L counts display columns).
tui_screen | grep -E '^.(ASCII-1|ÄÄKKÖS-2|漢字-3) ' >"$TEST_TMP/rows"
[ "$(wc -l <"$TEST_TMP/rows")" -eq 3 ] || fail "the three projects show"
widths=$(sed 's/ · .*//' "$TEST_TMP/rows" | while IFS= read -r line; do
		printf '%s\n' "$line" | LC_ALL=C.UTF-8 wc -L
	 done | sort -u)
[ "$(printf '%s\n' "$widths" | wc -l)" -eq 1 ] ||
	fail "the status column is not aligned (widths: $(echo $widths))"
tui_screen | grep -q '中文名字的项目很长很长.*…' ||
	fail "a wide name is cut by display width with an ellipsis"

tui_keys '?'
tui_expect "Siirrä valintaa alas" "the help is in Finnish"
tui_keys q
tui_keys 3
tui_expect "Määräajat — seuraavat 60 päivää" "the deadlines screen"
tui_keys 4
tui_expect "Aikajana" "the timeline"
tui_keys 1 j Enter
tui_expect "[Yleiset]" "the project's tabs"
tui_keys e
tui_expect "Tab/S-Tab: kenttä  Enter: tallenna" "the form"
tui_keys Escape Escape

tui_resize 80 24
tui_expect "Koodi" "80x24 in Finnish"
tui_expect "?:ohje" "its footer"
tui_quit
finish
