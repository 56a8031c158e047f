#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A plain `set` (no --if-version) asks for no version check: under
# several writers it must never report a conflict, and the fields each
# one named must land without undoing what the others wrote.
. "${top_srcdir:-.}/tests/lib.sh"

workers=${STRESS_WORKERS:-8}
changes=${STRESS_CHANGES:-40}

"$SALKKU" init >/dev/null || exit 99
"$SALKKU" add P0 "Yhteinen hanke" budget=0 >/dev/null || exit 99

# Worker N writes its own field value over and over: budget or
# person-years or the description, so that a lost update would show.
worker() {
	n=$1 j=0
	case $((n % 3)) in
	0) assign="budget=$((n + 1))" ;;
	1) assign="person_years=$n" ;;
	2) assign="description=kirjoittaja $n" ;;
	esac
	while [ "$j" -lt "$changes" ]; do
		"$SALKKU" set P0 "$assign" >/dev/null 2>"$TEST_TMP/set.$n"
		rc=$?
		if [ "$rc" -ne 0 ]; then
			echo "worker $n: set exited $rc: $(cat "$TEST_TMP/set.$n")" >>"$TEST_TMP/errors"
			return
		fi
		j=$((j + 1))
	done
}

n=0
while [ "$n" -lt "$workers" ]; do
	worker "$n" &
	n=$((n + 1))
done
wait

[ -s "$TEST_TMP/errors" ] && fail "a plain set failed: $(head -n 5 "$TEST_TMP/errors")"

# Each field holds the value of one of the workers that wrote it, and
# the last write of each worker kind is not undone by the others: a
# final round, one writer per field, then all three fields must show.
"$SALKKU" set P0 budget=7 >/dev/null &
"$SALKKU" set P0 person_years=4 >/dev/null &
"$SALKKU" set P0 "description=viimeinen" >/dev/null &
wait
run_salkku show P0 --format json
expect_rc 0 "show after the writers"
expect_out '"budget": 700' "the budget written last"
expect_out '"person_years": 4\.00' "the person-years written last"
expect_out '"description": "viimeinen"' "the description written last"
finish
