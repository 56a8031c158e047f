/* SPDX-License-Identifier: EUPL-1.2 */
/* fail-dlopen.so — an LD_PRELOAD shim for the tests: a library that is
 * not installed.  With FAIL_DLOPEN=NAME in the environment, dlopen of a
 * library whose name begins with NAME ("libical") fails as it does for
 * a missing file, with the loader's own message; without it, nothing
 * changes.  salkku opens libical, libxlsxwriter and Voikko by soname
 * when they are first needed (src/base/library.c). */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *dlopen(const char *name, int flags);

void *
dlopen(const char *name, int flags)
{
	void *(*real)(const char *, int) =
		(void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
	const char *missing = getenv("FAIL_DLOPEN");
	char path[512];

	if (name && missing && *missing &&
	    !strncmp(name, missing, strlen(missing))) {
		/* A path to nowhere, so that dlerror() says what it says
		 * for a library that is not there. */
		snprintf(path, sizeof path, "/nonexistent/%s", name);
		name = path;
	}
	return real(name, flags);
}
