#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# -o FILE: a FIFO (or /dev/null) is written into, not replaced by a
# regular file; a new file gets the mode the umask leaves, an old one
# keeps its own; a failed write leaves the old file as it was.  For
# export (json, csv, ics, xlsx) and report (text, csv, xlsx).
. "${top_srcdir:-.}/tests/lib.sh"

run_salkku init --demo
expect_rc 0 "init --demo"

# read_fifo NAME ARGS...: salkku ARGS writes into the FIFO NAME, read
# by cat in the background (which gives up after 10 s: a FIFO that was
# replaced is never written to).
read_fifo() {
	name=$1
	shift
	rm -f "$TEST_TMP/$name" "$TEST_TMP/got-$name"
	mkfifo "$TEST_TMP/$name" || { fail "mkfifo"; return; }
	timeout 10 cat "$TEST_TMP/$name" >"$TEST_TMP/got-$name" &
	reader=$!
	run_salkku "$@" -o "$TEST_TMP/$name"
	# A salkku that replaced the FIFO left the reader waiting.
	[ -p "$TEST_TMP/$name" ] || { fail "$*: the FIFO was replaced"; kill $reader 2>/dev/null; }
	wait $reader
	expect_rc 0 "$* -o FIFO"
	ls "$TEST_TMP" | grep -q "^$name\\." && fail "$*: a temporary file is left"
}

read_fifo export.json export --format json
head -c 1 "$TEST_TMP/got-export.json" | grep -q "{" ||
	fail "export json into a FIFO: what came through: $(head -c 80 "$TEST_TMP/got-export.json")"
read_fifo export.csv export --format csv
grep -q "Kansa-koulu II" "$TEST_TMP/got-export.csv" || fail "export csv into a FIFO"
read_fifo export.ics export --format ics
grep -q "BEGIN:VCALENDAR" "$TEST_TMP/got-export.ics" || fail "export ics into a FIFO"
read_fifo report.txt report --year 2023
grep -q "2023" "$TEST_TMP/got-report.txt" || fail "report into a FIFO"
read_fifo report.csv report --year 2023 --format csv
[ -s "$TEST_TMP/got-report.csv" ] || fail "report csv into a FIFO"
# Where salkku writes workbooks (libxlsxwriter is there).
if "$SALKKU" export --format xlsx -o "$TEST_TMP/probe.xlsx" 2>/dev/null; then
	# The workbook is written by name elsewhere and copied in.
	read_fifo export.xlsx export --format xlsx
	head -c 2 "$TEST_TMP/got-export.xlsx" | grep -q "PK" || fail "export xlsx into a FIFO"
	read_fifo report.xlsx report --year 2023 --format xlsx
	head -c 2 "$TEST_TMP/got-report.xlsx" | grep -q "PK" || fail "report xlsx into a FIFO"
fi

# The mode of a new file is what the umask leaves; an old file keeps its
# own (a mode of 0600 for every export hid it from the rest of a team).
(umask 022 && "$SALKKU" export --format csv -o "$TEST_TMP/new.csv") ||
	fail "export -o new.csv"
[ "$(stat -c %a "$TEST_TMP/new.csv")" = 644 ] ||
	fail "a new file under umask 022: mode $(stat -c %a "$TEST_TMP/new.csv")"
(umask 027 && "$SALKKU" report --year 2023 -o "$TEST_TMP/new.txt") ||
	fail "report -o new.txt"
[ "$(stat -c %a "$TEST_TMP/new.txt")" = 640 ] ||
	fail "a new report under umask 027: mode $(stat -c %a "$TEST_TMP/new.txt")"
chmod 664 "$TEST_TMP/new.csv"
(umask 077 && "$SALKKU" export --format csv -o "$TEST_TMP/new.csv") ||
	fail "export -o over new.csv"
[ "$(stat -c %a "$TEST_TMP/new.csv")" = 664 ] ||
	fail "an old file keeps its mode: $(stat -c %a "$TEST_TMP/new.csv")"

# A failed export leaves the old file: --format ics of an unknown
# project's deadlines is refused before anything is written.
echo "old" >"$TEST_TMP/kept.json"
run_salkku report --year notayear -o "$TEST_TMP/kept.json"
[ "$rc" -ne 0 ] || fail "report --year notayear: exit status 0"
[ "$(cat "$TEST_TMP/kept.json")" = old ] || fail "a refused report changed the old file"
ls "$TEST_TMP" | grep -q "^kept.json\\." && fail "a refused report left a temporary file"
finish
