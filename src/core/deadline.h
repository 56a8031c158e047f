/* SPDX-License-Identifier: EUPL-1.2 */
/* deadline.h — what a deadline is beyond its fields: its state (open,
 * done, cancelled), whether it was done late, its default title, and
 * the rule of a repeating deadline.
 *
 * A repeating deadline is stored as its occurrences, each a deadline
 * record of its own (so lists, the project tab and reminders need
 * nothing new), that share the series' uuid and its rule, and remember
 * the date the rule gave them (the RECURRENCE-ID of iCalendar).  The
 * rule is kept as an RFC 5545 RRULE in UNTIL form ("FREQ=MONTHLY;
 * INTERVAL=2;UNTIL=20261231"): a count is turned into the date of the
 * last occurrence when the series is made, so that the rule still holds
 * from any remaining occurrence after the first is removed. */
#ifndef SALKKU_DEADLINE_H
#define SALKKU_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/format.h"
#include "src/base/record.h"

enum deadline_state {
	DEADLINE_STATE_OPEN,
	DEADLINE_STATE_DONE,
	DEADLINE_STATE_CANCELLED,
};

/* The state of a deadline record. */
enum deadline_state deadline_state_of(const struct record *d);

/* The key of a state as CSV and JSON carry it: "open", "done",
 * "cancelled". */
const char *deadline_state_key(enum deadline_state s);

/* True when done_date (ISO, may be NULL) is after due. */
bool deadline_late(const char *due, const char *done_date);

/* The title a deadline gets when none is given: its kind's label and
 * its due date in style st ("Raportointi 15.3.2024"); into buf. */
char *deadline_default_title(char *buf, size_t size, const char *kind,
			     const char *due, enum fmt_style st);

/* Repeats at most this many times. */
#define DEADLINE_SERIES_MAX 520

struct deadline_rule {
	bool months;     /* every interval months; else weeks */
	int interval;    /* 1.. */
	char until[11];  /* ISO date of the last possible occurrence */
};

/* Parses --every: "2months", "4 weeks", "month", "week" (also Finnish
 * "kk", "vk", "kuukautta", "viikkoa" and Swedish "mån", "månader", "v",
 * "veckor").  0, or -1. */
int deadline_every_parse(const char *every, struct deadline_rule *r);

/* The dates of the rule from start (ISO), at most max into out; count
 * > 0 stops after count dates and sets r->until to the last.  Months
 * whose day does not exist (31.4.) are skipped, as RFC 5545 says.
 * Returns how many, or -1 when there would be more than max. */
int deadline_rule_dates(struct deadline_rule *r, const char *start, int count,
			char (*out)[11], size_t max);

/* The rule as an RRULE value; into buf (64 bytes are enough). */
char *deadline_rule_format(const struct deadline_rule *r, char *buf,
			   size_t size);

/* Parses what deadline_rule_format wrote.  0, or -1. */
int deadline_rule_parse(const char *rrule, struct deadline_rule *r);

/* "every 2 months until 31.12.2026", translated; into buf. */
char *deadline_rule_describe(const struct deadline_rule *r, char *buf,
			     size_t size, enum fmt_style st);

#endif
