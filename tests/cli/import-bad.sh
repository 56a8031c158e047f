#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The import file part of the bad-input matrix: JSON and CSV files that
# are truncated, damaged, of the wrong kind or schema, empty,
# unreadable, a folder, a FIFO or a device.  Each is refused with a
# message naming the file (and the line or JSON path where there is
# one) and its own exit status, and the database stays byte for byte as
# it was.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS

# state: the database file (and its WAL, if any) and what export reads.
state() {
	cat "$SALKKU_DB" "$SALKKU_DB-wal" 2>/dev/null | sha256sum
	"$SALKKU" export | sha256sum
}

# refused RC PATTERN FILE [OPTIONS...]: importing FILE exits RC, stderr
# matches PATTERN, and the database is unchanged.  Bounded in time: a
# FIFO must not hang the import.
refused() {
	want=$1 pattern=$2 file=$3
	shift 3
	"$SALKKU" import "$@" "$file" >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
	pid=$!
	( sleep 20 && kill "$pid" 2>/dev/null ) &
	watchdog=$!
	wait "$pid"
	rc=$?
	kill "$watchdog" 2>/dev/null
	wait "$watchdog" 2>/dev/null
	out=$(cat "$TEST_TMP/out")
	err=$(cat "$TEST_TMP/err")
	expect_rc "$want" "import $* $file"
	expect_err "$pattern" "import $* $file: message"
	[ "$(state)" = "$before" ] || fail "import $* $file changed the database"
}

run_salkku init --demo
expect_rc 0 "init --demo"
run_salkku export -o "$TEST_TMP/good.json"
run_salkku export --format csv -o "$TEST_TMP/good.csv"
before=$(state)

d=$TEST_TMP

# ---- JSON ------------------------------------------------------------
head -c 4000 "$d/good.json" >"$d/trunc.json"
refused 4 'trunc\.json: line [0-9]+: ' "$d/trunc.json"
# Cut between two records: well-formed up to there, then the end is missing.
sed '/^"projects":{/,$d' "$d/good.json" >"$d/cut.json"
refused 4 'cut\.json: line [0-9]+' "$d/cut.json"
# A byte that is not UTF-8, in the middle of a name.
sed '5s/"name":"/"name":"\xff/' "$d/good.json" >"$d/damaged.json"
refused 4 'damaged\.json: line 5: invalid UTF-8' "$d/damaged.json"
# A brace lost in the middle.
sed '7s/}/ /' "$d/good.json" >"$d/brace.json"
refused 4 'brace\.json: line [0-9]+' "$d/brace.json"
# The wrong kind: CSV given as JSON; JSON of another program; an array;
# a newer format; a member of the wrong type.
refused 4 'good\.csv: line 1' "$d/good.csv" --format json
printf '{"name":"x","items":[1,2]}\n' >"$d/other.json"
refused 4 'other\.json: \$\.(format|name)' "$d/other.json"
printf '[1,2,3]\n' >"$d/array.json"
refused 4 'array\.json: \$: ' "$d/array.json"
sed 's/"format_version":2/"format_version":3/' "$d/good.json" >"$d/newer.json"
refused 4 'newer\.json: \$\.format_version: written by a newer salkku' "$d/newer.json"
sed 's/"projects":{/"projects":[/' "$d/good.json" >"$d/schema.json"
refused 4 'schema\.json: line [0-9]+' "$d/schema.json"
sed '0,/"budget":\([0-9]*\)/s//"budget":"\1"/' "$d/good.json" >"$d/type.json"
refused 4 'type\.json: \$\.projects\.[0-9a-f-]{36}\.budget: ' "$d/type.json"
# A record that is no object (an array, a string), and one that is,
# after a space.
sed '/^"projects":{/{n;s/^\("[0-9a-f-]*":\){.*}/\1[1,2]/}' "$d/good.json" >"$d/record.json"
refused 4 'record\.json: \$\.projects\.[0-9a-f-]{36}: must be an object' "$d/record.json"
sed '/^"projects":{/{n;s/^\("[0-9a-f-]*":\){.*}/\1"x"/}' "$d/good.json" >"$d/record.json"
refused 4 'record\.json: \$\.projects\.[0-9a-f-]{36}: must be an object' "$d/record.json"
sed '/^"projects":{/{n;s/^\("[0-9a-f-]*":\){.*}/\1 {"a":1}/}' "$d/good.json" >"$d/record.json"
refused 4 'record\.json: \$\.projects\.[0-9a-f-]{36}\.a: a project has no member' "$d/record.json"
: >"$d/empty.json"
refused 4 'empty\.json: line 1: empty document' "$d/empty.json"
printf '  \n\n' >"$d/blank.json"
refused 4 'blank\.json: ' "$d/blank.json"

# ---- CSV -------------------------------------------------------------
# A quoted field that never closes (the file was cut inside it).
printf 'code,name\r\nAA,"Katkennut\r\n' >"$d/trunc.csv"
refused 4 'trunc\.csv:2: ' "$d/trunc.csv"
# A row cut short: fewer fields than the header.
head -1 "$d/good.csv" >"$d/short.csv"
printf 'AB,Lyhyt\r\n' >>"$d/short.csv"
refused 4 'short\.csv:2: the row has 2 fields' "$d/short.csv"
printf 'code,name\r\nAC,\377\376\r\n' >"$d/damaged.csv"
refused 4 'damaged\.csv:2: name: ' "$d/damaged.csv"
printf 'code,name\r\nAD,Nolla\000tavu\r\n' >"$d/nul.csv"
refused 4 'nul\.csv:2' "$d/nul.csv"
# The wrong kind: JSON given as CSV; a CSV of something else.
refused 4 'good\.json:1: ' "$d/good.json" --format csv
printf 'date,amount\r\n2024-01-01,5\r\n' >"$d/other.csv"
refused 4 'other\.csv:1: unknown column "date"' "$d/other.csv"
: >"$d/empty.csv"
refused 4 'empty\.csv: the file is empty' "$d/empty.csv"

# ---- What is not a readable file --------------------------------------
for ext in json csv; do
	refused 3 "missing\\.$ext: " "$d/missing.$ext"
	mkdir "$d/folder.$ext"
	refused 1 "folder\\.$ext: is a folder" "$d/folder.$ext"
	# A FIFO nobody writes to reads as empty, at once.
	mkfifo "$d/fifo.$ext"
	refused 4 "fifo\\.$ext: .*empty" "$d/fifo.$ext"
	# A symbolic link to a folder is a folder.
	ln -s "$d/folder.$ext" "$d/link.$ext"
	refused 1 "link\\.$ext: is a folder" "$d/link.$ext"
	cp "$d/good.$ext" "$d/locked.$ext"
	chmod 000 "$d/locked.$ext"
	if [ "$(id -u)" -ne 0 ]; then
		refused 1 "locked\\.$ext: Permission denied" "$d/locked.$ext"
	fi
	chmod 600 "$d/locked.$ext"
done
refused 1 '/dev/null: is a device' /dev/null --format json
refused 1 '/dev/zero: is a device' /dev/zero --format csv

# A pipe with data is fine: import <(…) and standard input.
export SALKKU_DB="$TEST_TMP/pipe.db"
run_salkku init
cat "$d/good.json" | "$SALKKU" import --format json /dev/stdin >/dev/null \
	2>"$TEST_TMP/err" || fail "import from a pipe: $(cat "$TEST_TMP/err")"
run_salkku export -o "$d/pipe.json"
same_data "$d/good.json" "$d/pipe.json" || fail "import from a pipe did not bring everything"

finish
