/* SPDX-License-Identifier: EUPL-1.2 */
/* view.h — one screen of the TUI behind a small table of operations.
 *
 * Each view (view_projects.c, view_project.c, …) exports one
 * `const struct view_ops` and keeps its state in v->priv.  What every
 * list has in common lives once, in view.c: scrolling and selection,
 * line-level repainting (a one-line move repaints two lines; a one-line
 * scroll is a terminal scroll plus the new line), the column layout
 * (columns shrink and then drop by priority as the terminal narrows,
 * the flexible one takes the slack), the search prompt and n/N, mouse
 * selection, the title line and the footer.  Views supply rows: either
 * cell texts by column, or whole lines they draw themselves. */
#ifndef SALKKU_UI_VIEW_H
#define SALKKU_UI_VIEW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "keymap.h"
#include "theme.h"

enum column_flags {
	COL_RIGHT = 1 << 0,  /* figures: aligned right */
	COL_FLEX  = 1 << 1,  /* takes the width left over (one per table) */
	COL_KEEP  = 1 << 2,  /* shrinks but is never dropped */
	/* Shown whole (codes, money): as wide as the widest value shown
	 * since the view was loaded (view_fit), never clipped; the flexible
	 * column gives way to it, or it is dropped whole. */
	COL_FIT   = 1 << 3,
};

struct column {
	const char *title;   /* N_() */
	int width;           /* preferred cells; for COL_FLEX the least */
	int min;             /* shrinks to this before it is dropped */
	int priority;        /* the lowest shrinks and drops first */
	unsigned flags;
	int max;             /* grows to this on a wide screen (0: width) */
};

#define VIEW_MAX_COLUMNS 12

struct view;

struct view_ops {
	const char *name;     /* keymap scope and config name: "projects" */
	int head_lines;       /* title + headings (2), + tabs (3) */
	/* Sets up v->priv from arg.  0, or -1 (message set). */
	int (*open)(struct view *v, const void *arg);
	void (*free)(struct view *v);
	/* (Re)reads the view's data and sets v->rows.  0 or -1. */
	int (*load)(struct view *v);
	/* Told when the view is shown again (its screen chosen, a view
	 * over it closed); may be NULL. */
	void (*show)(struct view *v);
	/* Views that read by the page: make rows [first, first + n)
	 * available before they are drawn. */
	void (*fetch)(struct view *v, size_t first, size_t n);
	/* The title line, left and right parts (plain text). */
	void (*title)(struct view *v, char *left, size_t lsize,
		      char *right, size_t rsize);
	/* Head lines between the title and the column headings (tabs). */
	void (*draw_head)(struct view *v, WINDOW *w, int y);
	/* The columns: a fixed table, or, when they change with the view's
	 * state (the project's tabs), a function that returns them. */
	const struct column *fixed_columns;
	size_t nfixed_columns;
	const struct column *(*columns)(struct view *v, size_t *n);
	/* The column shown sorted, or -1; *desc for the direction. */
	int (*sorted)(struct view *v, bool *desc);
	/* Told when v->widths changed (may be NULL): a view may read less
	 * for columns the screen has no room for. */
	void (*laid_out)(struct view *v);
	/* A cell's text (stored text is fine: it is sanitised when drawn),
	 * borrowed or written into buf; *elem may give it a theme element. */
	const char *(*cell)(struct view *v, size_t row, int col, char *buf,
			    size_t size, enum theme_elem *elem);
	/* Draws row itself; false lets the columns draw it. */
	bool (*draw_row)(struct view *v, WINDOW *w, int y, size_t row,
			 bool selected);
	bool (*selectable)(struct view *v, size_t row);
	enum action_result (*handle)(struct view *v, enum action a);
	/* The view narrows its rows to v->narrow (/ works here). */
	bool searchable;
	/* Its search reads the full-text index: the word analysers are
	 * loaded once / has shown the prompt, not by the first letter. */
	bool search_words;
	/* A click on a head line (tabs, headings): true when taken. */
	bool (*click_head)(struct view *v, int y, int x);
	/* The status line when there is no message (may be NULL). */
	void (*status)(struct view *v, char *buf, size_t size);
	/* The status goes to the right end of the line, leaving the left
	 * to who else has the project open. */
	bool status_right;
	/* What identifies row across reloads (a uuid), so that the
	 * selection stays on it when another session's change moves it;
	 * false when the row has no such key.  May be NULL. */
	bool (*row_key)(struct view *v, size_t row, char *buf, size_t size);
	/* The uuid of the project the view shows, for presence (may be
	 * NULL). */
	const char *(*project)(struct view *v);
	/* The actions the footer names, ACT_NONE-terminated. */
	const enum action *footer;
	/* Work put off (v->unsettled), done when no key has come for a
	 * moment, and before a move or a reload that needs it (not while
	 * a search is typed): a search's count; the count past the first
	 * frame's of the deadlines and of a large funder's lines.  May be
	 * NULL. */
	void (*settle)(struct view *v);
	/* While no key waits, after a frame: reads what the next page move
	 * would read, so that it finds its rows at hand.  May be NULL. */
	void (*read_ahead)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct ui *ui;
	void *priv;
	size_t rows, top, sel;
	char *search;            /* the search in force, or NULL */
	char *narrow;            /* the search as typed so far, which the
				  * rows are narrowed to, or NULL */
	struct view *prev;       /* the view a pushed one was opened from */
	bool pushed;

	/* A search is being typed (its prompt open): the view may put off
	 * what the next key would make stale. */
	bool typing;
	bool unsettled;          /* work put off: ops->settle when keys pause */
	/* Loading: the generations of data and filter last loaded. */
	bool loaded;
	unsigned data_gen, filter_gen;

	/* What the body shows, for line-level repainting. */
	bool full;               /* repaint every line next frame */
	bool drawn;
	size_t drawn_top, drawn_sel;
	int drawn_width, drawn_height;

	int widths[VIEW_MAX_COLUMNS];  /* the layout; 0: dropped */
	int layout_width;
	/* The widest value of each COL_FIT column (or, for a view that
	 * draws its rows itself, of what it says) shown since the view was
	 * loaded: it only grows until the next load, so that a scroll
	 * changes the layout only when a wider value comes on screen, not
	 * line after line.  Rows [fit_lo, fit_hi) are measured. */
	int fit[VIEW_MAX_COLUMNS];
	size_t fit_lo, fit_hi;
	bool refit;              /* a fit grew: lay out and repaint */
};

/* A new view of ops, opened with arg; NULL on failure (message set). */
struct view *view_new(struct ui *ui, const struct view_ops *ops,
		      const void *arg);
void view_free(struct view **v);

/* Reloads when the data or the filter changed since the last load. */
void view_refresh(struct view *v);
/* Loads now.  After a change of the data the selection stays on the
 * same row (by its row_key) at the same height on the screen; without
 * a key, when the row is gone, or after a change of the filter or the
 * sort, on the same index. */
void view_reload(struct view *v);

int view_height(const struct view *v);
bool view_has_selection(const struct view *v);
/* Moves the selection to row (clamped, to a selectable row). */
void view_select(struct view *v, size_t row);
/* Moves by delta rows, scrolling as needed. */
void view_move(struct view *v, long delta);

void view_draw_head(struct view *v);
void view_draw_body(struct view *v);
void view_draw_foot(struct view *v);
/* The view's status line text (empty when it has none). */
void view_status_line(struct view *v, char *buf, size_t size);
/* Where the terminal cursor belongs: the selected row. */
bool view_cursor(const struct view *v, int *y);

/* Forgets the search, in force and as typed; the caller reloads. */
void view_clear_search(struct view *v);

/* Navigation and search, common to every view. */
enum action_result view_handle(struct view *v, enum action a);

/* A mouse event at screen (y, x): select, open or scroll. */
enum action_result view_mouse(struct view *v, int y, int x, unsigned long bstate);

/* Column widths for the current body width. */
void view_layout(struct view *v);

/* Column col shows a value of width cells: its fit grows to it (and the
 * next frame is laid out again and repainted whole) when it is wider
 * than any shown since the load. */
void view_fit(struct view *v, int col, int width);
/* Forgets the fits (a load: the values shown are others). */
void view_fit_reset(struct view *v);

/* Which rows of a long list (of total rows) a view that reads a window
 * at a time reads to show rows [first, first + n), the rows
 * [lo, lo + have) being at hand: a screen either side of them when that
 * span borders or overlaps the rows at hand (it is read on from a row of
 * them, costing its own rows), or, when the screen lies just past
 * either end of them, three screens on from that end; else (nothing at
 * hand, a jump such as G or g) the screen alone, as every row more is
 * paid for.  Sets [*start, *end). */
void view_window_span(size_t lo, size_t have, size_t first, size_t n,
		      size_t total, size_t *start, size_t *end);

/* Case-insensitive substring match on the sanitised text, for views
 * that search what they hold. */
bool view_text_matches(const char *hay, const char *needle);

/* The keys of enums whose label, in the language shown, holds text
 * (view_text_matches), comma-separated into out: a search hands them to
 * the database, which knows only the keys.  "" when none or no text. */
struct enum_def;
void view_enum_matches(const struct enum_def *enums, const char *text,
		       char *out, size_t size);

/* The views. */
extern const struct view_ops projects_view_ops;
extern const struct view_ops project_view_ops;
extern const struct view_ops orgs_view_ops;
extern const struct view_ops org_view_ops;
extern const struct view_ops deadlines_view_ops;
extern const struct view_ops timeline_view_ops;
extern const struct view_ops report_view_ops;
extern const struct view_ops help_view_ops;

/* What open() of the detail views takes. */
struct project_view_arg {
	const char *uuid;
	int tab;          /* enum of view_project.c; 0: overview */
};

#endif
