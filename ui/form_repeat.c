/* SPDX-License-Identifier: EUPL-1.2 */
/* form_repeat.c — the repeat fields of a new deadline's form. */
#include "config.h"

#include "form_repeat.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/deadline.h"

const struct field_def form_repeat_fields[REPEAT_NFIELDS] = {
	[REPEAT_EVERY] = { "every", N_("Repeats every"), FT_TEXT, 0, NULL, 0 },
	[REPEAT_UNTIL] = { "until", N_("Repeats until"), FT_DATE, 0, NULL, 0 },
	[REPEAT_COUNT] = { "count", N_("Times"),         FT_TEXT, 0, NULL, 0 },
};

static int
fail(int *bad, int field, char *msg, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int
fail(int *bad, int field, char *msg, size_t size, const char *fmt, ...)
{
	char detail[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	/* TRANSLATORS: a field's label, and what is wrong with it. */
	snprintf(msg, size, _("%s: %s"), _(form_repeat_fields[field].label), detail);
	*bad = field;
	return -1;
}

static bool
given(const char *s)
{
	return s && s[strspn(s, " ")];
}

/* s without the spaces around it, into out. */
static void
trim_into(char *out, size_t size, const char *s)
{
	size_t n;

	s = s ? s + strspn(s, " ") : "";
	n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	snprintf(out, size, "%.*s", (int)n, s);
}

/* A whole number from 1 to DEADLINE_SERIES_MAX, or 0. */
static int
times_parse(const char *s)
{
	char *end;
	long n;

	s += strspn(s, " ");
	if (*s < '0' || *s > '9')
		return 0;
	n = strtol(s, &end, 10);
	end += strspn(end, " ");
	return *end || n < 1 || n > DEADLINE_SERIES_MAX ? 0 : (int)n;
}

/* The dates of the rule from due, into plan. */
static int
plan_dates(struct deadline_rule *rule, const char *due, struct repeat_plan *plan,
	   int *bad, char *msg, size_t size)
{
	char (*dates)[11] = calloc(DEADLINE_SERIES_MAX, sizeof *dates);
	int n;

	if (!dates)
		return fail(bad, REPEAT_EVERY, msg, size, "%s", _("Out of memory"));
	n = deadline_rule_dates(rule, due, plan->count, dates, DEADLINE_SERIES_MAX);
	if (n <= 0) {
		free(dates);
		return fail(bad, REPEAT_EVERY, msg, size,
			    _("a series has at most %d deadlines"), DEADLINE_SERIES_MAX);
	}
	plan->n = n;
	for (int i = 0; i < n && i < 3; i++)
		memcpy(plan->first[i], dates[i], 11);
	memcpy(plan->last, dates[n - 1], 11);
	free(dates);
	return 0;
}

int
form_repeat_check(char *const text[REPEAT_NFIELDS], const char *due,
		  bool whole, struct repeat_plan *plan, int *bad, char *msg,
		  size_t size)
{
	const char *every = text[REPEAT_EVERY], *until = text[REPEAT_UNTIL];
	const char *count = text[REPEAT_COUNT];
	struct deadline_rule rule;
	char end[11];

	memset(plan, 0, sizeof *plan);
	*bad = -1;
	msg[0] = '\0';
	trim_into(plan->every, sizeof plan->every, every);
	trim_into(plan->until, sizeof plan->until, until);
	if (given(every) && deadline_every_parse(plan->every, &rule) < 0)
		return fail(bad, REPEAT_EVERY, msg, size,
			    _("“%s” is not N weeks or N months (for example 2 months)"),
			    every);
	if (given(until) && parse_date(plan->until, end) < 0)
		return fail(bad, REPEAT_UNTIL, msg, size,
			    _("%s is not a valid date (use 15.1.2024 or 2024-01-15)"),
			    until);
	if (given(count) && !(plan->count = times_parse(count)))
		return fail(bad, REPEAT_COUNT, msg, size,
			    _("give a whole number from 1 to %d"), DEADLINE_SERIES_MAX);
	if (!given(every)) {
		if (whole && (given(until) || given(count)))
			return fail(bad, REPEAT_EVERY, msg, size, "%s",
				    _("say how often, for example 2 months or 4 weeks"));
		plan->count = 0;
		return 0;
	}
	plan->repeats = true;
	if (given(until) && given(count))
		return fail(bad, REPEAT_COUNT, msg, size, "%s",
			    _("give the date of the last one or the number of times, not both"));
	if (!given(until) && !given(count))
		return whole ? fail(bad, REPEAT_UNTIL, msg, size, "%s",
				    _("give the date of the last one, or the number of times"))
			     : 0;
	if (!due)
		return 0;
	if (given(until)) {
		if (strcmp(end, due) < 0)
			return fail(bad, REPEAT_UNTIL, msg, size, "%s",
				    _("the series ends before its first date"));
		memcpy(rule.until, end, sizeof end);
	}
	return plan_dates(&rule, due, plan, bad, msg, size);
}

char *
form_repeat_preview(const struct repeat_plan *plan, enum fmt_style st,
		    char *buf, size_t size)
{
	char day[3][40], last[40];

	if (!plan->repeats || !plan->n) {
		snprintf(buf, size, "%s",
			 _("To repeat: Repeats every (2 months, 4 weeks), and Repeats until or Times"));
		return buf;
	}
	for (int i = 0; i < 3; i++)
		format_date(day[i], sizeof day[i], i < plan->n ? plan->first[i] : NULL, st);
	format_date(last, sizeof last, plan->last, st);
	if (plan->n <= 3)
		snprintf(buf, size, P_("↻ %d deadline: %s%s%s%s%s",
				       "↻ %d deadlines: %s%s%s%s%s",
				       (unsigned long)plan->n), plan->n,
			 day[0], plan->n > 1 ? ", " : "", day[1],
			 plan->n > 2 ? ", " : "", day[2]);
	else
		snprintf(buf, size, _("↻ %d deadlines: %s, %s, %s … %s"), plan->n,
			 day[0], day[1], day[2], last);
	return buf;
}
