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

#include <stddef.h>

#include "error.h"

#define JSON_MAX_DEPTH 32

/* Checks the len bytes at text.  ERR_OK, or ERR_INVALID with err->field
 * the JSON path and err->message "line N: problem".  source names the
 * file in the message. */
int json_check_document(const char *text, size_t len, const char *source,
			struct error *err);

#endif
