/* SPDX-License-Identifier: EUPL-1.2 */
/* locate.c — which database a session opens, and where that was said. */
#include "config.h"

#include "locate.h"

#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/base/i18n.h"

static const char *
home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home && *home)
		return home;
	pw = getpwuid(getuid());
	return pw ? pw->pw_dir : NULL;
}

char *
config_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home;
	char *path = NULL;

	if (xdg && xdg[0] == '/') {
		if (asprintf(&path, "%s/salkku/config", xdg) < 0)
			path = NULL;
	} else if ((home = home_dir())) {
		if (asprintf(&path, "%s/.config/salkku/config", home) < 0)
			path = NULL;
	}
	return path;
}

const char *
config_system_path(void)
{
	const char *env = getenv("SALKKU_SYSTEM_CONFIG");

	return env && *env ? env : SYSCONFDIR "/salkku/config";
}

/* The private default: $XDG_DATA_HOME/salkku/salkku.db, else
 * ~/.local/share/salkku/salkku.db. */
static char *
default_path(void)
{
	const char *base = getenv("XDG_DATA_HOME");
	const char *suffix = "salkku/salkku.db";
	char *path;

	if (base && *base == '/') {
		if (asprintf(&path, "%s/%s", base, suffix) < 0)
			return NULL;
		return path;
	}
	if (!(base = home_dir()))
		base = "/";
	if (asprintf(&path, "%s/.local/share/%s", base, suffix) < 0)
		return NULL;
	return path;
}

static char *
skip_space(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* After the word at s (a whole word): the rest, or NULL. */
static char *
after_word(char *s, const char *word)
{
	size_t len = strlen(word);

	if (strncmp(s, word, len) || (s[len] && !isspace((unsigned char)s[len]) &&
				       s[len] != '='))
		return NULL;
	return s + len;
}

/* The value of a "database" line, trimmed, or NULL when the line says
 * something else. */
static char *
database_value(char *line)
{
	char *s = skip_space(line), *rest, *end;

	if ((rest = after_word(s, "set")))
		s = skip_space(rest);
	else if (!after_word(s, "database"))
		return NULL;
	if (!(rest = after_word(s, "database")))
		return NULL;
	s = skip_space(rest);
	if (*s == '=')
		s = skip_space(s + 1);
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	if (end - s >= 2 && *s == '"' && end[-1] == '"') {
		end[-1] = '\0';
		s++;
	}
	return s;
}

static char *
expand_home(const char *value)
{
	const char *home;
	char *path;

	if (strncmp(value, "~/", 2) || !(home = home_dir()))
		return strdup(value);
	if (asprintf(&path, "%s/%s", home, value + 2) < 0)
		return NULL;
	return path;
}

int
config_database(const char *path, char **out, struct error *err)
{
	char *line = NULL, *value;
	size_t cap = 0;
	int lineno = 0, rc = ERR_OK;
	FILE *f;

	*out = NULL;
	if (!(f = fopen(path, "r"))) {
		if (errno == ENOENT || errno == ENOTDIR)
			return ERR_OK;
		return error_set(err, ERR_FAILED, NULL, _("%s: cannot read: %s"),
				 path, strerror(errno));
	}
	while (rc == ERR_OK && getline(&line, &cap, f) > 0) {
		lineno++;
		if (!(value = database_value(line)))
			continue;
		free(*out);
		*out = NULL;
		if (!*value)
			rc = error_set(err, ERR_INVALID, "database",
				       _("%s:%d: database: the setting needs a path"),
				       path, lineno);
		else if (!(*out = expand_home(value)))
			rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	}
	free(line);
	fclose(f);
	if (rc != ERR_OK) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

static int
from_config(const char *config, enum db_source source, struct db_location *loc,
	    struct error *err)
{
	int rc = config_database(config, &loc->path, err);

	if (rc == ERR_OK && loc->path) {
		loc->source = source;
		if (!(loc->config = strdup(config)))
			rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	}
	return rc;
}

int
db_locate(const char *option, const char *config, struct db_location *loc,
	  struct error *err)
{
	const char *env = getenv("SALKKU_DB");
	char *user = NULL;
	int rc = ERR_OK;

	memset(loc, 0, sizeof *loc);
	if (option) {
		loc->source = DB_FROM_OPTION;
		loc->path = strdup(option);
	} else if (env && *env) {
		loc->source = DB_FROM_ENV;
		loc->path = strdup(env);
	} else {
		if (config || (config = user = config_user_path()))
			rc = from_config(config, DB_FROM_USER_CONFIG, loc, err);
		if (rc == ERR_OK && !loc->path)
			rc = from_config(config_system_path(), DB_FROM_SYSTEM_CONFIG,
					 loc, err);
		if (rc == ERR_OK && !loc->path) {
			loc->source = DB_FROM_DEFAULT;
			loc->path = default_path();
		}
	}
	free(user);
	if (rc == ERR_OK && !loc->path)
		rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	if (rc != ERR_OK)
		db_location_clear(loc);
	return rc;
}

void
db_location_clear(struct db_location *loc)
{
	free(loc->path);
	free(loc->config);
	memset(loc, 0, sizeof *loc);
}
