/* SPDX-License-Identifier: EUPL-1.2 */
/* format.c — dates, money and fixed-point numbers between people and
 * storage.
 *
 * Dates are computed on a day count (days from 1970-01-01 in the
 * proleptic Gregorian calendar), never with mktime(), so that no time
 * zone or DST rule can shift them. */
#include "config.h"

#include "format.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "entity.h"

#define YEAR_MIN 1900
#define YEAR_MAX 2199

/* ---- dates ---------------------------------------------------------- */

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool
date_ok(int y, int m, int d)
{
	return y >= YEAR_MIN && y <= YEAR_MAX && m >= 1 && m <= 12 &&
	       d >= 1 && d <= days_in_month(y, m);
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* y, m and d come from a valid date with a four-digit year. */
static void
write_iso(char out[11], int y, int m, int d)
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* Reads between min and max decimal digits at *p into *v, advancing *p.
 * Returns the digits read, or 0 when there were too few. */
static int
read_digits(const char **p, int min, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= min ? n : 0;
}

static const char *
skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

int
parse_date(const char *in, char out[11])
{
	const char *p;
	int y, m, d, n;

	if (!in || !out)
		return -1;
	p = skip_spaces(in);
	n = read_digits(&p, 1, 4, &y);
	if (n == 4 && *p == '-') {
		p++;
		if (!read_digits(&p, 2, 2, &m) || *p++ != '-' ||
		    !read_digits(&p, 2, 2, &d))
			return -1;
	} else if (n >= 1 && n <= 2 && *p == '.') {
		d = y;
		p++;
		if (!read_digits(&p, 1, 2, &m) || *p++ != '.' ||
		    read_digits(&p, 4, 4, &y) != 4)
			return -1;
	} else {
		return -1;
	}
	/* A fifth digit of the year or anything else after the date. */
	if (*skip_spaces(p) != '\0' || !date_ok(y, m, d))
		return -1;
	write_iso(out, y, m, d);
	return 0;
}

/* Splits a valid ISO date; false when iso is not one. */
static bool
split_iso(const char *iso, int *y, int *m, int *d)
{
	char norm[11];

	if (parse_date(iso, norm) < 0)
		return false;
	*y = atoi(norm);
	*m = atoi(norm + 5);
	*d = atoi(norm + 8);
	return true;
}

int
date_add_days(const char *iso, int days, char out[11])
{
	int y, m, d;

	if (!out || !split_iso(iso, &y, &m, &d))
		return -1;
	civil_from_days(days_from_civil(y, m, d) + days, &y, &m, &d);
	if (y < YEAR_MIN || y > YEAR_MAX)
		return -1;
	write_iso(out, y, m, d);
	return 0;
}

int
date_diff_days(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;

	/* The header promises ISO dates; anything else counts as no
	 * distance rather than as a huge one. */
	if (!split_iso(a, &ya, &ma, &da) || !split_iso(b, &yb, &mb, &db))
		return 0;
	return (int)(days_from_civil(yb, mb, db) - days_from_civil(ya, ma, da));
}

char *
format_date(char *buf, size_t size, const char *iso, enum fmt_style st)
{
	int y, m, d;

	if (!buf || size == 0)
		return buf;
	if (!iso)
		iso = "";
	if (st == FMT_FINNISH && split_iso(iso, &y, &m, &d))
		snprintf(buf, size, "%d.%d.%d", d, m, y);
	else
		snprintf(buf, size, "%s", iso);
	return buf;
}

char *
format_when(char *buf, size_t size, const char *iso, enum fmt_style st)
{
	struct tm tm = { 0 }, local;
	char day[11], date[40];
	const char *end;
	time_t t;

	if (!buf || size == 0)
		return buf;
	if (!iso || !(end = strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm)) ||
	    (*end && strcmp(end, "Z"))) {
		snprintf(buf, size, "%s", iso ? iso : "");
		return buf;
	}
	/* Stored in UTC; people read their own clock (TZ). */
	t = timegm(&tm);
	if (!localtime_r(&t, &local) ||
	    !strftime(day, sizeof day, "%Y-%m-%d", &local)) {
		snprintf(buf, size, "%s", iso);
		return buf;
	}
	format_date(date, sizeof date, day, st);
	snprintf(buf, size, st == FMT_FINNISH ? "%s %d.%02d" : "%s %02d:%02d",
		 date, local.tm_hour, local.tm_min);
	return buf;
}

/* ---- the clock ---------------------------------------------------------- */

void
format_today(char out[11])
{
	const char *env = getenv("SALKKU_TODAY");
	long days;
	int y, m, d;

	if (env && *env && parse_date(env, out) == 0)
		return;
	days = (long)(time(NULL) / 86400);
	civil_from_days(days, &y, &m, &d);
	write_iso(out, y, m, d);
}

/* True for "YYYY-MM-DDTHH:MM:SSZ" with a valid date and time. */
static bool
valid_timestamp(const char *s)
{
	char date[11];
	int h, mi, se;
	const char *p;

	if (strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z')
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (parse_date(date, date) < 0 || memcmp(date, s, 10))
		return false;
	p = s + 11;
	if (!read_digits(&p, 2, 2, &h) || *p++ != ':' ||
	    !read_digits(&p, 2, 2, &mi) || *p++ != ':' ||
	    !read_digits(&p, 2, 2, &se))
		return false;
	return h < 24 && mi < 60 && se < 61;
}

void
format_now(char out[32])
{
	const char *env = getenv("SALKKU_NOW");
	time_t t = time(NULL);
	long days = (long)(t / 86400), secs = (long)(t % 86400);
	char today[11];
	int y, m, d;

	if (env && valid_timestamp(env)) {
		snprintf(out, 32, "%s", env);
		return;
	}
	/* A frozen SALKKU_TODAY without SALKKU_NOW keeps its date, so that
	 * "today" and the time stamps of the same run agree. */
	format_today(today);
	if (!split_iso(today, &y, &m, &d))
		civil_from_days(days, &y, &m, &d);
	snprintf(out, 32, "%04d-%02d-%02dT%02ld:%02ld:%02ldZ", y, m, d,
		 secs / 3600, secs / 60 % 60, secs % 60);
}

/* ---- numbers ---------------------------------------------------------- */

/* The group separators people type: space, no-break space U+00A0 and
 * narrow no-break space U+202F.  Returns the bytes one takes, or 0. */
static size_t
space_sep(const char *p)
{
	if (*p == ' ')
		return 1;
	if (!strncmp(p, "\xc2\xa0", 2))
		return 2;
	if (!strncmp(p, "\xe2\x80\xaf", 3))
		return 3;
	return 0;
}

static const char *
skip_any_spaces(const char *p)
{
	for (;;) {
		size_t n = *p == '\t' ? 1 : space_sep(p);

		if (!n)
			return p;
		p += n;
	}
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The length of a group separator at p, or 0.  A comma is one only when
 * commas are allowed, exactly three digits follow (a decimal comma
 * allows two decimals) and the groups are not separated by spaces. */
static size_t
group_sep(const char *p, char sep, bool commas)
{
	if (*p == ',')
		return commas && sep != ' ' && is_digit(p[1]) && is_digit(p[2]) &&
		       is_digit(p[3]) && !is_digit(p[4]);
	return space_sep(p);
}

/* The digits of a number: the whole part with its grouping, and the
 * decimals.  Filled by scan_whole() and scan_decimals(). */
struct fixed {
	int64_t whole;   /* saturates above FORMAT_AMOUNT_MAX / 100 */
	int ndigits;     /* digits of the whole part */
	int ngroups;     /* separators between groups of three */
	char sep;        /* the group separator in use: 0, ' ' or ',' */
	char first;      /* the first digit */
	int frac, nfrac; /* the decimals (the first two) and their count */
	bool point;      /* a decimal separator was there */
};

/* Reads the whole part at *p.  Groups of three digits may be separated
 * by spaces ("1 250 000"), and amounts of money also by commas
 * ("1,250,000.50", as FMT_ENGLISH writes them), one kind in a number;
 * the first group has one to three digits and no leading zero.
 * PARSE_OK or PARSE_INVALID. */
static int
scan_whole(const char **pp, bool commas, struct fixed *x)
{
	const char *p = *pp;
	int group = 0;

	x->first = *p;
	for (;;) {
		size_t n;
		char kind;

		if (is_digit(*p)) {
			if (x->whole <= FORMAT_AMOUNT_MAX / 100)
				x->whole = x->whole * 10 + (*p - '0');
			p++;
			x->ndigits++;
			group++;
			continue;
		}
		n = group_sep(p, x->sep, commas);
		/* A space not followed by digits is the one before "€". */
		if (!n || group == 0 || !is_digit(p[n]))
			break;
		kind = *p == ',' ? ',' : ' ';
		if (!x->sep ? group > 3 || x->first == '0' :
			      x->sep != kind || group != 3)
			return PARSE_INVALID;
		x->sep = kind;
		x->ngroups++;
		group = 0;
		p += n;
	}
	if (x->sep && group != 3)
		return PARSE_INVALID;
	*pp = p;
	return PARSE_OK;
}

/* Reads a decimal point or comma and the digits after it, all of them:
 * how many there are decides between too many and ambiguous. */
static void
scan_decimals(const char **pp, struct fixed *x)
{
	const char *p = *pp;

	if (*p != '.' && (*p != ',' || x->sep == ','))
		return;
	x->point = true;
	for (p++; is_digit(*p); p++) {
		if (++x->nfrac <= 2)
			x->frac = x->frac * 10 + (*p - '0');
	}
	if (x->nfrac == 1)
		x->frac *= 10;
	*pp = p;
}

/* "1,500" and "1.500" read as a thousand and a half in one country
 * and as one and a half in another: three decimals after a whole part
 * that could be a first group, or a single comma group and nothing
 * after it. */
static bool
ambiguous(const struct fixed *x)
{
	if (x->sep == ',')
		return x->ngroups == 1 && !x->point;
	return !x->sep && x->nfrac == 3 && x->ndigits >= 1 &&
	       x->ndigits <= 3 && x->first != '0';
}

/* Parses a number with at most two decimals into hundredths.  With
 * currency, comma groups are allowed and "€" or "EUR" may follow.
 *
 * Other numbers take no comma groups: "1,125" person-years is a Finn's
 * 1.125, not 1125. */
static int
parse_fixed(const char *in, bool currency, int64_t *out)
{
	struct fixed x = { 0 };
	const char *p;
	bool neg = false;
	int64_t v;
	int rc;

	if (!in || !out)
		return PARSE_INVALID;
	p = skip_any_spaces(in);
	if (*p == '-') {
		neg = true;
		p++;
	}
	if ((rc = scan_whole(&p, currency, &x)))
		return rc;
	scan_decimals(&p, &x);
	if (x.ndigits == 0 && x.nfrac == 0)
		return PARSE_INVALID;
	p = skip_any_spaces(p);
	if (currency) {
		if (!strncmp(p, "\xe2\x82\xac", 3))
			p += 3;
		else if (!strncasecmp(p, "EUR", 3))
			p += 3;
		p = skip_any_spaces(p);
	}
	if (*p)
		return PARSE_INVALID;
	if (ambiguous(&x))
		return PARSE_AMBIGUOUS;
	if (x.nfrac > 2)
		return PARSE_DECIMALS;
	if (x.whole > FORMAT_AMOUNT_MAX / 100 ||
	    (v = x.whole * 100 + x.frac) > FORMAT_AMOUNT_MAX)
		return PARSE_RANGE;
	*out = neg ? -v : v;
	return PARSE_OK;
}

int
parse_money(const char *in, int64_t *cents)
{
	return parse_fixed(in, true, cents);
}

int
parse_hundredths(const char *in, int64_t *out)
{
	return parse_fixed(in, false, out);
}

bool
money_add(int64_t *sum, int64_t v)
{
	int64_t r;

	if (!sum || __builtin_add_overflow(*sum, v, &r) || r == INT64_MIN)
		return false;
	*sum = r;
	return true;
}

int
parse_year(const char *in, int64_t *out)
{
	const char *p;
	int64_t y = 0;
	int n = 0;

	if (!in || !out)
		return -1;
	for (p = skip_spaces(in); *p >= '0' && *p <= '9'; p++, n++)
		y = y * 10 + (*p - '0');
	if (n != 4 || *skip_spaces(p))
		return -1;
	if (y < FIELD_YEAR_MIN || y > FIELD_YEAR_MAX)
		return -1;
	*out = y;
	return 0;
}

int
parse_bool(const char *in, bool *out)
{
	static const char *const yes[] = {
		"1", "yes", "y", "true", "on", "kyllä", "KYLLÄ", "k", "ja",
	};
	static const char *const no[] = {
		"0", "no", "n", "false", "off", "ei", "e", "nej",
	};
	char word[16];
	const char *p;
	size_t len;

	if (!in || !out)
		return -1;
	p = skip_spaces(in);
	len = strlen(p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof word)
		return -1;
	memcpy(word, p, len);
	word[len] = '\0';
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!strcasecmp(word, yes[i])) {
			*out = true;
			return 0;
		}
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (!strcasecmp(word, no[i])) {
			*out = false;
			return 0;
		}
	return -1;
}

/* Writes the digits of v with sep (may be 0: none) between groups of
 * three into out (at least 32 bytes). */
static void
group_digits(char *out, uint64_t v, char sep)
{
	char rev[32];
	int n = 0, o = 0;

	do {
		if (sep && n && n % 4 == 3)
			rev[n++] = sep;
		rev[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		out[o++] = rev[--n];
	out[o] = '\0';
}

/* |v| without overflow for INT64_MIN. */
static uint64_t
magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

char *
format_money(char *buf, size_t size, int64_t cents, enum fmt_style st)
{
	uint64_t mag = magnitude(cents);
	const char *sign = cents < 0 ? "-" : "";
	unsigned frac = (unsigned)(mag % 100);
	char digits[40];

	if (!buf || size == 0)
		return buf;
	switch (st) {
	case FMT_ISO:
		snprintf(buf, size, "%s%llu.%02u", sign,
			 (unsigned long long)(mag / 100), frac);
		break;
	case FMT_FINNISH:
		group_digits(digits, mag / 100, ' ');
		if (frac)
			snprintf(buf, size, "%s%s,%02u \xe2\x82\xac", sign, digits,
				 frac);
		else
			snprintf(buf, size, "%s%s \xe2\x82\xac", sign, digits);
		break;
	case FMT_ENGLISH:
	default:
		group_digits(digits, mag / 100, ',');
		if (frac)
			snprintf(buf, size, "%s%s.%02u \xe2\x82\xac", sign, digits,
				 frac);
		else
			snprintf(buf, size, "%s%s \xe2\x82\xac", sign, digits);
		break;
	}
	return buf;
}

char *
format_count(char *buf, size_t size, int64_t n, enum fmt_style st)
{
	char digits[40];

	if (!buf || size == 0)
		return buf;
	group_digits(digits, magnitude(n), st == FMT_FINNISH ? ' ' :
					 st == FMT_ENGLISH ? ',' : 0);
	snprintf(buf, size, "%s%s", n < 0 ? "-" : "", digits);
	return buf;
}

char *
format_hundredths(char *buf, size_t size, int64_t v, enum fmt_style st)
{
	uint64_t mag = magnitude(v);
	const char *sign = v < 0 ? "-" : "";
	unsigned frac = (unsigned)(mag % 100);
	unsigned long long whole = (unsigned long long)(mag / 100);
	char point = st == FMT_FINNISH ? ',' : '.';
	char digits[40];

	if (!buf || size == 0)
		return buf;
	/* Thousands apart in the Nordic form only ("2 700"): an English
	 * "2,700" would read back as ambiguous. */
	group_digits(digits, whole, st == FMT_FINNISH ? ' ' : 0);
	if (st == FMT_ISO)
		snprintf(buf, size, "%s%llu.%02u", sign, whole, frac);
	else if (frac == 0)
		snprintf(buf, size, "%s%s", sign, digits);
	else if (frac % 10 == 0)
		snprintf(buf, size, "%s%s%c%u", sign, digits, point, frac / 10);
	else
		snprintf(buf, size, "%s%s%c%02u", sign, digits, point, frac);
	return buf;
}

/* ---- locale ------------------------------------------------------------- */

locale_t
format_numeric_begin(void)
{
	locale_t base = duplocale(uselocale((locale_t)0)), c;

	if (!base)
		return (locale_t)0;
	/* newlocale() takes base over (and frees it on failure). */
	if (!(c = newlocale(LC_NUMERIC_MASK, "C", base)))
		return (locale_t)0;
	return uselocale(c);
}

void
format_numeric_end(locale_t saved)
{
	locale_t c;

	if (!saved)
		return;
	c = uselocale(saved);
	if (c && c != LC_GLOBAL_LOCALE && c != saved)
		freelocale(c);
}

static bool
nordic(const char *name)
{
	return name && (!strncmp(name, "fi", 2) || !strncmp(name, "sv", 2));
}

static bool
plain_c(const char *name)
{
	return !name || !strcmp(name, "C") || !strcmp(name, "POSIX") ||
	       !strncmp(name, "C.", 2);
}

enum fmt_style
format_style_from_locale(void)
{
	const char *messages = setlocale(LC_MESSAGES, NULL);
	const char *language = getenv("LANGUAGE");

	if (nordic(setlocale(LC_TIME, NULL)) || nordic(messages))
		return FMT_FINNISH;
	/* gettext ignores LANGUAGE under the C locale, and so do we: the
	 * dates should be in the language the messages are in. */
	if (!plain_c(messages) && nordic(language))
		return FMT_FINNISH;
	return FMT_ENGLISH;
}

bool
business_id_valid(const char *s)
{
	static const int weight[7] = { 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0, r;

	for (int i = 0; i < 7; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		sum += (s[i] - '0') * weight[i];
	}
	if (s[7] != '-' || s[8] < '0' || s[8] > '9' || s[9])
		return false;
	r = sum % 11;
	if (r == 1)
		return false;
	return s[8] - '0' == (r ? 11 - r : 0);
}
