/* SPDX-License-Identifier: EUPL-1.2 */
/* model_internal.h — what the model's own files share and nobody else
 * calls: steps of a transaction that another model call holds. */
#ifndef SALKKU_MODEL_INTERNAL_H
#define SALKKU_MODEL_INTERNAL_H

#include "model.h"

/* ERR_USAGE, saying why, when this session may not write (read-only, or
 * no write permission): the same answer for every kind of change. */
int model_check_writable(struct model *m);

/* Ends a write transaction: commits when rc is ERR_OK, else rolls back
 * so that nothing of a failed action stays.  Returns the outcome. */
int model_finish(struct model *m, int rc);

/* Inside model_set_status's transaction: settles the open deadlines of
 * project, which moves to final status `to` on date (ISO) for reason
 * (may be NULL), by policy.  DEADLINES_REFUSE with open deadlines is
 * ERR_INVALID listing them. */
int model_close_deadlines(struct model *m, const struct record *project,
			  const char *to, const char *date, const char *reason,
			  enum deadline_policy policy);

#endif
