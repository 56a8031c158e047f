/* SPDX-License-Identifier: EUPL-1.2 */
/* theme.h — what each part of the screen looks like.
 *
 * Colours are the eight basic ones over the terminal's own background
 * (use_default_colors), chosen to read on dark and light terminals;
 * every element also has attributes (bold, reverse, underline) that
 * carry it alone on a monochrome terminal or when NO_COLOR is set.
 * Nothing is said by colour only: statuses also have symbols. */
#ifndef SALKKU_UI_THEME_H
#define SALKKU_UI_THEME_H

#include <curses.h>
#include <stdbool.h>

/* X(ID, config name, foreground, attributes) */
#define THEME_LIST(X) \
	X(NORMAL,     "normal",        -1,            0) \
	X(TITLE,      "title",         -1,            A_BOLD) \
	X(HEADING,    "heading",       -1,            A_BOLD) \
	X(SELECTED,   "selected",      -1,            A_REVERSE) \
	X(FOOTER,     "footer",        -1,            0) \
	X(FOOTER_KEY, "footer.key",    -1,            A_BOLD) \
	X(MESSAGE,    "message",       COLOR_GREEN,   0) \
	X(ERROR,      "error",         COLOR_RED,     A_BOLD) \
	X(READONLY,   "readonly",      COLOR_RED,     A_BOLD | A_REVERSE) \
	X(FILTER,     "filter",        COLOR_CYAN,    A_BOLD) \
	X(OVERDUE,    "overdue",       COLOR_RED,     A_BOLD) \
	X(TODAY,      "today",         COLOR_MAGENTA, A_BOLD) \
	X(TAB,        "tab",           -1,            0) \
	X(TAB_ACTIVE, "tab.active",    -1,            A_BOLD | A_REVERSE) \
	X(DIALOG,     "dialog",        -1,            0) \
	X(BORDER,     "border",        -1,            0) \
	X(LABEL,      "label",         -1,            A_BOLD) \
	X(INPUT,      "input",         -1,            A_UNDERLINE) \
	X(FOCUS,      "input.focus",   -1,            A_UNDERLINE | A_BOLD) \
	X(DIM,        "dim",           -1,            A_DIM) \
	X(GROUP,      "group",         -1,            A_BOLD | A_UNDERLINE) \
	X(NOTICE,     "notice",        COLOR_CYAN,    A_BOLD) \
	X(S_IDEA,     "status.idea",      -1,            0) \
	X(S_PREPARING,"status.preparing", -1,            0) \
	X(S_APPLIED,  "status.applied",   COLOR_CYAN,    0) \
	X(S_GRANTED,  "status.granted",   COLOR_GREEN,   0) \
	X(S_REJECTED, "status.rejected",  COLOR_RED,     0) \
	X(S_ACTIVE,   "status.active",    COLOR_GREEN,   0) \
	X(S_REPORTING,"status.reporting", COLOR_MAGENTA, 0) \
	X(S_CLOSED,   "status.closed",    -1,            A_DIM) \
	X(S_CANCELLED,"status.cancelled", COLOR_RED,     0) \
	X(S_WITHDRAWN,"status.withdrawn", COLOR_RED,     0)

enum theme_elem {
#define THEME_ENUM(id, name, fg, attr) TH_##id,
	THEME_LIST(THEME_ENUM)
#undef THEME_ENUM
	TH_COUNT
};

struct theme_spec {
	short fg, bg;   /* -1: the terminal's default */
	attr_t attr;
};

struct theme {
	struct theme_spec spec[TH_COUNT];
	bool color;            /* colours wanted (config, NO_COLOR) */
	bool active;           /* colours in use (wanted and supported) */
	attr_t attr[TH_COUNT]; /* computed by theme_apply */
};

/* The defaults; colours off when NO_COLOR is set and not empty. */
void theme_init(struct theme *t);

/* After initscr(): starts colours if wanted and supported and computes
 * the attributes. */
void theme_apply(struct theme *t);

/* The config name of an element ("status.active"). */
const char *theme_name(enum theme_elem e);

/* The element called name ("status.active"), or -1. */
int theme_by_name(const char *name);

/* A colour name ("red", "default", "0"…"255") into *color; 0 or -1. */
int theme_parse_color(const char *name, short *color);

/* An attribute name ("bold", "underline", "reverse", "dim", "normal")
 * into *attr; 0 or -1. */
int theme_parse_attr(const char *name, attr_t *attr);

static inline attr_t
theme_attr(const struct theme *t, enum theme_elem e)
{
	return t->attr[e];
}

/* The element of a status key; TH_NORMAL for an unknown one. */
enum theme_elem theme_status(const char *status);

#endif
