#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The database file itself as bad input: missing, empty, a folder, a
# device, a FIFO, a dangling link, cut short, damaged, another program's
# SQLite file, a newer salkku's.  Every command but init refuses it with
# a message naming the file and a distinct exit status, and leaves it
# (and the folder around it) exactly as it was; init creates only
# regular files, private.
. "${top_srcdir:-.}/tests/lib.sh"

SQL="$top_builddir/tests/sql-exec"
D="$TEST_TMP/files"
mkdir -p "$D"

# state PATH: what is at PATH and beside it, to compare before and after.
state() {
	ls -la "$(dirname "$1")" | grep -v ' \.\.\?$' | awk '{ print $1, $5, $NF }'
	[ -f "$1" ] && sha256sum <"$1"
}

# refused DB STATUS PATTERN WHAT: list, set, check and backup on DB each
# exit with STATUS, say PATTERN on stderr, and change nothing.
refused() {
	db=$1 status=$2 pattern=$3 what=$4
	before=$(state "$db")
	for cmd in "list" "set LUMO name=Uusi" "check" "backup $TEST_TMP/b.db" \
		   "log" "--read-only list"; do
		# shellcheck disable=SC2086
		run_salkku --db "$db" $cmd </dev/null
		expect_rc "$status" "$what: $cmd"
		expect_err "$pattern" "$what: $cmd: message"
		case $err in
		*"$db"*) ;;
		*) fail "$what: $cmd: the message does not name $db: $err" ;;
		esac
	done
	[ "$(state "$db")" = "$before" ] || fail "$what: the file or its folder changed"
	[ ! -e "$TEST_TMP/b.db" ] || fail "$what: a backup was made"
}

# A missing file: 3, and nothing is created.
refused "$D/missing.db" 3 "no database here" "missing file"
[ ! -e "$D/missing.db" ] || fail "a read created the database"

# An empty file: the schema used to be written into it.
: >"$D/empty.db"
refused "$D/empty.db" 6 "is an empty file" "empty file"
[ ! -s "$D/empty.db" ] || fail "the empty file was written to"

# A folder, a FIFO (opening it must not block) and a device.
mkdir "$D/folder.db"
refused "$D/folder.db" 6 "is a folder" "folder"
mkfifo "$D/fifo.db"
refused "$D/fifo.db" 6 "is a FIFO" "FIFO"
had_journal=no
[ -e /dev/null-journal ] && had_journal=yes
run_salkku --db /dev/null list
expect_rc 6 "/dev/null"
expect_err "/dev/null is a device" "/dev/null: message"
[ "$had_journal" = yes ] || [ ! -e /dev/null-journal ] ||
	fail "/dev/null-journal was left behind"

# A link to nothing: refused, and init does not create its target with
# the umask's mode.
ln -s "$D/target.db" "$D/dangling.db"
refused "$D/dangling.db" 3 "symbolic link to .*target.db, which does not exist" "dangling link"
run_salkku --db "$D/dangling.db" init
expect_rc 6 "init through a dangling link"
expect_err "symbolic link" "init through a dangling link: message"
[ ! -e "$D/target.db" ] || fail "init through a dangling link created $(stat -c %a "$D/target.db") target"

# Another program's SQLite file, and an SQLite file with nothing in it.
: >"$D/other.db"
"$SQL" "$D/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
refused "$D/other.db" 6 "another program" "another program's database"
cp "$D/other.db" "$D/blank.db"
"$SQL" "$D/blank.db" "DROP TABLE t"
refused "$D/blank.db" 6 "empty SQLite database" "an SQLite file with no tables"

# A real portfolio to damage.
"$SALKKU" --db "$D/good.db" init --demo >/dev/null || exit 99
run_salkku --db "$D/good.db" list --format csv
good_list=$out

# Newer than this salkku.
cp "$D/good.db" "$D/newer.db"
"$SQL" "$D/newer.db" "PRAGMA user_version = 99"
refused "$D/newer.db" 6 "newer salkku" "newer schema"

# Cut short, as by a copy that ran out of space.
head -c 40000 "$D/good.db" >"$D/short.db"
refused "$D/short.db" 6 "cut short" "truncated"

# Not a database at all.
printf 'projektit\n' >"$D/text.db"
refused "$D/text.db" 6 "not a salkku database" "a text file"

# Damaged b-tree pages: reads may still work, but check finds it.
cp "$D/good.db" "$D/damaged.db"
for page in 3 10; do
	printf '\015\377\377\377\377\377\377\377' |
		dd of="$D/damaged.db" bs=1 seek=$((4096 * (page - 1))) conv=notrunc 2>/dev/null
done
run_salkku --db "$D/damaged.db" check
expect_rc 6 "check of a damaged database"
expect_err "problems found" "check of a damaged database: message"
expect_out "Page 3" "check names the damaged page"

# Damage integrity_check does not see: check finds it, log shows it.
cp "$D/good.db" "$D/schema.db"
"$SQL" "$D/schema.db" "DROP INDEX project_budget; CREATE TABLE gadget (x);
	UPDATE note SET version = 0 WHERE rowid = 1;
	INSERT INTO change_log (uuid, at, who, action, entity, record_uuid)
	VALUES ('00000000-0000-4000-8000-00000000000a', '2023-11-21T00:00:00Z',
	'x', 'update', 'gadget', '00000000-0000-4000-8000-00000000000b')"
run_salkku --db "$D/schema.db" check
expect_rc 6 "check of a changed schema"
expect_out "index project_budget is missing" "check: a missing index"
expect_out "table gadget is not part of salkku's schema" "check: an extra table"
expect_out "note: 1 records have a version out of range" "check: a version out of range"
expect_out "unknown kind of record \"gadget\"" "check: an unknown change-log kind"
run_salkku --db "$D/schema.db" log --limit 1
expect_rc 0 "log with an unknown kind of change"
expect_out "gadget" "log shows the unknown kind by name"
run_salkku --db "$D/schema.db" log --limit 1 --format json
expect_rc 0 "log --format json with an unknown kind of change"
expect_out '"entity": "gadget"' "log --format json names the unknown kind"

# The good database went through all of this unchanged.
run_salkku --db "$D/good.db" check
expect_rc 0 "the good database is still whole"
run_salkku --db "$D/good.db" list --format csv
[ "$out" = "$good_list" ] || fail "the good database changed"

# init: a new database is private; an empty file is filled (it is how
# init is asked for one); a device or FIFO is refused.
run_salkku --db "$D/new/salkku.db" init
expect_rc 0 "init of a new database"
[ "$(stat -c %a "$D/new/salkku.db")" = 600 ] || fail "a new database is not 0600"
run_salkku --db "$D/empty.db" init
expect_rc 0 "init fills an empty file"
run_salkku --db "$D/empty.db" list
expect_rc 0 "list after init of an empty file"
run_salkku --db "$D/fifo.db" init
expect_rc 6 "init of a FIFO"
run_salkku --db /dev/null init
expect_rc 6 "init of /dev/null"
[ "$had_journal" = yes ] || [ ! -e /dev/null-journal ] ||
	fail "init left /dev/null-journal behind"

# A file this user may not write opens read-only (not as root, who may).
if [ "$(id -u)" -ne 0 ]; then
	cp "$D/good.db" "$D/ro.db"
	chmod 444 "$D/ro.db"
	before=$(state "$D/ro.db")
	run_salkku --db "$D/ro.db" set LUMO name=Uusi
	[ "$rc" -ne 0 ] || fail "set on a read-only file"
	[ "$(state "$D/ro.db")" = "$before" ] || fail "the read-only file changed"
fi
finish
