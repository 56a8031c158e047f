/* SPDX-License-Identifier: EUPL-1.2 */
/* editor.h — long text (descriptions, notes).
 *
 * As git does: with $VISUAL or $EDITOR set, the text goes to a private
 * temporary file, the terminal is handed to `sh -c '$EDITOR "$@"'` (curses
 * ended before and restored after) and the file is read back.  Without
 * either, a multi-line editor inside the TUI does the job. */
#ifndef SALKKU_UI_EDITOR_H
#define SALKKU_UI_EDITOR_H

struct ui;

/* text: the result, or NULL when cancelled (or the editor failed). */
typedef void (*editor_fn)(struct ui *ui, void *ctx, const char *text);

/* Edits text (NULL: empty) and calls done, at once with an external
 * editor, or when the in-place editor closes. */
void editor_edit(struct ui *ui, const char *title, const char *text,
		 editor_fn done, void *ctx);

#endif
