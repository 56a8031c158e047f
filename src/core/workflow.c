/* SPDX-License-Identifier: EUPL-1.2 */
/* workflow.c — which status may follow which.
 *
 * The forward moves are a table; leaving the workflow (cancelled,
 * withdrawn) is a rule, open to every status that is not final.  The
 * statuses themselves and their order come from project_statuses in
 * entity.c, so that workflow_next() lists moves in the order people
 * see the statuses everywhere else. */
#include "config.h"

#include "workflow.h"

#include <string.h>

#include "src/base/entity.h"

static const struct {
	const char *from, *to;
} forward[] = {
	{ "idea",      "preparing" },
	{ "preparing", "applied" },
	{ "applied",   "granted" },
	{ "applied",   "rejected" },
	{ "granted",   "active" },
	{ "active",    "reporting" },
	{ "reporting", "closed" },
};

static const char *const final_statuses[] = {
	"closed", "rejected", "cancelled", "withdrawn",
};

static bool
known(const char *status)
{
	if (!status)
		return false;
	for (const struct enum_def *e = project_statuses; e->key; e++)
		if (!strcmp(e->key, status))
			return true;
	return false;
}

bool
workflow_is_final(const char *status)
{
	if (!status)
		return false;
	for (size_t i = 0; i < sizeof final_statuses / sizeof *final_statuses; i++)
		if (!strcmp(final_statuses[i], status))
			return true;
	return false;
}

bool
workflow_is_running(const char *status)
{
	return status && (!strcmp(status, "granted") || !strcmp(status, "active"));
}

bool
workflow_allows(const char *from, const char *to)
{
	if (!known(to))
		return false;
	if (!from)
		return true;
	if (!known(from) || workflow_is_final(from) || !strcmp(from, to))
		return false;
	if (!strcmp(to, "cancelled") || !strcmp(to, "withdrawn"))
		return true;
	for (size_t i = 0; i < sizeof forward / sizeof *forward; i++)
		if (!strcmp(forward[i].from, from) && !strcmp(forward[i].to, to))
			return true;
	return false;
}

size_t
workflow_next(const char *from, const char **out, size_t max)
{
	size_t n = 0;

	if (!out)
		max = 0;
	for (const struct enum_def *e = project_statuses; e->key && n < max; e++)
		if (workflow_allows(from, e->key))
			out[n++] = e->key;
	return n;
}
