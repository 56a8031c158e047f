#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Crash safety: writers killed with SIGKILL at random moments lose
# nothing that was committed and leave a database that passes check.
. "${top_srcdir:-.}/tests/lib.sh"

rounds=${CRASH_ROUNDS:-20}

"$SALKKU" init >/dev/null || exit 99
"$SALKKU" add KAATUMINEN "Kaatumistesti" >/dev/null || exit 99

# A writer adds notes one by one and logs each that salkku said it saved.
writer() {
	i=0
	while :; do
		i=$((i + 1))
		"$SALKKU" note add KAATUMINEN "muistiinpano $1.$i" >/dev/null 2>&1 &&
			echo "$1.$i" >>"$TEST_TMP/saved"
	done
}

: >"$TEST_TMP/saved"
round=0
while [ "$round" -lt "$rounds" ]; do
	writer "$round" &
	pid=$!
	# 50–300 ms: long enough for several commits, then kill mid-work.
	sleep "0.$(( (round * 37) % 25 + 5 ))"
	pkill -KILL -P "$pid" salkku 2>/dev/null
	kill -KILL "$pid" 2>/dev/null
	pkill -KILL -P "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	round=$((round + 1))
done

run_salkku check
expect_rc 0 "check after $rounds kills"
run_salkku show KAATUMINEN --format json
committed=$(printf '%s\n' "$out" | grep -c '"body": "muistiinpano ')
saved=$(wc -l <"$TEST_TMP/saved")
# Every note salkku reported saved is there; at most one per kill more
# (committed, then killed before the writer could log it).
[ "$committed" -ge "$saved" ] || fail "$saved notes were saved but only $committed are in the database"
[ "$committed" -le $((saved + rounds)) ] || fail "$committed notes committed, more than $saved saved + $rounds kills"
for entry in $(sed -n '1p;$p' "$TEST_TMP/saved"); do
	printf '%s\n' "$out" | grep -q "\"body\": \"muistiinpano $entry\"" ||
		fail "saved note $entry is missing"
done
echo "$rounds kills: $saved notes reported saved, $committed committed"
finish
