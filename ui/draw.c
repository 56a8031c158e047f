/* SPDX-License-Identifier: EUPL-1.2 */
/* draw.c — sanitised, clipped, wide-character drawing. */
#include "config.h"

#include "draw.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "src/base/entity.h"
#include "src/base/i18n.h"
#include "src/base/text.h"

/* Spaces up to and including the last column: only draw_to_eol writes
 * there, because ncurses moves the cursor to the next line after it,
 * and a clrtoeol that followed would wipe that line. */
static void
spaces(WINDOW *w, int n, attr_t attr)
{
	static const char blanks[] = "                                ";

	wattrset(w, attr);
	while (n > 0) {
		int k = n < (int)sizeof blanks - 1 ? n : (int)sizeof blanks - 1;

		waddnstr(w, blanks, k);
		n -= k;
	}
}

void
draw_spaces(WINDOW *w, int n, attr_t attr)
{
	int max = getmaxx(w) - 1 - getcurx(w);

	spaces(w, n < max ? n : max, attr);
}

bool
draw_blank_alike(attr_t attr, attr_t base)
{
	const attr_t shows = A_REVERSE | A_UNDERLINE | A_STANDOUT | A_BLINK | A_INVIS;
	short fg, bg_attr = -1, bg_base = -1;

	if ((attr | base) & shows)
		return false;
	if (PAIR_NUMBER(attr) && pair_content((short)PAIR_NUMBER(attr), &fg, &bg_attr) == ERR)
		return false;
	if (PAIR_NUMBER(base) && pair_content((short)PAIR_NUMBER(base), &fg, &bg_base) == ERR)
		return false;
	return bg_attr == bg_base;
}

void
draw_to_eol(WINDOW *w, attr_t attr)
{
	int x = getcurx(w), y = getcury(w);

	if (attr & (A_REVERSE | A_STANDOUT | A_UNDERLINE | A_COLOR)) {
		spaces(w, getmaxx(w) - x, attr);
		wmove(w, y, getmaxx(w) - 1);
		return;
	}
	wattrset(w, attr);
	wclrtoeol(w);
}

/* What the terminal can show.  A property of the terminal for the whole
 * run, like curses' own screen: set once by draw_setup() before curses
 * starts, read by every draw. */
static enum draw_charset charset = DRAW_UNICODE;

enum draw_charset
draw_setup(void)
{
	const char *term = getenv("TERM");

	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		charset = DRAW_LOCALE;
	else if (term && (!strcmp(term, "linux") || !strncmp(term, "linux-", 6)))
		charset = DRAW_CONSOLE;
	else
		charset = DRAW_UNICODE;
	return charset;
}

/* The character shown for wc: itself, or what stands in for it on a
 * terminal that lacks it (the same single column, text_width measured
 * it as one). */
static wchar_t
shown(wchar_t wc)
{
	unsigned stand_in;

	if (charset == DRAW_UNICODE || wc < 0x80)
		return wc;
	if (charset == DRAW_CONSOLE)
		return (stand_in = text_symbol_fallback((unsigned)wc)) ? (wchar_t)stand_in : wc;
	/* In another character set wcwidth() says -1 for what it lacks. */
	if (wcwidth(wc) >= 0)
		return wc;
	return (stand_in = text_ascii_fallback((unsigned)wc)) ? (wchar_t)stand_in : L'?';
}

/* Adds UTF-8 s (already safe) with the wide calls. */
static void
add_utf8(WINDOW *w, const char *s)
{
	size_t n = strlen(s);
	wchar_t stackbuf[256], *wbuf = stackbuf;
	size_t got;

	if (n + 1 > sizeof stackbuf / sizeof stackbuf[0]) {
		wbuf = malloc((n + 1) * sizeof *wbuf);
		if (!wbuf)
			return;
	}
	got = utf8_to_wide(s, wbuf, n + 1);
	for (size_t i = 0; i < got; i++)
		wbuf[i] = shown(wbuf[i]);
	waddnwstr(w, wbuf, (int)got);
	if (wbuf != stackbuf)
		free(wbuf);
}

int
draw_text(WINDOW *w, const char *s, int width, attr_t attr, unsigned flags)
{
	char *safe, *clip;
	int cw, room = getmaxx(w) - 1 - getcurx(w);  /* see spaces() */

	if (width > room)
		width = room;
	if (width <= 0)
		return 0;
	safe = text_sanitize(s ? s : "", 0);
	clip = safe ? text_clip(safe, width) : NULL;
	if (!clip) {
		free(safe);
		return 0;
	}
	cw = text_width(clip);
	if ((flags & DRAW_RIGHT) && cw < width)
		draw_spaces(w, width - cw, attr);
	wattrset(w, attr);
	add_utf8(w, clip);
	if ((flags & DRAW_PAD) && !(flags & DRAW_RIGHT) && cw < width)
		draw_spaces(w, width - cw, attr);
	free(clip);
	free(safe);
	return (flags & (DRAW_PAD | DRAW_RIGHT)) ? width : cw;
}

int
draw_text_at(WINDOW *w, int y, int x, const char *s, int width, attr_t attr,
	     unsigned flags)
{
	if (wmove(w, y, x) == ERR)
		return 0;
	return draw_text(w, s, width, attr, flags);
}

void
draw_frame(WINDOW *w, const char *title, attr_t border, attr_t title_attr)
{
	wattrset(w, border);
	box_set(w, 0, 0);
	if (title && *title) {
		wmove(w, 0, 2);
		draw_text(w, " ", 1, border, 0);
		draw_text(w, title, getmaxx(w) - 6, title_attr, 0);
		draw_text(w, " ", 1, border, 0);
	}
}

int
draw_wrap(WINDOW *w, int y, int x, const char *s, int width, int max_lines,
	  attr_t attr)
{
	char *safe = text_sanitize(s ? s : "", TEXT_KEEP_NEWLINES);
	char *p, *line_start;
	int lines = 0;

	if (!safe || width < 1)
		goto out;
	p = line_start = safe;
	while (*line_start && lines < max_lines) {
		char *brk = NULL, *q = line_start, saved;

		/* The longest run of whole words that fits. */
		while (*q && *q != '\n') {
			char *e = q;

			while (*e == ' ')
				e++;
			while (*e && *e != ' ' && *e != '\n')
				e++;
			saved = *e;
			*e = '\0';
			if (text_width(line_start) > width) {
				*e = saved;
				break;
			}
			*e = saved;
			brk = q = e;
		}
		if (!brk)  /* one word longer than the line: clip it */
			for (brk = line_start; *brk && *brk != ' ' && *brk != '\n'; brk++)
				;
		saved = *brk;
		*brk = '\0';
		if (w)
			draw_text_at(w, y + lines, x, line_start, width, attr, 0);
		*brk = saved;
		lines++;
		p = brk;
		while (*p == ' ')
			p++;
		if (*p == '\n')
			p++;
		line_start = p;
	}
out:
	free(safe);
	return lines;
}

int
draw_width(const char *s)
{
	char *safe = text_sanitize(s ? s : "", 0);
	int w = safe ? text_width(safe) : 0;

	free(safe);
	return w;
}

char *
draw_status_label(char *buf, size_t size, const char *status)
{
	const struct enum_def *e = status ? enum_find(project_statuses, status) : NULL;

	if (!e)
		snprintf(buf, size, "%s", status ? status : "");
	else
		snprintf(buf, size, "%s %s", e->symbol ? e->symbol : " ",
			 _(e->label));
	return buf;
}
