#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The manual cannot drift from the program: the key table of the
# terminal interface's section is what ui/gen-keys prints from the
# action and binding tables (also, translated, in the Swedish page),
# salkku(5) names every action, element and
# screen the config file may use, and the pages format without warnings.
. "${top_srcdir:-.}/tests/lib.sh"

gen="$top_builddir/ui/gen-keys"
[ -x "$gen" ] || { echo "ui/gen-keys is not built" >&2; exit 99; }

"$gen" >"$TEST_TMP/keys.roff" || fail "gen-keys failed"
for page in "$top_srcdir/man/salkku.1"; do
	[ -f "$page" ] || continue
	grep -q '^\.\\" keys-begin' "$page" || fail "$page has no keys-begin mark"
	sed -n '/^\.\\" keys-begin/,/^\.\\" keys-end/p' "$page" >"$TEST_TMP/page.roff"
	if ! cmp -s "$TEST_TMP/keys.roff" "$TEST_TMP/page.roff"; then
		fail "the key table of $page differs from ui/gen-keys (update it from its output):"
		diff -u "$TEST_TMP/page.roff" "$TEST_TMP/keys.roff" >&2
	fi
done

# The Swedish page has the same table, its help texts and screen titles
# translated (a text may take two lines): the same lines but for those.
page="$top_srcdir/man/sv/salkku.1"
if [ -f "$page" ]; then
	sed -n '/^\.\\" keys-begin/,/^\.\\" keys-end/p' "$page" >"$TEST_TMP/sv.roff"
	keys_frame() {
		sed -e '1d' -e 's/^\.SS .* (\(.*\))$/.SS (\1)/' -e 's/^[^.].*/TEXT/' "$1" |
			awk '$0 != "TEXT" || prev != "TEXT" { print } { prev = $0 }'
	}
	keys_frame "$TEST_TMP/keys.roff" >"$TEST_TMP/keys.frame"
	keys_frame "$TEST_TMP/sv.roff" >"$TEST_TMP/sv.frame"
	if ! cmp -s "$TEST_TMP/keys.frame" "$TEST_TMP/sv.frame"; then
		fail "the key table of $page is not that of ui/gen-keys (translate its output):"
		diff -u "$TEST_TMP/sv.frame" "$TEST_TMP/keys.frame" >&2
	fi
fi

"$gen" --names >"$TEST_TMP/names" || fail "gen-keys --names failed"
while read -r kind name; do
	roff=$(printf '%s' "$name" | sed 's/-/\\\\-/g')
	grep -q "^\.B $roff\$\|^\.B $roff,\|^\.B $roff\.\$" "$top_srcdir/man/salkku.5" ||
		fail "salkku(5) does not document the $kind $name"
done <"$TEST_TMP/names"

if command -v groff >/dev/null 2>&1; then
	warnings=$(groff -ww -z -man "$top_srcdir/man/salkku.1" 2>&1)
	[ -z "$warnings" ] || fail "groff man/salkku.1: $warnings"
	warnings=$(groff -ww -z -man "$top_srcdir/man/salkku.5" 2>&1)
	[ -z "$warnings" ] || fail "groff man/salkku.5: $warnings"
fi
finish
