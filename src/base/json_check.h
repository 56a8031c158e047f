/* SPDX-License-Identifier: EUPL-1.2 */
/* json_check.h — strict well-formedness checks of a JSON document before
 * SQLite's JSON functions are trusted with it.
 *
 * SQLite 3.40 accepts duplicate keys (first wins), turns integers beyond
 * 64 bits into inexact floats and 1e400 into infinity, cuts strings at
 * \u0000, stores lone surrogates and raw invalid bytes as invalid UTF-8,
 * and accepts thousands of levels of nesting.  This scanner refuses each
 * of these, naming the JSON path ("$.projects.<uuid>.name") and line.
 * It is a checker, not a parser: it builds nothing. */
#ifndef SALKKU_JSON_CHECK_H
#define SALKKU_JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define JSON_MAX_DEPTH 32

/* Checks the len bytes at text.  ERR_OK, or ERR_INVALID with err->field
 * the JSON path and err->message "line N: problem".  source names the
 * file in the message. */
int json_check_document(const char *text, size_t len, const char *source,
			struct error *err);

/* What json_check_stream() hands over as it goes.  value gets each
 * member of the top-level object as JSON text (key NULL), or, for a
 * member split asks to split (an object), first "{}" and then each of
 * its members (key their name) one by one; member NULL once, first,
 * when the top level is no object.  value returns ERR_OK,
 * JSON_DUPLICATE for a key of a split member seen before (refused as a
 * duplicate key), or an error it filled err with. */
struct json_sink {
	bool (*split)(const char *member, void *arg);
	int (*value)(const char *member, const char *key, const char *text,
		     size_t len, void *arg, struct error *err);
	void *arg;
};

#define JSON_DUPLICATE (-1)

/* Checks the document read (until it returns 0) in chunks, as
 * json_check_document() does, handing its values to sink; what is held
 * at a time is a chunk, the value being handed over, and the keys of
 * open objects but those split. */
int json_check_stream(size_t (*read)(void *buf, size_t size, void *arg),
		      void *read_arg, const char *source,
		      const struct json_sink *sink, struct error *err);

#endif
