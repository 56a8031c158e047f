/* SPDX-License-Identifier: EUPL-1.2 */
/* error.h — error codes shared by every layer, and the detail that
 * travels with them up to a front end.
 *
 * Codes come from one table so that the CLI exit status, the message and
 * the name stay in step.  Only front ends (cli_*.c, ui/) print errors. */
#ifndef SALKKU_ERROR_H
#define SALKKU_ERROR_H

#include <stdint.h>

#include "i18n.h"

/* _(NAME, exit status, short description) */
#define ERR_LIST(_) \
	_(OK,        0, N_("success")) \
	_(FAILED,    1, N_("error")) \
	_(USAGE,     2, N_("usage error")) \
	_(NOT_FOUND, 3, N_("not found")) \
	_(INVALID,   4, N_("invalid value")) \
	_(CONFLICT,  5, N_("changed by someone else")) \
	_(DATABASE,  6, N_("database error")) \
	_(MISSING,   7, N_("a library is missing"))

enum err_code {
#define ERR_ENUM(name, status, text) ERR_##name = status,
	ERR_LIST(ERR_ENUM)
#undef ERR_ENUM
};

/* The detail of the last failure.  Fixed-size so that filling it never
 * allocates; a caller owns one and passes it down. */
struct error {
	enum err_code code;
	char field[128];    /* the field or JSON path at fault, or "" */
	char message[512];  /* translated, human-readable, no trailing newline */
	/* For ERR_CONFLICT: the version now stored, who saved it and when. */
	int64_t current_version;
	char changed_by[64];
	char changed_at[32];  /* ISO 8601 UTC, "2024-01-15T09:41:00Z" */
};

/* Sets err (if not NULL) and returns code, so that callers can write
 * `return error_set(err, ERR_INVALID, "budget", _("..."), ...);`.
 * field may be NULL.  The message is formatted with printf rules. */
int error_set(struct error *err, enum err_code code, const char *field,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Resets err to ERR_OK with empty strings. */
void error_clear(struct error *err);

/* The untranslated short description of a code ("not found"). */
const char *error_name(enum err_code code);

#endif
