#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A project still granted or active after its planned end should be
# reporting: the project list marks its end with "!" before the date
# (a sign, not a colour: see view_projects.c).  On the demo (as of
# 15.1.2024) Kansa-koulu II is active and ended 31.12.2019; Kansa-koulu
# 5 is active until 31.3.2024, ISO-perustoiminta 2023 ended but is
# reporting: neither is marked.  In English and Finnish.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

tui_start 100 30 "LC_ALL=C.UTF-8" "LANGUAGE=en"
tui_expect_re "^ Kansa-koulu II .* !2019-12-31" "en: past its end, marked"
tui_expect_re "^ Kansa-koulu 5 .* 2024-03-31" "en: running, before its end"
tui_lacks "!2024-03-31" "en: before its end, not marked"
tui_lacks "!2023-12-31" "en: reporting after its end, not marked"
tui_quit

use_language fi
tui_start 80 24 "LC_ALL=$lang_locale" "LANGUAGE=fi"
tui_expect_re "^ Kansa-koulu II .* !31\.12\.2019" "fi: past its end, marked"
tui_lacks "!31.3.2024" "fi: before its end, not marked"
tui_quit
finish
