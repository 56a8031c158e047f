#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# salkku list: filters, sorting, limits, the three formats, and a table
# aligned by display width with Finnish and CJK names.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS

# csv_codes: the first column of CSV output, without the header.
csv_codes() {
	printf '%s\n' "$out" | tr -d '\r' | sed 1d | cut -d, -f1 | tr '\n' ' '
}

# widths: how many different display widths the lines of $out have.
widths() {
	printf '%s\n' "$out" | while IFS= read -r line; do
		printf '%s\n' "$line" | wc -L
	done | sort -u | wc -l
}

run_salkku init
expect_rc 0 "init"
run_salkku org add "Itä-Suomen sosiaalialan osaamiskeskus" short_name=ISO kind=competence_centre
expect_rc 0 "org add ISO"
run_salkku org add "Sosiaali- ja terveysministeriö" short_name=STM kind=ministry
expect_rc 0 "org add STM"
run_salkku org add "Pohjois-Savon hyvinvointialue" kind=wellbeing_county
expect_rc 0 "org add a county"
run_salkku org add "Euroopan sosiaalirahasto plus" short_name=ESR+ kind=eu_programme
expect_rc 0 "org add ESR+"

run_salkku add LUMO "Lastensuojelun uudistaminen monialaisesti Itä- ja Keski-Suomessa" \
	planned_start=1.1.2020 planned_end=31.12.2022 budget="980 000" \
	themes="lastensuojelu, monialainen yhteistyö" --status reporting
expect_rc 0 "add LUMO"
run_salkku add OT "Lasten, nuorten ja perheiden osaamis- ja tukikeskus" \
	planned_start=2022-01-01 planned_end=2023-12-31 budget=2400000 --status active
expect_rc 0 "add OT"
run_salkku add KK5 "Kansa-koulu 5 – sosiaalialan kirjaamisosaamisen vahvistaminen yhteiskehittämällä" \
	planned_start=1.1.2023 planned_end=31.3.2024 budget="1 250 000" \
	themes=kirjaaminen --status active
expect_rc 0 "add KK5"
run_salkku add VARIKKO "Matkalla riittävään vanhemmuuteen" planned_start=1.4.2024 \
	planned_end=31.3.2027 budget="1 100 000 €" --status applied
expect_rc 0 "add VARIKKO"
run_salkku add 福祉 "福祉プロジェクト 日本語の長い名前です" budget=1000 \
	planned_start=2025-01-01 planned_end=2025-12-31
expect_rc 0 "add a CJK project"
run_salkku role add LUMO ISO administrator
expect_rc 0 "role add LUMO"
run_salkku role add OT "Pohjois-Savon hyvinvointialue" administrator
expect_rc 0 "role add OT administrator"
run_salkku role add OT ISO co_implementer
expect_rc 0 "role add OT co-implementer"
run_salkku funding add OT STM granted=2400000
expect_rc 0 "funding add OT"
run_salkku funding add VARIKKO ESR+ applied="1 100 000"
expect_rc 0 "funding add VARIKKO"

# CSV: locale-independent, ISO dates, money as decimal euros.
run_salkku list --format csv
expect_rc 0 "list csv"
out=$(printf '%s\n' "$out" | tr -d '\r')
expect_out '^code,name,status,administrator,funder,start,end,budget,uuid$' "csv header"
expect_out '^LUMO,Lastensuojelun uudistaminen monialaisesti Itä- ja Keski-Suomessa,reporting,ISO,,2020-01-01,2022-12-31,980000.00,[0-9a-f-]{36}$' "csv LUMO row"
expect_out '^OT,"Lasten, nuorten ja perheiden osaamis- ja tukikeskus",active,Pohjois-Savon hyvinvointialue,STM,' "csv quotes a comma; administrator and funder"
expect_out '^VARIKKO,.*,applied,,ESR\+,2024-04-01,2027-03-31,1100000.00,' "csv VARIKKO row"

# Filters.
run_salkku list --format csv --status active,applied
expect_rc 0 "--status"
[ "$(csv_codes)" = "KK5 OT VARIKKO " ] || fail "--status active,applied: $(csv_codes)"

run_salkku list --status bogus
expect_rc 4 "--status with an unknown status"
expect_err "^salkku: status: unknown status 'bogus' \(one of: idea, preparing" "unknown status: message"

run_salkku list --format csv --funder STM
expect_rc 0 "--funder"
[ "$(csv_codes)" = "OT " ] || fail "--funder STM: $(csv_codes)"

run_salkku list --funder "Nobody at all"
expect_rc 3 "--funder with an unknown organisation"
expect_err 'Nobody at all' "unknown funder: message"

run_salkku list --format csv --partner ISO
expect_rc 0 "--partner"
[ "$(csv_codes)" = "LUMO OT " ] || fail "--partner ISO: $(csv_codes)"

run_salkku list --format csv --theme kirjaaminen
expect_rc 0 "--theme"
[ "$(csv_codes)" = "KK5 " ] || fail "--theme kirjaaminen: $(csv_codes)"

run_salkku list --format csv --year 2021
expect_rc 0 "--year 2021"
[ "$(csv_codes)" = "LUMO " ] || fail "--year 2021: $(csv_codes)"
run_salkku list --format csv --year 2024
[ "$(csv_codes)" = "KK5 VARIKKO " ] || fail "--year 2024: $(csv_codes)"
run_salkku list --year 20x4
expect_rc 2 "--year that is not a year"

run_salkku list --format csv vanhemmuuteen
expect_rc 0 "free words"
[ "$(csv_codes)" = "VARIKKO " ] || fail "free words: $(csv_codes)"
run_salkku list --format csv --text lastensuojelun
expect_rc 0 "--text"
[ "$(csv_codes)" = "LUMO " ] || fail "--text: $(csv_codes)"

# Sorting and limits.
run_salkku list --format csv --sort budget:desc
expect_rc 0 "--sort budget:desc"
[ "$(csv_codes)" = "OT KK5 VARIKKO LUMO 福祉 " ] || fail "--sort budget:desc: $(csv_codes)"
run_salkku list --format csv --sort budget
[ "$(csv_codes)" = "福祉 LUMO VARIKKO KK5 OT " ] || fail "--sort budget: $(csv_codes)"
run_salkku list --format csv --sort name
case "$(csv_codes)" in
"KK5 OT LUMO VARIKKO "*) ;;
*) fail "--sort name: $(csv_codes)" ;;
esac
run_salkku list --format csv --sort start:desc --limit 2
expect_rc 0 "--limit"
[ "$(csv_codes)" = "福祉 VARIKKO " ] || fail "--sort start:desc --limit 2: $(csv_codes)"
run_salkku list --sort bogus
expect_rc 2 "--sort with an unknown key"
expect_err "unknown key 'bogus'" "unknown sort key: message"
run_salkku list --sort code:sideways
expect_rc 2 "--sort with an unknown direction"
run_salkku list --limit 0
expect_rc 2 "--limit 0"
run_salkku list --format xml
expect_rc 2 "--format xml"
expect_err "unknown format 'xml'" "unknown format: message"

# JSON: money in cents, ISO dates, uuid and version.
run_salkku list --format json --sort code
expect_rc 0 "list json"
expect_out '^\[$' "json is an array"
expect_out '"code": "LUMO"' "json code"
expect_out '"budget": 98000000' "json money in cents"
expect_out '"start": "2020-01-01"' "json ISO dates"
expect_out '"uuid": "[0-9a-f-]{36}"' "json uuid"
expect_out '"version": [0-9]+' "json version"
expect_out '"funder": null' "json null"

# The table: aligned by display width, money right-aligned.
export COLUMNS=200
run_salkku list
expect_rc 0 "list table"
expect_out '^Code +Name +Status +Administrator +Funder +Start +End +Budget$' "table header"
expect_out '^LUMO +Lastensuojelun uudistaminen monialaisesti Itä- ja Keski-Suomessa +reporting +ISO +2020-01-01 +2022-12-31 +980,000 €$' "table LUMO row"
expect_out '^福祉 +福祉プロジェクト 日本語の長い名前です +idea +2025-01-01 +2025-12-31 +1,000 €$' "table CJK row"
[ "$(widths)" -eq 1 ] || fail "table lines differ in display width: $out"

# Narrow: the name is clipped with … and every line fits exactly.
export COLUMNS=100
run_salkku list
expect_rc 0 "narrow list"
expect_out '…' "narrow list clips with …"
[ "$(widths)" -eq 1 ] || fail "narrow table lines differ in display width: $out"
width=$(printf '%s\n' "$out" | wc -L)
[ "$width" -le 100 ] || fail "narrow table is $width columns wide"

# Not a terminal and no COLUMNS: nothing is cut, for scripts and grep.
unset COLUMNS
run_salkku list
printf '%s\n' "$out" | grep -q '…' && fail "list into a pipe was clipped: $out"

run_salkku list --status closed
expect_rc 0 "list with nothing to show"
expect_out '^No projects' "empty list: message"

# Stored text with control characters: visible in a table cell, never
# raw, and the table stays aligned.
esc=$(printf '\033')
run_salkku add EVIL "$(printf 'Rivi\nkaksi \033[2J')" budget=1
if [ "$rc" -eq 0 ]; then
	export COLUMNS=200
	run_salkku list
	expect_out '^EVIL +Rivi\^Jkaksi \^\[\[2J +idea' "a newline and ESC in a table cell"
	[ "$(widths)" -eq 1 ] || fail "a cell with control characters broke the alignment: $out"
	"$SALKKU" list >"$TEST_TMP/list.txt" 2>&1
	[ "$(grep -c "$esc" "$TEST_TMP/list.txt")" -eq 0 ] || fail "list printed a raw ESC"
	unset COLUMNS
	run_salkku rm EVIL --yes
else
	expect_rc 4 "a name with control characters is refused if not stored"
fi

# Finnish forms under a Finnish locale.
if locale -a 2>/dev/null | grep -qiE '^fi_FI\.utf-?8$'; then
	export LC_ALL=fi_FI.UTF-8 COLUMNS=200
	run_salkku list
	expect_rc 0 "Finnish list"
	expect_out '1\.1\.2020 +31\.12\.2022 +980 000 €$' "Finnish dates and money"
	run_salkku list --format csv
	out=$(printf '%s\n' "$out" | tr -d '\r')
	expect_out '2020-01-01,2022-12-31,980000.00' "Finnish locale: csv stays ISO"
	export LC_ALL=C.UTF-8
	unset COLUMNS
else
	echo "SKIP (part): no fi_FI.UTF-8 locale installed; Finnish formats not tested"
fi

finish
