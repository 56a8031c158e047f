/* SPDX-License-Identifier: EUPL-1.2 */
/* config.c — reads the config file (salkku(5)). */
#include "config.h"

#include "conf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/i18n.h"
#include "src/core/locate.h"
#include "app.h"
#include "keymap.h"
#include "theme.h"

#define MAX_WORDS 8

struct reader {
	struct ui *ui;
	const char *path;
	int line, problems;
	char *first;
	size_t size;
};

static void
problem(struct reader *r, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (r->problems++ || !r->size)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (r->line)
		snprintf(r->first, r->size, "%s:%d: %s", r->path, r->line, msg);
	else
		snprintf(r->first, r->size, "%s: %s", r->path, msg);
}

static int
parse_switch(const char *s, bool *out)
{
	if (!strcasecmp(s, "on") || !strcasecmp(s, "yes") || !strcasecmp(s, "true")) {
		*out = true;
		return 0;
	}
	if (!strcasecmp(s, "off") || !strcasecmp(s, "no") || !strcasecmp(s, "false")) {
		*out = false;
		return 0;
	}
	return -1;
}

static void
do_set(struct reader *r, char **w, int n)
{
	struct settings *st = &r->ui->settings;
	static const char *const screens[SCREEN_COUNT] = {
		[SCREEN_PROJECTS] = "projects", [SCREEN_ORGS] = "organisations",
		[SCREEN_DEADLINES] = "deadlines", [SCREEN_TIMELINE] = "timeline",
		[SCREEN_REPORT] = "report",
	};
	bool b;

	if (n >= 3 && !strcmp(w[1], "database"))
		return;
	if (n != 3) {
		problem(r, _("“set” takes a name and a value"));
		return;
	}
	if (!strcmp(w[1], "start-screen")) {
		for (int s = 0; s < SCREEN_COUNT; s++)
			if (!strcmp(w[2], screens[s])) {
				st->start = (enum main_screen)s;
				return;
			}
		problem(r, _("unknown screen “%s” (projects, organisations, deadlines, timeline, report)"), w[2]);
	} else if (!strcmp(w[1], "mouse")) {
		if (parse_switch(w[2], &b) < 0)
			problem(r, _("“%s” is not on or off"), w[2]);
		else
			st->mouse = b;
	} else if (!strcmp(w[1], "colors") || !strcmp(w[1], "colours")) {
		if (parse_switch(w[2], &b) < 0)
			problem(r, _("“%s” is not on or off"), w[2]);
		else if (!b)
			r->ui->theme.color = false;
		/* "on" does not override NO_COLOR. */
	} else if (!strcmp(w[1], "database")) {
		/* Read by the command line before the database is opened
		 * (src/core/locate.c). */
	} else if (!strcmp(w[1], "deadline-days")) {
		char *end;
		long days = strtol(w[2], &end, 10);

		if (*end || days < 1 || days > 3650)
			problem(r, _("deadline-days must be a number from 1 to 3650"));
		else
			st->deadline_days = (int)days;
	} else {
		problem(r, _("unknown setting “%s”"), w[1]);
	}
}

static void
do_bind(struct reader *r, char **w, int n, bool unbind)
{
	enum action a = ACT_NONE;
	int key;

	if (n != (unbind ? 3 : 4)) {
		problem(r, unbind ? _("“unbind” takes a screen and a key")
				  : _("“bind” takes a screen, a key and an action"));
		return;
	}
	if (!scope_by_name(w[1])) {
		problem(r, _("unknown screen “%s”"), w[1]);
		return;
	}
	if (key_parse(w[2], &key) < 0) {
		problem(r, _("unknown key “%s” (write e.g. j, C-d, <Down>, <PgDn>, <F1>)"), w[2]);
		return;
	}
	if (!unbind && strcmp(w[3], "none") &&
	    (a = action_by_name(w[3])) == ACT_NONE) {
		problem(r, _("unknown action “%s”"), w[3]);
		return;
	}
	if (keymap_bind(&r->ui->keymap, w[1], key, a) < 0)
		problem(r, "%s", _("out of memory"));
}

static void
do_color(struct reader *r, char **w, int n)
{
	int elem = n > 1 ? theme_by_name(w[1]) : -1;
	struct theme_spec spec;
	int colours = 0;
	bool attrs = false;

	if (n < 3) {
		problem(r, _("“color” takes an element, colours and attributes"));
		return;
	}
	if (elem < 0) {
		problem(r, _("unknown element “%s”"), w[1]);
		return;
	}
	spec = r->ui->theme.spec[elem];
	for (int i = 2; i < n; i++) {
		short c;
		attr_t a;

		if (colours < 2 && theme_parse_color(w[i], &c) == 0) {
			if (colours++ == 0)
				spec.fg = c;
			else
				spec.bg = c;
		} else if (theme_parse_attr(w[i], &a) == 0) {
			if (!attrs)
				spec.attr = 0;
			attrs = true;
			spec.attr |= a;
		} else {
			problem(r, _("“%s” is neither a colour nor an attribute"), w[i]);
			return;
		}
	}
	r->ui->theme.spec[elem] = spec;
}

static void
do_line(struct reader *r, char *line)
{
	char *w[MAX_WORDS], *save = NULL, *tok;
	int n = 0;

	for (tok = strtok_r(line, " \t\r\n", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		/* A comment may have any number of words. */
		if (n == 0 && tok[0] == '#')
			return;
		if (n == MAX_WORDS) {
			problem(r, "%s", _("too many words"));
			return;
		}
		w[n++] = tok;
	}
	if (!n || w[0][0] == '#')
		return;
	if (n >= 2 && !strcmp(w[1], "=")) {
		/* "name = value" is "set name value". */
		static char set[] = "set";

		w[1] = w[0];
		w[0] = set;
		do_set(r, w, n);
	} else if (!strcmp(w[0], "set"))
		do_set(r, w, n);
	else if (!strcmp(w[0], "bind"))
		do_bind(r, w, n, false);
	else if (!strcmp(w[0], "unbind"))
		do_bind(r, w, n, true);
	else if (!strcmp(w[0], "color") || !strcmp(w[0], "colour"))
		do_color(r, w, n);
	else
		problem(r, _("unknown command “%s” (set, bind, unbind, color)"), w[0]);
}

int
config_load(struct ui *ui, const char *path, char *first, size_t size)
{
	struct reader r = { .ui = ui, .first = first, .size = size };
	char *def = NULL, *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	if (size)
		first[0] = '\0';
	if (!path && !(path = def = config_user_path()))
		return 0;
	r.path = path;
	f = fopen(path, "r");
	if (!f) {
		/* A missing default file is normal; a named one is not. */
		if (!def || errno != ENOENT)
			problem(&r, _("cannot read: %s"), strerror(errno));
		free(def);
		return r.problems;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		r.line++;
		/* A NUL would cut the line short without a word. */
		if (strlen(line) != (size_t)n)
			problem(&r, "%s", _("the line holds a NUL byte"));
		else
			do_line(&r, line);
	}
	free(line);
	fclose(f);
	free(def);
	return r.problems;
}
