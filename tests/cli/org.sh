#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# salkku org: list, show, add, set and rm.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS
me=$(id -un)

run_salkku init
run_salkku org list
expect_rc 0 "org list on an empty database"
expect_out '^No organisations' "org list: none yet"

run_salkku org add "Itä-Suomen sosiaalialan osaamiskeskus" short_name=ISO \
	kind=competence_centre region="Itä-Suomi" website=https://www.isonet.fi
expect_rc 0 "org add"
expect_out '^Added organisation Itä-Suomen sosiaalialan osaamiskeskus \([0-9a-f-]{36}\)\.$' "org add: message"
run_salkku org add "Pohjois-Savon hyvinvointialue" kind=wellbeing_county
expect_rc 0 "org add without a short name"
run_salkku org add name="Diakonia-ammattikorkeakoulu" short_name=Diak kind=uas
expect_rc 0 "org add with name="

run_salkku org add "Kelvoton" kind=bogus
expect_rc 4 "org add with an unknown kind"
expect_err '^salkku: kind' "unknown kind: names the field"
run_salkku org add "Lajiton"
expect_rc 4 "org add without a kind"
expect_err 'kind' "missing kind: names the field"
run_salkku org add "Itä-Suomen sosiaalialan osaamiskeskus" kind=other
expect_rc 4 "org add with a duplicate name"
expect_err 'name' "duplicate name: names the field"
run_salkku org add "Värikäs" kind=other colour=red
expect_rc 2 "org add with an unknown field"
run_salkku org add
expect_rc 2 "org add without a name"

run_salkku org list
expect_rc 0 "org list"
expect_out '^Short name +Name +Kind +Region$' "org list: header"
expect_out '^ISO +Itä-Suomen sosiaalialan osaamiskeskus +competence centre +Itä-Suomi$' "org list: a row"
expect_out '^Diak +Diakonia-ammattikorkeakoulu +university of applied sciences' "org list: name="
printf '%s\n' "$out" | grep -qE 'Kelvoton|Lajiton|Värikäs' && fail "a refused organisation was written"
run_salkku org list --format csv
out=$(printf '%s\n' "$out" | tr -d '\r')
expect_out '^name,short_name,kind,region,website,uuid$' "org csv: header"
expect_out '^Itä-Suomen sosiaalialan osaamiskeskus,ISO,competence_centre,Itä-Suomi,https://www.isonet.fi,' "org csv: a row"
run_salkku org list --format json
expect_out '"short_name": "ISO"' "org json"
run_salkku org list --format yaml
expect_rc 2 "org list --format yaml"

# show, with the projects the organisation takes part in
run_salkku add LUMO "Lastensuojelun uudistaminen" --status active
run_salkku role add LUMO ISO administrator --share "980 000"
run_salkku org show ISO
expect_rc 0 "org show"
expect_out '^Name +Itä-Suomen sosiaalialan osaamiskeskus$' "org show: name"
expect_out '^Kind +competence centre$' "org show: kind"
expect_out "^Version +1, changed 2023-11-20 09:00 by $me\$" "org show: version"
expect_out '^Projects$' "org show: projects"
expect_out '^  LUMO +Lastensuojelun uudistaminen +active +administrator +980,000 €$' "org show: a project and the role"
run_salkku org show "Pohjois-Savon hyvinvointialue"
expect_rc 0 "org show by name"
run_salkku org show ISO --format json
expect_out '"organisation": \{' "org show json"
expect_out '"role": "administrator"' "org show json: role"
expect_out '"amount": 98000000' "org show json: amount in cents"
run_salkku org show Nobody
expect_rc 3 "org show of a missing organisation"

# set, with --if-version
run_salkku org set ISO region="Kainuu, Pohjois-Karjala, Pohjois-Savo, Etelä-Savo"
expect_rc 0 "org set"
expect_out 'version 2' "org set: new version"
run_salkku org show ISO
expect_out '^Region +Kainuu, Pohjois-Karjala, Pohjois-Savo, Etelä-Savo$' "org set: read back"
run_salkku org set ISO kind=bogus
expect_rc 4 "org set with an unknown kind"
run_salkku org set ISO region=X --if-version 1
expect_rc 5 "org set with a stale version"
expect_err "$me" "org conflict: who"
run_salkku org show ISO
expect_out '^Region +Kainuu' "a conflicting org set was not written"
run_salkku org set ISO region
expect_rc 2 "org set without ="
run_salkku org set Nobody region=X
expect_rc 3 "org set of a missing organisation"

# rm: --yes, and not while the organisation has a role
run_salkku org rm Diak
expect_rc 2 "org rm without --yes"
run_salkku org rm Diak --yes
expect_rc 0 "org rm"
run_salkku org show Diak
expect_rc 3 "org rm deleted it"
run_salkku org rm ISO --yes
expect_rc 4 "org rm of an organisation with a role"
run_salkku org show ISO
expect_rc 0 "a refused org rm deleted nothing"
run_salkku org rm Nobody --yes
expect_rc 3 "org rm of a missing organisation"

finish
