/* SPDX-License-Identifier: EUPL-1.2 */
/* access.h — who may read or write a shared database, through POSIX
 * ACLs (libacl) on its directory and files.
 *
 * Access means the same thing on every file it concerns: the
 * directory (and its default ACL, which new -wal, -shm and backup files
 * inherit) and each existing file of the database (the file, -wal,
 * -shm, -journal).  Granting by hand with setfacl in the wrong order
 * leaves the existing files out; these functions do all of them and
 * then read back what a person would get.
 *
 * Nothing here opens a database file: ACLs are read and written by
 * path, so SQLite's POSIX locks of an open session stay intact. */
#ifndef SALKKU_ACCESS_H
#define SALKKU_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/error.h"

enum access_level {
	ACCESS_NONE,
	ACCESS_READ,   /* the directory r-x, the files r-- */
	ACCESS_WRITE,  /* the directory rwx, the files rw- */
};

enum access_who {
	ACCESS_OWNER,  /* the owner of the directory */
	ACCESS_GROUP,  /* the directory's group */
	ACCESS_USER,   /* a named user of the ACL */
	ACCESS_NAMED_GROUP,  /* a named group of the ACL */
	ACCESS_OTHERS,
};

/* What one person or group may do, read back from every file. */
struct access_entry {
	enum access_who who;
	char name[64];             /* "" for others */
	enum access_level level;   /* the least they get on any file */
	bool uneven;               /* an ACL entry not the same on every file */
	char uneven_file[4200];    /* the first file that differs */
};

struct access_list {
	struct access_entry *items;
	size_t count;
	char dir[4096];            /* the database's directory */
	size_t files;              /* how many files besides the directory */
};

/* Gives a user (group false) or a group `level` on the directory, its
 * default ACL and every file of the database, then reads it back:
 * ERR_FAILED naming the file when the file system keeps no ACLs or the
 * result is not what was asked.  ERR_INVALID for an unknown name. */
int access_grant(const char *db_path, bool group, const char *name,
		 enum access_level level, struct error *err);

/* Takes a user's or group's ACL entries away everywhere.  ERR_NOT_FOUND
 * when they had none. */
int access_revoke(const char *db_path, bool group, const char *name,
		  struct error *err);

/* Reads who may do what.  Free with access_list_clear(). */
int access_read(const char *db_path, struct access_list *out, struct error *err);

void access_list_clear(struct access_list *list);

/* "read", "write" or "none" (untranslated key); and back, -1 if unknown. */
const char *access_level_key(enum access_level level);
int access_level_parse(const char *key);

#endif
