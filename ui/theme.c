/* SPDX-License-Identifier: EUPL-1.2 */
/* theme.c — colour pairs and attributes. */
#include "config.h"

#include "theme.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	struct theme_spec spec;
} defaults[TH_COUNT] = {
#define THEME_DEFAULT(id, name, fg, attr) [TH_##id] = { name, { fg, -1, attr } },
	THEME_LIST(THEME_DEFAULT)
#undef THEME_DEFAULT
};

void
theme_init(struct theme *t)
{
	const char *no_color = getenv("NO_COLOR");

	memset(t, 0, sizeof *t);
	for (int i = 0; i < TH_COUNT; i++)
		t->spec[i] = defaults[i].spec;
	/* https://no-color.org: set and not empty means no colour. */
	t->color = !(no_color && *no_color);
}

void
theme_apply(struct theme *t)
{
	t->active = false;
	if (t->color && has_colors() && start_color() == OK) {
		t->active = true;
		use_default_colors();
	}
	for (int i = 0; i < TH_COUNT; i++) {
		const struct theme_spec *s = &t->spec[i];

		t->attr[i] = s->attr;
		if (t->active && (s->fg >= 0 || s->bg >= 0) &&
		    s->fg < COLORS && s->bg < COLORS && i + 1 < COLOR_PAIRS) {
			init_pair((short)(i + 1), s->fg, s->bg);
			t->attr[i] |= COLOR_PAIR(i + 1);
		}
	}
}

const char *
theme_name(enum theme_elem e)
{
	return defaults[e < TH_COUNT ? e : TH_NORMAL].name;
}

int
theme_by_name(const char *name)
{
	for (int i = 0; i < TH_COUNT; i++)
		if (!strcasecmp(defaults[i].name, name))
			return i;
	return -1;
}

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

int
theme_parse_color(const char *name, short *color)
{
	char *end;
	long n;

	if (!strcasecmp(name, "default")) {
		*color = -1;
		return 0;
	}
	for (size_t i = 0; i < sizeof color_names / sizeof color_names[0]; i++)
		if (!strcasecmp(color_names[i], name)) {
			*color = (short)i;
			return 0;
		}
	n = strtol(name, &end, 10);
	if (*name && !*end && n >= 0 && n <= 255) {
		*color = (short)n;
		return 0;
	}
	return -1;
}

int
theme_parse_attr(const char *name, attr_t *attr)
{
	static const struct {
		const char *name;
		attr_t attr;
	} attrs[] = {
		{ "normal", A_NORMAL }, { "bold", A_BOLD },
		{ "underline", A_UNDERLINE }, { "reverse", A_REVERSE },
		{ "dim", A_DIM }, { "standout", A_STANDOUT },
	};

	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (!strcasecmp(attrs[i].name, name)) {
			*attr = attrs[i].attr;
			return 0;
		}
	return -1;
}

enum theme_elem
theme_status(const char *status)
{
	static const struct {
		const char *key;
		enum theme_elem elem;
	} map[] = {
		{ "idea", TH_S_IDEA }, { "preparing", TH_S_PREPARING },
		{ "applied", TH_S_APPLIED }, { "granted", TH_S_GRANTED },
		{ "rejected", TH_S_REJECTED }, { "active", TH_S_ACTIVE },
		{ "reporting", TH_S_REPORTING }, { "closed", TH_S_CLOSED },
		{ "cancelled", TH_S_CANCELLED }, { "withdrawn", TH_S_WITHDRAWN },
	};

	for (size_t i = 0; status && i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i].key, status))
			return map[i].elem;
	return TH_NORMAL;
}
