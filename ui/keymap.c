/* SPDX-License-Identifier: EUPL-1.2 */
/* keymap.c — the action table, key names and the bindings. */
#include "config.h"

#include "keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/i18n.h"
#include "src/base/text.h"

static const struct action_info actions[ACT_COUNT] = {
	[ACT_NONE] = { "none", N_("nothing"), N_("Do nothing"), 0 },
#define ACTION_INFO(id, name, label, help, flags) \
	[ACT_##id] = { name, label, help, flags },
	ACTION_LIST(ACTION_INFO)
#undef ACTION_INFO
};

const struct action_info *
action_info(enum action a)
{
	return &actions[a < ACT_COUNT ? a : ACT_NONE];
}

enum action
action_by_name(const char *name)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		if (!strcmp(actions[a].name, name))
			return (enum action)a;
	return ACT_NONE;
}

const struct scope_info key_scopes[] = {
	{ "generic",       N_("Everywhere") },
	{ "projects",      N_("Projects") },
	{ "project",       N_("Project") },
	{ "organisations", N_("Organisations") },
	{ "organisation",  N_("Organisation") },
	{ "deadlines",     N_("Deadlines") },
	{ "timeline",      N_("Timeline") },
	{ "report",        N_("Report") },
	{ "help",          N_("Help") },
	{ "conflict",      N_("Conflict on save") },
};
const size_t key_scope_count = sizeof key_scopes / sizeof key_scopes[0];

const struct scope_info *
scope_by_name(const char *name)
{
	for (size_t i = 0; i < key_scope_count; i++)
		if (!strcmp(key_scopes[i].name, name))
			return &key_scopes[i];
	return NULL;
}

/* The defaults, in the notation of the config file (salkku(5)). */
const struct default_binding default_bindings[] = {
	{ "generic", "j",        ACT_MOVE_DOWN },
	{ "generic", "<Down>",   ACT_MOVE_DOWN },
	{ "generic", "k",        ACT_MOVE_UP },
	{ "generic", "<Up>",     ACT_MOVE_UP },
	{ "generic", "<PgDn>",   ACT_PAGE_DOWN },
	{ "generic", "<Space>",  ACT_PAGE_DOWN },
	{ "generic", "<PgUp>",   ACT_PAGE_UP },
	{ "generic", "C-d",      ACT_HALF_DOWN },
	{ "generic", "C-u",      ACT_HALF_UP },
	{ "generic", "g",        ACT_MOVE_FIRST },
	{ "generic", "<Home>",   ACT_MOVE_FIRST },
	{ "generic", "G",        ACT_MOVE_LAST },
	{ "generic", "<End>",    ACT_MOVE_LAST },
	{ "generic", "<Enter>",  ACT_OPEN },
	{ "generic", "<Esc>",    ACT_BACK },
	{ "generic", "q",        ACT_QUIT },
	{ "generic", "?",        ACT_HELP },
	{ "generic", "<F1>",     ACT_HELP },
	{ "generic", "C-l",      ACT_REDRAW },
	{ "generic", "1",        ACT_SCREEN_PROJECTS },
	{ "generic", "2",        ACT_SCREEN_ORGS },
	{ "generic", "3",        ACT_SCREEN_DEADLINES },
	{ "generic", "4",        ACT_SCREEN_TIMELINE },
	{ "generic", "5",        ACT_SCREEN_REPORT },
	{ "generic", "<Tab>",    ACT_SCREEN_NEXT },
	{ "generic", "<S-Tab>",  ACT_SCREEN_PREV },
	{ "generic", "/",        ACT_SEARCH },
	{ "generic", "n",        ACT_SEARCH_NEXT },
	{ "generic", "N",        ACT_SEARCH_PREV },
	{ "generic", "u",        ACT_UNDO },

	{ "projects", "a",       ACT_PROJECT_NEW },
	{ "projects", "e",       ACT_EDIT },
	{ "projects", "d",       ACT_DELETE },
	{ "projects", "<Del>",   ACT_DELETE },
	{ "projects", "t",       ACT_STATUS },
	{ "projects", "f",       ACT_FILTER },
	{ "projects", "F",       ACT_FILTER_CLEAR },
	{ "projects", "s",       ACT_SORT },
	{ "projects", "S",       ACT_SORT_REVERSE },
	{ "projects", "i",       ACT_IMPORT },

	{ "project", "<Tab>",    ACT_TAB_NEXT },
	{ "project", "<S-Tab>",  ACT_TAB_PREV },
	{ "project", "l",        ACT_TAB_NEXT },
	{ "project", "<Right>",  ACT_TAB_NEXT },
	{ "project", "h",        ACT_TAB_PREV },
	{ "project", "<Left>",   ACT_TAB_PREV },
	{ "project", "a",        ACT_ITEM_NEW },
	{ "project", "n",        ACT_NOTE_NEW },
	{ "project", "e",        ACT_EDIT },
	{ "project", "<Enter>",  ACT_EDIT },
	{ "project", "d",        ACT_DELETE },
	{ "project", "<Del>",    ACT_DELETE },
	{ "project", "t",        ACT_STATUS },
	{ "project", "x",        ACT_DONE },
	{ "project", "c",        ACT_DEADLINE_CANCEL },

	{ "organisations", "a",     ACT_ORG_NEW },
	{ "organisations", "e",     ACT_EDIT },
	{ "organisations", "d",     ACT_DELETE },
	{ "organisations", "<Del>", ACT_DELETE },

	{ "organisation", "e",   ACT_EDIT },
	{ "organisation", "d",   ACT_DELETE },

	{ "deadlines", "a",      ACT_DEADLINE_NEW },
	{ "deadlines", "e",      ACT_EDIT },
	{ "deadlines", "x",      ACT_DONE },
	{ "deadlines", "c",      ACT_DEADLINE_CANCEL },
	{ "deadlines", "d",      ACT_DELETE },
	{ "deadlines", "<Del>",  ACT_DELETE },
	{ "deadlines", "+",      ACT_RANGE_MORE },
	{ "deadlines", "-",      ACT_RANGE_LESS },

	{ "timeline", "h",       ACT_SCROLL_LEFT },
	{ "timeline", "<Left>",  ACT_SCROLL_LEFT },
	{ "timeline", "l",       ACT_SCROLL_RIGHT },
	{ "timeline", "<Right>", ACT_SCROLL_RIGHT },
	{ "timeline", "z",       ACT_ZOOM },
	{ "timeline", "+",       ACT_ZOOM_IN },
	{ "timeline", "-",       ACT_ZOOM_OUT },
	{ "timeline", "a",       ACT_SPAN },
	{ "timeline", ".",       ACT_TODAY },
	{ "timeline", "f",       ACT_FILTER },
	{ "timeline", "F",       ACT_FILTER_CLEAR },

	{ "report", "[",         ACT_YEAR_PREV },
	{ "report", "<Left>",    ACT_YEAR_PREV },
	{ "report", "h",         ACT_YEAR_PREV },
	{ "report", "]",         ACT_YEAR_NEXT },
	{ "report", "<Right>",   ACT_YEAR_NEXT },
	{ "report", "l",         ACT_YEAR_NEXT },

	/* m and t read as "mine" and "theirs" in English, m and h as
	 * "minun" and "heidän" in Finnish: all three work in both. */
	{ "conflict", "m",       ACT_KEEP_MINE },
	{ "conflict", "t",       ACT_TAKE_THEIRS },
	{ "conflict", "h",       ACT_TAKE_THEIRS },
	{ "conflict", "r",       ACT_RELOAD },
	{ "conflict", "<Enter>", ACT_RELOAD },
	{ NULL, NULL, ACT_NONE }
};

/* Named keys.  The first name of a key is its canonical one. */
static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Down",      KEY_FUNC + KEY_DOWN },
	{ "Up",        KEY_FUNC + KEY_UP },
	{ "Left",      KEY_FUNC + KEY_LEFT },
	{ "Right",     KEY_FUNC + KEY_RIGHT },
	{ "PgDn",      KEY_FUNC + KEY_NPAGE },
	{ "PageDown",  KEY_FUNC + KEY_NPAGE },
	{ "PgUp",      KEY_FUNC + KEY_PPAGE },
	{ "PageUp",    KEY_FUNC + KEY_PPAGE },
	{ "Home",      KEY_FUNC + KEY_HOME },
	{ "End",       KEY_FUNC + KEY_END },
	{ "Enter",     KEY_FUNC + KEY_ENTER },
	{ "Esc",       KEY_ESCAPE },
	{ "Tab",       '\t' },
	{ "S-Tab",     KEY_FUNC + KEY_BTAB },
	{ "Space",     ' ' },
	{ "Del",       KEY_FUNC + KEY_DC },
	{ "Backspace", KEY_FUNC + KEY_BACKSPACE },
	{ "Ins",       KEY_FUNC + KEY_IC },
	{ "lt",        '<' },
};

int
key_normalise(int status, unsigned wch)
{
	if (status == KEY_CODE_YES) {
		if (wch == KEY_ENTER)
			return KEY_FUNC + KEY_ENTER;
		return KEY_FUNC + (int)wch;
	}
	switch (wch) {
	case '\r':
	case '\n':
		return KEY_FUNC + KEY_ENTER;
	case 0x7f:
	case 0x08:
		return KEY_FUNC + KEY_BACKSPACE;
	}
	return (int)wch;
}

int
key_parse(const char *s, int *key)
{
	size_t n = strlen(s);
	char inner[32];
	unsigned cp;
	int len;

	if (n >= 3 && s[0] == '<' && s[n - 1] == '>') {
		if (n - 2 >= sizeof inner)
			return -1;
		memcpy(inner, s + 1, n - 2);
		inner[n - 2] = '\0';
		if (!strncmp(inner, "C-", 2))
			return key_parse(inner, key);
		for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
			if (!strcasecmp(key_names[i].name, inner)) {
				*key = key_names[i].key;
				return 0;
			}
		if ((inner[0] == 'F' || inner[0] == 'f') && inner[1]) {
			char *end;
			long f = strtol(inner + 1, &end, 10);

			if (!*end && f >= 1 && f <= 12) {
				*key = KEY_FUNC + KEY_F(f);
				return 0;
			}
		}
		return -1;
	}
	if (n == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-') {
		char c = s[2];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    strchr("@[\\]^_", c)) {
			*key = KEY_CTRL(c);
			if (*key == '\t' || *key == '\r' || *key == '\n')
				return -1;  /* they are <Tab> and <Enter> */
			return 0;
		}
		return -1;
	}
	/* One character, UTF-8 whatever the locale, that shows as itself:
	 * no C0 or C1 control, so that its label is safe to print. */
	len = utf8_decode(s, n, &cp);
	if (len < 0 || (size_t)len != n || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return -1;
	*key = (int)cp;
	return 0;
}

char *
key_label(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			if (key == '<')
				snprintf(buf, size, "<lt>");
			else
				snprintf(buf, size, "<%s>", key_names[i].name);
			return buf;
		}
	if (KEY_IS_FUNC(key)) {
		int code = key - KEY_FUNC;

		if (code >= KEY_F(1) && code <= KEY_F(12))
			snprintf(buf, size, "<F%d>", code - KEY_F0);
		else
			snprintf(buf, size, "<%d>", code);
	} else if (key < 0x20) {
		/* C-a … C-z; C-@ C-[ C-\ C-] C-^ C-_ as key_parse reads them. */
		snprintf(buf, size, "C-%c", key >= 1 && key <= 26 ? key + 'a' - 1
								   : key + '@');
	} else if (key < 0x80) {
		snprintf(buf, size, "%c", key);
	} else {
		/* UTF-8 by hand: the name must not depend on LC_CTYPE. */
		unsigned c = (unsigned)key;
		char u[5] = "";

		if (c < 0x800) {
			u[0] = (char)(0xc0 | c >> 6);
			u[1] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			u[0] = (char)(0xe0 | c >> 12);
			u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
			u[2] = (char)(0x80 | (c & 0x3f));
		} else {
			u[0] = (char)(0xf0 | c >> 18);
			u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
			u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
			u[3] = (char)(0x80 | (c & 0x3f));
		}
		snprintf(buf, size, "%s", u);
	}
	return buf;
}

char *
key_display(int key, char *buf, size_t size)
{
	static const struct {
		int key;
		const char *name;
	} shown[] = {
		{ KEY_FUNC + KEY_DOWN,  "↓" },
		{ KEY_FUNC + KEY_UP,    "↑" },
		{ KEY_FUNC + KEY_LEFT,  "←" },
		{ KEY_FUNC + KEY_RIGHT, "→" },
		{ ' ',                  N_("Space") },
		{ '<',                  "<" },
	};

	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		if (shown[i].key == key) {
			snprintf(buf, size, "%s", key == ' ' ? _(shown[i].name)
							     : shown[i].name);
			return buf;
		}
	if (key >= 0 && key < 0x20 && key != '\t' && key != '\r' &&
	    key != '\n' && key != KEY_ESCAPE) {
		snprintf(buf, size, "Ctrl-%c", key + '@');
		return buf;
	}
	key_label(key, buf, size);
	if (buf[0] == '<' && buf[1]) {  /* "<PgDn>" reads as "PgDn" */
		size_t n = strlen(buf);

		memmove(buf, buf + 1, n - 2);
		buf[n - 2] = '\0';
	}
	return buf;
}

int
keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof *km);
	for (const struct default_binding *d = default_bindings; d->scope; d++) {
		int key;

		/* The table is ours: a bad entry is a programming error that
		 * tests/tui/keys-doc.sh catches through gen-keys. */
		if (key_parse(d->key, &key) < 0)
			continue;
		if (keymap_bind(km, d->scope, key, d->action) < 0)
			return -1;
	}
	return 0;
}

void
keymap_free(struct keymap *km)
{
	free(km->items);
	memset(km, 0, sizeof *km);
}

int
keymap_bind(struct keymap *km, const char *scope, int key, enum action action)
{
	const struct scope_info *si = scope_by_name(scope);

	if (!si)
		return -1;
	for (size_t i = 0; i < km->count; i++) {
		struct binding *b = &km->items[i];

		if (b->key == key && !strcmp(b->scope, si->name)) {
			if (action == ACT_NONE) {
				memmove(b, b + 1, (km->count - i - 1) * sizeof *b);
				km->count--;
			} else {
				b->action = action;
			}
			return 0;
		}
	}
	if (action == ACT_NONE)
		return 0;
	if (km->count == km->capacity) {
		size_t cap = km->capacity ? km->capacity * 2 : 64;
		struct binding *items = realloc(km->items, cap * sizeof *items);

		if (!items)
			return -1;
		km->items = items;
		km->capacity = cap;
	}
	km->items[km->count++] = (struct binding){ si->name, key, action };
	return 0;
}

static const struct binding *
find(const struct keymap *km, const char *scope, int key)
{
	for (size_t i = 0; i < km->count; i++)
		if (km->items[i].key == key && !strcmp(km->items[i].scope, scope))
			return &km->items[i];
	return NULL;
}

enum action
keymap_lookup(const struct keymap *km, const char *scope, int key)
{
	const struct binding *b = find(km, scope, key);

	if (!b)
		b = find(km, "generic", key);
	return b ? b->action : ACT_NONE;
}

/* The keys bound to action in scope, each named by name(), joined. */
static size_t
keys_join(const struct keymap *km, const char *scope, enum action action,
	  const char *shadow, char *(*name_of)(int, char *, size_t),
	  char *buf, size_t size)
{
	size_t n = 0, used = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < km->count; i++) {
		const struct binding *b = &km->items[i];
		char name[32];

		if (b->action != action || strcmp(b->scope, scope))
			continue;
		if (shadow && find(km, shadow, b->key))
			continue;
		name_of(b->key, name, sizeof name);
		if (used < size) {
			int w = snprintf(buf + used, size - used, "%s%s",
					 n ? ", " : "", name);
			used += w > 0 ? (size_t)w : 0;
		}
		n++;
	}
	return n;
}

size_t
keymap_keys(const struct keymap *km, const char *scope, enum action action,
	    const char *shadow, char *buf, size_t size)
{
	return keys_join(km, scope, action, shadow, key_label, buf, size);
}

size_t
keymap_keys_shown(const struct keymap *km, const char *scope,
		  enum action action, const char *shadow, char *buf,
		  size_t size)
{
	return keys_join(km, scope, action, shadow, key_display, buf, size);
}

int
keymap_first_key(const struct keymap *km, const char *scope,
		 enum action action)
{
	for (size_t i = 0; i < km->count; i++)
		if (km->items[i].action == action &&
		    !strcmp(km->items[i].scope, scope))
			return km->items[i].key;
	for (size_t i = 0; i < km->count; i++)
		if (km->items[i].action == action &&
		    !strcmp(km->items[i].scope, "generic") &&
		    !find(km, scope, km->items[i].key))
			return km->items[i].key;
	return 0;
}
