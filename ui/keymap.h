/* SPDX-License-Identifier: EUPL-1.2 */
/* keymap.h — actions as data, and the keys bound to them.
 *
 * Every action is one line of ACTION_LIST: its id, the name a config
 * file uses ("project-new"), a short label for the footer, a help text
 * and preconditions.  The list generates the enum, the help screen, the
 * footers and the key table of the man page (ui/gen-keys).  Default
 * bindings are a second table written in the notation of the config
 * file ("j", "<Down>", "C-d", "<PgDn>").  A key means an action in a
 * scope: the name of a screen ("projects"), else "generic".
 *
 * Nothing here draws; the only curses in this module are the KEY_*
 * codes. */
#ifndef SALKKU_UI_KEYMAP_H
#define SALKKU_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

/* Preconditions the dispatcher checks before a handler runs. */
enum action_flags {
	NEEDS_SELECTION = 1 << 0,  /* a row must be selected */
	NEEDS_WRITABLE  = 1 << 1,  /* refused in a read-only session */
};

/* X(ID, config name, footer label, help text, flags) */
#define ACTION_LIST(X) \
	X(MOVE_DOWN,        "move-down",            N_("down"),      N_("Move the selection down"), 0) \
	X(MOVE_UP,          "move-up",              N_("up"),        N_("Move the selection up"), 0) \
	X(PAGE_DOWN,        "page-down",            N_("page"),      N_("Move one page down"), 0) \
	X(PAGE_UP,          "page-up",              N_("page"),      N_("Move one page up"), 0) \
	X(HALF_DOWN,        "half-page-down",       N_("half page"), N_("Move half a page down"), 0) \
	X(HALF_UP,          "half-page-up",         N_("half page"), N_("Move half a page up"), 0) \
	X(MOVE_FIRST,       "move-first",           N_("first"),     N_("Go to the first row"), 0) \
	X(MOVE_LAST,        "move-last",            N_("last"),      N_("Go to the last row"), 0) \
	X(SCROLL_LEFT,      "scroll-left",          N_("earlier"),   N_("Scroll back in time"), 0) \
	X(SCROLL_RIGHT,     "scroll-right",         N_("later"),     N_("Scroll forward in time"), 0) \
	X(OPEN,             "open",                 N_("open"),      N_("Open the selected item"), NEEDS_SELECTION) \
	X(BACK,             "back",                 N_("back"),      N_("Go back to the previous screen"), 0) \
	X(QUIT,             "quit",                 N_("quit"),      N_("Close this screen; on a main screen, quit"), 0) \
	X(HELP,             "help",                 N_("help"),      N_("Show the keys of this screen"), 0) \
	X(REDRAW,           "redraw",               N_("redraw"),    N_("Redraw the whole screen"), 0) \
	X(SCREEN_PROJECTS,  "screen-projects",      N_("projects"),  N_("Show the projects"), 0) \
	X(SCREEN_ORGS,      "screen-organisations", N_("organisations"), N_("Show the organisations"), 0) \
	X(SCREEN_DEADLINES, "screen-deadlines",     N_("deadlines"), N_("Show the coming deadlines"), 0) \
	X(SCREEN_TIMELINE,  "screen-timeline",      N_("timeline"),  N_("Show the projects on a timeline"), 0) \
	X(SCREEN_REPORT,    "screen-report",        N_("report"),    N_("Show the year in numbers"), 0) \
	X(SCREEN_NEXT,      "screen-next",          N_("screen"),    N_("Go to the next main screen"), 0) \
	X(SCREEN_PREV,      "screen-prev",          N_("screen"),    N_("Go to the previous main screen"), 0) \
	X(TAB_NEXT,         "tab-next",             N_("tab"),       N_("Show the next tab"), 0) \
	X(TAB_PREV,         "tab-prev",             N_("tab"),       N_("Show the previous tab"), 0) \
	X(SEARCH,           "search",               N_("search"),    N_("Search as you type"), 0) \
	X(SEARCH_NEXT,      "search-next",          N_("next"),      N_("Go to the next match"), 0) \
	X(SEARCH_PREV,      "search-prev",          N_("previous"),  N_("Go to the previous match"), 0) \
	X(FILTER,           "filter",               N_("filter"),    N_("Filter by status, funder, partner, theme or year"), 0) \
	X(FILTER_CLEAR,     "filter-clear",         N_("clear"),     N_("Clear the filter and the search"), 0) \
	X(SORT,             "sort",                 N_("sort"),      N_("Sort by a column"), 0) \
	X(SORT_REVERSE,     "sort-reverse",         N_("reverse"),   N_("Reverse the sort order"), 0) \
	X(PROJECT_NEW,      "project-new",          N_("add"),       N_("Add a project"), NEEDS_WRITABLE) \
	X(ORG_NEW,          "organisation-new",     N_("add"),       N_("Add an organisation"), NEEDS_WRITABLE) \
	X(ITEM_NEW,         "item-new",             N_("add"),       N_("Add a record to this tab"), NEEDS_WRITABLE) \
	X(NOTE_NEW,         "note-new",             N_("note"),      N_("Add a note to the project"), NEEDS_WRITABLE) \
	X(EDIT,             "edit",                 N_("edit"),      N_("Edit the selected record"), NEEDS_SELECTION | NEEDS_WRITABLE) \
	X(DELETE,           "delete",               N_("delete"),    N_("Delete the selected record"), NEEDS_SELECTION | NEEDS_WRITABLE) \
	X(STATUS,           "status-change",        N_("status"),    N_("Change the project's status"), NEEDS_SELECTION | NEEDS_WRITABLE) \
	X(DONE,             "deadline-done",        N_("done"),      N_("Mark the deadline done on a day you choose, or open it again"), NEEDS_SELECTION | NEEDS_WRITABLE) \
	X(DEADLINE_NEW,     "deadline-new",         N_("add"),       N_("Add a deadline to the project of the selected one"), NEEDS_SELECTION | NEEDS_WRITABLE) \
	X(DEADLINE_CANCEL,  "deadline-cancel",      N_("cancel"),    N_("Cancel the deadline, saying why, or open it again"), NEEDS_SELECTION | NEEDS_WRITABLE) \
	X(IMPORT,           "import",               N_("import"),    N_("Import a JSON file of another centre, a side chosen per conflict"), NEEDS_WRITABLE) \
	X(UNDO,             "undo",                 N_("undo"),      N_("Undo your last change of this session"), NEEDS_WRITABLE) \
	X(ZOOM,             "timeline-zoom",        N_("zoom"),      N_("Show months, quarters or years, in turn"), 0) \
	X(ZOOM_IN,          "timeline-zoom-in",     N_("zoom in"),   N_("Show shorter periods: years, quarters, months"), 0) \
	X(ZOOM_OUT,         "timeline-zoom-out",    N_("zoom out"),  N_("Show longer periods: months, quarters, years"), 0) \
	X(SPAN,             "timeline-span",        N_("all years"), N_("Show the years the portfolio covers"), 0) \
	X(TODAY,            "timeline-today",       N_("today"),     N_("Scroll the timeline to today"), 0) \
	X(YEAR_PREV,        "report-year-previous", N_("previous year"), N_("Show the previous year"), 0) \
	X(YEAR_NEXT,        "report-year-next",     N_("next year"), N_("Show the next year"), 0) \
	X(RANGE_MORE,       "range-longer",         N_("longer"),    N_("Look 30 days further ahead"), 0) \
	X(RANGE_LESS,       "range-shorter",        N_("shorter"),   N_("Look 30 days less ahead"), 0) \
	X(KEEP_MINE,        "conflict-mine",        N_("keep mine"), N_("Write your values over theirs, keeping their other changes"), NEEDS_WRITABLE) \
	X(TAKE_THEIRS,      "conflict-theirs",      N_("take theirs"), N_("Drop your edits and keep the record as they saved it"), 0) \
	X(RELOAD,           "conflict-reload",      N_("reload"),    N_("Read the record again and go back to the question"), 0)

enum action {
	ACT_NONE,
#define ACTION_ENUM(id, name, label, help, flags) ACT_##id,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

struct action_info {
	const char *name;   /* config name */
	const char *label;  /* N_(): footer label */
	const char *help;   /* N_(): help screen and man page */
	unsigned flags;     /* enum action_flags */
};

/* The info of a (valid) action. */
const struct action_info *action_info(enum action a);

/* The action with this config name, or ACT_NONE. */
enum action action_by_name(const char *name);

/* Keys: a character is its code point; a curses function key (KEY_DOWN)
 * is KEY_FUNC + its code.  Enter, Backspace and the Ctrl letters come in
 * one form whatever the terminal sends (see key_normalise). */
#define KEY_FUNC 0x200000
#define KEY_IS_FUNC(k) ((k) >= KEY_FUNC)
#define KEY_CTRL(c) ((c) & 0x1f)
#define KEY_ESCAPE 27

/* The key for what wget_wch() returned (OK or KEY_CODE_YES, and the
 * character): '\r' and '\n' become Enter, DEL and ^H Backspace. */
int key_normalise(int status, unsigned wch);

/* Parses a key in the config notation: "j", "?", "C-d" or "<C-d>",
 * "<Down>", "<PgDn>", "<Enter>", "<Esc>", "<Tab>", "<S-Tab>", "<Space>",
 * "<F1>"…"<F12>".  Returns 0, or -1 when s names no key. */
int key_parse(const char *s, int *key);

/* Writes the canonical name of key ("<Down>", "C-d", "j") into buf. */
char *key_label(int key, char *buf, size_t size);

/* Writes the name of key as the screens show it into buf: the keycap's
 * "PgDn", "Enter", "Ctrl-D", an arrow for the arrow keys and the space
 * bar's name in the language of the interface ("Välilyönti"). */
char *key_display(int key, char *buf, size_t size);

/* Scopes: "generic" applies on every screen unless the screen's own
 * scope binds the same key. */
struct scope_info {
	const char *name;   /* "projects" */
	const char *title;  /* N_("Projects") */
};
extern const struct scope_info key_scopes[];
extern const size_t key_scope_count;
const struct scope_info *scope_by_name(const char *name);

struct binding {
	const char *scope;  /* one of key_scopes[].name (static) */
	int key;
	enum action action;
};

struct keymap {
	struct binding *items;
	size_t count, capacity;
};

/* The default bindings, as written in the source: scope, key notation,
 * action.  Terminated by a NULL scope.  gen-keys prints them. */
struct default_binding {
	const char *scope;
	const char *key;
	enum action action;
};
extern const struct default_binding default_bindings[];

/* Fills km with the default bindings.  0, or -1 when out of memory. */
int keymap_init(struct keymap *km);
void keymap_free(struct keymap *km);

/* Binds key to action in scope, replacing what the key did there;
 * ACT_NONE unbinds it.  scope must be a known scope name.  0 or -1. */
int keymap_bind(struct keymap *km, const char *scope, int key,
		enum action action);

/* The action of key on a screen of this scope, falling back to generic. */
enum action keymap_lookup(const struct keymap *km, const char *scope, int key);

/* Writes the keys bound to action in scope, comma-separated, into buf
 * and returns how many there are.  Keys that scope `shadow` (if not
 * NULL) binds itself are left out: the generic keys of a screen. */
size_t keymap_keys(const struct keymap *km, const char *scope,
		   enum action action, const char *shadow, char *buf,
		   size_t size);

/* keymap_keys with the keys named as the screens show them
 * (key_display): the help screen. */
size_t keymap_keys_shown(const struct keymap *km, const char *scope,
			 enum action action, const char *shadow, char *buf,
			 size_t size);

/* The first key that triggers action on a screen of scope (its own
 * binding, else a generic one it does not shadow), or 0 when none. */
int keymap_first_key(const struct keymap *km, const char *scope,
		     enum action action);

#endif
