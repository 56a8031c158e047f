#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# export --format xlsx: the whole portfolio as a workbook, read back by
# a reader that is not ours (python3-openpyxl) and compared cell by cell
# with export --format json: a sheet a table, named as in JSON, a column
# a field and the uuid last; money in euros in a euro format, dates as
# dates, references as a project's code or an organisation's short
# name; the header row frozen, the columns wide enough.  Under C and
# under fi_FI.UTF-8 (the workbook does not depend on the locale).
. "${top_srcdir:-.}/tests/lib.sh"

have_py openpyxl || { echo "SKIP: no python3-openpyxl"; exit 77; }

run_salkku init --demo
expect_rc 0 "init --demo"
"$SALKKU" export --format json -o "$TEST_TMP/all.json" || fail "export json"

check_xlsx() {
	/usr/bin/python3 - "$TEST_TMP/all.json" "$1" <<'PY' || fail "$2: the workbook differs from the JSON export"
import sys, json, datetime, openpyxl
data = json.load(open(sys.argv[1], encoding="utf-8"))
wb = openpyxl.load_workbook(sys.argv[2])
sheets = ["projects", "organisations", "roles", "funding", "deadlines",
          "notes", "outcomes", "status_changes"]
assert wb.sheetnames == sheets, wb.sheetnames
# What a reference shows: a project's code, an organisation's short name.
label = {}
for u, p in data["projects"].items():
    label[u] = p["code"]
for u, o in data["organisations"].items():
    label[u] = o.get("short_name", o["name"])
meta = {"version", "updated_at", "updated_by"}
bad = []
for name in sheets:
    ws = wb[name]
    assert ws.freeze_panes == "A2", (name, ws.freeze_panes)
    rows = list(ws.iter_rows(values_only=True))
    head = rows[0]
    assert head[-1] == "uuid", (name, head)
    records = data[name]
    assert len(rows) - 1 == len(records), (name, len(rows) - 1, len(records))
    for c in range(len(head)):
        letter = openpyxl.utils.get_column_letter(c + 1)
        assert ws.column_dimensions[letter].width >= len(head[c]), (name, head[c])
    for r, row in enumerate(rows[1:], start=2):
        rec = records[row[-1]]
        fields = set(rec) - meta
        for c, key in enumerate(head[:-1]):
            cell = ws.cell(row=r, column=c + 1)
            want = rec.get(key)
            fields.discard(key)
            got = cell.value
            if want is None:
                ok = got is None
            elif key in ("budget", "applied", "granted", "paid", "budget_share",
                         "cofinancing") and isinstance(want, int):
                ok = got == want / 100 and "€" in cell.number_format
            elif isinstance(got, datetime.datetime):
                ok = got.date().isoformat() == want and cell.is_date
            elif isinstance(want, (int, float)) and not isinstance(want, bool):
                ok = abs(got - want) < 1e-9
            elif isinstance(want, bool):
                ok = got == int(want)
            elif isinstance(want, str) and want in label and got == label[want]:
                ok = True
            else:
                ok = got == want
            if not ok:
                bad.append((name, key, want, got, cell.number_format))
        assert not fields, (name, "not in the sheet", fields)
assert not bad, bad[:5]
# The figures of the texts, as numbers.
p = wb["projects"]
col = {h: i for i, h in enumerate(next(p.iter_rows(values_only=True)))}
budgets = {row[col["code"]]: row[col["budget"]] for row in p.iter_rows(min_row=2, values_only=True)}
assert budgets["ISO-perustoiminta 2023"] == 453087, budgets
PY
}

run_salkku export --format xlsx -o "$TEST_TMP/all.xlsx"
expect_rc 0 "export --format xlsx"
[ -z "$out" ] || fail "export xlsx: said something: $out"
check_xlsx "$TEST_TMP/all.xlsx" "C"
ls "$TEST_TMP" | grep -q "all.xlsx\." && fail "a temporary file is left"

run_salkku export --format xlsx
expect_rc 2 "xlsx to standard output"
expect_err "name it with -o FILE" "xlsx needs a file"
run_salkku export --format xlsx --project LUMO -o "$TEST_TMP/x.xlsx"
expect_rc 2 "xlsx is the whole portfolio"
[ -e "$TEST_TMP/x.xlsx" ] && fail "a refused export wrote a file"

use_language fi
run_salkku export --format xlsx -o "$TEST_TMP/fi.xlsx"
expect_rc 0 "export --format xlsx in Finnish"
check_xlsx "$TEST_TMP/fi.xlsx" "fi_FI.UTF-8"
finish
