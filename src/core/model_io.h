/* SPDX-License-Identifier: EUPL-1.2 */
/* model_io.h — what the JSON and CSV halves of import/export share
 * (model_io.c, model_csv.c).  Private to the model core. */
#ifndef SALKKU_MODEL_IO_H
#define SALKKU_MODEL_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct model;

/* path for messages: "standard input" for "-". */
const char *io_source_name(const char *path);

/* Opens path ("-": standard input) for reading in chunks; close it
 * with io_close_input(). */
int io_open_input(struct model *m, const char *path, FILE **out);
void io_close_input(FILE *f);

/* ERR_FAILED when writing out failed. */
int io_check_output(struct model *m, FILE *out);

/* Ends an import's transaction: committed only when rc is ERR_OK and
 * this is not a dry run; otherwise rolled back.  Returns rc. */
int io_finish(struct model *m, int rc, bool dry_run);

#endif
