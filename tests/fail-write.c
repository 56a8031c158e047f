/* SPDX-License-Identifier: EUPL-1.2 */
/* fail-write.so — an LD_PRELOAD shim for the tests: a disk that fails
 * mid-write.  With FAIL_WRITE_AFTER=N in the environment, the first N
 * writes to regular files (not standard input, output or error) go
 * through and every later one fails with EIO, as a dying disk would.
 * Without it, nothing changes.  Covers write, pwrite and pwrite64, which
 * SQLite's unix VFS uses. */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t at);
ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t at);

static bool
fails(int fd)
{
	static long count;
	const char *after = getenv("FAIL_WRITE_AFTER");
	struct stat sb;

	if (!after || fd <= 2 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return false;
	if (++count <= atol(after))
		return false;
	errno = EIO;
	return true;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	ssize_t (*real)(int, const void *, size_t) =
		(ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");

	return fails(fd) ? -1 : real(fd, buf, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t at)
{
	ssize_t (*real)(int, const void *, size_t, off_t) =
		(ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");

	return fails(fd) ? -1 : real(fd, buf, n, at);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off64_t at)
{
	ssize_t (*real)(int, const void *, size_t, off64_t) =
		(ssize_t (*)(int, const void *, size_t, off64_t))dlsym(RTLD_NEXT, "pwrite64");

	return fails(fd) ? -1 : real(fd, buf, n, at);
}
