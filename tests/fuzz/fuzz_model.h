/* SPDX-License-Identifier: EUPL-1.2 */
/* fuzz_model.h — what the import targets share: the input as a file
 * the model can open, in-memory databases, exports into memory, and the
 * properties of an import. */
#ifndef SALKKU_FUZZ_MODEL_H
#define SALKKU_FUZZ_MODEL_H

#include "fuzz.h"

#include <locale.h>
#include <sys/mman.h>
#include <unistd.h>

#include "src/core/model.h"

typedef int (*import_fn)(struct model *, const char *,
			 const struct import_options *, struct import_counts *);
typedef int (*export_fn)(struct model *, FILE *);

/* An anonymous file in memory that the model reads by its name. */
struct fuzz_file {
	int fd;
	char path[64];
};

static struct fuzz_file fuzz_input = { .fd = -1 };

/* The clock is frozen, and the locale is the caller's, so that
 * LC_ALL=fi_FI.UTF-8 tests/fuzz/run imports under a Finnish locale. */
static void
fuzz_model_init(void)
{
	setenv("SALKKU_TODAY", "2023-11-20", 1);
	setenv("SALKKU_NOW", "2023-11-20T09:00:00Z", 1);
	setlocale(LC_ALL, "");
	if ((fuzz_input.fd = memfd_create("fuzz-input", 0)) < 0)
		abort();
	snprintf(fuzz_input.path, sizeof fuzz_input.path, "/proc/self/fd/%d",
		 fuzz_input.fd);
}

/* Switches to a Finnish locale (when it is installed), under which a
 * number read or written with the locale's decimal comma comes out
 * wrong, or back to the caller's.  FUZZ_LOCALE names another. */
static void
fuzz_finnish(bool on)
{
	const char *name = getenv("FUZZ_LOCALE");

	if (!on || !setlocale(LC_ALL, name && *name ? name : "fi_FI.UTF-8"))
		setlocale(LC_ALL, "");
}

/* Makes the file hold the len bytes at data; returns its path. */
static const char *
fuzz_file_with(const void *data, size_t len)
{
	if (ftruncate(fuzz_input.fd, 0) < 0 ||
	    pwrite(fuzz_input.fd, data, len, 0) != (ssize_t)len)
		abort();
	return fuzz_input.path;
}

/* Opens an in-memory database holding what the JSON document fixture
 * (may be NULL) holds. */
static void
fuzz_model_open(struct model *m, const char *fixture)
{
	struct import_counts counts;

	if (model_open(m, ":memory:", MODEL_CREATE) != ERR_OK)
		fuzz_fail("opening :memory: (%s)", m->err.message);
	if (fixture && model_import_json(m, fuzz_file_with(fixture, strlen(fixture)),
					 NULL, &counts) != ERR_OK)
		fuzz_fail("importing the fixture (%s)", m->err.message);
}

/* What export writes, NUL-terminated; the caller frees. */
static char *
fuzz_export(struct model *m, export_fn export)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		abort();
	if (export(m, out) != ERR_OK)
		fuzz_fail("an export succeeds (%s)", m->err.message);
	if (fclose(out) != 0)
		abort();
	return buf;
}

/* The length of the line at s, at most 300 bytes. */
static int
fuzz_line(const char *s)
{
	size_t n = strcspn(s, "\n");

	return n < 300 ? (int)n : 300;
}

/* Fails when two exports differ, showing the first line that does. */
static void
fuzz_same(const char *what, const char *a, const char *b)
{
	size_t line = 1, at = 0, i = 0;

	if (!strcmp(a, b))
		return;
	for (; a[i] && a[i] == b[i]; i++)
		if (a[i] == '\n') {
			line++;
			at = i + 1;
		}
	fuzz_fail("%s: the exports differ in line %zu:\n  %.*s\n  %.*s", what,
		  line, fuzz_line(a + at), a + at, fuzz_line(b + at), b + at);
}

/* The data of a JSON export in place: without its "database" line and
 * its "bases", which name the exporting database and what it received
 * from others, and so differ between databases by design.  A CSV
 * export has neither. */
static char *
fuzz_data(char *json)
{
	char *db = strstr(json, "\n\"database\":\""), *end, *bases;

	if (db && (end = strchr(db + 1, '\n')))
		memmove(db, end, strlen(end) + 1);
	if ((bases = strstr(json, ",\n\"bases\":{")))
		*bases = '\0';
	return json;
}

/* Imports the input into a database (holding fixture) and checks
 * the properties of an import:
 *   - a failed import writes nothing;
 *   - a second import of the same input succeeds and writes nothing
 *     (the JSON export, with versions and change log, is unchanged);
 *   - what the database exports (with export) imports into a fresh
 *     database and exports again byte for byte (but for the members
 *     that name the database, fuzz_data), under a Finnish locale:
 *     numbers that cross the boundary ignore LC_NUMERIC. */
static void
fuzz_import(const uint8_t *data, size_t size, import_fn import,
	    export_fn export, const char *fixture)
{
	struct model a, b;
	struct error err;
	struct import_counts counts;
	char *before, *after, *again, *out, *back;
	const char *path;
	int rc;

	fuzz_model_open(&a, fixture);
	path = fuzz_file_with(data, size);
	before = fuzz_export(&a, model_export_json);
	rc = import(&a, path, NULL, &counts);
	err = a.err;   /* an export clears it */
	after = fuzz_export(&a, model_export_json);
	if (rc != ERR_OK) {
		if (rc != (int)err.code || !err.message[0])
			fuzz_fail("a failed import says why");
		fuzz_same("a failed import writes nothing", before, after);
		goto out;
	}
	if ((rc = import(&a, path, NULL, &counts)) != ERR_OK)
		fuzz_fail("a second import succeeds (%s)", a.err.message);
	again = fuzz_export(&a, model_export_json);
	fuzz_same("a second import writes nothing", after, again);
	free(again);

	out = fuzz_export(&a, export);
	fuzz_finnish(true);
	fuzz_model_open(&b, fixture);
	path = fuzz_file_with(out, strlen(out));
	if (import(&b, path, NULL, &counts) != ERR_OK)
		fuzz_fail("an export imports into a fresh database (%s)",
			  b.err.message);
	back = fuzz_export(&b, export);
	fuzz_finnish(false);
	fuzz_same("export, import (Finnish locale), export", fuzz_data(out),
		  fuzz_data(back));
	free(out);
	free(back);
	model_close(&b);
out:
	free(before);
	free(after);
	model_close(&a);
}

#endif
