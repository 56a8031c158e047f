/* SPDX-License-Identifier: EUPL-1.2 */
/* db_file.c — the database file under a connection: whether another
 * process has it open, and whether the path still names the file this
 * connection opened.
 *
 * `init --force` and a hand-made `rm` can pull a file from under open
 * sessions, which then go on "saving" into a deleted inode.  A session
 * remembers the device and inode it opened and checks them before every
 * write; init asks the -shm file's locks whether anybody is there. */
#include "config.h"

#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_internal.h"
#include "src/base/i18n.h"

/* SQLite's unix VFS: every connection to a WAL database holds a shared
 * POSIX lock on this byte of the -shm file (the "dead man switch",
 * UNIX_SHM_DMS in os_unix.c: 120 + SQLITE_SHM_NLOCK) for as long as it
 * is open. */
#define SHM_DMS_BYTE 128

void
db_file_remember(struct db *db)
{
	struct stat st;

	db->file_known = false;
	if (!strcmp(db->path, ":memory:") || !*db->path || stat(db->path, &st) != 0)
		return;
	db->file_dev = st.st_dev;
	db->file_ino = st.st_ino;
	db->file_known = true;
}

int
db_file_check(struct db *db, struct error *err)
{
	struct stat st;

	if (!db || !db->file_known)
		return ERR_OK;
	if (stat(db->path, &st) != 0 && errno == ENOENT)
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s was deleted while this session had it open: nothing was saved; quit and open the database again"),
				 db->path);
	if (stat(db->path, &st) == 0 &&
	    (st.st_dev != db->file_dev || st.st_ino != db->file_ino))
		return error_set(err, ERR_DATABASE, NULL,
				 _("%s was replaced by another file while this session had it open: nothing was saved; quit and open the database again"),
				 db->path);
	return ERR_OK;
}

bool
db_file_gone(struct db *db)
{
	return db_file_check(db, NULL) != ERR_OK;
}

long
db_file_user(const char *path)
{
	char shm[4096];
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
			    .l_start = SHM_DMS_BYTE, .l_len = 1 };
	int fd;

	if (snprintf(shm, sizeof shm, "%s-shm", path) >= (int)sizeof shm)
		return 0;
	/* Only read: this process holds no lock on the file (the caller has
	 * no connection to it open), so closing the descriptor drops none. */
	if ((fd = open(shm, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return 0;
	if (fcntl(fd, F_GETLK, &lk) != 0)
		lk.l_type = F_UNLCK;
	close(fd);
	return lk.l_type == F_UNLCK ? 0 : lk.l_pid > 0 ? (long)lk.l_pid : -1;
}
