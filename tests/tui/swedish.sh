#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The Swedish interface: the screens, the help and the forms in Swedish,
# dates and money in the Nordic form, and the search by base form.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"
use_language sv

run_salkku init --demo
expect_rc 0 "init --demo"

tui_start 110 30 "LC_ALL=$lang_locale" "LANGUAGE=sv"
tui_expect "Kod" "the headings are in Swedish"
tui_expect "Förvaltare" "the administrator heading"
tui_expect "?:hjälp" "the footer is in Swedish"
tui_expect "31.12.2023" "dates in the Nordic form"
tui_expect "453 087 €" "money with spaces between thousands"
tui_expect "pågående" "statuses in Swedish"

tui_keys '?'
tui_expect "Flytta markeringen nedåt" "the help is in Swedish"
tui_keys G
tui_expect "I formulär och dialoger" "the help's headings"
tui_keys q
tui_keys 2
tui_expect "välfärdsområde" "the organisations' kinds"
tui_keys 3
tui_expect "Tidsfrister — de följande 60 dagarna" "the deadlines screen"
tui_keys 4
tui_expect "Tidslinje" "the timeline"
tui_keys 1
tui_keys /
tui_type "Varikko"
tui_keys Enter
tui_expect "Sökning: Varikko" "the search in the title line"
tui_expect_re "^>Varikko " "the exact name first"
tui_keys Enter
tui_expect "Översikt" "the project's tabs"
tui_expect "ansökt" "its status"
tui_keys e
tui_expect "Tab/S-Tab: fält  Enter: spara" "the form"
tui_keys Escape Escape Escape
tui_keys t
tui_expect "Byt skede" "the status dialog"
tui_keys Escape

tui_resize 80 24
tui_expect "Kod" "80x24 in Swedish"
tui_expect "?:hjälp" "its footer"
tui_quit
finish
