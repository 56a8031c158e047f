/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_file.c — a file named with -o, written whole or not at all. */
#include "config.h"

#include "cli_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The mode a file created now gets (open's 0666 less the umask). */
static mode_t
new_file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

/* A temporary file in template (…XXXXXX) with mode; its descriptor or
 * -1 with errno set. */
static int
make_temp(char *template, mode_t mode)
{
	int fd = mkstemp(template);

	if (fd >= 0 && fchmod(fd, mode) != 0) {
		int e = errno;

		close(fd);
		unlink(template);
		errno = e;
		return -1;
	}
	return fd;
}

int
out_file_open(struct out_file *o, const char *path, bool by_name)
{
	struct stat st;
	bool exists = stat(path, &st) == 0;
	const char *dir;
	int fd;

	memset(o, 0, sizeof *o);
	o->path = path;
	if (exists && !S_ISREG(st.st_mode)) {
		if (!by_name)
			return (o->f = fopen(path, "w")) ? 0 : errno;
		/* Written by name, then copied in: a library's file of its
		 * own cannot be the FIFO. */
		dir = getenv("TMPDIR");
		snprintf(o->tmp, sizeof o->tmp, "%s/salkku.XXXXXX",
			 dir && *dir ? dir : "/tmp");
		o->copy = true;
	} else if ((size_t)snprintf(o->tmp, sizeof o->tmp, "%s.XXXXXX", path) >=
		   sizeof o->tmp) {
		o->tmp[0] = '\0';
		return ENAMETOOLONG;
	}
	if ((fd = make_temp(o->tmp, exists && !o->copy ? st.st_mode & 07777
					 : new_file_mode())) < 0) {
		int e = errno;

		o->tmp[0] = '\0';
		return e;
	}
	if (by_name) {
		close(fd);
		return 0;
	}
	if (!(o->f = fdopen(fd, "w"))) {
		int e = errno;

		close(fd);
		unlink(o->tmp);
		o->tmp[0] = '\0';
		return e;
	}
	return 0;
}

/* Copies the file named from into the file named to. */
static int
copy_into(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!in || !out)
		rc = errno;
	while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = errno ? errno : EIO;
	if (!rc && ferror(in))
		rc = EIO;
	if (out && fclose(out) != 0 && !rc)
		rc = errno;
	if (in)
		fclose(in);
	return rc;
}

int
out_file_close(struct out_file *o, bool keep)
{
	int rc = 0;

	if (o->f && fclose(o->f) != 0)
		rc = errno;
	o->f = NULL;
	if (!o->tmp[0])
		return keep ? rc : 0;
	if (keep && !rc)
		rc = o->copy ? copy_into(o->tmp, o->path)
		     : rename(o->tmp, o->path) != 0 ? errno : 0;
	if (!keep || rc || o->copy)
		unlink(o->tmp);
	o->tmp[0] = '\0';
	return keep ? rc : 0;
}
