#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The man pages format without a single warning, through man(1) as a
# reader sees them, through groff's strictest checks and through
# mandoc -Tlint (which also parses the date); and salkku(1) documents
# every command and every option that `salkku [COMMAND] --help` shows.
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir" || exit 99
if ! command -v man >/dev/null 2>&1 && ! command -v groff >/dev/null 2>&1; then
	echo "SKIP: neither man nor groff is installed"
	exit 77
fi

for page in man/*.[0-9] man/*/*.[0-9]; do
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
	if command -v mandoc >/dev/null 2>&1; then
		warnings=$(mandoc -Tlint "$page" 2>&1)
		[ -z "$warnings" ] || fail "mandoc -Tlint $page: $warnings"
	else
		echo "SKIP (part): mandoc is not installed; mandoc -Tlint not run"
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

# The long options of a --help text: those of its option lines, and
# those of its usage line.
help_options() {
	sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p; /^usage:/s/[^-]*\(--[a-z][a-z-]*\)/\1\n/gp' |
		grep -E '^--[a-z][a-z-]*$' | sort -u
}

# The entry of salkku(1) for a command ("export", "org set"): from its
# ".TP / .B words" heading to the next command's heading or section,
# as plain text ("\-" read as "-", fonts dropped).
man_entry() {
	awk -v words="$1" '
		function heading(line) {
			return line ~ "^\\.B " words "([ \\\\]|$)"
		}
		/^\.S[HS] / { if (inside) exit }
		prev == ".TP" && /^\.B [a-z]/ {
			if (inside) exit
			if (heading($0)) inside = 1
		}
		inside { print }
		{ prev = $0 }
	' man/salkku.1 | sed 's/\\-/-/g; s/\\f[BIRP]//g'
}

# check_command WORDS...: each long option of `salkku WORDS --help` is
# in the entry of salkku(1), and each option line's option is in the
# usage line too (by its long or its short name).
check_command() {
	help=$("$SALKKU" "$@" --help 2>&1)
	entry=$(man_entry "$*")
	if [ -z "$entry" ]; then
		fail "man/salkku.1 has no entry '.B $*'"
		return
	fi
	usage=$(printf '%s\n' "$help" | sed -n 's/^usage: //p')
	for opt in $(printf '%s\n' "$help" | help_options); do
		printf '%s\n' "$entry" | grep -qE -- "$opt([^a-z-]|\$)" ||
			fail "man/salkku.1 does not document '$*' $opt"
	done
	printf '%s\n' "$help" |
	sed -n 's/^  \(-\([a-zA-Z]\), \)\{0,1\}\(--[a-z][a-z-]*\).*/\3 -\2/p' |
	while read -r long short; do
		printf '%s\n' "$usage" | grep -qE -- "(^| |\[|\|)($long|$short)([] |=]|\$)" ||
			echo "$long"
	done >"$TEST_TMP/unused"
	# "[OPTION]..." stands for all of them.
	case $usage in *"[OPTION]"*) : >"$TEST_TMP/unused" ;; esac
	for opt in $(cat "$TEST_TMP/unused"); do
		fail "the usage line of 'salkku $* --help' lacks $opt: $usage"
	done
}

commands=$("$SALKKU" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ -n "$commands" ] || fail "salkku --help lists no commands"
for cmd in $commands; do
	subs=$("$SALKKU" "$cmd" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
	if [ -z "$subs" ]; then
		check_command "$cmd"
	else
		for sub in $subs; do
			check_command "$cmd" "$sub"
		done
	fi
done
# The options before the command.
for opt in $("$SALKKU" --help | sed -n '/^Options:/,/^$/s/^  \(--[a-z][a-z-]*\).*/\1/p'); do
	sed 's/\\-/-/g' man/salkku.1 | grep -qE -- "$opt([^a-z-]|\$)" ||
		fail "man/salkku.1 does not document the option $opt"
done
finish
