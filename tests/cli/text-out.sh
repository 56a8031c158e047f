#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Stored text going out: an export into a file or a pipe keeps the data
# exact (CSV raw, JSON with C1, bidi and line-separator characters as
# \u escapes), an export to a terminal shows control characters as the
# sanitiser does, and the JSON export reads back to the same bytes.
. "${top_srcdir:-.}/tests/lib.sh"

esc=$(printf '\033')
bel=$(printf '\007')
cr=$(printf '\r')
csi=$(printf '\302\233')
rlo=$(printf '\342\200\256')
lsep=$(printf '\342\200\250')
bom=$(printf '\357\273\277')

run_salkku init
expect_rc 0 "init"
run_salkku add code=EVIL "name=a${esc}[31mred${bel} ${csi}2J ${rlo}txt ${lsep}line ${bom}bom"
expect_rc 0 "add: a name with controls"
run_salkku set EVIL "description=over${cr}write"
expect_rc 0 "set: a description with CR"

# Into a pipe: CSV is exact.
"$SALKKU" export --format csv >"$TEST_TMP/out.csv" || fail "export csv to a file"
grep -q "${esc}\[31mred${bel} ${csi}2J ${rlo}txt" "$TEST_TMP/out.csv" ||
	fail "export csv into a file changed the data: $(od -c "$TEST_TMP/out.csv" | head -5)"
grep -q "over${cr}write" "$TEST_TMP/out.csv" || fail "export csv lost the CR"

# JSON: the characters that act on a terminal are escaped, exactly.
"$SALKKU" export >"$TEST_TMP/out.json" || fail "export json"
grep -q '\\u001b\[31mred\\u0007 \\u009b2J \\u202etxt \\u2028line \\ufeffbom' "$TEST_TMP/out.json" ||
	fail "export json left controls raw: $(grep EVIL "$TEST_TMP/out.json" | od -c | head -8)"
if LC_ALL=C grep -q "$(printf '\302\233\|\342\200\256\|\342\200\250\|\357\273\277')" "$TEST_TMP/out.json"; then
	fail "export json holds a raw C1, bidi, separator or BOM character"
fi
export SALKKU_DB="$TEST_TMP/copy.db"
run_salkku init
run_salkku import "$TEST_TMP/out.json"
expect_rc 0 "the escaped export imports"
"$SALKKU" export >"$TEST_TMP/again.json"
same_data "$TEST_TMP/out.json" "$TEST_TMP/again.json" ||
	fail "export → import → export differs: $(diff "$TEST_TMP/out.json" "$TEST_TMP/again.json" | head -5)"
run_salkku show EVIL --format json
expect_out '\\u009b2J \\u202etxt \\u2028line' "the imported name is the same"

# On a terminal (script(1) gives one): shown safely, CSV and JSON.
if command -v script >/dev/null 2>&1 &&
   script -qc true /dev/null </dev/null >/dev/null 2>&1; then
	script -qc "\"$SALKKU\" export --format csv" /dev/null </dev/null >"$TEST_TMP/tty.csv" 2>&1
	grep -q 'a^\[\[31mred^G <U+009B>2J <U+202E>txt <U+2028>line <U+FEFF>bom' "$TEST_TMP/tty.csv" ||
		fail "export csv to a terminal: not shown safely: $(od -c "$TEST_TMP/tty.csv" | sed -n 9,20p)"
	grep -q 'over^Mwrite' "$TEST_TMP/tty.csv" || fail "export csv to a terminal: CR raw"
	if LC_ALL=C grep -q "$esc\|$bel\|$(printf '\302\233\|\342\200\256')" "$TEST_TMP/tty.csv"; then
		fail "export csv to a terminal wrote a control character raw"
	fi
	script -qc "\"$SALKKU\" export" /dev/null </dev/null >"$TEST_TMP/tty.json" 2>&1
	grep -q '\\u009b2J \\u202etxt' "$TEST_TMP/tty.json" ||
		fail "export json to a terminal: $(grep EVIL "$TEST_TMP/tty.json" | head -2)"
	if LC_ALL=C grep -q "$esc\|$(printf '\302\233\|\342\200\256')" "$TEST_TMP/tty.json"; then
		fail "export json to a terminal wrote a control character raw"
	fi
else
	echo "script(1) cannot make a terminal here: the terminal part is skipped"
fi
finish
