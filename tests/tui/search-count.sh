#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A search that matches nearly every project of a large portfolio is
# not counted while it is typed: the title says "5,000+" (more than can
# be ranked) and the first screen of matches shows at once, in code
# order; after a pause in typing the exact count replaces it, and after
# Enter G reaches the last match.  In English and in Finnish.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

# 25,000 projects whose code and name hold a word beginning with k, and
# three without: the capped count appears only where reading every
# match would cost more than walking a screen of them (db_hits_walk).
N=25000
awk -v n=$N 'BEGIN {
	printf "{\"format\":\"salkku\",\"format_version\":1,\"projects\":{"
	for (i = 1; i <= n + 3; i++) {
		code = i <= n ? sprintf("K-%05d", i) : sprintf("Z-%d", i - n)
		printf("%s\n\"00000000-0000-4000-8000-%012d\":{\"version\":1," \
		       "\"updated_at\":\"2023-01-02T09:00:00Z\",\"updated_by\":\"t\"," \
		       "\"code\":\"%s\",\"name\":\"%s %d\",\"status\":\"idea\"}",
		       (i > 1 ? "," : ""), i, code, (i <= n ? "Kehitys" : "Zeta"), i)
	}
	print "}}"
}' >"$TEST_TMP/dump.json"
run_salkku init
expect_rc 0 "init"
run_salkku import "$TEST_TMP/dump.json"
expect_rc 0 "import" || finish

# grouped N SEPARATOR: N with its thousands apart, as the title shows
# counts ("25,003" in English, "25 003" in Finnish).
grouped() {
	echo "$1" | sed -e ':a' -e "s/\([0-9]\)\([0-9]\{3\}\)\($\|[^0-9]\)/\1$2\2\3/" -e 'ta'
}

# search_walk LOCALE LANGUAGE SEPARATOR
search_walk() {
	total=$(grouped $((N + 3)) "$3") n=$(grouped $N "$3") capped=$(grouped 5000 "$3")
	tui_start 100 30 "LC_ALL=$1" "LANGUAGE=$2"
	tui_expect "$total/$total" "$1: the list is up"
	tui_keys /
	tui_type k
	tui_expect "$capped+/$total" "$1: the count capped while typing"
	tui_expect_re "^> *K-00001 " "$1: the first match at once, in code order"
	tui_expect_re "^ *K-00026 " "$1: the first screen of matches"
	tui_expect "$n/$total" "$1: the exact count after a pause"
	tui_gone "$capped+" "$1: the capped count gone"
	tui_type e
	tui_expect "$capped+/$total" "$1: capped again for the next letter"
	tui_keys Enter
	tui_expect "$n/$total" "$1: counted when the search is done"
	tui_keys G
	tui_expect_re "^> *K-$N " "$1: G on the last match"
	tui_lacks "Z-1" "$1: no project that does not match"
	tui_keys PgUp
	tui_expect_re "^> *K-24974 " "$1: PgUp from the last match"
	tui_keys g PgDn
	tui_expect_re "^> *K-00027 " "$1: PgDn from the first"
	tui_expect_re "^ *K-00052 " "$1: the page after the first"
	tui_quit
}

search_walk C.UTF-8 en ,
use_language fi
search_walk "$lang_locale" fi " "
tui_start 100 30 "LC_ALL=C.UTF-8" "LANGUAGE=en"
tui_expect "25,003/25,003" "the list is up"
tui_keys /
tui_type k
tui_expect "too many to rank" "the title says the list is not ranked"
tui_quit
finish
