/* SPDX-License-Identifier: EUPL-1.2 */
/* frame.c — the floor of the terminal interface's first frame: the least
 * a curses program must do to show what salkku's project list shows
 * first, from the same SQLite file.  tui-run starts it and salkku in
 * turn on the same pseudo-terminal size and times both to their first
 * full frame.
 *
 *   frame [DB]             (DB: $SALKKU_DB by default, as for salkku)
 *
 * It opens the file as salkku does (read-write, foreign keys on,
 * synchronous = NORMAL, a 2 MB page cache), reads the number of
 * projects from tally and the screenful of projects by code through
 * salkku's plan (the page's ids from the code_sort index, then
 * administrator and end date for those rows only: PAGE_SQL in floor.c,
 * the main funder left out, as the list does not show it), and draws
 * them with ncursesw as the list does: a title with the count, the
 * column heads, a row per project (code, name, status, administrator,
 * end, budget, cut to their columns by wcwidth), the key line.  Then it
 * waits for q.  No translation, no theme file, no configuration, no
 * presence row, no schema check: what is left is the process start,
 * SQLite's reading of the schema and the page, and curses. */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static sqlite3 *db;

static void
die(const char *what)
{
	if (!isendwin())
		endwin();
	fprintf(stderr, "frame: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

/* Draws s at (y, x) in at most width columns, cut with an ellipsis,
 * padded with spaces. */
static void
cell(int y, int x, const char *s, int width, attr_t attr)
{
	wchar_t w[256];
	size_t n = mbstowcs(w, s ? s : "", 255);
	int used = 0;

	if (n == (size_t)-1)
		n = 0;
	attrset(attr);
	move(y, x);
	for (size_t i = 0; i < n; i++) {
		int cw = wcwidth(w[i]);

		if (cw < 0)
			continue;
		/* Before the last character, room is kept for the ellipsis. */
		if (used + cw > width - (i + 1 < n ? 1 : 0)) {
			addwstr(L"…");
			used++;
			break;
		}
		addnwstr(&w[i], 1);
		used += cw;
	}
	for (; used < width; used++)
		addch(' ');
}

static const char *
status_mark(const char *status)
{
	static const struct { const char *name, *mark; } marks[] = {
		{ "idea", "· " }, { "preparing", "◔ " }, { "applied", "○ " },
		{ "granted", "◑ " }, { "active", "● " }, { "reporting", "◐ " },
		{ "closed", "■ " }, { "rejected", "✗ " }, { "cancelled", "✗ " },
	};

	for (size_t i = 0; status && i < sizeof marks / sizeof *marks; i++)
		if (!strcmp(status, marks[i].name))
			return marks[i].mark;
	return "  ";
}

/* 1234567 cents as "12,345.67 €", whole euros without the cents. */
static void
money(char *buf, size_t size, sqlite3_int64 cents)
{
	char digits[32], *out = buf;
	int n = snprintf(digits, sizeof digits, "%lld", (long long)(cents / 100));

	for (int i = 0; i < n && (size_t)(out - buf) < size - 16; i++) {
		if (i && (n - i) % 3 == 0)
			*out++ = ',';
		*out++ = digits[i];
	}
	if (cents % 100)
		out += sprintf(out, ".%02lld", (long long)(cents % 100));
	strcpy(out, " €");
}

int
main(int argc, char **argv)
{
	sqlite3_stmt *st;
	char title[512], buf[64];
	const char *path = argc == 2 ? argv[1] : getenv("SALKKU_DB");
	sqlite3_int64 total = 0;
	int rows, y = 2;

	if (argc > 2 || !path) {
		fputs("usage: frame [DB] (or SALKKU_DB set)\n", stderr);
		return 2;
	}
	setlocale(LC_ALL, "");
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(path);
	sqlite3_busy_timeout(db, 5000);
	/* A schema of salkku's since migration 7 names no collation of its
	 * own: none is registered. */
	if (sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
			 "PRAGMA cache_size = -2048", NULL, NULL, NULL))
		die("settings");

	newterm(NULL, stdout, stdin);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	if (has_colors() && start_color() == OK)
		use_default_colors();
	rows = LINES - 4;

	if (sqlite3_prepare_v2(db, "SELECT n FROM tally WHERE name = 'project'",
			       -1, &st, NULL) != SQLITE_OK)
		die("tally");
	if (sqlite3_step(st) == SQLITE_ROW)
		total = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	snprintf(title, sizeof title, " salkku — %s", path);
	cell(0, 0, title, COLS, A_REVERSE);
	snprintf(buf, sizeof buf, "%lld/%lld ", (long long)total, (long long)total);
	attrset(A_REVERSE);
	mvaddstr(0, COLS - (int)strlen(buf), buf);
	cell(1, 1, "Code ▲", 12, A_BOLD);
	cell(1, 14, "Name", 24, A_BOLD);
	cell(1, 39, "Status", 18, A_BOLD);
	cell(1, 58, "Administrator", 14, A_BOLD);
	cell(1, 73, "End", 11, A_BOLD);
	cell(1, 85, "Budget", 14, A_BOLD);

	if (sqlite3_prepare_v2(db,
	    "SELECT p.code, p.name, p.status, "
	    "(SELECT coalesce(o.short_name, o.name) FROM project_role r "
	    "JOIN organisation o ON o.uuid = r.organisation "
	    "WHERE r.project = p.uuid AND r.role = 'administrator' "
	    "ORDER BY r.id LIMIT 1), "
	    "coalesce(p.actual_end, p.planned_end), p.budget "
	    "FROM (SELECT id FROM project ORDER BY code_sort, id LIMIT ?1) "
	    "AS page JOIN project p ON p.id = page.id ORDER BY p.code_sort, p.id",
	    -1, &st, NULL) != SQLITE_OK)
		die("page");
	sqlite3_bind_int(st, 1, rows);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(st, 2);
		char line[64];

		cell(y, 0, y == 2 ? ">" : " ", 1, A_NORMAL);
		cell(y, 1, (const char *)sqlite3_column_text(st, 0), 12, A_NORMAL);
		cell(y, 14, (const char *)sqlite3_column_text(st, 1), 24, A_NORMAL);
		snprintf(line, sizeof line, "%s%s", status_mark(status),
			 status ? status : "");
		cell(y, 39, line, 18, A_NORMAL);
		cell(y, 58, (const char *)sqlite3_column_text(st, 3), 14, A_NORMAL);
		cell(y, 73, (const char *)sqlite3_column_text(st, 4), 11, A_NORMAL);
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			money(line, sizeof line, sqlite3_column_int64(st, 5));
		else
			line[0] = '\0';
		cell(y, 85, line, 14, A_NORMAL);
		y++;
	}
	sqlite3_finalize(st);
	cell(LINES - 1, 0, " ?:help /:search f:filter s:sort Enter:open a:add "
	     "e:edit t:status d:delete 2:organisations q:quit", COLS, A_NORMAL);
	refresh();

	while (getch() != 'q')
		;
	endwin();
	sqlite3_close(db);
	return 0;
}
