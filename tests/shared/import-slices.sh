#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A long import commits in slices and stays all-or-nothing: others'
# writes during it go through without waiting more than a moment; an
# importer killed mid-way is rolled back by the next salkku that opens
# the database; a record someone changes while the import runs, before
# the import reaches it, is a conflict that rolls the whole import back.
. "${top_srcdir:-.}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || exit 77
SQL="$top_builddir/tests/sql-exec"
[ -x "$SQL" ] || exit 77
# The generated records were written up to 2025.
export SALKKU_NOW=2030-01-01T00:00:00Z

N=${IMPORT_SLICES_N:-800}
# The longest a write may wait for the import, in ms (the slices take
# 200 ms; a loaded machine gets a generous margin).
WAIT_BOUND=3000
# The largest write-ahead log another writer may meet (SQLite's own
# checkpoint every 1,000 pages leaves about 4 MB).
WAL_BOUND=$((16 * 1024 * 1024))
# A build with AddressSanitizer runs several times slower.
grep -qa __asan_init "$SALKKU" && WAIT_BOUND=8000
doc=$TEST_TMP/dump.json
python3 "$top_srcdir/tests/bench/generate" "$N" >"$doc" ||
	{ echo "cannot generate the dump" >&2; exit 99; }

now_ms() { date +%s%3N; }

# fresh NAME: a new database at $TEST_TMP/NAME.db holding project CONF.
fresh() {
	SALKKU_DB=$TEST_TMP/$1.db
	export SALKKU_DB
	"$SALKKU" init >/dev/null || exit 99
	"$SALKKU" add CONF "Konfliktiprojekti" >/dev/null || exit 99
}

# journal_rows: the import journal's rows in $SALKKU_DB (0 when none).
journal_rows() {
	"$SQL" "$SALKKU_DB" "SELECT count(*) FROM import_undo" 2>/dev/null || echo 0
}

# start_import FILE: imports FILE in the background ($importer), and
# waits until its first slice is committed (the journal has rows).
start_import() {
	"$SALKKU" import "$1" >"$TEST_TMP/imp.out" 2>"$TEST_TMP/imp.err" &
	importer=$!
	n=0
	while [ "$(journal_rows)" -eq 0 ] && [ $n -lt 300 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	[ "$(journal_rows)" -gt 0 ] || fail "no slice of the import was committed"
}

# timed ARGS...: runs salkku; $rc, $err and $took (ms).
timed() {
	t0=$(now_ms)
	run_salkku "$@"
	took=$(( $(now_ms) - t0 ))
}

# 1. Others write while the import runs: nothing waits long.  (Slices
# of at most 200 records, not only 200 ms: the import lasts a few
# seconds on a fast machine too.)
fresh a
export SALKKU_IMPORT_SLICE=200
start_import "$doc"
unset SALKKU_IMPORT_SLICE
i=0
while [ $i -lt 3 ]; do
	# The import checkpoints its own log: a write of someone else's
	# must not find megabytes of it to copy into the database.
	wal=$(stat -c %s "$SALKKU_DB-wal" 2>/dev/null || echo 0)
	[ "$wal" -le $WAL_BOUND ] ||
		fail "set $i during the import met a log of $wal bytes"
	timed set CONF budget=$((100000 + i))
	expect_rc 0 "set $i during the import"
	[ "$took" -le $WAIT_BOUND ] || fail "set $i during the import took $took ms"
	timed note add CONF "muistiinpano $i tuonnin aikana"
	expect_rc 0 "note add $i during the import"
	[ "$took" -le $WAIT_BOUND ] || fail "note add $i during the import took $took ms"
	i=$((i + 1))
done
if kill -0 "$importer" 2>/dev/null; then
	# One import at a time: a second is refused, naming the first.
	printf '{"format": "salkku", "format_version": 1}\n' >"$TEST_TMP/empty.json"
	run_salkku import "$TEST_TMP/empty.json"
	# The first still names itself in import_run once the second has
	# returned: it ran all along.  (Its process outlives its last
	# commit by a moment, in which a second import is right to go on.)
	if [ "$("$SQL" "$SALKKU_DB" "SELECT count(*) FROM import_run" 2>/dev/null)" = 1 ]; then
		expect_rc 6 "a second import while one runs"
		expect_err "is importing .*dump.json \(since .*\); try again when that import has ended" \
			"the second import names the first"
	fi
else
	echo "note: the import ended before the writes did (a fast machine)"
fi
wait "$importer"
[ $? -eq 0 ] || fail "the import failed: $(cat "$TEST_TMP/imp.err")"
run_salkku list --format csv
[ "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" -eq $((N + 1)) ] ||
	fail "the import's projects are not all there"
run_salkku show CONF
expect_out "^Budget +100,002 €" "the writes made during the import stayed"
expect_out "muistiinpano 2 tuonnin aikana" "the notes added during the import stayed"
[ "$(journal_rows)" -eq 0 ] || fail "the journal was not emptied"
run_salkku check
expect_rc 0 "check after the import"

# 2. The importer killed mid-way: the next open rolls it back.
fresh b
"$SALKKU" note add CONF "ennen tuontia" >/dev/null || exit 99
"$SALKKU" export >"$TEST_TMP/before.json" || exit 99
start_import "$doc"
kill -KILL "$importer"
wait "$importer" 2>/dev/null
[ "$(journal_rows)" -gt 0 ] || fail "the killed import left no journal"
run_salkku list
expect_rc 0 "list after the kill"
expect_err "an import of .*dump.json by .* was interrupted: it was rolled back" \
	"the open says it rolled the import back"
"$SALKKU" export >"$TEST_TMP/after.json" || exit 99
cmp -s "$TEST_TMP/before.json" "$TEST_TMP/after.json" ||
	fail "the rolled-back database differs from before the import"
[ "$(journal_rows)" -eq 0 ] || fail "the journal was not emptied by the rollback"
run_salkku check
expect_rc 0 "check after the rollback"
run_salkku list
[ -z "$err" ] || fail "a second open speaks of a rollback again: $err"

# 2a. SIGTERM (as Ctrl-C): the importer itself rolls back and says so.
fresh e
"$SALKKU" export >"$TEST_TMP/before.json" || exit 99
start_import "$doc"
kill -TERM "$importer"
wait "$importer"
rc=$?
err=$(cat "$TEST_TMP/imp.err")
expect_rc 1 "the import stopped by SIGTERM"
expect_err "dump.json: interrupted" "the importer says it was interrupted"
"$SALKKU" export >"$TEST_TMP/after.json" || exit 99
cmp -s "$TEST_TMP/before.json" "$TEST_TMP/after.json" ||
	fail "the interrupted import left something behind"
[ "$(journal_rows)" -eq 0 ] || fail "the interrupted import left its journal"
run_salkku list
[ -z "$err" ] || fail "the open after an import rolled back by itself speaks: $err"

# 2b. What a rollback puts back gets a version above any handed out: a
# save of a version read while the import ran is refused, not lost,
# however many saves came between.
fresh d
"$SALKKU" export >"$TEST_TMP/base-d.json" || exit 99
python3 - "$TEST_TMP/base-d.json" "$doc" "$TEST_TMP/update.json" <<'EOF' || exit 99
import json, sys
base = json.load(open(sys.argv[1]))
gen = json.load(open(sys.argv[2]))
# The file renames CONF, first of its projects, at the next version.
for p in base["projects"].values():
    p["name"] = "Tuonnin nimi"
    p["version"] += 1
for member, records in gen.items():
    if isinstance(records, dict):
        base[member] = dict(base.get(member, {}), **records)
json.dump(base, open(sys.argv[3], "w"), ensure_ascii=False)
EOF
# Slices of 25 records: the import still runs, on a fast machine too,
# when the other reads.
export SALKKU_IMPORT_SLICE=25
start_import "$TEST_TMP/update.json"
unset SALKKU_IMPORT_SLICE
n=0
until "$SALKKU" show CONF 2>/dev/null | grep -q "Tuonnin nimi" || [ $n -ge 200 ]; do
	sleep 0.05
	n=$((n + 1))
done
run_salkku show CONF --format json
read_version=$(printf '%s\n' "$out" | sed -n 's/^    "version": \([0-9]*\),$/\1/p' | head -n 1)
[ "${read_version:-1}" -gt 1 ] || fail "another reads the imported version: $read_version"
kill -KILL "$importer"
wait "$importer" 2>/dev/null
run_salkku show CONF
expect_out "^Name +Konfliktiprojekti" "the rollback puts the name back"
# Saves after the rollback climb from the version it gave, never again
# through the one read during the import.
# (Restored at its old version 1, it would be at read_version now.)
i=1
while [ $i -lt "${read_version:-1}" ]; do
	run_salkku set CONF budget=$i
	expect_rc 0 "a save after the rollback"
	i=$((i + 1))
done
run_salkku set CONF budget=8 --if-version "$read_version"
expect_rc 5 "a save of the version read during the import"

# 3. A record changed by another while the import runs, before the
# import reaches it: a conflict, and the whole import is rolled back.
fresh c
"$SALKKU" outcome add CONF "koulutetut" 10 >/dev/null || exit 99
"$SALKKU" export >"$TEST_TMP/base.json" || exit 99
python3 - "$TEST_TMP/base.json" "$doc" "$TEST_TMP/conflict.json" <<'EOF' || exit 99
import json, sys
base = json.load(open(sys.argv[1]))
gen = json.load(open(sys.argv[2]))
# The file changes CONF's figure, which comes last of all its records,
# at the next version: an update, unless it changed here meanwhile.
mine = base["outcomes"]
for o in mine.values():
    o["value"] = 20
    o["version"] += 1
for member, records in gen.items():
    if isinstance(records, dict):
        base[member] = dict(records, **base.get(member, {}))
base["outcomes"] = dict(gen["outcomes"], **mine)
json.dump(base, open(sys.argv[3], "w"), ensure_ascii=False)
EOF
run_salkku import --dry-run "$TEST_TMP/conflict.json"
expect_rc 0 "the file imports cleanly as long as nobody changes the figure"
# Slices of 25 records: the other's change comes in well before the
# import reaches the figure, on a fast machine too.
export SALKKU_IMPORT_SLICE=25
start_import "$TEST_TMP/conflict.json"
unset SALKKU_IMPORT_SLICE
timed outcome set CONF 1 value=30
expect_rc 0 "another's change of the figure during the import"
wait "$importer"
rc=$?
err=$(cat "$TEST_TMP/imp.err")
expect_rc 5 "the import with a conflict in a late slice"
expect_err "records in conflict: 1 " "the conflict is counted"
expect_err "outcome of CONF: value: ours 30.00 theirs 20.00" "the conflict names the figure"
run_salkku list --format csv
[ "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" -eq 1 ] ||
	fail "the import was not rolled back: $(printf '%s\n' "$out" | wc -l) lines"
run_salkku outcome list
expect_out "30" "the other's change stays"
[ "$(journal_rows)" -eq 0 ] || fail "the journal was not emptied"
run_salkku check
expect_rc 0 "check after the rolled-back conflict"
finish
