/* SPDX-License-Identifier: EUPL-1.2 */
/* fuzz_format.c — dates, money and numbers (src/base/format.c).
 *
 * The input, as one string, goes to each parser.  Properties: what a
 * parser accepts, formatted in each style it reads (ISO and Finnish;
 * English too for plain numbers, whose point is never a group
 * separator), parses again to the same value; a date moved by n days
 * is n days away.  The first four bytes, read as a number, are also
 * formatted as money and hundredths, to find crashes at the extremes. */
#include "config.h"

#include "fuzz.h"

#include "src/base/format.h"

static const enum fmt_style styles[] = { FMT_ISO, FMT_FINNISH, FMT_ENGLISH };

static void
check_date(const char *s, int days)
{
	char iso[11], back[11], moved[11], buf[40];

	if (parse_date(s, iso) < 0)
		return;
	for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
		format_date(buf, sizeof buf, iso, styles[i]);
		if (parse_date(buf, back) < 0 || strcmp(iso, back))
			fuzz_fail("date %s formatted as \"%s\" parses back", iso, buf);
	}
	if (date_diff_days(iso, iso) != 0)
		fuzz_fail("date %s is 0 days from itself", iso);
	if (date_add_days(iso, days, moved) == 0 &&
	    date_diff_days(iso, moved) != days)
		fuzz_fail("%s + %d days = %s is %d days away", iso, days, moved,
			  date_diff_days(iso, moved));
}

static void
check_number(const char *s, bool money)
{
	int (*parse)(const char *, int64_t *) = money ? parse_money : parse_hundredths;
	int64_t v, back;
	char buf[40];

	if (parse(s, &v) < 0)
		return;
	/* FMT_ENGLISH money groups with commas ("1,500 €"), which a
	 * reader of the decimal comma cannot take back. */
	for (size_t i = 0; i < (money ? 2 : 3); i++) {
		if (money)
			format_money(buf, sizeof buf, v, styles[i]);
		else
			format_hundredths(buf, sizeof buf, v, styles[i]);
		if (parse(buf, &back) < 0 || back != v)
			fuzz_fail("%s %lld formatted as \"%s\" parses back",
				  money ? "money" : "number", (long long)v, buf);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), buf[40];
	int32_t days = 0;
	int64_t raw = 0;
	bool b;

	if (size >= sizeof days)
		memcpy(&days, data, sizeof days);
	if (size >= sizeof raw)
		memcpy(&raw, data, sizeof raw);
	check_date(s, days % 200000);
	check_number(s, true);
	check_number(s, false);
	(void)parse_bool(s, &b);
	for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
		format_money(buf, sizeof buf, raw, styles[i]);
		format_hundredths(buf, sizeof buf, raw, styles[i]);
		format_date(buf, sizeof buf, s, styles[i]);
	}
	free(s);
	return 0;
}
