#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Backups as bad input, and the machine failing under backup, restore
# and export.  A backup that is cut short, damaged, of another program,
# of another schema or not a file at all is refused before a page is
# copied, with a message naming it, and the database stays byte for
# byte as it was.  "Newer" is decided by what was written last, not by
# times an import brought.  After a restore no version read before it
# matches again.
. "${top_srcdir:-.}/tests/lib.sh"

SQL="$top_builddir/tests/sql-exec"
B="$TEST_TMP/backups"
mkdir -p "$B"

"$SALKKU" init --demo >/dev/null || exit 99
"$SALKKU" backup "$B/good.db" >/dev/null || exit 99

# sums: the database file and what it holds.
sums() {
	sha256sum <"$SALKKU_DB"
	"$SALKKU" export
}

# refused FILE STATUS PATTERN WHAT: restore from FILE exits with STATUS,
# names FILE, says PATTERN, and changes nothing.
refused() {
	file=$1 status=$2 pattern=$3 what=$4
	before=$(sums)
	run_salkku restore "$file" --force
	expect_rc "$status" "restore from $what"
	expect_err "$pattern" "restore from $what: message"
	case $err in
	*"$file"*) ;;
	*) fail "restore from $what: the message does not name $file: $err" ;;
	esac
	[ "$(sums)" = "$before" ] || fail "restore from $what changed the database"
}

refused "$B/missing.db" 3 "cannot read" "a missing file"
: >"$B/empty.db"
refused "$B/empty.db" 4 "empty file" "an empty file"
mkdir "$B/folder.db"
refused "$B/folder.db" 4 "is a folder" "a folder"
refused /dev/null 4 "is a device" "/dev/null"
mkfifo "$B/fifo.db"
refused "$B/fifo.db" 4 "is a FIFO" "a FIFO"
ln -s "$B/nothing.db" "$B/dangling.db"
refused "$B/dangling.db" 3 "cannot read" "a dangling link"
refused "$SALKKU_DB" 4 "the database itself" "the database itself"
printf 'projektit\n' >"$B/text.db"
refused "$B/text.db" 4 "not a salkku backup" "a text file"
: >"$B/other.db"
"$SQL" "$B/other.db" "CREATE TABLE t (x)"
refused "$B/other.db" 4 "another program" "another program's database"
head -c 40000 "$B/good.db" >"$B/short.db"
refused "$B/short.db" 4 "cut short" "a truncated backup"

cp "$B/good.db" "$B/newer.db"
"$SQL" "$B/newer.db" "PRAGMA user_version = 99"
refused "$B/newer.db" 6 "newer salkku" "a newer salkku's backup"

# Bytes flipped in data pages: integrity_check finds it.
cp "$B/good.db" "$B/damaged.db"
for page in 6 31; do
	printf '\015\377\377\377\377\377\377\377' |
		dd of="$B/damaged.db" bs=1 seek=$((4096 * (page - 1))) conv=notrunc 2>/dev/null
done
refused "$B/damaged.db" 4 "damaged or not a complete salkku backup" "a damaged backup"

# Whole, but not salkku's schema: a table, an index, a trigger gone.
for change in "DROP TABLE outcome" "DROP INDEX project_code_unique" \
	      "DROP TRIGGER note_fts_insert" "UPDATE project SET version = -1"; do
	cp "$B/good.db" "$B/schema.db"
	"$SQL" "$B/schema.db" "$change"
	refused "$B/schema.db" 4 "not a complete salkku backup" "a backup after $change"
done

# The backup itself was only read: no -wal or -shm made beside it.
[ ! -e "$B/good.db-wal" ] && [ ! -e "$B/good.db-shm" ] ||
	fail "restore left files beside the backup"

# A good backup still restores.
run_salkku restore "$B/good.db"
expect_rc 0 "restore of the good backup"
run_salkku check
expect_rc 0 "check after the restore"

# "Newer" cannot be forged by a change-log time: an entry dated 2099
# (or "x") in the backup, a change made after it in the database.
for at in 2099-01-01T00:00:00Z x; do
	"$SQL" "$SALKKU_DB" "INSERT INTO change_log (uuid, at, who, action,
		entity, record_uuid) SELECT lower(hex(randomblob(4))) || '-0000-4000-8000-' ||
		lower(hex(randomblob(6))), '$at', 'tuoja', 'update', 'project', uuid
		FROM project WHERE code = 'LUMO'"
	"$SALKKU" backup "$B/forged.db" >/dev/null || fail "backup with a forged time"
	run_salkku set LUMO name="Muutettu $at"
	expect_rc 0 "a change after the backup ($at)"
	run_salkku restore "$B/forged.db"
	expect_rc 5 "restore over a newer change, the backup's last time $at"
	expect_err "newer than the backup" "the refusal says why ($at)"
	run_salkku show LUMO --format json
	expect_out "\"name\": \"Muutettu $at\"" "the refused restore kept the change ($at)"
	rm -f "$B/forged.db"
done

# Versions: a version read before a restore never matches again.
# version_of: the project's version in the last show --format json.
version_of() {
	printf '%s\n' "$out" | sed -n 's/^    "version": \([0-9]*\),$/\1/p' | head -n 1
}
run_salkku show LUMO --format json
stale=$(version_of)
[ -n "$stale" ] || fail "no version in show --format json"
"$SALKKU" backup "$B/before.db" >/dev/null || exit 99
for i in 1 2 3; do
	"$SALKKU" set LUMO name="Kierros $i" >/dev/null
done
run_salkku show LUMO --format json
newest=$(version_of)
run_salkku restore "$B/before.db" --force
expect_rc 0 "restore --force to an older backup"
run_salkku show LUMO --format json
restored=$(version_of)
[ "$restored" -gt "$newest" ] ||
	fail "after the restore LUMO is at version $restored, not above $newest"
for v in "$stale" "$newest"; do
	run_salkku set LUMO name="Vanhentunut" --if-version "$v"
	expect_rc 5 "set --if-version $v read before the restore"
done
# A record deleted before the restore: its version is not handed out
# again either.
"$SALKKU" add POISTO "Poistettava" >/dev/null || exit 99
"$SALKKU" backup "$B/with-poisto.db" >/dev/null || exit 99
for i in 1 2 3 4 5 6 7 8 9 10; do
	"$SALKKU" set POISTO name="Poistettava $i" >/dev/null
done
run_salkku show POISTO --format json
deleted=$(version_of)
"$SALKKU" rm POISTO --yes >/dev/null || fail "rm POISTO"
run_salkku restore "$B/with-poisto.db" --force
expect_rc 0 "restore of a backup with a record deleted since"
run_salkku show POISTO --format json
back=$(version_of)
[ "$back" -gt "$deleted" ] ||
	fail "the deleted record came back at version $back, not above $deleted"
run_salkku check
expect_rc 0 "check after the restores"

# Backup over what is not an older backup: refused, left alone.
for dest in /dev/null "$B/fifo.db" "$B/folder.db" "$B/text.db" "$B/dangling.db"; do
	run_salkku backup "$dest"
	expect_rc 4 "backup over $dest"
	expect_err "$dest" "backup over $dest: the message names it"
done
[ "$(cat "$B/text.db")" = projektit ] || fail "a backup overwrote a text file"
[ ! -e "$B/nothing.db" ] || fail "a backup followed a dangling link"

# A full disk (ulimit -f, with SIGXFSZ ignored so that write() fails
# with EFBIG instead of killing salkku).
full() {
	(trap '' XFSZ; ulimit -f "$1"; shift; "$SALKKU" "$@") >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	err=$(cat "$TEST_TMP/err")
}
cp "$B/good.db" "$B/old-backup.db"
old_backup=$(sha256sum <"$B/old-backup.db")
"$SALKKU" note add LUMO "$(printf 'pitkä muistiinpano %.0s' $(seq 1 4000))" >/dev/null
before=$(sums)
full 200 backup "$B/old-backup.db"
expect_rc 6 "backup onto a full disk"
expect_err "cannot back up to .*old-backup.db: File too large" "backup onto a full disk: message"
[ "$(sha256sum <"$B/old-backup.db")" = "$old_backup" ] ||
	fail "a failed backup damaged the older backup"
[ -z "$(ls "$B" | grep 'old-backup.db\.')" ] || fail "a failed backup left a temporary file"
full 200 restore "$B/good.db" --force
expect_rc 6 "restore onto a full disk"
expect_err "File too large" "restore onto a full disk: message"
expect_err "good.db" "restore onto a full disk: the message names the backup"
[ "$(sums)" = "$before" ] || fail "a failed restore changed the database"
full 60 export -o "$B/export.json"
expect_rc 1 "export onto a full disk"
expect_err "export.json: .*File too large" "export onto a full disk: message"
[ ! -e "$B/export.json" ] || fail "a failed export left a file"
[ "$(sums)" = "$before" ] || fail "a failed export changed the database"
run_salkku check
expect_rc 0 "check after the full disks"
finish
