/* SPDX-License-Identifier: EUPL-1.2 */
/* app.h — the state of one TUI session, shared by the modules of ui/.
 *
 * The screen is four windows: head (a title line, and a line of column
 * headings or tabs), body (the rows, scrolled line by line), status
 * (messages) and foot (the keys that matter here).  Views draw into them
 * (view.h); dialogs, forms and pickers are modals stacked on top and get
 * the raw keys.  Nothing here refreshes the terminal: the loop in ui.c
 * paints with wnoutrefresh and one doupdate per frame. */
#ifndef SALKKU_UI_APP_H
#define SALKKU_UI_APP_H

#include <curses.h>
#include <stdbool.h>

#include "src/base/format.h"
#include "src/core/frontend.h"
#include "src/base/query.h"
#include "change.h"
#include "keymap.h"
#include "live.h"
#include "theme.h"

struct model;
struct view;

/* What a handler did.  Handlers never refresh the screen. */
enum action_result {
	AR_OK,         /* done; something may have changed */
	AR_NOOP,       /* nothing to do */
	AR_ERROR,      /* refused or failed; a message says why */
	AR_UNHANDLED,  /* not this handler's: ask the next one */
	AR_QUIT,       /* leave the program */
};

/* The main screens, reached with 1–5 and Tab. */
enum main_screen {
	SCREEN_PROJECTS, SCREEN_ORGS, SCREEN_DEADLINES, SCREEN_TIMELINE,
	SCREEN_REPORT, SCREEN_COUNT
};

/* The portfolio filter, shared by the project list and the timeline. */
struct portfolio_filter {
	bool status[16];           /* by index in project_statuses */
	char *funder, *funder_label;    /* organisation uuid and short name */
	char *partner, *partner_label;
	char *theme;
	int year;
	enum project_sort sort;
	bool descending;
};

/* A modal: a form, picker or dialog over the views.  Modals embed this
 * as their first member. */
struct modal;
struct modal_ops {
	/* Places and sizes m->win for a screen of lines x cols. */
	void (*layout)(struct modal *m, int lines, int cols);
	/* Paints m->win and sets m->cur_y/cur_x (-1: no cursor). */
	void (*draw)(struct modal *m);
	/* A key; returns true to close the modal (the loop frees it). */
	bool (*key)(struct modal *m, int key);
	void (*free)(struct modal *m);
	/* Another session committed: look again at the stored record the
	 * modal holds a copy of (may be NULL). */
	void (*recheck)(struct modal *m);
	/* The uuid of the project the modal is about, for presence; NULL
	 * for none (the op may be NULL). */
	const char *(*project)(struct modal *m);
};

struct modal {
	const struct modal_ops *ops;
	struct ui *ui;
	struct modal *below;
	WINDOW *win;
	int cur_y, cur_x;
	bool dirty;
};

struct settings {
	enum main_screen start;
	bool mouse;
	int deadline_days;   /* how far ahead the deadline screen looks */
};

struct ui {
	struct model *m;
	const struct ui_options *opts;
	bool read_only;
	bool file_gone;          /* the database file was deleted or replaced */
	enum fmt_style fmt;
	char today[11];          /* the reference day for deadlines (model_today) */
	char clock_day[11];      /* the clock's: what is done now, times of changes */
	char *db_label;            /* the database path as shown */

	struct theme theme;
	struct keymap keymap;
	struct settings settings;

	WINDOW *head, *body, *status, *foot, *input;
	int lines, cols, head_lines;
	bool too_small, relayout, dirty_head, dirty_status, dirty_foot;
	bool search_coming;        /* a word search's prompt just opened */
	bool reading_ahead;        /* a view reads ahead: a key stops it */

	struct view *screens[SCREEN_COUNT];
	struct view *cur;          /* the view on show (maybe pushed) */
	enum main_screen screen;        /* the main screen below it */
	struct modal *modal;       /* the top modal, or NULL */

	char message[512];
	bool message_error;

	struct portfolio_filter filter;
	unsigned filter_gen;       /* bumped when the filter changes */
	unsigned data_gen;         /* bumped on every write */
	struct undo_log undo;
	struct live live;          /* the other sessions (live.h) */

	bool quit;
};

/* ---- Messages (the status line) ---------------------------------- */

/* Shows text on the status line at once, before a long task; the next
 * frame paints the line again. */
void ui_working(struct ui *ui, const char *text);

void ui_message(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The model's last error (m->err), with the field when it has one. */
void ui_model_error(struct ui *ui);

/* ---- Views ------------------------------------------------------- */

/* Shows main screen s (created on first use, remembered after). */
void ui_show_screen(struct ui *ui, enum main_screen s);
/* Pushes v over the current view; Esc/q pops back. */
void ui_push_view(struct ui *ui, struct view *v);
/* Pops the current pushed view; false on a main screen. */
bool ui_pop_view(struct ui *ui);
/* Marks every window for repainting (after a modal or resize). */
void ui_touch_all(struct ui *ui);

/* Called after every successful write: views reload when shown. */
void ui_data_changed(struct ui *ui);

/* Another session committed: views reload when shown, keeping their
 * selection, and the modals look at their records again. */
void ui_remote_changed(struct ui *ui);

/* ---- Modals ------------------------------------------------------ */

/* Pushes m (allocated by its module) on top; lays it out. */
void ui_modal_push(struct ui *ui, struct modal *m);
/* Takes m off the stack wherever it is and frees it. */
void ui_modal_close(struct ui *ui, struct modal *m);
/* (Re)creates m->win as a box of h x w cells, centred and clamped to
 * the screen (for layout()). */
void ui_modal_place(struct modal *m, int h, int w);

/* ---- Values as people read them ---------------------------------- */

/* Field of rec formatted for the screen: dates and money in the
 * locale's style, enum labels translated (with the status symbol),
 * references by their short label.  Newly allocated ("" for null);
 * NULL only when out of memory.  Not sanitised: draw_text does that. */
char *ui_value(struct ui *ui, const struct record *rec, int field);

/* A storage-form value (as in the change log) of field formatted as
 * ui_value would.  Newly allocated. */
char *ui_value_text(struct ui *ui, const struct field_def *f,
		    const char *stored);

/* An ISO 8601 UTC time as a clock reading in local time: "10.02"
 * (Finnish) or "10:02" on the day of ui->clock_day, else with the date
 * before it.  Returns buf. */
char *ui_when(struct ui *ui, const char *iso, char *buf, size_t size);

/* Whether the session may write; else reports why and returns false. */
bool ui_check_writable(struct ui *ui);

#endif
