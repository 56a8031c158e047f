/* SPDX-License-Identifier: EUPL-1.2 */
/* format.h — people's dates, money and numbers, in and out.
 *
 * Storage form: ISO 8601 dates ("2024-01-15"), money in integer cents,
 * fixed-point hundredths.  People type and read Finnish forms
 * ("15.1.2024", "453 087 €") under a Finnish locale; ISO and plain
 * numbers are always accepted.  CSV and JSON use FMT_ISO whatever the
 * locale. */
#ifndef SALKKU_FORMAT_H
#define SALKKU_FORMAT_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum fmt_style {
	FMT_ISO,      /* 2024-01-15, 453087.50 — machines */
	FMT_FINNISH,  /* 15.1.2024, 453 087,50 € */
	FMT_ENGLISH,  /* 2024-01-15, 453,087.50 € */
};

/* The style for people under the current LC_TIME/LC_NUMERIC locale:
 * FMT_FINNISH for fi_* and sv_* locales, else FMT_ENGLISH. */
enum fmt_style format_style_from_locale(void);

/* Parses "15.1.2024", "15.01.2024" or "2024-01-15" into out (ISO,
 * 11 bytes).  Refuses impossible dates (31.2.2024), years outside
 * 1900–2199 and trailing garbage.  Returns 0, or -1. */
int parse_date(const char *in, char out[11]);

/* Whether s is a Finnish business ID (Y-tunnus) with a right check
 * digit: "1234567-1", seven digits, a hyphen and the check digit.  The
 * first seven digits are weighted 7, 9, 10, 5, 8, 4, 2 and summed; a
 * remainder mod 11 of 0 gives the check digit 0, 1 no valid ID, any
 * other r the digit 11 - r. */
bool business_id_valid(const char *s);

/* The largest amount of money in cents, and the largest figure in
 * hundredths, that salkku stores: 9 999 999 999 999,99 (just under
 * 10^13 €; no Finnish project comes near).  Bounded so that sums of
 * thousands of such amounts still fit in an int64_t. */
#define FORMAT_AMOUNT_MAX INT64_C(999999999999999)

/* What parse_money() and parse_hundredths() found wrong. */
enum parse_result {
	PARSE_OK        =  0,
	PARSE_INVALID   = -1,  /* not a number at all */
	PARSE_AMBIGUOUS = -2,  /* "1,500" / "1.500": three digits after one
	                        * separator, thousands or decimals */
	PARSE_DECIMALS  = -3,  /* more than two decimals */
	PARSE_RANGE     = -4,  /* beyond ±FORMAT_AMOUNT_MAX */
};

/* Parses money: "453087", "453 087", "453 087,50 €", "453087.50",
 * "1 250 000 €", "-5" (thin or no-break spaces as separators too) into
 * cents.  Comma groups are taken only where they cannot be decimals:
 * "1,250,000" and "453,087.50", never a lone "1,500".  Returns
 * PARSE_OK, or why not (enum parse_result, all negative); *cents is
 * set only on PARSE_OK.  Locale-independent. */
int parse_money(const char *in, int64_t *cents);

/* Parses a number with up to two decimals, "8,8" or "8.8" or "384",
 * into hundredths; like parse_money() but without comma groups or a
 * currency.  PARSE_OK or why not. */
int parse_hundredths(const char *in, int64_t *out);

/* Adds v to *sum unless the result would leave ±INT64_MAX; then leaves
 * *sum as it was and returns false.  Totals of money use it. */
bool money_add(int64_t *sum, int64_t v);

/* Switches the calling thread to the C locale's LC_NUMERIC, the other
 * categories unchanged, for code that reads or writes numbers through
 * the C library (SQLite's JSON functions use strtod() in some builds:
 * under fi_FI, "8.80" would read as 8).  Returns what to pass to
 * format_numeric_end(); (locale_t)0 when nothing was switched. */
locale_t format_numeric_begin(void);

/* Puts back the locale format_numeric_begin() replaced. */
void format_numeric_end(locale_t saved);

/* Parses yes/no: "1", "0", "yes", "no", "true", "false", "kyllä", "ei".
 * 0 or -1. */
int parse_bool(const char *in, bool *out);

/* Reads a year of four digits (spaces around allowed) into *out; 0, or
 * -1 when in is not one, or lies outside FIELD_YEAR_MIN..MAX. */
int parse_year(const char *in, int64_t *out);

/* Formatters write into buf (size bytes, 40 is always enough) and return
 * buf.  Money: FMT_FINNISH "453 087 €" (cents only when not zero:
 * "453 087,50 €"), FMT_ENGLISH "453,087 €", FMT_ISO "453087.00".
 * Dates: FMT_FINNISH "15.1.2024", others "2024-01-15".  Hundredths:
 * "8,8" / "8.8" / "8.80" (ISO: always two decimals). */
char *format_money(char *buf, size_t size, int64_t cents, enum fmt_style st);
char *format_date(char *buf, size_t size, const char *iso, enum fmt_style st);
char *format_hundredths(char *buf, size_t size, int64_t v, enum fmt_style st);

/* A count for people: "158,719" (FMT_ENGLISH), "158 719" (FMT_FINNISH,
 * as money groups its euros), "158719" (FMT_ISO). */
char *format_count(char *buf, size_t size, int64_t n, enum fmt_style st);

/* A stored UTC time stamp "2024-01-15T09:41:00Z" as people read it: in
 * local time (TZ), "15.1.2024 11.41" or "2024-01-15 11:41" by style.
 * Anything else is copied as it is.  JSON keeps the UTC form. */
char *format_when(char *buf, size_t size, const char *iso, enum fmt_style st);

/* Today's date in UTC as ISO, or SALKKU_TODAY when set (tests freeze
 * the clock with it).  out: 11 bytes. */
void format_today(char out[11]);

/* Now as ISO 8601 UTC "2024-01-15T09:41:00Z" (SALKKU_NOW overrides).
 * out: 21 bytes at least. */
void format_now(char out[32]);

/* Adds days to an ISO date; out 11 bytes.  0 or -1. */
int date_add_days(const char *iso, int days, char out[11]);

/* Whole days from a to b (b - a), both ISO. */
int date_diff_days(const char *a, const char *b);

#endif
