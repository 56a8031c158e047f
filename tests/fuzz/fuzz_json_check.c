/* SPDX-License-Identifier: EUPL-1.2 */
/* fuzz_json_check.c — the strict JSON check (src/base/json_check.c).
 *
 * Properties: no crash, no read outside the input (it is not
 * NUL-terminated here); a refusal has a message; a document that passes
 * is valid UTF-8 without a NUL byte, since the check refuses raw invalid
 * bytes and \u0000 and anything outside strings must be JSON syntax. */
#include "config.h"

#include "fuzz.h"

#include "src/base/json_check.h"
#include "src/base/text.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error err;
	int rc;

	error_clear(&err);
	rc = json_check_document((const char *)data, size, "fuzz.json", &err);
	if (rc != ERR_OK) {
		if (rc != ERR_INVALID || !err.message[0])
			fuzz_fail("a refusal is ERR_INVALID with a message (%d, \"%s\")",
				  rc, err.message);
		return 0;
	}
	if (!utf8_valid((const char *)data, size))
		fuzz_fail("a document that passes the check is valid UTF-8");
	if (memchr(data, '\0', size))
		fuzz_fail("a document that passes the check holds no NUL");
	return 0;
}
