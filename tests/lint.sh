#!/bin/sh
# The layers are folders, and this keeps them honest: SQLite only in db/,
# curses only in ui/, and no file of src/ or db/ reaching into ui/.
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir" || exit 99
status=0

bad=$(grep -lE 'sqlite3_|<sqlite3\.h>' src/*.[ch] ui/*.[ch] 2>/dev/null)
if [ -n "$bad" ]; then
	echo "SQLite used outside db/: $bad"
	status=1
fi
bad=$(grep -lE '<n?curses(w)?\.h>|<ncursesw/' src/*.[ch] db/*.[ch] 2>/dev/null)
if [ -n "$bad" ]; then
	echo "curses used outside ui/: $bad"
	status=1
fi
bad=$(grep -lE '#include "(\.\./)?ui/' src/*.[ch] db/*.[ch] 2>/dev/null | grep -v '^src/main\.c$')
if [ -n "$bad" ]; then
	echo "the core includes the UI: $bad"
	status=1
fi
exit $status
