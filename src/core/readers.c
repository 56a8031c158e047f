/* SPDX-License-Identifier: EUPL-1.2 */
/* readers.c — sessions that may only read, announced beside the
 * database (readers.h). */
#include "config.h"

#include "readers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory of the database at db_path, into buf; false when there
 * is none to use.  /dev/shm is memory and goes with a reboot, as the
 * sessions do; /tmp where it is missing. */
static bool
readers_dir(const char *db_path, char *buf, size_t size, bool create)
{
	const char *base = getenv("SALKKU_READERS_DIR");
	struct stat st;

	if (stat(db_path, &st) != 0)
		return false;
	if (!base || !*base)
		base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(buf, size, "%s/salkku-readers-%lx-%lx", base,
		 (unsigned long)st.st_dev, (unsigned long)st.st_ino);
	if (create && mkdir(buf, 01777) == 0)
		chmod(buf, 01777);   /* past the umask: everyone's sessions */
	/* Only a real directory that keeps each one's files his own. */
	return lstat(buf, &st) == 0 && S_ISDIR(st.st_mode) &&
	       (st.st_mode & S_ISVTX);
}

static void
session_file(const char *dir, const char *user, long pid, char *buf,
	     size_t size)
{
	snprintf(buf, size, "%s/%s.%ld", dir, user, pid);
}

void
readers_touch(const char *db_path, const char *user, const char *project_uuid,
	      const char *now)
{
	char dir[4096], path[4352], tmp[4400], line[128];
	int fd, len;
	struct stat st;

	if (!readers_dir(db_path, dir, sizeof dir, true))
		return;
	session_file(dir, user, (long)getpid(), path, sizeof path);
	/* "since" stays while the session stays on one project. */
	len = snprintf(line, sizeof line, "%s %s\n",
		       project_uuid && *project_uuid ? project_uuid : "-", now);
	if (stat(path, &st) == 0) {
		FILE *f = fopen(path, "r");
		char was[64] = "", since[32] = "";

		if (f && fscanf(f, "%63s %31s", was, since) == 2 &&
		    !strcmp(was, project_uuid && *project_uuid ? project_uuid : "-"))
			len = snprintf(line, sizeof line, "%s %s\n", was, since);
		if (f)
			fclose(f);
	}
	snprintf(tmp, sizeof tmp, "%s.new", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	if (write(fd, line, (size_t)len) != len || close(fd) != 0 ||
	    rename(tmp, path) != 0)
		unlink(tmp);
}

void
readers_leave(const char *db_path, const char *user)
{
	char dir[4096], path[4352];

	if (!readers_dir(db_path, dir, sizeof dir, false))
		return;
	session_file(dir, user, (long)getpid(), path, sizeof path);
	unlink(path);
}

/* Whether process pid lives: kill() says so, also of another user's
 * (EPERM). */
static bool
alive(long pid)
{
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

void
readers_others(const char *db_path, const char *project_uuid,
	       struct presence *out, size_t max, size_t *count)
{
	char dir[4096], path[4352];
	struct dirent *e;
	DIR *d;

	if (!readers_dir(db_path, dir, sizeof dir, false) || !(d = opendir(dir)))
		return;
	while ((e = readdir(d)) && *count < max) {
		char user[64], was[40], since[32], *dot;
		long pid;
		FILE *f;

		if (e->d_name[0] == '.' || strstr(e->d_name, ".new"))
			continue;
		if (strlen(e->d_name) >= sizeof user)
			continue;
		memcpy(user, e->d_name, strlen(e->d_name) + 1);
		if (!(dot = strrchr(user, '.')))
			continue;
		*dot = '\0';
		pid = strtol(dot + 1, NULL, 10);
		if (pid == (long)getpid())
			continue;
		session_file(dir, user, pid, path, sizeof path);
		if (!alive(pid)) {
			unlink(path);   /* works for its own user's files only */
			continue;
		}
		if (!(f = fopen(path, "r")))
			continue;
		if (fscanf(f, "%39s %31s", was, since) == 2 &&
		    (!project_uuid || !strcmp(was, project_uuid))) {
			struct presence *p = &out[(*count)++];

			snprintf(p->user, sizeof p->user, "%s", user);
			memcpy(p->project_uuid, strcmp(was, "-") ? was : "",
			       strcmp(was, "-") ? strlen(was) + 1 : 1);
			snprintf(p->since, sizeof p->since, "%s", since);
		}
		fclose(f);
	}
	closedir(d);
}
