#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Voikko, Snowball (libstemmer), libical and libxlsxwriter are opened
# when search, a calendar or a workbook first needs them, not linked: a command that needs none
# of them does not load them (nor the twenty libraries under them).  A
# missing one is named, with its package and what needs it, and exit
# status 7; search without Voikko goes on by Snowball stems.
. "${top_srcdir:-.}/tests/lib.sh"

SHIM="$top_builddir/tests/fail-dlopen.so"
# In a sanitizer build the shim comes before the ASan runtime.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# loaded ARGS...: runs salkku with the loader's trace; $loaded holds the
# names of the libraries it loaded, one a line.
loaded() {
	LD_DEBUG=files "$SALKKU" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/trace"
	rc=$?
	loaded=$(sed -n 's/.*file=\([^ ]*\) .*/\1/p' "$TEST_TMP/trace" | sort -u)
}

# without NAME ARGS...: runs salkku as if library NAME were not installed.
without() {
	_name=$1
	shift
	FAIL_DLOPEN=$_name LD_PRELOAD="$SHIM" run_salkku "$@"
}

run_salkku init --demo
expect_rc 0 "init --demo"

for cmd in "list" "list --limit 50" "show LUMO" "deadline list" \
	   "list --status active --format csv"; do
	# shellcheck disable=SC2086
	loaded $cmd
	[ "$rc" -eq 0 ] || fail "$cmd: exit status $rc"
	case $loaded in
	*libvoikko* | *libstemmer* | *libical* | *libxlsxwriter*)
		fail "$cmd loads $(printf '%s\n' "$loaded" | grep -E 'voikko|stemmer|ical|xlsx' | tr '\n' ' ')" ;;
	esac
done

# The trace does show them where they are used.
loaded export --format ics -o "$TEST_TMP/all.ics"
printf '%s\n' "$loaded" | grep -q '^libical\.so' ||
	fail "export --format ics: libical not seen loaded: $loaded"
loaded export --format xlsx -o "$TEST_TMP/all.xlsx"
printf '%s\n' "$loaded" | grep -q '^libxlsxwriter\.so' ||
	fail "export --format xlsx: libxlsxwriter not seen loaded: $loaded"
loaded list vanhemmuus
expect_search=$rc
if printf '%s\n' "$loaded" | grep -q '^libvoikko\.so'; then
	voikko=yes
else
	voikko=no
fi
[ "$expect_search" -eq 0 ] || fail "list vanhemmuus: exit status $expect_search"

# A missing libical: named, with its package and what needs it; no file.
without libical export --format ics -o "$TEST_TMP/none.ics"
expect_rc 7 "export --format ics without libical"
expect_err "calendar export needs the library libical\.so\.[0-9]+ \(Debian package libical3\): .*(cannot open|No such file)" \
	"the message names libical"
[ ! -e "$TEST_TMP/none.ics" ] || fail "a calendar was written without libical"

# A missing libxlsxwriter, for the export and for the report.
without libxlsxwriter export --format xlsx -o "$TEST_TMP/none.xlsx"
expect_rc 7 "export --format xlsx without libxlsxwriter"
expect_err "xlsx output needs the library libxlsxwriter\.so\.[0-9]+ \(Debian package libxlsxwriter4\)" \
	"the message names libxlsxwriter"
[ ! -e "$TEST_TMP/none.xlsx" ] || fail "a workbook was written without libxlsxwriter"
without libxlsxwriter report --format xlsx -o "$TEST_TMP/report.xlsx"
expect_rc 7 "report --format xlsx without libxlsxwriter"
expect_err "xlsx output needs the library libxlsxwriter" "the report says so too"
[ ! -e "$TEST_TMP/report.xlsx" ] || fail "a report was written without libxlsxwriter"

# Without Voikko, search goes on by Snowball stems (or the words alone),
# as it did before Voikko was installed: no error; without Snowball as
# well, by the words as written.
without libvoikko list Varikko
expect_rc 0 "search without Voikko"
expect_out "^Varikko " "search without Voikko finds the word as written"
without lib list Varikko
expect_rc 0 "search without Voikko and Snowball"
expect_out "^Varikko " "search without either finds the word as written"
run_salkku list --format csv
expect_rc 0 "list after a search without Voikko"
if [ "$voikko" = yes ]; then
	# The index another analyser made is made again by the next search.
	run_salkku list vanhemmuus
	expect_rc 0 "search with Voikko again"
	expect_out "^Varikko " "Voikko finds the base form again"
fi
run_salkku check
expect_rc 0 "check after the analysers changed"

# Sanity: the shim does hide a library.
FAIL_DLOPEN=libical LD_PRELOAD="$SHIM" LD_DEBUG=files "$SALKKU" export \
	--format ics >/dev/null 2>"$TEST_TMP/trace"
grep -q 'file=libical' "$TEST_TMP/trace" &&
	fail "the shim let libical load"
finish
