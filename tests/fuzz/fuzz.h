/* SPDX-License-Identifier: EUPL-1.2 */
/* fuzz.h — what the libFuzzer targets in tests/fuzz/ share.
 *
 * Each target is one file defining LLVMFuzzerTestOneInput(); a property
 * that fails calls fuzz_fail(), which prints what was expected and
 * aborts, so that libFuzzer keeps the input as a reproducer. */
#ifndef SALKKU_FUZZ_H
#define SALKKU_FUZZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static void fuzz_fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn, unused));

/* Reports a failed property and aborts. */
static void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("property failed: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* A NUL-terminated copy of the input (which may hold NULs itself); the
 * caller frees. */
static char * __attribute__((unused))
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
