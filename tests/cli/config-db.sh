#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Which database a session opens: --db, SALKKU_DB, the user's config
# file, the system's, the private default; and the TUI never makes an
# empty database unasked.
. "${top_srcdir:-.}/tests/lib.sh"

unset SALKKU_DB
export SALKKU_SYSTEM_CONFIG="$TEST_TMP/etc/salkku/config"
mkdir -p "$XDG_CONFIG_HOME/salkku" "$TEST_TMP/etc/salkku" "$TEST_TMP/team dir"
user_config=$XDG_CONFIG_HOME/salkku/config

# Nothing said: the private default, and only init creates it.
run_salkku list
expect_rc 3 "list without a database"
expect_err "$XDG_DATA_HOME/salkku/salkku.db" "the default path is named"
run_salkku init
expect_rc 0 "init at the default"
[ -f "$XDG_DATA_HOME/salkku/salkku.db" ] || fail "init did not create the default database"

# The system's config file names the team's database.
echo "database = $TEST_TMP/team dir/system.db" >"$SALKKU_SYSTEM_CONFIG"
run_salkku init --demo
expect_rc 0 "init --demo where the system config says"
expect_out "team dir/system.db" "init names the system config's database"
run_salkku list --format=csv
expect_rc 0 "list from the system config's database"
[ "$(printf "%s\n" "$out" | grep -c .)" -ge 17 ] || fail "list did not read the demo: $out"

# The user's file comes before the system's; "set database" and a
# quoted path with "~/" work too.
printf '# mine\nset database "~/own.db"\n' >"$user_config"
HOME="$TEST_TMP/team dir" run_salkku init
expect_rc 0 "init where the user config says"
[ -f "$TEST_TMP/team dir/own.db" ] || fail "~/ was not the home directory"
HOME="$TEST_TMP/team dir" run_salkku list --format=csv
expect_rc 0 "list from the user's database"
[ "$(printf "%s\n" "$out" | grep -c .)" -le 1 ] || fail "the user's (empty) database was not the one read: $out"

# SALKKU_DB comes before both, --db before everything.
SALKKU_DB="$TEST_TMP/team dir/system.db" HOME="$TEST_TMP/team dir" run_salkku show LUMO
expect_rc 0 "SALKKU_DB wins over the config files"
HOME="$TEST_TMP/team dir" run_salkku --db "$TEST_TMP/team dir/system.db" show LUMO
expect_rc 0 "--db wins over the config files"

# A setting without a path names the file and the line.
printf '# mine\n\ndatabase =\n' >"$user_config"
run_salkku list
expect_rc 4 "an empty database setting"
expect_err "config:3: database" "the file and line of the empty setting"

# The terminal interface, with no terminal to ask on, creates nothing.
echo "database = $TEST_TMP/missing/new.db" >"$user_config"
run_salkku </dev/null
expect_rc 3 "the TUI without a database and without a terminal"
expect_err "no database at $TEST_TMP/missing/new.db" "names the missing database"
expect_err "set in $user_config" "says which config file named it"
[ -e "$TEST_TMP/missing" ] && fail "the TUI created something unasked"

# The terminal interface's own settings still read the same file.
printf 'database = %s\nset mouse off\n' "$TEST_TMP/team dir/system.db" >"$user_config"
run_salkku list --format=csv
expect_rc 0 "a config file with both kinds of settings"
finish
