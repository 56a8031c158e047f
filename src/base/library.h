/* SPDX-License-Identifier: EUPL-1.2 */
/* library.h — libraries opened when a feature first needs them, not
 * linked.
 *
 * Voikko, libical and libxlsxwriter bring some twenty libraries with
 * them (the C++ run-time, ICU, archives, XML, crypto); linked, they
 * cost every process about 4 ms of dynamic loading and 7 MB, though
 * only search, calendar export and spreadsheets use them.  A user keeps
 * a table of function pointers typed from the library's own header
 * (`__typeof__(voikkoInit) *init;`) and fills it with library_open().
 * A library once opened stays for the process (never dlclose: what a
 * C++ run-time keeps would be left unreachable). */
#ifndef SALKKU_LIBRARY_H
#define SALKKU_LIBRARY_H

#include <stddef.h>

#include "error.h"

/* A library by its soname, the Debian package that installs it, and
 * what needs it, marked with N_() ("calendar export"): the message
 * when it is missing names all three. */
struct library {
	const char *soname;
	const char *package;
	const char *purpose;
};

/* One function to look up: its name in the library and the address of
 * the function pointer that receives it. */
struct library_symbol {
	const char *name;
	void *fn;
};

/* Opens lib and fills each of the n symbols.  ERR_OK, or ERR_MISSING
 * with a message naming the library, its package and what needs it when
 * the library or one of the functions is missing (then nothing is
 * filled in that may be called). */
int library_open(const struct library *lib, const struct library_symbol *syms,
		 size_t n, struct error *err);

#endif
