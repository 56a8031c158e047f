# SPDX-License-Identifier: EUPL-1.2
# walk.sh — walks every screen, dialog and form of the TUI in the
# language $WALK_LANG (fi or sv) and fails on an English word in what
# it shows.  Sourced by tests/tui/walk-fi.sh and walk-sv.sh; not a test
# itself.
#
# The walk is the table below ($TEST_TMP/walk): one step a line,
#
#	KEYS | MSGID | DESCRIPTION
#
# KEYS are tmux key names separated by spaces; a word starting with = is
# typed as text (=Varikko; =@SAME@ types the path of an export of the
# database, =@OTHER@ that of another centre's file in conflict with it), @touch changes Varikko's planned start from the command
# line (what another person saves meanwhile), @yes types the
# catalogue's key for yes ("k" in Finnish), and a lone - sends
# nothing (the screen salkku starts on).
# MSGID is the English message of something only the screen the keys
# lead to shows; the step waits until the screen has changed and shows
# the catalogue's text for it (its longest part between conversions:
# "Change status: %s" waits for "Vaihda tila:"; see walk_text), then
# checks it.  Looked up in the catalogue under test, one table serves
# both languages, and a new screen is one more line.  A line whose KEYS
# start with "maybe" is optional: a screen that does not exist yet (no
# such key) is skipped with a note instead of failing the walk.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"
use_language "$WALK_LANG"
if ! command -v gettext >/dev/null 2>&1; then
	echo "SKIP: gettext(1) (gettext-base) is not installed"
	exit 77
fi

# The English words that must not stand on a screen of another
# language: the keys of values and fields (english_keys, tests/lib.sh),
# the words of the English interface, and key names written the
# English way ("End" is left out: it is the keycap of a key).  Case counts: "Kela" or "ISO SOS" in the data are not
# these words.
ui_words='Code|Name|Status|Administrator|Funder|Funders|Partner|Theme|Year|Budget|Start|Project|Projects|Organisation|Organisations|Deadline|Deadlines|Timeline|Overview|Funding|Role|Roles|Notes|Note|Outcome|Outcomes|Changes|Change|Field|Value|Date|Title|Kind|Reason|Filter|Sort|Search|Help|Cancel|Save|Delete|Edit|Add|New|Yes|No|Done|Due|Today|Keys|Action|Overdue|Open|Closed|Back|Quit|Undo|Reload|Import|Applied|Granted|Programme|Reference|Unit|Label|Author|Text|Who|When|Record|From|To|By|Forced|State|Decision|date|share|any|none|yes|no|day|page|half|first|last|open|back|quit|help|search|next|previous|filter|clear|sort|reverse|add|edit|delete|undo|zoom|today|longer|shorter|screen|tab|earlier|later|choose|change|save|cancel|close|mark|field|Down|Up|Left|Right|Space|READ-ONLY|Read-only|ranked|relevance|keep|take|mine|theirs|Their|Your|your|reload|drop|edits|saved|Imported|added|updated|conflicts|Nothing|nothing|Undone|Status changed'
key_names='C-[a-z@]|<[A-Z][A-Za-z-]*>'
# Words the language under test writes as English does (Swedish
# "Status", "Budget", "filter"): no leak, and left out.
case $WALK_LANG in
sv) same_words='Budget|budget|Status|status|Organisation|organisation|Filter|filter|Start|start|Program|program|Text|text|Import|import' ;;
*) same_words='-' ;;
esac

# walk_text MSGID: the catalogue's text for an English message: its
# longest part between conversions (%s, %zu), trimmed.  "MSGID" in quotes keeps its spaces for the
# look-up; "ONE // MANY // N" is a message with plural forms, as
# ngettext(ONE, MANY, N) with N put in.
walk_text() {
	case $1 in
	*' // '*' // '*)
		_one=${1%% // *} _rest=${1#* // }
		_many=${_rest%% // *} _n=${_rest#* // }
		TEXTDOMAINDIR="$SALKKU_LOCALEDIR" LANGUAGE= \
			ngettext -d salkku -- "$_one" "$_many" "$_n" |
			sed "s/%d/$_n/"
		;;
	\"*\")
		_m=${1#?}
		TEXTDOMAINDIR="$SALKKU_LOCALEDIR" LANGUAGE= \
			gettext -d salkku -- "${_m%?}"
		;;
	*)
		TEXTDOMAINDIR="$SALKKU_LOCALEDIR" LANGUAGE= \
			gettext -d salkku -- "$1"
		;;
	esac | sed 's/%[-0-9.*$]*[a-z]*[a-zA-Z]/\n/g' |
		sed 's/^ *//; s/ *$//' | awk 'length > length(best) { best = $0 }
					   END { print best }'
}

# walk_check DESCRIPTION: the screen holds no English word.  The title
# line names the database file (a path) and is left out, and so are the
# test's paths in messages.
walk_check() {
	tui_screen | sed -e '1s/— .*\.db\b/—/' -e "s|$TEST_TMP||g" >"$TEST_TMP/screen"
	found=$(grep -owE "$english_keys|$ui_words" "$TEST_TMP/screen" |
		grep -vxE -- "$same_words" | sort -u | tr '\n' ' ')
	found="$found$(grep -oE "(^|[^[:alnum:]])($key_names)" "$TEST_TMP/screen" |
		sed 's/^[^C<]//' | sort -u | tr '\n' ' ')"
	if [ -n "$found" ]; then
		fail "$1: English on the screen: $found"
		sed 's/^/    | /' "$TEST_TMP/screen" >&2
	fi
	steps=$((steps + 1))
}

# walk_wait TEXT: 0 when the screen shows TEXT and is no longer the
# one before the keys (kept in $TEST_TMP/before) in time.
walk_wait() {
	_n=0
	while [ "$_n" -lt "$TUI_WAIT" ]; do
		tui_screen >"$TEST_TMP/now"
		if ! cmp -s "$TEST_TMP/now" "$TEST_TMP/before" &&
		   grep -qF -- "$1" "$TEST_TMP/now"; then
			return 0
		fi
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

# walk_step KEYS MSGID DESCRIPTION
walk_step() {
	if [ "$1" = - ]; then
		: >"$TEST_TMP/before"
	else
		tui_screen >"$TEST_TMP/before"
	fi
	_keys=$1 _optional=
	case $_keys in
	'maybe '*) _optional=1 _keys=${_keys#maybe } ;;
	esac
	for _k in $_keys; do
		case $_k in
		-) ;;
		@touch) "$SALKKU" set Varikko planned_start=2024-06-01 \
				>/dev/null 2>&1 || fail "$3: set Varikko" ;;
		=@SAME@) tui_type "$TEST_TMP/same.json" ;;
		=@OTHER@) tui_type "$TEST_TMP/toinen.json" ;;
		@yes) tui_type "$(walk_text '"y: yes   n/Esc: no"' | cut -c1)" ;;
		=*) tui_type "${_k#=}" ;;
		*) tui_keys "$_k" ;;
		esac
	done
	_marker=$(walk_text "$2")
	if ! walk_wait "$_marker"; then
		if [ -n "$_optional" ]; then
			echo "note: $3: not there (yet), skipped"
			return 0
		fi
		fail "$3: the screen lacks '$_marker'"
		tui_screen | sed 's/^/    | /' >&2
		return 1
	fi
	walk_check "$3"
}

run_salkku init --demo
expect_rc 0 "init --demo"
# A project of every field, and a deadline of each state, so that no
# value shows empty.
run_salkku set Varikko budget=900000 person_years=2,5 website=https://varikko.example \
	actual_start=2024-04-01
expect_rc 0 "set Varikko"
run_salkku outcome add Varikko "Koulutetut" 2700 henkeä
expect_rc 0 "an outcome"
run_salkku deadline add Varikko 2023-11-01 Väliraportti --kind report_due
expect_rc 0 "an overdue deadline"
run_salkku deadline add Varikko 2023-12-01 Maksatus --kind payment
expect_rc 0 "a payment deadline"
run_salkku deadline add Varikko 2023-11-10 Peruttu --kind other
run_salkku deadline cancel Varikko 4 --reason "ei tarvita"
expect_rc 0 "a cancelled deadline"
run_salkku status Varikko granted
expect_rc 0 "a status change"
run_salkku deadline set Varikko 5 kind=steering_meeting
expect_rc 0 "a kind changed (the changes show both kinds)"
run_salkku role rm Varikko Eloisa co_implementer
expect_rc 0 "a deletion in the changes"

# Another centre's file that changed LUMO's name as this one did, and
# this one's own export.
other="$TEST_TMP/toinen.db"
run_salkku export --project LUMO -o "$TEST_TMP/lumo.json"
run_salkku --db "$other" init
run_salkku --db "$other" import "$TEST_TMP/lumo.json"
run_salkku --db "$other" set LUMO name="Toisen nimi"
run_salkku --db "$other" export --project LUMO -o "$TEST_TMP/toinen.json"
expect_rc 0 "the other centre's file"
run_salkku set LUMO name="Oma nimi"
expect_rc 0 "LUMO changed here too"
run_salkku export -o "$TEST_TMP/same.json"
expect_rc 0 "an export to import"

cat >"$TEST_TMP/walk" <<'EOF'
# KEYS                          | MSGID (on the screen they lead to)       | DESCRIPTION
-                               | Administrator                             | the project list
?                               | Move the selection down                   | the help screen
G                               | In forms and dialogs                      | the help's end
q f                             | Enter: change  Del: clear  F: clear all  Esc: close | the filter
Enter                           | " Space: mark  Enter: done  Esc: cancel " | the status picker of the filter
Space Enter Escape              | "Filter: %s  "                            | a status filter
F                               | Filter and search cleared                 | the filter cleared
s                               | Sort by                                   | the sort picker
Escape a                        | New: %s                                   | the new project form
=LUMO Tab =Toinen Enter         | %s: %s %s already exists                  | a code taken
Tab Tab Tab =31.2.2024 Enter    | Please correct the marked field.          | a bad date in the form
Escape Escape e                 | Edit %s                                   | the project form
Escape t                        | Now: %s                                   | the status dialog
Escape d                        | y: yes   n/Esc: no                        | the delete confirmation
Escape i                        | "Import JSON file: "                      | the import prompt
=@SAME@ Enter                   | Imported: %s added, %s updated, %s deleted, %s conflicts settled (from %s) | an import
i =@OTHER@ Enter                | In the file                               | an import's conflict
Escape                          | Nothing was imported from %s              | the import given up
Escape / =Varikko Enter         | "Search: %s  "                            | the search
Enter                           | Overview                                  | the project: overview
e                               | Edit %s                                   | the project form
Tab Tab Tab C-u =1.5.2024 @touch Enter | Their value                        | a conflict on saving
t                               | Your edits were dropped: %s stays as %s saved it (version %lld) | their version taken
t                               | Now: %s                                   | the status dialog
! Tab                           | Now: %s                                   | the status dialog, every status
Escape Tab                      | Budget share                              | the project: organisations
a                               | New: %s                                   | the role form
Tab Space                       | " Enter: choose  Esc: cancel "            | the role picker
Escape Escape e                 | Edit %s                                   | the role edited
Escape d                        | y: yes   n/Esc: no                        | deleting a role
@yes                            | Deleted %s (u: undo)                      | a role deleted
u                               | Undone: %s                                | the deletion undone
Tab                             | Decision date                             | the project: funding
a                               | New: %s                                   | the funding form
Tab Tab =paljon Enter           | Please correct the marked field.          | a bad amount
Escape Tab                      | Due                                       | the project: deadlines
a                               | New: %s                                   | the deadline form
Space                           | " Enter: choose  Esc: cancel "            | the kind picker
Escape Escape j e               | Edit %s                                   | the deadline edited
Escape x                        | Done on:                                  | marking a deadline done
Escape c                        | Cancelled, because:                       | cancelling a deadline
=turha Enter                    | Cancelled: %s (u: undo)                   | a deadline cancelled
u                               | Undone: %s                                | the cancellation undone
x Enter                         | Done: %s (u: undo)                        | a deadline done
Tab                             | Forced                                    | the project: status history
Tab                             | Author                                    | the project: notes
n                               | " F2 or Ctrl-X: keep  Esc: cancel "       | the note editor
Escape Tab                      | Unit                                      | the project: outcomes
a                               | New: %s                                   | the outcome form
=Ohjaus Tab =paljon Enter       | Please correct the marked field.          | a bad outcome value
C-u =12 Enter                   | Added %s (u: undo)                        | an outcome added
Tab                             | Record                                    | the project: changes
a                               | The change log is written by salkku itself | adding to the changes
t Enter                         | Status changed: %s (u: undo)              | a status changed
u                               | Undone: %s                                | the status change undone
t j Enter                       | Open deadlines                            | closing with open deadlines
Escape Escape                   | Record                                    | the project: changes again
? G                             | In forms and dialogs                      | the project's help
q Escape 2                      | Short name                                | the organisations
?                               | Add an organisation                       | the organisations' help
q a                             | New: %s                                   | the new organisation form
Escape Enter                    | Business ID                               | an organisation
e                               | Edit %s                                   | the organisation form
Escape Escape 3                 | Deadlines — the next %d day // Deadlines — the next %d days // 60 | the deadlines screen
?                               | Look 30 days further ahead                | the deadlines' help
q                               | Deadlines — the next %d day // Deadlines — the next %d days // 60 | the deadlines screen again
+                               | Deadlines — the next %d day // Deadlines — the next %d days // 90 | a longer look ahead
e                               | Edit %s                                   | a deadline from the deadlines screen
Escape x                        | Done on:                                  | done from the deadlines screen
Escape 4                        | (no dates)                                | the timeline
z                               | years                                     | the timeline in years
z                               | months                                    | the timeline in months
f                               | Enter: change  Del: clear  F: clear all  Esc: close | the timeline's filter
Escape ? G                      | In forms and dialogs                      | the timeline's help
q 5                             | Report — %s                               | the report screen
EOF

steps=0
tui_start 120 36 "LC_ALL=$lang_locale" "LANGUAGE="
while IFS='|' read -r keys msgid desc; do
	keys=$(echo "$keys" | sed 's/^ *//; s/ *$//')
	msgid=$(echo "$msgid" | sed 's/^ *//; s/ *$//')
	desc=$(echo "$desc" | sed 's/^ *//; s/ *$//')
	case $keys in
	''|'#'*) continue ;;
	esac
	walk_step "$keys" "$msgid" "$desc" || break
done <"$TEST_TMP/walk"
tui_quit

# Read-only: the banner and the refusal.
SALKKU_ARGS=--read-only tui_start 120 36 "LC_ALL=$lang_locale" "LANGUAGE="
walk_step - '" READ-ONLY "' "the read-only banner"
walk_step "a" "Read-only: this session cannot change anything" "a read-only refusal"
tui_quit

# Every screen of the table but the optional ones, and the two above.
want=$(grep -cvE '^(#|$|maybe )' "$TEST_TMP/walk")
[ "$steps" -ge $((want + 2)) ] ||
	fail "the walk stopped after $steps of $((want + 2)) screens"
finish
