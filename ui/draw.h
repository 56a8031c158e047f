/* SPDX-License-Identifier: EUPL-1.2 */
/* draw.h — width-aware, sanitised drawing.
 *
 * Every string that reaches the terminal goes through draw_text(): it
 * is sanitised (control characters, escape sequences and bidi overrides
 * made visible by text_sanitize), measured in display cells and clipped
 * with "…", and drawn with the wide-character calls, so that Finnish
 * and CJK text keeps columns aligned.  ncursesw alone is not enough: it
 * passes CR, BS and U+202E through to the terminal. */
#ifndef SALKKU_UI_DRAW_H
#define SALKKU_UI_DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/* What the terminal can show, decided once before curses starts. */
enum draw_charset {
	DRAW_UNICODE,   /* a UTF-8 locale: everything */
	DRAW_CONSOLE,   /* UTF-8 on the Linux console: no ◔ ◑ ▓ in its fonts */
	DRAW_LOCALE,    /* another character set: only what it holds */
};

/* The mark of a repeating deadline; '@' stands in for it where the
 * terminal lacks it (text_ascii_fallback). */
#define SERIES_MARK "↻"

/* Reads the locale's character set and TERM: call before newterm(). */
enum draw_charset draw_setup(void);

enum draw_flags {
	DRAW_PAD   = 1 << 0,  /* fill the width with spaces */
	DRAW_RIGHT = 1 << 1,  /* align right (pads on the left) */
};

/* Draws s at the cursor of w, clipped to width cells and never into the
 * last column of w (which only draw_to_eol fills); NULL draws nothing
 * (padding still applies).  Returns the cells used. */
int draw_text(WINDOW *w, const char *s, int width, attr_t attr,
	      unsigned flags);

/* As draw_text at (y, x). */
int draw_text_at(WINDOW *w, int y, int x, const char *s, int width,
		 attr_t attr, unsigned flags);

/* n spaces at the cursor. */
void draw_spaces(WINDOW *w, int n, attr_t attr);

/* Whether a blank drawn in attr looks as one drawn in base: neither
 * shows on blanks (reverse, underline, standout, blink) and their
 * backgrounds are the same; bold, dim or another foreground do not show. */
bool draw_blank_alike(attr_t attr, attr_t base);

/* Clears from the cursor to the end of the line in attr: spaces when
 * attr shows on blanks (reverse), else clrtoeol. */
void draw_to_eol(WINDOW *w, attr_t attr);

/* A frame around w with a title in it. */
void draw_frame(WINDOW *w, const char *title, attr_t border, attr_t title_attr);

/* Draws s (sanitised) from (y, x) wrapped at spaces into lines of
 * width cells, at most max_lines of them; with w NULL only counts.
 * Newlines in s start new lines.  Returns the lines used. */
int draw_wrap(WINDOW *w, int y, int x, const char *s, int width,
	      int max_lines, attr_t attr);

/* Display width of (sanitised) s: text_width of text_sanitize. */
int draw_width(const char *s);

/* The status as people read it: symbol, space, translated label
 * ("● active").  Unknown keys are shown as they are. */
char *draw_status_label(char *buf, size_t size, const char *status);

#endif
