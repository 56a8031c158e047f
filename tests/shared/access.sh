#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# `salkku access` grants and revokes read or write access for a user or
# group on the directory *and* the files already there, in the order the
# manual gives (init --shared first, then access grant), and reads back
# what each one gets.  Needs root (real users); elsewhere it skips.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/shared/users-lib.sh"

users_require

suffix=$$
group=sk-g$suffix other_group=sk-o$suffix
alice=sk-a$suffix reader=sk-r$suffix writer=sk-w$suffix
cleanup() {
	for u in "$alice" "$reader" "$writer"; do userdel "$u" 2>/dev/null; done
	groupdel "$group" 2>/dev/null
	groupdel "$other_group" 2>/dev/null
	rm -rf "$shared_root" "$TEST_TMP"
}
users_root salkku-access
trap cleanup EXIT
groupadd "$group" && groupadd "$other_group" || exit 99
useradd -M -N -g "$group" "$alice" && useradd -M -N "$reader" &&
	useradd -M -N -g "$other_group" "$writer" || exit 99
db="$shared_root/portfolio/salkku.db"


SALKKU_DB="$db" "$SALKKU" init --shared "$group" >/dev/null || fail "init --shared"
as "$alice" add YHTEINEN "Yhteinen hanke" budget=100
expect_rc 0 "alice adds a project"
[ -e "$db-wal" ] || fail "no -wal file after a write (the test means to cover it)"

# Before any grant the reader is refused, told which group shares the
# database and what to ask for, never a bare "Permission denied".
as "$reader" list
expect_rc 1 "the reader before the grant"
expect_err "is shared by group $group" "names the group"
expect_err "usermod -aG $group $reader" "says how to join it"
expect_err "salkku access grant read $reader" "or how to get read access"
# The terminal interface says the same (it used to say "cannot create").
as "$reader" </dev/null
expect_err "is shared by group $group" "the TUI path names the group"
printf '%s\n' "$err" | grep -q "cannot create" && fail "the TUI path said cannot create"

# The manual's order: the files exist, then access is granted.
SALKKU_DB="$db" run_salkku access grant read "$reader"
expect_rc 0 "access grant read"
expect_out "$reader may now read" "grant says what it did"
as "$reader" list
expect_rc 0 "the reader lists after the grant"
expect_out YHTEINEN "the reader sees the project"
as "$reader" set YHTEINEN budget=1
[ "$rc" -ne 0 ] || fail "a reader could write"
as "$alice" set YHTEINEN budget=200
expect_rc 0 "alice still writes"
as "$reader" show YHTEINEN
expect_out "200" "the reader sees alice's new budget"

# A stock SQLite tool closing the database removes -wal and -shm: the
# reader, who may not make them, is told so and how it mends; a
# writer's session makes them again, for the group.
rm -f "$db-wal" "$db-shm"
as "$reader" list
expect_rc 6 "the reader without -wal and -shm"
expect_err "-wal and -shm files are gone" "says what happened"
expect_err "member of its group" "and how it mends"
as "$alice" list
expect_rc 0 "a writer opens the database"
for f in "$db-wal" "$db-shm"; do
	m=$(stat -c '%a %G' "$f" 2>/dev/null)
	[ "$m" = "660 $group" ] || fail "$f is '$m' after the writer, expected '660 $group'"
done
as "$reader" list
expect_rc 0 "the reader reads again"

SALKKU_DB="$db" run_salkku access list
expect_rc 0 "access list"
expect_out "user +$reader +read " "the list shows the reader's access"
expect_out "group +$group +read and write" "the list shows the group's access"

# A group granted write: its members write, though not in the
# database's own group.
SALKKU_DB="$db" run_salkku access grant write --group "$other_group"
expect_rc 0 "access grant write --group"
as "$writer" set YHTEINEN budget=300
expect_rc 0 "a member of the granted group writes"

# An entry missing from one file shows, with the command that mends it.
setfacl -x "u:$reader" "$db" || fail "setfacl -x"
SALKKU_DB="$db" run_salkku access list
expect_out "not the same everywhere" "an uneven grant is shown"
expect_out "salkku access grant read $reader" "with the command that mends it"
SALKKU_DB="$db" run_salkku access grant read "$reader"
SALKKU_DB="$db" run_salkku access list
printf '%s\n' "$out" | grep -q "not the same" && fail "the grant did not mend it: $out"

# Revoked, the reader is out again; a second revoke says so.
SALKKU_DB="$db" run_salkku access revoke "$reader"
expect_rc 0 "access revoke"
as "$reader" list
[ "$rc" -ne 0 ] || fail "the reader still reads after revoke"
SALKKU_DB="$db" run_salkku access revoke "$reader"
expect_rc 3 "revoking twice"

# Bad input names what is wrong.
SALKKU_DB="$db" run_salkku access grant admin "$reader"
expect_rc 2 "an unknown access level"
SALKKU_DB="$db" run_salkku access grant read no-such-user-$suffix
expect_rc 4 "an unknown user"
expect_err "no user called" "the message names the problem"
finish
