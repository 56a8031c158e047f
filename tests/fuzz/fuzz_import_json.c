/* SPDX-License-Identifier: EUPL-1.2 */
/* fuzz_import_json.c — a whole JSON document imported into an empty
 * in-memory database through the model (src/core/model_io.c, db/),
 * with the properties of fuzz_import() in fuzz_model.h. */
#include "config.h"

#include "fuzz_model.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_model_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import(data, size, model_import_json, model_export_json, NULL);
	return 0;
}
