#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The report's HTML read by an HTML5 parser that is not ours
# (python3-html5lib), its xlsx by a reader that is not ours
# (python3-openpyxl); the excel-fi CSV dialect, and import of a CSV as
# Finnish spreadsheets save it (';', a BOM, decimal commas).
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS
export SALKKU_TODAY=2024-01-15

run_salkku init --demo
expect_rc 0 "init --demo"

run_salkku report --year 2023 --format csv --csv-dialect excel-fi -o "$TEST_TMP/fi.csv"
expect_rc 0 "report excel-fi"
head -c 3 "$TEST_TMP/fi.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "excel-fi: no BOM"
grep -qE '^STM;2023;1;;"?453087,00"?;' "$TEST_TMP/fi.csv" || fail "excel-fi: ';' and decimal comma"

# import reads ';', a BOM and decimal commas by itself.
printf '\357\273\277code;name;status;budget\r\nFI-1;Suomalainen taulukko;idea;"1 234,50"\r\n' \
	>"$TEST_TMP/in.csv"
run_salkku import "$TEST_TMP/in.csv"
expect_rc 0 "import a Finnish spreadsheet's CSV"
run_salkku show FI-1 --format json
expect_out '"budget": 123450' "import: the decimal comma"

skipped=0

if have_py html5lib; then
	run_salkku report --year 2023 --format html -o "$TEST_TMP/r.html"
	expect_rc 0 "report html"
	grep -qi '<script\|<link\|src=' "$TEST_TMP/r.html" && fail "html: not self-contained"
	grep -q '@page' "$TEST_TMP/r.html" || fail "html: no print style"
	/usr/bin/python3 - "$TEST_TMP/r.html" <<'PY' || fail "html: not valid HTML5"
import sys, html5lib
p = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
doc = p.parse(open(sys.argv[1], "rb"))
svgs = doc.findall(".//{http://www.w3.org/2000/svg}svg")
assert len(svgs) == 3, "charts: %d" % len(svgs)
cells = [td.text for td in doc.iter("td")]
assert "453,087 €" in cells, "no state grant"
PY
else
	skipped=$((skipped + 1))
fi

if have_py openpyxl && "$SALKKU" report --year 2023 --format xlsx -o "$TEST_TMP/r.xlsx" 2>/dev/null; then
	/usr/bin/python3 - "$TEST_TMP/r.xlsx" <<'PY' || fail "xlsx: not as expected"
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert "summary" in wb.sheetnames and "money" in wb.sheetnames, wb.sheetnames
m = wb["money"]
assert m.freeze_panes == "A2", m.freeze_panes
assert m["A2"].value == "STM" and m["E2"].value == 453087, m["E2"].value
assert "€" in m["E2"].number_format, m["E2"].number_format
d = wb["deadlines"]
assert isinstance(d["D2"].value, datetime.datetime), d["D2"].value
assert m.column_dimensions["A"].width > 5
PY
else
	skipped=$((skipped + 1))
fi

[ "$failures" -eq 0 ] && [ "$skipped" -eq 2 ] && { echo "no html5lib, openpyxl: skipped"; exit 77; }
finish
