/* SPDX-License-Identifier: EUPL-1.2 */
/* presence.h — who else has the portfolio open, and what they look at.
 *
 * Each TUI session keeps one row (its host and process id) fresh with a
 * heartbeat; a row that has not been refreshed for PRESENCE_TTL seconds
 * belongs to a session that died and is ignored, then swept away.  The
 * rows are not records: they have no uuid, version or change log. */
#ifndef SALKKU_PRESENCE_H
#define SALKKU_PRESENCE_H

#include <stddef.h>

#include "db.h"
#include "src/base/error.h"
#include "src/base/query.h"

#define PRESENCE_TTL 30

/* Says that this session (host, pid) of user is looking at project_uuid
 * (NULL: at no project), as of now (ISO UTC).  One short transaction,
 * tried once: ERR_DATABASE at once while another process writes. */
int presence_touch(struct db *db, const char *host, long pid,
		   const char *user, const char *project_uuid,
		   const char *now, struct error *err);

/* The live sessions other than (host, pid) that are on project_uuid (or
 * on anything when NULL), at most max, into out; *count says how many. */
int presence_others(struct db *db, const char *host, long pid,
		    const char *project_uuid, const char *now,
		    struct presence *out, size_t max, size_t *count,
		    struct error *err);

/* Forgets this session (on quitting). */
int presence_leave(struct db *db, const char *host, long pid,
		   struct error *err);

#endif
