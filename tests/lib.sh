# SPDX-License-Identifier: EUPL-1.2
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

# same_data A B: two JSON exports hold the same data: equal but for the
# exchange members that name the exporting database ("database") and
# what it last received from others ("bases"), which differ between
# databases by design.
same_data() {
	for f in "$1" "$2"; do
		sed -e '/^"database":/d' -e '/^"bases":{/,$d' "$f" >"$f.data"
	done
	cmp -s "$1.data" "$2.data"
}

# have_py MODULE: /usr/bin/python3 is there and imports MODULE (a
# reader that is not ours: html5lib, openpyxl).
have_py() {
	[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $1" 2>/dev/null
}

# finish: the exit status automake's harness reads.
finish() {
	if [ "$failures" -gt 0 ]; then
		echo "$failures failure(s)" >&2
		exit 1
	fi
	exit 0
}

# use_language LL: runs salkku in the LL_FI.UTF-8 locale (fi or sv) with
# the catalogue compiled from po/LL.po; exits 77 (skip) when the locale
# is neither installed nor buildable here, or the catalogue cannot be
# had.  Sets $lang_locale.
use_language() {
	lang_locale=$(locale -a 2>/dev/null | grep -i "^$1_FI\.utf-\?8\$" | head -n 1)
	if [ -z "$lang_locale" ]; then
		if command -v localedef >/dev/null 2>&1 &&
		   [ -f "/usr/share/i18n/locales/$1_FI" ] &&
		   localedef -i "$1_FI" -f UTF-8 "$TEST_TMP/loc/$1_FI.UTF-8" >/dev/null 2>&1; then
			export LOCPATH="$TEST_TMP/loc"
			lang_locale=$1_FI.UTF-8
		else
			echo "SKIP: no $1_FI.UTF-8 locale, and none can be built here (install locales)"
			exit 77
		fi
	fi
	if command -v msgfmt >/dev/null 2>&1; then
		msgfmt -o "$TEST_TMP/$1.gmo" "$top_srcdir/po/$1.po" || exit 99
		lang_gmo="$TEST_TMP/$1.gmo"
	else
		lang_gmo="$top_builddir/po/$1.gmo"
		[ -f "$lang_gmo" ] || lang_gmo="$top_srcdir/po/$1.gmo"
		if [ ! -f "$lang_gmo" ]; then
			echo "SKIP: po/$1.gmo is not built and msgfmt is missing"
			exit 77
		fi
	fi
	mkdir -p "$SALKKU_LOCALEDIR/$1/LC_MESSAGES" || exit 99
	cp "$lang_gmo" "$SALKKU_LOCALEDIR/$1/LC_MESSAGES/salkku.mo.$$" &&
		mv "$SALKKU_LOCALEDIR/$1/LC_MESSAGES/salkku.mo.$$" \
		   "$SALKKU_LOCALEDIR/$1/LC_MESSAGES/salkku.mo" || exit 99
	export LC_ALL="$lang_locale" LANGUAGE=
}

# The English keys that must never stand inside a sentence of another
# language: entities, field keys, statuses, roles, kinds and placeholders.
english_keys='project|organisation|organization|role|funding|status_change|deadline|note|outcome|code|name|description|status|planned_start|planned_end|actual_start|actual_end|themes|region|budget|person_years|website|short_name|kind|budget_share|funder|programme|applied|granted|decision_date|reference|from_status|to_status|reason|forced|title|due|done|done_date|author|body|label|value|unit|preparing|rejected|active|reporting|closed|cancelled|withdrawn|administrator|main_implementer|co_implementer|partner|steering_group|application_due|decision_expected|report_due|steering_meeting|payment|other|created|deleted|overdue|days|UTC|CODE|FILE|FIELD|VALUE|ORG|NAME|DATE|TEXT|KIND|DAYS|WORDS'

# expect_no_english DESCRIPTION: neither stdout nor stderr of the last run
# holds an English key as a word.  Command names after "salkku", option
# names, the names of --format and --sort values and uuids are syntax,
# not words of a sentence, and are left out; so is a value people type
# when the help glosses it in the language, "payment (maksatushakemus)",
# whose gloss may run on to the next line, and alternatives of a usage
# line ("done|cancel|keep").
expect_no_english() {
	found=$(printf '%s\n%s\n' "$out" "$err" |
		sed -E -e 's/salkku( [a-z]+){1,2}/salkku/g' \
		       -e 's/--[a-z-]+//g' \
		       -e 's/[0-9a-f]{8}-[0-9a-f-]{27}//g' \
		       -e '/^  (format|sort|[a-z]+ +[A-ZÄÖ]) /d' \
		       -e 's/(table|csv|json|text)(, | tai | eller |\)|$)//g' \
		       -e 's/(code, name, status, administrator, funder,|start, end [a-z]+ budget)//' \
		       -e 's/^  [a-z]+ {2,}//' \
		       -e 's/\b[a-z_]+ \(//g' \
		       -e 's/[a-z_]+(\|[a-z_]+)+//g' \
		       -e 's/\b[a-z_]+$//' |
		grep -owE "$english_keys" | sort -u | tr '\n' ' ')
	[ -z "$found" ] || fail "$1: English keys in the output: $found
$out
$err"
}
