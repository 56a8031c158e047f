/* SPDX-License-Identifier: EUPL-1.2 */
/* locate.h — which database a session opens, and where that was said.
 *
 * In order: --db, $SALKKU_DB, the "database" setting of the user's
 * config file, that of the system's (/etc/salkku/config), and the
 * private default under $XDG_DATA_HOME.  A non-login ssh command reads
 * no profile, so the config files are how a shared server points every
 * session at the team's file. */
#ifndef SALKKU_LOCATE_H
#define SALKKU_LOCATE_H

#include "src/base/error.h"

enum db_source {
	DB_FROM_OPTION,        /* --db */
	DB_FROM_ENV,           /* $SALKKU_DB */
	DB_FROM_USER_CONFIG,   /* the user's config file */
	DB_FROM_SYSTEM_CONFIG, /* the system's config file */
	DB_FROM_DEFAULT,       /* the private default */
};

struct db_location {
	char *path;            /* owned; free with db_location_clear() */
	enum db_source source;
	char *config;          /* the config file that said so, or NULL; owned */
};

/* The user's config file: $XDG_CONFIG_HOME/salkku/config, else
 * ~/.config/salkku/config.  Newly allocated, or NULL (no home, or out of
 * memory). */
char *config_user_path(void);

/* The system's config file: $SALKKU_SYSTEM_CONFIG, else
 * SYSCONFDIR/salkku/config.  Borrowed. */
const char *config_system_path(void);

/* Reads the "database" setting of the config file at path (written
 * "set database PATH" or "database = PATH"; "~/" is the home
 * directory).  *out is the path (newly allocated) or NULL when the file
 * is missing or does not say.  ERR_INVALID naming file and line for an
 * empty value, ERR_FAILED for a file that exists but cannot be read. */
int config_database(const char *path, char **out, struct error *err);

/* Fills loc with the database to open; option is --db or NULL, config
 * the --config file or NULL for the user's.  Errors name the config
 * file and line. */
int db_locate(const char *option, const char *config, struct db_location *loc,
	      struct error *err);

void db_location_clear(struct db_location *loc);

#endif
