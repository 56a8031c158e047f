#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Two real Unix users in one group share a database set up with
# `salkku init --shared GROUP`; a third user who may only read (an ACL)
# gets a read-only session and leaves no -wal/-shm files of his own.
# Needs root (to make the users): CI runs as root; elsewhere it skips.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/shared/users-lib.sh"

users_require setfacl

suffix=$$
group=sk-t$suffix
alice=sk-a$suffix bob=sk-b$suffix reader=sk-r$suffix
cleanup() {
	for u in "$alice" "$bob" "$reader"; do userdel "$u" 2>/dev/null; done
	groupdel "$group" 2>/dev/null
	rm -rf "$shared_root" "$TEST_TMP"
}
users_root salkku-shared
trap cleanup EXIT
groupadd "$group" || exit 99
useradd -M -N -g "$group" "$alice" && useradd -M -N -g "$group" "$bob" &&
	useradd -M -N "$reader" || exit 99
db="$shared_root/portfolio/salkku.db"

# Set-up by the administrator, as the man page says.
SALKKU_DB="$db" "$SALKKU" init --shared "$group" >/dev/null || fail "init --shared"
mode=$(stat -c '%a %G' "$shared_root/portfolio")
[ "$mode" = "2770 $group" ] || fail "shared directory is '$mode', expected '2770 $group'"
mode=$(stat -c '%a %G' "$db")
[ "$mode" = "660 $group" ] || fail "database file is '$mode', expected '660 $group'"

as "$alice" add YHTEINEN "Yhteinen hanke" budget=100
expect_rc 0 "alice adds a project"
as "$bob" set YHTEINEN budget=200
expect_rc 0 "bob changes alice's project"
as "$alice" log YHTEINEN
expect_out "$bob" "the log names bob"
expect_out "$alice" "the log names alice"
for f in "$db" "$db-wal" "$db-shm"; do
	[ -e "$f" ] || continue
	m=$(stat -c '%a %G' "$f")
	case $m in
	660\ "$group") ;;
	*) fail "$f is '$m' after use, expected '660 $group'" ;;
	esac
done

# A version conflict between the two users.
as "$alice" show YHTEINEN --format json
version=$(printf '%s\n' "$out" | sed -n 's/^    "version": \([0-9]*\),$/\1/p' | head -n 1)
as "$bob" set YHTEINEN budget=300 --if-version "$version"
expect_rc 0 "bob saves first"
as "$alice" set YHTEINEN budget=400 --if-version "$version"
expect_rc 5 "alice's stale save is refused"
expect_err "$bob" "the conflict names bob"

# The reader may read the file (ACL) but not write it or the directory.
setfacl -m "u:$reader:rx" "$shared_root/portfolio" &&
	setfacl -m "u:$reader:r" "$db" || fail "setfacl"
for f in "$db-wal" "$db-shm"; do
	[ -e "$f" ] && setfacl -m "u:$reader:r" "$f"
done
as "$reader" list
expect_rc 0 "the reader lists"
expect_out YHTEINEN "the reader sees the project"
as "$reader" set YHTEINEN budget=1
expect_rc 2 "a reader's change: the status of a read-only refusal"
expect_err "you may only read $db" "the reader is told he may only read"
as "$reader" --read-only set YHTEINEN budget=1
expect_rc 2 "the same change under --read-only"
for f in "$db-wal" "$db-shm"; do
	[ -e "$f" ] || continue
	owner=$(stat -c %U "$f")
	[ "$owner" != "$reader" ] || fail "the reader left $f of his own"
done
as "$alice" set YHTEINEN budget=500
expect_rc 0 "alice still writes after the reader"

# Backups are the team's: an ordinary rollback-journal file, readable
# by the group (never by others), that another member can check, back
# up over and restore, also from a place where he may not write.
as "$alice" backup "$shared_root/portfolio/backup.db"
expect_rc 0 "alice backs up"
m=$(stat -c '%a %G' "$shared_root/portfolio/backup.db")
[ "$m" = "640 $group" ] || fail "the backup is '$m', expected '640 $group'"
[ "$(od -An -tu1 -j18 -N2 "$shared_root/portfolio/backup.db" | tr -s ' ')" = " 1 1" ] ||
	fail "the backup is not a rollback-journal file"
as "$bob" --db "$shared_root/portfolio/backup.db" --read-only check
expect_rc 0 "bob checks alice's backup read-only"
as "$bob" backup "$shared_root/portfolio/backup.db"
expect_rc 0 "bob backs up over alice's backup"
mkdir "$shared_root/readonly" && cp "$shared_root/portfolio/backup.db" "$shared_root/readonly/" &&
	chgrp -R "$group" "$shared_root/readonly" && chmod 750 "$shared_root/readonly" &&
	chmod 640 "$shared_root/readonly/backup.db" || fail "a read-only place"
as "$bob" restore "$shared_root/readonly/backup.db" --force
expect_rc 0 "bob restores from a place where he may not write"
ls "$shared_root/readonly" | grep -q -- '-wal\|-shm\|-journal' &&
	fail "restore left files beside a read-only backup"
as "$reader" restore "$shared_root/portfolio/backup.db"
[ "$rc" -ne 3 ] || fail "an unreadable backup was called missing"
expect_err "Permission denied|read-only|may only read" "the real reason"

# init --force never removes a database set up for the group.
SALKKU_DB="$db" run_salkku init --force
expect_rc 2 "init --force on a shared database"
expect_err "is shared with group $group" "says why"
as "$alice" show YHTEINEN
expect_rc 0 "the shared database is still there"

# A misconfigured shared directory is found before opening.
chmod g-s "$shared_root/portfolio"
as "$alice" list
expect_rc 6 "a shared directory without setgid is refused"
expect_err "chmod g\\+s" "the message says what to fix"
chmod g+s "$shared_root/portfolio"

finish
