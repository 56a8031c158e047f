#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Importing another centre's file from the terminal interface: i asks
# for the file; records changed both here and in the file come up one by
# one on the conflict screen (the file's value beside ours, for the
# fields both changed); m keeps ours, t takes the file's, and only after
# the last is anything written, one-sided changes included.  Esc imports
# nothing.  Read back through the command line.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

vasso="$TEST_TMP/vasso.db"

# field CODE NAME [DB]: a project's field as show --format json has it.
field() {
	"$SALKKU" ${3:+--db "$3"} show "$1" --format json |
		sed -n "s/^    \"$2\": //p" | head -n 1 | sed 's/,$//; s/^"//; s/"$//'
}

# The data (the terminal interface also writes who is looking).
sum() {
	"$SALKKU" export | sha256sum
}

run_salkku init --demo
expect_rc 0 "ISO: init --demo"
run_salkku --db "$vasso" init
run_salkku export --project LUMO --project Varikko -o "$TEST_TMP/iso.json"
run_salkku --db "$vasso" import "$TEST_TMP/iso.json"
expect_rc 0 "Vasso imports LUMO and Varikko"

# Both change LUMO's name and Varikko's website; Vasso also LUMO's
# person-years (one-sided: it simply comes).
run_salkku set LUMO name="ISOn nimi"
run_salkku set Varikko website=https://iso.fi/varikko
run_salkku --db "$vasso" set LUMO name="Vasson nimi" person_years=7
run_salkku --db "$vasso" set Varikko website=https://vasso.fi/varikko
run_salkku --db "$vasso" export --project LUMO --project Varikko -o "$TEST_TMP/vasso.json"
run_salkku import "$TEST_TMP/vasso.json"
expect_rc 5 "the command line refuses the conflicts"

# ---- Esc: nothing imported -----------------------------------------
before=$(sum)
tui_start 100 30
tui_expect "18/18" "the list"
tui_keys i
tui_expect "Import JSON file:" "i asks for the file"
tui_type "$TEST_TMP/vasso.json"
tui_keys Enter
tui_expect_re "Import: (LUMO|Varikko) changed here and in the file \(1 of 2\)" "the first conflict"
tui_expect "In the file" "the file's column"
tui_keys Escape
tui_expect "Nothing was imported from" "Esc: says so"
tui_quit
[ "$(sum)" = "$before" ] || fail "Esc wrote to the database"

# ---- m keeps ours for LUMO, t takes the file's for Varikko ----------
tui_start 100 30
tui_expect "18/18" "the list again"
tui_keys i
tui_expect "Import JSON file:" "i asks again"
tui_type "$TEST_TMP/vasso.json"
tui_keys Enter
tui_expect_re "changed here and in the file \(1 of 2\)" "the first of two"
# The records come in uuid order: answer for whichever is shown.
for n in 1 2; do
	tui_expect_re "changed here and in the file \($n of 2\)" "conflict $n"
	if tui_screen | grep -q "Import: LUMO"; then
		tui_expect "! Name" "LUMO: the field both changed"
		tui_expect "Vasson nimi" "LUMO: the file's value"
		tui_expect "ISOn nimi" "LUMO: ours"
		tui_lacks "Person-years" "LUMO: a one-sided change is no conflict"
		tui_keys m
	else
		tui_expect "! Website" "Varikko: the field both changed"
		tui_expect "https://vasso.fi/varikko" "Varikko: the file's value"
		tui_keys t
	fi
	[ "$n" = 1 ] && tui_expect_re "changed here and in the file \(2 of 2\)" "the second follows"
done
tui_expect "Imported: 0 added, 0 updated, 0 deleted, 2 conflicts settled" "the import ran, both settled"
tui_quit

[ "$(field LUMO name)" = "ISOn nimi" ] || fail "m did not keep our name: $(field LUMO name)"
[ "$(field LUMO person_years)" = "7.00" ] || fail "the one-sided person-years did not come: $(field LUMO person_years)"
[ "$(field Varikko website)" = "https://vasso.fi/varikko" ] || fail "t did not take the file's website: $(field Varikko website)"
# Settled: the file again changes nothing.
before=$(sum)
run_salkku import "$TEST_TMP/vasso.json"
expect_rc 0 "the file again from the command line"
[ "$(sum)" = "$before" ] || fail "the settled file wrote again"

finish
