#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The report screen (5): the year of today first, [ and ] to the years
# either side, the figures of the year checked against what the demo's
# own records say (read from `export` and `list`, not from the report),
# the money per funder as bars (ASCII under the C locale), Enter on a
# row opens the projects behind it and Esc comes back; a narrow window
# leaves out the spare columns; in Finnish too.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

export SALKKU_TODAY=2024-01-15
Y=2023
run_salkku init --demo
expect_rc 0 "init --demo"

# What the demo's records say of the year, computed here.
run_salkku list --year $Y --format csv
printf '%s\n' "$out" >"$TEST_TMP/active.csv"
run_salkku export --format json
printf '%s\n' "$out" >"$TEST_TMP/demo.json"
python3 - "$Y" "$TEST_TMP/demo.json" "$TEST_TMP/active.csv" >"$TEST_TMP/facts" <<'EOF' || exit 99
import csv, json, sys
year, dump, active = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3]
rows = list(csv.DictReader(open(active)))
codes = [r["code"] for r in rows]
orgs = dump["organisations"]
projects = dump["projects"]
# Money is in cents in the exchange format (salkku-json(5)); person-years
# are a decimal number.
def cents(v):
    return int(v) if v not in (None, "") else None
def hundredths(v):
    return round(float(v) * 100) if v not in (None, "") else None
# The funder with the most granted for the year, from the funding lines
# of the active projects: a line is for its year, else the year of its
# decision, of its application or of the project's start.
def line_year(f):
    p = projects[f["project"]]
    for d in (f.get("year"), f.get("decision_date"), f.get("applied_date"),
              p.get("actual_start"), p.get("planned_start")):
        if d:
            return str(d)[:4]
granted = {}
for f in dump["funding"].values():
    if projects[f["project"]]["code"] not in codes:
        continue
    if line_year(f) == year and cents(f.get("granted")) is not None:
        o = orgs[f["funder"]]
        name = o.get("short_name") or o["name"]
        granted[name] = granted.get(name, 0) + cents(f["granted"])
funder, sum_ = max(granted.items(), key=lambda kv: kv[1])
# Deadlines due in the year and done by their day.
on_time = sum(1 for d in dump["deadlines"].values()
              if d["due"].startswith(year) and d.get("done")
              and d.get("done_date") and d["done_date"] <= d["due"])
# Person-years of the projects active in the year.
py = sum(hundredths(p.get("person_years")) or 0 for p in projects.values()
         if p["code"] in codes)
def money(c, sep):
    e = c // 100
    s = "{:,}".format(e).replace(",", sep)
    return s if c % 100 == 0 else s + "." + "%02d" % (c % 100)
print("ACTIVE=%d" % len(codes))
print("TOTAL=%d" % len(projects))
print("FIRST='%s'" % codes[0])
print("FUNDER='%s'" % funder)
print("GRANTED_EN='%s €'" % money(sum_, ","))
print("GRANTED_FI='%s'" % money(sum_, "."))
print("ONTIME=%d" % on_time)
figure = ("%d.%02d" % (py // 100, py % 100)).rstrip("0").rstrip(".")
print("PY_EN='%s'" % figure)
print("PY_FI='%s'" % figure.replace(".", ","))
EOF
. "$TEST_TMP/facts"
[ "$ACTIVE" -gt 0 ] || fail "the demo has projects in $Y"

# The layout of the key figures (how many lines), to reach the first
# project row with j.
run_salkku report --year $Y --format csv
figures=$(printf '%s\n' "$out" | tr -d '\r' | sed -n '3,/^$/p' | grep -c .)

tui_start 120 40
tui_expect "$TOTAL/$TOTAL" "the list is up"
tui_keys 5
tui_expect "Report — " "5 shows the report"
tui_expect "in 2024" "the year of today first"
tui_expect "2023   2024   2025" "the years either side"
tui_expect "[:previous year ]:next year" "the key bar names each year key"
tui_keys "["
tui_expect "in $Y" "[ goes a year back"
tui_expect_re "Projects active in the period +$ACTIVE *\$" "projects active, as list --year counts them"
tui_expect_re "Deadlines met on time +$ONTIME *\$" "deadlines met on time"
tui_expect_re "Person-years +$PY_EN *\$" "person-years of the active projects"
tui_keys "]"
tui_expect "in 2024" "] a year on"
tui_keys "["
tui_expect "in $Y" "and back"

# The money per funder: its bar, in block characters.
tui_keys PgDn
tui_expect_re "$FUNDER +$Y +granted +▓+ $GRANTED_EN" "the funder's grant as a bar"

# Enter on the first line (a key figure): the projects active in the
# year, a list of its own; Esc comes back.
tui_keys g Enter
tui_expect "Projects behind the report" "Enter opens the projects behind a figure"
tui_expect "$ACTIVE/$TOTAL" "as many as are active in the year"
tui_expect "year=$Y" "filtered by the year"
tui_keys Escape
tui_expect "Report — " "Esc comes back to the report"
tui_keys 1
tui_expect "$TOTAL/$TOTAL" "the project list keeps its own filter"
tui_lacks "year=$Y" "no filter was left on the project list"

# Enter on the first project of the year: that project.
tui_keys 5
tui_expect "Report — " "back to the report"
tui_keys g
i=0
while [ $i -lt "$figures" ]; do
	tui_keys j
	i=$((i + 1))
done
tui_keys Enter
tui_expect "[Overview]" "Enter on a project row opens the project"
tui_expect "$FIRST" "the first project active in the year"
tui_keys Escape
tui_expect "Report — " "Esc comes back"
tui_quit

# Under the C locale the bars are drawn in ASCII.
tui_start 120 40 LC_ALL=C
tui_expect "$TOTAL/$TOTAL" "the list under C"
tui_keys 5 "[" PgDn
tui_expect_re "$FUNDER +$Y +granted +=+ " "the bar in ASCII stand-ins"
tui_screen | LC_ALL=C grep -q "$(printf '[\200-\377]')" &&
	fail "bytes beyond ASCII on the report: $(tui_screen)"
tui_quit

# A narrow window leaves out the spare columns, saying how many, and
# keeps the name readable; a wide one shows them all again.
tui_start 80 24
tui_expect "$TOTAL/$TOTAL" "the list at 80 columns"
tui_keys 5 "["
i=0
while [ $i -lt "$figures" ]; do
	tui_keys j
	i=$((i + 1))
done
tui_expect_re "Projects active in the period  \(a wider window shows [0-9]+ more columns\)" \
	"the title says how many columns are left out"
tui_expect_re "^  Code +Name {14,}Status +End" "code, name (16 columns at least), status and end are kept"
tui_lacks "Centre's role" "the centre's role is left out at 80 columns"
tui_resize 200 40
tui_expect "Changes in the period" "a wide window shows every column"
tui_lacks "a wider window shows" "and says nothing is left out"
tui_quit

# In Finnish: Finnish numbers (the labels follow the catalogue).
use_language fi
tui_start 120 40 "LC_ALL=$lang_locale" "LANGUAGE=fi"
tui_expect "$TOTAL/$TOTAL" "the list in Finnish"
tui_keys 5 "["
tui_expect "$Y" "the report in Finnish"
tui_expect "[:edellinen vuosi ]:seuraava vuosi" "the year keys in Finnish"
tui_expect_re " $PY_FI *\$" "person-years with a decimal comma"
tui_keys PgDn
tui_expect_re "$FUNDER +$Y .*▓+ $GRANTED_FI" "the grant in the Finnish form"
tui_quit
finish
