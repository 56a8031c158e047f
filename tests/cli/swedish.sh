#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The command line in Swedish: every command's answers and typical
# errors are whole Swedish sentences, with no English key inside; Swedish
# names of fields, statuses, roles and deadline kinds are accepted and
# answered in Swedish; dates and money in the Nordic form; times local.
. "${top_srcdir:-.}/tests/lib.sh"
use_language sv
export TZ=Europe/Helsinki

# Swedish shares some words with the English keys: organisation, status,
# budget, region and partner are Swedish words too, and stay allowed.
english_keys=$(printf '%s\n' "$english_keys" | tr '|' '\n' |
	grep -vxE 'organisation|status|budget|region|partner' | paste -sd '|' -)

# run DESCRIPTION RC ARGS...: runs salkku, checks the exit status and
# that no English key stands in what it said.
run() {
	desc=$1 want=$2
	shift 2
	run_salkku "$@"
	expect_rc "$want" "$desc"
	expect_no_english "$desc"
}

run "init --demo" 0 init --demo
expect_out "Läste in demoportföljen" "init --demo answers in Swedish"
run "list" 0 list
expect_out "^Kod  " "list: Swedish headings"
expect_out "1\.1\.2023  31\.12\.2023  453 087 €" "dates and money in the Nordic form"
run "list --status in Swedish" 0 list --status pågående
expect_out "^Kansa-koulu 5 " "list --status pågående: the running projects"
run "list --text" 0 list --text lastensuojelu
run "list with an unknown status" 4 list --status bogus
expect_err "okänt skede" "unknown status: Swedish"
run "show" 0 show Varikko
expect_out "^Planerad början  1\.4\.2024" "show: Swedish labels, Nordic dates"
expect_out "huvudgenomförare" "show: the role in Swedish"
run "show a missing project" 3 show FINNSINTE
expect_err "det finns inget projekt med koden FINNSINTE" "missing project"
run "add" 0 add NYTT "Nytt projekt" budget=1000 "Planerad_början=1.2.2024"
expect_out "Lade till projektet NYTT" "add: names the project"
run "add a duplicate code" 4 add LUMO "Ett annat"
expect_err "Kod: projekt LUMO finns redan" "duplicate: a Swedish sentence"
run "set a Swedish field name" 0 set NYTT årsverken=1,5 Budget=2000
run_salkku show NYTT --format json
expect_out '"person_years": *1\.5' "årsverken= sets person_years"
expect_out '"budget": *200000' "Budget= sets the budget"
run "set an unknown field" 2 set NYTT foo=1
expect_err "foo: okänt fält \(post: projekt\)" "unknown field"
run "set a negative person-years" 4 set NYTT årsverken=-1
expect_err "Årsverken: " "the field by its Swedish label"
run "set a bad date" 4 set NYTT planned_end=31.2.2024
run "status in Swedish" 0 status Varikko beviljat
expect_out "^Varikko: ansökt → beviljat$" "status: answered in Swedish"
run "a refused status move" 4 status LUMO pågående
expect_err "från avslutat till pågående" "refused move: Swedish statuses"
run "rm without --yes" 2 rm NYTT
expect_err "rm KOD --yes" "usage: a Swedish placeholder"
run "role add in Swedish" 0 role add Varikko Diak samarbetspartner
expect_out "Diak är nu samarbetspartner i projektet Varikko" "role add: the Swedish role"
run "role add an unknown role" 4 role add Varikko Diak bogus
run "role rm" 0 role rm Varikko Diak samarbetspartner
run "role rm a missing role" 3 role rm Varikko Diak samarbetspartner
run "funding add" 0 funding add NYTT STM ansökt=5000 program=ESR+
run "funding set" 0 funding set NYTT 1 beviljat=4000
run "funding set a bad amount" 4 funding set NYTT 1 beviljat=mycket
run "funding rm" 0 funding rm NYTT 1
run "deadline add with a Swedish kind" 0 deadline add NYTT 2024-01-26 Mellanrapport --kind rapport
expect_out "^Lade till tidsfristen “Mellanrapport” \(26\.1\.2024\) i NYTT" "deadline add: the record named in Swedish"
run "deadline add with a bad kind" 4 deadline add NYTT 2023-12-01 X --kind bogus
run "deadline list" 0 deadline list
expect_out "rapport ska lämnas in +Mellanrapport +om 11 dagar" "deadline list: kind and days in Swedish"
run "deadline done" 0 deadline done NYTT 1
run "note add" 0 note add NYTT "Anteckning"
run "outcome add" 0 outcome add NYTT "Utbildade" 2700 personer
run "show after edits" 0 show NYTT
expect_out "2 700" "outcome figures with a space between thousands"
run "log" 0 log
expect_out "skedesbyte Varikko: beviljat" "log: the status change in Swedish"
run "log of a project" 0 log NYTT
expect_out "^20\.11\.2023 11\.00 " "log: local time (TZ=Europe/Helsinki)"
run "report" 0 report --year 2023
run "remind" 0 remind --days 400
run "outcome list" 0 outcome list
run "export" 0 export -o "$TEST_TMP/out.json"
run "import --dry-run" 0 import "$TEST_TMP/out.json" --dry-run
run "import a missing file" 3 import "$TEST_TMP/finnsinte.json"
run "check" 0 check
run "backup" 0 backup "$TEST_TMP/b.db"
run "org list" 0 org list
run "org show" 0 org show ISO
run "org add" 0 org add "Ny förening" typ=medborgarorganisation
run "org add a duplicate" 4 org add "Ny förening" typ=medborgarorganisation
run "org set a bad kind" 4 org set "Ny förening" typ=bogus
run "org rm" 0 org rm "Ny förening" --yes
run "rm" 0 rm NYTT --yes
run "an unknown command" 2 bogus
run "salkku --help" 0 --help
for cmd in init demo list show add set rm status log export import check \
	   backup restore report remind; do
	run "$cmd --help" 0 "$cmd" --help
done
for cmd in "org list" "org show" "org add" "org set" "org rm" "role add" \
	    "role rm" "funding add" "funding set" "funding rm" "deadline add" \
	    "deadline done" "deadline list" "deadline cancel" "deadline set" \
	    "note add" "note rm" "outcome add" "outcome set" "role set"; do
	# shellcheck disable=SC2086
	run "$cmd --help" 0 $cmd --help
done
finish
