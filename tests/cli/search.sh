#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Searching: the project whose code or name is the text first, then the
# best matches (code and name over descriptions and notes); --sort
# gives the plain order back.
. "${top_srcdir:-.}/tests/lib.sh"
unset COLUMNS

# codes: the first column of CSV output, without the header.
codes() {
	printf '%s\n' "$out" | tr -d '\r' | sed 1d | cut -d, -f1 | tr '\n' ' '
}

run_salkku init --demo
expect_rc 0 "init --demo"

# SOILA's note mentions Varikko; SOILA comes first by code.
run_salkku list --text Varikko --format csv
expect_rc 0 "list --text Varikko"
[ "$(codes)" = "Varikko SOILA " ] ||
	fail "Varikko itself first, then SOILA whose note names it: $(codes)"
run_salkku list varikko --format csv
[ "$(codes)" = "Varikko SOILA " ] ||
	fail "the exact match in any case, as positional words: $(codes)"
run_salkku list --text Varikko --sort code --format csv
[ "$(codes)" = "SOILA Varikko " ] || fail "--sort keeps the code order: $(codes)"

# An exact name beats a code that merely begins with the word.
run_salkku add VAR2 "Muu hanke" description="Varikko-hankkeen jatko"
expect_rc 0 "add VAR2"
run_salkku list --text varikko --format csv
case "$(codes)" in
"Varikko "*) ;;
*) fail "the exact code still first: $(codes)" ;;
esac

# A word in the name outranks the same word in a note.
run_salkku add AAA "Perhetyön kehittäminen"
expect_rc 0 "add AAA"
run_salkku add ZZZ "Sijaishuollon hanke"
expect_rc 0 "add ZZZ"
run_salkku note add AAA "Katso myös sijaishuollon työpaja"
expect_rc 0 "note on AAA"
run_salkku list --text sijaishuollon --format csv
case "$(codes)" in
"ZZZ "*AAA*) ;;
*) fail "the name's word before the note's: $(codes)" ;;
esac

# The table says the same under fi_FI.
LC_ALL=fi_FI.UTF-8 run_salkku list --text Varikko --format csv
case "$(codes)" in
"Varikko "*) ;;
*) fail "ranked under fi_FI too: $(codes)" ;;
esac

# The index needs salkku's tokenizer, so only salkku can rebuild it:
# check finds it broken, check --reindex makes it whole.
run_salkku check --reindex
expect_rc 0 "check --reindex on a whole index"
expect_out "^ok$" "check --reindex says ok"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$SALKKU_DB" "DELETE FROM project_words_content" || exit 99
	run_salkku check
	expect_rc 6 "check: the index lost its rows"
	expect_out "index of base forms" "check names the index"
	run_salkku check --reindex
	expect_rc 0 "check --reindex rebuilds it"
	run_salkku list --text Varikko --format csv
	case "$(codes)" in
	"Varikko "*) ;;
	*) fail "found again after the rebuild: $(codes)" ;;
	esac
fi
run_salkku --read-only check --reindex
expect_rc 2 "check --reindex under --read-only"

# Base forms (Voikko): inflected and gradated forms, and compounds found
# by their last part.  Without Voikko the stems stand in, and these
# Finnish forms are not all found.
if grep -q 'define HAVE_VOIKKO 1' "$top_builddir/config.h" &&
   { [ -d /usr/lib/voikko ] || [ -d /usr/share/voikko ]; }; then
	run_salkku add SH1 "Perhehoidon kehittäminen" \
		description="Lastensuojelun sijaishuollon rakenteellisen työn malli"
	expect_rc 0 "add SH1"
	run_salkku list --text sijaishuolto --format csv
	case " $(codes)" in
	*" SH1 "*) ;;
	*) fail "sijaishuolto finds sijaishuollon: $(codes)" ;;
	esac
	run_salkku list --text huolto --format csv
	case " $(codes)" in
	*" SH1 "*) ;;
	*) fail "huolto finds the compound sijaishuollon: $(codes)" ;;
	esac
	run_salkku list --text rakenteellinen --format csv
	case " $(codes)" in
	*" SH1 "*) ;;
	*) fail "rakenteellinen finds rakenteellisen: $(codes)" ;;
	esac
	run_salkku list --text "perhehoito lastensuojelu" --format csv
	[ "$(codes)" = "SH1 " ] || fail "every word by its base form: $(codes)"
	run_salkku list --text "sijaishuollon" --format csv
	case " $(codes)" in
	*" SH1 "*) ;;
	*) fail "the written form still finds itself: $(codes)" ;;
	esac
	# A part does not find the whole the other way round.
	run_salkku add SH2 "Kotihuolto"
	run_salkku list --text sijaishuolto --format csv
	case " $(codes)" in
	*" SH2 "*) fail "sijaishuolto does not find kotihuolto: $(codes)" ;;
	esac
	# What is typed half-way still narrows by prefix.
	run_salkku list --text sijaishu --format csv
	case " $(codes)" in
	*" SH1 "*) ;;
	*) fail "a prefix of the word: $(codes)" ;;
	esac
	# Another tool's write reaches the index by base form too.
	if command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 "$SALKKU_DB" "UPDATE project SET description = \
			'Perhehoidon kehittämisen työpaja' WHERE code = 'SH2'" ||
			exit 99
		run_salkku list --text perhehoito --format csv
		case " $(codes)" in
		*" SH2 "*) ;;
		*) fail "the shell's perhehoidon found by perhehoito: $(codes)" ;;
		esac
	fi
	run_salkku check
	expect_rc 0 "check: the index agrees with the projects"
fi
finish
