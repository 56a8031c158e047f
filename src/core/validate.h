/* SPDX-License-Identifier: EUPL-1.2 */
/* validate.h — whole-record checks, with messages that name the field. */
#ifndef SALKKU_VALIDATE_H
#define SALKKU_VALIDATE_H

#include "src/base/error.h"
#include "src/base/record.h"

/* Checks rec against its entity's rules: required fields present, enum
 * values known, dates valid ISO dates, money not negative, hundredths not
 * negative, end not before start (planned and actual), a done deadline's
 * done_date not before... (none: any date), text free of NUL and valid
 * UTF-8.  The first problem is ERR_INVALID in *err with err->field set. */
int validate_record(const struct record *rec, struct error *err);

/* Parses what a person typed for one field into rec's storage form:
 * dates (parse_date), money, hundredths, bools, enum keys or labels.
 * FT_REF values are not resolved here (the model looks organisations up).
 * Empty input sets null.  ERR_INVALID naming the field on bad input. */
int validate_parse_field(struct record *rec, int field, const char *input,
			 struct error *err);

#endif
