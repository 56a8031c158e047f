/* SPDX-License-Identifier: EUPL-1.2 */
/* workflow.h — the project status lifecycle.
 *
 *   idea → preparing → applied → granted | rejected
 *   granted → active → reporting → closed
 *   any open status → cancelled | withdrawn
 *
 * A move outside these needs force, and is recorded as forced. */
#ifndef SALKKU_WORKFLOW_H
#define SALKKU_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>

/* True when from → to is a move of the workflow.  from NULL means a new
 * project (every status is allowed as the first). */
bool workflow_allows(const char *from, const char *to);

/* Fills out with the status keys that from may move to (at most max),
 * in workflow order, and returns how many. */
size_t workflow_next(const char *from, const char **out, size_t max);

/* True for statuses after which nothing more happens (closed, rejected,
 * cancelled, withdrawn). */
bool workflow_is_final(const char *status);

/* True for statuses in which the project runs toward its planned end
 * (granted, active): past that day it should be reporting, and the
 * screens say so. */
bool workflow_is_running(const char *status);

#endif
