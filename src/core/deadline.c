/* SPDX-License-Identifier: EUPL-1.2 */
/* deadline.c — a deadline's state, default title and repeat rule. */
#include "config.h"

#include "deadline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/entity.h"
#include "src/base/entity_fields.h"
#include "src/base/i18n.h"

enum deadline_state
deadline_state_of(const struct record *d)
{
	if (!d->v[DEADLINE_CANCELLED_DATE].null)
		return DEADLINE_STATE_CANCELLED;
	if (!d->v[DEADLINE_DONE].null && d->v[DEADLINE_DONE].num)
		return DEADLINE_STATE_DONE;
	return DEADLINE_STATE_OPEN;
}

const char *
deadline_state_key(enum deadline_state s)
{
	switch (s) {
	case DEADLINE_STATE_DONE:
		return "done";
	case DEADLINE_STATE_CANCELLED:
		return "cancelled";
	default:
		return "open";
	}
}

bool
deadline_late(const char *due, const char *done_date)
{
	return due && done_date && strcmp(done_date, due) > 0;
}

char *
deadline_default_title(char *buf, size_t size, const char *kind,
		       const char *due, enum fmt_style st)
{
	const struct enum_def *k = enum_find(deadline_kinds, kind ? kind : "other");
	char day[40];
	const char *label = k ? _(k->label) : kind;

	format_date(day, sizeof day, due, st);
	/* The label begins the title: upper-case its first (ASCII) letter,
	 * as a person would write it. */
	snprintf(buf, size, "%s %s", label, day);
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

/* ---- The rule ----------------------------------------------------- */

static const struct {
	const char *word;
	bool months;
} units[] = {
	{ "months", true }, { "month", true }, { "kuukautta", true },
	{ "kuukausi", true }, { "kk", true }, { "m", true },
	{ "weeks", false }, { "week", false }, { "viikkoa", false },
	{ "viikko", false }, { "vk", false }, { "w", false },
	{ "månader", true }, { "månad", true }, { "mån", true },
	{ "veckor", false }, { "vecka", false }, { "v", false },
};

int
deadline_every_parse(const char *every, struct deadline_rule *r)
{
	const char *s = every;
	long n = 1;
	char *end;

	memset(r, 0, sizeof *r);
	if (!s)
		return -1;
	if (*s >= '0' && *s <= '9') {
		n = strtol(s, &end, 10);
		s = end;
	}
	while (*s == ' ')
		s++;
	if (n < 1 || n > 120)
		return -1;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (!strcasecmp(s, units[i].word)) {
			r->months = units[i].months;
			r->interval = (int)n;
			return 0;
		}
	return -1;
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* y-m-d as ISO into out (11 bytes); the parts are in range. */
static void
iso_date(char out[11], int y, int m, int d)
{
	char tmp[48];

	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

/* The k-th date the rule could give from start, or -1 when the day does
 * not exist in that month. */
static int
rule_step(const struct deadline_rule *r, const char *start, int k, char out[11])
{
	int y, m, d;

	if (!r->months)
		return date_add_days(start, k * 7 * r->interval, out);
	if (sscanf(start, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	m = m - 1 + k * r->interval;
	y += m / 12;
	m = m % 12 + 1;
	if (y > 2199 || d < 1 || d > month_days(y, m))
		return -1;
	iso_date(out, y, m, d);
	return 0;
}

int
deadline_rule_dates(struct deadline_rule *r, const char *start, int count,
		    char (*out)[11], size_t max)
{
	size_t n = 0;
	char day[11];

	if (r->interval < 1)
		return -1;
	/* A month without the day is skipped, never more than 11 in a row. */
	for (int k = 0; k < (int)(max + 1) * 12; k++) {
		if (rule_step(r, start, k, day) < 0) {
			if (!r->months)
				return -1;
			continue;
		}
		if (count <= 0 && strcmp(day, r->until) > 0)
			break;
		if (n == max)
			return -1;
		memcpy(out[n++], day, 11);
		if (count > 0 && (int)n == count)
			break;
	}
	if (count > 0) {
		if ((int)n < count)
			return -1;
		memcpy(r->until, out[n - 1], 11);
	}
	return (int)n;
}

char *
deadline_rule_format(const struct deadline_rule *r, char *buf, size_t size)
{
	snprintf(buf, size, "FREQ=%s;INTERVAL=%d;UNTIL=%.4s%.2s%.2s",
		 r->months ? "MONTHLY" : "WEEKLY", r->interval,
		 r->until, r->until + 5, r->until + 8);
	return buf;
}

int
deadline_rule_parse(const char *rrule, struct deadline_rule *r)
{
	char freq[16];
	int interval, y, m, d, used = 0;

	memset(r, 0, sizeof *r);
	if (!rrule ||
	    sscanf(rrule, "FREQ=%15[A-Z];INTERVAL=%d;UNTIL=%4d%2d%2d%n", freq,
		   &interval, &y, &m, &d, &used) != 5 || rrule[used] ||
	    interval < 1 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	if (!strcmp(freq, "MONTHLY"))
		r->months = true;
	else if (strcmp(freq, "WEEKLY"))
		return -1;
	r->interval = interval;
	iso_date(r->until, y, m, d);
	return 0;
}

char *
deadline_rule_describe(const struct deadline_rule *r, char *buf, size_t size,
		       enum fmt_style st)
{
	char day[40];

	format_date(day, sizeof day, r->until, st);
	if (r->interval == 1)
		snprintf(buf, size, r->months ? _("every month until %s")
					      : _("every week until %s"), day);
	else
		snprintf(buf, size, r->months ? _("every %d months until %s")
					      : _("every %d weeks until %s"),
			 r->interval, day);
	return buf;
}
