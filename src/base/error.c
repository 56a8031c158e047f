/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
error_set(struct error *err, enum err_code code, const char *field,
	  const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	error_clear(err);
	err->code = code;
	if (field)
		snprintf(err->field, sizeof err->field, "%s", field);
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return code;
}

void
error_clear(struct error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

const char *
error_name(enum err_code code)
{
	switch (code) {
#define ERR_CASE(name, status, text) case ERR_##name: return text;
	ERR_LIST(ERR_CASE)
#undef ERR_CASE
	}
	return "error";
}
