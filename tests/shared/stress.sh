#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Several people, one database: 8 processes × 500 read-modify-write
# changes on the same four projects through the command line.  Each
# change reads the project's version and budget, adds one euro and saves
# with --if-version, retrying when someone else saved first (exit 5).
# Afterwards every change is in the budgets and in the change log, and
# no process ever met a lock error.
. "${top_srcdir:-.}/tests/lib.sh"

workers=${STRESS_WORKERS:-8}
changes=${STRESS_CHANGES:-500}
codes="S0 S1 S2 S3"

"$SALKKU" init >/dev/null || exit 99
for code in $codes; do
	"$SALKKU" add "$code" "Rasitustesti $code" budget=0 >/dev/null || exit 99
done

# worker N: makes $changes changes, project (N + j) mod 4 at change j.
worker() {
	n=$1 j=0 retries=0
	while [ "$j" -lt "$changes" ]; do
		code=S$(((n + j) % 4))
		while :; do
			json=$("$SALKKU" show "$code" --format json 2>>"$TEST_TMP/errors.$n")
			version=$(printf '%s\n' "$json" | sed -n 's/^    "version": \([0-9]*\),$/\1/p' | head -n 1)
			cents=$(printf '%s\n' "$json" | sed -n 's/^    "budget": \([0-9]*\),*$/\1/p' | head -n 1)
			if [ -z "$version" ] || [ -z "$cents" ]; then
				echo "worker $n: could not read $code: $json" >>"$TEST_TMP/errors.$n"
				return
			fi
			"$SALKKU" set "$code" "budget=$((cents / 100 + 1))" --if-version "$version" \
				>/dev/null 2>"$TEST_TMP/set.$n"
			rc=$?
			case $rc in
			0) break ;;
			5) retries=$((retries + 1)) ;;
			*) echo "worker $n: set $code exited $rc: $(cat "$TEST_TMP/set.$n")" >>"$TEST_TMP/errors.$n"
			   return ;;
			esac
		done
		j=$((j + 1))
	done
	echo "$retries" >"$TEST_TMP/retries.$n"
}

n=0
while [ "$n" -lt "$workers" ]; do
	worker "$n" &
	n=$((n + 1))
done
wait

cat "$TEST_TMP"/errors.* 2>/dev/null | head -n 20 >"$TEST_TMP/errors"
[ -s "$TEST_TMP/errors" ] && fail "errors reached a user: $(cat "$TEST_TMP/errors")"
grep -il 'locked\|busy' "$TEST_TMP"/errors.* "$TEST_TMP"/set.* >/dev/null 2>&1 &&
	fail "a lock error reached a user"

expected=$((workers * changes / 4))
total=0
for code in $codes; do
	run_salkku show "$code" --format json
	cents=$(printf '%s\n' "$out" | sed -n 's/^    "budget": \([0-9]*\),*$/\1/p' | head -n 1)
	[ "$cents" = "$((expected * 100))" ] ||
		fail "$code: budget is $cents cents, expected $((expected * 100)) (lost updates)"
	run_salkku log "$code" --format json
	logged=$(printf '%s\n' "$out" | grep -c '"field": "budget"')
	# The first budget (0) was set by add, as part of the insert.
	[ "$logged" -eq "$expected" ] ||
		fail "$code: change log holds $logged budget changes, expected $expected"
	total=$((total + cents / 100))
done
retries=$(cat "$TEST_TMP"/retries.* 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
echo "$workers workers × $changes changes: $total € in budgets, $retries conflicts retried"

run_salkku check
expect_rc 0 "check after the stress"
finish
