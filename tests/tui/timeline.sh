#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The timeline as a picture of the years: it opens on the years the
# portfolio covers (every project with a date shows its bar, however
# long ago it ended), projects without dates come last, and + - z zoom
# between months, quarters and years; a takes it back to all the years.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

# Years after the demo's: a view around today would leave its early
# projects out.
export SALKKU_TODAY=2026-06-01
run_salkku init --demo
expect_rc 0 "init --demo"
run_salkku list --format csv
printf '%s\n' "$out" >"$TEST_TMP/list.csv"
# The first and last year of any date, the projects with dates (the
# timeline shows their codes whole), and how many have none.
python3 - "$TEST_TMP/list.csv" >"$TEST_TMP/facts" <<'EOF' || exit 99
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
dates = [r[k] for r in rows for k in ("start", "end") if r[k]]
print("FIRST=%s" % min(dates)[:4])
print("LAST=%s" % max(dates)[:4])
dated = [r["code"] for r in rows if r["start"] or r["end"]]
print("DATED='%s'" % "\n".join(dated))
print("UNDATED=%d" % (len(rows) - len(dated)))
print("TOTAL=%d" % len(rows))
EOF
. "$TEST_TMP/facts"
[ "$UNDATED" -gt 0 ] || fail "the demo has projects without dates"

tui_start 120 40
tui_expect "$TOTAL/$TOTAL" "the list is up"
tui_keys 4
tui_expect "Timeline $FIRST–" "it opens on the first year of the portfolio"
# Not a pipe: fail must count in this shell.
printf '%s\n' "$DATED" >"$TEST_TMP/dated"
while IFS= read -r label; do
	tui_expect_re "^[ >]$label +. +[│ ]*[░▒▓█─╌]" "$label has its bar on open"
done <"$TEST_TMP/dated"
# Projects without dates last: after the last bar, only "(no dates)".
tui_screen | awk '/\(no dates\)/ { undated++; next }
	/[░▒▓█─╌]/ { if (undated) bad = 1 }
	END { exit bad || undated != '"$UNDATED"' }' ||
	fail "projects without dates are not last: $(tui_screen)"

# Zoom: out to years, in to quarters and months, z in turn.
tui_keys -
tui_keys -
tui_expect "years, by start" "- zooms out to years"
tui_expect_re "Timeline $FIRST–[0-9]{4}, years" "from the same left edge"
tui_keys +
tui_expect "quarters, by start" "+ zooms in to quarters"
tui_expect_re "'[0-9]{2} +'[0-9]{2}" "quarters: a year every four columns"
tui_keys +
tui_expect "months, by start" "+ again: months"
tui_expect_re "$FIRST  · +[0-9]{4}  ·" "months: years and their halves in the heading"
tui_keys z
tui_expect "quarters, by start" "z goes round: quarters"
tui_keys l l l
tui_gone "Timeline $FIRST–" "l scrolls on"
tui_keys a
tui_expect "Timeline $FIRST–" "a shows all the years again"
tui_quit
finish
