#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The layers are folders, and this keeps them honest: SQLite only in db/,
# curses only in ui/, and every include of ours pointing down the layer
# table of HACKING.md, never up or across:
#   src/base/  includes nothing of ours but src/base/
#   db/        src/base/ and db/
#   src/core/  src/base/, db/ and src/core/
#   src/cli/   src/base/, src/core/ and src/cli/
#   ui/        src/base/, src/core/ and ui/
#   src/main.c anything
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir" || exit 99
status=0

layer_files() {
	ls "$1"/*.[ch] 2>/dev/null
}

bad=$(grep -lE 'sqlite3_|<sqlite3\.h>' src/*.[ch] src/*/*.[ch] ui/*.[ch] 2>/dev/null)
if [ -n "$bad" ]; then
	echo "SQLite used outside db/: $bad"
	status=1
fi
bad=$(grep -lE '<n?curses(w)?\.h>|<ncursesw/' src/*.[ch] src/*/*.[ch] db/*.[ch] 2>/dev/null)
if [ -n "$bad" ]; then
	echo "curses used outside ui/: $bad"
	status=1
fi

# Every quoted include names a file from the top of the tree, or one in
# the same folder by its bare name; the layer is the folder either way.
check_layer() {
	layer=$1 allowed=$2
	for file in $(layer_files "$layer"); do
		grep -oE '^#[[:space:]]*include[[:space:]]+"[^"]+"' "$file" |
		sed 's/.*"\(.*\)"/\1/' |
		while read -r target; do
			case $target in
			config.h) continue ;;
			*/*) dir=${target%/*} ;;
			*) dir=$layer ;;
			esac
			ok=no
			for a in $allowed; do
				[ "$dir" = "$a" ] && ok=yes
			done
			if [ "$ok" = no ]; then
				echo "$file includes \"$target\": $layer may include only $allowed"
			fi
		done
	done
}

out=$(
	check_layer src/base "src/base"
	check_layer db "src/base db"
	check_layer src/core "src/base db src/core"
	check_layer src/cli "src/base src/core src/cli"
	check_layer ui "src/base src/core ui"
)
if [ -n "$out" ]; then
	echo "$out"
	status=1
fi

# Every C file that marks text for translation is in po/POTFILES.in, or
# its messages would silently stay English in every language.
for file in src/*/*.c db/*.c ui/*.c; do
	grep -q '\<[NP]\?_("' "$file" || continue
	grep -qx "$file" po/POTFILES.in ||
		{ echo "$file has messages but is not in po/POTFILES.in"; status=1; }
done

# Nothing may hide in src/ itself but main.c and the fragment.
extra=$(ls src/*.[ch] 2>/dev/null | grep -v '^src/main\.c$')
if [ -n "$extra" ]; then
	echo "files in src/ outside a layer folder: $extra"
	status=1
fi
exit $status
