#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The command line's frame: --version, --help, usage errors (exit 2),
# a missing database (3), a database newer than this program (6),
# --read-only, init and check.
. "${top_srcdir:-.}/tests/lib.sh"

# --version and --help
run_salkku --version
expect_rc 0 "--version"
expect_out '^salkku [0-9]+\.[0-9]+' "--version prints the version"

run_salkku --help
expect_rc 0 "--help"
for cmd in init demo list show add set rm status org role funding deadline \
	   note outcome log export import check; do
	expect_out "^  $cmd " "--help lists $cmd"
done

run_salkku help
expect_rc 0 "salkku help"
expect_out '^Commands:' "salkku help lists the commands"

run_salkku list --help
expect_rc 0 "list --help"
expect_out '^usage: salkku list' "list --help: usage line"
expect_out '--status' "list --help: options"

run_salkku help show
expect_rc 0 "help show"
expect_out '^usage: salkku show CODE' "help show: usage line"

run_salkku org --help
expect_rc 0 "org --help"
expect_out '^  list ' "org --help lists its commands"

run_salkku funding set --help
expect_rc 0 "funding set --help"
expect_out '--if-version' "funding set --help: options"

# Usage errors: exit 2 with a one-line hint.
run_salkku frobnicate
expect_rc 2 "unknown command"
expect_err "^salkku: unknown command 'frobnicate'" "unknown command: message"
expect_err '^usage: salkku' "unknown command: usage hint"

run_salkku --frobnicate
expect_rc 2 "unknown global option"
expect_err 'unknown option --frobnicate' "unknown global option: message"

run_salkku --db
expect_rc 2 "--db without a value"
expect_err 'needs a value' "--db without a value: message"

run_salkku list --bogus
expect_rc 2 "unknown list option"
expect_err '^salkku: unknown option --bogus' "unknown list option: message"
expect_err '^usage: salkku list' "unknown list option: usage hint"

run_salkku list --limit
expect_rc 2 "--limit without a value"

run_salkku org
expect_rc 2 "org without a subcommand"
expect_err 'which command' "org without a subcommand: message"

run_salkku org frob
expect_rc 2 "unknown org subcommand"
expect_err "unknown command 'org frob'" "unknown org subcommand: message"

run_salkku show
expect_rc 2 "show without a code"
expect_err 'missing argument' "show without a code: message"
expect_err '^usage: salkku show CODE' "show without a code: usage"

run_salkku show A B
expect_rc 2 "show with two codes"
expect_err 'too many arguments' "show with two codes: message"

# No database yet: reading is "not found", and nothing is created.
run_salkku list
expect_rc 3 "list without a database"
expect_err "no database here" "list without a database: message"
[ ! -e "$SALKKU_DB" ] || fail "list created the database"

# init creates it, a second init leaves it be.
run_salkku init
expect_rc 0 "init"
expect_out "Database ready: $SALKKU_DB" "init: message"
[ -s "$SALKKU_DB" ] || fail "init made no database file"
run_salkku add P1 "First project"
expect_rc 0 "add after init"
run_salkku init
expect_rc 0 "init again"
run_salkku list --format csv
expect_out '^P1,' "init again keeps the projects"

run_salkku init extra
expect_rc 2 "init with an argument"
run_salkku demo extra
expect_rc 2 "demo with an argument"
run_salkku demo --help
expect_rc 0 "demo --help"
expect_out '^usage: salkku demo' "demo --help: usage"

run_salkku init --demo
expect_rc 4 "init --demo on a database with projects"
run_salkku list --format csv
[ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ] ||
	fail "a refused init --demo wrote something: $out"

run_salkku init --force
expect_rc 0 "init --force"
run_salkku list
expect_rc 0 "list on the new database"
expect_out '^No projects' "init --force started anew"

# --db and SALKKU_DB
other="$TEST_TMP/other.db"
run_salkku --db "$other" init
expect_rc 0 "init --db"
[ -s "$other" ] || fail "--db: no database at $other"
run_salkku --db "$other" add OTHER "Elsewhere"
run_salkku list --format csv
printf '%s\n' "$out" | grep -q '^OTHER' && fail "--db wrote to \$SALKKU_DB"

# check
run_salkku check
expect_rc 0 "check"
expect_out '^ok$' "check prints ok"

# --read-only: reading works, writing is refused and writes nothing.
run_salkku --read-only list
expect_rc 0 "--read-only list"
run_salkku --read-only add RO "Read-only"
expect_rc 2 "--read-only add"
expect_err 'read-only' "--read-only add: message"
run_salkku list --format csv
printf '%s\n' "$out" | grep -q '^RO,' && fail "--read-only add wrote"

# A database from a newer salkku is refused, untouched.
newer="$TEST_TMP/newer.db"
run_salkku --db "$newer" init
expect_rc 0 "init newer.db"
# The 4-byte big-endian user_version lives at offset 60 of the header.
printf '\000\000\003\347' | dd of="$newer" bs=1 seek=60 conv=notrunc 2>/dev/null
cp "$newer" "$TEST_TMP/newer.copy"
run_salkku --db "$newer" list
expect_rc 6 "a newer database"
expect_err '^salkku: ' "a newer database: message"
cmp -s "$newer" "$TEST_TMP/newer.copy" || fail "a newer database was changed"
run_salkku --db "$newer" add X "Should not be written"
expect_rc 6 "writing to a newer database"
cmp -s "$newer" "$TEST_TMP/newer.copy" || fail "a newer database was written"

# Not a database at all.
printf 'this is not sqlite\n' >"$TEST_TMP/junk.db"
run_salkku --db "$TEST_TMP/junk.db" list
expect_rc 6 "a file that is not a database"

finish
