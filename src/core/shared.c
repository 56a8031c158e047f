/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "shared.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "db/db.h"
#include "src/base/i18n.h"

/* f_type values of network file systems (linux/magic.h and fuse). */
static const struct {
	unsigned long magic;
	const char *name;
} network_filesystems[] = {
	{ 0x6969UL,     "NFS" },
	{ 0x517BUL,     "SMB" },
	{ 0xFF534D42UL, "CIFS" },
	{ 0xFE534D42UL, "SMB2" },
	{ 0x65735546UL, "FUSE (sshfs?)" },
	{ 0x01021997UL, "9P" },
	{ 0x5346414FUL, "AFS" },
	{ 0x73757245UL, "Coda" },
	{ 0x00C36400UL, "Ceph" },
	{ 0x47504653UL, "GPFS" },
	{ 0x0BD00BD0UL, "Lustre" },
};

/* The directory holding path, newly allocated. */
static char *
shared_dir_of(const char *path)
{
	char *copy = strdup(path), *dir;

	if (!copy)
		return NULL;
	dir = strdup(dirname(copy));
	free(copy);
	return dir;
}

/* A directory that its group may write but others may not: the shared
 * directory of a team.  World-writable ones such as /tmp are public
 * scratch space, where each file is its owner's own business. */
static bool
is_group_shared(const struct stat *dir)
{
	return (dir->st_mode & S_IWGRP) && !(dir->st_mode & S_IWOTH);
}

static bool
is_memory(const char *path)
{
	return !strcmp(path, ":memory:") || !strncmp(path, "file:", 5);
}

int
shared_check_filesystem(const char *db_path, struct error *err)
{
	const char *allow = getenv("SALKKU_ALLOW_NETWORK_FS");
	struct statfs fs;
	char *dir;
	int rc = ERR_OK;

	if (is_memory(db_path) || (allow && !strcmp(allow, "1")))
		return ERR_OK;
	if (!(dir = shared_dir_of(db_path)))
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	if (statfs(dir, &fs) == 0) {
		for (size_t i = 0; i < sizeof network_filesystems / sizeof network_filesystems[0]; i++) {
			if ((unsigned long)fs.f_type != network_filesystems[i].magic)
				continue;
			rc = error_set(err, ERR_DATABASE, NULL,
				       _("%s is on a network file system (%s), where SQLite's locking is not safe and changes can be lost; "
					 "keep the database on a local disk of the server and let people reach it over ssh "
					 "(set SALKKU_ALLOW_NETWORK_FS=1 to open it anyway)"),
				       dir, network_filesystems[i].name);
			break;
		}
	}
	free(dir);
	return rc;
}

/* Appends one fix to a message being built. */
static void
add_fix(char *buf, size_t size, const char *fmt, const char *arg)
{
	size_t used = strlen(buf);

	if (used + 2 >= size)
		return;
	if (used)
		buf[used++] = ';', buf[used++] = ' ', buf[used] = '\0';
	snprintf(buf + used, size - used, fmt, arg);
}

/* Checks one file of a shared database against its directory's group. */
static void
check_shared_file(const char *path, const struct stat *dir, char *fixes,
		  size_t size)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return;
	if (st.st_gid != dir->st_gid)
		add_fix(fixes, size, _("chgrp the directory's group %s"), path);
	if ((st.st_mode & (S_IRGRP | S_IWGRP)) != (S_IRGRP | S_IWGRP))
		add_fix(fixes, size, _("chmod g+rw %s"), path);
	if (st.st_mode & S_IRWXO)
		add_fix(fixes, size, _("chmod o-rwx %s"), path);
}

int
shared_check_permissions(const char *db_path, struct error *err)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char fixes[768] = "", path[4096];
	struct stat dir;
	char *dirname_ = NULL;
	int rc = ERR_OK;

	if (is_memory(db_path))
		return ERR_OK;
	if (!(dirname_ = shared_dir_of(db_path)))
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	/* A private directory (only its owner may write) needs nothing. */
	if (stat(dirname_, &dir) != 0 || !is_group_shared(&dir))
		goto out;
	if (!(dir.st_mode & S_ISGID))
		add_fix(fixes, sizeof fixes, _("chmod g+s %s"), dirname_);
	if (dir.st_mode & (S_IROTH | S_IXOTH))
		add_fix(fixes, sizeof fixes, _("chmod o-rwx %s"), dirname_);
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", db_path, suffixes[i]);
		check_shared_file(path, &dir, fixes, sizeof fixes);
	}
	if (fixes[0])
		rc = error_set(err, ERR_DATABASE, NULL,
			       _("%s is shared with a group but not set up for it (see \"Shared use\" in salkku(1)): %s"),
			       dirname_, fixes);
out:
	free(dirname_);
	return rc;
}

/* mkdir -p with mode for the directories it makes. */
static int
make_dirs(const char *dir, mode_t mode)
{
	char buf[4096];
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof buf)
		return -1;
	memcpy(buf, dir, len + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, mode) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, mode) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

int
shared_create_file(const char *db_path, struct error *err)
{
	struct stat dir;
	char *dirname_;
	mode_t mode = 0600;
	int fd, rc = ERR_OK;

	if (is_memory(db_path) || access(db_path, F_OK) == 0)
		return ERR_OK;
	if (!(dirname_ = shared_dir_of(db_path)))
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	if (make_dirs(dirname_, 0700) != 0) {
		rc = error_set(err, ERR_DATABASE, NULL, _("cannot create %s: %s"),
			       dirname_, strerror(errno));
		goto out;
	}
	if (stat(dirname_, &dir) == 0 && is_group_shared(&dir))
		mode = 0660;
	fd = open(db_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		if (errno != EEXIST)
			rc = error_set(err, ERR_DATABASE, NULL, _("cannot create %s: %s"),
				       db_path, strerror(errno));
		goto out;
	}
	/* open() applied the umask; the group must be able to write. */
	if (fchmod(fd, mode) != 0)
		rc = error_set(err, ERR_DATABASE, NULL, _("cannot set the mode of %s: %s"),
			       db_path, strerror(errno));
	close(fd);
out:
	free(dirname_);
	return rc;
}

int
shared_init(const char *db_path, const char *group, struct error *err)
{
	struct group *gr = getgrnam(group);
	char *dirname_;
	int rc = ERR_OK;

	if (!gr)
		return error_set(err, ERR_INVALID, "group", _("group: no group called \"%s\""), group);
	if (!(dirname_ = shared_dir_of(db_path)))
		return error_set(err, ERR_FAILED, NULL, _("out of memory"));
	if (make_dirs(dirname_, 0700) != 0 ||
	    chown(dirname_, (uid_t)-1, gr->gr_gid) != 0 ||
	    chmod(dirname_, 02770) != 0) {
		rc = error_set(err, ERR_DATABASE, NULL, _("cannot make %s a directory for group %s: %s"),
			       dirname_, group, strerror(errno));
		goto out;
	}
	if ((rc = shared_create_file(db_path, err)) != ERR_OK)
		goto out;
	/* An existing file is brought into the group too. */
	if (chown(db_path, (uid_t)-1, gr->gr_gid) != 0 || chmod(db_path, 0660) != 0)
		rc = error_set(err, ERR_DATABASE, NULL, _("cannot give %s to group %s: %s"),
			       db_path, group, strerror(errno));
out:
	free(dirname_);
	return rc;
}

int
shared_check_removable(const char *db_path, struct error *err)
{
	struct stat st, dir;
	struct group *gr;
	struct passwd *pw;
	char *dirname_, proc[64], owner[64] = "?";
	long pid;
	int rc = ERR_OK;

	if (is_memory(db_path) || lstat(db_path, &st) != 0)
		return ERR_OK;
	if (!(dirname_ = shared_dir_of(db_path)))
		return error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	if (stat(dirname_, &dir) == 0 && is_group_shared(&dir)) {
		gr = getgrgid(dir.st_gid);
		rc = error_set(err, ERR_USAGE, NULL,
			       _("%s is shared with group %s: init --force would pull it from under everyone who uses it; to start again from a backup use salkku restore"),
			       db_path, gr ? gr->gr_name : "?");
	}
	free(dirname_);
	if (rc != ERR_OK || !(pid = db_file_user(db_path)))
		return rc;
	/* Whose process it is, when /proc tells. */
	snprintf(proc, sizeof proc, "/proc/%ld", pid);
	if (pid > 0 && stat(proc, &st) == 0 && (pw = getpwuid(st.st_uid)))
		snprintf(owner, sizeof owner, "%s", pw->pw_name);
	return error_set(err, ERR_USAGE, NULL,
			 _("%s is open in another session (process %ld of %s): init --force would pull it from under it; close that session first"),
			 db_path, pid, owner);
}

/* The deepest directory of path this user can stat: where access stops. */
static char *
reachable_dir(const char *path, struct stat *st)
{
	char *dir = shared_dir_of(path), *slash;

	while (dir && stat(dir, st) != 0) {
		if (!(slash = strrchr(dir, '/')) || slash == dir) {
			free(dir);
			return NULL;
		}
		*slash = '\0';
	}
	return dir;
}

int
shared_explain_denied(const char *db_path, struct error *err)
{
	struct stat dir;
	struct passwd *pw;
	struct group *gr;
	char *where = reachable_dir(db_path, &dir);
	char who[64] = "?", owner[64] = "root";
	int rc;

	if (!where)
		return error_set(err, ERR_FAILED, NULL, _("cannot open %s: %s"),
				 db_path, strerror(EACCES));
	/* getpwuid() answers in one static buffer: copy each name. */
	if ((pw = getpwuid(getuid())))
		snprintf(who, sizeof who, "%s", pw->pw_name);
	if ((pw = getpwuid(dir.st_uid)))
		snprintf(owner, sizeof owner, "%s", pw->pw_name);
	gr = getgrgid(dir.st_gid);
	if (is_group_shared(&dir) && gr)
		rc = error_set(err, ERR_FAILED, NULL,
			       _("%s is shared by group %s (in %s, owned by %s), and you (%s) are not in it: ask %s or the administrator to add you (usermod -aG %s %s, then log in again) or to let you read it (salkku access grant read %s)"),
			       db_path, gr->gr_name, where, owner, who, owner,
			       gr->gr_name, who, who);
	else
		rc = error_set(err, ERR_FAILED, NULL,
			       _("%s is in %s, which belongs to %s and is closed to you (%s): ask %s to let you in (salkku access grant read %s)"),
			       db_path, where, owner, who, owner, who);
	free(where);
	return rc;
}
