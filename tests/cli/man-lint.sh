#!/bin/sh
# The man pages format without a single warning, through man(1) as a
# reader sees them and through groff's strictest checks.
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir" || exit 99
if ! command -v man >/dev/null 2>&1 && ! command -v groff >/dev/null 2>&1; then
	echo "SKIP: neither man nor groff is installed"
	exit 77
fi

for page in man/*.[0-9]; do
	[ -f "$page" ] || continue
	if command -v man >/dev/null 2>&1; then
		warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
			man --warnings -E UTF-8 -l -Tutf8 "$page" 2>&1 >/dev/null)
		[ -z "$warnings" ] || fail "man $page: $warnings"
	fi
	if command -v groff >/dev/null 2>&1; then
		warnings=$(groff -ww -z -man "$page" 2>&1)
		[ -z "$warnings" ] || fail "groff $page: $warnings"
	fi
	# Every command of `salkku --help` is documented.
	case $page in
	man/salkku.1)
		for cmd in $("$SALKKU" --help 2>/dev/null |
			     sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
			grep -q "^\.B $cmd\b\|^\.B .*\b$cmd " "$page" ||
				fail "$page does not document the command $cmd"
		done
		;;
	esac
done
finish
