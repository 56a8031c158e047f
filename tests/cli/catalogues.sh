#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# catalogues.sh — an uninstalled salkku speaks the locale's language:
# `make` puts the catalogues in locale/ beside the program, and the
# README's "./salkku demo" runs it from there, before any install.
. "${top_srcdir:-.}/tests/lib.sh"

unset SALKKU_LOCALEDIR
builddir=$(dirname "$SALKKU")
[ -f "$builddir/locale/fi/LC_MESSAGES/salkku.mo" ] ||
	{ echo "no catalogues beside $SALKKU (NLS off?)"; exit 77; }

LC_ALL=fi_FI.UTF-8 run_salkku --help
expect_rc 0 "help in Finnish"
expect_out "^käyttö: salkku" "the uninstalled salkku reads locale/fi"

LC_ALL=sv_FI.UTF-8 run_salkku --help
expect_out "^användning: salkku" "the uninstalled salkku reads locale/sv"

# The same program elsewhere, beside a file named "locale" as in
# /usr/bin, looks where it is installed and still runs.
mkdir "$TEST_TMP/bin" && cp "$SALKKU" "$TEST_TMP/bin/salkku" &&
	: >"$TEST_TMP/bin/locale" || exit 99
SALKKU="$TEST_TMP/bin/salkku"
LC_ALL=fi_FI.UTF-8 run_salkku --help
expect_rc 0 "a copy beside a file named locale"
expect_out "salkku \[" "a copy beside a file named locale prints its usage"
finish
