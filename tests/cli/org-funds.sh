#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# An organisation's funds (org show, and "Funds in all" on its screen in
# tests/tui/org-funds.sh): each project once, its funding lines from the
# organisation added up over all years (granted sums only: an applied
# sum is no money yet), the lines' years beside; a funder role with a
# budget share counts only where the project has no funding line from
# that organisation.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS

run_salkku init
run_salkku org add "Rahasto" short_name=RAHA kind=other
expect_rc 0 "org add"
run_salkku add P1 "Kolmen vuoden hanke"
run_salkku add P2 "Pelkkä rooli"
run_salkku role add P1 RAHA funder --share 700
expect_rc 0 "a funder role with a share"
run_salkku funding add P1 RAHA year=2023 granted=1000
run_salkku funding add P1 RAHA year=2024 granted=500
run_salkku funding add P1 RAHA year=2024 applied=9999
expect_rc 0 "three funding lines"
run_salkku role add P2 RAHA funder --share 300
expect_rc 0 "a funder role without lines"

run_salkku org show RAHA
expect_rc 0 "org show"
[ "$(printf '%s\n' "$out" | grep -c '^  P1 ')" -eq 1 ] ||
	fail "P1 is listed once: $out"
expect_out "^  P1 .* funder +1,500 € +2023, 2024$" "P1: 1 000 + 500 granted over 2023 and 2024"
expect_out "^  P2 .* funder +300 € *$" "P2: its role's share"

run_salkku org show RAHA --format json
expect_rc 0 "org show --format json"
[ "$(printf '%s\n' "$out" | grep -c '"code": "P1"')" -eq 1 ] ||
	fail "json: P1 once: $out"
printf '%s\n' "$out" | tr -d '\n ' | grep -q '"code":"P1",[^}]*"amount":150000,"years":"2023,2024"' ||
	fail "json: P1's amount and years: $out"

use_language fi
run_salkku org show RAHA
expect_out "^  P1 .* rahoittaja +1[  ]500 € +2023, 2024$" "in Finnish: the sum and years"
finish
