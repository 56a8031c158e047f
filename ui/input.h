/* SPDX-License-Identifier: EUPL-1.2 */
/* input.h — one line of text being edited.
 *
 * The text is kept as wide characters, so that the cursor moves and
 * Backspace deletes by character whatever the UTF-8 length; a wide
 * character (CJK) takes two cells on screen.  Characters that would act
 * on the terminal are never inserted from the keyboard, and stored text
 * that holds some is drawn escaped, as everywhere else. */
#ifndef SALKKU_UI_INPUT_H
#define SALKKU_UI_INPUT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct input {
	wchar_t *buf;
	size_t len, cap;
	size_t cur;    /* cursor, in characters */
	size_t first;  /* first character shown */
};

/* Sets the text (UTF-8; NULL is empty) and puts the cursor at its end.
 * 0, or -1 when out of memory. */
int input_set(struct input *in, const char *text);

/* The text as UTF-8, newly allocated; NULL when out of memory. */
char *input_text(const struct input *in);

void input_free(struct input *in);

/* Handles an editing key (characters, Left/Right, Home/End, C-a/C-e,
 * Backspace, Delete, C-k, C-u, C-w).  Returns true when it was one. */
bool input_key(struct input *in, int key);

/* Draws the text at (y, x) of w in width cells, scrolled so that the
 * cursor shows; the cursor's column goes into *cursor_x. */
void input_draw(struct input *in, WINDOW *w, int y, int x, int width,
		attr_t attr, int *cursor_x);

#endif
