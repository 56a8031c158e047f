#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Shell completion: completion/bash/salkku, driven the way bash drives
# it (COMP_WORDS, COMP_CWORD, the function, COMPREPLY), offers commands,
# subcommands, options, option values, field names, statuses and the
# project codes and organisations of the database --db or $SALKKU_DB
# names; and `salkku complete`, which it asks for the lists.
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	echo "SKIP: bash is not installed"
	exit 77
fi
script=$top_srcdir/completion/bash/salkku

# comp WORD... CURRENT: what completing CURRENT after the words offers,
# one per line, sorted.
comp() {
	bash --norc --noprofile -c '
		. "$0" || exit 99
		COMP_WORDS=("${@:2}")
		COMP_CWORD=$(($# - 2))
		_salkku "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' "$script" "$SALKKU" salkku "$@" |
		sort
}

# expect_comp "EXPECTED LINES" DESCRIPTION WORD... CURRENT
expect_comp() {
	want=$1 what=$2
	shift 2
	got=$(comp "$@")
	[ "$got" = "$want" ] ||
		fail "$what: 'salkku $*' offers [$(echo $got)], expected [$(echo $want)]"
}

# expect_has WORD DESCRIPTION WORD... CURRENT: WORD is among the offers.
expect_has() {
	want=$1 what=$2
	shift 2
	comp "$@" | grep -qxF -- "$want" ||
		fail "$what: 'salkku $*' does not offer $want: $(comp "$@" | tr '\n' ' ')"
}

# `salkku complete` itself.
run_salkku complete fields
expect_rc 0 "complete fields"
expect_out "^budget$" "project fields"
printf '%s\n' "$out" | grep -qx status && fail "status is set with 'salkku status', not offered as a field"
run_salkku complete fields organisation
expect_out "^short_name$" "organisation fields"
run_salkku complete values project status
expect_out "^withdrawn$" "statuses"
run_salkku complete values role role
expect_out "^steering_group$" "role kinds"
run_salkku complete values project budget
expect_rc 2 "budget has no fixed values"
expect_err "budget" "the message names the field"
run_salkku complete values nothing kind
expect_rc 2 "an unknown entity"
run_salkku complete lists
expect_rc 2 "an unknown list"
run_salkku complete codes
expect_rc 3 "no database yet"
[ -e "$SALKKU_DB" ] && fail "complete codes created the database"
expect_comp "" "no database, no codes" show ""
[ -e "$SALKKU_DB" ] && fail "completing created the database"

run_salkku init --demo
expect_rc 0 "init --demo"
run_salkku complete codes
expect_rc 0 "complete codes"
expect_out "^LUMO$" "the codes"
expect_out "^PRO SOS$" "a code with a space"
run_salkku complete orgs
expect_out "^ISO$" "organisations by short name"

# Commands and options.
expect_comp "show" "a command" sh
expect_comp "$(printf 'set\nshow\nstatus' | sort)" "three commands" s
expect_comp "--read-only" "a global option" --r
expect_comp "$(printf 'add\nlist\nrm\nset\nshow' | sort)" "org's subcommands" org ""
expect_comp "$(printf 'add\ncancel\ndone\nlist\nreopen\nrm\nset' | sort)" "deadline's subcommands" deadline ""
expect_comp "--output" "export --output" export --o
expect_has "--if-version" "status --if-version" status LUMO --
expect_has "--force" "status --force" status LUMO --
expect_has "--upcoming" "deadline list's options" deadline list --
expect_comp "$(printf 'csv\njson\ntable' | sort)" "list's formats" list --format ""
expect_comp "$(printf 'json\ntext' | sort)" "show's formats" show LUMO --format ""
expect_comp "$(printf 'csv\nics\njson\nxlsx' | sort)" "export's formats" export --format ""
expect_comp "" "a number is one's own" list --limit ""
expect_comp "--yes" "rm --yes" rm LUMO --y

# Codes, organisations, fields and values.
expect_comp "LUMO" "a project code" show LU
expect_comp 'PRO\ SOS' "a code with a space, quoted" show PRO
expect_has "LUMO" "set's code" set ""
expect_comp "budget=" "a field" set LUMO bud
expect_comp "" "no field after '='" set LUMO budget = ""
expect_comp "kind=" "an organisation's field" org set ISO ki
expect_comp "active" "a status" status LUMO act
expect_comp "$(printf 'active,rejected\nactive,reporting' | sort)" "list --status S,S" list --status active,re
expect_has "ISO" "an organisation" role add LUMO ""
expect_has "steering_group" "a role" role add LUMO ISO ""
expect_has "ISO" "a funder" list --funder ""
expect_has "report_due" "a deadline kind" deadline add LUMO --kind ""
expect_comp "values" "complete's lists" complete va
expect_has "organisation" "complete's entities" complete fields ""
expect_has "kind" "an entity's fields with values" complete values deadline ""
expect_comp "LUMO" "a code after options" log --limit 5 LU

# The database --db names, not $SALKKU_DB.
SALKKU_DB="$TEST_TMP/other.db" "$SALKKU" init >/dev/null &&
	SALKKU_DB="$TEST_TMP/other.db" "$SALKKU" add TOINEN "Toinen hanke" >/dev/null ||
	fail "a second database"
expect_comp "TOINEN" "--db names the database" --db "$TEST_TMP/other.db" show ""
expect_comp "" "--db: not the codes of \$SALKKU_DB" --db "$TEST_TMP/other.db" show LU

# Sourced, it registers itself.
bash --norc --noprofile -c '. "$0"; complete -p salkku' "$script" |
	grep -q -- '-F _salkku salkku' || fail "the script registers _salkku for salkku"
finish
