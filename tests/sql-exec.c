/* SPDX-License-Identifier: EUPL-1.2 */
/* sql-exec — runs SQL on an existing SQLite file and prints the rows,
 * columns joined by '|': how the shell tests damage a database or read
 * what salkku does not show, on machines without the sqlite3 tool.
 *
 *     tests/sql-exec FILE SQL */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>

static int
print_row(void *arg, int n, char **values, char **names)
{
	(void)arg;
	(void)names;
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "|" : "", values[i] ? values[i] : "");
	putchar('\n');
	return 0;
}

int
main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	int rc = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: sql-exec FILE SQL\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, argv[2], print_row, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "sql-exec: %s: %s\n", argv[1],
			msg ? msg : sqlite3_errmsg(db));
		rc = 1;
	}
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc;
}
