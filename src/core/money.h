/* SPDX-License-Identifier: EUPL-1.2 */
/* money.h — what a project's funding lines and roles add up to, and
 * what does not add up.
 *
 * Money is cents in int64_t, never more than FORMAT_AMOUNT_MAX: every
 * sum here is checked, and one that would pass the maximum sets
 * overflow instead of wrapping. */
#ifndef SALKKU_MONEY_H
#define SALKKU_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/record.h"

/* A sum that knows whether anything was added and whether it passed
 * the largest amount. */
struct money_sum {
	int64_t cents;
	bool any;       /* at least one value was added */
	bool overflow;  /* the sum passed FORMAT_AMOUNT_MAX; cents is stale */
};

/* Adds cents (>= 0) to sum, checked. */
void money_sum_add(struct money_sum *sum, int64_t cents);

/* The own financing a role brings, in cents: its amount, else its per
 * cent of its budget share, else of the project's budget.  False when
 * the role records none (or a per cent with nothing to take it of). */
bool money_role_cofinancing(const struct record *project,
			    const struct record *role, int64_t *cents);

/* The sums of one project. */
struct money_totals {
	struct money_sum applied, granted, paid; /* funding lines */
	struct money_sum shares;      /* roles' budget shares */
	struct money_sum cofinancing; /* roles' own financing */
};

void money_totals(const struct record *project,
		  const struct record_list *roles,
		  const struct record_list *funding, struct money_totals *out);

/* Calls warn(text, arg) once for each thing in the project's money that
 * does not add up: budget shares that are not the budget, a grant that
 * differs from the application, more paid than granted, a sum past the
 * largest amount.  Funding lines are named by their number in `show`.
 * Returns the number of warnings. */
size_t money_warnings(const struct record *project,
		      const struct record_list *roles,
		      const struct record_list *funding,
		      void (*warn)(const char *text, void *arg), void *arg);

#endif
