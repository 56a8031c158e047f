# lib.sh — shared by the shell tests.  Sourced, not run.
#
# Every test gets a private directory, a frozen clock and a fixed locale,
# so that its results do not depend on the machine or the day.

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${SALKKU:=$top_builddir/salkku}"

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/salkku-test.XXXXXX") || exit 99
trap 'rm -rf "$TEST_TMP"' EXIT

export LC_ALL=C.UTF-8
export TZ=UTC
export SALKKU_TODAY=2023-11-20
export SALKKU_NOW=2023-11-20T09:00:00Z
export SALKKU_DB="$TEST_TMP/salkku.db"
export SALKKU_LOCALEDIR="$top_builddir/tests/locale"
export XDG_CONFIG_HOME="$TEST_TMP/config"
export XDG_DATA_HOME="$TEST_TMP/data"
unset VISUAL EDITOR NO_COLOR

failures=0

# fail MESSAGE: records a failure and goes on.
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# run_salkku ARGS...: runs salkku, leaving stdout in $out, stderr in $err
# and the exit status in $rc.
run_salkku() {
	"$SALKKU" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	out=$(cat "$TEST_TMP/out")
	err=$(cat "$TEST_TMP/err")
}

# expect_rc N DESCRIPTION: the last run_salkku exited with N.
expect_rc() {
	[ "$rc" -eq "$1" ] || fail "$2: exit status $rc, expected $1 (stderr: $err)"
}

# expect_out PATTERN DESCRIPTION: stdout of the last run matches the
# grep -E pattern.
expect_out() {
	printf '%s\n' "$out" | grep -qE -- "$1" || fail "$2: stdout lacks /$1/: $out"
}

# expect_err PATTERN DESCRIPTION: likewise for stderr.
expect_err() {
	printf '%s\n' "$err" | grep -qE -- "$1" || fail "$2: stderr lacks /$1/: $err"
}

# finish: the exit status automake's harness reads.
finish() {
	if [ "$failures" -gt 0 ]; then
		echo "$failures failure(s)" >&2
		exit 1
	fi
	exit 0
}
