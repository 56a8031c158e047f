#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The counts in the deadline screen's title are grouped by thousands as
# the language writes them: "overdue 1,234" in English, "1 234" in
# Finnish (it read "overdue 1234" in both).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

# today is 2023-11-20: 1,234 weekly meetings since 1970, all past (a
# series holds at most 520).
run_salkku init
run_salkku add ESR "ESR-hanke" --status active
expect_rc 0 "setup"
for series in 1970-01-05:520 1980-01-07:520 2000-01-03:194; do
	run_salkku deadline add ESR steering_meeting "${series%:*}" "Viikkopalaveri" \
		--every 1weeks --count "${series#*:}"
	expect_rc 0 "series from ${series%:*}"
done

tui_start 100 24
tui_expect "1/1" "the list is up"
tui_keys 3
tui_expect "overdue 1,234 · coming 0" "English groups with a comma"

# The first frame counts 1,000 deadlines, the rest follow: G at once
# (before keys pause) still goes to the last of all, the 1,234th, not
# to the 1,000th (1989-03-13).
tui_start 100 24
tui_expect "1/1" "the list is up again"
tui_keys 3 G
tui_expect_re "^>! 2003-09-15 " "G on the last deadline of all"
tui_expect "overdue 1,234 · coming 0" "counted"
tui_keys j
sleep 0.3
tui_expect_re "^>! 2003-09-15 " "j: nothing after the last"
tui_lacks "1989-" "j: nothing after the last"
tui_keys g
tui_expect_re "^>! 1970-01-05 " "g on the first"

use_language fi
tui_start 100 24 "LC_ALL=$lang_locale" "LANGUAGE=fi"
tui_expect "1/1" "fi: the list is up"
tui_keys 3
tui_expect_re " 1 234 · [^ ]+ 0" "fi: Finnish groups with a space"
tui_lacks "1234" "fi: not ungrouped"
finish
