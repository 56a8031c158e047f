/* SPDX-License-Identifier: EUPL-1.2 */
/* money.c — sums and warnings of a project's money. */
#include "config.h"

#include "money.h"

#include <stdio.h>
#include <string.h>

#include "src/base/entity_fields.h"
#include "src/base/format.h"
#include "src/base/i18n.h"

void
money_sum_add(struct money_sum *sum, int64_t cents)
{
	int64_t r;

	sum->any = true;
	if (sum->overflow)
		return;
	if (cents < 0 || __builtin_add_overflow(sum->cents, cents, &r) ||
	    r > FORMAT_AMOUNT_MAX) {
		sum->overflow = true;
		return;
	}
	sum->cents = r;
}

static bool
num(const struct record *rec, int field, int64_t *out)
{
	if (!rec || rec->v[field].null)
		return false;
	*out = rec->v[field].num;
	return true;
}

bool
money_role_cofinancing(const struct record *project,
		       const struct record *role, int64_t *cents)
{
	int64_t percent, base, product;

	if (num(role, ROLE_COFINANCING, cents))
		return true;
	if (!num(role, ROLE_COFINANCING_PERCENT, &percent))
		return false;
	if (!num(role, ROLE_BUDGET_SHARE, &base) &&
	    !num(project, PROJECT_BUDGET, &base))
		return false;
	/* percent is in hundredths: 20,00 % is 2000.  Rounded half up. */
	if (__builtin_mul_overflow(base, percent, &product))
		return false;
	*cents = (product + 5000) / 10000;
	return *cents <= FORMAT_AMOUNT_MAX;
}

void
money_totals(const struct record *project, const struct record_list *roles,
	     const struct record_list *funding, struct money_totals *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; roles && i < roles->count; i++) {
		const struct record *r = roles->items[i];
		int64_t v;

		if (num(r, ROLE_BUDGET_SHARE, &v))
			money_sum_add(&out->shares, v);
		if (money_role_cofinancing(project, r, &v))
			money_sum_add(&out->cofinancing, v);
	}
	for (size_t i = 0; funding && i < funding->count; i++) {
		const struct record *f = funding->items[i];
		int64_t v;

		if (num(f, FUNDING_APPLIED, &v))
			money_sum_add(&out->applied, v);
		if (num(f, FUNDING_GRANTED, &v))
			money_sum_add(&out->granted, v);
		if (num(f, FUNDING_PAID, &v))
			money_sum_add(&out->paid, v);
	}
}

struct warner {
	void (*warn)(const char *, void *);
	void *arg;
	size_t count;
	enum fmt_style st;
};

static void
say(struct warner *w, const char *text)
{
	w->warn(text, w->arg);
	w->count++;
}

static void
warn_line(struct warner *w, size_t n, const struct record *f)
{
	char text[512], a[64], b[64];
	int64_t applied, granted, paid;
	bool has_applied = num(f, FUNDING_APPLIED, &applied);
	bool has_granted = num(f, FUNDING_GRANTED, &granted);

	if (has_applied && has_granted && applied != granted) {
		snprintf(text, sizeof text,
			 _("funding line %zu: %s granted where %s was applied for"),
			 n, format_money(a, sizeof a, granted, w->st),
			 format_money(b, sizeof b, applied, w->st));
		say(w, text);
	}
	if (num(f, FUNDING_PAID, &paid) && paid > (has_granted ? granted : 0)) {
		if (has_granted)
			snprintf(text, sizeof text,
				 _("funding line %zu: %s paid, more than the %s granted"),
				 n, format_money(a, sizeof a, paid, w->st),
				 format_money(b, sizeof b, granted, w->st));
		else
			snprintf(text, sizeof text,
				 _("funding line %zu: %s paid, but no grant is recorded"),
				 n, format_money(a, sizeof a, paid, w->st));
		say(w, text);
	}
}

size_t
money_warnings(const struct record *project, const struct record_list *roles,
	       const struct record_list *funding,
	       void (*warn)(const char *text, void *arg), void *arg)
{
	struct warner w = { warn, arg, 0, format_style_from_locale() };
	struct money_totals t;
	char text[512], a[64], b[64];
	int64_t budget;

	money_totals(project, roles, funding, &t);
	if (t.shares.overflow || t.applied.overflow || t.granted.overflow ||
	    t.paid.overflow || t.cofinancing.overflow)
		say(&w, _("the sums of the money are larger than the largest amount salkku keeps"));
	else if (t.shares.any && num(project, PROJECT_BUDGET, &budget) &&
		 t.shares.cents != budget) {
		snprintf(text, sizeof text,
			 _("the budget shares add up to %s, but the budget is %s"),
			 format_money(a, sizeof a, t.shares.cents, w.st),
			 format_money(b, sizeof b, budget, w.st));
		say(&w, text);
	}
	for (size_t i = 0; funding && i < funding->count; i++)
		warn_line(&w, i + 1, funding->items[i]);
	return w.count;
}
