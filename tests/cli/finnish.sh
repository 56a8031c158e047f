#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The command line in Finnish: every command's answers and typical
# errors are whole Finnish sentences, with no English key inside; Finnish
# names of fields, statuses, roles and deadline kinds are accepted and
# answered in Finnish; times are local.
. "${top_srcdir:-.}/tests/lib.sh"
use_language fi
export TZ=Europe/Helsinki

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
run "list" 0 list
run "list --status in Finnish" 0 list --status käynnissä
expect_out "^Kansa-koulu 5 " "list --status käynnissä: the running projects"
run "list --text" 0 list --text lastensuojelu
run "list with an unknown status" 4 list --status bogus
run "show" 0 show Varikko
run "show a missing project" 3 show EIOLE
run "add" 0 add UUSI "Uusi hanke" budjetti=1000 "Suunniteltu_alku=1.2.2024"
expect_out "UUSI" "add: names the project"
run "add a duplicate code" 4 add LUMO "Toinen"
expect_err "Koodi: hanke LUMO on jo olemassa" "duplicate: a Finnish sentence"
run "set a Finnish field name" 0 set UUSI henkilötyövuodet=1,5 Budjetti=2000
run_salkku show UUSI --format json
expect_out '"person_years": *1\.5' "henkilötyövuodet= sets person_years"
expect_out '"budget": *200000' "Budjetti= sets the budget"
run "set an unknown field" 2 set UUSI foo=1
expect_err "foo: tuntematon kenttä \(tietue: hanke\)" "unknown field"
run "set a negative person-years" 4 set UUSI henkilötyövuodet=-1
expect_err "Henkilötyövuodet: " "the field by its Finnish label"
run "set a bad date" 4 set UUSI planned_end=31.2.2024
run "set the status directly" 2 set UUSI tila=käynnissä
run "status in Finnish" 0 status Varikko myönnetty
expect_out "^Varikko: haettu → myönnetty$" "status: answered in Finnish"
run "a refused status move" 4 status LUMO käynnissä
expect_err "tilasta päättynyt tilaan käynnissä" "refused move: Finnish statuses"
run "an unknown status" 4 status LUMO bogus
run "rm without --yes" 2 rm UUSI
expect_err "rm KOODI --yes" "usage: a Finnish placeholder"
run "role add in Finnish" 0 role add Varikko Diak yhteistyökumppani
expect_out "Diak on nyt roolissa yhteistyökumppani hankkeessa Varikko" "role add: the Finnish role"
run "role add an unknown role" 4 role add Varikko Diak bogus
run "role rm" 0 role rm Varikko Diak yhteistyökumppani
run "role rm a missing role" 3 role rm Varikko Diak yhteistyökumppani
run "funding add" 0 funding add UUSI STM haettu=5000 ohjelma=ESR+
run "funding set" 0 funding set UUSI 1 myönnetty=4000
run "funding set a bad amount" 4 funding set UUSI 1 myönnetty=paljon
run "funding rm" 0 funding rm UUSI 1
run "deadline add with a Finnish kind" 0 deadline add UUSI 2024-01-26 Väliraportti --kind raportti
expect_out "^Määräaika .Väliraportti. \(26\.1\.2024\) lisätty hankkeelle UUSI" "deadline add: the record named in Finnish"
run "deadline add with a bad kind" 4 deadline add UUSI 2023-12-01 X --kind bogus
run "deadline add with a bad date" 4 deadline add UUSI 31.2.2024 X
run "deadline list" 0 deadline list
expect_out "raportti jätettävä +Väliraportti +11 päivän päästä" "deadline list: kind and days in Finnish"
run "deadline done" 0 deadline done UUSI 1
run "note add" 0 note add UUSI "Muistiinpano"
run "outcome add" 0 outcome add UUSI "Koulutetut" 2700 henkeä
run "outcome add a bad value" 4 outcome add UUSI "Koulutetut" paljon
run "show after edits" 0 show UUSI
run "log" 0 log
expect_out "tilamuutos Varikko: myönnetty" "log: the status change in Finnish"
expect_out "Henkilötyövuodet" "log: field labels"
run "log of a project" 0 log UUSI
expect_out "^20\.11\.2023 11\.00 " "log: local time (TZ=Europe/Helsinki)"
run "export" 0 export -o "$TEST_TMP/out.json"
run "import --dry-run" 0 import "$TEST_TMP/out.json" --dry-run
run "import a missing file" 3 import "$TEST_TMP/eiole.json"
run "check" 0 check
run "backup" 0 backup "$TEST_TMP/b.db"
run "org list" 0 org list
run "org show" 0 org show ISO
run "org add" 0 org add "Uusi yhdistys" tyyppi=järjestö
run "org add a duplicate" 4 org add "Uusi yhdistys" tyyppi=järjestö
run "org set a bad kind" 4 org set "Uusi yhdistys" tyyppi=bogus
run "org rm" 0 org rm "Uusi yhdistys" --yes
run "rm" 0 rm UUSI --yes
run "an unknown command" 2 bogus
run "salkku --help" 0 --help
for cmd in init demo list show add set rm status log export import check \
	   backup restore; do
	run "$cmd --help" 0 "$cmd" --help
done
for cmd in "org list" "org show" "org add" "org set" "org rm" "role add" \
	    "role rm" "funding add" "funding set" "funding rm" "deadline add" \
	    "deadline done" "deadline list" "note add" "outcome add"; do
	# shellcheck disable=SC2086
	run "$cmd --help" 0 $cmd --help
done
finish
