#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# export --format ics, read back by parsers that are not ours: Python's
# icalendar (Debian's python3-icalendar) and calcurse's import.  Skipped
# (77) when neither is installed.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS

py=/usr/bin/python3
have_py=no
"$py" -c 'import icalendar' 2>/dev/null && have_py=yes
have_calcurse=no
command -v calcurse >/dev/null 2>&1 && have_calcurse=yes
if [ $have_py = no ] && [ $have_calcurse = no ]; then
	echo "neither python3-icalendar nor calcurse: skipped"
	exit 77
fi

# today is 2023-11-20
run_salkku init
run_salkku add ESR "Sosiaalityö, Pohjois-Pohjanmaa; ESR+ \"hanke\"" \
	planned_start=2024-01-01 planned_end=2025-12-31 --status active
run_salkku add OTHER "Muu" --status active
run_salkku deadline add OTHER 2024-02-01 "Ei mukana"
run_salkku deadline add ESR report_due 15.3.2024 "Väliraportti"
report=$(printf '%s\n' "$out" | sed -n 's/.*(\([0-9a-f-]\{36\}\))\.$/\1/p')
run_salkku deadline add ESR 2023-11-01 "Tehty myöhässä"
run_salkku deadline done ESR 1 --date 2023-11-10
run_salkku deadline add ESR steering_meeting 2024-01-15 Ohjausryhmä --every 2months --count 6
expect_rc 0 "setup: a series"
series=$(printf '%s\n' "$out" | sed -n 's/.*(series \([0-9a-f-]\{36\}\))\.$/\1/p')
# Of the series: one moved, one cancelled, one removed.
run_salkku show ESR
num() { printf '%s\n' "$out" | sed -n "s/^ *\([0-9]*\)  $1 .*Ohjausryhmä.*/\1/p"; }
n_mar=$(num 2024-03-15); n_may=$(num 2024-05-15); n_jul=$(num 2024-07-15)
run_salkku deadline set ESR "$n_mar" due=2024-03-20
run_salkku deadline cancel ESR "$n_may" --reason "Ei kokousta"
run_salkku deadline rm ESR "$n_jul"
expect_rc 0 "setup: series edited"

run_salkku export --format ics --project ESR --with-project-dates -o "$TEST_TMP/esr.ics"
expect_rc 0 "export --format ics"
[ -s "$TEST_TMP/esr.ics" ] || fail "no calendar written"
[ "$(tr -dc '\r' <"$TEST_TMP/esr.ics" | wc -c)" -eq "$(tr -dc '\n' <"$TEST_TMP/esr.ics" | wc -c)" ] ||
	fail "lines end in CRLF"
run_salkku export --format ics --project NOPE -o "$TEST_TMP/nope.ics"
expect_rc 3 "an unknown project"
[ -e "$TEST_TMP/nope.ics" ] && fail "a failed export left a file"
run_salkku export --format json --upcoming 3
expect_rc 2 "--upcoming without --format ics"

if [ $have_py = yes ]; then
	"$py" - "$TEST_TMP/esr.ics" "$report" "$series" >"$TEST_TMP/py.out" 2>&1 <<'PY'
import sys, datetime, icalendar
path, report, series = sys.argv[1:4]
cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
assert str(cal['VERSION']) == '2.0'
ev = {}
for e in cal.walk('VEVENT'):
    uid = str(e['UID'])
    assert uid.endswith('@salkku'), uid
    assert uid not in ev, 'duplicate UID ' + uid
    ev[uid] = e
    assert 'DTSTAMP' in e and 'SEQUENCE' in e
    assert isinstance(e.decoded('DTSTART'), datetime.date)
    assert not isinstance(e.decoded('DTSTART'), datetime.datetime), 'all-day'
r = ev[report + '@salkku']
assert str(r['SUMMARY']) == 'ESR: Väliraportti', r['SUMMARY']
assert r.decoded('DTSTART') == datetime.date(2024, 3, 15)
assert r.decoded('DTEND') == datetime.date(2024, 3, 16)
assert int(r['SEQUENCE']) == 1
assert 'Pohjois-Pohjanmaa; ESR+ "hanke"' in str(r['DESCRIPTION'])
m = ev[series + '@salkku']
rule = m['RRULE']
assert rule['FREQ'] == ['MONTHLY'] and rule['INTERVAL'] == [2], rule
assert rule['UNTIL'] == [datetime.date(2024, 11, 15)], rule
assert m.decoded('DTSTART') == datetime.date(2024, 1, 15)
ex = m.get('EXDATE')
ex = ex if isinstance(ex, list) else [ex]
exdates = sorted(d.dt for x in ex for d in x.dts)
assert exdates == [datetime.date(2024, 3, 15), datetime.date(2024, 5, 15),
                   datetime.date(2024, 7, 15)], exdates
done = [e for e in ev.values() if str(e['SUMMARY']).startswith('✓ ')]
assert len(done) == 1 and 'late' in str(done[0]['DESCRIPTION']), done
cancelled = [e for e in ev.values() if str(e.get('STATUS')) == 'CANCELLED']
assert len(cancelled) == 1 and 'Ei kokousta' in str(cancelled[0]['DESCRIPTION'])
moved = [e for e in ev.values() if e.decoded('DTSTART') == datetime.date(2024, 3, 20)]
assert len(moved) == 1 and int(moved[0]['SEQUENCE']) == 2, moved
assert not [e for e in ev.values() if 'Ei mukana' in str(e['SUMMARY'])]
starts = [e for e in ev.values() if str(e['UID']).endswith('-start@salkku')]
assert len(starts) == 1 and starts[0].decoded('DTSTART') == datetime.date(2024, 1, 1)
print('ok', len(ev))
PY
	[ $? -eq 0 ] || fail "python icalendar: $(cat "$TEST_TMP/py.out")"
fi

if [ $have_calcurse = yes ]; then
	mkdir "$TEST_TMP/cc"
	calcurse -D "$TEST_TMP/cc" -i "$TEST_TMP/esr.ics" >"$TEST_TMP/cc.out" 2>&1 ||
		fail "calcurse -i: $(cat "$TEST_TMP/cc.out")"
	grep -q '0 skipped' "$TEST_TMP/cc.out" || fail "calcurse skipped some: $(cat "$TEST_TMP/cc.out")"
	calcurse -D "$TEST_TMP/cc" -s11/01/2023 -r400 >"$TEST_TMP/cc.list" 2>&1
	# Every day of the series as it is now, once each.
	for d in 01/15/24 03/20/24 05/15/24 09/15/24 11/15/24; do
		[ "$(sed -n "\\|^$d:|,/^\$/p" "$TEST_TMP/cc.list" | grep -c 'Ohjausryhmä')" -eq 1 ] ||
			fail "calcurse: Ohjausryhmä on $d: $(cat "$TEST_TMP/cc.list")"
	done
	for d in 03/15/24 07/15/24 01/15/25; do
		sed -n "\\|^$d:|,/^\$/p" "$TEST_TMP/cc.list" | grep -q 'Ohjausryhmä' &&
			fail "calcurse: a steering group on $d"
	done
	grep -q 'ESR: Väliraportti' "$TEST_TMP/cc.list" || fail "calcurse: the report"
	grep -q 'ESR starts' "$TEST_TMP/cc.list" || fail "calcurse: project start"
fi

# --upcoming: what is due within the days (a series whole).
run_salkku export --format ics --upcoming 30 -o "$TEST_TMP/soon.ics"
expect_rc 0 "--upcoming"
grep -q "UID:$series@salkku" "$TEST_TMP/soon.ics" &&
	fail "--upcoming 30: a series that begins in January"
run_salkku export --format ics --upcoming 60 -o "$TEST_TMP/soon.ics"
grep -q 'Väliraportti' "$TEST_TMP/soon.ics" && fail "--upcoming 60: a report in March"
grep -q "UID:$series@salkku" "$TEST_TMP/soon.ics" ||
	fail "--upcoming 60: the series of 15.1., whole"
grep -q "RRULE:" "$TEST_TMP/soon.ics" || fail "--upcoming 60: the series' rule"
run_salkku export --format ics --upcoming 90 -o "$TEST_TMP/soon.ics"
grep -q 'Ei mukana' "$TEST_TMP/soon.ics" || fail "--upcoming without --project: every project"

# Re-exported after a change, an event keeps its UID with a higher SEQUENCE.
run_salkku deadline set "$report" title="Väliraportti 1"
run_salkku export --format ics --project ESR -o "$TEST_TMP/again.ics"
tr -d '\r' <"$TEST_TMP/again.ics" | grep -A1 "^UID:$report@salkku" | grep -q '^SEQUENCE:2$' ||
	fail "SEQUENCE follows the version"

finish
