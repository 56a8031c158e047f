# SPDX-License-Identifier: EUPL-1.2
# users-lib.sh — real Unix users for the shared-use tests.  Sourced after
# tests/lib.sh; not a test itself.
#
#   users_require [TOOL...]       skip (77) unless root with the user tools
#                                 (and not in a package build)
#   users_root PREFIX             a world-readable scratch folder with a copy
#                                 of salkku the test users can run, in
#                                 $shared_root (removed by the test's cleanup)
#   as USER ARGS...               salkku as USER on $db, leaving $out, $err
#                                 and $rc as run_salkku does

users_require() {
	# A package build (debian/rules) sets SALKKU_TEST_NO_USERS: it must
	# not touch the system's users.
	if [ -n "${SALKKU_TEST_NO_USERS:-}" ]; then
		echo "skipped: SALKKU_TEST_NO_USERS is set"
		exit 77
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "skipped: creating Unix users needs root"
		exit 77
	fi
	for tool in useradd groupadd userdel groupdel runuser "$@"; do
		command -v "$tool" >/dev/null 2>&1 || { echo "skipped: no $tool"; exit 77; }
	done
}

users_root() {
	shared_root=$(mktemp -d "/tmp/$1.XXXXXX") || exit 99
	chmod 755 "$shared_root"
	mkdir "$shared_root/bin" && cp "$SALKKU" "$shared_root/bin/salkku" &&
		chmod 755 "$shared_root/bin" "$shared_root/bin/salkku" || exit 99
}

as() {
	who=$1
	shift
	runuser -u "$who" -- env SALKKU_DB="$db" HOME="$shared_root" \
		LC_ALL=C.UTF-8 SALKKU_TODAY="$SALKKU_TODAY" \
		"$shared_root/bin/salkku" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	out=$(cat "$TEST_TMP/out")
	err=$(cat "$TEST_TMP/err")
}
