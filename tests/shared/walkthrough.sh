#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# salkku(1) SHARED USE, followed as an administrator would on a fresh
# server: a group and its members, init --shared, the system's config
# file (so that a session reads no SALKKU_DB), a reader given access,
# a nightly backup into the group's backup directory, a check and a
# restore by another member.  Nothing anyone runs says "Permission
# denied".  Needs root (real users); elsewhere it skips.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/shared/users-lib.sh"

users_require install

suffix=$$
group=sk-iso$suffix aino=sk-ai$suffix pekka=sk-pe$suffix lukija=sk-lu$suffix
srv=$(mktemp -d /tmp/salkku-srv.XXXXXX) || exit 99
cleanup() {
	for u in "$aino" "$pekka" "$lukija"; do userdel "$u" 2>/dev/null; done
	groupdel "$group" 2>/dev/null
	rm -rf "$srv" "$TEST_TMP"
}
trap cleanup EXIT
chmod 755 "$srv"
mkdir "$srv/bin" "$srv/etc" && cp "$SALKKU" "$srv/bin/salkku" &&
	chmod 755 "$srv/bin" "$srv/bin/salkku" "$srv/etc" || exit 99
export SALKKU_SYSTEM_CONFIG="$srv/etc/config"
unset SALKKU_DB

# as USER ARGS...: a session of USER over ssh: no profile, no SALKKU_DB.
as() {
	who=$1
	shift
	runuser -u "$who" -- env -i PATH=/usr/bin:/bin HOME="$srv" \
		LC_ALL=C.UTF-8 SALKKU_TODAY="$SALKKU_TODAY" \
		SALKKU_SYSTEM_CONFIG="$SALKKU_SYSTEM_CONFIG" \
		"$srv/bin/salkku" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	out=$(cat "$TEST_TMP/out")
	err=$(cat "$TEST_TMP/err")
	grep -qi "permission denied" "$TEST_TMP/out" "$TEST_TMP/err" &&
		fail "$who $*: Permission denied: $err"
}

# The administrator, as the manual says.
groupadd "$group" || exit 99
useradd -M -N -g "$group" "$aino" && useradd -M -N -g "$group" "$pekka" &&
	useradd -M -N "$lukija" || exit 99
run_salkku --db "$srv/salkku/salkku.db" init --shared "$group"
expect_rc 0 "init --shared"
echo "database = $srv/salkku/salkku.db" >"$SALKKU_SYSTEM_CONFIG"
run_salkku access grant read "$lukija"
expect_rc 0 "access grant read"
run_salkku access list
expect_out "user +$lukija +read" "access list shows the reader"

# The team works, with nothing but the system's config to find the file.
as "$aino" add KANSA "Kansa-koulu 5" budget=100
expect_rc 0 "aino adds a project"
as "$pekka" set KANSA budget=200
expect_rc 0 "pekka changes it"
as "$lukija" show KANSA
expect_rc 0 "lukija reads it"
expect_out "200" "lukija sees pekka's budget"
as "$lukija" set KANSA budget=1
expect_rc 2 "lukija may not write"

# Backups: the group's directory, a nightly backup, a check and a
# restore by another member.
install -d -m 2750 -g "$group" "$srv/salkku/backup" || fail "install -d"
run_salkku backup "$srv/salkku/backup/salkku-1.db"
expect_rc 0 "root's nightly backup"
as "$aino" --db "$srv/salkku/backup/salkku-1.db" --read-only check
expect_rc 0 "aino checks the backup"
as "$pekka" set KANSA budget=300
as "$pekka" restore "$srv/salkku/backup/salkku-1.db" --force
expect_rc 0 "pekka restores the backup"
as "$aino" show KANSA
expect_out "200" "the restored budget"
as "$aino" check
expect_rc 0 "check after the restore"
finish
