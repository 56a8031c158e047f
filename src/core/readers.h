/* SPDX-License-Identifier: EUPL-1.2 */
/* readers.h — sessions that may only read, announced beside the
 * database rather than in it.
 *
 * A reader cannot write the presence table, so it leaves a small file
 * in a directory of the machine's (sticky and open to all, like /tmp)
 * named after the database file's device and inode: one file per
 * session, "user.pid", holding the project it is on and since when.  A
 * file whose process is gone is stale and skipped (and swept by its own
 * user).  The database must be on a local disk (shared.c), so every
 * session is on this machine and a pid says whether it lives. */
#ifndef SALKKU_READERS_H
#define SALKKU_READERS_H

#include <stddef.h>

#include "src/base/query.h"

/* Says that this reading session (user, this process) is on
 * project_uuid (NULL: on none) of the database at db_path, as of now
 * (ISO UTC).  Quiet: a machine without a usable directory just has no
 * readers shown. */
void readers_touch(const char *db_path, const char *user,
		   const char *project_uuid, const char *now);

/* Forgets this session's file. */
void readers_leave(const char *db_path, const char *user);

/* Appends to out (holding *count of max) the live reading sessions other
 * than this process on project_uuid (NULL: on any). */
void readers_others(const char *db_path, const char *project_uuid,
		    struct presence *out, size_t max, size_t *count);

#endif
