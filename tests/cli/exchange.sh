#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Two centres, two databases, a joint project: ISO and Vasso edit
# Kansa-koulu 5 apart and exchange files both ways.  One-sided changes
# travel, both-sided ones are conflicts (exit 5, nothing written) until
# a side is chosen per record, deletions travel as tombstones unless the
# other side changed the record, organisations are matched by business
# ID or name, an export shares only what it is asked to, and importing
# the same file again changes nothing.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS

iso="$TEST_TMP/iso.db"
vasso="$TEST_TMP/vasso.db"
kk='Kansa-koulu 5'

# at DB ARGS...: run_salkku on one centre's database.
at() {
	db=$1
	shift
	run_salkku --db "$db" "$@"
}

# field DB CODE NAME: a field of a project as show --format json has it.
field() {
	"$SALKKU" --db "$1" show "$2" --format json |
	sed -n "s/^ *\"$3\": //p" | head -1 | sed 's/,$//; s/^"//; s/"$//'
}

sum() {
	sha256sum <"$1"
}

at "$iso" init --demo
expect_rc 0 "ISO: init --demo"
at "$vasso" init
expect_rc 0 "Vasso: init"

# Business IDs are checked with their check digit.
at "$iso" org set ISO business_id=0737546-3
expect_rc 4 "a business ID with a wrong check digit"
expect_err 'business_id: 0737546-3 is not a business ID \(Y-tunnus\) with a right check digit' "the field and the value"
at "$iso" org set ISO business_id=0737546-2
expect_rc 0 "a right business ID"
at "$iso" org add "Toinen ISO" kind=other business_id=0737546-2
expect_rc 4 "a business ID twice"
expect_err 'business_id: organisation 0737546-2 already exists' "the duplicate named"
# Vasso knows ISO under another name but the same business ID, and THL
# under its name in capitals: matched, never duplicated.
at "$vasso" org add "Itä-Suomen osaamiskeskus" kind=competence_centre business_id=0737546-2
expect_rc 0 "Vasso: ISO under another name"
at "$vasso" org add "TERVEYDEN JA HYVINVOINNIN LAITOS" kind=agency short_name=THL
expect_rc 0 "Vasso: THL in capitals"

# ---- An export shares what it is asked to -------------------------
at "$iso" export --project "$kk" --no-notes --no-money -o "$TEST_TMP/kk1.json"
expect_rc 0 "ISO: export --project --no-notes --no-money"
f="$TEST_TMP/kk1.json"
grep -q '^"omitted":\["notes","money","other_projects"\],$' "$f" ||
	fail "the file does not say what it leaves out: $(grep omitted "$f")"
grep -q '^"database":"[0-9a-f-]\{36\}",$' "$f" || fail "the file names no database"
grep -q '"notes":' "$f" && fail "--no-notes: the notes went"
grep -q '"budget_share":\|"applied":\|"granted":\|"budget":' "$f" && fail "--no-money: sums went"
[ "$(grep -c '"code":' "$f")" = 1 ] || fail "--project: more than one project went"
grep -q '"code":"LUMO"' "$f" && fail "--project: another project went"
grep -q '"name":"Terveyden ja hyvinvoinnin laitos"' "$f" || fail "--project: THL, named by a role, did not go"
grep -q '"name":"Diakonia-ammattikorkeakoulu"' "$f" && fail "--project: an organisation the project does not name went"
at "$iso" export --project NOSUCH -o "$TEST_TMP/none.json"
expect_rc 3 "export --project of an unknown code"
expect_err 'NOSUCH' "the code is named"
at "$iso" export --no-log -o "$TEST_TMP/nolog.json"
grep -q '"changes":' "$TEST_TMP/nolog.json" && fail "--no-log: the change log went"
grep -q '"omitted":\["changes"\]' "$TEST_TMP/nolog.json" || fail "--no-log: not listed as omitted"

# ---- First exchange: additions, organisations matched --------------
at "$vasso" import "$f"
expect_rc 0 "Vasso imports ISO's file"
expect_out 'organisation .* is .*/Itä-Suomen osaamiskeskus here \(the same business ID\): merged' "matched by business ID"
expect_out 'organisation .* is .*/THL here \(the same name\): merged' "matched by name"
expect_out '^  projects +1 +0 +0 +0$' "the project added"
at "$vasso" org list
printf '%s\n' "$out" | grep -qi 'Terveyden ja hyvinvoinnin laitos' && [ "$(printf '%s\n' "$out" | grep -ci 'hyvinvoinnin laitos')" = 1 ] ||
	fail "THL duplicated or lost: $out"
printf '%s\n' "$out" | grep -q 'ISO – Itä-Suomen' && fail "ISO duplicated: $out"
[ "$(field "$vasso" "$kk" person_years)" = 8.80 ] || fail "person-years did not arrive"
[ "$(field "$vasso" "$kk" budget)" = null ] || fail "money arrived with --no-money"
at "$vasso" show "$kk"
expect_out 'Itä-Suomen osaamiskeskus|co-implementer' "roles point at the matched organisation"

# Importing the same file again changes nothing.
before=$(sum "$vasso")
at "$vasso" import "$f"
expect_rc 0 "the same file again"
expect_out '^  projects +0 +0 +1 +0$' "again: unchanged"
[ "$(sum "$vasso")" = "$before" ] || fail "importing the same file again wrote to the database"

# ---- Both edit other fields: both changes stay ---------------------
at "$iso" set "$kk" description="ISOn kuvaus"
at "$vasso" set "$kk" person_years=9.5
at "$vasso" deadline add "$kk" 2024-02-15 "Ohjausryhmä" --kind steering_meeting
expect_rc 0 "Vasso adds a deadline"
at "$vasso" export --project "$kk" --no-money -o "$TEST_TMP/v1.json"
at "$iso" import "$TEST_TMP/v1.json"
expect_rc 0 "ISO imports Vasso's edits"
expect_out '^  projects +0 +1 +0 +0$' "ISO: the project updated"
expect_out '^  deadlines +1 +0 +1 +0$' "ISO: Vasso's deadline added"
[ "$(field "$iso" "$kk" description)" = "ISOn kuvaus" ] || fail "ISO lost its own description"
[ "$(field "$iso" "$kk" person_years)" = 9.50 ] || fail "ISO did not take Vasso's person-years"
at "$iso" show "$kk"
expect_out 'Ohjausryhmä' "ISO: the new deadline"
expect_out 'Itä-Suomen osaamiskeskus|ISO ' "ISO keeps its own organisations"
at "$iso" export --project "$kk" --no-notes --no-money -o "$TEST_TMP/i2.json"
# Under a Finnish locale: numbers and hashes do not follow LC_NUMERIC.
export LC_ALL=fi_FI.UTF-8
at "$vasso" import "$TEST_TMP/i2.json"
expect_rc 0 "Vasso imports ISO's edits (fi_FI)"
export LC_ALL=C.UTF-8
[ "$(field "$vasso" "$kk" description)" = "ISOn kuvaus" ] || fail "Vasso did not take ISO's description"
[ "$(field "$vasso" "$kk" person_years)" = 9.50 ] || fail "Vasso lost its own person-years"
# Money left out stays as it is here.
grep -q '"budget_share"' "$TEST_TMP/v1.json" && fail "Vasso's --no-money export holds money"

# ---- A deletion travels --------------------------------------------
at "$iso" role rm "$kk" Kela partner
expect_rc 0 "ISO takes Kela's role away"
at "$iso" export --project "$kk" --no-notes --no-money -o "$TEST_TMP/i3.json"
grep -q '"entity":"role"' "$TEST_TMP/i3.json" || fail "the file carries no tombstone"
at "$vasso" import "$TEST_TMP/i3.json"
expect_rc 0 "Vasso imports the deletion"
expect_out '^  roles +0 +0 +[0-9]+ +0 +1$' "Vasso: one role deleted"
at "$vasso" show "$kk"
printf '%s\n' "$out" | grep -q 'Kela' && fail "Vasso still has Kela's role"

# ---- Both change the same field: a conflict ------------------------
at "$iso" set "$kk" name="ISOn nimi"
at "$vasso" set "$kk" name="Vasson nimi"
at "$vasso" export --project "$kk" --no-money -o "$TEST_TMP/v2.json"
before=$(sum "$iso")
at "$iso" import "$TEST_TMP/v2.json"
expect_rc 5 "a field changed on both sides"
expect_err "v2\\.json: [0-9a-f-]*/$kk: name: ours \"ISOn nimi\" theirs \"Vasson nimi\"" "the conflict, field by field"
expect_err 'nothing was imported' "nothing imported"
[ "$(sum "$iso")" = "$before" ] || fail "a refused exchange wrote to the database"
at "$iso" import --dry-run "$TEST_TMP/v2.json"
expect_rc 5 "--dry-run of the conflict"
expect_out '^  projects +0 +0 +0 +1$' "--dry-run counts the conflict"
# Settled for that record only.
at "$iso" import "--theirs=$kk" "$TEST_TMP/v2.json"
expect_rc 0 "--theirs=CODE settles it"
[ "$(field "$iso" "$kk" name)" = "Vasson nimi" ] || fail "--theirs=CODE did not take Vasso's name"
before=$(sum "$iso")
at "$iso" import "$TEST_TMP/v2.json"
expect_rc 0 "the settled file again"
[ "$(sum "$iso")" = "$before" ] || fail "re-importing a settled file wrote"

# ---- Deleted on one side, changed on the other ---------------------
at "$iso" rm "$kk" --yes
expect_rc 0 "ISO deletes the project"
at "$vasso" set "$kk" website=https://vasso.fi/kk5
at "$iso" export --project "$kk" -o "$TEST_TMP/i4.json"
expect_rc 0 "export --project of a deleted project: its tombstone"
grep -q '"entity":"project"' "$TEST_TMP/i4.json" || fail "the project's tombstone did not go"
before=$(sum "$vasso")
at "$vasso" import "$TEST_TMP/i4.json"
expect_rc 5 "deleted there, changed here"
expect_err "/$kk: deleted in the file, changed here" "the deletion conflict"
[ "$(sum "$vasso")" = "$before" ] || fail "a refused deletion wrote"
at "$vasso" import "--ours=$kk" "$TEST_TMP/i4.json"
expect_rc 0 "--ours=CODE keeps the project"
at "$vasso" show "$kk"
expect_rc 0 "Vasso still has the project"
at "$vasso" import "$TEST_TMP/i4.json"
expect_rc 0 "the deletion again: already settled"
# Back at ISO the changed project is a conflict, not silently back.
at "$vasso" export --project "$kk" --no-money -o "$TEST_TMP/v3.json"
at "$iso" import "$TEST_TMP/v3.json"
expect_rc 5 "deleted here, changed there"
expect_err "deleted here, changed in the file" "the other way round"

# ---- A deletion the other side did not change: gone for good -------
at "$iso" export --project Varikko -o "$TEST_TMP/va1.json"
at "$vasso" import "$TEST_TMP/va1.json"
expect_rc 0 "Vasso gets Varikko"
at "$iso" rm Varikko --yes
at "$iso" export --project Varikko -o "$TEST_TMP/va2.json"
at "$vasso" import "$TEST_TMP/va2.json"
expect_rc 0 "Vasso imports the deletion of Varikko"
expect_out '^  projects +0 +0 +[0-9]+ +0 +1$' "Varikko deleted at Vasso"
at "$vasso" show Varikko
expect_rc 3 "Varikko is gone at Vasso"
# Vasso's whole portfolio back to ISO: Varikko does not come back.
at "$vasso" export -o "$TEST_TMP/all.json"
at "$iso" import "--ours=$kk" "$TEST_TMP/all.json"
expect_rc 0 "ISO imports Vasso's whole portfolio"
at "$iso" show Varikko
expect_rc 3 "a deleted project does not come back"

# ---- Money left out keeps the values here --------------------------
at "$iso" export --project ISO-perustoiminta\ 2023 -o "$TEST_TMP/m1.json"
at "$vasso" import "$TEST_TMP/m1.json"
at "$vasso" set "ISO-perustoiminta 2023" budget=1
at "$vasso" export --project "ISO-perustoiminta 2023" --no-money -o "$TEST_TMP/m2.json"
at "$iso" import "$TEST_TMP/m2.json"
expect_rc 0 "a --no-money file"
[ "$(field "$iso" "ISO-perustoiminta 2023" budget)" = 45308700 ] ||
	fail "a --no-money file changed the budget: $(field "$iso" "ISO-perustoiminta 2023" budget)"

# ---- Malformed exchange members are refused, naming the path -------
head='{"format":"salkku","format_version":2,"database":"7d3c1b2a-9e8f-4a6b-8c5d-1e2f3a4b5c6d"'
for bad in '"database":"ISO"|\$\.database' \
	   '"omitted":["everything"]|\$\.omitted' \
	   '"bases":[]|\$\.bases' \
	   '"deleted":{"7d3c1b2a-9e8f-4a6b-8c5d-1e2f3a4b5c6d":{"entity":"widget","version":1,"fingerprint":"-","at":"2023-01-01T00:00:00Z"}}|\$\.deleted'; do
	member=${bad%%|*} path=${bad#*|}
	case $member in
	'"database"'*) printf '{"format":"salkku","format_version":2,%s}' "$member" ;;
	*) printf '%s,%s}' "$head" "$member" ;;
	esac >"$TEST_TMP/bad.json"
	before=$(sum "$iso")
	at "$iso" import "$TEST_TMP/bad.json"
	expect_rc 4 "a malformed exchange member: $member"
	expect_err "bad\.json: $path: " "the file and the path: $member"
	[ "$(sum "$iso")" = "$before" ] || fail "a malformed exchange member wrote: $member"
done

# Both databases pass salkku's own check after all this.
at "$iso" check
expect_rc 0 "ISO: check"
at "$vasso" check
expect_rc 0 "Vasso: check"

finish
