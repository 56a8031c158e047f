/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_file.h — a file named with -o, written whole or not at all.
 *
 * A regular file (or a name not yet taken) is written beside itself
 * and renamed over the old one when complete: a command that fails
 * half-way leaves the old file, never half of a new one.  Anything else
 * (a FIFO, /dev/null, a terminal) is written in place: a rename would
 * put a regular file where it stood.  A new file takes the mode the
 * umask leaves (0666 & ~umask), an old one keeps its own. */
#ifndef SALKKU_CLI_FILE_H
#define SALKKU_CLI_FILE_H

#include <stdbool.h>
#include <stdio.h>

struct out_file {
	FILE *f;             /* what to write to; NULL with by_name */
	const char *path;    /* the target, as named (not owned) */
	char tmp[4096];      /* the file written; "" when in place */
	bool copy;           /* tmp is copied into the target at the end */
};

/* Opens the writing of path.  by_name: for a library that writes a
 * file of its own by name (libxlsxwriter): o->tmp is that name, and
 * o->f stays NULL.  Returns 0 or an errno value. */
int out_file_open(struct out_file *o, const char *path, bool by_name);

/* Ends the writing: keep puts what was written in place (rename or
 * copy) and returns 0 or an errno value; !keep leaves the target as it
 * was and returns 0. */
int out_file_close(struct out_file *o, bool keep);

#endif
