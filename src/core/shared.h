/* SPDX-License-Identifier: EUPL-1.2 */
/* shared.h — one database file, several people: the checks and set-up
 * that keep a shared directory usable by a whole group, and refuse file
 * systems on which SQLite's locking is not safe.
 *
 * Nothing here opens the database file while a connection is open:
 * closing such a descriptor would drop SQLite's POSIX locks.  Checks use
 * stat() and statfs() only; the one open() is of a file that does not
 * exist yet, before SQLite is asked to open it. */
#ifndef SALKKU_SHARED_H
#define SALKKU_SHARED_H

#include <stdbool.h>

#include "src/base/error.h"

/* ERR_DATABASE when the database's directory is on NFS, SMB/CIFS, sshfs
 * or another network file system, where SQLite's locks do not hold,
 * unless SALKKU_ALLOW_NETWORK_FS=1.  ERR_OK otherwise (also when the
 * directory does not exist yet). */
int shared_check_filesystem(const char *db_path, struct error *err);

/* For a database in a group-shared directory (one the group may write):
 * ERR_DATABASE, with what to fix, when the directory lacks the setgid bit,
 * is open to others, or the database or its -wal/-shm files are not
 * read-write for the directory's group, or are readable by others.
 * ERR_OK for a private directory or a correct shared one. */
int shared_check_permissions(const char *db_path, struct error *err);

/* Creates the (empty) database file before SQLite does, so that it gets
 * the right mode: 0660 in a group-shared directory, else 0600.  SQLite
 * then gives -wal and -shm the same mode.  Creates missing directories
 * (0700).  ERR_OK also when the file exists already. */
int shared_create_file(const char *db_path, struct error *err);

/* `salkku init --shared GROUP`: makes the database's directory owned by
 * GROUP with mode 2770 (setgid, nothing for others) and creates the file
 * 0660 for the group.  The caller then opens it to create the schema. */
int shared_init(const char *db_path, const char *group, struct error *err);

/* For a database path this user may not reach (EACCES): ERR_FAILED with
 * who owns the place and which group to join, or whom to ask for
 * access, instead of a bare "Permission denied". */
int shared_explain_denied(const char *db_path, struct error *err);

/* Whether `init --force` may remove the database at db_path: ERR_USAGE,
 * saying why, when it is set up for a group (its users would be left
 * writing into a deleted file) or another process has it open.  Call it
 * with no connection to db_path open. */
int shared_check_removable(const char *db_path, struct error *err);

#endif
