#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A project's change log tab reads its history a window at a time: of
# 1,200 entries (once cut at the newest 1,000) G reaches the oldest,
# PgUp from there and PgDn from the top and j across windows show every
# entry once, newest first, another session's change comes in at the
# top with the cursor kept on its entry, and a search finds an entry
# however old.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

run_salkku init
expect_rc 0 "init"
# LOKI renamed 1,200 times: "nimi 0000" → "nimi 0001" … → "nimi 1200".
awk 'BEGIN {
	p = "\"00000000-0000-4000-8000-000000001001\""
	printf "{\"format\": \"salkku\", \"format_version\": 2, \"projects\": {"
	printf p ": {\"version\": 1201, \"updated_at\": \"2023-01-01T08:00:00Z\", "
	printf "\"updated_by\": \"test\", \"code\": \"LOKI\", \"name\": \"nimi 1200\", "
	printf "\"status\": \"idea\"}}, \"changes\": {"
	for (i = 1; i <= 1200; i++)
		printf "%s\"00000000-0000-4000-8000-%012d\": {\"at\": \"2023-01-01T%02d:%02d:%02dZ\", \"who\": \"test\", \"action\": \"update\", \"entity\": \"project\", \"record\": " p ", \"project\": " p ", \"title\": \"LOKI\", \"field\": \"name\", \"old\": \"nimi %04d\", \"new\": \"nimi %04d\"}", (i > 1 ? ", " : ""), 5000 + i, int(i / 3600), int(i / 60) % 60, i % 60, i - 1, i
	printf "}}\n"
}' >"$TEST_TMP/history.json"
run_salkku import "$TEST_TMP/history.json"
expect_rc 0 "import"

# The entries on the screen, newest first, each one older than the one
# above it by one rename: none missing, none twice.
in_order() {
	tui_screen | awk -v what="$1" '
		/→ nimi [0-9][0-9][0-9][0-9]/ {
			n = substr($0, index($0, "→ nimi ") + length("→ nimi "), 4) + 0
			if (seen && n != prev - 1) {
				printf "%s: nimi %04d after nimi %04d\n", what, n, prev
				bad = 1
			}
			seen = 1; prev = n
		}
		END { if (!seen) print what ": no entries"; exit bad || !seen }' >"$TEST_TMP/order" ||
		{ fail "$(cat "$TEST_TMP/order")"; tui_screen | sed 's/^/    | /' >&2; }
}

tui_start 100 24
tui_expect "LOKI" "the list"
tui_open_project LOKI
tui_expect "[Overview]" "the project"
tui_keys BTab
tui_expect "[Changes]" "the change log tab"
tui_expect_re "^>.*nimi 1199 → nimi 1200" "the newest entry first"
in_order "the first screen"
tui_keys G
tui_expect_re "^>.*nimi 0000 → nimi 0001" "G: the oldest entry, past the newest 1,000"
in_order "the oldest"
for i in 1 2 3 4 5; do
	tui_keys PgUp
	sleep 0.2
	in_order "PgUp $i from the end"
done
tui_keys g
tui_expect_re "^>.*nimi 1199 → nimi 1200" "g: the newest again"
for i in 1 2 3 4 5; do
	tui_keys PgDn
	sleep 0.2
	in_order "PgDn $i"
done
tui_keys g
for _ in $(seq 60); do tui_keys j; done
tui_expect_re "^>.*nimi 1139 → nimi 1140" "60 down: the 61st newest"
in_order "j across windows"

# Another session's change: a new entry at the top, the cursor kept on
# its entry, three windows down.
run_salkku set LOKI "name=nimi uusi"
expect_rc 0 "set"
TUI_WAIT=25 tui_expect "LOKI — nimi uusi" "another session's change shows"
tui_expect_re "^>.*nimi 1139 → nimi 1140" "the cursor stays on its entry"
in_order "after another session's change"
tui_keys g
tui_expect_re "^>.*nimi 1200 → nimi uusi" "the new entry at the top"

# A search: entries as old as any.
tui_keys /
tui_type "nimi 0007"
tui_keys Enter
tui_expect_re "nimi 0006 → nimi 0007" "found: the rename to it"
tui_expect_re "nimi 0007 → nimi 0008" "found: the rename from it"
tui_lacks "nimi 0009" "the others narrowed away"
tui_quit
finish
